/// RFC 4180 CSV: CRLF line ends, fields quoted when they contain a comma, quote or line break,
/// quotes doubled. UTF-8 without a byte-order mark.
public enum CSV {
    /// One field, quoted if needed.
    public static func field(_ text: String) -> String {
        // Bytes, not Characters: "\r\n" is one Character and equals neither "\r" nor "\n".
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Rows joined with CRLF, ending in CRLF.
    public static func document(_ rows: [[String]]) -> String {
        rows.map(line).joined()
    }

    /// One row, its fields quoted if needed, ending in CRLF.
    static func line(_ row: [String]) -> String {
        row.map(field).joined(separator: ",") + "\r\n"
    }

    /// The responsibility map: `task,title,unit,unit_name,unit_kind,since,record,at`.
    public static func responsibilities(_ rows: [TaskAssignment], at date: ValidDate) -> String {
        let at = date.description
        return document([responsibilityColumns] + rows.map { responsibilityFields($0, at: at) })
    }

    /// `responsibilities(_:at:)` appended to `output` row by row: at a million rows the document
    /// (165 MB) is never held whole.
    public static func writeResponsibilities<Failure>(_ rows: [TaskAssignment], at date: ValidDate,
                                                      to output: inout ChunkedOutput<Failure>) throws(Failure) {
        let at = date.description
        try output.append(line(responsibilityColumns))
        for row in rows { try output.append(line(responsibilityFields(row, at: at))) }
    }

    /// The units on a date: `unit,name,abbreviation,kind,parent,relation,established,at`.
    public static func units(_ rows: [UnitListing], at date: ValidDate) -> String {
        let at = date.description
        return document([["unit", "name", "abbreviation", "kind", "parent", "relation", "established", "at"]] + rows.map { row in
            [row.unit.id, row.unit.name, row.unit.abbreviation ?? "", row.unit.kind.rawValue, row.parent ?? "",
             row.relation?.rawValue ?? "", row.established.description, at]
        })
    }

    /// A history, one record a row: `date,effective,record,type,title,recorded,corrects,retracts,`
    /// `withdrawn_by,withdrawal,changes,sources`; `changes` holds the changes that concern the
    /// subject as a JSON array (canonical form), `sources` the sources' titles and URLs, one a line.
    public static func history(_ history: EntityHistory) -> String {
        document([historyColumns] + history.entries.map(historyFields))
    }

    /// The header line of `history(_:)`.
    public static var historyHeader: String { line(historyColumns) }

    /// One entry's line of `history(_:)`, for a history written as it is read.
    public static func historyLine(_ entry: EntityHistory.Entry) -> String { line(historyFields(entry)) }

    private static let historyColumns = ["date", "effective", "record", "type", "title", "recorded", "corrects", "retracts",
                                         "withdrawn_by", "withdrawal", "changes", "sources"]

    private static func historyFields(_ entry: EntityHistory.Entry) -> [String] {
        let record = entry.record
        return [record.date.description, record.effectiveDate.description, record.id, record.type.rawValue, record.title,
                record.recorded.description, record.corrects ?? "", record.retracts ?? "", entry.withdrawnBy ?? "",
                entry.withdrawal?.rawValue ?? "", CanonicalJSON.string(of: .array(entry.changes.map(\.json))),
                record.sources.map { $0.title + ($0.url.map { " <\($0)>" } ?? "") }.joined(separator: "\n")]
    }

    private static let responsibilityColumns = ["task", "title", "unit", "unit_name", "unit_kind", "since", "record", "at"]

    private static func responsibilityFields(_ row: TaskAssignment, at date: String) -> [String] {
        [row.task, row.title, row.unit?.id ?? "", row.unit?.name ?? "", row.unit?.kind.rawValue ?? "",
         row.since?.description ?? "", row.record ?? "", date]
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
