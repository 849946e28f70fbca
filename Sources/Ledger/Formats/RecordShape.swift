/// Which members of a record an author wrote are missing or unknown, found all at once.
///
/// Decoding stops at the first problem, which cost a new author one attempt per missing member;
/// and a misnamed member (`parentUnit`) was reported as its correct name missing (`parent`). So
/// a batch's record is first held against `RecordFormat`: every missing required member and every
/// unknown one, each unknown with the member it was probably meant to be. Only for batches: a
/// stored line is decoded as it always was (`FORMAT.md` §3.4), so its errors stay those of §7.
enum RecordShape {
    /// One problem, at a member's path (`changes[0].parent`).
    struct Problem: Hashable {
        var field: String
        var message: String
    }

    /// The problems of the record `value`, in the order of its members; empty if there are none
    /// (values are checked by decoding afterwards).
    static func problems(in value: JSONValue) -> [Problem] {
        guard case .object(let members) = value else { return [] }
        var problems = check(members, path: "", fields: RecordFormat.recordFields, ignoring: RecordFormat.chainFields)
        if case .array(let sources)? = value["sources"] {
            for (offset, source) in sources.enumerated() {
                guard case .object(let members) = source else { continue }
                problems += check(members, path: "sources[\(offset)].", fields: RecordFormat.sourceFields)
            }
        }
        if case .array(let changes)? = value["changes"] {
            for (offset, change) in changes.enumerated() {
                guard case .object(let members) = change else { continue }
                let path = "changes[\(offset)]."
                guard case .string(let op)? = change["op"] else {
                    if change["op"] == nil || change["op"] == .null { problems.append(Problem(field: path + "op", message: "is missing")) }
                    continue
                }
                guard let operation = RecordFormat.operation(op) else { continue } // decoding names the op
                problems += check(members, path: path, fields: operation.fields, ignoring: ["op"], of: op)
            }
        }
        return problems
    }

    /// The problems as one error: the classic "field 'x': is missing" for one, a list for more.
    static func error(_ problems: [Problem], recordID: RecordID) -> RecordFormatError? {
        guard let first = problems.first else { return nil }
        if problems.count == 1 { return RecordFormatError(recordID: recordID, field: first.field, message: first.message) }
        let list = problems.map { "field '\($0.field)' \($0.message)" }.joined(separator: "; ")
        return RecordFormatError(recordID: recordID, message: "\(problems.count) problems: \(list)")
    }

    private static func check(_ members: [(key: String, value: JSONValue)], path: String, fields: [RecordFormat.Field],
                              ignoring: [String] = [], of op: String? = nil) -> [Problem] {
        let names = fields.map(\.name)
        let present = Set(members.filter { $0.value != .null }.map(\.key))
        let missing = fields.filter { $0.isRequired && !present.contains($0.name) }.map(\.name)
        var problems: [Problem] = []
        var explained = Set<String>()
        for member in members where !names.contains(member.key) && !ignoring.contains(member.key) {
            var message = "is not a known field"
            if let nearest = NearestName.of(member.key, among: names) {
                message += "; did you mean '\(nearest)'?"
                if missing.contains(nearest) {
                    message += " ('\(nearest)' is missing)"
                    explained.insert(nearest)
                }
            } else {
                message += "; \(op.map { "\($0) has" } ?? "the fields here are") \(names.joined(separator: ", "))"
            }
            problems.append(Problem(field: path + member.key, message: message))
        }
        for name in missing where !explained.contains(name) {
            problems.append(Problem(field: path + name, message: "is missing"))
        }
        return problems
    }
}
