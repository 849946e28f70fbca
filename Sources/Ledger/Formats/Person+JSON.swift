extension Person {
    /// `{id, name, namedBy}`
    public var json: JSONValue {
        .object([("id", .string(id)), ("name", .optional(name)), ("namedBy", .optional(namedBy))])
    }
}

extension OfficeHolding {
    /// `{person, name, role, unit: {id, name, abbreviation, kind}, since, sinceBounds, record}`
    public var json: JSONValue {
        .object([
            ("person", .string(person.id)), ("name", .optional(person.name)), ("role", .string(role)), ("unit", unit.json),
            ("since", .string(since.description)), ("sinceBounds", since.boundsJSON), ("record", .string(record)),
        ])
    }
}
