/// The page in German, its default language.
struct GermanWording: PageWording {
    var language: PageLanguage { .german }

    func kind(_ kind: UnitKind) -> String {
        switch kind.rawValue {
        case "government": "Regierung"
        case "chancellery": "Staatskanzlei"
        case "ministry": "Ministerium"
        case "authority": "Behörde"
        case "department": "Abteilung"
        case "division": "Referat"
        case "team": "Team"
        case "company": "Unternehmen"
        case "body": "Einrichtung"
        default: kind.rawValue
        }
    }

    func recordType(_ type: RecordType) -> String {
        switch type.rawValue {
        case "decision": "Beschluss"
        case "law": "Gesetz"
        case "regulation": "Verordnung"
        case "report": "Bericht"
        case "concept": "Konzept"
        case "commission": "Auftrag"
        case "meeting": "Sitzung"
        case "announcement": "Bekanntgabe"
        case "baseline": "Ausgangslage"
        case "correction": "Korrektur"
        case "retraction": "Rücknahme"
        case "event": "Ereignis"
        default: type.rawValue
        }
    }

    /// Fachaufsicht, Rechtsaufsicht, Dienstaufsicht.
    func supervision(_ kind: SupervisionKind) -> String { DOT.supervisionName(kind) }

    func sentence(for change: Change, before: some OrgSnapshot, after: some OrgSnapshot,
                  person: (PersonID) -> String) -> String {
        let names = ChangeNames(before: before, after: after)
        let unit = names.unit, task = { "„\(names.task($0))“" }
        switch change {
        case let .establishUnit(_, name, kind, parent, relation, _):
            var text = "Neu: \(name) (\(self.kind(kind)))"
            if let parent {
                text += relation == .subordinateTo ? ", im Geschäftsbereich von \(unit(parent, false))" : ", Teil von \(unit(parent, false))"
            }
            return text
        case let .renameUnit(id, name, abbreviation):
            return "\(unit(id, true)) heißt nun „\(name)“" + (abbreviation.map { " (\($0))" } ?? "")
        case let .moveUnit(id, parent, relation, kind):
            var text = "\(unit(id, false)) wechselt zu \(unit(parent, false))"
            if relation == .subordinateTo { text += " (nachgeordnet)" }
            if let kind { text += " und wird \(self.kind(kind))" }
            return text
        case let .dissolveUnit(id, successor):
            return "\(unit(id, true)) wird aufgelöst" + (successor.map { "; Nachfolge: \(unit($0, false))" } ?? "")
        case let .defineTask(_, title, _):
            return "Aufgabe festgelegt: „\(title)“"
        case let .assignTask(id, holder):
            return "\(unit(holder, false)) übernimmt \(task(id))"
        case let .transferTask(id, from, to):
            return "\(task(id)) geht von \(unit(from, true)) an \(unit(to, false))"
        case let .revokeTask(id, holder):
            return "\(unit(holder, true)) gibt \(task(id)) ab"
        case let .setSupervision(key):
            return "\(supervision(key.kind)) von \(unit(key.supervisor, false)) über \(unit(key.unit, false))"
                + (key.task.map { " für \(task($0))" } ?? "")
        case let .endSupervision(key):
            return "Ende der \(supervision(key.kind)) von \(unit(key.supervisor, true)) über \(unit(key.unit, true))"
                + (key.task.map { " für \(task($0))" } ?? "")
        case let .appoint(office, _):
            return "\(person(office.person)): \(office.role) (\(unit(office.unit, false)))"
        case let .endAppointment(office):
            return "\(person(office.person)) ist nicht mehr \(office.role) (\(unit(office.unit, true)))"
        }
    }

    var months: [String] {
        ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]
    }

    var phrases: KeyValuePairs<String, String> {
        [
            "page.eyebrow": "Organisation und Zuständigkeiten",
            "page.genericTitle": "Ledger der Reorganisationen",
            "page.lede": "{records} von {from} bis {to} · jede Änderung mit Quelle belegt",
            "page.ledeEmpty": "Noch keine Einträge",
            "page.ledeHint": " · Stichtag mit dem Regler wählen",
            "page.withoutScript": "Ohne JavaScript zeigt die Seite den Stand am {date}; mit JavaScript lassen sich der Stichtag wählen und Aufgaben suchen.",
            "page.footer": "Erzeugt mit ledger export html aus {records}; letzter Eintrag Nr. {seq}, Hash {hash}. Die Seite lädt nichts nach: alle Daten stehen in dieser Datei.",
            "footer.records.one": "{n} Eintrag",
            "footer.records.other": "{n} Einträgen",
            "records.count.one": "{n} Eintrag",
            "records.count.other": "{n} Einträge",
            "list.and": "und",
            "date.region": "Stichtag",
            "date.caption": "Stand am",
            "date.slider": "Stichtag wählen",
            "date.previous": "‹ Voriger Eintrag",
            "date.previousTitle": "Zum vorigen Eintrag",
            "date.next": "Nächster Eintrag ›",
            "date.nextTitle": "Zum nächsten Eintrag",
            "date.inputPlaceholder": "TT.MM.JJJJ",
            "date.inputLabel": "Datum eingeben: TT.MM.JJJJ, JJJJ-MM-TT, JJJJ-MM oder JJJJ",
            "date.digits": "{dd}.{mm}.{yyyy}",
            "date.day": "{day}. {month} {year}",
            "date.month": "{month} {year}",
            "date.notAfter": "spätestens {date}",
            "date.notBefore": "{date} oder später",
            "date.between": "zwischen {from} und {to}",
            "date.uncertain": "{date} (unsicher)",
            "date.approximate": "etwa {date}",
            "date.uncertainApproximate": "etwa {date} (unsicher)",
            "date.nextChange": "Nächste Änderung am {date}",
            "date.noLaterChange": "Keine späteren Änderungen verzeichnet",
            "chart.title": "Organigramm",
            "chart.showTasks": "Aufgaben zeigen",
            "chart.empty": "An diesem Tag ist noch keine Stelle verzeichnet.",
            "chart.otherRoots": "Weitere Stellen der obersten Ebene",
            "legend.label": "Legende",
            "legend.partOf": "Teil von",
            "legend.subordinate": "nachgeordnet (Geschäftsbereich)",
            "legend.supervision": "Aufsicht",
            "legend.supervisionText": "durch eine andere Stelle",
            "legend.changed": "geändert",
            "legend.changedText": "am Stichtag",
            "unit.subordinate": "nachgeordnet",
            "unit.subordinateTitle": "Eigene Behörde im Geschäftsbereich, nicht Teil der übergeordneten Stelle",
            "unit.supervisionTitle": "{label} seit Eintrag {record}",
            "unit.new": "neu",
            "unit.changed": "geändert",
            "search.title": "Wer war zuständig für …",
            "search.placeholder": "Aufgabe oder Stichwort, z. B. {example}",
            "search.placeholderPlain": "Aufgabe oder Stichwort",
            "search.found.one": "{n} Aufgabe gefunden, Stand {date}.",
            "search.found.other": "{n} Aufgaben gefunden, Stand {date}.",
            "search.none": "Keine Aufgabe passt zu dieser Suche.",
            "search.all.one": "Die einzige Aufgabe am {date}. Tippen Sie, um zu filtern.",
            "search.all.other": "Alle {n} Aufgaben am {date}. Tippen Sie, um zu filtern.",
            "answer.notYet": "Noch nicht festgelegt – erst ab {date}.",
            "answer.noLonger": "Nicht mehr festgelegt.",
            "answer.nobody": "Keine Stelle zuständig.",
            "answer.since": "zuständig seit {date}",
            "timeline.title": "Chronik",
            "timeline.hint": "Ein Klick auf einen Eintrag zeigt Änderungen und Quellen.",
            "timeline.marker": "Stichtag {date}",
            "timeline.effective": "wirksam ab {date}",
            "timeline.future": "· noch nicht wirksam",
            "timeline.note": "Anmerkung",
            "timeline.withdrawn": "Zurückgenommen bzw. ersetzt durch {id}.",
            "timeline.changes": "Änderungen",
            "timeline.noChanges": "Keine – der Eintrag dokumentiert ein Ereignis ohne Strukturänderung.",
            "timeline.source": "Quelle",
            "timeline.sources": "Quellen",
            "timeline.published": "veröffentlicht {date}",
            "timeline.seed": "Quelltext {seed}",
            "timeline.actor": "Handelnd: {name}",
            "timeline.record": "Eintrag {seq} · {id} · erfasst {recorded}",
            "timeline.jump": "Organigramm am {date} zeigen",
        ]
    }
}
