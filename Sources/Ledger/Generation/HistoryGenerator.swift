/// A synthetic, valid, hash-chained ledger for benchmarks and tests: several states with their
/// governments, ministries, authorities, departments, divisions and teams, about ten times as many
/// tasks as units, and 1950–2025 of establishing, renaming, moving, dissolving, task transfers,
/// supervision and appointments, with partial dates, corrections and retractions.
///
/// The same record count and seed always give the same records, byte for byte: the randomness is
/// a `SeededRandom`, and `recorded` counts seconds from a fixed moment instead of reading a clock.
///
/// ```swift
/// for record in HistoryGenerator(records: 2_000, seed: 7) {
///     print(record.canonicalLine)
/// }
/// ```
public struct HistoryGenerator: Sequence, Sendable {
    /// How many records the ledger has.
    public let recordCount: Int
    public let seed: UInt64
    /// How the history is recorded; `.classic` unless asked.
    public let shape: HistoryShape

    /// `recorded` of the first record, 2025-01-01T00:00:00Z; each further record is one second later.
    public static let firstRecorded = TransactionTime(secondsSinceEpoch: 1_735_689_600)

    public init(records: Int, seed: UInt64 = 1, shape: HistoryShape = .classic) {
        precondition(records >= 0, "a ledger cannot have a negative number of records")
        self.recordCount = records
        self.seed = seed
        self.shape = shape
    }

    public func makeIterator() -> Iterator { Iterator(recordCount: recordCount, seed: seed, shape: shape) }

    /// Produces the records one at a time, sealing each onto the chain, so a ledger of any size
    /// can be streamed without holding it.
    public struct Iterator: IteratorProtocol {
        private var planner: HistoryPlanner
        private let recordCount: Int
        private var seq = 0
        private var prev = Record.genesisHash

        init(recordCount: Int, seed: UInt64, shape: HistoryShape) {
            self.recordCount = recordCount
            planner = HistoryPlanner(recordCount: recordCount, seed: seed, shape: shape)
        }

        public mutating func next() -> Record? { nextLine()?.record }

        /// The next record with its line in the log (canonical JSON, without the newline).
        ///
        /// Serialising is most of the cost of generating, so the line is made from the bytes the
        /// hash was computed over instead of serialising the record a second time: in canonical
        /// order the `hash` member comes right before `id`, and `"id":` occurs nowhere else (no
        /// nested object has an `id` key, and inside strings every `"` is escaped).
        mutating func nextLine() -> (record: Record, line: [UInt8])? {
            guard seq < recordCount else { return nil }
            seq += 1
            let body = planner.nextBody()
            let recorded = TransactionTime(
                nanosecondsSinceEpoch: HistoryGenerator.firstRecorded.nanoseconds + Int64(seq - 1) * 1_000_000_000)
            var record = Record(body: body, seq: seq, recorded: recorded, prev: prev, hash: "")
            let unhashed = CanonicalJSON.bytes(of: record.jsonWithoutHash)
            record.hash = SHA256.hex(of: unhashed)
            prev = record.hash
            let idKey = Array(#""id":"#.utf8)
            var at = 1
            while !unhashed[at..<(at + idKey.count)].elementsEqual(idKey) { at += 1 }
            var line: [UInt8] = []
            line.reserveCapacity(unhashed.count + 76)
            line.append(contentsOf: unhashed[..<at])
            line.append(contentsOf: #""hash":""#.utf8)
            line.append(contentsOf: record.hash.utf8)
            line.append(contentsOf: #"","#.utf8)
            line.append(contentsOf: unhashed[at...])
            return (record, line)
        }
    }
}
