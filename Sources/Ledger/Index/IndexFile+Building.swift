import FoundationEssentials

/// Building the index: one writer (`CompactIndexLayout`), fed from the ledger's lines read
/// compactly (`build`) or, for a ledger that reading does not vouch for, from its records read in
/// full (`write(for:ledgerPath:)`).
extension IndexFile {
    /// The index file that belongs to a ledger file.
    public static func path(forLedger ledgerPath: String) -> String { ledgerPath + ".index" }

    /// Builds the index of the ledger at `ledgerPath` without holding its records in memory: the
    /// file is read on every core into interned numbers (`CompactLedger`), then written by the one
    /// writer (see `write(_:fileSize:stamp:ledgerPath:scratch:)`).
    ///
    /// At 10⁶ records reading in full held some 8 GB; this holds a few hundred MB. False when the
    /// compact reading does not vouch for the ledger (anything unusual, which the full read then
    /// names), or the index could not be written.
    @discardableResult
    public static func build(ledgerPath: String) -> Bool {
        guard let committed = try? CommittedLedger.open(ledgerPath) else { return false }
        return build(committed)
    }

    /// Builds the index of the committed ledger (see `build(ledgerPath:)`).
    static func build(_ committed: CommittedLedger) -> Bool {
        guard let file = committed.map() else { return false }
        return build(of: file, stamp: committed.stamp, ledgerPath: committed.file.path)
    }

    /// Builds the index of the ledger bytes in `file`, whose stamp is `stamp`, beside the ledger;
    /// or, given a `scratch` path, there, for `verify` to compare with the index in use.
    static func build(of file: FileSystem.MappedFile, stamp: FileSystem.FileStamp, ledgerPath: String, scratch: String? = nil) -> Bool {
        guard let ledger = CompactLedger.read(file, keepingTexts: true) else { return false }
        // Consumed: at 10⁶ records its tables are hundreds of MB, which the writer frees as it goes.
        return write(consume ledger, fileSize: file.bytes.count, stamp: stamp, ledgerPath: ledgerPath, to: IndexDestination(scratch))
    }

    /// Writes the index of `ledger`, whose file at `ledgerPath` it describes, atomically beside it:
    /// for a ledger already read in full (one the compact reading did not vouch for, or after an
    /// append the index could not check). The index is a cache: failing to write it (a read-only
    /// directory) costs speed, not answers.
    @discardableResult
    public static func write(for ledger: Ledger, ledgerPath: String) -> Bool {
        guard let committed = try? CommittedLedger.open(ledgerPath), let file = committed.map() else { return false }
        return write(records: ledger.records, of: file, stamp: committed.stamp, ledgerPath: ledgerPath)
    }

    /// Writes the index of `records`, whose lines are the bytes of `file`, beside the ledger or in
    /// `scratch`.
    static func write(records: [Record], of file: FileSystem.MappedFile, stamp: FileSystem.FileStamp, ledgerPath: String,
                      scratch: String? = nil) -> Bool {
        guard let ledger = CompactLedger(records: records, ledgerBytes: file.bytes) else { return false }
        return write(consume ledger, fileSize: file.bytes.count, stamp: stamp, ledgerPath: ledgerPath, to: IndexDestination(scratch))
    }

    /// Writes the index of `ledger`, whose rules were checked already: a ledger read compactly
    /// with an append's batch joined to it (`CompactAppend`), once the batch is written and the
    /// file is `fileSize` bytes with `stamp`; or, for a dry run, into a file with no name.
    static func write(checked ledger: consuming CompactLedger, fileSize: Int, stamp: FileSystem.FileStamp, ledgerPath: String,
                      to destination: IndexDestination = .besideLedger) -> Bool {
        write(consume ledger, fileSize: fileSize, stamp: stamp, ledgerPath: ledgerPath, to: destination, rulesChecked: true)
    }

    /// The one index writer: every rule is checked again over the records in the order they take
    /// effect (unless the caller did: `rulesChecked`), the timelines are built in the order they
    /// were recorded (`CompactTimelines`), and the index is streamed to disk
    /// (`CompactIndexLayout`). False when the rules refuse the ledger or the index could not be
    /// written.
    private static func write(_ ledger: consuming CompactLedger, fileSize: Int, stamp: FileSystem.FileStamp, ledgerPath: String,
                              to destination: IndexDestination, rulesChecked: Bool = false) -> Bool {
        guard !ledger.records.isEmpty, rulesChecked || ledger.checkRules() else { return false }
        // Every lookup by id is made before the timelines grow, and the lookup tables then leave
        // memory: at 10⁶ records they are some 140 MB.
        let mentions = CompactMentions(copy ledger)
        let targets = ledger.withdrawalTargets()
        ledger.forgetIDLookups()
        let timelines = CompactTimelines(recording: copy ledger, targets: targets)
        // Records with a date the sources leave open, withdrawn ones too: an answer as known
        // earlier may rest on them. Each has a change.
        let openDates = ledger.records.indices.filter {
            ledger.records[$0].precision == IndexLayout.qualifiedPrecision && ledger.records[$0].changeCount > 0
        }.map { (record: Int32($0), days: ledger.records[$0].openDays) }
        var personRank = [Int32](repeating: 0, count: ledger.people.count)
        for (rank, person) in ledger.people.sorted(Array(0..<Int32(ledger.people.count))).enumerated() { personRank[Int(person)] = Int32(rank) }
        let personRows = timelines.persons.rows.sorted { (personRank[Int($0.person)], $0.knownFrom) < (personRank[Int($1.person)], $1.knownFrom) }
        // The timelines hold all the index needs of the records and changes: they leave memory
        // before the index is laid out.
        let lastEffectiveDay = ledger.records.map(\.effectiveDay).max() ?? Int32.min
        let recordTexts = ledger.records.indices.map {
            (title: ledger.records[$0].title, dateDay: ledger.records[$0].dateDay, recorded: ledger.records[$0].recorded,
             withdrawnAt: timelines.withdrawnAt[$0])
        }
        (ledger.records, ledger.changes, ledger.changeTexts) = ([], [], [])
        let layout = CompactIndexLayout(ledger: ledger, timelines: timelines, fileSize: fileSize, stamp: stamp,
                                        lastEffectiveDay: lastEffectiveDay, openDates: openDates, persons: personRows,
                                        recordTexts: recordTexts, mentions: mentions)
        return store(facts: layout.facts, sectionLengths: layout.sectionLengths, ledgerPath: ledgerPath, to: destination) {
            writer throws(IOFailure) in try layout.write(to: &writer)
        }
    }

    /// The index of the ledger at `ledgerPath`, built first if it is missing or stale; nil if it
    /// cannot be built (the caller then reads the ledger in full, which names any problem).
    public static func openOrBuild(ledgerPath: String) -> IndexFile? {
        guard let committed = try? CommittedLedger.open(ledgerPath) else { return nil }
        if let index = open(committed) { return index }
        return build(committed) ? open(committed) : nil
    }

    /// Writes an index where `destination` says, its payload streamed by `payload`: beside the
    /// ledger atomically, if the ledger is still as it was when it was read (else the index would
    /// lie); at a scratch path as it is, for a comparison; or into a file with no name.
    static func store(facts: IndexFileWriter.Facts, sectionLengths: [Int], ledgerPath: String, to destination: IndexDestination = .besideLedger,
                      payload: (inout IndexFileWriter) throws(IOFailure) -> Void) -> Bool {
        func write(to file: FileSystem.Descriptor) throws(IOFailure) {
            var writer = IndexFileWriter(file: file, facts: facts, sectionLengths: sectionLengths)
            try payload(&writer)
            try writer.finish()
        }
        let target: String
        switch destination {
        case .unnamed(let file): return (try? write(to: file)) != nil
        case .scratch(let path): target = path
        case .besideLedger: target = path(forLedger: ledgerPath)
        }
        // Not fsynced: after a crash a torn index fails its checksums and is built anew.
        let written: ()? = try? FileSystem.writeAtomically(to: target, durably: false) { file throws(IOFailure) in
            try write(to: file)
            guard case .besideLedger = destination else { return }
            guard FileSystem.stamp(ledgerPath) == facts.stamp else {
                throw IOFailure(action: "index '\(ledgerPath)'", reason: "it changed while it was indexed")
            }
        }
        guard written != nil else { return false }
        guard case .besideLedger = destination else { return true }
        // The index now covers every record: a tail of appends recorded for the old one is void.
        IndexTail.remove(forLedger: ledgerPath)
        return true
    }
}

/// Where the index writer puts an index.
enum IndexDestination {
    /// Beside the ledger (`IndexFile.path(forLedger:)`).
    case besideLedger
    /// At a scratch path, for `verify` to compare with the index in use.
    case scratch(String)
    /// Into a file with no name (`FileSystem.createUnnamedFile`), for a dry run to map.
    case unnamed(FileSystem.Descriptor)

    /// At `scratch` if given, else beside the ledger.
    init(_ scratch: String?) { self = scratch.map(Self.scratch) ?? .besideLedger }
}
