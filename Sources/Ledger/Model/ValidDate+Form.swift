extension ValidDate {
    /// How sure a source is of a date, in the terms of the Extended Date/Time Format (EDTF, ISO
    /// 8601-2) as far as the ledger needs them. The ledger stores each form in one spelling:
    ///
    /// | form | written | EDTF | read as |
    /// |---|---|---|---|
    /// | exact | `2019-03-05` | `2019-03-05` | that day (month, year) |
    /// | uncertain | `2019?` | `2019?` | 2019, but the source is not sure |
    /// | approximate | `2019~` | `2019~` | about 2019 |
    /// | uncertain and approximate | `2019%` | `2019%` | about 2019, and not sure |
    /// | not before | `2018-09-06..` | `[2018-09-06..]` | one day, on or after 2018-09-06 |
    /// | not after | `..2018-06` | `[..2018-06]` | one day, in June 2018 at the latest |
    /// | between | `2018-09-06..2018-12` | `[2018-09-06..2018-12]` | one day from 2018-09-06 to the end of 2018-12 |
    ///
    /// The ranges are EDTF's "one of a set" without the brackets: a record's date is always one
    /// day, never the span of a period (which EDTF writes with `/`).
    public indirect enum Form: Hashable, Sendable {
        case exact
        case qualified(Qualifier)
        /// `A..`: on or after the date.
        case notBefore
        /// `..B`: on or before the date (the date is the end).
        case notAfter
        /// `A..B`: on or after the date and on or before `end`, an exact date beginning after it.
        case between(ValidDate)

        /// The order of forms on the same first day (see `ValidDate.<`).
        var rank: Int {
            switch self {
            case .exact: 0
            case .qualified(let qualifier): 1 + qualifier.rank
            case .notAfter: 4
            case .between: 5
            case .notBefore: 6
            }
        }
    }

    /// EDTF's qualifiers of a whole date.
    public enum Qualifier: String, Hashable, Sendable, CaseIterable {
        /// `?`: the source is not sure of the date.
        case uncertain
        /// `~`: the source gives the date approximately.
        case approximate
        /// `%`: both.
        case uncertainAndApproximate = "uncertain-approximate"

        /// The EDTF character.
        public var symbol: Character {
            switch self {
            case .uncertain: "?"
            case .approximate: "~"
            case .uncertainAndApproximate: "%"
            }
        }

        var rank: Int {
            switch self {
            case .uncertain: 0
            case .approximate: 1
            case .uncertainAndApproximate: 2
            }
        }
    }

    /// The qualifier, if the date has one.
    public var qualifier: Qualifier? {
        if case .qualified(let qualifier) = form { return qualifier }
        return nil
    }

    /// Whether `day` lies within the days the date leaves open (`possibleDays`): an answer about
    /// that day rests on a date the sources do not pin down.
    public func leavesOpen(_ day: Int) -> Bool {
        possibleDays?.contains(day) ?? false
    }
}
