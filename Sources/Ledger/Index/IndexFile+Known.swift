private typealias RecordRow = IndexLayout.RecordRow

/// "As known at" from the index (docs/FORMAT.md §5.5): a transaction time is turned into the
/// number of records recorded by then, and every step, person and record row says from which
/// record to which the ledger knew it.
extension IndexFile {
    /// The records the ledger knew at `knownAt`, as the index counts them; nil when the index
    /// cannot say, and the full ledger answers instead: a time before the last record while
    /// records appended since the index was written (its tail) wait to be indexed.
    func knownRecords(at knownAt: TransactionTime) throws(IndexDamage) -> KnownRecords? {
        if knownAt >= lastRecorded { return .now }
        guard tail.isEmpty else { return nil }
        try checkRowCounts()
        // `recorded` never decreases by seq (the chain's rule), so the records known are a prefix.
        var low = 0, high = recordCount
        while low < high {
            let mid = (low + high) / 2
            let recorded = Int64(bitPattern: try rows.u64(RecordRow.recorded, at: mid))
            if recorded <= knownAt.nanoseconds { low = mid + 1 } else { high = mid }
        }
        // Records known then that do not replay (only a forged, re-sealed ledger has them: `append`
        // validates every history it leaves) are answered from the steps as known then; the full
        // read would name the rule instead (docs/FORMAT.md §5.5).
        return KnownRecords(count: UInt32(low))
    }

    /// Whether the record on `row` applied as the records `known` said: it was recorded by then,
    /// and no record known then had withdrawn it.
    func applies(recordRow row: Int, _ known: KnownRecords) throws(IndexDamage) -> Bool {
        guard row >= 0, row < recordCount else { throw IndexDamage("record row \(row) of \(recordCount)") }
        return known.sees(from: row + 1, until: try rows.u32(RecordRow.withdrawnAt, at: row))
    }
}
