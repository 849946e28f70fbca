import Foundation
@testable import Ledger

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

/// The index of a ledger laid out by a writer of its own from the timelines the ledger in memory
/// replays (`TimelineIndex`, the String path): the oracle the one production writer
/// (`CompactIndexLayout`, over interned numbers and `CompactTimelines`) is held to byte for byte.
/// It was the second production writer until issue 14; it shares the row declarations and the file
/// writer (`IndexFileWriter`) with production, and nothing else.
enum ReferenceIndex {
    /// The index of the ledger at `ledgerPath`, read in full, written to `path`; false if the
    /// ledger cannot be read or its file does not match its records.
    static func write(ofLedgerAt ledgerPath: String, to path: String) -> Bool {
        guard let ledger = try? Ledger.open(path: ledgerPath), let committed = try? CommittedLedger.open(ledgerPath),
              let file = committed.map(), let (sections, facts) = try? encode(ledger, ledgerBytes: file.bytes, stamp: committed.stamp)
        else { return false }
        return IndexFile.store(facts: facts, sectionLengths: sections.map(\.count), ledgerPath: ledgerPath, scratch: path) {
            writer throws(IOFailure) in
            for section in sections { try writer.write(section) }
        }
    }

    /// The index of `ledger` as stored in `ledgerBytes`: its sections, and what the header says.
    static func encode(_ ledger: Ledger, ledgerBytes: UnsafeRawBufferPointer,
                       stamp: FileSystem.FileStamp) throws(IndexDamage) -> (sections: [[UInt8]], facts: IndexFileWriter.Facts) {
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
                writer.appendRow(Step.self) { row in
                    row.set(Step.day, Int32(day))
                    row.set(Step.record, value.map { recordRef($0) } ?? -1)
                }
                counter += 1
            }
        }
        func reference(_ text: String?, _ kind: StringKind) -> (UInt32, UInt32)? {
            var text = text
            return text?.withUTF8 { blob.reference($0, kind) }
        }

        var units = ByteWriter(), unitSteps = ByteWriter(), tasks = ByteWriter(), taskSteps = ByteWriter()
        var supervisionKeys = ByteWriter(), supervisionSteps = ByteWriter()
        var appointmentKeys = ByteWriter(), appointmentSteps = ByteWriter()
        var supervisionCount: UInt32 = 0, appointmentCount: UInt32 = 0
        var stepCount: UInt32 = 0, taskStepCount: UInt32 = 0, supervisionStepCount: UInt32 = 0, appointmentStepCount: UInt32 = 0

        // The counts a dissolution's rule needs, from the final state the String replay ends with,
        // and the supervision keys' rows by supervisor.
        let final = index.finalState
        func liveSubUnits(of id: UnitID) -> Int { final.units.values.count { $0.parent == id && !$0.isDissolved } }
        func heldTasks(of id: UnitID) -> Int { final.tasks.values.count { $0.holder == id } }
        let keyRows = unitIDs.flatMap { index.supervisionsOver[$0] ?? [] }
        var givenRows: [UnitID: [Int32]] = [:]
        for (row, key) in keyRows.enumerated() { givenRows[key.supervisor, default: []].append(Int32(row)) }
        var supervisionsBySupervisor = ByteWriter()
        var givenCount: UInt32 = 0

        for id in unitIDs {
            let timeline = index.unitTimelines[id]!
            let supervisions = index.supervisionsOver[id] ?? []
            let appointments = index.appointmentsIn[id] ?? []
            let idReference = reference(id, .unit)
            units.appendRow(UnitRow.self) { row in
                row.set(UnitRow.id, string: idReference)
                row.set(UnitRow.stepStart, stepCount)
                row.set(UnitRow.stepCount, UInt32(timeline.days.count))
                row.set(UnitRow.supervisionStart, supervisionCount)
                row.set(UnitRow.supervisionCount, UInt32(supervisions.count))
                row.set(UnitRow.appointmentStart, appointmentCount)
                row.set(UnitRow.appointmentCount, UInt32(appointments.count))
                row.set(UnitRow.idPrefix, bytes: id.utf8)
                row.set(UnitRow.liveSubUnits, UInt32(liveSubUnits(of: id)))
                row.set(UnitRow.heldTasks, UInt32(heldTasks(of: id)))
                row.set(UnitRow.givenStart, givenCount)
                row.set(UnitRow.givenCount, UInt32(givenRows[id]?.count ?? 0))
            }
            for key in givenRows[id] ?? [] {
                supervisionsBySupervisor.appendRow(SupervisionBySupervisor.self) { row in row.set(SupervisionBySupervisor.key, key) }
                givenCount += 1
            }
            for (day, value) in zip(timeline.days, timeline.values) {
                guard let unit = value else { throw IndexDamage("unit '\(id)' has an empty step") }
                let (name, abbreviation, kind) = (reference(unit.name, .text), reference(unit.abbreviation, .text),
                                                  reference(unit.kind.rawValue, .text))
                unitSteps.appendRow(UnitStep.self) { row in
                    row.set(UnitStep.day, Int32(day))
                    row.set(UnitStep.parent, unitRef(unit.parent))
                    row.set(UnitStep.name, string: name)
                    row.set(UnitStep.abbreviation, string: abbreviation)
                    row.set(UnitStep.kind, string: kind)
                    row.set(UnitStep.successor, unitRef(unit.successor))
                    row.set(UnitStep.established, Int32(unit.established.firstDay))
                    row.set(UnitStep.establishedBy, recordRef(unit.establishedBy))
                    row.set(UnitStep.placedBy, recordRef(unit.placedBy))
                    row.set(UnitStep.namedBy, recordRef(unit.namedBy))
                    row.set(UnitStep.relation, UInt8(unit.relation == .partOf ? 0 : 1))
                    row.set(UnitStep.dissolved, UInt8(unit.isDissolved ? 1 : 0))
                    row.set(UnitStep.establishedPrecision, precisionCode(unit.established))
                }
                stepCount += 1
            }
            for key in supervisions {
                let timeline = index.supervisionTimelines[key]!
                supervisionKeys.appendRow(SupervisionKey.self) { row in
                    row.set(SupervisionKey.supervisor, unitRef(key.supervisor))
                    row.set(SupervisionKey.unit, unitRef(key.unit))
                    row.set(SupervisionKey.task, key.task.flatMap { taskNumber[$0] } ?? -1)
                    row.set(SupervisionKey.kind, key.kind.code)
                    row.set(SupervisionKey.stepStart, supervisionStepCount)
                    row.set(SupervisionKey.stepCount, UInt32(timeline.days.count))
                }
                appendSteps(timeline, to: &supervisionSteps, counter: &supervisionStepCount)
                supervisionCount += 1
            }
            for key in appointments {
                let timeline = index.appointmentTimelines[key]!
                let (person, role) = (reference(key.person, .person), reference(key.role, .role))
                appointmentKeys.appendRow(AppointmentKey.self) { row in
                    row.set(AppointmentKey.person, string: person)
                    row.set(AppointmentKey.role, string: role)
                    row.set(AppointmentKey.unit, unitRef(key.unit))
                    row.set(AppointmentKey.stepStart, appointmentStepCount)
                    row.set(AppointmentKey.stepCount, UInt32(timeline.days.count))
                }
                appendSteps(timeline, to: &appointmentSteps, counter: &appointmentStepCount)
                appointmentCount += 1
            }
        }
        for id in taskIDs {
            let timeline = index.taskTimelines[id]!
            let idReference = reference(id, .task)
            tasks.appendRow(TaskRow.self) { row in
                row.set(TaskRow.id, string: idReference)
                row.set(TaskRow.stepStart, taskStepCount)
                row.set(TaskRow.stepCount, UInt32(timeline.days.count))
                row.set(TaskRow.idPrefix, bytes: id.utf8)
            }
            for (day, value) in zip(timeline.days, timeline.values) {
                guard let task = value else { throw IndexDamage("task '\(id)' has an empty step") }
                let (title, leika) = (reference(task.title, .text), reference(task.leika, .text))
                taskSteps.appendRow(TaskStep.self) { row in
                    row.set(TaskStep.day, Int32(day))
                    row.set(TaskStep.holder, unitRef(task.holder))
                    row.set(TaskStep.title, string: title)
                    row.set(TaskStep.leika, string: leika)
                    row.set(TaskStep.heldSince, Int32(task.heldSince?.firstDay ?? 0))
                    row.set(TaskStep.heldBy, recordRef(task.heldBy))
                    row.set(TaskStep.heldPrecision, precisionCode(task.heldSince))
                }
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
            let record = ledger.records[seq]
            let (id, title) = (reference(record.id, .record), reference(record.title, .text))
            records.appendRow(RecordRow.self) { row in
                row.set(RecordRow.lineOffset, UInt64(lineStart))
                row.set(RecordRow.lineLength, UInt32(end - lineStart))
                row.set(RecordRow.id, string: id)
                row.set(RecordRow.title, string: title)
                row.set(RecordRow.dateDay, Int32(clamping: record.date.firstDay))
            }
            lineStart = end + 1
            seq += 1
        }
        guard seq == ledger.records.count else { throw IndexDamage("the ledger file does not match its records") }
        var recordsByID = ByteWriter()
        for record in ledger.records.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) {
            recordsByID.appendRow(RecordByID.self) { row in row.set(RecordByID.record, Int32(record.seq - 1)) }
        }

        var openDates = ByteWriter()
        for record in ledger.history.records.sorted(by: { $0.seq < $1.seq })
        where !record.effectiveDate.isExact && !record.changes.isEmpty {
            let (earliest, latest) = IndexLayout.openDays(record.effectiveDate)
            openDates.appendRow(OpenDate.self) { row in
                row.set(OpenDate.record, Int32(record.seq - 1))
                row.set(OpenDate.earliest, earliest)
                row.set(OpenDate.latest, latest)
            }
        }

        var persons = ByteWriter()
        for person in PersonDirectory(ledger.history.records).all {
            let (id, name) = (reference(person.id, .person), reference(person.name, .text))
            persons.appendRow(PersonRow.self) { row in
                row.set(PersonRow.person, string: id)
                row.set(PersonRow.name, string: name)
                row.set(PersonRow.namedBy, recordRef(person.namedBy))
            }
        }

        // Which records name each id: by the changes' `unitIDs`, `taskIDs` and `personID`, the
        // actor, `about` (a unit or task id the ledger names as one) and the record corrected or
        // retracted; kinds in the order unit, task, person, record, ids sorted within each.
        let unitSet = Set(ledger.records.flatMap { $0.changes.flatMap(\.unitIDs) + ($0.actor.map { [$0] } ?? []) })
        let taskSet = Set(ledger.records.flatMap { $0.changes.flatMap(\.taskIDs) })
        var named: [[String: [Int32]]] = Array(repeating: [:], count: 4)
        for record in ledger.records {
            var ids: [Set<String>] = Array(repeating: [], count: 4)
            for change in record.changes {
                ids[0].formUnion(change.unitIDs)
                ids[1].formUnion(change.taskIDs)
                if let person = change.personID { ids[2].insert(person) }
            }
            if let actor = record.actor { ids[0].insert(actor) }
            for id in record.about ?? [] {
                if unitSet.contains(id) { ids[0].insert(id) }
                if taskSet.contains(id) { ids[1].insert(id) }
            }
            if let target = record.corrects ?? record.retracts, recordNumber[target] != nil { ids[3].insert(target) }
            for kind in 0..<4 { for id in ids[kind] { named[kind][id, default: []].append(Int32(record.seq - 1)) } }
        }
        var mentionKeys = ByteWriter(), mentions = ByteWriter()
        var mentionCount: UInt32 = 0
        for (kind, stringKind) in [StringKind.unit, .task, .person, .record].enumerated() {
            for id in named[kind].keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                let records = named[kind][id]!
                let idReference = reference(id, stringKind)
                mentionKeys.appendRow(MentionKey.self) { row in
                    row.set(MentionKey.id, string: idReference)
                    row.set(MentionKey.kind, UInt8(kind))
                    row.set(MentionKey.start, mentionCount)
                    row.set(MentionKey.count, UInt32(records.count))
                }
                for record in records { mentions.appendRow(Mention.self) { row in row.set(Mention.record, record) } }
                mentionCount += UInt32(records.count)
            }
        }

        let sections = [blob.bytes, units.bytes, unitSteps.bytes, tasks.bytes, taskSteps.bytes, supervisionKeys.bytes,
                        supervisionSteps.bytes, appointmentKeys.bytes, appointmentSteps.bytes, records.bytes, recordsByID.bytes,
                        openDates.bytes, persons.bytes, mentionKeys.bytes, mentions.bytes, supervisionsBySupervisor.bytes]
        let facts = IndexFileWriter.Facts(
            stamp: stamp, recordCount: ledger.records.count, head: ledger.head,
            lastRecorded: ledger.records.last?.recorded.nanoseconds ?? Int64.min, units: unitIDs.count, tasks: taskIDs.count,
            supervisionKeys: Int(supervisionCount), appointmentKeys: Int(appointmentCount),
            lastEffectiveDay: Int32(clamping: ledger.records.map(\.effectiveDate.firstDay).max() ?? Int(Int32.min)))
        return (sections, facts)
    }
}

/// The string section: UTF-8 strings, each stored once per kind (by bytes, not `String`
/// equality, which would merge two spellings of one accented letter), in the order first named.
private struct StringBlob {
    private(set) var bytes: [UInt8] = []
    private var seen = StringKind.allCases.map { _ in ByteInterner() }
    private var offsets = StringKind.allCases.map { _ in [UInt32]() }

    /// The (offset, length) of `text` as a string of `kind`, adding it if new.
    mutating func reference(_ text: UnsafeBufferPointer<UInt8>, _ kind: StringKind) -> (UInt32, UInt32) {
        let number = Int(seen[kind.rawValue].id(text))
        if number == offsets[kind.rawValue].count {
            offsets[kind.rawValue].append(UInt32(bytes.count))
            bytes.append(contentsOf: text)
        }
        return (offsets[kind.rawValue][number], UInt32(text.count))
    }
}
