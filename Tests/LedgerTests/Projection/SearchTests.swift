import Foundation
@testable import Ledger
import XCTest

/// Search as people type: case and German spellings folded, ranked, limited to a date; from the
/// records and from the index alike.
final class SearchTests: LedgerDirectoryTestCase {
    func testGermanSpellingsAndCaseFindTheSameUnits() throws {
        let ledger = try Ledger.open(path: RepositoryPaths.events)
        let spellings = ["thüringer", "Thueringer", "THURINGER"].map { try? ledger.search($0).hits.map(\.id) }
        XCTAssertEqual(spellings[0], spellings[1])
        XCTAssertEqual(spellings[1], spellings[2])
        XCTAssertEqual(try ledger.search("straße").hits.count, try ledger.search("strasse").hits.count)
        XCTAssertTrue(try ledger.search("thüringer finanz").hits.first?.id == "tfm")
    }

    func testHitsAreRankedByHowWellTheyMatch() throws {
        let ledger = try Ledger.open(path: RepositoryPaths.events)
        let tfm = try ledger.search("TFM")
        XCTAssertEqual(tfm.hits.first?.id, "tfm", "the whole id or abbreviation first")
        XCTAssertEqual(tfm.hits.first?.score, 100)
        let ozg = try ledger.search("ozg")
        XCTAssertEqual(Set(ozg.hits.prefix(2).map(\.id)), ["ozg-beratung-kommunen", "ozg-umsetzung"])
        XCTAssertTrue(ozg.hits.allSatisfy { $0.kind == .task })
        let kv40 = try XCTUnwrap(try ledger.search("kompetenzzentrum verwaltung").hits.first)
        XCTAssertEqual(kv40.id, "kv40")
        XCTAssertEqual(kv40.from?.description, "2019-01")
        let abteilung = try XCTUnwrap(try ledger.search("Abteilung IV").hits.first { $0.id == "tlvwa-abt-iv" })
        XCTAssertEqual(abteilung.until?.description, "2019-01-01", "the first day it no longer existed")
        let schubert = try XCTUnwrap(try ledger.search("schubert").hits.first)
        XCTAssertEqual(schubert.kind, .person)
        XCTAssertEqual(schubert.label, "Hartmut Schubert")
        XCTAssertEqual(schubert.from?.description, "2017-09-26")
    }

    func testAtADateOnlyWhatExistedThen() throws {
        let ledger = try Ledger.open(path: RepositoryPaths.events)
        XCTAssertFalse(try ledger.search("kompetenzzentrum", at: day("2018-06-05")).hits.contains { $0.kind == .unit })
        XCTAssertTrue(try ledger.search("abteilung iv", at: day("2018-06-05")).hits.contains { $0.id == "tlvwa-abt-iv" })
        XCTAssertFalse(try ledger.search("abteilung iv", at: day("2019-06-01")).hits.contains { $0.id == "tlvwa-abt-iv" })
        XCTAssertTrue(try ledger.search("2020", at: day("2019-12-31")).hits.allSatisfy { $0.kind != .record || $0.from!.firstDay <= day("2019-12-31").firstDay })
    }

    func testAnEmptySearchIsRefused() throws {
        let ledger = try Ledger.open(path: RepositoryPaths.events)
        XCTAssertThrowsError(try ledger.search(" – ")) { XCTAssertEqual("\($0)", "the search ' – ' has no letter or digit to look for") }
    }

    func testUnknownIdsSuggestTheNearest() throws {
        let ledger = try Ledger.open(path: RepositoryPaths.events)
        XCTAssertEqual(try ledger.suggestions(for: "ozg-beratung-komunen", kinds: [.task]), ["ozg-beratung-kommunen"])
        XCTAssertEqual(try ledger.suggestions(for: "kv4", kinds: [.unit]).first, "kv40")
        XCTAssertEqual(try ledger.suggestions(for: "xyz", kinds: [.unit]), [])
    }

    func testTheIndexFindsWhatTheRecordsFind() throws {
        var queries = ["u1", "unit", "renamed", "task 1", "record 1", "jürgen", "juergen mueller 3", "p2", "r1", "minister"]
        for seed in 1...30 as ClosedRange<UInt64> {
            var generator = RandomHistory(seed: seed &* 11)
            let builder = LedgerBuilder.from(generator.bodies(count: Int.random(in: 5...30, using: &generator.random)))
            let path = try write(builder, name: "s\(seed).jsonl")
            let ledger = try Ledger.open(path: path)
            XCTAssertTrue(IndexFile.build(ledgerPath: path))
            let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
            queries.append("u\(seed % 7)")
            let days = ledger.records.map(\.effectiveDate.firstDay).sorted()
            for query in queries {
                for date in [nil, ValidDate(dayNumber: days[days.count / 2])] {
                    XCTAssertEqual(try index.search(query, at: date, limit: 7),
                                   try ledger.search(query, at: date, limit: 7), "seed \(seed) '\(query)' at \(date?.description ?? "-")")
                }
            }
            XCTAssertNil(index.loadedLedger, "answered from the index")
        }
    }

    func testAfterAnAppendThroughTheIndexTheIndexBuiltAnewFindsTheNewRecord() throws {
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("a", "Amt A", .authority, in: "gov")])
        let path = try write(b)
        XCTAssertTrue(IndexFile.build(ledgerPath: path))
        var c = LedgerBuilder()
        c.record("later", "2005", [Op.establish("c", "Zentralstelle", .authority, in: "gov")])
        _ = try LedgerAppender.append([try XCTUnwrap(c.bodies.first)], to: path)
        let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
        XCTAssertFalse(index.tail.isEmpty, "the append went through the index")
        XCTAssertEqual(try index.search("zentral"), try Ledger.open(path: path).search("zentral"))
        XCTAssertEqual(try index.search("zentral").hits.map(\.id), ["c"])
        XCTAssertNil(index.loadedLedger, "the records were not read in full")
        XCTAssertFalse(FileManager.default.fileExists(atPath: IndexTail.path(forLedger: path)), "the tail is in the new index")
    }
}
