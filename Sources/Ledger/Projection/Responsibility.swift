/// The answer to "who was responsible for this task on that date?": the unit, where it sat, who
/// supervised it and who held office along the way.
public struct Responsibility: Hashable, Sendable {
    public var task: TaskID
    public var title: String
    /// The valid date asked about.
    public var at: ValidDate
    /// The unit holding the task, or nil if nobody held it (or it was not yet defined).
    public var unit: UnitSummary?
    /// From the unit up to the root.
    public var path: [PathStep]
    /// Supervision in force over the unit or any unit on its path: general, or for this task.
    public var supervision: [SupervisionInForce]
    /// Offices held in the units on the path, from the unit upwards.
    public var offices: [OfficeHolder]
    /// When the unit got the task.
    public var since: ValidDate?
    /// The record that gave it.
    public var record: RecordID?
    /// Whether the task was defined at all on the date.
    public var isDefined: Bool
    /// Records changing the task or a unit on the path whose dates the sources leave open on the
    /// date asked about: the answer may be wrong there, and says so.
    public var uncertain: [DateUncertainty] = []

    /// An answer as stated whole, say by a test that expects it.
    public init(task: TaskID, title: String, at: ValidDate, unit: UnitSummary?, path: [PathStep], supervision: [SupervisionInForce],
                offices: [OfficeHolder], since: ValidDate?, record: RecordID?, isDefined: Bool, uncertain: [DateUncertainty] = []) {
        self.task = task
        self.title = title
        self.at = at
        self.unit = unit
        self.path = path
        self.supervision = supervision
        self.offices = offices
        self.since = since
        self.record = record
        self.isDefined = isDefined
        self.uncertain = uncertain
    }
}

/// A supervision relation as an answer shows it.
public struct SupervisionInForce: Hashable, Sendable {
    public var kind: SupervisionKind
    public var supervisor: UnitSummary
    /// The supervised unit (the responsible unit or one above it).
    public var over: UnitID
    /// Set when the supervision is for one task only.
    public var task: TaskID?
    /// The record that set it.
    public var record: RecordID

    public init(kind: SupervisionKind, supervisor: UnitSummary, over: UnitID, task: TaskID? = nil, record: RecordID) {
        self.kind = kind
        self.supervisor = supervisor
        self.over = over
        self.task = task
        self.record = record
    }
}

/// An office held in a unit.
public struct OfficeHolder: Hashable, Sendable {
    public var person: PersonID
    /// The person's name as the sources write it, if a record gives it.
    public var name: String? = nil
    public var role: String
    public var unit: UnitID
    public var record: RecordID

    public init(person: PersonID, name: String? = nil, role: String, unit: UnitID, record: RecordID) {
        self.person = person
        self.name = name
        self.role = role
        self.unit = unit
        self.record = record
    }
}

extension OrgSnapshot {
    /// Who was responsible for `task` on the snapshot's date; nil if the task id was never defined
    /// by then. `at` is carried into the answer.
    public func responsibility(for taskID: TaskID, at date: ValidDate) -> Responsibility? {
        guard let task = task(taskID) else { return nil }
        var answer = Responsibility(
            task: taskID, title: task.title, at: date, unit: nil, path: [], supervision: [], offices: [],
            since: task.heldSince, record: task.heldBy, isDefined: true)
        guard let holderID = task.holder, let holder = unit(holderID) else { return answer }
        answer.unit = UnitSummary(holder)
        answer.path = path(from: holderID)
        for step in answer.path {
            for (key, record) in supervisions(over: step.unit.id) where key.task == nil || key.task == taskID {
                guard let supervisor = unit(key.supervisor) else { continue }
                answer.supervision.append(SupervisionInForce(
                    kind: key.kind, supervisor: UnitSummary(supervisor), over: key.unit, task: key.task, record: record))
            }
            for (key, record) in appointments(in: step.unit.id) {
                answer.offices.append(OfficeHolder(person: key.person, role: key.role, unit: key.unit, record: record))
            }
        }
        return answer
    }
}
