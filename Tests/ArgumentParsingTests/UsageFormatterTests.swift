import ArgumentParsing
import XCTest

final class UsageFormatterTests: XCTestCase {
    func testUsageListsArgumentsThenOptionsThenFlagsThenGlobals() {
        XCTAssertEqual(
            SampleLedger.parser.usage(for: ["append"]),
            "ledger append [<file>] [--expect-head <hash>] [--dry-run] [--ledger <path>]")
    }

    func testRequiredOptionsAreNotBracketed() {
        XCTAssertEqual(SampleLedger.parser.usage(for: ["diff"]), "ledger diff --from <date> --to <date> [--ledger <path>]")
    }

    func testRepeatingArgumentsShowAnEllipsis() {
        let root = CommandSpec(
            name: "sum", abstract: "",
            arguments: [
                ArgumentSpec(name: "first", help: "", isRepeating: true),
                ArgumentSpec(name: "rest", help: "", isOptional: true, isRepeating: true),
            ])
        XCTAssertEqual(CommandLineParser(root: root, version: "").usage(for: []), "sum <first> ... [<rest> ...]")
    }

    func testMoreThanTwelveInputsCollapseTheOptionalOnes() {
        let options = (1...12).map { OptionSpec(name: "o\($0)", help: "") }
        let root = CommandSpec(
            name: "big", abstract: "", arguments: [ArgumentSpec(name: "input", help: "")],
            options: options + [OptionSpec(name: "must", help: "", isRequired: true)])
        XCTAssertEqual(CommandLineParser(root: root, version: "").usage(for: []), "big [<options>] <input> --must <must>")
    }

    func testMoreThanTwelveOptionalInputsCollapseEntirely() {
        let flags = (1...13).map { FlagSpec(name: "f\($0)", help: "") }
        let root = CommandSpec(name: "big", abstract: "", flags: flags)
        XCTAssertEqual(CommandLineParser(root: root, version: "").usage(for: []), "big <options>")
    }
}
