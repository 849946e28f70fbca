extension IndexFile {
    func unitID(_ row: Int) throws(IndexDamage) -> UnitID {
        guard row >= 0, row < unitCount, let id = try string(.units, row * IndexLayout.unitRow) else { throw IndexDamage("unit row") }
        return id
    }

    func taskID(_ row: Int) throws(IndexDamage) -> TaskID {
        guard row >= 0, row < taskCount, let id = try string(.tasks, row * IndexLayout.taskRow) else { throw IndexDamage("task row") }
        return id
    }

    /// The id of the record on `row`, noted with its row (in `memo` while an answer about the
    /// whole organisation reads, else in `recordRows`) so provenance need not search for it.
    func recordID(_ row: Int, memo: AnswerMemo? = nil) throws(IndexDamage) -> RecordID {
        guard row >= 0, row < recordCount, let id = try sharedString(.records, row * IndexLayout.recordRow + 12, memo: memo) else {
            throw IndexDamage("record row")
        }
        if let memo { memo.recordRows[id] = row } else { recordRows.withLock { $0[id] = row } }
        return id
    }

    // References where the index allows "none": -1, and nothing else below zero.

    @inline(__always)
    func unitID(orNone row: Int) throws(IndexDamage) -> UnitID? {
        row == -1 ? nil : try unitID(row)
    }

    @inline(__always)
    func taskID(orNone row: Int) throws(IndexDamage) -> TaskID? {
        row == -1 ? nil : try taskID(row)
    }

    @inline(__always)
    func recordID(orNone row: Int, memo: AnswerMemo? = nil) throws(IndexDamage) -> RecordID? {
        row == -1 ? nil : try recordID(row, memo: memo)
    }

    /// The header's counts of units, tasks and records, checked against the sections that hold
    /// their rows: answers about the whole organisation loop over them and size their tables by
    /// them, and a forged count of four billion must be damage, not four billion rows.
    func checkRowCounts() throws(IndexDamage) {
        func holds(_ section: IndexLayout.Section, _ count: Int, stride: Int) -> Bool {
            // Divided, not multiplied: the record count is a UInt64 in the header.
            length(of: section).quotientAndRemainder(dividingBy: stride) == (count, 0)
        }
        guard holds(.units, unitCount, stride: IndexLayout.unitRow), holds(.tasks, taskCount, stride: IndexLayout.taskRow),
              holds(.records, recordCount, stride: IndexLayout.recordRow), holds(.recordsByID, recordCount, stride: 4)
        else { throw IndexDamage("the header's counts of units, tasks and records do not match their sections") }
    }

    /// `string(section, offset)`, but with a `memo`, one `String` for every row that stores the
    /// same text: titles, names and record ids repeat across a million rows, and a copy for each
    /// would be a good part of an answer's memory. (Ids of units and tasks are unique or short
    /// enough to be held inline, so they are read with `string`.)
    func sharedString(_ section: IndexLayout.Section, _ offset: Int, memo: AnswerMemo?) throws(IndexDamage) -> String? {
        guard let memo else { return try string(section, offset) }
        let length = try u32(section, offset + 4)
        guard UInt32(length) != IndexLayout.nilLength else { return nil }
        let start = try u32(section, offset)
        let key = start << 32 | length
        if let known = memo.strings[key] { return known }
        let text = try Self.text(try bytes(.strings, start, length))
        memo.strings[key] = text
        return text
    }

    func unitRow(_ id: UnitID) throws(IndexDamage) -> Int? {
        try findRow(id, in: .units, count: unitCount, stride: IndexLayout.unitRow, prefixAt: IndexLayout.unitIDPrefixOffset)
    }

    func taskRow(_ id: TaskID) throws(IndexDamage) -> Int? {
        try findRow(id, in: .tasks, count: taskCount, stride: IndexLayout.taskRow, prefixAt: IndexLayout.taskIDPrefixOffset)
    }

    /// The date a step stores as its first day and a precision code (0 year, 1 month, 2 day,
    /// `IndexLayout.qualifiedPrecision`: the effective date of the record on row `record`), all
    /// checked: a day no `ValidDate` can stand for, or another code, is damage.
    func date(firstDay: Int, precision code: UInt8, record: Int) throws(IndexDamage) -> ValidDate {
        guard let day = ValidDate(checkingDayNumber: firstDay) else {
            throw IndexDamage("day \(firstDay) lies outside the years 0001...9999")
        }
        let date: ValidDate?
        switch code {
        case 0: date = try? ValidDate(year: day.year)
        case 1: date = try? ValidDate(year: day.year, month: day.month)
        case 2: date = day
        case IndexLayout.qualifiedPrecision:
            guard let stored = (try? recordAt(record)) ?? nil, case let qualified = stored.effectiveDate, !qualified.isExact,
                  qualified.firstDay == firstDay
            else { throw IndexDamage("qualified date of record row \(record)") }
            date = qualified
        default: throw IndexDamage("precision code \(code)")
        }
        // The year and month of an existing day exist: nil cannot happen, but must not trap.
        guard let date else { throw IndexDamage("date") }
        return date
    }

    /// The unit as it stood on `day`, or nil if not yet established. Without `records`, the
    /// records that established, placed and named it are left empty (""): only provenance and
    /// refusals name them, and reading three record ids touches six scattered index blocks.
    func unit(row: Int, on day: Int, records: Bool = true, memo: AnswerMemo? = nil) throws(IndexDamage) -> UnitState? {
        guard row >= 0, row < unitCount else { throw IndexDamage("unit row \(row) of \(unitCount)") }
        let base = row * IndexLayout.unitRow
        guard let step = try lastStep(onOrBefore: day, in: .unitSteps, start: try u32(.units, base + 8),
                                      count: try u32(.units, base + 12), stride: IndexLayout.unitStep)
        else { return nil }
        let at = step * IndexLayout.unitStep
        let parent = try i32(.unitSteps, at + 4)
        let successor = try i32(.unitSteps, at + 32)
        guard let name = try sharedString(.unitSteps, at + 8, memo: memo), let kind = try sharedString(.unitSteps, at + 24, memo: memo) else {
            throw IndexDamage("unit step")
        }
        let relation: Relation
        switch try u8(.unitSteps, at + 52) {
        case 0: relation = .partOf
        case 1: relation = .subordinateTo
        case let code: throw IndexDamage("unit step \(step): relation code \(code)")
        }
        let dissolved = try u8(.unitSteps, at + 53)
        guard dissolved <= 1 else { throw IndexDamage("unit step \(step): dissolved flag \(dissolved)") }
        return UnitState(
            id: try unitID(row), name: name, abbreviation: try sharedString(.unitSteps, at + 16, memo: memo), kind: UnitKind(rawValue: kind),
            parent: try unitID(orNone: parent),
            relation: relation,
            isDissolved: dissolved == 1,
            successor: try unitID(orNone: successor),
            established: try date(firstDay: try i32(.unitSteps, at + 36), precision: try u8(.unitSteps, at + 54),
                                  record: try i32(.unitSteps, at + 40)),
            establishedBy: records ? try recordID(try i32(.unitSteps, at + 40), memo: memo) : "",
            placedBy: records ? try recordID(try i32(.unitSteps, at + 44), memo: memo) : "",
            namedBy: records ? try recordID(try i32(.unitSteps, at + 48), memo: memo) : "")
    }

    /// The task as it stood on `day`, or nil if not yet defined.
    func task(row: Int, on day: Int, memo: AnswerMemo? = nil) throws(IndexDamage) -> TaskState? {
        guard row >= 0, row < taskCount else { throw IndexDamage("task row \(row) of \(taskCount)") }
        let base = row * IndexLayout.taskRow
        guard let step = try lastStep(onOrBefore: day, in: .taskSteps, start: try u32(.tasks, base + 8),
                                      count: try u32(.tasks, base + 12), stride: IndexLayout.taskStep)
        else { return nil }
        let at = step * IndexLayout.taskStep
        let holder = try i32(.taskSteps, at + 4)
        let heldBy = try i32(.taskSteps, at + 28)
        let precision = try u8(.taskSteps, at + 32)
        guard let title = try sharedString(.taskSteps, at + 8, memo: memo) else { throw IndexDamage("task step") }
        return TaskState(
            id: try taskID(row), title: title, leika: try sharedString(.taskSteps, at + 16, memo: memo),
            holder: try unitID(orNone: holder),
            heldSince: precision == 255 ? nil : try date(firstDay: try i32(.taskSteps, at + 24), precision: precision, record: heldBy),
            heldBy: try recordID(orNone: heldBy, memo: memo))
    }

    /// Adds to `state` the supervision over and the offices in the unit at `row` on `day`, with
    /// the supervisors' units so their names can be shown.
    func addRelations(ofUnitRow row: Int, on day: Int, to state: inout OrgState, unitRecords: Bool = true,
                      memo: AnswerMemo? = nil) throws(IndexDamage) {
        guard row >= 0, row < unitCount else { throw IndexDamage("unit row \(row) of \(unitCount)") }
        let base = row * IndexLayout.unitRow
        let supervisionKeys = try rows(.supervisionKeys, start: try u32(.units, base + 16), count: try u32(.units, base + 20),
                                       stride: IndexLayout.supervisionKey)
        for key in supervisionKeys {
            let at = key * IndexLayout.supervisionKey
            guard let step = try lastStep(onOrBefore: day, in: .supervisionSteps, start: try u32(.supervisionKeys, at + 16),
                                          count: try u32(.supervisionKeys, at + 20), stride: IndexLayout.step)
            else { continue }
            guard let record = try recordID(orNone: try i32(.supervisionSteps, step * IndexLayout.step + 4), memo: memo) else { continue }
            let supervisorRow = try i32(.supervisionKeys, at)
            let task = try i32(.supervisionKeys, at + 8)
            let kinds = SupervisionKind.allCases
            let kindCode = Int(try u8(.supervisionKeys, at + 12))
            guard kindCode < kinds.count else { throw IndexDamage("supervision key \(key): kind code \(kindCode)") }
            let supervision = Supervision(supervisor: try unitID(supervisorRow), unit: try unitID(try i32(.supervisionKeys, at + 4)),
                                          kind: kinds[kindCode], task: try taskID(orNone: task))
            // A supervisor dissolved by a tail record (loaded before this unit) supervises nobody.
            if state.units[supervision.supervisor]?.isDissolved == true { continue }
            state.put(supervision, setBy: record)
            if state.units[supervision.supervisor] == nil,
               let supervisor = try unit(row: supervisorRow, on: day, records: unitRecords, memo: memo) {
                state.units[supervision.supervisor] = supervisor
            }
        }
        let appointmentKeys = try rows(.appointmentKeys, start: try u32(.units, base + 24), count: try u32(.units, base + 28),
                                       stride: IndexLayout.appointmentKey)
        for key in appointmentKeys {
            let at = key * IndexLayout.appointmentKey
            guard let step = try lastStep(onOrBefore: day, in: .appointmentSteps, start: try u32(.appointmentKeys, at + 20),
                                          count: try u32(.appointmentKeys, at + 24), stride: IndexLayout.step)
            else { continue }
            guard let record = try recordID(orNone: try i32(.appointmentSteps, step * IndexLayout.step + 4), memo: memo) else { continue }
            guard let person = try string(.appointmentKeys, at), let role = try string(.appointmentKeys, at + 8) else {
                throw IndexDamage("appointment key \(key) without a person or a role")
            }
            state.put(Appointment(person: person, role: role, unit: try unitID(try i32(.appointmentKeys, at + 16))), setBy: record)
        }
    }

    /// Only what an answer about `task` on `day` needs: the task, its holder and the units above,
    /// their supervision and offices. Nil if the index does not know the task at all. Without
    /// `unitRecords` the units' `establishedBy`, `placedBy` and `namedBy` are empty: the answer
    /// itself names none of them, only its provenance does.
    func partialState(forTask id: TaskID, on day: Int, unitRecords: Bool) throws(IndexDamage) -> OrgState? {
        if let last = lastPartialState.withLock({ $0 }), last.task == id, last.day == day, last.unitRecords || !unitRecords {
            return last.state
        }
        let state = try buildPartialState(forTask: id, on: day, unitRecords: unitRecords)
        lastPartialState.withLock { $0 = PartialState(task: id, day: day, unitRecords: unitRecords, state: state) }
        return state
    }

    private func buildPartialState(forTask id: TaskID, on day: Int, unitRecords: Bool) throws(IndexDamage) -> OrgState? {
        guard try taskRow(id) != nil || tailIntroduces(id) else { return nil }
        var state = OrgState()
        var related = Set<UnitID>()
        try apply(tail(through: day), on: day, to: &state, related: &related)
        try loadTask(id, on: day, into: &state)
        if let holder = state.tasks[id]?.holder {
            try loadUnit(holder, withAncestors: true, on: day, into: &state, related: &related, unitRecords: unitRecords)
        }
        return state
    }

    /// Hands over every task in force on a day, in id order, to its argument.
    typealias TaskFeed = ((TaskState) -> Void) throws(IndexDamage) -> Void

    /// An answer about the whole organisation on `day`, which `answer` works out from the units
    /// (with supervision and offices if `relations`) and a feed of every task. Without tail
    /// records to apply, the feed reads the task rows one at a time: a million tasks are never
    /// held together, and answers that need no tasks never read them.
    func wholeOrganisation<T>(on day: Int, relations: Bool,
                              _ answer: (_ units: OrgState, _ tasks: TaskFeed) throws(IndexDamage) -> T) throws(IndexDamage) -> T {
        try checkRowCounts()
        let memo = AnswerMemo()
        defer { remember(memo) }
        guard tail(through: day).isEmpty else {
            let state = try fullState(on: day, memo: memo)
            return try answer(state) { each in state.forEachTask(each) }
        }
        let units = try unitState(on: day, relations: relations, memo: memo)
        return try answer(units) { (each) throws(IndexDamage) in
            for row in 0..<taskCount {
                if let task = try task(row: row, on: day, memo: memo) { each(task) }
            }
        }
    }

    /// What changed between the organisation on `from` and on `to`: the units of each day, and the
    /// task rows read once at both days. With tail records to apply, from the full state of each.
    func organisationDiff(from: ValidDate, to: ValidDate) throws(IndexDamage) -> OrgDiff {
        try checkRowCounts()
        let memo = AnswerMemo()
        defer { remember(memo) }
        let (fromDay, toDay) = (from.firstDay, to.firstDay)
        guard tail(through: fromDay).isEmpty, tail(through: toDay).isEmpty else {
            return OrgDiff(from: try fullState(on: fromDay, memo: memo), at: from, to: try fullState(on: toDay, memo: memo), at: to)
        }
        let before = try unitState(on: fromDay, relations: true, memo: memo)
        let after = try unitState(on: toDay, relations: true, memo: memo)
        return try OrgDiff(from: before, at: from, to: after, at: to) { (each) throws(IndexDamage) in
            for row in 0..<taskCount {
                let old = try task(row: row, on: fromDay, memo: memo), new = try task(row: row, on: toDay, memo: memo)
                if old != nil || new != nil { each(old, new) }
            }
        }
    }

    /// The whole organisation on `day`, built from the index without replaying the ledger.
    private func fullState(on day: Int, memo: AnswerMemo) throws(IndexDamage) -> OrgState {
        var state = try unitState(on: day, relations: true, memo: memo)
        state.tasks.reserveCapacity(taskCount)
        for row in 0..<taskCount {
            guard let task = try task(row: row, on: day, memo: memo) else { continue }
            state.tasks[task.id] = task
        }
        let appended = tail(through: day)
        if !appended.isEmpty {
            var related = Set(state.units.keys)
            try apply(appended, on: day, to: &state, related: &related)
        }
        return state
    }

    /// Every unit established by `day` (dissolved ones too), with the supervision over each and
    /// its offices if `relations`.
    private func unitState(on day: Int, relations: Bool, memo: AnswerMemo) throws(IndexDamage) -> OrgState {
        var state = OrgState()
        state.units.reserveCapacity(unitCount)
        for row in 0..<unitCount {
            guard let unit = try unit(row: row, on: day, memo: memo) else { continue }
            state.units[unit.id] = unit
        }
        if relations {
            for row in 0..<unitCount where state.units[try unitID(row)] != nil {
                try addRelations(ofUnitRow: row, on: day, to: &state, memo: memo)
            }
        }
        return state
    }

    /// Keeps the rows of the records an answer met, for the questions after it.
    private func remember(_ memo: AnswerMemo) {
        guard !memo.recordRows.isEmpty else { return }
        recordRows.withLock { rows in
            if rows.isEmpty { rows = memo.recordRows } else { rows.merge(memo.recordRows) { _, met in met } }
        }
    }
}

/// What one answer about the whole organisation remembers while it reads the index: one `String`
/// per stored text (by its place in the string blob), and the rows of the records it met. Each
/// answer has its own, so answers on other threads neither see nor wait for it; the rows join
/// the index's `recordRows` when the answer is done.
final class AnswerMemo {
    var strings: [Int: String] = [:]
    var recordRows: [RecordID: Int] = [:]
}

extension OrgState {
    /// Throws unless the units above `id` end at a root. Built by the rules, they always do; built
    /// from a forged index, a unit can be its own ancestor, and a chart drawn down from it would
    /// never end.
    func checkNoCycle(above id: UnitID) throws(IndexDamage) {
        var seen: Set<UnitID> = [id]
        var current = units[id]?.parent
        while let unitID = current {
            guard seen.insert(unitID).inserted else { throw IndexDamage("unit '\(unitID)' is its own ancestor") }
            current = units[unitID]?.parent
        }
    }
}
