import FoundationEssentials

extension IndexFile {
    /// The index file that belongs to a ledger file.
    public static func path(forLedger ledgerPath: String) -> String { ledgerPath + ".index" }

    /// Writes the index of `ledger`, whose file at `ledgerPath` it describes, atomically beside it.
    /// The index is a cache: failing to write it (a read-only directory) costs speed, not answers.
    @discardableResult
    public static func write(for ledger: Ledger, ledgerPath: String) -> Bool {
        guard let committed = try? CommittedLedger.open(ledgerPath), let file = committed.map(),
              let contents = try? encode(ledger, ledgerBytes: file.bytes, stamp: committed.stamp)
        else { return false }
        return store(contents, ledgerPath: ledgerPath)
    }

    /// Writes an encoded index beside the ledger, if the ledger is still as it was when encoded.
    static func store(_ contents: Contents, ledgerPath: String, scratch: String? = nil) -> Bool {
        store(facts: contents.facts, sectionLengths: contents.sections.map(\.count), ledgerPath: ledgerPath, scratch: scratch) {
            writer throws(IOFailure) in
            for section in contents.sections { try writer.write(section) }
        }
    }

    /// Writes an index beside the ledger atomically, its payload streamed by `payload`, if the
    /// ledger is still as it was when it was read (else the index would lie). With `scratch`,
    /// writes it there instead, as it is, for a comparison.
    static func store(facts: IndexFileWriter.Facts, sectionLengths: [Int], ledgerPath: String, scratch: String? = nil,
                      payload: (inout IndexFileWriter) throws(IOFailure) -> Void) -> Bool {
        // Not fsynced: after a crash a torn index fails its checksums and is built anew.
        let written: ()? = try? FileSystem.writeAtomically(to: scratch ?? path(forLedger: ledgerPath), durably: false) { file throws(IOFailure) in
            var writer = IndexFileWriter(file: file, facts: facts, sectionLengths: sectionLengths)
            try payload(&writer)
            try writer.finish()
            guard scratch != nil || FileSystem.stamp(ledgerPath) == facts.stamp else {
                throw IOFailure(action: "index '\(ledgerPath)'", reason: "it changed while it was indexed")
            }
        }
        guard written != nil else { return false }
        if scratch != nil { return true }
        // The index now covers every record: a tail of appends recorded for the old one is void.
        IndexTail.remove(forLedger: ledgerPath)
        return true
    }

    /// An index ready to write: the payload's sections in `IndexLayout.Section` order, and what
    /// the header says of the ledger.
    struct Contents {
        var sections: [[UInt8]]
        var facts: IndexFileWriter.Facts
    }

    /// The index of `ledger` as stored in `ledgerBytes`.
    static func encode(_ ledger: Ledger, ledgerBytes: UnsafeRawBufferPointer, stamp: FileSystem.FileStamp) throws(IndexDamage) -> Contents {
        let index = ledger.index
        var blob = StringBlob()
        let unitIDs = index.unitTimelines.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let taskIDs = index.taskTimelines.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var unitNumber: [UnitID: Int32] = [:]
        for (n, id) in unitIDs.enumerated() { unitNumber[id] = Int32(n) }
        var taskNumber: [TaskID: Int32] = [:]
        for (n, id) in taskIDs.enumerated() { taskNumber[id] = Int32(n) }
        var recordNumber: [RecordID: Int32] = [:]
        for record in ledger.records { recordNumber[record.id] = Int32(record.seq - 1) }
        func unitRef(_ id: UnitID?) -> Int32 { id.flatMap { unitNumber[$0] } ?? -1 }
        func recordRef(_ id: RecordID?) -> Int32 { id.flatMap { recordNumber[$0] } ?? -1 }
        func precisionCode(_ date: ValidDate?) -> UInt8 { date.map(IndexLayout.precisionCode) ?? 255 }
        /// Supervision and offices share one step shape: the day and the record in force (-1: none).
        func appendSteps(_ timeline: Timeline<RecordID>, to writer: inout ByteWriter, counter: inout UInt32) {
            for (day, value) in zip(timeline.days, timeline.values) {
                writer.i32(Int32(day))
                writer.i32(value.map { recordRef($0) } ?? -1)
                counter += 1
            }
        }

        var units = ByteWriter(), unitSteps = ByteWriter(), tasks = ByteWriter(), taskSteps = ByteWriter()
        var supervisionKeys = ByteWriter(), supervisionSteps = ByteWriter()
        var appointmentKeys = ByteWriter(), appointmentSteps = ByteWriter()
        var supervisionCount: UInt32 = 0, appointmentCount: UInt32 = 0
        var stepCount: UInt32 = 0, taskStepCount: UInt32 = 0, supervisionStepCount: UInt32 = 0, appointmentStepCount: UInt32 = 0

        for id in unitIDs {
            let timeline = index.unitTimelines[id]!
            blob.write(id, .unit, to: &units)
            units.u32(stepCount)
            units.u32(UInt32(timeline.days.count))
            for (day, value) in zip(timeline.days, timeline.values) {
                guard let unit = value else { throw IndexDamage("unit '\(id)' has an empty step") }
                unitSteps.i32(Int32(day))
                unitSteps.i32(unitRef(unit.parent))
                blob.write(unit.name, .text, to: &unitSteps)
                blob.write(unit.abbreviation, .text, to: &unitSteps)
                blob.write(unit.kind.rawValue, .text, to: &unitSteps)
                unitSteps.i32(unitRef(unit.successor))
                unitSteps.i32(Int32(unit.established.firstDay))
                unitSteps.i32(recordRef(unit.establishedBy))
                unitSteps.i32(recordRef(unit.placedBy))
                unitSteps.i32(recordRef(unit.namedBy))
                unitSteps.u8(unit.relation == .partOf ? 0 : 1)
                unitSteps.u8(unit.isDissolved ? 1 : 0)
                unitSteps.u8(precisionCode(unit.established))
                unitSteps.pad(1)
                stepCount += 1
            }
            let supervisions = index.supervisionsOver[id] ?? []
            units.u32(supervisionCount)
            units.u32(UInt32(supervisions.count))
            for key in supervisions {
                let timeline = index.supervisionTimelines[key]!
                supervisionKeys.i32(unitRef(key.supervisor))
                supervisionKeys.i32(unitRef(key.unit))
                supervisionKeys.i32(key.task.flatMap { taskNumber[$0] } ?? -1)
                supervisionKeys.u8(key.kind.code)
                supervisionKeys.pad(3)
                supervisionKeys.u32(supervisionStepCount)
                supervisionKeys.u32(UInt32(timeline.days.count))
                appendSteps(timeline, to: &supervisionSteps, counter: &supervisionStepCount)
                supervisionCount += 1
            }
            let appointments = index.appointmentsIn[id] ?? []
            units.u32(appointmentCount)
            units.u32(UInt32(appointments.count))
            for key in appointments {
                let timeline = index.appointmentTimelines[key]!
                blob.write(key.person, .person, to: &appointmentKeys)
                blob.write(key.role, .role, to: &appointmentKeys)
                appointmentKeys.i32(unitRef(key.unit))
                appointmentKeys.u32(appointmentStepCount)
                appointmentKeys.u32(UInt32(timeline.days.count))
                appointmentKeys.pad(4)
                appendSteps(timeline, to: &appointmentSteps, counter: &appointmentStepCount)
                appointmentCount += 1
            }
            units.idPrefix(id.utf8)
        }
        for id in taskIDs {
            let timeline = index.taskTimelines[id]!
            blob.write(id, .task, to: &tasks)
            tasks.u32(taskStepCount)
            tasks.u32(UInt32(timeline.days.count))
            tasks.idPrefix(id.utf8)
            for (day, value) in zip(timeline.days, timeline.values) {
                guard let task = value else { throw IndexDamage("task '\(id)' has an empty step") }
                taskSteps.i32(Int32(day))
                taskSteps.i32(unitRef(task.holder))
                blob.write(task.title, .text, to: &taskSteps)
                blob.write(task.leika, .text, to: &taskSteps)
                taskSteps.i32(Int32(task.heldSince?.firstDay ?? 0))
                taskSteps.i32(recordRef(task.heldBy))
                taskSteps.u8(precisionCode(task.heldSince))
                taskSteps.pad(7)
                taskStepCount += 1
            }
        }
        // Line positions of every record, found by scanning for newlines.
        var records = ByteWriter()
        var lineStart = 0
        var seq = 0
        let bytes = ledgerBytes.bindMemory(to: UInt8.self)
        while lineStart < bytes.count {
            guard let end = bytes[lineStart...].firstIndex(of: 0x0A), seq < ledger.records.count else {
                throw IndexDamage("the ledger file does not match its records")
            }
            records.u64(UInt64(lineStart))
            records.u32(UInt32(end - lineStart))
            blob.write(ledger.records[seq].id, .record, to: &records)
            blob.write(ledger.records[seq].title, .text, to: &records)
            records.i32(Int32(clamping: ledger.records[seq].date.firstDay))
            lineStart = end + 1
            seq += 1
        }
        guard seq == ledger.records.count else { throw IndexDamage("the ledger file does not match its records") }
        var recordsByID = ByteWriter()
        for record in ledger.records.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) {
            recordsByID.i32(Int32(record.seq - 1))
        }

        var openDates = ByteWriter()
        for record in ledger.history.records.sorted(by: { $0.seq < $1.seq })
        where !record.effectiveDate.isExact && !record.changes.isEmpty {
            let (earliest, latest) = IndexLayout.openDays(record.effectiveDate)
            openDates.i32(Int32(record.seq - 1))
            openDates.i32(earliest)
            openDates.i32(latest)
        }

        var persons = ByteWriter()
        for person in PersonDirectory(ledger.history.records).all {
            blob.write(person.id, .person, to: &persons)
            blob.write(person.name, .text, to: &persons)
            persons.i32(recordRef(person.namedBy))
            persons.pad(4)
        }

        let sections = [blob.bytes, units.bytes, unitSteps.bytes, tasks.bytes, taskSteps.bytes, supervisionKeys.bytes,
                        supervisionSteps.bytes, appointmentKeys.bytes, appointmentSteps.bytes, records.bytes, recordsByID.bytes,
                        openDates.bytes, persons.bytes]
        let facts = IndexFileWriter.Facts(
            stamp: stamp, recordCount: ledger.records.count, head: ledger.head,
            lastRecorded: ledger.records.last?.recorded.nanoseconds ?? Int64.min, units: unitIDs.count, tasks: taskIDs.count,
            supervisionKeys: Int(supervisionCount), appointmentKeys: Int(appointmentCount),
            lastEffectiveDay: Int32(clamping: ledger.records.map(\.effectiveDate.firstDay).max() ?? Int(Int32.min)))
        return Contents(sections: sections, facts: facts)
    }
}

/// The index does not match its ledger or is damaged; it is rebuilt from the ledger.
struct IndexDamage: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
