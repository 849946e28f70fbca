/// A point on the transaction-time axis: when a record entered the ledger (`recorded`), or the
/// moment an "as known at" query looks back to.
///
/// Stored as nanoseconds since 1970-01-01T00:00:00Z so comparisons are exact; printed in the form it
/// was parsed from for records (RFC 3339 UTC, `2026-11-23T14:02:11Z`).
public struct TransactionTime: Hashable, Sendable, Comparable {
    /// Nanoseconds since the Unix epoch, UTC.
    public let nanoseconds: Int64

    public init(nanosecondsSinceEpoch: Int64) { self.nanoseconds = nanosecondsSinceEpoch }

    /// Whole seconds since the Unix epoch.
    public init(secondsSinceEpoch seconds: Int64) { self.nanoseconds = seconds * 1_000_000_000 }

    public static func < (lhs: TransactionTime, rhs: TransactionTime) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// The latest representable time: "known at now or later", the default for queries.
    public static let distantFuture = TransactionTime(nanosecondsSinceEpoch: Int64.max)

    /// Parses a `recorded` value: RFC 3339 in UTC with a `Z`, e.g. `2026-11-23T14:02:11Z`,
    /// optionally with fractional seconds.
    public init(parsingRecorded text: String) throws(TransactionTimeError) {
        guard text.hasSuffix("Z") || text.hasSuffix("z") else { throw .notUTC(text) }
        try self.init(parsingRFC3339: text)
    }

    /// Parses RFC 3339 with any offset (`Z`, `+01:00`), or a plain `YYYY-MM-DD`, which means the end
    /// of that day in UTC: "as known at 2020-12-01" includes everything recorded on that day.
    public init(parsingQuery text: String) throws(TransactionTimeError) {
        if text.utf8.count == 10, (try? ValidDate(parsing: text)) != nil {
            do {
                try self.init(parsingRFC3339: text + "T23:59:59.999999999Z")
            } catch {
                throw .outOfRange(text)
            }
            return
        }
        try self.init(parsingRFC3339: text)
    }

    private init(parsingRFC3339 text: String) throws(TransactionTimeError) {
        let b = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= b.count else { return nil }
            var value = 0
            for i in start..<(start + count) {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74,
              b[13] == 0x3A, b[16] == 0x3A,
              let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
              let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2)
        else { throw .malformed(text) }
        guard let date = try? ValidDate(year: year, month: month, day: day) else {
            throw .malformed(text)
        }
        guard hour < 24, minute < 60, second < 60 else { throw .malformed(text) }
        var index = 19
        var fraction: Int64 = 0
        if b[index] == 0x2E {
            index += 1
            var scale: Int64 = 100_000_000
            let start = index
            while index < b.count, b[index] >= 0x30, b[index] <= 0x39 {
                fraction += Int64(b[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start, index - start <= 9 else { throw .malformed(text) }
        }
        var offsetSeconds = 0
        guard index < b.count else { throw .malformed(text) }
        switch b[index] {
        case 0x5A, 0x7A:
            index += 1
        case 0x2B, 0x2D:
            guard let oh = digits(index + 1, 2), index + 3 < b.count, b[index + 3] == 0x3A,
                  let om = digits(index + 4, 2), oh < 24, om < 60
            else { throw .malformed(text) }
            offsetSeconds = (oh * 3600 + om * 60) * (b[index] == 0x2B ? 1 : -1)
            index += 6
        default:
            throw .malformed(text)
        }
        guard index == b.count else { throw .malformed(text) }
        let seconds = Int64(date.firstDay) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            - Int64(offsetSeconds)
        // Nanoseconds in an Int64 reach from 1677 to 2262: ample for when records are entered,
        // and a year outside it is a typo, not a time.
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow, scaled <= Int64.max - fraction else { throw .outOfRange(text) }
        self.init(nanosecondsSinceEpoch: scaled + fraction)
    }
}

extension TransactionTime: CustomStringConvertible {
    /// RFC 3339 in UTC, with fractional seconds only when there are any.
    public var description: String {
        let seconds = nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds + 1) / 1_000_000_000 - 1
        let fraction = nanoseconds - seconds * 1_000_000_000
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds + 1) / 86_400 - 1)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let date = ValidDate(dayNumber: days)
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = "\(date)T\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))"
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }
}

/// Why a text is not a transaction time.
public enum TransactionTimeError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String)
    case notUTC(String)
    case outOfRange(String)

    public var description: String {
        switch self {
        case .malformed(let text):
            return "'\(text)' is not an RFC 3339 time such as 2026-11-23T14:02:11Z"
        case .outOfRange(let text):
            return "'\(text)' is outside the years 1678 to 2261 that a transaction time can take"
        case .notUTC(let text):
            return "'\(text)' must be in UTC and end in 'Z', such as 2026-11-23T14:02:11Z"
        }
    }
}
