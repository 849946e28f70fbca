@testable import Ledger

/// What `append` must do with a batch, by the oracle (the String engine over the whole history),
/// for the tests to hold the file's append, through its index or in full, to.
enum AppendOracle {
    /// What appending `batch` to a ledger holding `current` must do, by the oracle: skip records
    /// already present with the same content, refuse an id present with other content or twice in
    /// the batch, then seal the rest and accept them exactly when the String engine accepts the
    /// whole history with the authoring rules of a new record (`Ledger(records:appending:)`,
    /// `LedgerAppender.checkCorrections`); a break of an earlier record is named with the records
    /// that would break it.
    static func expectedAppend(of batch: [RecordBody], onto current: [Record], now: TransactionTime) -> Result<AppendOutcome, AppendError> {
        let existing = Dictionary(current.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var fresh: [RecordBody] = [], present: [RecordID] = [], seen = Set<RecordID>()
        for body in batch {
            if let record = existing[body.id] {
                guard record.body == body else { return .failure(.conflictingID(body.id, line: nil, element: nil)) }
                present.append(body.id)
                continue
            }
            guard seen.insert(body.id).inserted else {
                return .failure(.refused(RuleViolation(recordID: body.id, rule: "field 'id': the batch has two records with this id")))
            }
            fresh.append(body)
        }
        let sealed = seal(fresh, onto: current, now: now)
        var renames: [RecordID: Set<Int>] = [:]
        for body in fresh {
            renames[body.id] = Set(body.changes.indices.filter { if case .renameUnit = body.changes[$0] { true } else { false } })
        }
        do {
            let ledger = try Ledger(records: current + sealed, appending: renames)
            // A correction that would withdraw changes and give none (an authoring rule of its own).
            if let before = try? Ledger(records: current) {
                do { try LedgerAppender.checkCorrections(sealed, entries: [], before: AppendBase(before), after: ledger) } catch {
                    guard case .refused(var refusal) = error else { return .failure(error) }
                    refusal.line = nil
                    return .failure(.refused(refusal))
                }
            }
            return .success(AppendOutcome(stored: sealed, alreadyPresent: present, head: ledger.head, diff: { .nothing }, ledger: ledger,
                                          isDryRun: false, check: .fullReplay))
        } catch {
            var refusal = error
            refusal.line = nil
            if let earlier = existing[error.recordID] {
                refusal.rule = "appending \(sealed.map { "'\($0.id)'" }.joined(separator: ", ")) would break this record (seq \(earlier.seq)): \(error.rule)"
            }
            return .failure(.refused(refusal))
        }
    }

    /// Whether `batch` was refused only for an authoring rule: the refusal is of a rename, and the
    /// whole history holds without the authoring rules.
    static func refusedOnlyByAuthoring(_ refusal: AppendError, _ batch: [RecordBody], onto current: [Record],
                                               now: TransactionTime) -> Bool {
        guard case .refused(let violation) = refusal, violation.op == "renameUnit" else { return false }
        let ids = Set(current.map(\.id))
        return (try? Ledger(records: current + seal(batch.filter { !ids.contains($0.id) }, onto: current, now: now))) != nil
    }

    static func seal(_ bodies: [RecordBody], onto current: [Record], now: TransactionTime) -> [Record] {
        let recorded = max(now, current.last?.recorded ?? now)
        var sealed: [Record] = []
        for body in bodies {
            sealed.append(HashChain.seal(body, seq: current.count + sealed.count + 1, recorded: recorded,
                                         prev: sealed.last?.hash ?? current.last?.hash ?? Record.genesisHash))
        }
        return sealed
    }
}
