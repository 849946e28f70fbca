/// How long each state held: for every unit, task, supervision and office, the runs of days on
/// which it was the same. Built from the ledger's own snapshots at each day a record takes effect,
/// so it is the state `orgchart` and `responsible` report, not a second replay.
///
/// Cost: one snapshot per distinct effective day, each read whole — fine for ledgers of thousands
/// of records, which is what a page a person reads holds.
struct ValidityIntervals {
    struct Interval<Value> {
        var from: Int
        /// Exclusive; nil while the state still holds.
        var to: Int?
        var value: Value
    }

    /// Live units only: a dissolved unit has no interval after its dissolution.
    var units: [UnitID: [Interval<UnitState>]] = [:]
    var tasks: [TaskID: [Interval<TaskState>]] = [:]
    /// Valued by the record that set the supervision.
    var supervisions: [Supervision: [Interval<RecordID>]] = [:]
    /// Valued by the record that appointed.
    var offices: [Appointment: [Interval<RecordID>]] = [:]

    init(_ ledger: Ledger) throws(QueryError) {
        let days = Set(ledger.history.records.filter { !$0.changes.isEmpty }.map(\.effectiveDate.firstDay)).sorted()
        var unitRuns = Runs<UnitID, UnitState>()
        var taskRuns = Runs<TaskID, TaskState>()
        var supervisionRuns = Runs<Supervision, RecordID>()
        var officeRuns = Runs<Appointment, RecordID>()
        for day in days {
            let snapshot = try ledger.snapshot(at: ValidDate(dayNumber: day))
            var units: [UnitID: UnitState] = [:]
            var supervisions: [Supervision: RecordID] = [:]
            var offices: [Appointment: RecordID] = [:]
            for id in snapshot.unitIDs {
                guard let unit = snapshot.liveUnit(id) else { continue }
                units[id] = unit
                for (key, record) in snapshot.supervisions(over: id) { supervisions[key] = record }
                for (key, record) in snapshot.appointments(in: id) { offices[key] = record }
            }
            var tasks: [TaskID: TaskState] = [:]
            for id in snapshot.taskIDs { tasks[id] = snapshot.task(id) }
            unitRuns.observe(units, on: day)
            taskRuns.observe(tasks, on: day)
            supervisionRuns.observe(supervisions, on: day)
            officeRuns.observe(offices, on: day)
        }
        units = unitRuns.finished
        tasks = taskRuns.finished
        supervisions = supervisionRuns.finished
        offices = officeRuns.finished
    }

    /// Turns a sequence of whole states (one per change day) into runs of equal values per key.
    private struct Runs<Key: Hashable, Value: Equatable> {
        private var open: [Key: (from: Int, value: Value)] = [:]
        private var closed: [Key: [Interval<Value>]] = [:]

        /// The state on `day`: keys missing from `current` have ended, changed values start anew.
        mutating func observe(_ current: [Key: Value], on day: Int) {
            for (key, run) in open where current[key] != run.value {
                closed[key, default: []].append(Interval(from: run.from, to: day, value: run.value))
                open[key] = nil
            }
            for (key, value) in current where open[key] == nil {
                open[key] = (day, value)
            }
        }

        var finished: [Key: [Interval<Value>]] {
            var result = closed
            for (key, run) in open { result[key, default: []].append(Interval(from: run.from, to: nil, value: run.value)) }
            return result
        }
    }
}
