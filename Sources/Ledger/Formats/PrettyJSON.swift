/// Human-readable JSON for command output: keys sorted, two-space indentation, one member per
/// line, non-ASCII kept as is. Sorted keys keep output stable for scripts and diffs.
public enum PrettyJSON {
    /// The text of `value`, ending without a newline.
    public static func string(of value: JSONValue) -> String {
        var output: [UInt8] = []
        write(value, indent: 0, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func write(_ value: JSONValue, indent: Int, to output: inout [UInt8]) {
        let pad = [UInt8](repeating: 0x20, count: (indent + 1) * 2)
        let closePad = [UInt8](repeating: 0x20, count: indent * 2)
        switch value {
        case .array(let elements) where !elements.isEmpty:
            output.append(contentsOf: "[\n".utf8)
            for (offset, element) in elements.enumerated() {
                output.append(contentsOf: pad)
                write(element, indent: indent + 1, to: &output)
                output.append(contentsOf: (offset < elements.count - 1 ? ",\n" : "\n").utf8)
            }
            output.append(contentsOf: closePad)
            output.append(UInt8(ascii: "]"))
        case .object(let members) where !members.isEmpty:
            output.append(contentsOf: "{\n".utf8)
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (offset, member) in sorted.enumerated() {
                output.append(contentsOf: pad)
                CanonicalJSON.writeString(member.key, to: &output)
                output.append(contentsOf: ": ".utf8)
                write(member.value, indent: indent + 1, to: &output)
                output.append(contentsOf: (offset < sorted.count - 1 ? ",\n" : "\n").utf8)
            }
            output.append(contentsOf: closePad)
            output.append(UInt8(ascii: "}"))
        default:
            CanonicalJSON.write(value, to: &output)
        }
    }
}

extension JSONValue {
    /// A string, or null for nil.
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    /// A number from an integer.
    static func integer(_ value: Int) -> JSONValue { .number(String(value)) }
}
