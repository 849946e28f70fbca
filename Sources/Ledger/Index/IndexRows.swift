/// The rows of an index, decoded field by field as `IndexLayout` declares them, from the checked
/// bytes of its sections (`IndexSections`): what every reader of the index reads through, and
/// nothing about what the rows mean for an answer (that is `IndexFile`'s).
///
/// Each read names a field of a row kind (`UnitStep.parent`) and a row; the section is the row
/// kind's own, or, for the steps of supervision and offices, which share one shape, the one named.
struct IndexRows: Sendable {
    let sections: IndexSections

    /// The rows `start..<start + count` of kind `Row` in `section`, as a row's start and count
    /// stored in the index name them; damage unless they lie within the section.
    func range<Row: IndexRow>(_ kind: Row.Type, in section: IndexLayout.Section, start: Int, count: Int) throws(IndexDamage) -> Range<Int> {
        // Both are read as UInt32: their sum times a row's size cannot overflow.
        guard start >= 0, count >= 0, (start + count) * Row.size <= sections.length(of: section) else {
            throw IndexDamage("rows \(start)..<\(start + count) lie outside the \(section) section")
        }
        return start..<(start + count)
    }

    func range<Row: IndexSectionRow>(_ kind: Row.Type, start: Int, count: Int) throws(IndexDamage) -> Range<Int> {
        try range(kind, in: Row.section, start: start, count: count)
    }

    // Fields of rows, by their declarations in `IndexLayout`: of a row kind's own section, or
    // (the steps of supervision and offices) of the section named.

    func i32<Row: IndexSectionRow>(_ field: IndexRowField<Row>, at row: Int) throws(IndexDamage) -> Int {
        try i32(field, at: row, in: Row.section)
    }

    func i32<Row: IndexRow>(_ field: IndexRowField<Row>, at row: Int, in section: IndexLayout.Section) throws(IndexDamage) -> Int {
        assert(field.width == 4)
        return Int(try sections.bytes(section, field.position(inRow: row), 4).loadUnaligned(as: Int32.self).littleEndian)
    }

    func u32<Row: IndexSectionRow>(_ field: IndexRowField<Row>, at row: Int) throws(IndexDamage) -> Int {
        assert(field.width == 4)
        return Int(try sections.bytes(Row.section, field.position(inRow: row), 4).loadUnaligned(as: UInt32.self).littleEndian)
    }

    func u32<Row: IndexRow>(_ field: IndexRowField<Row>, at row: Int, in section: IndexLayout.Section) throws(IndexDamage) -> Int {
        assert(field.width == 4)
        return Int(try sections.bytes(section, field.position(inRow: row), 4).loadUnaligned(as: UInt32.self).littleEndian)
    }

    func u64<Row: IndexSectionRow>(_ field: IndexRowField<Row>, at row: Int) throws(IndexDamage) -> UInt64 {
        assert(field.width == 8)
        return try sections.bytes(Row.section, field.position(inRow: row), 8).loadUnaligned(as: UInt64.self).littleEndian
    }

    func u8<Row: IndexSectionRow>(_ field: IndexRowField<Row>, at row: Int) throws(IndexDamage) -> UInt8 {
        assert(field.width == 1)
        return try sections.bytes(Row.section, field.position(inRow: row), 1)[0]
    }

    /// The bytes of the string in a string field; nil for none.
    func stringBytes<Row: IndexSectionRow>(_ field: IndexRowField<Row>, at row: Int) throws(IndexDamage) -> UnsafeRawBufferPointer? {
        let length = try u32(field.part(IndexLayout.StringReference.length), at: row)
        guard UInt32(length) != IndexLayout.nilLength else { return nil }
        return try sections.bytes(.strings, try u32(field.part(IndexLayout.StringReference.start), at: row), length)
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
    func find<Row: IndexSectionRow>(_ id: String, key: IndexRowField<Row>, prefix: IndexRowField<Row>,
                                   count: Int) throws(IndexDamage) -> Int? {
        let target = Array(id.utf8)
        // Zero-padded, as the rows hold it (ids never hold a zero byte, so padded prefixes sort as the ids do).
        let padded = Array(target.prefix(prefix.width)) + repeatElement(0, count: max(0, prefix.width - target.count))
        let wanted = padded.withUnsafeBytes { Self.prefixKey($0) }
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            let found = Self.prefixKey(try sections.bytes(Row.section, prefix.position(inRow: mid), prefix.width))
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
        let steps = try range(Row.self, in: section, start: start, count: count)
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

    /// The last step on or before `day` of those the records `known` saw: steps are sorted by day,
    /// then by when they became known, and the ones seen at any count have one day each, so the
    /// last seen of those on or before `day` holds (closed steps are passed over backwards).
    func lastStep<Row: IndexStepRow>(onOrBefore day: Int, known: KnownRecords, _ kind: Row.Type, in section: IndexLayout.Section,
                                     start: Int, count: Int) throws(IndexDamage) -> Int? {
        guard var step = try lastStep(onOrBefore: day, Row.day, in: section, start: start, count: count) else { return nil }
        while step >= start {
            if known.sees(from: try u32(Row.knownFrom, at: step, in: section), until: try u32(Row.knownUntil, at: step, in: section)) {
                return step
            }
            step -= 1
        }
        return nil
    }

    /// Whether any of the steps was seen by the records `known`.
    func anyStep<Row: IndexStepRow>(known: KnownRecords, _ kind: Row.Type, in section: IndexLayout.Section,
                                    start: Int, count: Int) throws(IndexDamage) -> Bool {
        for step in try range(kind, in: section, start: start, count: count)
        where known.sees(from: try u32(Row.knownFrom, at: step, in: section), until: try u32(Row.knownUntil, at: step, in: section)) {
            return true
        }
        return false
    }
}
