/// A record that is not well-formed: bad JSON, a missing or mistyped field, an invalid date or id.
///
/// Names the place the way a user finds it: the line in the file (or batch), the record id when it
/// could be read, and the field path (`changes[2].unit`).
public struct RecordFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line in the ledger file or the input batch, when known.
    public var line: Int?
    /// 1-based position in a JSON array batch, when the input was an array.
    public var element: Int?
    /// The record's `id`, when it could be read.
    public var recordID: RecordID?
    /// Path of the field at fault (`date`, `changes[2].unit`), or nil for the whole line.
    public var field: String?
    public var message: String

    public init(line: Int? = nil, recordID: RecordID? = nil, field: String? = nil, message: String) {
        self.line = line
        self.recordID = recordID
        self.field = field
        self.message = message
    }

    public var description: String {
        var place: [String] = []
        if let line { place.append("line \(line)") }
        if let element { place.append("element \(element)") }
        if let recordID { place.append("record '\(recordID)'") }
        if let field { place.append("field '\(field)'") }
        return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
    }
}
