@testable import ArgumentParsing
import XCTest

final class EditDistanceTests: XCTestCase {
    func testEditDistanceCountsInsertionsDeletionsAndSubstitutions() {
        XCTAssertEqual(editDistance("", ""), 0)
        XCTAssertEqual(editDistance("", "foo"), 3)
        XCTAssertEqual(editDistance("foo", ""), 3)
        XCTAssertEqual(editDistance("bar", "baz"), 1)
        XCTAssertEqual(editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(editDistance("friend", "friendly"), 2)
        XCTAssertEqual(editDistance("--fromat", "--format"), 2)
    }

    func testClosestMatchIgnoresCandidatesFourOrMoreEditsAway() {
        XCTAssertNil(closestMatch(to: "--bogus", among: ["--format", "--at"]))
        XCTAssertEqual(closestMatch(to: "diff", among: ["dif", "diffs"]), "dif")
    }

    func testClosestMatchBreaksTiesByDeclarationOrder() {
        XCTAssertEqual(closestMatch(to: "ab", among: ["ax", "xb"]), "ax")
    }
}
