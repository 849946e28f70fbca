private typealias Header = IndexLayout.Header

/// Writes an index file as a stream: the payload's sections in order, each block's CRC-32C taken
/// on the way, then the header (which holds those checksums) at the front. The payload never has
/// to be in memory as a whole: at 10⁶ records it is 240 MB.
///
/// The header's size follows from the payload's length, so the writer is told every section's
/// length before the first byte, and checks at the end that it got exactly that.
struct IndexFileWriter {
    /// What the header says of the ledger beside the section offsets and checksums.
    struct Facts {
        var stamp: FileSystem.FileStamp
        var recordCount: Int
        var head: String
        /// `recorded` of the last record, in nanoseconds (Int64.min for none).
        var lastRecorded: Int64
        var units: Int, tasks: Int, supervisionKeys: Int, appointmentKeys: Int
        var lastEffectiveDay: Int32
    }

    private let file: FileSystem.Descriptor
    private let facts: Facts
    private let sectionLengths: [Int]
    private let payloadLength: Int
    private let headerLength: Int
    /// Bytes not yet written; whole blocks leave it when it is full.
    private var buffer: [UInt8] = []
    private var written = 0
    private var checksums: [UInt8] = []

    private static let bufferBlocks = 256

    init(file: FileSystem.Descriptor, facts: Facts, sectionLengths: [Int]) {
        precondition(sectionLengths.count == IndexLayout.Section.allCases.count)
        self.file = file
        self.facts = facts
        self.sectionLengths = sectionLengths
        payloadLength = sectionLengths.reduce(0, +)
        let blockCount = (payloadLength + IndexLayout.blockSize - 1) / IndexLayout.blockSize
        headerLength = Header.size + (blockCount + 1) * IndexLayout.checksumSize
        buffer.reserveCapacity(Self.bufferBlocks * IndexLayout.blockSize)
        checksums.reserveCapacity(blockCount * IndexLayout.checksumSize)
    }

    /// Appends payload bytes.
    mutating func write(_ bytes: [UInt8]) throws(IOFailure) {
        var rest = bytes[...]
        while !rest.isEmpty {
            let room = buffer.capacity - buffer.count
            buffer.append(contentsOf: rest.prefix(room))
            rest = rest.dropFirst(room)
            if buffer.count == buffer.capacity { try flush(all: false) }
        }
    }

    /// Appends the rows in `writer` and empties it (rows are written in batches).
    mutating func take(_ writer: inout ByteWriter) throws(IOFailure) {
        try write(writer.bytes)
        writer.bytes.removeAll(keepingCapacity: true)
    }

    /// Writes the whole blocks of the buffer (and with `all`, the last partial one).
    private mutating func flush(all: Bool) throws(IOFailure) {
        let size = IndexLayout.blockSize
        let whole = all ? buffer.count : buffer.count / size * size
        guard whole > 0 else { return }
        let failure: IOFailure? = buffer.withUnsafeBytes { raw in
            for start in stride(from: 0, to: whole, by: size) {
                checksums.append(contentsOf: IndexLayout.blockChecksum(UnsafeRawBufferPointer(rebasing: raw[start..<min(start + size, whole)])))
            }
            do throws(IOFailure) {
                try FileSystem.writeAll(UnsafeRawBufferPointer(rebasing: raw[0..<whole]), to: file.fd, at: headerLength + written, name: file.path)
            } catch { return error }
            return nil
        }
        if let failure { throw failure }
        written += whole
        buffer.removeFirst(whole)
    }

    /// Writes what is left of the payload, then the header; fails if the sections came out
    /// other than announced.
    mutating func finish() throws(IOFailure) {
        try flush(all: true)
        guard written == payloadLength else {
            throw IOFailure(action: "write '\(file.path)'", reason: "the index came out \(written) bytes long, not \(payloadLength)")
        }
        var header = ByteWriter(capacity: headerLength)
        header.appendRow(Header.self) { row in
            row.set(Header.magic, bytes: IndexLayout.magic)
            row.set(Header.version, IndexLayout.version)
            row.set(Header.blockSize, UInt32(IndexLayout.blockSize))
            row.set(Header.ledgerSize, facts.stamp.size)
            row.set(Header.ledgerModified, facts.stamp.modifiedNanoseconds)
            row.set(Header.ledgerInode, facts.stamp.inode)
            row.set(Header.recordCount, UInt64(facts.recordCount))
            row.set(Header.head, bytes: facts.head.utf8)
            row.set(Header.lastRecorded, facts.lastRecorded)
            row.set(Header.payloadLength, UInt64(payloadLength))
            row.set(Header.unitCount, UInt32(facts.units))
            row.set(Header.taskCount, UInt32(facts.tasks))
            row.set(Header.supervisionKeyCount, UInt32(facts.supervisionKeys))
            row.set(Header.appointmentKeyCount, UInt32(facts.appointmentKeys))
            var offset = 0
            for (section, length) in zip(IndexLayout.Section.allCases, sectionLengths) {
                row.set(Header.sectionStart(section), UInt64(offset))
                offset += length
            }
            row.set(Header.blockCount, UInt32(checksums.count / IndexLayout.checksumSize))
            row.set(Header.lastEffectiveDay, facts.lastEffectiveDay)
            row.set(Header.ledgerChanged, facts.stamp.changedNanoseconds)
        }
        let fieldsChecksum = header.bytes.withUnsafeBytes { IndexLayout.blockChecksum($0) }
        header.bytes.append(contentsOf: checksums)
        header.bytes.append(contentsOf: fieldsChecksum)
        let failure: IOFailure? = header.bytes.withUnsafeBytes { raw in
            do throws(IOFailure) { try FileSystem.writeAll(raw, to: file.fd, at: 0, name: file.path) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }
}
