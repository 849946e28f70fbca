import FoundationEssentials

/// What `verify` found on an intact ledger.
public struct VerificationReport: Hashable, Sendable {
    public var records: Int
    public var head: String
    /// When `expectHead` was given: the seq of the record that carries it.
    public var expectedHeadSeq: Int?
}

/// The full check of a ledger file: chain (canonical lines, seq, prev, hash, recorded, ids) and a
/// validation replay of every rule, plus optionally that a previously trusted head is still there.
public enum LedgerVerification {
    public static func verify(path: String, expectHead: String? = nil) throws(IntegrityError) -> VerificationReport {
        // The quick path says only "all holds"; anything else is found and named by the full one.
        if let report = CompactVerification.verify(path: path, expectHead: expectHead) { return report }
        let records = try LedgerFile.read(path: path)
        do { try HistoryValidation.check(records) } catch { throw .ruleViolation(error) }
        var report = VerificationReport(records: records.count, head: records.last?.hash ?? Record.genesisHash)
        if let expectHead {
            if expectHead == Record.genesisHash {
                report.expectedHeadSeq = 0
            } else {
                guard let record = records.first(where: { $0.hash == expectHead }) else {
                    throw .headNotFound(expectHead)
                }
                report.expectedHeadSeq = record.seq
            }
        }
        return report
    }
}

/// What `repair` did.
public struct RepairOutcome: Hashable, Sendable {
    /// Bytes removed from the end of the file (0: nothing to repair).
    public var removedBytes: Int
    /// The byte offset where the removed tail started.
    public var offset: Int
    /// The removed bytes, for the user to inspect or re-append.
    public var removed: [UInt8]
    /// Records left in the ledger.
    public var records: Int
}

/// Removes an incomplete final line (a torn write) and nothing else: if the complete lines do not
/// form a valid chain, it refuses, because cutting more would lose acknowledged records.
public enum LedgerRepair {
    public static func repair(path: String) throws(AppendError) -> RepairOutcome {
        let file: FileSystem.Descriptor
        let data: Data
        do {
            file = try FileSystem.openForAppend(path)
            try FileSystem.lockExclusively(file)
            data = try FileSystem.readAll(file)
        } catch {
            throw .io(error)
        }
        let bytes = [UInt8](data)
        let keep = (bytes.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
        let complete = Data(bytes[0..<keep])
        let records: [Record]
        do throws(IntegrityError) {
            records = try LedgerFile.parse(complete)
            do { try HistoryValidation.check(records) } catch { throw IntegrityError.ruleViolation(error) }
        } catch {
            throw .integrity(error)
        }
        guard keep < bytes.count else {
            return RepairOutcome(removedBytes: 0, offset: keep, removed: [], records: records.count)
        }
        do { try FileSystem.truncate(file, to: keep) } catch { throw .io(error) }
        return RepairOutcome(removedBytes: bytes.count - keep, offset: keep, removed: Array(bytes[keep...]), records: records.count)
    }
}
