/// Where an answer comes from: a record behind it, why, and its dates and sources.
public struct Provenance: Hashable, Sendable {
    /// Why the record is part of the answer.
    public enum Role: Hashable, Sendable, CustomStringConvertible {
        /// It assigned or last transferred the task.
        case task
        /// It put this unit of the path where it is (established or last moved it).
        case placement(UnitID)
        /// It set supervision in force over the unit or one above it.
        case supervision(Supervision)
        /// It recorded an office held along the path.
        case office(Appointment)

        public var description: String {
            switch self {
            case .task: "gave the task"
            case .placement(let unit): "placed \(unit)"
            case .supervision(let s): "set \(s.kind)-supervision of \(s.supervisor) over \(s.unit)"
            case .office(let a): "recorded \(a.person) as \(a.role) in \(a.unit)"
            }
        }
    }

    /// Every part of the answer this record gave, in the order of the answer.
    public var roles: [Role]
    public var record: RecordID
    public var type: RecordType
    public var title: String
    public var date: ValidDate
    public var effective: ValidDate
    public var recorded: TransactionTime
    public var sources: [Source]
    /// The record's note: the modelling choices and uncertainty that travel with the answer.
    public var note: String? = nil

    public init(roles: [Role], record: RecordID, type: RecordType, title: String, date: ValidDate, effective: ValidDate,
                recorded: TransactionTime, sources: [Source], note: String? = nil) {
        self.roles = roles
        self.record = record
        self.type = type
        self.title = title
        self.date = date
        self.effective = effective
        self.recorded = recorded
        self.sources = sources
        self.note = note
    }
}

extension Ledger {
    /// The records behind an answer of `responsible`, in the order of the answer: the task's
    /// record, the placement of each unit on the path, supervision, offices.
    public func provenance(of answer: Responsibility, knownAt: TransactionTime) throws(QueryError) -> [Provenance] {
        Provenance.collect(for: answer, in: try snapshot(at: answer.at, knownAt: knownAt), record: record)
    }
}
