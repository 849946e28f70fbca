import Foundation
import XCTest

/// The attacks found on the files the tool writes, each replayed as it was found: an `--out` onto
/// the ledger, a generated ledger over an existing one, symbolic links planted at the temporary
/// names of an export and of the index, someone else's file, and temporary files left by killed
/// writers. Each must leave the ledger and every planted link's target byte for byte as they were.
final class OutputSafetyTests: XCTestCase {
    private var directory: URL!
    private var ledgerPath: String { path("ledger.jsonl") }
    private var ledgerBytes: Data!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("output-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: LedgerProcess.repository.appendingPathComponent("events/ledger.jsonl"),
                                         to: URL(fileURLWithPath: ledgerPath))
        ledgerBytes = try bytes(ledgerPath)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    private func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    private func plant(_ text: String, at path: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }

    private func exists(_ path: String) -> Bool { (try? FileManager.default.attributesOfItem(atPath: path)) != nil }

    private func ledger(_ arguments: String...) throws -> LedgerProcess.Result {
        try LedgerProcess.run(arguments, in: directory)
    }

    private func assertRefused(_ result: LedgerProcess.Result, naming fragments: [String],
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 1, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one sentence: \(result.stderr)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(result.stderr.contains(fragment), "\(result.stderr) should name \(fragment)", file: file, line: line)
        }
    }

    private func assertLedgerUntouched(file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try bytes(ledgerPath), ledgerBytes, "the ledger must stay byte for byte as it was", file: file, line: line)
    }

    /// Symbolic links to `target` at `<file>.tmp-<pid>` for the pids the next processes will
    /// likely get, as the attacker planted them (pids are handed out in order).
    private func plantLinksAtGuessedTemporaryNames(of file: String, to target: String) throws -> [String] {
        let next = try DeadProcess.pid() + 1
        let links = (next..<(next + 256)).map { "\(file).tmp-\($0)" }
        for link in links { try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target) }
        return links
    }

    // MARK: The ledger is never an output

    func testExportHTMLOntoTheLedgerIsRefusedAndTheLedgerIsByteIdentical() throws {
        assertRefused(try ledger("export", "html", "--ledger", "ledger.jsonl", "--out", "ledger.jsonl"),
                      naming: ["refusing to write 'ledger.jsonl'", "the ledger 'ledger.jsonl'"])
        try assertLedgerUntouched()
    }

    func testTheLedgerByAnotherNameIsRefusedEvenWithForce() throws {
        try FileManager.default.linkItem(atPath: ledgerPath, toPath: path("hard-link.html"))
        try FileManager.default.createSymbolicLink(atPath: path("symlink.html"), withDestinationPath: ledgerPath)
        for out in ["./ledger.jsonl", ledgerPath, "hard-link.html", "symlink.html"] {
            for command in [["export", "html"], ["export", "jsonld"]] {
                assertRefused(try LedgerProcess.run(command + ["--ledger", "ledger.jsonl", "--out", out, "--force"], in: directory),
                              naming: ["'\(out)'", "the ledger 'ledger.jsonl'", "even with --force"])
            }
        }
        try assertLedgerUntouched()
    }

    func testTheIndexItsTailAndTheJournalAreRefusedAsOutputs() throws {
        XCTAssertEqual(try ledger("units", "--ledger", "ledger.jsonl", "--at", "2021-01-01").status, 0)
        let index = try bytes(path("ledger.jsonl.index"))
        for (suffix, role) in [(".index", "index"), (".index-tail", "index tail"), (".journal", "journal")] {
            assertRefused(try ledger("export", "jsonld", "--ledger", "ledger.jsonl", "--out", "ledger.jsonl\(suffix)", "--force"),
                          naming: ["'ledger.jsonl\(suffix)'", "the \(role) 'ledger.jsonl\(suffix)' of the ledger 'ledger.jsonl'"])
        }
        assertRefused(try ledger("generate", "--records", "5", "--ledger", "ledger.jsonl", "--out", "ledger.jsonl.index", "--force"),
                      naming: ["the index 'ledger.jsonl.index' of the ledger 'ledger.jsonl'"])
        XCTAssertEqual(try bytes(path("ledger.jsonl.index")), index)
        XCTAssertFalse(exists(path("ledger.jsonl.journal")))
    }

    func testGenerateOntoAnExistingLedgerIsRefusedEvenWithForce() throws {
        assertRefused(try ledger("generate", "--records", "10", "--out", "ledger.jsonl"),
                      naming: ["refusing to replace 'ledger.jsonl'", "holds a ledger"])
        assertRefused(try ledger("generate", "--records", "10", "--out", "ledger.jsonl", "--force"),
                      naming: ["'ledger.jsonl'", "even with --force"])
        assertRefused(try ledger("generate", "--records", "10", "--ledger", "ledger.jsonl", "--out", "ledger.jsonl", "--force"),
                      naming: ["'ledger.jsonl'", "the ledger 'ledger.jsonl'"])
        try assertLedgerUntouched()
    }

    func testGenerateWritesANewOrEmptyFileAndSomeoneElsesOnlyWithForce() throws {
        XCTAssertEqual(try ledger("generate", "--records", "5", "--out", "new.jsonl").status, 0)
        try plant("", at: path("empty.jsonl"))
        XCTAssertEqual(try ledger("generate", "--records", "5", "--out", "empty.jsonl").status, 0)
        XCTAssertEqual(try bytes(path("empty.jsonl")), try bytes(path("new.jsonl")))
        try plant("notes\n", at: path("notes.txt"))
        assertRefused(try ledger("generate", "--records", "5", "--out", "notes.txt"),
                      naming: ["'notes.txt'", "not empty", "--force"])
        XCTAssertEqual(try text(path("notes.txt")), "notes\n")
        XCTAssertEqual(try ledger("generate", "--records", "5", "--out", "notes.txt", "--force").status, 0)
        XCTAssertEqual(try bytes(path("notes.txt")), try bytes(path("new.jsonl")))
    }

    // MARK: Links planted at temporary names

    func testAnExportNeverWritesThroughALinkPlantedAtItsTemporaryName() throws {
        try plant("precious\n", at: path("target"))
        let links = try plantLinksAtGuessedTemporaryNames(of: path("page.html"), to: path("target"))
        let result = try ledger("export", "html", "--ledger", "ledger.jsonl", "--at", "2020-06-30", "--out", "page.html")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try text(path("target")), "precious\n")
        XCTAssertEqual(try text(path("page.html")), try ledger("export", "html", "--ledger", "ledger.jsonl", "--at", "2020-06-30").stdout)
        for link in links { XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), path("target")) }
        try assertLedgerUntouched()
    }

    func testTheIndexNeverWritesThroughALinkPlantedAtItsTemporaryName() throws {
        try plant("precious\n", at: path("target"))
        let links = try plantLinksAtGuessedTemporaryNames(of: path("ledger.jsonl.index"), to: path("target"))
        let result = try ledger("responsible", "ozg-beratung-kommunen", "--ledger", "ledger.jsonl", "--at", "2021-01-01")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("kv40"), result.stdout)
        XCTAssertEqual(try text(path("target")), "precious\n")
        let index = try FileManager.default.attributesOfItem(atPath: path("ledger.jsonl.index"))
        XCTAssertEqual(index[.type] as? FileAttributeType, .typeRegular, "the index was written, as a file of its own")
        for link in links { XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), path("target")) }
        try assertLedgerUntouched()
    }

    func testASymlinkAtTheOutPathIsReplacedNotFollowedAndOnlyWithForce() throws {
        try plant("precious\n", at: path("target"))
        try FileManager.default.createSymbolicLink(atPath: path("page.html"), withDestinationPath: path("target"))
        assertRefused(try ledger("export", "html", "--ledger", "ledger.jsonl", "--out", "page.html"),
                      naming: ["'page.html'", "symbolic link", "--force"])
        XCTAssertEqual(try ledger("export", "html", "--ledger", "ledger.jsonl", "--out", "page.html", "--force").status, 0)
        XCTAssertEqual(try text(path("target")), "precious\n")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path("page.html"))[.type] as? FileAttributeType, .typeRegular)
    }

    // MARK: Someone else's file

    func testAnExistingForeignFileIsRefusedWithoutForceAndReplacedWithIt() throws {
        try plant("<p>my notes</p>\n", at: path("notes.html"))
        assertRefused(try ledger("export", "html", "--ledger", "ledger.jsonl", "--out", "notes.html"),
                      naming: ["refusing to replace 'notes.html'", "not written by ledger export", "--force"])
        XCTAssertEqual(try text(path("notes.html")), "<p>my notes</p>\n")
        XCTAssertEqual(try ledger("export", "html", "--ledger", "ledger.jsonl", "--out", "notes.html", "--force").status, 0)
        XCTAssertTrue(try text(path("notes.html")).contains(#"<meta name="generator" content="ledger export html">"#))
    }

    func testTheToolsOwnExportIsReplacedWithoutForce() throws {
        XCTAssertEqual(try ledger("export", "html", "--ledger", "ledger.jsonl", "--out", "out", "--at", "2020-06-30").status, 0)
        XCTAssertEqual(try ledger("export", "html", "--ledger", "ledger.jsonl", "--out", "out", "--at", "2021-01-01").status, 0)
        XCTAssertEqual(try text(path("out")), try ledger("export", "html", "--ledger", "ledger.jsonl", "--at", "2021-01-01").stdout)
        XCTAssertEqual(try ledger("export", "jsonld", "--ledger", "ledger.jsonl", "--out", "out").status, 0)
        XCTAssertTrue(try text(path("out")).contains(#""ledger:generator": "ledger export jsonld""#))
        XCTAssertEqual(try ledger("export", "html", "--ledger", "ledger.jsonl", "--out", "out").status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }, [])
    }

    func testADirectoryOrAFIFOIsRefusedAsAnOutput() throws {
        try FileManager.default.createDirectory(atPath: path("pages"), withIntermediateDirectories: false)
        assertRefused(try ledger("export", "html", "--ledger", "ledger.jsonl", "--out", "pages", "--force"),
                      naming: ["refusing to write 'pages': it is a directory, not a regular file"])
        XCTAssertEqual(mkfifo(path("pipe"), 0o644), 0)
        assertRefused(try ledger("generate", "--records", "3", "--out", "pipe", "--force"),
                      naming: ["refusing to write 'pipe': it is a FIFO, not a regular file"])
    }

    // MARK: Leftovers of killed writers

    func testAStaleIndexTemporaryFileOfADeadProcessIsRemovedByTheNextQuery() throws {
        let dead = try DeadProcess.pid()
        try XCTSkipIf(DeadProcess.isLive(dead), "pid \(dead) was handed out again already")
        var stale = [path("ledger.jsonl.index.tmp-\(dead)"), path("ledger.jsonl.index.tmp-\(dead)-0badf00d")]
        if !DeadProcess.isLive(999_999) { stale.append(path("ledger.jsonl.index.tmp-999999")) }
        let live = path("ledger.jsonl.index.tmp-\(getpid())")
        for file in stale + [live] { try plant("half an index", at: file) }

        let result = try ledger("units", "--ledger", "ledger.jsonl", "--at", "2021-01-01")

        XCTAssertEqual(result.status, 0, result.stderr)
        for file in stale { XCTAssertFalse(exists(file), "\(file) should be gone") }
        XCTAssertEqual(try text(live), "half an index", "a live writer's temporary file is left alone")
        XCTAssertTrue(exists(path("ledger.jsonl.index")))
    }

    func testHelpSaysWhatOutReplaces() throws {
        for command in [["export", "html"], ["export", "jsonld"]] {
            let help = try LedgerProcess.run(command + ["--help"]).stdout
            for fragment in ["--force", "ledger export html", "index tail or journal", "first 4 KB"] {
                XCTAssertTrue(help.replacingOccurrences(of: "\n", with: " ").contains(fragment), "\(command): \(fragment)")
            }
        }
        let generate = try LedgerProcess.run(["generate", "--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
        for fragment in ["--force", "missing or empty", "holds a ledger"] { XCTAssertTrue(generate.contains(fragment), fragment) }
    }
}
