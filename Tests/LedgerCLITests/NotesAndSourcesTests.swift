import Foundation
import XCTest

/// Notes and sources in sight, through the binary on the Thuringian history: a caveat travels
/// with the answer, and every source says what rests on it.
final class NotesAndSourcesTests: XCTestCase {
    func testExplainAndHistoryShowEachRecordsNote() throws {
        let explain = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2020-06-30", "--explain"])
        XCTAssertTrue(explain.stdout.contains("      note: Corrects 2018-tmik-umsetzungskonzept-kv40, which dated the concept to 2018-09-06"), explain.stdout)
        let history = try LedgerProcess.run(["history", "2019-kv40-kompetenzteams"])
        XCTAssertTrue(history.stdout.contains("    note: The TLVwA page names the two Kompetenzteams without a date."), history.stdout)
        let json = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2020-06-30", "--format", "json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let notes = (object["provenance"] as? [[String: Any]])?.compactMap { $0["note"] as? String } ?? []
        XCTAssertTrue(notes.contains { $0.hasPrefix("Corrects 2018-tmik-umsetzungskonzept-kv40") })
    }

    func testSourcesListsEverySourceWithTheRecordsCitingIt() throws {
        let all = try LedgerProcess.run(["sources"])
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertTrue(all.stdout.contains("Erfolg für Kompetenzzentrum Verwaltung 4.0 — 2020 — https://www.kommune21.de/k21-meldungen/erfolg-fuer-kompetenzzentrum-verwaltung-4-0\n"))
        // The withdrawn citation is still listed, marked, with the record that cited it.
        XCTAssertTrue(all.stdout.contains("Modernisierung der Landesverwaltung beschlossen (Medieninformation 177/2017 der Thüringer Staatskanzlei)"))
        XCTAssertTrue(all.stdout.contains("[corrected by 2017-09-26-kabinett-verwaltung-4-0-berichtigt]"))
    }

    func testWhatRestsOnOneSourceByURLOrSeed() throws {
        let url = "https://www.thueringen.de/th5/tfm/aktuell/ai/100850/index.aspx"
        let result = try LedgerProcess.run(["sources", "--url", url, "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let sources = try XCTUnwrap(object["sources"] as? [[String: Any]])
        XCTAssertEqual(sources.count, 1)
        let records = try XCTUnwrap(sources.first?["records"] as? [[String: Any]]).map { $0["record"] as? String }
        XCTAssertEqual(Set(records.compactMap { $0 }), ["2017-08-tfm-abteilung-egov-it-quellen", "2017-09-26-kabinett-verwaltung-4-0-berichtigt",
                                                      "2017-09-26-tfm-vergabestelle-it-tlrz", "2017-09-26-schubert-finanzstaatssekretaer-cio",
                                                      "2020-12-10-schubert-staatssekretaer-zurueckgenommen", "2019-01-kv40-arbeitsbeginn"])
        let seed = try LedgerProcess.run(["sources", "--seed", "004"])
        XCTAssertTrue(seed.stdout.hasPrefix("Thüringen: Erstes Digitalisierungskabinett — 2018-06-07 — seed 004_5b961092617c47bc.txt\n"), seed.stdout)
        let unknown = try LedgerProcess.run(["sources", "--url", "https://example.org/nichts"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "Error: no record cites a source with URL 'https://example.org/nichts'; 'ledger sources' lists them\n")
    }
}
