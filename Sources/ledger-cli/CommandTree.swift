import ArgumentParsing
import Ledger

/// The command line as data: every command, argument and option `ledger` accepts, with the help
/// text it prints.
enum CommandTree {
    static let version = "0.1.0"

    static let ledgerOption = OptionSpec(
        name: "ledger", valueName: "path",
        help: "The ledger file. Defaults to $LEDGER, else events/ledger.jsonl.")

    static func at(_ what: String = "The valid date to answer for: YYYY, YYYY-MM or YYYY-MM-DD.") -> OptionSpec {
        OptionSpec(name: "at", valueName: "date", help: what, defaultValue: "today")
    }

    static let knownAt = OptionSpec(
        name: "known-at", valueName: "time",
        help: "Answer as the ledger knew it then: an RFC 3339 time or a date (its end, UTC).",
        defaultValue: "now")

    static func format(_ values: [String], default value: String = "text") -> OptionSpec {
        OptionSpec(name: "format", valueName: "format", help: "Output format.", defaultValue: value, allowedValues: values)
    }

    static let root = CommandSpec(
        name: "ledger",
        abstract: "An append-only, hash-chained ledger of administrative reorganisations.",
        discussion: """
            Records each cabinet decision once, with its sources, and rebuilds from them the org \
            chart and the responsibility map at any date.
            """,
        subcommands: [
            initialize, new, correct, schema, head, responsible, timeline, orgchart, responsibilities, units, tasks, offices, history, diff,
            show, search, sources, append, verify, repair, export, generate,
        ],
        examples: [
            "ledger responsible ozg-beratung-kommunen --at 2020-06-30",
            "ledger orgchart --at 2021-01-01 --root tfm",
            "ledger history kv40",
        ])

    static let responsible = CommandSpec(
        name: "responsible",
        abstract: "Show who was responsible for a task on a date.",
        discussion: """
            Names the unit holding the task, its path up to the government, the supervision in \
            force over it and the offices held along the path, with the record that gave it the task.
            """,
        arguments: [ArgumentSpec(name: "task", help: "The task id, such as ozg-beratung-kommunen.")],
        options: [at(), knownAt, format(["text", "json"])],
        flags: [FlagSpec(name: "explain", help: "List the records and sources the answer rests on.")],
        examples: [
            "ledger responsible ozg-beratung-kommunen --at 2020-06-30",
            "ledger responsible ozg-beratung-kommunen --at 2021-01-01 --format json",
            "ledger responsible ozg-beratung-kommunen --at 2021-01-01 --known-at 2020-12-01 --explain",
        ])

    static let orgchart = CommandSpec(
        name: "orgchart",
        abstract: "Show the organisation chart on a date.",
        options: [
            at(), knownAt,
            OptionSpec(name: "root", valueName: "unit", help: "Show only this unit and what is below it."),
            format(["text", "json", "dot"]),
        ],
        flags: [FlagSpec(name: "tasks", help: "List the tasks each unit holds."),
                FlagSpec(name: "offices", help: "List the offices held in each unit, with the holders' names (text and dot).")],
        examples: ["ledger orgchart --at 2021-01-01 --root tfm", "ledger orgchart --at 2021 --offices",
                   "ledger orgchart --format dot --offices | dot -Tsvg > chart.svg"])

    static let responsibilities = CommandSpec(
        name: "responsibilities",
        abstract: "List every task and the unit holding it on a date.",
        options: [
            at(), knownAt,
            OptionSpec(name: "unit", valueName: "unit", help: "Only tasks held by this unit or a unit inside it."),
            format(["text", "json", "csv"]),
        ],
        examples: ["ledger responsibilities --at 2020-06-30 --unit tlvwa", "ledger responsibilities --format csv > map.csv"])

    static let units = CommandSpec(
        name: "units",
        abstract: "List the units that exist on a date.",
        options: [at(), knownAt, format(["text", "json", "csv"])],
        examples: ["ledger units --at 2017-07-01"])

    static let tasks = CommandSpec(
        name: "tasks",
        abstract: "List the tasks defined on a date, with their holders.",
        options: [at(), knownAt, format(["text", "json", "csv"])],
        examples: ["ledger tasks --at 2019-06-30"])

    static let history = CommandSpec(
        name: "history",
        abstract: "Show the records concerning a unit, task or record, or all records.",
        arguments: [ArgumentSpec(name: "id", help: "A unit, task, person or record id; all records if left out.", isOptional: true)],
        options: [
            OptionSpec(name: "from", valueName: "date", help: "Only records dated on or after this date."),
            OptionSpec(name: "to", valueName: "date", help: "Only records dated on or before this date."),
            knownAt, format(["text", "json", "csv"]),
        ],
        examples: ["ledger history kv40", "ledger history --from 2018 --to 2018-12-31", "ledger history kv40 --known-at 2020-12-01"])

    static let diff = CommandSpec(
        name: "diff",
        abstract: "Show what changed in the organisation between two dates.",
        options: [
            OptionSpec(name: "from", valueName: "date", help: "The earlier valid date.", isRequired: true),
            OptionSpec(name: "to", valueName: "date", help: "The later valid date.", isRequired: true),
            knownAt, format(["text", "json"]),
        ],
        examples: ["ledger diff --from 2020-12-31 --to 2021-01-01"])

    static let show = CommandSpec(
        name: "show",
        abstract: "Show one record with its sources and changes.",
        discussion: "Also says whether the record was corrected or retracted, and by which record: then its changes no longer count.",
        arguments: [ArgumentSpec(name: "record-id", help: "The record id, such as 2017-09-26-kabinett-verwaltung-4-0.")],
        options: [format(["text", "json"])],
        examples: ["ledger show 2020-12-kabinett-angliederung-kv40"])

    static let append = CommandSpec(
        name: "append",
        abstract: "Append records to the ledger.",
        discussion: """
            Reads one or more records (JSON Lines, or one JSON array) without seq, recorded, prev \
            and hash, which the ledger fills in. The whole batch is validated against the ledger's \
            history and written in one go, or not at all. A record whose id is already in the \
            ledger with the same content is reported as already present.
            """,
        arguments: [ArgumentSpec(name: "file", help: "The records to append; - or nothing reads standard input.", isOptional: true)],
        options: [
            OptionSpec(name: "expect-head", valueName: "hash", help: "Refuse (exit 3) unless this is the hash of the ledger's last record, or a prefix of it (8 hex digits or more; ledger head prints it)."),
            OptionSpec(name: "allow-kind", valueName: "kinds", help: "Accept these unit kinds (comma-separated) beyond the documented ones."),
            OptionSpec(name: "allow-type", valueName: "types", help: "Accept these record types (comma-separated) beyond the documented ones."),
            format(["text", "json"]),
        ],
        flags: [FlagSpec(name: "dry-run", help: "Validate and show what would change; write nothing.")],
        examples: ["ledger append decision.jsonl --expect-head 3f2a…", "ledger append --dry-run - < decision.json"])

    static let verify = CommandSpec(
        name: "verify",
        abstract: "Check the hash chain and replay every record against the rules.",
        discussion: "Exits 0 when the ledger is intact, 2 naming the first bad record otherwise. Then checks the index beside it: that it describes this ledger, comes from its owner and holds its checksums; with --index, also rebuilds it from the ledger and compares byte for byte (exit 2 and the index replaced if it differs).",
        options: [
            OptionSpec(name: "expect-head", valueName: "hash", help: "Also check that this previously trusted head (or a unique prefix of 8 hex digits or more) is still a record of the ledger."),
            format(["text", "json"]),
        ],
        flags: [FlagSpec(name: "index", help: "Rebuild the index and compare it with the one in use (finds a forged index; costs a full build).")],
        examples: ["ledger verify", "ledger verify --expect-head 3f2a…", "ledger verify --index"])

    static let repair = CommandSpec(
        name: "repair",
        abstract: "Remove an incomplete final line left by an interrupted append.",
        discussion: "Never removes a complete record; says what it removed.",
        examples: ["ledger repair"])

    static let export = CommandSpec(
        name: "export",
        abstract: "Export the ledger for other tools: a self-contained HTML page, W3C ORG JSON-LD.",
        subcommands: [
            CommandSpec(
                name: "html",
                abstract: "Write one self-contained HTML page: org chart, timeline, sources, search.",
                discussion: """
                    The page shows the org chart at --at and the chronicle of every record without \
                    JavaScript; with it, a date slider and a search redraw the chart for any day. \
                    Without --title the heading names the bodies at the top of the organisation the \
                    ledger ends with (at most three), else reads "Ledger of reorganisations" in the \
                    page's language.

                    \(exportOutputRules)
                    """,
                options: [
                    at("The date the page shows (and opens at): YYYY, YYYY-MM or YYYY-MM-DD."),
                    knownAt,
                    OptionSpec(name: "title", valueName: "text", help: "The page's heading and title. Defaults to one derived from the ledger."),
                    OptionSpec(name: "lang", valueName: "language", help: "The language of the page's own words; names and titles are shown as the records write them.",
                               defaultValue: PageLanguage.german.rawValue, allowedValues: PageLanguage.allCases.map { $0.rawValue }),
                    OptionSpec(name: "out", valueName: "file", help: "Write to this file instead of standard output."),
                ],
                flags: [exportForce],
                examples: [
                    "ledger export html --out ledger.html",
                    "ledger export html --at 2021-01-01 --title \"Digital administration of Thuringia\" --lang en --out ledger.html",
                    "ledger export html --known-at 2026-11-30 --out before-corrections.html",
                ]),
            CommandSpec(
                name: "jsonld",
                abstract: "Write the org structure and its changes as W3C Organization Ontology JSON-LD.",
                discussion: """
                    The structure the ledger ends with, one org:ChangeEvent per record that changed \
                    it, every name a unit had (skos:altLabel, and SKOS-XL labels with their time), \
                    and every place under a parent and every office as an org:Membership with \
                    org:memberDuring.

                    \(exportOutputRules)
                    """,
                options: [
                    OptionSpec(name: "lang", valueName: "tag", help: "The language the records' names and titles are written in, as a BCP 47 tag (en, de, fr-CH).",
                               defaultValue: "de"),
                    knownAt,
                    OptionSpec(name: "out", valueName: "file", help: "Write to this file instead of standard output."),
                ],
                flags: [exportForce],
                examples: ["ledger export jsonld --out ledger.jsonld", "ledger export jsonld --known-at 2026-11-30 --out before-corrections.jsonld"]),
        ])

    /// What `export --out` will and will not replace (`OutputPath` in the library).
    static let exportOutputRules = """
        --out writes a new file beside <file> and renames it into place. It never replaces the \
        ledger or its index, index tail or journal (<ledger>.index, .index-tail, .journal; also \
        through a link), a file that holds a ledger, a directory, FIFO or device. An existing \
        <file> that is not empty is replaced only if ledger export wrote it (its first 4 KB carry \
        <meta name="generator" content="ledger export html"> or "ledger:generator": "ledger \
        export jsonld"), or with --force.
        """

    static let exportForce = FlagSpec(
        name: "force", help: "Replace an existing --out file that ledger export did not write (never a ledger or its files).")

    static let generate = CommandSpec(
        name: "generate",
        abstract: "Write a synthetic, valid, hash-chained ledger for benchmarks and tests.",
        discussion: """
            The same seed always gives the same file. --out writes a new file beside <file> and \
            renames it into place; <file> must be missing or empty. A file that is not empty is \
            replaced only with --force, and never one that holds a ledger (begins with {"), nor \
            the ledger's index, index tail or journal, nor the ledger itself once it exists, nor \
            a directory, FIFO or device.
            """,
        options: [
            OptionSpec(name: "records", valueName: "n", help: "How many records to write.", isRequired: true),
            OptionSpec(name: "seed", valueName: "s", help: "Seed of the pseudo-random generator.", defaultValue: "1"),
            OptionSpec(name: "shape", valueName: "shape",
                       help: "classic: records in the order they took effect. realistic: also about 3% recorded late (weeks to a few years back), 1.5% corrections of when a transfer took effect and 1% retractions of transfers, each changing an answer.",
                       defaultValue: HistoryShape.classic.rawValue, allowedValues: HistoryShape.allCases.map(\.rawValue)),
            OptionSpec(name: "out", valueName: "file", help: "Write to this file instead of standard output."),
        ],
        flags: [FlagSpec(name: "force", help: "Replace a non-empty --out file that is not a ledger.")],
        examples: ["ledger generate --records 100000 --seed 7 --out /tmp/big.jsonl",
                   "ledger generate --records 100000 --shape realistic --out /tmp/realistic.jsonl"])

    static let offices = CommandSpec(
        name: "offices",
        abstract: "List who held which office in which unit on a date.",
        discussion: """
            Each office with the person's name as the sources write it, the unit, since when and \
            by which record. --role and --person match case-insensitively and fold German \
            spellings (ü = ue = u, ß = ss).
            """,
        options: [
            at(), knownAt,
            OptionSpec(name: "unit", valueName: "unit", help: "Only offices in this unit or a unit inside it."),
            OptionSpec(name: "role", valueName: "text", help: "Only roles containing this text."),
            OptionSpec(name: "person", valueName: "person", help: "Only this person id, or persons whose name contains this text."),
            format(["text", "json", "csv"]),
        ],
        examples: ["ledger offices --at 2020-06-30", "ledger offices --at 2018-06-05 --unit tfm --format json",
                   "ledger offices --role staatssekretar --person schubert"])

    static let sources = CommandSpec(
        name: "sources",
        abstract: "List every source the records cite, with the records resting on it.",
        discussion: "Corrected and retracted records are listed too, marked: what rested on a source once.",
        options: [
            OptionSpec(name: "url", valueName: "url", help: "Only the source with this URL: what rests on it?"),
            OptionSpec(name: "seed", valueName: "file", help: "Only sources whose seed file is this or begins with it (003)."),
            knownAt, format(["text", "json"]),
        ],
        examples: ["ledger sources", "ledger sources --seed 003",
                   "ledger sources --url https://www.thueringen.de/th5/tfm/aktuell/ai/100850/index.aspx --format json"])

    static let search = CommandSpec(
        name: "search",
        abstract: "Find units, tasks, persons and records by name, abbreviation, title or id.",
        discussion: """
            Case-insensitive, and German spellings are one: ü = ue = u, ß = ss (thüringer, \
            thueringer and thuringer find the same). Best matches first: the whole name, its \
            start, the start of a word, then anywhere; each hit with its kind, id and when it \
            existed.
            """,
        arguments: [ArgumentSpec(name: "text", help: "What to look for, such as ozg or \"thüringer finanz\".")],
        options: [
            OptionSpec(name: "at", valueName: "date", help: "Only what existed on this date: YYYY, YYYY-MM or YYYY-MM-DD."),
            OptionSpec(name: "limit", valueName: "n", help: "Show at most this many hits.", defaultValue: "20"),
            knownAt, format(["text", "json"]),
        ],
        examples: ["ledger search ozg", "ledger search thueringer --at 2018-06-05", "ledger search schubert --format json"])
}
