// The row kinds this file reads, by their short names.
private typealias UnitRow = IndexLayout.UnitRow
private typealias UnitStep = IndexLayout.UnitStep
private typealias TaskRow = IndexLayout.TaskRow
private typealias TaskStep = IndexLayout.TaskStep
private typealias SupervisionKey = IndexLayout.SupervisionKey
private typealias AppointmentKey = IndexLayout.AppointmentKey
private typealias Step = IndexLayout.Step

/// Which answers the records recorded after the first `before.count` changed: the timelines as
/// known then against those known now, from one bitemporal index. A dry run's index holds the
/// batch after the ledger's records, so this is what the batch changes (`AffectedAnswers`),
/// without a replay of the ledger before and after it.
extension IndexFile {
    /// The answers that differ between the records `before` knew and all of them, from `start`
    /// (a day number) on. Only entities with a step seen by one and not the other can differ; their
    /// timelines are read as both saw them and compared as `AffectedAnswers` compares replays.
    func affectedAnswers(before: KnownRecords, from start: Int) throws(IndexDamage) -> AffectedAnswers {
        try checkRowCounts()
        var affected = AffectedAnswers(from: start)
        func timelines<State>(_ steps: [Int], _ value: (Int) throws(IndexDamage) -> (day: Int, state: State?)) throws(IndexDamage) -> Timeline<State> {
            var timeline = Timeline<State>()
            for step in steps {
                let (day, state) = try value(step)
                timeline.set(state, from: day)
            }
            return timeline
        }

        for row in 0..<unitCount {
            let (first, count) = (try rows.u32(UnitRow.stepStart, at: row), try rows.u32(UnitRow.stepCount, at: row))
            guard try differs(UnitStep.self, in: .unitSteps, start: first, count: count, before: before) else { continue }
            func timeline(_ known: KnownRecords) throws(IndexDamage) -> Timeline<UnitState> {
                try timelines(try seenSteps(UnitStep.self, in: .unitSteps, start: first, count: count, known: known)) { (step) throws(IndexDamage) in
                    let day = try rows.i32(UnitStep.day, at: step)
                    return (day, try unit(row: row, on: day, known: known))
                }
            }
            if let subject = AffectedAnswers.subject(try unitID(row), try timeline(before), try timeline(.now), from: start,
                                                     AffectedAnswers.answer(unit:)) {
                affected.units.append(subject)
            }
        }
        for row in 0..<taskCount {
            let (first, count) = (try rows.u32(TaskRow.stepStart, at: row), try rows.u32(TaskRow.stepCount, at: row))
            guard try differs(TaskStep.self, in: .taskSteps, start: first, count: count, before: before) else { continue }
            func timeline(_ known: KnownRecords) throws(IndexDamage) -> Timeline<TaskState> {
                try timelines(try seenSteps(TaskStep.self, in: .taskSteps, start: first, count: count, known: known)) { (step) throws(IndexDamage) in
                    let day = try rows.i32(TaskStep.day, at: step)
                    return (day, try task(row: row, on: day, known: known))
                }
            }
            if let subject = AffectedAnswers.subject(try taskID(row), try timeline(before), try timeline(.now), from: start,
                                                     AffectedAnswers.answer(task:)) {
                affected.tasks.append(subject)
            }
        }
        // Supervision and offices: in force where a step names the record that set it.
        func inForce(in section: IndexLayout.Section, start first: Int, count: Int, _ known: KnownRecords) throws(IndexDamage) -> Timeline<Int> {
            try timelines(try seenSteps(Step.self, in: section, start: first, count: count, known: known)) { (step) throws(IndexDamage) in
                let record = try rows.i32(Step.record, at: step, in: section)
                return (try rows.i32(Step.day, at: step, in: section), record >= 0 ? record : nil)
            }
        }
        for key in 0..<rows.sections.rowCount(of: .supervisionKeys) {
            let (first, count) = (try rows.u32(SupervisionKey.stepStart, at: key), try rows.u32(SupervisionKey.stepCount, at: key))
            guard try differs(Step.self, in: .supervisionSteps, start: first, count: count, before: before) else { continue }
            if let subject = AffectedAnswers.subject(try supervision(keyRow: key), try inForce(in: .supervisionSteps, start: first, count: count, before),
                                                     try inForce(in: .supervisionSteps, start: first, count: count, .now), from: start, { $0 != nil }) {
                affected.supervision.append(subject)
            }
        }
        for key in 0..<rows.sections.rowCount(of: .appointmentKeys) {
            let (first, count) = (try rows.u32(AppointmentKey.stepStart, at: key), try rows.u32(AppointmentKey.stepCount, at: key))
            guard try differs(Step.self, in: .appointmentSteps, start: first, count: count, before: before) else { continue }
            if let subject = AffectedAnswers.subject(try appointment(keyRow: key), try inForce(in: .appointmentSteps, start: first, count: count, before),
                                                     try inForce(in: .appointmentSteps, start: first, count: count, .now), from: start, { $0 != nil }) {
                affected.offices.append(subject)
            }
        }
        // In the order `AffectedAnswers` lists them: by id (rows are by the ids' bytes) or by key.
        affected.units.sort { $0.subject < $1.subject }
        affected.tasks.sort { $0.subject < $1.subject }
        affected.supervision.sort { $0.subject < $1.subject }
        affected.offices.sort { $0.subject < $1.subject }
        return affected
    }

    /// Whether the records `before` knew saw other steps of an entity than all of them see.
    private func differs<Row: IndexStepRow>(_ kind: Row.Type, in section: IndexLayout.Section, start: Int, count: Int,
                                            before: KnownRecords) throws(IndexDamage) -> Bool {
        for step in try rows.range(kind, in: section, start: start, count: count) {
            let (from, until) = (try rows.u32(Row.knownFrom, at: step, in: section), try rows.u32(Row.knownUntil, at: step, in: section))
            if before.sees(from: from, until: until) != KnownRecords.now.sees(from: from, until: until) { return true }
        }
        return false
    }
}
