import FoundationEssentials

/// What an append did.
public struct AppendOutcome: Sendable {
    /// Records written (or, for a dry run, that would be written), sealed.
    public var stored: [Record]
    /// Ids in the batch already in the ledger with identical content: nothing written for them.
    public var alreadyPresent: [RecordID]
    /// The ledger's head after the append (for a dry run: as it would be).
    public var head: String
    /// What the batch changes in the organisation: before and after, on the latest effective date
    /// among the stored records (so a backdated record shows as of its own date's successors too).
    /// Worked out when asked (the command line shows it for a dry run): for a full check it needs
    /// two snapshots of the whole organisation.
    public var diff: OrgDiff { makeDiff() }
    private let makeDiff: @Sendable () -> OrgDiff
    /// For a batch that reaches back (a record taking effect before the latest effective date in
    /// the ledger, a correction or a retraction): every answer it changes, for which valid dates,
    /// over the whole period it reaches (`AffectedAnswers`); nil for a batch that only adds to
    /// the end, whose `diff` says it all. Worked out when asked, from both replays.
    public var affected: AffectedAnswers? { makeAffected() }
    private let makeAffected: @Sendable () -> AffectedAnswers?
    /// The whole ledger after the append (for a dry run: as it would be), when the append read
    /// and replayed all of it as records; nil when the batch was checked against the index, or
    /// against the ledger read compactly.
    public var ledger: Ledger?
    public var isDryRun: Bool
    /// How the batch was checked.
    var check: Check

    /// How a batch is checked: against the index and its tail (`IndexFile.planAppend`), against
    /// the ledger read compactly (`CompactAppend`), or against the ledger read and replayed as
    /// records (`LedgerAppender.plan`), which is also the check that words every refusal.
    enum Check: Sendable {
        case index, compactReading, fullReplay
    }

    init(stored: [Record], alreadyPresent: [RecordID], head: String, diff: @escaping @Sendable () -> OrgDiff,
         affected: @escaping @Sendable () -> AffectedAnswers? = { nil }, ledger: Ledger?, isDryRun: Bool, check: Check) {
        self.stored = stored
        self.alreadyPresent = alreadyPresent
        self.head = head
        self.makeDiff = diff
        self.makeAffected = affected
        self.ledger = ledger
        self.isDryRun = isDryRun
        self.check = check
    }
}

/// Appends records to a ledger file safely: under an exclusive lock, the whole batch validated
/// against the current history, then written in one go and fsynced before it is acknowledged.
public enum LedgerAppender {
    /// Appends `bodies` to the ledger at `path`.
    ///
    /// - Parameters:
    ///   - expectHead: refuse with `.headMoved` unless the ledger's head is this hash.
    ///   - dryRun: validate and return what would be stored, writing nothing.
    ///   - now: the `recorded` time to stamp (clamped so it never decreases along the log).
    public static func append(
        _ bodies: [RecordBody], to path: String, expectHead: String? = nil, dryRun: Bool = false,
        now: TransactionTime = .now
    ) throws(AppendError) -> AppendOutcome {
        try append(bodies.map(RecordBatch.Entry.init(meaning:)), to: path, expectHead: expectHead, dryRun: dryRun, now: now)
    }

    /// Appends a parsed batch; errors point at each record's line or element in the batch.
    ///
    /// The batch is all or nothing (see `LedgerJournal`): it is acknowledged only once its bytes
    /// are durable and its journal is gone; after any failure, before or after a byte was
    /// written, the ledger is as it was, or it is made so by the next command that may write it.
    public static func append(
        _ bodies: [RecordBatch.Entry], to path: String, expectHead: String? = nil, dryRun: Bool = false,
        now: TransactionTime = .now
    ) throws(AppendError) -> AppendOutcome {
        do {
            return try appendLocked(bodies, to: path, expectHead: expectHead, dryRun: dryRun, now: now)
        } catch .headMoved(let expected, let actual) {
            // Moved on, or rewritten? Only the whole chain can tell, and only this error pays for it.
            do throws(IntegrityError) {
                _ = try LedgerVerification.verify(path: path, expectHead: expected, index: .skip)
            } catch .headNotFound {
                throw .headNotFound(expected: expected, actual: actual)
            } catch {}
            throw .headMoved(expected: expected, actual: actual)
        }
    }

    private static func appendLocked(
        _ bodies: [RecordBatch.Entry], to path: String, expectHead: String?, dryRun: Bool, now: TransactionTime
    ) throws(AppendError) -> AppendOutcome {
        // The ledger must exist (`ledger init` creates it): an append never creates a file, so a
        // refused first record leaves nothing behind, and a mistyped path is named, not started.
        let file: FileSystem.Descriptor
        do { file = try FileSystem.openRegularFile(path, writable: !dryRun) } catch { throw .integrity(error) }
        do { try FileSystem.lockExclusively(file) } catch { throw .io(error) }
        // A batch some earlier append left half-written is undone before anything else.
        if !dryRun {
            do { _ = try LedgerJournal.recover(file) } catch { throw .integrity(error) }
        }
        // Checked against the index when it describes the file and the batch allows (see
        // `IndexFile.planAppend`): no replay, so the cost does not grow with the ledger.
        let index = IndexFile.openOrBuild(ledgerPath: path)
        if let index, let outcome = try index.planAppend(bodies, expectHead: expectHead, now: now, dryRun: dryRun) {
            guard !dryRun, !outcome.stored.isEmpty else { return outcome }
            try write(outcome.stored, to: file, after: index.head)
            if let stamp = try? FileSystem.stamp(file) { _ = index.tail(after: outcome.stored, ledger: stamp).write(forLedger: path) }
            return outcome
        }
        // A dry run of such a batch: checked the same way, and answered from the index it would
        // leave, which knows the ledger before the batch and with it (`IndexFile.dryRun`).
        if dryRun, var compact = try CompactAppend(bodies, of: file, expectHead: expectHead, now: now),
           let outcome = compactDryRun(&compact, of: bodies, ledger: file, now: now) {
            return outcome
        }
        // A batch that reaches back, checked against the ledger read compactly, and indexed from
        // that same reading (see `CompactAppend`).
        if !dryRun, var compact = try CompactAppend(bodies, of: file, expectHead: expectHead, now: now) {
            try write(compact.stored, to: file, after: compact.headBefore)
            let outcome = compactOutcome(compact, of: bodies, ledgerPath: path, now: now)
            // Still under the lock, and with the file's stamp after the write: the index describes it.
            if let stamp = try? FileSystem.stamp(file) { _ = compact.writeIndex(ledgerPath: path, stamp: stamp) }
            return outcome
        }
        // The full check: the records read once, and replayed with the batch; before it too only
        // when no index vouches for their rules (see `AppendBase`).
        let current: AppendBase
        do {
            if let index, index.vouchesForTheRules {
                current = AppendBase(vouchedRecords: try LedgerFile.read(path: path))
            } else {
                current = AppendBase(try Ledger.open(path: path))
            }
        } catch {
            throw .integrity(error)
        }
        let outcome = try plan(bodies, onto: current, expectHead: expectHead, now: now, dryRun: dryRun)
        guard !dryRun, !outcome.stored.isEmpty, let ledger = outcome.ledger else { return outcome }
        try write(outcome.stored, to: file, after: current.head)
        // Still under the lock: index the new state so the next query need not read it all.
        IndexFile.write(for: ledger, ledgerPath: path)
        return outcome
    }

    /// What an append checked compactly stored. Its difference and affected answers, should a
    /// caller ask, are worked out then from the index the append wrote, which holds the batch
    /// (`BatchAnswers`); failing that, by the full check, from the file's records up to the batch.
    private static func compactOutcome(_ compact: borrowing CompactAppend, of entries: [RecordBatch.Entry], ledgerPath: String,
                                       now: TransactionTime) -> AppendOutcome {
        let (stored, count, reach) = (compact.stored, compact.stored[0].seq - 1, compact.reach)
        let replanned: @Sendable () -> AppendOutcome? = {
            guard let records = try? LedgerFile.read(path: ledgerPath), records.count >= count + stored.count,
                  Array(records[count..<(count + stored.count)]) == stored
            else { return nil }
            return try? plan(entries, onto: AppendBase(vouchedRecords: Array(records.prefix(count))), expectHead: nil, now: now, dryRun: false)
        }
        let (diff, affected) = answers({ BatchAnswers.fromIndex(ofLedgerAt: ledgerPath, stored: stored, reach: reach) }, else: replanned)
        return AppendOutcome(stored: stored, alreadyPresent: [], head: compact.head, diff: diff, affected: affected, ledger: nil,
                             isDryRun: false, check: .compactReading)
    }

    /// A dry run checked compactly. Its difference and affected answers are worked out when asked
    /// from the index the batch would leave (`BatchAnswers`); should a read of that index fail, by
    /// the full check. Nil if that index cannot be laid out: the full check then answers.
    private static func compactDryRun(_ compact: inout CompactAppend, of entries: [RecordBatch.Entry], ledger file: FileSystem.Descriptor,
                                      now: TransactionTime) -> AppendOutcome? {
        let reach = compact.reach
        let (stored, head, headBefore, ledgerPath) = (compact.stored, compact.head, compact.headBefore, file.path)
        guard let index = IndexFile.dryRun(of: &compact, ledger: file) else { return nil }
        let full: @Sendable () -> AppendOutcome? = {
            guard let ledger = try? Ledger.open(path: ledgerPath), ledger.head == headBefore else { return nil }
            return try? plan(entries, onto: ledger, now: now, dryRun: true)
        }
        let answers = BatchAnswers(index: index, stored: stored, reach: reach)
        let (diff, affected) = Self.answers({ answers }, else: full)
        return AppendOutcome(stored: stored, alreadyPresent: [], head: head, diff: diff, affected: affected, ledger: nil, isDryRun: true,
                             check: .compactReading)
    }

    /// An outcome's difference and affected answers from the `BatchAnswers` `open` gives (asked for
    /// once), or, where it gives none or its index fails a read, from the full check's outcome.
    private static func answers(_ open: @escaping @Sendable () -> BatchAnswers?, else full: @escaping @Sendable () -> AppendOutcome?)
        -> (diff: @Sendable () -> OrgDiff, affected: @Sendable () -> AffectedAnswers?) {
        let opened = Locked<BatchAnswers??>(nil)
        let answers: @Sendable () -> BatchAnswers? = {
            if let known = opened.withLock({ $0 }) { return known }
            let found = open()
            opened.withLock { $0 = .some(found) }
            return found
        }
        return (diff: {
            if let diff = try? answers()?.diff() { return diff }
            return full()?.diff ?? .nothing
        }, affected: {
            if let answers = answers() {
                do { return try answers.affected() } catch {}
            }
            return full()?.affected
        })
    }

    /// Writes the sealed records as one batch: the journal first, made durable; then the records
    /// in one write, fsynced; then the journal emptied, which commits them. On any failure the
    /// file is cut back to where it was (and if even that fails, the journal stays for the next
    /// command to roll back), and nothing is acknowledged.
    private static func write(_ records: [Record], to file: FileSystem.Descriptor, after head: String) throws(AppendError) {
        var bytes: [UInt8] = []
        for record in records {
            bytes.append(contentsOf: CanonicalJSON.bytes(of: record.json))
            bytes.append(0x0A)
        }
        let before: FileSystem.FileStamp
        let journal: FileSystem.Descriptor
        do {
            let info = try FileSystem.status(file)
            before = FileSystem.FileStamp(info)
            journal = try LedgerJournal.open(forLedger: file.path, ledgerOwner: info.st_uid)
            try LedgerJournal(ledger: before, head: head).write(to: journal)
        } catch {
            throw .io(error)
        }
        do throws(IOFailure) {
            try FileSystem.appendDurably(bytes, to: file)
            try LedgerJournal.clear(journal)
        } catch {
            if (try? FileSystem.truncate(file, to: Int(before.size))) != nil { try? LedgerJournal.clear(journal) }
            throw .io(error)
        }
    }

    /// Seals the batch onto `current` and validates the result, touching no file.
    public static func plan(
        _ bodies: [RecordBody], onto current: Ledger, expectHead: String? = nil, now: TransactionTime = .now,
        dryRun: Bool = true
    ) throws(AppendError) -> AppendOutcome {
        try plan(bodies.map(RecordBatch.Entry.init(meaning:)), onto: current, expectHead: expectHead, now: now, dryRun: dryRun)
    }

    /// Seals a parsed batch onto `current` and validates the result, touching no file.
    public static func plan(
        _ entries: [RecordBatch.Entry], onto current: Ledger, expectHead: String? = nil, now: TransactionTime = .now,
        dryRun: Bool = true
    ) throws(AppendError) -> AppendOutcome {
        try plan(entries, onto: AppendBase(current), expectHead: expectHead, now: now, dryRun: dryRun)
    }

    /// Seals a parsed batch onto `current` and validates the result (the whole ledger replayed
    /// with the batch), touching no file. `current` is replayed on its own only for a dry run's
    /// answers, or to tell whether a refusal naming an earlier record is the batch's doing.
    static func plan(
        _ entries: [RecordBatch.Entry], onto current: AppendBase, expectHead: String?, now: TransactionTime, dryRun: Bool
    ) throws(AppendError) -> AppendOutcome {
        // A dry run shows the answers before and after: the replay before is needed anyway, and
        // made first, so a ledger that breaks a rule is named as `Ledger.open` names it.
        if dryRun { do { _ = try current.replayed() } catch { throw .integrity(error) } }
        if let expectHead, !(HeadPrefix(expectHead)?.matches(current.head) ?? false) {
            throw .headMoved(expected: expectHead, actual: current.head)
        }
        var records = current.records
        var stored: [Record] = []
        var alreadyPresent: [RecordID] = []
        let recorded = max(now, current.records.last?.recorded ?? now)
        var batchIDs = Set<RecordID>()
        for entry in entries {
            let body = entry.body
            if try isAlreadyPresent(entry, existing: current.record(body.id), batchIDs: &batchIDs) {
                alreadyPresent.append(body.id)
                continue
            }
            let record = HashChain.seal(body, seq: records.count + 1, recorded: recorded, prev: records.last?.hash ?? Record.genesisHash)
            records.append(record)
            stored.append(record)
        }
        let ledger: Ledger
        if stored.isEmpty {
            do { ledger = try current.replayed() } catch { throw .integrity(error) }
        } else {
            var appending: [RecordID: Set<Int>] = [:]
            let storedIDs = Set(stored.map(\.id))
            for entry in entries where storedIDs.contains(entry.body.id) {
                appending[entry.body.id] = entry.removesAbbreviation
            }
            do { ledger = try Ledger(records: records, appending: appending) } catch {
                var error = error
                // Point at the record's place in the batch, or in the ledger if the broken record is
                // an earlier one that a backdated batch record invalidates.
                if let entry = entries.first(where: { $0.body.id == error.recordID }) {
                    error.line = entry.line
                    error.element = entry.element
                    if entry.line == nil, entry.element == nil { error.line = nil }
                } else if let seq = current.record(error.recordID)?.seq {
                    // Only if the ledger replays without the batch is the batch to blame (read
                    // in full, a ledger that does not is refused as it is read).
                    do { _ = try current.replayed() } catch { throw .integrity(error) }
                    // An earlier record no longer replays: a backdated record, a correction or a
                    // retraction in the batch broke it. Name both.
                    let culprits = stored.map { "'\($0.id)'" }.joined(separator: ", ")
                    error.line = nil
                    error.rule = "appending \(culprits) would break this record (seq \(seq)): \(error.rule)"
                }
                throw .refused(error)
            }
            try checkCorrections(stored, entries: entries, before: current, after: ledger)
        }
        let date = stored.map(\.effectiveDate).max() ?? ValidDate(dayNumber: 0)
        // Asked of a dry run only, which has replayed `current` already.
        let diff: @Sendable () -> OrgDiff = { [stored] in
            guard !stored.isEmpty, let before = try? current.replayed() else { return .nothing }
            return OrgDiff(from: before.index.snapshot(at: date), at: date, to: ledger.index.snapshot(at: date), at: date)
        }
        let affected: @Sendable () -> AffectedAnswers? = { [stored] in
            guard let before = try? current.replayed() else { return nil }
            let latest = before.history.records.last?.effectiveDate.firstDay ?? Int.min
            let reachesBack = stored.contains {
                EffectiveOrder.reachesBack(withdrawing: $0.corrects != nil || $0.retracts != nil, day: $0.effectiveDate.firstDay,
                                           latestDay: latest)
            }
            return reachesBack ? AffectedAnswers(before: before, after: ledger) : nil
        }
        return AppendOutcome(stored: stored, alreadyPresent: alreadyPresent, head: ledger.head, diff: diff, affected: affected,
                             ledger: ledger, isDryRun: dryRun, check: .fullReplay)
    }
}

extension LedgerAppender {
    /// Holds each correction of the batch to `AuthoringRules.check(correction:withdrawing:)`,
    /// with the records it withdraws that counted before the batch.
    static func checkCorrections(_ stored: [Record], entries: [RecordBatch.Entry], before: AppendBase, after: Ledger) throws(AppendError) {
        let corrections = stored.filter { $0.corrects != nil && $0.changes.isEmpty }
        guard !corrections.isEmpty else { return }
        let withdrawnBefore = EffectiveHistory(before.records).withdrawn
        for record in corrections {
            let withdrawn = after.history.withdrawn.filter { $0.value == record.id && withdrawnBefore[$0.key] == nil }
                .keys.compactMap(after.record).sorted { $0.seq < $1.seq }
            do { try AuthoringRules.check(correction: record, withdrawing: withdrawn) } catch {
                if let entry = entries.first(where: { $0.body.id == record.id }) { throw .refused(error.placed(at: entry)) }
                throw .refused(error)
            }
        }
    }

    /// Whether the batch's `entry` is in the ledger already (`existing`, with identical content:
    /// nothing to write). Refuses the same id with other content, or twice in the batch.
    static func isAlreadyPresent(_ entry: RecordBatch.Entry, existing: Record?, batchIDs: inout Set<RecordID>) throws(AppendError) -> Bool {
        let body = entry.body
        if let existing {
            guard existing.body == body else { throw .conflictingID(body.id, line: entry.line, element: entry.element) }
            return true
        }
        guard batchIDs.insert(body.id).inserted else {
            throw .refused(RuleViolation(recordID: body.id, rule: "field 'id': the batch has two records with this id",
                                         line: entry.line, element: entry.element))
        }
        return false
    }
}

extension RecordBatch.Entry {
    /// A body built in code, which means exactly what it says: a rename without abbreviation
    /// removes it. (Only JSON an author wrote tells an absent abbreviation from `null`, and there
    /// an absent one is refused; see `AuthoringRules`.)
    init(meaning body: RecordBody) {
        var renames = Set<Int>()
        for (index, change) in body.changes.enumerated() {
            if case .renameUnit = change { renames.insert(index) }
        }
        self.init(body: body, removesAbbreviation: renames)
    }
}

extension TransactionTime {
    /// The current time, to the second: `recorded` values stay short and readable.
    public static var now: TransactionTime {
        TransactionTime(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
    }
}
