/// How a record's `hash` is computed: SHA-256 over the canonical JSON of the record without its
/// `hash` member.
public enum HashChain {
    /// The hash a record with these members must carry; `json` may include `hash`, which is left out.
    public static func hash(of json: JSONValue) -> String {
        guard case .object(let members) = json else { return SHA256.hex(of: CanonicalJSON.bytes(of: json)) }
        return SHA256.hex(of: CanonicalJSON.bytes(of: .object(members.filter { $0.key != "hash" })))
    }

    private static let hashMarker: [UInt8] = Array(#","hash":""#.utf8)
    /// `,"hash":"` + 64 hex digits + `"`.
    private static let hashMemberLength = hashMarker.count + 64 + 1

    /// Where the top-level `,"hash":"…"` member starts in a canonical record line. In canonical
    /// form a `"` inside a string is always escaped, so `,"hash":"` occurs only as the member
    /// itself (records have no other `hash` key); `hash` is never the first key because `changes`
    /// sorts before it. Nil if the member is not there.
    static func hashMemberOffset(in line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard line.count > hashMemberLength else { return nil }
        var start = 0
        search: while start <= line.count - hashMemberLength {
            for (offset, byte) in hashMarker.enumerated() where line[start + offset] != byte {
                start += 1
                continue search
            }
            return line[start + hashMemberLength - 1] == UInt8(ascii: "\"") ? start : nil
        }
        return nil
    }

    /// The `hash` a canonical record line carries, read without decoding the line.
    static func storedHash(inCanonicalLine line: UnsafeBufferPointer<UInt8>) -> String? {
        guard let start = hashMemberOffset(in: line) else { return nil }
        let digits = start + hashMarker.count
        return String(decoding: UnsafeBufferPointer(rebasing: line[digits..<(digits + 64)]), as: UTF8.self)
    }

    /// The hash of a canonical record line without its top-level `hash` member, computed over the
    /// bytes around that member. Nil if the member is not found.
    static func hashOfCanonicalLineWithoutHash(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        guard let start = hashMemberOffset(in: line), let (before, after) = bytes(of: line, aroundHashMemberAt: start) else { return nil }
        var hasher = SHA256()
        hasher.update(buffer: before)
        hasher.update(buffer: after)
        return SHA256.hexString(hasher.finalize())
    }

    /// Whether the line hashes to the 64 hex digits `hash`, the `,"hash":"…"` member (which the
    /// caller knows starts at `start`) left out; as `hashOfCanonicalLineWithoutHash`, without
    /// building strings.
    static func canonicalLine(_ line: UnsafeBufferPointer<UInt8>, withoutHashMemberAt start: Int, hashesTo hash: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let (before, after) = bytes(of: line, aroundHashMemberAt: start) else { return false }
        return SHA256.digest(of: before, after, isHex: hash)
    }

    /// The line's bytes before and after its `,"hash":"…"` member, which starts at `start`; nil if
    /// it does not.
    private static func bytes(of line: UnsafeBufferPointer<UInt8>,
                              aroundHashMemberAt start: Int) -> (UnsafeRawBufferPointer, UnsafeRawBufferPointer)? {
        guard start >= 0, start + hashMemberLength <= line.count,
              line[start..<(start + hashMarker.count)].elementsEqual(hashMarker) else { return nil }
        return (UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: line[0..<start])),
                UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: line[(start + hashMemberLength)...])))
    }

    /// Seals a body into the next record of a chain: fills in `seq`, `recorded`, `prev` and `hash`.
    public static func seal(_ body: RecordBody, seq: Int, recorded: TransactionTime, prev: String) -> Record {
        var record = Record(body: body, seq: seq, recorded: recorded, prev: prev, hash: "")
        record.hash = SHA256.hex(of: CanonicalJSON.bytes(of: record.jsonWithoutHash))
        return record
    }
}
