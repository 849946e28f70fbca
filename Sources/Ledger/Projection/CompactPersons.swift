/// Every person of an applying `appoint`, with the name the latest of those records gives (as
/// `PersonDirectory` has it), over recorded time: one row per person and stretch of records
/// during which the ledger said the same, so "as known at" finds the row it knew.
struct CompactPersons {
    /// A person known from record seq `knownFrom` until before seq `knownUntil`, with the name's
    /// text (-1: none) and the record that gave it (-1: none).
    struct Row {
        var person: Int32, name: Int32, namedBy: Int32
        var knownFrom: UInt32, knownUntil: UInt32 = IndexLayout.stillKnown
    }

    private(set) var rows: [Row] = []
    /// Each person's `appoint` changes, in ledger order.
    private var appointed: [Int32: [Int32]] = [:]
    /// The row known now of each person.
    private var current: [Int32: Int] = [:]

    mutating func note(appointment change: Int32, of person: Int32) {
        appointed[person, default: []].append(change)
    }

    /// `persons` as record `seq` leaves them: a person whose name or existence changed gets a row
    /// of their own from `seq`, and the row known before it ends there.
    mutating func refresh(_ persons: [Int32], by seq: UInt32, in ledger: CompactLedger, changeRecord: [Int32], withdrawnAt: [UInt32]) {
        for person in persons {
            var now: (name: Int32, record: Int32)?
            for change in appointed[person] ?? [] where withdrawnAt[Int(changeRecord[Int(change)])] == IndexLayout.stillKnown {
                let record = changeRecord[Int(change)], name = ledger.changeTexts[Int(change)].name
                let known = now ?? (-1, -1)
                now = name >= 0 && record > known.record ? (name, record) : known
            }
            let before = current[person].map { rows[$0] }
            if let before, let now, before.name == now.name, before.namedBy == now.record { continue }
            if let at = current[person] {
                rows[at].knownUntil = seq
                current[person] = nil
            }
            if let now {
                current[person] = rows.count
                rows.append(Row(person: person, name: now.name, namedBy: now.record, knownFrom: seq))
            }
        }
    }
}
