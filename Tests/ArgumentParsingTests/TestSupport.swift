import ArgumentParsing
import XCTest

/// Parses with the sample ledger and expects a command to run.
func invocation(
    _ arguments: [String], file: StaticString = #filePath, line: UInt = #line
) throws -> Invocation {
    let outcome = try SampleLedger.parser.parse(arguments)
    guard case .run(let invocation) = outcome else {
        XCTFail("Expected a command to run, got \(outcome)", file: file, line: line)
        throw CommandLineError(message: "", usage: "", helpHint: "")
    }
    return invocation
}

/// Parses with `parser` and expects help text.
func helpText(
    _ arguments: [String], parser: CommandLineParser = SampleLedger.parser,
    file: StaticString = #filePath, line: UInt = #line
) throws -> String {
    let outcome = try parser.parse(arguments)
    guard case .help(let text) = outcome else {
        XCTFail("Expected help, got \(outcome)", file: file, line: line)
        return ""
    }
    return text
}

/// Parses with `parser` and expects a usage error whose printed text is exactly `expected`.
func assertUsageError(
    _ arguments: [String], parser: CommandLineParser = SampleLedger.parser, _ expected: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    do {
        let outcome = try parser.parse(arguments)
        XCTFail("Expected an error, got \(outcome)", file: file, line: line)
    } catch {
        XCTAssertEqual(error.description, expected, file: file, line: line)
    }
}
