/// A task's or a unit's history as periods of valid time: who held the task (or where the unit
/// hung, under which name), with the path up to the root, from when to when, and the record that
/// began each period.
///
/// `responsible` answers for one day and says since when the unit has held the task; a unit on
/// the path may have moved to another ministry since. A timeline starts a new period whenever
/// anything on the path changes, so "in which ministry was this task, period by period?" is
/// answered at a glance.
public struct EntityTimeline: Hashable, Sendable {
    /// What the timeline is of.
    public enum Subject: Hashable, Sendable {
        case task(TaskID, title: String)
        case unit(UnitID)
    }

    public var subject: Subject
    public var periods: [Period]

    public init(subject: Subject, periods: [Period]) {
        self.subject = subject
        self.periods = periods
    }

    /// One stretch of valid time in which nothing on the subject's path changed.
    public struct Period: Hashable, Sendable {
        /// The first day, with the precision of the record that began it.
        public var from: ValidDate
        /// The last day (the day before the next period); nil while it lasts.
        public var to: ValidDate?
        /// For a task: its holder, nil while nobody held it. For a unit: the unit itself.
        public var unit: UnitSummary?
        /// For a unit: its parent, nil for a root.
        public var parent: UnitID?
        /// For a unit: how it hung under its parent.
        public var relation: Relation?
        /// For a unit: whether it was dissolved.
        public var isDissolved: Bool
        /// The path from the holder (or the unit) up to its root, each step with its relation.
        public var path: [PathStep]
        /// The record whose change began the period (the latest that day, in effective order).
        public var record: RecordID?

        public init(from: ValidDate, to: ValidDate? = nil, unit: UnitSummary?, parent: UnitID? = nil, relation: Relation? = nil,
                    isDissolved: Bool = false, path: [PathStep], record: RecordID? = nil) {
            self.from = from
            self.to = to
            self.unit = unit
            self.parent = parent
            self.relation = relation
            self.isDissolved = isDissolved
            self.path = path
            self.record = record
        }
    }
}

extension Ledger {
    /// The timeline of the task or unit `id` as known at `knownAt` (a task if both have the id).
    public func timeline(of id: String, knownAt: TransactionTime) throws(QueryError) -> EntityTimeline {
        let index = try index(knownAt: knownAt)
        let applying = knownAt < (records.last?.recorded ?? .distantFuture) ? EffectiveHistory(records, knownAt: knownAt).records : history.records
        let facts = EntityTimeline.Facts<TimelineIndex.Snapshot, Never>(
            snapshot: { day in index.snapshot(at: ValidDate(dayNumber: day)) },
            unitDays: { unit in index.unitTimelines[unit]?.days ?? [] },
            applying: { days, _ in applying.filter { days.contains($0.effectiveDate.firstDay) } })
        if let task = index.taskTimelines[id] {
            return EntityTimeline.of(task: id, title: task.last?.title ?? id, days: task.days, facts: facts)
        }
        guard let unit = index.unitTimelines[id] else { throw .notTaskOrUnit(id) }
        return EntityTimeline.of(unit: id, days: unit.days, facts: facts)
    }
}

extension EntityTimeline {
    /// What a timeline is made of, from the ledger in memory (`TimelineIndex`) or from the index
    /// file, so that one function makes it from either.
    struct Facts<Snapshot: OrgSnapshot, Failure: Error> {
        /// The organisation on a day: at least the subject and every unit above it.
        var snapshot: (Int) throws(Failure) -> Snapshot
        /// The days a unit's state changed.
        var unitDays: (UnitID) throws(Failure) -> [Int]
        /// The records that apply and take effect on one of `days`, in effective order: at least
        /// every one naming the subject or one of `units`.
        var applying: (_ days: Set<Int>, _ units: Set<UnitID>) throws(Failure) -> [Record]
    }

    /// The timeline of task `id`, whose state changed on `days`.
    static func of<S, F>(task id: TaskID, title: String, days: [Int], facts: Facts<S, F>) throws(F) -> EntityTimeline {
        EntityTimeline(subject: .task(id, title: title), periods: try periods(
            startingDays: days, facts: facts, concerning: { $0.taskIDs.contains(id) }
        ) { snapshot in
            let holder = snapshot.task(id)?.holder
            let path = holder.map { snapshot.path(from: $0) } ?? []
            return (EntityTimeline.Period(from: ValidDate(dayNumber: 0), unit: path.first?.unit, isDissolved: false, path: path),
                    path.map(\.unit.id))
        })
    }

    /// The timeline of unit `id`, whose state changed on `days`.
    static func of<S, F>(unit id: UnitID, days: [Int], facts: Facts<S, F>) throws(F) -> EntityTimeline {
        EntityTimeline(subject: .unit(id), periods: try periods(
            startingDays: days, facts: facts, concerning: { _ in false }
        ) { snapshot in
            let unit = snapshot.unit(id)
            let path = snapshot.path(from: id)
            return (EntityTimeline.Period(from: ValidDate(dayNumber: 0), unit: unit.map(UnitSummary.init), parent: unit?.parent,
                                          relation: unit?.parent == nil ? nil : unit?.relation, isDissolved: unit?.isDissolved ?? false,
                                          path: unit?.isDissolved == true ? [] : path),
                    path.map(\.unit.id))
        })
    }

    /// The periods of a subject: `state` says how it stood on a snapshot and which units it then
    /// depended on; every day one of those units (or the subject, `startingDays`) changed is
    /// looked at, until no new unit turns up, and equal neighbours are merged.
    private static func periods<S, F>(startingDays: [Int], facts: Facts<S, F>, concerning: (Change) -> Bool,
                                      state: (S) -> (EntityTimeline.Period, [UnitID])) throws(F) -> [EntityTimeline.Period] {
        guard let first = startingDays.first else { return [] }
        var days = Set(startingDays)
        var units = Set<UnitID>()
        // Each day's period as its snapshot gives it, kept: every day is looked at once here, and
        // a snapshot from the index file is a partial state read from its rows.
        var looked: [Int: EntityTimeline.Period] = [:]
        while true {
            var grew = false
            for day in days.subtracting(looked.keys).sorted() {
                let (period, dependsOn) = state(try facts.snapshot(day))
                looked[day] = period
                for unit in dependsOn where units.insert(unit).inserted {
                    grew = true
                    for step in try facts.unitDays(unit) where step > first { days.insert(step) }
                }
            }
            if !grew, looked.count == days.count { break }
        }
        // The record behind a day's change: the latest applying record that day that changes the
        // subject or the name or place of a unit its path passed through; failing that, the latest
        // naming one of them (a new team under the holder names it, but changes nothing above it).
        var byDay: [Int: [Record]] = [:]
        for record in try facts.applying(days, units) { byDay[record.effectiveDate.firstDay, default: []].append(record) }
        var periods: [EntityTimeline.Period] = []
        for day in days.sorted() {
            guard var period = looked[day] else { continue }
            if let last = periods.last, last.unit == period.unit, last.parent == period.parent, last.relation == period.relation,
               last.isDissolved == period.isDissolved, last.path == period.path {
                continue
            }
            let cause = byDay[day]?.last { record in
                record.changes.contains { change in concerning(change) || change.placedUnit.map(units.contains) == true }
            } ?? byDay[day]?.last { record in
                record.changes.contains { change in change.unitIDs.contains { units.contains($0) } }
            }
            period.from = cause?.effectiveDate ?? ValidDate(dayNumber: day)
            period.record = cause?.id
            if !periods.isEmpty { periods[periods.count - 1].to = ValidDate(dayNumber: day - 1) }
            periods.append(period)
        }
        return periods
    }
}

private extension Change {
    /// The unit whose own name or place the change sets; nil for changes of tasks, supervision
    /// and offices.
    var placedUnit: UnitID? {
        switch self {
        case let .establishUnit(unit, _, _, _, _, _), let .renameUnit(unit, _, _), let .moveUnit(unit, _, _, _),
             let .dissolveUnit(unit, _):
            unit
        default: nil
        }
    }
}
