import ArgumentParsing
import Ledger

/// The commands that start a ledger of one's own and tell its format: `init`, `new`, `correct`,
/// `schema`, and the help topic `format`.
extension CommandTree {
    static let helpTopics = [
        HelpTopic(name: "format", abstract: "The record format: every field of a record, a source and each operation.",
                  text: { RecordFormat.reference }),
    ]

    static let initialize = CommandSpec(
        name: "init",
        abstract: "Create an empty ledger file.",
        discussion: """
            Creates the file (and any missing directories leading to it) and nothing else; an \
            existing file is never touched. Every other command refuses a ledger path where there \
            is no file, so a mistyped --ledger is an error, not an empty ledger.
            """,
        arguments: [ArgumentSpec(
            name: "path", help: "Where to create the ledger; defaults to --ledger, else $LEDGER, else events/ledger.jsonl.",
            isOptional: true)],
        examples: ["ledger init", "ledger init my-land/ledger.jsonl"])

    static let new = CommandSpec(
        name: "new",
        abstract: "Print a record to fill in, for ledger append.",
        discussion: """
            Every member a record of TYPE may have, in order, each value a placeholder that says             what belongs there; one change per operation named. Remove the optional members you             do not need, fill in the rest, save it and append it (try --dry-run first). An             unfilled placeholder is refused, never stored. 'ledger help format' explains every member.
            """,
        arguments: [
            ArgumentSpec(name: "type", help: "A record type (decision, law, report, baseline, correction, retraction, …), or an operation for a decision making that change."),
            ArgumentSpec(name: "operations", help: "Operations to add a change for: establishUnit, assignTask, …", isOptional: true, isRepeating: true),
        ],
        examples: ["ledger new decision establishUnit defineTask assignTask > decision.json", "ledger new retraction"])

    static let correct = CommandSpec(
        name: "correct",
        abstract: "Print a correction of a record to fill in, pre-filled with its changes.",
        discussion: """
            A record is never edited: a later record corrects it. This prints one that does, with \
            "corrects": RECORD-ID, the record's type, title, actor and about, and the changes in \
            force: the record's own, or, if it was corrected already, those of its latest \
            correction (which the new one replaces; said on standard error, as for a retracted \
            record). Fill in the id, date and sources, make the changes what the sources say, save \
            it and append it: try --dry-run first, which shows every answer that changes and for \
            which valid dates. To withdraw a record's changes altogether, write a retraction \
            instead ('ledger new retraction'): a correction without changes is refused.
            """,
        arguments: [ArgumentSpec(name: "record-id", help: "The record to correct, such as 2020-12-kabinett-angliederung-kv40.")],
        examples: ["ledger correct 2020-12-kabinett-angliederung-kv40 > fix.json", "ledger append fix.json --dry-run"])

    static let schema = CommandSpec(
        name: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of a record, for editors.",
        discussion: "The same as docs/record.schema.json in the repository. It checks one record's members, types and words; the rules that need the ledger are checked by ledger append --dry-run.",
        examples: ["ledger schema > record.schema.json"])

    static let head = CommandSpec(
        name: "head",
        abstract: "Print the hash of the ledger's last record, for --expect-head.",
        discussion: """
            The head names the ledger's whole history: keep it somewhere the ledger's writers             cannot reach, and 'ledger verify --expect-head HEAD' shows later whether that history             is still the ledger's. With --format json, also the number of records and the last             record's id and time. An empty ledger's head is 64 zeros.
            """,
        options: [format(["text", "json"])],
        examples: ["ledger head", "ledger append decision.json --expect-head \"$(ledger head)\""])

    static let timeline = CommandSpec(
        name: "timeline",
        abstract: "Show a task's holders or a unit's places over time, period by period.",
        discussion: """
            For a task: each period in which its holder and the holder's path up to the root             stayed the same (so a move of the holder to another ministry starts a new period);             for a unit: each period in which its name, kind, parent and path stayed the same.             Every period names the record that began it.
            """,
        arguments: [ArgumentSpec(name: "id", help: "A task or unit id.")],
        options: [knownAt, format(["text", "json"])],
        examples: ["ledger timeline ozg-beratung-kommunen", "ledger timeline kv40 --format json"])
}
