import Ledger

// The questions a test asks most, each with the answer it expects. Every one takes `knownAt`
// for questions as known at an earlier time, and asks as known now without it.

extension Expectation {
    /// `task` is held by `unit` on `date`; nil: by nobody (or the task is not defined yet).
    public static func responsible(_ task: TaskRef, at date: ValidDate, is unit: UnitRef?,
                                   knownAt: TransactionTime = .distantFuture) -> Expectation {
        .answer("responsible \(task) at \(date)\(known(knownAt))", is: unit.map(\.id)) { try $0.responsible(task.id, at: date, knownAt: knownAt).unit?.id }
    }

    /// The whole answer of `responsible`, every field as stated.
    public static func responsible(_ task: TaskRef, at date: ValidDate, equals expected: Responsibility,
                                   knownAt: TransactionTime = .distantFuture) -> Expectation {
        .answer("responsible \(task) at \(date)\(known(knownAt))", is: expected) { try $0.responsible(task.id, at: date, knownAt: knownAt) }
    }

    /// The units from `task`'s holder on `date` up to the root, in that order.
    public static func path(of task: TaskRef, at date: ValidDate, is units: [UnitRef],
                            knownAt: TransactionTime = .distantFuture) -> Expectation {
        .answer("path of \(task) at \(date)\(known(knownAt))", is: units.map(\.id)) {
            try $0.responsible(task.id, at: date, knownAt: knownAt).path.map(\.unit.id)
        }
    }

    /// `unit` hangs under `parent` on `date`; nil: it is a root, or does not exist then.
    public static func parent(of unit: UnitRef, at date: ValidDate, is parent: UnitRef?,
                              knownAt: TransactionTime = .distantFuture) -> Expectation {
        .answer("parent of \(unit) at \(date)\(known(knownAt))", is: parent.map(\.id)) {
            try $0.units(at: date, knownAt: knownAt).first { $0.unit.id == unit.id }?.parent
        }
    }

    /// `unit` is named `name` on `date`.
    public static func name(of unit: UnitRef, at date: ValidDate, is name: String, knownAt: TransactionTime = .distantFuture) -> Expectation {
        .answer("name of \(unit) at \(date)\(known(knownAt))", is: Optional(name)) {
            try $0.units(at: date, knownAt: knownAt).first { $0.unit.id == unit.id }?.unit.name
        }
    }

    /// `unit` is live on `date` (`isLive`), or is not: not yet established, or dissolved.
    public static func unit(_ unit: UnitRef, isLive: Bool = true, at date: ValidDate, knownAt: TransactionTime = .distantFuture) -> Expectation {
        .answer("\(unit) live at \(date)\(known(knownAt))", is: isLive) {
            try $0.units(at: date, knownAt: knownAt).contains { $0.unit.id == unit.id }
        }
    }

    /// The units live on `date` are exactly `units` (in any order).
    public static func units(at date: ValidDate, are units: Set<UnitRef>, knownAt: TransactionTime = .distantFuture) -> Expectation {
        .answer("units at \(date)\(known(knownAt))", is: units.map(\.id).sorted()) { try $0.units(at: date, knownAt: knownAt).map(\.unit.id).sorted() }
    }

    /// The org chart on `date`, whole or from `root` down, every node as stated.
    public static func orgChart(at date: ValidDate, root: UnitRef? = nil, equals expected: OrgChart,
                                knownAt: TransactionTime = .distantFuture) -> Expectation {
        .answer("orgchart at \(date)\(root.map { " from \($0)" } ?? "")\(known(knownAt))", is: expected) {
            try $0.orgChart(at: date, root: root?.id, knownAt: knownAt)
        }
    }

    /// The persons holding `role` in `unit` on `date` are exactly `persons` (in any order).
    public static func holders(of role: String, in unit: UnitRef, at date: ValidDate, are persons: Set<PersonRef>,
                               knownAt: TransactionTime = .distantFuture) -> Expectation {
        .answer("holders of \(role) in \(unit) at \(date)\(known(knownAt))", is: persons.map(\.id).sorted()) {
            try $0.offices(at: date, filter: OfficeFilter(unit: unit.id), knownAt: knownAt)
                .filter { $0.role == role && $0.unit.id == unit.id }.map(\.person.id).sorted()
        }
    }

    private static func known(_ time: TransactionTime) -> String {
        time == .distantFuture ? "" : " as known at \(time)"
    }
}
