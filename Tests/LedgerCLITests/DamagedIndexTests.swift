import Foundation
@testable import Ledger
import XCTest

/// A forged index beside the ledger, its checksums made to match, never takes the tool down: the
/// answer is the ledger's, and the index is written anew.
final class DamagedIndexTests: EventsCopyTestCase {
    private var indexPath: String { IndexFile.path(forLedger: ledgerPath) }


    func testAnAssignmentDayPast9999InTheIndexStillAnswersWhoWasResponsible() throws {
        let question = ["responsible", "ozg-beratung-kommunen", "--at", "2020-06-30", "--format", "json", "--ledger", ledgerPath]
        let before = try LedgerProcess.run(question)
        XCTAssertEqual(before.status, 0, before.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: indexPath), "the first question writes the index")

        // The attack: every task's assignment day set to day 10,000,000 (in the year 29349), and
        // the checksums fixed up so the index passes them. It used to trap with SIGILL on every
        // query until the index was deleted.
        var index = Array(try Data(contentsOf: URL(fileURLWithPath: indexPath)))
        let forged = Self.forgeAssignmentDays(in: &index, to: 10_000_000)
        XCTAssertGreaterThan(forged, 0, "no task step with an assignment day to forge")
        try Data(index).write(to: URL(fileURLWithPath: indexPath))

        let after = try LedgerProcess.run(question)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertEqual(after.stderr, "")
        XCTAssertEqual(after.stdout, before.stdout)
        XCTAssertTrue(after.stdout.contains(#""since": "2019-01""#), after.stdout)
        XCTAssertTrue(try Data(contentsOf: URL(fileURLWithPath: indexPath)) != Data(index), "the forged index was kept")
    }

    /// Sets the assignment day of every task step that has one to `day`, then makes every block
    /// checksum and the header checksum match again. The number of steps forged.
    private static func forgeAssignmentDays(in index: inout [UInt8], to day: Int32) -> Int {
        typealias Header = IndexLayout.Header
        typealias TaskStep = IndexLayout.TaskStep
        func u32(_ at: Int) -> Int { index.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian) } }
        func u64(_ at: Int) -> Int { index.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian) } }
        func checksum(_ range: Range<Int>) -> [UInt8] {
            index.withUnsafeBytes { IndexLayout.blockChecksum(UnsafeRawBufferPointer(rebasing: $0[range])) }
        }
        let blockCount = u32(Header.blockCount.offset)
        let payload = IndexLayout.headerSize + (blockCount + 1) * IndexLayout.checksumSize
        func section(_ section: IndexLayout.Section) -> Int { payload + u64(Header.sectionStart(section).offset) }
        var forged = 0
        // Task steps whose held-since precision is not 255 (never held).
        for step in stride(from: section(.taskSteps), to: section(.supervisionKeys), by: TaskStep.size)
        where index[step + TaskStep.heldPrecision.offset] != 255 {
            withUnsafeBytes(of: day.littleEndian) {
                index.replaceSubrange((step + TaskStep.heldSince.offset)..<(step + TaskStep.heldSince.end), with: $0)
            }
            forged += 1
        }
        for block in 0..<blockCount {
            let start = payload + block * IndexLayout.blockSize
            let at = IndexLayout.headerSize + block * IndexLayout.checksumSize
            index.replaceSubrange(at..<(at + IndexLayout.checksumSize), with: checksum(start..<min(start + IndexLayout.blockSize, index.count)))
        }
        let at = IndexLayout.headerSize + blockCount * IndexLayout.checksumSize
        index.replaceSubrange(at..<(at + IndexLayout.checksumSize), with: checksum(0..<IndexLayout.headerSize))
        return forged
    }
}
