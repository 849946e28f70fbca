import Foundation
import XCTest

/// A test that runs the binary on its own copy of `events/ledger.jsonl`, in a temporary
/// directory removed afterwards.
class EventsCopyTestCase: XCTestCase {
    var directory: URL!
    var ledgerPath: String { directory.appendingPathComponent("ledger.jsonl").path }
    /// How many records the Thuringian ledger holds (it grows as the history is corrected).
    let eventsRecords = try! String(contentsOf: LedgerProcess.repository.appendingPathComponent("events/ledger.jsonl"), encoding: .utf8)
        .split(separator: "\n").count

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(type(of: self))-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: LedgerProcess.repository.appendingPathComponent("events/ledger.jsonl"),
                                         to: URL(fileURLWithPath: ledgerPath))
    }

    /// Whether the rollback journal beside `ledger` (default: the copy) names a batch: the file
    /// stays between appends, empty.
    func journalHoldsABatch(_ ledger: String? = nil) -> Bool {
        let attributes = try? FileManager.default.attributesOfItem(atPath: (ledger ?? ledgerPath) + ".journal")
        return ((attributes?[.size] as? NSNumber)?.intValue ?? 0) > 0
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }
}
