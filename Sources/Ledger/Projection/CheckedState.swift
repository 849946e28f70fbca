/// The organisation as values (`OrgState`) kept in step with the rule engine, for the paths that
/// replay records rather than `CompactLedger`'s numbers: the ledger in memory, the full check,
/// and appends and tails checked against the index.
///
/// Each change's ids are interned as they are met and the change goes through `RuleEngine`,
/// which decides; only then is `state` changed, so the rules live in the engine alone.
struct CheckedState {
    /// The organisation after every change applied so far.
    private(set) var state = OrgState()
    private var engine = RuleEngine()
    private var names = InternedNames()

    init() {}

    /// Starts from `state` as far as it goes: the units, tasks, supervision and offices it holds
    /// (as the index has them for the entities a batch names), with `counts` of live sub-units
    /// and held tasks for the units whose counts are known (the index's). Other units' counts
    /// cover only what `state` holds, so the engine refuses to decide their dissolution
    /// (`RuleBreak.beyondLoadedState`), and so it does where a refusal would have to name a
    /// sub-unit or task `state` does not hold: the caller then takes the full check.
    init(loading state: OrgState, counts: [UnitID: UnitCounts]) {
        self.state = state
        // Every id is numbered first, so the engine is sized once for all of them. The numbers'
        // order is of no consequence: refusals name ids, and sort by them where they list several.
        var units: [(number: Int32, parent: Int32, dissolved: Bool, establishedBy: Int32, counts: UnitCounts?)] = []
        for unit in state.units.values {
            let record = names.records.number(unit.establishedBy)
            names.dateOfRecord(record, is: unit.established)
            units.append((names.units.number(unit.id), unit.parent.map { names.units.number($0) } ?? -1, unit.isDissolved, record,
                          counts[unit.id]))
        }
        var tasks: [(number: Int32, holder: Int32)] = []
        for task in state.tasks.values {
            tasks.append((names.tasks.number(task.id), task.holder.map { names.units.number($0) } ?? -1))
        }
        var supervisions: [(key: SIMD4<Int32>, record: Int32)] = []
        for (supervision, record) in state.supervisions { supervisions.append((names.key(of: supervision), names.records.number(record))) }
        var appointments: [(key: SIMD4<Int32>, record: Int32)] = []
        for (appointment, record) in state.appointments { appointments.append((names.key(of: appointment), names.records.number(record))) }
        engine.reserve(units: names.units.count, tasks: names.tasks.count)
        engine.load(units: units)
        for task in tasks { engine.load(task: task.number, holder: task.holder) }
        for (key, record) in supervisions { engine.load(supervision: key, setBy: record) }
        for (key, record) in appointments { engine.load(appointment: key, setBy: record) }
    }

    /// Applies `change` of record `record`, effective on `date`, or throws the rule it breaks
    /// (then `state` is unchanged, but the engine may not be: stop at the first break).
    mutating func apply(_ change: Change, on date: ValidDate, by record: RecordID) throws(RuleBreak) {
        let recordNumber = names.records.number(record)
        names.dateOfRecord(recordNumber, is: date)
        let compact = names.intern(change)
        engine.reserve(units: names.units.count, tasks: names.tasks.count)
        try engine.apply(compact, record: recordNumber, names: names)
        endedByLastChange = ([], [])
        if case .dissolveUnit = change {
            endedByLastChange.supervisions = engine.endedByDissolution.supervisions.map(names.supervision)
            endedByLastChange.appointments = engine.endedByDissolution.appointments.map(names.appointment)
        }
        state.record(change, on: date, by: record, ending: endedByLastChange)
    }

    /// What the last change ended besides itself: for a dissolution, the supervision and offices
    /// of the unit (`RuleEngine.endedByDissolution`); else nothing.
    private(set) var endedByLastChange: (supervisions: [Supervision], appointments: [Appointment]) = ([], [])
}

/// The ids of the records a `CheckedState` has met, numbered in the order met, and the
/// effective date of each record, as the engine's refusals word them.
struct InternedNames: RuleNames {
    /// One kind of id, numbered from 0.
    struct Table {
        private var numbers: [String: Int32] = [:]
        private(set) var ids: [String] = []
        var count: Int { ids.count }

        mutating func number(_ id: String) -> Int32 {
            if let number = numbers[id] { return number }
            let number = Int32(ids.count)
            numbers[id] = number
            ids.append(id)
            return number
        }

        func id(_ number: Int32) -> String { number >= 0 && Int(number) < ids.count ? ids[Int(number)] : "" }
    }

    var units = Table(), tasks = Table(), persons = Table(), roles = Table(), records = Table()
    private var recordDates: [String] = []

    mutating func dateOfRecord(_ record: Int32, is date: ValidDate) {
        if recordDates.count <= Int(record) { recordDates += repeatElement("", count: Int(record) + 1 - recordDates.count) }
        recordDates[Int(record)] = date.description
    }

    /// `change` with its ids as numbers.
    mutating func intern(_ change: Change) -> CompactChange {
        func unit(_ id: UnitID?) -> Int32 { id.map { units.number($0) } ?? -1 }
        func task(_ id: TaskID?) -> Int32 { id.map { tasks.number($0) } ?? -1 }
        switch change {
        case let .establishUnit(id, _, _, parent, _, _): return CompactChange(op: .establishUnit, a: unit(id), b: unit(parent))
        case let .renameUnit(id, _, _): return CompactChange(op: .renameUnit, a: unit(id))
        case let .moveUnit(id, parent, _, _): return CompactChange(op: .moveUnit, a: unit(id), b: unit(parent))
        case let .dissolveUnit(id, successor): return CompactChange(op: .dissolveUnit, a: unit(id), b: unit(successor))
        case let .defineTask(id, _, _): return CompactChange(op: .defineTask, a: task(id))
        case let .assignTask(id, holder): return CompactChange(op: .assignTask, a: task(id), b: unit(holder))
        case let .transferTask(id, from, to): return CompactChange(op: .transferTask, a: task(id), b: unit(from), c: unit(to))
        case let .revokeTask(id, holder): return CompactChange(op: .revokeTask, a: task(id), b: unit(holder))
        case let .setSupervision(key), let .endSupervision(key):
            let interned = self.key(of: key)
            return CompactChange(op: change.op == "setSupervision" ? .setSupervision : .endSupervision, kind: key.kind.code,
                                 a: interned[0], b: interned[1], c: interned[2])
        case let .appoint(key, _), let .endAppointment(key):
            let interned = self.key(of: key)
            return CompactChange(op: change.op == "appoint" ? .appoint : .endAppointment, a: interned[0], b: interned[1], c: interned[2])
        }
    }

    /// A supervision as the engine keys it: supervisor, unit, task (-1: none), kind.
    mutating func key(of supervision: Supervision) -> SIMD4<Int32> {
        SIMD4(units.number(supervision.supervisor), units.number(supervision.unit),
              supervision.task.map { tasks.number($0) } ?? -1, Int32(supervision.kind.code))
    }

    /// An office as the engine keys it: person, role, unit, 0.
    mutating func key(of appointment: Appointment) -> SIMD4<Int32> {
        SIMD4(persons.number(appointment.person), roles.number(appointment.role), units.number(appointment.unit), 0)
    }

    func supervision(_ key: SIMD4<Int32>) -> Supervision {
        Supervision(supervisor: unit(key[0]), unit: unit(key[1]), kind: SupervisionKind.allCases[Int(key[3])],
                    task: key[2] >= 0 ? task(key[2]) : nil)
    }

    func appointment(_ key: SIMD4<Int32>) -> Appointment {
        Appointment(person: person(key[0]), role: role(key[1]), unit: unit(key[2]))
    }

    func unit(_ number: Int32) -> String { units.id(number) }
    func task(_ number: Int32) -> String { tasks.id(number) }
    func person(_ number: Int32) -> String { persons.id(number) }
    func role(_ number: Int32) -> String { roles.id(number) }
    func record(_ number: Int32) -> String { records.id(number) }
    func effectiveDate(ofRecord number: Int32) -> String {
        number >= 0 && Int(number) < recordDates.count ? recordDates[Int(number)] : ""
    }
}
