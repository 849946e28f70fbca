import FoundationEssentials

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
    /// Whether the removed bytes were an interrupted append that its journal named (and so
    /// nobody acknowledged), rather than an incomplete final line without a journal.
    public var rolledBack: Bool
}

/// Restores the last committed state: rolls back an interrupted append its journal names
/// (`LedgerJournal`), or, for a file torn without a journal (by an older version, or copied
/// mid-write), removes an incomplete final line and nothing else. If the complete lines do not
/// form a valid chain it refuses, because cutting more would lose acknowledged records.
public enum LedgerRepair {
    public static func repair(path: String) throws(AppendError) -> RepairOutcome {
        let file: FileSystem.Descriptor
        let rollback: Rollback?
        let data: Data
        do throws(IntegrityError) {
            file = try FileSystem.openRegularFile(path, writable: true)
            do { try FileSystem.lockExclusively(file) } catch { throw IntegrityError.unreadable(path: path, reason: error.reason) }
            rollback = try LedgerJournal.recover(file)
            do { data = try FileSystem.readAll(file) } catch { throw IntegrityError.unreadable(path: path, reason: error.reason) }
        } catch {
            throw .integrity(error)
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
        if let rollback {
            return RepairOutcome(removedBytes: rollback.removed.count, offset: rollback.committedLength, removed: rollback.removed,
                                 records: records.count, rolledBack: true)
        }
        guard keep < bytes.count else {
            return RepairOutcome(removedBytes: 0, offset: keep, removed: [], records: records.count, rolledBack: false)
        }
        do { try FileSystem.truncate(file, to: keep) } catch { throw .io(error) }
        return RepairOutcome(removedBytes: bytes.count - keep, offset: keep, removed: Array(bytes[keep...]), records: records.count,
                             rolledBack: false)
    }
}
