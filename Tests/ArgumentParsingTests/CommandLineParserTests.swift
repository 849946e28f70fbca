import ArgumentParsing
import XCTest

final class CommandLineParserTests: XCTestCase {
    func testOptionValueMayFollowAsTheNextWordOrAfterAnEqualsSign() throws {
        XCTAssertEqual(try invocation(["responsible", "payroll", "--at", "2024-03-01"]).option("at"), "2024-03-01")
        XCTAssertEqual(try invocation(["responsible", "payroll", "--at=2024-03-01"]).option("at"), "2024-03-01")
    }

    func testOptionsAndPositionalsMayComeInAnyOrder() throws {
        let parsed = try invocation(["responsible", "--at", "2024-03-01", "payroll", "--format", "json"])
        XCTAssertEqual(
            parsed,
            Invocation(
                commandPath: ["responsible"],
                arguments: ["task": ["payroll"]],
                options: ["at": "2024-03-01", "format": "json"]))
    }

    func testTheLastOccurrenceOfAnOptionWins() throws {
        XCTAssertEqual(try invocation(["responsible", "x", "--at", "1", "--at", "2"]).option("at"), "2")
    }

    func testGlobalOptionIsAcceptedBeforeTheSubcommandName() throws {
        XCTAssertEqual(try invocation(["--ledger", "a.jsonl", "verify"]).option("ledger"), "a.jsonl")
        XCTAssertEqual(try invocation(["--ledger=a.jsonl", "verify"]).option("ledger"), "a.jsonl")
    }

    func testGlobalOptionIsAcceptedAfterTheSubcommandName() throws {
        XCTAssertEqual(try invocation(["responsible", "x", "--ledger", "a.jsonl"]).option("ledger"), "a.jsonl")
    }

    func testGlobalOptionGivenOnBothSidesOfTheSubcommandKeepsTheLaterValue() throws {
        XCTAssertEqual(try invocation(["--ledger", "a", "verify", "--ledger", "b"]).option("ledger"), "b")
    }

    func testGlobalFlagIsAcceptedOnEveryCommand() throws {
        let parser = CommandLineParser(
            root: SampleLedger.root, version: "0.1.0", globalFlags: [FlagSpec(name: "verbose", short: "v", help: "")])
        XCTAssertEqual(try parser.parse(["-v", "verify"]), .run(Invocation(commandPath: ["verify"], flags: ["verbose"])))
        XCTAssertEqual(
            try parser.parse(["append", "--verbose"]), .run(Invocation(commandPath: ["append"], flags: ["verbose"])))
    }

    func testLoneDashIsAPositionalValueMeaningStandardInput() throws {
        let parsed = try invocation(["append", "-", "--dry-run"])
        XCTAssertEqual(parsed.argument("file"), "-")
        XCTAssertTrue(parsed.flag("dry-run"))
    }

    func testLoneDashIsAnOptionValue() throws {
        XCTAssertEqual(try invocation(["verify", "--ledger", "-"]).option("ledger"), "-")
    }

    func testDoubleDashMakesEverythingAfterItPositional() throws {
        XCTAssertEqual(try invocation(["responsible", "--", "--at"]).argument("task"), "--at")
        XCTAssertEqual(try invocation(["responsible", "--", "-h"]).argument("task"), "-h")
    }

    func testDefaultsAreFilledInForOptionsNotGiven() throws {
        let parsed = try invocation(["responsible", "payroll"])
        XCTAssertEqual(parsed.option("format"), "text")
        XCTAssertNil(parsed.option("at"))
        XCTAssertEqual(parsed.options, ["format": "text"])
    }

    func testGivenValueReplacesTheDefault() throws {
        XCTAssertEqual(try invocation(["orgchart", "--format", "dot"]).option("format"), "dot")
    }

    func testOptionalArgumentAndFlagMayBeLeftOut() throws {
        let parsed = try invocation(["append"])
        XCTAssertEqual(parsed, Invocation(commandPath: ["append"]))
        XCTAssertNil(parsed.argument("file"))
        XCTAssertFalse(parsed.flag("dry-run"))
    }

    func testRepeatingArgumentCollectsEveryRemainingValue() throws {
        let root = CommandSpec(
            name: "sum", abstract: "",
            arguments: [
                ArgumentSpec(name: "first", help: ""),
                ArgumentSpec(name: "rest", help: "", isOptional: true, isRepeating: true),
            ])
        let parsed = try CommandLineParser(root: root, version: "").parse(["1", "2", "3"])
        guard case .run(let invocation) = parsed else { return XCTFail("\(parsed)") }
        XCTAssertEqual(invocation.argument("first"), "1")
        XCTAssertEqual(invocation.argumentValues("rest"), ["2", "3"])
    }

    func testShortNamesWorkAloneAndClustered() throws {
        let root = CommandSpec(
            name: "tool", abstract: "",
            options: [OptionSpec(name: "format", short: "f", help: "")],
            flags: [FlagSpec(name: "dry-run", short: "n", help: ""), FlagSpec(name: "verbose", short: "v", help: "")])
        let parser = CommandLineParser(root: root, version: "")
        XCTAssertEqual(
            try parser.parse(["-n", "-f", "json"]),
            .run(Invocation(options: ["format": "json"], flags: ["dry-run"])))
        XCTAssertEqual(
            try parser.parse(["-nvf", "json"]),
            .run(Invocation(options: ["format": "json"], flags: ["dry-run", "verbose"])))
        XCTAssertEqual(try parser.parse(["-f=json"]), .run(Invocation(options: ["format": "json"])))
    }

    func testRootWithSubcommandsButNoneNamedShowsRootHelp() throws {
        XCTAssertEqual(try SampleLedger.parser.parse([]), .help(SampleLedger.parser.helpText(for: [])))
        XCTAssertEqual(try SampleLedger.parser.parse(["--ledger", "x"]), .help(SampleLedger.parser.helpText(for: [])))
    }

    func testVersionFlagReturnsTheVersionOnTheRootAndOnSubcommands() throws {
        XCTAssertEqual(try SampleLedger.parser.parse(["--version"]), .version("0.1.0"))
        XCTAssertEqual(try SampleLedger.parser.parse(["responsible", "--version"]), .version("0.1.0"))
    }

    func testVersionWinsOverAnUnknownOption() throws {
        XCTAssertEqual(try SampleLedger.parser.parse(["responsible", "x", "--bogus", "--version"]), .version("0.1.0"))
    }

    func testWithoutAVersionTheVersionFlagIsUnknown() {
        let parser = CommandLineParser(root: SampleLedger.verify, version: "")
        assertUsageError(
            ["--version"], parser: parser,
            """
            Error: Unknown option '--version'
            Usage: verify
              See 'verify --help' for more information.
            """)
    }

    func testValidationErrorIsWordedLikeAParseError() {
        XCTAssertEqual(
            SampleLedger.parser.validationError("'2024-13-01' is not a date.", for: ["diff"]).description,
            """
            Error: '2024-13-01' is not a date.
            Usage: ledger diff --from <date> --to <date> [--ledger <path>]
              See 'ledger diff --help' for more information.
            """)
    }

    func testUsageErrorsExitWithExUsage() {
        XCTAssertEqual(CommandLineError.exitCode, 64)
    }
}
