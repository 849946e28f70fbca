/// A ledger already in memory as records, put into the tables `CompactLedger.read` fills from the
/// file's lines: so that a ledger the compact reading does not vouch for (a JSON escape, a `null`
/// member), once read in full, is indexed by the same writer as every other
/// (`IndexFile.write(for:ledgerPath:)`).
extension CompactLedger {
    /// The tables of `records`, whose lines are `ledgerBytes`, one record a line; nil if the
    /// bytes are not that many whole lines, or a record id repeats.
    init?(records: [Record], ledgerBytes: UnsafeRawBufferPointer) {
        var tables = CompactTables(keepingTexts: true)
        for record in records {
            guard tables.append(record) else { return nil }
        }
        guard let starts = Self.lineStarts(of: ledgerBytes), starts.count == records.count else { return nil }
        tables.lineStarts = starts
        self.init(tables: tables, head: records.last?.hash ?? Record.genesisHash, lastRecorded: records.last?.recorded)
    }

    /// Where each line of `bytes` starts; nil unless the last one ends with a newline.
    private static func lineStarts(of bytes: UnsafeRawBufferPointer) -> [Int]? {
        guard !bytes.isEmpty else { return [] }
        guard bytes.last == 0x0A else { return nil }
        var starts: [Int] = []
        var start = 0
        while start < bytes.count {
            starts.append(start)
            start = bytes[start...].firstIndex(of: 0x0A)! + 1
        }
        return starts
    }
}

extension CompactTables {
    /// Adds `record` as `CompactLineDecoder` adds its line when keeping texts: the record and its
    /// changes with every id and text interned from its UTF-8 bytes, the same numbers in the same
    /// places. False if its id was seen before.
    mutating func append(_ record: Record) -> Bool {
        let changeStart = changes.count
        for change in record.changes { append(change) }
        let applies = record.effectiveDate
        let (earliest, latest) = IndexLayout.openDays(applies)
        records.append(CompactRecord(effectiveDay: Int32(clamping: applies.firstDay), precision: IndexLayout.precisionCode(applies),
                                     changeStart: Int32(changeStart), changeCount: Int32(changes.count - changeStart),
                                     corrects: record.corrects, retracts: record.retracts, actor: Self.number(record.actor, in: &units),
                                     about: record.about, title: Self.number(record.title, in: &texts),
                                     dateDay: Int32(clamping: record.date.firstDay),
                                     openDays: applies.isExact ? .zero : SIMD2(earliest, latest),
                                     recorded: record.recorded.nanoseconds))
        let before = Int32(recordIDs.count)
        return Self.number(record.id, in: &recordIDs) == before
    }

    /// Adds one change with its ids and texts, as the decoder reads the members of each op.
    private mutating func append(_ change: Change) {
        func unit(_ id: UnitID?) -> Int32 { Self.number(id, in: &units) }
        func task(_ id: TaskID?) -> Int32 { Self.number(id, in: &tasks) }
        func text(_ text: String?) -> Int32 { Self.number(text, in: &texts) }
        func relationCode(_ relation: Relation?) -> UInt8 {
            switch relation {
            case .partOf: 1
            case .subordinateTo: 2
            case nil: 0
            }
        }
        let compact: CompactChange, changeText: CompactTexts
        switch change {
        case let .establishUnit(id, name, kind, parent, relation, abbreviation):
            compact = CompactChange(op: .establishUnit, a: unit(id), b: unit(parent))
            changeText = CompactTexts(name: text(name), detail: text(abbreviation), kind: text(kind.rawValue), relation: relationCode(relation))
        case let .renameUnit(id, name, abbreviation):
            compact = CompactChange(op: .renameUnit, a: unit(id))
            changeText = CompactTexts(name: text(name), detail: text(abbreviation), kind: -1, relation: 0)
        case let .moveUnit(id, parent, relation, kind):
            compact = CompactChange(op: .moveUnit, a: unit(id), b: unit(parent))
            changeText = CompactTexts(name: -1, detail: -1, kind: text(kind?.rawValue), relation: relationCode(relation))
        case let .dissolveUnit(id, successor):
            compact = CompactChange(op: .dissolveUnit, a: unit(id), b: unit(successor))
            changeText = CompactTexts(name: -1, detail: -1, kind: -1, relation: 0)
        case let .defineTask(id, title, leika):
            compact = CompactChange(op: .defineTask, a: task(id))
            changeText = CompactTexts(name: text(title), detail: text(leika), kind: -1, relation: 0)
        case let .assignTask(id, holder), let .revokeTask(id, holder):
            let op: CompactChange.Op = if case .assignTask = change { .assignTask } else { .revokeTask }
            compact = CompactChange(op: op, a: task(id), b: unit(holder))
            changeText = CompactTexts(name: -1, detail: -1, kind: -1, relation: 0)
        case let .transferTask(id, from, to):
            compact = CompactChange(op: .transferTask, a: task(id), b: unit(from), c: unit(to))
            changeText = CompactTexts(name: -1, detail: -1, kind: -1, relation: 0)
        case let .setSupervision(supervision), let .endSupervision(supervision):
            let op: CompactChange.Op = if case .setSupervision = change { .setSupervision } else { .endSupervision }
            compact = CompactChange(op: op, kind: supervision.kind.code, a: unit(supervision.supervisor), b: unit(supervision.unit),
                                    c: task(supervision.task))
            changeText = CompactTexts(name: -1, detail: -1, kind: -1, relation: 0)
        case let .appoint(office, name):
            compact = CompactChange(op: .appoint, a: Self.number(office.person, in: &people), b: Self.number(office.role, in: &roles),
                                    c: unit(office.unit))
            changeText = CompactTexts(name: text(name), detail: -1, kind: -1, relation: 0)
        case let .endAppointment(office):
            compact = CompactChange(op: .endAppointment, a: Self.number(office.person, in: &people), b: Self.number(office.role, in: &roles),
                                    c: unit(office.unit))
            changeText = CompactTexts(name: -1, detail: -1, kind: -1, relation: 0)
        }
        changes.append(compact)
        changeTexts.append(changeText)
    }

    /// The number of `text` in `table`, added if new; -1 for none.
    private static func number(_ text: String?, in table: inout ByteInterner) -> Int32 {
        guard var text else { return -1 }
        return text.withUTF8 { table.id($0) }
    }
}
