/// What a batch of records changed, worked out when asked from a bitemporal index that holds it
/// (`IndexFile+Affected`): its difference on its latest effective date, and, for a batch that
/// reaches back, every answer it changed over every date it reaches (`AffectedAnswers`). The index
/// a dry run would leave holds the batch, and so does the one an append that reaches back writes;
/// so neither replays the ledger before and after the batch. The entities whose steps the batch
/// changed are found once, for both.
final class BatchAnswers: Sendable {
    private let index: IndexFile
    /// The records known before the batch (the ledger's) and with it.
    private let before: KnownRecords, after: KnownRecords
    private let date: ValidDate
    private let reachesBack: Bool, reachedFrom: Int?
    private let changes = Locked<IndexFile.StepChanges?>(nil)

    /// The answers of the batch `stored` (sealed, in seq order) from `index`, which holds it;
    /// `reach` says whether it reaches back and from which day (`CompactAppend.reach`).
    init(index: IndexFile, stored: [Record], reach: (reachesBack: Bool, from: Int?)) {
        self.index = index
        before = KnownRecords(count: UInt32(stored[0].seq - 1))
        after = KnownRecords(count: UInt32(stored[stored.count - 1].seq))
        date = stored.map(\.effectiveDate).max()!
        (reachesBack, reachedFrom) = reach
    }

    /// The answers of the batch `stored` from the index beside the ledger at `ledgerPath`, if that
    /// index holds the batch in its rows (as the one an append that reaches back writes does, and
    /// any built since); nil otherwise.
    static func fromIndex(ofLedgerAt ledgerPath: String, stored: [Record], reach: (reachesBack: Bool, from: Int?)) -> BatchAnswers? {
        guard let last = stored.last, let index = IndexFile.open(ledgerPath: ledgerPath), index.recordCount >= last.seq,
              (try? index.recordAt(last.seq - 1).hash) == last.hash
        else { return nil }
        return BatchAnswers(index: index, stored: stored, reach: reach)
    }

    /// What the batch changes on its latest effective date (`AppendOutcome.diff`).
    func diff() throws(IndexDamage) -> OrgDiff {
        try index.organisationDiff(on: date, as: before, and: after, changes: try changed())
    }

    /// Every answer the batch changes, from the first day it reaches; nil for a batch that does
    /// not reach back, or after which the same records count (`AppendOutcome.affected`).
    func affected() throws(IndexDamage) -> AffectedAnswers? {
        guard reachesBack, let reachedFrom else { return nil }
        return try index.affectedAnswers(try changed(), before: before, after: after, from: reachedFrom)
    }

    private func changed() throws(IndexDamage) -> IndexFile.StepChanges {
        if let known = changes.withLock({ $0 }) { return known }
        let found = try index.stepChanges(between: before, and: after)
        changes.withLock { $0 = found }
        return found
    }
}
