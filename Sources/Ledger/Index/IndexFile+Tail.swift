/// Answers that include the tail: records appended since the index was written, applied on top of
/// what the index holds. They all take effect on or after every indexed record, so applying them
/// last, in seq order, is the order a full replay uses.
extension IndexFile {
    /// Tail records in effect on `day`, in the order they apply.
    func tail(through day: Int) -> [Record] {
        guard let last = tail.lastIndex(where: { $0.effectiveDate.firstDay <= day }) else { return [] }
        return Array(tail[...last])
    }

    /// Whether a tail record establishes this unit or defines this task.
    func tailIntroduces(_ id: String) -> Bool {
        tail.contains { record in
            record.changes.contains { change in
                switch change {
                case let .establishUnit(unit, _, _, _, _, _): unit == id
                case let .defineTask(task, _, _): task == id
                default: false
                }
            }
        }
    }

    /// Loads into `state` everything `records` touch, as the index has it on `day`: the units they
    /// name with their ancestors, supervision and offices, and the tasks they name; then applies
    /// the records. A rule the records break means the tail does not fit the index: damage, and
    /// so is a dissolution the index's counts cannot decide (`RuleBreak.beyondLoadedState`).
    func apply(_ records: [Record], on day: Int, to state: inout OrgState, related: inout Set<UnitID>) throws(IndexDamage) {
        guard !records.isEmpty else { return }
        try load(entitiesOf: records, on: day, into: &state, related: &related)
        var checked = CheckedState(loading: state, counts: try countsOfUnits(dissolvedBy: records))
        for record in records {
            for change in record.changes {
                do { try checked.apply(change, on: record.effectiveDate, by: record.id) } catch {
                    throw IndexDamage("tail record '\(record.id)': \(error.rule)")
                }
            }
        }
        state = checked.state
    }

    /// Loads into `state`, as the index has them on `day`, the units the changes of `records` name
    /// (with their ancestors, which a move's cycle check walks) and the tasks they name, and the
    /// supervision each unit they dissolve gives, which the dissolution ends.
    func load(entitiesOf records: [Record], on day: Int, into state: inout OrgState, related: inout Set<UnitID>) throws(IndexDamage) {
        for record in records {
            for change in record.changes {
                for unit in change.unitIDs { try loadUnit(unit, withAncestors: true, on: day, into: &state, related: &related) }
                for task in change.taskIDs { try loadTask(task, on: day, into: &state) }
                if case let .dissolveUnit(unit, _) = change, let row = try unitRow(unit) {
                    try addSupervisions(givenByUnitRow: row, on: day, to: &state)
                }
            }
        }
    }

    /// The index's counts of live sub-units and held tasks of each indexed unit `records` dissolve:
    /// the counts after the last indexed record, which are those on any day a tail record takes
    /// effect (none takes effect before it).
    func countsOfUnits(dissolvedBy records: [Record]) throws(IndexDamage) -> [UnitID: UnitCounts] {
        var counts: [UnitID: UnitCounts] = [:]
        for record in records {
            for case let .dissolveUnit(unit, _) in record.changes where counts[unit] == nil {
                if let row = try unitRow(unit) { counts[unit] = try unitCounts(row: row) }
            }
        }
        return counts
    }

    /// Adds the unit (and, with `withAncestors`, the units above it) as on `day`, with the
    /// supervision over it and its offices, unless `related` says `state` has them already. (A
    /// unit can be in `state` without them: supervisors are added for their names.) A unit met
    /// twice on the way up is damage: the rules never let units form a cycle, and a move's check
    /// for one, which walks up from the new parent, would go round it for ever.
    func loadUnit(_ id: UnitID, withAncestors: Bool, on day: Int, known: KnownRecords = .now, into state: inout OrgState,
                  related: inout Set<UnitID>, unitRecords: Bool = true) throws(IndexDamage) {
        var current: UnitID? = id
        var walked = Set<UnitID>()
        while let unitID = current {
            guard walked.insert(unitID).inserted else { throw IndexDamage("unit '\(unitID)' is its own ancestor") }
            if related.contains(unitID), let loaded = state.units[unitID] {
                current = loaded.parent
            } else {
                guard let row = try unitRow(unitID) else { return }
                let loaded: UnitState?
                if let held = state.units[unitID] { loaded = held } else { loaded = try unit(row: row, on: day, known: known, records: unitRecords) }
                guard let unit = loaded else { return }
                state.units[unitID] = unit
                try addRelations(ofUnitRow: row, on: day, known: known, to: &state, unitRecords: unitRecords)
                related.insert(unitID)
                current = unit.parent
            }
            if !withAncestors { return }
        }
    }

    /// Adds the task as on `day`, unless `state` has it already.
    func loadTask(_ id: TaskID, on day: Int, known: KnownRecords = .now, into state: inout OrgState) throws(IndexDamage) {
        guard state.tasks[id] == nil, let row = try taskRow(id), let task = try task(row: row, on: day, known: known) else { return }
        state.tasks[id] = task
    }
}
