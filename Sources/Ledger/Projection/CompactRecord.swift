/// One change with its ids interned as numbers: all the rules need of it (names and titles break
/// no rule, so they are not kept).
struct CompactChange {
    enum Op: UInt8 {
        case establishUnit, renameUnit, moveUnit, dissolveUnit, defineTask, assignTask, transferTask, revokeTask
        case setSupervision, endSupervision, appoint, endAppointment
    }

    var op: Op
    /// The supervision kind, for supervision changes.
    var kind: UInt8 = 0
    /// The ids the op names, in the order `RuleEngine.apply` documents; -1 for none.
    var a: Int32 = -1
    var b: Int32 = -1
    var c: Int32 = -1

    /// What kind of id a change's field holds.
    enum IDKind { case unit, task, person, role }

    /// The kinds of ids `a`, `b` and `c` hold for `op` (nil: none), as `RuleEngine.apply`
    /// documents them: the one table of which field names what.
    static func fieldKinds(of op: Op) -> (a: IDKind?, b: IDKind?, c: IDKind?) {
        switch op {
        case .establishUnit, .moveUnit, .dissolveUnit: (.unit, .unit, nil)
        case .renameUnit: (.unit, nil, nil)
        case .defineTask: (.task, nil, nil)
        case .assignTask, .revokeTask: (.task, .unit, nil)
        case .transferTask: (.task, .unit, .unit)
        case .setSupervision, .endSupervision: (.unit, .unit, .task)
        case .appoint, .endAppointment: (.person, .role, .unit)
        }
    }
}

/// A record reduced to what the rules and the effective order need.
struct CompactRecord {
    var effectiveDay: Int32
    /// The effective date's precision as the index stores it (`IndexLayout.precisionCode`).
    var precision: UInt8
    /// Range of the record's changes in the change list.
    var changeStart: Int32
    var changeCount: Int32
    /// `corrects` or `retracts`, as written (resolved once every record is known).
    var corrects: String?
    var retracts: String?
    /// The unit `actor` names (interned), -1 for none; `about` as written.
    var actor: Int32 = -1
    var about: [String]?
    /// The title (a text number, when read keeping texts, else -1) and the first day of `date`,
    /// for the index's record rows (search).
    var title: Int32 = -1
    var dateDay: Int32 = 0
    /// For an effective date that is not exact, the days it leaves open (`IndexLayout.openDays`).
    var openDays: SIMD2<Int32> = .zero
}
