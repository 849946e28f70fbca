import Foundation
import XCTest

/// The README's "Testing your own history" shows `ReadmeExampleTests.swift` as it is, so the code
/// a user copies is code that compiles and passes.
final class ReadmeSyncTests: XCTestCase {
    func testTheReadmeShowsTheExampleTestWordForWord() throws {
        let readme = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("Tests/LedgerTestingTests/ReadmeExampleTests.swift"),
                                 encoding: .utf8)
        let section = try XCTUnwrap(readme.range(of: "## Testing your own history"), "the README has the section")
        let start = try XCTUnwrap(readme.range(of: "```swift\nimport Ledger\nimport LedgerTesting\n", range: section.upperBound..<readme.endIndex))
        let end = try XCTUnwrap(readme.range(of: "\n```\n", range: start.upperBound..<readme.endIndex))
        let shown = "import Ledger\nimport LedgerTesting\n" + readme[start.upperBound..<end.lowerBound]
        let code = example[try XCTUnwrap(example.range(of: "import Ledger\n")).lowerBound...].trimmingCharacters(in: .newlines)
        XCTAssertEqual(shown, code)
    }
}
