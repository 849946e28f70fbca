/// The org chart of the page's date as static markup, so the page shows the organisation with
/// scripts off: units with their kind, supervision, offices (with the holders' names) and tasks.
///
/// It is drawn from the answers `ledger orgchart --at`, `ledger offices --at` and `ledger
/// responsibilities --at` give, in the markup the script draws (the same classes and `data-`
/// attributes), so the script can replace it for another day without the page changing shape.
struct StaticChart<Wording: PageWording> {
    var chart: OrgChart
    /// The offices held on the date, by unit.
    var offices: [UnitID: [OfficeHolding]]
    /// Task titles on the date.
    var titles: [TaskID: String]
    var wording: Wording

    init(ledger: Ledger, at date: ValidDate, wording: Wording) throws(QueryError) {
        chart = try ledger.orgChart(at: date)
        offices = Dictionary(grouping: try ledger.offices(at: date), by: \.unit.id)
        titles = Dictionary(try ledger.responsibilities(at: date).map { ($0.task, $0.title) }, uniquingKeysWith: { first, _ in first })
        self.wording = wording
    }

    /// The content of the page's `#chart` element. Bodies at the top (units without a parent) are
    /// all top-level: those with units below them first, then the others in a grid.
    var markup: String {
        let roots = chart.roots.sorted(by: OrgChart.Node.inChartOrder)
        guard !roots.isEmpty else { return HTML.element("p", ["class": "empty"], HTML.text(wording.phrase("chart.empty"))) }
        let trees = roots.filter { !$0.children.isEmpty }
        let single = roots.filter { $0.children.isEmpty }
        var parts: [String] = []
        if !trees.isEmpty {
            parts.append(HTML.element("ul", ["class": "forest", "role": "tree"], content: trees.map { node($0, parent: nil) }))
        }
        if !single.isEmpty {
            let heading = trees.isEmpty ? "" : HTML.element("h3", [:], HTML.text(wording.phrase("chart.otherRoots")))
            parts.append(HTML.element("div", ["class": "others"], heading,
                                      HTML.element("ul", ["class": "forest"], content: single.map { node($0, parent: nil) })))
        }
        return parts.joined(separator: "\n")
    }

    private func node(_ node: OrgChart.Node, parent: UnitID?) -> String {
        let unit = node.unit
        let relation = parent == nil ? nil : (node.relation ?? .partOf).rawValue
        let children = node.children.sorted(by: OrgChart.Node.inChartOrder).map { self.node($0, parent: unit.id) }
        return HTML.element("li", [
                "class": "node kind-\(unit.kind.rawValue) rel-\(relation ?? "root")",
                "data-unit": unit.id, "data-parent": parent, "data-relation": relation, "data-kind": unit.kind.rawValue,
            ],
            card(node, isSubordinate: relation == Relation.subordinateTo.rawValue),
            children.isEmpty ? "" : HTML.element("ul", ["class": "children"], content: children))
    }

    private func card(_ node: OrgChart.Node, isSubordinate: Bool) -> String {
        let unit = node.unit
        var meta = [HTML.element("span", ["class": "kind"], HTML.text(wording.kind(unit.kind)))]
        if isSubordinate {
            meta.append(HTML.element("span", ["class": "pill rel", "title": wording.phrase("unit.subordinateTitle")],
                                     HTML.text(wording.phrase("unit.subordinate"))))
        }
        for supervision in node.supervisedBy {
            let label = wording.supervision(supervision.kind)
            let by = supervision.supervisor.abbreviation ?? supervision.supervisor.name
            meta.append(HTML.element("span", [
                    "class": "pill sup", "data-supervisor": supervision.supervisor.id,
                    "title": wording.phrase("unit.supervisionTitle", ["label": label, "record": supervision.record]),
                ],
                HTML.text(label + ": " + by + (supervision.task.map { " (\($0))" } ?? ""))))
        }
        let held = (offices[unit.id] ?? []).enumerated().map { index, office in
            (index > 0 ? " · " : "") + HTML.text(office.role + ": ") + HTML.element("b", [:], HTML.text(office.person.displayName))
        }
        let tasks = node.tasks.map { (id: $0, title: titles[$0] ?? $0) }
            .sorted { ($0.title, $0.id) < ($1.title, $1.id) }
            .map { HTML.element("li", ["title": $0.id, "data-task": $0.id], HTML.text($0.title)) }
        return HTML.element("div", ["class": "card"],
            HTML.element("div", ["class": "title"],
                HTML.element("span", ["class": "name"], HTML.text(unit.name)),
                unit.abbreviation.map { HTML.element("span", ["class": "abbr"], HTML.text($0)) } ?? ""),
            HTML.element("div", ["class": "meta"], content: meta),
            held.isEmpty ? "" : HTML.element("p", ["class": "offices"], content: held),
            tasks.isEmpty ? "" : HTML.element("ul", ["class": "tasks"], content: tasks))
    }
}
