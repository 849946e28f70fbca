private typealias UnitRow = IndexLayout.UnitRow
private typealias UnitStep = IndexLayout.UnitStep
private typealias TaskRow = IndexLayout.TaskRow
private typealias TaskStep = IndexLayout.TaskStep

/// `timeline ID` from the index: the subject's days are its steps as the records known then saw
/// them, the organisation on each day is the subject with the units above it (as `responsible`
/// loads it), and the records behind each period are found through the mention lists, as
/// `history ID` finds them. `EntityTimeline.of` then makes the periods, as for a full read. The
/// cost follows the records naming the subject and the units above it, not the ledger; those
/// naming a government's unit are many, and only glanced at (1.0 s for a task at 10⁶ records).
extension IndexFile {
    /// The timeline of the task or unit `id` (a task if both have the id) as the records `known`
    /// (those recorded by `knownAt`) said; nil if neither is known then. Only for an index with
    /// no tail: the tail's records would have to join every day and step list.
    func indexedTimeline(of id: String, known: KnownRecords, knownAt: TransactionTime) throws(IndexDamage) -> EntityTimeline? {
        func days<Row: IndexStepRow>(_ kind: Row.Type, _ section: IndexLayout.Section, start: Int, count: Int) throws(IndexDamage) -> [Int] {
            var days: [Int] = []
            for step in try seenSteps(kind, in: section, start: start, count: count, known: known) {
                days.append(try rows.i32(Row.day, at: step, in: section))
            }
            return days
        }
        func unitDays(_ unit: UnitID) throws(IndexDamage) -> [Int] {
            guard let row = try unitRow(unit) else { return [] }
            return try days(UnitStep.self, .unitSteps, start: rows.u32(UnitRow.stepStart, at: row), count: rows.u32(UnitRow.stepCount, at: row))
        }
        func applying(subject: [Int]) -> (Set<Int>, Set<UnitID>) throws(IndexDamage) -> [Record] {
            { (days, units) throws(IndexDamage) in
                var candidates = subject
                for unit in units.sorted() { candidates += try self.mentionRows(of: unit, kind: .unit) }
                // A government's unit is named by a good part of the ledger: only the records
                // taking effect on one of the days are read (with what can withdraw them).
                // Their lines are read in file order, and let go of as it goes, as the compact
                // reading does.
                var onDays: [Int] = []
                if try self.forEachLine(ofRows: Set(candidates).sorted(), { (seq, line) throws(IndexDamage) in
                    if Self.effectiveDay(of: line).map(days.contains) ?? true { onDays.append(seq) }
                }) {
                    candidates = onDays
                }
                let found = try self.recordsWithTheirWithdrawals(candidates)
                return EffectiveHistory(found, knownAt: knownAt).records.filter { days.contains($0.effectiveDate.firstDay) }
            }
        }
        if let row = try taskRow(id) {
            let taskDays = try days(TaskStep.self, .taskSteps, start: rows.u32(TaskRow.stepStart, at: row), count: rows.u32(TaskRow.stepCount, at: row))
            if let last = taskDays.last, let task = try task(row: row, on: last, known: known) {
                let facts = EntityTimeline.Facts<OrgState, IndexDamage>(
                    snapshot: { (day) throws(IndexDamage) in
                        guard let state = try self.partialState(forTask: id, on: day, known: known, unitRecords: false) else {
                            throw IndexDamage("task '\(id)' has a row but no state")
                        }
                        return state
                    },
                    unitDays: unitDays, applying: applying(subject: try mentionRows(of: id, kind: .task)))
                return try EntityTimeline.of(task: id, title: task.title, days: taskDays, facts: facts)
            }
        }
        let days = try unitDays(id)
        guard !days.isEmpty else { return nil }
        let facts = EntityTimeline.Facts<OrgState, IndexDamage>(
            snapshot: { (day) throws(IndexDamage) in
                var state = OrgState()
                var related = Set<UnitID>()
                try self.loadUnit(id, withAncestors: true, on: day, known: known, into: &state, related: &related, unitRecords: false)
                return state
            },
            unitDays: unitDays, applying: applying(subject: try mentionRows(of: id, kind: .unit)))
        return try EntityTimeline.of(unit: id, days: days, facts: facts)
    }

    /// The first day a record's line says it takes effect, read off without decoding it: its
    /// `effective` member, else its `date` (no change and no source has either, and a quote in a
    /// string is escaped, so the needles find only the record's own). Nil when the line does not
    /// spell them plainly: the record is then read whole.
    private static func effectiveDay(of line: UnsafeBufferPointer<UInt8>) -> Int? {
        for member in [effectiveMember, dateMember] {
            guard let at = line.firstIndex(of: member) else { continue }
            var cursor = CanonicalCursor(UnsafeBufferPointer(rebasing: line[(at + member.count - 1)...]))
            return cursor.date()?.firstDay
        }
        return nil
    }

    private static let effectiveMember = Array(#""effective":""#.utf8)
    private static let dateMember = Array(#""date":""#.utf8)
}
