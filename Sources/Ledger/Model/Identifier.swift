/// Identifier of a unit (`kv40`, `tfm-egov-it`). Never encodes the hierarchy and is never reused.
public typealias UnitID = String
/// Identifier of a task (`ozg-beratung-kommunen`).
public typealias TaskID = String
/// Identifier of a record (`2017-09-26-kabinett-verwaltung-4-0`).
public typealias RecordID = String
/// Identifier of a person holding an office (`hartmut-schubert`).
public typealias PersonID = String

/// The slug rule every identifier follows: `[a-z0-9][a-z0-9.-]*`.
public enum Slug {
    /// Whether `text` is a valid identifier.
    public static func isValid(_ text: String) -> Bool { isValid(text.utf8) }

    /// Whether the UTF-8 `bytes` are a valid identifier.
    public static func isValid(_ bytes: some Sequence<UInt8>) -> Bool {
        var first = true
        for byte in bytes {
            let alphanumeric = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            if first {
                guard alphanumeric else { return false }
                first = false
            } else {
                guard alphanumeric || byte == 0x2D || byte == 0x2E else { return false }
            }
        }
        return !first
    }
}
