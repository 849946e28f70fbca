/// The records concerning one unit or task (or all records), ordered by when they happened.
public struct EntityHistory: Hashable, Sendable {
    /// The unit or task id asked about; nil for the whole ledger.
    public var subject: String?
    public var entries: [Entry]

    /// One record in a history.
    public struct Entry: Hashable, Sendable {
        public var record: Record
        /// The changes of the record that name the subject (all of them for the whole ledger).
        public var changes: [Change]
        /// The record that withdrew this one (a correction or retraction), if any.
        public var withdrawnBy: RecordID?
    }

    /// Records naming `subject` in their changes, `actor` or `about`, with a date within
    /// `from`...`to` (by first day, inclusive), ordered by date then ledger order.
    public init(log: [Record], subject: String?, from: ValidDate? = nil, to: ValidDate? = nil,
                withdrawn: [RecordID: RecordID] = [:]) {
        self.subject = subject
        var entries: [Entry] = []
        for record in log {
            let day = record.date.firstDay
            if let from, day < from.firstDay { continue }
            if let to, day > to.firstDay { continue }
            let changes: [Change]
            if let subject {
                changes = record.changes.filter { $0.unitIDs.contains(subject) || $0.taskIDs.contains(subject) }
                let mentioned = !changes.isEmpty || record.actor == subject || (record.about ?? []).contains(subject)
                    || record.corrects == subject || record.retracts == subject
                guard mentioned else { continue }
            } else {
                changes = record.changes
            }
            entries.append(Entry(record: record, changes: changes, withdrawnBy: withdrawn[record.id]))
        }
        self.entries = entries.enumerated().sorted { a, b in
            let (l, r) = (a.element.record.date, b.element.record.date)
            return l != r ? l < r : a.offset < b.offset
        }.map(\.element)
    }
}
