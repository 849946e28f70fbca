import Foundation
import Ledger
import XCTest

/// `ledger history` without an id writes the whole ledger's history as it reads it, a day's
/// records at a time, never holding it whole: the bytes are those of the answer rendered whole,
/// in every format, over all time, a window, and as known earlier.
final class WholeHistoryOutputTests: EventsCopyTestCase {
    private func run(_ arguments: [String]) throws -> String {
        let result = try LedgerProcess.run(["history", "--ledger", ledgerPath] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        return result.stdout
    }

    func testTheWholeHistoryWrittenAsItIsReadIsTheAnswerRenderedWhole() throws {
        let ledger = try Ledger.open(path: ledgerPath)
        let earlier = ledger.records[ledger.records.count / 2].recorded
        let questions: [(arguments: [String], from: ValidDate?, to: ValidDate?, knownAt: TransactionTime)] = [
            ([], nil, nil, .distantFuture),
            (["--from", "2019-01-01", "--to", "2020-12-31"], try ValidDate(parsing: "2019-01-01"), try ValidDate(parsing: "2020-12-31"),
             .distantFuture),
            (["--known-at", earlier.description], nil, nil, earlier),
            (["--from", "2031-01-01"], try ValidDate(parsing: "2031-01-01"), nil, .distantFuture),
        ]
        for (arguments, from, to, knownAt) in questions {
            let history = try ledger.history(of: nil, from: from, to: to, knownAt: knownAt)
            XCTAssertEqual(try run(arguments + ["--format", "json"]), PrettyJSON.string(of: history.json) + "\n", "\(arguments)")
            XCTAssertEqual(try run(arguments + ["--format", "csv"]), CSV.history(history), "\(arguments)")
            let text = try run(arguments)
            if history.entries.isEmpty {
                XCTAssertEqual(text, "No records.\n", "\(arguments)")
                continue
            }
            // Each record's head line (`date  id  (type) …`, the only lines not indented), in the
            // answer's order.
            let heads = text.split(separator: "\n").filter { !$0.hasPrefix(" ") }
            XCTAssertEqual(heads.map { $0.components(separatedBy: "  ")[1] }, history.entries.map(\.record.id), "\(arguments)")
            XCTAssertTrue(text.hasSuffix("\n") && !text.hasSuffix("\n\n"), "\(arguments)")
        }
    }
}
