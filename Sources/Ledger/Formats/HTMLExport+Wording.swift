/// The German words of the HTML page: names of kinds, record types and supervision, and one
/// sentence per change. They live in the library, not in the page's script, so they can be tested
/// and so the script stays a renderer.
enum GermanWording {
    /// The German name of a unit kind; an unknown kind is shown as written.
    static func kind(_ kind: UnitKind) -> String {
        switch kind.rawValue {
        case "government": "Landesregierung"
        case "chancellery": "Staatskanzlei"
        case "ministry": "Ministerium"
        case "authority": "Behörde"
        case "department": "Abteilung"
        case "division": "Referat"
        case "team": "Team"
        case "company": "Unternehmen"
        case "body": "Körperschaft"
        default: kind.rawValue
        }
    }

    /// Where a kind sorts among siblings in the chart: the government first, teams last.
    static func rank(_ kind: UnitKind) -> Int {
        switch kind.rawValue {
        case "government": 0
        case "chancellery": 1
        case "ministry": 2
        case "authority": 3
        case "department": 4
        case "division": 5
        case "team": 6
        case "body": 7
        case "company": 8
        default: 9
        }
    }

    /// The German name of a record type; an unknown type is shown as written.
    static func recordType(_ type: RecordType) -> String {
        switch type.rawValue {
        case "decision": "Beschluss"
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
    static func supervision(_ kind: SupervisionKind) -> String { DOT.supervisionName(kind) }

    /// One change as a German sentence. `before` and `after` are the organisation just before and
    /// just after the record took effect, so a renamed unit is named as it was and a new one as it is;
    /// `person` gives a person's name as the records write it (the id where none does: a name is
    /// never made up from an id).
    static func sentence(for change: Change, before: some OrgSnapshot, after: some OrgSnapshot,
                         person: (PersonID) -> String = { $0 }) -> String {
        func unit(_ id: UnitID, preferBefore: Bool = false) -> String {
            let state = preferBefore ? (before.unit(id) ?? after.unit(id)) : (after.unit(id) ?? before.unit(id))
            guard let state else { return id }
            return state.abbreviation ?? state.name
        }
        func task(_ id: TaskID) -> String { "„\(after.task(id)?.title ?? before.task(id)?.title ?? id)“" }
        switch change {
        case let .establishUnit(_, name, kind, parent, relation, _):
            var text = "Neu: \(name) (\(self.kind(kind)))"
            if let parent {
                text += relation == .subordinateTo ? ", im Geschäftsbereich von \(unit(parent))" : ", Teil von \(unit(parent))"
            }
            return text
        case let .renameUnit(id, name, abbreviation):
            return "\(unit(id, preferBefore: true)) heißt nun „\(name)“" + (abbreviation.map { " (\($0))" } ?? "")
        case let .moveUnit(id, parent, relation, kind):
            var text = "\(unit(id)) wechselt zu \(unit(parent))"
            if relation == .subordinateTo { text += " (nachgeordnet)" }
            if let kind { text += " und wird \(self.kind(kind))" }
            return text
        case let .dissolveUnit(id, successor):
            return "\(unit(id, preferBefore: true)) wird aufgelöst" + (successor.map { "; Nachfolge: \(unit($0))" } ?? "")
        case let .defineTask(_, title, _):
            return "Aufgabe festgelegt: „\(title)“"
        case let .assignTask(id, holder):
            return "\(unit(holder)) übernimmt \(task(id))"
        case let .transferTask(id, from, to):
            return "\(task(id)) geht von \(unit(from, preferBefore: true)) an \(unit(to))"
        case let .revokeTask(id, holder):
            return "\(unit(holder, preferBefore: true)) gibt \(task(id)) ab"
        case let .setSupervision(key):
            return "\(supervision(key.kind)) von \(unit(key.supervisor)) über \(unit(key.unit))"
                + (key.task.map { " für \(task($0))" } ?? "")
        case let .endSupervision(key):
            return "Ende der \(supervision(key.kind)) von \(unit(key.supervisor, preferBefore: true)) über \(unit(key.unit, preferBefore: true))"
                + (key.task.map { " für \(task($0))" } ?? "")
        case let .appoint(office, _):
            return "\(person(office.person)): \(office.role) (\(unit(office.unit)))"
        case let .endAppointment(office):
            return "\(person(office.person)) ist nicht mehr \(office.role) (\(unit(office.unit, preferBefore: true)))"
        }
    }
}
