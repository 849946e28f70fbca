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
}

extension Ledger {
    /// The records behind an answer of `responsible`, in the order of the answer: the task's
    /// record, the placement of each unit on the path, supervision, offices.
    public func provenance(of answer: Responsibility, knownAt: TransactionTime = .distantFuture) throws(QueryError) -> [Provenance] {
        let snapshot = try snapshot(at: answer.at, knownAt: knownAt)
        var roles: [(Provenance.Role, RecordID)] = []
        if let record = answer.record { roles.append((.task, record)) }
        for step in answer.path {
            if let unit = snapshot.unit(step.unit.id) { roles.append((.placement(unit.id), unit.placedBy)) }
        }
        for supervision in answer.supervision {
            roles.append((.supervision(Supervision(supervisor: supervision.supervisor.id, unit: supervision.over,
                                                   kind: supervision.kind, task: supervision.task)), supervision.record))
        }
        for office in answer.offices {
            roles.append((.office(Appointment(person: office.person, role: office.role, unit: office.unit)), office.record))
        }
        // One entry per record, at the place of its first role, so a record that placed several
        // units of the path is listed (with its sources) once.
        var entries: [Provenance] = []
        var position: [RecordID: Int] = [:]
        for (role, id) in roles {
            if let index = position[id] {
                entries[index].roles.append(role)
                continue
            }
            guard let record = record(id) else { continue }
            position[id] = entries.count
            entries.append(Provenance(roles: [role], record: id, type: record.type, title: record.title, date: record.date,
                                      effective: record.effectiveDate, recorded: record.recorded, sources: record.sources))
        }
        return entries
    }
}
