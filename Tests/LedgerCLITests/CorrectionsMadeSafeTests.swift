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
}
