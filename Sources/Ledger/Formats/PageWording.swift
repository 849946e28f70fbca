/// The words of the HTML page in one language: names of kinds, record types and supervision, one
/// sentence per change, the months, and every phrase of the page and its script.
///
/// They live in the library, not in the page's script, so they can be tested and so the script
/// stays a renderer: it gets `phrases` and `months` in its data block and fills in the
/// placeholders. A phrase marks what is filled in with `{name}`: `"zuständig seit {date}"`.
protocol PageWording: Sendable {
    var language: PageLanguage { get }
    /// The name of a unit kind; an unknown kind is shown as written.
    func kind(_ kind: UnitKind) -> String
    /// The name of a record type; an unknown type is shown as written.
    func recordType(_ type: RecordType) -> String
    /// The name of a kind of supervision.
    func supervision(_ kind: SupervisionKind) -> String
    /// One change as a sentence. `before` and `after` are the organisation just before and just
    /// after the record took effect, so a renamed unit is named as it was and a new one as it is;
    /// `person` gives a person's name as the records write it (the id where none does: a name is
    /// never made up from an id).
    func sentence(for change: Change, before: some OrgSnapshot, after: some OrgSnapshot,
                  person: (PersonID) -> String) -> String
    /// January to December.
    var months: [String] { get }
    /// Every phrase of the page by key, in a stable order (the data block lists them so).
    var phrases: KeyValuePairs<String, String> { get }
}

extension PageWording {
    /// The phrase `key` with its placeholders filled in: `phrase("answer.since", ["date": "Mai 2019"])`.
    /// A key the wording lacks is a programming error, shown as the key so a page still renders.
    func phrase(_ key: String, _ values: KeyValuePairs<String, String> = [:]) -> String {
        var text = phrases.first { $0.key == key }?.value ?? key
        for (name, value) in values { text = text.replacing("{\(name)}", with: value) }
        return text
    }

    /// A date as the records write it (`2020-06-30`, `2019-05`, `2018-09-06..`, `2019~`) in words:
    /// "30. Juni 2020", "Mai 2019", "6. September 2018 oder später". The page's script has the
    /// same function, so a date reads the same with scripts on and off.
    func date(_ text: String) -> String {
        if let range = text.firstRange(of: "..") {
            let start = String(text[..<range.lowerBound]), end = String(text[range.upperBound...])
            if start.isEmpty { return phrase("date.notAfter", ["date": date(end)]) }
            if end.isEmpty { return phrase("date.notBefore", ["date": date(start)]) }
            return phrase("date.between", ["from": date(start), "to": date(end)])
        }
        switch text.last {
        case "?": return phrase("date.uncertain", ["date": date(String(text.dropLast()))])
        case "~": return phrase("date.approximate", ["date": date(String(text.dropLast()))])
        case "%": return phrase("date.uncertainApproximate", ["date": date(String(text.dropLast()))])
        default: break
        }
        let parts = text.split(separator: "-").map(String.init)
        guard parts.count > 1, let month = Int(parts[1]), months.indices.contains(month - 1) else { return text }
        let name = months[month - 1]
        guard parts.count > 2, let day = Int(parts[2]) else { return phrase("date.month", ["month": name, "year": parts[0]]) }
        return phrase("date.day", ["day": String(day), "month": name, "year": parts[0]])
    }

    /// `items` as a list in words: "A", "A und B", "A, B und C".
    func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        return items.dropLast().joined(separator: ", ") + " " + phrase("list.and") + " " + last
    }

    /// `count` things, singular or plural: `counted("records", 1)` is "1 Eintrag".
    func counted(_ key: String, _ count: Int) -> String {
        phrase(key + (count == 1 ? ".one" : ".other"), ["n": String(count)])
    }
}

/// How a change sentence names units and tasks: a unit by its abbreviation (else its name) as it
/// was just before the record (`preferBefore`, for what a change ends) or just after; a task by
/// its title. An id stands in only for what neither state knows.
struct ChangeNames<Before: OrgSnapshot, After: OrgSnapshot> {
    var before: Before
    var after: After

    func unit(_ id: UnitID, _ preferBefore: Bool) -> String {
        let state = preferBefore ? (before.unit(id) ?? after.unit(id)) : (after.unit(id) ?? before.unit(id))
        guard let state else { return id }
        return state.abbreviation ?? state.name
    }

    func task(_ id: TaskID) -> String { after.task(id)?.title ?? before.task(id)?.title ?? id }
}
