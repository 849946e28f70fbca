import ArgumentParsing
import XCTest

/// "Did you mean …?" suggestions for mistyped option and subcommand names.
final class SuggestionTests: XCTestCase {
    private let responsibleUsage = """
        Usage: ledger responsible <task> [--at <date>] [--known-at <time>] [--format <format>] [--ledger <path>]
          See 'ledger responsible --help' for more information.
        """

    private let rootUsage = """
        Usage: ledger [--ledger <path>] <subcommand>
          See 'ledger --help' for more information.
        """

    func testUnknownOptionSuggestsTheClosestName() {
        assertUsageError(
            ["responsible", "--fromat", "json", "x"],
            "Error: Unknown option '--fromat'. Did you mean '--format'?\n" + responsibleUsage)
        assertUsageError(
            ["responsible", "x", "--formats", "json"],
            "Error: Unknown option '--formats'. Did you mean '--format'?\n" + responsibleUsage)
    }

    func testSuggestionPrefersTheSmallestEditDistance() {
        // "--fmt" is two edits from "--at" but three from "--format".
        assertUsageError(
            ["responsible", "x", "--fmt", "json"],
            "Error: Unknown option '--fmt'. Did you mean '--at'?\n" + responsibleUsage)
    }

    func testSingleDashLongNameSuggestsTheDoubleDashSpelling() {
        assertUsageError(
            ["responsible", "x", "-format", "json"],
            "Error: Unknown option '-format'. Did you mean '--format'?\n" + responsibleUsage)
    }

    func testGlobalOptionsAreSuggestedToo() {
        assertUsageError(
            ["responsible", "x", "--leger", "a"],
            "Error: Unknown option '--leger'. Did you mean '--ledger'?\n" + responsibleUsage)
    }

    func testDistantOptionGetsNoSuggestion() {
        assertUsageError(["responsible", "x", "--bogus"], "Error: Unknown option '--bogus'\n" + responsibleUsage)
    }

    func testUnknownSubcommandSuggestsTheClosestName() {
        assertUsageError(
            ["responsibel"], "Error: Unexpected argument 'responsibel'. Did you mean 'responsible'?\n" + rootUsage)
    }

    func testUnknownSubcommandIsReportedBeforeTheOptionsMeantForIt() {
        assertUsageError(
            ["responsibel", "payroll", "--at", "2024-03-01"],
            "Error: Unexpected argument 'responsibel'. Did you mean 'responsible'?\n" + rootUsage)
    }

    func testHelpPseudoCommandIsSuggested() {
        assertUsageError(["hepl"], "Error: Unexpected argument 'hepl'. Did you mean 'help'?\n" + rootUsage)
    }
}
