/// One operation of a record. A record's changes apply in order, all or nothing.
public enum Change: Hashable, Sendable {
    case establishUnit(unit: UnitID, name: String, kind: UnitKind, parent: UnitID?, relation: Relation?, abbreviation: String?)
    case renameUnit(unit: UnitID, name: String, abbreviation: String?)
    case moveUnit(unit: UnitID, parent: UnitID, relation: Relation?, kind: UnitKind?)
    case dissolveUnit(unit: UnitID, successor: UnitID?)
    case defineTask(task: TaskID, title: String, leika: String?)
    case assignTask(task: TaskID, unit: UnitID)
    case transferTask(task: TaskID, from: UnitID, to: UnitID)
    case revokeTask(task: TaskID, unit: UnitID)
    case setSupervision(Supervision)
    case endSupervision(Supervision)
    /// `name`: the person's name as the source writes it ("Hartmut Schubert"), given once for a
    /// person; the ledger shows it wherever the person appears (see `PersonNames`).
    case appoint(Appointment, name: String? = nil)
    case endAppointment(Appointment)

    /// The `op` name used in the log.
    public var op: String {
        switch self {
        case .establishUnit: "establishUnit"
        case .renameUnit: "renameUnit"
        case .moveUnit: "moveUnit"
        case .dissolveUnit: "dissolveUnit"
        case .defineTask: "defineTask"
        case .assignTask: "assignTask"
        case .transferTask: "transferTask"
        case .revokeTask: "revokeTask"
        case .setSupervision: "setSupervision"
        case .endSupervision: "endSupervision"
        case .appoint: "appoint"
        case .endAppointment: "endAppointment"
        }
    }

    /// Every unit id the change names, for the history of a unit.
    public var unitIDs: [UnitID] {
        switch self {
        case let .establishUnit(unit, _, _, parent, _, _): [unit] + (parent.map { [$0] } ?? [])
        case let .renameUnit(unit, _, _): [unit]
        case let .moveUnit(unit, parent, _, _): [unit, parent]
        case let .dissolveUnit(unit, successor): [unit] + (successor.map { [$0] } ?? [])
        case .defineTask: []
        case let .assignTask(_, unit): [unit]
        case let .transferTask(_, from, to): [from, to]
        case let .revokeTask(_, unit): [unit]
        case let .setSupervision(s), let .endSupervision(s): [s.supervisor, s.unit]
        case let .appoint(a, _), let .endAppointment(a): [a.unit]
        }
    }

    /// Every task id the change names, for the history of a task.
    public var taskIDs: [TaskID] {
        switch self {
        case let .defineTask(task, _, _), let .assignTask(task, _), let .transferTask(task, _, _),
             let .revokeTask(task, _):
            [task]
        case let .setSupervision(s), let .endSupervision(s): s.task.map { [$0] } ?? []
        default: []
        }
    }
}

/// A supervision relation: `supervisor` supervises `unit` (for one `task`, or generally).
public struct Supervision: Hashable, Sendable, Comparable {
    public var supervisor: UnitID
    public var unit: UnitID
    public var kind: SupervisionKind
    public var task: TaskID?

    public init(supervisor: UnitID, unit: UnitID, kind: SupervisionKind, task: TaskID? = nil) {
        self.supervisor = supervisor
        self.unit = unit
        self.kind = kind
        self.task = task
    }

    public static func < (lhs: Supervision, rhs: Supervision) -> Bool {
        (lhs.unit, lhs.kind.rawValue, lhs.supervisor, lhs.task ?? "")
            < (rhs.unit, rhs.kind.rawValue, rhs.supervisor, rhs.task ?? "")
    }
}

/// A named office held by a person in a unit (Minister, Staatssekretär, CIO…).
public struct Appointment: Hashable, Sendable, Comparable {
    public var person: PersonID
    public var role: String
    public var unit: UnitID

    public init(person: PersonID, role: String, unit: UnitID) {
        self.person = person
        self.role = role
        self.unit = unit
    }

    public static func < (lhs: Appointment, rhs: Appointment) -> Bool {
        (lhs.unit, lhs.role, lhs.person) < (rhs.unit, rhs.role, rhs.person)
    }
}
