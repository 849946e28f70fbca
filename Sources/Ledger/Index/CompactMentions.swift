/// Which records name each unit, task, person and record (the index's `mentionKeys` and
/// `mentions` sections, docs/FORMAT.md §8.2.3): `history ID` reads the few records concerning an
/// id through them instead of reading the ledger.
///
/// A record names a unit, task or person when one of its changes does (`CompactChange.fieldKinds`,
/// roles aside), or its `actor` or `about` does; it names a record when it corrects or retracts
/// it. Whether the record then belongs to the history is still `EntityHistory`'s decision: these
/// are the candidates, a superset, by seq.
struct CompactMentions {
    /// The kind of id a key is, in the order keys are grouped.
    enum Kind: UInt8, CaseIterable {
        case unit, task, person, record
    }

    /// The keys, grouped by kind and sorted by id within a kind: each with its records' range in
    /// `records`.
    private(set) var keys: [(kind: Kind, number: Int32, start: Int32, count: Int32)] = []
    /// The records naming each key, by seq, key after key.
    private(set) var records: [Int32] = []

    init(_ ledger: CompactLedger) {
        let bases = [0, ledger.units.count, ledger.units.count + ledger.tasks.count,
                     ledger.units.count + ledger.tasks.count + ledger.people.count]
        let slots = bases[3] + ledger.records.count
        var counts = [Int32](repeating: 0, count: slots)
        // The last record counted for each slot: a record naming an id twice names it once.
        var last = [Int32](repeating: -1, count: slots)
        Self.forEachMention(in: ledger, bases: bases) { slot, record in
            if last[slot] != record { (last[slot], counts[slot]) = (record, counts[slot] + 1) }
        }
        let interners = [ledger.units, ledger.tasks, ledger.people, ledger.recordIDs]
        var total: Int32 = 0
        var starts = [Int32](repeating: 0, count: slots)
        for kind in Kind.allCases {
            let base = bases[Int(kind.rawValue)]
            let named = (0..<Int32(interners[Int(kind.rawValue)].count)).filter { counts[base + Int($0)] > 0 }
            for number in interners[Int(kind.rawValue)].sorted(named) {
                let count = counts[base + Int(number)]
                keys.append((kind, number, total, count))
                starts[base + Int(number)] = total
                total += count
            }
        }
        records = [Int32](repeating: 0, count: Int(total))
        last = [Int32](repeating: -1, count: slots)
        Self.forEachMention(in: ledger, bases: bases) { slot, record in
            guard last[slot] != record else { return }
            last[slot] = record
            records[Int(starts[slot])] = record
            starts[slot] += 1
        }
    }

    /// Calls `body` with the slot (`bases[kind] + number`) of every id each record names, record
    /// after record by seq.
    private static func forEachMention(in ledger: CompactLedger, bases: [Int], _ body: (Int, Int32) -> Void) {
        for (position, record) in ledger.records.enumerated() {
            let seq = Int32(position)
            func name(_ number: Int32, _ kind: CompactChange.IDKind?) {
                guard number >= 0 else { return }
                switch kind {
                case .unit: body(bases[0] + Int(number), seq)
                case .task: body(bases[1] + Int(number), seq)
                case .person: body(bases[2] + Int(number), seq)
                case .role, nil: break
                }
            }
            for change in ledger.changes[Int(record.changeStart)..<Int(record.changeStart + record.changeCount)] {
                let kinds = CompactChange.fieldKinds(of: change.op)
                name(change.a, kinds.a)
                name(change.b, kinds.b)
                name(change.c, kinds.c)
            }
            name(record.actor, .unit)
            for id in record.about ?? [] {
                if let unit = ledger.unitNumber(id) { name(unit, .unit) }
                if let task = ledger.taskNumber(id) { name(task, .task) }
            }
            if let target = record.corrects ?? record.retracts, let at = ledger.recordPosition(target) {
                body(bases[3] + Int(at), seq)
            }
        }
    }
}
