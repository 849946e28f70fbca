import Foundation
@testable import Ledger
import XCTest

/// The index answers "as known at T" (docs/FORMAT.md §5.5) from its bitemporal steps: on random
/// histories whose every prefix replays (as `append` leaves a ledger), with backdated records,
/// corrections, retractions and dissolutions, every answer at a random valid date D as known at a
/// random T is the answer of the ledger of the records recorded by T alone, replayed from the
/// start, and the full read's answer as known at T; and none of them reads the ledger in full.
///
/// 50 histories; `LEDGER_STRESS=1` tries 1,000.
final class BitemporalIndexTests: LedgerDirectoryTestCase {
    private var histories: UInt64 { ProcessInfo.processInfo.environment["LEDGER_STRESS"] == "1" ? 1_000 : 50 }

    func testEveryAnswerAsKnownAtAnyTimeIsTheReplayOfTheRecordsRecordedByThen() throws {
        var reachingBack = 0
        for seed in 1...histories {
            var random = SplitMix64(seed: seed &* 0x2545_F491)
            let builder = Self.history(seed: seed, random: &random)
            let records = builder.records
            reachingBack += records.filter { $0.corrects != nil || $0.retracts != nil }.count
            let path = try write(builder, name: "known-\(seed).jsonl")
            let full = try Ledger(records: records)
            let indexed = try XCTUnwrap(try LedgerStore.openForQueries(path: path) as? IndexFile, "seed \(seed)")
            for _ in 0..<6 {
                let count = Int.random(in: 0...records.count, using: &random)
                let knownAt = count == 0 ? TransactionTime(nanosecondsSinceEpoch: records[0].recorded.nanoseconds - 1) : records[count - 1].recorded
                let then = try Ledger(records: records.filter { $0.recorded <= knownAt })
                let dates = (0..<3).map { _ in ValidDate(dayNumber: try! ValidDate(year: 1999).firstDay + Int.random(in: 0...9_000, using: &random)) }
                try assertAnswersAlike(indexed, then: then, full: full, knownAt: knownAt, dates: dates, "seed \(seed), \(count) records known")
            }
            XCTAssertNil(indexed.loadedLedger, "seed \(seed): a question as known earlier read the whole ledger")
        }
        XCTAssertGreaterThan(reachingBack, Int(histories), "the histories correct and retract too little")
    }

    /// After a forward append (which waits in the index's tail, not in its rows), an earlier time
    /// is answered from the index built anew with the tail, not from the ledger read in full: the
    /// same answers as the replay of the records recorded by then.
    func testAsKnownEarlierWhileAppendsWaitInTheTailComesFromTheIndexBuiltAnew() throws {
        for seed in 1...UInt64(10) {
            var random = SplitMix64(seed: seed &* 0x9E37_79B9)
            let builder = Self.history(seed: seed, random: &random)
            let path = try write(builder, name: "tail-\(seed).jsonl")
            XCTAssertTrue(IndexFile.build(ledgerPath: path), "seed \(seed)")
            let last = try XCTUnwrap(builder.bodies.map(\.effectiveDate.firstDay).max())
            let late = RecordBody(id: "late-\(seed)", date: ValidDate(dayNumber: last + 1), type: .decision, title: "Spätere Gründung",
                                  sources: [LedgerBuilder.source], changes: [Op.establish("late-gov-\(seed)", "Spätere Regierung", .government)])
            _ = try LedgerAppender.append([late], to: path)
            XCTAssertTrue(FileManager.default.fileExists(atPath: IndexTail.path(forLedger: path)), "seed \(seed): the append went to the tail")
            let records = try Ledger.open(path: path).records
            let full = try Ledger(records: records)
            let indexed = try XCTUnwrap(try LedgerStore.openForQueries(path: path) as? IndexFile, "seed \(seed)")
            XCTAssertFalse(indexed.tail.isEmpty, "seed \(seed)")
            for count in [0, records.count / 2, records.count - 1, records.count] {
                let knownAt = count == 0 ? TransactionTime(nanosecondsSinceEpoch: records[0].recorded.nanoseconds - 1) : records[count - 1].recorded
                let then = try Ledger(records: records.filter { $0.recorded <= knownAt })
                let dates = [ValidDate(dayNumber: last - 200), ValidDate(dayNumber: last + 1)]
                try assertAnswersAlike(indexed, then: then, full: full, knownAt: knownAt, dates: dates, "seed \(seed), \(count) records known")
            }
            XCTAssertNil(indexed.loadedLedger, "seed \(seed): a question as known earlier read the whole ledger")
        }
    }

    /// Every answer through the index as known at `knownAt` against the replay of the records known
    /// then (`then`) and the full read (`full`).
    private func assertAnswersAlike(_ indexed: IndexFile, then: Ledger, full: Ledger, knownAt: TransactionTime, dates: [ValidDate],
                                    _ what: String) throws {
        for date in dates {
            let context = "\(what), on \(date)"
            XCTAssertEqual(try indexed.units(at: date, knownAt: knownAt), try then.units(at: date), context)
            XCTAssertEqual(try indexed.tasks(at: date, knownAt: knownAt), try then.tasks(at: date), context)
            XCTAssertEqual(try indexed.orgChart(at: date, knownAt: knownAt), try then.orgChart(at: date), context)
            XCTAssertEqual(try indexed.offices(at: date, knownAt: knownAt), try then.offices(at: date), context)
            XCTAssertEqual(try indexed.uncertainties(at: date, knownAt: knownAt), try then.uncertainties(at: date), context)
            // A unit known then but withdrawn since is unknown to both (the documented form).
            for unit in try then.units(at: date).prefix(3).map(\.unit.id) {
                assertSame({ () throws(QueryError) in try indexed.responsibilities(at: date, unit: unit, knownAt: knownAt) },
                           { () throws(QueryError) in try full.responsibilities(at: date, unit: unit, knownAt: knownAt) }, "\(context), within \(unit)")
                assertSame({ () throws(QueryError) in try indexed.orgChart(at: date, root: unit, knownAt: knownAt) },
                           { () throws(QueryError) in try full.orgChart(at: date, root: unit, knownAt: knownAt) }, "\(context), from \(unit)")
            }
            // Every task the ledger knows now: those unknown then are answered as the full read
            // answers them ("not defined", named as known now).
            for task in full.history.records.flatMap(\.changes).compactMap(\.definedTask) {
                let answer = try indexed.responsible(task, at: date, knownAt: knownAt)
                XCTAssertEqual(answer, try full.responsible(task, at: date, knownAt: knownAt), "\(context), task \(task)")
                if (try? then.responsible(task, at: date)) != nil {
                    XCTAssertEqual(answer, try then.responsible(task, at: date), "\(context), task \(task)")
                }
                XCTAssertEqual(try indexed.provenance(of: answer, knownAt: knownAt), try full.provenance(of: answer, knownAt: knownAt),
                               "\(context), provenance of \(task)")
            }
        }
        XCTAssertEqual(try indexed.persons(knownAt: knownAt), then.persons(), what)
        for query in ["unit", "renamed", "task 1", "muller", "correction", "record 1"] {
            XCTAssertEqual(try indexed.search(query, at: nil, limit: 50, knownAt: knownAt), try then.search(query, limit: 50), "\(what), search \(query)")
            if let date = dates.first {
                XCTAssertEqual(try indexed.search(query, at: date, limit: 50, knownAt: knownAt), try then.search(query, at: date, limit: 50),
                               "\(what), search \(query) on \(date)")
            }
        }
        if let from = dates.min(), let to = dates.max() {
            XCTAssertEqual(try indexed.diff(from: from, to: to, knownAt: knownAt), try then.diff(from: from, to: to), what)
        }
    }

    /// The same answer, or the same refusal, from both.
    private func assertSame<T: Equatable>(_ mine: () throws(QueryError) -> T, _ expected: () throws(QueryError) -> T, _ what: String) {
        switch (Result(catching: mine), Result(catching: expected)) {
        case let (.success(a), .success(b)): XCTAssertEqual(a, b, what)
        case let (.failure(a), .failure(b)): XCTAssertEqual(a.description, b.description, what)
        case let (a, b): XCTFail("\(what): \(a) against \(b)")
        }
    }

    /// A random history as `append` leaves it: records in an order in which every prefix
    /// replays, many backdated, with corrections (of the effective date, or of a change left out)
    /// and retractions of earlier records among them, each kept only if the ledger still replays.
    static func history(seed: UInt64, random: inout SplitMix64) -> LedgerBuilder {
        var generator = RandomHistory(seed: seed)
        var builder = LedgerBuilder.appendingInValidOrder(generator.bodies(count: Int.random(in: 6...24, using: &random)))
        var fixes = 0
        for _ in 0..<Int.random(in: 2...8, using: &random) {
            let bodies = builder.bodies
            let targets = bodies.filter { !$0.changes.isEmpty }
            guard let target = targets.randomElement(using: &random) else { break }
            fixes += 1
            var fix: RecordBody
            if Int.random(in: 0...2, using: &random) == 0 {
                fix = RecordBody(id: "drop-\(fixes)", date: target.date, type: .retraction, title: "Retraction \(fixes)",
                                 sources: [LedgerBuilder.source], retracts: target.id)
            } else {
                var changes = target.changes
                if changes.count > 1, Bool.random(using: &random) { changes.removeLast() }
                let shift = Int.random(in: -400...400, using: &random)
                let effective = ValidDate(dayNumber: target.effectiveDate.firstDay + shift)
                fix = RecordBody(id: "fix-\(fixes)", date: min(target.date, effective), effective: effective, type: target.type,
                                 title: "Correction \(fixes)", sources: [LedgerBuilder.source], changes: changes, corrects: target.id)
            }
            var candidate = builder
            candidate.append(fix)
            if (try? candidate.ledger()) != nil { builder = candidate }
        }
        return builder
    }
}

private extension Change {
    /// The task a `defineTask` defines.
    var definedTask: TaskID? {
        if case let .defineTask(task, _, _) = self { return task }
        return nil
    }
}
