import Foundation
@testable import Ledger
import XCTest

/// `history ID` and `timeline ID` through the index (`mentionKeys`, `mentions`, the steps) read only
/// the records concerning the id, and `sources` only the lines citing what it asks about (and the
/// withdrawals); all must give exactly the full read's answers, at every transaction time, without
/// reading the ledger in full.
final class IndexHistoryTests: LedgerDirectoryTestCase {
    /// Every id the ledger names (and one it does not), asked of the index and of the full read at
    /// every record's transaction time and now: its history over the whole time and over a
    /// window, and its timeline.
    private func assertHistoriesAgree(_ path: String, _ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let ledger = try Ledger.open(path: path)
        let index = try XCTUnwrap(IndexFile.openOrBuild(ledgerPath: path), context, file: file, line: line)
        var ids = Set(ledger.records.map(\.id))
        for record in ledger.records {
            for change in record.changes {
                ids.formUnion(change.unitIDs)
                ids.formUnion(change.taskIDs)
                if let person = change.personID { ids.insert(person) }
            }
            if let actor = record.actor { ids.insert(actor) }
            ids.formUnion(record.about ?? [])
        }
        ids.insert("no-such-id")
        let times = ledger.records.map(\.recorded) + [.distantFuture]
        let days = ledger.records.map(\.date.firstDay).sorted()
        let window = (ValidDate(dayNumber: days[days.count / 3]), ValidDate(dayNumber: days[2 * days.count / 3]))
        func assertSame<T: Equatable>(_ expected: Result<T, QueryError>, _ answered: Result<T, QueryError>, _ what: String) {
            switch (expected, answered) {
            case let (.success(expected), .success(answered)):
                XCTAssertEqual(answered, expected, "\(context): \(what)", file: file, line: line)
            case let (.failure(expected), .failure(answered)):
                XCTAssertEqual("\(answered)", "\(expected)", "\(context): \(what)", file: file, line: line)
            default:
                XCTFail("\(context): \(what): \(answered) where the full read gives \(expected)", file: file, line: line)
            }
        }
        for id in ids.sorted() {
            for knownAt in times {
                for (from, to) in [(nil, nil), (window.0, window.1)] as [(ValidDate?, ValidDate?)] {
                    assertSame(Result { () throws(QueryError) in try ledger.history(of: id, from: from, to: to, knownAt: knownAt) },
                               Result { () throws(QueryError) in try index.history(of: id, from: from, to: to, knownAt: knownAt) },
                               "history of \(id) known at \(knownAt)")
                }
            }
        }
        // The whole ledger's history, over all time and a window.
        for knownAt in times {
            for (from, to) in [(nil, nil), (window.0, window.1), (window.0, nil), (nil, window.0)] as [(ValidDate?, ValidDate?)] {
                assertSame(Result { () throws(QueryError) in try ledger.history(of: nil, from: from, to: to, knownAt: knownAt) },
                           Result { () throws(QueryError) in try index.history(of: nil, from: from, to: to, knownAt: knownAt) },
                           "whole history from \(String(describing: from)) to \(String(describing: to)) known at \(knownAt)")
                // Handed over entry by entry, a day's records at a time: the same entries.
                let expected = try ledger.history(of: nil, from: from, to: to, knownAt: knownAt).entries
                var handed: [EntityHistory.Entry] = []
                try index.eachHistoryEntry(from: from, to: to, knownAt: knownAt) { handed.append($0); return true }
                XCTAssertEqual(handed, expected, "\(context): whole history handed over from \(String(describing: from)) known at \(knownAt)",
                               file: file, line: line)
                if expected.count > 1 {
                    handed = []
                    try index.eachHistoryEntry(from: from, to: to, knownAt: knownAt) { handed.append($0); return handed.count < 2 }
                    XCTAssertEqual(handed, Array(expected.prefix(2)), "\(context): stopped after two", file: file, line: line)
                }
            }
        }
        XCTAssertNil(index.loadedLedger, "\(context): the index read the ledger in full", file: file, line: line)
        let sources = Set(ledger.records.flatMap(\.sources))
        let filters = [SourceFilter(), SourceFilter(url: "https://example.org/none"), SourceFilter(seed: "ä")]
            + sources.compactMap(\.url).sorted().map { SourceFilter(url: $0) }
            + Set(sources.compactMap { $0.seed.map { String($0.prefix(3)) } }).sorted().map { SourceFilter(seed: $0) }
        for filter in filters {
            for knownAt in times {
                let expected = Self.plainSources(ledger, filter, knownAt: knownAt)
                XCTAssertEqual(try index.sources(filter, knownAt: knownAt), expected,
                               "\(context): sources \(filter) known at \(knownAt)", file: file, line: line)
                XCTAssertEqual(ledger.sources(filter, knownAt: knownAt), expected,
                               "\(context): sources \(filter) known at \(knownAt), in memory", file: file, line: line)
                if expected.entries.count > 1 {
                    var handed: [SourceCitations.Entry] = []
                    try index.eachSourceEntry(filter, knownAt: knownAt) { handed.append($0); return handed.count < 2 }
                    XCTAssertEqual(handed, Array(expected.entries.prefix(2)), "\(context): sources stopped after two", file: file, line: line)
                }
            }
        }
        XCTAssertNil(index.loadedLedger, "\(context): the sources read the ledger in full", file: file, line: line)
        // With appends waiting in the tail, the timeline comes from the index built anew with them.
        for id in ids.sorted() {
            for knownAt in times {
                assertSame(Result { () throws(QueryError) in try ledger.timeline(of: id, knownAt: knownAt) },
                           Result { () throws(QueryError) in try index.timeline(of: id, knownAt: knownAt) }, "timeline of \(id) known at \(knownAt)")
            }
        }
        XCTAssertNil(index.loadedLedger, "\(context): the timelines read the ledger in full", file: file, line: line)
    }

    /// The bibliography made the plain way, as a reader would by hand: the admitted sources of the
    /// records known then, by title, URL and seed (first cited first among equals), each with the
    /// records citing it by date (ledger order within a date), withdrawn ones marked.
    static func plainSources(_ ledger: Ledger, _ filter: SourceFilter, knownAt: TransactionTime) -> SourceCitations {
        let known = ledger.records.filter { $0.recorded <= knownAt }
        let withdrawals = EffectiveHistory(ledger.records, knownAt: knownAt)
        var sources: [Source] = []
        for record in known {
            for source in record.sources where filter.admits(source) && !sources.contains(source) { sources.append(source) }
        }
        sources.sort { ($0.title, $0.url ?? "", $0.seed ?? "") < ($1.title, $1.url ?? "", $1.seed ?? "") }
        return SourceCitations(entries: sources.map { source in
            let citing = known.filter { $0.sources.contains(source) }.sorted { $0.date < $1.date }
            return SourceCitations.Entry(source: source, citations: citing.map { record in
                let withdrawn = withdrawals.withdrawal(of: record.id)
                return SourceCitations.Citation(record: record.id, type: record.type, title: record.title, date: record.date,
                                                concerns: Set(record.changes.flatMap(\.subjects) + (record.about ?? [])).sorted(),
                                                withdrawnBy: withdrawn?.by, withdrawal: withdrawn?.kind)
            })
        })
    }

    func testTheThuringianHistoryOfEveryIdComesFromTheIndexAsFromTheFullRead() throws {
        let path = directory.appendingPathComponent("events.jsonl").path
        try FileManager.default.copyItem(atPath: RepositoryPaths.events, toPath: path)
        try assertHistoriesAgree(path, "events")
    }

    func testCorrectionsOfCorrectionsAndRetractionsKeepTheirHistoriesAndWithdrawals() throws {
        try assertHistoriesAgree(try write(.corrections), "corrections")
    }

    func testRandomHistoriesWithCorrectionsAndRetractionsAgreeForEveryId() throws {
        let count = ProcessInfo.processInfo.environment["LEDGER_STRESS"] == nil ? 25 : 400
        for seed in 1...UInt64(count) {
            var generator = RandomHistory(seed: seed &* 7919)
            var builder = LedgerBuilder.appendingInValidOrder(generator.bodies(count: Int.random(in: 4...14, using: &generator.random)))
            // Up to three corrections or retractions, of any record before them (corrections included).
            for fix in 0..<Int.random(in: 0...3, using: &generator.random) {
                let records = try builder.ledger().records
                let target = records[Int.random(in: 0..<records.count, using: &generator.random)]
                var body = target.body
                body.id = "fix-\(fix)"
                body.corrects = nil
                body.retracts = nil
                if Bool.random(using: &generator.random) {
                    body.corrects = target.id
                    if body.changes.count > 1 { body.changes.removeLast() }
                } else {
                    body.retracts = target.id
                    body.changes = []
                }
                var candidate = builder
                candidate.append(body)
                if (try? candidate.ledger()) != nil { builder = candidate }
            }
            try assertHistoriesAgree(try write(builder, name: "random-\(seed).jsonl"), "seed \(seed)")
        }
    }

    /// Deeper hierarchies than the random histories, with corrections, retractions and backdated
    /// records: every unit's and task's timeline at two transaction times and now, against the
    /// replay of the records recorded by then (`Ledger.asKnown`).
    func testARealisticLedgersTimelinesComeFromTheIndexAsFromTheReplayOfTheRecordsKnownThen() throws {
        let records = Array(HistoryGenerator(records: 200, seed: 5, shape: .realistic))
        let path = directory.appendingPathComponent("realistic.jsonl").path
        try Data(records.map { $0.canonicalLine + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        let ledger = try Ledger.open(path: path)
        let index = try XCTUnwrap(IndexFile.openOrBuild(ledgerPath: path))
        let ids = Set(records.flatMap { $0.changes.flatMap { $0.unitIDs + $0.taskIDs } }).sorted()
        let times = [records[records.count / 3].recorded, records[2 * records.count / 3].recorded, .distantFuture]
        var compared = 0
        for knownAt in times {
            let known = try ledger.asKnown(at: knownAt)
            for id in ids {
                let expected = Result { () throws(QueryError) in try known.timeline(of: id) }
                let answered = Result { () throws(QueryError) in try index.timeline(of: id, knownAt: knownAt) }
                switch (expected, answered) {
                case let (.success(expected), .success(answered)):
                    XCTAssertEqual(answered, expected, "\(id) known at \(knownAt)")
                    compared += 1
                case let (.failure(expected), .failure(answered)):
                    XCTAssertEqual("\(answered)", "\(expected)", "\(id) known at \(knownAt)")
                default:
                    XCTFail("\(id) known at \(knownAt): \(answered) where the replay gives \(expected)")
                }
            }
        }
        XCTAssertGreaterThan(compared, 400)
        XCTAssertNil(index.loadedLedger, "the index read the ledger in full")
    }

    /// A window of the whole ledger's history reads only the records dated within it, and still
    /// marks one that a later-dated correction withdrew (found through the mention lists).
    func testAWindowOfTheWholeHistoryMarksARecordCorrectedByALaterDatedOne() throws {
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("a", "Amt A", .authority, in: "gov")])
        b.record("rename-a", "2001", [Op.rename("a", "Amt Eins")])
        b.record("fix-a", "2005", corrects: "rename-a", [Op.rename("a", "Amt Erstens")])
        let path = try write(b)
        let ledger = try Ledger.open(path: path)
        let index = try XCTUnwrap(IndexFile.openOrBuild(ledgerPath: path))
        let (from, to) = (try ValidDate(parsing: "2000"), try ValidDate(parsing: "2002"))
        for knownAt in ledger.records.map(\.recorded) + [.distantFuture] {
            let expected = try ledger.history(of: nil, from: from, to: to, knownAt: knownAt)
            XCTAssertEqual(try index.history(of: nil, from: from, to: to, knownAt: knownAt), expected, "known at \(knownAt)")
            var handed: [EntityHistory.Entry] = []
            try index.eachHistoryEntry(from: from, to: to, knownAt: knownAt) { handed.append($0); return true }
            XCTAssertEqual(handed, expected.entries, "handed over, known at \(knownAt)")
        }
        let now = try index.history(of: nil, from: from, to: to)
        XCTAssertEqual(now.entries.map(\.record.id), ["base", "rename-a"])
        XCTAssertEqual(now.entries.last?.withdrawnBy, "fix-a")
        XCTAssertNil(index.loadedLedger, "the index read the ledger in full")
    }

    func testRecordsAppendedThroughTheIndexAreInTheHistoryOfWhatTheyName() throws {
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("a", "Amt A", .authority, in: "gov")])
        b.record("task", "2001", [Op.define("t"), Op.assign("t", to: "a")])
        let path = try write(b)
        XCTAssertTrue(IndexFile.build(ledgerPath: path))
        var c = LedgerBuilder()
        c.record("later", "2005", [Op.establish("c", "Amt C", .authority, in: "gov"), Op.transfer("t", from: "a", to: "c")])
        let later = try XCTUnwrap(c.bodies.first)
        _ = try LedgerAppender.append([later], to: path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: IndexTail.path(forLedger: path)), "the append went through the index")
        try assertHistoriesAgree(path, "tail")
        XCTAssertFalse(FileManager.default.fileExists(atPath: IndexTail.path(forLedger: path)), "the timeline folded the tail into the index")
        XCTAssertNotNil(IndexFile.open(ledgerPath: path), "the index built anew describes the ledger")
    }

    func testAForgedMentionIsDamageAndTheAnswerComesFromTheLedger() throws {
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("a", "Amt A", .authority, in: "gov")])
        b.record("rename", "2001", [Op.rename("a", "Amt Eins")])
        let path = try write(b)
        XCTAssertTrue(IndexFile.build(ledgerPath: path))
        let expected = try Ledger.open(path: path).history(of: "a")
        // Every mention points past the records, or every key's records past the mentions: a
        // reader must not follow them.
        let original = try IndexForgery(indexOf: path)
        for (field, value) in [(IndexForgery.Field.mentionRecord, UInt32(99)), (.mentionStart, 1 << 20), (.mentionCount, UInt32.max)] {
            var forgery = original
            for row in 0..<forgery.rowCount(field) { forgery.write(value, to: field, row: row) }
            try forgery.seal(asIndexOf: path)
            let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
            XCTAssertEqual(try index.history(of: "a"), expected, "\(field)")
            try original.seal(asIndexOf: path)
        }
    }
}
