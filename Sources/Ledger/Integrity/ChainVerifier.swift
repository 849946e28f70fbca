/// Checks that a sequence of log lines is the chain the ledger wrote: each line canonical, `seq`
/// contiguous from 1, `prev` linking to the previous `hash`, `hash` matching the content,
/// `recorded` never decreasing and ids unique.
public struct ChainVerifier {
    public private(set) var records: [Record] = []
    private var firstLine: [RecordID: Int] = [:]
    private var lineNumber = 0
    /// Where the lines continue a chain already checked: its length, head and last `recorded`.
    private let baseCount: Int
    private let baseHead: String
    private let baseRecorded: TransactionTime?

    public init() {
        self.init(after: 0, head: Record.genesisHash, lastRecorded: nil)
    }

    /// Checks lines that continue a chain of `count` records ending in `head` (for the lines after
    /// those an index covers); line numbers count from `count + 1`.
    public init(after count: Int, head: String, lastRecorded: TransactionTime?) {
        baseCount = count
        baseHead = head
        baseRecorded = lastRecorded
        lineNumber = count
    }

    /// The hash of the last record, or 64 zeros for an empty chain.
    public var head: String { records.last?.hash ?? baseHead }

    /// Checks and keeps one complete line (without its newline).
    public mutating func append(line bytes: UnsafeBufferPointer<UInt8>) throws(IntegrityError) {
        lineNumber += 1
        let line = lineNumber
        let (record, computed) = try ChainVerifier.decode(line: bytes, number: line)
        try check(record, computedHash: computed, line: line)
    }

    /// Decodes line number `number` of a ledger, checks its canonical form and computes its hash;
    /// the checks that link it to the lines before are `check`'s.
    static func decode(line bytes: UnsafeBufferPointer<UInt8>, number line: Int) throws(IntegrityError) -> (Record, String) {
        if let record = CanonicalRecordDecoder.decode(bytes), let computed = HashChain.hashOfCanonicalLineWithoutHash(bytes) {
            return (record, computed)
        }
        let json: JSONValue
        let isCanonical: Bool
        do {
            (json, isCanonical) = try JSONParser.parseCheckingCanonicalForm(bytes)
        } catch {
            if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                // An editor saved the file with a byte order mark: say so, rather than "not JSON".
                throw .malformedLine(line: line, RecordFormatError(message: "the file begins with a UTF-8 byte order mark (bytes EF BB BF), which a ledger never holds; an editor added it: remove those three bytes"))
            }
            throw .malformedLine(line: line, RecordFormatError(message: error.description))
        }
        let record: Record
        do {
            record = try Record(json: json)
        } catch {
            throw .malformedLine(line: line, error)
        }
        guard isCanonical else {
            throw .notCanonical(line: line, seq: record.seq, id: record.id)
        }
        // The line is canonical, so the canonical form without `hash` is the line with the
        // `"hash":"…",` member cut out: hash the two slices around it instead of writing the
        // record out again.
        return (record, HashChain.hashOfCanonicalLineWithoutHash(bytes) ?? HashChain.hash(of: json))
    }

    /// Checks and keeps one record already decoded (its line is `line`).
    mutating func check(_ record: Record, computedHash computed: String, line: Int) throws(IntegrityError) {
        let expectedSeq = baseCount + records.count + 1
        guard record.seq == expectedSeq else {
            throw .seqGap(line: line, id: record.id, expected: expectedSeq, found: record.seq)
        }
        guard record.prev == head else {
            throw .brokenLink(line: line, seq: record.seq, id: record.id, expected: head, found: record.prev)
        }
        guard computed == record.hash else {
            throw .hashMismatch(line: line, seq: record.seq, id: record.id, stored: record.hash, computed: computed)
        }
        if let previous = records.last?.recorded ?? baseRecorded, record.recorded < previous {
            throw .recordedDecreases(line: line, seq: record.seq, id: record.id,
                                     recorded: record.recorded.description, previous: previous.description)
        }
        if let first = firstLine[record.id] {
            throw .duplicateID(line: line, seq: record.seq, id: record.id, firstLine: first)
        }
        firstLine[record.id] = line
        records.append(record)
    }
}
