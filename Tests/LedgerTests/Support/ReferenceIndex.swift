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

/// The index of a ledger laid out by a writer of its own from the timelines a String replay
/// makes (`ReplayWithoutRules`), once for every prefix of its records, so each step
/// knows when the ledger said it (`KnownPrefixes`): the oracle the one production writer
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
        return IndexFile.store(facts: facts, sectionLengths: sections.map(\.count), ledgerPath: ledgerPath, to: .scratch(path)) {
            writer throws(IOFailure) in
            for section in sections { try writer.write(section) }
        }
    }

    /// The index of `ledger` as stored in `ledgerBytes`: its sections, and what the header says.
    static func encode(_ ledger: Ledger, ledgerBytes: UnsafeRawBufferPointer,
                       stamp: FileSystem.FileStamp) throws(IndexDamage) -> (sections: [[UInt8]], facts: IndexFileWriter.Facts) {
        let known = KnownPrefixes(ledger.records)
        var blob = StringBlob()
        let unitIDs = known.units.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let taskIDs = known.tasks.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var unitNumber: [UnitID: Int32] = [:]
        for (n, id) in unitIDs.enumerated() { unitNumber[id] = Int32(n) }
        var taskNumber: [TaskID: Int32] = [:]
        for (n, id) in taskIDs.enumerated() { taskNumber[id] = Int32(n) }
        var recordNumber: [RecordID: Int32] = [:]
        for record in ledger.records { recordNumber[record.id] = Int32(record.seq - 1) }
        func unitRef(_ id: UnitID?) -> Int32 { id.flatMap { unitNumber[$0] } ?? -1 }
        func taskRef(_ id: TaskID?) -> Int32 { id.flatMap { taskNumber[$0] } ?? -1 }
        func recordRef(_ id: RecordID?) -> Int32 { id.flatMap { recordNumber[$0] } ?? -1 }
        func precisionCode(_ date: ValidDate?) -> UInt8 { date.map(IndexLayout.precisionCode) ?? 255 }
        /// Supervision and offices share one step shape: the day and the record in force (-1: none).
        func appendSteps<Key>(_ steps: [KnownSteps<Key, RecordID?>.Step], to writer: inout ByteWriter, counter: inout UInt32) {
            for step in steps {
                writer.appendRow(Step.self) { row in
                    row.set(Step.day, Int32(step.day))
                    row.set(Step.record, step.value.map { recordRef($0) } ?? -1)
                    row.set(Step.knownFrom, step.from)
                    row.set(Step.knownUntil, step.until)
                }
                counter += 1
            }
        }
        func reference(_ text: String?, _ kind: StringKind) -> (UInt32, UInt32)? {
            var text = text
            return text?.withUTF8 { blob.reference($0, kind) }
        }
        // Keys within a unit by what they name: supervision by supervisor, task (none first) and
        // kind; offices by person and role, as their bytes sort.
        func bySupervisor(_ l: Supervision, _ r: Supervision) -> Bool {
            (unitRef(l.supervisor), taskRef(l.task), l.kind.code) < (unitRef(r.supervisor), taskRef(r.task), r.kind.code)
        }
        func byPerson(_ l: Appointment, _ r: Appointment) -> Bool {
            if l.person != r.person { return l.person.utf8.lexicographicallyPrecedes(r.person.utf8) }
            return l.role.utf8.lexicographicallyPrecedes(r.role.utf8)
        }

        var units = ByteWriter(), unitSteps = ByteWriter(), tasks = ByteWriter(), taskSteps = ByteWriter()
        var supervisionKeys = ByteWriter(), supervisionSteps = ByteWriter()
        var appointmentKeys = ByteWriter(), appointmentSteps = ByteWriter()
        var supervisionCount: UInt32 = 0, appointmentCount: UInt32 = 0
        var stepCount: UInt32 = 0, taskStepCount: UInt32 = 0, supervisionStepCount: UInt32 = 0, appointmentStepCount: UInt32 = 0

        // The counts a dissolution's rule needs, from the final state the String replay ends with,
        // and the supervision keys' rows by supervisor.
        // (The replay of the whole ledger: the state known now.)
        let final = ledger.finalState
        func liveSubUnits(of id: UnitID) -> Int { final.units.values.count { $0.parent == id && !$0.isDissolved } }
        func heldTasks(of id: UnitID) -> Int { final.tasks.values.count { $0.holder == id } }
        let keysByUnit = Dictionary(grouping: known.supervisions.keys, by: \.unit)
        let keyRows = unitIDs.flatMap { (keysByUnit[$0] ?? []).sorted(by: bySupervisor) }
        var givenRows: [UnitID: [Int32]] = [:]
        for (row, key) in keyRows.enumerated() { givenRows[key.supervisor, default: []].append(Int32(row)) }
        var supervisionsBySupervisor = ByteWriter()
        var givenCount: UInt32 = 0

        for id in unitIDs {
            let steps = known.units.steps(of: id)
            let supervisions = known.supervisions.keys.filter { $0.unit == id }.sorted(by: bySupervisor)
            let appointments = known.appointments.keys.filter { $0.unit == id }.sorted(by: byPerson)
            let idReference = reference(id, .unit)
            units.appendRow(UnitRow.self) { row in
                row.set(UnitRow.id, string: idReference)
                row.set(UnitRow.stepStart, stepCount)
                row.set(UnitRow.stepCount, UInt32(steps.count))
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
            for step in steps {
                guard let unit = step.value else { throw IndexDamage("unit '\(id)' has an empty step") }
                let (name, abbreviation, kind) = (reference(unit.name, .text), reference(unit.abbreviation, .text),
                                                  reference(unit.kind.rawValue, .text))
                unitSteps.appendRow(UnitStep.self) { row in
                    row.set(UnitStep.day, Int32(step.day))
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
                    row.set(UnitStep.knownFrom, step.from)
                    row.set(UnitStep.knownUntil, step.until)
                }
                stepCount += 1
            }
            for key in supervisions {
                let steps = known.supervisions.steps(of: key)
                supervisionKeys.appendRow(SupervisionKey.self) { row in
                    row.set(SupervisionKey.supervisor, unitRef(key.supervisor))
                    row.set(SupervisionKey.unit, unitRef(key.unit))
                    row.set(SupervisionKey.task, taskRef(key.task))
                    row.set(SupervisionKey.kind, key.kind.code)
                    row.set(SupervisionKey.stepStart, supervisionStepCount)
                    row.set(SupervisionKey.stepCount, UInt32(steps.count))
                }
                appendSteps(steps, to: &supervisionSteps, counter: &supervisionStepCount)
                supervisionCount += 1
            }
            for key in appointments {
                let steps = known.appointments.steps(of: key)
                let (person, role) = (reference(key.person, .person), reference(key.role, .role))
                appointmentKeys.appendRow(AppointmentKey.self) { row in
                    row.set(AppointmentKey.person, string: person)
                    row.set(AppointmentKey.role, string: role)
                    row.set(AppointmentKey.unit, unitRef(key.unit))
                    row.set(AppointmentKey.stepStart, appointmentStepCount)
                    row.set(AppointmentKey.stepCount, UInt32(steps.count))
                }
                appendSteps(steps, to: &appointmentSteps, counter: &appointmentStepCount)
                appointmentCount += 1
            }
        }
        for id in taskIDs {
            let steps = known.tasks.steps(of: id)
            let idReference = reference(id, .task)
            tasks.appendRow(TaskRow.self) { row in
                row.set(TaskRow.id, string: idReference)
                row.set(TaskRow.stepStart, taskStepCount)
                row.set(TaskRow.stepCount, UInt32(steps.count))
                row.set(TaskRow.idPrefix, bytes: id.utf8)
            }
            for step in steps {
                guard let task = step.value else { throw IndexDamage("task '\(id)' has an empty step") }
                let (title, leika) = (reference(task.title, .text), reference(task.leika, .text))
                taskSteps.appendRow(TaskStep.self) { row in
                    row.set(TaskStep.day, Int32(step.day))
                    row.set(TaskStep.holder, unitRef(task.holder))
                    row.set(TaskStep.title, string: title)
                    row.set(TaskStep.leika, string: leika)
                    row.set(TaskStep.heldSince, Int32(task.heldSince?.firstDay ?? 0))
                    row.set(TaskStep.heldBy, recordRef(task.heldBy))
                    row.set(TaskStep.heldPrecision, precisionCode(task.heldSince))
                    row.set(TaskStep.knownFrom, step.from)
                    row.set(TaskStep.knownUntil, step.until)
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
                row.set(RecordRow.recorded, record.recorded.nanoseconds)
                row.set(RecordRow.withdrawnAt, known.withdrawnAt[record.id] ?? IndexLayout.stillKnown)
            }
            lineStart = end + 1
            seq += 1
        }
        guard seq == ledger.records.count else { throw IndexDamage("the ledger file does not match its records") }
        var recordsByID = ByteWriter()
        for record in ledger.records.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) {
            recordsByID.appendRow(RecordByID.self) { row in row.set(RecordByID.record, Int32(record.seq - 1)) }
        }

        // Withdrawn records too: an answer as known before they were withdrawn may rest on them.
        var openDates = ByteWriter()
        for record in ledger.records where !record.effectiveDate.isExact && !record.changes.isEmpty {
            let (earliest, latest) = IndexLayout.openDays(record.effectiveDate)
            openDates.appendRow(OpenDate.self) { row in
                row.set(OpenDate.record, Int32(record.seq - 1))
                row.set(OpenDate.earliest, earliest)
                row.set(OpenDate.latest, latest)
            }
        }

        var persons = ByteWriter()
        for id in known.persons.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            for step in known.persons.steps(of: id) {
                guard let person = step.value else { continue }
                let (id, name) = (reference(person.id, .person), reference(person.name, .text))
                persons.appendRow(PersonRow.self) { row in
                    row.set(PersonRow.person, string: id)
                    row.set(PersonRow.name, string: name)
                    row.set(PersonRow.namedBy, recordRef(person.namedBy))
                    row.set(PersonRow.knownFrom, step.from)
                    row.set(PersonRow.knownUntil, step.until)
                }
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

/// Every entity's timelines over both times, found the slow way: the records known after each
/// record (every prefix of the ledger) replayed from the start, the String way
/// (`ReplayWithoutRules`), and each prefix's timelines compared with the prefix's before it. A step
/// (a day and a value) that a prefix has and the one before did not is known from that prefix's
/// seq; one it no longer has, until it.
private struct KnownPrefixes {
    var units = KnownSteps<UnitID, UnitState?>(), tasks = KnownSteps<TaskID, TaskState?>()
    var supervisions = KnownSteps<Supervision, RecordID?>(), appointments = KnownSteps<Appointment, RecordID?>()
    var persons = KnownSteps<PersonID, Person?>()
    /// The seq of the first prefix that withdrew each record.
    var withdrawnAt: [RecordID: UInt32] = [:]

    init(_ records: [Record]) {
        for count in 1...max(records.count, 1) where count <= records.count {
            let seq = UInt32(count)
            let history = EffectiveHistory(Array(records[..<count]))
            for (id, _) in history.withdrawn where withdrawnAt[id] == nil { withdrawnAt[id] = seq }
            // Replayed without rules (`ReplayWithoutRules`), the String way: a prefix that replays
            // is not changed by them, and one that does not (only a forged, re-sealed ledger has
            // one) the index answers from those steps as known then, where the full read names
            // the rule (docs/FORMAT.md §5.5).
            let replay = ReplayWithoutRules(history)
            units.see(replay.units.mapValues(\.steps), at: seq)
            tasks.see(replay.tasks.mapValues(\.steps), at: seq)
            supervisions.see(replay.supervisions.mapValues(\.steps), at: seq)
            appointments.see(replay.appointments.mapValues(\.steps), at: seq)
            persons.see(PersonDirectory(history.records).persons.mapValues { [(day: 0, value: Optional($0))] }, at: seq)
        }
    }
}

/// The timelines of records that break a rule, replayed in the order they take effect with
/// `OrgState.record` and no rule: a change to a unit or task not there changes nothing, an
/// ended key is not in force from its day, a dissolution ends what is in force of its unit.
private struct ReplayWithoutRules {
    var units: [UnitID: Timeline<UnitState>] = [:], tasks: [TaskID: Timeline<TaskState>] = [:]
    var supervisions: [Supervision: Timeline<RecordID>] = [:], appointments: [Appointment: Timeline<RecordID>] = [:]

    init(_ history: EffectiveHistory) {
        var state = OrgState()
        for record in history.records {
            let (date, day) = (record.effectiveDate, record.effectiveDate.firstDay)
            for change in record.changes {
                var ending: (supervisions: [Supervision], appointments: [Appointment]) = ([], [])
                if case let .dissolveUnit(unit, _) = change {
                    ending = ((state.supervisionsInvolving[unit] ?? []).sorted(), (state.appointmentsIn[unit] ?? []).sorted())
                }
                state.record(change, on: date, by: record.id, ending: ending)
                switch change {
                case let .establishUnit(unit, _, _, _, _, _), let .renameUnit(unit, _, _), let .moveUnit(unit, _, _, _),
                     let .dissolveUnit(unit, _):
                    if let value = state.units[unit] { units[unit, default: Timeline()].set(value, from: day) }
                    for key in ending.supervisions { supervisions[key, default: Timeline()].set(nil, from: day) }
                    for key in ending.appointments { appointments[key, default: Timeline()].set(nil, from: day) }
                case let .defineTask(task, _, _), let .assignTask(task, _), let .transferTask(task, _, _), let .revokeTask(task, _):
                    if let value = state.tasks[task] { tasks[task, default: Timeline()].set(value, from: day) }
                case let .setSupervision(key), let .endSupervision(key):
                    supervisions[key, default: Timeline()].set(state.supervisions[key], from: day)
                case let .appoint(key, _), let .endAppointment(key):
                    appointments[key, default: Timeline()].set(state.appointments[key], from: day)
                }
            }
        }
    }
}

/// One kind of entity's steps over both times (`KnownPrefixes`).
struct KnownSteps<Key: Hashable, Value: Equatable> {
    struct Step {
        var day: Int
        var value: Value
        var from: UInt32
        var until = IndexLayout.stillKnown
    }

    private var closed: [Key: [Step]] = [:]
    private var open: [Key: [Step]] = [:]

    /// Every key that ever had a step.
    var keys: Set<Key> { Set(closed.keys).union(open.keys) }

    /// The timelines of the prefix of `seq` records.
    mutating func see(_ timelines: [Key: [(day: Int, value: Value)]], at seq: UInt32) {
        for key in Set(open.keys).union(timelines.keys) {
            let old = open[key] ?? [], new = timelines[key] ?? []
            var now: [Step] = []
            for var step in old {
                if new.contains(where: { $0.day == step.day && $0.value == step.value }) {
                    now.append(step)
                } else {
                    step.until = seq
                    closed[key, default: []].append(step)
                }
            }
            for (day, value) in new where !old.contains(where: { $0.day == day && $0.value == value }) {
                now.append(Step(day: day, value: value, from: seq))
            }
            open[key] = now
        }
    }

    /// The key's steps by day, then by when they became known.
    func steps(of key: Key) -> [Step] {
        ((closed[key] ?? []) + (open[key] ?? [])).sorted { ($0.day, $0.from) < ($1.day, $1.from) }
    }
}

extension Timeline {
    /// The steps as (day, value) pairs.
    var steps: [(day: Int, value: Value?)] { Array(zip(days, values)).map { (day: $0.0, value: $0.1) } }
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
