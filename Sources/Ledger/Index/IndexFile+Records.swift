private typealias RecordByID = IndexLayout.RecordByID
private typealias RecordRow = IndexLayout.RecordRow

/// Records as the index finds them: by id through the rows sorted by id, and by row from their
/// lines in the ledger file, which the rows point to.
extension IndexFile {
    /// The record with this id as the index and its tail have it; nil if there is none.
    func indexedRecord(_ id: RecordID) throws(IndexDamage) -> Record? {
        if let appended = tail.first(where: { $0.id == id }) { return appended }
        var row = recordRows.withLock { $0[id] }
        if row == nil { row = try recordRow(id) }
        guard let row else { return nil }
        let record = try recordAt(row)
        guard record.id == id else { throw IndexDamage("record row \(row) holds '\(record.id)', not '\(id)'") }
        return record
    }

    /// The row of the record with this id, by binary search of the rows sorted by id.
    func recordRow(_ id: RecordID) throws(IndexDamage) -> Int? {
        try checkRowCounts()
        let target = Array(id.utf8)
        var low = 0, high = recordCount
        while low < high {
            let mid = (low + high) / 2
            let row = try rows.i32(RecordByID.record, at: mid)
            guard row >= 0, row < recordCount, let key = try rows.stringBytes(RecordRow.id, at: row) else {
                throw IndexDamage("records by id, entry \(mid): record row \(row)")
            }
            try IndexRows.checkUTF8(key)
            if key.elementsEqual(target) { return row }
            if key.lexicographicallyPrecedes(target) { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// The record on row `row` (seq − 1), decoded from its line in the ledger file. A line that
    /// cannot be read or is not a record means the row points elsewhere than at a record: damage.
    func recordAt(_ row: Int) throws(IndexDamage) -> Record {
        let (offset, length) = try lineRange(row)
        guard let line = ledgerBytes(offset: offset, count: length),
              let record = line.withUnsafeBufferPointer(Self.record(line:))
        else { throw IndexDamage("record row \(row): no record in the \(length) bytes at \(offset)") }
        return record
    }

    /// The record a line of the ledger holds, nil if none: decoded straight from the bytes in the
    /// plain canonical form (`CanonicalRecordDecoder`, no JSON tree), by the general parser
    /// otherwise (a line with an escape), which decodes the same record.
    static func record(line: UnsafeBufferPointer<UInt8>) -> Record? {
        CanonicalRecordDecoder.decode(line) ?? (try? Record(json: JSONParser.parse(line)))
    }

    /// The record on row `row`, decoded from its `line` (as `forEachLine` hands it over): a line
    /// that holds no record, or another seq's, means the row points elsewhere: damage.
    static func record(line: UnsafeBufferPointer<UInt8>, row: Int) throws(IndexDamage) -> Record {
        guard let record = record(line: line), record.seq == row + 1 else {
            throw IndexDamage("record row \(row): no record in its \(line.count) bytes")
        }
        return record
    }

    /// Hands `body` the line of each record row in `rows`, in the order given, read from the ledger
    /// file mapped once, letting go of the pages read every 4,096 lines or 16 MiB: a scan of a
    /// million lines never holds the file resident. (Rows in file order are let go of behind the
    /// scan; in another order a page let go of and needed again is read again.) False, without a
    /// call, if the file cannot be mapped.
    func forEachLine(ofRows rows: some Sequence<Int>,
                     _ body: (_ row: Int, _ line: UnsafeBufferPointer<UInt8>) throws(IndexDamage) -> Void) throws(IndexDamage) -> Bool {
        guard let committed = try? CommittedLedger.open(ledgerPath), let mapped = committed.map() else { return false }
        let bytes = mapped.bytes.bindMemory(to: UInt8.self)
        var read: Range<Int>?, lines = 0, length = 0
        for row in rows {
            let (offset, count) = try lineRange(row)
            let line = Int(offset)..<(Int(offset) + count)
            guard line.upperBound <= bytes.count else { throw IndexDamage("record row \(row): line past the ledger's end") }
            if let span = read, lines >= 4096 || length >= 1 << 24 {
                mapped.release(from: span.lowerBound, to: span.upperBound)
                (read, lines, length) = (nil, 0, 0)
            }
            try body(row, UnsafeBufferPointer(rebasing: bytes[line]))
            read = read.map { min($0.lowerBound, line.lowerBound)..<max($0.upperBound, line.upperBound) } ?? line
            (lines, length) = (lines + 1, length + count)
        }
        withExtendedLifetime(mapped) {}
        return true
    }

    /// Where record row `record`'s line lies in the ledger file: its offset and its length without
    /// the newline, which must both fit within the part of the ledger the index covers.
    func lineRange(_ record: Int) throws(IndexDamage) -> (UInt64, Int) {
        // Against the section too: the count is a UInt64 in the header, and a row past the section
        // would be multiplied past Int.max.
        guard record >= 0, record < recordCount, record < rows.sections.length(of: .records) / RecordRow.size else {
            throw IndexDamage("record row \(record) of \(recordCount)")
        }
        let offset = try rows.u64(RecordRow.lineOffset, at: record)
        let length = try rows.u32(RecordRow.lineLength, at: record)
        guard offset < indexedLedgerSize, UInt64(length) < indexedLedgerSize - offset else {
            throw IndexDamage("record row \(record): line of \(length) bytes at \(offset) lies outside the ledger's \(indexedLedgerSize) bytes")
        }
        return (offset, length)
    }
}
