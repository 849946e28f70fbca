import Foundation
@testable import Ledger
import LedgerTesting
import XCTest

/// Appends that reach back (backdated records, corrections, retractions, dissolutions the index's
/// counts do not decide) are checked against the ledger read compactly, and indexed from that same
/// reading: the same ledger bytes, the same index bytes as one built from scratch, and the same
/// answers as the full check; every refusal worded as the full check words it.
final class CompactAppendTests: LedgerDirectoryTestCase {
    private let now = TransactionTime(secondsSinceEpoch: 1_900_000_000)

    /// A government with an abbreviated authority (a Referat below it, a task), a project group,
    /// a renaming that keeps the abbreviation, and an office.
    private var base: [RecordBody] {
        var builder = LedgerBuilder()
        builder.record("base", "2010", [
            Op.establish("gov", "Regierung", .government), Op.establish("amt", "Amt", .authority, in: "gov", abbreviation: "A"),
            Op.establish("referat", "Referat", in: "amt"), Op.establish("projekt", "Projektgruppe", .team, in: "gov"),
            Op.define("t1"), Op.assign("t1", to: "gov"), Op.define("t2"), Op.assign("t2", to: "amt"),
        ])
        builder.record("later", "2012", [Op.define("t3"), Op.assign("t3", to: "amt"), rename("amt", "Amt neu", "A")])
        builder.record("appoint", "2013", [Op.appoint("erika", "Leitung", in: "amt")])
        return builder.bodies
    }

    private func decision(_ id: String, _ date: String, _ changes: [Change]) -> RecordBody {
        RecordBody(id: id, date: day(date), type: .decision, title: "Entscheidung \(id)", sources: [LedgerBuilder.source], changes: changes)
    }

    private func rename(_ unit: String, _ name: String, _ abbreviation: String?) -> Change {
        .renameUnit(unit: unit, name: name, abbreviation: abbreviation)
    }

    private func correction(_ id: String, of target: String, _ changes: [Change]) -> RecordBody {
        RecordBody(id: id, date: day("2012"), type: .correction, title: "Korrektur \(id)", sources: [LedgerBuilder.source],
                   changes: changes, corrects: target)
    }

    /// What lies beside the ledger when the batch comes.
    private enum Beside: CaseIterable {
        case currentIndex, noIndex, staleIndex
    }

    private func ledger(_ name: String, _ beside: Beside) throws -> String {
        let path = try ledgerFile(base, name: "\(name)-\(beside).jsonl")
        switch beside {
        case .currentIndex: break
        case .noIndex: try FileManager.default.removeItem(atPath: IndexFile.path(forLedger: path))
        case .staleIndex:
            // Another modification time: the index no longer describes the file.
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: path)
            XCTAssertNil(IndexFile.open(ledgerPath: path), "stale")
        }
        return path
    }

    func testBatchesThatReachBackAreStoredAndIndexedAsTheFullCheckStoresThem() throws {
        let batches: [(name: String, entries: [RecordBatch.Entry])] = [
            ("backdated", [RecordBatch.Entry(body: decision("early", "2011", [Op.establish("stab", "Stab", in: "gov"),
                                                                              Op.transfer("t1", from: "gov", to: "stab")]), line: 1)]),
            ("backdated renaming", [RecordBatch.Entry(body: decision("early-rename", "2011", [rename("amt", "Landesamt", "LA")]))]),
            ("backdated renaming that removes the abbreviation, as its author wrote",
             [RecordBatch.Entry(body: decision("no-abbreviation", "2011-06", [rename("amt", "Amt ohne Kürzel", nil)]), removesAbbreviation: [0])]),
            ("renaming twice in one record", [RecordBatch.Entry(body: decision("twice", "2011", [rename("referat", "Referat 1", nil),
                                                                                                 rename("referat", "Referat 2", nil)]))]),
            ("correcting", [RecordBatch.Entry(body: correction("fix", of: "later", [Op.define("t3"), Op.assign("t3", to: "gov"),
                                                                                     rename("amt", "Amt neu", "A")]))]),
            ("retracting", [RecordBatch.Entry(body: RecordBody(id: "weg", date: day("2013"), type: .retraction, title: "Zurückgenommen",
                                                               sources: [LedgerBuilder.source], retracts: "appoint"))]),
            ("a dissolution reaching back", [RecordBatch.Entry(body: decision("ende-projekt", "2011", [Op.dissolve("projekt", successor: "gov")]))]),
            ("backdated, then corrected, in one batch",
             [RecordBatch.Entry(body: decision("early", "2011", [Op.establish("stab", "Stab", in: "gov")]), line: 1),
              RecordBatch.Entry(body: RecordBody(id: "early-fix", date: day("2011"), effective: day("2011-07"), type: .correction,
                                                 title: "Später", sources: [LedgerBuilder.source],
                                                 changes: [Op.establish("stab", "Stab", in: "gov")], corrects: "early"), line: 2)]),
        ]
        for (name, entries) in batches {
            for beside in Beside.allCases {
                let context = "\(name), \(beside)"
                let path = try ledger(name.filter(\.isLetter), beside)
                let before = try Ledger.open(path: path)
                let expected = try LedgerAppender.plan(entries, onto: before, now: now, dryRun: false)
                let outcome = try LedgerAppender.append(entries, to: path, now: now)
                XCTAssertEqual(outcome.check, .compactReading, context)
                XCTAssertNil(outcome.ledger, context)
                XCTAssertEqual(outcome.stored, expected.stored, context)
                XCTAssertEqual(outcome.head, expected.head, context)
                let written = try String(contentsOfFile: path, encoding: .utf8)
                XCTAssertEqual(written, try XCTUnwrap(expected.ledger).records.map { $0.canonicalLine + "\n" }.joined(), context)
                XCTAssertEqual(outcome.diff, expected.diff, context)
                XCTAssertEqual(outcome.affected, expected.affected, context)
                // Both from the index the append wrote, which holds the batch, not from a replay (how
                // far the batch reaches is `CompactAppend.reach`'s, tested with the dry runs).
                let reach = (reachesBack: expected.affected != nil, from: expected.affected?.from.firstDay)
                let answers = try XCTUnwrap(BatchAnswers.fromIndex(ofLedgerAt: path, stored: outcome.stored, reach: reach), context)
                XCTAssertEqual(try answers.diff(), expected.diff, context)
                XCTAssertEqual(try answers.affected(), expected.affected, context)

                XCTAssertFalse(tailExists(path), context)
                XCTAssertEqual(try indexBytes(path), try indexBuiltFromScratch(path), "\(context): the index as built from scratch")
                let days = ["2009", "2010", "2011", "2011-06-30", "2011-07-01", "2012", "2013", "2020"].map { day($0).firstDay }
                try assertIndexAgreesWithReplay(path, at: days, context)
                XCTAssertEqual(try LedgerVerification.verify(path: path, index: .rebuildAndCompare).index?.code, "matches", context)
            }
        }
    }

    func testRefusalsAreWordedAsTheFullCheckWordsThemAndLeaveTheFileAsItWas() throws {
        let refused: [(name: String, entries: [RecordBatch.Entry], says: String)] = [
            ("breaking a later record", [RecordBatch.Entry(body: decision("too-early", "2011", [Op.define("t3")]), line: 4)],
             "appending 'too-early' would break this record (seq 2)"),
            ("a dissolution with a live sub-unit", [RecordBatch.Entry(body: decision("ende-amt", "2011", [Op.dissolve("amt")]), line: 2)],
             "still has the live sub-unit 'referat'"),
            ("a renaming that changes nothing", [RecordBatch.Entry(body: decision("same", "2011", [rename("amt", "Amt", "A")]), line: 3)],
             "renaming 'amt' changes nothing"),
            ("a renaming that drops the abbreviation unasked",
             [RecordBatch.Entry(body: decision("drop", "2011", [rename("amt", "Amt zwei", nil)]), element: 0)], "is abbreviated 'A'"),
            ("a correction without changes", [RecordBatch.Entry(body: correction("empty", of: "later", []), line: 1)],
             "a correction without changes would withdraw the 3 changes"),
            ("a correction of nothing", [RecordBatch.Entry(body: correction("nothing", of: "nope", [Op.define("t9")]), line: 1)],
             "no earlier record 'nope'"),
            ("an id in the ledger with other content", [RecordBatch.Entry(body: decision("later", "2011", [Op.define("t9")]), line: 7)],
             "later"),
        ]
        for (name, entries, says) in refused {
            for beside in Beside.allCases {
                let context = "\(name), \(beside)"
                let path = try ledger(name.filter(\.isLetter), beside)
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                var full = "", appended = ""
                XCTAssertThrowsError(try LedgerAppender.plan(entries, onto: try Ledger.open(path: path), now: now)) { full = "\($0)" }
                XCTAssertThrowsError(try LedgerAppender.append(entries, to: path, now: now)) { appended = "\($0)" }
                XCTAssertEqual(appended, full, context)
                XCTAssertTrue(full.contains(says), "\(context): \(full)")
                XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytes, context)
            }
        }
    }

    func testTheCompactCheckNeverStoresWhatTheFullCheckRefuses() throws {
        // Random histories, a third of them backdated: each batch through the compact check, or
        // refused, exactly as the full check onto the ledger read in full decides.
        var compactly = 0, refusals = 0
        for seed in 1...24 as ClosedRange<UInt64> {
            var generator = RandomHistory(seed: seed &* 13 &+ 5)
            let bodies = generator.bodies(count: 18, inValidTimeOrder: false)
            let valid = LedgerBuilder.appendingInValidOrder(Array(bodies.prefix(9))).bodies
            guard !valid.isEmpty else { continue }
            let path = try ledgerFile(valid, name: "random\(seed).jsonl")
            var time = now
            for body in bodies.dropFirst(9) {
                let entries = [RecordBatch.Entry(meaning: body)]
                let before = try Ledger.open(path: path)
                let full = Result { () throws(AppendError) in try LedgerAppender.plan(entries, onto: before, now: time) }
                let appended = Result { () throws(AppendError) in try LedgerAppender.append(entries, to: path, now: time) }
                switch (full, appended) {
                case let (.success(expected), .success(outcome)):
                    XCTAssertEqual(outcome.stored, expected.stored, "seed \(seed)")
                    if outcome.check == .compactReading {
                        compactly += 1
                        XCTAssertEqual(try indexBytes(path), try indexBuiltFromScratch(path), "seed \(seed), \(body.id)")
                    }
                case let (.failure(expected), .failure(error)):
                    XCTAssertEqual("\(error)", "\(expected)", "seed \(seed)")
                    refusals += 1
                default:
                    XCTFail("seed \(seed), \(body.id): \(full) against \(appended)")
                }
                time = TransactionTime(secondsSinceEpoch: time.nanoseconds / 1_000_000_000 + 60)
            }
        }
        XCTAssertGreaterThan(compactly, 20, "appends through the compact check")
        XCTAssertGreaterThan(refusals, 5, "refusals")
    }

    func testOnARealisticLedgerReadOnSeveralCoresTheIndexIsTheOneBuiltFromScratch() throws {
        // Over a megabyte: the compact reading splits the file among cores and joins their shares,
        // and the batch joins as one more.
        let records = Array(HistoryGenerator(records: 1_400, seed: 3, shape: .realistic))
        let original = try write(LedgerBuilder.from(records.map(\.body)), name: "realistic.jsonl")
        // The generator's own transaction times, which `LedgerBuilder` does not keep.
        try Data(records.map { $0.canonicalLine + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: original))
        XCTAssertGreaterThan(try Data(contentsOf: URL(fileURLWithPath: original)).count, 1 << 20)
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
        var compactly = 0
        for (number, body) in batches.enumerated() {
            let path = directory.appendingPathComponent("realistic-\(number).jsonl").path
            try FileManager.default.copyItem(atPath: original, toPath: path)
            XCTAssertTrue(IndexFile.build(ledgerPath: path))
            let entries = [RecordBatch.Entry(meaning: body)]
            let before = try Ledger.open(path: path)
            let full = Result { () throws(AppendError) in try LedgerAppender.plan(entries, onto: before, now: now) }
            let appended = Result { () throws(AppendError) in try LedgerAppender.append(entries, to: path, now: now) }
            switch (full, appended) {
            case let (.success(expected), .success(outcome)):
                XCTAssertEqual(outcome.check, .compactReading, body.id)
                compactly += 1
                XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8),
                               try XCTUnwrap(expected.ledger).records.map { $0.canonicalLine + "\n" }.joined(), body.id)
                XCTAssertEqual(try indexBytes(path), try indexBuiltFromScratch(path), body.id)
            case let (.failure(expected), .failure(error)):
                XCTAssertEqual("\(error)", "\(expected)", body.id)
            default:
                XCTFail("\(body.id): \(full) against \(appended)")
            }
        }
        XCTAssertGreaterThan(compactly, batches.count / 2, "appends through the compact check")
    }

    private func indexBytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: IndexFile.path(forLedger: path)))
    }

    /// The index of the ledger at `path` as a query would build it with none beside it.
    private func indexBuiltFromScratch(_ path: String) throws -> Data {
        let committed = try CommittedLedger.open(path)
        let scratch = path + ".scratch-index"
        XCTAssertTrue(IndexFile.build(of: try XCTUnwrap(committed.map()), stamp: committed.stamp, ledgerPath: path, scratch: scratch))
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        return try Data(contentsOf: URL(fileURLWithPath: scratch))
    }
}
