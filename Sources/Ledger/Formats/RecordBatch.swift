import FoundationEssentials

/// Reads the records an author hands to `append`: JSON Lines (one body per line, blank lines
/// ignored) or one JSON array of bodies.
public enum RecordBatch {
    /// The most bytes a record's body may take in canonical form (its stored line adds `seq`,
    /// `recorded`, `prev` and `hash`, some 170 bytes), whichever form it came in: no real record
    /// is near it. JSON Lines input is also refused line by line above it
    /// before parsing, so a runaway input does not exhaust memory.
    public static let maximumRecordBytes = 1 << 20
    public static let maximumLineBytes = maximumRecordBytes

    /// A record decoded from `value` as the entry it becomes, refused if its canonical form is
    /// over the limit or it breaks an authoring rule (`AuthoringRules`); its strings in NFC.
    private static func entry(of value: JSONValue, vocabulary: Vocabulary, line: Int? = nil, element: Int? = nil) throws(RecordFormatError) -> Entry {
        let size = CanonicalJSON.bytes(of: value).count
        guard size <= maximumRecordBytes else {
            throw RecordFormatError(message: "the record is \(size) bytes in canonical form, more than the limit of \(maximumRecordBytes)")
        }
        let normalized = AuthoringRules.normalized(value)
        let body = try RecordBody(json: normalized)
        try AuthoringRules.check(body, vocabulary: vocabulary)
        // `"abbreviation": null` in a rename: asked for in so many words, which the decoded
        // body (where null is absent) cannot tell.
        var removals = Set<Int>()
        if case .array(let changes)? = normalized["changes"] {
            for (offset, change) in changes.enumerated() where change["op"] == .string("renameUnit") && change["abbreviation"] == .null {
                removals.insert(offset)
            }
        }
        return Entry(body: body, line: line, element: element, removesAbbreviation: removals)
    }

    /// One record of a batch and where it stood, so later errors can point at it.
    public struct Entry: Hashable, Sendable {
        public var body: RecordBody
        /// 1-based line, for JSON Lines input.
        public var line: Int?
        /// 1-based position, for a JSON array.
        public var element: Int?
        /// The changes (by index) that are renames with `"abbreviation": null`: the author asked
        /// for the abbreviation to go (see `AuthoringRules`).
        public var removesAbbreviation: Set<Int>

        public init(body: RecordBody, line: Int? = nil, element: Int? = nil, removesAbbreviation: Set<Int> = []) {
            self.body = body
            self.line = line
            self.element = element
            self.removesAbbreviation = removesAbbreviation
        }
    }

    /// Parses a batch into bodies; errors name the line (JSON Lines) or the element (array).
    public static func parse(_ data: Data, vocabulary: Vocabulary = .standard) throws(RecordFormatError) -> [RecordBody] {
        try entries(data, vocabulary: vocabulary).map(\.body)
    }

    /// Parses a batch, keeping each record's position; `type` and `kind` must be words of
    /// `vocabulary`.
    public static func entries(_ data: Data, vocabulary: Vocabulary = .standard) throws(RecordFormatError) -> [Entry] {
        var bytes = [UInt8](data)
        // A byte order mark, which some editors put before UTF-8, is no part of the JSON.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let firstNonSpace = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if firstNonSpace == UInt8(ascii: "{"), let single = try singleRecord(bytes, vocabulary: vocabulary) {
            return [single]
        }
        if firstNonSpace == UInt8(ascii: "[") {
            let value: JSONValue
            do { value = try JSONParser.parse(bytes: bytes) } catch {
                throw RecordFormatError(message: error.description)
            }
            guard case .array(let elements) = value else { preconditionFailure("starts with [") }
            guard !elements.isEmpty else { throw RecordFormatError(message: "the batch is empty: no records to append") }
            return try elements.enumerated().map { (offset, element) throws(RecordFormatError) in
                do throws(RecordFormatError) { return try entry(of: element, vocabulary: vocabulary, element: offset + 1) } catch {
                    var error = error
                    error.element = offset + 1
                    throw error
                }
            }
        }
        var bodies: [Entry] = []
        var lineNumber = 0
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            lineNumber += 1
            defer { start = end + 1 }
            let line = bytes[start..<end]
            if line.allSatisfy({ [0x20, 0x09, 0x0D].contains($0) }) { continue }
            guard line.count <= maximumLineBytes else {
                throw RecordFormatError(line: lineNumber, message: "line is \(line.count) bytes, more than the limit of \(maximumLineBytes) for a record")
            }
            do {
                let value = try JSONParser.parse(bytes: Array(line))
                bodies.append(try entry(of: value, vocabulary: vocabulary, line: lineNumber))
            } catch let error as JSONSyntaxError {
                throw RecordFormatError(line: lineNumber, message: error.description)
            } catch var error as RecordFormatError {
                error.line = lineNumber
                throw error
            } catch {
                throw RecordFormatError(line: lineNumber, message: "\(error)")
            }
        }
        guard !bodies.isEmpty else { throw RecordFormatError(message: "the batch is empty: no records to append") }
        return bodies
    }

    /// The batch as one record written over several lines (pretty-printed, as `ledger new`
    /// prints it); nil if it is JSON Lines instead. A JSON syntax error inside such a record is
    /// reported by its line and column; a batch whose first line is a whole record is JSON Lines.
    private static func singleRecord(_ bytes: [UInt8], vocabulary: Vocabulary) throws(RecordFormatError) -> Entry? {
        let firstLine = bytes.firstIndex { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }.map { start in
            bytes[start..<(bytes[start...].firstIndex(of: 0x0A) ?? bytes.count)]
        } ?? []
        guard (try? JSONParser.parse(bytes: Array(firstLine))) == nil else { return nil }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes: bytes) } catch {
            let before = bytes.prefix(error.offset)
            let line = before.count(where: { $0 == 0x0A }) + 1
            let column = before.count - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            throw RecordFormatError(line: line, message: "invalid JSON at column \(column): \(error.message)")
        }
        guard bytes.count <= maximumRecordBytes else {
            throw RecordFormatError(message: "the record is \(bytes.count) bytes, more than the limit of \(maximumRecordBytes)")
        }
        return try entry(of: value, vocabulary: vocabulary, line: 1)
    }
}
