/// The words of the JSON-LD export: which ORG class and property a unit gets, how dates and
/// texts are typed, the IRIs, and the `@context` that names every vocabulary used.
extension JSONLDExport {
    static func isOrganizationalUnit(_ kind: UnitKind) -> Bool {
        kind == .department || kind == .division || kind == .team
    }

    /// `org:unitOf` for a department, division or team inside its parent; `org:subOrganizationOf`
    /// for a subordinate body or an organisation inside another (see the type's documentation).
    static func parentProperty(of unit: UnitState) -> String {
        unit.relation == .partOf && isOrganizationalUnit(unit.kind) ? "org:unitOf" : "org:subOrganizationOf"
    }

    /// A date as a typed literal whose datatype says its precision; a date the sources leave open
    /// (`2019~`, `2018-09-06..`) in the Library of Congress's EDTF datatype, in EDTF's own
    /// spelling, so no reader takes it for the exact date it orders by.
    static func typed(_ date: ValidDate) -> JSONValue {
        guard date.isExact else {
            return .object([("@type", .string("http://id.loc.gov/datatypes/edtf/EDTF")), ("@value", .string(date.edtf))])
        }
        let type = switch date.precision {
        case .day: "xsd:date"
        case .month: "xsd:gYearMonth"
        case .year: "xsd:gYear"
        }
        return .object([("@type", .string(type)), ("@value", .string(date.description))])
    }

    /// A point in valid time as an OWL-Time instant: `time:inXSDDate`, `time:inXSDgYearMonth` or
    /// `time:inXSDgYear` by the date's precision, so "2017" is not read as 1 January 2017. OWL-Time
    /// has no property for a date the sources leave open; such an instant carries the EDTF
    /// literal as `dct:date` instead, and no exact position.
    static func instant(_ date: ValidDate) -> JSONValue {
        guard date.isExact else { return .object([("@type", .string("time:Instant")), ("dct:date", typed(date))]) }
        let property = switch date.precision {
        case .day: "time:inXSDDate"
        case .month: "time:inXSDgYearMonth"
        case .year: "time:inXSDgYear"
        }
        return .object([("@type", .string("time:Instant")), (property, typed(date))])
    }

    /// A stretch of valid time from `from` until `to` (when the next state began); open-ended
    /// while it lasts.
    static func interval(from: ValidDate, to: ValidDate?) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("@type", .string("time:Interval")), ("time:hasBeginning", instant(from))]
        if let to { members.append(("time:hasEnd", instant(to))) }
        return .object(members)
    }

    /// A text of the ledger (a name, a title, a role) tagged with the language the ledger is
    /// written in.
    static func text(_ text: String, _ language: String) -> JSONValue {
        .object([("@language", .string(language)), ("@value", .string(text))])
    }

    /// Whether `tag` looks like a BCP 47 language tag (`de`, `en-GB`, `de-CH-1996`): letters,
    /// then subtags of letters and digits separated by `-`. JSON-LD refuses other `@language`
    /// values.
    public static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    static func ref(_ id: String) -> JSONValue { .object([("@id", .string(id))]) }

    /// A role as an IRI segment: lowercase ASCII, umlauts spelled out, other characters as `-`.
    static func slug(_ text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            switch character {
            case "ä": result += "ae"
            case "ö": result += "oe"
            case "ü": result += "ue"
            case "ß": result += "ss"
            case "a"..."z", "0"..."9": result.append(character)
            default: if !result.hasSuffix("-") { result += "-" }
            }
        }
        if result.hasSuffix("-") { result.removeLast() }
        return result.hasPrefix("-") ? String(result.dropFirst()) : result
    }

    /// The document's maker, named in the export node near its top.
    static let generator = "ledger export jsonld"

    /// That member as `PrettyJSON` writes it: how `OutputPath` knows a file at `--out` as one the
    /// tool wrote, which it may replace without `--force`.
    static let generatorMark = #""ledger:generator": "\#(generator)""#

    /// Prefixes end in `:` so JSON-LD treats them as prefixes for compact IRIs such as `unit:kv40`.
    static func context(base: String) -> JSONValue {
        .object([
            ("org", .string("http://www.w3.org/ns/org#")),
            ("prov", .string("http://www.w3.org/ns/prov#")),
            ("dct", .string("http://purl.org/dc/terms/")),
            ("skos", .string("http://www.w3.org/2004/02/skos/core#")),
            ("foaf", .string("http://xmlns.com/foaf/0.1/")),
            ("skosxl", .string("http://www.w3.org/2008/05/skos-xl#")),
            ("time", .string("http://www.w3.org/2006/time#")),
            ("xsd", .string("http://www.w3.org/2001/XMLSchema#")),
            ("ledger", .string(base + "vocab:")),
            ("unit", .string(base + "unit:")),
            ("task", .string(base + "task:")),
            ("record", .string(base + "record:")),
            ("person", .string(base + "person:")),
            ("post", .string(base + "post:")),
            ("role", .string(base + "role:")),
            ("kind", .string(base + "kind:")),
        ])
    }
}
