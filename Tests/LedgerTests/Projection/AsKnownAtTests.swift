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

    // A task or unit the ledger knows now but did not know at T is answered as the ledger knew it
    // then: "nobody was responsible …: the ledger as known at T does not define the task by then"
    // (exit 0; `TimeTravelTests`), an empty list for `responsibilities --unit`, not "unknown
    // task". The mutation tests compare known-at answers only for ids known at T for that reason.
}
