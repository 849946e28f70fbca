/// The records the ledger knew at a transaction time, as the index counts them: the first
/// `count` by seq, those recorded by then (`recorded` never decreases). A step, person row or
/// record row is seen when `knownFrom <= count < knownUntil` (docs/FORMAT.md §5.5); `now` sees
/// exactly what no record has ended.
struct KnownRecords: Hashable, Sendable {
    let count: UInt32

    /// Every record: what is known now.
    static let now = KnownRecords(count: IndexLayout.stillKnown - 1)

    /// Whether something known from seq `from` until before seq `until` is seen.
    @inline(__always)
    func sees(from: Int, until: Int) -> Bool { from <= Int(count) && Int(count) < until }
}
