/// Why a record no longer counts (FORMAT.md §5.3): the correction or retraction that withdrew it,
/// and how. The one answer `show`, `history` and `sources` give.
///
/// ```swift
/// let ledger = try Ledger.open(path: "events/ledger.jsonl")
/// ledger.withdrawal(of: "2017-tmik-grobkonzept-kv40")?.by   // "2017-tmik-grobkonzept-kv40-berichtigt"
/// ```
public struct RecordWithdrawal: Hashable, Sendable {
    /// The record that withdrew it: its latest correction or retraction, or, for a correction
    /// superseded by a later correction or a retraction of the same record, that later record.
    public var by: RecordID
    /// Whether `by` corrects (replaces the changes) or retracts (withdraws them).
    public var kind: EntityHistory.Withdrawal

    public init(by: RecordID, kind: EntityHistory.Withdrawal) {
        self.by = by
        self.kind = kind
    }
}

extension EffectiveHistory {
    /// How the record `id` was withdrawn among the records this history was built from; nil if it
    /// counts (or is not among them).
    public func withdrawal(of id: RecordID) -> RecordWithdrawal? {
        withdrawn[id].map { RecordWithdrawal(by: $0, kind: retracting.contains($0) ? .retracted : .corrected) }
    }
}
