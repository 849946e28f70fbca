@testable import Ledger
import XCTest

/// The timeline steps' storage behaves as an array across its chunks' edges.
final class ChunkedArrayTests: XCTestCase {
    func testAppendingReadingAndWritingAcrossChunksIsAnArrays() {
        var chunked = ChunkedArray<Int32>()
        var plain: [Int32] = []
        XCTAssertTrue(chunked.isEmpty)
        for value in 0..<Int32(200_000) {
            chunked.append(value &* 7)
            plain.append(value &* 7)
        }
        for position in [0, 65_535, 65_536, 131_072, 199_999] {
            chunked[position] += 1
            plain[position] += 1
        }
        XCTAssertEqual(chunked.count, plain.count)
        XCTAssertEqual(Array(chunked), plain)
        XCTAssertEqual(chunked.last, plain.last)
    }
}
