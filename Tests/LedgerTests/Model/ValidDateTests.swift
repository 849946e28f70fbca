import Ledger
import XCTest

final class ValidDateTests: XCTestCase {
    func testAMonthKeepsItsPrecisionButOrdersByItsFirstDay() throws {
        let august = try ValidDate(parsing: "2017-08")
        XCTAssertEqual(august.description, "2017-08")
        XCTAssertEqual(august.precision, .month)
        XCTAssertEqual(august.firstDay, try ValidDate(parsing: "2017-08-01").firstDay)
        XCTAssertEqual(august.lastDay, try ValidDate(parsing: "2017-08-31").firstDay)
        XCTAssertLessThan(august, try ValidDate(parsing: "2017-08-02"))
        XCTAssertGreaterThan(august, try ValidDate(parsing: "2017-07-31"))
    }

    func testAYearOrdersAsItsFirstOfJanuaryAndPrintsAsAYear() throws {
        let year = try ValidDate(parsing: "2019")
        XCTAssertEqual(year.description, "2019")
        XCTAssertEqual(year.firstDay, try ValidDate(parsing: "2019-01-01").firstDay)
        XCTAssertEqual(year.lastDay, try ValidDate(parsing: "2019-12-31").firstDay)
    }

    func testCoarserDatesSortFirstOnTheSameDaySoTheOrderIsTotal() throws {
        let dates = try ["2017-01-01", "2017-01", "2017"].map(ValidDate.init(parsing:))
        XCTAssertEqual(dates.sorted().map(\.description), ["2017", "2017-01", "2017-01-01"])
        XCTAssertNotEqual(dates[0], dates[1])
    }

    func testImpossibleDatesAreRefusedWithAReason() {
        let cases: [(String, String)] = [
            ("2021-02-30", "2021-02 has no day 30"),
            ("2021-13", "2021 has no month 13"),
            ("2019-02-29", "2019-02 has no day 29"),
            ("2021-00", "2021 has no month 0"),
            ("2021-1-05", "'2021-1-05' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
            ("21", "'21' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
            ("2021-01-01T00:00:00Z", "'2021-01-01T00:00:00Z' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
            ("", "'' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try ValidDate(parsing: text), text) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    func testLeapDaysExistInLeapYearsOnly() throws {
        XCTAssertNoThrow(try ValidDate(parsing: "2020-02-29"))
        XCTAssertNoThrow(try ValidDate(parsing: "2000-02-29"))
        XCTAssertThrowsError(try ValidDate(parsing: "1900-02-29"))
    }

    func testDayNumbersRoundTripAcrossCenturies() {
        for number in stride(from: -719_162, through: 2_932_896, by: 997) {
            XCTAssertEqual(ValidDate(dayNumber: number).firstDay, number)
        }
        XCTAssertEqual(ValidDate(dayNumber: 0).description, "1970-01-01")
    }

    func testOnlyDayNumbersWithinTheYears1To9999AreDatesWhenChecked() throws {
        let range = ValidDate.representableDayNumbers
        XCTAssertEqual(range.lowerBound, try ValidDate(parsing: "0001-01-01").firstDay)
        XCTAssertEqual(range.upperBound, try ValidDate(parsing: "9999-12-31").firstDay)
        XCTAssertEqual(ValidDate(checkingDayNumber: range.lowerBound)?.description, "0001-01-01")
        XCTAssertEqual(ValidDate(checkingDayNumber: range.upperBound)?.description, "9999-12-31")
        XCTAssertEqual(ValidDate(checkingDayNumber: 0), ValidDate(dayNumber: 0))
        // What a damaged index row may hold instead of a day.
        for number in [range.lowerBound - 1, range.upperBound + 1, Int(Int32.min), Int(Int32.max), Int.min, Int.max] {
            XCTAssertNil(ValidDate(checkingDayNumber: number), "\(number)")
        }
    }
}
