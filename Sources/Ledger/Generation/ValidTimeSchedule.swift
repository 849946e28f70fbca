/// Spreads a ledger's records over the valid-time axis, month by month from January 1950 to
/// December 2025, so effective dates never decrease along the log and every change applies in the
/// order it is written.
///
/// Reorganisations tend to take effect on the first of a month, so a large share of records falls
/// on day 1, and those are the ones that may carry a month (or, in January, a year) as their
/// precision: a coarse date orders by its first day, so it must not come after a later day.
struct ValidTimeSchedule {
    static let firstYear = 1950
    static let lastYear = 2025
    static var monthCount: Int { (lastYear - firstYear + 1) * 12 }

    /// One record's place on the axis.
    struct Slot {
        var day: Int
        var precision: ValidDate.Precision
        /// A state founded by this slot's record, if it is the founding record.
        var founds: Int?

        /// The effective date with the slot's precision.
        var date: ValidDate {
            let full = ValidDate(dayNumber: day)
            switch precision {
            case .day: return full
            case .month: return try! ValidDate(year: full.year, month: full.month)
            case .year: return try! ValidDate(year: full.year)
            }
        }
    }

    let recordCount: Int
    /// Founding days of the states the ledger will have, by state index.
    let foundings: [(state: Int, day: Int)]

    /// The slots of month `month` (0 = January 1950), given how many records came before; the
    /// last month takes whatever is left so the ledger has exactly `recordCount` records.
    func slots(month: Int, emitted: Int, random: inout SeededRandom) -> [Slot] {
        let year = Self.firstYear + month / 12
        let monthOfYear = month % 12 + 1
        let first = CivilCalendar.dayNumber(year: year, month: monthOfYear, day: 1)
        let length = CivilCalendar.daysInMonth(year: year, month: monthOfYear)
        var founding: [Slot] = []
        for (state, day) in foundings where day >= first && day < first + length {
            founding.append(Slot(day: day, precision: .day, founds: state))
        }
        let target = month == Self.monthCount - 1 ? recordCount : (month + 1) * recordCount / Self.monthCount
        let count = max(0, target - emitted - founding.count)
        var days: [Int] = []
        days.reserveCapacity(count)
        for _ in 0..<count {
            days.append(random.chance(0.4) ? first : first + random.int(below: length))
        }
        days.sort()
        var slots: [Slot] = []
        slots.reserveCapacity(count + founding.count)
        var pending = founding[...]
        for day in days {
            // A founding goes before the other records of its day, which may already build on it.
            while let next = pending.first, next.day <= day {
                slots.append(next)
                pending = pending.dropFirst()
            }
            var precision = ValidDate.Precision.day
            if day == first, random.chance(0.45) {
                precision = monthOfYear == 1 && random.chance(0.3) ? .year : .month
            }
            slots.append(Slot(day: day, precision: precision, founds: nil))
        }
        slots.append(contentsOf: pending)
        return slots
    }
}
