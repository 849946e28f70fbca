/// The organisation on a day built from the index without replaying the ledger: only what one
/// answer needs (`partialState`), or all of it, with the tail's records applied on top.
extension IndexFile {
    /// Only what an answer about `task` on `day` needs, as the records `known` said: the task, its
    /// holder and the units above, their supervision and offices. Nil if the index does not know
    /// the task at all. Without
    /// `unitRecords` the units' `establishedBy`, `placedBy` and `namedBy` are empty: the answer
    /// itself names none of them, only its provenance does.
    func partialState(forTask id: TaskID, on day: Int, known: KnownRecords, unitRecords: Bool) throws(IndexDamage) -> OrgState? {
        if let last = lastPartialState.withLock({ $0 }), last.task == id, last.day == day, last.known == known,
           last.unitRecords || !unitRecords {
            return last.state
        }
        let state = try buildPartialState(forTask: id, on: day, known: known, unitRecords: unitRecords)
        lastPartialState.withLock { $0 = PartialState(task: id, day: day, known: known, unitRecords: unitRecords, state: state) }
        return state
    }

    private func buildPartialState(forTask id: TaskID, on day: Int, known: KnownRecords, unitRecords: Bool) throws(IndexDamage) -> OrgState? {
        guard try taskRow(id) != nil || tailIntroduces(id) else { return nil }
        var state = OrgState()
        var related = Set<UnitID>()
        try apply(tail(through: day), on: day, to: &state, related: &related)
        try loadTask(id, on: day, known: known, into: &state)
        if let holder = state.tasks[id]?.holder {
            try loadUnit(holder, withAncestors: true, on: day, known: known, into: &state, related: &related, unitRecords: unitRecords)
        }
        return state
    }

    /// Hands over every task in force on a day, in id order, to its argument.
    typealias TaskFeed = ((TaskState) -> Void) throws(IndexDamage) -> Void

    /// An answer about the whole organisation on `day`, which `answer` works out from the units
    /// (with supervision and offices if `relations`) and a feed of every task. Without tail
    /// records to apply, the feed reads the task rows one at a time: a million tasks are never
    /// held together, and answers that need no tasks never read them.
    func wholeOrganisation<T>(on day: Int, known: KnownRecords, relations: Bool,
                              _ answer: (_ units: OrgState, _ tasks: TaskFeed) throws(IndexDamage) -> T) throws(IndexDamage) -> T {
        try checkRowCounts()
        let memo = AnswerMemo()
        defer { remember(memo) }
        guard tail(through: day).isEmpty else {
            let state = try fullState(on: day, known: known, memo: memo)
            return try answer(state) { each in state.forEachTask(each) }
        }
        let units = try unitState(on: day, known: known, relations: relations, memo: memo)
        return try answer(units) { (each) throws(IndexDamage) in
            for row in 0..<taskCount {
                if let task = try task(row: row, on: day, known: known, memo: memo) { each(task) }
            }
        }
    }

    /// What changed between the organisation on `from` and on `to`: the units of each day, and the
    /// task rows read once at both days. With tail records to apply, from the full state of each.
    func organisationDiff(from: ValidDate, to: ValidDate, known: KnownRecords) throws(IndexDamage) -> OrgDiff {
        try checkRowCounts()
        let memo = AnswerMemo()
        defer { remember(memo) }
        let (fromDay, toDay) = (from.firstDay, to.firstDay)
        guard tail(through: fromDay).isEmpty, tail(through: toDay).isEmpty else {
            return OrgDiff(from: try fullState(on: fromDay, known: known, memo: memo), at: from,
                           to: try fullState(on: toDay, known: known, memo: memo), at: to)
        }
        let before = try unitState(on: fromDay, known: known, relations: true, memo: memo)
        let after = try unitState(on: toDay, known: known, relations: true, memo: memo)
        return try OrgDiff(from: before, at: from, to: after, at: to) { (each) throws(IndexDamage) in
            for row in 0..<taskCount {
                let old = try task(row: row, on: fromDay, known: known, memo: memo), new = try task(row: row, on: toDay, known: known, memo: memo)
                if old != nil || new != nil { each(old, new) }
            }
        }
    }

    /// The whole organisation on `day`, built from the index without replaying the ledger.
    private func fullState(on day: Int, known: KnownRecords, memo: AnswerMemo) throws(IndexDamage) -> OrgState {
        var state = try unitState(on: day, known: known, relations: true, memo: memo)
        state.tasks.reserveCapacity(taskCount)
        for row in 0..<taskCount {
            guard let task = try task(row: row, on: day, known: known, memo: memo) else { continue }
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
    private func unitState(on day: Int, known: KnownRecords, relations: Bool, memo: AnswerMemo) throws(IndexDamage) -> OrgState {
        var state = OrgState()
        state.units.reserveCapacity(unitCount)
        for row in 0..<unitCount {
            guard let unit = try unit(row: row, on: day, known: known, memo: memo) else { continue }
            state.units[unit.id] = unit
        }
        if relations {
            for row in 0..<unitCount where state.units[try unitID(row)] != nil {
                try addRelations(ofUnitRow: row, on: day, known: known, to: &state, memo: memo)
            }
        }
        return state
    }

    /// Keeps the rows of the records an answer met, for the questions after it.
    private func remember(_ memo: AnswerMemo) {
        guard !memo.recordRows.isEmpty else { return }
        recordRows.withLock { known in
            if known.isEmpty { known = memo.recordRows } else { known.merge(memo.recordRows) { _, met in met } }
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
