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
///   (`AuthoringRules.check(_:in:on:removesAbbreviation:)`, which needs the state);
/// - a correction puts changes in the place of those it withdraws: one that withdraws changes and
///   gives none is a retraction and must say so (`AuthoringRules.check(correction:withdrawing:)`).
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

    /// A correction without changes of its own that withdraws changes (of the record it corrects,
    /// or of an earlier correction of it, `withdrawing`) takes away everything it corrects: the
    /// author meant a retraction, or forgot the changes (a correction with none was once stored
    /// and silently undid the whole move it corrected). Refused, pointing to both. A correction
    /// that withdraws no change (of a record without changes, or of a retracted one) may have none.
    public static func check(correction record: Record, withdrawing withdrawn: [Record]) throws(RuleViolation) {
        guard let target = record.corrects, record.changes.isEmpty else { return }
        let count = withdrawn.reduce(0) { $0 + $1.changes.count }
        guard count > 0 else { return }
        let others = withdrawn.filter { !$0.changes.isEmpty && $0.id != target }.map { "'\($0.id)'" }
        let whose = others.isEmpty ? "" : " (those of its correction\(others.count == 1 ? "" : "s") \(others.joined(separator: ", ")))"
        throw RuleViolation(recordID: record.id, rule: """
            field 'changes': a correction without changes would withdraw the \(count) \(count == 1 ? "change" : "changes") \
            in force of '\(target)'\(whose) and put none in their place; to withdraw them, say so with a retraction: \
            "retracts": "\(target)" instead of "corrects" (and "type": "retraction"); to correct them, give the changes \
            that hold instead ('ledger correct \(target)' prints those in force)
            """)
    }
}
