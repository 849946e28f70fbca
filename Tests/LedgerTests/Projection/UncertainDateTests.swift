import Foundation
@testable import Ledger
import XCTest

/// Dates the sources give only as bounds or guesses: when their changes count, how they order, and
/// how an answer on a day they leave open says so, from the records and from the index alike.
final class UncertainDateTests: LedgerDirectoryTestCase {
    /// A Land whose office got a team "in January 2019 or later" and lost a task "by June 2019 at
    /// the latest", after a concept written some time between September 2018 and January 2019.
    private func landWithOpenDates() -> LedgerBuilder {
        var b = LedgerBuilder()
        b.record("base", "2018", type: "baseline", [Op.establish("land", "Landesregierung", .government),
                                                  Op.establish("amt", "Landesamt", .authority, in: "land"),
                                                  Op.define("beratung"), Op.assign("beratung", to: "amt")])
        b.record("gutachten", "2018-09-06", type: "report", [])
        b.record("konzept", "2018-09-06..2019-01", type: "concept", [])
        b.record("team", "2019-01..", type: "event", [Op.establish("team", "Kompetenzteam", .team, in: "amt")])
        b.record("abgabe", "..2019-06", [Op.transfer("beratung", from: "amt", to: "team")])
        return b
    }

    func testChangesOnAnOpenDateTakeEffectOnItsFirstPossibleDay() throws {
        let ledger = try landWithOpenDates().ledger()
        XCTAssertNil(try ledger.snapshot(at: day("2018-12-31")).unit("team"))
        let team = try XCTUnwrap(try ledger.snapshot(at: day("2019-01-01")).unit("team"))
        XCTAssertEqual(team.established.description, "2019-01..")
        XCTAssertEqual(team.established.wording, "2019-01 or later")
        // "By June at the latest" counts from the first of June, the first day of its only bound.
        XCTAssertEqual(try ledger.responsible("beratung", at: day("2019-05-31")).unit?.id, "amt")
        let june = try ledger.responsible("beratung", at: day("2019-06-01"))
        XCTAssertEqual(june.unit?.id, "team")
        XCTAssertEqual(june.since?.description, "..2019-06")
    }

    func testAnAnswerOnADayLeftOpenSaysWhatItCannotBeSureOf() throws {
        let ledger = try landWithOpenDates().ledger()
        // In March the team's founding is counted though it may have come later, and the transfer
        // is not counted though it may have come earlier.
        let march = try ledger.responsible("beratung", at: day("2019-03-01"))
        XCTAssertEqual(march.unit?.id, "amt")
        XCTAssertEqual(march.uncertain.map(\.record), ["abgabe"], "the team is not on the path of the answer")
        XCTAssertEqual(march.uncertain.first?.applied, false)
        let chart = try ledger.orgChart(at: day("2019-03-01"))
        XCTAssertEqual(chart.uncertain.map { "\($0.record) \($0.applied)" }, ["team true", "abgabe false"])
        // From July on nothing is left open: the transfer happened by June, the team before it.
        XCTAssertEqual(try ledger.responsible("beratung", at: day("2019-07-01")).uncertain.map(\.record), ["team"])
        XCTAssertEqual(try ledger.uncertainties(at: day("2018-12-31")).map(\.record), ["abgabe"])
        // Records without changes leave no answer open: the concept only dates itself.
        XCTAssertFalse(try ledger.uncertainties(at: day("2018-10-01")).contains { $0.record == "konzept" })
    }

    func testARecordAfterTheGutachtenDateUnknownListsAfterIt() throws {
        // Appended first, yet listed after the Gutachten of the same first day.
        var b = LedgerBuilder()
        b.record("base", "2018", type: "baseline", [Op.establish("amt", "Landesamt", .authority)])
        b.record("umsetzungskonzept", "2018-09-06..", type: "concept", [Op.define("foerderung")])
        b.record("gutachten", "2018-09-06", type: "report", [])
        let history = try b.ledger().history()
        XCTAssertEqual(history.entries.map(\.record.id), ["base", "gutachten", "umsetzungskonzept"])
    }

    func testTheIndexAnswersOpenDatesAsTheRecordsDo() throws {
        let path = try write(landWithOpenDates())
        let ledger = try Ledger.open(path: path)
        XCTAssertTrue(IndexFile.build(ledgerPath: path), "the compact reading takes open dates")
        let compact = try Data(contentsOf: URL(fileURLWithPath: IndexFile.path(forLedger: path)))
        XCTAssertTrue(IndexFile.write(for: ledger, ledgerPath: path))
        XCTAssertEqual(compact, try Data(contentsOf: URL(fileURLWithPath: IndexFile.path(forLedger: path))))
        let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
        for text in ["2018-12-31", "2019-01-01", "2019-03-01", "2019-06-01", "2019-07-01"] {
            let date = day(text)
            XCTAssertEqual(try index.uncertainties(at: date), try ledger.uncertainties(at: date), text)
            XCTAssertEqual(try index.responsible("beratung", at: date), try ledger.responsible("beratung", at: date), text)
            XCTAssertEqual(try index.orgChart(at: date), try ledger.orgChart(at: date), text)
            XCTAssertEqual(try index.units(at: date), try ledger.units(at: date), text)
        }
        XCTAssertNil(index.loadedLedger, "answered from the index")
    }
}
