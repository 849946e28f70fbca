import Foundation
import Ledger
import XCTest

/// The realistic shape is what the bitemporal benchmark rows measure: records entered late,
/// corrections and retractions that change answers, in the proportions `HistoryShape` states, and
/// still a ledger the rule engine accepts, as known now and as known at any earlier moment.
final class RealisticShapeTests: XCTestCase {
    private func realistic(records: Int, seed: UInt64) -> [Record] {
        Array(HistoryGenerator(records: records, seed: seed, shape: .realistic))
    }

    /// What kind of bitemporal record each one is, counted the way a reader of the file sees it.
    private struct Tally {
        var late = 0, movedCorrections = 0, changingRetractions = 0
        var lateDepths: [Int] = []

        init(_ records: [Record]) {
            var byID: [RecordID: Record] = [:]
            var latest = Int.min
            for record in records {
                byID[record.id] = record
                let day = record.effectiveDate.firstDay
                if let target = record.corrects.flatMap({ byID[$0] }) {
                    if target.effectiveDate.firstDay != day { movedCorrections += 1 }
                } else if let target = record.retracts.flatMap({ byID[$0] }) {
                    if !target.changes.isEmpty { changingRetractions += 1 }
                } else if day < latest {
                    late += 1
                    lateDepths.append(latest - day)
                }
                latest = max(latest, day)
            }
        }
    }

    func testARealisticLedgerIsValidForSeveralSeeds() throws {
        for seed: UInt64 in [1, 2, 7, 1234] {
            let records = realistic(records: 2_500, seed: seed)
            XCTAssertEqual(records.count, 2_500)
            do { _ = try Ledger(records: records) } catch { XCTFail("seed \(seed): \(error)") }
        }
    }

    /// Known-at answers replay the records recorded by then, so every prefix must be valid too.
    func testEveryEarlierStateOfTheLedgerIsValid() throws {
        let records = realistic(records: 8_000, seed: 5)
        for count in [1_000, 4_321, 6_666, 8_000] {
            XCTAssertNoThrow(try Ledger(records: Array(records.prefix(count))), "the first \(count) records")
        }
    }

    func testTheLedgerHasTheAdvertisedProportions() {
        let records = realistic(records: 40_000, seed: 9)
        let tally = Tally(records)
        let count = Double(records.count)
        XCTAssertEqual(Double(tally.late) / count, Double(HistoryShape.backdatedPerMille) / 1_000, accuracy: 0.008)
        XCTAssertEqual(Double(tally.movedCorrections) / count, Double(HistoryShape.correctionsPerMille) / 1_000, accuracy: 0.005)
        XCTAssertEqual(Double(tally.changingRetractions) / count, Double(HistoryShape.retractionsPerMille) / 1_000, accuracy: 0.004)
        let depths = tally.lateDepths.sorted()
        XCTAssertGreaterThan(depths[depths.count / 2], 60, "the median record entered late reaches back months")
        XCTAssertGreaterThan(depths.last!, 365, "some reach back years")
        XCTAssertLessThan(depths.last!, 5 * 365, "none by decades")
    }

    func testTheSameSeedGivesTheSameLedger() {
        let first = HistoryGenerator(records: 3_000, seed: 42, shape: .realistic).map(\.canonicalLine)
        XCTAssertEqual(first, HistoryGenerator(records: 3_000, seed: 42, shape: .realistic).map(\.canonicalLine))
        XCTAssertNotEqual(first, HistoryGenerator(records: 3_000, seed: 43, shape: .realistic).map(\.canonicalLine))
        XCTAssertNotEqual(first, HistoryGenerator(records: 3_000, seed: 42).map(\.canonicalLine))
    }

    func testRecordIdsAreUniqueAndEachRecordIsRevisedAtMostOnce() {
        var ids: Set<RecordID> = [], revised: Set<RecordID> = []
        for record in HistoryGenerator(records: 15_000, seed: 1, shape: .realistic) {
            XCTAssertTrue(ids.insert(record.id).inserted, "duplicate id \(record.id)")
            if let target = record.corrects ?? record.retracts {
                XCTAssertTrue(revised.insert(target).inserted, "\(target) revised twice")
            }
        }
    }

    /// The point of the shape: a correction moves a transfer, so the holder on a day in between
    /// is one unit as known before the correction and another as known after it.
    func testACorrectionChangesAnAnswerKnownBeforeIt() throws {
        let records = realistic(records: 3_000, seed: 3)
        let ledger = try Ledger(records: records)
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var checked = 0
        // Each known-at question replays the records known then: a dozen show the point.
        for correction in records where correction.corrects != nil && checked < 12 {
            guard let original = byID[correction.corrects!],
                  original.effectiveDate.firstDay != correction.effectiveDate.firstDay,
                  case let .transferTask(task, from, to)? = original.changes.first
            else { continue }
            let day = original.effectiveDate
            let before = TransactionTime(nanosecondsSinceEpoch: correction.recorded.nanoseconds - 1)
            XCTAssertEqual(try ledger.responsible(task, at: day, knownAt: before).unit?.id, to, correction.id)
            XCTAssertEqual(try ledger.responsible(task, at: day, knownAt: correction.recorded).unit?.id, from, correction.id)
            checked += 1
        }
        XCTAssertEqual(checked, 12)
    }
}
