import Foundation
@testable import Ledger
import LedgerTesting
import XCTest

/// A dry run of a batch the index declines (backdated, correcting, retracting, a dissolution the
/// counts do not decide) is checked against the ledger read compactly, and answered from the index
/// the batch would leave, as known before the batch and with it: the same difference and the same
/// affected answers as the full check's replays before and after, and nothing written.
final class CompactDryRunTests: LedgerDirectoryTestCase {
    private let now = TransactionTime(secondsSinceEpoch: 1_900_000_000)

    func testRandomDryRunsAnswerFromTheIndexTheBatchWouldLeaveAsTheFullCheckDoes() throws {
        var fromTheIndex = 0, reachingBack = 0
        for seed in 1...24 as ClosedRange<UInt64> {
            var generator = RandomHistory(seed: seed &* 7 &+ 3)
            let bodies = generator.bodies(count: 18, inValidTimeOrder: false)
            let valid = LedgerBuilder.appendingInValidOrder(Array(bodies.prefix(9))).bodies
            guard !valid.isEmpty else { continue }
            let path = try ledgerFile(valid, name: "random\(seed).jsonl")
            var time = now
            for body in bodies.dropFirst(9) {
                let context = "seed \(seed), \(body.id)"
                let entries = [RecordBatch.Entry(meaning: body)]
                let before = try Ledger.open(path: path)
                let full = Result { () throws(AppendError) in try LedgerAppender.plan(entries, onto: before, now: time, dryRun: true) }
                let files = try filesBeside(path)
                let dryRun = Result { () throws(AppendError) in try LedgerAppender.append(entries, to: path, dryRun: true, now: time) }
                XCTAssertEqual(try filesBeside(path), files, "\(context): a dry run leaves every file as it was")
                switch (full, dryRun) {
                case let (.success(expected), .success(outcome)):
                    XCTAssertEqual(outcome.stored, expected.stored, context)
                    XCTAssertEqual(outcome.head, expected.head, context)
                    XCTAssertEqual(outcome.diff, expected.diff, context)
                    XCTAssertEqual(outcome.affected, expected.affected, context)
                    if outcome.check == .compactReading {
                        fromTheIndex += 1
                        if expected.affected != nil { reachingBack += 1 }
                        try assertTheIndexAnswers(entries, path: path, now: time, as: expected, context)
                    }
                case let (.failure(expected), .failure(error)):
                    XCTAssertEqual("\(error)", "\(expected)", context)
                default:
                    XCTFail("\(context): \(full) against \(dryRun)")
                }
                _ = try? LedgerAppender.append(entries, to: path, now: time)
                time = TransactionTime(secondsSinceEpoch: time.nanoseconds / 1_000_000_000 + 60)
            }
        }
        XCTAssertGreaterThan(fromTheIndex, 20, "dry runs answered from the index")
        XCTAssertGreaterThan(reachingBack, 10, "dry runs that reach back")
    }

    func testOnARealisticLedgerADryRunThatReachesBackAnswersAsTheFullCheck() throws {
        // Over a megabyte, so the compact reading splits the file among cores; corrections,
        // retractions and backdated records at two depths.
        let records = Array(HistoryGenerator(records: 1_400, seed: 5, shape: .realistic))
        let path = directory.appendingPathComponent("realistic.jsonl").path
        try Data(records.map { $0.canonicalLine + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertTrue(IndexFile.build(ledgerPath: path))
        let withChanges = records.filter { !$0.changes.isEmpty && $0.corrects == nil }
        var batches: [RecordBody] = []
        for (number, target) in [withChanges.count / 3, withChanges.count * 3 / 4].map({ withChanges[$0] }).enumerated() {
            batches.append(RecordBody(id: "weg-\(number)", date: target.date, type: .retraction, title: "Zurückgenommen",
                                      sources: [LedgerBuilder.source], retracts: target.id))
            batches.append(RecordBody(id: "fix-\(number)", date: target.date, effective: target.effective, type: .correction,
                                      title: "Berichtigt", sources: [LedgerBuilder.source], changes: target.changes, corrects: target.id))
            batches.append(RecordBody(id: "spaet-\(number)", date: target.effectiveDate, type: .decision, title: "Nachgetragen",
                                      sources: [LedgerBuilder.source], changes: [Op.define("nachgetragen-\(number)")]))
        }
        let before = try Ledger.open(path: path)
        var answered = 0
        for body in batches {
            let entries = [RecordBatch.Entry(meaning: body)]
            let full = Result { () throws(AppendError) in try LedgerAppender.plan(entries, onto: before, now: now, dryRun: true) }
            let dryRun = Result { () throws(AppendError) in try LedgerAppender.append(entries, to: path, dryRun: true, now: now) }
            switch (full, dryRun) {
            case let (.success(expected), .success(outcome)):
                XCTAssertEqual(outcome.check, .compactReading, body.id)
                XCTAssertEqual(outcome.diff, expected.diff, body.id)
                XCTAssertEqual(outcome.affected, expected.affected, body.id)
                try assertTheIndexAnswers(entries, path: path, now: now, as: expected, body.id)
                answered += 1
            case let (.failure(expected), .failure(error)):
                XCTAssertEqual("\(error)", "\(expected)", body.id)
            default:
                XCTFail("\(body.id): \(full) against \(dryRun)")
            }
        }
        XCTAssertGreaterThan(answered, batches.count / 2)
        XCTAssertEqual(try Ledger.open(path: path).records, before.records, "nothing written")
    }

    func testADryRunOfARecordWithAnOpenDateReadsItsLineFromTheBatch() throws {
        // A unit established "not before" a day: its date is the record's, which the index reads
        // from the record's line, and the line is the batch's, not yet in the file.
        var builder = LedgerBuilder()
        builder.record("base", "2010", [Op.establish("gov", "Regierung", .government), Op.define("t1"), Op.assign("t1", to: "gov")])
        builder.record("later", "2012", [Op.establish("amt", "Amt", .authority, in: "gov")])
        let path = try ledgerFile(builder.bodies, name: "open.jsonl")
        let body = RecordBody(id: "stab", date: day("2011-03-01"), effective: day("2011-03-01.."), type: .decision, title: "Stab",
                              sources: [LedgerBuilder.source],
                              changes: [Op.establish("stab", "Stab", in: "gov"), Op.transfer("t1", from: "gov", to: "stab")])
        let entries = [RecordBatch.Entry(meaning: body)]
        let expected = try LedgerAppender.plan(entries, onto: try Ledger.open(path: path), now: now, dryRun: true)
        let outcome = try LedgerAppender.append(entries, to: path, dryRun: true, now: now)
        XCTAssertEqual(outcome.check, .compactReading)
        XCTAssertEqual(outcome.diff, expected.diff)
        XCTAssertEqual(outcome.affected, expected.affected)
        XCTAssertNotNil(expected.affected, "backdated")
        try assertTheIndexAnswers(entries, path: path, now: now, as: expected, "open date")
    }

    /// The dry run's answers come from the index the batch would leave, not from the full check the
    /// outcome falls back on should that index fail a read: asked of it directly, they are the
    /// full check's.
    private func assertTheIndexAnswers(_ entries: [RecordBatch.Entry], path: String, now: TransactionTime, as expected: AppendOutcome,
                                       _ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let ledger = try FileSystem.openRegularFile(path, writable: false)
        var compact = try XCTUnwrap(try CompactAppend(entries, of: ledger, expectHead: nil, now: now), context, file: file, line: line)
        let reach = compact.reach
        let index = try XCTUnwrap(IndexFile.dryRun(of: &compact, ledger: ledger), context, file: file, line: line)
        let answers = BatchAnswers(index: index, stored: expected.stored, reach: reach)
        XCTAssertEqual(try answers.diff(), expected.diff, context, file: file, line: line)
        XCTAssertEqual(try answers.affected(), expected.affected, context, file: file, line: line)
        XCTAssertNil(index.loadedLedger, "\(context): the dry run read the ledger in full", file: file, line: line)
    }

    /// The files in the ledger's directory with their bytes.
    private func filesBeside(_ path: String) throws -> [String: Data] {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }
}
