// The row kinds this file reads, by their short names.
private typealias UnitRow = IndexLayout.UnitRow
private typealias UnitStep = IndexLayout.UnitStep
private typealias TaskRow = IndexLayout.TaskRow
private typealias TaskStep = IndexLayout.TaskStep
private typealias SupervisionKey = IndexLayout.SupervisionKey
private typealias AppointmentKey = IndexLayout.AppointmentKey
private typealias Step = IndexLayout.Step

/// What a batch of records changed, asked of a bitemporal index that holds it: the timelines as
/// known before it (`before`, its ledger's records) against those known with it (`after`). The
/// index a dry run would leave holds the batch, and so does the one an append that reaches back
/// writes; so what the batch changes (its difference and `AffectedAnswers`) needs no replay of the
/// ledger before and after it. Only entities with a step seen by one side and not the other can
/// answer differently (`StepChanges`): nothing else is read.
extension IndexFile {
    /// The rows of the units, tasks, supervision and office keys whose steps the records `before`
    /// knew see otherwise than the records `after` know, each in row order.
    struct StepChanges: Sendable {
        var units: [Int] = [], tasks: [Int] = [], supervisionKeys: [Int] = [], appointmentKeys: [Int] = []
    }

    /// Finds the entities whose steps differ between the records `before` and `after` knew, both
    /// among the records the index's rows hold (not its tail's).
    func stepChanges(between before: KnownRecords, and after: KnownRecords) throws(IndexDamage) -> StepChanges {
        try checkRowCounts()
        guard before.count <= after.count, Int(after.count) <= recordCount else { throw IndexDamage("records known beyond the index's rows") }
        func differs<Row: IndexStepRow>(_ kind: Row.Type, in section: IndexLayout.Section, start: Int, count: Int) throws(IndexDamage) -> Bool {
            for step in try rows.range(kind, in: section, start: start, count: count) {
                let (from, until) = (try rows.u32(Row.knownFrom, at: step, in: section), try rows.u32(Row.knownUntil, at: step, in: section))
                if before.sees(from: from, until: until) != after.sees(from: from, until: until) { return true }
            }
            return false
        }
        var changes = StepChanges()
        for row in 0..<unitCount
        where try differs(UnitStep.self, in: .unitSteps, start: try rows.u32(UnitRow.stepStart, at: row), count: try rows.u32(UnitRow.stepCount, at: row)) {
            changes.units.append(row)
        }
        for row in 0..<taskCount
        where try differs(TaskStep.self, in: .taskSteps, start: try rows.u32(TaskRow.stepStart, at: row), count: try rows.u32(TaskRow.stepCount, at: row)) {
            changes.tasks.append(row)
        }
        for key in 0..<rows.sections.rowCount(of: .supervisionKeys)
        where try differs(Step.self, in: .supervisionSteps, start: try rows.u32(SupervisionKey.stepStart, at: key),
                          count: try rows.u32(SupervisionKey.stepCount, at: key)) {
            changes.supervisionKeys.append(key)
        }
        for key in 0..<rows.sections.rowCount(of: .appointmentKeys)
        where try differs(Step.self, in: .appointmentSteps, start: try rows.u32(AppointmentKey.stepStart, at: key),
                          count: try rows.u32(AppointmentKey.stepCount, at: key)) {
            changes.appointmentKeys.append(key)
        }
        return changes
    }

    /// The difference of the organisation on `date` as the records `before` knew it and as the
    /// records `after` know it: `organisationDiff` over the units, tasks and relations that
    /// `changes` can make differ (the units changed or with changed supervision or offices over
    /// them, with the supervisors those name), every other one being the same on both sides.
    func organisationDiff(on date: ValidDate, as before: KnownRecords, and after: KnownRecords, changes: StepChanges) throws(IndexDamage) -> OrgDiff {
        let day = date.firstDay
        var unitRows = Set(changes.units)
        for key in changes.supervisionKeys { unitRows.insert(try rows.i32(SupervisionKey.unit, at: key)) }
        for key in changes.appointmentKeys { unitRows.insert(try rows.i32(AppointmentKey.unit, at: key)) }
        var old = OrgState(), new = OrgState()
        func load(_ row: Int) throws(IndexDamage) {
            if let unit = try unit(row: row, on: day, known: before) { old.units[unit.id] = unit }
            if let unit = try unit(row: row, on: day, known: after) { new.units[unit.id] = unit }
        }
        for row in unitRows.sorted() { try load(row) }
        for row in unitRows.sorted() {
            try addRelations(ofUnitRow: row, on: day, known: before, to: &old)
            try addRelations(ofUnitRow: row, on: day, known: after, to: &new)
        }
        // A supervisor comes in with a supervision, which may be in force on one side only: each
        // side gets it as it has it, so it differs only where it changed.
        for id in Set(old.units.keys).symmetricDifference(new.units.keys) {
            guard let row = try unitRow(id) else { throw IndexDamage("unit '\(id)' without a row") }
            try load(row)
        }
        return try OrgDiff(from: old, at: date, to: new, at: date) { (each) throws(IndexDamage) in
            for row in changes.tasks {
                let (old, new) = (try task(row: row, on: day, known: before), try task(row: row, on: day, known: after))
                if old != nil || new != nil { each(old, new) }
            }
        }
    }

    /// The answers that differ between the records `before` and `after` knew, from `start` (a day
    /// number) on: the changed entities' timelines as both saw them, compared as
    /// `AffectedAnswers` compares replays.
    func affectedAnswers(_ changes: StepChanges, before: KnownRecords, after: KnownRecords, from start: Int) throws(IndexDamage) -> AffectedAnswers {
        var affected = AffectedAnswers(from: start)
        /// The subject `key` if its answer differs: its steps (`count` from `first` in `section`)
        /// as each side sees them, each step's state read by `state`.
        func subject<Row: IndexStepRow, Key: Hashable & Sendable, State: Hashable & Sendable, Value: Hashable & Sendable>(
            _ key: Key, _ kind: Row.Type, in section: IndexLayout.Section, first: Int, count: Int,
            state: (_ step: Int, _ day: Int, _ known: KnownRecords) throws(IndexDamage) -> State?, answer: (State?) -> Value
        ) throws(IndexDamage) -> AffectedAnswers.Subject<Key, Value>? {
            func timeline(_ known: KnownRecords) throws(IndexDamage) -> Timeline<State> {
                var timeline = Timeline<State>()
                for step in try seenSteps(kind, in: section, start: first, count: count, known: known) {
                    let day = try rows.i32(Row.day, at: step, in: section)
                    timeline.set(try state(step, day, known), from: day)
                }
                return timeline
            }
            return AffectedAnswers.subject(key, try timeline(before), try timeline(after), from: start, answer)
        }
        for row in changes.units {
            let found = try subject(try unitID(row), UnitStep.self, in: .unitSteps, first: try rows.u32(UnitRow.stepStart, at: row),
                                    count: try rows.u32(UnitRow.stepCount, at: row), state: { (_, day, known) throws(IndexDamage) in
                                        try unit(row: row, on: day, known: known)
                                    }, answer: AffectedAnswers.answer(unit:))
            if let found { affected.units.append(found) }
        }
        for row in changes.tasks {
            let found = try subject(try taskID(row), TaskStep.self, in: .taskSteps, first: try rows.u32(TaskRow.stepStart, at: row),
                                    count: try rows.u32(TaskRow.stepCount, at: row), state: { (_, day, known) throws(IndexDamage) in
                                        try task(row: row, on: day, known: known)
                                    }, answer: AffectedAnswers.answer(task:))
            if let found { affected.tasks.append(found) }
        }
        // Supervision and offices: in force where a step names the record that set it.
        func inForce(in section: IndexLayout.Section) -> (Int, Int, KnownRecords) throws(IndexDamage) -> Int? {
            { (step, _, _) throws(IndexDamage) in
                let record = try self.rows.i32(Step.record, at: step, in: section)
                return record >= 0 ? record : nil
            }
        }
        for key in changes.supervisionKeys {
            let found = try subject(try supervision(keyRow: key), Step.self, in: .supervisionSteps,
                                    first: try rows.u32(SupervisionKey.stepStart, at: key), count: try rows.u32(SupervisionKey.stepCount, at: key),
                                    state: inForce(in: .supervisionSteps), answer: { $0 != nil })
            if let found { affected.supervision.append(found) }
        }
        for key in changes.appointmentKeys {
            let found = try subject(try appointment(keyRow: key), Step.self, in: .appointmentSteps,
                                    first: try rows.u32(AppointmentKey.stepStart, at: key), count: try rows.u32(AppointmentKey.stepCount, at: key),
                                    state: inForce(in: .appointmentSteps), answer: { $0 != nil })
            if let found { affected.offices.append(found) }
        }
        // In the order `AffectedAnswers` lists them: by id or by key (rows are by the ids' bytes,
        // keys by their units' rows).
        affected.units.sort { $0.subject < $1.subject }
        affected.tasks.sort { $0.subject < $1.subject }
        affected.supervision.sort { $0.subject < $1.subject }
        affected.offices.sort { $0.subject < $1.subject }
        return affected
    }
}
