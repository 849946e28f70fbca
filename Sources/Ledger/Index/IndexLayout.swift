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
    static let version: UInt32 = 10
    static let blockSize = 1 << 12

    /// Fixed header fields, then `blockCount` block checksums, then the checksum of the fixed
    /// fields; the payload follows. The table of block checksums is not covered as a whole (it was
    /// until version 5): a damaged entry fails the check of its block like a damaged block, and
    /// opening an index then costs the same at any size, where checking 234 KB of table at 10⁶
    /// records was a twentieth of a point query.
    static let headerSize = 320
    /// A CRC-32C, little-endian (version 2 had 8-byte SHA-256 prefixes, a fifth of a point query).
    static let checksumSize = 4

    /// Sections of the payload, in order.
    enum Section: Int, CaseIterable {
        case strings, units, unitSteps, tasks, taskSteps, supervisionKeys, supervisionSteps
        case appointmentKeys, appointmentSteps, records, recordsByID
        /// Version 8: the records whose effective date the sources leave open (`openDates`).
        case openDates
        /// Version 9: every person appointed, with the name the records give (`personRow`).
        case persons

        /// The size of one row; nil for the string section, which has none.
        var rowSize: Int? {
            switch self {
            case .strings: nil
            case .units: IndexLayout.unitRow
            case .unitSteps: IndexLayout.unitStep
            case .tasks: IndexLayout.taskRow
            case .taskSteps: IndexLayout.taskStep
            case .supervisionKeys: IndexLayout.supervisionKey
            case .appointmentKeys: IndexLayout.appointmentKey
            case .supervisionSteps, .appointmentSteps: IndexLayout.step
            case .records: IndexLayout.recordRow
            case .recordsByID: 4
            case .openDates: IndexLayout.openDate
            case .persons: IndexLayout.personRow
            }
        }
    }

    static let unitRow = 48        // id(8) stepStart(4) stepCount(4) supStart(4) supCount(4) appStart(4) appCount(4) idPrefix(16)
    static let unitStep = 56
    static let taskRow = 32        // id(8) stepStart(4) stepCount(4) idPrefix(16)
    /// The first bytes of a unit's or task's id, zero-padded, kept in its row (version 5): a search
    /// compares them without touching the string section, where each probe was another block.
    static let idPrefixLength = 16
    static let unitIDPrefixOffset = 32
    static let taskIDPrefixOffset = 16
    static let taskStep = 40
    static let supervisionKey = 24 // supervisor(4) unit(4) task(4) kind(1)+pad(3) stepStart(4) stepCount(4)
    static let appointmentKey = 32 // person(8) role(8) unit(4) stepStart(4) stepCount(4) pad(4)
    static let step = 8            // day(4) record(4, -1 = not in force)
    /// Version 10: the title and the first day of `date`, so search needs no ledger line.
    static let recordRow = 32      // lineOffset(8) lineLength(4) id(8) title(8) dateDay(4)
    /// A record that applies, has changes and takes effect on a date that is not exact, with the
    /// days that date leaves open (Int32.min and Int32.max for open ends), by seq: an answer on a
    /// day finds the records it may rest on without reading the ledger.
    static let openDate = 12       // record(4) earliest(4) latest(4)
    /// A person of an applying `appoint`, sorted by id: the name (none: nil) and the record that
    /// gave it (-1: none). (No id prefix: persons are few beside units and tasks.)
    static let personRow = 24      // person(8) name(8) namedBy(4) pad(4)
    static let nilLength = UInt32.max

    /// How a step stores a date's precision: 0 year, 1 month, 2 day for an exact date; 255 none.
    /// A date that is not exact (`2019~`, `2018-09-06..`) is `qualifiedPrecision`: it is always the
    /// effective date of the record the step names beside it (the record that established the
    /// unit, or gave the task), so a reader decodes that record for it instead of the index
    /// holding a second form of every date for the few that need one.
    static func precisionCode(_ date: ValidDate) -> UInt8 {
        date.isExact ? UInt8(date.precision.rawValue) : qualifiedPrecision
    }

    static let qualifiedPrecision: UInt8 = 3

    /// The days a date leaves open as an `openDates` row stores them: open ends as Int32.min and
    /// Int32.max.
    static func openDays(_ date: ValidDate) -> (earliest: Int32, latest: Int32) {
        guard let days = date.possibleDays else { return (0, 0) }
        return (Int32(clamping: days.lowerBound), Int32(clamping: days.upperBound))
    }

    // Header field offsets.
    static let ledgerSizeOffset = 16
    static let ledgerModifiedOffset = 24
    static let ledgerInodeOffset = 32
    static let recordCountOffset = 40
    static let headOffset = 48              // 64 ASCII hex bytes
    static let lastRecordedOffset = 112
    static let payloadLengthOffset = 120
    static let countsOffset = 128           // units, tasks, supervisionKeys, appointmentKeys (4 × UInt32)
    /// Section.allCases.count × UInt64 payload offsets (13 × 8 = 104), then zeros up to
    /// `blockCountOffset`: room for 16 sections, so a section added later moves no other field.
    static let sectionsOffset = 144
    static let blockCountOffset = 272       // UInt32
    /// The latest effective day (first day) of any record: appends effective on or after it can
    /// be checked against the index alone (`IndexTail`).
    static let lastEffectiveDayOffset = 276 // Int32
    /// The ledger's change time when indexed (version 7), beside its size, modification time and
    /// inode: an in-place edit that sets the modification time back still changes it.
    static let ledgerChangedOffset = 280    // Int64
}

/// Little-endian output for the index writer.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i32(_ value: Int32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i64(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func pad(_ count: Int) { bytes.append(contentsOf: repeatElement(0, count: count)) }
    /// The first `IndexLayout.idPrefixLength` bytes of an id, zero-padded (ids never hold a zero
    /// byte, so the padded prefixes sort as the ids do).
    mutating func idPrefix(_ id: some Collection<UInt8>) {
        let kept = id.prefix(IndexLayout.idPrefixLength)
        bytes.append(contentsOf: kept)
        pad(IndexLayout.idPrefixLength - kept.count)
    }

    /// A string's (offset, length) in the string section; nil is length `nilLength`.
    mutating func string(_ reference: (UInt32, UInt32)?) {
        let (offset, length) = reference ?? (0, IndexLayout.nilLength)
        u32(offset)
        u32(length)
    }
}

/// What a string in the index names: each kind's strings are stored once in the string section.
enum StringKind: Int, CaseIterable {
    case unit, task, record, text, person, role
}

/// The string section: UTF-8 strings, each stored once per kind (by bytes, not `String`
/// equality, which would merge two spellings of one accented letter), in the order first named.
struct StringBlob {
    private(set) var bytes: [UInt8] = []
    private var seen = StringKind.allCases.map { _ in ByteInterner() }
    private var offsets = StringKind.allCases.map { _ in [UInt32]() }

    /// The (offset, length) of `text` as a string of `kind`, adding it if new.
    mutating func reference(_ text: UnsafeBufferPointer<UInt8>, _ kind: StringKind) -> (UInt32, UInt32) {
        let number = Int(seen[kind.rawValue].id(text))
        if number == offsets[kind.rawValue].count {
            offsets[kind.rawValue].append(UInt32(bytes.count))
            bytes.append(contentsOf: text)
        }
        return (offsets[kind.rawValue][number], UInt32(text.count))
    }

    mutating func write(_ text: String?, _ kind: StringKind, to writer: inout ByteWriter) {
        var text = text
        writer.string(text?.withUTF8 { reference($0, kind) })
    }
}
