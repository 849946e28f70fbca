/// Rules about records as a whole, beyond the change table: checked on every record of a ledger
/// and of an append batch.
public enum RecordRules {
    /// Checks `record` against the records before it (`earlier`, by id → seq).
    public static func check(_ record: RecordBody, earlier: [RecordID: Record]) throws(RuleViolation) {
        func violation(_ rule: String) -> RuleViolation { RuleViolation(recordID: record.id, rule: rule) }
        if earlier[record.id] != nil {
            throw violation("field 'id': a record with this id already exists")
        }
        if record.sources.isEmpty {
            throw violation("field 'sources': every record cites at least one source")
        }
        if let effective = record.effective, effective < record.date {
            throw violation("field 'effective': \(effective) is before the decision date \(record.date); a decision cannot take effect before it is taken — record the earlier date as 'date' and explain in 'note'")
        }
        if record.corrects != nil, record.retracts != nil {
            throw violation("a record either corrects or retracts, not both")
        }
        for (field, target) in [("corrects", record.corrects), ("retracts", record.retracts)] {
            guard let target else { continue }
            guard earlier[target] != nil else {
                throw violation("field '\(field)': no earlier record '\(target)'")
            }
        }
        if record.retracts != nil, !record.changes.isEmpty {
            throw violation("field 'changes': a retraction withdraws changes and carries none of its own")
        }
    }

    /// Checks that `actor` and `about` name units or tasks the ledger knows.
    public static func checkReferences(_ record: RecordBody, in state: OrgState) throws(RuleViolation) {
        if let actor = record.actor, state.units[actor] == nil {
            throw RuleViolation(recordID: record.id, rule: "field 'actor': unit '\(actor)' is not in the ledger")
        }
        for (offset, id) in (record.about ?? []).enumerated() where state.units[id] == nil && state.tasks[id] == nil {
            throw RuleViolation(recordID: record.id, rule: "field 'about[\(offset)]': '\(id)' is neither a unit nor a task of the ledger")
        }
    }
}
