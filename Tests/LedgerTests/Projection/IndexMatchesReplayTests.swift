import Ledger
import LedgerTesting
import XCTest

/// The fast path (timeline index, binary search) must give exactly the answers of the slow path
/// (replay from the start up to the date), on the Thuringian history and on random histories.
final class IndexMatchesReplayTests: XCTestCase {
    /// Asserts that every answer on `date` agrees between index and replay.
    static func assertAgreement(_ ledger: Ledger, at date: ValidDate, knownAt: TransactionTime = .distantFuture,
                                file: StaticString = #filePath, line: UInt = #line) throws {
        let reference = try ReferenceReplay.state(of: ledger.records, at: date, knownAt: knownAt)
        let fast = try ledger.snapshot(at: date, knownAt: knownAt)
        let context = "at \(date)"
        // Every applying record with changes whose effective date leaves the day open, by seq.
        let open = EffectiveHistory(ledger.records, knownAt: knownAt).records.sorted { $0.seq < $1.seq }
            .filter { !$0.changes.isEmpty && $0.effectiveDate.possibleDays?.contains(date.firstDay) == true }
            .map { DateUncertainty($0, on: date.firstDay)! }
        XCTAssertEqual(reference.unitIDs, fast.unitIDs, context, file: file, line: line)
        XCTAssertEqual(reference.taskIDs, fast.taskIDs, context, file: file, line: line)
        for id in reference.unitIDs {
            XCTAssertEqual(reference.unit(id), fast.unit(id), "\(context) unit \(id)", file: file, line: line)
            XCTAssertEqual(reference.supervisions(over: id).map { "\($0.0)@\($0.1)" },
                           fast.supervisions(over: id).map { "\($0.0)@\($0.1)" }, "\(context) supervision \(id)", file: file, line: line)
            XCTAssertEqual(reference.appointments(in: id).map { "\($0.0)@\($0.1)" },
                           fast.appointments(in: id).map { "\($0.0)@\($0.1)" }, "\(context) offices \(id)", file: file, line: line)
        }
        for id in reference.taskIDs {
            XCTAssertEqual(reference.task(id), fast.task(id), "\(context) task \(id)", file: file, line: line)
            // The state from the index, the dates left open from the records themselves.
            var answer = try ledger.responsible(id, at: date, knownAt: knownAt)
            XCTAssertEqual(answer.uncertain, DateUncertainty.concerning(Set([id] + answer.path.map(\.unit.id)), in: open),
                           "\(context) uncertain \(id)", file: file, line: line)
            answer.uncertain = []
            XCTAssertEqual(answer.offices.map(\.name), answer.offices.map { ledger.person($0.person, knownAt: knownAt)?.name },
                           "\(context) names \(id)", file: file, line: line)
            for office in answer.offices.indices { answer.offices[office].name = nil }
            XCTAssertEqual(reference.responsibility(for: id, at: date), answer, "\(context) responsible \(id)", file: file, line: line)
        }
        var chart = try ledger.orgChart(at: date, knownAt: knownAt)
        XCTAssertEqual(chart.uncertain, open, context, file: file, line: line)
        chart.uncertain = []
        XCTAssertEqual(reference.orgChart(at: date), chart, context, file: file, line: line)
        XCTAssertEqual(reference.responsibilityMap(), try ledger.responsibilities(at: date, knownAt: knownAt), context, file: file, line: line)
        XCTAssertEqual(reference.unitList(), try ledger.units(at: date, knownAt: knownAt), context, file: file, line: line)
    }

    func testTheThuringianHistoryAgreesOnEveryDayWithAChange() throws {
        let ledger = try Ledger.open(path: RepositoryPaths.events)
        var days = Set(ledger.records.map(\.effectiveDate.firstDay))
        for day in Array(days) { days.insert(day - 1); days.insert(day + 1) }
        days.insert(try ValidDate(parsing: "2020-06-30").firstDay)
        days.insert(try ValidDate(parsing: "2026-11-23").firstDay)
        for day in days.sorted() {
            try Self.assertAgreement(ledger, at: ValidDate(dayNumber: day))
        }
    }

    func testAThousandRandomHistoriesAgreeOnEveryQueryAtSeveralDates() throws {
        var histories = 0
        var checks = 0
        for seed in 1...1000 as ClosedRange<UInt64> {
            var generator = RandomHistory(seed: seed)
            let bodies = generator.bodies(count: Int.random(in: 5...25, using: &generator.random))
            var builder = LedgerBuilder()
            for body in bodies { builder.append(body) }
            let ledger = try builder.ledger()
            histories += 1
            let days = ledger.records.map(\.effectiveDate.firstDay).sorted()
            var probes = [days.first! - 1, days.last! + 1]
            for _ in 0..<4 { probes.append(days[Int.random(in: 0..<days.count, using: &generator.random)] + Int.random(in: -1...1, using: &generator.random)) }
            for day in probes {
                try Self.assertAgreement(ledger, at: ValidDate(dayNumber: day))
                checks += 1
            }
            let (from, to) = (ValidDate(dayNumber: probes[2]), ValidDate(dayNumber: probes[3]))
            let expected = OrgDiff(from: try ReferenceReplay.state(of: ledger.records, at: from), at: from,
                                   to: try ReferenceReplay.state(of: ledger.records, at: to), at: to)
            // The states' difference; which record caused each change is the index tests' concern.
            var diff = try ledger.diff(from: from, to: to)
            diff.causes = [:]
            XCTAssertEqual(diff, expected, "seed \(seed)")
        }
        XCTAssertEqual(histories, 1000)
        XCTAssertEqual(checks, 6000)
    }
}
