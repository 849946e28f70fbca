extension ValidDate {
    /// A date's bounds for the JSON answers, beside the member that holds the date as stored:
    /// `{earliest, latest, qualifier, edtf, text}` for a date that is not exact (`earliest` and
    /// `latest` as dates, null for an open end; `qualifier` `uncertain`, `approximate`,
    /// `uncertain-approximate` or null; `edtf` in EDTF's own spelling; `text` in words), and
    /// `null` for an exact date, which needs none.
    public var boundsJSON: JSONValue {
        guard !isExact else { return .null }
        return .object([
            ("earliest", .optional(earliest?.description)), ("latest", .optional(latest?.description)),
            ("qualifier", .optional(qualifier?.rawValue)), ("edtf", .string(edtf)), ("text", .string(wording)),
        ])
    }
}

extension Optional where Wrapped == ValidDate {
    /// `boundsJSON`, or `null` for no date.
    var boundsJSON: JSONValue { self?.boundsJSON ?? .null }
}

extension DateUncertainty {
    /// `{record, title, date, dateBounds, applied, subjects}`
    public var json: JSONValue {
        .object([
            ("record", .string(record)), ("title", .string(title)), ("date", .string(date.description)),
            ("dateBounds", date.boundsJSON), ("applied", .bool(applied)), ("subjects", .array(subjects.map(JSONValue.string))),
        ])
    }
}
