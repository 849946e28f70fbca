/// The documented words for a unit's `kind` and a record's `type`, each with what it means.
///
/// Both are open sets in the file format: a reader accepts any id there, so ledgers written with
/// other words (or before this list existed) stay valid. An *append* checks new records against
/// the vocabulary, because a misspelt `minstry` stored once is a wrong answer for ever; a word
/// that is not listed is refused with the nearest listed one, and is accepted only when the
/// vocabulary is extended for that append (`ledger append --allow-kind`, `--allow-type`).
///
/// ```swift
/// Vocabulary.standard.suggestion(forKind: "minstry")   // "ministry"
/// Vocabulary.standard.allowing(kinds: ["court"]).knowsKind("court")   // true
/// ```
public struct Vocabulary: Hashable, Sendable {
    /// A word and what it means.
    public struct Term: Hashable, Sendable {
        public var word: String
        public var meaning: String
    }

    /// Kinds of unit, in the order help lists them (roughly from the top of a government down).
    public static let unitKinds: [Term] = [
        Term(word: "government", meaning: "a government as a whole (Landesregierung, cabinet)"),
        Term(word: "chancellery", meaning: "a head of government's office (Staatskanzlei)"),
        Term(word: "ministry", meaning: "a ministry (Ministerium)"),
        Term(word: "authority", meaning: "an authority of its own, usually subordinate to a ministry (Landesamt, Behörde)"),
        Term(word: "department", meaning: "a department inside a ministry or authority (Abteilung)"),
        Term(word: "division", meaning: "a division inside a department (Referat)"),
        Term(word: "team", meaning: "a team, project group or staff unit (Stabsstelle)"),
        Term(word: "company", meaning: "a publicly owned company (GmbH, AöR)"),
        Term(word: "body", meaning: "any other body: a council, board, commission or association"),
    ]

    /// Kinds of record, in the order help lists them.
    public static let recordTypes: [Term] = [
        Term(word: "decision", meaning: "a decision: cabinet, ministry, parliament"),
        Term(word: "law", meaning: "a law or statute"),
        Term(word: "regulation", meaning: "a regulation, ordinance or decree (Verordnung, Erlass)"),
        Term(word: "concept", meaning: "a plan or concept (Konzept)"),
        Term(word: "report", meaning: "a report, audit or evaluation"),
        Term(word: "commission", meaning: "a commission or mandate given to someone (Auftrag)"),
        Term(word: "meeting", meaning: "a meeting and what it settled"),
        Term(word: "announcement", meaning: "an announcement or press release"),
        Term(word: "event", meaning: "anything else that happened"),
        Term(word: "baseline", meaning: "how things stood when the ledger starts, from the earliest source"),
        Term(word: "correction", meaning: "a record that corrects an earlier one (with corrects)"),
        Term(word: "retraction", meaning: "a record that retracts an earlier one (with retracts)"),
    ]

    /// The kinds an append accepts.
    public private(set) var kinds: Set<String>
    /// The record types an append accepts.
    public private(set) var types: Set<String>

    /// The documented words and nothing else.
    public static let standard = Vocabulary(kinds: Set(unitKinds.map(\.word)), types: Set(recordTypes.map(\.word)))

    public init(kinds: Set<String>, types: Set<String>) {
        self.kinds = kinds
        self.types = types
    }

    /// This vocabulary with more words, for an append that means to use them.
    public func allowing(kinds: [String] = [], types: [String] = []) -> Vocabulary {
        Vocabulary(kinds: self.kinds.union(kinds), types: self.types.union(types))
    }

    public func knowsKind(_ word: String) -> Bool { kinds.contains(word) }
    public func knowsType(_ word: String) -> Bool { types.contains(word) }

    /// The listed kind nearest to `word` (a typo, a prefix, a longer spelling), if one is near.
    public func suggestion(forKind word: String) -> String? { NearestName.of(word, among: kinds.sorted()) }
    /// The listed record type nearest to `word`, if one is near.
    public func suggestion(forType word: String) -> String? { NearestName.of(word, among: types.sorted()) }
}
