/// `sources` from the index: the lines of the records known then, read once in file order and
/// let go of as it goes, to learn which sources they cite and in what order the answer lists
/// them; then, source by source, the lines of its citing records read again and its entry made
/// and handed over. Only the records citing an admitted source are decoded (with a filter, those
/// whose line holds its bytes), and the corrections and retractions, which decide which of them
/// were withdrawn; neither the records nor the citations are ever held together.
extension IndexFile {
    public func sources(_ filter: SourceFilter, knownAt: TransactionTime) throws(QueryError) -> SourceCitations {
        var entries: [SourceCitations.Entry] = []
        try eachSourceEntry(filter, knownAt: knownAt) { entries.append($0); return true }
        return SourceCitations(entries: entries)
    }

    public func eachSourceEntry(_ filter: SourceFilter, knownAt: TransactionTime, _ body: (SourceCitations.Entry) -> Bool) throws(QueryError) {
        var handed = 0, going = true
        try answer(knownAt: knownAt, { (index, known) throws(IndexDamage) in
            try index.eachIndexedSourceEntry(filter, known: known, knownAt: knownAt) { entry in
                handed += 1
                going = body(entry)
                return going
            }
        }, full: { ledger in
            // The index proved damaged after `handed` entries: the rest from the ledger read in full.
            guard going else { return }
            var skipped = 0
            ledger.eachSourceEntry(filter, knownAt: knownAt) { entry in
                skipped += 1
                return skipped <= handed || body(entry)
            }
        })
    }

    private func eachIndexedSourceEntry(_ filter: SourceFilter, known: KnownRecords, knownAt: TransactionTime,
                                        _ body: (SourceCitations.Entry) -> Bool) throws(IndexDamage) {
        let needle = Self.needle(for: filter)
        var gathering = SourceCitations.Gathering(filter)
        // Every correction and retraction known, so that the withdrawn records are known.
        var withdrawing: [Record] = []
        func take(_ record: Record, at position: Int, cites: Bool) {
            if cites { gathering.add(record, at: position) }
            if record.corrects != nil || record.retracts != nil { withdrawing.append(record) }
        }
        let indexed = min(recordCount, Int(known.count))
        let read = try forEachLine(ofRows: 0..<indexed) { (row, line) throws(IndexDamage) in
            let cites = needle.map { line.contains($0) } ?? true
            guard cites || line.contains(Self.correctsMember) || line.contains(Self.retractsMember) else { return }
            take(try Self.record(line: line, row: row), at: row, cites: cites)
        }
        guard read else { throw IndexDamage("the ledger file could not be read") }
        // The tail's records are known only now (an earlier time with a tail is the folded
        // index's); they are placed after the rows.
        let tail = known == .now ? self.tail : []
        for (offset, record) in tail.enumerated() { take(record, at: recordCount + offset, cites: true) }
        let withdrawal = EffectiveHistory(withdrawing, knownAt: knownAt).withdrawal(of:)
        withdrawing = []

        let sources = gathering.ordered()
        // Each source's records, as the rows come: the tail's from memory, the others' lines read
        // in the order the answer needs them.
        var next = 0, citing: [Record] = [], going = true
        func handOver() {
            while going, next < sources.count {
                let positions = sources[next].positions
                while citing.count < positions.count, Int(positions[citing.count]) >= recordCount {
                    citing.append(tail[Int(positions[citing.count]) - recordCount])
                }
                guard citing.count == positions.count else { return }
                going = body(SourceCitations.Gathering.entry(sources[next].source, citedBy: citing, withdrawal: withdrawal))
                (next, citing) = (next + 1, [])
            }
        }
        handOver()
        let rows = sources.lazy.flatMap(\.positions).map(Int.init).filter { $0 < self.recordCount }
        let reread = try forEachLine(ofRows: rows) { (row, line) throws(IndexDamage) in
            guard going else { return }
            citing.append(try Self.record(line: line, row: row))
            handOver()
        }
        guard reread else { throw IndexDamage("the ledger file could not be read") }
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
