import Foundation
@testable import Ledger
import XCTest

/// The index built without holding the records (`IndexFile.build`) is byte for byte the index
/// built from the ledger read in full, and is built only for ledgers the full read accepts.
final class CompactIndexBuildTests: LedgerDirectoryTestCase {
    /// The compact build and the full one agree: both index the ledger, into identical files, or
    /// neither does.
    private func assertBuildsAlike(_ path: String, _ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let indexPath = IndexFile.path(forLedger: path)
        try? FileManager.default.removeItem(atPath: indexPath)
        let built = IndexFile.build(ledgerPath: path)
        let compact = built ? try Data(contentsOf: URL(fileURLWithPath: indexPath)) : nil
        try? FileManager.default.removeItem(atPath: indexPath)
        guard let ledger = try? Ledger.open(path: path), !ledger.records.isEmpty else {
            XCTAssertFalse(built, "\(context): indexed a ledger the full read refuses", file: file, line: line)
            XCTAssertFalse(FileManager.default.fileExists(atPath: indexPath), context, file: file, line: line)
            return
        }
        XCTAssertTrue(IndexFile.write(for: ledger, ledgerPath: path), context, file: file, line: line)
        let full = try Data(contentsOf: URL(fileURLWithPath: indexPath))
        let mine = try XCTUnwrap(compact, "\(context): the compact build gave up on a valid ledger", file: file, line: line)
        if mine != full {
            let at = zip(Array(mine), Array(full)).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(mine.count, full.count)
            XCTFail("\(context): the indexes differ from byte \(at) (\(mine.count) bytes, \(full.count) expected)", file: file, line: line)
        }
    }

    func testRandomHistoriesAreIndexedAsTheFullReadIndexesThem() throws {
        for seed in 1...200 as ClosedRange<UInt64> {
            var generator = RandomHistory(seed: seed &* 7)
            let builder = LedgerBuilder.from(generator.bodies(count: Int.random(in: 1...40, using: &generator.random)))
            try assertBuildsAlike(try write(builder, name: "h\(seed).jsonl"), "seed \(seed)")
        }
    }

    func testCorrectedAndRetractedRecordsAreIndexedAsTheFullReadIndexesThem() throws {
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("a", "Amt Eins", in: "gov"),
                                  Op.define("t1"), Op.assign("t1", to: "a")])
        b.record("rename-1", "2001-05", [Op.rename("a", "Amt 1")])
        b.record("fix-1", "2001", corrects: "rename-1", [Op.rename("a", "Amt Erstens")])
        b.record("fix-2", "2001-03-02", corrects: "rename-1", [Op.rename("a", "Amt Nummer Eins")])
        b.record("move", "2002", [Op.establish("b", "Amt Zwei", in: "gov"), Op.move("a", to: "b", .subordinateTo, kind: .authority)])
        b.record("drop", "2003", retracts: "move", [])
        try assertBuildsAlike(try write(b, name: "corrected.jsonl"), "corrections")
    }

    /// A move without `relation` keeps the unit's relation, in the index built from the compact
    /// reading as in the replay of the records (and both keep it across a later rename).
    func testAMoveWithoutRelationKeepsItInBothBuilds() throws {
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("im", "Innen", .ministry, in: "gov"),
                                  Op.establish("fm", "Finanzen", .ministry, in: "gov"),
                                  Op.establish("amt", "Landesamt", .authority, in: "im", .subordinateTo)])
        b.record("move", "2001", [Op.move("amt", to: "fm")])
        b.record("back", "2002", [Op.move("amt", to: "im", .partOf), Op.move("amt", to: "fm")])
        let path = try write(b, name: "relation.jsonl")
        try assertBuildsAlike(path, "relation kept")
        let ledger = try Ledger.open(path: path)
        XCTAssertEqual(try ledger.units(at: day("2001")).first { $0.unit.id == "amt" }?.relation, .subordinateTo)
        XCTAssertEqual(try ledger.units(at: day("2002")).first { $0.unit.id == "amt" }?.relation, .partOf)
        let indexed = try LedgerStore.openForQueries(path: path)
        XCTAssertEqual(try indexed.units(at: day("2001")).first { $0.unit.id == "amt" }?.relation, .subordinateTo)
    }

    func testTheThuringianAndGeneratedLedgersAreIndexedAsTheFullReadIndexesThem() throws {
        try assertBuildsAlike(RepositoryPaths.events, "events/")
        // Over a MiB, so two cores read it in two shares that must be joined.
        let generated = directory.appendingPathComponent("generated.jsonl").path
        try HistoryGenerator(records: 3_000, seed: 11).write(toFile: generated)
        try assertBuildsAlike(generated, "generated")
    }

    func testBrokenHistoriesAreNeverIndexed() throws {
        for seed in 1...200 as ClosedRange<UInt64> {
            let builder = LedgerBuilder.from(RandomHistory.broken(seed: seed))
            try assertBuildsAlike(try write(builder, name: "b\(seed).jsonl"), "broken seed \(seed)")
        }
        var builder = LedgerBuilder()
        builder.record("only", "2000", [Op.establish("gov", "Regierung", .government)])
        let path = try write(builder, name: "edited.jsonl")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "Regierung", with: "Regierunq")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try assertBuildsAlike(path, "edited")
    }

    func testABuiltIndexIsOpenedAndAnswers() throws {
        let path = directory.appendingPathComponent("events.jsonl").path
        try FileManager.default.copyItem(atPath: RepositoryPaths.events, toPath: path)
        XCTAssertTrue(IndexFile.build(ledgerPath: path))
        let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
        XCTAssertEqual(try index.responsible("ozg-beratung-kommunen", at: ValidDate(parsing: "2021-01-01")).unit?.id,
                       "kv40")
        XCTAssertNil(index.loadedLedger)
    }
}
