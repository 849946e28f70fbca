import Ledger
import LedgerTesting
import XCTest

/// Every rule of the change table refuses the whole record and names the record, the change and
/// the rule, as `ledger append` refuses it. (Moved from `ChangeRuleTests` to the test kit.)
final class ChangeRuleRefusalTests: XCTestCase {
    /// A small Land: a government, two ministries, an authority in one's portfolio, a task.
    let land = Baseline("base", on: "2000") {
        Establish("gov", "Landesregierung", kind: .government)
        Establish("fm", "Finanzministerium", kind: .ministry, in: "gov")
        Establish("im", "Innenministerium", kind: .ministry, in: "gov")
        Establish("amt", "Landesamt", kind: .authority, in: "im", relation: .subordinateTo)
        Establish("abt", "Abteilung 1", in: "amt")
        DefineTask("t1")
        Assign("t1", to: "abt")
    }

    /// `land`, then the record `r` of 2001 with `changes`.
    private func appending(@ChangesBuilder _ changes: () -> [any ChangeWriting]) throws -> AppendAttempt {
        try given(land).when(appending: Decision("r", on: "2001", changes: changes))
    }

    func testAnUnknownUnitIsNamed() throws {
        let refusal = try appending { Rename("ghost", to: "X") }.thenRefused(rule: "unit 'ghost' does not exist on 2001", record: "r")
        XCTAssertEqual("\(refusal)", "line 1, record 'r', field 'changes[0]' (renameUnit): unit 'ghost' does not exist on 2001")
    }

    func testTransferFromANonHolderIsRefused() throws {
        try appending { Transfer("t1", from: "amt", to: "fm") }.thenRefused(rule: "task 't1' is held by 'abt' on 2001, not by 'amt'")
    }

    func testAssigningAHeldTaskIsRefused() throws {
        try appending { Assign("t1", to: "fm") }.thenRefused(rule: "task 't1' is already held by 'abt'; use transferTask")
    }

    func testAMoveThatMakesACycleIsRefused() throws {
        try appending { Move("amt", to: "abt") }.thenRefused(rule: "would make a cycle")
        try appending { Move("amt", to: "amt") }.thenRefused(rule: "would make a cycle")
    }

    func testDissolvingAUnitWithLiveSubUnitsIsRefused() throws {
        let refusal = try appending {
            Revoke("t1", from: "abt")
            Dissolve("amt")
        }.thenRefused(rule: "unit 'amt' still has the live sub-unit 'abt'; move or dissolve it first")
        XCTAssertTrue("\(refusal)".contains("field 'changes[1]' (dissolveUnit)"), "\(refusal)")
    }

    func testDissolvingAUnitThatStillHoldsATaskIsRefused() throws {
        try appending { Dissolve("abt") }.thenRefused(rule: "unit 'abt' still holds task 't1'; transfer or revoke it first")
    }

    func testARecordIsAllOrNothing() throws {
        // The second change fails, so the first (a valid rename) must not have happened either.
        let refusal = try appending {
            Rename("amt", to: "Umbenannt")
            Rename("ghost", to: "X")
        }.thenRefused(rule: "unit 'ghost' does not exist")
        XCTAssertTrue("\(refusal)".contains("changes[1]"), "\(refusal)")
    }
}
