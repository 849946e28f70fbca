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
    static func writeAtomically(to path: String, durably: Bool = true, _ body: (Descriptor) throws(IOFailure) -> Void) throws(IOFailure) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IOFailure(action: "create '\(temporary)'", reason: errorText()) }
        let file = Descriptor(fd: fd, path: temporary)
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
}

/// A system call that failed, with what the ledger was doing.
public struct IOFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var action: String
    public var reason: String
    public var description: String { "cannot \(action): \(reason)" }
}
