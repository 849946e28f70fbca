/// What `ledger search` finds: units by name, abbreviation or id (any name they ever had), tasks by
/// title or id, persons by name or id, records by title or id, matched as people type
/// (`TextFolding`) and ranked.
public struct SearchResults: Hashable, Sendable {
    /// One thing found.
    public struct Hit: Hashable, Sendable {
        public enum Kind: String, Hashable, Sendable, CaseIterable {
            case unit, task, person, record
        }

        public var kind: Kind
        public var id: String
        /// Its name or title now (or on `--at`): a unit's name, a task's or record's title, a
        /// person's name (their id where no record names them).
        public var label: String
        /// The text that matched, when it is not the label (an id, an abbreviation, a former name).
        public var matched: String?
        /// Higher is better: 100 the whole text, 80 its start, 60 the start of a word, 40 inside.
        public var score: Int
        /// When it existed: a unit from its establishment, a task from its definition, a person
        /// from their first office, a record on its date.
        public var from: ValidDate?
        /// The first day it no longer existed (a dissolved unit; a person without office), if so.
        public var until: ValidDate?

        public init(kind: Kind, id: String, label: String, matched: String? = nil, score: Int, from: ValidDate? = nil,
                    until: ValidDate? = nil) {
            self.kind = kind
            self.id = id
            self.label = label
            self.matched = matched
            self.score = score
            self.from = from
            self.until = until
        }
    }

    public var query: String
    /// The hits, best first, at most the limit asked for.
    public var hits: [Hit]
    /// How many matched in all.
    public var total: Int

    public init(query: String, hits: [Hit], total: Int) {
        self.query = query
        self.hits = hits
        self.total = total
    }
}

/// Matching and ranking, shared by every way of searching so they agree hit for hit.
struct SearchMatcher {
    let folded: [UInt8]
    private var scratch: [UInt8] = []

    /// Nil when the query folds to nothing (only spaces and punctuation): there is nothing to find.
    init?(_ query: String) {
        var folded: [UInt8] = []
        TextFolding.fold(Array(query.utf8), into: &folded)
        guard !folded.isEmpty else { return nil }
        self.folded = folded
    }

    /// How well the folded query matches `text` (UTF-8), or nil.
    mutating func score(_ text: some Collection<UInt8>) -> Int? {
        // Most texts do not match: an ASCII text without the query's first letter in either case
        // cannot, and is not folded at all.
        let first = folded[0], upper = first &- 0x61 < 26 ? first & 0xDF : first
        let cannot: Bool? = text.withContiguousStorageIfAvailable { buffer in
            for byte in buffer where byte == first || byte == upper || byte >= 0x80 { return false }
            return true
        }
        if cannot == true { return nil }
        TextFolding.fold(text, into: &scratch)
        let (hay, needle) = (scratch, folded)
        guard hay.count >= needle.count else { return nil }
        if hay == needle { return 100 }
        var best: Int?
        var start = 0
        while start + needle.count <= hay.count {
            guard let at = hay[start...(hay.count - needle.count)].firstIndex(of: first) else { break }
            if hay[at..<(at + needle.count)].elementsEqual(needle) {
                let score = at == 0 ? 80 : hay[at - 1] == 0x20 ? 60 : 40
                best = max(best ?? 0, score)
                if score >= 60 { break }
            }
            start = at + 1
        }
        return best
    }

    /// The best score of any of `texts`, with the text that gave it.
    mutating func best(of texts: [String]) -> (score: Int, text: String)? {
        var best: (Int, String)?
        for text in texts {
            if let score = score(text.utf8), score > (best?.0 ?? 0) { best = (score, text) }
        }
        return best
    }

    /// Best first: by score, then units, tasks, persons, records, then the shorter label (in
    /// UTF-8 bytes: counting Characters was most of a broad search), then id.
    static func ranked(_ hits: [SearchResults.Hit]) -> [SearchResults.Hit] {
        let order = Dictionary(uniqueKeysWithValues: SearchResults.Hit.Kind.allCases.enumerated().map { ($1, $0) })
        let keyed = hits.map { (hit: $0, kind: order[$0.kind]!, length: $0.label.utf8.count) }
        return keyed.sorted { a, b in
            if a.hit.score != b.hit.score { return a.hit.score > b.hit.score }
            if a.kind != b.kind { return a.kind < b.kind }
            if a.length != b.length { return a.length < b.length }
            return a.hit.id.utf8.lexicographicallyPrecedes(b.hit.id.utf8)
        }.map(\.hit)
    }
}

extension SearchResults {
    /// The results of `hits` for `query`, best first, cut to `limit`.
    static func of(_ query: String, hits: [Hit], limit: Int) -> SearchResults {
        let ranked = SearchMatcher.ranked(hits)
        return SearchResults(query: query, hits: Array(ranked.prefix(limit)), total: ranked.count)
    }
}

extension SearchMatcher {
    /// A unit's hit from its steps (day, state) in day order, or nil; with `day`, only a unit live then.
    mutating func unitHit(_ id: UnitID, steps: [(day: Int, state: UnitState)], on day: Int?) -> SearchResults.Hit? {
        guard let first = steps.first, let last = steps.last else { return nil }
        var current = last.state
        if let day {
            guard let then = steps.last(where: { $0.day <= day })?.state, !then.isDissolved else { return nil }
            current = then
        }
        var texts = [current.name, id]
        for step in steps.reversed() {
            texts.append(step.state.name)
            if let abbreviation = step.state.abbreviation { texts.append(abbreviation) }
        }
        guard let (score, text) = best(of: texts) else { return nil }
        let dissolved = steps.first(where: { $0.state.isDissolved })?.day
        return SearchResults.Hit(kind: .unit, id: id, label: current.name, matched: same(text, current.name) ? nil : text, score: score,
                                 from: first.state.established, until: dissolved.map(ValidDate.init(dayNumber:)))
    }

    /// A person's hit from the runs of their offices (each key's steps: day, in force), or nil;
    /// with `day`, only a person holding an office then.
    mutating func personHit(_ person: Person, offices: [[(day: Int, inForce: Bool)]], on day: Int?) -> SearchResults.Hit? {
        if let day {
            guard offices.contains(where: { $0.last(where: { $0.day <= day })?.inForce == true }) else { return nil }
        }
        guard let (score, text) = best(of: [person.displayName, person.id]) else { return nil }
        let from = offices.compactMap { $0.first(where: \.inForce)?.day }.min()
        let stillHeld = offices.contains { $0.last?.inForce == true }
        let until = stillHeld ? nil : offices.compactMap { $0.last?.day }.max()
        return SearchResults.Hit(kind: .person, id: person.id, label: person.displayName, matched: same(text, person.displayName) ? nil : text,
                                 score: score, from: from.map(ValidDate.init(dayNumber:)), until: until.map(ValidDate.init(dayNumber:)))
    }
}

extension Ledger {
    /// Units, tasks, persons and records matching `query` (see `SearchResults`), best first, at most
    /// `limit`; with `date`, only what existed then (units live, tasks defined, persons in office,
    /// records dated by then).
    ///
    /// ```swift
    /// let found = try ledger.search("thueringer finanz")
    /// found.hits.first?.id   // "tfm"
    /// ```
    public func search(_ query: String, at date: ValidDate?, limit: Int, knownAt: TransactionTime) throws(QueryError) -> SearchResults {
        guard var matcher = SearchMatcher(query) else { throw .emptySearch(query) }
        let index = try self.index(knownAt: knownAt)
        let day = date?.firstDay
        var hits: [SearchResults.Hit] = []
        for (id, timeline) in index.unitTimelines {
            let steps = zip(timeline.days, timeline.values).compactMap { day, state in state.map { (day: day, state: $0) } }
            if let hit = matcher.unitHit(id, steps: steps, on: day) { hits.append(hit) }
        }
        for (id, timeline) in index.taskTimelines {
            guard let firstDay = timeline.days.first, let task = timeline.last else { continue }
            if let day, timeline.value(on: day) == nil { continue }
            guard let (score, text) = matcher.best(of: [task.title, id]) else { continue }
            hits.append(SearchResults.Hit(kind: .task, id: id, label: task.title, matched: same(text, task.title) ? nil : text, score: score,
                                          from: ValidDate(dayNumber: firstDay), until: nil))
        }
        var offices: [PersonID: [[(day: Int, inForce: Bool)]]] = [:]
        for (key, timeline) in index.appointmentTimelines {
            offices[key.person, default: []].append(zip(timeline.days, timeline.values).map { ($0, $1 != nil) })
        }
        for person in personDirectory(knownAt: knownAt).all {
            if let hit = matcher.personHit(person, offices: offices[person.id] ?? [], on: day) { hits.append(hit) }
        }
        let known = knownAt == .distantFuture ? records : records.filter { $0.recorded <= knownAt }
        for record in known {
            if let day, record.date.firstDay > day { continue }
            guard let (score, text) = matcher.best(of: [record.title, record.id]) else { continue }
            hits.append(SearchResults.Hit(kind: .record, id: record.id, label: record.title, matched: same(text, record.title) ? nil : text,
                                          score: score, from: record.date, until: nil))
        }
        return SearchResults.of(query, hits: hits, limit: limit)
    }
}

extension LedgerQuerying {
    /// The ids of `kinds` nearest to an id the ledger does not know, for "did you mean …?": the
    /// search for its words (dropping words from the end until something is found), closest by
    /// edit distance first, at most `limit`.
    ///
    /// ```swift
    /// try ledger.suggestions(for: "ozg-beratung-komunen", kinds: [.task])   // ["ozg-beratung-kommunen"]
    /// ```
    public func suggestions(for id: String, kinds: Set<SearchResults.Hit.Kind>, limit: Int = 3) throws(QueryError) -> [String] {
        var words = TextFolding.fold(id).split(separator: " ")
        while !words.isEmpty {
            let hits = try search(words.joined(separator: " "), limit: 200).hits
                .filter { kinds.contains($0.kind) && $0.id != id }
            if !hits.isEmpty {
                let ranked = hits.map { (EditDistance.between(id, $0.id), $0.id) }.sorted { $0 < $1 }
                var seen = Set<String>()
                return Array(ranked.map(\.1).filter { seen.insert($0).inserted }.prefix(limit))
            }
            words.removeLast()
        }
        return []
    }
}

/// Whether two texts are the same bytes (not merely canonically equivalent, as `==` says): the
/// index compares bytes.
func same(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

/// Levenshtein distance over UTF-8 bytes, for ranking suggestions.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard !x.isEmpty else { return y.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in stride(from: 1, through: y.count, by: 1) {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
