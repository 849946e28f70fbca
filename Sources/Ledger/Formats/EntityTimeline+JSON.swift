extension EntityTimeline {
    /// The answer of `timeline --format json`: `{subject, kind, title, periods: [{from, to, unit,
    /// parent, relation, dissolved, path, record}]}`; for a task, `unit` is its holder.
    public var json: JSONValue {
        let (id, kind, title): (String, String, String?) = switch subject {
        case let .task(id, title): (id, "task", title)
        case let .unit(id): (id, "unit", nil)
        }
        return .object([
            ("subject", .string(id)), ("kind", .string(kind)), ("title", .optional(title)),
            ("periods", .array(periods.map { period in
                .object([
                    ("from", .string(period.from.description)), ("to", .optional(period.to?.description)),
                    ("unit", period.unit.map(\.json) ?? .null), ("parent", .optional(period.parent)),
                    ("relation", .optional(period.relation?.rawValue)), ("dissolved", .bool(period.isDissolved)),
                    ("path", .array(period.path.map(\.json))), ("record", .optional(period.record)),
                ])
            })),
        ])
    }
}
