extension JSONLDExport {
    /// A unit as the export describes it: its class and place in the structure the ledger ends
    /// with, its tasks and posts then, the events that changed it, and its names and places over
    /// time (see the type's documentation for the modelling).
    struct UnitNode {
        var unit: UnitState
        var language: String
        /// Live units whose parent it is.
        var children: [UnitState] = []
        var tasks: [TaskID] = []
        /// Post ids (`post:tfm.finanzstaatssekretaer`).
        var posts: [String] = []
        var changedBy: [RecordID] = []
        var resultedFrom: [RecordID] = []
        var labels = JSONLDHistory.Labels()
        /// `org:Membership` nodes, one per period under a parent.
        var placements: [JSONValue] = []
        /// The date it was dissolved, for a dissolved unit.
        var dissolved: ValidDate?

        init(unit: UnitState, language: String) {
            self.unit = unit
            self.language = language
        }

        var json: JSONValue {
            var members: [(key: String, value: JSONValue)] = [
                ("@id", .string("unit:" + unit.id)),
                ("@type", .array(isOrganizationalUnit(unit.kind)
                    ? [.string("org:OrganizationalUnit")] : [.string("org:FormalOrganization"), .string("org:Organization")])),
                ("org:identifier", .string(unit.id)),
                ("skos:prefLabel", text(unit.name, language)),
                ("org:classification", ref("kind:" + unit.kind.rawValue)),
            ]
            var alternative = labels.alternativeTexts
            if let abbreviation = unit.abbreviation, abbreviation != unit.name, !alternative.contains(abbreviation) {
                alternative.insert(abbreviation, at: 0)
            }
            if !alternative.isEmpty { members.append(("skos:altLabel", .array(alternative.map { text($0, language) }))) }
            if !labels.preferred.isEmpty { members.append(("skosxl:prefLabel", .array(labels.preferred))) }
            if !labels.alternative.isEmpty { members.append(("skosxl:altLabel", .array(labels.alternative))) }
            if unit.isDissolved {
                // A dissolved unit keeps its name but has no place any more.
                members.append(("ledger:dissolved", .bool(true)))
                if let dissolved { members.append(("prov:invalidatedAtTime", typed(dissolved))) }
            } else if let parent = unit.parent {
                members.append((parentProperty(of: unit), ref("unit:" + parent)))
                members.append(("ledger:relationToParent", .string(unit.relation.rawValue)))
            }
            let units = children.filter { parentProperty(of: $0) == "org:unitOf" }.map { ref("unit:" + $0.id) }
            let subs = children.filter { parentProperty(of: $0) == "org:subOrganizationOf" }.map { ref("unit:" + $0.id) }
            if !units.isEmpty { members.append(("org:hasUnit", .array(units))) }
            if !subs.isEmpty { members.append(("org:hasSubOrganization", .array(subs))) }
            if !placements.isEmpty { members.append(("org:hasMembership", .array(placements))) }
            if !tasks.isEmpty { members.append(("org:purpose", .array(tasks.map { ref("task:" + $0) }))) }
            if !posts.isEmpty { members.append(("org:hasPost", .array(posts.map(ref)))) }
            if !changedBy.isEmpty { members.append(("org:changedBy", .array(changedBy.map { ref("record:" + $0) }))) }
            if !resultedFrom.isEmpty { members.append(("org:resultedFrom", .array(resultedFrom.map { ref("record:" + $0) }))) }
            return .object(members)
        }
    }
}
