/// The questions a ledger answers, whether from records held in memory (`Ledger`) or from a
/// ledger file through its index (`IndexFile`, as `LedgerStore.openForQueries` opens it). The
/// command line asks every question through this, so it never needs to know which one answered;
/// the tests check that both answer alike.
///
/// Each question is asked "as known at" a transaction time: what the ledger said before later
/// records (corrections, retractions, backdated decisions) were recorded. The requirements take
/// every parameter; the extension below gives the everyday forms, as known now and without the
/// optional narrowing, so a caller never spells out `knownAt: .distantFuture` or `root: nil`:
///
/// ```swift
/// let ledger = try LedgerStore.openForQueries(path: "events/ledger.jsonl")
/// let now = try ledger.responsible("ozg-beratung-kommunen", at: ValidDate(parsing: "2021-01-01"))
/// let then = try ledger.responsible("ozg-beratung-kommunen", at: ValidDate(parsing: "2021-01-01"),
///                                   knownAt: TransactionTime(parsingQuery: "2026-11-01"))
/// ```
///
/// Conforming types are safe to share between threads.
public protocol LedgerQuerying: Sendable {
    /// The hash of the last record (64 zeros for an empty ledger).
    var head: String { get }
    /// How many records the ledger holds.
    var numberOfRecords: Int { get }
    /// The last record, nil for an empty ledger: what `ledger head` describes.
    var lastRecord: Record? { get }
    /// The record with this id, nil if the ledger has none.
    func record(_ id: RecordID) -> Record?
    /// Whether the record `id` was corrected or retracted, and by what; nil if it counts.
    func withdrawal(of id: RecordID) -> RecordWithdrawal?
    /// Who was responsible for `task` on `date`: the unit, its path to the root, supervision and
    /// offices in force, since when and by which record.
    func responsible(_ task: TaskID, at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> Responsibility
    /// The records behind `answer` (one of `responsible`'s), with their sources.
    func provenance(of answer: Responsibility, knownAt: TransactionTime) throws(QueryError) -> [Provenance]
    /// The organisation on `date` as a tree, whole or from `root` down.
    func orgChart(at date: ValidDate, root: UnitID?, knownAt: TransactionTime) throws(QueryError) -> OrgChart
    /// Every task with its holder on `date`; with `unit`, only those held in that unit's subtree.
    func responsibilities(at date: ValidDate, unit: UnitID?, knownAt: TransactionTime) throws(QueryError) -> [TaskAssignment]
    /// Every live unit on `date`.
    func units(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> [UnitListing]
    /// Every task defined on `date`, with its holder.
    func tasks(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> [TaskAssignment]
    /// What changed between two dates, each change with the record behind it.
    func diff(from: ValidDate, to: ValidDate, knownAt: TransactionTime) throws(QueryError) -> OrgDiff
    /// Who held which office in which unit on `date`, narrowed by `filter`.
    func offices(at date: ValidDate, filter: OfficeFilter, knownAt: TransactionTime) throws(QueryError) -> [OfficeHolding]
    /// Units, tasks, persons and records matching `query`, best first (see `SearchResults`); with
    /// `date`, only what existed then.
    func search(_ query: String, at date: ValidDate?, limit: Int, knownAt: TransactionTime) throws(QueryError) -> SearchResults
    /// Every person appointed, with their names, by id.
    func persons(knownAt: TransactionTime) throws(QueryError) -> [Person]
    /// The records whose dates leave `date` open (see `DateUncertainty`), in ledger order.
    func uncertainties(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> [DateUncertainty]
    /// The records concerning a unit, task, person or record `id` (every record without one), by
    /// date, between `from` and `to` when given, with corrected and retracted records marked.
    func history(of id: String?, from: ValidDate?, to: ValidDate?, knownAt: TransactionTime) throws(QueryError) -> EntityHistory
    /// The entries of the whole ledger's history (`history(of: nil, …)`), handed to `body` in
    /// their order until it returns false, without holding them all: for a caller that writes
    /// them out (at 10⁶ records the whole history is gigabytes of records).
    func eachHistoryEntry(from: ValidDate?, to: ValidDate?, knownAt: TransactionTime,
                          _ body: (EntityHistory.Entry) -> Bool) throws(QueryError)
    /// Period by period: a task's holder, or a unit's name, parent and relation (a task if both
    /// have the id).
    func timeline(of id: String, knownAt: TransactionTime) throws(QueryError) -> EntityTimeline
    /// Every source cited, with the records citing it, narrowed by `filter`.
    func sources(_ filter: SourceFilter, knownAt: TransactionTime) throws(QueryError) -> SourceCitations
    /// The entries of `sources(filter, knownAt:)`, handed to `body` in their order until it returns
    /// false, without holding them all: at 10⁶ records every citation is over a gigabyte.
    func eachSourceEntry(_ filter: SourceFilter, knownAt: TransactionTime, _ body: (SourceCitations.Entry) -> Bool) throws(QueryError)
    /// The ledger held in memory, every record read and checked: itself for a `Ledger`, the file
    /// read in full for an index. For work over every record at once, such as the exports.
    func wholeLedger() throws(QueryError) -> Ledger
}

/// The everyday forms of the questions: as known now (`knownAt: .distantFuture`), and without
/// the optional narrowing (`root`, `unit`, `filter`, `limit`, the dates of a history).
extension LedgerQuerying {
    /// Who is responsible for `task` on `date`, as known now.
    ///
    /// ```swift
    /// try ledger.responsible("ozg-beratung-kommunen", at: ValidDate(parsing: "2020-06-30")).unit?.id   // "kv40"
    /// ```
    public func responsible(_ task: TaskID, at date: ValidDate) throws(QueryError) -> Responsibility {
        try responsible(task, at: date, knownAt: .distantFuture)
    }

    /// The records behind `answer`, as known now.
    public func provenance(of answer: Responsibility) throws(QueryError) -> [Provenance] {
        try provenance(of: answer, knownAt: .distantFuture)
    }

    /// The org chart on `date`, whole or from `root` down, as known now.
    public func orgChart(at date: ValidDate, root: UnitID? = nil) throws(QueryError) -> OrgChart {
        try orgChart(at: date, root: root, knownAt: .distantFuture)
    }

    /// The whole org chart on `date`, as known at `knownAt`.
    public func orgChart(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> OrgChart {
        try orgChart(at: date, root: nil, knownAt: knownAt)
    }

    /// Every task with its holder on `date` (within `unit`'s subtree when given), as known now.
    public func responsibilities(at date: ValidDate, unit: UnitID? = nil) throws(QueryError) -> [TaskAssignment] {
        try responsibilities(at: date, unit: unit, knownAt: .distantFuture)
    }

    /// Every task with its holder on `date`, as known at `knownAt`.
    public func responsibilities(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> [TaskAssignment] {
        try responsibilities(at: date, unit: nil, knownAt: knownAt)
    }

    /// Every live unit on `date`, as known now.
    public func units(at date: ValidDate) throws(QueryError) -> [UnitListing] {
        try units(at: date, knownAt: .distantFuture)
    }

    /// Every task defined on `date`, with its holder, as known now.
    public func tasks(at date: ValidDate) throws(QueryError) -> [TaskAssignment] {
        try tasks(at: date, knownAt: .distantFuture)
    }

    /// What changed between two dates, as known now.
    public func diff(from: ValidDate, to: ValidDate) throws(QueryError) -> OrgDiff {
        try diff(from: from, to: to, knownAt: .distantFuture)
    }

    /// Who held which office on `date` (narrowed by `filter`), as known now.
    public func offices(at date: ValidDate, filter: OfficeFilter = OfficeFilter()) throws(QueryError) -> [OfficeHolding] {
        try offices(at: date, filter: filter, knownAt: .distantFuture)
    }

    /// Who held which office on `date`, as known at `knownAt`.
    public func offices(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> [OfficeHolding] {
        try offices(at: date, filter: OfficeFilter(), knownAt: knownAt)
    }

    /// The best 20 (or `limit`) matches for `query`, of what existed on `date` if given, as known now.
    public func search(_ query: String, at date: ValidDate? = nil, limit: Int = 20) throws(QueryError) -> SearchResults {
        try search(query, at: date, limit: limit, knownAt: .distantFuture)
    }

    /// The best 20 matches for `query`, as known at `knownAt`.
    public func search(_ query: String, knownAt: TransactionTime) throws(QueryError) -> SearchResults {
        try search(query, at: nil, limit: 20, knownAt: knownAt)
    }

    /// Every person appointed, as known now.
    public func persons() throws(QueryError) -> [Person] {
        try persons(knownAt: .distantFuture)
    }

    /// The records whose dates leave `date` open, as known now.
    public func uncertainties(at date: ValidDate) throws(QueryError) -> [DateUncertainty] {
        try uncertainties(at: date, knownAt: .distantFuture)
    }

    /// The records concerning `id` (every record without one), between `from` and `to` when
    /// given, as known now.
    public func history(of id: String? = nil, from: ValidDate? = nil, to: ValidDate? = nil) throws(QueryError) -> EntityHistory {
        try history(of: id, from: from, to: to, knownAt: .distantFuture)
    }

    /// The records concerning `id` (every record without one), as known at `knownAt`.
    public func history(of id: String? = nil, knownAt: TransactionTime) throws(QueryError) -> EntityHistory {
        try history(of: id, from: nil, to: nil, knownAt: knownAt)
    }

    /// The timeline of the task or unit `id`, as known now.
    public func timeline(of id: String) throws(QueryError) -> EntityTimeline {
        try timeline(of: id, knownAt: .distantFuture)
    }

    /// Every source cited (narrowed by `filter`), as known now.
    public func sources(_ filter: SourceFilter = SourceFilter()) throws(QueryError) -> SourceCitations {
        try sources(filter, knownAt: .distantFuture)
    }

    /// Every source cited, as known at `knownAt`.
    public func sources(knownAt: TransactionTime) throws(QueryError) -> SourceCitations {
        try sources(SourceFilter(), knownAt: knownAt)
    }
}

extension Ledger: LedgerQuerying {
    public var numberOfRecords: Int { records.count }
    public var lastRecord: Record? { records.last }
    /// Itself: a `Ledger` holds every record, checked, already.
    public func wholeLedger() -> Ledger { self }
}

extension Provenance {
    /// The records behind `answer`, looked up in `snapshot` (the organisation on the answer's
    /// date) and `record`: one entry per record, in the order of the answer. `record` may throw
    /// (reading the index, which may be damaged), and the whole answer with it.
    static func collect<Failure: Error>(for answer: Responsibility, in snapshot: some OrgSnapshot,
                                        record: (RecordID) throws(Failure) -> Record?) throws(Failure) -> [Provenance] {
        var roles: [(Provenance.Role, RecordID)] = []
        if let record = answer.record { roles.append((.task, record)) }
        for step in answer.path {
            if let unit = snapshot.unit(step.unit.id) { roles.append((.placement(unit.id), unit.placedBy)) }
        }
        for supervision in answer.supervision {
            roles.append((.supervision(Supervision(supervisor: supervision.supervisor.id, unit: supervision.over,
                                                   kind: supervision.kind, task: supervision.task)), supervision.record))
        }
        for office in answer.offices {
            roles.append((.office(Appointment(person: office.person, role: office.role, unit: office.unit)), office.record))
        }
        // One entry per record, at the place of its first role, so a record that placed several
        // units of the path is listed (with its sources) once.
        var entries: [Provenance] = []
        var position: [RecordID: Int] = [:]
        for (role, id) in roles {
            if let index = position[id] {
                entries[index].roles.append(role)
                continue
            }
            guard let record = try record(id) else { continue }
            position[id] = entries.count
            entries.append(Provenance(roles: [role], record: id, type: record.type, title: record.title, date: record.date,
                                      effective: record.effectiveDate, recorded: record.recorded, sources: record.sources,
                                      note: record.note))
        }
        return entries
    }
}
