import Foundation
@testable import Ledger
import XCTest

/// The quick verify path may only ever say "all holds" when the full check says so too, with the
/// same report; everything else it must hand to the full check.
final class CompactVerificationTests: LedgerDirectoryTestCase {
    /// The full check's verdict: the report, or nil if it throws.
    private func fullReport(_ path: String, expectHead: String? = nil) -> VerificationReport? {
        guard let records = try? LedgerFile.read(path: path), (try? HistoryValidation.check(records)) != nil else { return nil }
        var report = VerificationReport(records: records.count, head: records.last?.hash ?? Record.genesisHash)
        if let expectHead {
            if expectHead == Record.genesisHash { report.expectedHeadSeq = 0 } else {
                guard let record = records.first(where: { $0.hash == expectHead }) else { return nil }
                report.expectedHeadSeq = record.seq
            }
        }
        return report
    }

    private func assertAgrees(_ path: String, expectHead: String? = nil, expectQuick: Bool? = nil, _ context: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        let quick = CompactVerification.verify(path: path, expectHead: expectHead)
        let full = fullReport(path, expectHead: expectHead)
        if let quick {
            XCTAssertEqual(quick, full, "\(context): the quick path accepted what the full check did not", file: file, line: line)
        }
        if let expectQuick { XCTAssertEqual(quick != nil, expectQuick, context, file: file, line: line) }
    }

    func testValidHistoriesAreAcceptedWithTheFullChecksReport() throws {
        for seed in 1...150 as ClosedRange<UInt64> {
            var generator = RandomHistory(seed: seed &* 17)
            let builder = LedgerBuilder.from(generator.bodies(count: Int.random(in: 1...30, using: &generator.random)))
            let path = try write(builder, name: "v\(seed).jsonl")
            let records = builder.records
            assertAgrees(path, expectQuick: true, "seed \(seed)")
            assertAgrees(path, expectHead: records[records.count / 2].hash, expectQuick: true, "seed \(seed), expected head")
            assertAgrees(path, expectHead: String(repeating: "a", count: 64), expectQuick: false, "seed \(seed), unknown head")
        }
        assertAgrees(RepositoryPaths.events, expectQuick: true, "events/")
        let empty = directory.appendingPathComponent("empty.jsonl").path
        XCTAssertTrue(FileManager.default.createFile(atPath: empty, contents: Data()))
        for head in [nil, Record.genesisHash, String(repeating: "b", count: 64)] { assertAgrees(empty, expectHead: head, "empty, \(head ?? "-")") }
        let generated = directory.appendingPathComponent("generated.jsonl").path
        try HistoryGenerator(records: 3_000, seed: 5).write(toFile: generated)
        assertAgrees(generated, expectQuick: true, "generated")
        let lastHash = try XCTUnwrap(LedgerFile.read(path: generated).last?.hash)
        assertAgrees(generated, expectHead: lastHash, expectQuick: true, "generated, head in the last share")
    }

    /// Above a mebibyte the lines are shared among the cores: breaks at and after the boundary.
    func testBreaksInALargeLedgerAreHandedToTheFullCheck() throws {
        let generated = directory.appendingPathComponent("large.jsonl").path
        try HistoryGenerator(records: 3_000, seed: 5).write(toFile: generated)
        let original = try Data(contentsOf: URL(fileURLWithPath: generated))
        XCTAssertGreaterThan(original.count, 1 << 20)
        var lines = original.split(separator: 0x0A).map { Data($0) + [0x0A] }
        let middle = lines.count / 2
        let path = directory.appendingPathComponent("broken.jsonl").path
        for variant in 0..<4 {
            var changed = lines
            switch variant {
            case 0: changed.remove(at: middle)
            case 1: changed.swapAt(middle - 1, middle + 1)
            case 2: changed[middle + 10][40] ^= 0x02
            default: changed.insert(changed[middle - 200], at: middle + 200)
            }
            try changed.reduce(Data(), +).write(to: URL(fileURLWithPath: path))
            assertAgrees(path, expectQuick: false, "variant \(variant)")
        }
        lines.removeAll()
    }

    /// Above a mebibyte `verify` numbers the second share's ids by looking them up in the first
    /// share's tables instead of merging the tables: an id met in both shares must stay one
    /// entity, and a record id must not come back.
    func testIdsMetInBothSharesOfALargeLedgerAreOneEntity() throws {
        let generated = directory.appendingPathComponent("generated.jsonl").path
        try HistoryGenerator(records: 3_000, seed: 5).write(toFile: generated)
        let records = try LedgerFile.read(path: generated)
        var earlyUnit: UnitID?, earlyTask: TaskID?
        for change in records.prefix(100).flatMap(\.changes) {
            if case let .establishUnit(unit, _, _, _, _, _) = change, earlyUnit == nil { earlyUnit = unit }
            if case let .defineTask(task, _, _) = change, earlyTask == nil { earlyTask = task }
        }
        let (unit, task) = (try XCTUnwrap(earlyUnit), try XCTUnwrap(earlyTask))
        func ledger(endingWith last: RecordBody) throws -> String {
            var builder = LedgerBuilder()
            for record in records { builder.append(record.body) }
            builder.append(last)
            let path = try write(builder, name: "ending.jsonl")
            XCTAssertGreaterThan(try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int), 1 << 20)
            return path
        }
        func body(_ id: RecordID, about: [String]? = nil, _ changes: [Change]) -> RecordBody {
            RecordBody(id: id, date: try! ValidDate(parsing: "2030-01-01"), type: RecordType(rawValue: "decision"),
                       title: "Record \(id)", about: about, sources: [LedgerBuilder.source], changes: changes)
        }
        // Named in the first share, asked about in the last record: accepted.
        assertAgrees(try ledger(endingWith: body("late-about", about: [unit, task], [])), expectQuick: true, "about early ids")
        // Defined or established again, or a record id again: refused.
        let broken: [(String, RecordBody)] = [
            ("task defined again", body("late-task", [.defineTask(task: task, title: "Again", leika: nil)])),
            ("unit established again", body("late-unit", [.establishUnit(unit: unit, name: "Again", kind: UnitKind(rawValue: "team"),
                                                                          parent: nil, relation: nil, abbreviation: nil)])),
            ("record id again", body(records[5].id, [])),
        ]
        for (context, last) in broken {
            let path = try ledger(endingWith: last)
            XCTAssertNil(fullReport(path), context)
            assertAgrees(path, expectQuick: false, context)
        }
    }

    func testBrokenHistoriesAreHandedToTheFullCheck() throws {
        var refused = 0
        for seed in 1...400 as ClosedRange<UInt64> {
            let path = try write(LedgerBuilder.from(RandomHistory.broken(seed: seed)), name: "b\(seed).jsonl")
            if fullReport(path) == nil { refused += 1 }
            assertAgrees(path, "seed \(seed)")
        }
        XCTAssertGreaterThan(refused, 150)
    }

    func testEditedLinesAreHandedToTheFullCheck() throws {
        let original = try Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.events))
        let path = directory.appendingPathComponent("edited.jsonl").path
        for offset in stride(from: 5, to: original.count, by: 37) {
            var edited = original
            edited[offset] ^= 0x01
            try edited.write(to: URL(fileURLWithPath: path))
            XCTAssertNil(CompactVerification.verify(path: path, expectHead: nil), "byte \(offset)")
        }
        // Lines dropped, swapped or cut.
        var lines = original.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Data($0) + [0x0A] }
        for variant in 0..<3 {
            var changed = lines
            switch variant {
            case 0: changed.remove(at: 3)
            case 1: changed.swapAt(2, 5)
            default: changed[changed.count - 1] = changed[changed.count - 1].dropLast(10)
            }
            try changed.reduce(Data(), +).write(to: URL(fileURLWithPath: path))
            XCTAssertNil(CompactVerification.verify(path: path, expectHead: nil), "variant \(variant)")
        }
        lines.removeAll()
    }
}
