/// How a record's `hash` is computed: SHA-256 over the canonical JSON of the record without its
/// `hash` member.
public enum HashChain {
    /// The hash a record with these members must carry; `json` may include `hash`, which is left out.
    public static func hash(of json: JSONValue) -> String {
        guard case .object(let members) = json else { return SHA256.hex(of: CanonicalJSON.bytes(of: json)) }
        return SHA256.hex(of: CanonicalJSON.bytes(of: .object(members.filter { $0.key != "hash" })))
    }

    /// Seals a body into the next record of a chain: fills in `seq`, `recorded`, `prev` and `hash`.
    public static func seal(_ body: RecordBody, seq: Int, recorded: TransactionTime, prev: String) -> Record {
        var record = Record(body: body, seq: seq, recorded: recorded, prev: prev, hash: "")
        record.hash = SHA256.hex(of: CanonicalJSON.bytes(of: record.jsonWithoutHash))
        return record
    }
}
