extension SearchResults {
    /// The answer of `search --format json`: `{query, at, total, hits: [{kind, id, label,
    /// matched, score, from, fromBounds, until}]}`.
    public func json(at date: ValidDate?) -> JSONValue {
        .object([
            ("query", .string(query)), ("at", .optional(date?.description)), ("total", .integer(total)),
            ("hits", .array(hits.map { hit in
                .object([
                    ("kind", .string(hit.kind.rawValue)), ("id", .string(hit.id)), ("label", .string(hit.label)),
                    ("matched", .optional(hit.matched)), ("score", .integer(hit.score)),
                    ("from", .optional(hit.from?.description)), ("fromBounds", hit.from.boundsJSON),
                    ("until", .optional(hit.until?.description)),
                ])
            })),
        ])
    }
}
