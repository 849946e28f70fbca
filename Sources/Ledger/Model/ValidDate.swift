import FoundationEssentials

/// A date on the valid-time axis ("when it happened", "when it takes effect") with the precision the
/// source gave: a year, a month or a day.
///
/// A date of lower precision orders by its first day (`2017-08` sorts as 2017-08-01) but keeps its
/// precision in every output, so a month reported by a press release is never printed as a day.
///
/// ```swift
/// let august = try ValidDate(parsing: "2017-08")
/// august.description      // "2017-08"
/// august.firstDay         // day number of 2017-08-01
/// ```
public struct ValidDate: Hashable, Sendable {
    /// How much of the date the source gave.
    public enum Precision: Int, Hashable, Sendable, Comparable {
        case year, month, day
        public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public let year: Int
    /// 1...12, or nil for a year.
    public let month: Int?
    /// 1...31, or nil for a year or a month.
    public let day: Int?

    /// Creates a date, checking that the month and day exist (no 2021-02-30, no 2021-13).
    public init(year: Int, month: Int? = nil, day: Int? = nil) throws(ValidDateError) {
        guard (1...9999).contains(year) else { throw .yearOutOfRange(year) }
        if let month {
            guard (1...12).contains(month) else { throw .noSuchMonth(year: year, month: month) }
            if let day {
                let last = CivilCalendar.daysInMonth(year: year, month: month)
                guard (1...last).contains(day) else { throw .noSuchDay(year: year, month: month, day: day) }
            }
        } else if day != nil {
            throw .dayWithoutMonth
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, exactly (no time, no offset, no spaces).
    public init(parsing text: String) throws(ValidDateError) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        switch bytes.count {
        case 4:
            guard let year = number(0..<4) else { throw .malformed(text) }
            try self.init(year: year)
        case 7:
            guard bytes[4] == 0x2D, let year = number(0..<4), let month = number(5..<7) else {
                throw .malformed(text)
            }
            try self.init(year: year, month: month)
        case 10:
            guard bytes[4] == 0x2D, bytes[7] == 0x2D, let year = number(0..<4),
                  let month = number(5..<7), let day = number(8..<10)
            else { throw .malformed(text) }
            try self.init(year: year, month: month, day: day)
        default:
            throw .malformed(text)
        }
    }

    /// The precision the date was given with.
    public var precision: Precision {
        day != nil ? .day : (month != nil ? .month : .year)
    }

    /// Days since 1970-01-01 of the first day the date covers; the ordering key on the valid-time axis.
    public var firstDay: Int {
        CivilCalendar.dayNumber(year: year, month: month ?? 1, day: day ?? 1)
    }

    /// Days since 1970-01-01 of the last day the date covers (2017-08 → 2017-08-31).
    public var lastDay: Int {
        switch precision {
        case .day: return firstDay
        case .month: return firstDay + CivilCalendar.daysInMonth(year: year, month: month!) - 1
        case .year: return CivilCalendar.dayNumber(year: year, month: 12, day: 31)
        }
    }

    /// Today in UTC, to the day: the default valid date of a query.
    public static var today: ValidDate {
        ValidDate(dayNumber: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// The day numbers a date can stand for: 0001-01-01 through 9999-12-31. (Literals, and computed
    /// rather than stored, so a check against them on the index's hot path is two compares, not a
    /// call to a lazily initialised global; a test ties them to the calendar.)
    public static var representableDayNumbers: ClosedRange<Int> { -719_162...2_932_896 }

    /// The day-precision date of a day number the program worked out itself; the number must lie
    /// within `representableDayNumbers`, or this traps. A number read from a file goes through
    /// `init?(checkingDayNumber:)` instead.
    public init(dayNumber: Int) {
        guard let date = ValidDate(checkingDayNumber: dayNumber) else {
            preconditionFailure("day number \(dayNumber) lies outside the years 0001...9999")
        }
        self = date
    }

    /// The day-precision date of a day number, or nil if it lies outside the years 0001...9999:
    /// for numbers that come from outside the program, such as the rows of an index file, which
    /// a damaged or forged file can fill with anything.
    ///
    /// ```swift
    /// ValidDate(checkingDayNumber: 0)          // 1970-01-01
    /// ValidDate(checkingDayNumber: 9_000_000)  // nil
    /// ```
    public init?(checkingDayNumber dayNumber: Int) {
        guard Self.representableDayNumbers.contains(dayNumber) else { return nil }
        let (y, m, d) = CivilCalendar.civil(fromDayNumber: dayNumber)
        // Within those years a day number always maps to an existing date.
        guard let date = try? ValidDate(year: y, month: m, day: d) else { return nil }
        self = date
    }
}

extension ValidDate: Comparable {
    /// Orders by first day; on the same first day a coarser date comes first, so the order is total
    /// and agrees with `==` (`2017` < `2017-01` < `2017-01-01`).
    public static func < (lhs: ValidDate, rhs: ValidDate) -> Bool {
        let (l, r) = (lhs.firstDay, rhs.firstDay)
        return l != r ? l < r : lhs.precision < rhs.precision
    }
}

extension ValidDate: CustomStringConvertible {
    /// The date as the source gave it: `2017`, `2017-08` or `2017-09-26`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = pad(year, 4)
        if let month { text += "-" + pad(month, 2) }
        if let day { text += "-" + pad(day, 2) }
        return text
    }
}

/// Why a text is not a valid date.
public enum ValidDateError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String)
    case yearOutOfRange(Int)
    case noSuchMonth(year: Int, month: Int)
    case noSuchDay(year: Int, month: Int, day: Int)
    case dayWithoutMonth

    public var description: String {
        switch self {
        case .malformed(let text):
            return "'\(text)' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"
        case .yearOutOfRange(let year):
            return "year \(year) is out of range 0001...9999"
        case .noSuchMonth(let year, let month):
            return "\(year) has no month \(month)"
        case .noSuchDay(let year, let month, let day):
            let monthText = month < 10 ? "0\(month)" : "\(month)"
            return "\(year)-\(monthText) has no day \(day)"
        case .dayWithoutMonth:
            return "a day needs a month"
        }
    }
}
