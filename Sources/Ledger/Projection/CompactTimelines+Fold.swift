/// The one fold of changes into an entity's states: a record that takes effect after everything
/// recorded before it applies each change to the entity's latest value, and a record that reaches
/// back folds each entity it touches again from all its changes, with the same functions.
///
/// A change that finds nothing to change (a rename of a unit not established) is left out: the
/// rules let none pass in a ledger `append` wrote, but a hand-edited ledger's earlier records
/// need not replay (docs/FORMAT.md §5.5), and the fold must not trap on them.
extension CompactTimelines {
    /// The unit after change `index` of record `position` (a change naming the unit first).
    static func unit(_ value: UnitValue?, after index: Int, of position: Int32, in ledger: CompactLedger) -> UnitValue? {
        let change = ledger.changes[index], texts = ledger.changeTexts[index], record = ledger.records[Int(position)]
        if change.op == .establishUnit {
            return UnitValue(name: texts.name, abbreviation: texts.detail, kind: texts.kind, parent: change.b,
                             established: record.effectiveDay, establishedPrecision: record.precision, establishedBy: position,
                             placedBy: position, namedBy: position, subordinate: texts.relation == 2)
        }
        guard var unit = value else { return nil }
        switch change.op {
        case .renameUnit:
            unit.name = texts.name
            unit.abbreviation = texts.detail
            unit.namedBy = position
        case .moveUnit:
            unit.parent = change.b
            // 0: no `relation` member, so the unit keeps its own (as `OrgState.record` does).
            if texts.relation != 0 { unit.subordinate = texts.relation == 2 }
            unit.placedBy = position
            if texts.kind >= 0 { unit.kind = texts.kind }
        case .dissolveUnit:
            unit.dissolved = true
            unit.successor = change.b
        default:
            return nil
        }
        return unit
    }

    /// The task after change `index` of record `position` (a change naming the task first).
    static func task(_ value: TaskValue?, after index: Int, of position: Int32, in ledger: CompactLedger) -> TaskValue? {
        let change = ledger.changes[index], texts = ledger.changeTexts[index], record = ledger.records[Int(position)]
        if change.op == .defineTask { return TaskValue(title: texts.name, leika: texts.detail) }
        guard var task = value else { return nil }
        switch change.op {
        case .assignTask: task.holder = change.b
        case .transferTask: task.holder = change.c
        case .revokeTask: task.holder = -1
        default: return nil
        }
        task.heldSince = record.effectiveDay
        task.heldPrecision = record.precision
        task.heldBy = position
        return task
    }

    /// The record in force for a supervision or office key after change `index` of record
    /// `position`: set, ended, or ended by the dissolution of one of its units if in force (nil:
    /// the change leaves the key as it was, and makes no step).
    static func key(_ value: Int32?, after index: Int, of position: Int32, in ledger: CompactLedger) -> Int32? {
        switch ledger.changes[index].op {
        case .setSupervision, .appoint: position
        case .endSupervision, .endAppointment: -1
        case .dissolveUnit: (value ?? -1) >= 0 ? -1 : nil
        default: nil
        }
    }

    /// `changes` of records that apply, folded in the order they take effect (by effective day,
    /// then ledger order, which is the order of the changes' indexes) into one value per day.
    func fold<Value>(_ changes: [Int32], in ledger: CompactLedger,
                     _ next: (Value?, Int, Int32) -> Value?) -> [(day: Int32, value: Value)] {
        let applying = changes.filter { withdrawnAt[Int(changeRecord[Int($0)])] == IndexLayout.stillKnown }
        let ordered = applying.sorted { l, r in
            (ledger.records[Int(changeRecord[Int(l)])].effectiveDay, l) < (ledger.records[Int(changeRecord[Int(r)])].effectiveDay, r)
        }
        var timeline: [(day: Int32, value: Value)] = []
        var value: Value?
        for change in ordered {
            let position = changeRecord[Int(change)]
            guard let new = next(value, Int(change), position) else { continue }
            value = new
            let day = ledger.records[Int(position)].effectiveDay
            if let last = timeline.indices.last, timeline[last].day == day { timeline[last].value = new } else { timeline.append((day, new)) }
        }
        return timeline
    }

    /// Folds the unit again from its changes, as record `seq` leaves them.
    mutating func refold(unit: Int32, by seq: UInt32, in ledger: CompactLedger) {
        let timeline = fold(unitChanges[Int(unit)], in: ledger) { Self.unit($0, after: $1, of: $2, in: ledger) }
        unitSteps.replace(unit, with: timeline, by: seq)
    }

    /// Folds the task again from its changes, as record `seq` leaves them.
    mutating func refold(task: Int32, by seq: UInt32, in ledger: CompactLedger) {
        let timeline = fold(taskChanges[Int(task)], in: ledger) { Self.task($0, after: $1, of: $2, in: ledger) }
        taskSteps.replace(task, with: timeline, by: seq)
    }

    /// Folds supervision key `number` again from its changes and the dissolutions of its units.
    mutating func refold(supervision number: Int32, by seq: UInt32, in ledger: CompactLedger) {
        let key = supervisions.keys[Int(number)]
        let changes = supervisionChanges[Int(number)] + dissolutions(of: key.x, in: ledger) + dissolutions(of: key.y, in: ledger)
        let timeline = fold(changes, in: ledger) { Self.key($0, after: $1, of: $2, in: ledger) }
        supervisions.steps.replace(number, with: timeline, by: seq)
    }

    /// Folds office `number` again from its changes and the dissolutions of its unit.
    mutating func refold(appointment number: Int32, by seq: UInt32, in ledger: CompactLedger) {
        let changes = appointmentChanges[Int(number)] + dissolutions(of: appointments.keys[Int(number)].z, in: ledger)
        let timeline = fold(changes, in: ledger) { Self.key($0, after: $1, of: $2, in: ledger) }
        appointments.steps.replace(number, with: timeline, by: seq)
    }

    private func dissolutions(of unit: Int32, in ledger: CompactLedger) -> [Int32] {
        unit < 0 ? [] : unitChanges[Int(unit)].filter { ledger.changes[Int($0)].op == .dissolveUnit }
    }
}
