/// Reads the members of one JSON object into typed values, naming the field path in every error and
/// refusing members nobody asked for (a misspelt `efective` must not be ignored silently).
struct JSONObjectReader {
    let path: String
    private let members: [(key: String, value: JSONValue)]
    private var used = Set<String>()

    init(_ value: JSONValue, path: String) throws(RecordFormatError) {
        guard case .object(let members) = value else {
            throw RecordFormatError(field: path.isEmpty ? nil : path, message: "expected an object, found \(value.typeDescription)")
        }
        self.path = path
        self.members = members
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    mutating func value(_ key: String) -> JSONValue? {
        used.insert(key)
        guard let value = members.first(where: { $0.key == key })?.value else { return nil }
        if case .null = value { return nil }
        return value
    }

    mutating func optionalString(_ key: String) throws(RecordFormatError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else {
            throw RecordFormatError(field: fieldPath(key), message: "expected a string, found \(value.typeDescription)")
        }
        return text
    }

    mutating func string(_ key: String) throws(RecordFormatError) -> String {
        guard let text = try optionalString(key) else {
            throw RecordFormatError(field: fieldPath(key), message: "is missing")
        }
        return text
    }

    /// A non-empty string without line breaks (titles, names).
    mutating func line(_ key: String) throws(RecordFormatError) -> String {
        let text = try string(key)
        try checkLine(text, key)
        return text
    }

    mutating func optionalLine(_ key: String) throws(RecordFormatError) -> String? {
        guard let text = try optionalString(key) else { return nil }
        try checkLine(text, key)
        return text
    }

    private func checkLine(_ text: String, _ key: String) throws(RecordFormatError) {
        guard !text.allSatisfy(\.isWhitespace) else {
            throw RecordFormatError(field: fieldPath(key), message: "must not be empty")
        }
        guard !text.contains(where: \.isNewline) else {
            throw RecordFormatError(field: fieldPath(key), message: "must be one line")
        }
    }

    mutating func optionalSlug(_ key: String) throws(RecordFormatError) -> String? {
        guard let text = try optionalString(key) else { return nil }
        guard Slug.isValid(text) else {
            throw RecordFormatError(field: fieldPath(key), message: "'\(text)' is not an id; ids match [a-z0-9][a-z0-9.-]*")
        }
        return text
    }

    mutating func slug(_ key: String) throws(RecordFormatError) -> String {
        guard let text = try optionalSlug(key) else {
            throw RecordFormatError(field: fieldPath(key), message: "is missing")
        }
        return text
    }

    mutating func optionalDate(_ key: String) throws(RecordFormatError) -> ValidDate? {
        guard let text = try optionalString(key) else { return nil }
        do {
            return try ValidDate(parsing: text)
        } catch {
            throw RecordFormatError(field: fieldPath(key), message: error.description)
        }
    }

    mutating func date(_ key: String) throws(RecordFormatError) -> ValidDate {
        guard let date = try optionalDate(key) else {
            throw RecordFormatError(field: fieldPath(key), message: "is missing")
        }
        return date
    }

    mutating func optionalArray(_ key: String) throws(RecordFormatError) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else {
            throw RecordFormatError(field: fieldPath(key), message: "expected an array, found \(value.typeDescription)")
        }
        return elements
    }

    mutating func integer(_ key: String) throws(RecordFormatError) -> Int {
        guard let value = value(key) else {
            throw RecordFormatError(field: fieldPath(key), message: "is missing")
        }
        guard case .number(let text) = value, let number = Int(text) else {
            throw RecordFormatError(field: fieldPath(key), message: "expected an integer, found \(value.typeDescription)")
        }
        return number
    }

    mutating func optionalEnum<E: RawRepresentable>(_ key: String, _ type: E.Type, allowed: [E]) throws(RecordFormatError) -> E?
    where E.RawValue == String {
        guard let text = try optionalString(key) else { return nil }
        guard let value = E(rawValue: text) else {
            let names = allowed.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw RecordFormatError(field: fieldPath(key), message: "'\(text)' is not one of \(names)")
        }
        return value
    }

    /// Throws for the first member that was never read.
    func rejectUnknownMembers(known: [String]? = nil) throws(RecordFormatError) {
        for member in members where !used.contains(member.key) {
            throw RecordFormatError(field: fieldPath(member.key), message: "is not a known field")
        }
    }
}
