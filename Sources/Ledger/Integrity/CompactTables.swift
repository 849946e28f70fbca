/// What one core keeps of its lines for `verify`: records, changes, and ids interned by bytes;
/// for building the index also the changes' texts and where each line starts.
struct CompactTables {
    var records: [CompactRecord] = []
    var changes: [CompactChange] = []
    var recordIDs = ByteInterner(), units = ByteInterner(), tasks = ByteInterner(), people = ByteInterner(), roles = ByteInterner()
    /// Whether names, titles and line positions are kept (`verify` needs none of them).
    var keepsTexts = false
    var texts = ByteInterner()
    /// One per change, when `keepsTexts`.
    var changeTexts: [CompactTexts] = []
    /// The byte offset in the ledger file of each record's line, when `keepsTexts`.
    var lineStarts: [Int] = []
    /// The current line's ids, in the order read, until `internPending` numbers them. Their table
    /// slots are being fetched meanwhile: at 10⁶ records the tables outgrow the caches, and a
    /// lookup made the moment an id is read waits for memory.
    private var pending: [PendingID] = []
    private var numbered: [Int32] = []

    init(keepingTexts: Bool = false) { keepsTexts = keepingTexts }

    /// The id tables.
    enum IDTable: UInt8 {
        case record, unit, task, person, role
    }

    private struct PendingID {
        var table: IDTable
        var start: Int32
        var count: Int32
        var hash: UInt64
    }

    /// Notes the id at `range` of the current line for `table` and starts fetching its slot; the
    /// value to store until `internPending` replaces it (-2, -3, …: never a number or "none").
    mutating func later(_ table: IDTable, _ range: Range<Int>, in line: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = ByteInterner.hash(UnsafeBufferPointer(rebasing: line[range]))
        switch table {
        case .record: recordIDs.prefetch(hash)
        case .unit: units.prefetch(hash)
        case .task: tasks.prefetch(hash)
        case .person: people.prefetch(hash)
        case .role: roles.prefetch(hash)
        }
        pending.append(PendingID(table: table, start: Int32(range.lowerBound), count: Int32(range.count), hash: hash))
        return -1 - Int32(pending.count)
    }

    /// Numbers the current line's ids in the order read and puts the numbers where `later` left
    /// placeholders: the last record and its changes. False if the record's id was seen before.
    mutating func internPending(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        defer { pending.removeAll(keepingCapacity: true) }
        numbered.removeAll(keepingCapacity: true)
        // The slots are in by now; the keys they point to (met before, so not in cache) next.
        for id in pending {
            switch id.table {
            case .record: break
            case .unit: units.prefetchKey(id.hash)
            case .task: tasks.prefetchKey(id.hash)
            case .person: people.prefetchKey(id.hash)
            case .role: roles.prefetchKey(id.hash)
            }
        }
        for id in pending {
            let bytes = UnsafeBufferPointer(rebasing: line[Int(id.start)..<Int(id.start + id.count)])
            switch id.table {
            case .record:
                let before = Int32(recordIDs.count)
                guard recordIDs.id(bytes, hash: id.hash) == before else { return false }
                numbered.append(before)
            case .unit: numbered.append(units.id(bytes, hash: id.hash))
            case .task: numbered.append(tasks.id(bytes, hash: id.hash))
            case .person: numbered.append(people.id(bytes, hash: id.hash))
            case .role: numbered.append(roles.id(bytes, hash: id.hash))
            }
        }
        guard let last = records.indices.last else { return pending.isEmpty }
        func resolved(_ value: Int32) -> Int32 { value < -1 ? numbered[Int(-2 - value)] : value }
        records[last].actor = resolved(records[last].actor)
        let first = Int(records[last].changeStart)
        for index in first..<(first + Int(records[last].changeCount)) {
            changes[index].a = resolved(changes[index].a)
            changes[index].b = resolved(changes[index].b)
            changes[index].c = resolved(changes[index].c)
        }
        return true
    }
}

/// The texts of one change, interned (-1: none): what the index stores beside the ids.
struct CompactTexts {
    /// A unit's name, a task's title or a person's name (appoint).
    var name: Int32
    /// A unit's abbreviation or a task's LeiKa key.
    var detail: Int32
    /// A unit's kind (establishUnit, moveUnit).
    var kind: Int32
    /// 0: not given, 1: partOf, 2: subordinateTo.
    var relation: UInt8
}

