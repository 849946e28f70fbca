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
public final class IndexFile: @unchecked Sendable {
    let file: FileSystem.MappedFile
    let ledgerPath: String
    let payloadStart: Int
    let payloadLength: Int
    let sections: [Int]
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
    /// One bit per payload block: whether it has been checked. Bits, not a `[Bool]`: at 10⁶
    /// records a byte per block was 15 pages to fault in for a query that reads a hundred blocks.
    private var verifiedBlocks: [UInt64]
    /// The whole ledger, once a question needed it.
    var loadedLedger: Ledger?
    /// Rows of the records met while reading, so provenance need not search for them by id.
    var recordRows: [RecordID: Int] = [:]
    /// Strings read by `sharedString`, by their place in the string blob, while an answer about
    /// the whole organisation is worked out; nil otherwise, so point queries keep nothing.
    var sharedStrings: [Int: String]?
    /// The last partial state built: `responsible` and its provenance ask for the same one.
    var lastPartialState: (task: TaskID, day: Int, unitRecords: Bool, state: OrgState?)?

    /// A block's checksum, as stored in the header: CRC-32C, little-endian. It tells a damaged
    /// block cheaply; forgery is the hash chain's business, since whoever can write the index can
    /// rewrite any checksum in it.
    static func blockChecksum(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        withUnsafeBytes(of: CRC32C.checksum(bytes).littleEndian) { Array($0) }
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

    init(file: FileSystem.MappedFile, ledgerPath: String, ledgerStamp: FileSystem.FileStamp, ledgerOwner: uid_t) throws(IndexDamage) {
        let raw = file.bytes
        func u32(_ at: Int) -> Int { Int(raw.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian) }
        func u64(_ at: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian }
        guard raw.count >= IndexLayout.headerSize, Array(raw[0..<8]) == IndexLayout.magic,
              u32(8) == IndexLayout.version, u32(12) == IndexLayout.blockSize
        else { throw IndexDamage("not an index of this version") }
        let blockCount = u32(IndexLayout.blockCountOffset)
        let checksumSize = IndexLayout.checksumSize
        let tableEnd = IndexLayout.headerSize + blockCount * checksumSize
        guard raw.count >= tableEnd + checksumSize,
              IndexFile.blockChecksum(UnsafeRawBufferPointer(rebasing: raw[0..<IndexLayout.headerSize]))
                == Array(raw[tableEnd..<(tableEnd + checksumSize)])
        else { throw IndexDamage("header checksum") }
        let stored = FileSystem.FileStamp(
            size: u64(IndexLayout.ledgerSizeOffset),
            modifiedNanoseconds: Int64(bitPattern: u64(IndexLayout.ledgerModifiedOffset)),
            inode: u64(IndexLayout.ledgerInodeOffset),
            changedNanoseconds: Int64(bitPattern: u64(IndexLayout.ledgerChangedOffset)))
        // Appends since the index was written are vouched for by the tail file, if it describes the
        // ledger as it is now; any other change to the file makes the index stale.
        var appended: IndexTail?
        if stored != ledgerStamp {
            guard let tail = IndexTail.read(forLedger: ledgerPath, ledgerOwner: ledgerOwner), tail.ledger == ledgerStamp, stored.inode == ledgerStamp.inode,
                  stored.size < ledgerStamp.size
            else { throw IndexDamage("stale") }
            appended = tail
        }
        self.file = file
        self.ledgerPath = ledgerPath
        payloadStart = tableEnd + checksumSize
        payloadLength = Int(u64(IndexLayout.payloadLengthOffset))
        guard raw.count == payloadStart + payloadLength,
              (payloadLength + IndexLayout.blockSize - 1) / IndexLayout.blockSize == blockCount
        else { throw IndexDamage("length") }
        let length = payloadLength
        let sectionOffsets = IndexLayout.Section.allCases.map { Int(u64(IndexLayout.sectionsOffset + 8 * $0.rawValue)) }
        guard sectionOffsets.allSatisfy({ $0 <= length }) else { throw IndexDamage("sections") }
        sections = sectionOffsets
        unitCount = u32(IndexLayout.countsOffset)
        taskCount = u32(IndexLayout.countsOffset + 4)
        recordCount = Int(u64(IndexLayout.recordCountOffset))
        baseHead = String(decoding: raw[IndexLayout.headOffset..<(IndexLayout.headOffset + 64)], as: UTF8.self)
        let baseRecorded = TransactionTime(nanosecondsSinceEpoch: Int64(bitPattern: u64(IndexLayout.lastRecordedOffset)))
        indexedStamp = stored
        lastEffectiveDay = Int(Int32(bitPattern: UInt32(u32(IndexLayout.lastEffectiveDayOffset))))
        verifiedBlocks = [UInt64](repeating: 0, count: (blockCount + 63) / 64)
        if let appended {
            guard appended.baseRecords == recordCount, appended.baseHead == baseHead else { throw IndexDamage("tail of another index") }
            tail = try IndexFile.readTail(appended, ledgerPath: ledgerPath, from: stored.size, after: recordCount, head: baseHead,
                                          lastRecorded: recordCount > 0 ? baseRecorded : nil, lastEffectiveDay: lastEffectiveDay)
            head = appended.head
            lastRecorded = appended.lastRecorded
        } else {
            tail = []
            head = baseHead
            lastRecorded = baseRecorded
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

    /// The last line the index covers must be where the index says, complete, and carry its head hash.
    private func checkLastRecord(ledgerSize: UInt64) throws(IndexDamage) {
        guard recordCount > 0 else {
            guard ledgerSize == 0 else { throw IndexDamage("records") }
            return
        }
        let (offset, length) = try lineRange(recordCount - 1)
        guard offset + UInt64(length) + 1 == ledgerSize,
              let line = FileSystem.readRange(ledgerPath, offset: offset, count: length + 1), line.last == 0x0A
        else { throw IndexDamage("last record") }
        let stored = line.dropLast().withUnsafeBufferPointer { HashChain.storedHash(inCanonicalLine: $0) }
        guard stored == baseHead else { throw IndexDamage("head") }
    }

    // MARK: Checked reads

    /// `count` payload bytes at `offset` within `section`, checking the blocks they lie in.
    func bytes(_ section: IndexLayout.Section, _ offset: Int, _ count: Int) throws(IndexDamage) -> UnsafeRawBufferPointer {
        let start = sections[section.rawValue] + offset
        guard offset >= 0, count >= 0, start + count <= payloadLength else { throw IndexDamage("out of bounds") }
        if count > 0 {
            for block in (start / IndexLayout.blockSize)...((start + count - 1) / IndexLayout.blockSize)
            where verifiedBlocks[block / 64] & 1 << (block % 64) == 0 {
                let blockStart = payloadStart + block * IndexLayout.blockSize
                let blockEnd = min(blockStart + IndexLayout.blockSize, payloadStart + payloadLength)
                let checksum = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: file.bytes[blockStart..<blockEnd]))
                let storedAt = IndexLayout.headerSize + block * IndexLayout.checksumSize
                guard checksum == file.bytes.loadUnaligned(fromByteOffset: storedAt, as: UInt32.self).littleEndian
                else { throw IndexDamage("block \(block)") }
                verifiedBlocks[block / 64] |= 1 << (block % 64)
            }
        }
        return UnsafeRawBufferPointer(rebasing: file.bytes[(payloadStart + start)..<(payloadStart + start + count)])
    }

    /// How many rows `section` holds (its length over its row size).
    func rowCount(of section: IndexLayout.Section) -> Int {
        let end = section.rawValue + 1 < sections.count ? sections[section.rawValue + 1] : payloadLength
        return max(0, end - sections[section.rawValue]) / (section.rowSize ?? 1)
    }

    func i32(_ section: IndexLayout.Section, _ offset: Int) throws(IndexDamage) -> Int {
        Int(try bytes(section, offset, 4).loadUnaligned(as: Int32.self).littleEndian)
    }

    func u32(_ section: IndexLayout.Section, _ offset: Int) throws(IndexDamage) -> Int {
        Int(try bytes(section, offset, 4).loadUnaligned(as: UInt32.self).littleEndian)
    }

    func u8(_ section: IndexLayout.Section, _ offset: Int) throws(IndexDamage) -> UInt8 {
        try bytes(section, offset, 1)[0]
    }

    /// The bytes of the string whose (offset, length) is stored at `offset`; nil for a nil string.
    func stringBytes(_ section: IndexLayout.Section, _ offset: Int) throws(IndexDamage) -> UnsafeRawBufferPointer? {
        let length = try u32(section, offset + 4)
        guard UInt32(length) != IndexLayout.nilLength else { return nil }
        return try bytes(.strings, try u32(section, offset), length)
    }

    func string(_ section: IndexLayout.Section, _ offset: Int) throws(IndexDamage) -> String? {
        try stringBytes(section, offset).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Binary search of rows sorted by the id string at the start of each row, whose first bytes
    /// the row also holds at `prefixAt`: most probes are decided by the prefix, and the string
    /// itself is read only when the prefixes are equal and the id is longer than its prefix.
    func findRow(_ id: String, in section: IndexLayout.Section, count: Int, stride: Int, prefixAt: Int) throws(IndexDamage) -> Int? {
        let target = Array(id.utf8)
        var padded = ByteWriter(capacity: IndexLayout.idPrefixLength)
        padded.idPrefix(target)
        let wanted = padded.bytes.withUnsafeBytes { Self.prefixKey($0) }
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            let found = Self.prefixKey(try bytes(section, mid * stride + prefixAt, IndexLayout.idPrefixLength))
            if found != wanted {
                if found < wanted { low = mid + 1 } else { high = mid }
                continue
            }
            let length = try u32(section, mid * stride + 4)
            if length <= IndexLayout.idPrefixLength {
                // The whole id is in the prefix: equal prefixes, equal lengths, equal ids.
                if length == target.count { return mid }
                if length < target.count { low = mid + 1 } else { high = mid }
                continue
            }
            guard let key = try stringBytes(section, mid * stride) else { throw IndexDamage("nil id") }
            if key.elementsEqual(target) { return mid }
            if key.lexicographicallyPrecedes(target) { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// A 16-byte prefix as two big-endian integers, which compare as the bytes do.
    private static func prefixKey(_ raw: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        (UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self)), UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
    }

    /// The last step with day ≤ `day` among `count` steps from `start`, or nil.
    func lastStep(onOrBefore day: Int, in section: IndexLayout.Section, start: Int, count: Int, stride: Int) throws(IndexDamage) -> Int? {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if try i32(section, (start + mid) * stride) <= day { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : start + low - 1
    }

    func lineRange(_ record: Int) throws(IndexDamage) -> (UInt64, Int) {
        let row = try bytes(.records, record * IndexLayout.recordRow, 12)
        return (row.loadUnaligned(as: UInt64.self).littleEndian, Int(row.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian))
    }
}
