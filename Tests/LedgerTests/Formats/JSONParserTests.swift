@testable import Ledger
import XCTest

final class JSONParserTests: XCTestCase {
    func testMembersKeepTheirOrderAndNumbersTheirText() throws {
        let value = try JSONParser.parse(#"{"b": 1.50, "a": [true, null, "x"]}"#)
        guard case .object(let members) = value else { return XCTFail("not an object") }
        XCTAssertEqual(members.map(\.key), ["b", "a"])
        XCTAssertEqual(members[0].value, .number("1.50"))
    }

    func testEscapesAndSurrogatePairsDecode() throws {
        XCTAssertEqual(try JSONParser.parse(#""Th\u00fcringen \ud83c\udfdb \"\/\n""#), .string("Thüringen 🏛 \"/\n"))
    }

    func testWhatALenientParserWouldAcceptIsRefused() {
        let cases: [(String, String)] = [
            (#"{"a":1,"a":2}"#, "duplicate member 'a'"),
            (#"{"a":1} x"#, "after the JSON value"),
            (#"{"a":01}"#, "must not start with 0"),
            (#"{"a":"\ud800"}"#, "lone high surrogate"),
            (#"{"a":"\udc00"}"#, "lone low surrogate"),
            ("{\"a\":\"tab\there\"}", "must be escaped"),
            (#"{"a":1,}"#, "expected a member name"),
            (#"[1,2"#, "expected ',' or ']'"),
            (#"{"a":tru}"#, "expected 'true'"),
            (#"{"a":"\x"}"#, "unknown escape"),
            ("", "unexpected end of input"),
        ]
        for (text, fragment) in cases {
            XCTAssertThrowsError(try JSONParser.parse(text), text) { error in
                XCTAssertTrue("\(error)".contains(fragment), "\(text): \(error)")
            }
        }
    }

    func testInvalidUTF8IsRefusedNotReplaced() {
        let bytes: [UInt8] = Array(#"{"a":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        XCTAssertThrowsError(try JSONParser.parse(bytes: bytes)) { error in
            XCTAssertTrue("\(error)".contains("not valid UTF-8"))
        }
    }

    func testNestingIsBounded() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        XCTAssertThrowsError(try JSONParser.parse(deep))
    }
}

final class CanonicalJSONTests: XCTestCase {
    func testKeysSortByCodePointWithoutWhitespaceAndNonASCIIUnescaped() throws {
        let value = try JSONParser.parse(#"{"z": "Thüringen/Weimar", "a": {"y": 1, "b": [1, 2]}, "Z": null}"#)
        XCTAssertEqual(CanonicalJSON.string(of: value), #"{"Z":null,"a":{"b":[1,2],"y":1},"z":"Thüringen/Weimar"}"#)
    }

    func testOnlyQuoteBackslashAndControlCharactersAreEscaped() {
        let value = JSONValue.string("\"\\\u{08}\u{0C}\n\r\t\u{01}\u{1F}\u{7F}€")
        XCTAssertEqual(CanonicalJSON.string(of: value), "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\u{7F}€\"")
    }
}
