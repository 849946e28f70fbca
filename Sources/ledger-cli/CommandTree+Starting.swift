import ArgumentParsing

/// The commands that start a ledger of one's own: `init`.
extension CommandTree {
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
}
