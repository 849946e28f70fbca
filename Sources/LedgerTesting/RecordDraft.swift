import Ledger

/// A record written in Swift, before the ledger seals it: what an author hands to `ledger
/// append`, with every field a test need not care about defaulted. Written mostly through
/// `Decision`, `Baseline`, `Correction` and `Retraction`; this type takes any record type.
///
/// ```swift
/// RecordDraft("2018-kienbaum", type: RecordType(rawValue: "report"), on: "2018-09-06", title: "Kienbaum-Gutachten")
/// ```
public struct RecordDraft: RecordWriting, Hashable {
    /// The body as it is appended: `seq`, `recorded`, `prev` and `hash` are the ledger's to fill in.
    public var body: RecordBody
    /// The renames (by index into the changes) that remove the unit's abbreviation.
    public var abbreviationRemovals: Set<Int>
    /// When the record is recorded, if the test sets it (for questions "as known at"); otherwise
    /// the scenario's clock decides.
    public var recorded: TransactionTime?

    /// A record of `type`. The title defaults to the id, the sources to `Source.writtenInATest`.
    public init(_ id: RecordRef, type: RecordType, on date: ValidDate, effective: ValidDate? = nil, title: String? = nil,
                actor: UnitRef? = nil, note: String? = nil, about: [String]? = nil, sources: [Source] = [.writtenInATest],
                corrects: RecordRef? = nil, retracts: RecordRef? = nil, recorded: TransactionTime? = nil,
                @ChangesBuilder changes: () -> [any ChangeWriting] = { [] }) {
        let written = changes()
        body = RecordBody(id: id.id, date: date, effective: effective, type: type, title: title ?? id.id, actor: actor?.id, note: note,
                          about: about, sources: sources, changes: written.map(\.change), corrects: corrects?.id, retracts: retracts?.id)
        abbreviationRemovals = Set(written.indices.filter { written[$0].removesAbbreviation })
        self.recorded = recorded
    }

    /// Itself.
    public var draft: RecordDraft { self }

    /// The record as an author writes it for `ledger append`: the body's JSON, with
    /// `"abbreviation": null` in the renames that remove one.
    public var json: JSONValue {
        guard !abbreviationRemovals.isEmpty, case .object(var members) = body.json,
              let at = members.firstIndex(where: { $0.key == "changes" }), case .array(var changes) = members[at].value
        else { return body.json }
        for index in abbreviationRemovals where changes.indices.contains(index) {
            guard case .object(var change) = changes[index] else { continue }
            change.removeAll { $0.key == "abbreviation" }
            change.append(("abbreviation", .null))
            changes[index] = .object(change)
        }
        members[at].value = .array(changes)
        return .object(members)
    }
}

/// Something that writes a record: `Decision`, `Baseline`, `Correction`, `Retraction`, or a
/// `RecordDraft` of any type.
public protocol RecordWriting: Sendable {
    /// The record as written.
    var draft: RecordDraft { get }
}

/// Collects records written as a block, one per line, in ledger order:
///
/// ```swift
/// given {
///     Baseline("2017-stand", on: "2017-01-01") { Establish("tfm", "Finanzministerium", kind: .ministry) }
///     Decision("2017-kabinett", on: "2017-09-26") { DefineTask("ozg"); Assign("ozg", to: "tfm") }
/// }
/// ```
@resultBuilder
public enum RecordsBuilder {
    public static func buildExpression(_ record: some RecordWriting) -> [RecordDraft] { [record.draft] }
    public static func buildExpression(_ records: [any RecordWriting]) -> [RecordDraft] { records.map(\.draft) }
    public static func buildBlock(_ parts: [RecordDraft]...) -> [RecordDraft] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [RecordDraft]?) -> [RecordDraft] { part ?? [] }
    public static func buildEither(first part: [RecordDraft]) -> [RecordDraft] { part }
    public static func buildEither(second part: [RecordDraft]) -> [RecordDraft] { part }
    public static func buildArray(_ parts: [[RecordDraft]]) -> [RecordDraft] { parts.flatMap { $0 } }
}

extension Source {
    /// The source a record written in a test cites unless it names its own: every record must
    /// cite one, and a test seldom has one to cite.
    public static let writtenInATest = Source(title: "Written in a test")
}
