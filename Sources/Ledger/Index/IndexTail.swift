#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What `append` writes beside the index instead of rewriting it: that the ledger has grown by
/// records appended after the index was built (the tail), and what the file looks like since.
///
/// Rewriting a 10⁶-record index for every appended record would make an append cost as much as
/// reading the whole ledger. Instead the index keeps describing the records it was built from,
/// and this small file (`<ledger>.index-tail`) vouches for the lines after them: the ledger's
/// stamp after the last append, the record count and the head. A query reads and chain-checks
/// those lines and applies them on top of the index. Only appends that take effect on or after
/// every earlier record (no backdating, corrections or retractions) go into a tail, so applying
/// the tail last is the same order a full replay uses. The tail is void as soon as the ledger
/// changes in any other way (its stamp no longer matches), and a full index rewrite removes it.
struct IndexTail: Equatable {
    static let magic: [UInt8] = Array("LDGRTAIL".utf8)
    static let version: UInt32 = 2
    static var size: Int { Layout.size }

    /// The file's fields, as docs/FORMAT.md §8.3.1 gives them. `ChecksummedFields` writes the
    /// magic, version, zero and checksum; `bytes` the others, in this order.
    enum Layout: IndexRow {
        static let size = 204
        static let magic = IndexRowField<Self>(offset: 0, width: 8)
        static let version = IndexRowField<Self>(offset: 8, width: 4)
        static let zero = IndexRowField<Self>(offset: 12, width: 4)
        static let baseRecords = IndexRowField<Self>(offset: 16, width: 8)
        static let baseHead = IndexRowField<Self>(offset: 24, width: 64)
        static let ledgerSize = IndexRowField<Self>(offset: 88, width: 8)
        static let ledgerModified = IndexRowField<Self>(offset: 96, width: 8)
        static let ledgerInode = IndexRowField<Self>(offset: 104, width: 8)
        static let records = IndexRowField<Self>(offset: 112, width: 8)
        static let head = IndexRowField<Self>(offset: 120, width: 64)
        static let lastRecorded = IndexRowField<Self>(offset: 184, width: 8)
        static let ledgerChanged = IndexRowField<Self>(offset: 192, width: 8)
        static let checksum = IndexRowField<Self>(offset: 200, width: 4)
        static let fields = [magic, version, zero, baseRecords, baseHead, ledgerSize, ledgerModified, ledgerInode, records, head,
                             lastRecorded, ledgerChanged, checksum]
    }

    /// The records the index file itself covers, and the hash of the last of them.
    var baseRecords: Int
    var baseHead: String
    /// The ledger file after the last append.
    var ledger: FileSystem.FileStamp
    /// All records in the ledger, the head, and when the last was recorded.
    var records: Int
    var head: String
    var lastRecorded: TransactionTime

    static func path(forLedger ledgerPath: String) -> String { ledgerPath + ".index-tail" }

    /// Whether a record can join a tail whose latest effective day is `day`: it takes effect on
    /// or after it, withdraws nothing (a correction or retraction changes earlier answers), and
    /// takes effect on an exact date (the index lists the records with a date the sources leave
    /// open, which only a rewritten index can add to). Dissolutions may (index version 14): the
    /// index counts each unit's live sub-units and held tasks, which their rule needs. The one
    /// predicate: `append` asks it before it writes a tail, and a tail read back that breaks it
    /// is damage.
    static func canHold(_ body: RecordBody, after day: Int) -> Bool {
        body.effectiveDate.isExact
            && !EffectiveOrder.reachesBack(withdrawing: body.corrects != nil || body.retracts != nil,
                                           day: body.effectiveDate.firstDay, latestDay: day)
    }

    /// The tail file beside `ledgerPath`, if there is one, it is intact and it is trustworthy
    /// (see `FileSystem.isTrustworthy`).
    static func read(forLedger ledgerPath: String, ledgerOwner: uid_t) -> IndexTail? {
        guard let (file, info) = FileSystem.openTrusted(path(forLedger: ledgerPath), ledgerOwner: ledgerOwner),
              info.st_size == size, let bytes = FileSystem.readPrefix(file, limit: size), bytes.count == size
        else { return nil }
        return IndexTail(bytes: bytes)
    }

    /// Replaces the tail file. Not fsynced: it is a cache, checked on every read, and a tail lost
    /// in a crash only means the next query rebuilds the index.
    func write(forLedger ledgerPath: String) -> Bool {
        (try? FileSystem.replaceQuickly(bytes, at: IndexTail.path(forLedger: ledgerPath))) != nil
    }

    static func remove(forLedger ledgerPath: String) {
        unlink(path(forLedger: ledgerPath))
    }

    var bytes: [UInt8] {
        ChecksummedFields.seal(magic: IndexTail.magic, version: IndexTail.version) { writer in
            writer.u64(UInt64(baseRecords))
            writer.bytes.append(contentsOf: Array(baseHead.utf8))
            writer.u64(ledger.size)
            writer.i64(ledger.modifiedNanoseconds)
            writer.u64(ledger.inode)
            writer.u64(UInt64(records))
            writer.bytes.append(contentsOf: Array(head.utf8))
            writer.i64(lastRecorded.nanoseconds)
            writer.i64(ledger.changedNanoseconds)
        }
    }

    init(baseRecords: Int, baseHead: String, ledger: FileSystem.FileStamp, records: Int, head: String, lastRecorded: TransactionTime) {
        self.baseRecords = baseRecords
        self.baseHead = baseHead
        self.ledger = ledger
        self.records = records
        self.head = head
        self.lastRecorded = lastRecorded
    }

    private init?(bytes: [UInt8]) {
        guard let fields = ChecksummedFields(bytes, magic: IndexTail.magic, version: IndexTail.version, size: IndexTail.size),
              let baseRecords = Int(exactly: fields.u64(Layout.baseRecords.offset)), let records = Int(exactly: fields.u64(Layout.records.offset))
        else { return nil }
        self.baseRecords = baseRecords
        baseHead = fields.hex(Layout.baseHead.offset)
        ledger = FileSystem.FileStamp(size: fields.u64(Layout.ledgerSize.offset), modifiedNanoseconds: fields.i64(Layout.ledgerModified.offset),
                                      inode: fields.u64(Layout.ledgerInode.offset), changedNanoseconds: fields.i64(Layout.ledgerChanged.offset))
        self.records = records
        head = fields.hex(Layout.head.offset)
        lastRecorded = TransactionTime(nanosecondsSinceEpoch: fields.i64(Layout.lastRecorded.offset))
    }
}
