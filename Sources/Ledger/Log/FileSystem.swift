#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// Every raw system call the ledger makes, in one place: open, lock, append, fsync, truncate.
///
/// Foundation's `FileHandle` neither locks nor promises durability, and a ledger that acknowledges
/// a record must have it on disk first.
enum FileSystem {
    /// An open file descriptor, closed on deinit.
    final class Descriptor {
        let fd: Int32
        let path: String
        init(fd: Int32, path: String) { self.fd = fd; self.path = path }
        deinit { close(fd) }
    }

    static func errorText() -> String { String(cString: strerror(errno)) }

    /// Creates an empty ledger file at `path` (`O_CREAT | O_EXCL`, mode 0644 less the umask) and
    /// fsyncs its directory, so the new name survives a crash. Never opens an existing file: nil
    /// if something is already there.
    static func createLedger(_ path: String) throws(IOFailure) -> Descriptor? {
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { return nil }
            throw IOFailure(action: "create '\(path)'", reason: errorText())
        }
        let file = Descriptor(fd: fd, path: path)
        guard fsync(fd) == 0 else { throw IOFailure(action: "fsync '\(path)'", reason: errorText()) }
        try syncDirectory(of: path)
        return file
    }

    /// Creates the directory `path` and any missing parents (as `mkdir -p`), fsyncing each new
    /// one's parent; the directories it created, outermost first.
    static func createDirectories(_ path: String) throws(IOFailure) -> [String] {
        var created: [String] = []
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") where !component.isEmpty {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if mkdir(prefix, 0o755) == 0 {
                try syncDirectory(of: prefix)
                created.append(prefix)
            } else if errno != EEXIST {
                throw IOFailure(action: "create directory '\(prefix)'", reason: errorText())
            }
        }
        return created
    }

    /// Takes an exclusive lock, waiting for other appenders; released when the descriptor closes.
    static func lockExclusively(_ file: Descriptor) throws(IOFailure) {
        while flock(file.fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw IOFailure(action: "lock '\(file.path)'", reason: errorText())
        }
    }

    /// The whole file's bytes, read through the descriptor (so under its lock).
    static func readAll(_ file: Descriptor) throws(IOFailure) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        guard lseek(file.fd, 0, SEEK_SET) >= 0 else {
            throw IOFailure(action: "seek '\(file.path)'", reason: errorText())
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(file.fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw IOFailure(action: "read '\(file.path)'", reason: errorText())
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    /// Appends `bytes` and fsyncs. One `write` call per chunk; a short write is continued. A
    /// crash in between leaves bytes that the append's journal names (`LedgerJournal`).
    static func appendDurably(_ bytes: [UInt8], to file: Descriptor) throws(IOFailure) {
        // Test builds only (see `FaultInjection`).
        if let torn = FaultInjection.tornWriteBytes {
            _ = bytes.withUnsafeBytes { write(file.fd, $0.baseAddress, min(torn, $0.count)) }
            fsync(file.fd)
            _exit(70)
        }
        if let room = FaultInjection.noSpaceAfterBytes, room < bytes.count {
            try writeAll(Array(bytes[..<room]), to: file.fd, name: file.path)
            throw IOFailure(action: "write '\(file.path)'", reason: String(cString: strerror(ENOSPC)))
        }
        if let pause = FaultInjection.pauseMilliseconds {
            try writeDurably(Array(bytes[..<(bytes.count / 2)]), to: file)
            usleep(UInt32(pause) * 1000)
            try writeDurably(Array(bytes[(bytes.count / 2)...]), to: file)
            return
        }
        try writeDurably(bytes, to: file)
    }

    /// Writes all of `bytes` and fsyncs.
    static func writeDurably(_ bytes: [UInt8], to file: Descriptor) throws(IOFailure) {
        try writeAll(bytes, to: file.fd, name: file.path)
        guard fsync(file.fd) == 0 else { throw IOFailure(action: "fsync '\(file.path)'", reason: errorText()) }
    }

    /// Writes all of `bytes` to `fd`, continuing short writes (`name` is for the error).
    static func writeAll(_ bytes: [UInt8], to fd: Int32, name: String) throws(IOFailure) {
        let failure: IOFailure? = bytes.withUnsafeBytes { raw in
            do throws(IOFailure) { try writeAll(raw, to: fd, name: name) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    /// Writes all of `raw` at the file's position, or at `offset` (leaving the position as it is).
    static func writeAll(_ raw: UnsafeRawBufferPointer, to fd: Int32, at offset: Int? = nil, name: String) throws(IOFailure) {
        var done = 0
        while done < raw.count {
            let written = offset.map { pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t($0 + done)) }
                ?? write(fd, raw.baseAddress! + done, raw.count - done)
            if written < 0 {
                if errno == EINTR { continue }
                throw IOFailure(action: "write '\(name)'", reason: errorText())
            }
            done += written
        }
    }

    /// Reads `fd` to its end (standard input, a pipe).
    static func readToEnd(_ fd: Int32, name: String) throws(IOFailure) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw IOFailure(action: "read '\(name)'", reason: errorText())
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }

    /// Cuts the file to `length` bytes and fsyncs (unless not `syncing`).
    static func truncate(_ file: Descriptor, to length: Int, syncing: Bool = true) throws(IOFailure) {
        guard ftruncate(file.fd, off_t(length)) == 0 else {
            throw IOFailure(action: "truncate '\(file.path)'", reason: errorText())
        }
        if syncing { try sync(file) }
    }

    /// fsyncs the file.
    static func sync(_ file: Descriptor) throws(IOFailure) {
        guard fsync(file.fd) == 0 else { throw IOFailure(action: "fsync '\(file.path)'", reason: errorText()) }
    }

    /// Opens `path` for writing without following a link, creating it (mode 0644) if missing;
    /// says whether it was created.
    static func openOrCreate(_ path: String) throws(IOFailure) -> (Descriptor, created: Bool) {
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if fd >= 0 { return (Descriptor(fd: fd, path: path), true) }
        guard errno == EEXIST else { throw IOFailure(action: "create '\(path)'", reason: errorText()) }
        let existing = open(path, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard existing >= 0 else { throw IOFailure(action: "open '\(path)'", reason: errorText()) }
        return (Descriptor(fd: existing, path: path), false)
    }

    /// What identifies a version of a file cheaply: size, modification and change times, and
    /// inode. Any write through the file system changes at least one of them. The change time
    /// (`st_ctime`) is set by the kernel on every write, `chmod` and `utime` call and cannot be
    /// set back by a user, so an in-place edit that restores the modification time (`touch -d`)
    /// still shows.
    struct FileStamp: Hashable, Sendable {
        var size: UInt64
        var modifiedNanoseconds: Int64
        var inode: UInt64
        var changedNanoseconds: Int64
    }

    static func stamp(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(info)
    }

    /// The stamp of an open file.
    static func stamp(_ file: Descriptor) throws(IOFailure) -> FileStamp {
        try FileStamp(status(file))
    }

    /// `fstat` of an open file.
    static func status(_ file: Descriptor) throws(IOFailure) -> stat {
        var info = stat()
        guard fstat(file.fd, &info) == 0 else { throw IOFailure(action: "stat '\(file.path)'", reason: errorText()) }
        return info
    }

    /// Opens an existing ledger file that must be a regular file: a FIFO would block every reader
    /// (so it is opened without blocking), and a directory or device is no ledger.
    ///
    /// This is where every command meets a missing ledger, and it is an error, not an empty
    /// ledger: a typo in `--ledger` must not answer "no units" (only `ledger init` creates one).
    static func openRegularFile(_ path: String, writable: Bool) throws(IntegrityError) -> Descriptor {
        let fd = open(path, (writable ? O_RDWR | O_APPEND : O_RDONLY) | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .noLedger(path: path) }
            if errno == EISDIR { throw .notARegularFile(path: path, kind: "a directory") }
            throw .unreadable(path: path, reason: errorText())
        }
        let file = Descriptor(fd: fd, path: path)
        let info: stat
        do { info = try status(file) } catch { throw .unreadable(path: path, reason: error.reason) }
        let kind = FileStatus(info).kind
        if kind != .regular { throw .notARegularFile(path: path, kind: kind.words) }
        // Reads of a regular file do not block anyway; clear the flag so nothing else is surprised.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return file
    }

    /// Tries to take a lock without waiting: false if another process holds a conflicting one.
    static func tryLock(_ file: Descriptor, shared: Bool) throws(IOFailure) -> Bool {
        while flock(file.fd, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK { return false }
            throw IOFailure(action: "lock '\(file.path)'", reason: errorText())
        }
        return true
    }

    /// Takes a shared lock, waiting for a writer to finish.
    static func lockShared(_ file: Descriptor) throws(IOFailure) {
        while flock(file.fd, LOCK_SH) != 0 {
            if errno == EINTR { continue }
            throw IOFailure(action: "lock '\(file.path)'", reason: errorText())
        }
    }

    static func unlock(_ file: Descriptor) { flock(file.fd, LOCK_UN) }

    /// Whether a file beside the ledger may be believed: the index, its tail and the journal are
    /// only as trustworthy as whoever wrote them. As OpenSSH's StrictModes treats key files, such
    /// a file counts only if it is a regular file (not a link), owned by the ledger's owner, by
    /// this user or by root, and writable by nobody else.
    static func isTrustworthy(_ info: stat, ledgerOwner: uid_t) -> Bool {
        info.st_mode & S_IFMT == S_IFREG && [ledgerOwner, geteuid(), 0].contains(info.st_uid)
            && info.st_mode & (S_IWGRP | S_IWOTH) == 0
    }

    /// Opens a file beside the ledger for reading, without following a link; nil if it is not
    /// there or not trustworthy (see `isTrustworthy`).
    static func openTrusted(_ path: String, ledgerOwner: uid_t) -> (Descriptor, stat)? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let file = Descriptor(fd: fd, path: path)
        guard let info = try? status(file), isTrustworthy(info, ledgerOwner: ledgerOwner) else { return nil }
        return (file, info)
    }

    /// Reads up to `limit` bytes from the start of an open file.
    static func readPrefix(_ file: Descriptor, limit: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: limit)
        var done = 0
        while done < limit {
            let got = buffer.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress! + done, limit - done, off_t(done)) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { return nil }
            if got == 0 { break }
            done += got
        }
        return Array(buffer[0..<done])
    }

    /// Reads exactly `count` bytes at `offset` of an open file.
    static func readRange(_ file: Descriptor, offset: Int, count: Int) throws(IOFailure) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else {
                throw IOFailure(action: "read '\(file.path)'", reason: got == 0 ? "the file ended early" : errorText())
            }
            done += got
        }
        return buffer
    }

    /// Maps the first `length` bytes of the file open as `file`.
    static func map(_ file: Descriptor, length: Int) -> MappedFile? {
        guard length > 0 else { return MappedFile(bytes: UnsafeRawBufferPointer(start: nil, count: 0)) }
        guard let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, file.fd, 0), base != MAP_FAILED else { return nil }
        return MappedFile(bytes: UnsafeRawBufferPointer(start: base, count: length))
    }

    /// A read-only memory map of a whole file, unmapped on deinit.
    ///
    /// `@unchecked Sendable`: it holds nothing but the address and length of a mapping made
    /// `PROT_READ`, which no code writes through and which lives until this object is released;
    /// threads sharing it only read the same immutable bytes.
    final class MappedFile: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }
        deinit {
            if let base = bytes.baseAddress, bytes.count > 0 { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
        }

        /// Tells the kernel the file is read at random (a binary search), so a fault maps only the
        /// page asked for rather than its neighbours: fewer pages to map, and to unmap at exit.
        func adviseRandomAccess() {
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            madvise(UnsafeMutableRawPointer(mutating: base), bytes.count, Int32(MADV_RANDOM))
        }

        /// Lets the kernel drop the pages of `start..<end` (whole pages inside it) from this
        /// process's memory; reading them again faults them back in from the file.
        func release(from start: Int, to end: Int) {
            guard let base = bytes.baseAddress else { return }
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let first = (start + page - 1) / page * page, last = end / page * page
            guard last > first else { return }
            madvise(UnsafeMutableRawPointer(mutating: base + first), last - first, Int32(MADV_DONTNEED))
        }
    }

    /// Reads `count` bytes at `offset` of `path`.
    static func readRange(_ path: String, offset: UInt64, count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return nil }
            done += got
        }
        return buffer
    }

    /// Writes `bytes` to `path` atomically: a temporary file beside it, fsynced, renamed over it.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(IOFailure) {
        try writeAtomically(to: path) { file throws(IOFailure) in try writeAll(bytes, to: file.fd, name: file.path) }
    }

    /// Creates `path` atomically from what `body` writes to the descriptor it is given: into a
    /// temporary file beside it, fsynced (unless not `durably`) and renamed over it, so no reader
    /// ever sees half a file.
    ///
    /// The temporary file is always a new one (`createTemporaryFile(beside:)`): a file or symbolic
    /// link planted at its name is never opened, followed or truncated. The rename replaces
    /// whatever is at `path`, a symbolic link included, and never writes through it. Temporary
    /// files that dead writers left beside `path` are removed first.
    static func writeAtomically(to path: String, durably: Bool = true, _ body: (Descriptor) throws(IOFailure) -> Void) throws(IOFailure) {
        removeStaleTemporaryFiles(of: path)
        let file = try createTemporaryFile(beside: path)
        let temporary = file.path
        do throws(IOFailure) {
            try body(file)
            if durably, fsync(file.fd) != 0 { throw IOFailure(action: "fsync '\(file.path)'", reason: errorText()) }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = errorText()
            unlink(temporary)
            throw IOFailure(action: "rename '\(temporary)' to '\(path)'", reason: reason)
        }
    }

    /// Replaces `path` with `bytes` by rename, without fsync: for caches that are checked when read,
    /// where a crash may lose the new file but never leaves a reader with half of it.
    static func replaceQuickly(_ bytes: [UInt8], at path: String) throws(IOFailure) {
        try writeAtomically(to: path, durably: false) { file throws(IOFailure) in try writeAll(bytes, to: file.fd, name: file.path) }
    }

    /// Makes a newly created file's directory entry durable.
    static func syncDirectory(of path: String) throws(IOFailure) {
        let directory: String
        if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) {
            directory = slash == path.utf8.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IOFailure(action: "open directory of '\(path)'", reason: errorText()) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw IOFailure(action: "fsync directory of '\(path)'", reason: errorText()) }
    }

    // MARK: Temporary files and output paths

    /// A new, empty file beside `path` for `writeAtomically`, named `<path>.tmp-<pid>-<8 hex digits>`.
    ///
    /// Opened with `O_CREAT | O_EXCL | O_NOFOLLOW`: if the name exists (a file or symbolic link
    /// planted there to be written through, or another writer's) it is left alone and another
    /// random name is tried, so the tool only ever writes into a file it has just created. The pid
    /// in the name lets `removeStaleTemporaryFiles(of:)` tell a dead writer's leftovers from a live one's.
    static func createTemporaryFile(beside path: String, readable: Bool = false) throws(IOFailure) -> Descriptor {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<32 {
            let hex = String(UInt32.random(in: .min ... .max, using: &random), radix: 16)
            let temporary = "\(path).tmp-\(getpid())-\(String(repeating: "0", count: 8 - hex.utf8.count))\(hex)"
            let fd = open(temporary, (readable ? O_RDWR : O_WRONLY) | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 { return Descriptor(fd: fd, path: temporary) }
            guard errno == EEXIST || errno == EINTR else {
                throw IOFailure(action: "create '\(temporary)'", reason: errorText())
            }
        }
        throw IOFailure(action: "create a temporary file beside '\(path)'", reason: "every name tried exists already")
    }

    /// A new file beside `path`, readable and writable, with no name: a temporary file unlinked as
    /// soon as it is created, so it is gone once its descriptor and mappings close, however the
    /// process ends. For scratch work nobody else reads (the index a dry run would leave).
    static func createUnnamedFile(beside path: String) throws(IOFailure) -> Descriptor {
        let file = try createTemporaryFile(beside: path, readable: true)
        guard unlink(file.path) == 0 else { throw IOFailure(action: "remove '\(file.path)'", reason: errorText()) }
        return file
    }

    /// Removes what writers that died before renaming (killed, crashed) left beside `path`: regular
    /// files named exactly `<name>.tmp-<pid>` or `<name>.tmp-<pid>-<hex>` whose pid is no live process.
    ///
    /// Entries are examined with `lstat` and removed with `unlink`, neither of which follows a
    /// symbolic link; links, directories and names of any other shape are left alone, as are the
    /// files of a live pid (a writer still at work, or a pid reused since: it is left for later).
    static func removeStaleTemporaryFiles(of path: String) {
        let (directory, name) = directoryAndName(of: path)
        guard !name.isEmpty, let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        let directoryFD = dirfd(stream)
        let prefix = Array((name + ".tmp-").utf8)
        while let entry = readdir(stream) {
            let entryName: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            guard let pid = temporaryFileOwner(entryName, prefix: prefix) else { continue }
            var cName = entryName.map { CChar(bitPattern: $0) }
            cName.append(0)
            var info = stat()
            guard fstatat(directoryFD, cName, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFREG,
                  !isLiveProcess(pid)
            else { continue }
            unlinkat(directoryFD, cName, 0)
        }
    }

    /// The pid in a temporary file's name, if `name` is `prefix` followed by a pid (decimal, no
    /// leading zero) and optionally `-` and 1 to 16 lowercase hex digits; nil for any other name.
    static func temporaryFileOwner(_ name: [UInt8], prefix: [UInt8]) -> pid_t? {
        guard name.count > prefix.count, name.starts(with: prefix) else { return nil }
        let rest = name[prefix.count...]
        let digits = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard (1...10).contains(digits.count), digits.first != UInt8(ascii: "0"),
              let pid = Int32(String(decoding: digits, as: UTF8.self)) else { return nil }
        let suffix = rest[digits.endIndex...]
        if suffix.isEmpty { return pid }
        let hex = suffix.dropFirst()
        guard suffix.first == UInt8(ascii: "-"), (1...16).contains(hex.count),
              hex.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) })
        else { return nil }
        return pid
    }

    /// Whether a process with this pid exists: `kill(pid, 0)` fails with ESRCH only when none does
    /// (EPERM means it exists but belongs to someone else).
    static func isLiveProcess(_ pid: pid_t) -> Bool {
        guard pid > 0 else { return true }
        return kill(pid, 0) == 0 || errno != ESRCH
    }

    /// The directory part of `path` (`.` for a bare name, `/` for a file in the root) and the last
    /// component.
    static func directoryAndName(of path: String) -> (directory: String, name: String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return (".", path) }
        let directory = slash == path.utf8.startIndex ? "/" : String(path[..<slash])
        return (directory, String(path[path.utf8.index(after: slash)...]))
    }

    /// `path` with every symbolic link and `.`/`..` resolved (`realpath`); nil if it does not exist.
    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// What kind of file is at a path, and which file it is (device and inode).
    struct FileStatus: Hashable, Sendable {
        enum Kind: Hashable, Sendable { case regular, directory, symbolicLink, fifo, characterDevice, blockDevice, socket, other }
        var kind: Kind
        var device: UInt64
        var inode: UInt64
        var size: UInt64
    }

    /// The status of `path` (`stat`, or `lstat` unless `followingLinks`); nil if there is nothing there
    /// (or it cannot be looked at).
    static func status(_ path: String, followingLinks: Bool) -> FileStatus? {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        return FileStatus(info)
    }

    /// Up to `count` bytes from the start of the regular file at `path`. Opened without following a
    /// symbolic link and without blocking, and checked to be a regular file once open, so a link or
    /// FIFO swapped in after the caller looked is never read through or waited on.
    static func leadingBytes(of path: String, count: Int) throws(IOFailure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw IOFailure(action: "open '\(path)'", reason: errorText()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw IOFailure(action: "stat '\(path)'", reason: errorText()) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw IOFailure(action: "read '\(path)'", reason: "not a regular file") }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(done)) }
            if got < 0 {
                if errno == EINTR { continue }
                throw IOFailure(action: "read '\(path)'", reason: errorText())
            }
            if got == 0 { break }
            done += got
        }
        return Array(buffer[0..<done])
    }
}

extension FileSystem.FileStatus {
    init(_ info: stat) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        case S_IFIFO: kind = .fifo
        case S_IFCHR: kind = .characterDevice
        case S_IFBLK: kind = .blockDevice
        case S_IFSOCK: kind = .socket
        default: kind = .other
        }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = UInt64(info.st_size)
    }
}

extension FileSystem.FileStatus.Kind {
    /// What the file is, in words for an error message.
    var words: String {
        switch self {
        case .regular: "a regular file"
        case .directory: "a directory"
        case .symbolicLink: "a symbolic link"
        case .fifo: "a FIFO (named pipe)"
        case .characterDevice, .blockDevice: "a device"
        case .socket: "a socket"
        case .other: "not a regular file"
        }
    }
}

extension FileSystem.FileStamp {
    init(_ info: stat) {
        self.init(
            size: UInt64(info.st_size),
            modifiedNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            inode: UInt64(info.st_ino),
            changedNanoseconds: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec))
    }
}

/// A system call that failed, with what the ledger was doing.
public struct IOFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var action: String
    public var reason: String
    public var description: String { "cannot \(action): \(reason)" }
}
