import Foundation
import XCTest

/// The everyday questions answered without workarounds (issue 17, "Everyday questions need
/// workarounds"): the head, a head by its prefix, a task's ministry period by period, a diff that
/// names its records and refuses to run backwards, and CSV of every list.
final class EverydayQuestionsTests: XCTestCase {
    private func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try LedgerProcess.run(arguments + ["--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    private var head: String { (try? json(["verify"])["head"] as? String) ?? "" }

    /// The records of `events/ledger.jsonl` as stored, so the tests follow the history as it grows.
    private func eventsRecords() throws -> [[String: Any]] {
        let text = try String(contentsOf: LedgerProcess.repository.appendingPathComponent("events/ledger.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    func testHeadPrintsTheHashOfTheLastRecord() throws {
        let text = try LedgerProcess.run(["head"])
        XCTAssertEqual(text.status, 0)
        XCTAssertEqual(text.stdout, head + "\n")
        let report = try json(["head"])
        XCTAssertEqual(report["head"] as? String, head)
        let records = try eventsRecords()
        XCTAssertEqual(report["records"] as? Int, records.count)
        XCTAssertEqual(report["record"] as? String, records.last?["id"] as? String)
    }

    func testExpectHeadTakesAPrefixOfEightDigitsAndCallsAnythingElseAUsageError() throws {
        let prefix = String(head.prefix(8))
        let verified = try LedgerProcess.run(["verify", "--expect-head", prefix.uppercased()])
        XCTAssertEqual(verified.status, 0, verified.stderr)
        XCTAssertTrue(verified.stdout.contains("expected head found at seq \(try eventsRecords().count)"), verified.stdout)
        let record = #"{"id":"probe","date":"2021-06","type":"decision","title":"Probe","sources":[{"title":"Test"}]}"#
        let appended = try LedgerProcess.run(["append", "--dry-run", "--expect-head", prefix], input: record)
        XCTAssertEqual(appended.status, 0, appended.stderr)
        for malformed in ["deadbee", "not-a-hash", String(repeating: "a", count: 65)] {
            for command in [["verify"], ["append", "--dry-run"]] {
                let result = try LedgerProcess.run(command + ["--expect-head", malformed], input: record)
                XCTAssertEqual(result.status, 64, "\(command) \(malformed)")
                XCTAssertTrue(result.stderr.hasPrefix("Error: The value '\(malformed)' is invalid for '--expect-head <hash>'"), result.stderr)
            }
        }
        // Eight hex digits that are no record's: history was rewritten, not "someone appended since".
        let foreign = try LedgerProcess.run(["append", "--dry-run", "--expect-head", "deadbeef"], input: record)
        XCTAssertEqual(foreign.status, 3)
        XCTAssertTrue(foreign.stderr.contains("history was rewritten or this is another ledger"), foreign.stderr)
    }

    func testTimelineShowsInWhichMinistryATaskWasPeriodByPeriod() throws {
        let text = try LedgerProcess.run(["timeline", "ozg-beratung-kommunen"])
        XCTAssertEqual(text.status, 0, text.stderr)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4)
        XCTAssertTrue(lines[2].contains("2019-01     2020-12-31  kv40    kv40 › tlvwa › tmik › landesregierung"), lines[2])
        XCTAssertTrue(lines[3].contains("2021-01-01  …           kv40    kv40 › tfm-egov-it › tfm › landesregierung  2020-12-kabinett-angliederung-kv40"), lines[3])
        let periods = try XCTUnwrap(try json(["timeline", "kv40"])["periods"] as? [[String: Any]])
        XCTAssertEqual(periods.map { $0["parent"] as? String }, ["tlvwa", "tfm-egov-it"])
        XCTAssertEqual(periods.map { $0["record"] as? String }, ["2019-01-kv40-arbeitsbeginn", "2020-12-kabinett-angliederung-kv40"])
        // Before the corrections of 2026-12-02 the ledger dated the Kompetenzzentrum from the cabinet decision.
        let before = try XCTUnwrap(try json(["timeline", "kv40", "--known-at", "2026-11-24"])["periods"] as? [[String: Any]])
        XCTAssertEqual(before.map { $0["from"] as? String }, ["2017-09-26", "2021-01-01"])
        XCTAssertEqual(before.map { $0["record"] as? String }, ["2017-09-26-kabinett-verwaltung-4-0", "2020-12-kabinett-angliederung-kv40"])
        let record = try LedgerProcess.run(["timeline", "2019-kiv-umgegruendet"])
        XCTAssertEqual(record.status, 1)
        XCTAssertTrue(record.stderr.contains("is neither a task nor a unit"), record.stderr)
    }

    func testDiffRefusesToRunBackwards() throws {
        let result = try LedgerProcess.run(["diff", "--from", "2022", "--to", "2019"])
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.hasPrefix("Error: --from 2022 is after --to 2019"), result.stderr)
    }

    func testDiffNamesTheRecordAndDateOfEachChange() throws {
        let text = try LedgerProcess.run(["diff", "--from", "2018-12-31", "--to", "2019-01-01"])
        XCTAssertTrue(text.stdout.contains("- dissolved tlvwa-abt-iv  Abteilung IV des Landesverwaltungsamts (department)   [2019-01, 2019-01-kv40-arbeitsbeginn]"), text.stdout)
        let diff = try json(["diff", "--from", "2020-12-31", "--to", "2021-01-01"])
        let moved = try XCTUnwrap((diff["moved"] as? [[String: Any]])?.first)
        XCTAssertEqual(moved["record"] as? String, "2020-12-kabinett-angliederung-kv40")
        XCTAssertEqual(moved["date"] as? String, "2021-01-01")
        let ended = try XCTUnwrap((diff["supervisionEnded"] as? [[String: Any]])?.first)
        XCTAssertEqual(ended["record"] as? String, "2020-12-kabinett-angliederung-kv40")
    }

    func testUnitsTasksAndHistoryComeAsCSV() throws {
        for (command, header) in [(["units", "--at", "2021"], "unit,name,abbreviation,kind,parent,relation,established,at"),
                                  (["tasks", "--at", "2021"], "task,title,unit,unit_name,unit_kind,since,record,at"),
                                  (["history", "kv40"], "date,effective,record,type,title,recorded,corrects,retracts,withdrawn_by,withdrawal,changes,sources")] {
            let result = try LedgerProcess.run(command + ["--format", "csv"])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stdout.hasPrefix(header + "\r\n"), "\(command): \(result.stdout.prefix(120))")
            XCTAssertTrue(result.stdout.hasSuffix("\r\n"), "\(command)")
        }
        let units = try LedgerProcess.run(["units", "--at", "2021", "--format", "csv"]).stdout
        XCTAssertTrue(units.contains("\r\nkv40,Kompetenzzentrum Verwaltung 4.0,,division,tfm-egov-it,partOf,2019-01,2021\r\n"), units)
    }
}
