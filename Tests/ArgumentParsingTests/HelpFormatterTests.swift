import ArgumentParsing
import XCTest

/// Help texts are compared in full. The root and `responsible` texts are byte for byte what
/// swift-argument-parser 1.8 prints for the same command tree; `print(text)` adds the final newline.
final class HelpFormatterTests: XCTestCase {
    static let rootHelp = """
        OVERVIEW: An append-only ledger of administrative reorganisations.

        USAGE: ledger [--ledger <path>] <subcommand>

        OPTIONS:
          --ledger <path>         The ledger file to read and append to.
          --version               Show the version.
          -h, --help              Show help information.

        SUBCOMMANDS:
          responsible             Show who was responsible for a task on a given date.
          orgchart                Print the organisation chart on a given date.
          diff                    Show the reorganisations between two dates.
          append                  Append events to the ledger.
          verify                  Check the ledger's hash chain and event invariants.

          See 'ledger help <subcommand>' for detailed help.
        """

    static let responsibleHelp = """
        OVERVIEW: Show who was responsible for a task on a given date.

        Answers from the records as they were known at --known-at, so a report can be
        reproduced exactly after later corrections have been appended.

        USAGE: ledger responsible <task> [--at <date>] [--known-at <time>] [--format <format>] [--ledger <path>]

        ARGUMENTS:
          <task>                  The task to look up.

        OPTIONS:
          --at <date>             The date to answer for, as YYYY-MM-DD. Defaults to
                                  today.
          --known-at <time>       Answer from what the ledger recorded up to this time
                                  (ISO 8601). Defaults to now.
          --format <format>       Output format. (values: text, json; default: text)
          --ledger <path>         The ledger file to read and append to.
          --version               Show the version.
          -h, --help              Show help information.

        """

    func testRootHelpMatchesSwiftArgumentParser() throws {
        XCTAssertEqual(SampleLedger.parser.helpText(for: []), Self.rootHelp)
        XCTAssertEqual(try helpText(["--help"]), Self.rootHelp)
        XCTAssertEqual(try helpText(["-h"]), Self.rootHelp)
        XCTAssertEqual(try helpText(["help"]), Self.rootHelp)
        XCTAssertEqual(try helpText([]), Self.rootHelp)
    }

    func testSubcommandHelpMatchesSwiftArgumentParser() throws {
        XCTAssertEqual(SampleLedger.parser.helpText(for: ["responsible"]), Self.responsibleHelp)
        XCTAssertEqual(try helpText(["responsible", "--help"]), Self.responsibleHelp)
        XCTAssertEqual(try helpText(["responsible", "-h"]), Self.responsibleHelp)
    }

    func testHelpPseudoCommandShowsTheNamedCommandsHelp() throws {
        XCTAssertEqual(try helpText(["help", "responsible"]), Self.responsibleHelp)
        XCTAssertEqual(try helpText(["--ledger", "a", "help", "responsible"]), Self.responsibleHelp)
        XCTAssertEqual(try helpText(["help", "responsible", "-h"]), Self.responsibleHelp)
        XCTAssertEqual(try helpText(["help", "responsible", "-help"]), Self.responsibleHelp)
    }

    func testHelpPseudoCommandStopsAtTheFirstNameThatIsNotACommand() throws {
        XCTAssertEqual(try helpText(["help", "responsibel"]), Self.rootHelp)
        XCTAssertEqual(try helpText(["help", "responsible", "extra"]), Self.responsibleHelp)
    }

    func testHelpFlagAnywhereAfterTheSubcommandShowsItsHelp() throws {
        XCTAssertEqual(try helpText(["responsible", "payroll", "--at", "2024-03-01", "-h"]), Self.responsibleHelp)
        XCTAssertEqual(try helpText(["responsible", "x", "--help=yes"]), Self.responsibleHelp)
        XCTAssertEqual(try helpText(["responsible", "x", "-hx"]), Self.responsibleHelp)
    }

    func testHelpFlagBeforeTheSubcommandShowsTheRootHelp() throws {
        XCTAssertEqual(try helpText(["--help", "responsible"]), Self.rootHelp)
    }

    func testHelpWinsOverMissingArgumentsAndUnknownOptions() throws {
        XCTAssertEqual(try helpText(["responsible", "--bogus", "--help"]), Self.responsibleHelp)
        XCTAssertEqual(try helpText(["diff", "--help"]), SampleLedger.parser.helpText(for: ["diff"]))
    }

    func testHelpFlagAfterDoubleDashIsAnOrdinaryValue() throws {
        XCTAssertEqual(try invocation(["responsible", "--", "--help"]).argument("task"), "--help")
    }

    func testHelpListsFlagsAndOptionalArgumentsAndEndsWithExamples() {
        XCTAssertEqual(
            SampleLedger.parser.helpText(for: ["append"]),
            """
            OVERVIEW: Append events to the ledger.

            USAGE: ledger append [<file>] [--expect-head <hash>] [--dry-run] [--ledger <path>]

            ARGUMENTS:
              <file>                  A file of events to append; reads standard input when
                                      omitted or '-'.

            OPTIONS:
              --expect-head <hash>    Refuse to append unless the ledger's last event has
                                      this hash.
              --dry-run               Check the events without appending them.
              --ledger <path>         The ledger file to read and append to.
              --version               Show the version.
              -h, --help              Show help information.

            EXAMPLES:
              ledger append events.jsonl --expect-head 9f86d081
              cat events.jsonl | ledger append - --dry-run

            """)
    }

    func testExamplesFollowTheSubcommandHint() {
        var root = SampleLedger.root
        root.subcommands = [SampleLedger.verify]
        root.examples = ["ledger verify"]
        XCTAssertEqual(
            CommandLineParser(root: root, version: "1").helpText(for: []),
            """
            OVERVIEW: An append-only ledger of administrative reorganisations.

            USAGE: ledger <subcommand>

            OPTIONS:
              --version               Show the version.
              -h, --help              Show help information.

            SUBCOMMANDS:
              verify                  Check the ledger's hash chain and event invariants.

              See 'ledger help <subcommand>' for detailed help.

            EXAMPLES:
              ledger verify

            """)
    }

    func testLongLabelsPushTheirDescriptionOntoTheNextLine() {
        let root = CommandSpec(
            name: "tool", abstract: "",
            options: [
                OptionSpec(name: "a-rather-long-option", short: "l", valueName: "value", help: "Described below it."),
                OptionSpec(name: "no-help", help: ""),
            ],
            flags: [FlagSpec(name: "quiet", short: "q", help: "Say less.")])
        XCTAssertEqual(
            CommandLineParser(root: root, version: "").helpText(for: []),
            """
            USAGE: tool [--a-rather-long-option <value>] [--no-help <no-help>] [--quiet]

            OPTIONS:
              -l, --a-rather-long-option <value>
                                      Described below it.
              --no-help <no-help>
              -q, --quiet             Say less.
              -h, --help              Show help information.

            """)
    }

    func testNestedCommandsNameTheirPathInHintsAndUsage() throws {
        let inner = CommandSpec(name: "inner", abstract: "Inner.")
        let middle = CommandSpec(name: "middle", abstract: "Middle.", subcommands: [inner])
        let parser = CommandLineParser(
            root: CommandSpec(name: "tool", abstract: "Tool.", subcommands: [middle]), version: "")
        XCTAssertEqual(
            try helpText(["middle"], parser: parser),
            """
            OVERVIEW: Middle.

            USAGE: tool middle <subcommand>

            OPTIONS:
              -h, --help              Show help information.

            SUBCOMMANDS:
              inner                   Inner.

              See 'tool help middle <subcommand>' for detailed help.
            """)
        XCTAssertEqual(try helpText(["help", "middle", "inner"], parser: parser), parser.helpText(for: ["middle", "inner"]))
        XCTAssertEqual(try parser.parse(["middle", "inner"]), .run(Invocation(commandPath: ["middle", "inner"])))
    }
}
