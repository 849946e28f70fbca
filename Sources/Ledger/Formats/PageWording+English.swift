/// The page in English (`ledger export html --lang en`).
struct EnglishWording: PageWording {
    var language: PageLanguage { .english }

    func kind(_ kind: UnitKind) -> String {
        switch kind.rawValue {
        case "government": "Government"
        case "chancellery": "Chancellery"
        case "ministry": "Ministry"
        case "authority": "Authority"
        case "department": "Department"
        case "division": "Division"
        case "team": "Team"
        case "company": "Company"
        case "body": "Body"
        default: kind.rawValue
        }
    }

    func recordType(_ type: RecordType) -> String {
        switch type.rawValue {
        case "decision": "Decision"
        case "law": "Law"
        case "regulation": "Regulation"
        case "report": "Report"
        case "concept": "Concept"
        case "commission": "Commission"
        case "meeting": "Meeting"
        case "announcement": "Announcement"
        case "baseline": "Baseline"
        case "correction": "Correction"
        case "retraction": "Retraction"
        case "event": "Event"
        default: type.rawValue
        }
    }

    /// The three kinds of supervision of German administrative law, in the usual translations.
    func supervision(_ kind: SupervisionKind) -> String {
        switch kind {
        case .fach: "Technical supervision"
        case .recht: "Legal supervision"
        case .dienst: "Administrative supervision"
        }
    }

    func sentence(for change: Change, before: some OrgSnapshot, after: some OrgSnapshot,
                  person: (PersonID) -> String) -> String {
        let names = ChangeNames(before: before, after: after)
        let unit = names.unit, task = { "“\(names.task($0))”" }
        switch change {
        case let .establishUnit(_, name, kind, parent, relation, _):
            var text = "New: \(name) (\(self.kind(kind).lowercased()))"
            if let parent {
                text += relation == .subordinateTo ? ", subordinate to \(unit(parent, false))" : ", part of \(unit(parent, false))"
            }
            return text
        case let .renameUnit(id, name, abbreviation):
            return "\(unit(id, true)) is renamed “\(name)”" + (abbreviation.map { " (\($0))" } ?? "")
        case let .moveUnit(id, parent, relation, kind):
            var text = "\(unit(id, false)) moves to \(unit(parent, false))"
            if relation == .subordinateTo { text += " (subordinate)" }
            if let kind {
                let name = self.kind(kind).lowercased()
                text += " and becomes " + ("aeiou".contains(name.first ?? "x") ? "an " : "a ") + name
            }
            return text
        case let .dissolveUnit(id, successor):
            return "\(unit(id, true)) is dissolved" + (successor.map { "; succeeded by \(unit($0, false))" } ?? "")
        case let .defineTask(_, title, _):
            return "Task defined: “\(title)”"
        case let .assignTask(id, holder):
            return "\(unit(holder, false)) takes on \(task(id))"
        case let .transferTask(id, from, to):
            return "\(task(id)) passes from \(unit(from, true)) to \(unit(to, false))"
        case let .revokeTask(id, holder):
            return "\(unit(holder, true)) gives up \(task(id))"
        case let .setSupervision(key):
            return "\(supervision(key.kind)) by \(unit(key.supervisor, false)) over \(unit(key.unit, false))"
                + (key.task.map { " for \(task($0))" } ?? "")
        case let .endSupervision(key):
            return "End of \(supervision(key.kind).lowercased()) by \(unit(key.supervisor, true)) over \(unit(key.unit, true))"
                + (key.task.map { " for \(task($0))" } ?? "")
        case let .appoint(office, _):
            return "\(person(office.person)): \(office.role) (\(unit(office.unit, false)))"
        case let .endAppointment(office):
            return "\(person(office.person)) is no longer \(office.role) (\(unit(office.unit, true)))"
        }
    }

    var months: [String] {
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    }

    var phrases: KeyValuePairs<String, String> {
        [
            "page.eyebrow": "Organisation and responsibilities",
            "page.genericTitle": "Ledger of reorganisations",
            "page.lede": "{records} from {from} to {to} · every change with its source",
            "page.ledeEmpty": "No records yet",
            "page.ledeHint": " · pick a date with the slider",
            "page.withoutScript": "Without JavaScript the page shows the organisation on {date}; with JavaScript you can pick another date and search the tasks.",
            "page.footer": "Made with ledger export html from {records}; last record no. {seq}, hash {hash}. The page loads nothing else: all its data is in this file.",
            "footer.records.one": "{n} record",
            "footer.records.other": "{n} records",
            "records.count.one": "{n} record",
            "records.count.other": "{n} records",
            "list.and": "and",
            "date.region": "Date",
            "date.caption": "As of",
            "date.slider": "Pick the date",
            "date.previous": "‹ Previous record",
            "date.previousTitle": "Go to the previous record",
            "date.next": "Next record ›",
            "date.nextTitle": "Go to the next record",
            "date.inputPlaceholder": "YYYY-MM-DD",
            "date.inputLabel": "Enter a date: YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY",
            "date.digits": "{yyyy}-{mm}-{dd}",
            "date.day": "{day} {month} {year}",
            "date.month": "{month} {year}",
            "date.notAfter": "{date} at the latest",
            "date.notBefore": "{date} or later",
            "date.between": "between {from} and {to}",
            "date.uncertain": "{date} (uncertain)",
            "date.approximate": "about {date}",
            "date.uncertainApproximate": "about {date} (uncertain)",
            "date.nextChange": "Next change on {date}",
            "date.noLaterChange": "No later changes recorded",
            "chart.title": "Organisation chart",
            "chart.showTasks": "Show tasks",
            "chart.empty": "No body is recorded on this day yet.",
            "chart.otherRoots": "Other top-level bodies",
            "legend.label": "Legend",
            "legend.partOf": "part of",
            "legend.subordinate": "subordinate (in the portfolio)",
            "legend.supervision": "Supervision",
            "legend.supervisionText": "by another body",
            "legend.changed": "changed",
            "legend.changedText": "on the chosen date",
            "unit.subordinate": "subordinate",
            "unit.subordinateTitle": "A body of its own in the portfolio, not part of the body above",
            "unit.supervisionTitle": "{label} since record {record}",
            "unit.new": "new",
            "unit.changed": "changed",
            "search.title": "Who was responsible for …",
            "search.placeholder": "Task or keyword, e.g. {example}",
            "search.placeholderPlain": "Task or keyword",
            "search.found.one": "{n} task found, as of {date}.",
            "search.found.other": "{n} tasks found, as of {date}.",
            "search.none": "No task matches this search.",
            "search.all.one": "The only task on {date}. Type to filter.",
            "search.all.other": "All {n} tasks on {date}. Type to filter.",
            "answer.notYet": "Not defined yet – only from {date}.",
            "answer.noLonger": "No longer defined.",
            "answer.nobody": "No body responsible.",
            "answer.since": "responsible since {date}",
            "timeline.title": "Chronicle",
            "timeline.hint": "Click a record to see its changes and sources.",
            "timeline.marker": "Chosen date: {date}",
            "timeline.effective": "effective from {date}",
            "timeline.future": "· not yet in effect",
            "timeline.note": "Note",
            "timeline.withdrawn": "Retracted or replaced by {id}.",
            "timeline.changes": "Changes",
            "timeline.noChanges": "None – the record documents an event that changed no structure.",
            "timeline.source": "Source",
            "timeline.sources": "Sources",
            "timeline.published": "published {date}",
            "timeline.seed": "source text {seed}",
            "timeline.actor": "Acting: {name}",
            "timeline.record": "Record {seq} · {id} · recorded {recorded}",
            "timeline.jump": "Show the chart on {date}",
        ]
    }
}
