/// Which answers a batch changes, and for which valid dates: the organisation before and after,
/// compared day by day over the whole period the batch reaches, from the earliest effective date
/// it touches (its own records', or those of the records it withdraws or brings back) to the end
/// of the ledger and on.
///
/// A backdated record, a correction or a retraction changes answers on dates far from its own
/// effective date (a correction dated 2019-10 of a move recorded for 2019-08 changes who was
/// responsible in August and September): the diff on one date cannot show that; this can.
///
/// ```swift
/// let affected = AffectedAnswers(before: ledger, after: outcome.ledger!)
/// for task in affected?.tasks ?? [] {
///     for period in task.periods { print(task.subject, period.from, period.before?.holder, "→", period.after?.holder) }
/// }
/// ```
public struct AffectedAnswers: Hashable, Sendable {
    /// The first valid day the batch reaches; every answer about an earlier day is unchanged.
    public var from: ValidDate
    /// Tasks whose definition (title) or holder differs, with the periods in which it does.
    public var tasks: [Subject<TaskID, TaskAnswer?>] = []
    /// Units whose existence, name, abbreviation, kind, parent or relation differs.
    public var units: [Subject<UnitID, UnitAnswer?>] = []
    /// Supervision in force on some days before and not after, or the other way round.
    public var supervision: [Subject<Supervision, Bool>] = []
    /// Offices held on some days before and not after, or the other way round.
    public var offices: [Subject<Appointment, Bool>] = []

    /// Whether no answer changes for any valid date.
    public var isEmpty: Bool { tasks.isEmpty && units.isEmpty && supervision.isEmpty && offices.isEmpty }

    /// One task, unit, supervision or office, and the periods in which its answer differs.
    public struct Subject<Key: Hashable & Sendable, Value: Hashable & Sendable>: Hashable, Sendable {
        /// The task or unit id, or the supervision or office.
        public var subject: Key
        /// In date order, none overlapping; days not covered have the same answer before and after.
        public var periods: [Period<Value>]
    }

    /// Valid days, from `from` to `to` (both included; `to` nil: from then on), on which the
    /// answer was `before` and is `after`.
    public struct Period<Value: Hashable & Sendable>: Hashable, Sendable {
        /// The first day, as a day (`2019-08-01`).
        public var from: ValidDate
        /// The last day; nil: the period lasts.
        public var to: ValidDate?
        /// The answer without the batch.
        public var before: Value
        /// The answer with it.
        public var after: Value
    }

    /// A task as `responsible` and `tasks` answer for it; nil where it is not defined.
    public struct TaskAnswer: Hashable, Sendable {
        /// Its title, as defined.
        public var title: String
        /// The unit holding it; nil: nobody.
        public var holder: UnitID?
    }

    /// A unit as `units` and `orgchart` show it; nil where it does not exist (not established
    /// yet, or dissolved).
    public struct UnitAnswer: Hashable, Sendable {
        /// Its name and abbreviation.
        public var name: String
        public var abbreviation: String?
        public var kind: UnitKind
        /// The unit it hangs under; nil for a root.
        public var parent: UnitID?
        /// How it hangs under `parent`; nil for a root.
        public var relation: Relation?
    }

    /// What changes between `before` and `after` (the same ledger without and with a batch); nil
    /// when the same records count in both, so no answer can differ.
    public init?(before: Ledger, after: Ledger) {
        let counted = Set(before.history.records.map(\.id))
        let counting = Set(after.history.records.map(\.id))
        let touched = before.history.records.filter { !counting.contains($0.id) } + after.history.records.filter { !counted.contains($0.id) }
        guard let start = touched.map(\.effectiveDate.firstDay).min() else { return nil }
        self.init(before: before.index, after: after.index, from: start)
    }

    /// Compares the two indexes from `start` (a day number) on.
    init(before: TimelineIndex, after: TimelineIndex, from start: Int) {
        self.init(from: start)
        func compare<Key: Comparable & Sendable, State: Hashable & Sendable, Value: Hashable & Sendable>(
            _ old: [Key: Timeline<State>], _ new: [Key: Timeline<State>], _ answer: (State?) -> Value
        ) -> [Subject<Key, Value>] {
            Set(old.keys).union(new.keys).sorted().compactMap { key in Self.subject(key, old[key], new[key], from: start, answer) }
        }
        tasks = compare(before.taskTimelines, after.taskTimelines, Self.answer(task:))
        units = compare(before.unitTimelines, after.unitTimelines, Self.answer(unit:))
        supervision = compare(before.supervisionTimelines, after.supervisionTimelines) { $0 != nil }
        offices = compare(before.appointmentTimelines, after.appointmentTimelines) { $0 != nil }
    }

    /// No answer changed yet, from `start` (a day number) on: the subjects are added by the caller.
    init(from start: Int) {
        from = ValidDate(dayNumber: start)
    }

    /// The task as `responsible` and `tasks` answer for it.
    static func answer(task: TaskState?) -> TaskAnswer? {
        task.map { TaskAnswer(title: $0.title, holder: $0.holder) }
    }

    /// The unit as `units` and `orgchart` show it: nil once dissolved.
    static func answer(unit: UnitState?) -> UnitAnswer? {
        guard let unit, !unit.isDissolved else { return nil }
        return UnitAnswer(name: unit.name, abbreviation: unit.abbreviation, kind: unit.kind, parent: unit.parent,
                          relation: unit.parent == nil ? nil : unit.relation)
    }

    /// The subject with the periods from `start` on in which its answer differs; nil if none.
    static func subject<Key: Hashable & Sendable, State: Hashable & Sendable, Value: Hashable & Sendable>(
        _ key: Key, _ old: Timeline<State>?, _ new: Timeline<State>?, from start: Int, _ answer: (State?) -> Value
    ) -> Subject<Key, Value>? {
        let periods = periods(old, new, from: start, answer)
        return periods.isEmpty ? nil : Subject(subject: key, periods: periods)
    }

    /// The periods from `start` on in which `answer` differs between the two timelines: each day
    /// on which either steps begins a period, and neighbouring periods with the same answers
    /// are one.
    static func periods<State: Hashable & Sendable, Value: Hashable & Sendable>(
        _ old: Timeline<State>?, _ new: Timeline<State>?, from start: Int, _ answer: (State?) -> Value
    ) -> [Period<Value>] {
        if let old, let new, old.days == new.days, old.values == new.values { return [] }
        let steps = Set((old?.days ?? []) + (new?.days ?? [])).filter { $0 > start }
        let days = [start] + steps.sorted()
        var periods: [Period<Value>] = []
        for (offset, day) in days.enumerated() {
            let (before, after) = (answer(old?.value(on: day)), answer(new?.value(on: day)))
            guard before != after else { continue }
            let to = offset + 1 < days.count ? ValidDate(dayNumber: days[offset + 1] - 1) : nil
            if let previous = periods.last, previous.to?.firstDay == day - 1, previous.before == before, previous.after == after {
                periods[periods.count - 1].to = to
            } else {
                periods.append(Period(from: ValidDate(dayNumber: day), to: to, before: before, after: after))
            }
        }
        return periods
    }
}
