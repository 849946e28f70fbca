#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The rollback journal that makes an append all or nothing, as SQLite's rollback journal makes
/// a transaction: `<ledger>.journal` holds what the ledger was before the batch (its stamp, whose
/// size is the committed length, and its head).
///
/// An append makes the journal durable before it writes a byte of the batch, writes and fsyncs
/// the batch, and empties the journal (durably) before it acknowledges anything: emptying it is
/// the commit. So a journal that is not empty names bytes nobody acknowledged. (The file itself
/// stays between appends, empty; a missing file means the same.) Whoever next holds the
/// ledger's exclusive lock (the next append, `repair`, or any command that may write the file)
/// cuts the ledger back to the journal's length and empties it; a reader that may not, or that
/// meets an append in progress, reads only the committed length (`CommittedLedger`).
///
/// The journal is believed only as far as it can be checked: it must be a regular file of the
/// ledger's owner (or this user, or root) that nobody else may write (`FileSystem.isTrustworthy`),
/// name the ledger's inode, a length no longer than the file, and the head hash the line ending
/// at that length carries. Otherwise nothing is cut, and the command says why.
struct LedgerJournal: Equatable {
    static let magic: [UInt8] = Array("LDGRJRNL".utf8)
    static let version: UInt32 = 1
    static let size = 8 + 4 + 4 + 8 + 8 + 8 + 8 + 64 + 4

    /// The ledger file as committed, before the batch: `size` is the committed length.
    var ledger: FileSystem.FileStamp
    /// The hash of the last committed record (64 zeros for an empty ledger).
    var head: String

    static func path(forLedger ledgerPath: String) -> String { ledgerPath + ".journal" }

    /// What is at the journal's path.
    enum Found: Equatable {
        case none
        /// Shorter than a journal: its writer died before finishing it, and so before writing any
        /// byte of its batch.
        case incomplete
        /// Not the ledger's own (see `FileSystem.isTrustworthy`): never acted on.
        case untrusted
        /// A journal-sized file that fails its checksum.
        case damaged
        case journal(LedgerJournal)
    }

    static func read(forLedger ledgerPath: String, ledgerOwner: uid_t) -> Found {
        let path = path(forLedger: ledgerPath)
        var info = stat()
        guard lstat(path, &info) == 0 else { return .none }
        guard let (file, _) = FileSystem.openTrusted(path, ledgerOwner: ledgerOwner) else { return .untrusted }
        guard let bytes = FileSystem.readPrefix(file, limit: size + 1) else { return .damaged }
        if bytes.isEmpty { return .none }
        if bytes.count < size { return .incomplete }
        guard bytes.count == size, let journal = LedgerJournal(bytes: bytes) else { return .damaged }
        return .journal(journal)
    }

    /// Opens the journal file beside the ledger for writing, creating it if missing (and then
    /// making its directory entry durable). Between appends it stays, empty, as SQLite's journal
    /// does in TRUNCATE mode: filling it and emptying it then cost one fsync each and no
    /// directory fsync (about 4 ms each here, against 8 ms to create or remove a file durably).
    static func open(forLedger ledgerPath: String, ledgerOwner: uid_t) throws(IOFailure) -> FileSystem.Descriptor {
        let path = path(forLedger: ledgerPath)
        let (file, created) = try FileSystem.openOrCreate(path)
        let info = try FileSystem.status(file)
        guard FileSystem.isTrustworthy(info, ledgerOwner: ledgerOwner) else {
            throw IOFailure(action: "use the journal '\(path)'", reason: "it is not a regular file of the ledger's owner that only they may write")
        }
        if created { try FileSystem.syncDirectory(of: path) }
        return file
    }

    /// Makes the journal durable in `journal` (open and empty): no byte of the batch may be
    /// written before this returns.
    func write(to journal: FileSystem.Descriptor) throws(IOFailure) {
        try FileSystem.truncate(journal, to: 0, syncing: false)
        try FileSystem.writeAll(bytes, to: journal.fd, name: journal.path)
        try FileSystem.sync(journal)
    }

    /// Empties the journal durably: after this, the batch it guarded is committed (or, after a
    /// rollback, gone).
    static func clear(_ journal: FileSystem.Descriptor) throws(IOFailure) {
        try FileSystem.truncate(journal, to: 0)
    }

    var bytes: [UInt8] {
        ChecksummedFields.seal(magic: LedgerJournal.magic, version: LedgerJournal.version) { writer in
            writer.u64(ledger.size)
            writer.i64(ledger.modifiedNanoseconds)
            writer.u64(ledger.inode)
            writer.i64(ledger.changedNanoseconds)
            writer.bytes.append(contentsOf: Array(head.utf8))
        }
    }

    init(ledger: FileSystem.FileStamp, head: String) {
        self.ledger = ledger
        self.head = head
    }

    private init?(bytes: [UInt8]) {
        guard let fields = ChecksummedFields(bytes, magic: LedgerJournal.magic, version: LedgerJournal.version, size: LedgerJournal.size)
        else { return nil }
        ledger = FileSystem.FileStamp(size: fields.u64(16), modifiedNanoseconds: fields.i64(24), inode: fields.u64(32),
                                      changedNanoseconds: fields.i64(40))
        head = fields.hex(48)
    }
}

/// What rolling back an interrupted append removed.
public struct Rollback: Hashable, Sendable {
    /// The committed length the ledger was cut back to.
    public var committedLength: Int
    /// The bytes of the batch nobody acknowledged.
    public var removed: [UInt8]
    /// The head of the ledger as committed.
    public var head: String
}

extension LedgerJournal {
    /// Restores the last committed state if a journal says an append was interrupted: cuts the
    /// ledger back to the journal's length, fsyncs, and removes the journal. The caller holds the
    /// ledger's exclusive lock on `file`, opened for writing. Nil if there was nothing to undo.
    static func recover(_ file: FileSystem.Descriptor) throws(IntegrityError) -> Rollback? {
        let ledgerPath = file.path
        let journalPath = path(forLedger: ledgerPath)
        let info: stat
        do { info = try FileSystem.status(file) } catch { throw .unreadable(path: ledgerPath, reason: error.reason) }
        let found = read(forLedger: ledgerPath, ledgerOwner: info.st_uid)
        let journal: LedgerJournal
        switch found {
        case .none: return nil
        case .incomplete:
            // Its writer died before writing any byte of the batch: there is nothing to undo.
            do { try clear(try open(forLedger: ledgerPath, ledgerOwner: info.st_uid)) } catch {
                throw .journal(path: journalPath, reason: "cannot be emptied: \(error)")
            }
            return nil
        case .untrusted:
            throw .journal(path: journalPath, reason: "is not a regular file of the ledger's owner that only they may write, so it is not believed")
        case .damaged:
            throw .journal(path: journalPath, reason: "is damaged (its checksum does not hold)")
        case .journal(let found): journal = found
        }
        let current = FileSystem.FileStamp(info)
        guard journal.ledger.inode == current.inode else {
            throw .journal(path: journalPath, reason: "belongs to another file (inode \(journal.ledger.inode), the ledger's is \(current.inode))")
        }
        guard journal.ledger.size <= current.size else {
            throw .journal(path: journalPath, reason: "says the ledger had \(journal.ledger.size) bytes, but it has only \(current.size)")
        }
        let length = Int(journal.ledger.size)
        guard LedgerJournal.head(of: file, endingAt: length) == journal.head else {
            throw .journal(path: journalPath, reason: "names head \(journal.head), which is not the record ending at byte \(length)")
        }
        let removed: [UInt8]
        do {
            removed = try FileSystem.readRange(file, offset: length, count: Int(current.size) - length)
            try FileSystem.truncate(file, to: length)
            try clear(try open(forLedger: ledgerPath, ledgerOwner: info.st_uid))
        } catch {
            throw .unreadable(path: ledgerPath, reason: "rolling back an interrupted append: \(error)")
        }
        return Rollback(committedLength: length, removed: removed, head: journal.head)
    }

    /// The stored hash of the line that ends at byte `end` (64 zeros for `end` 0); nil if no
    /// complete record line ends there.
    static func head(of file: FileSystem.Descriptor, endingAt end: Int) -> String? {
        guard end > 0 else { return Record.genesisHash }
        var window = 4096
        while true {
            let start = max(0, end - window)
            guard let bytes = try? FileSystem.readRange(file, offset: start, count: end - start), bytes.last == 0x0A else { return nil }
            let body = bytes.dropLast()
            if let newline = body.lastIndex(of: 0x0A) {
                return Array(body[(newline + 1)...]).withUnsafeBufferPointer { HashChain.storedHash(inCanonicalLine: $0) }
            }
            if start == 0 { return Array(body).withUnsafeBufferPointer { HashChain.storedHash(inCanonicalLine: $0) } }
            window *= 4
        }
    }
}
