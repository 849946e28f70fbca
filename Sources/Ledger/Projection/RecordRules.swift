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

    /// Checks every record against those before it (`check`), naming the failing record's line;
    /// returns the records by id.
    static func checkEach(_ records: [Record]) throws(RuleViolation) -> [RecordID: Record] {
        var byID: [RecordID: Record] = [:]
        byID.reserveCapacity(records.count)
        for record in records {
            try atLine(of: record) { () throws(RuleViolation) in try check(record.body, earlier: byID) }
            byID[record.id] = record
        }
        return byID
    }

    /// Runs `rule` on `record`, pointing a violation at the record's line (its seq).
    private static func atLine(of record: Record, _ rule: () throws(RuleViolation) -> Void) throws(RuleViolation) {
        do {
            try rule()
        } catch {
            var error = error
            error.line = record.seq
            throw error
        }
    }

    /// Checks every record's `actor` and `about` against the final state (`checkReferences`).
    static func checkReferences(of records: [Record], in state: OrgState) throws(RuleViolation) {
        for record in records {
            try atLine(of: record) { () throws(RuleViolation) in try checkReferences(record.body, in: state) }
        }
    }
}

/// Every rule over a whole history, without the timelines a query needs: what `verify` runs.
public enum HistoryValidation {
    /// Checks `records` (in ledger order) as `Ledger(records:)` does, with the same errors.
    public static func check(_ records: [Record]) throws(RuleViolation) {
        _ = try RecordRules.checkEach(records)
        var state = CheckedState()
        for record in EffectiveHistory(records).records {
            for (index, change) in record.changes.enumerated() {
                do {
                    try state.apply(change, on: record.effectiveDate, by: record.id)
                } catch {
                    throw RuleViolation(recordID: record.id, changeIndex: index, op: change.op, rule: error.rule, line: record.seq)
                }
            }
        }
        try RecordRules.checkReferences(of: records, in: state.state)
    }
}
