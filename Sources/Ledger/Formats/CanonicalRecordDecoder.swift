/// Decodes a stored record straight from its line, without building a `JSONValue` tree first:
/// reading a 10⁶-record ledger spent most of its time allocating and freeing those trees.
///
/// It accepts only the plain canonical form the ledger writes: members in canonical order, no
/// whitespace, strings without escapes, every value valid. Anything else (an escape, a `null`, an
/// unknown member, a bad value, any syntax error) returns nil, and the general parser
/// (`JSONParser` and `Record(json:)`) decides, with its exact error. So a line this decoder
/// accepts is one the general path accepts as canonical, with an equal record; the tests check
/// the two against each other on real, generated and mutated lines.
enum CanonicalRecordDecoder {
    static func decode(_ line: UnsafeBufferPointer<UInt8>) -> Record? {
        var cursor = CanonicalCursor(line)
        guard let record = record(&cursor), cursor.atEnd else { return nil }
        return record
    }

    private static func record(_ cursor: inout CanonicalCursor) -> Record? {
            var id: String?, date: ValidDate?, effective: ValidDate?, type: String?, title: String?
            var actor: String?, note: String?, about: [String]?, sources: [Source]?, changes: [Change] = []
            var corrects: String?, retracts: String?
            var seq: Int?, recorded: TransactionTime?, prev: String?, hash: String?
            let ok = cursor.object { cursor, name in
                switch name.string {
                case "about": about = cursor.array { $0.slug()?.string }; return about != nil
                case "actor": actor = cursor.slug()?.string; return actor != nil
                case "changes":
                    guard let decoded = cursor.array({ change(&$0) }) else { return false }
                    changes = decoded
                    return true
                case "corrects": corrects = cursor.slug()?.string; return corrects != nil
                case "date": date = cursor.date(); return date != nil
                case "effective": effective = cursor.date(); return effective != nil
                case "hash": hash = cursor.hexDigest()?.string; return hash != nil
                case "id": id = cursor.slug()?.string; return id != nil
                case "note": note = cursor.text()?.string; return note != nil
                case "prev": prev = cursor.hexDigest()?.string; return prev != nil
                case "recorded":
                    guard let text = cursor.text() else { return false }
                    recorded = try? TransactionTime(parsingRecorded: text.string)
                    return recorded != nil
                case "retracts": retracts = cursor.slug()?.string; return retracts != nil
                case "seq": seq = cursor.integer(); return seq != nil
                case "sources": sources = cursor.array { source(&$0) }; return sources != nil
                case "title": title = cursor.line()?.string; return title != nil
                case "type": type = cursor.slug()?.string; return type != nil
                default: return false
                }
            }
            guard ok, let id, let date, let type, let title, let sources, let seq, let recorded, let prev, let hash else { return nil }
            let body = RecordBody(id: id, date: date, effective: effective, type: RecordType(rawValue: type), title: title,
                                  actor: actor, note: note, about: about, sources: sources, changes: changes,
                                  corrects: corrects, retracts: retracts)
            return Record(body: body, seq: seq, recorded: recorded, prev: prev, hash: hash)
        }

    private static func source(_ cursor: inout CanonicalCursor) -> Source? {
            var title: String?, url: String?, published: ValidDate?, seed: String?
            let ok = cursor.object { cursor, name in
                switch name.string {
                case "published": published = cursor.date(); return published != nil
                case "seed": seed = cursor.line()?.string; return seed != nil
                case "title": title = cursor.line()?.string; return title != nil
                case "url": url = cursor.line()?.string; return url != nil
                default: return false
                }
            }
            guard ok, let title else { return nil }
            return Source(title: title, url: url, published: published, seed: seed)
        }

    private static func change(_ cursor: inout CanonicalCursor) -> Change? {
            var fields = ChangeFields()
            let ok = cursor.object { cursor, name in
                // Names, titles and roles are lines; `op`, `relation` and a supervision's `kind` are
                // keywords (checked by the op); everything else is an id.
                let value: String?
                switch name.string {
                case "name", "title", "role", "abbreviation", "leika": value = cursor.line()?.string
                case "op", "relation", "kind": value = cursor.text()?.string
                default: value = cursor.slug()?.string
                }
                guard let value else { return false }
                return fields.set(name.string, value)
            }
            guard ok else { return nil }
            return fields.change()
        }

    /// The members of one change, by name, until the op says which it needs.
    private struct ChangeFields {
        var values: [String: String] = [:]

        mutating func set(_ name: String, _ value: String) -> Bool {
            guard ChangeFields.names.contains(name) else { return false }
            values[name] = value
            return true
        }

        static let names: Set<String> = [
            "abbreviation", "from", "kind", "leika", "name", "op", "parent", "person", "relation", "role", "successor",
            "supervisor", "task", "title", "to", "unit",
        ]

        /// The change, if the members are exactly those its op allows, with the required ones.
        func change() -> Change? {
            guard let op = values["op"] else { return nil }
            func only(_ allowed: Set<String>) -> Bool { values.keys.allSatisfy { $0 == "op" || allowed.contains($0) } }
            switch op {
            case "establishUnit":
                guard only(["unit", "name", "kind", "parent", "relation", "abbreviation"]), let unit = values["unit"],
                      let name = values["name"], let kind = values["kind"], Slug.isValid(kind) else { return nil }
                var relation: Relation?
                if let text = values["relation"] {
                    guard let known = Relation(rawValue: text) else { return nil }
                    relation = known
                }
                return .establishUnit(unit: unit, name: name, kind: UnitKind(rawValue: kind), parent: values["parent"],
                                      relation: relation, abbreviation: values["abbreviation"])
            case "renameUnit":
                guard only(["unit", "name", "abbreviation"]), let unit = values["unit"], let name = values["name"] else { return nil }
                return .renameUnit(unit: unit, name: name, abbreviation: values["abbreviation"])
            case "moveUnit":
                guard only(["unit", "parent", "relation", "kind"]), let unit = values["unit"], let parent = values["parent"],
                      values["kind"].map(Slug.isValid) ?? true else { return nil }
                var relation: Relation?
                if let text = values["relation"] {
                    guard let known = Relation(rawValue: text) else { return nil }
                    relation = known
                }
                return .moveUnit(unit: unit, parent: parent, relation: relation, kind: values["kind"].map(UnitKind.init(rawValue:)))
            case "dissolveUnit":
                guard only(["unit", "successor"]), let unit = values["unit"] else { return nil }
                return .dissolveUnit(unit: unit, successor: values["successor"])
            case "defineTask":
                guard only(["task", "title", "leika"]), let task = values["task"], let title = values["title"] else { return nil }
                return .defineTask(task: task, title: title, leika: values["leika"])
            case "assignTask":
                guard only(["task", "unit"]), let task = values["task"], let unit = values["unit"] else { return nil }
                return .assignTask(task: task, unit: unit)
            case "transferTask":
                guard only(["task", "from", "to"]), let task = values["task"], let from = values["from"], let to = values["to"] else { return nil }
                return .transferTask(task: task, from: from, to: to)
            case "revokeTask":
                guard only(["task", "unit"]), let task = values["task"], let unit = values["unit"] else { return nil }
                return .revokeTask(task: task, unit: unit)
            case "setSupervision", "endSupervision":
                guard only(["supervisor", "unit", "kind", "task"]), let supervisor = values["supervisor"], let unit = values["unit"],
                      let kindText = values["kind"], let kind = SupervisionKind(rawValue: kindText) else { return nil }
                let supervision = Supervision(supervisor: supervisor, unit: unit, kind: kind, task: values["task"])
                return op == "setSupervision" ? .setSupervision(supervision) : .endSupervision(supervision)
            case "appoint", "endAppointment":
                guard only(op == "appoint" ? ["person", "role", "unit", "name"] : ["person", "role", "unit"]),
                      let person = values["person"], let role = values["role"], let unit = values["unit"] else { return nil }
                let appointment = Appointment(person: person, role: role, unit: unit)
                return op == "appoint" ? .appoint(appointment, name: values["name"]) : .endAppointment(appointment)
            default:
                return nil
            }
        }
    }
}
