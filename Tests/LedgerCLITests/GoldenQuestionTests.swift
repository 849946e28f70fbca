import Foundation
import XCTest

/// Every question of `shared/domain.md`, asked through the real binary: as the ledger answers now,
/// and (`--known-at 2026-11-30`) as it answered before the corrections of December 2026.
final class GoldenQuestionTests: XCTestCase {
    /// After the first entries, before the corrections.
    static let beforeCorrections = "2026-11-30"

    func testOZGConsultingOn2020_06_30NamesKV40InTheTLVwAUnderFachaufsichtOfTheTFM() throws {
        for knownAt in ["now", Self.beforeCorrections] {
            let result = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2020-06-30", "--known-at", knownAt])
            XCTAssertEqual(result.status, 0)
            XCTAssertEqual(result.stderr, "")
            XCTAssertTrue(result.stdout.contains("  kv40  Kompetenzzentrum Verwaltung 4.0 (department)"))
            XCTAssertTrue(result.stdout.contains("tlvwa            Thüringer Landesverwaltungsamt [TLVwA] (authority)                  subordinate to"))
            XCTAssertTrue(result.stdout.contains("Fachaufsicht  by tfm  Thüringer Finanzministerium [TFM] (ministry)  over kv40"))
        }
        let now = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2020-06-30"])
        XCTAssertTrue(now.stdout.contains("  Since 2019-01, by record 2018-tmik-umsetzungskonzept-kv40-berichtigt"), now.stdout)
        XCTAssertTrue(now.stdout.contains("  georg-maier       Georg Maier       Minister für Inneres und Kommunales  in tmik"), now.stdout)
        let before = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2020-06-30", "--known-at", Self.beforeCorrections])
        XCTAssertTrue(before.stdout.contains("  Since 2018-09-06, by record 2018-tmik-umsetzungskonzept-kv40"), before.stdout)
    }

    func testTheKompetenzzentrumWasDecidedIn2017AndWorksFromJanuary2019() throws {
        let now = try LedgerProcess.run(["orgchart", "--at", "2018-06-05", "--root", "tlvwa"])
        XCTAssertEqual(now.stdout, """
            Organisation on 2018-06-05:
            tlvwa  Thüringer Landesverwaltungsamt [TLVwA] (authority)  (subordinate)
            └── tlvwa-abt-iv  Abteilung IV des Landesverwaltungsamts (department)

            """)
        let before = try LedgerProcess.run(["orgchart", "--at", "2018-06-05", "--root", "tlvwa", "--known-at", Self.beforeCorrections])
        XCTAssertTrue(before.stdout.contains("└── kv40  Kompetenzzentrum Verwaltung 4.0 (department)  [Fachaufsicht: tfm]"), before.stdout)
        let diff = try LedgerProcess.run(["diff", "--from", "2018-12-31", "--to", "2019-01-01"])
        XCTAssertTrue(diff.stdout.contains("  + established kv40  Kompetenzzentrum Verwaltung 4.0 (department)"), diff.stdout)
        XCTAssertTrue(diff.stdout.contains("  - dissolved tlvwa-abt-iv  Abteilung IV des Landesverwaltungsamts (department)"), diff.stdout)
    }

    func testHartmutSchubertsHistoryAndOfficesStartWithTheEarliestSource() throws {
        let history = try LedgerProcess.run(["history", "hartmut-schubert"])
        XCTAssertEqual(history.status, 0, history.stderr)
        XCTAssertTrue(history.stdout.hasPrefix("History of hartmut-schubert:\n2017-09-26  2017-09-26-schubert-finanzstaatssekretaer-cio"), history.stdout)
        XCTAssertTrue(history.stdout.contains("RETRACTED by 2020-12-10-schubert-staatssekretaer-zurueckgenommen"), history.stdout)
        let offices = try LedgerProcess.run(["offices", "--at", "2018-01-01", "--person", "schubert"])
        XCTAssertTrue(offices.stdout.contains("hartmut-schubert  Hartmut Schubert  Finanzstaatssekretär  in tfm"), offices.stdout)
        let before = try LedgerProcess.run(["offices", "--at", "2018-01-01", "--person", "schubert", "--known-at", Self.beforeCorrections])
        XCTAssertFalse(before.stdout.contains("Finanzstaatssekretär"), before.stdout)
    }

    func testOZGConsultingOn2021_01_01AsJSONNamesKV40InTheEGovernmentDepartmentOfTheTFM() throws {
        let result = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2021-01-01", "--format", "json"])
        XCTAssertEqual(result.status, 0)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["task"] as? String, "ozg-beratung-kommunen")
        XCTAssertEqual(json["at"] as? String, "2021-01-01")
        XCTAssertEqual((json["unit"] as? [String: Any])?["id"] as? String, "kv40")
        XCTAssertEqual((json["unit"] as? [String: Any])?["kind"] as? String, "division")
        let path = try XCTUnwrap(json["path"] as? [[String: Any]])
        XCTAssertEqual(path.map { $0["id"] as? String }, ["kv40", "tfm-egov-it", "tfm", "landesregierung"])
        XCTAssertEqual(path.map { $0["relation"] as? String }, ["partOf", "partOf", "partOf", nil])
        XCTAssertEqual(json["since"] as? String, "2019-01")
        XCTAssertEqual(json["record"] as? String, "2018-tmik-umsetzungskonzept-kv40-berichtigt")
        XCTAssertEqual((json["supervision"] as? [Any])?.count, 0)
        let before = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2021-01-01", "--format", "json",
                                            "--known-at", Self.beforeCorrections])
        let old = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(old["since"] as? String, "2018-09-06")
        XCTAssertEqual(old["record"] as? String, "2018-tmik-umsetzungskonzept-kv40")
        XCTAssertEqual((old["path"] as? [[String: Any]])?.map { $0["id"] as? String }, ["kv40", "tfm-egov-it", "tfm", "landesregierung"])
    }

    func testOn2020_12_15TheDecidedMoveIsNotYetEffective() throws {
        let result = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2020-12-15", "--format", "json"])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let path = try XCTUnwrap(json["path"] as? [[String: Any]])
        XCTAssertEqual(path.map { $0["id"] as? String }, ["kv40", "tlvwa", "tmik", "landesregierung"])
        let supervision = try XCTUnwrap(json["supervision"] as? [[String: Any]])
        XCTAssertEqual(supervision.first?["kind"] as? String, "fach")
        XCTAssertEqual((supervision.first?["supervisor"] as? [String: Any])?["id"] as? String, "tfm")
    }

    func testTheEGovernmentDepartmentExistsInSeptember2017ButNotInJuly() throws {
        let july = try LedgerProcess.run(["units", "--at", "2017-07-01"])
        let september = try LedgerProcess.run(["units", "--at", "2017-09-01"])
        XCTAssertFalse(july.stdout.contains("tfm-egov-it"))
        XCTAssertTrue(september.stdout.contains("tfm-egov-it"))
    }

    func testProcurementIsHandledByTheTLVwAAfterThe2017Decision() throws {
        let result = try LedgerProcess.run(["responsible", "vergabe-beschaffung", "--at", "2018-01-01", "--format", "json"])
        XCTAssertTrue(result.stdout.contains("\"id\": \"tlvwa\""))
    }

    func testTheHistoryOfKV40ListsEveryStepWithItsSource() throws {
        let result = try LedgerProcess.run(["history", "kv40"])
        XCTAssertEqual(result.status, 0)
        let ids = ["2017-09-26-kabinett-verwaltung-4-0-berichtigt", "2017-tmik-grobkonzept-kv40-berichtigt", "2018-04-tmik-beauftragt-kienbaum",
                   "2018-06-05-digitalisierungskabinett", "2018-09-06-kienbaum-gutachten", "2018-tmik-umsetzungskonzept-kv40-berichtigt",
                   "2019-01-kv40-arbeitsbeginn", "2019-kv40-kompetenzteams", "2020-kv40-bericht-erstes-jahr",
                   "2020-12-kabinett-angliederung-kv40"]
        var position = result.stdout.startIndex
        for id in ids {
            let range = try XCTUnwrap(result.stdout.range(of: id, range: position..<result.stdout.endIndex), id)
            position = range.upperBound
        }
        XCTAssertTrue(result.stdout.contains("effective 2021-01-01"))
        XCTAssertTrue(result.stdout.contains("source: Kompetenzzentrum Verwaltung 4.0 angegliedert — 2020-12-10"))
        XCTAssertTrue(result.stdout.contains("between 2017-09-26 and 2018-04  2017-tmik-grobkonzept-kv40-berichtigt  (concept)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("    CORRECTED by 2017-09-26-kabinett-verwaltung-4-0-berichtigt: its changes no longer count"))
        XCTAssertFalse(try LedgerProcess.run(["history", "kv40", "--known-at", Self.beforeCorrections]).stdout.contains("berichtigt"))
    }

    func testVerifyPassesOnTheEvents() throws {
        let result = try LedgerProcess.run(["verify"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("ok: "))
    }

    func testTheChainIsCheckedIndependentlyByPython() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "Scripts/verify-chain.py", "events/ledger.jsonl"]
        process.currentDirectoryURL = LedgerProcess.repository
        let out = Pipe()
        process.standardOutput = out
        do { try process.run() } catch { throw XCTSkip("python3 is not available") }
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }
}
