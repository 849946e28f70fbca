/// The records of a batch being appended, at the end of a `CompactLedger`, held during its replay
/// to the authoring rules that need the state (`AuthoringRules.check(_:in:on:removesAbbreviation:)`),
/// each change just before it applies, as the full check holds them (`CheckedState.replay(_:appending:)`).
///
/// The one such rule is about renames, and needs the unit's name and abbreviation as they stand
/// just before the rename, which the engine does not keep (names break no change rule): so the
/// replay is followed here, remembering the change that last named each unit. The rule itself is
/// not restated: it is asked of a state holding that one unit. A refusal only answers false, and
/// the full check then words it.
struct AuthoredBatch {
    /// The position of the batch's first record; the batch runs to the last.
    let first: Int32
    /// For each record of the batch, the renames (by change index in the record) whose
    /// abbreviation its author removed explicitly (`RecordBatch.Entry.removesAbbreviation`).
    let removesAbbreviation: [Set<Int>]
    /// For each unit, the change (its place in the ledger's changes) that last named it in the
    /// replay so far: its establishment or latest rename; -1 for none yet.
    private var namedBy: [Int32] = []

    init(first: Int, removesAbbreviation: [Set<Int>]) {
        self.first = Int32(first)
        self.removesAbbreviation = removesAbbreviation
    }

    /// Makes room for units numbered below `units`, before a replay.
    mutating func follow(units: Int) {
        namedBy = [Int32](repeating: -1, count: units)
    }

    /// Notes that `change`, at `index` in the ledger's changes, was applied.
    mutating func applied(_ change: CompactChange, at index: Int) {
        guard change.op == .establishUnit || change.op == .renameUnit, change.a >= 0, Int(change.a) < namedBy.count else { return }
        namedBy[Int(change.a)] = Int32(index)
    }

    /// Whether the change at `index` in `ledger`'s changes, of record `record`, keeps the authoring
    /// rules in the state the replay has reached. A rename of a unit never named before passes
    /// here: the engine refuses it.
    func allows(change index: Int, of record: Int32, in ledger: CompactLedger) -> Bool {
        guard record >= first else { return true }
        let change = ledger.changes[index]
        guard change.op == .renameUnit, change.a >= 0, Int(change.a) < namedBy.count, namedBy[Int(change.a)] >= 0 else { return true }
        func text(_ number: Int32) -> String? { number < 0 ? nil : String(decoding: ledger.texts.key(Int(number)), as: UTF8.self) }
        let unit = String(decoding: ledger.units.key(Int(change.a)), as: UTF8.self)
        let naming = ledger.changeTexts[Int(namedBy[Int(change.a)])], renaming = ledger.changeTexts[index]
        guard let current = text(naming.name), let name = text(renaming.name) else { return false }
        // The rule reads the unit's name and abbreviation; the rest of the unit is of no concern to it.
        let day = ValidDate(dayNumber: Int(ledger.records[Int(record)].effectiveDay))
        var state = OrgState()
        state.units[unit] = UnitState(id: unit, name: current, abbreviation: text(naming.detail), kind: .body, parent: nil,
                                      relation: .partOf, isDissolved: false, successor: nil, established: day, establishedBy: "",
                                      placedBy: "", namedBy: "")
        let removes = removesAbbreviation[Int(record - first)].contains(index - Int(ledger.records[Int(record)].changeStart))
        do {
            try AuthoringRules.check(.renameUnit(unit: unit, name: name, abbreviation: text(renaming.detail)), in: state, on: day,
                                     removesAbbreviation: removes)
        } catch {
            return false
        }
        return true
    }
}
