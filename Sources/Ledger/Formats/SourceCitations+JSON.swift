extension SourceCitations {
    /// The answer of `sources --format json`: `{sources: [{title, url, published, seed,
    /// publishedBounds, records: [{record, type, title, date, dateBounds, concerns, withdrawnBy,
    /// withdrawal}]}]}`.
    public var json: JSONValue { .object([("sources", .array(entries.map(\.json)))]) }
}

extension SourceCitations.Entry {
    /// One source of `SourceCitations.json`, with the records citing it: what the command line
    /// writes one at a time.
    public var json: JSONValue {
        guard case .object(var members) = source.answerJSON else { preconditionFailure() }
        members.append(("records", .array(citations.map { citation in
            .object([
                ("record", .string(citation.record)), ("type", .string(citation.type.rawValue)), ("title", .string(citation.title)),
                ("date", .string(citation.date.description)), ("dateBounds", citation.date.boundsJSON),
                ("concerns", .array(citation.concerns.map(JSONValue.string))),
                ("withdrawnBy", .optional(citation.withdrawnBy)), ("withdrawal", .optional(citation.withdrawal?.rawValue)),
            ])
        })))
        return .object(members)
    }
}
