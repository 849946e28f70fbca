#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// The persistent index of a ledger file, mapped read-only: queries binary-search the rows they
/// need, so a question costs O(log history) reads instead of a replay of the whole ledger.
///
/// An index is only used when it describes the ledger file exactly (same size, modification time
/// and inode, same last record and head hash) and its header checksum holds; each payload block
/// is checked against its checksum the first time a query reads it. Anything else means the
/// index is stale or damaged, and the ledger is read and indexed anew (`LedgerStore`).
///
/// This is where questions are answered from the rows; the rows themselves are read by
/// `IndexRows` (fields, as `IndexLayout` declares them) from `IndexSections` (checked bytes), and
/// the header by `IndexHeader`. Building the index is `IndexFile+Building`.
///
/// One `IndexFile` may answer questions from several threads at once: what it learns while
/// answering (which blocks are checked, the rows of records met, the ledger once read in full)
/// is kept behind locks or atomics, and what one answer builds for itself stays its own.
public final class IndexFile: Sendable {
    /// The index's rows, read field by field from its checked sections.
    let rows: IndexRows
    let ledgerPath: String
    let unitCount: Int
    let taskCount: Int
    /// Records the index file itself covers (the tail's come after them).
    let recordCount: Int
    /// The hash of the last record the index file covers.
    let baseHead: String
    /// The ledger's stamp when the index was written; its size is where the tail's lines start.
    let indexedStamp: FileSystem.FileStamp
    var indexedLedgerSize: UInt64 { indexedStamp.size }
    /// The latest effective day of the records the index covers.
    let lastEffectiveDay: Int
    /// Records appended since the index was written (see `IndexTail`), in seq order, which is the
    /// order they take effect: each takes effect on or after every record before it.
    let tail: [Record]
    /// The hash of the ledger's last record.
    public let head: String
    /// When the ledger's last record was recorded; queries known earlier need the full ledger.
    public let lastRecorded: TransactionTime
    /// The whole ledger, once a question needed it. Locked while it is read, so it is read once.
    let fullLedgerCache = Locked<Ledger?>(nil)
    /// Rows of the records met while reading, so provenance need not search for them by id.
    let recordRows = Locked<[RecordID: Int]>([:])
    /// The last partial state built: `responsible` and its provenance ask for the same one.
    let lastPartialState = Locked<PartialState?>(nil)
    /// The index built anew with the tail's records in its rows, once a question needed them
    /// there (`foldingTail()`).
    let foldedIndex = Locked<IndexFile?>(nil)
    /// For the index a dry run lays out (`LedgerAppender`): the batch's lines, which its rows place
    /// after the ledger file's end, where the file has not got them.
    let pendingLines: PendingLines?

    /// Lines the index covers that are not in the ledger file: they start at its end.
    struct PendingLines: Sendable {
        var start: UInt64
        var bytes: [UInt8]
    }

    /// A partial state (`partialState(forTask:on:known:unitRecords:)`) and what it was built for.
    struct PartialState: Sendable {
        var task: TaskID
        var day: Int
        var known: KnownRecords
        var unitRecords: Bool
        var state: OrgState?
    }

    /// Opens the index of the ledger at `ledgerPath` if it matches that file exactly; nil if it is
    /// missing, stale or damaged.
    public static func open(ledgerPath: String) -> IndexFile? {
        guard let committed = try? CommittedLedger.open(ledgerPath) else { return nil }
        return open(committed)
    }

    /// The index of the committed ledger, if it is trustworthy (see `FileSystem.isTrustworthy`)
    /// and describes exactly that ledger.
    static func open(_ committed: CommittedLedger) -> IndexFile? {
        let ledgerPath = committed.file.path
        guard let (index, info) = FileSystem.openTrusted(path(forLedger: ledgerPath), ledgerOwner: committed.owner),
              let file = FileSystem.map(index, length: Int(info.st_size))
        else { return nil }
        file.adviseRandomAccess()
        return try? IndexFile(file: file, ledgerPath: ledgerPath, ledgerStamp: committed.stamp, ledgerOwner: committed.owner)
    }

    init(file: FileSystem.MappedFile, ledgerPath: String, ledgerStamp: FileSystem.FileStamp, ledgerOwner: uid_t,
         pendingLines: PendingLines? = nil) throws(IndexDamage) {
        self.pendingLines = pendingLines
        let header = try IndexHeader(file.bytes)
        let stored = header.stamp
        // Appends since the index was written are vouched for by the tail file, if it describes the
        // ledger as it is now; any other change to the file makes the index stale.
        var appended: IndexTail?
        if stored != ledgerStamp {
            guard let tail = IndexTail.read(forLedger: ledgerPath, ledgerOwner: ledgerOwner), tail.ledger == ledgerStamp, stored.inode == ledgerStamp.inode,
                  stored.size < ledgerStamp.size
            else { throw IndexDamage("stale") }
            appended = tail
        }
        rows = IndexRows(sections: IndexSections(file: file, header: header))
        self.ledgerPath = ledgerPath
        unitCount = header.unitCount
        taskCount = header.taskCount
        recordCount = header.recordCount
        baseHead = header.head
        indexedStamp = stored
        lastEffectiveDay = header.lastEffectiveDay
        if let appended {
            guard appended.baseRecords == recordCount, appended.baseHead == baseHead else { throw IndexDamage("tail of another index") }
            tail = try IndexFile.readTail(appended, ledgerPath: ledgerPath, from: stored.size, after: recordCount, head: baseHead,
                                          lastRecorded: recordCount > 0 ? header.lastRecorded : nil, lastEffectiveDay: lastEffectiveDay)
            head = appended.head
            lastRecorded = appended.lastRecorded
        } else {
            tail = []
            head = baseHead
            lastRecorded = header.lastRecorded
        }
        try checkLastRecord(ledgerSize: stored.size)
    }

    /// The ledger's lines after the indexed ones, chain-checked as a continuation of the indexed
    /// records, each one a record the tail may hold.
    private static func readTail(_ appended: IndexTail, ledgerPath: String, from offset: UInt64, after count: Int, head: String,
                                 lastRecorded: TransactionTime?, lastEffectiveDay: Int) throws(IndexDamage) -> [Record] {
        guard let bytes = FileSystem.readRange(ledgerPath, offset: offset, count: Int(appended.ledger.size - offset)),
              bytes.last == 0x0A
        else { throw IndexDamage("tail lines") }
        var verifier = ChainVerifier(after: count, head: head, lastRecorded: lastRecorded)
        do {
            try bytes.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(IntegrityError) in
                var start = 0
                while start < all.count, let end = all[start...].firstIndex(of: 0x0A) {
                    try verifier.append(line: UnsafeBufferPointer(rebasing: all[start..<end]))
                    start = end + 1
                }
            }
        } catch {
            throw IndexDamage("tail: \(error)")
        }
        var day = lastEffectiveDay
        for record in verifier.records {
            guard IndexTail.canHold(record.body, after: day) else { throw IndexDamage("tail record '\(record.id)'") }
            day = record.effectiveDate.firstDay
        }
        guard count + verifier.records.count == appended.records, verifier.head == appended.head else { throw IndexDamage("tail head") }
        return verifier.records
    }

    /// The `count` bytes at `offset` of the ledger the index covers: from the file, or from the
    /// pending lines past its end; nil if it has not got them all.
    func ledgerBytes(offset: UInt64, count: Int) -> [UInt8]? {
        guard let pendingLines, offset >= pendingLines.start else { return FileSystem.readRange(ledgerPath, offset: offset, count: count) }
        let start = Int(offset - pendingLines.start)
        guard count <= pendingLines.bytes.count - start else { return nil }
        return Array(pendingLines.bytes[start..<(start + count)])
    }

    /// The last line the index covers must be where the index says, complete, and carry its head hash.
    private func checkLastRecord(ledgerSize: UInt64) throws(IndexDamage) {
        guard recordCount > 0 else {
            guard ledgerSize == 0 else { throw IndexDamage("records") }
            return
        }
        let (offset, length) = try lineRange(recordCount - 1)
        guard offset + UInt64(length) + 1 == ledgerSize,
              let line = ledgerBytes(offset: offset, count: length + 1), line.last == 0x0A
        else { throw IndexDamage("last record") }
        let stored = line.dropLast().withUnsafeBufferPointer { HashChain.storedHash(inCanonicalLine: $0) }
        guard stored == baseHead else { throw IndexDamage("head") }
    }
}
