import Dispatch
import FoundationEssentials

/// `verify` for large ledgers: the same checks as reading the ledger and validating it in full,
/// without keeping a single record in memory.
///
/// Each core decodes and hashes its share of the lines, checks what concerns one line or its
/// neighbour, and keeps of each record only what the rules need, with ids interned as numbers
/// (`CompactRecord`); the rules then run over flat arrays (`CompactReplay`). Lines are released
/// from memory as they are done. It answers only "all holds" or "look closer": on anything
/// unexpected (a line the direct decoder hands over, a broken link, a rule that breaks) it
/// returns nil, and the full check runs and names the problem exactly.
enum CompactVerification {
    /// The report if every check holds; nil if the full check must decide.
    static func verify(path: String, expectHead: String?) -> VerificationReport? {
        guard let file = FileSystem.map(path) else { return nil }
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
            output[worker] = Share(input, from: limits[worker], to: limits[worker + 1], expectHead: expectHead, file: file)
        }
        guard shares.allSatisfy({ $0 != nil }) else { return nil }
        return merge(shares.map { $0! }, expectHead: expectHead)
    }

    /// One core's lines, checked and reduced.
    private struct Share {
        var tables = CompactTables()
        var firstPrev = "", lastHash = ""
        var firstRecorded = TransactionTime.distantFuture, lastRecorded = TransactionTime.distantFuture
        var firstSeq = 0
        /// Position (in this share) of the record whose hash is the expected head.
        var expectedHeadAt: Int?

        init?(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, expectHead: String?, file: FileSystem.MappedFile) {
            var lineStart = start
            var released = start
            var previous: (chain: CompactLineDecoder.Chain, line: Int)?
            let expected = expectHead.map { Array($0.utf8) }
            func hex(_ at: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[at..<(at + 64)]) }
            while lineStart < end {
                guard let newline = bytes[lineStart..<end].firstIndex(of: 0x0A) else { return nil }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<newline])
                var decoder = CompactLineDecoder(line)
                // The hash member starts 9 bytes (`,"hash":"`) before its digits.
                guard let found = decoder.decode(into: &tables),
                      let computed = HashChain.hashOfCanonicalLine(line, withoutHashMemberAt: found.hash - 9) else { return nil }
                let chain = CompactLineDecoder.Chain(seq: found.seq, recorded: found.recorded,
                                                     prev: lineStart + found.prev, hash: lineStart + found.hash)
                guard computed.utf8.elementsEqual(hex(chain.hash)) else { return nil }
                if let previous {
                    guard chain.seq == previous.chain.seq + 1, hex(chain.prev).elementsEqual(hex(previous.chain.hash)),
                          chain.recorded >= previous.chain.recorded
                    else { return nil }
                } else {
                    firstSeq = chain.seq
                    firstPrev = String(decoding: hex(chain.prev), as: UTF8.self)
                    firstRecorded = chain.recorded
                }
                if let expected, hex(chain.hash).elementsEqual(expected) { expectedHeadAt = tables.records.count - 1 }
                previous = (chain, lineStart)
                lineStart = newline + 1
                // Done lines leave memory: a ledger larger than memory still verifies.
                if lineStart - released >= 1 << 24 {
                    file.release(from: released, to: max(released, (previous?.line ?? released)))
                    released = max(released, previous?.line ?? released)
                }
            }
            if let previous {
                lastHash = String(decoding: hex(previous.chain.hash), as: UTF8.self)
                lastRecorded = previous.chain.recorded
            }
        }
    }

    /// Joins the shares in line order and runs the checks that need every record.
    private static func merge(_ shares: [Share], expectHead: String?) -> VerificationReport? {
        var units = ByteInterner(), tasks = ByteInterner(), people = ByteInterner(), roles = ByteInterner(), recordIDs = ByteInterner()
        var records: [CompactRecord] = []
        var changes: [CompactChange] = []
        var head = Record.genesisHash
        var lastRecorded: TransactionTime?
        var expectedHeadSeq: Int?
        for share in shares where !share.tables.records.isEmpty {
            let local = share.tables
            // The link between shares: what the first line of each expects of the one before.
            guard share.firstSeq == records.count + 1, share.firstPrev == head,
                  lastRecorded.map({ share.firstRecorded >= $0 }) ?? true
            else { return nil }
            // The first share's numbers become the global ones as they are; later shares' ids are
            // looked up (or added) by their bytes.
            let first = records.isEmpty
            if first { (units, tasks, people, roles) = (local.units, local.tasks, local.people, local.roles) }
            func translation(_ from: ByteInterner, into global: inout ByteInterner) -> [Int32] {
                first ? (0..<Int32(from.count)).map { $0 } : (0..<from.count).map { global.id(from.key($0)) }
            }
            let unitMap = translation(local.units, into: &units), taskMap = translation(local.tasks, into: &tasks)
            let personMap = translation(local.people, into: &people), roleMap = translation(local.roles, into: &roles)
            func mapped(_ id: Int32, _ map: [Int32]) -> Int32 { id < 0 ? -1 : map[Int(id)] }
            let changeBase = Int32(changes.count)
            for var change in local.changes {
                switch change.op {
                case .defineTask: change.a = mapped(change.a, taskMap)
                case .assignTask, .revokeTask: (change.a, change.b) = (mapped(change.a, taskMap), mapped(change.b, unitMap))
                case .transferTask: (change.a, change.b, change.c) = (mapped(change.a, taskMap), mapped(change.b, unitMap), mapped(change.c, unitMap))
                case .setSupervision, .endSupervision:
                    (change.a, change.b, change.c) = (mapped(change.a, unitMap), mapped(change.b, unitMap), mapped(change.c, taskMap))
                case .appoint, .endAppointment:
                    (change.a, change.b, change.c) = (mapped(change.a, personMap), mapped(change.b, roleMap), mapped(change.c, unitMap))
                default: (change.a, change.b) = (mapped(change.a, unitMap), mapped(change.b, unitMap))
                }
                changes.append(change)
            }
            for (offset, var record) in local.records.enumerated() {
                // Record ids are numbered in ledger order: a repeated one gets an old number.
                guard recordIDs.id(local.recordIDs.key(offset)) == Int32(records.count) else { return nil }
                record.changeStart += changeBase
                record.actor = mapped(record.actor, unitMap)
                if offset == share.expectedHeadAt { expectedHeadSeq = records.count + 1 }
                records.append(record)
            }
            head = share.lastHash
            lastRecorded = share.lastRecorded
        }
        guard let order = CompactReplay.effectiveOrder(of: records, position: { recordIDs.lookup($0) }) else { return nil }
        var state = CompactReplay(units: units.count, tasks: tasks.count)
        for index in order {
            let record = records[Int(index)]
            for change in changes[Int(record.changeStart)..<Int(record.changeStart + record.changeCount)] {
                guard state.apply(change) else { return nil }
            }
        }
        for record in records {
            if record.actor >= 0, !state.isUnit(record.actor) { return nil }
            for id in record.about ?? [] {
                guard state.isUnit(units.lookup(id) ?? -1) || state.isTask(tasks.lookup(id) ?? -1) else { return nil }
            }
        }
        var report = VerificationReport(records: records.count, head: head)
        if let expectHead {
            if expectHead == Record.genesisHash { report.expectedHeadSeq = 0 } else {
                guard let seq = expectedHeadSeq else { return nil }
                report.expectedHeadSeq = seq
            }
        }
        return report
    }
}

