// The row kinds this file writes, by their short names.
private typealias UnitRow = IndexLayout.UnitRow
private typealias UnitStep = IndexLayout.UnitStep
private typealias TaskRow = IndexLayout.TaskRow
private typealias TaskStep = IndexLayout.TaskStep
private typealias SupervisionKey = IndexLayout.SupervisionKey
private typealias AppointmentKey = IndexLayout.AppointmentKey
private typealias Step = IndexLayout.Step
private typealias RecordRow = IndexLayout.RecordRow
private typealias RecordByID = IndexLayout.RecordByID
private typealias OpenDate = IndexLayout.OpenDate
private typealias PersonRow = IndexLayout.PersonRow
private typealias MentionKey = IndexLayout.MentionKey
private typealias Mention = IndexLayout.Mention
private typealias SupervisionBySupervisor = IndexLayout.SupervisionBySupervisor

/// The index of a ledger in interned numbers (`CompactLedger`) and its timelines, written section
/// by section so no section is ever whole in memory: the one index writer, whether the ledger was
/// read from its lines or from records in memory.
struct CompactIndexLayout {
    let ledger: CompactLedger
    let timelines: CompactTimelines
    let fileSize: Int
    /// Rows: units and tasks that have a timeline, sorted by id; their numbers' rows.
    let unitOrder: [Int32], taskOrder: [Int32]
    let unitRow: [Int32], taskRow: [Int32]
    /// Supervision and offices in the order the index writes them: by unit row, then as first met.
    let supervisionOrder: [Int32], appointmentOrder: [Int32]
    /// By unit number: the rows of `supervisionOrder` whose key the unit gives, ascending.
    let givenSupervisions: [[Int32]]
    /// By unit number: its live sub-units and held tasks after the last record.
    let finalCounts: [UnitCounts]
    typealias Grouped = (starts: [Int32], counts: [Int32], steps: [Int32])
    let unitSteps: Grouped, taskSteps: Grouped, supervisionSteps: Grouped, appointmentSteps: Grouped
    let strings: StringPlan
    /// Each record's title (text number), `date`'s first day, `recorded` and the seq of the record
    /// that first withdrew it, by seq.
    let recordTexts: [RecordFacts]
    typealias RecordFacts = (title: Int32, dateDay: Int32, recorded: Int64, withdrawnAt: UInt32)
    /// Rows of the `openDates` section.
    let openDates: [(record: Int32, days: SIMD2<Int32>)]
    /// Rows of the `persons` section, in their order.
    let persons: [CompactPersons.Row]
    /// Rows of the `mentionKeys` and `mentions` sections.
    let mentions: CompactMentions
    let facts: IndexFileWriter.Facts
    let sectionLengths: [Int]

    init(ledger: CompactLedger, timelines: CompactTimelines, fileSize: Int, stamp: FileSystem.FileStamp, lastEffectiveDay: Int32,
         openDates: [(record: Int32, days: SIMD2<Int32>)], persons: [CompactPersons.Row], recordTexts: [RecordFacts],
         mentions: CompactMentions) {
        self.ledger = ledger
        self.mentions = mentions
        self.recordTexts = recordTexts
        self.openDates = openDates
        self.persons = persons
        self.timelines = timelines
        self.fileSize = fileSize
        // Every unit and task that ever had a step, known now or earlier.
        let unitsWithSteps = timelines.unitSteps.entitiesWithSteps(ledger.units.count)
        let tasksWithSteps = timelines.taskSteps.entitiesWithSteps(ledger.tasks.count)
        unitOrder = ledger.units.sorted((0..<Int32(ledger.units.count)).filter { unitsWithSteps[Int($0)] })
        taskOrder = ledger.tasks.sorted((0..<Int32(ledger.tasks.count)).filter { tasksWithSteps[Int($0)] })
        var unitRow = [Int32](repeating: -1, count: ledger.units.count)
        for (row, unit) in unitOrder.enumerated() { unitRow[Int(unit)] = Int32(row) }
        var taskRow = [Int32](repeating: -1, count: ledger.tasks.count)
        for (row, task) in taskOrder.enumerated() { taskRow[Int(task)] = Int32(row) }
        (self.unitRow, self.taskRow) = (unitRow, taskRow)
        // Within a unit, keys by what they name (met in recorded order, which is no order a
        // reader can rebuild): supervision by supervisor, task (none first) and kind; offices by
        // person and role, as their ids sort.
        let supervisionKeys = timelines.supervisions.keys
        supervisionOrder = unitOrder.flatMap { unit in
            timelines.supervisionsOver[Int(unit)].sorted { l, r in
                let (a, b) = (supervisionKeys[Int(l)], supervisionKeys[Int(r)])
                return (unitRow[Int(a.x)], a.z < 0 ? -1 : taskRow[Int(a.z)], a.w) < (unitRow[Int(b.x)], b.z < 0 ? -1 : taskRow[Int(b.z)], b.w)
            }
        }
        let personRank = Self.ranks(ledger.people), roleRank = Self.ranks(ledger.roles)
        let appointmentKeys = timelines.appointments.keys
        let appointmentsByUnit = unitOrder.map { unit in
            timelines.appointmentsIn[Int(unit)].sorted { l, r in
                let (a, b) = (appointmentKeys[Int(l)], appointmentKeys[Int(r)])
                return (personRank[Int(a.x)], roleRank[Int(a.y)]) < (personRank[Int(b.x)], roleRank[Int(b.y)])
            }
        }
        appointmentOrder = appointmentsByUnit.flatMap { $0 }
        var given = [[Int32]](repeating: [], count: ledger.units.count)
        for (row, key) in supervisionOrder.enumerated() { given[Int(timelines.supervisions.keys[Int(key)].x)].append(Int32(row)) }
        givenSupervisions = given
        finalCounts = timelines.finalCounts()
        unitSteps = timelines.unitSteps.grouped(in: unitOrder, entities: ledger.units.count)
        taskSteps = timelines.taskSteps.grouped(in: taskOrder, entities: ledger.tasks.count)
        supervisionSteps = timelines.supervisions.steps.grouped(in: supervisionOrder, entities: timelines.supervisions.keys.count)
        appointmentSteps = timelines.appointments.steps.grouped(in: appointmentOrder, entities: timelines.appointments.keys.count)

        // The strings in the order the rows first name them (docs/FORMAT.md §8.2.4).
        var strings = StringPlan(ledger)
        for (unit, offices) in zip(unitOrder.map(Int.init), appointmentsByUnit) {
            strings.place(.unit, Int32(unit))
            for index in Self.steps(of: unit, in: unitSteps) {
                let value = timelines.unitSteps.steps[Int(index)].value
                for text in [value.name, value.abbreviation, value.kind] where text >= 0 { strings.place(.text, text) }
            }
            for key in offices.map(Int.init) {
                strings.place(.person, timelines.appointments.keys[key].x)
                strings.place(.role, timelines.appointments.keys[key].y)
            }
        }
        for task in taskOrder.map(Int.init) {
            strings.place(.task, Int32(task))
            for index in Self.steps(of: task, in: taskSteps) {
                let value = timelines.taskSteps.steps[Int(index)].value
                for text in [value.title, value.leika] where text >= 0 { strings.place(.text, text) }
            }
        }
        for record in 0..<Int32(ledger.lineStarts.count) {
            strings.place(.record, record)
            strings.place(.text, recordTexts[Int(record)].title)
        }
        for row in persons {
            strings.place(.person, row.person)
            if row.name >= 0 { strings.place(.text, row.name) }
        }
        for key in mentions.keys { strings.place(Self.stringKind[Int(key.kind.rawValue)], key.number) }
        self.strings = strings

        let recordCount = ledger.lineStarts.count
        sectionLengths = [
            strings.length, unitOrder.count * UnitRow.size, unitSteps.steps.count * UnitStep.size,
            taskOrder.count * TaskRow.size, taskSteps.steps.count * TaskStep.size,
            supervisionOrder.count * SupervisionKey.size, supervisionSteps.steps.count * Step.size,
            appointmentOrder.count * AppointmentKey.size, appointmentSteps.steps.count * Step.size,
            recordCount * RecordRow.size, recordCount * RecordByID.size, openDates.count * OpenDate.size,
            persons.count * PersonRow.size, mentions.keys.count * MentionKey.size, mentions.records.count * Mention.size,
            supervisionOrder.count * SupervisionBySupervisor.size,
        ]
        facts = IndexFileWriter.Facts(
            stamp: stamp, recordCount: recordCount, head: ledger.head, lastRecorded: ledger.lastRecorded?.nanoseconds ?? Int64.min,
            units: unitOrder.count, tasks: taskOrder.count, supervisionKeys: supervisionOrder.count,
            appointmentKeys: appointmentOrder.count, lastEffectiveDay: lastEffectiveDay)
    }

    /// Each key's place among all keys of `interner` sorted by their bytes.
    private static func ranks(_ interner: ByteInterner) -> [Int32] {
        var rank = [Int32](repeating: 0, count: interner.count)
        for (place, key) in interner.sorted(Array(0..<Int32(interner.count))).enumerated() { rank[Int(key)] = Int32(place) }
        return rank
    }

    /// The string kind of each `CompactMentions.Kind`, by its raw value.
    private static let stringKind: [StringKind] = [.unit, .task, .person, .record]

    /// The step indexes of `entity`, in day order.
    private static func steps(of entity: Int, in grouped: Grouped) -> ArraySlice<Int32> {
        let start = Int(grouped.starts[entity])
        return grouped.steps[start..<(start + Int(grouped.counts[entity]))]
    }

    private func unitRef(_ unit: Int32) -> Int32 { unit < 0 ? -1 : unitRow[Int(unit)] }

    /// Streams the payload, section by section, in rows batched a MiB at a time.
    func write(to writer: inout IndexFileWriter) throws(IOFailure) {
        var rows = ByteWriter(capacity: Self.batch + 64)
        func flushIfFull() throws(IOFailure) { if rows.bytes.count >= Self.batch { try writer.take(&rows) } }
        func finishSection() throws(IOFailure) { try writer.take(&rows) }

        try strings.write(to: &writer)

        var supervisionCount: UInt32 = 0, appointmentCount: UInt32 = 0, givenCount: UInt32 = 0
        for unit in unitOrder.map(Int.init) {
            let (supervisions, appointments) = (UInt32(timelines.supervisionsOver[unit].count), UInt32(timelines.appointmentsIn[unit].count))
            let given = UInt32(givenSupervisions[unit].count)
            rows.appendRow(UnitRow.self) { row in
                row.set(UnitRow.id, string: strings.reference(.unit, Int32(unit)))
                row.set(UnitRow.stepStart, UInt32(unitSteps.starts[unit]))
                row.set(UnitRow.stepCount, UInt32(unitSteps.counts[unit]))
                row.set(UnitRow.supervisionStart, supervisionCount)
                row.set(UnitRow.supervisionCount, supervisions)
                row.set(UnitRow.appointmentStart, appointmentCount)
                row.set(UnitRow.appointmentCount, appointments)
                row.set(UnitRow.idPrefix, bytes: ledger.units.key(unit))
                row.set(UnitRow.liveSubUnits, UInt32(finalCounts[unit].liveSubUnits))
                row.set(UnitRow.heldTasks, UInt32(finalCounts[unit].heldTasks))
                row.set(UnitRow.givenStart, givenCount)
                row.set(UnitRow.givenCount, given)
            }
            supervisionCount += supervisions
            appointmentCount += appointments
            givenCount += given
            try flushIfFull()
        }
        try finishSection()

        for unit in unitOrder.map(Int.init) {
            for index in Self.steps(of: unit, in: unitSteps) {
                let step = timelines.unitSteps.steps[Int(index)], value = step.value
                rows.appendRow(UnitStep.self) { row in
                    row.set(UnitStep.day, step.day)
                    row.set(UnitStep.parent, unitRef(value.parent))
                    row.set(UnitStep.name, string: strings.reference(.text, value.name))
                    row.set(UnitStep.abbreviation, string: strings.reference(.text, value.abbreviation))
                    row.set(UnitStep.kind, string: strings.reference(.text, value.kind))
                    row.set(UnitStep.successor, unitRef(value.successor))
                    row.set(UnitStep.established, value.established)
                    row.set(UnitStep.establishedBy, value.establishedBy)
                    row.set(UnitStep.placedBy, value.placedBy)
                    row.set(UnitStep.namedBy, value.namedBy)
                    row.set(UnitStep.relation, UInt8(value.subordinate ? 1 : 0))
                    row.set(UnitStep.dissolved, UInt8(value.dissolved ? 1 : 0))
                    row.set(UnitStep.establishedPrecision, value.establishedPrecision)
                    row.set(UnitStep.knownFrom, step.knownFrom)
                    row.set(UnitStep.knownUntil, step.knownUntil)
                }
                try flushIfFull()
            }
        }
        try finishSection()

        for task in taskOrder.map(Int.init) {
            rows.appendRow(TaskRow.self) { row in
                row.set(TaskRow.id, string: strings.reference(.task, Int32(task)))
                row.set(TaskRow.stepStart, UInt32(taskSteps.starts[task]))
                row.set(TaskRow.stepCount, UInt32(taskSteps.counts[task]))
                row.set(TaskRow.idPrefix, bytes: ledger.tasks.key(task))
            }
            try flushIfFull()
        }
        try finishSection()

        for task in taskOrder.map(Int.init) {
            for index in Self.steps(of: task, in: taskSteps) {
                let step = timelines.taskSteps.steps[Int(index)], value = step.value
                rows.appendRow(TaskStep.self) { row in
                    row.set(TaskStep.day, step.day)
                    row.set(TaskStep.holder, unitRef(value.holder))
                    row.set(TaskStep.title, string: strings.reference(.text, value.title))
                    row.set(TaskStep.leika, string: strings.reference(.text, value.leika))
                    row.set(TaskStep.heldSince, value.heldSince)
                    row.set(TaskStep.heldBy, value.heldBy)
                    row.set(TaskStep.heldPrecision, value.heldPrecision)
                    row.set(TaskStep.knownFrom, step.knownFrom)
                    row.set(TaskStep.knownUntil, step.knownUntil)
                }
                try flushIfFull()
            }
        }
        try finishSection()

        for key in supervisionOrder.map(Int.init) {
            // (supervisor, unit, task, kind)
            let supervision = timelines.supervisions.keys[key]
            rows.appendRow(SupervisionKey.self) { row in
                row.set(SupervisionKey.supervisor, unitRef(supervision.x))
                row.set(SupervisionKey.unit, unitRef(supervision.y))
                row.set(SupervisionKey.task, supervision.z < 0 ? -1 : taskRow[Int(supervision.z)])
                row.set(SupervisionKey.kind, UInt8(supervision.w))
                row.set(SupervisionKey.stepStart, UInt32(supervisionSteps.starts[key]))
                row.set(SupervisionKey.stepCount, UInt32(supervisionSteps.counts[key]))
            }
            try flushIfFull()
        }
        try finishSection()
        try writeSteps(of: supervisionOrder, supervisionSteps, timelines.supervisions.steps.steps, rows: &rows, to: &writer)

        for key in appointmentOrder.map(Int.init) {
            // (person, role, unit)
            let office = timelines.appointments.keys[key]
            rows.appendRow(AppointmentKey.self) { row in
                row.set(AppointmentKey.person, string: strings.reference(.person, office.x))
                row.set(AppointmentKey.role, string: strings.reference(.role, office.y))
                row.set(AppointmentKey.unit, unitRef(office.z))
                row.set(AppointmentKey.stepStart, UInt32(appointmentSteps.starts[key]))
                row.set(AppointmentKey.stepCount, UInt32(appointmentSteps.counts[key]))
            }
            try flushIfFull()
        }
        try finishSection()
        try writeSteps(of: appointmentOrder, appointmentSteps, timelines.appointments.steps.steps, rows: &rows, to: &writer)

        let recordCount = ledger.lineStarts.count
        for (position, start) in ledger.lineStarts.enumerated() {
            let end = position + 1 < recordCount ? ledger.lineStarts[position + 1] : fileSize
            rows.appendRow(RecordRow.self) { row in
                row.set(RecordRow.lineOffset, UInt64(start))
                row.set(RecordRow.lineLength, UInt32(end - 1 - start))
                row.set(RecordRow.id, string: strings.reference(.record, Int32(position)))
                row.set(RecordRow.title, string: strings.reference(.text, recordTexts[position].title))
                row.set(RecordRow.dateDay, recordTexts[position].dateDay)
                row.set(RecordRow.recorded, recordTexts[position].recorded)
                row.set(RecordRow.withdrawnAt, recordTexts[position].withdrawnAt)
            }
            try flushIfFull()
        }
        try finishSection()

        for position in ledger.recordIDs.sorted(Array(0..<Int32(recordCount))) {
            rows.appendRow(RecordByID.self) { row in row.set(RecordByID.record, position) }
            try flushIfFull()
        }
        try finishSection()

        for (record, days) in openDates {
            rows.appendRow(OpenDate.self) { row in
                row.set(OpenDate.record, record)
                row.set(OpenDate.earliest, days.x)
                row.set(OpenDate.latest, days.y)
            }
        }
        try finishSection()

        for person in persons {
            rows.appendRow(PersonRow.self) { row in
                row.set(PersonRow.person, string: strings.reference(.person, person.person))
                row.set(PersonRow.name, string: strings.reference(.text, person.name))
                row.set(PersonRow.namedBy, person.namedBy)
                row.set(PersonRow.knownFrom, person.knownFrom)
                row.set(PersonRow.knownUntil, person.knownUntil)
            }
            try flushIfFull()
        }
        try finishSection()

        for key in mentions.keys {
            rows.appendRow(MentionKey.self) { row in
                row.set(MentionKey.id, string: strings.reference(Self.stringKind[Int(key.kind.rawValue)], key.number))
                row.set(MentionKey.kind, key.kind.rawValue)
                row.set(MentionKey.start, UInt32(key.start))
                row.set(MentionKey.count, UInt32(key.count))
            }
            try flushIfFull()
        }
        try finishSection()

        for record in mentions.records {
            rows.appendRow(Mention.self) { row in row.set(Mention.record, record) }
            try flushIfFull()
        }
        try finishSection()

        for unit in unitOrder.map(Int.init) {
            for key in givenSupervisions[unit] {
                rows.appendRow(SupervisionBySupervisor.self) { row in row.set(SupervisionBySupervisor.key, key) }
            }
            try flushIfFull()
        }
        try finishSection()
    }

    /// Supervision and offices share one step shape: the day and the record in force (-1: none).
    private func writeSteps(of keys: [Int32], _ grouped: Grouped, _ all: ChunkedArray<CompactTimelines.Step<Int32>>, rows: inout ByteWriter,
                            to writer: inout IndexFileWriter) throws(IOFailure) {
        for key in keys.map(Int.init) {
            for index in Self.steps(of: key, in: grouped) {
                rows.appendRow(Step.self) { row in
                    row.set(Step.day, all[Int(index)].day)
                    row.set(Step.record, all[Int(index)].value)
                    row.set(Step.knownFrom, all[Int(index)].knownFrom)
                    row.set(Step.knownUntil, all[Int(index)].knownUntil)
                }
            }
            if rows.bytes.count >= Self.batch { try writer.take(&rows) }
        }
        try writer.take(&rows)
    }

    private static let batch = 1 << 20
}
