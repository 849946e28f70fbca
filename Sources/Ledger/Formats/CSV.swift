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
        rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// The responsibility map: `task,title,unit,unit_name,unit_kind,since,record,at`.
    public static func responsibilities(_ rows: [TaskAssignment], at date: ValidDate) -> String {
        document([["task", "title", "unit", "unit_name", "unit_kind", "since", "record", "at"]] + rows.map {
            [$0.task, $0.title, $0.unit?.id ?? "", $0.unit?.name ?? "", $0.unit?.kind.rawValue ?? "",
             $0.since?.description ?? "", $0.record ?? "", date.description]
        })
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
