/// The ledger an append is planned onto (`LedgerAppender.plan`): its records, and its replay,
/// which only a dry run's answers, and a refusal that blames an earlier record, need.
///
/// An index that describes the file vouches for the rules of what it covers (it was built by
/// replaying them, and the records of its tail were checked against it): an append the index
/// declines then reads the records once and replays them once, with the batch, instead of
/// replaying them before the batch too. Without such an index the ledger is replayed first, as
/// `Ledger.open` does, so a rule it breaks is named before anything else.
struct AppendBase: Sendable {
    let records: [Record]
    private let lookup: @Sendable (RecordID) -> Record?
    private let replay: Locked<Ledger?>

    /// A ledger replayed already.
    init(_ ledger: Ledger) {
        records = ledger.records
        lookup = { ledger.record($0) }
        replay = Locked(ledger)
    }

    /// Records an index vouches for, replayed only if asked.
    init(vouchedRecords records: [Record]) {
        self.records = records
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        lookup = { byID[$0] }
        replay = Locked(nil)
    }

    /// The hash of the last record (64 zeros for none).
    var head: String { records.last?.hash ?? Record.genesisHash }

    /// The record with this id.
    func record(_ id: RecordID) -> Record? { lookup(id) }

    /// The ledger replayed, once, when first asked. A rule it breaks is an integrity error, as
    /// for `Ledger.open`.
    func replayed() throws(IntegrityError) -> Ledger {
        try replay.withLock { (known) throws(IntegrityError) -> Ledger in
            if let known { return known }
            let ledger: Ledger
            do throws(RuleViolation) { ledger = try Ledger(records: records) } catch { throw .ruleViolation(error) }
            known = ledger
            return ledger
        }
    }
}
