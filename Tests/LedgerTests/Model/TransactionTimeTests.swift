import Ledger
import XCTest

final class TransactionTimeTests: XCTestCase {
    func testRecordedTimesAreUTCAndRoundTrip() throws {
        let time = try TransactionTime(parsingRecorded: "2026-11-23T14:02:11Z")
        XCTAssertEqual(time.description, "2026-11-23T14:02:11Z")
        XCTAssertEqual(try TransactionTime(parsingRecorded: "2026-11-23T14:02:11.25Z").description, "2026-11-23T14:02:11.25Z")
        XCTAssertThrowsError(try TransactionTime(parsingRecorded: "2026-11-23T14:02:11+01:00"))
    }

    func testAKnownAtDateMeansTheEndOfThatDay() throws {
        let endOfDay = try TransactionTime(parsingQuery: "2020-12-01")
        XCTAssertLessThan(try TransactionTime(parsingRecorded: "2020-12-01T23:59:59Z"), endOfDay)
        XCTAssertGreaterThan(try TransactionTime(parsingRecorded: "2020-12-02T00:00:00Z"), endOfDay)
    }

    func testOffsetsAreConvertedToUTC() throws {
        XCTAssertEqual(try TransactionTime(parsingQuery: "2020-12-01T10:00:00+01:00"),
                       try TransactionTime(parsingRecorded: "2020-12-01T09:00:00Z"))
    }

    func testAYearBeyondTheRangeIsRefusedNotOverflowed() {
        XCTAssertThrowsError(try TransactionTime(parsingRecorded: "9026-11-23T14:02:11Z")) { error in
            XCTAssertEqual("\(error)", "'9026-11-23T14:02:11Z' is outside the years 1678 to 2261 that a transaction time can take")
        }
        XCTAssertThrowsError(try TransactionTime(parsingQuery: "0001-01-01T00:00:00Z"))
    }

    func testMalformedTimesAreRefused() {
        for text in ["2020-12-01T25:00:00Z", "2020-13-01T00:00:00Z", "yesterday", "2020-12-01 10:00:00Z", "2020-12-01T10:00:00"] {
            XCTAssertThrowsError(try TransactionTime(parsingQuery: text), text)
        }
    }
}
