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

    /// Whether `bytes` are a valid identifier: the same rule, eight bytes at a time, for the
    /// decoders, which check some ten million ids in a large ledger.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, (first &- 0x61) < 26 || (first &- 0x30) < 10 else { return false }
        let raw = UnsafeRawBufferPointer(bytes)
        var at = 0
        while at + 8 <= raw.count {
            guard allowedEverywhere(raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) else { return false }
            at += 8
        }
        while at < raw.count {
            let byte = raw[at]
            guard (byte &- 0x61) < 26 || (byte &- 0x30) < 10 || byte == 0x2D || byte == 0x2E else { return false }
            at += 1
        }
        return true
    }

    /// Whether each byte of `word` is a-z, 0-9, `-` or `.`. For ASCII bytes, adding 0x80 - n sets
    /// a byte's high bit exactly when it is n or more, without carrying into the next byte.
    @inline(__always)
    private static func allowedEverywhere(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        guard word & highs == 0 else { return false }
        func atLeast(_ n: UInt64) -> UInt64 { word &+ ones &* (0x80 &- n) }
        let lower = atLeast(0x61) & ~atLeast(0x7B)
        let digit = atLeast(0x30) & ~atLeast(0x3A)
        let dashOrDot = atLeast(0x2D) & ~atLeast(0x2F)
        return (lower | digit | dashOrDot) & highs == highs
    }
}
