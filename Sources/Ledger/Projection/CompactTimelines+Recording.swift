/// The timelines built in the order the records were recorded (seq), so that every step knows
/// from which record to which the ledger said it (docs/FORMAT.md §5.5).
///
/// A record that takes effect on or after every record before it, and corrects or retracts
/// nothing, only adds steps (or replaces its own on the same day): that is almost every record.
/// A record that reaches back (backdated, correcting, retracting) folds again only the entities
/// its changes and the changes it withdraws touch (`CompactTimelines+Fold`), and a dissolution
/// touches the supervision and offices it ends.
extension CompactTimelines {
    /// The entities one record touches.
    private struct Touched {
        var units = Set<Int32>(), tasks = Set<Int32>(), supervisions = Set<Int32>(), appointments = Set<Int32>()
        var persons = Set<Int32>()
    }

    /// The timelines of every record of `ledger`, which has passed the rules
    /// (`CompactLedger.checkRules`), so every `corrects` and `retracts` names an earlier record:
    /// the one at `targets[position]` (`CompactLedger.withdrawalTargets`).
    init(recording ledger: CompactLedger, targets: [Int32]) {
        self.init(units: ledger.units.count, tasks: ledger.tasks.count)
        withdrawnAt = Array(repeating: IndexLayout.stillKnown, count: ledger.records.count)
        changeRecord = [Int32](repeating: 0, count: ledger.changes.count)
        for (position, record) in ledger.records.enumerated() {
            for change in Int(record.changeStart)..<Int(record.changeStart + record.changeCount) { changeRecord[change] = Int32(position) }
        }
        let reachingBack = Self.reachingBack(in: ledger)
        var withdrawals = EffectiveOrder.Withdrawals()
        for position in ledger.records.indices {
            record(Int32(position), reachingBack: reachingBack[position], target: targets[position], in: ledger, withdrawals: &withdrawals)
        }
    }

    /// For each record, whether it reaches back: it corrects or retracts, or takes effect before
    /// a record recorded earlier (one withdrawn since counts too). The others take effect after
    /// everything recorded before them.
    static func reachingBack(in ledger: CompactLedger) -> [Bool] {
        var latestDay = Int32.min
        return ledger.records.map { record in
            let back = EffectiveOrder.reachesBack(withdrawing: record.corrects != nil || record.retracts != nil,
                                                  day: Int(record.effectiveDay), latestDay: Int(latestDay))
            if record.changeCount > 0 { latestDay = max(latestDay, record.effectiveDay) }
            return back
        }
    }

    /// Records the record at `position`, which reaches back or takes effect after everything before
    /// it, and corrects or retracts the record at `target` (-1: neither).
    private mutating func record(_ position: Int32, reachingBack: Bool, target: Int32, in ledger: CompactLedger,
                                 withdrawals: inout EffectiveOrder.Withdrawals) {
        let record = ledger.records[Int(position)], seq = UInt32(position + 1)
        var withdrawn: [Int32] = []
        if target >= 0 {
            let withdrawing: EffectiveOrder.Target = record.corrects != nil ? .corrects(Int(target)) : .retracts(Int(target))
            for other in withdrawals.add(Int(position), withdrawing) {
                withdrawnAt[other] = seq
                withdrawn.append(Int32(other))
            }
        }
        let changes = Int(record.changeStart)..<Int(record.changeStart + record.changeCount)
        for index in changes { register(index, in: ledger) }
        var touched = Touched()
        if !reachingBack {
            for index in changes { apply(index, of: position, by: seq, in: ledger, touching: &touched) }
        } else {
            for index in changes { touch(index, in: ledger, into: &touched) }
            for other in withdrawn {
                let record = ledger.records[Int(other)]
                for index in Int(record.changeStart)..<Int(record.changeStart + record.changeCount) { touch(index, in: ledger, into: &touched) }
            }
            for unit in touched.units.sorted() { refold(unit: unit, by: seq, in: ledger) }
            for task in touched.tasks.sorted() { refold(task: task, by: seq, in: ledger) }
            for key in touched.supervisions.sorted() { refold(supervision: key, by: seq, in: ledger) }
            for key in touched.appointments.sorted() { refold(appointment: key, by: seq, in: ledger) }
        }
        if !touched.persons.isEmpty {
            persons.refresh(touched.persons.sorted(), by: seq, in: ledger, changeRecord: changeRecord, withdrawnAt: withdrawnAt)
        }
    }

    /// Files change `index` with the entities it names, numbering a key met for the first time.
    private mutating func register(_ index: Int, in ledger: CompactLedger) {
        let change = ledger.changes[index]
        let (a, b, c) = (change.a, change.b, change.c)
        switch change.op {
        case .establishUnit, .renameUnit, .moveUnit, .dissolveUnit:
            unitChanges[Int(a)].append(Int32(index))
        case .defineTask, .assignTask, .transferTask, .revokeTask:
            taskChanges[Int(a)].append(Int32(index))
        case .setSupervision, .endSupervision:
            let (number, isNew) = supervisions.number(of: SIMD4(a, b, c, Int32(change.kind)))
            if isNew {
                supervisionsOver[Int(b)].append(number)
                supervisionsInvolving[Int(a)].append(number)
                supervisionsInvolving[Int(b)].append(number)
                supervisionChanges.append([])
            }
            supervisionChanges[Int(number)].append(Int32(index))
        case .appoint, .endAppointment:
            let (number, isNew) = appointments.number(of: SIMD4(a, b, c, 0))
            if isNew {
                appointmentsIn[Int(c)].append(number)
                appointmentChanges.append([])
            }
            appointmentChanges[Int(number)].append(Int32(index))
            if change.op == .appoint { persons.note(appointment: Int32(index), of: a) }
        }
    }

    /// The entities change `index` touches: those it names, and what a dissolution ends.
    private func touch(_ index: Int, in ledger: CompactLedger, into touched: inout Touched) {
        let change = ledger.changes[index]
        let (a, b, c) = (change.a, change.b, change.c)
        switch change.op {
        case .establishUnit, .renameUnit, .moveUnit:
            touched.units.insert(a)
        case .dissolveUnit:
            touched.units.insert(a)
            touched.supervisions.formUnion(supervisionsInvolving[Int(a)])
            touched.appointments.formUnion(appointmentsIn[Int(a)])
        case .defineTask, .assignTask, .transferTask, .revokeTask:
            touched.tasks.insert(a)
        case .setSupervision, .endSupervision:
            touched.supervisions.insert(supervisions.known(SIMD4(a, b, c, Int32(change.kind)))!)
        case .appoint, .endAppointment:
            touched.appointments.insert(appointments.known(SIMD4(a, b, c, 0))!)
            if change.op == .appoint { touched.persons.insert(a) }
        }
    }

    /// Applies change `index` of record `position`, which takes effect after every step known, to
    /// the latest value of each entity it touches.
    private mutating func apply(_ index: Int, of position: Int32, by seq: UInt32, in ledger: CompactLedger, touching touched: inout Touched) {
        let change = ledger.changes[index], day = ledger.records[Int(position)].effectiveDay
        let (a, b, c) = (change.a, change.b, change.c)
        func end(_ keys: [Int32], in steps: inout Steps<Int32>) {
            for key in keys {
                if let value = Self.key(steps.latest(key), after: index, of: position, in: ledger) { steps.set(key, value, on: day, by: seq) }
            }
        }
        switch change.op {
        case .establishUnit, .renameUnit, .moveUnit, .dissolveUnit:
            if let unit = Self.unit(unitSteps.latest(a), after: index, of: position, in: ledger) { unitSteps.set(a, unit, on: day, by: seq) }
            if change.op == .dissolveUnit {
                end(supervisionsInvolving[Int(a)], in: &supervisions.steps)
                end(appointmentsIn[Int(a)], in: &appointments.steps)
            }
        case .defineTask, .assignTask, .transferTask, .revokeTask:
            if let task = Self.task(taskSteps.latest(a), after: index, of: position, in: ledger) { taskSteps.set(a, task, on: day, by: seq) }
        case .setSupervision, .endSupervision:
            end([supervisions.known(SIMD4(a, b, c, Int32(change.kind)))!], in: &supervisions.steps)
        case .appoint, .endAppointment:
            end([appointments.known(SIMD4(a, b, c, 0))!], in: &appointments.steps)
            if change.op == .appoint { touched.persons.insert(a) }
        }
    }
}
