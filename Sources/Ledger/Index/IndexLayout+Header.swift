extension IndexLayout {
    /// The fixed header at the start of the index file, as docs/FORMAT.md §8.2.2 gives it: one
    /// row of its own. The block checksums, then the checksum of these fields, follow it.
    enum Header: IndexRow {
        static let size = 320
        /// `IndexLayout.magic`, ASCII.
        static let magic = IndexRowField<Self>(offset: 0, width: 8)
        static let version = IndexRowField<Self>(offset: 8, width: 4)
        static let blockSize = IndexRowField<Self>(offset: 12, width: 4)
        /// The ledger's stamp when indexed: size, modification time and inode.
        static let ledgerSize = IndexRowField<Self>(offset: 16, width: 8)
        static let ledgerModified = IndexRowField<Self>(offset: 24, width: 8)
        static let ledgerInode = IndexRowField<Self>(offset: 32, width: 8)
        /// Records indexed (u64).
        static let recordCount = IndexRowField<Self>(offset: 40, width: 8)
        /// The hash of the last indexed record, 64 ASCII hex digits.
        static let head = IndexRowField<Self>(offset: 48, width: 64)
        /// `recorded` of the last indexed record, ns (Int64.min for none).
        static let lastRecorded = IndexRowField<Self>(offset: 112, width: 8)
        static let payloadLength = IndexRowField<Self>(offset: 120, width: 8)
        /// Rows of the units, tasks, supervision keys and appointment keys sections.
        static let unitCount = IndexRowField<Self>(offset: 128, width: 4)
        static let taskCount = IndexRowField<Self>(offset: 132, width: 4)
        static let supervisionKeyCount = IndexRowField<Self>(offset: 136, width: 4)
        static let appointmentKeyCount = IndexRowField<Self>(offset: 140, width: 4)
        /// Where each section starts in the payload (`sectionStart`), one u64 per section. The
        /// sixteen sections of version 14 fill the room up to `blockCount`: a section added later
        /// moves the fields after it.
        static let sectionStarts = IndexRowField<Self>(offset: 144, width: 128)
        static let blockCount = IndexRowField<Self>(offset: 272, width: 4)
        /// The latest effective day (first day) of any record: appends effective on or after it
        /// can be checked against the index alone (`IndexTail`).
        static let lastEffectiveDay = IndexRowField<Self>(offset: 276, width: 4)
        /// The ledger's change time when indexed (version 7), beside its size, modification time
        /// and inode: an in-place edit that sets the modification time back still changes it.
        static let ledgerChanged = IndexRowField<Self>(offset: 280, width: 8)
        static let zero = IndexRowField<Self>(offset: 288, width: 32)
        static let fields = [magic, version, blockSize, ledgerSize, ledgerModified, ledgerInode, recordCount, head, lastRecorded,
                             payloadLength, unitCount, taskCount, supervisionKeyCount, appointmentKeyCount, sectionStarts,
                             blockCount, lastEffectiveDay, ledgerChanged, zero]

        /// Where `section` starts in the payload: its u64 of `sectionStarts`.
        static func sectionStart(_ section: Section) -> IndexRowField<Self> {
            let width = MemoryLayout<UInt64>.size
            return IndexRowField(offset: sectionStarts.offset + section.rawValue * width, width: width)
        }
    }
}
