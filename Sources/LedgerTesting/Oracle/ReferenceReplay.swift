import Ledger

/// The slow path every answer is checked against: replay from the start up to a date, with
/// nothing precomputed and its own reading of corrections, written apart from `EffectiveHistory`
/// so a mistake in one does not hide in the other.
public enum ReferenceReplay {
    /// The organisation on `date` as known at `knownAt`.
    public static func state(
        of log: [Record], at date: ValidDate, knownAt: TransactionTime = .distantFuture
    ) throws(RuleViolation) -> OrgState {
        let known = log.filter { $0.recorded <= knownAt }
        // Walk the known records from the newest back: the first correction or retraction met for
        // a target is the latest and decides; every other record naming the same target, and the
        // target itself, is withdrawn.
        var decided = Set<RecordID>()
        var withdrawn = Set<RecordID>()
        for record in known.reversed() {
            guard let target = record.corrects ?? record.retracts else { continue }
            if decided.contains(target) {
                withdrawn.insert(record.id)
            } else {
                decided.insert(target)
                withdrawn.insert(target)
            }
        }
        // A retraction that decides withdraws its target's corrections too; they were already
        // withdrawn above as non-deciding records naming the same target.
        let day = date.firstDay
        var applying: [(day: Int, seq: Int, record: Record)] = []
        for record in known where !withdrawn.contains(record.id) && record.effectiveDate.firstDay <= day {
            applying.append((record.effectiveDate.firstDay, record.seq, record))
        }
        applying.sort { ($0.day, $0.seq) < ($1.day, $1.seq) }
        var state = OrgState()
        for (_, _, record) in applying {
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

extension ReferenceReplay {
    /// The oracle's verdict on a whole ledger: the record rules (shared with production: they
    /// need no state), then every change replayed by `OrgState.apply` in the oracle's own order,
    /// then `actor` and `about` against the final state; the violation as `Ledger(records:)`
    /// reports it, line included.
    public static func check(_ records: [Record]) throws(RuleViolation) {
        var byID: [RecordID: Record] = [:]
        for record in records {
            do { try RecordRules.check(record.body, earlier: byID) } catch {
                var placed = error
                placed.line = record.seq
                throw placed
            }
            byID[record.id] = record
        }
        let state: OrgState
        do {
            state = try Self.state(of: records, at: ValidDate(dayNumber: ValidDate.representableDayNumbers.upperBound))
        } catch {
            var placed = error
            placed.line = byID[error.recordID]?.seq
            throw placed
        }
        for record in records {
            do { try RecordRules.checkReferences(record.body, in: state) } catch {
                var placed = error
                placed.line = record.seq
                throw placed
            }
        }
    }
}
