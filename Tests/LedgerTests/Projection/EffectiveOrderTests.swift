@testable import Ledger
import XCTest

/// The withdrawal rule is written once (`EffectiveOrder.Withdrawals`): the bitemporal index meets
/// it record by record, replay over a whole list. Both must say the same of every prefix.
final class EffectiveOrderTests: XCTestCase {
    func testRecordByRecordWithdrawalsAreThoseOfEveryPrefixReplayedWhole() {
        var random = SeededRandom(seed: 15)
        for _ in 0..<300 {
            let count = random.int(in: 1...24)
            // Corrections and retractions of earlier records, of corrections too, some past the list.
            let targets: [EffectiveOrder.Target] = (0..<count).map { position in
                guard position > 0, random.chance(0.45) else { return .none }
                let at = random.chance(0.1) ? count + random.int(below: 3) : random.int(below: position)
                return random.chance(0.7) ? .corrects(at) : .retracts(at)
            }
            var withdrawals = EffectiveOrder.Withdrawals()
            var withdrawnSoFar = Set<Int>()
            for position in 0..<count {
                let now = withdrawals.add(position, targets[position])
                XCTAssertTrue(withdrawnSoFar.isDisjoint(with: now), "a record is withdrawn once, for good")
                withdrawnSoFar.formUnion(now)
                let whole = EffectiveOrder.of(count: position + 1, day: { _ in 0 }, target: { targets[$0] })
                XCTAssertEqual(Set(whole.withdrawnBy.keys), withdrawnSoFar, "targets \(targets[...position])")
                XCTAssertEqual(Set(whole.order.map(Int.init)), Set(0...position).subtracting(withdrawnSoFar))
            }
        }
    }

    func testALaterCorrectionDecidesAndWithdrawsTheEarlierOne() {
        // 0 is corrected by 1, then by 2: 0 and 1 are withdrawn, both by 2, which counts.
        let targets: [EffectiveOrder.Target] = [.none, .corrects(0), .corrects(0)]
        let whole = EffectiveOrder.of(count: 3, day: { _ in 0 }, target: { targets[$0] })
        XCTAssertEqual(whole.withdrawnBy, [0: 2, 1: 2])
        XCTAssertEqual(whole.order, [2])
        var withdrawals = EffectiveOrder.Withdrawals()
        XCTAssertEqual(withdrawals.add(0, .none), [])
        XCTAssertEqual(withdrawals.add(1, .corrects(0)), [0])
        XCTAssertEqual(withdrawals.add(2, .corrects(0)), [1])
    }

    func testARetractionThatLosesItsSayStaysInTheLog() {
        // 1 retracts 0; 2 corrects 0 again: 0 stays withdrawn, and a retraction has nothing to withdraw.
        var withdrawals = EffectiveOrder.Withdrawals()
        XCTAssertEqual(withdrawals.add(1, .retracts(0)), [0])
        XCTAssertEqual(withdrawals.add(2, .corrects(0)), [])
    }
}
