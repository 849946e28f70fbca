extension CompactRecord {
    /// The order in which `records` (the ledger's first ones) apply (`EffectiveOrder`), as the
    /// ledger knew them when it held no more (`position` finds a record id's place); nil if a `corrects` or `retracts`
    /// names no earlier record, which the full check then names.
    static func effectiveOrder(of records: ArraySlice<CompactRecord>, position: (String) -> Int32?) -> [Int32]? {
        var targets = [EffectiveOrder.Target](repeating: .none, count: records.count)
        for (index, record) in records.enumerated() {
            guard let target = record.corrects ?? record.retracts else { continue }
            guard let at = position(target), Int(at) < index else { return nil }
            targets[index] = record.corrects != nil ? .corrects(Int(at)) : .retracts(Int(at))
        }
        return EffectiveOrder.of(count: records.count, day: { records[$0].effectiveDay }, target: { targets[$0] }).order
    }
}
