import ArgumentParsing
import XCTest

/// Every error is compared in full against what swift-argument-parser prints for the same
/// command tree and command line.
final class CommandLineErrorTests: XCTestCase {
    private let responsibleUsage = """
        Usage: ledger responsible <task> [--at <date>] [--known-at <time>] [--format <format>] [--ledger <path>]
          See 'ledger responsible --help' for more information.
        """

    private let rootUsage = """
        Usage: ledger [--ledger <path>] <subcommand>
          See 'ledger --help' for more information.
        """

    func testUnknownOptionIsNamedAsTyped() {
        assertUsageError(["responsible", "x", "--hlep"], "Error: Unknown option '--hlep'\n" + responsibleUsage)
    }

    func testUnknownOneLetterOptionGetsNoSuggestion() {
        assertUsageError(
            ["append", "-x"],
            """
            Error: Unknown option '-x'
            Usage: ledger append [<file>] [--expect-head <hash>] [--dry-run] [--ledger <path>]
              See 'ledger append --help' for more information.
            """)
    }

    func testUnknownLetterClusterIsNamedWhole() {
        assertUsageError(
            ["append", "-xyz"],
            """
            Error: Unknown option '-xyz'
            Usage: ledger append [<file>] [--expect-head <hash>] [--dry-run] [--ledger <path>]
              See 'ledger append --help' for more information.
            """)
    }

    func testOptionOfAnotherCommandIsUnknown() {
        assertUsageError(["responsible", "x", "--dry-run"], "Error: Unknown option '--dry-run'\n" + responsibleUsage)
    }

    func testUnknownOptionBeforeTheSubcommandNameIsReportedAgainstTheRoot() {
        assertUsageError(["--bogus", "responsible"], "Error: Unknown option '--bogus'\n" + rootUsage)
    }

    func testUnexpectedArgumentAtTheRoot() {
        assertUsageError(["frobnicate"], "Error: Unexpected argument 'frobnicate'\n" + rootUsage)
    }

    func testSeveralUnexpectedArgumentsAreCountedAndListed() {
        assertUsageError(["foo", "bar"], "Error: 2 unexpected arguments: 'foo', 'bar'\n" + rootUsage)
        assertUsageError(
            ["responsible", "a", "b", "c"], "Error: 2 unexpected arguments: 'b', 'c'\n" + responsibleUsage)
    }

    func testPositionalBeyondTheDeclaredOnesIsUnexpected() {
        assertUsageError(
            ["append", "a.jsonl", "b.jsonl"],
            """
            Error: Unexpected argument 'b.jsonl'
            Usage: ledger append [<file>] [--expect-head <hash>] [--dry-run] [--ledger <path>]
              See 'ledger append --help' for more information.
            """)
    }

    func testCommandWithoutArgumentsRejectsAPositional() {
        assertUsageError(
            ["verify", "extra"],
            """
            Error: Unexpected argument 'extra'
            Usage: ledger verify [--ledger <path>]
              See 'ledger verify --help' for more information.
            """)
    }

    func testDoubleDashStopsSubcommandLookup() {
        assertUsageError(["--", "responsible"], "Error: Unexpected argument 'responsible'\n" + rootUsage)
    }

    func testMissingValueAtTheEndOfTheLine() {
        assertUsageError(
            ["responsible", "x", "--at"],
            """
            Error: Missing value for '--at <date>'
            Help:  --at <date>  The date to answer for, as YYYY-MM-DD. Defaults to today.
            """ + "\n" + responsibleUsage)
    }

    func testMissingValueWhenAnotherOptionFollows() {
        assertUsageError(
            ["responsible", "x", "--at", "--format", "json"],
            """
            Error: Missing value for '--at <date>'
            Help:  --at <date>  The date to answer for, as YYYY-MM-DD. Defaults to today.
            """ + "\n" + responsibleUsage)
    }

    func testEmptyValueAfterEqualsSignIsMissing() {
        assertUsageError(
            ["responsible", "x", "--format="],
            """
            Error: Missing value for '--format <format>'
            Help:  --format <format>  Output format.
            """ + "\n" + responsibleUsage)
    }

    func testMissingValueOfAGlobalOptionAtTheRoot() {
        assertUsageError(
            ["--ledger"],
            """
            Error: Missing value for '--ledger <path>'
            Help:  --ledger <path>  The ledger file to read and append to.
            """ + "\n" + rootUsage)
    }

    func testMissingValueIsReportedEvenWhenHelpIsAsked() {
        assertUsageError(
            ["responsible", "--help", "--at"],
            """
            Error: Missing value for '--at <date>'
            Help:  --at <date>  The date to answer for, as YYYY-MM-DD. Defaults to today.
            """ + "\n" + responsibleUsage)
    }

    func testMissingRequiredPositional() {
        assertUsageError(
            ["responsible"],
            """
            Error: Missing expected argument '<task>'
            Help:  <task>  The task to look up.
            """ + "\n" + responsibleUsage)
    }

    func testMissingRequiredPositionalIsReportedBeforeAnUnknownOption() {
        assertUsageError(
            ["responsible", "--at", "1", "--bogus"],
            """
            Error: Missing expected argument '<task>'
            Help:  <task>  The task to look up.
            """ + "\n" + responsibleUsage)
    }

    func testMissingRequiredOptionsAreReportedInDeclarationOrder() {
        let diffUsage = """
            Usage: ledger diff --from <date> --to <date> [--ledger <path>]
              See 'ledger diff --help' for more information.
            """
        assertUsageError(
            ["diff"],
            """
            Error: Missing expected argument '--from <date>'
            Help:  --from <date>  The first date, as YYYY-MM-DD.
            """ + "\n" + diffUsage)
        assertUsageError(
            ["diff", "--from", "2024-01-01"],
            """
            Error: Missing expected argument '--to <date>'
            Help:  --to <date>  The last date, as YYYY-MM-DD.
            """ + "\n" + diffUsage)
    }

    func testValueOutsideTheAllowedOnesListsThem() {
        assertUsageError(
            ["responsible", "x", "--format", "xml"],
            """
            Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'text' and 'json'.
            Help:  --format <format>  Output format.
            """ + "\n" + responsibleUsage)
        assertUsageError(
            ["orgchart", "--format", "xml"],
            """
            Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'text', 'json' or 'dot'.
            Help:  --format <format>  Output format.
            Usage: ledger orgchart [--at <date>] [--root <unit>] [--format <format>] [--ledger <path>]
              See 'ledger orgchart --help' for more information.
            """)
    }

    func testInvalidValueIsReportedEvenIfALaterOneIsValid() {
        assertUsageError(
            ["responsible", "x", "--format", "xml", "--format", "json"],
            """
            Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'text' and 'json'.
            Help:  --format <format>  Output format.
            """ + "\n" + responsibleUsage)
    }

    func testSixOrMoreAllowedValuesAreListedAsBullets() {
        let days = ["mon", "tue", "wed", "thu", "fri", "sat"]
        let root = CommandSpec(
            name: "cal", abstract: "", options: [OptionSpec(name: "day", help: "Day.", allowedValues: days)])
        assertUsageError(
            ["--day", "sun"], parser: CommandLineParser(root: root, version: ""),
            """
            Error: The value 'sun' is invalid for '--day <day>'. Please provide one of the following:
              - mon
              - tue
              - wed
              - thu
              - fri
              - sat
            Help:  --day <day>  Day.
            Usage: cal [--day <day>]
              See 'cal --help' for more information.
            """)
    }

    func testFlagGivenAValue() {
        assertUsageError(
            ["append", "--dry-run=yes"],
            """
            Error: The option '--dry-run' does not take any value, but 'yes' was specified.
            Usage: ledger append [<file>] [--expect-head <hash>] [--dry-run] [--ledger <path>]
              See 'ledger append --help' for more information.
            """)
    }

    func testTripleDashIsInvalidAndReportedAgainstTheRoot() {
        assertUsageError(["append", "---x"], "Error: Invalid option: ---x\n" + rootUsage)
        assertUsageError(["--help", "---x"], "Error: Invalid option: ---x\n" + rootUsage)
    }

    func testUnknownOptionAfterHelpPseudoCommandHasNoHelpHint() {
        assertUsageError(
            ["help", "responsible", "--bogus"],
            """
            Error: Unknown option '--bogus'
            Usage: ledger help [<subcommands> ...]
            """)
    }

    func testErrorPartsAreAvailableSeparately() throws {
        do {
            _ = try SampleLedger.parser.parse(["diff", "--from", "2024-01-01"])
            XCTFail("Expected an error")
        } catch {
            XCTAssertEqual(error.message, "Missing expected argument '--to <date>'")
            XCTAssertEqual(error.argumentHelp, "--to <date>  The last date, as YYYY-MM-DD.")
            XCTAssertEqual(error.usage, "ledger diff --from <date> --to <date> [--ledger <path>]")
            XCTAssertEqual(error.helpHint, "  See 'ledger diff --help' for more information.")
        }
    }
}
