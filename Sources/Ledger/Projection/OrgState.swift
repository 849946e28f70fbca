/// A unit as it stands at one valid date.
public struct UnitState: Hashable, Sendable {
    public var id: UnitID
    public var name: String
    public var abbreviation: String?
    public var kind: UnitKind
    public var parent: UnitID?
    /// How it hangs under `parent`; meaningless for a root.
    public var relation: Relation
    public var isDissolved: Bool
    public var successor: UnitID?
    /// When it was established, and by which record.
    public var established: ValidDate
    public var establishedBy: RecordID
    /// The record that put it where it is now (its establishment or its latest move).
    public var placedBy: RecordID
    /// The record that gave it its current name (its establishment or its latest renaming).
    public var namedBy: RecordID

    public init(id: UnitID, name: String, abbreviation: String?, kind: UnitKind, parent: UnitID?, relation: Relation,
                isDissolved: Bool, successor: UnitID?, established: ValidDate, establishedBy: RecordID, placedBy: RecordID,
                namedBy: RecordID) {
        (self.id, self.name, self.abbreviation, self.kind, self.parent, self.relation) = (id, name, abbreviation, kind, parent, relation)
        (self.isDissolved, self.successor, self.established) = (isDissolved, successor, established)
        (self.establishedBy, self.placedBy, self.namedBy) = (establishedBy, placedBy, namedBy)
    }
}

/// A task as it stands at one valid date.
public struct TaskState: Hashable, Sendable {
    public var id: TaskID
    public var title: String
    public var leika: String?
    /// The unit holding the task, if any.
    public var holder: UnitID?
    /// When the holder got it, and the record that gave it.
    public var heldSince: ValidDate?
    public var heldBy: RecordID?

    public init(id: TaskID, title: String, leika: String?, holder: UnitID? = nil, heldSince: ValidDate? = nil, heldBy: RecordID? = nil) {
        (self.id, self.title, self.leika, self.holder, self.heldSince, self.heldBy) = (id, title, leika, holder, heldSince, heldBy)
    }
}

/// The whole organisation at one valid date: what replaying the log up to that date produces.
///
/// What answers are built from (`OrgSnapshot`). `RuleEngine` decides whether a change may apply;
/// `record(_:on:by:ending:)` then records its effect here (`CheckedState` does both).
public struct OrgState: Hashable, Sendable {
    /// Every unit ever established up to the date, dissolved ones included (ids are never reused).
    public var units: [UnitID: UnitState] = [:]
    /// Every task ever defined up to the date.
    public var tasks: [TaskID: TaskState] = [:]
    /// Supervision in force, with the record that set it.
    public var supervisions: [Supervision: RecordID] = [:]
    /// Offices held, with the record that appointed.
    public var appointments: [Appointment: RecordID] = [:]

    // Keys by unit, so a snapshot lists a unit's supervision and offices without a scan.
    /// Supervision keys in force naming the unit as supervisor or supervised.
    var supervisionsInvolving: [UnitID: Set<Supervision>] = [:]
    /// Offices in force in the unit.
    var appointmentsIn: [UnitID: Set<Appointment>] = [:]

    public init() {}

    /// Records supervision in force, keeping the per-unit keys in step.
    public mutating func put(_ supervision: Supervision, setBy record: RecordID) {
        supervisions[supervision] = record
        supervisionsInvolving[supervision.unit, default: []].insert(supervision)
        supervisionsInvolving[supervision.supervisor, default: []].insert(supervision)
    }

    /// Records an office held, keeping the per-unit keys in step.
    public mutating func put(_ appointment: Appointment, setBy record: RecordID) {
        appointments[appointment] = record
        appointmentsIn[appointment.unit, default: []].insert(appointment)
    }

    /// A live (not dissolved) unit.
    public func liveUnit(_ id: UnitID) -> UnitState? {
        guard let unit = units[id], !unit.isDissolved else { return nil }
        return unit
    }
}
