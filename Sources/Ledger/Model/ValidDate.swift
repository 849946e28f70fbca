import FoundationEssentials

/// A date on the valid-time axis ("when it happened", "when it takes effect") with the precision the
/// source gave (a year, a month or a day) and, where the source is unsure, how unsure it is.
///
/// A date of lower precision orders by its first day (`2017-08` sorts as 2017-08-01) but keeps its
/// precision in every output, so a month reported by a press release is never printed as a day.
///
/// Where a source gives no date but bounds ("after the Gutachten of 2018-09-06", "by June 2018 at
/// the latest") or a guess ("about 2019"), the date says so in the notation of the Extended
/// Date/Time Format (EDTF, ISO 8601-2) that archives use: `2019?` (uncertain), `2019~`
/// (approximate), `2019%` (both), and one unknown day of a range, `2018-09-06..` (on or after),
/// `..2018-06` (on or before), `2018-09-06..2018-12` (between). See `Form`.
///
/// ```swift
/// let august = try ValidDate(parsing: "2017-08")
/// august.description      // "2017-08"
/// august.firstDay         // day number of 2017-08-01
/// let after = try ValidDate(parsing: "2018-09-06..")
/// after.wording           // "2018-09-06 or later"
/// after.firstDay          // day number of 2018-09-06: it orders by its earliest day
/// ```
public struct ValidDate: Hashable, Sendable {
    /// How much of the date the source gave.
    public enum Precision: Int, Hashable, Sendable, Comparable {
        case year, month, day
        public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The date the value orders by: the date itself, the start of a range, or, for `..Y`, which
    /// has no start, its end Y.
    public let year: Int
    /// 1...12, or nil for a year.
    public let month: Int?
    /// 1...31, or nil for a year or a month.
    public let day: Int?
    /// Exactly this date, or a qualified one, or one day of a range.
    public let form: Form

    /// Creates an exact date, checking that the month and day exist (no 2021-02-30, no 2021-13).
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
        self.form = .exact
    }

    /// `date`, in another form. A range's end must begin after its start begins.
    public init(_ date: ValidDate, form: Form) throws(ValidDateError) {
        let anchor = date.exact
        if case .between(let end) = form {
            guard end.isExact, anchor.firstDay < end.firstDay else {
                throw .emptyRange("\(anchor)..\(end.exact)")
            }
        }
        self.year = anchor.year
        self.month = anchor.month
        self.day = anchor.day
        self.form = form
    }

    /// The precision the date (its ordering date) was given with.
    public var precision: Precision {
        day != nil ? .day : (month != nil ? .month : .year)
    }

    /// Whether the source gave this very date, without qualifier or bounds.
    public var isExact: Bool { form == .exact }

    /// The date without its qualifier or bounds: the date it orders by.
    public var exact: ValidDate {
        guard !isExact else { return self }
        // The parts were checked when this date was made.
        return try! ValidDate(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01 of the first day of the date it orders by: the ordering key on the
    /// valid-time axis, and the day its changes take effect. For a range that is its first
    /// possible day (`2018-09-06..` takes effect on 2018-09-06); for `..Y` the first day of Y.
    public var firstDay: Int {
        CivilCalendar.dayNumber(year: year, month: month ?? 1, day: day ?? 1)
    }

    /// Days since 1970-01-01 of the last day the ordering date covers (2017-08 → 2017-08-31).
    public var lastDay: Int {
        switch precision {
        case .day: return firstDay
        case .month: return firstDay + CivilCalendar.daysInMonth(year: year, month: month!) - 1
        case .year: return CivilCalendar.dayNumber(year: year, month: 12, day: 31)
        }
    }

    /// The earliest date the source allows; nil for `..Y`, which has no lower bound.
    public var earliest: ValidDate? {
        form == .notAfter ? nil : exact
    }

    /// The latest date the source allows; nil for `A..`, which has no upper bound.
    public var latest: ValidDate? {
        switch form {
        case .exact, .qualified, .notAfter: exact
        case .notBefore: nil
        case .between(let end): end
        }
    }

    /// The days on which what the date stands for may have happened, for a date that is not exact:
    /// from the first day of `earliest` to the last day of `latest`, open ends as `Int.min` and
    /// `Int.max`. An uncertain or approximate date covers its own days (`2019~`: the year 2019):
    /// the ledger does not guess how far off it may be. Nil for an exact date.
    public var possibleDays: ClosedRange<Int>? {
        guard !isExact else { return nil }
        return (earliest?.firstDay ?? Int.min)...(latest?.lastDay ?? Int.max)
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
    /// Orders by first day (`firstDay`); on the same first day a coarser date comes first, and an
    /// exact date before a qualified one before one known only by bounds: so a date "on or after
    /// 2018-09-06" sorts after 2018-09-06. The order is total and agrees with `==`
    /// (`2017` < `2017-01` < `2017-01-01` < `2017-01-01?` < `2017-01-01..`).
    public static func < (lhs: ValidDate, rhs: ValidDate) -> Bool {
        let (l, r) = (lhs.firstDay, rhs.firstDay)
        if l != r { return l < r }
        if lhs.precision != rhs.precision { return lhs.precision < rhs.precision }
        if lhs.form.rank != rhs.form.rank { return lhs.form.rank < rhs.form.rank }
        if case .between(let a) = lhs.form, case .between(let b) = rhs.form { return a < b }
        return false
    }
}

/// Why a text is not a valid date.
public enum ValidDateError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String)
    case yearOutOfRange(Int)
    case noSuchMonth(year: Int, month: Int)
    case noSuchDay(year: Int, month: Int, day: Int)
    case dayWithoutMonth
    /// A range `A..B` whose end does not begin after its start begins.
    case emptyRange(String)

    public var description: String {
        switch self {
        case .malformed(let text):
            return "'\(text)' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"
                + ", optionally uncertain (2019?), approximate (2019~) or both (2019%), or one day of a range"
                + " (2018-09-06.., ..2018-06, 2018-09-06..2018-12)"
        case .yearOutOfRange(let year):
            return "year \(year) is out of range 0001...9999"
        case .noSuchMonth(let year, let month):
            return "\(year) has no month \(month)"
        case .noSuchDay(let year, let month, let day):
            let monthText = month < 10 ? "0\(month)" : "\(month)"
            return "\(year)-\(monthText) has no day \(day)"
        case .dayWithoutMonth:
            return "a day needs a month"
        case .emptyRange(let text):
            return "the range '\(text)' must end later than it begins; for one date write it alone"
        }
    }
}
