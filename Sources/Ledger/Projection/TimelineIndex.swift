/// The fast path: every entity's states over valid time, built by one replay of the effective
/// history, so a query at any date is a binary search per entity instead of a replay.
///
/// Building it also validates every rule of the change table, record by record.
public struct TimelineIndex: Sendable {
    var unitTimelines: [UnitID: Timeline<UnitState>] = [:]
    var taskTimelines: [TaskID: Timeline<TaskState>] = [:]
    var supervisionTimelines: [Supervision: Timeline<RecordID>] = [:]
    var appointmentTimelines: [Appointment: Timeline<RecordID>] = [:]
    /// Supervision keys by the supervised unit.
    var supervisionsOver: [UnitID: [Supervision]] = [:]
    var appointmentsIn: [UnitID: [Appointment]] = [:]
    /// Ids sorted once, with the first day each exists, so listing at a date skips the unborn.
    private(set) var sortedUnitIDs: [UnitID] = []
    private(set) var sortedTaskIDs: [TaskID] = []

    /// The state after the last record, with the rule engine that checked it.
    private var checked = CheckedState()
    /// The state after the last record: what an append is validated against.
    public var finalState: OrgState { checked.state }

    /// Builds the index from records in application order, checking every rule.
    public init(_ history: EffectiveHistory) throws(RuleViolation) {
        try self.init(history, appending: [:])
    }

    /// Builds the index, checking the records being appended (by id, with the renames whose
    /// abbreviation the author removed explicitly) against the authoring rules as well, each
    /// change just before it applies (`AuthoringRules`).
    init(_ history: EffectiveHistory, appending: [RecordID: Set<Int>]) throws(RuleViolation) {
        for record in history.records {
            try apply(record, appending: appending[record.id])
        }
        sortedUnitIDs = unitTimelines.keys.sorted()
        sortedTaskIDs = taskTimelines.keys.sorted()
    }

    private mutating func apply(_ record: Record, appending removals: Set<Int>?) throws(RuleViolation) {
        let date = record.effectiveDate
        let day = date.firstDay
        for (index, change) in record.changes.enumerated() {
            do {
                if let removals {
                    try AuthoringRules.check(change, in: checked.state, on: date, removesAbbreviation: removals.contains(index))
                }
                try checked.apply(change, on: date, by: record.id)
            } catch {
                throw RuleViolation(recordID: record.id, changeIndex: index, op: change.op, rule: error.rule)
            }
            stamp(change, on: day, ended: checked.endedByLastChange)
        }
    }

    private mutating func stamp(_ change: Change, on day: Int, ended: (supervisions: [Supervision], appointments: [Appointment])) {
        switch change {
        case let .establishUnit(unit, _, _, _, _, _), let .renameUnit(unit, _, _), let .moveUnit(unit, _, _, _):
            unitTimelines[unit, default: Timeline()].set(checked.state.units[unit], from: day)
        case let .dissolveUnit(unit, _):
            unitTimelines[unit, default: Timeline()].set(checked.state.units[unit], from: day)
            for key in ended.supervisions { supervisionTimelines[key]?.set(nil, from: day) }
            for key in ended.appointments { appointmentTimelines[key]?.set(nil, from: day) }
        case let .defineTask(task, _, _), let .assignTask(task, _), let .transferTask(task, _, _),
             let .revokeTask(task, _):
            taskTimelines[task, default: Timeline()].set(checked.state.tasks[task], from: day)
        case let .setSupervision(key), let .endSupervision(key):
            if supervisionTimelines[key] == nil {
                supervisionsOver[key.unit, default: []].append(key)
            }
            supervisionTimelines[key, default: Timeline()].set(checked.state.supervisions[key], from: day)
        case let .appoint(key, _), let .endAppointment(key):
            if appointmentTimelines[key] == nil { appointmentsIn[key.unit, default: []].append(key) }
            appointmentTimelines[key, default: Timeline()].set(checked.state.appointments[key], from: day)
        }
    }

    /// The organisation as it stood on `date` (its first day).
    public func snapshot(at date: ValidDate) -> Snapshot { Snapshot(index: self, day: date.firstDay) }

    /// A view of the index at one day; every lookup is a binary search.
    public struct Snapshot: OrgSnapshot, Sendable {
        let index: TimelineIndex
        let day: Int

        public func unit(_ id: UnitID) -> UnitState? { index.unitTimelines[id]?.value(on: day) }
        public func task(_ id: TaskID) -> TaskState? { index.taskTimelines[id]?.value(on: day) }
        public var unitIDs: [UnitID] { index.sortedUnitIDs.filter { unit($0) != nil } }
        public var taskIDs: [TaskID] { index.sortedTaskIDs.filter { task($0) != nil } }
        public func supervisions(over unit: UnitID) -> [(Supervision, RecordID)] {
            (index.supervisionsOver[unit] ?? []).compactMap { key in
                index.supervisionTimelines[key]?.value(on: day).map { (key, $0) }
            }.sorted { $0.0 < $1.0 }
        }
        public func appointments(in unit: UnitID) -> [(Appointment, RecordID)] {
            (index.appointmentsIn[unit] ?? []).compactMap { key in
                index.appointmentTimelines[key]?.value(on: day).map { (key, $0) }
            }.sorted { $0.0 < $1.0 }
        }
    }
}
