@testable import ArgumentParsing
import XCTest

final class TextWrappingTests: XCTestCase {
    func testWrapsAtTheLastSpaceThatFits() {
        XCTAssertEqual("aaa bbb ccc".wrapped(to: 8), "aaa bbb\nccc")
    }

    func testIndentsEveryLineIncludingTheFirst() {
        XCTAssertEqual("aaa bbb ccc".wrapped(to: 10, indent: 2), "  aaa bbb\n  ccc")
    }

    func testKeepsAWordLongerThanTheLineWhole() {
        XCTAssertEqual("abcdefghij k".wrapped(to: 5), "abcdefghij\nk")
    }

    func testKeepsExistingLineBreaksAndLeavesBlankLinesUnindented() {
        XCTAssertEqual("one\n\ntwo".wrapped(to: 80, indent: 4), "    one\n\n    two")
    }

    func testLeavesShortTextAlone() {
        XCTAssertEqual("short".wrapped(to: 80), "short")
        XCTAssertEqual("".wrapped(to: 80), "")
    }
}
