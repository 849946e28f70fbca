/// A record to fill in (`ledger new TYPE [OP …]`): every member an author may write, in the
/// order of `RecordFormat`, each value a placeholder in angle brackets that says what belongs
/// there. A placeholder is never a valid value, so a template appended unchanged is refused at
/// its first unfilled member instead of being stored.
///
/// ```swift
/// let text = try RecordTemplate.text(type: "decision", operations: ["establishUnit"])
/// ```
public enum RecordTemplate {
    /// Why no template could be made.
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        case unknownType(String, suggestion: String?)
        case unknownOperation(String, suggestion: String?)

        public var description: String {
            switch self {
            case let .unknownType(word, suggestion):
                "'\(word)' is not a record type\(suggestion.map { "; did you mean '\($0)'?" } ?? ".") The record types are \(Vocabulary.recordTypes.map(\.word).joined(separator: ", ")); an operation (such as establishUnit) alone gives a decision"
            case let .unknownOperation(word, suggestion):
                "'\(word)' is not an operation\(suggestion.map { "; did you mean '\($0)'?" } ?? ".") The operations are \(Change.knownOps.joined(separator: ", "))"
            }
        }
    }

    /// The template of a record of `type` with one change of each of `operations`, as JSON.
    /// `type` may itself be an operation (a decision making that change). A correction carries
    /// `corrects` and a retraction `retracts` and no changes.
    public static func json(type: String, operations: [String] = []) throws(Failure) -> JSONValue {
        var type = type, operations = operations
        if RecordFormat.operation(type) != nil {
            operations.insert(type, at: 0)
            type = "decision"
        }
        guard Vocabulary.recordTypes.contains(where: { $0.word == type }) else {
            throw .unknownType(type, suggestion: Vocabulary.standard.suggestion(forType: type))
        }
        var changes: [JSONValue] = []
        for op in operations {
            guard let operation = RecordFormat.operation(op) else {
                throw .unknownOperation(op, suggestion: NearestName.of(op, among: Change.knownOps))
            }
            changes.append(.object([("op", .string(op))] + operation.fields.map { ($0.name, .string(placeholder($0))) }))
        }
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string("<id: this record's id, such as 2021-03-10-cabinet-egov>")),
            ("date", .string("<date: when it was decided or happened, YYYY-MM-DD (or YYYY-MM, YYYY)>")),
            ("effective", .string("<optional date: when its changes take effect, if later than date; else remove this line>")),
            ("type", .string(type)),
            ("title", .string("<line: a title, in the sources' language>")),
            ("actor", .string("<optional id: the unit that decided; else remove this line>")),
            ("note", .string("<optional text: what the sources leave open, modelling choices; else remove this line>")),
            ("sources", .array([.object(RecordFormat.sourceFields.map { ($0.name, .string(placeholder($0))) })])),
        ]
        switch type {
        case "correction":
            members.append(("corrects", .string("<id: the record this one corrects; 'ledger correct ID' fills in its changes>")))
            members.append(("changes", .array(changes)))
        case "retraction":
            members.append(("retracts", .string("<id: the record this one withdraws, with all its changes>")))
        default:
            members.append(("changes", .array(changes)))
        }
        return .object(members)
    }

    /// The template as text, ready to be saved, filled in and appended.
    public static func text(type: String, operations: [String] = []) throws(Failure) -> String {
        AuthorJSON.string(of: try json(type: type, operations: operations), expanding: 3)
    }

    /// What belongs in `field`: its type, whether it may be left out, and its meaning.
    static func placeholder(_ field: RecordFormat.Field) -> String {
        let type: String = switch field.type {
        case .unitKind: Vocabulary.unitKinds.map(\.word).joined(separator: "|")
        case .relation: "partOf|subordinateTo"
        case .supervisionKind: "fach|recht|dienst"
        default: field.type.words
        }
        return "<\(field.isRequired ? "" : "optional ")\(type): \(field.meaning)\(field.isRequired ? "" : "; else remove it")>"
    }
}
