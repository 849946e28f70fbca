/// A correction to fill in (`ledger correct ID`): `corrects` set, the type, title, actor and
/// `about` of the record it replaces, and the changes in force, so the author edits what was
/// wrong instead of retyping what was right. The id, date and sources are placeholders (a
/// correction is a record of its own, dated and cited as the sources say), which are never valid
/// values: a template appended unchanged is refused, not stored.
///
/// The changes in force are the record's own, unless it was corrected already: then those of
/// its latest correction, which the new one replaces (`remark` says so). A retracted record's
/// own changes are offered, which the correction brings back. A correction of a correction
/// corrects the same record, as its latest correction (of several, the latest counts).
///
/// ```swift
/// let ledger = try Ledger.open(path: "events/ledger.jsonl")
/// let template = try CorrectionTemplate(correcting: "2020-12-kabinett-angliederung-kv40", in: ledger)
/// print(template.text)   // {"id": "<id: …>", …, "corrects": "2020-12-kabinett-angliederung-kv40", "changes": [6 changes]}
/// ```
public struct CorrectionTemplate: Hashable, Sendable {
    /// Why no correction could be started.
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// No record has this id.
        case unknownRecord(RecordID)
        /// The record is a retraction: it has no changes to correct, and correcting it would not
        /// bring back what it withdrew.
        case retraction(RecordID, retracts: RecordID)

        public var description: String {
            switch self {
            case .unknownRecord(let id): QueryError.unknownRecord(id).description
            case let .retraction(id, target):
                "'\(id)' is a retraction of '\(target)' and has no changes to correct; to bring back the changes of '\(target)', correct that record: 'ledger correct \(target)'"
            }
        }
    }

    /// The record the correction corrects (`corrects`).
    public var corrects: RecordID
    /// The record whose changes it starts from: `corrects` itself, or its latest correction.
    public var changesFrom: RecordID
    /// How `corrects` was withdrawn already (corrected or retracted), if it was.
    public var withdrawal: RecordWithdrawal?
    /// What the author should know before editing, when the changes are not simply those of the
    /// record asked about (it was corrected or retracted, or is itself a correction); nil if they are.
    public var remark: String?
    /// The template, members in the order an author reads them (`AuthorJSON`).
    public var json: JSONValue

    /// The template as text, ready to be saved, edited and appended.
    public var text: String { AuthorJSON.string(of: json, expanding: 2) }

    /// A correction of the record `id` of `ledger`, pre-filled with the changes in force.
    public init(correcting id: RecordID, in ledger: some LedgerQuerying) throws(Failure) {
        guard let record = ledger.record(id) else { throw .unknownRecord(id) }
        if let target = record.retracts { throw .retraction(id, retracts: target) }
        if let target = record.corrects, let original = ledger.record(target) {
            // Correct the record it corrects: then this one is simply its latest correction.
            self = try CorrectionTemplate(correcting: original.id, in: ledger)
            let replaced = "'\(id)' is a correction of '\(target)': this correction corrects '\(target)' too, and replaces '\(id)' (of several corrections of a record, the latest counts)"
            remark = [replaced, remark].compactMap { $0 }.joined(separator: "; ")
            return
        }
        let withdrawal = ledger.withdrawal(of: id)
        var inForce = record
        var remark: String?
        if let withdrawal, let by = ledger.record(withdrawal.by) {
            switch withdrawal.kind {
            case .corrected:
                inForce = by
                remark = "'\(id)' was corrected by '\(by.id)' (recorded \(by.recorded)): the changes below are those of '\(by.id)', in force now, which this correction replaces"
            case .retracted:
                remark = "'\(id)' was retracted by '\(by.id)' (recorded \(by.recorded)), so its changes do not count now: appending this correction brings back the changes below (those of '\(id)'); edit them to what holds"
            }
        }
        self.corrects = id
        self.changesFrom = inForce.id
        self.withdrawal = withdrawal
        self.remark = remark
        self.json = Self.template(correcting: record, from: inForce)
    }

    /// The members: placeholders for what the author must write anew, the rest carried over from
    /// `inForce` (the record itself, or its latest correction).
    private static func template(correcting record: Record, from inForce: Record) -> JSONValue {
        let effective = inForce.effective.map { "'\(inForce.id)' says \($0)" } ?? "'\(inForce.id)' has none"
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string("<id: this correction's own id, new in the ledger, such as \(record.id)-corrected>")),
            ("date", .string("<date: when it was decided or happened, as the sources say, YYYY-MM-DD (or YYYY-MM, YYYY); '\(inForce.id)' says \(inForce.date)>")),
            ("effective", .string("<optional date: when the changes take effect, if later than date (\(effective)); else remove this line>")),
            ("type", .string(inForce.type.rawValue)),
            ("title", .string(inForce.title)),
        ]
        if let actor = inForce.actor { members.append(("actor", .string(actor))) }
        members.append(("note", .string("<optional text: what was wrong in '\(record.id)' and what the sources say instead; else remove this line>")))
        if let about = inForce.about { members.append(("about", .array(about.map(JSONValue.string)))) }
        // One line, as the changes are: the source that shows what was wrong (a seed may be added).
        members.append(("sources", .array([.object([
            ("title", .string("<line: the title of the source that shows what holds>")),
            ("url", .string("<optional url: https://…; else remove it>")),
            ("published", .string("<optional date; else remove it>")),
        ])])))
        members.append(("corrects", .string(record.id)))
        members.append(("changes", .array(inForce.changes.map(\.json))))
        return .object(members)
    }
}
