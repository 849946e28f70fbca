/// A ledger of reorganisations: the records, checked, and the answers rebuilt from them.
///
/// Every question the command line answers is a method here, so tests and other programs can ask
/// without a shell.
///
/// ```swift
/// let ledger = try Ledger.open(path: "events/ledger.jsonl")
/// let answer = try ledger.responsible("ozg-beratung-kommunen", at: ValidDate(parsing: "2020-06-30"))
/// answer.unit?.id   // "kv40"
/// ```
public struct Ledger: Sendable {
    /// The records in ledger order (`seq`).
    public let records: [Record]
    /// The records that count now, in the order their changes take effect.
    public let history: EffectiveHistory
    /// The timelines as known now.
    let index: TimelineIndex
    /// Every entity's timelines over both times, which `index(knownAt:)` reads earlier ones off.
    let recorded: RecordedTimelines
    /// The state after the last record: what an append is validated against.
    let finalState: OrgState
    /// The persons of the records that count now.
    let directory: PersonDirectory
    private let recordsByID: [RecordID: Record]

    /// Checks the records (record rules and every rule of the change table, in valid-time order)
    /// and indexes them. The chain itself is checked when reading a file (`LedgerFile`).
    public init(records: [Record]) throws(RuleViolation) {
        try self.init(records: records, appending: [:])
    }

    /// As `init(records:)`, with the records being appended (by id) also held to the authoring
    /// rules that need the state (`AuthoringRules`); the value is the renames (by change index)
    /// whose abbreviation their author removed explicitly.
    init(records: [Record], appending: [RecordID: Set<Int>]) throws(RuleViolation) {
        let byID = try RecordRules.checkEach(records)
        let history = EffectiveHistory(records)
        let finalState: OrgState
        do {
            finalState = try CheckedState.replay(history, appending: appending)
        } catch {
            var error = error
            error.line = byID[error.recordID]?.seq
            throw error
        }
        try RecordRules.checkReferences(of: records, in: finalState)
        self.records = records
        self.history = history
        self.finalState = finalState
        recorded = RecordedTimelines(records: records)
        index = TimelineIndex(recorded, known: .now)
        self.directory = PersonDirectory(history.records)
        self.recordsByID = byID
    }

    /// Reads, chain-checks and validates the ledger at `path`. A missing file is refused
    /// (`IntegrityError.noLedger`); `LedgerCreation.create(path:)` makes an empty one.
    public static func open(path: String) throws(IntegrityError) -> Ledger {
        let records = try LedgerFile.read(path: path)
        do {
            return try Ledger(records: records)
        } catch {
            throw .ruleViolation(error)
        }
    }

    /// The hash of the last record (64 zeros for an empty ledger): what `--expect-head` compares.
    public var head: String { records.last?.hash ?? Record.genesisHash }

    /// The record with this id.
    public func record(_ id: RecordID) -> Record? { recordsByID[id] }

    /// The ledger as it stood at `knownAt`: the records recorded by then, which are a prefix of it
    /// (`recorded` never decreases along the log). The exports ask it, to show an earlier state of
    /// knowledge whole.
    public func asKnown(at knownAt: TransactionTime) throws(QueryError) -> Ledger {
        guard let last = records.last, knownAt < last.recorded else { return self }
        do { return try Ledger(records: records.filter { $0.recorded <= knownAt }) } catch {
            // As for `index(knownAt:)`: records known by then that do not replay are an integrity failure.
            throw .integrity(.ruleViolation(error))
        }
    }

    /// The timelines that answer for `knownAt`: the current ones, or those the records recorded
    /// by then left, read off `recorded`.
    func index(knownAt: TransactionTime) throws(QueryError) -> TimelineIndex {
        guard let last = records.last, knownAt < last.recorded else { return index }
        guard let known = recorded.known(at: knownAt) else {
            let records = records.filter { $0.recorded <= knownAt }
            do { _ = try CheckedState.replay(EffectiveHistory(records)) } catch { throw .integrity(.ruleViolation(error)) }
            return TimelineIndex(RecordedTimelines(records: records), known: .now)
        }
        // Records known by then that do not replay: the file was not written by `append`, which
        // checks every state it creates. An integrity failure, not an unknown id. The engine over
        // numbers decides; only a refusal is replayed again, to be named.
        if recorded.ledger.replay(first: Int(known.count)) == nil {
            do { _ = try CheckedState.replay(EffectiveHistory(records, knownAt: knownAt)) } catch { throw .integrity(.ruleViolation(error)) }
        }
        return TimelineIndex(recorded, known: known)
    }

    /// The organisation on `date` as known at `knownAt`, for questions the methods below do not ask.
    public func snapshot(at date: ValidDate, knownAt: TransactionTime = .distantFuture) throws(QueryError) -> TimelineIndex.Snapshot {
        try index(knownAt: knownAt).snapshot(at: date)
    }

    /// Who was responsible for `task` on `date`.
    public func responsible(_ task: TaskID, at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> Responsibility {
        let snapshot = try snapshot(at: date, knownAt: knownAt)
        var answer: Responsibility
        if let found = snapshot.responsibility(for: task, at: date) {
            answer = found
        } else {
            guard index.taskTimelines[task] != nil else { throw .unknownTask(task) }
            answer = Responsibility(task: task, title: index.taskTimelines[task]?.last?.title ?? task, at: date, unit: nil,
                                    path: [], supervision: [], offices: [], since: nil, record: nil, isDefined: false)
        }
        answer.uncertain = DateUncertainty.concerning(answer.subjects, in: try uncertainties(at: date, knownAt: knownAt))
        let persons = personDirectory(knownAt: knownAt)
        for office in answer.offices.indices { answer.offices[office].name = persons[answer.offices[office].person]?.name }
        return answer
    }

    /// The org chart on `date`, whole or from `root` down.
    public func orgChart(at date: ValidDate, root: UnitID?, knownAt: TransactionTime) throws(QueryError) -> OrgChart {
        let snapshot = try snapshot(at: date, knownAt: knownAt)
        if var chart = snapshot.orgChart(at: date, root: root) {
            chart.note(try uncertainties(at: date, knownAt: knownAt), wholeOrganisation: root == nil)
            return chart
        }
        guard let root, index.unitTimelines[root] != nil else { throw .unknownUnit(root ?? "") }
        throw .unitNotLive(root, date)
    }

    /// Every task with its holder on `date`; with `unit`, only those held in that unit's subtree.
    public func responsibilities(at date: ValidDate, unit: UnitID?, knownAt: TransactionTime) throws(QueryError) -> [TaskAssignment] {
        if let unit, index.unitTimelines[unit] == nil { throw .unknownUnit(unit) }
        return try snapshot(at: date, knownAt: knownAt).responsibilityMap(within: unit)
    }

    /// Every live unit on `date`.
    public func units(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> [UnitListing] {
        try snapshot(at: date, knownAt: knownAt).unitList()
    }

    /// Every task defined on `date`, with its holder.
    public func tasks(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> [TaskAssignment] {
        try snapshot(at: date, knownAt: knownAt).responsibilityMap()
    }

    /// What changed between two dates.
    public func diff(from: ValidDate, to: ValidDate, knownAt: TransactionTime) throws(QueryError) -> OrgDiff {
        let index = try index(knownAt: knownAt)
        let diff = OrgDiff(from: index.snapshot(at: from), at: from, to: index.snapshot(at: to), at: to)
        return diff.attributing(record: record) {
            guard let last = records.last, knownAt < last.recorded else { return history.records }
            return EffectiveHistory(records, knownAt: knownAt).records
        }
    }

    /// The records concerning a unit, task, person or record id (or all records), by date, as known at
    /// `knownAt`: both time axes, with corrected and retracted records marked.
    public func history(of id: String?, from: ValidDate?, to: ValidDate?, knownAt: TransactionTime) throws(QueryError) -> EntityHistory {
        if let id, index.unitTimelines[id] == nil, index.taskTimelines[id] == nil, recordsByID[id] == nil,
           !records.contains(where: { $0.changes.contains { $0.personID == id } }) {
            throw .unknownID(id)
        }
        let known = knownAt == .distantFuture ? records : records.filter { $0.recorded <= knownAt }
        let effective = knownAt == .distantFuture ? history : EffectiveHistory(records, knownAt: knownAt)
        return EntityHistory(log: known, subject: id, from: from, to: to, withdrawal: effective.withdrawal(of:))
    }

    /// The whole history's entries, from the answer held in memory.
    public func eachHistoryEntry(from: ValidDate?, to: ValidDate?, knownAt: TransactionTime,
                                 _ body: (EntityHistory.Entry) -> Bool) throws(QueryError) {
        for entry in try history(of: nil, from: from, to: to, knownAt: knownAt).entries where !body(entry) { return }
    }

    /// Whether the record `id` was corrected or retracted, and by what; nil if it counts.
    public func withdrawal(of id: RecordID) -> RecordWithdrawal? { history.withdrawal(of: id) }
}
