/// Records found by what their lines say, for the few answers the index's rows cannot give
/// (which record dissolved a unit, say) without reading the whole ledger into records.
extension IndexFile {
    /// The records applying as known at `knownAt` (recorded by then and not withdrawn, §5.3 of
    /// FORMAT.md) that make a change with one of `ops`, in effective order. Only lines that name
    /// such an op, or correct or retract a record, are decoded: the ledger is canonical, so
    /// `"op":"dissolveUnit"` is spelt exactly so.
    func applyingRecords(makingAnyOf ops: [String], knownAt: TransactionTime = .distantFuture) -> [Record] {
        let needles = ops.map { Array(#""op":"\#($0)""#.utf8) } + [Self.correctsMember, Self.retractsMember]
        let found = scanRecords(containingAnyOf: needles)
        // Every correction and retraction is among them, so the withdrawn ones are known.
        return EffectiveHistory(found, knownAt: knownAt).records
    }

    /// Whether the record `id` was corrected or retracted, and by what: decided, as for a full
    /// read, by `EffectiveHistory`, over the only records that can withdraw it, those correcting
    /// or retracting it or the record it corrects or retracts. Found by a scan of the lines (an id
    /// cannot hold a quote, and a quote inside a string is escaped, so the needles match exactly
    /// the members they spell) from the record's own line on: only a later record can withdraw
    /// it, or supersede the correction it is, so asking about a recent record reads little.
    public func withdrawal(of id: RecordID) -> RecordWithdrawal? {
        if let loadedLedger { return loadedLedger.withdrawal(of: id) }
        guard let record = record(id) else { return nil }
        let targets = [id] + [record.corrects, record.retracts].compactMap { $0 }
        let needles = targets.flatMap { [#""corrects":"\#($0)""#, #""retracts":"\#($0)""#] }.map { Array($0.utf8) }
        var start = 0
        if !tail.contains(where: { $0.id == id }), let row = (try? recordRow(id)) ?? nil, let (offset, _) = try? lineRange(row) {
            start = Int(offset)
        }
        var found = scanRecords(containingAnyOf: needles, from: start)
        if !found.contains(where: { $0.id == id }) { found.insert(record, at: 0) }
        return EffectiveHistory(found).withdrawal(of: id)
    }

    /// What the line of a correction or a retraction holds, and no other line: its member with
    /// the start of the target's id (a quote inside a string is escaped).
    static let correctsMember = Array(#""corrects":""#.utf8)
    static let retractsMember = Array(#""retracts":""#.utf8)

    /// The committed records whose lines contain one of `needles`, in ledger order; from the
    /// line at byte `offset` on (a line's start; earlier records may be among them too).
    func scanRecords(containingAnyOf needles: [[UInt8]], from offset: Int = 0) -> [Record] {
        guard let committed = try? CommittedLedger.open(ledgerPath), let mapped = committed.map() else {
            let all = (try? fullLedger().records) ?? []
            return all.filter { record in
                let line = Array(record.canonicalLine.utf8)
                return line.withUnsafeBufferPointer { bytes in needles.contains { bytes.contains($0) } }
            }
        }
        let bytes = mapped.bytes.bindMemory(to: UInt8.self)
        var found: [Record] = []
        var start = offset < bytes.count ? offset : 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if needles.contains(where: { line.contains($0) }), let record = Self.record(line: line) {
                found.append(record)
            }
            start = end + 1
        }
        withExtendedLifetime(mapped) {}
        return found
    }
}
