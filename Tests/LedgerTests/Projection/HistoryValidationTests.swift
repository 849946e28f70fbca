@testable import Ledger
import XCTest

/// `verify` checks the rules without building timelines; it must accept and refuse exactly what
/// building the ledger does, with the same message.
final class HistoryValidationTests: XCTestCase {
    func testValidationAgreesWithBuildingTheLedgerOnBrokenRandomHistories() throws {
        var refused = 0
        for seed in 1...400 as ClosedRange<UInt64> {
            var generator = RandomHistory(seed: seed &* 13)
            var bodies = generator.bodies(count: Int.random(in: 4...20, using: &generator.random))
            // Drop or duplicate a record at random: most histories then break somewhere later.
            let at = Int.random(in: 0..<bodies.count, using: &generator.random)
            if seed % 3 == 0 { bodies.append(bodies[at]) } else if seed % 3 == 1 { bodies.remove(at: at) }
            let records = LedgerBuilder.from(bodies).records
            let built = Result { () throws(RuleViolation) in _ = try Ledger(records: records) }
            let checked = Result { () throws(RuleViolation) in try HistoryValidation.check(records) }
            switch (built, checked) {
            case (.success, .success): break
            case let (.failure(expected), .failure(found)):
                XCTAssertEqual(found, expected, "seed \(seed)")
                refused += 1
            default:
                XCTFail("seed \(seed): building says \(built), validation says \(checked)")
            }
        }
        XCTAssertGreaterThan(refused, 100)
    }

    func testTheThuringianHistoryValidates() throws {
        XCTAssertNoThrow(try HistoryValidation.check(try LedgerFile.read(path: RepositoryPaths.events)))
    }
}
