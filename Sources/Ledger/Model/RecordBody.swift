/// What an author writes: a record's content without the fields the ledger fills in on append
/// (`seq`, `recorded`, `prev`, `hash`).
public struct RecordBody: Hashable, Sendable {
    public var id: RecordID
    /// When the decision or event happened.
    public var date: ValidDate
    /// When its changes take effect, if not on `date`.
    public var effective: ValidDate?
    public var type: RecordType
    public var title: String
    public var actor: UnitID?
    public var note: String?
    /// Units and tasks the record concerns beyond those its changes name.
    public var about: [String]?
    public var sources: [Source]
    public var changes: [Change]
    public var corrects: RecordID?
    public var retracts: RecordID?

    public init(
        id: RecordID, date: ValidDate, effective: ValidDate? = nil, type: RecordType, title: String,
        actor: UnitID? = nil, note: String? = nil, about: [String]? = nil, sources: [Source] = [],
        changes: [Change] = [], corrects: RecordID? = nil, retracts: RecordID? = nil
    ) {
        self.id = id
        self.date = date
        self.effective = effective
        self.type = type
        self.title = title
        self.actor = actor
        self.note = note
        self.about = about
        self.sources = sources
        self.changes = changes
        self.corrects = corrects
        self.retracts = retracts
    }

    /// The valid date its changes take effect: `effective`, else `date`.
    public var effectiveDate: ValidDate { effective ?? date }
}
