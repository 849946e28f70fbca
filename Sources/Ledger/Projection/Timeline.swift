/// The values one entity took over valid time, as steps: each value holds from its day until the
/// next step. Looked up by binary search, so a query costs O(log changes) per entity.
struct Timeline<Value: Sendable>: Sendable {
    private(set) var days: [Int] = []
    private(set) var values: [Value?] = []

    /// Records the value from `day` on. Steps must come in non-decreasing day order; a second step
    /// on the same day replaces the first, because queries see the state at the end of a day.
    mutating func set(_ value: Value?, from day: Int) {
        if let last = days.last, last == day {
            values[values.count - 1] = value
        } else {
            precondition(days.last.map { $0 < day } ?? true, "timeline steps out of order")
            days.append(day)
            values.append(value)
        }
    }

    /// The value in force on `day`, or nil before the first step.
    func value(on day: Int) -> Value? {
        var low = 0
        var high = days.count
        while low < high {
            let mid = (low + high) / 2
            if days[mid] <= day { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : values[low - 1]
    }

    /// The latest value.
    var last: Value? { values.last ?? nil }
}
