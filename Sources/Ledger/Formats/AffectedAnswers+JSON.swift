extension AffectedAnswers {
    /// What `append --dry-run --format json` shows as `affected`: `{from, tasks: [{task, periods}],
    /// units: [{unit, periods}], supervision: [{supervisor, unit, kind, task, periods}], offices:
    /// [{person, role, unit, periods}]}`, each period `{from, to, before, after}` (`to` the last
    /// day, null: from then on). A task's answer is `{title, holder}`, a unit's `{name,
    /// abbreviation, kind, parent, relation}`, null where it is not defined or does not exist; a
    /// supervision's or office's is whether it is in force (`true`, `false`).
    public var json: JSONValue {
        func periods<Value>(_ periods: [Period<Value>], _ answer: (Value) -> JSONValue) -> JSONValue {
            .array(periods.map { period in
                .object([("from", .string(period.from.description)), ("to", .optional(period.to?.description)),
                         ("before", answer(period.before)), ("after", answer(period.after))])
            })
        }
        func members(_ key: JSONValue, _ name: String) -> [(key: String, value: JSONValue)] {
            guard case .object(let members) = key else { return [(name, key)] }
            return members
        }
        return .object([
            ("from", .string(from.description)),
            ("tasks", .array(tasks.map { task in
                .object([("task", .string(task.subject)), ("periods", periods(task.periods) { $0?.json ?? .null })])
            })),
            ("units", .array(units.map { unit in
                .object([("unit", .string(unit.subject)), ("periods", periods(unit.periods) { $0?.json ?? .null })])
            })),
            ("supervision", .array(supervision.map { supervision in
                .object(members(supervision.subject.json, "supervision") + [("periods", periods(supervision.periods, JSONValue.bool))])
            })),
            ("offices", .array(offices.map { office in
                .object(members(office.subject.json, "office") + [("periods", periods(office.periods, JSONValue.bool))])
            })),
        ])
    }
}

extension AffectedAnswers.TaskAnswer {
    /// `{title, holder}`
    public var json: JSONValue { .object([("title", .string(title)), ("holder", .optional(holder))]) }
}

extension AffectedAnswers.UnitAnswer {
    /// `{name, abbreviation, kind, parent, relation}`
    public var json: JSONValue {
        .object([("name", .string(name)), ("abbreviation", .optional(abbreviation)), ("kind", .string(kind.rawValue)),
                 ("parent", .optional(parent)), ("relation", .optional(relation?.rawValue))])
    }
}
