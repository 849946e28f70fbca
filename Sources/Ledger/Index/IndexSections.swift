/// The payload of a mapped index file, section by section: bytes are handed out only from within
/// the section asked for, and each block of the payload is checked against its checksum the first
/// time anything in it is read.
///
/// Every offset a reader asks for is worked out from numbers in the index, which a damaged or
/// forged file can set to anything: an offset outside its section is damage, never the next
/// section's rows. A class, not a struct: which blocks have been checked is state every reader of
/// the file shares, on every thread asking the same `IndexFile`, so it is kept in atomics
/// (`CheckedBlocks`).
final class IndexSections: Sendable {
    let file: FileSystem.MappedFile
    /// Where the payload starts in the file, and its length.
    let payloadStart: Int
    let payloadLength: Int
    /// Where each section starts in the payload, in `IndexLayout.Section` order.
    let starts: [Int]
    /// Which payload blocks have been checked against their checksums.
    private let checkedBlocks: CheckedBlocks

    /// The payload `header` describes in `file`, none of its blocks checked yet.
    init(file: FileSystem.MappedFile, header: IndexHeader) {
        self.file = file
        payloadStart = header.payloadStart
        payloadLength = header.payloadLength
        starts = header.sectionStarts
        checkedBlocks = CheckedBlocks(blocks: header.blockCount)
    }

    /// `count` payload bytes at `offset` within `section`, checking the blocks they lie in.
    func bytes(_ section: IndexLayout.Section, _ offset: Int, _ count: Int) throws(IndexDamage) -> UnsafeRawBufferPointer {
        let start = starts[section.rawValue] + offset
        guard offset >= 0, count >= 0, start + count <= end(of: section) else {
            throw IndexDamage("\(count) bytes at \(offset) lie outside the \(section) section")
        }
        if count > 0 {
            for block in (start / IndexLayout.blockSize)...((start + count - 1) / IndexLayout.blockSize)
            where !checkedBlocks.contains(block) {
                let blockStart = payloadStart + block * IndexLayout.blockSize
                let blockEnd = min(blockStart + IndexLayout.blockSize, payloadStart + payloadLength)
                let checksum = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: file.bytes[blockStart..<blockEnd]))
                let storedAt = IndexLayout.headerSize + block * IndexLayout.checksumSize
                guard checksum == file.bytes.loadUnaligned(fromByteOffset: storedAt, as: UInt32.self).littleEndian
                else { throw IndexDamage("block \(block)") }
                checkedBlocks.insert(block)
            }
        }
        return UnsafeRawBufferPointer(rebasing: file.bytes[(payloadStart + start)..<(payloadStart + start + count)])
    }

    /// Checks every block of the payload against its checksum (`verify`; queries check only the
    /// blocks they read).
    func checkEveryBlock() throws(IndexDamage) {
        for section in IndexLayout.Section.allCases { _ = try bytes(section, 0, length(of: section)) }
    }

    /// Where `section` ends in the payload: where the next one starts, or the payload's end.
    @inline(__always)
    private func end(of section: IndexLayout.Section) -> Int {
        section.rawValue + 1 < starts.count ? starts[section.rawValue + 1] : payloadLength
    }

    /// The length of `section` in bytes (negative in an index whose sections are out of order).
    @inline(__always)
    func length(of section: IndexLayout.Section) -> Int {
        end(of: section) - starts[section.rawValue]
    }

    /// How many rows `section` holds (its length over its row size).
    func rowCount(of section: IndexLayout.Section) -> Int {
        max(0, length(of: section)) / (section.rowSize ?? 1)
    }

    /// The section that payload offset `offset` lies in, and where in it.
    func place(ofPayloadOffset offset: Int) -> (section: IndexLayout.Section, within: Int) {
        let section = IndexLayout.Section.allCases.last { starts[$0.rawValue] <= offset }!
        return (section, offset - starts[section.rawValue])
    }
}
