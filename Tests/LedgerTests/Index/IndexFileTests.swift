import Foundation
@testable import Ledger
import XCTest

/// The persistent index answers exactly as the ledger read in full, and is never trusted when it
/// does not match the file: stale, deleted or damaged indexes are rebuilt.
final class IndexFileTests: LedgerDirectoryTestCase {
    /// Every answer of `indexed` equals that of `ledger` on `date`.
    private func assertSameAnswers(_ indexed: some LedgerQuerying, _ ledger: Ledger, at date: ValidDate,
                                   file: StaticString = #filePath, line: UInt = #line) throws {
        let now = TransactionTime.distantFuture
        // Questions about one unit first: on a damaged index they are the first to meet the damage.
        for unit in try ledger.units(at: date).prefix(3).map(\.unit.id) {
            XCTAssertEqual(try indexed.responsibilities(at: date, unit: unit, knownAt: now), try ledger.responsibilities(at: date, unit: unit),
                           "within \(unit)", file: file, line: line)
            XCTAssertEqual(try indexed.orgChart(at: date, root: unit, knownAt: now), try ledger.orgChart(at: date, root: unit), file: file, line: line)
        }
        XCTAssertEqual(try indexed.orgChart(at: date, root: nil, knownAt: now), try ledger.orgChart(at: date), file: file, line: line)
        XCTAssertEqual(try indexed.responsibilities(at: date, unit: nil, knownAt: now), try ledger.responsibilities(at: date), file: file, line: line)
        XCTAssertEqual(try indexed.units(at: date, knownAt: now), try ledger.units(at: date), file: file, line: line)
        XCTAssertEqual(try indexed.tasks(at: date, knownAt: now), try ledger.tasks(at: date), file: file, line: line)
        XCTAssertEqual(try indexed.uncertainties(at: date, knownAt: now), try ledger.uncertainties(at: date), file: file, line: line)
        XCTAssertEqual(try indexed.persons(knownAt: now), ledger.persons(), file: file, line: line)
        XCTAssertEqual(try indexed.offices(at: date, filter: OfficeFilter(), knownAt: now), try ledger.offices(at: date), file: file, line: line)
        XCTAssertEqual(try indexed.offices(at: date, filter: OfficeFilter(role: "minister", person: "p1"), knownAt: now),
                       try ledger.offices(at: date, filter: OfficeFilter(role: "minister", person: "p1")), file: file, line: line)
        for task in try ledger.snapshot(at: ValidDate(dayNumber: 2_900_000)).taskIDs {
            let expected = try ledger.responsible(task, at: date)
            let answer = try indexed.responsible(task, at: date, knownAt: now)
            XCTAssertEqual(answer, expected, "\(task) at \(date)", file: file, line: line)
            XCTAssertEqual(try indexed.provenance(of: answer, knownAt: now), try ledger.provenance(of: expected), file: file, line: line)
        }
        for record in ledger.records.prefix(5) {
            XCTAssertEqual(indexed.record(record.id), record, file: file, line: line)
        }
        XCTAssertNil(indexed.record("no-such-record"), file: file, line: line)
        for record in ledger.records {
            XCTAssertEqual(indexed.withdrawal(of: record.id), ledger.withdrawal(of: record.id), record.id, file: file, line: line)
        }
        // The histories of ids read the mention rows, which no other question does.
        let final = try ledger.snapshot(at: ValidDate(dayNumber: 2_900_000))
        for id in final.unitIDs + final.taskIDs + ledger.records.map(\.id) {
            XCTAssertEqual(try indexed.history(of: id), try ledger.history(of: id), "history of \(id)", file: file, line: line)
        }
    }

    func testTheIndexAnswersLikeTheLedgerOnRandomHistories() throws {
        for seed in 1...60 as ClosedRange<UInt64> {
            var generator = RandomHistory(seed: seed &* 31)
            var builder = LedgerBuilder()
            for body in generator.bodies(count: Int.random(in: 5...20, using: &generator.random)) { builder.append(body) }
            let path = try write(builder, name: "h\(seed).jsonl")
            let ledger = try Ledger.open(path: path)
            XCTAssertTrue(IndexFile.write(for: ledger, ledgerPath: path))
            let index = try XCTUnwrap(IndexFile.open(ledgerPath: path), "seed \(seed)")
            XCTAssertNil(index.loadedLedger)
            let days = ledger.records.map(\.effectiveDate.firstDay).sorted()
            for day in [days.first! - 1, days[days.count / 2], days.last!, days.last! + 400] {
                let date = ValidDate(dayNumber: day)
                try assertSameAnswers(index, ledger, at: date)
                for unit in try ledger.units(at: date).prefix(4) {
                    XCTAssertEqual(try index.responsibilities(at: date, unit: unit.unit.id),
                                   try ledger.responsibilities(at: date, unit: unit.unit.id), "seed \(seed) within \(unit.unit.id)")
                }
            }
            XCTAssertNil(index.loadedLedger, "seed \(seed): the index fell back to the full ledger")
            let (from, to) = (ValidDate(dayNumber: days.first!), ValidDate(dayNumber: days.last!))
            XCTAssertEqual(try index.diff(from: from, to: to), try ledger.diff(from: from, to: to))
        }
    }

    func testTheThuringianIndexAnswersTheGoldenQuestions() throws {
        let path = directory.appendingPathComponent("events.jsonl").path
        try FileManager.default.copyItem(atPath: RepositoryPaths.events, toPath: path)
        let ledger = try Ledger.open(path: path)
        IndexFile.write(for: ledger, ledgerPath: path)
        let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
        XCTAssertEqual(try index.responsible("ozg-beratung-kommunen", at: day("2020-06-30")).path.map(\.unit.id),
                       ["kv40", "tlvwa", "tmik", "landesregierung"])
        for date in ["2017-07-01", "2017-09-01", "2020-06-30", "2020-12-15", "2021-01-01"] {
            try assertSameAnswers(index, ledger, at: day(date))
        }
        XCTAssertNil(try index.units(at: day("2017-07-01")).first { $0.unit.id == "tfm-egov-it" })
    }

    func testAnAppendKeepsTheIndexCurrentAndAnotherWriterMakesItStale() throws {
        var builder = LedgerBuilder()
        builder.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.define("t1"), Op.assign("t1", to: "gov")])
        let path = try write(builder)
        _ = try LedgerStore.openForQueries(path: path)
        XCTAssertNotNil(IndexFile.open(ledgerPath: path))
        let next = RecordBody(id: "next", date: day("2001"), type: .decision, title: "Neues Amt", sources: [LedgerBuilder.source],
                              changes: [Op.establish("amt", "Amt", .authority, in: "gov"), Op.transfer("t1", from: "gov", to: "amt")])
        _ = try LedgerAppender.append([next], to: path)
        let index = try XCTUnwrap(IndexFile.open(ledgerPath: path), "append rewrote the index")
        XCTAssertEqual(try index.responsible("t1", at: day("2001")).unit?.id, "amt")
        // Someone appends a line by hand: the index no longer describes the file.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{}\n".utf8))
        try handle.close()
        XCTAssertNil(IndexFile.open(ledgerPath: path))
        XCTAssertThrowsError(try LedgerStore.openForQueries(path: path))
    }

    func testADeletedIndexIsRebuiltAndADamagedOneIsNotTrusted() throws {
        var generator = RandomHistory(seed: 99)
        var builder = LedgerBuilder()
        for body in generator.bodies(count: 40) { builder.append(body) }
        let path = try write(builder)
        let ledger = try Ledger.open(path: path)
        let indexPath = IndexFile.path(forLedger: path)

        XCTAssertFalse(FileManager.default.fileExists(atPath: indexPath))
        let rebuilt = try LedgerStore.openForQueries(path: path)
        XCTAssertTrue(rebuilt is IndexFile, "without an index, one is built from the ledger and answers")
        XCTAssertTrue(FileManager.default.fileExists(atPath: indexPath), "and it stays for next time")
        try assertSameAnswers(rebuilt, ledger, at: ValidDate(dayNumber: ledger.records.map(\.effectiveDate.firstDay).max()!))

        let original = try Data(contentsOf: URL(fileURLWithPath: indexPath))
        let date = ValidDate(dayNumber: ledger.records.map(\.effectiveDate.firstDay).max()!)
        // Damage in the header: the index is refused at once.
        for offset in [0, 20, IndexLayout.Header.head.offset + 3, IndexLayout.Header.blockCount.offset] {
            var damaged = original
            damaged[offset] ^= 0x5A
            try damaged.write(to: URL(fileURLWithPath: indexPath))
            XCTAssertNil(IndexFile.open(ledgerPath: path), "header byte \(offset)")
        }
        // Damage in the payload, or in a block's entry of the checksum table: found when open or a
        // query reads the block (open reads the last record's row), and then answered from the
        // ledger and the index written anew.
        let blockCount = original.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: IndexLayout.Header.blockCount.offset, as: UInt32.self)) }
        let tableEntries = [0, blockCount - 1].map { IndexLayout.headerSize + $0 * IndexLayout.checksumSize + 2 }
        let payload = [0.3, 0.6, 0.95].map { original.count - Int(Double(original.count - IndexLayout.headerSize - 64) * (1 - $0)) - 1 }
        for offset in tableEntries + payload {
            var damaged = original
            damaged[offset] ^= 0xFF
            try damaged.write(to: URL(fileURLWithPath: indexPath))
            try assertSameAnswers(try LedgerStore.openForQueries(path: path), ledger, at: date)
            XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: indexPath)), damaged, "byte \(offset): the damaged index was kept")
        }
    }
}
