/// JSON as an author reads and edits it: members in the order they were given (for records, the
/// order of `RecordFormat`: id, date, type, title, …, changes), two spaces a level, and a change
/// or a source on one line each, so a record reads like the decision it stands for. Used for the
/// templates of `ledger new` and `ledger correct`; command output uses `PrettyJSON` (sorted keys).
public enum AuthorJSON {
    /// The text of `value`, ending without a newline; objects and arrays nested less than
    /// `expanding` levels deep get a line per member, deeper ones one line each.
    public static func string(of value: JSONValue, expanding: Int = 2) -> String {
        var output: [UInt8] = []
        write(value, depth: 0, expanding: expanding, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func write(_ value: JSONValue, depth: Int, expanding: Int, to output: inout [UInt8]) {
        switch value {
        case .object(let members) where !members.isEmpty && depth < expanding:
            output.append(contentsOf: "{\n".utf8)
            for (offset, member) in members.enumerated() {
                PrettyJSON.pad(depth + 1, to: &output)
                CanonicalJSON.writeString(member.key, to: &output)
                output.append(contentsOf: ": ".utf8)
                write(member.value, depth: depth + 1, expanding: expanding, to: &output)
                output.append(contentsOf: (offset < members.count - 1 ? ",\n" : "\n").utf8)
            }
            PrettyJSON.pad(depth, to: &output)
            output.append(UInt8(ascii: "}"))
        case .array(let elements) where !elements.isEmpty && depth < expanding:
            output.append(contentsOf: "[\n".utf8)
            for (offset, element) in elements.enumerated() {
                PrettyJSON.pad(depth + 1, to: &output)
                write(element, depth: depth + 1, expanding: expanding, to: &output)
                output.append(contentsOf: (offset < elements.count - 1 ? ",\n" : "\n").utf8)
            }
            PrettyJSON.pad(depth, to: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members) where !members.isEmpty:
            // A change or a source: one line, with spaces after the separators.
            output.append(UInt8(ascii: "{"))
            for (offset, member) in members.enumerated() {
                CanonicalJSON.writeString(member.key, to: &output)
                output.append(contentsOf: ": ".utf8)
                write(member.value, depth: depth + 1, expanding: expanding, to: &output)
                if offset < members.count - 1 { output.append(contentsOf: ", ".utf8) }
            }
            output.append(UInt8(ascii: "}"))
        case .array(let elements) where !elements.isEmpty:
            output.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                write(element, depth: depth + 1, expanding: expanding, to: &output)
                if offset < elements.count - 1 { output.append(contentsOf: ", ".utf8) }
            }
            output.append(UInt8(ascii: "]"))
        default:
            CanonicalJSON.write(value, to: &output)
        }
    }
}
