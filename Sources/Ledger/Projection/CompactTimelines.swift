/// Every entity's states over valid time and over recorded time, as steps, built from a
/// `CompactLedger` record by record in the order they were recorded (`CompactTimelines+Recording`),
/// over interned numbers, so the index of a large ledger is built without holding its records.
///
/// A step says: from `day` on, the entity has `value`, as the ledger said from its `knownFrom`th
/// record until before its `knownUntil`th. The steps known after the first k records are the
/// timelines a replay of those k records builds (the tests replay every prefix to hold it to
/// that): the index is written from them, and the ledger in memory reads its `TimelineIndex`
/// off them (`RecordedTimelines`). A record that changes an earlier
/// answer closes the steps it changes (their `knownUntil` is its seq) and adds new ones, and
/// leaves every step it does not change as it was.
///
/// Each step is kept once per entity, day and recorded time: a second change on the same day
/// replaces the step, because queries see the state at the end of a day (as `Timeline.set` does).
struct CompactTimelines: Sendable {
    /// A unit's state; texts are numbers in `CompactLedger.texts`, units and records positions.
    struct UnitValue: Equatable, Sendable {
        var name: Int32, abbreviation: Int32, kind: Int32
        var parent: Int32, successor: Int32 = -1
        var established: Int32, establishedPrecision: UInt8
        var establishedBy: Int32, placedBy: Int32, namedBy: Int32
        var subordinate: Bool, dissolved = false
    }

    /// A task's state; `heldPrecision` 255 means no `heldSince`.
    struct TaskValue: Equatable, Sendable {
        var title: Int32, leika: Int32
        var holder: Int32 = -1
        var heldSince: Int32 = 0, heldPrecision: UInt8 = 255
        var heldBy: Int32 = -1
    }

    /// One step: from `day` on, `entity` has `value`, known from record seq `knownFrom` until
    /// before seq `knownUntil` (`IndexLayout.stillKnown`: known now).
    struct Step<Value: Sendable>: Sendable {
        var entity: Int32
        var day: Int32
        var value: Value
        var knownFrom: UInt32
        var knownUntil: UInt32 = IndexLayout.stillKnown
        /// While the step is known: the entity's step known before it by day (-1: none).
        var earlierKnown: Int32 = -1
    }

    /// Steps of one kind of entity, in the order made, with each entity's steps known now.
    struct Steps<Value: Equatable & Sendable>: Sendable {
        private(set) var steps = ChunkedArray<Step<Value>>()
        /// Each entity's latest step known now (an index into `steps`; -1: none), the others
        /// linked from it by `earlierKnown`: millions of entities have a step or two, and a list
        /// each cost more than the steps.
        private var lastKnown: [Int32]

        init(entities: Int) { lastKnown = Array(repeating: -1, count: entities) }

        /// How many entities the steps are of.
        var entities: Int { lastKnown.count }

        mutating func grow(to entities: Int) {
            if lastKnown.count < entities { lastKnown.append(contentsOf: repeatElement(-1, count: entities - lastKnown.count)) }
        }

        /// The value known now on the entity's latest day; nil before its first step.
        func latest(_ entity: Int32) -> Value? {
            let last = lastKnown[Int(entity)]
            return last < 0 ? nil : steps[Int(last)].value
        }

        /// The entity's steps known now, in day order.
        private func known(_ entity: Int32) -> [Int32] {
            var known: [Int32] = []
            var step = lastKnown[Int(entity)]
            while step >= 0 {
                known.append(step)
                step = steps[Int(step)].earlierKnown
            }
            return known.reversed()
        }

        /// From `day` on, which is no earlier than any step known, `entity` has `value`, as record
        /// `seq` says: a step of its own on the same day is replaced, an earlier record's closed.
        mutating func set(_ entity: Int32, _ value: Value, on day: Int32, by seq: UInt32) {
            let e = Int(entity)
            var earlier = lastKnown[e]
            if earlier >= 0, steps[Int(earlier)].day == day {
                if steps[Int(earlier)].knownFrom == seq {
                    steps[Int(earlier)].value = value
                    return
                }
                steps[Int(earlier)].knownUntil = seq
                earlier = steps[Int(earlier)].earlierKnown
            }
            lastKnown[e] = Int32(steps.count)
            steps.append(Step(entity: entity, day: day, value: value, knownFrom: seq, earlierKnown: earlier))
        }

        /// `entity`'s timeline as record `seq` leaves it (one value per day, in day order): the
        /// steps known that it still has stay as they are; the others are closed and the new ones
        /// added.
        mutating func replace(_ entity: Int32, with timeline: [(day: Int32, value: Value)], by seq: UInt32) {
            let old = known(entity)
            var now: [Int32] = []
            now.reserveCapacity(timeline.count)
            var next = 0
            for (day, value) in timeline {
                while next < old.count, steps[Int(old[next])].day < day {
                    steps[Int(old[next])].knownUntil = seq
                    next += 1
                }
                if next < old.count, steps[Int(old[next])].day == day {
                    defer { next += 1 }
                    if steps[Int(old[next])].value == value {
                        now.append(old[next])
                        continue
                    }
                    steps[Int(old[next])].knownUntil = seq
                }
                now.append(Int32(steps.count))
                steps.append(Step(entity: entity, day: day, value: value, knownFrom: seq))
            }
            for index in old[next...] { steps[Int(index)].knownUntil = seq }
            var earlier: Int32 = -1
            for index in now {
                steps[Int(index)].earlierKnown = earlier
                earlier = index
            }
            lastKnown[Int(entity)] = earlier
        }

        /// For each entity, its steps (indexes into `steps`, by day, then by when they became
        /// known), the entities taken in the order given: what the index writes, one entity after
        /// the other.
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
            // Made in recorded order, so each entity's steps need sorting by day only where a
            // record reached back.
            for entity in order {
                let range = Int(starts[Int(entity)])..<Int(starts[Int(entity)] + counts[Int(entity)])
                let days = ordered[range].map { steps[Int($0)].day }
                guard zip(days, days.dropFirst()).contains(where: { $0 > $1 }) else { continue }
                ordered[range].sort { l, r in
                    let (a, b) = (steps[Int(l)], steps[Int(r)])
                    return (a.day, a.knownFrom, l) < (b.day, b.knownFrom, r)
                }
            }
            return (starts, counts, ordered)
        }

        /// Whether the entity ever had a step (known now or earlier).
        func entitiesWithSteps(_ entities: Int) -> [Bool] {
            var has = [Bool](repeating: false, count: entities)
            for step in steps { has[Int(step.entity)] = true }
            return has
        }
    }

    /// Keys (of supervision or of an office) numbered in the order first met, each with its steps
    /// (the record in force, -1: none).
    struct KeyedSteps: Sendable {
        private(set) var keys: [SIMD4<Int32>] = []
        private var numbers: [SIMD4<Int32>: Int32] = [:]
        var steps = Steps<Int32>(entities: 0)

        /// The key's number, and whether it was met just now.
        mutating func number(of key: SIMD4<Int32>) -> (number: Int32, isNew: Bool) {
            if let number = numbers[key] { return (number, false) }
            let number = Int32(keys.count)
            numbers[key] = number
            keys.append(key)
            steps.grow(to: keys.count)
            return (number, true)
        }

        /// The number of a key met before.
        func known(_ key: SIMD4<Int32>) -> Int32? { numbers[key] }
    }

    var unitSteps: Steps<UnitValue>
    var taskSteps: Steps<TaskValue>
    /// Supervision keys (supervisor, unit, task, kind) and offices (person, role, unit, 0).
    var supervisions = KeyedSteps()
    var appointments = KeyedSteps()
    /// Keys by the supervised unit (the index's order), and offices by unit.
    var supervisionsOver: [[Int32]]
    var appointmentsIn: [[Int32]]
    /// The supervision keys a unit gives or is under: what its dissolution ends.
    var supervisionsInvolving: [[Int32]]
    /// Each entity's changes (indexes into `CompactLedger.changes`, in ledger order), which a
    /// record reaching back folds again; a key's also has the dissolutions that end it.
    var unitChanges: [[Int32]], taskChanges: [[Int32]]
    var supervisionChanges: [[Int32]] = [], appointmentChanges: [[Int32]] = []
    /// The record of each change (its position).
    var changeRecord: [Int32] = []
    /// For each record (by position), the seq of the first record that withdrew it
    /// (`IndexLayout.stillKnown`: none).
    var withdrawnAt: [UInt32] = []
    /// Every person appointed, over recorded time.
    var persons = CompactPersons()

    init(units unitCount: Int, tasks taskCount: Int) {
        unitSteps = Steps(entities: unitCount)
        taskSteps = Steps(entities: taskCount)
        supervisionsOver = Array(repeating: [], count: unitCount)
        appointmentsIn = Array(repeating: [], count: unitCount)
        supervisionsInvolving = Array(repeating: [], count: unitCount)
        unitChanges = Array(repeating: [], count: unitCount)
        taskChanges = Array(repeating: [], count: taskCount)
    }

    /// Each unit's live sub-units and held tasks after the last change, by unit number: the counts
    /// the index keeps (`IndexLayout.UnitRow.liveSubUnits`), from each entity's latest step known
    /// now (a unit or task only withdrawn records made has none, and counts for nothing).
    func finalCounts() -> [UnitCounts] {
        var counts = [UnitCounts](repeating: UnitCounts(liveSubUnits: 0, heldTasks: 0), count: unitSteps.entities)
        for unit in 0..<Int32(unitSteps.entities) {
            if let value = unitSteps.latest(unit), value.parent >= 0, !value.dissolved { counts[Int(value.parent)].liveSubUnits += 1 }
        }
        for task in 0..<Int32(taskSteps.entities) {
            if let value = taskSteps.latest(task), value.holder >= 0 { counts[Int(value.holder)].heldTasks += 1 }
        }
        return counts
    }
}
