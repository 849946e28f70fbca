import Ledger
import XCTest

/// Every rule of the change table refuses the whole record and names record, change and rule.
final class ChangeRuleTests: XCTestCase {
    /// A small Land: a government, two ministries, an authority in one's portfolio, a task.
    private func base() -> LedgerBuilder {
        var b = LedgerBuilder()
        b.record("base", "2000", type: "baseline", [
            Op.establish("gov", "Landesregierung", .government),
            Op.establish("fm", "Finanzministerium", .ministry, in: "gov"),
            Op.establish("im", "Innenministerium", .ministry, in: "gov"),
            Op.establish("amt", "Landesamt", .authority, in: "im", .subordinateTo),
            Op.establish("abt", "Abteilung 1", .department, in: "amt"),
            Op.define("t1"),
            Op.assign("t1", to: "abt"),
        ])
        return b
    }

    private func violation(_ id: String, on date: String = "2001", _ changes: [Change]) -> String {
        var b = base()
        b.record(id, date, changes)
        do {
            _ = try b.ledger()
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    func testTheBaseHistoryIsValid() throws {
        XCTAssertNoThrow(try base().ledger())
    }

    func testEstablishingAnExistingIdIsRefused() {
        XCTAssertTrue(violation("r", [Op.establish("amt", "Neues Amt")]).contains("unit 'amt' already exists"))
    }

    func testAnIdOfADissolvedUnitIsNeverReused() {
        let result = violation("r", [Op.revoke("t1", from: "abt"), Op.dissolve("abt"), Op.establish("abt", "Wieder da")])
        XCTAssertTrue(result.contains("field 'changes[2]' (establishUnit): unit 'abt' already exists"), result)
    }

    func testADissolvedUnitCanNoLongerReceiveTasks() {
        let result = violation("r", [Op.revoke("t1", from: "abt"), Op.dissolve("abt"), Op.assign("t1", to: "abt")])
        XCTAssertTrue(result.contains("unit 'abt' is dissolved on 2001"), result)
    }

    func testDefiningATaskTwiceIsRefused() {
        XCTAssertTrue(violation("r", [Op.define("t1")]).contains("task 't1' is already defined"))
    }

    func testRevokingFromANonHolderIsRefused() {
        XCTAssertTrue(violation("r", [Op.revoke("t1", from: "fm")]).contains("task 't1' is held by 'abt' on 2001, not by 'fm'"))
    }

    func testEndingSupervisionThatIsNotInForceIsRefused() {
        XCTAssertTrue(violation("r", [Op.endSupervision("fm", "amt")]).contains("no fach-supervision of 'fm' over 'amt'"))
    }

    func testSettingTheSameSupervisionTwiceIsRefused() {
        XCTAssertTrue(violation("r", [Op.supervise("fm", "amt"), Op.supervise("fm", "amt")]).contains("already in force"))
    }

    func testAUnitCannotSuperviseItself() {
        XCTAssertTrue(violation("r", [Op.supervise("amt", "amt")]).contains("cannot supervise itself"))
    }

    func testAnEffectiveDateBeforeTheDecisionIsRefused() {
        var b = base()
        b.record("r", "2001-05", effective: "2001-04-30", [Op.define("t2")])
        XCTAssertThrowsError(try b.ledger()) { error in
            XCTAssertTrue("\(error)".hasPrefix("line 2, record 'r': field 'effective': 2001-04-30 is before the decision date 2001-05"), "\(error)")
        }
    }

    func testADuplicateRecordIdIsRefused() {
        XCTAssertTrue(violation("base", [Op.define("t2")]).contains("record 'base': field 'id': a record with this id already exists"))
    }

    func testARecordWithoutSourcesIsRefused() {
        var b = base()
        b.record("r", "2001", [Op.define("t2")])
        var records = b.records
        records[1].body.sources = []
        XCTAssertThrowsError(try Ledger(records: records)) { error in
            XCTAssertTrue("\(error)".contains("every record cites at least one source"))
        }
    }

    func testChangesOfOneRecordApplyInOrder() throws {
        var b = base()
        b.record("r", "2001", [Op.establish("neu", "Neue Abteilung", in: "amt"), Op.transfer("t1", from: "abt", to: "neu")])
        let ledger = try b.ledger()
        XCTAssertEqual(try ledger.responsible("t1", at: day("2001")).unit?.id, "neu")
    }

    func testRecordsTakingEffectOnTheSameDayApplyInLedgerOrder() throws {
        var b = base()
        b.record("first", "2001-03-01", [Op.transfer("t1", from: "abt", to: "fm")])
        b.record("second", "2001-03-01", [Op.transfer("t1", from: "fm", to: "im")])
        XCTAssertEqual(try b.ledger().responsible("t1", at: day("2001-03-01")).unit?.id, "im")
    }

    func testABackdatedRecordAppliesAtItsEffectiveDateNotItsPositionInTheLog() throws {
        var b = base()
        b.record("later", "2005", [Op.transfer("t1", from: "abt", to: "fm")])
        b.record("backdated", "2003", [Op.rename("abt", "Abteilung Eins")])
        let ledger = try b.ledger()
        XCTAssertEqual(try ledger.snapshot(at: day("2004")).unit("abt")?.name, "Abteilung Eins")
        XCTAssertEqual(try ledger.snapshot(at: day("2002")).unit("abt")?.name, "Abteilung 1")
    }

    func testABackdatedRecordThatBreaksALaterOneIsRefused() {
        var b = base()
        b.record("later", "2005", [Op.transfer("t1", from: "abt", to: "fm")])
        b.record("backdated", "2003", [Op.revoke("t1", from: "abt")])
        XCTAssertThrowsError(try b.ledger()) { error in
            XCTAssertTrue("\(error)".contains("record 'later'") && "\(error)".contains("held by nobody"), "\(error)")
        }
    }
}
