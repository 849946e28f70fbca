/// A record that breaks a rule of the change table when replayed: the whole record is refused.
///
/// Names the record, the change (0-based index and op) and the rule in words a user can act on.
public struct RuleViolation: Error, Hashable, Sendable, CustomStringConvertible {
    public var recordID: RecordID
    /// Index of the change in the record's `changes`, or nil for a rule about the record itself.
    public var changeIndex: Int?
    /// The change's `op`, when the rule is about a change.
    public var op: String?
    /// The rule that was broken, as a sentence fragment ("unit 'x' does not exist on 2017-09-26").
    public var rule: String
    /// The 1-based line of the record in the file or batch, when known.
    public var line: Int?
    /// The 1-based position of the record in a JSON array batch, when it came from one.
    public var element: Int?

    public init(recordID: RecordID, changeIndex: Int? = nil, op: String? = nil, rule: String, line: Int? = nil, element: Int? = nil) {
        self.element = element
        self.recordID = recordID
        self.changeIndex = changeIndex
        self.op = op
        self.rule = rule
        self.line = line
    }

    public var description: String {
        var place = line.map { "line \($0), " } ?? ""
        place += element.map { "element \($0), " } ?? ""
        place += "record '\(recordID)'"
        if let changeIndex {
            place += ", field 'changes[\(changeIndex)]'"
            if let op { place += " (\(op))" }
        }
        return "\(place): \(rule)"
    }
}
