extension RecordFormat {
    /// A JSON Schema (draft 2020-12) of one record as an author writes it for `ledger append`,
    /// made from the tables above: editors that know JSON Schema complete member names and
    /// flag mistakes as they are typed. It states what the format says of a single record
    /// (members, types, vocabularies, a retraction without changes); the rules that need the
    /// ledger (ids that exist, a task's holder) only `append --dry-run` can check.
    ///
    /// The repository ships it as `docs/record.schema.json`; `ledger schema` prints it.
    public static var jsonSchema: JSONValue {
        let plain = "[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"
        var definitions: [(key: String, value: JSONValue)] = [
            ("id", object(("type", "string"), ("pattern", "^[a-z0-9][a-z0-9.-]*$"),
                          ("description", "an identifier: lowercase ASCII letters, digits, '-' and '.', starting with a letter or digit"))),
            ("line", object(("type", "string"), ("pattern", "^[^\\n\\u000b\\f\\r\\u0085\\u2028\\u2029]*[^ \\t\\n\\u000b\\f\\r\\u0085\\u2028\\u2029][^\\n\\u000b\\f\\r\\u0085\\u2028\\u2029]*$"),
                            ("description", "a string on one line that is not blank"))),
            ("text", object(("type", "string"))),
            ("date", object(("type", "string"),
                            ("pattern", "^(\(plain)[?~%]?|\(plain)\\.\\.|\\.\\.\(plain)|\(plain)\\.\\.\(plain))$"),
                            ("description", "YYYY, YYYY-MM or YYYY-MM-DD (the day must exist); a date the sources leave open adds ?, ~ or % (uncertain, approximate, both) or is a range A.., ..B or A..B"))),
            ("url", object(("type", "string"), ("format", "uri"), ("pattern", "^[hH][tT][tT][pP][sS]?://[^/?#\\s]+[^\\s]*$"),
                           ("description", "an absolute http or https URL"))),
            ("relation", .object([("enum", .array(Relation.allCases.map { .string($0.rawValue) }))])),
            ("supervisionKind", .object([("enum", .array(SupervisionKind.allCases.map { .string($0.rawValue) }))])),
            ("unitKind", .object([
                ("enum", .array(Vocabulary.unitKinds.map { .string($0.word) })),
                ("description", .string("a unit kind; another word needs 'ledger append --allow-kind WORD'")),
            ])),
            ("recordType", .object([
                ("enum", .array(Vocabulary.recordTypes.map { .string($0.word) })),
                ("description", .string("a record type; another word needs 'ledger append --allow-type WORD'")),
            ])),
            ("source", objectSchema(sourceFields, description: "where the facts come from")),
        ]
        for operation in operations {
            var schema = objectSchema(operation.fields, description: "\(operation.op): \(operation.meaning)",
                                      leading: [("op", .object([("const", .string(operation.op))]))], requiring: ["op"])
            if operation.op == "renameUnit", case .object(var members) = schema,
               let at = members.firstIndex(where: { $0.key == "properties" }), case .object(var properties) = members[at].value,
               let field = properties.firstIndex(where: { $0.key == "abbreviation" }) {
                // null: remove the abbreviation, said in so many words (FORMAT.md §6.2.1).
                properties[field].value = .object([
                    ("anyOf", .array([ref("line"), .object([("type", .string("null"))])])),
                    ("description", .string("its abbreviation after the rename: repeat it to keep it, null to remove it")),
                ])
                members[at].value = .object(properties)
                schema = .object(members)
            }
            definitions.append(("op-\(operation.op)", schema))
        }
        definitions.append(("change", .object([
            ("type", .string("object")),
            ("required", .array([.string("op")])),
            ("properties", .object([("op", .object([("enum", .array(operations.map { .string($0.op) }))]))])),
            ("oneOf", .array(operations.map { ref("op-\($0.op)") })),
        ])))
        guard case .object(var record) = objectSchema(recordFields, description: "") else { return .null }
        record.removeAll { $0.key == "description" }
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("urn:ledger:record-schema:1")),
            ("title", .string("A ledger record, as written for 'ledger append'")),
            ("description", .string("One record of an append-only ledger of administrative reorganisations (docs/FORMAT.md). 'ledger append' fills in seq, recorded, prev and hash, which are therefore not allowed here.")),
        ] + record + [
            ("allOf", .array([
                .object([("not", .object([("required", .array([.string("corrects"), .string("retracts")]))])),
                         ("description", .string("a record either corrects or retracts, not both"))]),
                .object([("if", .object([("required", .array([.string("retracts")]))])),
                         ("then", .object([("properties", .object([("changes", .object([("maxItems", .number("0"))]))]))])),
                         ("description", .string("a retraction withdraws changes and carries none of its own"))]),
            ])),
            ("$defs", .object(definitions)),
        ])
    }

    private static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/$defs/\(name)"))]) }

    private static func object(_ members: (String, String)...) -> JSONValue {
        .object(members.map { ($0.0, JSONValue.string($0.1)) })
    }

    /// The schema of a type's value, described.
    private static func schema(of field: Field) -> JSONValue {
        let base: JSONValue
        switch field.type {
        case .id: base = ref("id")
        case .line: base = ref("line")
        case .text: base = ref("text")
        case .date: base = ref("date")
        case .url: base = ref("url")
        case .relation: base = ref("relation")
        case .supervisionKind: base = ref("supervisionKind")
        case .unitKind: base = ref("unitKind")
        case .recordType: base = ref("recordType")
        case .ids: base = .object([("type", .string("array")), ("items", ref("id"))])
        case .sources: base = .object([("type", .string("array")), ("minItems", .number("1")), ("items", ref("source"))])
        case .changes: base = .object([("type", .string("array")), ("items", ref("change"))])
        }
        guard case .object(var members) = base else { return base }
        members.append(("description", .string(field.meaning)))
        return .object(members)
    }

    private static func objectSchema(_ fields: [Field], description: String, leading: [(key: String, value: JSONValue)] = [],
                                     requiring: [String] = []) -> JSONValue {
        .object([
            ("type", .string("object")),
            ("description", .string(description)),
            ("required", .array((requiring + fields.filter(\.isRequired).map(\.name)).map(JSONValue.string))),
            ("properties", .object(leading + fields.map { ($0.name, schema(of: $0)) })),
            ("additionalProperties", .bool(false)),
        ])
    }
}
