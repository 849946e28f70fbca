import Foundation
import XCTest

/// Corrections made safe (issue 17, "Corrections are easy to get wrong and hard to check"):
/// `show` says when a record no longer counts and why, `ledger correct` starts a correction from
/// the changes in force, a correction that would withdraw every change is refused, and the dry
/// run of a record that reaches back shows every answer it changes, for which valid dates.
final class CorrectionsMadeSafeTests: EventsCopyTestCase {
    private func ledger(_ arguments: [String], input: String? = nil) throws -> LedgerProcess.Result {
        try LedgerProcess.run(arguments + ["--ledger", ledgerPath], input: input)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    // MARK: show

    func testShowSaysWhenARecordWasCorrectedAndByWhat() throws {
        let text = try ledger(["show", "2017-tmik-grobkonzept-kv40"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("\n  CORRECTED by 2017-tmik-grobkonzept-kv40-berichtigt: its changes no longer count\n"), text.stdout)
        let object = try json(try ledger(["show", "2017-tmik-grobkonzept-kv40", "--format", "json"]).stdout)
        XCTAssertEqual(object["withdrawnBy"] as? String, "2017-tmik-grobkonzept-kv40-berichtigt")
        XCTAssertEqual(object["withdrawal"] as? String, "corrected")
        // The record as stored, members only added.
        XCTAssertEqual(object["hash"] as? String, "e022264358c3509431d35aeb2b29cee0813f9d49f2d9c5bb7095ce7a43447aaa")
        XCTAssertEqual(object["seq"] as? Int, 5)
    }

    func testShowSaysWhenARecordWasRetractedAndThatOthersCount() throws {
        let retracted = try ledger(["show", "2020-12-10-schubert-staatssekretaer"])
        XCTAssertTrue(retracted.stdout.contains("\n  RETRACTED by 2020-12-10-schubert-staatssekretaer-zurueckgenommen: its changes no longer count\n"),
                      retracted.stdout)
        let object = try json(try ledger(["show", "2020-12-10-schubert-staatssekretaer", "--format", "json"]).stdout)
        XCTAssertEqual(object["withdrawal"] as? String, "retracted")
        XCTAssertEqual(object["withdrawnBy"] as? String, "2020-12-10-schubert-staatssekretaer-zurueckgenommen")
        let counting = try ledger(["show", "2020-12-kabinett-angliederung-kv40"])
        XCTAssertFalse(counting.stdout.contains("CORRECTED") || counting.stdout.contains("RETRACTED"), counting.stdout)
        let countingJSON = try json(try ledger(["show", "2020-12-kabinett-angliederung-kv40", "--format", "json"]).stdout)
        XCTAssertTrue(countingJSON["withdrawnBy"] is NSNull)
        XCTAssertTrue(countingJSON["withdrawal"] is NSNull)
    }

    func testShowAndHistoryAgreeOnEveryRecord() throws {
        let history = try json(try ledger(["history", "--format", "json"]).stdout)
        let records = try XCTUnwrap(history["records"] as? [[String: Any]])
        XCTAssertEqual(records.count, eventsRecords)
        for record in records {
            let id = try XCTUnwrap(record["id"] as? String)
            let shown = try json(try ledger(["show", id, "--format", "json"]).stdout)
            XCTAssertEqual(shown["withdrawnBy"] as? String, record["withdrawnBy"] as? String, id)
            XCTAssertEqual(shown["withdrawal"] as? String, record["withdrawal"] as? String, id)
        }
    }

    // MARK: A correction that withdraws every change

    /// Appends `input` (with `options`), expects exit 1 with every fragment in the one-line error
    /// on stderr, nothing on stdout, and the ledger byte for byte as it was.
    private func assertRefused(_ input: String, _ fragments: String..., options: [String] = [],
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: ledgerPath))
        let result = try ledger(["append", "-"] + options, input: input)
        XCTAssertEqual(result.status, 1, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, result.stderr, file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(result.stderr.contains(fragment), "\(fragment) not in \(result.stderr)", file: file, line: line)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledgerPath)), before, "the ledger changed", file: file, line: line)
    }

    /// The correction the issue met: it gave no changes, and silently undid the whole 2020 move.
    private static let emptyCorrection = """
        {
          "id": "2020-12-berichtigung",
          "date": "2020-12",
          "type": "correction",
          "title": "Angliederung des Kompetenzzentrums: Berichtigung",
          "sources": [{"title": "Testquelle"}],
          "corrects": "2020-12-kabinett-angliederung-kv40"
        }
        """

    func testACorrectionWithoutChangesIsRefusedAndPointsToARetraction() throws {
        let expected = #"Error: line 1, record '2020-12-berichtigung': field 'changes': a correction without changes would withdraw the 6 changes in force of '2020-12-kabinett-angliederung-kv40' and put none in their place; to withdraw them, say so with a retraction: "retracts": "2020-12-kabinett-angliederung-kv40" instead of "corrects" (and "type": "retraction"); to correct them, give the changes that hold instead ('ledger correct 2020-12-kabinett-angliederung-kv40' prints those in force)"#
        try assertRefused(Self.emptyCorrection, expected)
        try assertRefused(Self.emptyCorrection, expected, options: ["--dry-run"])
        try assertRefused(Self.emptyCorrection.replacingOccurrences(of: #""corrects""#, with: #""changes": [], "corrects""#), "would withdraw the 6 changes")
        // The move still counts: kv40 is in the Finance Ministry's E-Government department.
        let answer = try ledger(["responsible", "ozg-beratung-kommunen", "--at", "2021-01-01", "--format", "json"])
        let path = try XCTUnwrap(try json(answer.stdout)["path"] as? [[String: Any]])
        XCTAssertEqual(path.compactMap { $0["id"] as? String }.prefix(2), ["kv40", "tfm-egov-it"])
        XCTAssertEqual(try ledger(["verify"]).status, 0)
    }
}
