/// How a record's `hash` is computed: SHA-256 over the canonical JSON of the record without its
/// `hash` member.
public enum HashChain {
    /// The hash a record with these members must carry; `json` may include `hash`, which is left out.
    public static func hash(of json: JSONValue) -> String {
        guard case .object(let members) = json else { return SHA256.hex(of: CanonicalJSON.bytes(of: json)) }
        return SHA256.hex(of: CanonicalJSON.bytes(of: .object(members.filter { $0.key != "hash" })))
    }

    /// The hash of a canonical record line without its top-level `hash` member, computed over the
    /// bytes around that member. In canonical form a `"` inside a string is always escaped, so
    /// `,"hash":"` occurs only as the member itself (records have no other `hash` key); `hash` is
    /// never the first key because `changes` sorts before it. Nil if the member is not found.
    static func hashOfCanonicalLineWithoutHash(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        let marker: [UInt8] = Array(#","hash":""#.utf8)
        let memberLength = marker.count + 64 + 1  // ,"hash":" + 64 hex + "
        guard line.count > memberLength else { return nil }
        var start = 0
        let last = line.count - memberLength
        search: while start <= last {
            for (offset, byte) in marker.enumerated() where line[start + offset] != byte {
                start += 1
                continue search
            }
            guard line[start + memberLength - 1] == UInt8(ascii: "\"") else { return nil }
            var hasher = SHA256()
            hasher.update(buffer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: line[0..<start])))
            hasher.update(buffer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: line[(start + memberLength)...])))
            return SHA256.hexString(hasher.finalize())
        }
        return nil
    }

    /// Seals a body into the next record of a chain: fills in `seq`, `recorded`, `prev` and `hash`.
    public static func seal(_ body: RecordBody, seq: Int, recorded: TransactionTime, prev: String) -> Record {
        var record = Record(body: body, seq: seq, recorded: recorded, prev: prev, hash: "")
        record.hash = SHA256.hex(of: CanonicalJSON.bytes(of: record.jsonWithoutHash))
        return record
    }
}
