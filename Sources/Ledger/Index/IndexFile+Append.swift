/// Appends checked against the index instead of a replay of the whole ledger, so their cost does
/// not grow with the ledger's size.
///
/// This is exact, not an approximation, for the batches it takes: records that take effect on or
/// after every record already in the ledger, in that order, and that neither correct nor retract.
/// For those, the full check (replay everything in effective order, then the new records) comes
/// down to applying the new records to the final state of the entities they name, which the index
/// holds, with each unit's final counts of live sub-units and held tasks, which a dissolution's
/// rule needs. Everything else (backdated records, corrections, retractions, and dissolutions the
/// counts cannot decide: `RuleBreak.beyondLoadedState`) returns nil and takes the full check.
extension IndexFile {
    /// The most records a tail may hold before an append rewrites the whole index: every query
    /// reads and checks the tail's lines, so a long one would slow every answer.
    static let maximumTailRecords = 512

    /// Seals `entries` onto the ledger and validates them against the index; nil when the batch
    /// needs the full check (see above) or the tail is full.
    func planAppend(_ entries: [RecordBatch.Entry], expectHead: String?, now: TransactionTime, dryRun: Bool) throws(AppendError) -> AppendOutcome? {
        if let expectHead, !(HeadPrefix(expectHead)?.matches(head) ?? false) { throw .headMoved(expected: expectHead, actual: head) }
        var day = tail.last?.effectiveDate.firstDay ?? lastEffectiveDay
        var batchIDs = Set<RecordID>()
        var fresh: [RecordBatch.Entry] = []
        var alreadyPresent: [RecordID] = []
        for entry in entries {
            let body = entry.body
            if try LedgerAppender.isAlreadyPresent(entry, existing: record(body.id), batchIDs: &batchIDs) {
                alreadyPresent.append(body.id)
                continue
            }
            guard IndexTail.canHold(body, after: day) else { return nil }
            day = body.effectiveDate.firstDay
            fresh.append(entry)
        }
        guard tail.count + fresh.count <= IndexFile.maximumTailRecords else { return nil }

        let recorded = max(now, lastRecorded)
        var stored: [Record] = []
        var previous = head
        for entry in fresh {
            let record = HashChain.seal(entry.body, seq: recordCount + tail.count + stored.count + 1, recorded: recorded, prev: previous)
            previous = record.hash
            stored.append(record)
        }
        guard !stored.isEmpty else {
            return AppendOutcome(stored: [], alreadyPresent: alreadyPresent, head: head, diff: { .nothing }, ledger: nil, isDryRun: dryRun,
                                 check: .index)
        }

        // One state for the tail and the batch: the final state of everything they name, as the
        // index has it, then the tail's records applied, then the batch's.
        guard var checked = stateAfterTail(loadingAlso: stored) else { return nil }
        let before = checked.state
        // In the order of the full check: rules about each record, then the changes in effective
        // order (the batch's own order here), then the ids that `actor` and `about` name.
        for (record, entry) in zip(stored, fresh) {
            do { try RecordRules.check(record.body, earlier: [:]) } catch { throw .refused(error.placed(at: entry)) }
        }
        for (record, entry) in zip(stored, fresh) {
            for (index, change) in record.changes.enumerated() {
                do {
                    try AuthoringRules.check(change, in: checked.state, on: record.effectiveDate,
                                             removesAbbreviation: entry.removesAbbreviation.contains(index))
                    try checked.apply(change, on: record.effectiveDate, by: record.id)
                } catch where error == .beyondLoadedState {
                    return nil // a dissolution only the whole ledger decides, and names exactly
                } catch {
                    throw .refused(RuleViolation(recordID: record.id, changeIndex: index, op: change.op, rule: error.rule).placed(at: entry))
                }
            }
        }
        let state = checked.state
        for (record, entry) in zip(stored, fresh) {
            do { try RecordRules.checkReferences(record.body, in: state) } catch { throw .refused(error.placed(at: entry)) }
        }
        let date = stored.map(\.effectiveDate).max()!
        return AppendOutcome(stored: stored, alreadyPresent: alreadyPresent, head: previous,
                             diff: { [state] in OrgDiff(from: before, at: date, to: state, at: date) }, ledger: nil, isDryRun: dryRun,
                             check: .index)
    }

    /// The final state, as the index has it, of everything the tail and `batch` name (the units
    /// and tasks their changes name, the units their `actor` and `about` name), with the tail's
    /// records applied; nil if the index is damaged, or the tail breaks a rule or holds a
    /// dissolution the index's counts cannot decide (the full check then decides).
    private func stateAfterTail(loadingAlso batch: [Record]) -> CheckedState? {
        var checked: CheckedState
        do {
            // The tail's lines were chain-checked when the index was opened; their rules are
            // checked again here, so that nothing is stored on top of a record that breaks one
            // (written by hand, with a tail that vouches for it): the full check then names it.
            for record in tail { do { try RecordRules.check(record.body, earlier: [:]) } catch { return nil } }
            var state = OrgState()
            var related = Set<UnitID>()
            let final = Int.max
            try load(entitiesOf: tail + batch, on: final, into: &state, related: &related)
            for record in batch {
                if let actor = record.actor { try loadUnit(actor, withAncestors: false, on: final, into: &state, related: &related) }
                for id in record.about ?? [] {
                    try loadUnit(id, withAncestors: false, on: final, into: &state, related: &related)
                    try loadTask(id, on: final, into: &state)
                }
            }
            checked = CheckedState(loading: state, counts: try countsOfUnits(dissolvedBy: tail + batch))
        } catch {
            return nil
        }
        for record in tail {
            for change in record.changes {
                do { try checked.apply(change, on: record.effectiveDate, by: record.id) } catch { return nil }
            }
        }
        return checked
    }

    /// Whether the index vouches for the rules of the whole ledger: it was built by replaying
    /// them, and the records of its tail, if any, keep them on top of it. An append it declines
    /// then replays the ledger once, with the batch (`AppendBase`).
    var vouchesForTheRules: Bool { tail.isEmpty || stateAfterTail(loadingAlso: []) != nil }

    /// The tail file after `stored` was appended and the ledger file now has `stamp`.
    func tail(after stored: [Record], ledger stamp: FileSystem.FileStamp) -> IndexTail {
        IndexTail(baseRecords: recordCount, baseHead: baseHead, ledger: stamp, records: recordCount + tail.count + stored.count,
                  head: stored.last?.hash ?? head, lastRecorded: stored.last?.recorded ?? lastRecorded)
    }
}

extension RuleViolation {
    /// The violation pointed at the record's line or element in its batch.
    func placed(at entry: RecordBatch.Entry) -> RuleViolation {
        var placed = self
        placed.line = entry.line
        placed.element = entry.element
        return placed
    }
}

extension OrgDiff {
    /// The difference of a batch that stores nothing.
    static var nothing: OrgDiff {
        OrgDiff(from: OrgState(), at: ValidDate(dayNumber: 0), to: OrgState(), at: ValidDate(dayNumber: 0))
    }
}
