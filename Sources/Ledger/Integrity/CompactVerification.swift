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
        guard bytes.last == 0x0A else { return bytes.isEmpty ? VerificationReport(records: 0, head: Record.genesisHash) : nil }
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
        var records: [CompactRecord] = []
        var changes: [CompactChange] = []
        var recordIDs: [String] = []
        var units = Interner(), tasks = Interner(), people = Interner(), roles = Interner()
        var firstPrev = "", lastHash = ""
        var firstRecorded = TransactionTime.distantFuture, lastRecorded = TransactionTime.distantFuture
        var firstSeq = 0
        /// Position (in this share) of the record whose hash is the expected head.
        var expectedHeadAt: Int?

        init?(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, expectHead: String?, file: FileSystem.MappedFile) {
            var lineStart = start
            var released = start
            var previous: Record?
            while lineStart < end {
                guard let newline = bytes[lineStart..<end].firstIndex(of: 0x0A) else { return nil }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<newline])
                guard let record = CanonicalRecordDecoder.decode(line), let computed = HashChain.hashOfCanonicalLineWithoutHash(line),
                      computed == record.hash, add(record)
                else { return nil }
                if let previous {
                    guard record.seq == previous.seq + 1, record.prev == previous.hash, record.recorded >= previous.recorded else { return nil }
                } else {
                    (firstSeq, firstPrev, firstRecorded) = (record.seq, record.prev, record.recorded)
                }
                if record.hash == expectHead { expectedHeadAt = records.count - 1 }
                previous = record
                lineStart = newline + 1
                // Done lines leave memory: a ledger larger than memory still verifies.
                if lineStart - released >= 1 << 24 {
                    file.release(from: released, to: lineStart)
                    released = lineStart
                }
            }
            lastHash = previous?.hash ?? ""
            lastRecorded = previous?.recorded ?? .distantFuture
        }

        /// Keeps what the rules need of `record`; false if a rule about the record alone breaks.
        private mutating func add(_ record: Record) -> Bool {
            let body = record.body
            guard !body.sources.isEmpty, body.effective.map({ $0 >= body.date }) ?? true,
                  body.corrects == nil || body.retracts == nil, body.retracts == nil || body.changes.isEmpty
            else { return false }
            var compact = CompactRecord(effectiveDay: Int32(clamping: record.effectiveDate.firstDay),
                                        changeStart: Int32(changes.count), changeCount: Int32(body.changes.count),
                                        corrects: body.corrects, retracts: body.retracts, about: body.about)
            if let actor = body.actor { compact.actor = units.id(actor) }
            for change in body.changes { changes.append(compactChange(change)) }
            records.append(compact)
            recordIDs.append(body.id)
            return true
        }

        private mutating func compactChange(_ change: Change) -> CompactChange {
            func unit(_ id: UnitID?) -> Int32 { id.map { units.id($0) } ?? -1 }
            func task(_ id: TaskID?) -> Int32 { id.map { tasks.id($0) } ?? -1 }
            switch change {
            case let .establishUnit(id, _, _, parentID, _, _): return CompactChange(op: .establishUnit, a: unit(id), b: unit(parentID))
            case let .renameUnit(id, _, _): return CompactChange(op: .renameUnit, a: unit(id))
            case let .moveUnit(id, parentID, _, _): return CompactChange(op: .moveUnit, a: unit(id), b: unit(parentID))
            case let .dissolveUnit(id, successor): return CompactChange(op: .dissolveUnit, a: unit(id), b: unit(successor))
            case let .defineTask(id, _, _): return CompactChange(op: .defineTask, a: task(id))
            case let .assignTask(id, to): return CompactChange(op: .assignTask, a: task(id), b: unit(to))
            case let .transferTask(id, from, to): return CompactChange(op: .transferTask, a: task(id), b: unit(from), c: unit(to))
            case let .revokeTask(id, from): return CompactChange(op: .revokeTask, a: task(id), b: unit(from))
            case let .setSupervision(s), let .endSupervision(s):
                let op: CompactChange.Op = if case .setSupervision = change { .setSupervision } else { .endSupervision }
                return CompactChange(op: op, kind: UInt8(SupervisionKind.allCases.firstIndex(of: s.kind)!),
                                     a: unit(s.supervisor), b: unit(s.unit), c: task(s.task))
            case let .appoint(o), let .endAppointment(o):
                let op: CompactChange.Op = if case .appoint = change { .appoint } else { .endAppointment }
                return CompactChange(op: op, a: people.id(o.person), b: roles.id(o.role), c: unit(o.unit))
            }
        }
    }

    /// Joins the shares in line order and runs the checks that need every record.
    private static func merge(_ shares: [Share], expectHead: String?) -> VerificationReport? {
        var units = Interner(), tasks = Interner(), people = Interner(), roles = Interner()
        var records: [CompactRecord] = []
        var changes: [CompactChange] = []
        var byID: [String: Int32] = [:]
        var head = Record.genesisHash
        var lastRecorded: TransactionTime?
        var expectedHeadSeq: Int?
        for share in shares where !share.records.isEmpty {
            // The link between shares: what the first line of each expects of the one before.
            guard share.firstSeq == records.count + 1, share.firstPrev == head,
                  lastRecorded.map({ share.firstRecorded >= $0 }) ?? true
            else { return nil }
            let unitMap = share.units.names.map { units.id($0) }, taskMap = share.tasks.names.map { tasks.id($0) }
            let personMap = share.people.names.map { people.id($0) }, roleMap = share.roles.names.map { roles.id($0) }
            func mapped(_ local: Int32, _ map: [Int32]) -> Int32 { local < 0 ? -1 : map[Int(local)] }
            let changeBase = Int32(changes.count)
            for var change in share.changes {
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
            for (offset, var record) in share.records.enumerated() {
                guard byID.updateValue(Int32(records.count), forKey: share.recordIDs[offset]) == nil else { return nil }
                record.changeStart += changeBase
                record.actor = mapped(record.actor, unitMap)
                if offset == share.expectedHeadAt { expectedHeadSeq = records.count + 1 }
                records.append(record)
            }
            head = share.lastHash
            lastRecorded = share.lastRecorded
        }
        guard let order = CompactReplay.effectiveOrder(of: records, byID: byID) else { return nil }
        var state = CompactReplay(units: units.names.count, tasks: tasks.names.count)
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

/// Numbers for strings, in the order they are first seen.
struct Interner {
    private(set) var names: [String] = []
    private var numbers: [String: Int32] = [:]

    mutating func id(_ name: String) -> Int32 {
        if let number = numbers[name] { return number }
        let number = Int32(names.count)
        numbers[name] = number
        names.append(name)
        return number
    }

    func lookup(_ name: String) -> Int32? { numbers[name] }
}
