/// The records that count for a query known at a transaction time, in the order their changes
/// take effect.
///
/// - Only records with `recorded` ≤ `knownAt` count.
/// - For each record targeted by corrections or retractions known by then, the latest of them (by
///   `seq`) decides: a retraction withdraws the target and all its corrections; a correction
///   withdraws the target and every other correction of it, and its own changes apply instead, at
///   its own effective date.
/// - The rest apply ordered by effective date (first day), and records effective on the same day
///   in ledger order (`seq`); changes inside a record apply in order.
public struct EffectiveHistory: Sendable {
    /// Records that apply, in application order.
    public let records: [Record]
    /// Ids of records withdrawn by a correction or retraction, mapped to the record that withdrew them.
    public let withdrawn: [RecordID: RecordID]
    /// The records that withdrew others by retracting them (see `withdrawal(of:)`).
    let retracting: Set<RecordID>

    public init(_ log: [Record], knownAt: TransactionTime = .distantFuture) {
        let known = knownAt == .distantFuture ? log : log.filter { $0.recorded <= knownAt }
        var decider: [RecordID: Record] = [:]
        for record in known {
            if let target = record.corrects ?? record.retracts { decider[target] = record }
        }
        var withdrawn: [RecordID: RecordID] = [:]
        var retracting = Set<RecordID>()
        if !decider.isEmpty {
            for (target, record) in decider {
                withdrawn[target] = record.id
                if record.retracts != nil { retracting.insert(record.id) }
            }
            for record in known {
                guard let target = record.corrects, let decisive = decider[target], decisive.id != record.id else {
                    continue
                }
                withdrawn[record.id] = decisive.id
            }
        }
        let applying = withdrawn.isEmpty ? known : known.filter { withdrawn[$0.id] == nil }
        // Stable sort by effective first day; the log is in seq order already.
        let keyed = applying.enumerated().map { ($0.element.effectiveDate.firstDay, $0.offset) }
        let sorted = keyed.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        self.records = sorted.map { applying[$0.1] }
        self.withdrawn = withdrawn
        self.retracting = retracting
    }
}
