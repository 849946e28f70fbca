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
        // A target not among the records (a partial list, as the index scans for one record's
        // withdrawal) still has its decider: it gets a position past the records.
        var absent: [RecordID] = []
        func place(_ id: RecordID) -> Int {
            if let at = position[id] { return at }
            absent.append(id)
            position[id] = known.count + absent.count - 1
            return known.count + absent.count - 1
        }
        if known.contains(where: { $0.corrects != nil || $0.retracts != nil }) {
            for (index, record) in known.enumerated() { position[record.id] = index }
        }
        var targets = [EffectiveOrder.Target](repeating: .none, count: known.count)
        for (index, record) in known.enumerated() {
            if let target = record.corrects { targets[index] = .corrects(place(target)) } else if let target = record.retracts {
                targets[index] = .retracts(place(target))
            }
        }
        let (order, withdrawnBy) = EffectiveOrder.of(count: known.count, day: { Int32(clamping: known[$0].effectiveDate.firstDay) },
                                                     target: { targets[$0] })
        func id(_ at: Int) -> RecordID { at < known.count ? known[at].id : absent[at - known.count] }
        self.records = order.map { known[Int($0)] }
        self.withdrawn = Dictionary(withdrawnBy.map { (id($0.key), known[$0.value].id) }, uniquingKeysWith: { _, last in last })
        self.retracting = Set(withdrawnBy.values.filter { known[$0].retracts != nil }.map { known[$0].id })
    }
}
