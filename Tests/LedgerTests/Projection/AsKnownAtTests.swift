import Foundation
import Ledger
import XCTest

/// "What did the ledger say on T about D?" (FORMAT.md §5.5): answers as known at T use only the
/// records recorded by T, so they are the answers the ledger of those records alone gives now.
final class AsKnownAtTests: LedgerDirectoryTestCase {
    /// A government recorded first; a later record, recorded a second later, establishes a unit,
    /// defines a task and gives it to the unit, and appoints someone there.
    private func ledgerWithALaterUnitAndTask() -> LedgerBuilder {
        var b = LedgerBuilder()
        b.record("base", "2000", type: "baseline", [Op.establish("gov", "Landesregierung", .government)])
        b.record("neu", "2001", [Op.establish("stelle", "Prüfstelle", in: "gov"), Op.define("pruefung"), Op.assign("pruefung", to: "stelle"),
                                 Op.appoint("leiterin", "Leitung", in: "stelle")])
        return b
    }

    /// The first record's time: the ledger then held only the government.
    private func firstRecorded(_ b: LedgerBuilder) -> TransactionTime { b.records[0].recorded }

    func testAnswersAboutTheWholeOrganisationAsKnownThenAreThoseOfTheRecordsKnownThen() throws {
        let b = ledgerWithALaterUnitAndTask()
        let then = try Ledger(records: Array(b.records.prefix(1)))
        let knownAt = firstRecorded(b)
        let path = try write(b)
        for ledger in [try b.ledger() as any LedgerQuerying, try LedgerStore.openForQueries(path: path)] {
            for date in [day("2000"), day("2002")] {
                XCTAssertEqual(try ledger.units(at: date, knownAt: knownAt), try then.units(at: date))
                XCTAssertEqual(try ledger.tasks(at: date, knownAt: knownAt), try then.tasks(at: date))
                XCTAssertEqual(try ledger.orgChart(at: date, root: nil, knownAt: knownAt), try then.orgChart(at: date))
                XCTAssertEqual(try ledger.offices(at: date, filter: OfficeFilter(), knownAt: knownAt), try then.offices(at: date))
            }
        }
    }

    /// A task or unit that only a record recorded after T defines or establishes is unknown "as
    /// known at T", as it is to the records known at T (FORMAT.md §5.5). Found by the mutation
    /// tests: `responsible`, `orgchart --root`, `responsibilities --unit`, `offices --unit` and
    /// `history` used to look the id up in the ledger as it is now, and answered "nobody", "does
    /// not exist on …" or an empty list (exit 0) where the ledger then had no such id (exit 1).
    func testAnAnswerAsKnownAtAnEarlierTimeKnowsOnlyTheTasksAndUnitsOfTheRecordsKnownThen() throws {
        let b = ledgerWithALaterUnitAndTask()
        let then = try Ledger(records: Array(b.records.prefix(1)))
        let knownAt = firstRecorded(b)
        let date = day("2002")
        let path = try write(b)
        let full = try b.ledger()
        func outcome<T>(_ question: () throws(QueryError) -> T) -> String {
            do { return "\(try question())" } catch { return "error: \(error)" }
        }
        XCTAssertEqual(outcome { () throws(QueryError) in try then.responsible("pruefung", at: date) }, "error: \(QueryError.unknownTask("pruefung"))")
        for (name, ledger) in [("in memory", full as any LedgerQuerying), ("through the index", try LedgerStore.openForQueries(path: path))] {
            XCTAssertEqual(outcome { () throws(QueryError) in try ledger.responsible("pruefung", at: date, knownAt: knownAt) },
                           outcome { () throws(QueryError) in try then.responsible("pruefung", at: date) }, "responsible, \(name)")
            XCTAssertEqual(outcome { () throws(QueryError) in try ledger.orgChart(at: date, root: "stelle", knownAt: knownAt) },
                           outcome { () throws(QueryError) in try then.orgChart(at: date, root: "stelle") }, "orgchart --root, \(name)")
            XCTAssertEqual(outcome { () throws(QueryError) in try ledger.responsibilities(at: date, unit: "stelle", knownAt: knownAt) },
                           outcome { () throws(QueryError) in try then.responsibilities(at: date, unit: "stelle") }, "responsibilities --unit, \(name)")
            XCTAssertEqual(outcome { () throws(QueryError) in try ledger.offices(at: date, filter: OfficeFilter(unit: "stelle"), knownAt: knownAt) },
                           outcome { () throws(QueryError) in try then.offices(at: date, filter: OfficeFilter(unit: "stelle")) }, "offices --unit, \(name)")
        }
        XCTAssertEqual(outcome { () throws(QueryError) in try full.history(of: "pruefung", knownAt: knownAt) },
                       outcome { () throws(QueryError) in try then.history(of: "pruefung") }, "history")
    }
}
