/// A ledger's records in interned numbers (`CompactLedger`) with every entity's timelines over
/// valid and recorded time, made by the one timeline builder (`CompactTimelines`), the same that
/// the index is written from: what the ledger in memory reads its `TimelineIndex` off, as known
/// now and as known at any earlier time, without replaying the records again.
struct RecordedTimelines: Sendable {
    /// The records the numbers stand for: a record's number is its position.
    let records: [Record]
    let ledger: CompactLedger
    let timelines: CompactTimelines
    /// Each unit's and task's id, by number.
    private let unitIDs: [UnitID], taskIDs: [TaskID]

    /// The timelines of `records`, which have passed the record rules (`RecordRules.checkEach`:
    /// ids are unique, and every `corrects` and `retracts` names an earlier record).
    init(records: [Record]) {
        var tables = CompactTables(keepingTexts: true)
        for record in records {
            let added = tables.append(record)
            assert(added, "record ids are unique once the record rules hold")
        }
        let ledger = CompactLedger(tables: tables, head: records.last?.hash ?? Record.genesisHash, lastRecorded: records.last?.recorded)
        self.records = records
        self.timelines = CompactTimelines(recording: ledger, targets: ledger.withdrawalTargets())
        self.ledger = ledger
        unitIDs = (0..<ledger.units.count).map { String(decoding: ledger.units.key($0), as: UTF8.self) }
        taskIDs = (0..<ledger.tasks.count).map { String(decoding: ledger.tasks.key($0), as: UTF8.self) }
    }

    /// The records known at `knownAt`, the first ones, as `recorded` never decreases along a
    /// ledger's chain; nil if they are not the first ones (records put together in memory, not
    /// read from a chain, need not keep to it).
    func known(at knownAt: TransactionTime) -> KnownRecords? {
        let count = records.prefix { $0.recorded <= knownAt }.count
        guard records[count...].allSatisfy({ $0.recorded > knownAt }) else { return nil }
        return KnownRecords(count: UInt32(count))
    }

    /// Each entity's steps that the records `known` saw, in day order, made values by `value`; only
    /// entities with such a step are handed over.
    func forEachTimeline<Value, State>(of steps: CompactTimelines.Steps<Value>, known: KnownRecords,
                                       _ value: (_ entity: Int, Value) -> State?, _ body: (_ entity: Int, Timeline<State>) -> Void) {
        let grouped = steps.grouped(in: Array(0..<Int32(steps.entities)), entities: steps.entities)
        for entity in 0..<steps.entities {
            let start = Int(grouped.starts[entity])
            var timeline = Timeline<State>()
            for index in grouped.steps[start..<(start + Int(grouped.counts[entity]))] {
                let step = steps.steps[Int(index)]
                guard known.sees(from: Int(step.knownFrom), until: Int(step.knownUntil)) else { continue }
                timeline.set(value(entity, step.value), from: Int(step.day))
            }
            if !timeline.days.isEmpty { body(entity, timeline) }
        }
    }

    /// A text of the records, by number (-1: none).
    func text(_ number: Int32) -> String? {
        number < 0 ? nil : String(decoding: ledger.texts.key(Int(number)), as: UTF8.self)
    }

    /// The supervision key `number` names (supervisor, unit, task, kind).
    func supervision(_ number: Int) -> Supervision {
        let key = timelines.supervisions.keys[number]
        return Supervision(supervisor: unitIDs[Int(key.x)], unit: unitIDs[Int(key.y)], kind: SupervisionKind.allCases[Int(key.w)],
                           task: key.z < 0 ? nil : taskIDs[Int(key.z)])
    }

    /// The office key `number` names (person, role, unit).
    func appointment(_ number: Int) -> Appointment {
        let key = timelines.appointments.keys[number]
        return Appointment(person: String(decoding: ledger.people.key(Int(key.x)), as: UTF8.self),
                           role: String(decoding: ledger.roles.key(Int(key.y)), as: UTF8.self), unit: unitIDs[Int(key.z)])
    }
}

/// The ledger in memory names every reference its steps hold: nothing here is damage.
extension RecordedTimelines: StepReferences {
    func unitID(_ number: Int) throws(IndexDamage) -> UnitID { unitIDs[number] }
    func taskID(_ number: Int) throws(IndexDamage) -> TaskID { taskIDs[number] }
    func recordID(_ number: Int, memo: AnswerMemo?) throws(IndexDamage) -> RecordID { records[number].id }
    func effectiveDate(ofRecord number: Int) throws(IndexDamage) -> ValidDate { records[number].effectiveDate }
}
