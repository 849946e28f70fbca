import Foundation
import Ledger
import XCTest

/// "What did the ledger say about D when we decided on T?" — corrections and retractions change
/// answers known after them and leave answers known before them exactly as they were.
final class CorrectionTests: XCTestCase {
    private func time(_ text: String) -> TransactionTime { try! TransactionTime(parsingRecorded: text) }

    private func body(_ json: String) throws -> RecordBody { try RecordBatch.parse(Data(json.utf8))[0] }

    private let source = #""sources":[{"title":"Testquelle"}]"#

    /// The Thuringian ledger plus a decision recorded with a wrong effective date on 2026-12-10
    /// and its correction on 2026-12-20 (after the events, which were recorded in November 2026).
    private func thuringiaWithACorrectedDate() throws -> Ledger {
        let events = try Ledger.open(path: RepositoryPaths.events)
        let wrong = try body(#"{"id":"2021-03-kv40-team-basisdienste","date":"2021-03","effective":"2021-06-01","type":"decision","title":"Team Basisdienste im Kompetenzzentrum","#
            + source + #","changes":[{"op":"establishUnit","unit":"kv40-basisdienste","name":"Team Basisdienste","kind":"team","parent":"kv40"},{"op":"transferTask","task":"basisdienste","from":"kv40","to":"kv40-basisdienste"}]}"#)
        let first = try LedgerAppender.plan([wrong], onto: events, now: time("2026-12-10T09:00:00Z")).ledger!
        let corrected = try body(#"{"id":"2021-04-korrektur-team-basisdienste","date":"2021-03","effective":"2021-04-01","type":"correction","corrects":"2021-03-kv40-team-basisdienste","title":"Team Basisdienste: wirksam ab 1. April, nicht 1. Juni","#
            + source + #","changes":[{"op":"establishUnit","unit":"kv40-basisdienste","name":"Team Basisdienste","kind":"team","parent":"kv40"},{"op":"transferTask","task":"basisdienste","from":"kv40","to":"kv40-basisdienste"}]}"#)
        return try LedgerAppender.plan([corrected], onto: first, now: time("2026-12-20T09:00:00Z")).ledger!
    }

    func testACorrectedEffectiveDateChangesAnswersKnownAfterItOnly() throws {
        let ledger = try thuringiaWithACorrectedDate()
        let may = day("2021-05-01")
        let knownBefore = try ledger.responsible("basisdienste", at: may, knownAt: time("2026-12-15T00:00:00Z"))
        XCTAssertEqual(knownBefore.unit?.id, "kv40", "before the correction the team started in June")
        let knownAfter = try ledger.responsible("basisdienste", at: may)
        XCTAssertEqual(knownAfter.unit?.id, "kv40-basisdienste")
        XCTAssertEqual(knownAfter.record, "2021-04-korrektur-team-basisdienste")
        // Before the first record was entered, the ledger knew nothing of the team at all.
        XCTAssertNil(try ledger.snapshot(at: day("2021-07-01"), knownAt: time("2026-12-01T00:00:00Z")).unit("kv40-basisdienste"))
        try IndexMatchesReplayTests.assertAgreement(ledger, at: may, knownAt: time("2026-12-15T00:00:00Z"))
        try IndexMatchesReplayTests.assertAgreement(ledger, at: may)
    }

    func testTheHistoryShowsBothTimeAxesAndWhatReplacedTheWrongRecord() throws {
        let ledger = try thuringiaWithACorrectedDate()
        let history = try ledger.history(of: "kv40-basisdienste")
        XCTAssertEqual(history.entries.map(\.record.id), ["2021-03-kv40-team-basisdienste", "2021-04-korrektur-team-basisdienste"])
        XCTAssertEqual(history.entries[0].withdrawnBy, "2021-04-korrektur-team-basisdienste")
        XCTAssertEqual(history.entries[0].withdrawal, .corrected)
        XCTAssertNil(history.entries[1].withdrawnBy)
        let earlier = try ledger.history(of: "kv40-basisdienste", knownAt: time("2026-12-15T00:00:00Z"))
        XCTAssertEqual(earlier.entries.map(\.record.id), ["2021-03-kv40-team-basisdienste"])
        XCTAssertNil(earlier.entries[0].withdrawnBy)
    }

    func testARetractionWithdrawsTheChangesAndTheLatestCorrectionWins() throws {
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("a", "Amt A", .authority, in: "gov")])
        b.record("rename-1", "2001", [Op.rename("a", "Amt Eins")])
        b.record("fix-1", "2001", corrects: "rename-1", [Op.rename("a", "Amt Erstens")])
        b.record("fix-2", "2001", corrects: "rename-1", [Op.rename("a", "Amt Nummer Eins")])
        let corrected = try b.ledger()
        XCTAssertEqual(try corrected.snapshot(at: day("2002")).unit("a")?.name, "Amt Nummer Eins")
        let third = corrected.records[2].recorded
        XCTAssertEqual(try corrected.snapshot(at: day("2002"), knownAt: third).unit("a")?.name, "Amt Erstens")
        b.record("drop", "2003", retracts: "rename-1", [])
        let retracted = try b.ledger()
        XCTAssertEqual(try retracted.snapshot(at: day("2002")).unit("a")?.name, "Amt A")
        for record in retracted.records {
            try IndexMatchesReplayTests.assertAgreement(retracted, at: day("2002"), knownAt: record.recorded)
        }
    }

    func testRandomHistoriesWithCorrectionsAgreeAtEveryRecordingTime() throws {
        var checked = 0
        for seed in 1...300 as ClosedRange<UInt64> {
            var generator = RandomHistory(seed: seed &* 7919)
            // Every prefix must replay, as it does in a ledger built by `append`.
            var builder = LedgerBuilder.appendingInValidOrder(generator.bodies(count: Int.random(in: 5...15, using: &generator.random)))
            // Propose corrections and retractions of random records; keep those the ledger accepts.
            for attempt in 0..<4 {
                let records = builder.records
                let target = records[Int.random(in: 0..<records.count, using: &generator.random)]
                var body = target.body
                body.id = "fix-\(attempt)"
                if Bool.random(using: &generator.random) {
                    body.corrects = target.id
                    body.retracts = nil
                    let shift = Int.random(in: -20...20, using: &generator.random)
                    body.effective = ValidDate(dayNumber: max(body.date.firstDay, target.effectiveDate.firstDay + shift))
                    if !body.changes.isEmpty, Bool.random(using: &generator.random) { body.changes.removeLast() }
                } else {
                    body.retracts = target.id
                    body.corrects = nil
                    body.changes = []
                }
                var candidate = builder
                candidate.append(body)
                if (try? candidate.ledger()) != nil { builder = candidate }
            }
            let ledger = try builder.ledger()
            let days = ledger.records.map(\.effectiveDate.firstDay)
            for record in ledger.records {
                let date = ValidDate(dayNumber: days[Int.random(in: 0..<days.count, using: &generator.random)])
                try IndexMatchesReplayTests.assertAgreement(ledger, at: date, knownAt: record.recorded)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 3000)
    }

    // MARK: A correction that withdraws every change

    func testACorrectionWithoutChangesThatWouldWithdrawChangesIsRefusedPointingToARetraction() throws {
        let events = try Ledger.open(path: RepositoryPaths.events)
        let empty = try body(#"{"id":"leer","date":"2020-12","type":"correction","corrects":"2020-12-kabinett-angliederung-kv40","title":"Berichtigung","#
            + source + "}")
        XCTAssertThrowsError(try LedgerAppender.plan([empty], onto: events)) { error in
            XCTAssertEqual("\(error)", #"record 'leer': field 'changes': a correction without changes would withdraw the 6 changes in force of '2020-12-kabinett-angliederung-kv40' and put none in their place; to withdraw them, say so with a retraction: "retracts": "2020-12-kabinett-angliederung-kv40" instead of "corrects" (and "type": "retraction"); to correct them, give the changes that hold instead ('ledger correct 2020-12-kabinett-angliederung-kv40' prints those in force)"#)
        }
        // `"changes": []` is no different from leaving them out.
        let emptyArray = try body(#"{"id":"leer","date":"2020-12","type":"correction","corrects":"2020-12-kabinett-angliederung-kv40","title":"Berichtigung","#
            + source + #","changes":[]}"#)
        XCTAssertThrowsError(try LedgerAppender.plan([emptyArray], onto: events))
        // Said explicitly, as a retraction, the same withdrawal is checked as any other.
        let retraction = try body(#"{"id":"widerruf","date":"2020-12","type":"retraction","retracts":"2020-12-kabinett-angliederung-kv40","title":"Widerruf","#
            + source + "}")
        XCTAssertNoThrow(try LedgerAppender.plan([retraction], onto: events))
    }

    func testACorrectionWithoutChangesMayReplaceARecordThatHadNone() throws {
        // The Thuringian Grobkonzept was corrected for its date alone: neither record has changes.
        let events = try Ledger.open(path: RepositoryPaths.events)
        let corrected = try XCTUnwrap(events.record("2017-tmik-grobkonzept-kv40-berichtigt"))
        var withoutIt = LedgerBuilder()
        for record in events.records where record.id != corrected.id { withoutIt.append(record.body) }
        let outcome = try LedgerAppender.plan([corrected.body], onto: try withoutIt.ledger())
        XCTAssertEqual(outcome.stored.map(\.id), ["2017-tmik-grobkonzept-kv40-berichtigt"])
        // And a correction of a retracted record withdraws nothing that counts.
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("a", "Amt A", .authority, in: "gov")])
        b.record("rename", "2001", [Op.rename("a", "Amt Eins")])
        b.record("drop", "2002", type: "retraction", retracts: "rename", [])
        let fix = RecordBody(id: "fix", date: day("2002"), type: .correction, title: "Berichtigung", sources: [LedgerBuilder.source],
                             changes: [], corrects: "rename")
        XCTAssertNoThrow(try LedgerAppender.plan([fix], onto: try b.ledger()))
    }

    func testAnEmptyCorrectionOfACorrectedRecordNamesTheCorrectionInForce() throws {
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("a", "Amt A", .authority, in: "gov")])
        b.record("rename", "2001", [Op.rename("a", "Amt Eins")])
        b.record("fix-1", "2001", corrects: "rename", [Op.rename("a", "Amt Erstens")])
        let empty = RecordBody(id: "fix-2", date: day("2002"), type: .correction, title: "Berichtigung", sources: [LedgerBuilder.source],
                               changes: [], corrects: "rename")
        XCTAssertThrowsError(try LedgerAppender.plan([empty], onto: try b.ledger())) { error in
            XCTAssertTrue("\(error)".hasPrefix("record 'fix-2': field 'changes': a correction without changes would withdraw the 1 change in force of 'rename' (those of its correction 'fix-1') and put none in their place;"), "\(error)")
        }
    }
}
