import Foundation
@testable import Ledger
import XCTest

/// `show` says whether a record was corrected or retracted, and by what: the index finds it by
/// scanning the few lines that can withdraw the record, and must say what the full read says.
final class IndexWithdrawalTests: LedgerDirectoryTestCase {
    /// A renaming corrected twice (the first correction superseded), a correction of that
    /// correction, a retracted appointment, and a correction recorded after a retraction.
    private var corrections: LedgerBuilder {
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("a", "Amt A", .authority, in: "gov"),
                                  Op.establish("b", "Amt B", .authority, in: "gov")])
        b.record("rename-a", "2001", [Op.rename("a", "Amt Eins")])
        b.record("fix-a-1", "2001", corrects: "rename-a", [Op.rename("a", "Amt Erstens")])
        b.record("fix-a-2", "2001", corrects: "rename-a", [Op.rename("a", "Amt Nummer Eins")])
        b.record("fix-of-fix", "2001", corrects: "fix-a-2", [Op.rename("a", "Amt Nr. 1")])
        b.record("appoint", "2002", [Op.appoint("p1", "Leitung", in: "b")])
        b.record("drop-appoint", "2003", type: "retraction", retracts: "appoint", [])
        b.record("rename-b", "2004", [Op.rename("b", "Amt Zwei")])
        b.record("drop-b", "2004", type: "retraction", retracts: "rename-b", [])
        b.record("back-b", "2004", corrects: "rename-b", [Op.rename("b", "Amt Zweitens")])
        return b
    }

    func testTheIndexNamesTheSameWithdrawalsAsTheFullRead() throws {
        let path = try write(corrections)
        let ledger = try Ledger.open(path: path)
        XCTAssertTrue(IndexFile.write(for: ledger, ledgerPath: path))
        let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
        let expected: [RecordID: RecordWithdrawal] = [
            "rename-a": RecordWithdrawal(by: "fix-a-2", kind: .corrected),
            "fix-a-1": RecordWithdrawal(by: "fix-a-2", kind: .corrected),
            "fix-a-2": RecordWithdrawal(by: "fix-of-fix", kind: .corrected),
            "appoint": RecordWithdrawal(by: "drop-appoint", kind: .retracted),
            "rename-b": RecordWithdrawal(by: "back-b", kind: .corrected),
        ]
        for record in ledger.records {
            XCTAssertEqual(ledger.withdrawal(of: record.id), expected[record.id], record.id)
            XCTAssertEqual(index.withdrawal(of: record.id), expected[record.id], record.id)
        }
        XCTAssertNil(index.withdrawal(of: "no-such-record"))
        XCTAssertNil(index.loadedLedger, "the index read the ledger in full")
        // `history` answers from the same implementation.
        let history = try ledger.history(of: "rename-a")
        XCTAssertEqual(history.entries.map(\.withdrawnBy), ["fix-a-2", "fix-a-2", "fix-of-fix", nil])
    }
}
