/// A question the ledger cannot answer as asked: an id it does not know (exit code 1).
public enum QueryError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownTask(TaskID)
    case unknownUnit(UnitID)
    case unknownRecord(RecordID)
    case unknownID(String)
    /// A timeline was asked of something that is neither a task nor a unit (a record, a typo).
    case notTaskOrUnit(String)
    /// The unit exists in the ledger but not (or no longer) on the date asked about.
    case unitNotLive(UnitID, ValidDate)
    /// A search for text with no letter or digit in it: nothing to look for.
    case emptySearch(String)
    /// The ledger file itself failed its checks while answering (exit code 2).
    case integrity(IntegrityError)

    public var description: String {
        switch self {
        case .unknownTask(let id): "unknown task '\(id)'; 'ledger tasks' lists the tasks"
        case .unknownUnit(let id): "unknown unit '\(id)'; 'ledger units' lists the units"
        case .unknownRecord(let id): "unknown record '\(id)'; 'ledger history' lists the records"
        case .unknownID(let id): "'\(id)' is neither a unit, a task, a person nor a record of this ledger"
        case .notTaskOrUnit(let id): "'\(id)' is neither a task nor a unit of this ledger; 'ledger tasks' and 'ledger units' list them"
        case let .unitNotLive(id, date): "unit '\(id)' does not exist on \(date)"
        case let .emptySearch(text): "the search '\(text)' has no letter or digit to look for"
        case let .integrity(error): "\(error)"
        }
    }
}
