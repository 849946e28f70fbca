/// The slow path every answer is checked against: replay the effective history from the start up
/// to a date, with nothing precomputed.
public enum ReferenceReplay {
    /// The organisation on `date` as known at `knownAt`, by replaying every record that takes
    /// effect on or before `date`.
    public static func state(
        of log: [Record], at date: ValidDate, knownAt: TransactionTime = .distantFuture
    ) throws(RuleViolation) -> OrgState {
        var state = OrgState()
        let day = date.firstDay
        for record in EffectiveHistory(log, knownAt: knownAt).records where record.effectiveDate.firstDay <= day {
            for (index, change) in record.changes.enumerated() {
                do {
                    try state.apply(change, on: record.effectiveDate, by: record.id)
                } catch {
                    throw RuleViolation(recordID: record.id, changeIndex: index, op: change.op, rule: error.rule)
                }
            }
        }
        return state
    }
}
