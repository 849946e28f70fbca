import Foundation
import Ledger
import XCTest

/// `ledger sources` without a filter writes each source as its entry is made, never holding the
/// whole bibliography: the bytes are those of the answer rendered whole, now and as known earlier.
final class EverySourceOutputTests: EventsCopyTestCase {
    private func run(_ arguments: [String]) throws -> String {
        let result = try LedgerProcess.run(["sources", "--ledger", ledgerPath] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        return result.stdout
    }

    func testEverySourceWrittenAsItIsMadeIsTheAnswerRenderedWhole() throws {
        let ledger = try Ledger.open(path: ledgerPath)
        let earlier = ledger.records[ledger.records.count / 2].recorded
        let beforeAny = TransactionTime(nanosecondsSinceEpoch: ledger.records[0].recorded.nanoseconds - 1)
        for knownAt in [TransactionTime.distantFuture, earlier, beforeAny] {
            let arguments = knownAt == .distantFuture ? [] : ["--known-at", knownAt.description]
            let cited = ledger.sources(knownAt: knownAt)
            XCTAssertEqual(try run(arguments + ["--format", "json"]), PrettyJSON.string(of: cited.json) + "\n", "\(arguments)")
            let text = try run(arguments)
            if cited.entries.isEmpty {
                XCTAssertEqual(text, "No sources.\n", "\(arguments)")
                continue
            }
            // Each source's line (the only lines not indented), in the answer's order, a blank
            // line between entries, each citation a line of its own below.
            let blocks = text.dropLast().components(separatedBy: "\n\n")
            XCTAssertEqual(blocks.map { $0.split(separator: "\n")[0].components(separatedBy: " — ")[0] }, cited.entries.map(\.source.title),
                           "\(arguments)")
            XCTAssertEqual(blocks.map { $0.split(separator: "\n").count - 1 }, cited.entries.map(\.citations.count), "\(arguments)")
            XCTAssertTrue(text.hasSuffix("\n") && !text.hasSuffix("\n\n"), "\(arguments)")
        }
    }
}
