/// The binary layout of the persistent index (`<ledger>.index`): every entity's timeline as fixed
/// rows, so a query maps the file and binary-searches the few rows it needs instead of replaying
/// the ledger.
///
/// All integers little-endian. Strings are `(offset, length)` into one UTF-8 blob; a length of
/// `UInt32.max` is nil. Entity references are row numbers (units and tasks sorted by id, records
/// by seq), -1 for none. The payload is cut into blocks whose CRC-32C checksums sit in the header,
/// and a block is checked the first time a query touches it: a damaged index is detected without
/// reading all of it on every query. Blocks are one page, so a point query, which touches a few
/// dozen rows spread over the file, hashes kilobytes rather than megabytes.
enum IndexLayout {
    static let magic: [UInt8] = Array("LDGRIDX1".utf8)
    static let version: UInt32 = 4
    static let blockSize = 1 << 12

    /// Fixed header fields, then `blockCount` block checksums, then the checksum of everything
    /// before it; the payload follows.
    static let headerSize = 256
    /// A CRC-32C, little-endian (version 2 had 8-byte SHA-256 prefixes, a fifth of a point query).
    static let checksumSize = 4

    /// Sections of the payload, in order.
    enum Section: Int, CaseIterable {
        case strings, units, unitSteps, tasks, taskSteps, supervisionKeys, supervisionSteps
        case appointmentKeys, appointmentSteps, records, recordsByID
    }

    static let unitRow = 32        // id(8) stepStart(4) stepCount(4) supStart(4) supCount(4) appStart(4) appCount(4)
    static let unitStep = 56
    static let taskRow = 16        // id(8) stepStart(4) stepCount(4)
    static let taskStep = 40
    static let supervisionKey = 24 // supervisor(4) unit(4) task(4) kind(1)+pad(3) stepStart(4) stepCount(4)
    static let appointmentKey = 32 // person(8) role(8) unit(4) stepStart(4) stepCount(4) pad(4)
    static let step = 8            // day(4) record(4, -1 = not in force)
    static let recordRow = 24      // lineOffset(8) lineLength(4) id(8) pad(4)
    static let nilLength = UInt32.max

    // Header field offsets.
    static let ledgerSizeOffset = 16
    static let ledgerModifiedOffset = 24
    static let ledgerInodeOffset = 32
    static let recordCountOffset = 40
    static let headOffset = 48              // 64 ASCII hex bytes
    static let lastRecordedOffset = 112
    static let payloadLengthOffset = 120
    static let countsOffset = 128           // units, tasks, supervisionKeys, appointmentKeys (4 × UInt32)
    static let sectionsOffset = 144         // Section.allCases.count × UInt64 payload offsets (11 × 8 = 88)
    static let blockCountOffset = 232       // UInt32
    /// The latest effective day (first day) of any record: appends effective on or after it can
    /// be checked against the index alone (`IndexTail`).
    static let lastEffectiveDayOffset = 236 // Int32
}

/// Little-endian output for the index writer.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i32(_ value: Int32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i64(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func pad(_ count: Int) { bytes.append(contentsOf: repeatElement(0, count: count)) }

    mutating func set(_ value: UInt32, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { for (i, b) in $0.enumerated() { bytes[offset + i] = b } }
    }
    mutating func set(_ value: UInt64, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { for (i, b) in $0.enumerated() { bytes[offset + i] = b } }
    }
    mutating func set(_ value: Int64, at offset: Int) { set(UInt64(bitPattern: value), at: offset) }
}

/// A blob of UTF-8 strings, each stored once.
struct StringBlob {
    private(set) var bytes: [UInt8] = []
    private var offsets: [String: UInt32] = [:]

    /// The (offset, length) of `text`, adding it if new.
    mutating func reference(_ text: String) -> (UInt32, UInt32) {
        let length = UInt32(text.utf8.count)
        if let offset = offsets[text] { return (offset, length) }
        let offset = UInt32(bytes.count)
        bytes.append(contentsOf: text.utf8)
        offsets[text] = offset
        return (offset, length)
    }

    mutating func write(_ text: String?, to writer: inout ByteWriter) {
        guard let text else {
            writer.u32(0)
            writer.u32(IndexLayout.nilLength)
            return
        }
        let (offset, length) = reference(text)
        writer.u32(offset)
        writer.u32(length)
    }
}
