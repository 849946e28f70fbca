/// Graphviz output of an org chart: units as boxes shaped by kind, `subordinateTo` edges dashed,
/// supervision as dotted blue edges from the supervisor.
extension OrgChart {
    public func dot(showTasks: Bool = false) -> String {
        func quote(_ text: String) -> String {
            "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
        }
        func style(_ kind: UnitKind) -> String {
            switch kind {
            case .government: "shape=box, style=\"rounded,filled,bold\", fillcolor=\"#dbe8f5\""
            case .ministry, UnitKind(rawValue: "chancellery"): "shape=box, style=\"rounded,filled\", fillcolor=\"#e8f0fa\""
            case .authority: "shape=box, style=\"filled\", fillcolor=\"#f3f3f3\""
            case .company, .body: "shape=box, style=\"filled,dashed\", fillcolor=\"#fdf6e3\""
            default: "shape=box, style=\"rounded\""
            }
        }
        var lines = [
            "digraph orgchart {",
            "  graph [rankdir=TB, fontname=\"Helvetica\", label=\(quote("Organisation on \(at)")), labelloc=t];",
            "  node [fontname=\"Helvetica\", fontsize=10];",
            "  edge [fontname=\"Helvetica\", fontsize=9];",
        ]
        var edges: [String] = []
        for node in allNodes {
            var label = node.unit.name
            if let abbreviation = node.unit.abbreviation { label += " (\(abbreviation))" }
            label += "\\n\(node.unit.kind)"
            if showTasks, !node.tasks.isEmpty { label += "\\n" + node.tasks.map { "· \($0)" }.joined(separator: "\\l") + "\\l" }
            let escapedLabel = "\"" + label.replacing("\"", with: "\\\"") + "\""
            lines.append("  \(quote(node.unit.id)) [label=\(escapedLabel), \(style(node.unit.kind))];")
            for child in node.children {
                let dashed = child.relation == .subordinateTo ? " [style=dashed]" : ""
                edges.append("  \(quote(node.unit.id)) -> \(quote(child.unit.id))\(dashed);")
            }
            for supervision in node.supervisedBy where allNodes.contains(where: { $0.unit.id == supervision.supervisor.id }) {
                edges.append("  \(quote(supervision.supervisor.id)) -> \(quote(node.unit.id)) [style=dotted, color=\"#1f5fa8\", constraint=false, label=\(quote(supervision.kind.rawValue + "aufsicht"))];")
            }
        }
        return (lines + edges + ["}"]).joined(separator: "\n")
    }
}
