@testable import Ledger
import XCTest

/// The SIMD byte search finds exactly where a plain comparison, place by place, finds a needle.
final class ByteSearchTests: XCTestCase {
    private func plainFirstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard !needle.isEmpty, needle.count <= bytes.count else { return nil }
        return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    func testRandomNeedlesAreFoundWhereAPlainSearchFindsThem() {
        var random = SplitMix64(seed: 42)
        for round in 0..<4_000 {
            // Few distinct bytes, so partial matches and near misses are common.
            let alphabet = UInt8.random(in: 1...4, using: &random)
            let bytes = (0..<Int.random(in: 0...80, using: &random)).map { _ in UInt8.random(in: 0..<alphabet, using: &random) }
            var needle = (0..<Int.random(in: 0...6, using: &random)).map { _ in UInt8.random(in: 0..<alphabet, using: &random) }
            if round % 3 == 0, bytes.count > 4 {
                let start = Int.random(in: 0..<(bytes.count - 2), using: &random)
                needle = Array(bytes[start..<min(bytes.count, start + Int.random(in: 1...20, using: &random))])
            }
            let found = bytes.withUnsafeBufferPointer { $0.firstIndex(of: needle) }
            XCTAssertEqual(found, plainFirstIndex(of: needle, in: bytes), "\(needle) in \(bytes)")
        }
    }

    func testAMemberIsFoundInARecordLineOnlyWhereItIsSpelled() {
        let line = Array(#"{"changes":[],"corrects":"r-1","date":"2021-01-01","id":"r-2","title":"\"corrects\":"}"#.utf8)
        line.withUnsafeBufferPointer { bytes in
            XCTAssertEqual(bytes.firstIndex(of: Array(#""corrects":""#.utf8)), 14)
            XCTAssertFalse(bytes.contains(Array(#""retracts":""#.utf8)))
            XCTAssertFalse(bytes.contains([]))
        }
    }
}
