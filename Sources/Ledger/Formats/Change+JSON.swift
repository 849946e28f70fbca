extension Change {
    /// Every `op` the log knows, in the order DESIGN.md lists them.
    public static let knownOps = [
        "establishUnit", "renameUnit", "moveUnit", "dissolveUnit", "defineTask", "assignTask",
        "transferTask", "revokeTask", "setSupervision", "endSupervision", "appoint", "endAppointment",
    ]

    /// Decodes one element of `changes`; `path` names it in errors (`changes[2]`).
    init(json: JSONValue, path: String) throws(RecordFormatError) {
        var r = try JSONObjectReader(json, path: path)
        let op = try r.string("op")
        switch op {
        case "establishUnit":
            self = .establishUnit(
                unit: try r.slug("unit"), name: try r.line("name"), kind: UnitKind(rawValue: try r.slug("kind")),
                parent: try r.optionalSlug("parent"),
                relation: try r.optionalEnum("relation", Relation.self, allowed: Relation.allCases),
                abbreviation: try r.optionalLine("abbreviation"))
        case "renameUnit":
            self = .renameUnit(unit: try r.slug("unit"), name: try r.line("name"), abbreviation: try r.optionalLine("abbreviation"))
        case "moveUnit":
            self = .moveUnit(
                unit: try r.slug("unit"), parent: try r.slug("parent"),
                relation: try r.optionalEnum("relation", Relation.self, allowed: Relation.allCases),
                kind: try r.optionalSlug("kind").map(UnitKind.init(rawValue:)))
        case "dissolveUnit":
            self = .dissolveUnit(unit: try r.slug("unit"), successor: try r.optionalSlug("successor"))
        case "defineTask":
            self = .defineTask(task: try r.slug("task"), title: try r.line("title"), leika: try r.optionalLine("leika"))
        case "assignTask":
            self = .assignTask(task: try r.slug("task"), unit: try r.slug("unit"))
        case "transferTask":
            self = .transferTask(task: try r.slug("task"), from: try r.slug("from"), to: try r.slug("to"))
        case "revokeTask":
            self = .revokeTask(task: try r.slug("task"), unit: try r.slug("unit"))
        case "setSupervision", "endSupervision":
            guard let kind = try r.optionalEnum("kind", SupervisionKind.self, allowed: SupervisionKind.allCases) else {
                throw RecordFormatError(field: r.fieldPath("kind"), message: "is missing")
            }
            let supervision = Supervision(
                supervisor: try r.slug("supervisor"), unit: try r.slug("unit"), kind: kind, task: try r.optionalSlug("task"))
            self = op == "setSupervision" ? .setSupervision(supervision) : .endSupervision(supervision)
        case "appoint", "endAppointment":
            let appointment = Appointment(person: try r.slug("person"), role: try r.line("role"), unit: try r.slug("unit"))
            self = op == "appoint" ? .appoint(appointment, name: try r.optionalLine("name")) : .endAppointment(appointment)
        default:
            throw RecordFormatError(
                field: r.fieldPath("op"),
                message: "'\(op)' is not a known operation\(NearestName.of(op, among: Change.knownOps).map { "; did you mean '\($0)'?" } ?? ""); expected one of \(Change.knownOps.joined(separator: ", "))")
        }
        try r.rejectUnknownMembers()
    }

    /// The change as a JSON object, with optional fields present only when set.
    var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [("op", .string(op))]
        func add(_ key: String, _ text: String?) {
            if let text { members.append((key, .string(text))) }
        }
        switch self {
        case let .establishUnit(unit, name, kind, parent, relation, abbreviation):
            add("unit", unit); add("name", name); add("kind", kind.rawValue); add("parent", parent)
            add("relation", relation?.rawValue); add("abbreviation", abbreviation)
        case let .renameUnit(unit, name, abbreviation):
            add("unit", unit); add("name", name); add("abbreviation", abbreviation)
        case let .moveUnit(unit, parent, relation, kind):
            add("unit", unit); add("parent", parent); add("relation", relation?.rawValue); add("kind", kind?.rawValue)
        case let .dissolveUnit(unit, successor):
            add("unit", unit); add("successor", successor)
        case let .defineTask(task, title, leika):
            add("task", task); add("title", title); add("leika", leika)
        case let .assignTask(task, unit):
            add("task", task); add("unit", unit)
        case let .transferTask(task, from, to):
            add("task", task); add("from", from); add("to", to)
        case let .revokeTask(task, unit):
            add("task", task); add("unit", unit)
        case let .setSupervision(s), let .endSupervision(s):
            add("supervisor", s.supervisor); add("unit", s.unit); add("kind", s.kind.rawValue); add("task", s.task)
        case let .appoint(a, name):
            add("person", a.person); add("role", a.role); add("unit", a.unit); add("name", name)
        case let .endAppointment(a):
            add("person", a.person); add("role", a.role); add("unit", a.unit)
        }
        return .object(members)
    }
}
