#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import FoundationEssentials

/// A whole ledger file read on every core into flat arrays with interned ids (`CompactTables`),
/// its hash chain checked line by line: what `verify` and the index builder share.
///
/// Each core decodes and hashes its share of the lines, checks what concerns one line or its
/// neighbour, and keeps of each record only what the caller needs. Lines are released from memory
/// as they are done, so a ledger larger than memory can be read. Reading answers only "this is
/// the ledger" or nil: on anything unexpected (a line the direct decoder hands over, a broken
/// link) the caller leaves the file to the full check, which names the problem exactly.
struct CompactLedger {
    var records: [CompactRecord] = []
    var changes: [CompactChange] = []
    /// Beside `changes`, when read keeping texts.
    var changeTexts: [CompactTexts] = []
    /// Where each record's line starts, when read keeping texts.
    var lineStarts: [Int] = []
    /// Every id of the ledger when read keeping texts; for `verify` the first share's ids, the
    /// later shares' in `laterShares`.
    var units = ByteInterner(), tasks = ByteInterner(), people = ByteInterner(), roles = ByteInterner()
    var recordIDs = ByteInterner(), texts = ByteInterner()
    /// How many distinct units and tasks the ledger names.
    private(set) var unitCount = 0, taskCount = 0
    /// For `verify`, the unit, task and record ids of each share after the first, not added to
    /// the tables above, and the numbers they stand for.
    private var laterShares: [LaterShare] = []

    private struct LaterShare {
        var units: ByteInterner, tasks: ByteInterner, recordIDs: ByteInterner
        var unitNumbers: [Int32], taskNumbers: [Int32]
        /// The position in the ledger of the share's first record.
        var firstRecord: Int
    }
    var head = Record.genesisHash
    var lastRecorded: TransactionTime?
    /// The seq of the record whose hash is the head expected, if asked for and met.
    var expectedHeadSeq: Int?

    /// No records yet: what `read` joins the shares of a file to.
    init() {}

    /// The ledger of one set of tables, their numbers taken as they are: the first share of a
    /// file read (`read`), or records held in memory (`init(records:ledgerBytes:)`).
    init(tables: CompactTables, head: String, lastRecorded: TransactionTime?) {
        (units, tasks, people, roles, texts) = (tables.units, tables.tasks, tables.people, tables.roles, tables.texts)
        (records, changes, changeTexts, lineStarts, recordIDs) = (tables.records, tables.changes, tables.changeTexts,
                                                                   tables.lineStarts, tables.recordIDs)
        (unitCount, taskCount) = (units.count, tasks.count)
        (self.head, self.lastRecorded) = (head, lastRecorded)
    }

    /// Reads `file`; nil if the full check must decide. `keepingTexts` keeps names, titles and
    /// line positions for the index.
    static func read(_ file: FileSystem.MappedFile, keepingTexts: Bool = false, expectHead: String? = nil) -> CompactLedger? {
        let bytes = file.bytes.bindMemory(to: UInt8.self)
        // An empty ledger, and one whose last line is cut, are the full check's to describe.
        guard bytes.last == 0x0A else { return nil }
        let workers = bytes.count < 1 << 20 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        // Shares end at line ends.
        var bounds = [0]
        for worker in 1..<max(workers, 1) {
            var at = max(bounds.last!, bytes.count * worker / workers)
            while at < bytes.count, bytes[at - 1] != 0x0A { at += 1 }
            bounds.append(at)
        }
        bounds.append(bytes.count)
        let shares = UnsafeMutableBufferPointer<Share?>.allocate(capacity: workers)
        shares.initialize(repeating: nil)
        defer {
            shares.deinitialize()
            shares.deallocate()
        }
        nonisolated(unsafe) let input = bytes
        nonisolated(unsafe) let output = shares
        let limits = bounds
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            output[worker] = Share(input, from: limits[worker], to: limits[worker + 1], keepingTexts: keepingTexts,
                                   expectHead: expectHead, file: file)
        }
        guard shares.allSatisfy({ $0 != nil }) else { return nil }
        var ledger = CompactLedger()
        for index in shares.indices {
            guard var share = shares[index] else { continue }
            // Each share leaves memory as it is joined: at 10⁶ records they are hundreds of MB.
            shares[index] = nil
            guard share.tables.records.isEmpty || ledger.join(&share, expectHead: expectHead) else { return nil }
        }
        return ledger
    }

    /// Adds `lines`, whole lines that are to follow the ledger's bytes from byte `offset` on, as
    /// records after those read, each checked as `read` checks every line of the file (the plain
    /// canonical form, its hash, the rules about a record on its own, the link to the line before,
    /// an id not seen before); false if one is not. For a ledger read keeping texts: a batch about
    /// to be appended joins the ledger it continues, so its rules are checked and its index built
    /// from the one reading of the file.
    mutating func append(lines: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard lines.last == 0x0A, var share = Share(lines, from: 0, to: lines.count, keepingTexts: true, expectHead: nil, file: nil)
        else { return false }
        share.tables.lineStarts = share.tables.lineStarts.map { $0 + offset }
        return join(&share, expectHead: nil)
    }

    /// One core's lines, checked and reduced.
    private struct Share {
        var tables: CompactTables
        var firstPrev = "", lastHash = ""
        var firstRecorded = TransactionTime.distantFuture, lastRecorded = TransactionTime.distantFuture
        var firstSeq = 0
        /// Position (in this share) of the record whose hash is the expected head.
        var expectedHeadAt: Int?

        init?(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, keepingTexts: Bool, expectHead: String?,
              file: FileSystem.MappedFile?) {
            tables = CompactTables(keepingTexts: keepingTexts)
            var lineStart = start
            var released = start
            var previous: (chain: CompactLineDecoder.Chain, line: Int)?
            let expected = expectHead.map { Array($0.utf8) }
            func hex(_ at: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[at..<(at + 64)]) }
            while lineStart < end {
                guard let found = memchr(bytes.baseAddress! + lineStart, 0x0A, end - lineStart) else { return nil }
                let newline = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress!
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<newline])
                var decoder = CompactLineDecoder(line)
                // The hash member starts 9 bytes (`,"hash":"`) before its digits.
                guard let decoded = decoder.read(into: &tables) else { return nil }
                let chain = CompactLineDecoder.Chain(seq: decoded.seq, recorded: decoded.recorded,
                                                     prev: lineStart + decoded.prev, hash: lineStart + decoded.hash)
                // Hashing the line gives the ids' table slots, fetched since they were read, time to arrive.
                guard HashChain.canonicalLine(line, withoutHashMemberAt: decoded.hash - 9, hashesTo: hex(chain.hash)),
                      tables.internPending(line) else { return nil }
                if let previous {
                    guard chain.seq == previous.chain.seq + 1, memcmp(bytes.baseAddress! + chain.prev, bytes.baseAddress! + previous.chain.hash, 64) == 0,
                          chain.recorded >= previous.chain.recorded
                    else { return nil }
                } else {
                    firstSeq = chain.seq
                    firstPrev = String(decoding: hex(chain.prev), as: UTF8.self)
                    firstRecorded = chain.recorded
                }
                if keepingTexts { tables.lineStarts.append(lineStart) }
                if let expected, hex(chain.hash).elementsEqual(expected) { expectedHeadAt = tables.records.count - 1 }
                previous = (chain, lineStart)
                lineStart = newline + 1
                // Done lines leave memory: a ledger larger than memory still verifies.
                if lineStart - released >= 1 << 24 {
                    file?.release(from: released, to: max(released, (previous?.line ?? released)))
                    released = max(released, previous?.line ?? released)
                }
            }
            if let previous {
                lastHash = String(decoding: hex(previous.chain.hash), as: UTF8.self)
                lastRecorded = previous.chain.recorded
            }
        }
    }

    /// Adds a share's records after those already joined, taking its tables (each part leaves
    /// memory once added, before the next grows the ledger's); false if the share does not
    /// continue them.
    private mutating func join(_ share: inout Share, expectHead: String?) -> Bool {
        var local = CompactTables(keepingTexts: false)
        swap(&local, &share.tables)
        // The link between shares: what the first line of each expects of the one before.
        guard share.firstSeq == records.count + 1, share.firstPrev == head, lastRecorded.map({ share.firstRecorded >= $0 }) ?? true
        else { return false }
        // The first share is taken as it is: its numbers become the global ones, and its changes
        // start at 0. Later shares' ids are looked up by their bytes.
        if records.isEmpty {
            self = CompactLedger(tables: local, head: share.lastHash, lastRecorded: share.lastRecorded)
            if let at = share.expectedHeadAt { expectedHeadSeq = at + 1 }
            return true
        }
        guard let maps = local.keepsTexts ? merge(local) : number(local) else { return false }
        (local.units, local.tasks, local.people, local.roles, local.recordIDs, local.texts) =
            (ByteInterner(), ByteInterner(), ByteInterner(), ByteInterner(), ByteInterner(), ByteInterner())
        func mapped(_ id: Int32, _ map: [Int32]) -> Int32 { id < 0 ? -1 : map[Int(id)] }
        let changeBase = Int32(changes.count)
        changes.reserveCapacity(changes.count + local.changes.count)
        func mapped(_ id: Int32, _ kind: CompactChange.IDKind?) -> Int32 {
            switch kind {
            case .unit: mapped(id, maps.units)
            case .task: mapped(id, maps.tasks)
            case .person: mapped(id, maps.people)
            case .role: mapped(id, maps.roles)
            case nil: id
            }
        }
        for var change in local.changes {
            let kinds = CompactChange.fieldKinds(of: change.op)
            (change.a, change.b, change.c) = (mapped(change.a, kinds.a), mapped(change.b, kinds.b), mapped(change.c, kinds.c))
            changes.append(change)
        }
        local.changes = []
        changeTexts.reserveCapacity(changeTexts.count + local.changeTexts.count)
        for var text in local.changeTexts {
            (text.name, text.detail, text.kind) = (mapped(text.name, maps.texts), mapped(text.detail, maps.texts), mapped(text.kind, maps.texts))
            changeTexts.append(text)
        }
        local.changeTexts = []
        lineStarts.append(contentsOf: local.lineStarts)
        local.lineStarts = []
        records.reserveCapacity(records.count + local.records.count)
        for (offset, var record) in local.records.enumerated() {
            record.changeStart += changeBase
            record.actor = mapped(record.actor, maps.units)
            record.title = mapped(record.title, maps.texts)
            if offset == share.expectedHeadAt { expectedHeadSeq = records.count + 1 }
            records.append(record)
        }
        head = share.lastHash
        lastRecorded = share.lastRecorded
        return true
    }

    /// What a later share's numbers become in the whole ledger, by table.
    private struct NumberMaps {
        var units: [Int32] = [], tasks: [Int32] = [], people: [Int32] = [], roles: [Int32] = [], texts: [Int32] = []
    }

    /// For the index: the share's ids added to the tables, which the index writes out whole. The
    /// task table is the largest, and every lookup in it a cache miss: it is joined on one core
    /// while the other joins the rest. Nil if a record id repeats one before.
    private mutating func merge(_ local: CompactTables) -> NumberMaps? {
        var (globalTasks, globalUnits, globalRecordIDs) = (tasks, units, recordIDs)
        (tasks, units, recordIDs) = (ByteInterner(), ByteInterner(), ByteInterner())
        var maps = NumberMaps(), taskMap: [Int32] = [], recordsContinue = true
        let recordBase = Int32(records.count)
        Concurrently.run({ taskMap = globalTasks.ids(of: local.tasks) }, {
            maps.units = globalUnits.ids(of: local.units)
            maps.people = people.ids(of: local.people)
            maps.roles = roles.ids(of: local.roles)
            maps.texts = texts.ids(of: local.texts)
            // Record ids are numbered in ledger order: a repeated one gets an old number.
            recordsContinue = globalRecordIDs.ids(of: local.recordIDs).enumerated().allSatisfy { $1 == recordBase + Int32($0) }
        })
        maps.tasks = taskMap
        (tasks, units, recordIDs) = (globalTasks, globalUnits, globalRecordIDs)
        (unitCount, taskCount) = (units.count, tasks.count)
        return recordsContinue ? maps : nil
    }

    /// For `verify`: the share's unit, task and record ids only looked up in the tables before it,
    /// on both cores at once; new ones are numbered after the known ones, and the share's tables
    /// kept beside (`laterShares`) for the few lookups by id the rules make. Adding a million
    /// keys to a table was most of the join. Nil if a record id repeats one before.
    private mutating func number(_ local: CompactTables) -> NumberMaps? {
        var maps = NumberMaps(), taskMap: [Int32] = [], recordsNew = true
        Concurrently.run({ taskMap = known(local.tasks, first: tasks, later: laterShares.map { ($0.tasks, $0.taskNumbers) }) }, {
            maps.units = known(local.units, first: units, later: laterShares.map { ($0.units, $0.unitNumbers) })
            recordsNew = recordIDs.numbers(of: local.recordIDs).allSatisfy { $0 < 0 }
                && laterShares.allSatisfy { $0.recordIDs.numbers(of: local.recordIDs).allSatisfy { $0 < 0 } }
        })
        guard recordsNew else { return nil }
        maps.tasks = taskMap
        func numberNew(_ map: inout [Int32], after count: inout Int) {
            for index in map.indices where map[index] < 0 {
                map[index] = Int32(count)
                count += 1
            }
        }
        numberNew(&maps.units, after: &unitCount)
        numberNew(&maps.tasks, after: &taskCount)
        maps.people = people.ids(of: local.people)
        maps.roles = roles.ids(of: local.roles)
        laterShares.append(LaterShare(units: local.units, tasks: local.tasks, recordIDs: local.recordIDs, unitNumbers: maps.units,
                                      taskNumbers: maps.tasks, firstRecord: records.count))
        return maps
    }

    /// For each key of `table`, its number in `first` or in one of the `later` tables (with what
    /// their numbers became), or -1.
    private func known(_ table: ByteInterner, first: ByteInterner, later: [(ByteInterner, [Int32])]) -> [Int32] {
        var numbers = first.numbers(of: table)
        guard !later.isEmpty else { return numbers }
        table.storage.withUnsafeBufferPointer { stored in
            for n in numbers.indices where numbers[n] < 0 {
                let bytes = UnsafeBufferPointer(rebasing: stored[table.start(n)..<table.ends[n]])
                for (other, otherNumbers) in later {
                    if let found = other.number(of: bytes) {
                        numbers[n] = otherNumbers[Int(found)]
                        break
                    }
                }
            }
        }
        return numbers
    }

    /// The number of the unit with this id, in whichever share's table it is.
    func unitNumber(_ id: String) -> Int32? {
        units.lookup(id) ?? laterShares.lazy.compactMap { share in share.units.lookup(id).map { share.unitNumbers[Int($0)] } }.first
    }

    /// The number of the task with this id, in whichever share's table it is.
    func taskNumber(_ id: String) -> Int32? {
        tasks.lookup(id) ?? laterShares.lazy.compactMap { share in share.tasks.lookup(id).map { share.taskNumbers[Int($0)] } }.first
    }

    /// Where the record with this id is in the ledger (from 0).
    func recordPosition(_ id: String) -> Int32? {
        recordIDs.lookup(id) ?? laterShares.lazy.compactMap { share in share.recordIDs.lookup(id).map { Int32(share.firstRecord) + $0 } }.first
    }

    /// For each record, the position of the record it corrects or retracts; -1 for none (or one
    /// the ledger does not hold, which the rules refuse).
    func withdrawalTargets() -> [Int32] {
        records.map { record in (record.corrects ?? record.retracts).flatMap(recordPosition) ?? -1 }
    }

    /// Lets go of the tables that find an id's number, keeping the ids (`ByteInterner.forgetLookups`):
    /// once the rules are checked and ids resolved, the index writer only writes ids out. After
    /// it, `unitNumber`, `taskNumber` and `recordPosition` must not be asked.
    mutating func forgetIDLookups() {
        for table in [\CompactLedger.units, \.tasks, \.people, \.roles, \.recordIDs, \.texts] { self[keyPath: table].forgetLookups() }
        laterShares = []
    }

    /// Runs every rule of the change table (`RuleEngine`) over the records in the order they take
    /// effect, then checks each record's `actor` and `about` against the final state. False if any
    /// rule breaks; the full check then names it. With `batch`, its records are also held to the
    /// authoring rules that need the state, as the full check holds a batch being appended.
    func checkRules(appending batch: AuthoredBatch? = nil) -> Bool {
        guard let state = replay(first: records.count, appending: batch) else { return false }
        for record in records {
            if record.actor >= 0, !state.isUnit(record.actor) { return false }
            for id in record.about ?? [] {
                guard state.isUnit(unitNumber(id) ?? -1) || state.isTask(taskNumber(id) ?? -1) else { return false }
            }
        }
        return true
    }

    /// The rule engine after every change of the first `count` records, as the ledger knew them
    /// when it held no more (their own corrections and retractions decide), in the order they
    /// take effect; nil if a rule breaks, or one of `batch`'s authoring rules.
    func replay(first count: Int, appending batch: AuthoredBatch? = nil) -> RuleEngine? {
        guard let order = CompactRecord.effectiveOrder(of: records[..<count], position: recordPosition) else { return nil }
        var state = RuleEngine(units: unitCount, tasks: taskCount)
        var batch = batch
        batch?.follow(units: unitCount)
        for index in order {
            guard apply(record: index, to: &state, appending: &batch) else { return nil }
        }
        return state
    }

    /// Applies the changes of record `position` to `state`; false if a rule breaks.
    private func apply(record position: Int32, to state: inout RuleEngine, appending batch: inout AuthoredBatch?) -> Bool {
        let record = records[Int(position)]
        let names = UnnamedRules()
        for change in Int(record.changeStart)..<Int(record.changeStart + record.changeCount) {
            guard batch?.allows(change: change, of: position, in: self) ?? true else { return false }
            do { try state.apply(changes[change], record: position, names: names) } catch { return false }
            batch?.applied(changes[change], at: change)
        }
        return true
    }
}
