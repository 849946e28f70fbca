/// Why an append wrote nothing. Each case maps to an exit code: bad input 1, integrity 2,
/// conflict 3.
public enum AppendError: Error, Sendable, CustomStringConvertible {
    /// A record in the batch is not well-formed.
    case malformed(RecordFormatError)
    /// A record in the batch breaks a rule against the ledger's history.
    case refused(RuleViolation)
    /// A record's id exists already with different content.
    case conflictingID(RecordID, line: Int?, element: Int?)
    /// `--expect-head` was given and the ledger's head is another.
    case headMoved(expected: String, actual: String)
    /// `--expect-head` was given and that hash is not in the ledger at all: its history was
    /// rewritten, or it is another ledger.
    case headNotFound(expected: String, actual: String)
    /// The ledger file itself is damaged; nothing is appended to it.
    case integrity(IntegrityError)
    case io(IOFailure)

    public var description: String {
        switch self {
        case .malformed(let error): return "\(error)"
        case .refused(let violation): return "\(violation)"
        case let .conflictingID(id, line, element):
            return "\(line.map { "line \($0), " } ?? "")\(element.map { "element \($0), " } ?? "")record '\(id)': field 'id': a different record with this id is already in the ledger; records are never rewritten — append a correction instead"
        case let .headMoved(expected, actual):
            return "the ledger's head is \(actual), not the expected \(expected): someone appended since; re-read and retry"
        case let .headNotFound(expected, actual):
            return "the expected head \(expected) is not a record of this ledger (its head is \(actual)): history was rewritten or this is another ledger; nothing was appended"
        case .integrity(let error): return "\(error)"
        case .io(let failure): return "\(failure)"
        }
    }
}
