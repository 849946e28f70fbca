import Foundation
@testable import Ledger
import XCTest

/// `show` says whether a record was corrected or retracted, and by what: the index finds it by
/// scanning the few lines that can withdraw the record, and must say what the full read says.
final class IndexWithdrawalTests: LedgerDirectoryTestCase {
    func testTheIndexNamesTheSameWithdrawalsAsTheFullRead() throws {
        let path = try write(.corrections)
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
