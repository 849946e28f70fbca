import Ledger

/// Plain-text renderings of answers, for people at a terminal. Scripts should use `--format json`,
/// whose shape is a contract; this text may be improved at any time.
enum TextOutput {
    static func label(_ unit: UnitSummary) -> String {
        let abbreviation = unit.abbreviation.map { " [\($0)]" } ?? ""
        return "\(unit.name)\(abbreviation) (\(unit.kind))"
    }

    static func relationWords(_ relation: Relation?) -> String {
        switch relation {
        case .partOf: "part of"
        case .subordinateTo: "subordinate to"
        case nil: ""
        }
    }

    static func supervisionName(_ kind: SupervisionKind) -> String {
        switch kind {
        case .fach: "Fachaufsicht"
        case .recht: "Rechtsaufsicht"
        case .dienst: "Dienstaufsicht"
        }
    }

    /// Rows with the first columns padded to a common width.
    static func table(_ rows: [[String]], indent: String = "  ") -> String {
        let widths = columnWidths(rows) { $0 }
        return rows.map { tableLine($0, widths: widths, indent: indent) }.joined(by: "\n")
    }

    /// `table` of the `cells` of each row, written line by line: a million rows are laid out
    /// twice (once to measure the columns) rather than held as text.
    static func writeTable<Row>(_ rows: [Row], cells: (Row) -> [String], indent: String = "  ",
                                to output: inout ChunkedOutput<IOFailure>) throws(IOFailure) {
        let widths = columnWidths(rows, cells: cells)
        for (n, row) in rows.enumerated() {
            try output.append((n == 0 ? "" : "\n") + tableLine(cells(row), widths: widths, indent: indent))
        }
    }

    /// The widest cell of each column, in Characters. (A row's last cell is never padded, so the
    /// last column's width goes unused.)
    private static func columnWidths<Row>(_ rows: [Row], cells: (Row) -> [String]) -> [Int] {
        var widths: [Int] = []
        for row in rows {
            for (i, cell) in cells(row).enumerated() {
                if i == widths.count { widths.append(0) }
                widths[i] = max(widths[i], cell.count)
            }
        }
        return widths
    }

    private static func tableLine(_ row: [String], widths: [Int], indent: String) -> String {
        var line = indent
        for (i, cell) in row.enumerated() {
            if i < row.count - 1 {
                line += cell + String(repeating: " ", count: widths[i] - cell.count + 2)
            } else {
                line += cell
            }
        }
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }

    static func responsibility(_ answer: Responsibility, knownAt: String? = nil) -> String {
        var lines: [String] = []
        guard let unit = answer.unit else {
            if answer.isDefined {
                lines.append("Nobody was responsible for \(answer.task) (\(answer.title)) on \(answer.at).")
                if let since = answer.since, let record = answer.record {
                    lines.append("  The task was revoked on \(since.wording) (record \(record)).")
                } else {
                    lines.append("  The task was defined but not assigned to any unit then.")
                }
            } else {
                let ledger = knownAt.map { "the ledger as known at \($0)" } ?? "the ledger"
                lines.append("Nobody was responsible for \(answer.task) on \(answer.at): \(ledger) does not define the task by then.")
            }
            return lines.joined(by: "\n")
        }
        lines.append("Responsible for \(answer.task) on \(answer.at):")
        lines.append("  \(unit.id)  \(label(unit))")
        lines.append("  Task: \(answer.title)")
        if let since = answer.since, let record = answer.record {
            lines.append("  Since \(since.wording), by record \(record)")
        }
        lines.append("")
        lines.append("Path:")
        lines.append(table(answer.path.map { [$0.unit.id, label($0.unit), relationWords($0.relation)] }))
        lines.append("")
        lines.append("Supervision:")
        if answer.supervision.isEmpty {
            lines.append("  none recorded")
        } else {
            lines.append(table(answer.supervision.map {
                [supervisionName($0.kind), "by \($0.supervisor.id)", label($0.supervisor), "over \($0.over)" + ($0.task.map { " for \($0)" } ?? "")]
            }))
        }
        lines.append("")
        lines.append("Offices:")
        if answer.offices.isEmpty {
            lines.append("  none recorded")
        } else {
            lines.append(table(answer.offices.map { [$0.person, $0.name ?? "", $0.role, "in \($0.unit)"] }))
        }
        if let uncertain = uncertainty(answer.uncertain, at: answer.at) { lines += ["", uncertain] }
        return lines.joined(by: "\n")
    }

    /// A date as stored, with its words when it is not exact: `2018-09-06.. (2018-09-06 or later)`.
    static func stored(_ date: ValidDate) -> String {
        date.isExact ? date.description : "\(date) (\(date.wording))"
    }

    /// What an answer on `date` cannot be sure of, or nil when it rests on no open date.
    static func uncertainty(_ uncertain: [DateUncertainty], at date: ValidDate) -> String? {
        guard !uncertain.isEmpty else { return nil }
        var lines = ["Uncertain on \(date): the sources leave open when these records took effect:"]
        lines.append(table(uncertain.map {
            [$0.record, $0.date.wording, $0.applied ? "counted, may have come later" : "not counted, may have come earlier",
             $0.subjects.joined(by: ", ")]
        }))
        return lines.joined(by: "\n")
    }

    /// The offices on a date, one per line.
    static func offices(_ rows: [OfficeHolding], at date: ValidDate) -> String {
        guard !rows.isEmpty else { return "No offices recorded on \(date)." }
        return "Offices on \(date):\n" + table(rows.map {
            [$0.person.id, $0.person.name ?? "", $0.role, "in \($0.unit.id)", "since \($0.since.wording)", "by \($0.record)"]
        })
    }

    static func orgChart(_ chart: OrgChart, showTasks: Bool, offices: [OfficeHolding] = []) -> String {
        var lines = ["Organisation on \(chart.at):"]
        let officesIn = Dictionary(grouping: offices, by: \.unit.id)
        func walk(_ node: OrgChart.Node, prefix: String, isLast: Bool, isRoot: Bool) {
            let branch = isRoot ? "" : (isLast ? "└── " : "├── ")
            var text = "\(prefix)\(branch)\(node.unit.id)  \(label(node.unit))"
            if node.relation == .subordinateTo { text += "  (subordinate)" }
            for supervision in node.supervisedBy {
                text += "  [\(supervisionName(supervision.kind)): \(supervision.supervisor.id)]"
            }
            lines.append(text)
            let childPrefix = isRoot ? prefix : prefix + (isLast ? "    " : "│   ")
            if showTasks {
                for task in node.tasks {
                    lines.append("\(childPrefix)\(node.children.isEmpty ? "  " : "│ ")  · \(task)")
                }
            }
            for office in officesIn[node.unit.id] ?? [] {
                lines.append("\(childPrefix)\(node.children.isEmpty ? "  " : "│ ")  ◦ \(office.role): \(office.person.name ?? office.person.id)")
            }
            for (offset, child) in node.children.enumerated() {
                walk(child, prefix: childPrefix, isLast: offset == node.children.count - 1, isRoot: false)
            }
        }
        for root in chart.roots { walk(root, prefix: "", isLast: true, isRoot: true) }
        if chart.roots.isEmpty { lines.append("  (no units)") }
        if let uncertain = uncertainty(chart.uncertain, at: chart.at) { lines += ["", uncertain] }
        return lines.joined(by: "\n")
    }

    /// The responsibility map as a table, written line by line.
    static func writeAssignments(_ rows: [TaskAssignment], at date: ValidDate, to output: inout ChunkedOutput<IOFailure>) throws(IOFailure) {
        guard !rows.isEmpty else { return try output.append("No tasks on \(date).") }
        try output.append("Tasks on \(date):\n")
        try writeTable(rows, cells: { [$0.task, $0.unit?.id ?? "(nobody)", $0.since.map { "since \($0.wording)" } ?? "", $0.title] }, to: &output)
    }

    static func units(_ rows: [UnitListing], at date: ValidDate) -> String {
        guard !rows.isEmpty else { return "No units on \(date)." }
        return "Units on \(date):\n" + table(rows.map {
            row in [row.unit.id, row.unit.kind.rawValue, row.parent.map { "\(relationWords(row.relation)) \($0)" } ?? "", row.unit.name]
        })
    }

    static func change(_ change: Change) -> String {
        switch change {
        case let .establishUnit(unit, name, kind, parent, relation, abbreviation):
            return "establish \(unit) \"\(name)\"\(abbreviation.map { " [\($0)]" } ?? "") as \(kind)" + (parent.map { " \(relationWords(relation ?? .partOf)) \($0)" } ?? "")
        case let .renameUnit(unit, name, abbreviation):
            return "rename \(unit) to \"\(name)\"\(abbreviation.map { " [\($0)]" } ?? "")"
        case let .moveUnit(unit, parent, relation, kind):
            // Without a relation the unit keeps its own (FORMAT.md §4.3).
            return "move \(unit) " + (relation.map { "to \(relationWords($0)) \(parent)" } ?? "under \(parent), keeping its relation,") + (kind.map { " as \($0)" } ?? "")
        case let .dissolveUnit(unit, successor):
            return "dissolve \(unit)" + (successor.map { ", succeeded by \($0)" } ?? "")
        case let .defineTask(task, title, _):
            return "define task \(task) \"\(title)\""
        case let .assignTask(task, unit):
            return "assign \(task) to \(unit)"
        case let .transferTask(task, from, to):
            return "transfer \(task) from \(from) to \(to)"
        case let .revokeTask(task, unit):
            return "revoke \(task) from \(unit)"
        case let .setSupervision(s):
            return "\(supervisionName(s.kind)) of \(s.supervisor) over \(s.unit)" + (s.task.map { " for \($0)" } ?? "") + " begins"
        case let .endSupervision(s):
            return "\(supervisionName(s.kind)) of \(s.supervisor) over \(s.unit)" + (s.task.map { " for \($0)" } ?? "") + " ends"
        case let .appoint(a, name):
            return "\(a.person)\(name.map { " (\($0))" } ?? "") holds \"\(a.role)\" in \(a.unit)"
        case let .endAppointment(a):
            return "\(a.person) leaves \"\(a.role)\" in \(a.unit)"
        }
    }

    static func sourceLine(_ source: Source) -> String {
        var parts = [source.title]
        if let published = source.published { parts.append(published.wording) }
        if let url = source.url { parts.append(url) }
        if let seed = source.seed { parts.append("seed \(seed)") }
        return parts.joined(by: " — ")
    }

    /// A record's note as `note: …`, wrapped at 100 columns under `indent`: the caveat travels
    /// with the answer.
    static func noted(_ note: String, indent: String) -> String {
        let head = indent + "note:", continued = indent + "     "
        var lines: [String] = []
        var line = head
        for (number, paragraph) in note.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if number > 0 {
                lines.append(line)
                line = continued
            }
            for word in paragraph.split(separator: " ") {
                if line.count + 1 + word.count > 100, line.count > continued.count {
                    lines.append(line)
                    line = continued
                }
                line += " " + word
            }
        }
        lines.append(line)
        return lines.joined(by: "\n")
    }

    /// Every source with the records citing it, written source by source: at a million records
    /// the text is hundreds of MB.
    /// Sources written entry by entry, as they are made (every source of a large ledger is
    /// hundreds of MB): a blank line between entries, or "No sources." when none came.
    struct SourcesWriter {
        private var written = 0

        mutating func write(_ entry: SourceCitations.Entry, to output: inout ChunkedOutput<IOFailure>) throws(IOFailure) {
            if written > 0 { try output.append("\n\n") }
            try output.append(sourceLine(entry.source) + "\n")
            try output.append(table(entry.citations.map { citation in
                var cells = [citation.record, "(\(citation.type), \(citation.date.wording))", citation.title]
                if let by = citation.withdrawnBy { cells[2] = "[\(citation.withdrawal == .retracted ? "retracted" : "corrected") by \(by)] " + cells[2] }
                return cells
            }))
            written += 1
        }

        func finish(to output: inout ChunkedOutput<IOFailure>) throws(IOFailure) {
            if written == 0 { try output.append("No sources.") }
        }
    }

    static func provenance(_ entries: [Provenance]) -> String {
        var lines = ["Because of:"]
        for entry in entries {
            var head = "  \(entry.record)  (\(entry.type), \(entry.date.wording)"
            if entry.effective != entry.date { head += ", effective \(entry.effective.wording)" }
            head += ", recorded \(entry.recorded))"
            lines.append(head)
            lines.append("      " + entry.roles.map(\.description).joined(by: "; "))
            lines.append("      \(entry.title)")
            for source in entry.sources { lines.append("      source: \(sourceLine(source))") }
            if let note = entry.note { lines.append(noted(note, indent: "      ")) }
        }
        return lines.joined(by: "\n")
    }

    /// A history written entry by entry, as it is read (the whole ledger's is hundreds of MB):
    /// the heading before the first entry, or "No records" when none came.
    struct HistoryWriter {
        let subject: String?
        private var written = 0

        init(subject: String?) { self.subject = subject }

        mutating func write(_ entry: EntityHistory.Entry, to output: inout ChunkedOutput<IOFailure>) throws(IOFailure) {
            if written == 0, let subject { try output.append("History of \(subject):") }
            if written > 0 || subject != nil { try output.append("\n") }
            try output.append(historyLines(of: entry).joined(by: "\n"))
            written += 1
        }

        func finish(to output: inout ChunkedOutput<IOFailure>) throws(IOFailure) {
            guard written == 0 else { return }
            try output.append("No records" + (subject.map { " concern \($0)" } ?? "") + ".")
        }
    }

    /// One record of a history: its head, what it corrects or retracts, its withdrawal, title,
    /// changes, sources and note.
    private static func historyLines(of entry: EntityHistory.Entry) -> [String] {
        var lines: [String] = []
        do {
            let record = entry.record
            var head = "\(record.date.wording)  \(record.id)  (\(record.type))"
            if let effective = record.effective, effective != record.date { head += "  effective \(effective.wording)" }
            head += "  recorded \(record.recorded)"
            lines.append(head)
            if let corrects = record.corrects { lines.append("    corrects \(corrects)") }
            if let retracts = record.retracts { lines.append("    retracts \(retracts)") }
            if let by = entry.withdrawnBy, let kind = entry.withdrawal {
                lines.append("    " + withdrawal(RecordWithdrawal(by: by, kind: kind)))
            }
            lines.append("    \(record.title)")
            for change in entry.changes { lines.append("    • \(TextOutput.change(change))") }
            for source in record.sources { lines.append("    source: \(sourceLine(source))") }
            if let note = record.note { lines.append(noted(note, indent: "    ")) }
        }
        return lines
    }

    /// How a record stopped counting, as `history` and `show` say it.
    static func withdrawal(_ withdrawal: RecordWithdrawal) -> String {
        "\(withdrawal.kind == .retracted ? "RETRACTED" : "CORRECTED") by \(withdrawal.by): its changes no longer count"
    }

    static func record(_ record: Record, withdrawal: RecordWithdrawal? = nil) -> String {
        var lines = [
            "\(record.id)  (\(record.type), seq \(record.seq))",
            "  \(record.title)",
            "  date:      \(stored(record.date))" + (record.effective.map { "   effective: \(stored($0))" } ?? ""),
            "  recorded:  \(record.recorded)",
        ]
        if let withdrawal { lines.append("  " + self.withdrawal(withdrawal)) }
        if let actor = record.actor { lines.append("  actor:     \(actor)") }
        if let about = record.about { lines.append("  about:     \(about.joined(by: ", "))") }
        if let corrects = record.corrects { lines.append("  corrects:  \(corrects)") }
        if let retracts = record.retracts { lines.append("  retracts:  \(retracts)") }
        if !record.changes.isEmpty {
            lines.append("  changes:")
            for change in record.changes { lines.append("    • \(TextOutput.change(change))") }
        }
        lines.append("  sources:")
        for source in record.sources { lines.append("    • \(sourceLine(source))") }
        if let note = record.note { lines.append("  note:      \(note)") }
        lines.append("  hash:      \(record.hash)")
        lines.append("  prev:      \(record.prev)")
        return lines.joined(by: "\n")
    }

    static func diff(_ diff: OrgDiff) -> String {
        var lines = ["Changes from \(diff.from) to \(diff.to):"]
        if diff.isEmpty { lines.append("  none"); return lines.joined(by: "\n") }
        // Each change with the date it took effect and the record behind it.
        func add(_ text: String, _ item: OrgDiff.Item) {
            lines.append(text + (diff.causes[item].map { "   [\($0.date), \($0.record)]" } ?? ""))
        }
        for unit in diff.established { add("  + established \(unit.id)  \(label(unit))", .established(unit.id)) }
        for unit in diff.dissolved { add("  - dissolved \(unit.id)  \(label(unit))", .dissolved(unit.id)) }
        for r in diff.renamed { add("  ~ renamed \(r.unit): \"\(r.before)\" → \"\(r.after)\"", .renamed(r.unit)) }
        for m in diff.moved {
            var text = "  ~ moved \(m.unit): \(m.parentBefore ?? "(root)") → \(m.parentAfter ?? "(root)")"
            if m.relationBefore != m.relationAfter {
                text += " (\(m.relationBefore?.rawValue ?? "-") → \(m.relationAfter?.rawValue ?? "-"))"
            }
            if m.kindBefore != m.kindAfter { text += ", kind \(m.kindBefore) → \(m.kindAfter)" }
            add(text, .moved(m.unit))
        }
        for task in diff.tasksDefined { add("  + task \(task) defined", .taskDefined(task)) }
        for t in diff.tasksMoved { add("  ~ task \(t.task): \(t.before ?? "(nobody)") → \(t.after ?? "(nobody)")", .taskMoved(t.task)) }
        for s in diff.supervisionStarted { add("  + \(supervisionName(s.kind)) of \(s.supervisor) over \(s.unit)" + (s.task.map { " for \($0)" } ?? ""), .supervisionStarted(s)) }
        for s in diff.supervisionEnded { add("  - \(supervisionName(s.kind)) of \(s.supervisor) over \(s.unit)" + (s.task.map { " for \($0)" } ?? ""), .supervisionEnded(s)) }
        for a in diff.appointed { add("  + \(a.person) holds \"\(a.role)\" in \(a.unit)", .appointed(a)) }
        for a in diff.appointmentsEnded { add("  - \(a.person) leaves \"\(a.role)\" in \(a.unit)", .appointmentEnded(a)) }
        return lines.joined(by: "\n")
    }

    /// A timeline as a table: from, to, the holder (or the unit's parent), the path, the record.
    static func timeline(_ timeline: EntityTimeline) -> String {
        let path = { (period: EntityTimeline.Period) in period.path.map(\.unit.id).joined(by: " › ") }
        switch timeline.subject {
        case let .task(id, title):
            var rows = [["from", "to", "holder", "path up to the root", "record"]]
            rows += timeline.periods.map { period in
                [period.from.description, period.to?.description ?? "…", period.unit?.id ?? "(nobody)", path(period), period.record ?? ""]
            }
            return "Timeline of task \(id): \(title)\n" + table(rows)
        case let .unit(id):
            var rows = [["from", "to", "name", "parent", "path up to the root", "record"]]
            rows += timeline.periods.map { period in
                let name = period.unit.map { label($0) } ?? ""
                let parent = period.isDissolved ? "(dissolved)" : period.parent.map { "\(relationWords(period.relation)) \($0)" } ?? "(root)"
                return [period.from.description, period.to?.description ?? "…", name, parent, path(period), period.record ?? ""]
            }
            return "Timeline of unit \(id)\n" + table(rows)
        }
    }
}

extension TextOutput {
    /// Search results, best first: kind, id, name or title, when it existed, what matched.
    static func search(_ results: SearchResults, at date: ValidDate?) -> String {
        let when = date.map { " on \($0)" } ?? ""
        guard !results.hits.isEmpty else { return "Nothing matches '\(results.query)'\(when)." }
        var lines = ["\(results.total) match\(results.total == 1 ? "" : "es") for '\(results.query)'\(when), best first"
                     + (results.total > results.hits.count ? " (the first \(results.hits.count); --limit shows more):" : ":")]
        lines.append(table(results.hits.map { hit in
            [hit.kind.rawValue, hit.id, hit.label, existence(hit), hit.matched.map { "matched \"\($0)\"" } ?? ""]
        }))
        return lines.joined(by: "\n")
    }

    /// "since 2017", "2017 – 2019-01-01", "2018-04" (a record's date).
    static func existence(_ hit: SearchResults.Hit) -> String {
        guard let from = hit.from else { return "" }
        if hit.kind == .record { return from.wording }
        return hit.until.map { "\(from.wording) – \($0)" } ?? "since \(from.wording)"
    }
}
