extension SourceCitations {
    /// The answer of `sources --format json`: `{sources: [{title, url, published, seed,
    /// publishedBounds, records: [{record, type, title, date, dateBounds, concerns, withdrawnBy,
    /// withdrawal}]}]}`.
    public var json: JSONValue {
        .object([("sources", .array(entries.map { entry in
            guard case .object(var members) = entry.source.answerJSON else { preconditionFailure() }
            members.append(("records", .array(entry.citations.map { citation in
                .object([
                    ("record", .string(citation.record)), ("type", .string(citation.type.rawValue)), ("title", .string(citation.title)),
                    ("date", .string(citation.date.description)), ("dateBounds", citation.date.boundsJSON),
                    ("concerns", .array(citation.concerns.map(JSONValue.string))),
                    ("withdrawnBy", .optional(citation.withdrawnBy)), ("withdrawal", .optional(citation.withdrawal?.rawValue)),
                ])
            })))
            return .object(members)
        }))])
    }
}
