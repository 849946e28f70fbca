extension CheckedState {
    /// The organisation after every record of `history`, in application order, each change
    /// checked by the rule engine; throws the first rule a change breaks, naming the record and
    /// the change.
    static func replay(_ history: EffectiveHistory) throws(RuleViolation) -> OrgState {
        try replay(history, appending: [:])
    }

    /// As `replay(_:)`, with the records being appended (by id, with the renames whose
    /// abbreviation the author removed explicitly) also held to the authoring rules, each change
    /// just before it applies (`AuthoringRules`).
    static func replay(_ history: EffectiveHistory, appending: [RecordID: Set<Int>]) throws(RuleViolation) -> OrgState {
        var checked = CheckedState()
        for record in history.records {
            let date = record.effectiveDate
            let removals = appending[record.id]
            for (index, change) in record.changes.enumerated() {
                do {
                    if let removals {
                        try AuthoringRules.check(change, in: checked.state, on: date, removesAbbreviation: removals.contains(index))
                    }
                    try checked.apply(change, on: date, by: record.id)
                } catch {
                    throw RuleViolation(recordID: record.id, changeIndex: index, op: change.op, rule: error.rule)
                }
            }
        }
        return checked.state
    }
}
