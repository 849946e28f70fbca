/// The record format as data: every member of a record, of a source and of each change, with its
/// type, whether it is required and what it means.
///
/// One table, read by everything that tells an author the format, so they cannot disagree:
/// `ledger help format`, the JSON Schema (`ledger schema`, `docs/record.schema.json`), the
/// templates of `ledger new`, and the batch checks that name every missing member at once and
/// suggest the member an unknown one was meant to be. The decoders (`RecordBody(json:)`,
/// `Change(json:)`) are the reference; tests hold this table to them and to `docs/FORMAT.md`.
public enum RecordFormat {
    /// What a member holds.
    public enum ValueType: String, Hashable, Sendable {
        /// `[a-z0-9][a-z0-9.-]*`
        case id
        /// A non-blank string on one line.
        case line
        /// Any string; may span lines.
        case text
        /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or one the sources leave open (`2019?`, `2018-09-06..`).
        case date
        /// An absolute http or https URL (checked on append).
        case url
        /// An array of ids.
        case ids
        /// An array of sources.
        case sources
        /// An array of changes.
        case changes
        /// `partOf` or `subordinateTo`.
        case relation
        /// `fach`, `recht` or `dienst`.
        case supervisionKind
        /// An id from the unit kinds of `Vocabulary`.
        case unitKind
        /// An id from the record types of `Vocabulary`.
        case recordType

        /// How help names the type.
        public var words: String {
            switch self {
            case .id: "id"
            case .line: "line"
            case .text: "text"
            case .date: "date"
            case .url: "url"
            case .ids: "[id]"
            case .sources: "[source]"
            case .changes: "[change]"
            case .relation: "partOf|subordinateTo"
            case .supervisionKind: "fach|recht|dienst"
            case .unitKind: "kind"
            case .recordType: "type"
            }
        }
    }

    /// One member of an object.
    public struct Field: Hashable, Sendable {
        public var name: String
        public var type: ValueType
        public var isRequired: Bool
        public var meaning: String

        init(_ name: String, _ type: ValueType, required: Bool = false, _ meaning: String) {
            self.name = name
            self.type = type
            self.isRequired = required
            self.meaning = meaning
        }
    }

    /// One operation of `changes`, with its members in the order they are decoded (`op` aside).
    public struct Operation: Hashable, Sendable {
        public var op: String
        public var meaning: String
        public var fields: [Field]
    }

    /// A record's members as an author writes them, in the order they are decoded.
    public static let recordFields: [Field] = [
        Field("id", .id, required: true, "the record's identifier, unique in the ledger, such as 2021-03-10-cabinet-egov"),
        Field("date", .date, required: true, "when the decision was taken or the event happened"),
        Field("effective", .date, "when its changes take effect, if later than date"),
        Field("type", .recordType, required: true, "what the record is (see the record types)"),
        Field("title", .line, required: true, "a title, in the sources' language"),
        Field("actor", .id, "the unit that decided or acted"),
        Field("note", .text, "modelling choices and uncertainty; may span lines"),
        Field("about", .ids, "units and tasks the record concerns beyond those its changes name"),
        Field("sources", .sources, required: true, "where the facts come from: at least one source"),
        Field("changes", .changes, "what changes, in order, all or nothing; absent means none"),
        Field("corrects", .id, "an earlier record whose changes this one replaces"),
        Field("retracts", .id, "an earlier record whose changes this one withdraws (a retraction has no changes)"),
    ]

    /// The members `append` fills in, which an author leaves out.
    public static let chainFields = ["seq", "recorded", "prev", "hash"]

    /// A source's members.
    public static let sourceFields: [Field] = [
        Field("title", .line, required: true, "the source's own title, in its language"),
        Field("url", .url, "where it can be read: an absolute http or https URL"),
        Field("published", .date, "when it was published, with the precision it states"),
        Field("seed", .line, "the name of a file holding the source's text"),
    ]

    /// Every operation, in the order `Change.knownOps` lists them.
    public static let operations: [Operation] = [
        Operation(op: "establishUnit", meaning: "a new unit; ids are never reused", fields: [
            Field("unit", .id, required: true, "the new unit's id"),
            Field("name", .line, required: true, "its name"),
            Field("kind", .unitKind, required: true, "what kind of unit it is (see the unit kinds)"),
            Field("parent", .id, "the unit it hangs under; none for a root such as a government"),
            Field("relation", .relation, "partOf (inside the parent; the default) or subordinateTo (a body of its own in the parent's portfolio)"),
            Field("abbreviation", .line, "its abbreviation"),
        ]),
        Operation(op: "renameUnit", meaning: "a new name; the abbreviation after it is the one given (write \"abbreviation\": null to remove one)", fields: [
            Field("unit", .id, required: true, "the unit"),
            Field("name", .line, required: true, "its new name"),
            Field("abbreviation", .line, "its abbreviation after the rename: repeat it to keep it"),
        ]),
        Operation(op: "moveUnit", meaning: "a unit hung under another parent", fields: [
            Field("unit", .id, required: true, "the unit"),
            Field("parent", .id, required: true, "its new parent"),
            Field("relation", .relation, "partOf or subordinateTo; without it the unit keeps its relation"),
            Field("kind", .unitKind, "its new kind, if that changes too"),
        ]),
        Operation(op: "dissolveUnit", meaning: "a unit dissolved: it must have no live sub-units and hold no tasks", fields: [
            Field("unit", .id, required: true, "the unit"),
            Field("successor", .id, "the unit that takes over"),
        ]),
        Operation(op: "defineTask", meaning: "a new task, held by nobody yet", fields: [
            Field("task", .id, required: true, "the new task's id"),
            Field("title", .line, required: true, "what the task is"),
            Field("leika", .line, "a catalogue reference, such as a LeiKa key"),
        ]),
        Operation(op: "assignTask", meaning: "a task nobody holds given to a unit", fields: [
            Field("task", .id, required: true, "the task"),
            Field("unit", .id, required: true, "the unit that holds it from now"),
        ]),
        Operation(op: "transferTask", meaning: "a task moved from its holder to another unit", fields: [
            Field("task", .id, required: true, "the task"),
            Field("from", .id, required: true, "the unit holding it now"),
            Field("to", .id, required: true, "the unit holding it from now"),
        ]),
        Operation(op: "revokeTask", meaning: "a task taken from its holder; nobody holds it", fields: [
            Field("task", .id, required: true, "the task"),
            Field("unit", .id, required: true, "the unit holding it now"),
        ]),
        Operation(op: "setSupervision", meaning: "a supervisor's oversight of a unit begins", fields: [
            Field("kind", .supervisionKind, required: true, "fach (how tasks are done), recht (legality only) or dienst (staff and organisation)"),
            Field("supervisor", .id, required: true, "the supervising unit"),
            Field("unit", .id, required: true, "the supervised unit"),
            Field("task", .id, "only for this task; without it, general"),
        ]),
        Operation(op: "endSupervision", meaning: "a supervision in force ends", fields: [
            Field("kind", .supervisionKind, required: true, "as in setSupervision"),
            Field("supervisor", .id, required: true, "the supervising unit"),
            Field("unit", .id, required: true, "the supervised unit"),
            Field("task", .id, "as in setSupervision"),
        ]),
        Operation(op: "appoint", meaning: "a person takes an office in a unit", fields: [
            Field("person", .id, required: true, "the person's id"),
            Field("role", .line, required: true, "the office: Minister, Staatssekretär, CIO, …"),
            Field("unit", .id, required: true, "the unit"),
            Field("name", .line, "the person's name as the sources write it (with diacritics), given once: the first appoint of a person that has one names them in every answer"),
        ]),
        Operation(op: "endAppointment", meaning: "a person leaves an office", fields: [
            Field("person", .id, required: true, "the person's id"),
            Field("role", .line, required: true, "the office"),
            Field("unit", .id, required: true, "the unit"),
        ]),
    ]

    /// The operation called `op`.
    public static func operation(_ op: String) -> Operation? { operations.first { $0.op == op } }
}
