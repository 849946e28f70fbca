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
    /// Gathers the citations of records handed over in ledger order, then marks the withdrawn
    /// ones and sorts them: one way to make the answer, whether the records come from memory
    /// (`Ledger`) or are read one line at a time (`IndexFile`).
    struct Gathering {
        let filter: SourceFilter
        private var order: [Source] = []
        private var citations: [Source: [Citation]] = [:]

        init(_ filter: SourceFilter) { self.filter = filter }

        /// Adds `record`'s citations of the sources the filter admits.
        mutating func add(_ record: Record) {
            let admitted = Set(record.sources).filter(filter.admits)
            guard !admitted.isEmpty else { return }
            let concerns = Array(Set(record.changes.flatMap(\.subjects) + (record.about ?? []))).sorted()
            for source in admitted {
                if citations[source] == nil { order.append(source) }
                citations[source, default: []].append(Citation(record: record.id, type: record.type, title: record.title,
                                                               date: record.date, concerns: concerns))
            }
        }

        /// The sources by title, URL and seed, each one's citations by date (ledger order within a
        /// date), withdrawn records marked as `withdrawal` says.
        /// Each source's citations leave the gathering as its entry is made, so they are not held
        /// twice.
        mutating func answer(withdrawal: (RecordID) -> RecordWithdrawal?) -> SourceCitations {
            // Places sorted, not the sources: moving a source is four strings' worth of reference counting.
            let sorted = order.indices.sorted { a, b in
                let (x, y) = (order[a], order[b])
                return (x.title, x.url ?? "", x.seed ?? "") < (y.title, y.url ?? "", y.seed ?? "")
            }
            let entries = sorted.map { place in
                let source = order[place]
                return SourceCitations.Entry(source: source, citations: citations.removeValue(forKey: source)!.enumerated().sorted { a, b in
                    a.element.date != b.element.date ? a.element.date < b.element.date : a.offset < b.offset
                }.map { _, citation in
                    var citation = citation
                    let withdrawn = withdrawal(citation.record)
                    (citation.withdrawnBy, citation.withdrawal) = (withdrawn?.by, withdrawn?.kind)
                    return citation
                })
            }
            return SourceCitations(entries: entries)
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
        let known = knownAt == .distantFuture ? records : records.filter { $0.recorded <= knownAt }
        let effective = knownAt == .distantFuture ? history : EffectiveHistory(records, knownAt: knownAt)
        var gathering = SourceCitations.Gathering(filter)
        for record in known { gathering.add(record) }
        return gathering.answer(withdrawal: effective.withdrawal(of:))
    }
}
