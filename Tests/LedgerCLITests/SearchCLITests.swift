import Foundation
import XCTest

/// `ledger search` and the "did you mean" of unknown ids, as a new user meets them.
final class SearchCLITests: XCTestCase {
    func testSearchFindsTheOZGTasksAndThuringiaInEverySpelling() throws {
        let ozg = try LedgerProcess.run(["search", "ozg"])
        XCTAssertEqual(ozg.status, 0, ozg.stderr)
        XCTAssertTrue(ozg.stdout.hasPrefix("2 matches for 'ozg', best first:\n"), ozg.stdout)
        XCTAssertTrue(ozg.stdout.contains("  task  ozg-beratung-kommunen  Beratung der Kommunen zur Umsetzung des Onlinezugangsgesetzes"), ozg.stdout)
        let umlaut = try LedgerProcess.run(["search", "thüringer"])
        let spelled = try LedgerProcess.run(["search", "thueringer"])
        XCTAssertEqual(umlaut.stdout.split(separator: "\n").dropFirst(), spelled.stdout.split(separator: "\n").dropFirst())
        XCTAssertTrue(umlaut.stdout.contains("  unit    tfm"), umlaut.stdout)
    }

    func testSearchAsJSONAndAtADate() throws {
        let result = try LedgerProcess.run(["search", "kompetenz", "--at", "2018-06-05", "--format", "json"])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["at"] as? String, "2018-06-05")
        let hits = try XCTUnwrap(json["hits"] as? [[String: Any]])
        XCTAssertFalse(hits.contains { $0["kind"] as? String == "unit" }, "the Kompetenzzentrum did not exist yet")
        XCTAssertTrue(hits.contains { $0["id"] as? String == "2017-tmik-grobkonzept-kv40-berichtigt" })
    }

    func testAnEmptySearchIsAClearError() throws {
        let result = try LedgerProcess.run(["search", " - "])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "Error: the search ' - ' has no letter or digit to look for\n")
    }

    func testAnUnknownIdSuggestsTheNearestAndTheSearch() throws {
        let task = try LedgerProcess.run(["responsible", "OZG"])
        XCTAssertEqual(task.status, 1)
        XCTAssertEqual(task.stderr, "Error: unknown task 'OZG'; 'ledger tasks' lists the tasks; did you mean 'ozg-umsetzung', 'ozg-beratung-kommunen'? ('ledger search ozg' searches names and titles)\n")
        let person = try LedgerProcess.run(["history", "hartmut-schubbert"])
        XCTAssertTrue(person.stderr.contains("did you mean 'hartmut-schubert'"), person.stderr)
        let unit = try LedgerProcess.run(["orgchart", "--root", "kv4"])
        XCTAssertTrue(unit.stderr.contains("unknown unit 'kv4'; 'ledger units' lists the units; did you mean 'kv40'"), unit.stderr)
        let record = try LedgerProcess.run(["show", "2019-01-kv40"])
        XCTAssertTrue(record.stderr.contains("did you mean '2019-01-kv40-arbeitsbeginn'?"), record.stderr)
    }
}
