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

    /// Opens `path` for reading and appending, creating it (and fsyncing its directory) if needed.
    static func openForAppend(_ path: String) throws(IOFailure) -> Descriptor {
        let existed = FileManager.default.fileExists(atPath: path)
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IOFailure(action: "open '\(path)'", reason: errorText()) }
        let descriptor = Descriptor(fd: fd, path: path)
        if !existed { try syncDirectory(of: path) }
        return descriptor
    }

    /// Opens `path` read-only.
    static func openForReading(_ path: String) throws(IOFailure) -> Descriptor {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IOFailure(action: "open '\(path)'", reason: errorText()) }
        return Descriptor(fd: fd, path: path)
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

    /// Appends `bytes` and fsyncs. One `write` call per chunk; a short write is continued, and a
    /// crash in between leaves a torn tail that the next reader detects.
    static func appendDurably(_ bytes: [UInt8], to file: Descriptor) throws(IOFailure) {
        if let torn = FaultInjection.tornWriteBytes {
            _ = bytes.withUnsafeBytes { write(file.fd, $0.baseAddress, min(torn, $0.count)) }
            fsync(file.fd)
            _exit(70)
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

    /// Cuts the file to `length` bytes and fsyncs.
    static func truncate(_ file: Descriptor, to length: Int) throws(IOFailure) {
        guard ftruncate(file.fd, off_t(length)) == 0 else {
            throw IOFailure(action: "truncate '\(file.path)'", reason: errorText())
        }
        guard fsync(file.fd) == 0 else { throw IOFailure(action: "fsync '\(file.path)'", reason: errorText()) }
    }

    /// What identifies a version of a file cheaply: size, modification time and inode. Any
    /// write through the file system changes at least one of them.
    struct FileStamp: Hashable, Sendable {
        var size: UInt64
        var modifiedNanoseconds: Int64
        var inode: UInt64
    }

    static func stamp(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(
            size: UInt64(info.st_size),
            modifiedNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            inode: UInt64(info.st_ino))
    }

    /// A read-only memory map of a whole file, unmapped on deinit.
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

    static func map(_ path: String) -> MappedFile? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else { return MappedFile(bytes: UnsafeRawBufferPointer(start: nil, count: 0)) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        return MappedFile(bytes: UnsafeRawBufferPointer(start: base, count: size))
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
    static func createTemporaryFile(beside path: String) throws(IOFailure) -> Descriptor {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<32 {
            let hex = String(UInt32.random(in: .min ... .max, using: &random), radix: 16)
            let temporary = "\(path).tmp-\(getpid())-\(String(repeating: "0", count: 8 - hex.utf8.count))\(hex)"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 { return Descriptor(fd: fd, path: temporary) }
            guard errno == EEXIST || errno == EINTR else {
                throw IOFailure(action: "create '\(temporary)'", reason: errorText())
            }
        }
        throw IOFailure(action: "create a temporary file beside '\(path)'", reason: "every name tried exists already")
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

/// A system call that failed, with what the ledger was doing.
public struct IOFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var action: String
    public var reason: String
    public var description: String { "cannot \(action): \(reason)" }
}
