import Foundation
@testable import Ledger
import LedgerTesting
import XCTest

/// Ledgers with an index and a tail, and the check that they answer as the reference replay: for
/// the tests of appends through the index.
extension LedgerDirectoryTestCase {
    func ledgerFile(_ bodies: some Sequence<RecordBody>, name: String) throws -> String {
        let path = try write(LedgerBuilder.from(bodies), name: name)
        XCTAssertTrue(IndexFile.write(for: try Ledger.open(path: path), ledgerPath: path))
        return path
    }

    func tailExists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: IndexTail.path(forLedger: path))
    }

    /// The index with its tail answers every question as the reference replay of the whole file.
    func assertIndexAgreesWithReplay(_ path: String, at days: [Int], _ context: String,
                                             file: StaticString = #filePath, line: UInt = #line) throws {
        let ledger = try Ledger.open(path: path)
        let index = try XCTUnwrap(IndexFile.open(ledgerPath: path), context, file: file, line: line)
        XCTAssertEqual(index.head, ledger.head, context, file: file, line: line)
        XCTAssertEqual(index.lastRecorded, ledger.records.last?.recorded, context, file: file, line: line)
        let now = TransactionTime.distantFuture
        for day in days {
            let date = ValidDate(dayNumber: day)
            let reference = try ReferenceReplay.state(of: ledger.records, at: date)
            let where_ = "\(context) at \(date)"
            // The dates left open are the records' (compared with the ledger read in full below),
            // the state the replay's.
            XCTAssertEqual(try index.uncertainties(at: date, knownAt: now), try ledger.uncertainties(at: date), where_, file: file, line: line)
            var chart = try index.orgChart(at: date, root: nil, knownAt: now)
            chart.uncertain = []
            XCTAssertEqual(chart, reference.orgChart(at: date), where_, file: file, line: line)
            XCTAssertEqual(try index.responsibilities(at: date, unit: nil, knownAt: now), reference.responsibilityMap(), where_, file: file, line: line)
            XCTAssertEqual(try index.units(at: date, knownAt: now), reference.unitList(), where_, file: file, line: line)
            for unit in reference.unitList().prefix(4) {
                XCTAssertEqual(try index.responsibilities(at: date, unit: unit.unit.id, knownAt: now),
                               reference.responsibilityMap(within: unit.unit.id), "\(where_) within \(unit.unit.id)", file: file, line: line)
            }
            for task in try ledger.snapshot(at: ValidDate(dayNumber: 2_900_000)).taskIDs {
                let answer = try index.responsible(task, at: date, knownAt: now)
                XCTAssertEqual(answer, try ledger.responsible(task, at: date), "\(where_) \(task)", file: file, line: line)
                if let expected = reference.responsibility(for: task, at: date) {
                    // Names are the records' (compared with the ledger above), the state the replay's.
                    var state = answer
                    state.uncertain = []
                    for office in state.offices.indices { state.offices[office].name = nil }
                    XCTAssertEqual(state, expected, "\(where_) \(task)", file: file, line: line)
                }
                XCTAssertEqual(try index.provenance(of: answer, knownAt: now), try ledger.provenance(of: answer), where_, file: file, line: line)
            }
        }
        for record in ledger.records.suffix(3) { XCTAssertEqual(index.record(record.id), record, context, file: file, line: line) }
        XCTAssertNil(index.loadedLedger, "\(context): the index fell back to the full ledger", file: file, line: line)
    }
}
