/// Human-readable JSON for command output: keys sorted, two-space indentation, one member per
/// line, non-ASCII kept as is. Sorted keys keep output stable for scripts and diffs.
public enum PrettyJSON {
    /// The text of `value`, ending without a newline.
    public static func string(of value: JSONValue) -> String {
        var output: [UInt8] = []
        write(value, indent: 0, to: &output, after: { (_: inout [UInt8]) throws(Never) in })
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `value` at nesting depth `indent`, calling `after` once each element or member is
    /// complete: the one place where the format is spelled out, shared with `PrettyJSONWriter`,
    /// whose `after` hands the bytes so far on so a large value is never held whole.
    static func write<Failure: Error>(_ value: JSONValue, indent: Int, to output: inout [UInt8],
                                      after: (inout [UInt8]) throws(Failure) -> Void) throws(Failure) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            output.append(contentsOf: "[\n".utf8)
            for (offset, element) in elements.enumerated() {
                pad(indent + 1, to: &output)
                try write(element, indent: indent + 1, to: &output, after: after)
                output.append(contentsOf: (offset < elements.count - 1 ? ",\n" : "\n").utf8)
                try after(&output)
            }
            pad(indent, to: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members) where !members.isEmpty:
            output.append(contentsOf: "{\n".utf8)
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (offset, member) in sorted.enumerated() {
                pad(indent + 1, to: &output)
                CanonicalJSON.writeString(member.key, to: &output)
                output.append(contentsOf: ": ".utf8)
                try write(member.value, indent: indent + 1, to: &output, after: after)
                output.append(contentsOf: (offset < sorted.count - 1 ? ",\n" : "\n").utf8)
                try after(&output)
            }
            pad(indent, to: &output)
            output.append(UInt8(ascii: "}"))
        default:
            CanonicalJSON.write(value, to: &output)
        }
    }

    /// The indentation of nesting depth `depth`: two spaces a level.
    static func pad(_ depth: Int, to output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }
}

extension JSONValue {
    /// A string, or null for nil.
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    /// A number from an integer.
    static func integer(_ value: Int) -> JSONValue { .number(String(value)) }
}
