extension RecordFormat {
    /// The format as a page to read (`ledger help format`): the record, a source, every
    /// operation with its fields, the value types, the vocabularies and an example, all from the
    /// tables above, so the page never lists a field the decoder does not know.
    public static var reference: String {
        var page: [String] = []
        page.append("""
            THE RECORD FORMAT

            A record is one JSON object describing one decision or event, its sources and the \
            changes it makes to the organisation. 'ledger append FILE' (or - for standard input) \
            takes one record (pretty-printed or on one line), a JSON array of records, or JSON \
            Lines (one record per line). It fills in seq, recorded, prev and hash; leave them out. \
            Members with null count as absent. Full specification: docs/FORMAT.md; a JSON Schema: \
            'ledger schema'; a template to fill in: 'ledger new decision'.
            """.wrapped(width: 80))
        page.append("RECORD\n" + table(recordFields))
        page.append("SOURCE (each element of sources)\n" + table(sourceFields))
        var changes = "CHANGES (each element of changes: \"op\" and that operation's fields; in order)"
        for operation in operations {
            changes += "\n\n  \(operation.op): \(operation.meaning)".wrapped(width: 80, hanging: 4)
            changes += "\n" + table(operation.fields, indent: 4)
        }
        page.append(changes)
        page.append("""
            VALUES
              id      [a-z0-9][a-z0-9.-]*, such as tfm-egov-it or 2021-03-10-cabinet-egov;
                      units, tasks, records and persons each have their own, never reused
              line    a string on one line that is not blank
              text    any string; may span lines (\\n)
              date    YYYY, YYYY-MM or YYYY-MM-DD, kept with its precision; a coarser date
                      takes effect on its first day. A date the sources leave open (EDTF):
                      2019? uncertain, 2019-03~ approximate, 2019% both; 2018-09-06.. not
                      before, ..2018-06 not after, 2018-09-06..2018-12 between
              url     an absolute http or https URL, such as https://example.org/a.pdf
            """)
        page.append("UNIT KINDS (kind; another needs 'ledger append --allow-kind WORD')\n"
            + terms(Vocabulary.unitKinds))
        page.append("RECORD TYPES (type; another needs 'ledger append --allow-type WORD')\n"
            + terms(Vocabulary.recordTypes))
        page.append("""
            CORRECTIONS AND RETRACTIONS
              A record is never edited. A record with "corrects": "ID" replaces the changes of record ID \
            with its own (which apply at its own effective date); 'ledger correct ID' prints one to \
            fill in, pre-filled with the changes in force (ID's, or those of its latest correction). \
            "retracts": "ID" withdraws them and carries no changes: a correction without changes \
            that would withdraw changes is refused, as a retraction says that explicitly. The \
            latest correction or retraction of a record decides. 'ledger append --dry-run' shows \
            every answer a backdated record, a correction or a retraction changes, for which dates.
            """.wrapped(width: 80, hanging: 2))
        page.append("EXAMPLE\n" + example.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        return page.joined(separator: "\n\n")
    }

    /// A small record that is valid on a ledger holding the units it names.
    static let example = """
        {
          "id": "2021-03-10-egov",
          "date": "2021-03-10",
          "effective": "2021-04",
          "type": "decision",
          "title": "E-Government-Steuerung an das Finanzministerium",
          "actor": "land",
          "sources": [{"title": "Pressemitteilung", "url": "https://example.org/pm-2021-03-10"}],
          "changes": [
            {"op": "establishUnit", "unit": "tfm-egov", "name": "Abteilung E-Government", "kind": "department", "parent": "tfm"},
            {"op": "defineTask", "task": "egov-steuerung", "title": "Steuerung des E-Governments"},
            {"op": "assignTask", "task": "egov-steuerung", "unit": "tfm-egov"}
          ]
        }
        """

    private static func table(_ fields: [Field], indent: Int = 2) -> String {
        let pad = String(repeating: " ", count: indent)
        return fields.map { field in
            let label = pad + field.name.padding(to: 13) + field.type.words.padding(to: 21) + (field.isRequired ? "required  " : "optional  ")
            return field.meaning.hanging(after: label, width: 80)
        }.joined(separator: "\n")
    }

    private static func terms(_ terms: [Vocabulary.Term]) -> String {
        terms.map { $0.meaning.hanging(after: "  " + $0.word.padding(to: 14), width: 80) }.joined(separator: "\n")
    }
}

extension String {
    /// The text filled with spaces to `width` characters (and one space if it is longer).
    func padding(to width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }

    /// Each line broken at spaces to at most `width` characters (a word longer than that stands
    /// alone), continuation lines indented by `hanging` spaces; a line's leading spaces are kept.
    func wrapped(width: Int, hanging: Int = 0) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).map { paragraph in
            let lead = String(paragraph.prefix { $0 == " " })
            return String(paragraph.dropFirst(lead.count)).hanging(after: lead, width: width, continuation: hanging)
        }.joined(separator: "\n")
    }

    /// `label` followed by the text, broken at spaces to `width` characters, continuation lines
    /// starting under the text (or `continuation` spaces in).
    func hanging(after label: String, width: Int, continuation: Int? = nil) -> String {
        let indent = String(repeating: " ", count: continuation ?? label.count)
        var lines: [String] = []
        var line = label
        var empty = true
        for word in split(separator: " ") {
            if !empty, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent + word
            } else {
                line += (empty ? "" : " ") + word
            }
            empty = false
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
