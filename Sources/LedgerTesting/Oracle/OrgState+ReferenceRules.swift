import Ledger

/// The oracle of the change table: the rules written a second time, over `OrgState`'s values,
/// as plainly as they read in docs/FORMAT.md (sub-units and tasks found by a scan, not counted),
/// so that a mistake in `RuleEngine` does not hide in it. The ledger never runs it; tests (the
/// project's, and yours) hold the engine's verdicts and words to it.
extension OrgState {
    /// Applies one change as of valid date `date`, or throws the rule it breaks (a sentence
    /// fragment; the caller adds record and change). On a throw the state may be partly changed, so
    /// callers apply to a copy they can discard.
    public mutating func apply(_ change: Change, on date: ValidDate, by record: RecordID) throws(RuleBreak) {
        switch change {
        case let .establishUnit(unit, name, kind, parent, relation, abbreviation):
            if let existing = units[unit] {
                throw RuleBreak("unit '\(unit)' already exists (established \(existing.established) by '\(existing.establishedBy)'); ids are never reused")
            }
            if let parent { try requireLive(parent, role: "parent", on: date) }
            units[unit] = UnitState(
                id: unit, name: name, abbreviation: abbreviation, kind: kind, parent: parent,
                relation: relation ?? .partOf, isDissolved: false, successor: nil, established: date,
                establishedBy: record, placedBy: record, namedBy: record)

        case let .renameUnit(unit, name, abbreviation):
            try requireLive(unit, role: "unit", on: date)
            units[unit]!.name = name
            units[unit]!.abbreviation = abbreviation
            units[unit]!.namedBy = record

        case let .moveUnit(unit, parent, relation, kind):
            try requireLive(unit, role: "unit", on: date)
            try requireLive(parent, role: "parent", on: date)
            var ancestor: UnitID? = parent
            while let current = ancestor {
                if current == unit {
                    throw RuleBreak("moving '\(unit)' under '\(parent)' would make a cycle ('\(parent)' is '\(unit)' or inside it)")
                }
                ancestor = units[current]?.parent
            }
            units[unit]!.parent = parent
            // Without `relation` the unit keeps the one it had: a body moved to another ministry's
            // portfolio stays a body of its own unless the record says otherwise (FORMAT.md §4.3).
            if let relation { units[unit]!.relation = relation }
            units[unit]!.placedBy = record
            if let kind { units[unit]!.kind = kind }

        case let .dissolveUnit(unit, successor):
            try requireLive(unit, role: "unit", on: date)
            if let child = units.values.filter({ $0.parent == unit && !$0.isDissolved }).map(\.id).min() {
                throw RuleBreak("unit '\(unit)' still has the live sub-unit '\(child)'; move or dissolve it first")
            }
            if let task = tasks.values.filter({ $0.holder == unit }).map(\.id).min() {
                throw RuleBreak("unit '\(unit)' still holds task '\(task)'; transfer or revoke it first")
            }
            if let successor {
                guard successor != unit else { throw RuleBreak("unit '\(unit)' cannot be its own successor") }
                try requireLive(successor, role: "successor", on: date)
            }
            units[unit]!.isDissolved = true
            units[unit]!.successor = successor
            // A dissolved body supervises nobody, is supervised by nobody and has no offices.
            for key in supervisions.keys where key.unit == unit || key.supervisor == unit { remove(key) }
            for key in appointments.keys where key.unit == unit { remove(key) }

        case let .defineTask(task, title, leika):
            if tasks[task] != nil { throw RuleBreak("task '\(task)' is already defined; ids are never reused") }
            tasks[task] = TaskState(id: task, title: title, leika: leika)

        case let .assignTask(task, unit):
            let state = try requireTask(task)
            try requireLive(unit, role: "unit", on: date)
            if let holder = state.holder {
                throw RuleBreak("task '\(task)' is already held by '\(holder)'; use transferTask")
            }
            hand(task, to: unit, on: date, by: record)

        case let .transferTask(task, from, to):
            let state = try requireTask(task)
            guard state.holder == from else {
                let holder = state.holder.map { "'\($0)'" } ?? "nobody"
                throw RuleBreak("task '\(task)' is held by \(holder) on \(date), not by '\(from)'")
            }
            guard from != to else { throw RuleBreak("task '\(task)' cannot be transferred from '\(from)' to itself") }
            try requireLive(to, role: "to", on: date)
            hand(task, to: to, on: date, by: record)

        case let .revokeTask(task, unit):
            let state = try requireTask(task)
            guard state.holder == unit else {
                let holder = state.holder.map { "'\($0)'" } ?? "nobody"
                throw RuleBreak("task '\(task)' is held by \(holder) on \(date), not by '\(unit)'")
            }
            tasks[task]!.holder = nil
            tasks[task]!.heldSince = date
            tasks[task]!.heldBy = record

        case let .setSupervision(supervision):
            try requireLive(supervision.supervisor, role: "supervisor", on: date)
            try requireLive(supervision.unit, role: "unit", on: date)
            guard supervision.supervisor != supervision.unit else {
                throw RuleBreak("unit '\(supervision.unit)' cannot supervise itself")
            }
            if let task = supervision.task { _ = try requireTask(task) }
            if let since = supervisions[supervision] {
                throw RuleBreak("this supervision is already in force (set by '\(since)')")
            }
            put(supervision, setBy: record)

        case let .endSupervision(supervision):
            guard supervisions[supervision] != nil else {
                throw RuleBreak("no \(supervision.kind)-supervision of '\(supervision.supervisor)' over '\(supervision.unit)'\(supervision.task.map { " for task '\($0)'" } ?? "") is in force on \(date)")
            }
            remove(supervision)

        case let .appoint(appointment, _):
            try requireLive(appointment.unit, role: "unit", on: date)
            if appointments[appointment] != nil {
                throw RuleBreak("'\(appointment.person)' already holds '\(appointment.role)' in '\(appointment.unit)'")
            }
            put(appointment, setBy: record)

        case let .endAppointment(appointment):
            guard appointments[appointment] != nil else {
                // Name who does hold office there, so a misspelt person or role is seen at once.
                let held = appointments.keys.filter { $0.unit == appointment.unit }.sorted().prefix(3)
                    .map { "'\($0.person)' as '\($0.role)'" }.joined(separator: ", ")
                let there = held.isEmpty ? "nobody holds an office in '\(appointment.unit)' then" : "offices in '\(appointment.unit)' then: \(held)"
                throw RuleBreak("'\(appointment.person)' does not hold '\(appointment.role)' in '\(appointment.unit)' on \(date); \(there)")
            }
            remove(appointment)
        }
    }

    private mutating func hand(_ task: TaskID, to unit: UnitID, on date: ValidDate, by record: RecordID) {
        tasks[task]!.holder = unit
        tasks[task]!.heldSince = date
        tasks[task]!.heldBy = record
    }

    private func requireLive(_ id: UnitID, role: String, on date: ValidDate) throws(RuleBreak) {
        guard let unit = units[id] else {
            throw RuleBreak("\(role) '\(id)' does not exist on \(date)")
        }
        if unit.isDissolved {
            throw RuleBreak("\(role) '\(id)' is dissolved on \(date)")
        }
    }

    private func requireTask(_ id: TaskID) throws(RuleBreak) -> TaskState {
        guard let task = tasks[id] else { throw RuleBreak("task '\(id)' is not defined") }
        return task
    }
}

