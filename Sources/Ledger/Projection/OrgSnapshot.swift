/// Read access to the organisation at one valid date, whichever way it was computed: by replaying
/// the log up to the date (`OrgState`, the reference) or by looking it up in the index
/// (`TimelineIndex.Snapshot`, the fast path). Every answer is built from this, so both paths are
/// compared answer by answer in tests.
public protocol OrgSnapshot {
    /// The unit as it stood, dissolved ones included; nil if not established by then.
    func unit(_ id: UnitID) -> UnitState?
    /// The task as it stood; nil if not defined by then.
    func task(_ id: TaskID) -> TaskState?
    /// Every unit id established by then, sorted.
    var unitIDs: [UnitID] { get }
    /// Every task id defined by then, sorted.
    var taskIDs: [TaskID] { get }
    /// Supervision in force over `unit` (as the supervised unit), with the record that set it.
    func supervisions(over unit: UnitID) -> [(Supervision, RecordID)]
    /// Offices held in `unit`, with the record that appointed.
    func appointments(in unit: UnitID) -> [(Appointment, RecordID)]
}

extension OrgSnapshot {
    /// Hands every task defined by then to `body`, in id order.
    func forEachTask(_ body: (TaskState) -> Void) {
        for id in taskIDs {
            if let task = task(id) { body(task) }
        }
    }
}

extension OrgState: OrgSnapshot {
    public func unit(_ id: UnitID) -> UnitState? { units[id] }
    public func task(_ id: TaskID) -> TaskState? { tasks[id] }
    public var unitIDs: [UnitID] { units.keys.sorted() }
    public var taskIDs: [TaskID] { tasks.keys.sorted() }
    // Through the per-unit keys, not a filter of all supervision: an org chart asks for every
    // unit, which made it quadratic at 10^6 records.
    public func supervisions(over unit: UnitID) -> [(Supervision, RecordID)] {
        (supervisionsInvolving[unit] ?? []).filter { $0.unit == unit }.compactMap { key in
            supervisions[key].map { (key, $0) }
        }.sorted { $0.0 < $1.0 }
    }
    public func appointments(in unit: UnitID) -> [(Appointment, RecordID)] {
        (appointmentsIn[unit] ?? []).compactMap { key in appointments[key].map { (key, $0) } }.sorted { $0.0 < $1.0 }
    }
}
