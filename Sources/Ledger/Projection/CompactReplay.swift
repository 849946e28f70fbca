/// One change with its ids interned as numbers: all the rules need of it (names and titles break
/// no rule, so they are not kept).
struct CompactChange {
    enum Op: UInt8 {
        case establishUnit, renameUnit, moveUnit, dissolveUnit, defineTask, assignTask, transferTask, revokeTask
        case setSupervision, endSupervision, appoint, endAppointment
    }

    var op: Op
    /// The supervision kind, for supervision changes.
    var kind: UInt8 = 0
    /// The ids the op names, in the order `CompactReplay.apply` documents; -1 for none.
    var a: Int32 = -1
    var b: Int32 = -1
    var c: Int32 = -1
}

/// A record reduced to what the rules and the effective order need.
struct CompactRecord {
    var effectiveDay: Int32
    /// The effective date's precision as the index stores it (`IndexLayout.precisionCode`).
    var precision: UInt8
    /// Range of the record's changes in the change list.
    var changeStart: Int32
    var changeCount: Int32
    /// `corrects` or `retracts`, as written (resolved once every record is known).
    var corrects: String?
    var retracts: String?
    /// The unit `actor` names (interned), -1 for none; `about` as written.
    var actor: Int32 = -1
    var about: [String]?
    /// The title (a text number, when read keeping texts, else -1) and the first day of `date`,
    /// for the index's record rows (search).
    var title: Int32 = -1
    var dateDay: Int32 = 0
    /// For an effective date that is not exact, the days it leaves open (`IndexLayout.openDays`).
    var openDays: SIMD2<Int32> = .zero
}

/// The rules of the change table over interned ids and flat arrays: the `verify` path for large
/// ledgers, where `OrgState`'s string-keyed dictionaries cost most of the time.
///
/// It only says whether every rule holds. It never explains: when anything breaks, the caller
/// runs the full check (`HistoryValidation`), which finds the same break and names it. The tests
/// hold the two to the same verdict on valid and broken histories.
struct CompactReplay {
    private var unitExists: [Bool]
    private var unitDissolved: [Bool]
    private var parent: [Int32]
    private var liveChildren: [Int32]
    private var heldTasks: [Int32]
    private var taskDefined: [Bool]
    private var holder: [Int32]
    private var supervisions = Set<SIMD4<Int32>>()
    private var supervisionsOf: [[SIMD4<Int32>]]
    private var appointments = Set<SIMD4<Int32>>()
    private var appointmentsIn: [[SIMD4<Int32>]]

    init(units: Int, tasks: Int) {
        unitExists = Array(repeating: false, count: units)
        unitDissolved = Array(repeating: false, count: units)
        parent = Array(repeating: -1, count: units)
        liveChildren = Array(repeating: 0, count: units)
        heldTasks = Array(repeating: 0, count: units)
        taskDefined = Array(repeating: false, count: tasks)
        holder = Array(repeating: -1, count: tasks)
        supervisionsOf = Array(repeating: [], count: units)
        appointmentsIn = Array(repeating: [], count: units)
    }

    func isUnit(_ unit: Int32) -> Bool { unit >= 0 && unitExists[Int(unit)] }
    func isTask(_ task: Int32) -> Bool { task >= 0 && taskDefined[Int(task)] }
    private func isLive(_ unit: Int32) -> Bool { unit >= 0 && unitExists[Int(unit)] && !unitDissolved[Int(unit)] }

    /// Applies one change; false if it breaks a rule (the state is then of no further use).
    /// Fields: establishUnit, moveUnit: a unit, b parent; renameUnit: a unit; dissolveUnit: a unit,
    /// b successor; defineTask: a task; assignTask, revokeTask: a task, b unit; transferTask: a
    /// task, b from, c to; supervision: a supervisor, b unit, c task, kind; offices: a person,
    /// b role, c unit.
    mutating func apply(_ change: CompactChange) -> Bool {
        let (a, b, c) = (change.a, change.b, change.c)
        switch change.op {
        case .establishUnit:
            guard !unitExists[Int(a)] else { return false }
            if b >= 0 {
                guard isLive(b) else { return false }
                liveChildren[Int(b)] += 1
            }
            unitExists[Int(a)] = true
            parent[Int(a)] = b
        case .renameUnit:
            guard isLive(a) else { return false }
        case .moveUnit:
            guard isLive(a), isLive(b) else { return false }
            var ancestor = b
            while ancestor >= 0 {
                if ancestor == a { return false }
                ancestor = parent[Int(ancestor)]
            }
            if parent[Int(a)] >= 0 { liveChildren[Int(parent[Int(a)])] -= 1 }
            liveChildren[Int(b)] += 1
            parent[Int(a)] = b
        case .dissolveUnit:
            guard isLive(a), liveChildren[Int(a)] == 0, heldTasks[Int(a)] == 0 else { return false }
            if b >= 0 { guard b != a, isLive(b) else { return false } }
            unitDissolved[Int(a)] = true
            if parent[Int(a)] >= 0 { liveChildren[Int(parent[Int(a)])] -= 1 }
            for key in supervisionsOf[Int(a)] { supervisions.remove(key) }
            supervisionsOf[Int(a)] = []
            for key in appointmentsIn[Int(a)] { appointments.remove(key) }
            appointmentsIn[Int(a)] = []
        case .defineTask:
            guard !taskDefined[Int(a)] else { return false }
            taskDefined[Int(a)] = true
        case .assignTask:
            guard isTask(a), isLive(b), holder[Int(a)] < 0 else { return false }
            hand(a, to: b)
        case .transferTask:
            guard isTask(a), holder[Int(a)] == b, b != c, isLive(c) else { return false }
            hand(a, to: c)
        case .revokeTask:
            guard isTask(a), holder[Int(a)] == b, b >= 0 else { return false }
            heldTasks[Int(b)] -= 1
            holder[Int(a)] = -1
        case .setSupervision:
            guard isLive(a), isLive(b), a != b, c < 0 || isTask(c) else { return false }
            let key = SIMD4(a, b, c, Int32(change.kind))
            guard supervisions.insert(key).inserted else { return false }
            supervisionsOf[Int(a)].append(key)
            supervisionsOf[Int(b)].append(key)
        case .endSupervision:
            guard supervisions.remove(SIMD4(a, b, c, Int32(change.kind))) != nil else { return false }
        case .appoint:
            guard isLive(c) else { return false }
            let key = SIMD4(a, b, c, 0)
            guard appointments.insert(key).inserted else { return false }
            appointmentsIn[Int(c)].append(key)
        case .endAppointment:
            guard appointments.remove(SIMD4(a, b, c, 0)) != nil else { return false }
        }
        return true
    }

    private mutating func hand(_ task: Int32, to unit: Int32) {
        if holder[Int(task)] >= 0 { heldTasks[Int(holder[Int(task)])] -= 1 }
        heldTasks[Int(unit)] += 1
        holder[Int(task)] = unit
    }

    /// The order in which records apply, as `EffectiveHistory` decides it for the ledger as known
    /// now (`position` finds a record id's place in the ledger); nil if a `corrects` or `retracts`
    /// names no earlier record.
    static func effectiveOrder(of records: [CompactRecord], position: (String) -> Int32?) -> [Int32]? {
        var decider: [Int32: Int32] = [:]
        for (index, record) in records.enumerated() {
            guard let target = record.corrects ?? record.retracts else { continue }
            guard let at = position(target), Int(at) < index else { return nil }
            decider[at] = Int32(index)
        }
        var withdrawn = [Bool](repeating: false, count: records.count)
        for (target, _) in decider { withdrawn[Int(target)] = true }
        for (index, record) in records.enumerated() {
            guard let target = record.corrects, let at = position(target), let decisive = decider[at],
                  decisive != Int32(index) else { continue }
            withdrawn[index] = true
        }
        // By day, then ledger order, as one integer each: comparing them reads no record, and
        // records mostly come in effective order already, which the sort runs through.
        var keys: [UInt64] = []
        keys.reserveCapacity(records.count)
        for (index, record) in records.enumerated() where !withdrawn[index] {
            keys.append(UInt64(UInt32(bitPattern: record.effectiveDay) ^ 0x8000_0000) << 32 | UInt64(index))
        }
        keys.sort()
        return keys.map { Int32(truncatingIfNeeded: $0) }
    }
}
