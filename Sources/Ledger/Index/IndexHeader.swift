private typealias Header = IndexLayout.Header

/// The fixed header of an index file (`IndexLayout.Header`), read and checked: what the index says
/// of the ledger it was built from, and where its payload and sections lie.
///
/// A forged header can hold any number, so each field is checked as far as the header alone can
/// tell (magic, version, block size, its checksum, the payload's length and blocks, sections
/// within the payload); whether it describes the ledger beside it is `IndexFile`'s to check.
struct IndexHeader {
    /// The ledger's stamp when it was indexed.
    let stamp: FileSystem.FileStamp
    /// Records indexed, and the hash and `recorded` of the last of them.
    let recordCount: Int
    let head: String
    let lastRecorded: TransactionTime
    /// Rows of the units and tasks sections.
    let unitCount: Int, taskCount: Int
    /// The latest effective day of the records indexed.
    let lastEffectiveDay: Int
    /// Blocks of the payload, each with its checksum in the table after the fixed fields.
    let blockCount: Int
    /// Where the payload starts in the file, and its length.
    let payloadStart: Int, payloadLength: Int
    /// Where each section starts in the payload, in `IndexLayout.Section` order.
    let sectionStarts: [Int]

    init(_ raw: UnsafeRawBufferPointer) throws(IndexDamage) {
        func u32(_ field: IndexRowField<Header>) -> Int { Int(raw.loadUnaligned(fromByteOffset: field.offset, as: UInt32.self).littleEndian) }
        func u64(_ field: IndexRowField<Header>) -> UInt64 { raw.loadUnaligned(fromByteOffset: field.offset, as: UInt64.self).littleEndian }
        // A forged header can hold any 64-bit number: one that is no Int is damage, not a trap.
        func int(_ field: IndexRowField<Header>) throws(IndexDamage) -> Int {
            guard let value = Int(exactly: u64(field)) else { throw IndexDamage("header field at \(field.offset)") }
            return value
        }
        guard raw.count >= Header.size, raw[Header.magic.offset..<Header.magic.end].elementsEqual(IndexLayout.magic),
              u32(Header.version) == IndexLayout.version, u32(Header.blockSize) == IndexLayout.blockSize
        else { throw IndexDamage("not an index of this version") }
        blockCount = u32(Header.blockCount)
        let checksumSize = IndexLayout.checksumSize
        let tableEnd = Header.size + blockCount * checksumSize
        guard raw.count >= tableEnd + checksumSize,
              IndexLayout.blockChecksum(UnsafeRawBufferPointer(rebasing: raw[0..<Header.size]))
                == Array(raw[tableEnd..<(tableEnd + checksumSize)])
        else { throw IndexDamage("header checksum") }
        stamp = FileSystem.FileStamp(
            size: u64(Header.ledgerSize),
            modifiedNanoseconds: Int64(bitPattern: u64(Header.ledgerModified)),
            inode: u64(Header.ledgerInode),
            changedNanoseconds: Int64(bitPattern: u64(Header.ledgerChanged)))
        payloadStart = tableEnd + checksumSize
        payloadLength = try int(Header.payloadLength)
        guard raw.count - payloadStart == payloadLength,
              (payloadLength + IndexLayout.blockSize - 1) / IndexLayout.blockSize == blockCount
        else { throw IndexDamage("length") }
        var starts: [Int] = []
        for section in IndexLayout.Section.allCases { starts.append(try int(Header.sectionStart(section))) }
        let length = payloadLength
        guard starts.allSatisfy({ $0 <= length }) else { throw IndexDamage("sections") }
        sectionStarts = starts
        unitCount = u32(Header.unitCount)
        taskCount = u32(Header.taskCount)
        recordCount = try int(Header.recordCount)
        head = String(decoding: raw[Header.head.offset..<Header.head.end], as: UTF8.self)
        lastRecorded = TransactionTime(nanosecondsSinceEpoch: Int64(bitPattern: u64(Header.lastRecorded)))
        lastEffectiveDay = Int(Int32(bitPattern: UInt32(u32(Header.lastEffectiveDay))))
    }
}
