extension RecordBody {
    /// The members a body may have; the chain members are added by `Record`.
    static let bodyKeys: Set<String> = [
        "id", "date", "effective", "type", "title", "actor", "note", "about", "sources", "changes",
        "corrects", "retracts",
    ]
    static let chainKeys: Set<String> = ["seq", "recorded", "prev", "hash"]

    /// Decodes a body from a JSON object. With `allowChainFields`, the chain members are skipped
    /// (read by `Record`); without, their presence is an error, because the ledger fills them in.
    init(json: JSONValue, allowChainFields: Bool = false) throws(RecordFormatError) {
        var r = try JSONObjectReader(json, path: "")
        // The id first and on its own: every later error names the record by it.
        let id = try r.slug("id")
        // An author's record: every missing and unknown member named at once (a stored line is
        // decoded as it always was, first problem first).
        if !allowChainFields, let error = RecordShape.error(RecordShape.problems(in: json), recordID: id) { throw error }
        do throws(RecordFormatError) {
            self.init(
                id: id, date: try r.date("date"), effective: try r.optionalDate("effective"),
                type: RecordType(rawValue: try r.slug("type")), title: try r.line("title"),
                actor: try r.optionalSlug("actor"), note: try r.optionalString("note"))
            if let about = try r.optionalArray("about") {
                self.about = try about.enumerated().map { (offset, element) throws(RecordFormatError) in
                    guard case .string(let text) = element, Slug.isValid(text) else {
                        throw RecordFormatError(field: "about[\(offset)]", message: "expected a unit or task id")
                    }
                    return text
                }
            }
            guard let sources = try r.optionalArray("sources") else {
                throw RecordFormatError(field: "sources", message: "is missing; every record cites at least one source")
            }
            self.sources = try sources.enumerated().map { (offset, element) throws(RecordFormatError) in
                try Source(json: element, path: "sources[\(offset)]")
            }
            let changes = try r.optionalArray("changes") ?? []
            self.changes = try changes.enumerated().map { (offset, element) throws(RecordFormatError) in
                try Change(json: element, path: "changes[\(offset)]")
            }
            self.corrects = try r.optionalSlug("corrects")
            self.retracts = try r.optionalSlug("retracts")
            if allowChainFields {
                for key in Self.chainKeys { _ = r.value(key) }
            } else {
                for key in Self.chainKeys where r.value(key) != nil {
                    throw RecordFormatError(field: key, message: "is filled in by the ledger on append; leave it out")
                }
            }
            try r.rejectUnknownMembers(excluding: allowChainFields ? [] : RecordFormat.chainFields)
        } catch {
            var error = error
            error.recordID = id
            throw error
        }
    }

    /// The body's members as JSON, optional members present only when set.
    var jsonMembers: [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(id)), ("date", .string(date.description)),
        ]
        if let effective { members.append(("effective", .string(effective.description))) }
        members.append(("type", .string(type.rawValue)))
        members.append(("title", .string(title)))
        if let actor { members.append(("actor", .string(actor))) }
        if let note { members.append(("note", .string(note))) }
        if let about { members.append(("about", .array(about.map(JSONValue.string)))) }
        members.append(("sources", .array(sources.map(\.json))))
        members.append(("changes", .array(changes.map(\.json))))
        if let corrects { members.append(("corrects", .string(corrects))) }
        if let retracts { members.append(("retracts", .string(retracts))) }
        return members
    }

    /// The body as a JSON object (what an author writes for `append`).
    public var json: JSONValue { .object(jsonMembers) }
}

extension Source {
    init(json: JSONValue, path: String) throws(RecordFormatError) {
        var r = try JSONObjectReader(json, path: path)
        self.init(
            title: try r.line("title"), url: try r.optionalLine("url"), published: try r.optionalDate("published"),
            seed: try r.optionalLine("seed"))
        try r.rejectUnknownMembers()
    }

    var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [("title", .string(title))]
        if let url { members.append(("url", .string(url))) }
        if let published { members.append(("published", .string(published.description))) }
        if let seed { members.append(("seed", .string(seed))) }
        return .object(members)
    }
}

extension Record {
    /// Decodes a stored record (body plus `seq`, `recorded`, `prev`, `hash`).
    public init(json: JSONValue) throws(RecordFormatError) {
        let body = try RecordBody(json: json, allowChainFields: true)
        var r = try JSONObjectReader(json, path: "")
        do throws(RecordFormatError) {
            let seq = try r.integer("seq")
            guard seq >= 1 else { throw RecordFormatError(field: "seq", message: "must be 1 or more") }
            let recordedText = try r.string("recorded")
            let recorded: TransactionTime
            do { recorded = try TransactionTime(parsingRecorded: recordedText) } catch {
                throw RecordFormatError(field: "recorded", message: error.description)
            }
            let prev = try r.string("prev")
            let hash = try r.string("hash")
            for (key, value) in [("prev", prev), ("hash", hash)] where !Self.isHexDigest(value) {
                throw RecordFormatError(field: key, message: "expected 64 lowercase hex digits")
            }
            self.init(body: body, seq: seq, recorded: recorded, prev: prev, hash: hash)
        } catch {
            var error = error
            error.recordID = body.id
            throw error
        }
    }

    static func isHexDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// The record as JSON without `hash`: what the hash is computed over.
    public var jsonWithoutHash: JSONValue {
        var members = body.jsonMembers
        members.append(("seq", .number(String(seq))))
        members.append(("recorded", .string(recorded.description)))
        members.append(("prev", .string(prev)))
        return .object(members)
    }

    /// The full record as JSON, as stored in the log.
    public var json: JSONValue {
        guard case .object(var members) = jsonWithoutHash else { preconditionFailure() }
        members.append(("hash", .string(hash)))
        return .object(members)
    }

    /// The record's line in the log: canonical JSON, without the trailing newline.
    public var canonicalLine: String { CanonicalJSON.string(of: json) }
}
