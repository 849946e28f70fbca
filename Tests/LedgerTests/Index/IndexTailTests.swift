import Foundation
@testable import Ledger
import LedgerTesting
import XCTest

/// Appends checked against the index (its tail) give exactly the answers of a full replay, and the
/// tail is never trusted once the file changes in any other way.
final class IndexTailTests: LedgerDirectoryTestCase {
    func testRandomAppendsThroughTheIndexAnswerLikeTheReferenceReplay() throws {
        var throughTheTail = 0, fullChecks = 0, dissolutionsThroughTheTail = 0
        for seed in 1...40 as ClosedRange<UInt64> {
            var generator = RandomHistory(seed: seed &* 7 &+ 3)
            // Most histories recorded as decided (the appends the tail takes); every fourth
            // backdated, so appends fall back to the full check in between.
            // (In an order where every prefix is a valid ledger, as appends make it.)
            let bodies = LedgerBuilder.appendingInValidOrder(generator.bodies(count: 24, inValidTimeOrder: seed % 4 != 0)).bodies
            let split = bodies.count / 3
            let path = try ledgerFile(bodies.prefix(split), name: "h\(seed).jsonl")
            var now = TransactionTime(secondsSinceEpoch: 1_900_000_000)
            for (offset, body) in bodies.dropFirst(split).enumerated() {
                let tailBefore = (IndexFile.open(ledgerPath: path)?.tail.count) ?? 0
                let outcome = try LedgerAppender.append([body], to: path, now: now)
                now = TransactionTime(secondsSinceEpoch: now.nanoseconds / 1_000_000_000 + 60)
                XCTAssertEqual(outcome.stored.map(\.id), [body.id])
                if outcome.check == .index {
                    throughTheTail += 1
                    if body.changes.contains(where: { $0.op == "dissolveUnit" }) { dissolutionsThroughTheTail += 1 }
                    XCTAssertTrue(tailExists(path))
                    XCTAssertEqual(IndexFile.open(ledgerPath: path)?.tail.count, tailBefore + 1, "seed \(seed)")
                } else {
                    fullChecks += 1
                    XCTAssertFalse(tailExists(path), "a compact or full check rewrites the index and drops the tail")
                }
                if offset % 4 == 3 || offset == bodies.count - split - 1 {
                    let days = bodies.map { $0.effectiveDate.firstDay }.sorted()
                    try assertIndexAgreesWithReplay(path, at: [days.first! - 1, days[days.count / 2], body.effectiveDate.firstDay,
                                                               days.last!, days.last! + 30], "seed \(seed), after \(body.id)")
                }
            }
        }
        XCTAssertGreaterThan(throughTheTail, 300, "appends checked against the index")
        XCTAssertGreaterThan(fullChecks, 20, "appends the index declined")
        XCTAssertGreaterThan(dissolutionsThroughTheTail, 5, "dissolutions checked against the index")
    }

    func testATailAppendIsRefusedWithTheSameMessageAsTheFullCheck() throws {
        var builder = LedgerBuilder()
        builder.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.define("t1"), Op.assign("t1", to: "gov")])
        let bad = RecordBody(id: "bad", date: day("2001"), type: .decision, title: "Falsch", sources: [LedgerBuilder.source],
                             changes: [Op.transfer("t1", from: "amt", to: "gov")])
        let withIndex = try ledgerFile(builder.bodies, name: "indexed.jsonl")
        let without = directory.appendingPathComponent("plain.jsonl").path
        try FileManager.default.copyItem(atPath: withIndex, toPath: without)
        var messages: [String] = []
        for path in [withIndex, without] {
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try LedgerAppender.append([RecordBatch.Entry(body: bad, line: 3)], to: path)) { messages.append("\($0)") }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        }
        XCTAssertEqual(messages.count, 2)
        XCTAssertEqual(messages.first, messages.last)
        XCTAssertTrue(messages.first?.contains("line 3, record 'bad'") == true, messages.first ?? "")
    }

    func testATailIsVoidOnceTheFileChangesAnyOtherWay() throws {
        var builder = LedgerBuilder()
        builder.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.define("t1"), Op.assign("t1", to: "gov")])
        let path = try ledgerFile(builder.bodies, name: "ledger.jsonl")
        let next = RecordBody(id: "next", date: day("2001"), type: .decision, title: "Neues Amt", sources: [LedgerBuilder.source],
                              changes: [Op.establish("amt", "Amt", .authority, in: "gov"), Op.transfer("t1", from: "gov", to: "amt")])
        let outcome = try LedgerAppender.append([next], to: path)
        XCTAssertEqual(outcome.check, .index, "checked against the index")
        XCTAssertEqual(try IndexFile.open(ledgerPath: path)?.responsible("t1", at: day("2001")).unit?.id, "amt")

        // The appended line edited in place, same length: the stamp changes, the tail is void, and
        // the full read finds the broken hash.
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        var edited = original
        let at = edited.lastIndex(of: UInt8(ascii: "A"))!
        edited[at] = UInt8(ascii: "B")
        try edited.write(to: URL(fileURLWithPath: path))
        XCTAssertNil(IndexFile.open(ledgerPath: path))
        XCTAssertThrowsError(try LedgerStore.openForQueries(path: path))

        // Restored, but the tail file damaged: not trusted either; the index is rebuilt.
        try original.write(to: URL(fileURLWithPath: path))
        _ = try LedgerStore.openForQueries(path: path)
        _ = try LedgerAppender.append([RecordBody(id: "more", date: day("2002"), type: .decision, title: "Mehr",
                                                  sources: [LedgerBuilder.source], changes: [Op.define("t2")])], to: path)
        let tailPath = IndexTail.path(forLedger: path)
        var tail = try Data(contentsOf: URL(fileURLWithPath: tailPath))
        tail[100] ^= 0x01
        try tail.write(to: URL(fileURLWithPath: tailPath))
        XCTAssertNil(IndexFile.open(ledgerPath: path))
        XCTAssertEqual(try LedgerStore.openForQueries(path: path).responsible("t2", at: day("2002")).isDefined, true)
        XCTAssertNotNil(IndexFile.open(ledgerPath: path), "rebuilt")
    }

    func testBackdatedAndCorrectingAppendsReadTheLedgerAndADissolutionDoesNot() throws {
        var builder = LedgerBuilder()
        builder.record("base", "2010", [Op.establish("gov", "Regierung", .government), Op.establish("amt", "Amt", .authority, in: "gov"),
                                        Op.define("t1"), Op.assign("t1", to: "gov")])
        let path = try ledgerFile(builder.bodies, name: "ledger.jsonl")
        let backdated = RecordBody(id: "early", date: day("2005"), type: .decision, title: "Früher", sources: [LedgerBuilder.source],
                                   changes: [Op.define("t0")])
        XCTAssertEqual(try LedgerAppender.append([backdated], to: path).check, .compactReading)
        let dissolving = RecordBody(id: "end", date: day("2011"), type: .decision, title: "Auflösung", sources: [LedgerBuilder.source],
                                    changes: [Op.dissolve("amt")])
        XCTAssertEqual(try LedgerAppender.append([dissolving], to: path).check, .index, "a unit the index counts empty is dissolved through it")
        XCTAssertTrue(tailExists(path))
        let correcting = RecordBody(id: "fix", date: day("2012"), type: .correction, title: "Korrektur", sources: [LedgerBuilder.source],
                                    changes: [Op.define("t9")], corrects: "early")
        XCTAssertEqual(try LedgerAppender.append([correcting], to: path).check, .compactReading)
        XCTAssertFalse(tailExists(path))
    }
}

extension LedgerBuilder {
    static func from(_ bodies: some Sequence<RecordBody>) -> LedgerBuilder {
        var builder = LedgerBuilder()
        for body in bodies { builder.append(body) }
        return builder
    }
}
