/// The fast path of the ledger in memory: every entity's states over valid time as the records
/// known at one time left them, keyed by id, so a query at any date is a binary search per
/// entity instead of a replay.
///
/// The timelines are read off the steps of the one timeline builder (`CompactTimelines`, through
/// `RecordedTimelines`), the same the index is written from; the rules are checked apart, by the
/// replay that makes the ledger's state (`CheckedState.replay`).
public struct TimelineIndex: Sendable {
    var unitTimelines: [UnitID: Timeline<UnitState>] = [:]
    var taskTimelines: [TaskID: Timeline<TaskState>] = [:]
    var supervisionTimelines: [Supervision: Timeline<RecordID>] = [:]
    var appointmentTimelines: [Appointment: Timeline<RecordID>] = [:]
    /// Supervision keys by the supervised unit.
    var supervisionsOver: [UnitID: [Supervision]] = [:]
    var appointmentsIn: [UnitID: [Appointment]] = [:]
    /// Ids sorted once, with the first day each exists, so listing at a date skips the unborn.
    private(set) var sortedUnitIDs: [UnitID] = []
    private(set) var sortedTaskIDs: [TaskID] = []

    /// The timelines as the records `known` left them.
    init(_ recorded: RecordedTimelines, known: KnownRecords) {
        let timelines = recorded.timelines
        // One `String` per text, however many steps name it.
        var texts = [String??](repeating: nil, count: recorded.ledger.texts.count)
        func text(_ number: Int32) -> String? {
            guard number >= 0 else { return nil }
            if let known = texts[Int(number)] { return known }
            let text = recorded.text(number)
            texts[Int(number)] = .some(text)
            return text
        }
        // A ledger in memory names every reference its steps hold (`RecordedTimelines`): no step
        // is damage, and `try!` cannot trap.
        recorded.forEachTimeline(of: timelines.unitSteps, known: known, { unit, value in
            try! recorded.unitState(unit, UnitStepFields(
                name: text(value.name) ?? "", abbreviation: text(value.abbreviation), kind: text(value.kind) ?? "",
                parent: Int(value.parent), successor: Int(value.successor), subordinate: value.subordinate, dissolved: value.dissolved,
                established: Int(value.established), establishedPrecision: value.establishedPrecision,
                establishedBy: Int(value.establishedBy), placedBy: Int(value.placedBy), namedBy: Int(value.namedBy)))
        }) { unit, timeline in unitTimelines[try! recorded.unitID(unit)] = timeline }
        recorded.forEachTimeline(of: timelines.taskSteps, known: known, { task, value in
            try! recorded.taskState(task, TaskStepFields(
                title: text(value.title) ?? "", leika: text(value.leika), holder: Int(value.holder),
                heldSince: Int(value.heldSince), heldPrecision: value.heldPrecision, heldBy: Int(value.heldBy)))
        }) { task, timeline in taskTimelines[try! recorded.taskID(task)] = timeline }
        recorded.forEachTimeline(of: timelines.supervisions.steps, known: known, { _, record in
            try! recorded.recordID(orNone: Int(record))
        }) { key, timeline in
            let supervision = recorded.supervision(key)
            supervisionTimelines[supervision] = timeline
            supervisionsOver[supervision.unit, default: []].append(supervision)
        }
        recorded.forEachTimeline(of: timelines.appointments.steps, known: known, { _, record in
            try! recorded.recordID(orNone: Int(record))
        }) { key, timeline in
            let appointment = recorded.appointment(key)
            appointmentTimelines[appointment] = timeline
            appointmentsIn[appointment.unit, default: []].append(appointment)
        }
        sortedUnitIDs = unitTimelines.keys.sorted()
        sortedTaskIDs = taskTimelines.keys.sorted()
    }

    /// The organisation as it stood on `date` (its first day).
    public func snapshot(at date: ValidDate) -> Snapshot { Snapshot(index: self, day: date.firstDay) }

    /// A view of the index at one day; every lookup is a binary search.
    public struct Snapshot: OrgSnapshot, Sendable {
        let index: TimelineIndex
        let day: Int

        public func unit(_ id: UnitID) -> UnitState? { index.unitTimelines[id]?.value(on: day) }
        public func task(_ id: TaskID) -> TaskState? { index.taskTimelines[id]?.value(on: day) }
        public var unitIDs: [UnitID] { index.sortedUnitIDs.filter { unit($0) != nil } }
        public var taskIDs: [TaskID] { index.sortedTaskIDs.filter { task($0) != nil } }
        public func supervisions(over unit: UnitID) -> [(Supervision, RecordID)] {
            (index.supervisionsOver[unit] ?? []).compactMap { key in
                index.supervisionTimelines[key]?.value(on: day).map { (key, $0) }
            }.sorted { $0.0 < $1.0 }
        }
        public func appointments(in unit: UnitID) -> [(Appointment, RecordID)] {
            (index.appointmentsIn[unit] ?? []).compactMap { key in
                index.appointmentTimelines[key]?.value(on: day).map { (key, $0) }
            }.sorted { $0.0 < $1.0 }
        }
    }
}
