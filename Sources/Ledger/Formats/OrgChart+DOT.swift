/// Graphviz output of an org chart, for `orgchart --format dot | dot -Tsvg`.
///
/// Units are boxes styled by kind (the government bold, ministries and authorities filled,
/// departments, divisions and teams plain and rounded, companies warm); a unit inside its parent
/// (`partOf`) hangs on a solid edge, one only in its parent's portfolio (`subordinateTo`) on a dashed
/// edge; supervision is a blue dotted arrow from the supervisor that does not pull the layout
/// (`constraint=false`), so the chart keeps the shape of the hierarchy.
///
/// Labels are Graphviz HTML-like labels: names are escaped as HTML text and wrapped at word
/// boundaries, so German names with umlauts, quotes or ampersands render as written and long ones
/// do not stretch the chart. Identifiers are quoted DOT strings.
extension OrgChart {
    /// The chart as a DOT digraph; with `showTasks`, each unit lists the task ids it holds, and
    /// each lists the `offices` held in it (`ledger offices` on the same date), holders by name.
    ///
    /// ```swift
    /// let chart = try ledger.orgChart(at: ValidDate(parsing: "2020-06-30"))
    /// print(chart.dot(showTasks: true))   // digraph orgchart { … "tlvwa" -> "kv40"; … }
    /// ```
    public func dot(showTasks: Bool = false, offices: [OfficeHolding] = []) -> String {
        let nodes = allNodes
        let officesIn = Dictionary(grouping: offices, by: \.unit.id)
        let present = Set(nodes.map(\.unit.id))
        var lines = [
            "digraph orgchart {",
            "  graph [rankdir=TB, nodesep=0.3, ranksep=0.45, fontname=\"Helvetica\", fontsize=12, labelloc=t, labeljust=l,",
            "         label=\(DOT.quoted("Organisation on \(at)\nsolid: part of · dashed: subordinate to (portfolio) · blue dotted: supervision\n"))];",
            "  node [shape=box, fontname=\"Helvetica\", fontsize=10, margin=\"0.15,0.07\", color=\"#5b6b7d\", penwidth=1];",
            "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#5b6b7d\", arrowsize=0.6];",
        ]
        var edges: [String] = []
        for node in nodes {
            let label = DOT.label(node: node, showTasks: showTasks, offices: officesIn[node.unit.id] ?? [])
            lines.append("  \(DOT.quoted(node.unit.id)) [label=<\(label)>, \(DOT.style(for: node.unit.kind))];")
            for child in node.children {
                let style = child.relation == .subordinateTo ? " [style=dashed]" : ""
                edges.append("  \(DOT.quoted(node.unit.id)) -> \(DOT.quoted(child.unit.id))\(style);")
            }
            // Supervision by a unit outside the chart (a `--root` view) has nothing to point from.
            for supervision in node.supervisedBy where present.contains(supervision.supervisor.id) {
                var label = DOT.supervisionName(supervision.kind)
                if let task = supervision.task { label += "\n(\(task))" }
                edges.append(
                    "  \(DOT.quoted(supervision.supervisor.id)) -> \(DOT.quoted(node.unit.id)) [style=dotted, penwidth=1.6, color=\"#1f5fa8\", fontcolor=\"#1f5fa8\", arrowhead=vee, constraint=false, label=\(DOT.quoted(label))];")
            }
        }
        return (lines + edges + ["}"]).joined(separator: "\n")
    }
}

/// The quoting, escaping and styling rules of the DOT output, in one place so tests can check them.
enum DOT {
    /// A DOT quoted string: backslashes and quotes escaped, line breaks as centred `\n` breaks.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\r": continue
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Text for inside an HTML-like label: escaped as HTML text (`HTML.text`), control characters
    /// turned into spaces (Graphviz rejects them).
    static func html(_ text: String) -> String {
        var printable = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { printable += " " } else { printable.unicodeScalars.append(scalar) }
        }
        return HTML.text(printable)
    }

    /// Words joined into lines of at most `width` characters (a longer word stands alone), so long
    /// names such as "Thüringer Ministerium für Inneres und Kommunales" wrap instead of widening the chart.
    static func wrapped(_ text: String, width: Int = 32) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [""] : lines
    }

    /// The HTML-like label of a unit: name in bold (with abbreviation), kind in grey, tasks below.
    static func label(node: OrgChart.Node, showTasks: Bool, offices: [OfficeHolding] = []) -> String {
        var name = node.unit.name
        if let abbreviation = node.unit.abbreviation { name += " (\(abbreviation))" }
        var label = "<b>" + wrapped(name).map(html).joined(separator: "<br/>") + "</b>"
        label += "<br/><font point-size=\"8\" color=\"#5b6b7d\">\(html(node.unit.kind.rawValue))</font>"
        if showTasks, !node.tasks.isEmpty {
            label += "<br/>" + node.tasks.map { "<font point-size=\"8\">· \(html($0))</font><br align=\"left\"/>" }.joined()
        }
        if !offices.isEmpty {
            label += "<br/>" + offices.map { office in
                "<font point-size=\"8\">\(html(office.role)): \(html(office.person.name ?? office.person.id))</font><br align=\"left\"/>"
            }.joined()
        }
        return label
    }

    /// Node attributes for a kind; unknown kinds get the plain box of a department.
    static func style(for kind: UnitKind) -> String {
        switch kind.rawValue {
        case "government": "style=\"rounded,filled,bold\", fillcolor=\"#d4e2f2\", penwidth=1.6"
        case "ministry", "chancellery": "style=\"rounded,filled\", fillcolor=\"#e6eff9\""
        case "authority": "style=\"filled\", fillcolor=\"#e9f4ec\""
        case "department": "style=\"rounded\""
        case "division": "style=\"rounded\", color=\"#8b98a8\""
        case "team": "style=\"rounded,dashed\", color=\"#8b98a8\""
        case "company", "body": "style=\"filled\", fillcolor=\"#fbf1dc\", color=\"#a8874f\""
        default: "style=\"rounded\""
        }
    }

    /// The German name of a kind of supervision, as the sources use it.
    static func supervisionName(_ kind: SupervisionKind) -> String {
        switch kind {
        case .fach: "Fachaufsicht"
        case .recht: "Rechtsaufsicht"
        case .dienst: "Dienstaufsicht"
        }
    }
}
