extension CompactRecord {
    /// The order in which records apply, as `EffectiveHistory` decides it for the ledger as known
    /// now (`position` finds a record id's place in the ledger); nil if a `corrects` or `retracts`
    /// names no earlier record.
    static func effectiveOrder(of records: [CompactRecord], position: (String) -> Int32?) -> [Int32]? {
        var decider: [Int32: Int32] = [:]
        for (index, record) in records.enumerated() {
            guard let target = record.corrects ?? record.retracts else { continue }
            guard let at = position(target), Int(at) < index else { return nil }
            decider[at] = Int32(index)
        }
        var withdrawn = [Bool](repeating: false, count: records.count)
        for (target, _) in decider { withdrawn[Int(target)] = true }
        for (index, record) in records.enumerated() {
            guard let target = record.corrects, let at = position(target), let decisive = decider[at],
                  decisive != Int32(index) else { continue }
            withdrawn[index] = true
        }
        // By day, then ledger order, as one integer each: comparing them reads no record, and
        // records mostly come in effective order already, which the sort runs through.
        var keys: [UInt64] = []
        keys.reserveCapacity(records.count)
        for (index, record) in records.enumerated() where !withdrawn[index] {
            keys.append(UInt64(UInt32(bitPattern: record.effectiveDay) ^ 0x8000_0000) << 32 | UInt64(index))
        }
        keys.sort()
        return keys.map { Int32(truncatingIfNeeded: $0) }
    }
}
