/// The rules of the change table, in one place, over interned ids: every path that replays
/// changes runs them here, `verify` and the index build over the numbers `CompactLedger` reads,
/// the ledger in memory, the full check and appends through `CheckedState`, which interns the
/// ids of records as it meets them.
///
/// The state is what the rules need and nothing more (names and titles break no rule): which
/// units exist, are dissolved, where they hang and how many live sub-units and tasks they have;
/// which tasks are defined and who holds them; which supervision and offices are in force.
/// A refusal names the rule in words (`RuleBreak`), with ids and dates from `RuleNames`.
///
/// Numbers: a unit, task, person, role and record is a non-negative `Int32` the caller chose
/// (dense from 0); -1 is "none" (no parent, no successor, no task of a supervision). Arrays grow
/// with `reserve(units:tasks:)`.
struct RuleEngine {
    private var unitExists: [Bool] = []
    private var unitDissolved: [Bool] = []
    private var parent: [Int32] = []
    private var liveChildren: [Int32] = []
    private var heldTasks: [Int32] = []
    /// Whether `liveChildren` and `heldTasks` of each unit are its whole counts: always for a unit
    /// the engine established; for a loaded unit, when the loader gave them.
    private var countsKnown: [Bool] = []
    /// Whether the state was loaded (`load(units:)`) rather than built change by change: then a
    /// dissolution checks that its unit's counts decide it (`checkLoadedCounts`).
    private var isLoaded = false
    /// The record that established each unit, for "ids are never reused".
    private var establishedBy: [Int32] = []
    private var taskDefined: [Bool] = []
    private var holder: [Int32] = []
    /// Supervision in force (supervisor, unit, task, kind) and offices held (person, role, unit,
    /// 0), each with the record that set it.
    private var supervisions: [SIMD4<Int32>: Int32] = [:]
    private var supervisionsOf: [[SIMD4<Int32>]] = []
    private var appointments: [SIMD4<Int32>: Int32] = [:]
    private var appointmentsIn: [[SIMD4<Int32>]] = []

    /// What the last dissolution ended besides the unit: the supervision it gave or was under and
    /// the offices in it, in the order they were set. The timeline builder (`CompactTimelines`)
    /// closes these.
    private(set) var endedByDissolution: (supervisions: [SIMD4<Int32>], appointments: [SIMD4<Int32>]) = ([], [])

    init(units: Int = 0, tasks: Int = 0) {
        reserve(units: units, tasks: tasks)
    }

    /// Makes room for units numbered below `units` and tasks below `tasks`.
    mutating func reserve(units: Int, tasks: Int) {
        if units > unitExists.count {
            let more = units - unitExists.count
            unitExists += repeatElement(false, count: more)
            unitDissolved += repeatElement(false, count: more)
            parent += repeatElement(-1, count: more)
            liveChildren += repeatElement(0, count: more)
            heldTasks += repeatElement(0, count: more)
            countsKnown += repeatElement(false, count: more)
            establishedBy += repeatElement(-1, count: more)
            supervisionsOf += repeatElement([], count: more)
            appointmentsIn += repeatElement([], count: more)
        }
        if tasks > taskDefined.count {
            let more = tasks - taskDefined.count
            taskDefined += repeatElement(false, count: more)
            holder += repeatElement(-1, count: more)
        }
    }

    // Loading a state another path built (`CheckedState(loading:counts:)`): each fact as it
    // stands. A unit's counts are the ones given (the index's); without them they count what is
    // loaded, and a dissolution of that unit cannot be decided (`checkLoadedCounts`).

    /// Loads units, each with its counts if known. Loaded before the tasks, so that a task counts
    /// towards its holder only where the holder's count was not given.
    mutating func load(units: [(number: Int32, parent: Int32, dissolved: Bool, establishedBy: Int32, counts: UnitCounts?)]) {
        isLoaded = true
        for unit in units {
            let number = Int(unit.number)
            unitExists[number] = true
            unitDissolved[number] = unit.dissolved
            parent[number] = unit.parent
            establishedBy[number] = unit.establishedBy
            if let counts = unit.counts {
                countsKnown[number] = true
                liveChildren[number] = counts.liveSubUnits
                heldTasks[number] = counts.heldTasks
            }
        }
        for unit in units where unit.parent >= 0 && !unit.dissolved && !countsKnown[Int(unit.parent)] {
            liveChildren[Int(unit.parent)] += 1
        }
    }

    mutating func load(task: Int32, holder unit: Int32) {
        taskDefined[Int(task)] = true
        holder[Int(task)] = unit
        if unit >= 0, !countsKnown[Int(unit)] { heldTasks[Int(unit)] += 1 }
    }

    mutating func load(supervision key: SIMD4<Int32>, setBy record: Int32) {
        supervisions[key] = record
        supervisionsOf[Int(key[0])].append(key)
        supervisionsOf[Int(key[1])].append(key)
    }

    mutating func load(appointment key: SIMD4<Int32>, setBy record: Int32) {
        appointments[key] = record
        appointmentsIn[Int(key[2])].append(key)
    }

    /// Whether the unit was ever established (dissolved or not).
    func isUnit(_ unit: Int32) -> Bool { unit >= 0 && Int(unit) < unitExists.count && unitExists[Int(unit)] }
    /// Whether the task was defined.
    func isTask(_ task: Int32) -> Bool { task >= 0 && Int(task) < taskDefined.count && taskDefined[Int(task)] }
    private func isLive(_ unit: Int32) -> Bool { isUnit(unit) && !unitDissolved[Int(unit)] }

    /// Applies change `change` of record `record` (effective on the date `names` gives for it), or
    /// throws the rule it breaks. On a throw the state may be partly changed: callers then stop.
    ///
    /// Fields of `change`: establishUnit, moveUnit: a unit, b parent; renameUnit: a unit;
    /// dissolveUnit: a unit, b successor; defineTask: a task; assignTask, revokeTask: a task,
    /// b unit; transferTask: a task, b from, c to; supervision: a supervisor, b unit, c task,
    /// kind; offices: a person, b role, c unit.
    mutating func apply(_ change: CompactChange, record: Int32, names: some RuleNames) throws(RuleBreak) {
        let (a, b, c) = (change.a, change.b, change.c)
        switch change.op {
        case .establishUnit:
            if isUnit(a) {
                throw RuleBreak("unit '\(names.unit(a))' already exists (established \(names.effectiveDate(ofRecord: establishedBy[Int(a)])) by '\(names.record(establishedBy[Int(a)]))'); ids are never reused")
            }
            if b >= 0 {
                try requireLive(b, "parent", record, names)
                liveChildren[Int(b)] += 1
            }
            unitExists[Int(a)] = true
            parent[Int(a)] = b
            establishedBy[Int(a)] = record
            countsKnown[Int(a)] = true

        case .renameUnit:
            try requireLive(a, "unit", record, names)

        case .moveUnit:
            try requireLive(a, "unit", record, names)
            try requireLive(b, "parent", record, names)
            var ancestor = b
            while ancestor >= 0 {
                if ancestor == a {
                    throw RuleBreak("moving '\(names.unit(a))' under '\(names.unit(b))' would make a cycle ('\(names.unit(b))' is '\(names.unit(a))' or inside it)")
                }
                ancestor = parent[Int(ancestor)]
            }
            if parent[Int(a)] >= 0 { liveChildren[Int(parent[Int(a)])] -= 1 }
            liveChildren[Int(b)] += 1
            parent[Int(a)] = b

        case .dissolveUnit:
            try requireLive(a, "unit", record, names)
            if isLoaded { try checkLoadedCounts(of: a) }
            if liveChildren[Int(a)] > 0,
               let child = parent.indices.filter({ parent[$0] == a && isLive(Int32($0)) }).map({ names.unit(Int32($0)) }).min() {
                throw RuleBreak("unit '\(names.unit(a))' still has the live sub-unit '\(child)'; move or dissolve it first")
            }
            if heldTasks[Int(a)] > 0, let task = holder.indices.filter({ holder[$0] == a }).map({ names.task(Int32($0)) }).min() {
                throw RuleBreak("unit '\(names.unit(a))' still holds task '\(task)'; transfer or revoke it first")
            }
            if b >= 0 {
                guard b != a else { throw RuleBreak("unit '\(names.unit(a))' cannot be its own successor") }
                try requireLive(b, "successor", record, names)
            }
            unitDissolved[Int(a)] = true
            if parent[Int(a)] >= 0 { liveChildren[Int(parent[Int(a)])] -= 1 }
            // A dissolved body supervises nobody, is supervised by nobody and has no offices.
            var ended: (supervisions: [SIMD4<Int32>], appointments: [SIMD4<Int32>]) = ([], [])
            for key in supervisionsOf[Int(a)] where supervisions.removeValue(forKey: key) != nil {
                ended.supervisions.append(key)
            }
            supervisionsOf[Int(a)] = []
            for key in appointmentsIn[Int(a)] where appointments.removeValue(forKey: key) != nil {
                ended.appointments.append(key)
            }
            appointmentsIn[Int(a)] = []
            endedByDissolution = ended

        case .defineTask:
            if isTask(a) { throw RuleBreak("task '\(names.task(a))' is already defined; ids are never reused") }
            taskDefined[Int(a)] = true

        case .assignTask:
            try requireTask(a, names)
            try requireLive(b, "unit", record, names)
            if holder[Int(a)] >= 0 {
                throw RuleBreak("task '\(names.task(a))' is already held by '\(names.unit(holder[Int(a)]))'; use transferTask")
            }
            hand(a, to: b)

        case .transferTask:
            try requireTask(a, names)
            guard holder[Int(a)] == b else { throw heldElsewhere(a, not: b, record, names) }
            guard b != c else {
                throw RuleBreak("task '\(names.task(a))' cannot be transferred from '\(names.unit(b))' to itself")
            }
            try requireLive(c, "to", record, names)
            hand(a, to: c)

        case .revokeTask:
            try requireTask(a, names)
            guard holder[Int(a)] == b, b >= 0 else { throw heldElsewhere(a, not: b, record, names) }
            heldTasks[Int(b)] -= 1
            holder[Int(a)] = -1

        case .setSupervision:
            try requireLive(a, "supervisor", record, names)
            try requireLive(b, "unit", record, names)
            guard a != b else { throw RuleBreak("unit '\(names.unit(b))' cannot supervise itself") }
            if c >= 0 { try requireTask(c, names) }
            let key = SIMD4(a, b, c, Int32(change.kind))
            if let since = supervisions[key] {
                throw RuleBreak("this supervision is already in force (set by '\(names.record(since))')")
            }
            supervisions[key] = record
            supervisionsOf[Int(a)].append(key)
            supervisionsOf[Int(b)].append(key)

        case .endSupervision:
            guard supervisions.removeValue(forKey: SIMD4(a, b, c, Int32(change.kind))) != nil else {
                let kind = SupervisionKind.allCases[Int(change.kind)]
                throw RuleBreak("no \(kind)-supervision of '\(names.unit(a))' over '\(names.unit(b))'\(c >= 0 ? " for task '\(names.task(c))'" : "") is in force on \(names.effectiveDate(ofRecord: record))")
            }

        case .appoint:
            try requireLive(c, "unit", record, names)
            let key = SIMD4(a, b, c, 0)
            if appointments[key] != nil {
                throw RuleBreak("'\(names.person(a))' already holds '\(names.role(b))' in '\(names.unit(c))'")
            }
            appointments[key] = record
            appointmentsIn[Int(c)].append(key)

        case .endAppointment:
            guard appointments.removeValue(forKey: SIMD4(a, b, c, 0)) != nil else {
                // Name who does hold office there, so a misspelt person or role is seen at once.
                let inUnit = c >= 0 && Int(c) < appointmentsIn.count ? appointmentsIn[Int(c)] : []
                // A unit's list keeps a key once per appointment, so an office held again is in it twice.
                let held = Set(inUnit).filter { appointments[$0] != nil }
                    .map { (role: names.role($0[1]), person: names.person($0[0])) }
                    .sorted { ($0.role, $0.person) < ($1.role, $1.person) }.prefix(3)
                    .map { "'\($0.person)' as '\($0.role)'" }.joined(separator: ", ")
                let unit = names.unit(c)
                let there = held.isEmpty ? "nobody holds an office in '\(unit)' then" : "offices in '\(unit)' then: \(held)"
                throw RuleBreak("'\(names.person(a))' does not hold '\(names.role(b))' in '\(unit)' on \(names.effectiveDate(ofRecord: record)); \(there)")
            }
        }
    }

    /// Throws `RuleBreak.beyondLoadedState` unless the loaded state decides the dissolution of
    /// `unit` as the whole organisation would: its counts are known and not below what is loaded
    /// (a count below means the index lies), and where the refusal names a sub-unit (or, with
    /// none, a task), every one the count says there is is loaded, so the least id named is the
    /// whole organisation's least. A scan of what is loaded: a few entities for an append; for a
    /// whole organisation with a dissolving tail, a millisecond or so per dissolution at 10⁶.
    private func checkLoadedCounts(of unit: Int32) throws(RuleBreak) {
        guard countsKnown[Int(unit)] else { throw .beyondLoadedState }
        let children = Int32(parent.indices.count { parent[$0] == unit && isLive(Int32($0)) })
        let tasks = Int32(holder.count { $0 == unit })
        let (countedChildren, countedTasks) = (liveChildren[Int(unit)], heldTasks[Int(unit)])
        guard children <= countedChildren, tasks <= countedTasks else { throw .beyondLoadedState }
        if countedChildren > 0 ? children < countedChildren : tasks < countedTasks { throw .beyondLoadedState }
    }

    private mutating func hand(_ task: Int32, to unit: Int32) {
        if holder[Int(task)] >= 0 { heldTasks[Int(holder[Int(task)])] -= 1 }
        heldTasks[Int(unit)] += 1
        holder[Int(task)] = unit
    }

    private func requireLive(_ unit: Int32, _ role: String, _ record: Int32, _ names: some RuleNames) throws(RuleBreak) {
        guard isUnit(unit) else {
            throw RuleBreak("\(role) '\(names.unit(unit))' does not exist on \(names.effectiveDate(ofRecord: record))")
        }
        if unitDissolved[Int(unit)] {
            throw RuleBreak("\(role) '\(names.unit(unit))' is dissolved on \(names.effectiveDate(ofRecord: record))")
        }
    }

    private func requireTask(_ task: Int32, _ names: some RuleNames) throws(RuleBreak) {
        guard isTask(task) else { throw RuleBreak("task '\(names.task(task))' is not defined") }
    }

    private func heldElsewhere(_ task: Int32, not unit: Int32, _ record: Int32, _ names: some RuleNames) -> RuleBreak {
        let current = holder[Int(task)]
        let held = current >= 0 ? "'\(names.unit(current))'" : "nobody"
        return RuleBreak("task '\(names.task(task))' is held by \(held) on \(names.effectiveDate(ofRecord: record)), not by '\(names.unit(unit))'")
    }
}

/// How the engine words a refusal: the ids behind its numbers, and the effective date of a
/// record as a record states it (`2019-01`, `2018-09-06..`).
protocol RuleNames {
    func unit(_ number: Int32) -> String
    func task(_ number: Int32) -> String
    func person(_ number: Int32) -> String
    func role(_ number: Int32) -> String
    func record(_ number: Int32) -> String
    func effectiveDate(ofRecord number: Int32) -> String
}

/// Names for a caller that only needs the verdict (the quick `verify`, the index build), which
/// leaves explaining to the full check.
struct UnnamedRules: RuleNames {
    func unit(_ number: Int32) -> String { "#\(number)" }
    func task(_ number: Int32) -> String { "#\(number)" }
    func person(_ number: Int32) -> String { "#\(number)" }
    func role(_ number: Int32) -> String { "#\(number)" }
    func record(_ number: Int32) -> String { "#\(number)" }
    func effectiveDate(ofRecord number: Int32) -> String { "#\(number)" }
}
