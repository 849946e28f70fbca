/// The ledger in the W3C Organization Ontology (ORG, https://www.w3.org/TR/vocab-org/) as JSON-LD,
/// for `ledger export jsonld`: RDF tools can load the organisation and its history without knowing
/// the ledger's format.
///
/// What is exported, and at which date:
/// - **The structure the ledger ends with**: every unit's place and tasks at `structureDate`, the
///   latest date any record takes effect (after it nothing changes, so this is also today's state
///   unless a record takes effect in the future). One date, because ORG has no notion of a
///   hierarchy that changes over time; the history is carried by the change events instead.
/// - **One `org:ChangeEvent` per record with changes** that counts (withdrawn records did not
///   happen), with `prov:startedAtTime` at the date its changes take effect, typed by the date's
///   precision (`xsd:date`, `xsd:gYearMonth`, `xsd:gYear`), the units it changed as
///   `org:originalOrganization` / `org:resultingOrganization`, and its sources as `dct:source`.
///   Records without changes (reports, meetings) are `prov:Activity` nodes with their sources.
/// - Units ever established, dissolved ones included (with `prov:invalidatedAtTime`), so every
///   event points at a described node.
/// - One `prov:Entity` node for the export itself, first in the graph: the date it describes, the
///   ledger's head, and `ledger:generator` naming the tool (so the tool knows its own file again).
///
/// Kinds map onto ORG's classes: government, chancellery, ministry, authority, company and body
/// (and unknown kinds) are `org:Organization` (and `org:FormalOrganization`: each is a body in law);
/// department, division and team are `org:OrganizationalUnit`, hung on their parent with
/// `org:unitOf` / `org:hasUnit`. A unit in the ledger's `subordinateTo` relation (an authority in a
/// ministry's portfolio, "nachgeordnet") is exported with `org:subOrganizationOf` /
/// `org:hasSubOrganization`: it is a body of its own, not a part of the ministry, so `org:unitOf`
/// would misstate it, while ORG's sub-organisation is exactly its hierarchy between organisations.
/// An organisation inside another (a ministry in the government) also uses `org:subOrganizationOf`,
/// because `org:unitOf` would make it an `org:OrganizationalUnit` by the ontology's domain. The
/// ledger's own distinction is kept in `ledger:relationToParent`.
///
/// ```swift
/// let export = try JSONLDExport(ledger: ledger)
/// print(PrettyJSON.string(of: export.json))
/// ```
public struct JSONLDExport: Sendable {
    /// The date the structure is taken at; nil for a ledger without changes.
    public let structureDate: ValidDate?
    /// The JSON-LD document: `@context` and `@graph`.
    public let json: JSONValue

    /// The export of every record of `ledger` (read in full). Identifiers are IRIs under `base`
    /// (`urn:ledger:unit:kv40`, `urn:ledger:record:…`); pass an `https://` base ending in `/` or
    /// `#` or `:` to publish them as linked data.
    public init(ledger source: some LedgerQuerying, base: String = "urn:ledger:") throws(QueryError) {
        let ledger = try source.wholeLedger()
        let applied = ledger.history.records.filter { !$0.changes.isEmpty }
        let structureDate = applied.map(\.effectiveDate).max()
        let snapshot = try ledger.snapshot(at: structureDate ?? ValidDate(dayNumber: 0))
        self.structureDate = structureDate

        var graph: [JSONValue] = []
        let description = "The organisation as it stands from "
            + (structureDate?.description ?? "the start")
            + " (the latest date a record takes effect), with one change event per record that changed it."
        graph.append(.object([
            ("@id", .string(base + "export")), ("@type", .string("prov:Entity")),
            ("dct:description", .string(description)),
            ("dct:valid", structureDate.map(JSONLDExport.typed) ?? .null),
            ("ledger:generator", .string(JSONLDExport.generator)),
            ("ledger:head", .string(ledger.head)),
        ].filter { $0.1 != .null }))

        // Which events changed or produced each unit, for org:changedBy / org:resultedFrom.
        var changedBy: [UnitID: [RecordID]] = [:]
        var resultedFrom: [UnitID: [RecordID]] = [:]
        var events: [JSONValue] = []
        for record in ledger.history.records {
            if record.changes.isEmpty {
                events.append(JSONLDExport.activity(record, in: snapshot))
                continue
            }
            let before = try ledger.snapshot(at: record.effectiveDate.dayBefore)
            let (original, resulting) = JSONLDExport.organizations(changedBy: record.changes, before: before)
            original.forEach { changedBy[$0, default: []].append(record.id) }
            resulting.forEach { resultedFrom[$0, default: []].append(record.id) }
            events.append(JSONLDExport.changeEvent(record, original: original, resulting: resulting))
        }

        var children: [UnitID: [UnitState]] = [:]
        for id in snapshot.unitIDs {
            if let unit = snapshot.liveUnit(id), let parent = unit.parent { children[parent, default: []].append(unit) }
        }
        var tasksByUnit: [UnitID: [TaskID]] = [:]
        for id in snapshot.taskIDs {
            if let holder = snapshot.task(id)?.holder { tasksByUnit[holder, default: []].append(id) }
        }
        var posts: [JSONValue] = []
        var heldBy: [PersonID: [String]] = [:]
        for id in snapshot.unitIDs {
            guard let unit = snapshot.unit(id) else { continue }
            var postIDs: [String] = []
            for (office, record) in snapshot.appointments(in: id) {
                let post = "post:" + id + "." + JSONLDExport.slug(office.role)
                postIDs.append(post)
                heldBy[office.person, default: []].append(post)
                posts.append(.object([
                    ("@id", .string(post)), ("@type", .string("org:Post")),
                    ("skos:prefLabel", JSONLDExport.german(office.role)),
                    ("org:postIn", JSONLDExport.ref("unit:" + id)),
                    ("org:heldBy", JSONLDExport.ref("person:" + office.person)),
                    ("prov:wasGeneratedBy", JSONLDExport.ref("record:" + record)),
                ]))
            }
            graph.append(JSONLDExport.unitNode(
                unit, children: children[id] ?? [], tasks: tasksByUnit[id] ?? [], posts: postIDs,
                changedBy: changedBy[id] ?? [], resultedFrom: resultedFrom[id] ?? []))
        }
        for id in snapshot.taskIDs {
            guard let task = snapshot.task(id) else { continue }
            graph.append(.object([
                ("@id", .string("task:" + id)), ("@type", .string("skos:Concept")),
                ("skos:prefLabel", JSONLDExport.german(task.title)),
                ("skos:notation", task.leika.map(JSONValue.string) ?? .null),
            ].filter { $0.1 != .null }))
        }
        graph += posts
        for person in heldBy.keys.sorted() {
            graph.append(.object([
                ("@id", .string("person:" + person)), ("@type", .string("foaf:Person")),
                ("foaf:name", .optional(ledger.person(person)?.name)),
                ("org:holds", .array(heldBy[person]!.map(JSONLDExport.ref))),
            ].filter { $0.1 != .null }))
        }
        graph += events

        json = .object([("@context", JSONLDExport.context(base: base)), ("@graph", .array(graph))])
    }

    // MARK: Nodes

    static func unitNode(
        _ unit: UnitState, children: [UnitState], tasks: [TaskID], posts: [String],
        changedBy: [RecordID], resultedFrom: [RecordID]
    ) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("@id", .string("unit:" + unit.id)),
            ("@type", .array(isOrganizationalUnit(unit.kind)
                ? [.string("org:OrganizationalUnit")] : [.string("org:FormalOrganization"), .string("org:Organization")])),
            ("org:identifier", .string(unit.id)),
            ("skos:prefLabel", german(unit.name)),
            ("org:classification", ref("kind:" + unit.kind.rawValue)),
        ]
        if let abbreviation = unit.abbreviation { members.append(("skos:altLabel", german(abbreviation))) }
        if unit.isDissolved {
            // A dissolved unit keeps its name but has no place any more.
            members.append(("ledger:dissolved", .bool(true)))
        } else if let parent = unit.parent {
            members.append((parentProperty(of: unit), ref("unit:" + parent)))
            members.append(("ledger:relationToParent", .string(unit.relation.rawValue)))
        }
        let units = children.filter { parentProperty(of: $0) == "org:unitOf" }.map { ref("unit:" + $0.id) }
        let subs = children.filter { parentProperty(of: $0) == "org:subOrganizationOf" }.map { ref("unit:" + $0.id) }
        if !units.isEmpty { members.append(("org:hasUnit", .array(units))) }
        if !subs.isEmpty { members.append(("org:hasSubOrganization", .array(subs))) }
        if !tasks.isEmpty { members.append(("org:purpose", .array(tasks.map { ref("task:" + $0) }))) }
        if !posts.isEmpty { members.append(("org:hasPost", .array(posts.map(ref)))) }
        if !changedBy.isEmpty { members.append(("org:changedBy", .array(changedBy.map { ref("record:" + $0) }))) }
        if !resultedFrom.isEmpty { members.append(("org:resultedFrom", .array(resultedFrom.map { ref("record:" + $0) }))) }
        return .object(members)
    }

    static func changeEvent(_ record: Record, original: [UnitID], resulting: [UnitID]) -> JSONValue {
        var members = recordMembers(record, type: "org:ChangeEvent")
        members.append(("prov:startedAtTime", typed(record.effectiveDate)))
        if !original.isEmpty { members.append(("org:originalOrganization", .array(original.map { ref("unit:" + $0) }))) }
        if !resulting.isEmpty { members.append(("org:resultingOrganization", .array(resulting.map { ref("unit:" + $0) }))) }
        return .object(members)
    }

    static func activity(_ record: Record, in snapshot: some OrgSnapshot) -> JSONValue {
        var members = recordMembers(record, type: "prov:Activity")
        members.append(("prov:startedAtTime", typed(record.effectiveDate)))
        // `about` names units and tasks alike; ids never collide across the two, so the state tells which.
        let subjects = (record.about ?? []).map { ref((snapshot.unit($0) != nil ? "unit:" : "task:") + $0) }
        if !subjects.isEmpty { members.append(("dct:subject", .array(subjects))) }
        return .object(members)
    }

    /// What every record node says: id, title, decision date, note, actor, sources.
    static func recordMembers(_ record: Record, type: String) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = [
            ("@id", .string("record:" + record.id)), ("@type", .string(type)),
            ("dct:identifier", .string(record.id)),
            ("dct:title", german(record.title)),
            ("dct:date", typed(record.date)),
            ("dct:type", .string(record.type.rawValue)),
        ]
        if let note = record.note { members.append(("dct:description", .string(note))) }
        if let actor = record.actor { members.append(("prov:wasAssociatedWith", ref("unit:" + actor))) }
        if !record.sources.isEmpty {
            members.append(("dct:source", .array(record.sources.map { source in
                .object([
                    ("@id", source.url.map(JSONValue.string) ?? .null),
                    ("dct:title", .string(source.title)),
                    ("dct:issued", source.published.map(typed) ?? .null),
                    ("ledger:seed", source.seed.map(JSONValue.string) ?? .null),
                ].filter { $0.1 != .null })
            })))
        }
        return members
    }

    /// The units a record's changes found (original) and left (resulting), in order of mention:
    /// a moved unit is both, with its old parent original and its new parent resulting; a task
    /// handed over changes the purpose of the unit giving it and of the unit taking it.
    static func organizations(changedBy changes: [Change], before: some OrgSnapshot) -> (original: [UnitID], resulting: [UnitID]) {
        var original: [UnitID] = []
        var resulting: [UnitID] = []
        func add(_ id: UnitID, to list: inout [UnitID]) { if !list.contains(id) { list.append(id) } }
        for change in changes {
            switch change {
            case let .establishUnit(unit, _, _, _, _, _):
                add(unit, to: &resulting)
            case let .renameUnit(unit, _, _):
                add(unit, to: &original); add(unit, to: &resulting)
            case let .moveUnit(unit, parent, _, _):
                add(unit, to: &original)
                if let old = before.unit(unit)?.parent { add(old, to: &original) }
                add(unit, to: &resulting); add(parent, to: &resulting)
            case let .dissolveUnit(unit, successor):
                add(unit, to: &original)
                if let successor { add(successor, to: &resulting) }
            case let .assignTask(_, unit):
                add(unit, to: &resulting)
            case let .transferTask(_, from, to):
                add(from, to: &original); add(to, to: &resulting)
            case let .revokeTask(_, unit):
                add(unit, to: &original)
            case .defineTask, .setSupervision, .endSupervision, .appoint, .endAppointment:
                break
            }
        }
        return (original, resulting)
    }

    // MARK: Vocabulary

    static func isOrganizationalUnit(_ kind: UnitKind) -> Bool {
        kind == .department || kind == .division || kind == .team
    }

    /// `org:unitOf` for a department, division or team inside its parent; `org:subOrganizationOf`
    /// for a subordinate body or an organisation inside another (see the type's documentation).
    static func parentProperty(of unit: UnitState) -> String {
        unit.relation == .partOf && isOrganizationalUnit(unit.kind) ? "org:unitOf" : "org:subOrganizationOf"
    }

    /// A date as a typed literal whose datatype says its precision; a date the sources leave open
    /// (`2019~`, `2018-09-06..`) in the Library of Congress's EDTF datatype, in EDTF's own
    /// spelling, so no reader takes it for the exact date it orders by.
    static func typed(_ date: ValidDate) -> JSONValue {
        guard date.isExact else {
            return .object([("@type", .string("http://id.loc.gov/datatypes/edtf/EDTF")), ("@value", .string(date.edtf))])
        }
        let type = switch date.precision {
        case .day: "xsd:date"
        case .month: "xsd:gYearMonth"
        case .year: "xsd:gYear"
        }
        return .object([("@type", .string(type)), ("@value", .string(date.description))])
    }

    static func german(_ text: String) -> JSONValue {
        .object([("@language", .string("de")), ("@value", .string(text))])
    }

    static func ref(_ id: String) -> JSONValue { .object([("@id", .string(id))]) }

    /// A role as an IRI segment: lowercase ASCII, umlauts spelled out, other characters as `-`.
    static func slug(_ text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            switch character {
            case "ä": result += "ae"
            case "ö": result += "oe"
            case "ü": result += "ue"
            case "ß": result += "ss"
            case "a"..."z", "0"..."9": result.append(character)
            default: if !result.hasSuffix("-") { result += "-" }
            }
        }
        if result.hasSuffix("-") { result.removeLast() }
        return result.hasPrefix("-") ? String(result.dropFirst()) : result
    }

    /// The document's maker, named in the export node near its top.
    static let generator = "ledger export jsonld"

    /// That member as `PrettyJSON` writes it: how `OutputPath` knows a file at `--out` as one the
    /// tool wrote, which it may replace without `--force`.
    static let generatorMark = #""ledger:generator": "\#(generator)""#

    /// Prefixes end in `:` so JSON-LD treats them as prefixes for compact IRIs such as `unit:kv40`.
    static func context(base: String) -> JSONValue {
        .object([
            ("org", .string("http://www.w3.org/ns/org#")),
            ("prov", .string("http://www.w3.org/ns/prov#")),
            ("dct", .string("http://purl.org/dc/terms/")),
            ("skos", .string("http://www.w3.org/2004/02/skos/core#")),
            ("foaf", .string("http://xmlns.com/foaf/0.1/")),
            ("xsd", .string("http://www.w3.org/2001/XMLSchema#")),
            ("ledger", .string(base + "vocab:")),
            ("unit", .string(base + "unit:")),
            ("task", .string(base + "task:")),
            ("record", .string(base + "record:")),
            ("person", .string(base + "person:")),
            ("post", .string(base + "post:")),
            ("kind", .string(base + "kind:")),
        ])
    }
}
