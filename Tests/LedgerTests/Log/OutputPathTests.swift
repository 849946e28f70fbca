import Foundation
@testable import Ledger
import XCTest

/// Where `export --out` and `generate --out` may write: never the ledger or the files beside it,
/// only regular files, never a ledger, and someone else's file only when forced.
final class OutputPathTests: LedgerDirectoryTestCase {
    private var ledgerPath: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        ledgerPath = path("ledger.jsonl")
        try FileManager.default.copyItem(atPath: RepositoryPaths.events, toPath: ledgerPath)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func plant(_ text: String, at name: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
    }

    /// The error `OutputPath.check` throws for `output`, or nil if it may be written.
    private func refusal(_ output: String, for contents: OutputPath.Contents = .export, force: Bool = false) -> OutputPathError? {
        do { try OutputPath.check(output, for: contents, ledgerPath: ledgerPath, force: force) } catch { return error }
        return nil
    }

    private func assertIsTheLedgersOwn(_ output: String, _ role: OutputPathError.LedgerFileRole, _ file: String,
                                      file line: StaticString = #filePath, line number: UInt = #line) {
        for contents in [OutputPath.Contents.export, .ledger] {
            for force in [false, true] {
                XCTAssertEqual(refusal(output, for: contents, force: force),
                               .ledgerFile(output: output, role: role, file: file, ledger: ledgerPath),
                               "\(output) for \(contents), force \(force)", file: line, line: number)
            }
        }
    }

    // MARK: The ledger's own files

    func testTheLedgerIsNeverAnOutputByAnyName() throws {
        assertIsTheLedgersOwn(ledgerPath, .ledger, ledgerPath)
        assertIsTheLedgersOwn(directory.path + "/./ledger.jsonl", .ledger, ledgerPath)
        try FileManager.default.createDirectory(atPath: path("sub"), withIntermediateDirectories: false)
        assertIsTheLedgersOwn(directory.path + "/sub/../ledger.jsonl", .ledger, ledgerPath)
        try FileManager.default.createSymbolicLink(atPath: path("link.html"), withDestinationPath: ledgerPath)
        assertIsTheLedgersOwn(path("link.html"), .ledger, ledgerPath)
        try FileManager.default.linkItem(atPath: ledgerPath, toPath: path("hard.html"))
        assertIsTheLedgersOwn(path("hard.html"), .ledger, ledgerPath)
    }

    func testTheIndexItsTailAndTheJournalAreNeverAnOutputEvenBeforeTheyExist() {
        assertIsTheLedgersOwn(ledgerPath + ".index", .index, ledgerPath + ".index")
        assertIsTheLedgersOwn(ledgerPath + ".index-tail", .indexTail, ledgerPath + ".index-tail")
        assertIsTheLedgersOwn(ledgerPath + ".journal", .journal, ledgerPath + ".journal")
    }

    func testTheLedgerReachedThroughASymbolicLinkedLedgerPathIsStillTheLedger() throws {
        let real = ledgerPath!
        ledgerPath = path("current.jsonl")
        try FileManager.default.createSymbolicLink(atPath: ledgerPath, withDestinationPath: real)
        assertIsTheLedgersOwn(real, .ledger, ledgerPath)
        assertIsTheLedgersOwn(ledgerPath, .ledger, ledgerPath)
        assertIsTheLedgersOwn(ledgerPath + ".index", .index, ledgerPath + ".index")
    }

    func testANewLedgerMayBeGeneratedAtTheLedgersPathWhileNothingIsThere() throws {
        try FileManager.default.removeItem(atPath: ledgerPath)
        XCTAssertNil(refusal(ledgerPath, for: .ledger))
        XCTAssertEqual(refusal(ledgerPath, for: .export), .ledgerFile(output: ledgerPath, role: .ledger, file: ledgerPath, ledger: ledgerPath))
        XCTAssertEqual(refusal(ledgerPath + ".index", for: .ledger),
                       .ledgerFile(output: ledgerPath + ".index", role: .index, file: ledgerPath + ".index", ledger: ledgerPath))
    }

    // MARK: What is at the path

    func testANewPathOrAnEmptyFileMayBeWritten() throws {
        XCTAssertNil(refusal(path("page.html")))
        XCTAssertNil(refusal(path("big.jsonl"), for: .ledger))
        try plant("", at: "empty")
        XCTAssertNil(refusal(path("empty")))
        XCTAssertNil(refusal(path("empty"), for: .ledger))
    }

    func testOnlyARegularFileIsEverReplaced() throws {
        try FileManager.default.createDirectory(atPath: path("pages"), withIntermediateDirectories: false)
        XCTAssertEqual(refusal(path("pages"), force: true), .notARegularFile(output: path("pages"), kind: .directory))
        XCTAssertEqual(mkfifo(path("pipe"), 0o644), 0)
        XCTAssertEqual(refusal(path("pipe"), for: .ledger, force: true), .notARegularFile(output: path("pipe"), kind: .fifo))
        XCTAssertEqual(refusal("/dev/null", force: true), .notARegularFile(output: "/dev/null", kind: .device))
        try FileManager.default.createSymbolicLink(atPath: path("to-pages"), withDestinationPath: path("pages"))
        XCTAssertEqual(refusal(path("to-pages"), force: true), .notARegularFile(output: path("to-pages"), kind: .directory))
    }

    func testALedgerIsNeverReplacedEvenWhenForced() throws {
        try FileManager.default.copyItem(atPath: ledgerPath, toPath: path("other.jsonl"))
        for contents in [OutputPath.Contents.export, .ledger] {
            XCTAssertEqual(refusal(path("other.jsonl"), for: contents, force: true), .holdsLedger(output: path("other.jsonl")))
        }
        try plant(#"{"changes":[],"date":"2020"#, at: "torn.jsonl")
        XCTAssertEqual(refusal(path("torn.jsonl"), for: .ledger, force: true), .holdsLedger(output: path("torn.jsonl")))
    }

    func testSomeoneElsesFileIsReplacedOnlyWhenForced() throws {
        try plant("<html>my own page</html>\n", at: "page.html")
        XCTAssertEqual(refusal(path("page.html")), .notWrittenByLedger(output: path("page.html"), reason: .noGeneratorMark))
        XCTAssertNil(refusal(path("page.html"), force: true))
        XCTAssertEqual(refusal(path("page.html"), for: .ledger), .notWrittenByLedger(output: path("page.html"), reason: .notEmpty))
        XCTAssertNil(refusal(path("page.html"), for: .ledger, force: true))
    }

    func testASymbolicLinkIsNeverTheToolsOwnAndIsReplacedNotFollowedWhenForced() throws {
        try plant(HTMLExport.generatorMark, at: "target.html")
        try FileManager.default.createSymbolicLink(atPath: path("page.html"), withDestinationPath: path("target.html"))
        XCTAssertEqual(refusal(path("page.html")), .notWrittenByLedger(output: path("page.html"), reason: .symbolicLink))
        XCTAssertNil(refusal(path("page.html"), force: true))
        try FileManager.default.createSymbolicLink(atPath: path("dangling.html"), withDestinationPath: path("nowhere"))
        XCTAssertEqual(refusal(path("dangling.html")), .notWrittenByLedger(output: path("dangling.html"), reason: .symbolicLink))
    }

    func testAFileThatCannotBeReadIsLeftAloneEvenWhenForced() throws {
        try XCTSkipIf(getuid() == 0, "root reads any file")
        try plant("secret", at: "locked.html")
        chmod(path("locked.html"), 0)
        guard case .unreadable? = refusal(path("locked.html"), force: true) else { return XCTFail("expected .unreadable") }
    }

    // MARK: Knowing its own exports

    func testTheToolKnowsBothOfItsExportsAsItsOwnAndReplacesOneWithTheOther() throws {
        let ledger = try Ledger.open(path: ledgerPath)
        try plant(HTMLExport(ledger: ledger, at: ValidDate(parsing: "2020-06-30")).document, at: "page.html")
        try plant(PrettyJSON.string(of: JSONLDExport(ledger: ledger).json) + "\n", at: "org.jsonld")
        for name in ["page.html", "org.jsonld"] {
            let leading = try FileSystem.leadingBytes(of: path(name), count: OutputPath.inspectedBytes)
            XCTAssertTrue(OutputPath.isExport(leading), "\(name)'s first 4 KB carry its generator mark")
            XCTAssertFalse(OutputPath.holdsLedger(leading), name)
            XCTAssertNil(refusal(path(name)), name)
        }
    }

    func testAMarkBeyondTheFirstFourKilobytesDoesNotCount() throws {
        try plant(String(repeating: " ", count: OutputPath.inspectedBytes) + HTMLExport.generatorMark, at: "page.html")
        XCTAssertEqual(refusal(path("page.html")), .notWrittenByLedger(output: path("page.html"), reason: .noGeneratorMark))
    }

    // MARK: Messages

    func testEveryRefusalNamesThePathsAndWhetherForceHelps() {
        let index = OutputPathError.ledgerFile(output: "out.html", role: .index, file: "L.jsonl.index", ledger: "L.jsonl")
        XCTAssertEqual(index.description, "refusing to write 'out.html': it is the index 'L.jsonl.index' of the ledger 'L.jsonl', which no output may replace, even with --force")
        let ledger = OutputPathError.ledgerFile(output: "./L.jsonl", role: .ledger, file: "L.jsonl", ledger: "L.jsonl")
        XCTAssertEqual(ledger.description, "refusing to write './L.jsonl': it is the ledger 'L.jsonl', which no output may replace, even with --force")
        XCTAssertEqual(OutputPathError.notWrittenByLedger(output: "a.html", reason: .noGeneratorMark).description,
                       "refusing to replace 'a.html': it was not written by ledger export (no generator mark in its first 4 KB); pass --force to replace it")
        XCTAssertEqual(OutputPathError.notARegularFile(output: "p", kind: .fifo).description,
                       "refusing to write 'p': it is a FIFO, not a regular file")
        XCTAssertTrue(OutputPathError.holdsLedger(output: "x.jsonl").description.contains("even with --force"))
    }
}
