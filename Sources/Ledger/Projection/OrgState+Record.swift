extension OrgState {
    /// Records the effect of `change`, effective on `date`, which `RuleEngine` has let pass (so
    /// every unit and task it names is there): no rule is checked here. `ending` is what the
    /// engine says a dissolution ended besides the unit.
    mutating func record(_ change: Change, on date: ValidDate, by record: RecordID,
                         ending: (supervisions: [Supervision], appointments: [Appointment]) = ([], [])) {
        switch change {
        case let .establishUnit(unit, name, kind, parent, relation, abbreviation):
            units[unit] = UnitState(
                id: unit, name: name, abbreviation: abbreviation, kind: kind, parent: parent,
                relation: relation ?? .partOf, isDissolved: false, successor: nil, established: date,
                establishedBy: record, placedBy: record, namedBy: record)

        case let .renameUnit(unit, name, abbreviation):
            units[unit]?.name = name
            units[unit]?.abbreviation = abbreviation
            units[unit]?.namedBy = record

        case let .moveUnit(unit, parent, relation, kind):
            units[unit]?.parent = parent
            // Without `relation` the unit keeps the one it had: a body moved to another ministry's
            // portfolio stays a body of its own unless the record says otherwise (FORMAT.md §4.3).
            if let relation { units[unit]?.relation = relation }
            units[unit]?.placedBy = record
            if let kind { units[unit]?.kind = kind }

        case let .dissolveUnit(unit, successor):
            units[unit]?.isDissolved = true
            units[unit]?.successor = successor
            for key in ending.supervisions { remove(key) }
            for key in ending.appointments { remove(key) }

        case let .defineTask(task, title, leika):
            tasks[task] = TaskState(id: task, title: title, leika: leika)

        case let .assignTask(task, unit), let .transferTask(task, _, unit):
            tasks[task]?.holder = unit
            tasks[task]?.heldSince = date
            tasks[task]?.heldBy = record

        case let .revokeTask(task, _):
            tasks[task]?.holder = nil
            tasks[task]?.heldSince = date
            tasks[task]?.heldBy = record

        case let .setSupervision(supervision):
            put(supervision, setBy: record)

        case let .endSupervision(supervision):
            remove(supervision)

        case let .appoint(appointment, _):
            put(appointment, setBy: record)

        case let .endAppointment(appointment):
            remove(appointment)
        }
    }

    /// Ends supervision in force, keeping the per-unit keys in step.
    public mutating func remove(_ supervision: Supervision) {
        supervisions[supervision] = nil
        supervisionsInvolving[supervision.unit]?.remove(supervision)
        supervisionsInvolving[supervision.supervisor]?.remove(supervision)
    }

    /// Ends an office held, keeping the per-unit keys in step.
    public mutating func remove(_ appointment: Appointment) {
        appointments[appointment] = nil
        appointmentsIn[appointment.unit]?.remove(appointment)
    }
}
