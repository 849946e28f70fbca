import Foundation
import XCTest

/// The index and its tail are caches beside the ledger: used only when they describe the ledger
/// as it is and come from its owner. Each test replays a way they were once served as the truth.
final class CacheTrustTests: XCTestCase {
    private var directory: URL!
    private var ledgerPath: String { directory.appendingPathComponent("ledger.jsonl").path }
    private var indexPath: String { ledgerPath + ".index" }
    private var tailPath: String { ledgerPath + ".index-tail" }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cache-trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: LedgerProcess.repository.appendingPathComponent("events/ledger.jsonl"),
                                         to: URL(fileURLWithPath: ledgerPath))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func sh(_ line: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", line]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, line)
    }

    private static let newTask = #"{"id":"neue-aufgabe","date":"2021-06","type":"decision","title":"Neue Aufgabe","sources":[{"title":"Testquelle"}],"changes":[{"op":"defineTask","task":"neue-aufgabe","title":"Neue Aufgabe"},{"op":"assignTask","task":"neue-aufgabe","unit":"kv40"}]}"#

    func testAnInPlaceEditWithItsModificationTimeRestoredIsNotAnsweredFromTheIndex() throws {
        XCTAssertEqual(try LedgerProcess.run(["units", "--ledger", ledgerPath]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: indexPath))
        let text = try String(contentsOfFile: ledgerPath, encoding: .utf8)
        // One letter of a name, same length, then the modification time set back.
        let offset = try XCTUnwrap(text.utf8.firstRange(of: "Kompetenzzentrum Verwaltung".utf8)).lowerBound
        let byte = text.utf8.distance(from: text.utf8.startIndex, to: offset)
        try sh("cp -p '\(ledgerPath)' '\(ledgerPath).orig' && printf 'X' | dd of='\(ledgerPath)' bs=1 seek=\(byte) conv=notrunc 2>/dev/null && touch -r '\(ledgerPath).orig' '\(ledgerPath)'")
        let edited = try Data(contentsOf: URL(fileURLWithPath: ledgerPath))
        let query = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2020-06-30", "--ledger", ledgerPath])
        XCTAssertEqual(query.status, 2, query.stdout)
        XCTAssertTrue(query.stderr.contains("the record was edited"), query.stderr)
        let append = try LedgerProcess.run(["append", "-", "--ledger", ledgerPath], input: Self.newTask)
        XCTAssertEqual(append.status, 2, append.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledgerPath)), edited, "nothing was stored on top of the edit")
    }

    func testAnIndexOrTailThatOthersMayWriteIsNotUsedAndVerifySaysSo() throws {
        XCTAssertEqual(try LedgerProcess.run(["append", "-", "--ledger", ledgerPath], input: Self.newTask).status, 0)
        XCTAssertEqual(try LedgerProcess.run(["units", "--ledger", ledgerPath]).status, 0)
        XCTAssertEqual(try LedgerProcess.run(["append", "-", "--ledger", ledgerPath],
                                             input: Self.newTask.replacingOccurrences(of: "neue-aufgabe", with: "zweite-aufgabe")).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: tailPath), "the second append went into the tail")
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: indexPath)
        let verify = try LedgerProcess.run(["verify", "--ledger", ledgerPath])
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertTrue(verify.stdout.contains("index not used: it is not a regular file of the ledger's owner that only they may write"), verify.stdout)
        let answer = try LedgerProcess.run(["responsible", "zweite-aufgabe", "--ledger", ledgerPath])
        XCTAssertEqual(answer.status, 0, answer.stderr)
        XCTAssertTrue(answer.stdout.contains("kv40"))
        // The query built its own index in place of the one others could write.
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: indexPath)[.posixPermissions] as? Int)
        XCTAssertEqual(mode & 0o022, 0)
        XCTAssertTrue(try LedgerProcess.run(["verify", "--ledger", ledgerPath]).stdout.contains("index matches the ledger"))
    }

    func testAnIndexOfAnotherOwnerIsNotUsed() throws {
        guard getuid() == 0 else { throw XCTSkip("only root can give a file to another owner") }
        XCTAssertEqual(try LedgerProcess.run(["units", "--ledger", ledgerPath]).status, 0)
        XCTAssertEqual(chown(indexPath, 4242, 4242), 0)
        let verify = try LedgerProcess.run(["verify", "--ledger", ledgerPath, "--format", "json"])
        XCTAssertTrue(verify.stdout.contains(#""index": "untrusted""#), verify.stdout)
        XCTAssertEqual(try LedgerProcess.run(["units", "--ledger", ledgerPath]).status, 0)
        let owner = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: indexPath)[.ownerAccountID] as? Int)
        XCTAssertEqual(owner, 0, "the query replaced the foreign index with its own")
    }

    func testATailThatOthersMayWriteIsNotUsedByAnAppend() throws {
        XCTAssertEqual(try LedgerProcess.run(["units", "--ledger", ledgerPath]).status, 0)
        XCTAssertEqual(try LedgerProcess.run(["append", "-", "--ledger", ledgerPath], input: Self.newTask).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: tailPath))
        try FileManager.default.setAttributes([.posixPermissions: 0o646], ofItemAtPath: tailPath)
        let second = try LedgerProcess.run(["append", "-", "--ledger", ledgerPath],
                                           input: Self.newTask.replacingOccurrences(of: "neue-aufgabe", with: "zweite-aufgabe"))
        XCTAssertEqual(second.status, 0, second.stderr)
        let verify = try LedgerProcess.run(["verify", "--ledger", ledgerPath])
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertTrue(verify.stdout.contains("27 records"), verify.stdout)
    }
}
