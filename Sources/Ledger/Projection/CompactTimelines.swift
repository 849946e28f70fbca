/// Every entity's states over valid time, as steps, built from a `CompactLedger` change by change
/// in the order they take effect: the same steps `TimelineIndex` builds from records, over
/// interned numbers, so the index of a large ledger is built without holding its records.
///
/// Each step is kept once per entity and day: a second change on the same day replaces the step,
/// because queries see the state at the end of a day (as `Timeline.set` does).
struct CompactTimelines {
    /// A unit's state; texts are numbers in `CompactLedger.texts`, units and records positions.
    struct UnitValue {
        var name: Int32, abbreviation: Int32, kind: Int32
        var parent: Int32, successor: Int32 = -1
        var established: Int32, establishedPrecision: UInt8
        var establishedBy: Int32, placedBy: Int32, namedBy: Int32
        var subordinate: Bool, dissolved = false
    }

    /// A task's state; `heldPrecision` 255 means no `heldSince`.
    struct TaskValue {
        var title: Int32, leika: Int32
        var holder: Int32 = -1
        var heldSince: Int32 = 0, heldPrecision: UInt8 = 255
        var heldBy: Int32 = -1
    }

    /// One step: from `day` on, `entity` has `value`.
    struct Step<Value> {
        var entity: Int32
        var day: Int32
        var value: Value
    }

    /// Steps of one kind of entity, in the order made, with each entity's latest.
    struct Steps<Value> {
        private(set) var steps: [Step<Value>] = []
        private var latest: [Int32]

        init(entities: Int) { latest = Array(repeating: -1, count: entities) }

        mutating func grow(to entities: Int) {
            if latest.count < entities { latest.append(contentsOf: repeatElement(-1, count: entities - latest.count)) }
        }

        mutating func set(_ entity: Int32, _ value: Value, on day: Int32) {
            let last = latest[Int(entity)]
            if last >= 0, steps[Int(last)].day == day {
                steps[Int(last)].value = value
            } else {
                latest[Int(entity)] = Int32(steps.count)
                steps.append(Step(entity: entity, day: day, value: value))
            }
        }

        /// For each entity, its steps (indexes into `steps`, in day order), the entities taken in
        /// the order given: what the index writes, one entity after the other.
        func grouped(in order: [Int32], entities: Int) -> (starts: [Int32], counts: [Int32], steps: [Int32]) {
            var counts = [Int32](repeating: 0, count: entities)
            for step in steps { counts[Int(step.entity)] += 1 }
            var starts = [Int32](repeating: 0, count: entities)
            var next: Int32 = 0
            for entity in order {
                starts[Int(entity)] = next
                next += counts[Int(entity)]
            }
            var placed = starts
            var ordered = [Int32](repeating: 0, count: Int(next))
            for (index, step) in steps.enumerated() where counts[Int(step.entity)] > 0 {
                ordered[Int(placed[Int(step.entity)])] = Int32(index)
                placed[Int(step.entity)] += 1
            }
            return (starts, counts, ordered)
        }
    }

    private(set) var units: [UnitValue?]
    private(set) var tasks: [TaskValue?]
    private(set) var unitSteps: Steps<UnitValue>
    private(set) var taskSteps: Steps<TaskValue>

    /// Keys (of supervision or of an office) numbered in the order first met, each with the
    /// record in force (-1: none) and its steps.
    struct KeyedSteps {
        private(set) var keys: [SIMD4<Int32>] = []
        private var numbers: [SIMD4<Int32>: Int32] = [:]
        private(set) var inForce: [Int32] = []
        private(set) var steps = Steps<Int32>(entities: 0)

        /// The key's number, and whether it was met just now.
        mutating func number(of key: SIMD4<Int32>) -> (number: Int32, isNew: Bool) {
            if let number = numbers[key] { return (number, false) }
            let number = Int32(keys.count)
            numbers[key] = number
            keys.append(key)
            inForce.append(-1)
            steps.grow(to: keys.count)
            return (number, true)
        }

        mutating func set(_ number: Int32, record: Int32, on day: Int32) {
            inForce[Int(number)] = record
            steps.set(number, record, on: day)
        }
    }

    /// Supervision keys (supervisor, unit, task, kind) and offices (person, role, unit, 0).
    private(set) var supervisions = KeyedSteps()
    private(set) var appointments = KeyedSteps()
    /// Keys by the supervised unit (the index's order), and offices by unit.
    private(set) var supervisionsOver: [[Int32]]
    private(set) var appointmentsIn: [[Int32]]

    init(units unitCount: Int, tasks taskCount: Int) {
        units = Array(repeating: nil, count: unitCount)
        tasks = Array(repeating: nil, count: taskCount)
        unitSteps = Steps(entities: unitCount)
        taskSteps = Steps(entities: taskCount)
        supervisionsOver = Array(repeating: [], count: unitCount)
        appointmentsIn = Array(repeating: [], count: unitCount)
    }

    /// Applies change `index` of `ledger`, of record `position`, which the rules have let pass
    /// (`CompactLedger.checkRules`), so every unit and task it names exists; for a dissolution,
    /// `ending` is what the engine says it ended besides the unit.
    mutating func apply(change index: Int, of position: Int32, in ledger: CompactLedger,
                        ending: (supervisions: [SIMD4<Int32>], appointments: [SIMD4<Int32>])) {
        let change = ledger.changes[index], texts = ledger.changeTexts[index], record = ledger.records[Int(position)]
        let day = record.effectiveDay
        let (a, b, c) = (change.a, change.b, change.c)
        switch change.op {
        case .establishUnit:
            units[Int(a)] = UnitValue(name: texts.name, abbreviation: texts.detail, kind: texts.kind, parent: b,
                                      established: day, establishedPrecision: record.precision, establishedBy: position,
                                      placedBy: position, namedBy: position, subordinate: texts.relation == 2)
        case .renameUnit:
            units[Int(a)]!.name = texts.name
            units[Int(a)]!.abbreviation = texts.detail
            units[Int(a)]!.namedBy = position
        case .moveUnit:
            units[Int(a)]!.parent = b
            // 0: no `relation` member, so the unit keeps its own (as `OrgState.record` does).
            if texts.relation != 0 { units[Int(a)]!.subordinate = texts.relation == 2 }
            units[Int(a)]!.placedBy = position
            if texts.kind >= 0 { units[Int(a)]!.kind = texts.kind }
        case .dissolveUnit:
            units[Int(a)]!.dissolved = true
            units[Int(a)]!.successor = b
            for key in ending.supervisions { supervisions.set(supervisions.number(of: key).number, record: -1, on: day) }
            for key in ending.appointments { appointments.set(appointments.number(of: key).number, record: -1, on: day) }
        case .defineTask:
            tasks[Int(a)] = TaskValue(title: texts.name, leika: texts.detail)
        case .assignTask, .transferTask, .revokeTask:
            let holder = change.op == .assignTask ? b : change.op == .transferTask ? c : -1
            tasks[Int(a)]!.holder = holder
            tasks[Int(a)]!.heldSince = day
            tasks[Int(a)]!.heldPrecision = record.precision
            tasks[Int(a)]!.heldBy = position
        case .setSupervision, .endSupervision:
            let (number, isNew) = supervisions.number(of: SIMD4(a, b, c, Int32(change.kind)))
            if isNew { supervisionsOver[Int(b)].append(number) }
            supervisions.set(number, record: change.op == .setSupervision ? position : -1, on: day)
            return
        case .appoint, .endAppointment:
            let (number, isNew) = appointments.number(of: SIMD4(a, b, c, 0))
            if isNew { appointmentsIn[Int(c)].append(number) }
            appointments.set(number, record: change.op == .appoint ? position : -1, on: day)
            return
        }
        switch change.op {
        case .establishUnit, .renameUnit, .moveUnit, .dissolveUnit: unitSteps.set(a, units[Int(a)]!, on: day)
        default: taskSteps.set(a, tasks[Int(a)]!, on: day)
        }
    }

    /// Each unit's live sub-units and held tasks after the last change, by unit number: the counts
    /// the index keeps (`IndexLayout.UnitRow.liveSubUnits`), from the same final states as its last
    /// steps.
    func finalCounts() -> [UnitCounts] {
        var counts = [UnitCounts](repeating: UnitCounts(liveSubUnits: 0, heldTasks: 0), count: units.count)
        for case let unit? in units where unit.parent >= 0 && !unit.dissolved { counts[Int(unit.parent)].liveSubUnits += 1 }
        for case let task? in tasks where task.holder >= 0 { counts[Int(task.holder)].heldTasks += 1 }
        return counts
    }
}
