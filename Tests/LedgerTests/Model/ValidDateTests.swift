import Ledger
import XCTest

final class ValidDateTests: XCTestCase {
    static let forms = ", optionally uncertain (2019?), approximate (2019~) or both (2019%), or one day of a range"
        + " (2018-09-06.., ..2018-06, 2018-09-06..2018-12)"

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
            ("2021-1-05", "'2021-1-05' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD" + Self.forms),
            ("21", "'21' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD" + Self.forms),
            ("2021-01-01T00:00:00Z", "'2021-01-01T00:00:00Z' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD" + Self.forms),
            ("", "'' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD" + Self.forms),
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

    func testEachFormTheSourcesGiveIsKeptAsWrittenAndSaidInWords() throws {
        let cases: [(String, String, String, String?, String?)] = [
            // text, words, EDTF, earliest, latest
            ("2019?", "2019 (uncertain)", "2019?", "2019", "2019"),
            ("2019-03~", "about 2019-03", "2019-03~", "2019-03", "2019-03"),
            ("2019-03-05%", "about 2019-03-05 (uncertain)", "2019-03-05%", "2019-03-05", "2019-03-05"),
            ("2018-09-06..", "2018-09-06 or later", "[2018-09-06..]", "2018-09-06", nil),
            ("..2018-06", "2018-06 or earlier", "[..2018-06]", nil, "2018-06"),
            ("2018-09-06..2018-12", "between 2018-09-06 and 2018-12", "[2018-09-06..2018-12]", "2018-09-06", "2018-12"),
        ]
        for (text, words, edtf, earliest, latest) in cases {
            let date = try ValidDate(parsing: text)
            XCTAssertEqual(date.description, text)
            XCTAssertEqual(date.wording, words)
            XCTAssertEqual(date.edtf, edtf)
            XCTAssertEqual(date.earliest?.description, earliest, text)
            XCTAssertEqual(date.latest?.description, latest, text)
            XCTAssertFalse(date.isExact)
        }
        XCTAssertTrue(try ValidDate(parsing: "2019-03").isExact)
        XCTAssertEqual(try ValidDate(parsing: "2019-03").wording, "2019-03")
    }

    /// The ordering rule: a date the sources leave open orders by its first possible day (for
    /// `..B` the first day of B), and on that day after the exact dates, so "after the Gutachten of
    /// 2018-09-06, date unknown" sorts after 2018-09-06 and before 2018-09-07.
    func testABoundedDateOrdersByItsFirstPossibleDayAfterTheExactDatesOfThatDay() throws {
        let after = try ValidDate(parsing: "2018-09-06..")
        XCTAssertEqual(after.firstDay, try ValidDate(parsing: "2018-09-06").firstDay)
        XCTAssertGreaterThan(after, try ValidDate(parsing: "2018-09-06"))
        XCTAssertLessThan(after, try ValidDate(parsing: "2018-09-07"))
        XCTAssertEqual(try ValidDate(parsing: "..2018-06").firstDay, try ValidDate(parsing: "2018-06-01").firstDay)
        let dates = try ["2018-09-06..", "2018-09-06..2018-12", "..2018-09-06", "2018-09-06~", "2018-09-06?", "2018-09-06", "2018-09"]
            .map(ValidDate.init(parsing:))
        XCTAssertEqual(dates.sorted().map(\.description),
                       ["2018-09", "2018-09-06", "2018-09-06?", "2018-09-06~", "..2018-09-06", "2018-09-06..2018-12", "2018-09-06.."])
    }

    func testTheDaysADateLeavesOpen() throws {
        XCTAssertNil(try ValidDate(parsing: "2019").possibleDays)
        XCTAssertEqual(try ValidDate(parsing: "2019~").possibleDays, day("2019-01-01").firstDay...day("2019-12-31").firstDay)
        XCTAssertEqual(try ValidDate(parsing: "2018-09-06..2019-01").possibleDays, day("2018-09-06").firstDay...day("2019-01-31").firstDay)
        XCTAssertEqual(try ValidDate(parsing: "2019-01..").possibleDays, day("2019-01-01").firstDay...Int.max)
        XCTAssertEqual(try ValidDate(parsing: "..2018-06").possibleDays, Int.min...day("2018-06-30").firstDay)
        XCTAssertTrue(try ValidDate(parsing: "..2018-06").leavesOpen(day("2017-01-01").firstDay))
        XCTAssertFalse(try ValidDate(parsing: "..2018-06").leavesOpen(day("2018-07-01").firstDay))
    }

    func testMalformedUncertainDatesAreRefusedWithAReason() {
        let cases: [(String, String)] = [
            ("..", "'..' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD" + Self.forms),
            ("2019??", "'2019??' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD" + Self.forms),
            ("[2019..]", "'[2019..]' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD" + Self.forms),
            ("2019/2020", "'2019/2020' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD" + Self.forms),
            ("2019...2020", "'2019...2020' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD" + Self.forms),
            ("2019~..", "'2019~..' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD" + Self.forms),
            ("2019-02-30..", "2019-02 has no day 30"),
            ("2019..2018", "the range '2019..2018' must end later than it begins; for one date write it alone"),
            ("2019..2019-01", "the range '2019..2019-01' must end later than it begins; for one date write it alone"),
            ("2019-03..2019-03", "the range '2019-03..2019-03' must end later than it begins; for one date write it alone"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try ValidDate(parsing: text), text) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }
}
