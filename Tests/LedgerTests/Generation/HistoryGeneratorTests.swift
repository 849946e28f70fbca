import Foundation
import Ledger
import XCTest

/// The generated ledger is what benchmarks measure, so it must be valid by the real rule engine,
/// the same for the same seed, and shaped like an administration's history.
final class HistoryGeneratorTests: XCTestCase {
    private func lines(records: Int, seed: UInt64) -> [String] {
        HistoryGenerator(records: records, seed: seed).map(\.canonicalLine)
    }

    private func file(records: Int, seed: UInt64) throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("generated-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        try HistoryGenerator(records: records, seed: seed).write(toFile: url.path)
        return try Data(contentsOf: url)
    }

    func testTheSameSeedGivesTheSameBytes() throws {
        let first = try file(records: 3_000, seed: 42)
        let second = try file(records: 3_000, seed: 42)
        XCTAssertEqual(SHA256.hex(of: [UInt8](first)), SHA256.hex(of: [UInt8](second)))
        XCTAssertNotEqual(SHA256.hex(of: [UInt8](first)), SHA256.hex(of: [UInt8](try file(records: 3_000, seed: 43))))
    }

    /// Benchmarks compare runs across versions on generated ledgers, so the default shape must
    /// keep writing the very bytes it wrote before the realistic shape existed (hashes taken from
    /// `ledger generate` at commit c0c473e).
    func testTheClassicShapeGivesTheBytesEarlierVersionsGave() throws {
        XCTAssertEqual(SHA256.hex(of: [UInt8](try file(records: 2_000, seed: 7))),
                       "80f69edebcace16e63a101fb06de7fa2c56f26fadad662bf081071033133ef7d")
        XCTAssertEqual(SHA256.hex(of: [UInt8](try file(records: 20_000, seed: 3))),
                       "352947949d51bb7a97fb5f1c7449e8c85f6f151df144e5721ecee16dfa787180")
        let explicit = HistoryGenerator(records: 500, seed: 3, shape: .classic).map(\.canonicalLine)
        XCTAssertEqual(explicit, lines(records: 500, seed: 3))
    }

    func testTheFileIsTheRecordsCanonicalLines() throws {
        let data = try file(records: 500, seed: 3)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), lines(records: 500, seed: 3).map { $0 + "\n" }.joined())
    }

    func testTheRuleEngineAcceptsGeneratedLedgersForSeveralSeeds() throws {
        for seed: UInt64 in [1, 2, 7, 1234, 987_654_321] {
            let data = try file(records: 2_000, seed: seed)
            let records = try LedgerFile.parse(data)
            XCTAssertEqual(records.count, 2_000)
            do {
                _ = try Ledger(records: records)
            } catch {
                XCTFail("seed \(seed): \(error)")
            }
        }
    }

    /// Past 20,000 records a third state joins, founded in 1990 in the middle of the history.
    func testALargerLedgerWithMoreStatesIsValid() throws {
        let records = try LedgerFile.parse(try file(records: 21_000, seed: 5))
        XCTAssertNoThrow(try Ledger(records: records))
    }

    /// Ids are what a rule check on a small ledger is least likely to catch: a clash needs two
    /// rare events in a row, so this looks at many records without the (slower) full validation.
    func testRecordIdsAreUniqueAndEachRecordIsCorrectedAtMostOnce() {
        var ids: Set<RecordID> = [], corrected: Set<RecordID> = []
        for record in HistoryGenerator(records: 50_000, seed: 1) {
            XCTAssertTrue(ids.insert(record.id).inserted, "duplicate id \(record.id)")
            if let target = record.corrects { XCTAssertTrue(corrected.insert(target).inserted, "\(target) corrected twice") }
        }
    }

    func testTinyLedgersHaveExactlyTheRecordsAskedFor() throws {
        for count in [0, 1, 2, 17] {
            let records = Array(HistoryGenerator(records: count, seed: 1))
            XCTAssertEqual(records.count, count)
            XCTAssertNoThrow(try Ledger(records: records))
        }
    }

    func testTheShapeIsAnAdministrationsHistory() throws {
        let records = Array(HistoryGenerator(records: 20_000, seed: 9))
        var ops: [String: Int] = [:]
        var units = 0, tasks = 0, kinds: Set<String> = []
        for change in records.flatMap(\.changes) {
            ops[change.op, default: 0] += 1
            switch change {
            case let .establishUnit(_, _, kind, _, _, _):
                units += 1
                kinds.insert(kind.rawValue)
            case .defineTask: tasks += 1
            default: break
            }
        }
        for op in Change.knownOps { XCTAssertGreaterThan(ops[op, default: 0], 0, "no \(op)") }
        XCTAssertEqual(kinds, ["government", "ministry", "authority", "department", "division", "team"])
        XCTAssertEqual(Double(tasks) / Double(units), 10, accuracy: 3, "tasks per unit")
        XCTAssertGreaterThan(records.filter { $0.changes.count > 1 }.count, records.count / 5)

        let dates = records.flatMap { [$0.date] + ($0.effective.map { [$0] } ?? []) }
        XCTAssertGreaterThan(dates.filter { $0.precision == .year }.count, 10)
        XCTAssertGreaterThan(dates.filter { $0.precision == .month }.count, 100)
        XCTAssertLessThanOrEqual(records.first!.effectiveDate.year, 1950)
        XCTAssertEqual(records.last!.effectiveDate.year, 2025)

        let corrections = records.filter { $0.corrects != nil }
        XCTAssertGreaterThan(corrections.count, 20)
        XCTAssertLessThan(corrections.count, records.count / 50)
        XCTAssertGreaterThan(records.filter { $0.retracts != nil }.count, 0)
    }

    func testRecordedTimesStepOneSecondFromAFixedMoment() {
        let records = Array(HistoryGenerator(records: 3, seed: 1))
        XCTAssertEqual(records.map(\.recorded.description),
                       ["2025-01-01T00:00:00Z", "2025-01-01T00:00:01Z", "2025-01-01T00:00:02Z"])
        XCTAssertEqual(records[1].prev, records[0].hash)
    }

    func testACorrectionLeavesTheOrganisationAsItWas() throws {
        let records = Array(HistoryGenerator(records: 5_000, seed: 11))
        let ledger = try Ledger(records: records)
        let withoutCorrections = try Ledger(records: records.filter { $0.corrects == nil }.enumerated().map { offset, record in
            record.seq == offset + 1 ? record : HashChain.seal(record.body, seq: offset + 1, recorded: record.recorded, prev: "")
        })
        for year in stride(from: 1950, through: 2025, by: 5) {
            let day = try ValidDate(year: year, month: 12, day: 31)
            XCTAssertEqual(try ledger.responsibilities(at: day).map { [$0.task, $0.unit?.id ?? "-"] },
                           try withoutCorrections.responsibilities(at: day).map { [$0.task, $0.unit?.id ?? "-"] }, "\(year)")
            XCTAssertEqual(try ledger.units(at: day).map { [$0.unit.id, $0.parent ?? "-"] },
                           try withoutCorrections.units(at: day).map { [$0.unit.id, $0.parent ?? "-"] }, "\(year)")
        }
    }

    func testSeededRandomIsFixedForASeed() {
        var random = SeededRandom(seed: 1)
        let draws = (0..<4).map { _ in random.next() }
        var again = SeededRandom(seed: 1)
        XCTAssertEqual(draws, (0..<4).map { _ in again.next() })
        var bounded = SeededRandom(seed: 99)
        for _ in 0..<1_000 { XCTAssertTrue((0..<7).contains(bounded.int(below: 7))) }
    }
}
