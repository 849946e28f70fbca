/// How long each state held: for every unit, task, supervision and office, the runs of days on
/// which it was the same. Read from the timelines of the ledger's own index, the ones every
/// snapshot reads, so it is the state `orgchart` and `responsible` report, not a second replay.
///
/// Cost: one pass over each entity's steps (the days a change touched it), so a ledger of
/// thousands of records costs what its changes cost, not changes times entities.
struct ValidityIntervals: Sendable {
    struct Interval<Value: Sendable>: Sendable {
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
        let index = ledger.index
        for (id, timeline) in index.unitTimelines {
            units[id] = Self.runs(of: timeline) { $0.isDissolved ? nil : $0 }
        }
        for (id, timeline) in index.taskTimelines { tasks[id] = Self.runs(of: timeline) { $0 } }
        // The index ends a supervision and an office when a unit in it is dissolved, so every
        // value here belongs to live units.
        for (key, timeline) in index.supervisionTimelines { supervisions[key] = Self.runs(of: timeline) { $0 } }
        for (key, timeline) in index.appointmentTimelines { offices[key] = Self.runs(of: timeline) { $0 } }
        units = units.filter { !$0.value.isEmpty }
        tasks = tasks.filter { !$0.value.isEmpty }
        supervisions = supervisions.filter { !$0.value.isEmpty }
        offices = offices.filter { !$0.value.isEmpty }
    }

    /// The steps of one timeline as runs of equal values; `shown` turns a stored value into the
    /// one that counts (nil: none, as for a dissolved unit).
    private static func runs<Stored, Value: Equatable>(of timeline: Timeline<Stored>, _ shown: (Stored) -> Value?) -> [Interval<Value>] {
        var runs: [Interval<Value>] = []
        for (day, stored) in zip(timeline.days, timeline.values) {
            let value = stored.flatMap(shown)
            if let last = runs.last, last.to == nil {
                if last.value == value { continue }
                runs[runs.count - 1].to = day
            }
            if let value { runs.append(Interval(from: day, to: nil, value: value)) }
        }
        return runs
    }
}
