import ArgumentParsing
import XCTest

/// `help <topic>` prints a page that is not a command's, as `git help <guide>` does.
final class HelpTopicTests: XCTestCase {
    private let parser = CommandLineParser(
        root: SampleLedger.root, version: "0.1.0",
        helpTopics: [HelpTopic(name: "format", abstract: "The record format.", text: { "THE RECORD FORMAT\n  id   the record's id" })])

    func testHelpWithATopicPrintsItsPageAsItIs() throws {
        XCTAssertEqual(try parser.parse(["help", "format"]), .help("THE RECORD FORMAT\n  id   the record's id"))
    }

    func testTheRootHelpListsTheTopics() throws {
        guard case .help(let text) = try parser.parse(["--help"]) else { return XCTFail("no help") }
        XCTAssertTrue(text.contains("HELP TOPICS:\n  format                  The record format.\n"), text)
        XCTAssertTrue(text.contains("See 'ledger help <topic>' for a help topic."), text)
    }

    func testACommandsHelpIsUnchangedByTopics() throws {
        XCTAssertEqual(try parser.parse(["help", "verify"]), try CommandLineParser(root: SampleLedger.root, version: "0.1.0").parse(["help", "verify"]))
    }
}
