/// Every source the ledger cites, with the records that cite it: "what rests on this source?".
public struct SourceCitations: Hashable, Sendable {
    /// A record citing a source.
    public struct Citation: Hashable, Sendable {
        public var record: RecordID
        public var type: RecordType
        public var title: String
        public var date: ValidDate
        /// The units and tasks its changes set and its `about` names: what the source supports.
        public var concerns: [String]
        /// The correction or retraction that withdrew the record, if one did (as known then).
        public var withdrawnBy: RecordID?
        public var withdrawal: EntityHistory.Withdrawal?

        public init(record: RecordID, type: RecordType, title: String, date: ValidDate, concerns: [String],
                    withdrawnBy: RecordID? = nil, withdrawal: EntityHistory.Withdrawal? = nil) {
            self.record = record
            self.type = type
            self.title = title
            self.date = date
            self.concerns = concerns
            self.withdrawnBy = withdrawnBy
            self.withdrawal = withdrawal
        }
    }

    /// One source (all its fields as cited) and the records citing it, by date.
    public struct Entry: Hashable, Sendable {
        public var source: Source
        public var citations: [Citation]

        public init(source: Source, citations: [Citation]) {
            self.source = source
            self.citations = citations
        }
    }

    /// By title, then URL, then seed.
    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }
}

/// Which sources a `sources` question asks about; nil members do not filter.
public struct SourceFilter: Hashable, Sendable {
    /// Sources with exactly this URL.
    public var url: String?
    /// Sources whose seed file is this, or begins with it (`000` for `000_1c169ab73f7c4fcb.txt`).
    public var seed: String?

    public init(url: String? = nil, seed: String? = nil) {
        self.url = url
        self.seed = seed
    }

    func admits(_ source: Source) -> Bool {
        if let url, source.url != url { return false }
        if let seed, !(source.seed?.hasPrefix(seed) ?? false) { return false }
        return true
    }
}

extension SourceCitations {
    /// The answer in two steps, so that it is never held whole: first which sources the records
    /// handed over in ledger order cite (`add`) and their order (`ordered`), then each source's
    /// entry made from its records alone (`entry`). One way to make the answer, whether the
    /// records come from memory (`Ledger`) or are read one line at a time (`IndexFile`, which
    /// reads each source's records again as its entry is written: at 10⁶ records every citation
    /// held at once is over a gigabyte).
    struct Gathering {
        let filter: SourceFilter
        private var order: [Source] = []
        private var places: [Source: Int] = [:]
        /// Where each source's citing records are, in the order handed over: what `add` was given
        /// as `at` (a row of the ledger, a place in a list).
        private var citing: [[Int32]] = []

        init(_ filter: SourceFilter) { self.filter = filter }

        /// Notes which sources the filter admits `record` (at `position`) cites.
        mutating func add(_ record: Record, at position: Int) {
            var admitted: [Int] = []
            for source in record.sources where filter.admits(source) {
                let place: Int
                if let known = places[source] {
                    place = known
                } else {
                    place = order.count
                    places[source] = place
                    order.append(source)
                    citing.append([])
                }
                // A record citing a source twice cites it once.
                guard !admitted.contains(place) else { continue }
                admitted.append(place)
                citing[place].append(Int32(position))
            }
        }

        /// The sources by title, URL and seed, each with the positions of its citing records;
        /// the gathering is emptied, so they are not held twice.
        mutating func ordered() -> [(source: Source, positions: [Int32])] {
            // Places sorted, not the sources: moving a source is four strings' worth of reference counting.
            let sorted = order.indices.sorted { a, b in
                let (x, y) = (order[a], order[b])
                return (x.title, x.url ?? "", x.seed ?? "") < (y.title, y.url ?? "", y.seed ?? "")
            }
            defer { (order, places, citing) = ([], [:], []) }
            return sorted.map { (order[$0], citing[$0]) }
        }

        /// The entry of `source`, cited by `records` (in ledger order): by date (ledger order
        /// within a date), withdrawn records marked as `withdrawal` says.
        static func entry(_ source: Source, citedBy records: [Record], withdrawal: (RecordID) -> RecordWithdrawal?) -> Entry {
            let citations = records.enumerated().sorted { a, b in
                a.element.date != b.element.date ? a.element.date < b.element.date : a.offset < b.offset
            }.map { _, record in
                let withdrawn = withdrawal(record.id)
                return Citation(record: record.id, type: record.type, title: record.title, date: record.date,
                                concerns: Array(Set(record.changes.flatMap(\.subjects) + (record.about ?? []))).sorted(),
                                withdrawnBy: withdrawn?.by, withdrawal: withdrawn?.kind)
            }
            return Entry(source: source, citations: citations)
        }
    }
}

extension Ledger {
    /// Every source cited by the records known at `knownAt`, with the records citing it (withdrawn
    /// ones marked), narrowed by `filter`.
    ///
    /// ```swift
    /// let cited = ledger.sources(SourceFilter(seed: "003"))
    /// cited.entries.first?.citations.map(\.record)   // the records resting on the TLVwA's page
    /// ```
    public func sources(_ filter: SourceFilter = SourceFilter(), knownAt: TransactionTime = .distantFuture) -> SourceCitations {
        var entries: [SourceCitations.Entry] = []
        eachSourceEntry(filter, knownAt: knownAt) { entries.append($0); return true }
        return SourceCitations(entries: entries)
    }

    /// The entries of `sources(filter, knownAt:)`, handed to `body` in their order until it
    /// returns false.
    public func eachSourceEntry(_ filter: SourceFilter, knownAt: TransactionTime, _ body: (SourceCitations.Entry) -> Bool) {
        let known = knownAt == .distantFuture ? records : records.filter { $0.recorded <= knownAt }
        let effective = knownAt == .distantFuture ? history : EffectiveHistory(records, knownAt: knownAt)
        var gathering = SourceCitations.Gathering(filter)
        for (position, record) in known.enumerated() { gathering.add(record, at: position) }
        for (source, positions) in gathering.ordered() {
            let entry = SourceCitations.Gathering.entry(source, citedBy: positions.map { known[Int($0)] }, withdrawal: effective.withdrawal(of:))
            guard body(entry) else { return }
        }
    }
}
