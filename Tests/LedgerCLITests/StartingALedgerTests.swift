import Foundation
import XCTest

/// A ledger of one's own starts with `ledger init`; until then there is no ledger, and no command
/// pretends there is an empty one (issue 17, "A missing ledger looks like an empty one").
final class StartingALedgerTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("start-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func run(_ arguments: [String], input: String? = nil) throws -> LedgerProcess.Result {
        try LedgerProcess.run(arguments, input: input, in: directory)
    }

    private func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path)
    }

    private static let record = #"{"id":"a","date":"2020","type":"decision","title":"Landesregierung","sources":[{"title":"Organigramm"}],"changes":[{"op":"establishUnit","unit":"land","name":"Landesregierung","kind":"government"}]}"#

    func testInitCreatesAnEmptyLedgerAndTheDirectoryForIt() throws {
        let created = try run(["init"])
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertEqual(created.stderr, "")
        XCTAssertTrue(created.stdout.hasPrefix("created directory events/\ncreated an empty ledger at events/ledger.jsonl\n"), created.stdout)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("events/ledger.jsonl").path)
        XCTAssertEqual(attributes[.size] as? Int, 0)
        let verify = try run(["verify"])
        XCTAssertEqual(verify.status, 0)
        XCTAssertTrue(verify.stdout.hasPrefix("ok: 0 records"), verify.stdout)
    }

    func testInitAtAnotherPathSaysHowToPointAtIt() throws {
        let created = try run(["init", "thueringen.jsonl"])
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(created.stdout.contains("'ledger --ledger thueringen.jsonl append first.json --dry-run'"), created.stdout)
        XCTAssertEqual(try run(["--ledger", "thueringen.jsonl", "verify"]).status, 0)
    }

    func testInitNeverTouchesAnExistingFile() throws {
        let path = directory.appendingPathComponent("ledger.jsonl")
        try FileManager.default.copyItem(at: LedgerProcess.repository.appendingPathComponent("events/ledger.jsonl"), to: path)
        let before = try Data(contentsOf: path)
        let again = try run(["init", "ledger.jsonl"])
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.stdout, "")
        XCTAssertTrue(again.stderr.hasPrefix("Error: 'ledger.jsonl' already exists (a file of \(before.count) bytes); init never replaces a file"), again.stderr)
        XCTAssertEqual(try Data(contentsOf: path), before)
    }

    func testEveryCommandRefusesAMissingLedgerNamingItAndInit() throws {
        let expected = "Error: there is no ledger at 'typo.jsonl'; create one with 'ledger init typo.jsonl', or point --ledger (or $LEDGER) at an existing ledger file\n"
        let batch = directory.appendingPathComponent("batch.jsonl")
        try Data(Self.record.utf8).write(to: batch)
        let commands: [[String]] = [
            ["units"], ["tasks"], ["orgchart"], ["responsibilities"], ["responsible", "ozg-beratung-kommunen"], ["history"],
            ["diff", "--from", "2020", "--to", "2021"], ["show", "a"], ["verify"], ["verify", "--format", "json"], ["repair"],
            ["export", "html"], ["export", "jsonld"], ["append", batch.path], ["append", "--dry-run", batch.path],
        ]
        for command in commands {
            let result = try run(["--ledger", "typo.jsonl"] + command)
            XCTAssertEqual(result.status, 1, "\(command)")
            XCTAssertEqual(result.stderr, expected, "\(command)")
            // Nothing on stdout vouches for it (verify --format json says "ok": false).
            XCTAssertFalse(result.stdout.contains("ok:") || result.stdout.contains("true"), "\(command): \(result.stdout)")
            XCTAssertFalse(exists("typo.jsonl"), "\(command) created the ledger")
        }
    }

    func testVerifyNeverSaysOkAboutAFileThatIsNotThere() throws {
        let text = try run(["verify"])
        XCTAssertEqual(text.status, 1)
        XCTAssertEqual(text.stdout, "")
        let json = try run(["verify", "--format", "json"])
        XCTAssertEqual(json.status, 1)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["ok"] as? Bool, false)
        XCTAssertTrue((report["error"] as? String)?.contains("ledger init") == true)
    }

    func testAppendToAMissingLedgerCreatesNothingNotEvenItsDirectory() throws {
        let refused = try run(["append", "-"], input: Self.record)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("there is no ledger at 'events/ledger.jsonl'; create one with 'ledger init events/ledger.jsonl'"), refused.stderr)
        XCTAssertFalse(exists("events"))
        // A record the rules refuse, into a ledger that is not there: still no file.
        let broken = Self.record.replacingOccurrences(of: #""op":"establishUnit""#, with: #""op":"renameUnit""#)
        XCTAssertEqual(try run(["--ledger", "l.jsonl", "append", "-"], input: broken).status, 1)
        XCTAssertFalse(exists("l.jsonl"))
    }

    func testAfterInitTheFirstRecordIsStored() throws {
        XCTAssertEqual(try run(["init"]).status, 0)
        let stored = try run(["append", "-"], input: Self.record)
        XCTAssertEqual(stored.status, 0, stored.stderr)
        XCTAssertTrue(stored.stdout.hasPrefix("stored seq 1  a  "), stored.stdout)
        XCTAssertTrue(try run(["units", "--at", "2021"]).stdout.contains("land"))
    }
}
