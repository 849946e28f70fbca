import Foundation
import XCTest

/// `--known-at` and `--explain` through the binary: what the ledger said then, and why.
final class TimeTravelTests: XCTestCase {
    func testExplainNamesTheRecordsAndSourcesBehindTheAnswer() throws {
        let result = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2021-01-01", "--explain"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("Because of:"))
        XCTAssertTrue(result.stdout.contains("2018-tmik-umsetzungskonzept-kv40-berichtigt  (concept, 2018-09-06 or later, effective 2019-01, recorded "),
                      result.stdout)
        XCTAssertTrue(result.stdout.contains("2020-12-kabinett-angliederung-kv40  (decision, 2020-12, effective 2021-01-01, recorded "))
        XCTAssertTrue(result.stdout.contains("placed kv40"))
        XCTAssertTrue(result.stdout.contains("source: Kompetenzzentrum Verwaltung 4.0 angegliedert — 2020-12-10 — https://www.kommune21.de/"))
        let before = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2021-01-01", "--explain", "--known-at", "2026-11-30"])
        XCTAssertTrue(before.stdout.contains("2018-tmik-umsetzungskonzept-kv40  (concept, 2018-09-06, recorded "), before.stdout)
    }

    func testTheJSONAnswerCarriesItsProvenance() throws {
        let result = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2020-06-30", "--format", "json"])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let provenance = try XCTUnwrap(json["provenance"] as? [[String: Any]])
        XCTAssertEqual(provenance.first?["record"] as? String, "2018-tmik-umsetzungskonzept-kv40-berichtigt")
        XCTAssertEqual(((provenance.first?["roles"] as? [[String: Any]])?.first)?["role"] as? String, "task")
        let supervision = provenance.first { ($0["roles"] as? [[String: Any]])?.contains { $0["role"] as? String == "supervision" } == true }
        XCTAssertEqual(supervision?["record"] as? String, "2019-01-kv40-arbeitsbeginn")
        XCTAssertEqual((supervision?["sources"] as? [[String: Any]])?.first?["title"] as? String, "Erfolg für Kompetenzzentrum Verwaltung 4.0")
        // As known before the corrections, the decision of 2017 with its unverifiable citation.
        let old = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2020-06-30", "--format", "json", "--known-at", "2026-11-30"])
        let oldJSON = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(old.stdout.utf8)) as? [String: Any])
        let oldSupervision = (oldJSON["provenance"] as? [[String: Any]])?.first {
            ($0["roles"] as? [[String: Any]])?.contains { $0["role"] as? String == "supervision" } == true
        }
        XCTAssertEqual(oldSupervision?["record"] as? String, "2017-09-26-kabinett-verwaltung-4-0")
        XCTAssertEqual((oldSupervision?["sources"] as? [Any])?.count, 3)
    }

    func testBeforeTheRecordsWereEnteredTheLedgerKnewNothing() throws {
        let result = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2021-01-01", "--known-at", "2020-12-01"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "Nobody was responsible for ozg-beratung-kommunen on 2021-01-01: the ledger as known at 2020-12-01 does not define the task by then.\n")
        let malformed = try LedgerProcess.run(["units", "--known-at", "yesterday"])
        XCTAssertEqual(malformed.status, 64)
    }

    func testACorrectionAppendedThroughTheCLIChangesLaterAnswersOnly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("time-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ledger.jsonl").path
        try FileManager.default.copyItem(atPath: LedgerProcess.repository.appendingPathComponent("events/ledger.jsonl").path, toPath: path)
        let source = #""sources":[{"title":"Testquelle"}]"#
        let wrong = #"{"id":"r-wrong","date":"2021-03","effective":"2021-06-01","type":"decision","title":"Umbenennung",\#(source),"changes":[{"op":"renameUnit","unit":"kv40","name":"Kompetenzzentrum Digitale Verwaltung"}]}"#
        XCTAssertEqual(try LedgerProcess.run(["append", "--ledger", path], input: wrong).status, 0)
        let between = try XCTUnwrap(try LedgerProcess.run(["show", "r-wrong", "--ledger", path, "--format", "json"]).stdout
            .components(separatedBy: "\"recorded\": \"").last?.prefix(20)).description
        sleep(1)
        let fix = #"{"id":"r-fix","date":"2021-03","effective":"2021-04-01","type":"correction","corrects":"r-wrong","title":"Umbenennung schon zum 1. April",\#(source),"changes":[{"op":"renameUnit","unit":"kv40","name":"Kompetenzzentrum Digitale Verwaltung"}]}"#
        XCTAssertEqual(try LedgerProcess.run(["append", "--ledger", path], input: fix).status, 0)
        let now = try LedgerProcess.run(["units", "--at", "2021-05-01", "--ledger", path])
        XCTAssertTrue(now.stdout.contains("Kompetenzzentrum Digitale Verwaltung"))
        let then = try LedgerProcess.run(["units", "--at", "2021-05-01", "--known-at", between, "--ledger", path])
        XCTAssertTrue(then.stdout.contains("Kompetenzzentrum Verwaltung 4.0"), then.stdout + then.stderr)
        let history = try LedgerProcess.run(["history", "r-wrong", "--ledger", path])
        XCTAssertTrue(history.stdout.contains("CORRECTED by r-fix"), history.stdout)
    }
}
