private typealias MentionKey = IndexLayout.MentionKey
private typealias Mention = IndexLayout.Mention
private typealias RecordRow = IndexLayout.RecordRow

/// `history ID` from the index: the records naming the id (`mentionKeys`, `mentions`), the
/// corrections and retractions of those, and the records that can withdraw any of them, read from
/// their lines; `EntityHistory` then decides, as for a full read, which belong to the history and
/// `EffectiveHistory` which were withdrawn. The cost follows the records concerning the id, not
/// the ledger.
extension IndexFile {
    /// The history of `id` as known at `knownAt`, or nil if the ledger names no unit, task, record
    /// or person `id` (which `Ledger.history` refuses).
    func indexedHistory(of id: String, from: ValidDate?, to: ValidDate?, knownAt: TransactionTime) throws(IndexDamage) -> EntityHistory? {
        let personRows = try mentionRows(of: id, kind: .person)
        let recordRow = try recordRow(id)
        // A unit or task only a withdrawn record brought keeps its rows, but the ledger as known now
        // does not have it (`isKnown`).
        var isEntity = false
        if let row = try unitRow(id) { isEntity = try isKnown(unitRow: row, .now) }
        if !isEntity, let row = try taskRow(id) { isEntity = try isKnown(taskRow: row, .now) }
        let inTail = tailIntroduces(id) || tail.contains { $0.id == id || $0.changes.contains { $0.personID == id } }
        guard isEntity || recordRow != nil || !personRows.isEmpty || inTail else { return nil }

        var candidates = try mentionRows(of: id, kind: .unit) + mentionRows(of: id, kind: .task) + personRows
            + mentionRows(of: id, kind: .record)
        if let recordRow { candidates.append(recordRow) }
        return try history(of: id, amongRows: candidates, from: from, to: to, knownAt: knownAt)
    }

    /// The whole ledger's history between `from` and `to` as known at `knownAt`, held whole: the
    /// entries `eachIndexedHistoryEntry` hands over.
    func indexedHistory(from: ValidDate?, to: ValidDate?, knownAt: TransactionTime) throws(IndexDamage) -> EntityHistory {
        var entries: [EntityHistory.Entry] = []
        try eachIndexedHistoryEntry(from: from, to: to, knownAt: knownAt) { entry in
            entries.append(entry)
            return true
        }
        return EntityHistory(subject: nil, entries: entries)
    }

    /// The whole ledger's history between `from` and `to` as known at `knownAt`, handed to `body`
    /// entry by entry in its order until it returns false, holding no more than the records dated
    /// on one day at a time (and what withdraws them): the whole history of 10⁶ records, held as
    /// one answer, is some 3 GB of records. The record rows dated within the window and recorded
    /// by then are read twice: in file order, for what withdraws them (their own corrections and
    /// retractions, and those the mention lists name), then a day at a time.
    func eachIndexedHistoryEntry(from: ValidDate?, to: ValidDate?, knownAt: TransactionTime,
                                 _ body: (EntityHistory.Entry) -> Bool) throws(IndexDamage) {
        try checkRowCounts()
        // Each row within the window, by its date's first day then its seq (one integer each).
        var keys: [UInt64] = []
        for row in 0..<recordCount {
            guard Int64(bitPattern: try rows.u64(RecordRow.recorded, at: row)) <= knownAt.nanoseconds else { break }
            let day = Int(try rows.i32(RecordRow.dateDay, at: row))
            if let from, day < from.firstDay { continue }
            if let to, day > to.firstDay { continue }
            keys.append(UInt64(UInt32(bitPattern: Int32(day)) ^ 0x8000_0000) << 32 | UInt64(row))
        }
        keys.sort()
        // What decides which of them were withdrawn: the corrections and retractions among them
        // (found by their bytes, in file order), those naming one of them, and so on.
        var gathered: [Int: Record] = [:], pending: [Int] = []
        let scanned = try forEachLine(ofRows: keys.map { Int(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }.sorted()) { (row, line) throws(IndexDamage) in
            guard let id = try rows.stringBytes(RecordRow.id, at: row) else { throw IndexDamage("record row \(row) without an id") }
            pending += try mentionRows(ofBytes: Array(id), kind: .record)
            guard line.contains(Self.correctsMember) || line.contains(Self.retractsMember) else { return }
            let record = try Self.record(line: line, row: row)
            gathered[row] = record
            pending += try withdrawalMentions(of: record)
        }
        guard scanned else { throw IndexDamage("the ledger file could not be read") }
        try gatherWithdrawals(into: &gathered, pending: pending)
        var withdrawing = gathered.keys.sorted().map { gathered[$0]! }.filter { $0.corrects != nil || $0.retracts != nil }
        let appended = tail.filter { record in
            record.recorded <= knownAt && from.map { record.date.firstDay >= $0.firstDay } ?? true && to.map { record.date.firstDay <= $0.firstDay } ?? true
        }
        withdrawing += appended.filter { $0.corrects != nil || $0.retracts != nil }
        let withdrawal = EffectiveHistory(withdrawing, knownAt: knownAt).withdrawal(of:)

        // One day's records at a time, in `EntityHistory`'s order: by date, then ledger order (the
        // tail's come after the rows').
        var going = true
        func hand(_ records: [Record]) {
            for record in records.sorted(by: { ($0.date, $0.seq) < ($1.date, $1.seq) }) where going {
                let withdrawn = withdrawal(record.id)
                going = body(EntityHistory.Entry(record: record, changes: record.changes, withdrawnBy: withdrawn?.by, withdrawal: withdrawn?.kind))
            }
        }
        let appendedDays = Set(appended.map { $0.date.firstDay }).sorted()
        var nextAppended = 0
        func hand(day: Int?, _ records: [Record]) {
            while nextAppended < appendedDays.count, day.map({ appendedDays[nextAppended] < $0 }) ?? true {
                hand(appended.filter { $0.date.firstDay == appendedDays[nextAppended] })
                nextAppended += 1
            }
            guard let day else { return }
            var all = records
            if nextAppended < appendedDays.count, appendedDays[nextAppended] == day {
                all += appended.filter { $0.date.firstDay == day }
                nextAppended += 1
            }
            hand(all)
        }
        var day: Int?, records: [Record] = []
        let read = try forEachLine(ofRows: keys.lazy.map { Int(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }) { (row, line) throws(IndexDamage) in
            guard going else { return }
            let rowDay = Int(try rows.i32(RecordRow.dateDay, at: row))
            if let current = day, current != rowDay {
                hand(day: current, records)
                records = []
            }
            day = rowDay
            let record = try Self.record(line: line, row: row)
            records.append(record)
        }
        guard read else { throw IndexDamage("the ledger file could not be read") }
        if let day { hand(day: day, records) }
        hand(day: nil, [])
    }

    /// The history of `id` among the records on `seqs` and the tail's, as `EntityHistory` makes it
    /// from the records known at `knownAt`, those that can withdraw them deciding which were
    /// withdrawn (`EffectiveHistory`).
    private func history(of id: String, amongRows seqs: [Int], from: ValidDate?, to: ValidDate?,
                         knownAt: TransactionTime) throws(IndexDamage) -> EntityHistory {
        var records = try recordsWithTheirWithdrawals(seqs)
        records += tail
        if knownAt != .distantFuture { records.removeAll { $0.recorded > knownAt } }
        // Only the corrections and retractions decide what was withdrawn (in their ledger order),
        // so only they are ordered.
        let effective = EffectiveHistory(records.filter { $0.corrects != nil || $0.retracts != nil }, knownAt: knownAt)
        return EntityHistory(log: records, subject: id, from: from, to: to, withdrawal: effective.withdrawal(of:))
    }

    /// The records on rows `seqs`, with every record that can withdraw one of them: its
    /// corrections and retractions, and the other records withdrawing what it corrects or
    /// retracts (which decide whether it still counts), in ledger order. Each is read once.
    func recordsWithTheirWithdrawals(_ seqs: [Int]) throws(IndexDamage) -> [Record] {
        var gathered: [Int: Record] = [:]
        var pending: [Int] = []
        // The rows asked for in file order, from the file mapped once; then what can withdraw
        // them, few, line by line.
        let read = try forEachLine(ofRows: Set(seqs).sorted()) { (seq, line) throws(IndexDamage) in
            let record = try Self.record(line: line, row: seq)
            gathered[seq] = record
            pending += try withdrawalMentions(of: record)
        }
        try gatherWithdrawals(into: &gathered, pending: read ? pending : seqs)
        return gathered.keys.sorted().map { gathered[$0]! }
    }

    /// Reads into `gathered` (by seq) the records on rows `pending` not in it yet, and so on with
    /// the rows each names as able to withdraw it (`withdrawalMentions`), line by line.
    private func gatherWithdrawals(into gathered: inout [Int: Record], pending: [Int]) throws(IndexDamage) {
        var pending = pending
        while let seq = pending.popLast() {
            guard gathered[seq] == nil else { continue }
            let record = try recordAt(seq)
            gathered[seq] = record
            pending += try withdrawalMentions(of: record)
        }
    }

    /// The rows of the records that can decide whether `record` counts: those naming it as a
    /// record (its corrections and retractions), and those naming what it corrects or retracts.
    private func withdrawalMentions(of record: Record) throws(IndexDamage) -> [Int] {
        var rows = try mentionRows(of: record.id, kind: .record)
        if let target = record.corrects ?? record.retracts { rows += try mentionRows(of: target, kind: .record) }
        return rows
    }

    /// The record rows (seqs) naming `id` as a `kind`, from `mentions`; none if no key.
    func mentionRows(of id: String, kind: CompactMentions.Kind) throws(IndexDamage) -> [Int] {
        try mentionRows(ofBytes: Array(id.utf8), kind: kind)
    }

    /// `mentionRows(of:kind:)` for an id given as its UTF-8 bytes.
    func mentionRows(ofBytes target: [UInt8], kind: CompactMentions.Kind) throws(IndexDamage) -> [Int] {
        let count = rows.sections.rowCount(of: .mentionKeys)
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            let rowKind = try rows.u8(MentionKey.kind, at: mid)
            var precedes = rowKind < kind.rawValue
            if rowKind == kind.rawValue {
                guard let bytes = try rows.stringBytes(MentionKey.id, at: mid) else { throw IndexDamage("mention key \(mid): nil id") }
                if bytes.elementsEqual(target) {
                    let range = try rows.range(Mention.self, start: rows.u32(MentionKey.start, at: mid), count: rows.u32(MentionKey.count, at: mid))
                    var seqs: [Int] = []
                    seqs.reserveCapacity(range.count)
                    for row in range {
                        let seq = try rows.i32(Mention.record, at: row)
                        guard seq >= 0, seq < recordCount else { throw IndexDamage("mention \(row): record row \(seq)") }
                        seqs.append(seq)
                    }
                    return seqs
                }
                precedes = bytes.lexicographicallyPrecedes(target)
            }
            if precedes { low = mid + 1 } else { high = mid }
        }
        return []
    }
}
