/// The page's chronicle: every record, ordered by the date it happened (then `seq`), with a
/// sentence for each change and its sources. Withdrawn records stay in it, marked, because the
/// ledger never forgets them.
///
/// One list serves both halves of the page: the data block the script redraws from, and the
/// static list a reader sees with scripts off, so the two cannot disagree.
struct ChronicleEntry {
    var record: Record
    /// One sentence per change, in the page's language.
    var changes: [String]
    /// The acting unit's name when the record took effect.
    var actorName: String?
    /// The correction or retraction that withdrew the record.
    var withdrawnBy: RecordID?

    /// The first day the record's changes are in force, as an ISO day the script compares.
    var effectiveDay: String { ValidDate(dayNumber: record.effectiveDate.firstDay).description }

    /// The entry in the data block.
    func json(wording: some PageWording) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(record.id)), ("seq", .integer(record.seq)),
            ("date", .string(record.date.description)),
            ("effective", .string(record.effectiveDate.description)),
            ("effectiveDay", .string(effectiveDay)),
            ("type", .string(record.type.rawValue)), ("typeLabel", .string(wording.recordType(record.type))),
            ("title", .string(record.title)),
            ("actor", .optional(record.actor)),
            ("actorName", .optional(actorName)),
            ("note", .optional(record.note)),
            ("recorded", .string(record.recorded.description)),
            ("changes", .array(changes.map(JSONValue.string))),
            ("sources", .array(record.sources.map { source in
                .object([
                    ("title", .string(source.title)), ("url", .optional(source.url)),
                    ("published", .optional(source.published?.description)), ("seed", .optional(source.seed)),
                ])
            })),
            ("corrects", .optional(record.corrects)), ("retracts", .optional(record.retracts)),
            ("withdrawnBy", .optional(withdrawnBy)),
        ]
        members.removeAll { $0.value == .null }
        return .object(members)
    }

    /// The entry as static markup: the same classes the script draws with, and its changes and
    /// sources in a `<details>` element, which opens on a click without any script.
    func markup(future: Bool, wording: some PageWording) -> String {
        var classes = "entry"
        if future { classes += " future" }
        if changes.isEmpty { classes += " no-changes" }
        if withdrawnBy != nil { classes += " withdrawn" }
        let effective = record.effectiveDate != record.date
            ? HTML.element("span", [:], HTML.text(wording.phrase("timeline.effective", ["date": wording.date(record.effectiveDate.description)])))
            : ""
        let head = HTML.element("summary", ["class": "entry-head"],
            HTML.element("div", ["class": "entry-date"],
                HTML.element("span", [:], HTML.text(wording.date(record.date.description))),
                HTML.element("span", ["class": "entry-type"], HTML.text(wording.recordType(record.type))),
                effective,
                future ? HTML.element("span", [:], HTML.text(wording.phrase("timeline.future"))) : ""),
            HTML.element("div", ["class": "entry-title"], HTML.text(record.title)))
        return HTML.element("li", ["class": classes, "data-record": record.id],
                            HTML.element("details", [:], head, details(wording: wording)))
    }

    private func details(wording: some PageWording) -> String {
        var parts: [String] = []
        if let note = record.note {
            parts.append(HTML.element("h4", [:], HTML.text(wording.phrase("timeline.note"))))
            parts.append(HTML.element("p", ["class": "note"], HTML.text(note)))
        }
        if let withdrawnBy {
            parts.append(HTML.element("p", ["class": "note"], HTML.text(wording.phrase("timeline.withdrawn", ["id": withdrawnBy]))))
        }
        parts.append(HTML.element("h4", [:], HTML.text(wording.phrase("timeline.changes"))))
        parts.append(changes.isEmpty
            ? HTML.element("p", ["class": "src-meta"], HTML.text(wording.phrase("timeline.noChanges")))
            : HTML.element("ul", [:], content: changes.map { HTML.element("li", [:], HTML.text($0)) }))
        parts.append(HTML.element("h4", [:], HTML.text(wording.phrase(record.sources.count == 1 ? "timeline.source" : "timeline.sources"))))
        parts.append(HTML.element("ul", ["class": "sources"], content: record.sources.map { source in
            var meta: [String] = []
            if let published = source.published { meta.append(wording.phrase("timeline.published", ["date": wording.date(published.description)])) }
            if let seed = source.seed { meta.append(wording.phrase("timeline.seed", ["seed": seed])) }
            let title = source.url.map { HTML.element("a", ["href": $0, "rel": "noopener noreferrer"], HTML.text(source.title)) }
                ?? HTML.text(source.title)
            return HTML.element("li", [:], title, meta.isEmpty ? "" : HTML.element("div", ["class": "src-meta"], HTML.text(meta.joined(separator: " · "))))
        }))
        if let actorName {
            parts.append(HTML.element("p", ["class": "src-meta"], HTML.text(wording.phrase("timeline.actor", ["name": actorName]))))
        }
        parts.append(HTML.element("div", ["class": "record-id"], HTML.text(wording.phrase("timeline.record", [
            "seq": String(record.seq), "id": record.id, "recorded": record.recorded.description,
        ]))))
        return HTML.element("div", ["class": "details"], content: parts)
    }
}

extension HTMLExport {
    /// Every record of `ledger` as the chronicle lists it.
    static func chronicle(of ledger: Ledger, wording: some PageWording) throws(QueryError) -> [ChronicleEntry] {
        // By the order of dates (docs/FORMAT.md 3.2.1): "2018-09-06 or later" after 2018-09-06.
        let ordered = ledger.records.sorted { $0.date != $1.date ? $0.date < $1.date : $0.seq < $1.seq }
        var entries: [ChronicleEntry] = []
        for record in ordered {
            let effective = record.effectiveDate
            let before = try ledger.snapshot(at: effective.dayBefore)
            let after = try ledger.snapshot(at: effective)
            entries.append(ChronicleEntry(
                record: record,
                changes: record.changes.map { change in
                    wording.sentence(for: change, before: before, after: after) { ledger.person($0)?.displayName ?? $0 }
                },
                actorName: record.actor.flatMap { after.unit($0)?.name },
                withdrawnBy: ledger.history.withdrawn[record.id]))
        }
        return entries
    }

    /// The chronicle as a static list, with the marker of the page's date before the first record
    /// that takes effect after it (as the script draws it).
    static func chronicleMarkup(_ entries: [ChronicleEntry], at day: ValidDate, wording: some PageWording) -> String {
        let marker = HTML.element("li", ["class": "now-marker"],
                                  HTML.text(wording.phrase("timeline.marker", ["date": wording.date(day.description)])))
        var items: [String] = []
        var placed = false
        for entry in entries {
            let future = entry.record.effectiveDate.firstDay > day.firstDay
            if future, !placed { items.append(marker); placed = true }
            items.append(entry.markup(future: future, wording: wording))
        }
        if !placed { items.append(marker) }
        return items.joined(separator: "\n")
    }
}
