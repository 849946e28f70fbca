#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

private typealias Header = IndexLayout.Header
private typealias RecordRow = IndexLayout.RecordRow

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
        func u32(_ field: IndexRowField<Header>) -> Int { Int(raw.loadUnaligned(fromByteOffset: field.offset, as: UInt32.self).littleEndian) }
        func u64(_ field: IndexRowField<Header>) -> UInt64 { raw.loadUnaligned(fromByteOffset: field.offset, as: UInt64.self).littleEndian }
        // A forged header can hold any 64-bit number: one that is no Int is damage, not a trap.
        func int(_ field: IndexRowField<Header>) throws(IndexDamage) -> Int {
            guard let value = Int(exactly: u64(field)) else { throw IndexDamage("header field at \(field.offset)") }
            return value
        }
        guard raw.count >= Header.size, Array(raw[Header.magic.offset..<Header.magic.end]) == IndexLayout.magic,
              u32(Header.version) == IndexLayout.version, u32(Header.blockSize) == IndexLayout.blockSize
        else { throw IndexDamage("not an index of this version") }
        let blockCount = u32(Header.blockCount)
        let checksumSize = IndexLayout.checksumSize
        let tableEnd = Header.size + blockCount * checksumSize
        guard raw.count >= tableEnd + checksumSize,
              IndexFile.blockChecksum(UnsafeRawBufferPointer(rebasing: raw[0..<Header.size]))
                == Array(raw[tableEnd..<(tableEnd + checksumSize)])
        else { throw IndexDamage("header checksum") }
        let stored = FileSystem.FileStamp(
            size: u64(Header.ledgerSize),
            modifiedNanoseconds: Int64(bitPattern: u64(Header.ledgerModified)),
            inode: u64(Header.ledgerInode),
            changedNanoseconds: Int64(bitPattern: u64(Header.ledgerChanged)))
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
        payloadLength = try int(Header.payloadLength)
        guard raw.count - payloadStart == payloadLength,
              (payloadLength + IndexLayout.blockSize - 1) / IndexLayout.blockSize == blockCount
        else { throw IndexDamage("length") }
        let length = payloadLength
        var sectionOffsets: [Int] = []
        for section in IndexLayout.Section.allCases { sectionOffsets.append(try int(Header.sectionStart(section))) }
        guard sectionOffsets.allSatisfy({ $0 <= length }) else { throw IndexDamage("sections") }
        sections = sectionOffsets
        unitCount = u32(Header.unitCount)
        taskCount = u32(Header.taskCount)
        recordCount = try int(Header.recordCount)
        baseHead = String(decoding: raw[Header.head.offset..<Header.head.end], as: UTF8.self)
        let baseRecorded = TransactionTime(nanosecondsSinceEpoch: Int64(bitPattern: u64(Header.lastRecorded)))
        indexedStamp = stored
        lastEffectiveDay = Int(Int32(bitPattern: UInt32(u32(Header.lastEffectiveDay))))
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

    /// `count` payload bytes at `offset` within `section`, checking the blocks they lie in. Bytes
    /// past the section's end are damage, not the next section's rows: every offset is worked out
    /// from numbers in the index, which a damaged or forged file can set to anything.
    func bytes(_ section: IndexLayout.Section, _ offset: Int, _ count: Int) throws(IndexDamage) -> UnsafeRawBufferPointer {
        let start = sections[section.rawValue] + offset
        guard offset >= 0, count >= 0, start + count <= end(of: section) else {
            throw IndexDamage("\(count) bytes at \(offset) lie outside the \(section) section")
        }
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

    /// Checks every block of the payload against its checksum (`verify`; queries check only the
    /// blocks they read).
    func checkEveryBlock() throws(IndexDamage) {
        for section in IndexLayout.Section.allCases { _ = try bytes(section, 0, end(of: section) - sections[section.rawValue]) }
    }

    /// Where `section` ends in the payload: where the next one starts, or the payload's end.
    @inline(__always)
    private func end(of section: IndexLayout.Section) -> Int {
        section.rawValue + 1 < sections.count ? sections[section.rawValue + 1] : payloadLength
    }

    /// The length of `section` in bytes (negative in an index whose sections are out of order).
    @inline(__always)
    func length(of section: IndexLayout.Section) -> Int {
        end(of: section) - sections[section.rawValue]
    }

    /// The rows `start..<start + count` of kind `Row` in `section`, as a row's start and count
    /// stored in the index name them; damage unless they lie within the section.
    func rows<Row: IndexRow>(_ kind: Row.Type, in section: IndexLayout.Section, start: Int, count: Int) throws(IndexDamage) -> Range<Int> {
        // Both are read as UInt32: their sum times a row's size cannot overflow.
        guard start >= 0, count >= 0, (start + count) * Row.size <= length(of: section) else {
            throw IndexDamage("rows \(start)..<\(start + count) lie outside the \(section) section")
        }
        return start..<(start + count)
    }

    func rows<Row: IndexSectionRow>(_ kind: Row.Type, start: Int, count: Int) throws(IndexDamage) -> Range<Int> {
        try rows(kind, in: Row.section, start: start, count: count)
    }

    /// How many rows `section` holds (its length over its row size).
    func rowCount(of section: IndexLayout.Section) -> Int {
        max(0, length(of: section)) / (section.rowSize ?? 1)
    }

    // Fields of rows, by their declarations in `IndexLayout`: of a row kind's own section, or
    // (the steps of supervision and offices) of the section named.

    func i32<Row: IndexSectionRow>(_ field: IndexRowField<Row>, at row: Int) throws(IndexDamage) -> Int {
        try i32(field, at: row, in: Row.section)
    }

    func i32<Row: IndexRow>(_ field: IndexRowField<Row>, at row: Int, in section: IndexLayout.Section) throws(IndexDamage) -> Int {
        assert(field.width == 4)
        return Int(try bytes(section, field.position(inRow: row), 4).loadUnaligned(as: Int32.self).littleEndian)
    }

    func u32<Row: IndexSectionRow>(_ field: IndexRowField<Row>, at row: Int) throws(IndexDamage) -> Int {
        assert(field.width == 4)
        return Int(try bytes(Row.section, field.position(inRow: row), 4).loadUnaligned(as: UInt32.self).littleEndian)
    }

    func u64<Row: IndexSectionRow>(_ field: IndexRowField<Row>, at row: Int) throws(IndexDamage) -> UInt64 {
        assert(field.width == 8)
        return try bytes(Row.section, field.position(inRow: row), 8).loadUnaligned(as: UInt64.self).littleEndian
    }

    func u8<Row: IndexSectionRow>(_ field: IndexRowField<Row>, at row: Int) throws(IndexDamage) -> UInt8 {
        assert(field.width == 1)
        return try bytes(Row.section, field.position(inRow: row), 1)[0]
    }

    /// The bytes of the string in a string field; nil for none.
    func stringBytes<Row: IndexSectionRow>(_ field: IndexRowField<Row>, at row: Int) throws(IndexDamage) -> UnsafeRawBufferPointer? {
        let length = try u32(field.part(IndexLayout.StringReference.length), at: row)
        guard UInt32(length) != IndexLayout.nilLength else { return nil }
        return try bytes(.strings, try u32(field.part(IndexLayout.StringReference.start), at: row), length)
    }

    func string<Row: IndexSectionRow>(_ field: IndexRowField<Row>, at row: Int) throws(IndexDamage) -> String? {
        guard let bytes = try stringBytes(field, at: row) else { return nil }
        return try Self.text(bytes)
    }

    /// The string `bytes` hold. Every string the index stores was UTF-8 text when written, so bytes
    /// that are not are damage; read as they are, their replacement characters would make ids that
    /// no record names, and answers that differ from the ledger's without a word.
    static func text(_ bytes: UnsafeRawBufferPointer) throws(IndexDamage) -> String {
        // Most strings (every id) are ASCII, which needs no repair: one pass over the bytes tells.
        // Otherwise decoding repairs what is not UTF-8, so the text is exactly the stored bytes
        // only if there was nothing to repair. (`String(validating:)` would say so directly, but it
        // is generic at run time, and made an answer about every unit a tenth slower.)
        if isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
        var text = String(decoding: bytes, as: UTF8.self)
        guard text.withUTF8({ $0.elementsEqual(bytes) }) else { throw IndexDamage("a string that is not UTF-8") }
        return text
    }

    /// Throws unless `bytes` are UTF-8: for ids compared as bytes in a search, never made into a
    /// `String`. A key that is not would steer the search wrong, and an id the ledger has would
    /// be "unknown" where it should be damage.
    static func checkUTF8(_ bytes: UnsafeRawBufferPointer) throws(IndexDamage) {
        if !isASCII(bytes) { _ = try text(bytes) }
    }

    /// Whether no byte has its top bit set. Strings in the index are mostly a few bytes to a few
    /// dozen: the bytes are read as words, the last one overlapping the one before, where a loop
    /// byte by byte cost more than the rest of reading the string.
    @inline(__always)
    private static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        func word<T: FixedWidthInteger>(_ at: Int, _ type: T.Type) -> UInt64 { UInt64(bytes.loadUnaligned(fromByteOffset: at, as: T.self)) }
        var high: UInt64
        switch count {
        case 0: return true
        case 1: high = word(0, UInt8.self)
        case 2...3: high = word(0, UInt16.self) | word(count - 2, UInt16.self)
        case 4...7: high = word(0, UInt32.self) | word(count - 4, UInt32.self)
        default:
            high = word(count - 8, UInt64.self)
            var at = 0
            while at < count - 8 {
                high |= word(at, UInt64.self)
                at += 8
            }
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// Binary search of the first `count` rows of a section sorted by the id string in `key`,
    /// whose first bytes the row also holds in `prefix`: most probes are decided by the prefix,
    /// and the string itself is read only when the prefixes are equal and the id is longer than
    /// its prefix.
    func findRow<Row: IndexSectionRow>(_ id: String, key: IndexRowField<Row>, prefix: IndexRowField<Row>,
                                       count: Int) throws(IndexDamage) -> Int? {
        let target = Array(id.utf8)
        // Zero-padded, as the rows hold it (ids never hold a zero byte, so padded prefixes sort as the ids do).
        let padded = Array(target.prefix(prefix.width)) + repeatElement(0, count: max(0, prefix.width - target.count))
        let wanted = padded.withUnsafeBytes { Self.prefixKey($0) }
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            let found = Self.prefixKey(try bytes(Row.section, prefix.position(inRow: mid), prefix.width))
            if found != wanted {
                if found < wanted { low = mid + 1 } else { high = mid }
                continue
            }
            let length = try u32(key.part(IndexLayout.StringReference.length), at: mid)
            if length <= prefix.width {
                // The whole id is in the prefix: equal prefixes, equal lengths, equal ids.
                if length == target.count { return mid }
                if length < target.count { low = mid + 1 } else { high = mid }
                continue
            }
            guard let bytes = try stringBytes(key, at: mid) else { throw IndexDamage("nil id") }
            try Self.checkUTF8(bytes)
            if bytes.elementsEqual(target) { return mid }
            if bytes.lexicographicallyPrecedes(target) { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// A 16-byte prefix as two big-endian integers, which compare as the bytes do.
    private static func prefixKey(_ raw: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        (UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self)), UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
    }

    /// The last step with day ≤ `day` among `count` steps from `start` of a section of steps
    /// whose day is `dayField`, or nil. Every day it reads must be one a `ValidDate` can stand
    /// for: the step it returns and the one after it are among those read, so a day out of range
    /// that would decide the answer is always found.
    func lastStep<Row: IndexRow>(onOrBefore day: Int, _ dayField: IndexRowField<Row>, in section: IndexLayout.Section,
                                 start: Int, count: Int) throws(IndexDamage) -> Int? {
        let steps = try rows(Row.self, in: section, start: start, count: count)
        var low = 0, high = steps.count
        while low < high {
            let mid = (low + high) / 2
            let stepDay = try i32(dayField, at: start + mid, in: section)
            guard ValidDate.representableDayNumbers.contains(stepDay) else {
                throw IndexDamage("\(section) row \(start + mid): day \(stepDay) lies outside the years 0001...9999")
            }
            if stepDay <= day { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : start + low - 1
    }

    func lastStep<Row: IndexSectionRow>(onOrBefore day: Int, _ dayField: IndexRowField<Row>, start: Int, count: Int) throws(IndexDamage) -> Int? {
        try lastStep(onOrBefore: day, dayField, in: Row.section, start: start, count: count)
    }

    /// Where record row `record`'s line lies in the ledger file: its offset and its length without
    /// the newline, which must both fit within the part of the ledger the index covers.
    func lineRange(_ record: Int) throws(IndexDamage) -> (UInt64, Int) {
        // Against the section too: the count is a UInt64 in the header, and a row past the section
        // would be multiplied past Int.max.
        guard record >= 0, record < recordCount, record < length(of: .records) / RecordRow.size else {
            throw IndexDamage("record row \(record) of \(recordCount)")
        }
        let offset = try u64(RecordRow.lineOffset, at: record)
        let length = try u32(RecordRow.lineLength, at: record)
        guard offset < indexedLedgerSize, UInt64(length) < indexedLedgerSize - offset else {
            throw IndexDamage("record row \(record): line of \(length) bytes at \(offset) lies outside the ledger's \(indexedLedgerSize) bytes")
        }
        return (offset, length)
    }
}
