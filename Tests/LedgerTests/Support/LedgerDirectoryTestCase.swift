import Foundation
import XCTest

/// A test case with a fresh temporary directory for ledger files, removed after each test.
class LedgerDirectoryTestCase: XCTestCase {
    private(set) var directory: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        directory = RepositoryPaths.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
        try super.tearDownWithError()
    }

    /// Writes the ledger `builder` holds as `name` in the directory; its path.
    func write(_ builder: LedgerBuilder, name: String = "ledger.jsonl") throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(builder.fileText.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
