/// The questions a ledger answers, whether from records held in memory (`Ledger`) or from the
/// persistent index (`IndexFile`). The command line asks through this, so it never needs to know
/// which one answered; the tests check that both answer alike.
public protocol LedgerQuerying {
    /// The hash of the last record (64 zeros for an empty ledger).
    var head: String { get }
    /// How many records the ledger holds.
    var numberOfRecords: Int { get }
    /// The last record, nil for an empty ledger: what `ledger head` describes.
    var lastRecord: Record? { get }
    func responsible(_ task: TaskID, at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> Responsibility
    func provenance(of answer: Responsibility, knownAt: TransactionTime) throws(QueryError) -> [Provenance]
    func orgChart(at date: ValidDate, root: UnitID?, knownAt: TransactionTime) throws(QueryError) -> OrgChart
    func responsibilities(at date: ValidDate, unit: UnitID?, knownAt: TransactionTime) throws(QueryError) -> [TaskAssignment]
    func units(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> [UnitListing]
    func tasks(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> [TaskAssignment]
    func diff(from: ValidDate, to: ValidDate, knownAt: TransactionTime) throws(QueryError) -> OrgDiff
    func record(_ id: RecordID) -> Record?
    /// Whether the record `id` was corrected or retracted, and by what; nil if it counts.
    func withdrawal(of id: RecordID) -> RecordWithdrawal?
    /// Who held which office in which unit on `date`, narrowed by `filter`.
    func offices(at date: ValidDate, filter: OfficeFilter, knownAt: TransactionTime) throws(QueryError) -> [OfficeHolding]
    /// Units, tasks, persons and records matching `query`, best first (see `SearchResults`).
    func search(_ query: String, at date: ValidDate?, limit: Int, knownAt: TransactionTime) throws(QueryError) -> SearchResults
    /// Every person appointed, with their names, by id.
    func persons(knownAt: TransactionTime) throws(QueryError) -> [Person]
    /// The records whose dates leave `date` open (see `DateUncertainty`), in ledger order.
    func uncertainties(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> [DateUncertainty]
}

extension Ledger: LedgerQuerying {
    public var numberOfRecords: Int { records.count }
    public var lastRecord: Record? { records.last }
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
