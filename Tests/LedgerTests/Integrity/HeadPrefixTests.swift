@testable import Ledger
import XCTest

/// `--expect-head` by a prefix: at least 8 hex digits, and naming one record or none.
final class HeadPrefixTests: XCTestCase {
    func testAPrefixIsEightToSixtyFourHexDigitsInEitherCase() {
        XCTAssertEqual(HeadPrefix("DEADBEEF")?.digits, "deadbeef")
        XCTAssertNil(HeadPrefix("deadbee"))
        XCTAssertNil(HeadPrefix("deadbeeg"))
        XCTAssertNil(HeadPrefix(String(repeating: "0", count: 65)))
        XCTAssertNotNil(HeadPrefix(Record.genesisHash))
    }

    func testThePrefixIsLookedForInEachLinesHashMember() {
        let a = String(repeating: "ab", count: 32), b = "abababab" + String(repeating: "cd", count: 28)
        let text = #"{"hash":"\#(a)","seq":1}"# + "\n" + #"{"hash":"\#(b)","seq":2}"# + "\n"
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            XCTAssertEqual(HeadPrefix.matches(in: buffer, prefix: HeadPrefix("abababab")!).map(\.seq), [1, 2])
            XCTAssertEqual(HeadPrefix.matches(in: buffer, prefix: HeadPrefix("ababababcd")!).map(\.hash), [b])
            XCTAssertEqual(HeadPrefix.matches(in: buffer, prefix: HeadPrefix("deadbeef")!).count, 0)
        }
    }
}
