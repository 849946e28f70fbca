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
    static let version: UInt32 = 15
    static let blockSize = 1 << 12

    /// The fixed header's fields (`Header`), then `blockCount` block checksums, then the checksum
    /// of the fixed fields; the payload follows. The table of block checksums is not covered as a
    /// whole (it was until version 5): a damaged entry fails the check of its block like a damaged
    /// block, and opening an index then costs the same at any size, where checking 234 KB of table
    /// at 10⁶ records was a twentieth of a point query.
    static var headerSize: Int { Header.size }
    /// A CRC-32C, little-endian (version 2 had 8-byte SHA-256 prefixes, a fifth of a point query).
    static let checksumSize = 4

    /// A block's checksum, as stored in the header: CRC-32C, little-endian. It tells a damaged
    /// block cheaply; forgery is the hash chain's business, since whoever can write the index can
    /// rewrite any checksum in it.
    static func blockChecksum(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        withUnsafeBytes(of: CRC32C.checksum(bytes).littleEndian) { Array($0) }
    }

    /// Sections of the payload, in order.
    enum Section: Int, CaseIterable {
        case strings, units, unitSteps, tasks, taskSteps, supervisionKeys, supervisionSteps
        case appointmentKeys, appointmentSteps, records, recordsByID
        /// Version 8: the records whose effective date the sources leave open (`openDates`).
        case openDates
        /// Version 9: every person appointed, with the name the records give (`PersonRow`).
        case persons
        /// Version 13: which records name each id (`MentionKey`, `Mention`), for `history ID`.
        case mentionKeys, mentions
        /// Version 14: the supervision keys by supervisor (`SupervisionBySupervisor`).
        case supervisionsBySupervisor

        /// The kind of its rows (`IndexLayout+Rows`); nil for the string section, which has none.
        var rowKind: (any IndexRow.Type)? {
            switch self {
            case .strings: nil
            case .units: UnitRow.self
            case .unitSteps: UnitStep.self
            case .tasks: TaskRow.self
            case .taskSteps: TaskStep.self
            case .supervisionKeys: SupervisionKey.self
            case .appointmentKeys: AppointmentKey.self
            case .supervisionSteps, .appointmentSteps: Step.self
            case .records: RecordRow.self
            case .recordsByID: RecordByID.self
            case .openDates: OpenDate.self
            case .persons: PersonRow.self
            case .mentionKeys: MentionKey.self
            case .mentions: Mention.self
            case .supervisionsBySupervisor: SupervisionBySupervisor.self
            }
        }

        /// The size of one row; nil for the string section, which has none.
        var rowSize: Int? { rowKind?.size }
    }

    /// A `StringReference`'s length that means none.
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

    /// A step's `knownUntil`, a person row's, or a record row's `withdrawnAt` that no record has
    /// ended (version 15): known now.
    static let stillKnown = UInt32.max

    /// The days a date leaves open as an `openDates` row stores them: open ends as Int32.min and
    /// Int32.max.
    static func openDays(_ date: ValidDate) -> (earliest: Int32, latest: Int32) {
        guard let days = date.possibleDays else { return (0, 0) }
        return (Int32(clamping: days.lowerBound), Int32(clamping: days.upperBound))
    }
}
