import FoundationEssentials

/// What `append` asks of a record an author wrote, beyond the file format: values a reader of the
/// ledger accepts (so that ledgers written before these rules stay valid) but that, written now,
/// would be mistakes stored for ever.
///
/// - every string is stored in Unicode NFC, so `fu\u{308}r` and `für` are one name;
/// - `type` and a unit's `kind` come from the vocabulary (`Vocabulary`), unknown words refused
///   with the nearest known one;
/// - a source's `url` is an absolute http or https URL;
/// - a rename says what becomes of the abbreviation, and changes something
///   (`AuthoringRules.check(_:in:on:removesAbbreviation:)`, which needs the state).
public enum AuthoringRules {
    /// The record `value` in NFC: what is decoded and stored.
    static func normalized(_ value: JSONValue) -> JSONValue { value.nfc }

    /// Checks the values of a decoded body against `vocabulary` and the URL rule.
    static func check(_ body: RecordBody, vocabulary: Vocabulary) throws(RecordFormatError) {
        func refuse(_ field: String, _ message: String) -> RecordFormatError {
            RecordFormatError(recordID: body.id, field: field, message: message)
        }
        if !vocabulary.knowsType(body.type.rawValue) {
            throw refuse("type", unknown("record type", body.type.rawValue, vocabulary.suggestion(forType: body.type.rawValue),
                                         known: Vocabulary.recordTypes.map(\.word), option: "--allow-type"))
        }
        for (offset, source) in body.sources.enumerated() {
            if let url = source.url, let problem = urlProblem(url) { throw refuse("sources[\(offset)].url", problem) }
        }
        for (offset, change) in body.changes.enumerated() {
            let kind: UnitKind?
            switch change {
            case let .establishUnit(_, _, unitKind, _, _, _): kind = unitKind
            case let .moveUnit(_, _, _, unitKind): kind = unitKind
            default: kind = nil
            }
            if let kind, !vocabulary.knowsKind(kind.rawValue) {
                throw refuse("changes[\(offset)].kind", unknown("unit kind", kind.rawValue, vocabulary.suggestion(forKind: kind.rawValue),
                                                               known: Vocabulary.unitKinds.map(\.word), option: "--allow-kind"))
            }
        }
    }

    private static func unknown(_ what: String, _ word: String, _ suggestion: String?, known: [String], option: String) -> String {
        var message = "'\(word)' is not a \(what)"
        message += suggestion.map { "; did you mean '\($0)'?" } ?? "."
        message += " The \(what)s are \(known.joined(separator: ", ")); to use a new one, append with \(option) \(word)"
        return message
    }

    /// Why `url` is not an absolute http or https URL; nil if it is one.
    public static func urlProblem(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            return "'\(url)' is not an absolute http or https URL; write it with its scheme, such as https://\(url.drop { $0 == "/" })"
        }
        if url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            return "'\(url)' contains a space or control character; percent-encode it (%20)"
        }
        let rest = url.drop { $0 != ":" }.dropFirst(3)
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty, URL(string: url) != nil else { return "'\(url)' is not an absolute http or https URL: it has no host" }
        return nil
    }

    /// The rules of a change that need the state it applies to: a rename must say what becomes
    /// of an abbreviation (without `abbreviation` the unit has none afterwards, which an author
    /// seldom means, so it must be asked for with `"abbreviation": null`), and must change the
    /// name or the abbreviation (compared in NFC). Checked only for records being appended, just
    /// before the change applies.
    public static func check(_ change: Change, in state: OrgState, on date: ValidDate, removesAbbreviation: Bool) throws(RuleBreak) {
        guard case let .renameUnit(id, name, abbreviation) = change, let unit = state.liveUnit(id) else { return }
        if abbreviation == nil, let current = unit.abbreviation, !removesAbbreviation {
            throw RuleBreak("unit '\(id)' is abbreviated '\(current)' on \(date), and a rename sets the abbreviation too: repeat \"abbreviation\": \"\(current)\" to keep it, give the new one, or write \"abbreviation\": null to remove it")
        }
        if name.nfc == unit.name.nfc, abbreviation?.nfc == unit.abbreviation?.nfc {
            let abbreviated = unit.abbreviation.map { " (\($0))" } ?? ""
            throw RuleBreak("renaming '\(id)' changes nothing: it is already named '\(unit.name)'\(abbreviated) on \(date)")
        }
    }
}
