#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// What a reader may read of a ledger file: the bytes of the last committed append, never those
/// of an append in progress or of one that was interrupted.
///
/// An append holds the ledger's exclusive lock from before its journal exists until after the
/// journal is gone (`LedgerJournal`). A reader that gets the shared lock at once sees no append
/// in progress: a journal then is a dead writer's, which it rolls back if it may write the file,
/// and otherwise reads only up to the journal's length. A reader that meets the exclusive lock
/// reads up to the journal's length if there is one, and else the file as it is, provided its
/// stamp did not move while the journal was looked for: the journal exists whenever uncommitted
/// bytes do, and is removed only after the last of them.
struct CommittedLedger {
    /// The ledger file, open for reading.
    let file: FileSystem.Descriptor
    /// The committed state: its `size` is the committed length. While an append is in progress
    /// (or after one was interrupted and could not be rolled back) this is the stamp the file had
    /// before it, which is what the index and its tail were written against.
    let stamp: FileSystem.FileStamp
    /// The ledger file's owner, whose caches beside it are believed.
    let owner: uid_t

    var length: Int { Int(stamp.size) }

    /// The committed view of the ledger at `path`; `.noLedger` if there is no file there.
    static func open(_ path: String) throws(IntegrityError) -> CommittedLedger {
        let file = try FileSystem.openRegularFile(path, writable: false)
        var rolledBack = false
        while true {
            do {
                if try FileSystem.tryLock(file, shared: true) {
                    let info = try FileSystem.status(file)
                    let found = LedgerJournal.read(forLedger: path, ledgerOwner: info.st_uid)
                    FileSystem.unlock(file)
                    switch found {
                    case .none, .incomplete, .untrusted:
                        return CommittedLedger(file: file, stamp: FileSystem.FileStamp(info), owner: info.st_uid)
                    case .damaged:
                        throw IntegrityError.journal(path: LedgerJournal.path(forLedger: path), reason: "is damaged (its checksum does not hold)")
                    case .journal(let journal):
                        // A writer died mid-append. Undo it if this process may write the file;
                        // if not, read what was committed.
                        if !rolledBack, try rollBackIfPermitted(path) {
                            rolledBack = true
                            continue
                        }
                        return CommittedLedger(file: file, stamp: journal.ledger, owner: info.st_uid)
                    }
                }
                // An append holds the lock.
                let before = try FileSystem.status(file)
                switch LedgerJournal.read(forLedger: path, ledgerOwner: before.st_uid) {
                case .journal(let journal):
                    return CommittedLedger(file: file, stamp: journal.ledger, owner: before.st_uid)
                case .none, .untrusted:
                    let after = try FileSystem.status(file)
                    let stamp = FileSystem.FileStamp(before)
                    if stamp == FileSystem.FileStamp(after) { return CommittedLedger(file: file, stamp: stamp, owner: before.st_uid) }
                case .incomplete, .damaged:
                    break // being written: look again
                }
                usleep(1_000)
            } catch let error as IOFailure {
                throw .unreadable(path: path, reason: error.reason)
            } catch let error as IntegrityError {
                throw error
            } catch {
                throw .unreadable(path: path, reason: "\(error)")
            }
        }
    }

    /// Rolls back an interrupted append if this process may write the ledger and nobody else
    /// holds its lock; false if it may not (a read-only file or file system, or another process).
    private static func rollBackIfPermitted(_ path: String) throws(IntegrityError) -> Bool {
        guard access(path, W_OK) == 0, let writable = try? FileSystem.openRegularFile(path, writable: true),
              (try? FileSystem.tryLock(writable, shared: false)) == true
        else { return false }
        _ = try LedgerJournal.recover(writable)
        return true
    }

    /// The committed bytes, mapped read-only.
    func map() -> FileSystem.MappedFile? { FileSystem.map(file, length: length) }

    /// The committed bytes, read.
    func read() throws(IntegrityError) -> Data {
        do { return Data(try FileSystem.readRange(file, offset: 0, count: length)) } catch {
            throw .unreadable(path: file.path, reason: error.reason)
        }
    }
}
