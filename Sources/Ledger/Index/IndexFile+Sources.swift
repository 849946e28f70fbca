/// `sources` from the index: the lines of the records known then, read once in file order and
/// let go of as it goes. Only the records citing an admitted source are decoded (with a filter,
/// those whose line holds its bytes), and the corrections and retractions, which decide which of
/// them were withdrawn; the records are never held together.
extension IndexFile {
    public func sources(_ filter: SourceFilter, knownAt: TransactionTime) throws(QueryError) -> SourceCitations {
        try answer(knownAt: knownAt, { (index, known) throws(IndexDamage) in try index.indexedSources(filter, known: known, knownAt: knownAt) },
                   full: { ledger in ledger.sources(filter, knownAt: knownAt) })
    }

    private func indexedSources(_ filter: SourceFilter, known: KnownRecords, knownAt: TransactionTime) throws(IndexDamage) -> SourceCitations {
        let needle = Self.needle(for: filter)
        var gathering = SourceCitations.Gathering(filter)
        // Every correction and retraction known, so that the withdrawn records are known.
        var withdrawing: [Record] = []
        func take(_ record: Record, cites: Bool) {
            if cites { gathering.add(record) }
            if record.corrects != nil || record.retracts != nil { withdrawing.append(record) }
        }
        let read = try forEachLine(ofRows: 0..<min(recordCount, Int(known.count))) { (row, line) throws(IndexDamage) in
            let cites = needle.map { line.contains($0) } ?? true
            guard cites || line.contains(Self.correctsMember) || line.contains(Self.retractsMember) else { return }
            let record = try Self.record(line: line, row: row)
            take(record, cites: cites)
        }
        guard read else { throw IndexDamage("the ledger file could not be read") }
        // The tail's records are known only now (an earlier time with a tail is the folded index's).
        if known == .now {
            for record in tail { take(record, cites: true) }
        }
        return gathering.answer(withdrawal: EffectiveHistory(withdrawing, knownAt: knownAt).withdrawal(of:))
    }

    /// Bytes every line citing a source the filter admits holds (the lines are in canonical form,
    /// which writes a string's characters one by one), so the others need not be decoded; nil
    /// when every line must be (no filter, or one beyond ASCII, which `String` compares by
    /// canonical equivalence, not by bytes).
    private static func needle(for filter: SourceFilter) -> [UInt8]? {
        if let url = filter.url {
            guard url.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            return Array(#""url":"#.utf8) + CanonicalJSON.bytes(of: .string(url))
        }
        if let seed = filter.seed {
            guard seed.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            // The string without its closing quote: the seed may go on.
            return Array(#""seed":"#.utf8) + CanonicalJSON.bytes(of: .string(seed)).dropLast()
        }
        return nil
    }
}
