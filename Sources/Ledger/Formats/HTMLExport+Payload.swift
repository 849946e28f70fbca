/// The data block of the HTML page: validity intervals of everything the chart and the search
/// show, the chronicle of records, and the page's words in its language (`words`, `months`,
/// `lang`), so the script has no text of its own.
///
/// An interval is `{from, to?, …state}` with ISO days: the state holds from `from` (inclusive) to
/// `to` (exclusive; absent while it still holds). The page finds the state on a day by looking for
/// the interval covering it, a string comparison of ISO days.
extension HTMLExport {
    static func payload(of ledger: Ledger, at: ValidDate, chronicle: [ChronicleEntry],
                        wording: some PageWording) throws(QueryError) -> JSONValue {
        let intervals = try ValidityIntervals(ledger)

        let days = ledger.records.flatMap { [$0.date, $0.effectiveDate] }
        let firstYear = days.map(\.year).min() ?? at.year
        let lastYear = days.map(\.year).max() ?? at.year
        let kinds = Set(intervals.units.values.flatMap { $0.map(\.value.kind) })

        return .object([
            ("at", .string(at.description)),
            ("lang", .string(wording.language.rawValue)),
            ("range", .object([
                ("from", .string(ValidDate(dayNumber: try! ValidDate(year: firstYear).firstDay).description)),
                ("to", .string(ValidDate(dayNumber: try! ValidDate(year: lastYear).lastDay).description)),
            ])),
            ("head", .object([("seq", .integer(ledger.records.last?.seq ?? 0)), ("hash", .string(ledger.head))])),
            ("months", .array(wording.months.map(JSONValue.string))),
            ("words", .object(wording.phrases.map { ($0.key, .string($0.value)) })),
            ("kinds", .object(kinds.sorted().map { kind in
                (kind.rawValue, .object([("label", .string(wording.kind(kind))), ("rank", .integer(kind.chartRank))]))
            })),
            ("units", .object(intervals.units.sorted { $0.key < $1.key }.map { id, versions in
                (id, .array(versions.map { interval in
                    let unit = interval.value
                    return interval.json([
                        ("name", .string(unit.name)), ("abbreviation", .optional(unit.abbreviation)),
                        ("kind", .string(unit.kind.rawValue)), ("parent", .optional(unit.parent)),
                        ("relation", unit.parent == nil ? .null : .string(unit.relation.rawValue)),
                    ])
                }))
            })),
            ("tasks", .object(intervals.tasks.sorted { $0.key < $1.key }.map { id, versions in
                (id, .array(versions.map { interval in
                    let task = interval.value
                    return interval.json([
                        ("title", .string(task.title)), ("holder", .optional(task.holder)),
                        ("since", .optional(task.heldSince?.description)), ("record", .optional(task.heldBy)),
                    ])
                }))
            })),
            ("supervisions", .array(intervals.supervisions.sorted { $0.key < $1.key }.flatMap { key, versions in
                versions.map { interval in
                    interval.json([
                        ("supervisor", .string(key.supervisor)), ("unit", .string(key.unit)),
                        ("kind", .string(key.kind.rawValue)), ("label", .string(wording.supervision(key.kind))),
                        ("task", .optional(key.task)), ("record", .string(interval.value)),
                    ])
                }
            })),
            ("offices", .array(intervals.offices.sorted { $0.key < $1.key }.flatMap { key, versions in
                versions.map { interval in
                    interval.json([
                        ("person", .string(key.person)), ("name", .string(ledger.person(key.person)?.displayName ?? key.person)),
                        ("role", .string(key.role)), ("unit", .string(key.unit)), ("record", .string(interval.value)),
                    ])
                }
            })),
            ("records", .array(chronicle.map { $0.json(wording: wording) })),
        ])
    }
}

extension ValidityIntervals.Interval {
    /// The interval's days plus `fields`, nulls left out: `{from, to?, …}` as the page's script reads it.
    func json(_ fields: [(key: String, value: JSONValue)]) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("from", .string(ValidDate(dayNumber: from).description))]
        if let to { members.append(("to", .string(ValidDate(dayNumber: to).description))) }
        members += fields.filter { $0.value != .null }
        return .object(members)
    }
}

extension ValidDate {
    /// The day before this date's first day, for "the organisation just before a record took
    /// effect"; the calendar's first day has nothing before it and answers itself.
    var dayBefore: ValidDate {
        ValidDate(dayNumber: Swift.max(firstDay - 1, ValidDate.firstCalendarDay))
    }

    private static let firstCalendarDay = try! ValidDate(year: 1).firstDay
}
