/// An append checked against the ledger read compactly (`CompactLedger`), for the batches the
/// index alone cannot check: backdated records, corrections, retractions, and dissolutions the
/// index's counts do not decide.
///
/// The file is read once into interned numbers, as the index build reads it (a few hundred MB at
/// 10⁶ records, where reading it as records held some 8 GB); the batch's sealed lines join it,
/// checked as every line of the file is; then every rule runs once over the whole, in the order
/// the records take effect, by the one engine (`CompactLedger.checkRules`), the batch's records
/// also held to the authoring rules that need the state (`AuthoredBatch`). What passes is what the
/// full check (`LedgerAppender.plan`) passes. The same reading then lays out the new index.
///
/// It only ever accepts: it answers nil for anything it does not vouch for (a line the compact
/// reader hands over, a rule broken, an id already in the ledger, a correction without changes),
/// and the full check then decides, so every refusal is worded as the full check words it.
struct CompactAppend {
    /// The ledger read, with the batch's records after its own.
    private(set) var ledger: CompactLedger
    /// The batch's records, sealed.
    let stored: [Record]
    /// The ledger's head before the batch, and its size after.
    let headBefore: String
    let sizeAfter: Int
    /// The batch's lines, as they are (or, for a dry run, would be) written after the ledger's.
    let lines: [UInt8]

    /// Seals `entries` onto the ledger in `file` (committed, held under the append's lock) and
    /// checks them; nil when the full check must decide. Throws only when the head is not the
    /// one expected, as the full check would.
    init?(_ entries: [RecordBatch.Entry], of file: FileSystem.Descriptor, expectHead: String?, now: TransactionTime) throws(AppendError) {
        // Anything but new records with changes of their own or a target to withdraw is the full
        // check's: a record already in the ledger is compared with it there, and a correction
        // without changes is held there to the rule about what it withdraws
        // (`LedgerAppender.checkCorrections`).
        guard !entries.isEmpty, !entries.contains(where: { $0.body.corrects != nil && $0.body.changes.isEmpty }),
              let size = try? FileSystem.stamp(file).size, let mapped = FileSystem.map(file, length: Int(size)),
              var ledger = CompactLedger.read(mapped, keepingTexts: true)
        else { return nil }
        if let expectHead, !(HeadPrefix(expectHead)?.matches(ledger.head) ?? false) {
            throw .headMoved(expected: expectHead, actual: ledger.head)
        }
        guard !entries.contains(where: { ledger.recordPosition($0.body.id) != nil }) else { return nil }
        let (count, head) = (ledger.records.count, ledger.head)
        let recorded = max(now, ledger.lastRecorded ?? now)
        var stored: [Record] = []
        var lines: [UInt8] = []
        for entry in entries {
            let record = HashChain.seal(entry.body, seq: count + stored.count + 1, recorded: recorded, prev: stored.last?.hash ?? head)
            stored.append(record)
            lines += CanonicalJSON.bytes(of: record.json)
            lines.append(0x0A)
        }
        let joined = lines.withUnsafeBufferPointer { ledger.append(lines: $0, at: Int(size)) }
        guard joined, ledger.checkRules(appending: AuthoredBatch(first: count, removesAbbreviation: entries.map(\.removesAbbreviation)))
        else { return nil }
        (self.ledger, self.stored, headBefore, sizeAfter, self.lines) = (ledger, stored, head, Int(size) + lines.count, lines)
    }

    /// The head after the batch.
    var head: String { stored.last?.hash ?? headBefore }

    /// Lays out the index of the ledger with the batch, once it is written and the file at
    /// `ledgerPath` has `stamp` (`IndexFile.store` keeps it only if the file still has it); for a
    /// dry run, into a file with no name, as if the batch were written. Hands the reading over,
    /// leaving none here: the writer frees its tables as it goes (hundreds of MB at 10⁶ records),
    /// which it cannot while a second reference holds them.
    mutating func writeIndex(ledgerPath: String, stamp: FileSystem.FileStamp, to destination: IndexDestination = .besideLedger) -> Bool {
        var reading = CompactLedger()
        swap(&reading, &ledger)
        return IndexFile.write(checked: consume reading, fileSize: sizeAfter, stamp: stamp, ledgerPath: ledgerPath, to: destination)
    }

    /// How far back the batch reaches, as the full check's dry run works it out from the replays
    /// before and after (`LedgerAppender.plan`): whether a record of it withdraws one or takes
    /// effect before the latest record that counted, and the earliest effective day of the records
    /// that count on one side only (nil: the same count on both, so no answer can differ). Asked
    /// before `writeIndex`, which takes the reading.
    var reach: (reachesBack: Bool, from: Int?) {
        let count = Int(stored[0].seq) - 1
        let targets = ledger.withdrawalTargets()
        var withdrawals = EffectiveOrder.Withdrawals()
        for (position, record) in ledger.records.enumerated() where targets[position] >= 0 {
            let target = Int(targets[position])
            _ = withdrawals.add(position, record.corrects != nil ? .corrects(target) : .retracts(target))
        }
        var latestBefore = Int.min, from: Int?
        for (position, record) in ledger.records.enumerated() {
            let day = Int(record.effectiveDay), withdrawer = withdrawals.firstWithdrawnBy[position]
            let countedBefore = position < count && (withdrawer ?? count) >= count, countedAfter = withdrawer == nil
            if countedBefore { latestBefore = max(latestBefore, day) }
            if countedBefore != countedAfter { from = min(from ?? day, day) }
        }
        let reachesBack = stored.contains {
            EffectiveOrder.reachesBack(withdrawing: $0.corrects != nil || $0.retracts != nil, day: $0.effectiveDate.firstDay, latestDay: latestBefore)
        }
        return (reachesBack, from)
    }
}
