@testable import Ledger
import LedgerTesting
import XCTest

/// `verify` checks the rules without building timelines; it must accept and refuse exactly what
/// building the ledger does, with the same message.
final class HistoryValidationTests: XCTestCase {
    func testValidationAgreesWithBuildingTheLedgerOnBrokenRandomHistories() throws {
        var refused = 0
        for seed in 1...400 as ClosedRange<UInt64> {
            let records = LedgerBuilder.from(RandomHistory.broken(seed: seed)).records
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

    /// The engine (`HistoryValidation`, `Ledger`) against the oracle (`ReferenceReplay.check`,
    /// the rules written a second time over values): the same verdict, the same words.
    func testTheRuleEngineAgreesWithTheOracleOnBrokenRandomHistories() throws {
        var refused = 0
        for seed in 1...400 as ClosedRange<UInt64> {
            let records = LedgerBuilder.from(RandomHistory.broken(seed: seed)).records
            let engine = Result { () throws(RuleViolation) in try HistoryValidation.check(records) }
            let oracle = Result { () throws(RuleViolation) in try ReferenceReplay.check(records) }
            switch (engine, oracle) {
            case (.success, .success): break
            case let (.failure(found), .failure(expected)):
                XCTAssertEqual(found, expected, "seed \(seed)")
                refused += 1
            default:
                XCTFail("seed \(seed): the engine says \(engine), the oracle says \(oracle)")
            }
        }
        XCTAssertGreaterThan(refused, 100)
    }

    /// An office ended and taken up again, then an office ended that nobody holds: the refusal
    /// lists who holds offices there once each, as the oracle does.
    func testAnOfficeHeldAgainIsNamedOnceWhenAnotherOfficeCannotEnd() throws {
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("amt", "Amt", .authority, in: "gov")])
        b.record("an", "2001", [Op.appoint("p", "Leitung", in: "amt")])
        b.record("ab", "2002", [.endAppointment(Appointment(person: "p", role: "Leitung", unit: "amt"))])
        b.record("wieder", "2003", [Op.appoint("p", "Leitung", in: "amt")])
        b.record("falsch", "2004", [.endAppointment(Appointment(person: "q", role: "Leitung", unit: "amt"))])
        let records = b.records
        let engine = Result { () throws(RuleViolation) in try HistoryValidation.check(records) }
        let oracle = Result { () throws(RuleViolation) in try ReferenceReplay.check(records) }
        guard case .failure(let found) = engine, case .failure(let expected) = oracle else {
            return XCTFail("engine \(engine), oracle \(oracle)")
        }
        XCTAssertEqual(found, expected)
        XCTAssertTrue(found.rule.hasSuffix("offices in 'amt' then: 'p' as 'Leitung'"), found.rule)
    }

    func testTheThuringianHistoryValidates() throws {
        XCTAssertNoThrow(try HistoryValidation.check(try LedgerFile.read(path: RepositoryPaths.events)))
    }
}
