/// The records concerning one unit or task (or all records), ordered by when they happened.
public struct EntityHistory: Hashable, Sendable {
    /// The unit, task, person or record id asked about; nil for the whole ledger.
    public var subject: String?
    public var entries: [Entry]

    /// A history as stated whole, say by a test that expects it.
    public init(subject: String?, entries: [Entry]) {
        self.subject = subject
        self.entries = entries
    }

    /// One record in a history.
    public struct Entry: Hashable, Sendable {
        public var record: Record
        /// The changes of the record that name the subject (all of them for the whole ledger).
        public var changes: [Change]
        /// The record that withdrew this one (a correction or retraction), if any.
        public var withdrawnBy: RecordID?
        /// How it was withdrawn, if it was.
        public var withdrawal: Withdrawal?

        public init(record: Record, changes: [Change], withdrawnBy: RecordID? = nil, withdrawal: Withdrawal? = nil) {
            self.record = record
            self.changes = changes
            self.withdrawnBy = withdrawnBy
            self.withdrawal = withdrawal
        }
    }

    /// How a record stopped counting.
    public enum Withdrawal: String, Hashable, Sendable {
        case corrected, retracted
    }

    /// Records naming `subject` (a unit, task or person) in their changes, `actor` or `about`, with a date within
    /// `from`...`to` (by first day, inclusive), ordered by date then ledger order; `withdrawal`
    /// says which were withdrawn, and by what (`EffectiveHistory.withdrawal(of:)`).
    public init(log: [Record], subject: String?, from: ValidDate? = nil, to: ValidDate? = nil,
                withdrawal: (RecordID) -> RecordWithdrawal? = { _ in nil }) {
        self.subject = subject
        var entries: [Entry] = []
        var included = Set<RecordID>()
        for record in log {
            let day = record.date.firstDay
            if let from, day < from.firstDay { continue }
            if let to, day > to.firstDay { continue }
            let changes: [Change]
            if let subject {
                changes = record.changes.filter {
                    $0.unitIDs.contains(subject) || $0.taskIDs.contains(subject) || $0.personID == subject
                }
                // A correction or retraction belongs to the history of what it corrects.
                let target = record.corrects ?? record.retracts
                let mentioned = !changes.isEmpty || record.actor == subject || (record.about ?? []).contains(subject)
                    || record.id == subject || target == subject || target.map(included.contains) == true
                guard mentioned else { continue }
                included.insert(record.id)
            } else {
                changes = record.changes
            }
            let withdrawn = withdrawal(record.id)
            entries.append(Entry(record: record, changes: changes, withdrawnBy: withdrawn?.by, withdrawal: withdrawn?.kind))
        }
        // Places sorted, not entries: moving an entry is a whole record's worth of reference counting.
        self.entries = entries.indices.sorted { a, b in
            let (l, r) = (entries[a].record.date, entries[b].record.date)
            return l != r ? l < r : a < b
        }.map { entries[$0] }
    }
}
