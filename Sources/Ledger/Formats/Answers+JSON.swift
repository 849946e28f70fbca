// The JSON shapes of query answers. They are a contract with users' scripts (README, "JSON
// output"): members are only ever added, never renamed or removed. Absent values are `null`, not
// missing, so a script can rely on every member being there.

extension UnitSummary {
    /// `{id, name, abbreviation, kind}`
    public var json: JSONValue {
        .object([("id", .string(id)), ("name", .string(name)), ("abbreviation", .optional(abbreviation)),
                 ("kind", .string(kind.rawValue))])
    }
}

extension PathStep {
    /// `{id, name, abbreviation, kind, relation}`; relation is how the unit hangs under the next step.
    public var json: JSONValue {
        guard case .object(var members) = unit.json else { preconditionFailure() }
        members.append(("relation", .optional(relation?.rawValue)))
        return .object(members)
    }
}

extension SupervisionInForce {
    /// `{kind, supervisor: {id, name, …}, over, task, record}`
    public var json: JSONValue {
        .object([("kind", .string(kind.rawValue)), ("supervisor", supervisor.json), ("over", .string(over)),
                 ("task", .optional(task)), ("record", .string(record))])
    }
}

extension OfficeHolder {
    /// `{person, name, role, unit, record}`
    public var json: JSONValue {
        .object([("person", .string(person)), ("name", .optional(name)), ("role", .string(role)), ("unit", .string(unit)),
                 ("record", .string(record))])
    }
}

extension Responsibility {
    /// The answer of `responsible --format json`.
    public var json: JSONValue {
        .object([
            ("task", .string(task)), ("title", .string(title)), ("at", .string(at.description)),
            ("defined", .bool(isDefined)),
            ("unit", unit?.json ?? .null), ("path", .array(path.map(\.json))),
            ("supervision", .array(supervision.map(\.json))), ("offices", .array(offices.map(\.json))),
            ("since", .optional(since?.description)), ("record", .optional(record)),
            ("sinceBounds", since.boundsJSON), ("uncertain", .array(uncertain.map(\.json))),
        ])
    }
}

extension OrgChart.Node {
    /// A unit of the org chart with its children, recursively.
    public var json: JSONValue {
        .object(membersBesideChildren + [("children", .array(children.map(\.json)))])
    }

    /// `json`, written node by node: a whole chart is never held as one `JSONValue` tree.
    public func writeJSON<Failure>(to writer: inout PrettyJSONWriter<Failure>) throws(Failure) {
        try writer.object(membersBesideChildren, streaming: "children") { (writer) throws(Failure) in
            writer.beginArray()
            for child in children { try child.writeJSON(to: &writer) }
            try writer.endArray()
        }
    }

    /// Every member of `json` but the children, so the whole and the streamed form share them.
    private var membersBesideChildren: [(key: String, value: JSONValue)] {
        guard case .object(var members) = unit.json else { preconditionFailure() }
        members.append(("relation", .optional(relation?.rawValue)))
        members.append(("tasks", .array(tasks.map(JSONValue.string))))
        members.append(("supervision", .array(supervisedBy.map(\.json))))
        return members
    }
}

extension OrgChart {
    /// The answer of `orgchart --format json`: `{at, roots: [node], uncertain: [uncertainty]}`.
    public var json: JSONValue {
        .object([("at", .string(at.description)), ("roots", .array(roots.map(\.json))),
                 ("uncertain", .array(uncertain.map(\.json)))])
    }

    /// `json`, written node by node.
    public func writeJSON<Failure>(to writer: inout PrettyJSONWriter<Failure>) throws(Failure) {
        try writer.object([("at", .string(at.description)), ("uncertain", .array(uncertain.map(\.json)))], streaming: "roots") { (writer) throws(Failure) in
            writer.beginArray()
            for root in roots { try root.writeJSON(to: &writer) }
            try writer.endArray()
        }
    }
}

extension TaskAssignment {
    /// `{task, title, unit: {…} | null, since, record}`
    public var json: JSONValue {
        .object([("task", .string(task)), ("title", .string(title)), ("unit", unit?.json ?? .null),
                 ("since", .optional(since?.description)), ("record", .optional(record)), ("sinceBounds", since.boundsJSON)])
    }
}

extension UnitListing {
    /// `{id, name, abbreviation, kind, parent, relation, established}`
    public var json: JSONValue {
        guard case .object(var members) = unit.json else { preconditionFailure() }
        members.append(("parent", .optional(parent)))
        members.append(("relation", .optional(relation?.rawValue)))
        members.append(("established", .string(established.description)))
        members.append(("establishedBounds", established.boundsJSON))
        return .object(members)
    }
}

extension Supervision {
    /// `{supervisor, unit, kind, task}`
    public var json: JSONValue {
        .object([("supervisor", .string(supervisor)), ("unit", .string(unit)), ("kind", .string(kind.rawValue)),
                 ("task", .optional(task))])
    }
}

extension Appointment {
    /// `{person, role, unit}`
    public var json: JSONValue {
        .object([("person", .string(person)), ("role", .string(role)), ("unit", .string(unit))])
    }
}

extension OrgDiff {
    /// The answer of `diff --format json`.
    /// Each item carries `record` and `date`: the record behind the change and when it took
    /// effect (null where unknown). Task definitions, listed as ids, are in `tasksDefinedBy`.
    public var json: JSONValue {
        func caused(_ item: Item, _ value: JSONValue) -> JSONValue {
            guard case .object(var members) = value else { return value }
            members.append(("record", .optional(causes[item]?.record)))
            members.append(("date", .optional(causes[item]?.date.description)))
            return .object(members)
        }
        return .object([
            ("from", .string(from.description)), ("to", .string(to.description)),
            ("established", .array(established.map { caused(.established($0.id), $0.json) })),
            ("dissolved", .array(dissolved.map { caused(.dissolved($0.id), $0.json) })),
            ("renamed", .array(renamed.map { r in
                caused(.renamed(r.unit), .object([("unit", .string(r.unit)), ("before", .string(r.before)), ("after", .string(r.after)),
                                                  ("abbreviationBefore", .optional(r.abbreviationBefore)),
                                                  ("abbreviationAfter", .optional(r.abbreviationAfter))]))
            })),
            ("moved", .array(moved.map { m in
                caused(.moved(m.unit), .object([("unit", .string(m.unit)), ("parentBefore", .optional(m.parentBefore)),
                                                ("parentAfter", .optional(m.parentAfter)),
                                                ("relationBefore", .optional(m.relationBefore?.rawValue)),
                                                ("relationAfter", .optional(m.relationAfter?.rawValue)),
                                                ("kindBefore", .string(m.kindBefore.rawValue)), ("kindAfter", .string(m.kindAfter.rawValue))]))
            })),
            ("tasksDefined", .array(tasksDefined.map(JSONValue.string))),
            ("tasksDefinedBy", .array(tasksDefined.map { caused(.taskDefined($0), .object([("task", .string($0))])) })),
            ("tasksMoved", .array(tasksMoved.map { t in
                caused(.taskMoved(t.task), .object([("task", .string(t.task)), ("before", .optional(t.before)), ("after", .optional(t.after))]))
            })),
            ("supervisionStarted", .array(supervisionStarted.map { caused(.supervisionStarted($0), $0.json) })),
            ("supervisionEnded", .array(supervisionEnded.map { caused(.supervisionEnded($0), $0.json) })),
            ("appointed", .array(appointed.map { caused(.appointed($0), $0.json) })),
            ("appointmentsEnded", .array(appointmentsEnded.map { caused(.appointmentEnded($0), $0.json) })),
        ])
    }
}

extension Record {
    /// The record as stored, plus `withdrawnBy` (the record that withdrew it, or null) and
    /// `withdrawal` (`"corrected"`, `"retracted"` or null): `show --format json`, and each record
    /// of `history --format json`.
    public func json(withdrawal: RecordWithdrawal?) -> JSONValue {
        guard case .object(var members) = json else { preconditionFailure() }
        members.append(("withdrawnBy", .optional(withdrawal?.by)))
        members.append(("withdrawal", .optional(withdrawal?.kind.rawValue)))
        return .object(members)
    }
}

extension EntityHistory {
    /// The answer of `history --format json`: `{subject, records: [record + withdrawnBy]}`.
    public var json: JSONValue { .object([("subject", .optional(subject)), ("records", .array(entries.map(\.json)))]) }
}

extension EntityHistory.Entry {
    /// One record of `EntityHistory.json`: what the command line writes one at a time.
    public var json: JSONValue {
        let withdrawal = withdrawnBy.flatMap { by in self.withdrawal.map { RecordWithdrawal(by: by, kind: $0) } }
        guard case .object(var members) = record.json(withdrawal: withdrawal) else { preconditionFailure() }
        members.append(("dateBounds", record.date.boundsJSON))
        members.append(("effectiveBounds", record.effective.boundsJSON))
        return .object(members)
    }
}

extension Source {
    /// `{title, url, published, seed}`
    public var answerJSON: JSONValue {
        .object([("title", .string(title)), ("url", .optional(url)), ("published", .optional(published?.description)),
                 ("seed", .optional(seed)), ("publishedBounds", published.boundsJSON)])
    }
}

extension Provenance {
    /// `{record, roles: [{role, detail}], type, title, date, effective, recorded, sources, note}`; `role`
    /// is one of `task`, `placement`, `supervision`, `office`.
    public var json: JSONValue {
        func name(_ role: Role) -> String {
            switch role {
            case .task: "task"
            case .placement: "placement"
            case .supervision: "supervision"
            case .office: "office"
            }
        }
        return .object([
            ("roles", .array(roles.map { .object([("role", .string(name($0))), ("detail", .string($0.description))]) })),
            ("record", .string(record)),
            ("type", .string(type.rawValue)), ("title", .string(title)), ("date", .string(date.description)),
            ("effective", .string(effective.description)), ("recorded", .string(recorded.description)),
            ("sources", .array(sources.map(\.answerJSON))),
            ("dateBounds", date.boundsJSON), ("effectiveBounds", effective.boundsJSON), ("note", .optional(note)),
        ])
    }
}
