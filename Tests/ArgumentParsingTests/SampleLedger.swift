import ArgumentParsing

/// A command tree shaped like the real `ledger` tool's, shared by the tests.
enum SampleLedger {
    static let responsible = CommandSpec(
        name: "responsible",
        abstract: "Show who was responsible for a task on a given date.",
        discussion: """
            Answers from the records as they were known at --known-at, so a report can be \
            reproduced exactly after later corrections have been appended.
            """,
        arguments: [ArgumentSpec(name: "task", help: "The task to look up.")],
        options: [
            OptionSpec(
                name: "at", valueName: "date",
                help: "The date to answer for, as YYYY-MM-DD. Defaults to today."),
            OptionSpec(
                name: "known-at", valueName: "time",
                help: "Answer from what the ledger recorded up to this time (ISO 8601). Defaults to now."),
            OptionSpec(name: "format", help: "Output format.", defaultValue: "text", allowedValues: ["text", "json"]),
        ]
    )

    static let orgchart = CommandSpec(
        name: "orgchart",
        abstract: "Print the organisation chart on a given date.",
        options: [
            OptionSpec(
                name: "at", valueName: "date",
                help: "The date to draw the chart for, as YYYY-MM-DD. Defaults to today."),
            OptionSpec(name: "root", valueName: "unit", help: "Start the chart at this unit instead of the top."),
            OptionSpec(
                name: "format", help: "Output format.", defaultValue: "text", allowedValues: ["text", "json", "dot"]),
        ]
    )

    static let diff = CommandSpec(
        name: "diff",
        abstract: "Show the reorganisations between two dates.",
        options: [
            OptionSpec(name: "from", valueName: "date", help: "The first date, as YYYY-MM-DD.", isRequired: true),
            OptionSpec(name: "to", valueName: "date", help: "The last date, as YYYY-MM-DD.", isRequired: true),
        ]
    )

    static let append = CommandSpec(
        name: "append",
        abstract: "Append events to the ledger.",
        arguments: [
            ArgumentSpec(
                name: "file", help: "A file of events to append; reads standard input when omitted or '-'.",
                isOptional: true)
        ],
        options: [
            OptionSpec(
                name: "expect-head", valueName: "hash",
                help: "Refuse to append unless the ledger's last event has this hash.")
        ],
        flags: [FlagSpec(name: "dry-run", help: "Check the events without appending them.")],
        examples: [
            "ledger append events.jsonl --expect-head 9f86d081",
            "cat events.jsonl | ledger append - --dry-run",
        ]
    )

    static let verify = CommandSpec(name: "verify", abstract: "Check the ledger's hash chain and event invariants.")

    static let root = CommandSpec(
        name: "ledger",
        abstract: "An append-only ledger of administrative reorganisations.",
        subcommands: [responsible, orgchart, diff, append, verify]
    )

    static let ledgerOption = OptionSpec(
        name: "ledger", valueName: "path", help: "The ledger file to read and append to.")

    static let parser = CommandLineParser(root: root, version: "0.1.0", globalOptions: [ledgerOption])
}
