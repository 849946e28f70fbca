import Foundation
@testable import Ledger
import LedgerTesting
import XCTest

/// An append the index declines (backdated, correcting, retracting) is checked against the ledger
/// read compactly (a dry run too), or, for a refusal, takes the full check: with an index that
/// vouches for the rules it reads the ledger once and replays it once, with the batch; either way
/// it answers, refuses and names exactly as the full check onto the ledger read in full.
final class DeclinedAppendTests: LedgerDirectoryTestCase {
    private let now = TransactionTime(secondsSinceEpoch: 1_900_000_000)

    private var base: [RecordBody] {
        var builder = LedgerBuilder()
        builder.record("base", "2010", [Op.establish("gov", "Regierung", .government), Op.establish("amt", "Amt", .authority, in: "gov"),
                                        Op.define("t1"), Op.assign("t1", to: "gov")])
        builder.record("later", "2012", [Op.define("t2"), Op.assign("t2", to: "amt")])
        return builder.bodies
    }

    private func decision(_ id: String, _ date: String, _ changes: [Change]) -> RecordBody {
        RecordBody(id: id, date: day(date), type: .decision, title: "Entscheidung \(id)", sources: [LedgerBuilder.source], changes: changes)
    }

    func testAnIndexWithACheckedTailVouchesForTheRulesAndOneWithABrokenRecordDoesNot() throws {
        let path = try ledgerFile(base, name: "ledger.jsonl")
        XCTAssertTrue(try XCTUnwrap(IndexFile.open(ledgerPath: path)).vouchesForTheRules, "no tail")
        XCTAssertEqual(try LedgerAppender.append([decision("forward", "2013", [Op.define("t3")])], to: path, now: now).check, .index)
        let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
        XCTAssertTrue(index.vouchesForTheRules, "a tail append wrote")

        // A record that breaks a rule, added by hand with a tail that vouches for its chain.
        let broken = decision("broken", "2014", [Op.transfer("t1", from: "amt", to: "gov")])
        let record = HashChain.seal(broken, seq: index.recordCount + index.tail.count + 1, recorded: index.lastRecorded, prev: index.head)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((record.canonicalLine + "\n").utf8))
        try handle.close()
        let stamp = try XCTUnwrap(FileSystem.stamp(path))
        XCTAssertTrue(IndexTail(baseRecords: index.recordCount, baseHead: index.baseHead, ledger: stamp,
                                records: index.recordCount + index.tail.count + 1, head: record.hash,
                                lastRecorded: record.recorded).write(forLedger: path))
        let handWritten = try XCTUnwrap(IndexFile.open(ledgerPath: path), "the tail's chain holds")
        XCTAssertFalse(handWritten.vouchesForTheRules)
        // So a backdated append, which the compact check does not vouch for, reads the ledger in
        // full first, and names the broken record.
        XCTAssertThrowsError(try LedgerAppender.append([decision("early", "2005", [Op.define("t0")])], to: path, now: now)) { error in
            guard case .integrity(.ruleViolation(let violation)) = error as? AppendError else { return XCTFail("\(error)") }
            XCTAssertEqual(violation.recordID, "broken")
        }
    }

    func testDeclinedAppendsAnswerAndRefuseAsTheFullCheckOntoTheLedgerReadInFull() throws {
        let batches: [(name: String, body: RecordBody)] = [
            ("backdated", decision("early", "2011", [Op.establish("stab", "Stab", in: "gov"), Op.transfer("t1", from: "gov", to: "stab")])),
            ("breaking a later record", decision("too-early", "2011", [Op.dissolve("amt")])),
            ("correcting", RecordBody(id: "fix", date: day("2012"), type: .correction, title: "Korrektur", sources: [LedgerBuilder.source],
                                      changes: [Op.define("t2"), Op.assign("t2", to: "gov")], corrects: "later")),
            ("retracting", RecordBody(id: "weg", date: day("2012"), type: .retraction, title: "Zurückgenommen",
                                      sources: [LedgerBuilder.source], retracts: "later")),
        ]
        var refusals = 0
        for (name, body) in batches {
            for dryRun in [true, false] {
                let path = try ledgerFile(base, name: "\(name.filter(\.isLetter))-\(dryRun).jsonl")
                let batch = [RecordBatch.Entry(body: body, line: 1)]
                let ledger = try Ledger.open(path: path)
                let full = Result { () throws(AppendError) in try LedgerAppender.plan(batch, onto: ledger, now: now, dryRun: dryRun) }
                let appended = Result { () throws(AppendError) in try LedgerAppender.append(batch, to: path, dryRun: dryRun, now: now) }
                switch (full, appended) {
                case let (.success(expected), .success(outcome)):
                    // Checked against the ledger read compactly; a dry run answers from the index the
                    // batch would leave, as known before it and with it.
                    XCTAssertEqual(outcome.check, .compactReading, name)
                    XCTAssertEqual(outcome.stored, expected.stored, name)
                    XCTAssertEqual(outcome.head, expected.head, name)
                    XCTAssertEqual(outcome.diff, expected.diff, name)
                    XCTAssertEqual(outcome.affected, expected.affected, name)
                    if !dryRun { XCTAssertEqual(try Ledger.open(path: path).head, expected.head, name) }
                case let (.failure(expected), .failure(error)):
                    XCTAssertEqual("\(error)", "\(expected)", name)
                    XCTAssertTrue("\(error)".contains("would break this record (seq 2)"), "\(name): \(error)")
                    refusals += 1
                default:
                    XCTFail("\(name), dry run \(dryRun): \(full) against \(appended)")
                }
            }
        }
        XCTAssertEqual(refusals, 2, "the batch that breaks a later record, with and without a dry run")
    }
}
