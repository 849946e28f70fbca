/// Reads the members of one JSON object into typed values, naming the field path in every error and
/// refusing members nobody asked for (a misspelt `efective` must not be ignored silently).
struct JSONObjectReader {
    let path: String
    private let members: [(key: String, value: JSONValue)]
    /// Which members were read, by position: cheaper than a set of names on the decoding path.
    private var used: [Bool]
    /// The names asked for, in order: what an unknown member is held against for a suggestion.
    private var asked: [String] = []

    init(_ value: JSONValue, path: String) throws(RecordFormatError) {
        guard case .object(let members) = value else {
            throw RecordFormatError(field: path.isEmpty ? nil : path, message: "expected an object, found \(value.typeDescription)")
        }
        self.path = path
        self.members = members
        self.used = [Bool](repeating: false, count: members.count)
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    mutating func value(_ key: String) -> JSONValue? {
        asked.append(key)
        guard let position = members.firstIndex(where: { $0.key == key }) else { return nil }
        used[position] = true
        let value = members[position].value
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
        if let problem = JSONObjectReader.lineProblem(text) {
            throw RecordFormatError(field: fieldPath(key), message: problem)
        }
    }

    /// Why `text` is not a one-line, non-blank title or name; nil if it is one.
    static func lineProblem(_ text: String) -> String? { lineProblem(text.utf8) }

    /// Why the UTF-8 `bytes` are not a one-line, non-blank title or name; nil if they are one.
    static func lineProblem(_ bytes: some Sequence<UInt8>) -> String? {
        // Scans UTF-8 rather than Characters: this runs for every name and title in the ledger.
        var blank = true
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in bytes {
            switch byte {
            case 0x0A, 0x0B, 0x0C, 0x0D:
                return "must be one line"
            case 0x85 where previous.1 == 0xC2, 0xA8 where previous == (0xE2, 0x80), 0xA9 where previous == (0xE2, 0x80):
                return "must be one line"
            case 0x20, 0x09:
                break
            default:
                blank = false
            }
            previous = (previous.1, byte)
        }
        return blank ? "must not be empty" : nil
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

    /// Throws for the first member that was never read, with the member it was probably meant
    /// to be among those asked for (`excluding` names that may not be suggested, such as the
    /// chain members in an author's record).
    func rejectUnknownMembers(excluding: [String] = []) throws(RecordFormatError) {
        for (position, member) in members.enumerated() where !used[position] {
            let nearest = NearestName.of(member.key, among: asked.filter { !excluding.contains($0) })
            throw RecordFormatError(field: fieldPath(member.key), message: "is not a known field" + (nearest.map { "; did you mean '\($0)'?" } ?? ""))
        }
    }
}
