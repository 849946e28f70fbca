/// How an answer differs from the one expected, in words a failing test can show: each field or
/// element that differs, by its path in the answer (`path[0].relation: expected nil, got partOf`),
/// or, for values without fields, both values whole.
enum Difference {
    static func between<Value>(expected: Value, actual: Value) -> String {
        var found: [String] = []
        collect(expected, actual, at: "", into: &found)
        return found.isEmpty ? "expected \(text(expected)), got \(text(actual))" : found.joined(separator: "; ")
    }

    /// Adds to `found` where `expected` and `actual` differ, walking into structs, optionals that
    /// both hold a value, and arrays of structs of the same length (arrays of ids read best whole).
    private static func collect(_ expected: Any, _ actual: Any, at path: String, into found: inout [String]) {
        if equal(expected, actual) { return }
        let (wanted, got) = (Mirror(reflecting: expected), Mirror(reflecting: actual))
        switch (wanted.displayStyle, got.displayStyle) {
        case (.optional, .optional):
            if let wantedValue = wanted.children.first?.value, let gotValue = got.children.first?.value {
                return collect(wantedValue, gotValue, at: path, into: &found)
            }
        case (.struct, .struct) where !wanted.children.isEmpty && wanted.children.count == got.children.count:
            for (field, other) in zip(wanted.children, got.children) {
                collect(field.value, other.value, at: path.isEmpty ? field.label ?? "?" : "\(path).\(field.label ?? "?")", into: &found)
            }
            return
        case (.collection, .collection) where wanted.children.count == got.children.count
            && wanted.children.contains(where: { Mirror(reflecting: $0.value).displayStyle == .struct }):
            for (offset, (element, other)) in zip(wanted.children, got.children).enumerated() {
                collect(element.value, other.value, at: "\(path)[\(offset)]", into: &found)
            }
            return
        default:
            break
        }
        found.append((path.isEmpty ? "" : "\(path): ") + "expected \(text(expected)), got \(text(actual))")
    }

    /// Equal as values where they can be compared (a dictionary may print in another order), else
    /// as text.
    private static func equal(_ a: Any, _ b: Any) -> Bool {
        if let a = a as? AnyHashable, let b = b as? AnyHashable { return a == b }
        return text(a) == text(b)
    }

    /// `value` as a test reads it: an optional without `Optional(…)` around it, nil as "nil".
    static func text(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return "nil" }
            return text(wrapped)
        }
        if let string = value as? String { return "\"\(string)\"" }
        return String(describing: value)
    }
}
