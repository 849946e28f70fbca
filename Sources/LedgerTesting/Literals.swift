import Ledger

// Dates and times in a test are literals the test's author wrote: one that does not parse is a
// mistake in the test, and stops it with the parser's message. (A ledger's own code parses them
// with `ValidDate(parsing:)` and `TransactionTime(parsingQuery:)`, which throw.)

extension ValidDate: ExpressibleByStringLiteral {
    /// A valid date written as the ledger writes one: `2021`, `2021-01`, `2021-01-01`, or a form
    /// the sources leave open (`2019~`, `2019-01..`, `..2018-06`, `2017-09-26..2018-04`).
    ///
    /// ```swift
    /// try ledger.responsible("ozg-beratung-kommunen", at: "2021-01-01")
    /// ```
    public init(stringLiteral text: String) {
        do { self = try ValidDate(parsing: text) } catch { preconditionFailure("'\(text)' is not a valid date: \(error)") }
    }
}

extension TransactionTime: ExpressibleByStringLiteral {
    /// A transaction time as `--known-at` takes it: an RFC 3339 time, or a date meaning the end of
    /// that day (UTC).
    ///
    /// ```swift
    /// try ledger.responsible("ozg-beratung-kommunen", at: "2020-06-30", knownAt: "2026-11-30")
    /// ```
    public init(stringLiteral text: String) {
        do { self = try TransactionTime(parsingQuery: text) } catch { preconditionFailure("'\(text)' is not a transaction time: \(error)") }
    }
}
