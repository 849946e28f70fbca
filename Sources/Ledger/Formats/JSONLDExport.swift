/// The ledger in the W3C Organization Ontology (ORG, https://www.w3.org/TR/vocab-org/) as JSON-LD,
/// for `ledger export jsonld`: RDF tools can load the organisation and its history without knowing
/// the ledger's format.
///
/// What is exported:
/// - **The structure the ledger ends with**: every unit's place, tasks and posts at
///   `structureDate`, the latest date any record takes effect (after it nothing changes, so this
///   is also today's state unless a record takes effect in the future), with ORG's timeless
///   properties (`org:unitOf`, `org:subOrganizationOf`, `org:purpose`, `org:hasPost`).
/// - **One `org:ChangeEvent` per record with changes** that counts (withdrawn records did not
///   happen), as ORG models organisational history: `prov:startedAtTime` at the date its changes
///   take effect, typed by the date's precision (`xsd:date`, `xsd:gYearMonth`, `xsd:gYear`), the
///   units it found as `org:originalOrganization` (dissolved, renamed, moved, giving up a task)
///   and left as `org:resultingOrganization` (established, renamed, moved, successors, taking on
///   a task), with the inverses `org:changedBy` / `org:resultedFrom` on the units, and its
///   sources as `dct:source`. Records without changes (reports, meetings) are `prov:Activity`
///   nodes with their sources.
/// - **Names over time** (`JSONLDHistory`): a unit keeps one IRI for its whole life (the ledger's
///   id), so a rename does not make a new organisation. Its name now is `skos:prefLabel`; every
///   earlier name and every abbreviation is `skos:altLabel`, as ORG recommends for alternative
///   names, so a renamed unit is found under each of its names. Each name and abbreviation is
///   also a SKOS-XL label (`skosxl:prefLabel` / `skosxl:altLabel` → `skosxl:Label` with
///   `skosxl:literalForm`) carrying when it was used: `time:hasTime` a `time:Interval`, and the
///   records that began and ended it (`prov:wasGeneratedBy`, `prov:wasInvalidatedBy`);
///   `ledger:labelKind` says whether it is a `name` or an `abbreviation`.
/// - **Places over time**: ORG's hierarchy has no time, so every period a unit hung under a
///   parent is an `org:Membership` (ORG's pattern for a relation that holds for a time): the unit
///   `org:member`, the parent `org:organization`, the ledger's relation `org:role`
///   (`ledger:partOf`, `ledger:subordinateTo`), `org:memberDuring` a `time:Interval`.
/// - **Offices over time**: every office a person held, current or past, is an `org:Membership`
///   of the person in the unit with `org:role` `role:<role>` and `org:memberDuring`; the offices
///   held at `structureDate` are also `org:Post`s (`org:holds` / `org:heldBy`).
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
/// Names, titles and roles are tagged with `language` (`de` unless asked otherwise), the language
/// the ledger's records are written in.
///
/// ```swift
/// let export = try JSONLDExport(ledger: ledger, language: "en")
/// print(PrettyJSON.string(of: export.json))
/// ```
public struct JSONLDExport: Sendable {
    /// The date the structure is taken at; nil for a ledger without changes.
    public let structureDate: ValidDate?
    /// The ledger as known at the time asked, and what its nodes are made from: the organisation
    /// at `structureDate`, the history of names, places and offices, and for each record (in
    /// effective order) the units its changes found and left. The nodes themselves are made as
    /// they are written (`forEachNode`), so the graph is never held whole unless `json` asks.
    private let ledger: Ledger
    private let base: String
    private let language: String
    private let snapshot: TimelineIndex.Snapshot
    private let history: JSONLDHistory
    private let organizations: [(original: [UnitID], resulting: [UnitID])]

    /// The export of every record of `ledger` (read in full). Identifiers are IRIs under `base`
    /// (`urn:ledger:unit:kv40`, `urn:ledger:record:…`); pass an `https://` base ending in `/` or
    /// `#` or `:` to publish them as linked data. `language` is a BCP 47 tag (`isLanguageTag`)
    /// for the texts of the records.
    public init(ledger source: some LedgerQuerying, base: String = "urn:ledger:", language: String = "de",
                knownAt: TransactionTime = .distantFuture) throws(QueryError) {
        let ledger = try source.wholeLedger().asKnown(at: knownAt)
        let applied = ledger.history.records.filter { !$0.changes.isEmpty }
        let structureDate = applied.map(\.effectiveDate).max()
        snapshot = try ledger.snapshot(at: structureDate ?? ValidDate(dayNumber: 0))
        history = try JSONLDHistory(ledger, language: language)
        var organizations: [(original: [UnitID], resulting: [UnitID])] = []
        for record in ledger.history.records where !record.changes.isEmpty {
            organizations.append(JSONLDExport.organizations(changedBy: record.changes, before: try ledger.snapshot(at: record.effectiveDate.dayBefore)))
        }
        self.organizations = organizations
        self.structureDate = structureDate
        self.ledger = ledger
        self.base = base
        self.language = language
    }

    /// The JSON-LD document, held whole: `@context` and `@graph`.
    public var json: JSONValue {
        var graph: [JSONValue] = []
        forEachNode { (node) throws(Never) in graph.append(node) }
        return .object([("@context", JSONLDExport.context(base: base)), ("@graph", .array(graph))])
    }

    /// Hands the document to `sink` in chunks as it is written (`PrettyJSON`, then a newline),
    /// each node of the graph made just before it is written, so neither the text (hundreds of MB
    /// for a large ledger) nor the graph is ever held whole.
    public func write<Failure: Error>(chunkSize: Int = 1 << 16, to sink: @escaping ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        var writer = PrettyJSONWriter<Failure>(chunkSize: chunkSize, sink: sink)
        try writer.object([("@context", JSONLDExport.context(base: base))], streaming: "@graph") { (writer) throws(Failure) in
            writer.beginArray()
            try forEachNode { (node) throws(Failure) in try writer.write(node) }
            try writer.endArray()
        }
        try writer.finish(terminator: "\n")
    }

    /// The nodes of the graph in order: the export itself, the units, tasks, posts, roles and
    /// persons, then one event per record.
    private func forEachNode<Failure: Error>(_ body: (JSONValue) throws(Failure) -> Void) throws(Failure) {
        let description = "The organisation as it stands from "
            + (structureDate?.description ?? "the start")
            + " (the latest date a record takes effect), with one change event per record that changed it"
            + " and the names, places and offices of every unit over time."
        try body(.object([
            ("@id", .string(base + "export")), ("@type", .string("prov:Entity")),
            ("dct:description", .string(description)),
            ("dct:valid", structureDate.map(JSONLDExport.typed) ?? .null),
            ("ledger:generator", .string(JSONLDExport.generator)),
            ("ledger:head", .string(ledger.head)),
        ].filter { $0.1 != .null }))

        // Which events changed or produced each unit, for org:changedBy / org:resultedFrom.
        var changedBy: [UnitID: [RecordID]] = [:]
        var resultedFrom: [UnitID: [RecordID]] = [:]
        for (record, (original, resulting)) in zip(ledger.history.records.lazy.filter { !$0.changes.isEmpty }, organizations) {
            original.forEach { changedBy[$0, default: []].append(record.id) }
            resulting.forEach { resultedFrom[$0, default: []].append(record.id) }
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
                    ("skos:prefLabel", JSONLDExport.text(office.role, language)),
                    ("org:postIn", JSONLDExport.ref("unit:" + id)),
                    ("org:heldBy", JSONLDExport.ref("person:" + office.person)),
                    ("org:role", JSONLDExport.ref("role:" + JSONLDExport.slug(office.role))),
                    ("prov:wasGeneratedBy", JSONLDExport.ref("record:" + record)),
                ]))
            }
            var node = JSONLDExport.UnitNode(unit: unit, language: language)
            node.children = children[id] ?? []
            node.tasks = tasksByUnit[id] ?? []
            node.posts = postIDs
            node.changedBy = changedBy[id] ?? []
            node.resultedFrom = resultedFrom[id] ?? []
            node.labels = history.labels(of: id, current: unit)
            node.placements = history.placements(of: id)
            node.dissolved = unit.isDissolved ? history.dissolution(of: id) : nil
            try body(node.json)
        }
        for id in snapshot.taskIDs {
            guard let task = snapshot.task(id) else { continue }
            try body(.object([
                ("@id", .string("task:" + id)), ("@type", .string("skos:Concept")),
                ("skos:prefLabel", JSONLDExport.text(task.title, language)),
                ("skos:notation", task.leika.map(JSONValue.string) ?? .null),
            ].filter { $0.1 != .null }))
        }
        for post in posts { try body(post) }
        for role in JSONLDExport.roles(history.roles, language: language) { try body(role) }
        for person in Set(heldBy.keys).union(history.persons).sorted() {
            let memberships = history.offices(of: person)
            try body(.object([
                ("@id", .string("person:" + person)), ("@type", .string("foaf:Person")),
                ("foaf:name", .optional(ledger.person(person)?.name)),
                ("org:holds", heldBy[person].map { .array($0.map(JSONLDExport.ref)) } ?? .null),
                ("org:hasMembership", memberships.isEmpty ? .null : .array(memberships)),
            ].filter { $0.1 != .null }))
        }
        var changes = organizations.makeIterator()
        for record in ledger.history.records {
            if record.changes.isEmpty {
                try body(JSONLDExport.activity(record, in: snapshot, language: language))
                continue
            }
            let (original, resulting) = changes.next()!
            try body(JSONLDExport.changeEvent(record, original: original, resulting: resulting, language: language))
        }
    }

    // MARK: Nodes

    /// The roles of memberships: the two relations a unit can have to its parent, and every role
    /// an office was held in.
    static func roles(_ offices: [(slug: String, text: String)], language: String) -> [JSONValue] {
        let relations: [JSONValue] = [
            .object([
                ("@id", .string("ledger:partOf")), ("@type", .string("org:Role")),
                ("skos:prefLabel", text("part of", "en")),
                ("skos:definition", text("The member is a unit inside the organisation (the ledger's relation partOf).", "en")),
            ]),
            .object([
                ("@id", .string("ledger:subordinateTo")), ("@type", .string("org:Role")),
                ("skos:prefLabel", text("subordinate to", "en")),
                ("skos:definition", text("The member is a body of its own in the organisation's portfolio (the ledger's relation subordinateTo).", "en")),
            ]),
        ]
        return relations + offices.map { office in
            .object([("@id", .string("role:" + office.slug)), ("@type", .string("org:Role")), ("skos:prefLabel", text(office.text, language))])
        }
    }

    static func changeEvent(_ record: Record, original: [UnitID], resulting: [UnitID], language: String) -> JSONValue {
        var members = recordMembers(record, type: "org:ChangeEvent", language: language)
        members.append(("prov:startedAtTime", typed(record.effectiveDate)))
        if !original.isEmpty { members.append(("org:originalOrganization", .array(original.map { ref("unit:" + $0) }))) }
        if !resulting.isEmpty { members.append(("org:resultingOrganization", .array(resulting.map { ref("unit:" + $0) }))) }
        return .object(members)
    }

    static func activity(_ record: Record, in snapshot: some OrgSnapshot, language: String) -> JSONValue {
        var members = recordMembers(record, type: "prov:Activity", language: language)
        members.append(("prov:startedAtTime", typed(record.effectiveDate)))
        // `about` names units and tasks alike; ids never collide across the two, so the state tells which.
        let subjects = (record.about ?? []).map { ref((snapshot.unit($0) != nil ? "unit:" : "task:") + $0) }
        if !subjects.isEmpty { members.append(("dct:subject", .array(subjects))) }
        return .object(members)
    }

    /// What every record node says: id, title, decision date, note, actor, sources.
    static func recordMembers(_ record: Record, type: String, language: String) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = [
            ("@id", .string("record:" + record.id)), ("@type", .string(type)),
            ("dct:identifier", .string(record.id)),
            ("dct:title", text(record.title, language)),
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
}
