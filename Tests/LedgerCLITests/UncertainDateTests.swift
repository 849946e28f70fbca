import Foundation
import XCTest

/// Dates the sources leave open, through the binary: every output shows the qualifier, and an
/// answer on a day left open says so.
final class UncertainDateCLITests: XCTestCase {
    private var directory: URL!
    private var path: String { directory.appendingPathComponent("ledger.jsonl").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("open-dates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        XCTAssertEqual(try LedgerProcess.run(["init", path]).status, 0)
        let source = #""sources":[{"title":"Landesamt, Internetseite","published":"2020?"}]"#
        let records = [
            #"{"id":"base","date":"2018","type":"baseline","title":"Ausgangslage",\#(source),"changes":[{"op":"establishUnit","unit":"amt","name":"Landesamt","kind":"authority"},{"op":"defineTask","task":"beratung","title":"Beratung der Kommunen"},{"op":"assignTask","task":"beratung","unit":"amt"}]}"#,
            #"{"id":"gutachten","date":"2018-09-06","type":"report","title":"Gutachten",\#(source)}"#,
            #"{"id":"team","date":"2018-09-06..","type":"event","title":"Kompetenzteam eingerichtet",\#(source),"changes":[{"op":"establishUnit","unit":"team","name":"Kompetenzteam","kind":"team","parent":"amt"},{"op":"transferTask","task":"beratung","from":"amt","to":"team"}]}"#,
        ]
        let result = try LedgerProcess.run(["append", "--ledger", path], input: records.joined(separator: "\n"))
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testTheAnswerSaysSinceWhenInWordsAndWhatIsLeftOpen() throws {
        let result = try LedgerProcess.run(["responsible", "beratung", "--at", "2018-10-01", "--explain", "--ledger", path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("  Since 2018-09-06 or later, by record team"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Uncertain on 2018-10-01: the sources leave open when these records took effect:"))
        XCTAssertTrue(result.stdout.contains("  team  2018-09-06 or later  counted, may have come later  beratung, team"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  team  (event, 2018-09-06 or later, recorded "), result.stdout)
        XCTAssertTrue(result.stdout.contains("source: Landesamt, Internetseite — 2020 (uncertain)"), result.stdout)
    }

    func testTheJSONAnswerKeepsTheDateAsStoredAndAddsItsBounds() throws {
        let result = try LedgerProcess.run(["responsible", "beratung", "--at", "2018-10-01", "--format", "json", "--ledger", path])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["since"] as? String, "2018-09-06..")
        let bounds = try XCTUnwrap(json["sinceBounds"] as? [String: Any])
        XCTAssertEqual(bounds["earliest"] as? String, "2018-09-06")
        XCTAssertTrue(bounds["latest"] is NSNull)
        XCTAssertEqual(bounds["edtf"] as? String, "[2018-09-06..]")
        XCTAssertEqual(bounds["text"] as? String, "2018-09-06 or later")
        let uncertain = try XCTUnwrap(json["uncertain"] as? [[String: Any]])
        XCTAssertEqual(uncertain.map { $0["record"] as? String }, ["team"])
        XCTAssertEqual(uncertain.first?["applied"] as? Bool, true)
        // Before the first possible day nothing is open, and an exact date has no bounds.
        let before = try LedgerProcess.run(["responsible", "beratung", "--at", "2018-09-05", "--format", "json", "--ledger", path])
        let plain = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any])
        XCTAssertTrue(plain["sinceBounds"] is NSNull)
        XCTAssertEqual((plain["uncertain"] as? [Any])?.count, 0)
    }

    func testTheHistoryListsTheRecordAfterTheGutachtenAndTheListsNameWhatIsOpen() throws {
        let history = try LedgerProcess.run(["history", "--ledger", path])
        let gutachten = try XCTUnwrap(history.stdout.range(of: "2018-09-06  gutachten"))
        let team = try XCTUnwrap(history.stdout.range(of: "2018-09-06 or later  team"))
        XCTAssertLessThan(gutachten.lowerBound, team.lowerBound)
        let units = try LedgerProcess.run(["units", "--at", "2019", "--ledger", path])
        XCTAssertTrue(units.stdout.contains("Uncertain on 2019: "), units.stdout)
        let chart = try LedgerProcess.run(["orgchart", "--at", "2019", "--format", "json", "--ledger", path])
        XCTAssertTrue(chart.stdout.contains("\"text\": \"2018-09-06 or later\""), chart.stdout)
        let csv = try LedgerProcess.run(["responsibilities", "--at", "2019", "--format", "csv", "--ledger", path])
        XCTAssertTrue(csv.stdout.contains(",2018-09-06..,team,"), csv.stdout)
    }

    func testAQuestionIsAskedAboutOneDayNotAnOpenDate() throws {
        let result = try LedgerProcess.run(["responsible", "beratung", "--at", "2019~", "--ledger", path])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("The value '2019~' is invalid for '--at <date>': expected YYYY, YYYY-MM or YYYY-MM-DD, not about 2019"), result.stderr)
    }
}
