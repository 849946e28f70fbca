// The row kinds this file reads, by their short names.
private typealias UnitRow = IndexLayout.UnitRow
private typealias UnitStep = IndexLayout.UnitStep
private typealias TaskRow = IndexLayout.TaskRow
private typealias TaskStep = IndexLayout.TaskStep
private typealias SupervisionKey = IndexLayout.SupervisionKey
private typealias AppointmentKey = IndexLayout.AppointmentKey
private typealias Step = IndexLayout.Step
private typealias RecordRow = IndexLayout.RecordRow
private typealias RecordByID = IndexLayout.RecordByID
private typealias SupervisionBySupervisor = IndexLayout.SupervisionBySupervisor

/// Units, tasks, supervision and offices as the index's rows hold them on a day, and the ids the
/// rows refer to: every value checked as it is read, so that a damaged row is damage, never a
/// wrong answer. What a step means is `StepReferences`', shared with the ledger in memory.
extension IndexFile: StepReferences {
    func unitID(_ row: Int) throws(IndexDamage) -> UnitID {
        guard row >= 0, row < unitCount, let id = try rows.string(UnitRow.id, at: row) else { throw IndexDamage("unit row") }
        return id
    }

    func taskID(_ row: Int) throws(IndexDamage) -> TaskID {
        guard row >= 0, row < taskCount, let id = try rows.string(TaskRow.id, at: row) else { throw IndexDamage("task row") }
        return id
    }

    /// The id of the record on `row`, noted with its row (in `memo` while an answer about the
    /// whole organisation reads, else in `recordRows`) so provenance need not search for it.
    func recordID(_ row: Int, memo: AnswerMemo? = nil) throws(IndexDamage) -> RecordID {
        guard row >= 0, row < recordCount, let id = try sharedString(RecordRow.id, at: row, memo: memo) else {
            throw IndexDamage("record row")
        }
        if let memo { memo.recordRows[id] = row } else { recordRows.withLock { $0[id] = row } }
        return id
    }

    /// The header's counts of units, tasks and records, checked against the sections that hold
    /// their rows: answers about the whole organisation loop over them and size their tables by
    /// them, and a forged count of four billion must be damage, not four billion rows.
    func checkRowCounts() throws(IndexDamage) {
        func holds(_ section: IndexLayout.Section, _ count: Int, stride: Int) -> Bool {
            // Divided, not multiplied: the record count is a UInt64 in the header.
            rows.sections.length(of: section).quotientAndRemainder(dividingBy: stride) == (count, 0)
        }
        guard holds(.units, unitCount, stride: UnitRow.size), holds(.tasks, taskCount, stride: TaskRow.size),
              holds(.records, recordCount, stride: RecordRow.size), holds(.recordsByID, recordCount, stride: RecordByID.size)
        else { throw IndexDamage("the header's counts of units, tasks and records do not match their sections") }
    }

    /// `string(field, at: row)`, but with a `memo`, one `String` for every row that stores the
    /// same text: titles, names and record ids repeat across a million rows, and a copy for each
    /// would be a good part of an answer's memory. (Ids of units and tasks are unique or short
    /// enough to be held inline, so they are read with `string`.)
    func sharedString<Row: IndexSectionRow>(_ field: IndexRowField<Row>, at row: Int, memo: AnswerMemo?) throws(IndexDamage) -> String? {
        guard let memo else { return try rows.string(field, at: row) }
        let length = try rows.u32(field.part(IndexLayout.StringReference.length), at: row)
        guard UInt32(length) != IndexLayout.nilLength else { return nil }
        let start = try rows.u32(field.part(IndexLayout.StringReference.start), at: row)
        let key = start << 32 | length
        if let known = memo.strings[key] { return known }
        let text = try IndexRows.text(try rows.sections.bytes(.strings, start, length))
        memo.strings[key] = text
        return text
    }

    func unitRow(_ id: UnitID) throws(IndexDamage) -> Int? {
        try rows.find(id, key: UnitRow.id, prefix: UnitRow.idPrefix, count: unitCount)
    }

    func taskRow(_ id: TaskID) throws(IndexDamage) -> Int? {
        try rows.find(id, key: TaskRow.id, prefix: TaskRow.idPrefix, count: taskCount)
    }

    /// Whether the unit on `row` has a step the records `known` saw: a unit only a withdrawn
    /// record established keeps its rows, and is not a unit of the ledger as known now.
    func isKnown(unitRow row: Int, _ known: KnownRecords) throws(IndexDamage) -> Bool {
        try rows.anyStep(known: known, UnitStep.self, in: .unitSteps, start: try rows.u32(UnitRow.stepStart, at: row),
                         count: try rows.u32(UnitRow.stepCount, at: row))
    }

    /// Whether the task on `row` has a step the records `known` saw.
    func isKnown(taskRow row: Int, _ known: KnownRecords) throws(IndexDamage) -> Bool {
        try rows.anyStep(known: known, TaskStep.self, in: .taskSteps, start: try rows.u32(TaskRow.stepStart, at: row),
                         count: try rows.u32(TaskRow.stepCount, at: row))
    }

    /// The first and the last step of an entity the records `known` saw (in day order), without an
    /// array per entity: search asks it of every task row.
    func boundsOfSteps<Row: IndexStepRow>(known: KnownRecords, _ kind: Row.Type, in section: IndexLayout.Section, start: Int,
                                          count: Int) throws(IndexDamage) -> (first: Int, last: Int)? {
        let steps = try rows.range(kind, in: section, start: start, count: count)
        func seen(_ step: Int) throws(IndexDamage) -> Bool {
            known.sees(from: try rows.u32(Row.knownFrom, at: step, in: section), until: try rows.u32(Row.knownUntil, at: step, in: section))
        }
        var first = steps.lowerBound, last = steps.upperBound - 1
        while first <= last, try !seen(first) { first += 1 }
        while last >= first, try !seen(last) { last -= 1 }
        return first <= last ? (first, last) : nil
    }

    /// The steps of an entity the records `known` saw, in day order.
    func seenSteps<Row: IndexStepRow>(_ kind: Row.Type, in section: IndexLayout.Section, start: Int, count: Int,
                                      known: KnownRecords = .now) throws(IndexDamage) -> [Int] {
        var seen: [Int] = []
        for step in try rows.range(kind, in: section, start: start, count: count)
        where known.sees(from: try rows.u32(Row.knownFrom, at: step, in: section), until: try rows.u32(Row.knownUntil, at: step, in: section)) {
            seen.append(step)
        }
        return seen
    }

    /// The effective date of the record on row `row`, for a step whose date the sources leave
    /// open (`date(firstDay:precision:record:)` checks it is that step's).
    func effectiveDate(ofRecord row: Int) throws(IndexDamage) -> ValidDate {
        try recordAt(row).effectiveDate
    }

    /// The unit as it stood on `day`, or nil if not yet established; without `records`, with
    /// empty records behind it (`unitState`).
    func unit(row: Int, on day: Int, known: KnownRecords, records: Bool = true, memo: AnswerMemo? = nil) throws(IndexDamage) -> UnitState? {
        guard row >= 0, row < unitCount else { throw IndexDamage("unit row \(row) of \(unitCount)") }
        guard let step = try rows.lastStep(onOrBefore: day, known: known, UnitStep.self, in: .unitSteps,
                                           start: try rows.u32(UnitRow.stepStart, at: row), count: try rows.u32(UnitRow.stepCount, at: row))
        else { return nil }
        let parent = try rows.i32(UnitStep.parent, at: step)
        let successor = try rows.i32(UnitStep.successor, at: step)
        guard let name = try sharedString(UnitStep.name, at: step, memo: memo), let kind = try sharedString(UnitStep.kind, at: step, memo: memo) else {
            throw IndexDamage("unit step")
        }
        let subordinate: Bool
        switch try rows.u8(UnitStep.relation, at: step) {
        case 0: subordinate = false
        case 1: subordinate = true
        case let code: throw IndexDamage("unit step \(step): relation code \(code)")
        }
        let dissolved = try rows.u8(UnitStep.dissolved, at: step)
        guard dissolved <= 1 else { throw IndexDamage("unit step \(step): dissolved flag \(dissolved)") }
        return try unitState(row, UnitStepFields(
            name: name, abbreviation: try sharedString(UnitStep.abbreviation, at: step, memo: memo), kind: kind,
            parent: parent, successor: successor, subordinate: subordinate, dissolved: dissolved == 1,
            established: try rows.i32(UnitStep.established, at: step), establishedPrecision: try rows.u8(UnitStep.establishedPrecision, at: step),
            establishedBy: try rows.i32(UnitStep.establishedBy, at: step), placedBy: try rows.i32(UnitStep.placedBy, at: step),
            namedBy: try rows.i32(UnitStep.namedBy, at: step)), records: records, memo: memo)
    }

    /// The task as it stood on `day`, or nil if not yet defined.
    func task(row: Int, on day: Int, known: KnownRecords, memo: AnswerMemo? = nil) throws(IndexDamage) -> TaskState? {
        guard row >= 0, row < taskCount else { throw IndexDamage("task row \(row) of \(taskCount)") }
        guard let step = try rows.lastStep(onOrBefore: day, known: known, TaskStep.self, in: .taskSteps,
                                           start: try rows.u32(TaskRow.stepStart, at: row), count: try rows.u32(TaskRow.stepCount, at: row))
        else { return nil }
        let holder = try rows.i32(TaskStep.holder, at: step)
        let heldBy = try rows.i32(TaskStep.heldBy, at: step)
        let precision = try rows.u8(TaskStep.heldPrecision, at: step)
        guard let title = try sharedString(TaskStep.title, at: step, memo: memo) else { throw IndexDamage("task step") }
        return try taskState(row, TaskStepFields(
            title: title, leika: try sharedString(TaskStep.leika, at: step, memo: memo), holder: holder,
            heldSince: try rows.i32(TaskStep.heldSince, at: step), heldPrecision: precision, heldBy: heldBy), memo: memo)
    }

    /// Adds to `state` the supervision over and the offices in the unit at `row` on `day`, with
    /// the supervisors' units so their names can be shown.
    func addRelations(ofUnitRow row: Int, on day: Int, known: KnownRecords, to state: inout OrgState, unitRecords: Bool = true,
                      memo: AnswerMemo? = nil) throws(IndexDamage) {
        guard row >= 0, row < unitCount else { throw IndexDamage("unit row \(row) of \(unitCount)") }
        let supervisionKeys = try rows.range(SupervisionKey.self, start: try rows.u32(UnitRow.supervisionStart, at: row),
                                       count: try rows.u32(UnitRow.supervisionCount, at: row))
        for key in supervisionKeys {
            try addSupervision(key: key, on: day, known: known, to: &state, naming: SupervisionKey.supervisor, unitRecords: unitRecords, memo: memo)
        }
        let appointmentKeys = try rows.range(AppointmentKey.self, start: try rows.u32(UnitRow.appointmentStart, at: row),
                                       count: try rows.u32(UnitRow.appointmentCount, at: row))
        for key in appointmentKeys {
            guard let step = try rows.lastStep(onOrBefore: day, known: known, Step.self, in: .appointmentSteps,
                                               start: try rows.u32(AppointmentKey.stepStart, at: key),
                                          count: try rows.u32(AppointmentKey.stepCount, at: key))
            else { continue }
            guard let record = try recordID(orNone: try rows.i32(Step.record, at: step, in: .appointmentSteps), memo: memo) else { continue }
            state.put(try appointment(keyRow: key), setBy: record)
        }
    }

    /// The office the appointment key on row `key` stands for.
    func appointment(keyRow key: Int) throws(IndexDamage) -> Appointment {
        guard let person = try rows.string(AppointmentKey.person, at: key), let role = try rows.string(AppointmentKey.role, at: key) else {
            throw IndexDamage("appointment key \(key) without a person or a role")
        }
        return Appointment(person: person, role: role, unit: try unitID(try rows.i32(AppointmentKey.unit, at: key)))
    }

    /// The supervision the supervision key on row `key` stands for.
    func supervision(keyRow key: Int) throws(IndexDamage) -> Supervision {
        let kinds = SupervisionKind.allCases
        let kindCode = Int(try rows.u8(SupervisionKey.kind, at: key))
        guard kindCode < kinds.count else { throw IndexDamage("supervision key \(key): kind code \(kindCode)") }
        return Supervision(supervisor: try unitID(try rows.i32(SupervisionKey.supervisor, at: key)),
                           unit: try unitID(try rows.i32(SupervisionKey.unit, at: key)),
                           kind: kinds[kindCode], task: try taskID(orNone: try rows.i32(SupervisionKey.task, at: key)))
    }

    /// Adds to `state` the supervision the unit at `row` gives on `day`, with the supervised units
    /// so a dissolution's difference names what it ended, as the whole organisation would: as known
    /// now, since only a tail record (which takes effect after every indexed one) dissolves here.
    func addSupervisions(givenByUnitRow row: Int, on day: Int, to state: inout OrgState) throws(IndexDamage) {
        guard row >= 0, row < unitCount else { throw IndexDamage("unit row \(row) of \(unitCount)") }
        let given = try rows.range(SupervisionBySupervisor.self, start: try rows.u32(UnitRow.givenStart, at: row),
                                   count: try rows.u32(UnitRow.givenCount, at: row))
        for entry in given {
            let key = try rows.i32(SupervisionBySupervisor.key, at: entry)
            guard key >= 0, key < rows.sections.rowCount(of: .supervisionKeys),
                  try rows.i32(SupervisionKey.supervisor, at: key) == row
            else { throw IndexDamage("supervision given by unit row \(row): key \(key)") }
            try addSupervision(key: key, on: day, known: .now, to: &state, naming: SupervisionKey.unit, unitRecords: true, memo: nil)
        }
    }

    /// Adds the supervision of key row `key` to `state` if it is in force on `day`, with the unit
    /// `other` names (the supervisor or the supervised unit) if `state` has not got it.
    private func addSupervision(key: Int, on day: Int, known: KnownRecords, to state: inout OrgState, naming other: IndexRowField<SupervisionKey>,
                                unitRecords: Bool, memo: AnswerMemo?) throws(IndexDamage) {
        guard let step = try rows.lastStep(onOrBefore: day, known: known, Step.self, in: .supervisionSteps,
                                           start: try rows.u32(SupervisionKey.stepStart, at: key),
                                           count: try rows.u32(SupervisionKey.stepCount, at: key))
        else { return }
        guard let record = try recordID(orNone: try rows.i32(Step.record, at: step, in: .supervisionSteps), memo: memo) else { return }
        let supervision = try supervision(keyRow: key)
        // A unit dissolved by a tail record (loaded before this one) supervises nobody and is
        // supervised by nobody.
        if state.units[supervision.supervisor]?.isDissolved == true || state.units[supervision.unit]?.isDissolved == true { return }
        state.put(supervision, setBy: record)
        let otherRow = try rows.i32(other, at: key)
        let otherID = try unitID(otherRow)
        if state.units[otherID] == nil, let unit = try unit(row: otherRow, on: day, known: known, records: unitRecords, memo: memo) {
            state.units[otherID] = unit
        }
    }

    /// The live sub-units and held tasks of the unit at `row` after the last indexed record. A
    /// count beyond the units or tasks there are is damage.
    func unitCounts(row: Int) throws(IndexDamage) -> UnitCounts {
        guard row >= 0, row < unitCount else { throw IndexDamage("unit row \(row) of \(unitCount)") }
        let subUnits = try rows.u32(UnitRow.liveSubUnits, at: row), tasks = try rows.u32(UnitRow.heldTasks, at: row)
        guard subUnits < unitCount, tasks <= taskCount else { throw IndexDamage("unit row \(row): counts \(subUnits) and \(tasks)") }
        return UnitCounts(liveSubUnits: Int32(subUnits), heldTasks: Int32(tasks))
    }
}
