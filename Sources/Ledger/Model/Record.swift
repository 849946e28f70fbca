/// A record as stored in the ledger: its body plus the chain fields the ledger filled in.
///
/// Body fields read through directly (`record.id`, `record.changes`).
@dynamicMemberLookup
public struct Record: Hashable, Sendable {
    public var body: RecordBody
    /// 1, 2, 3, … with no gaps.
    public var seq: Int
    /// When the record entered the ledger; never decreasing along the log.
    public var recorded: TransactionTime
    /// `hash` of the previous record; 64 zeros for the first.
    public var prev: String
    /// Lowercase hex SHA-256 of the record's canonical JSON without the `hash` member.
    public var hash: String

    public init(body: RecordBody, seq: Int, recorded: TransactionTime, prev: String, hash: String) {
        self.body = body
        self.seq = seq
        self.recorded = recorded
        self.prev = prev
        self.hash = hash
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<RecordBody, Value>) -> Value {
        body[keyPath: keyPath]
    }

    /// The `prev` of the first record.
    public static let genesisHash = String(repeating: "0", count: 64)
}
