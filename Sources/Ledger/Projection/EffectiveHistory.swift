/// The records that count for a query known at a transaction time, in the order their changes
/// take effect: only records with `recorded` ≤ `knownAt` count, ordered as `EffectiveOrder`
/// says (a retraction withdraws its target and all its corrections; a correction withdraws the
/// target and every other correction of it, and its own changes apply instead, at its own
/// effective date); changes inside a record apply in order.
public struct EffectiveHistory: Sendable {
    /// Records that apply, in application order.
    public let records: [Record]
    /// Ids of records withdrawn by a correction or retraction, mapped to the record that withdrew them.
    public let withdrawn: [RecordID: RecordID]
    /// The records that withdrew others by retracting them (see `withdrawal(of:)`).
    let retracting: Set<RecordID>

    public init(_ log: [Record], knownAt: TransactionTime = .distantFuture) {
        let known = knownAt == .distantFuture ? log : log.filter { $0.recorded <= knownAt }
        var position: [RecordID: Int] = [:]
        if known.contains(where: { $0.corrects != nil || $0.retracts != nil }) {
            for (index, record) in known.enumerated() { position[record.id] = index }
        }
        // A target that is no earlier record breaks a record rule (`RecordRules`), checked apart.
        func earlier(_ id: RecordID, than index: Int) -> Int? { position[id].flatMap { $0 < index ? $0 : nil } }
        let (order, withdrawnBy) = EffectiveOrder.of(count: known.count, day: { Int32(clamping: known[$0].effectiveDate.firstDay) }) { index in
            let record = known[index]
            if let target = record.corrects, let at = earlier(target, than: index) { return .corrects(at) }
            if let target = record.retracts, let at = earlier(target, than: index) { return .retracts(at) }
            return .none
        }
        self.records = order.map { known[Int($0)] }
        self.withdrawn = Dictionary(uniqueKeysWithValues: withdrawnBy.map { (known[$0.key].id, known[$0.value].id) })
        self.retracting = Set(withdrawnBy.values.filter { known[$0].retracts != nil }.map { known[$0].id })
    }
}
