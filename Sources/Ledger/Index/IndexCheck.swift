#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What `verify` found of the index beside a ledger it has just checked.
public enum IndexVerdict: Hashable, Sendable, CustomStringConvertible {
    /// There is no index.
    case absent
    /// The index is not a regular file of the ledger's owner that only they may write: it is
    /// never used, and queries build their own.
    case untrusted
    /// The index describes another state of the ledger (or is damaged): it is not used, and the
    /// next query builds a new one.
    case notCurrent
    /// The index describes this ledger (stamp, head, last line), its tail was chain-checked
    /// against the ledger, and every block holds its checksum; it was not rebuilt.
    case current(indexedRecords: Int, tailRecords: Int)
    /// All that, and the index rebuilt from the records it covers is byte for byte the one in use.
    case matches(indexedRecords: Int, tailRecords: Int)
    /// The index in use held bytes the ledger does not give (forged or damaged with its checksums
    /// fixed up). It has been replaced by the rebuilt one.
    case rebuilt(firstDifference: String)

    public var description: String {
        switch self {
        case .absent: "no index"
        case .untrusted: "not used: it is not a regular file of the ledger's owner that only they may write"
        case .notCurrent: "not current; the next query builds a new one"
        case let .current(indexed, tail): "current (\(indexed) records indexed, \(tail) in its tail; checksums hold; 'verify --index' compares it with a rebuild)"
        case let .matches(indexed, tail): "matches the ledger (\(indexed) records indexed, \(tail) in its tail)"
        case let .rebuilt(difference): "did not match the ledger (\(difference) differed) and was rebuilt"
        }
    }

    /// The verdict as one word, for JSON.
    public var code: String {
        switch self {
        case .absent: "absent"
        case .untrusted: "untrusted"
        case .notCurrent: "not-current"
        case .current: "current"
        case .matches: "matches"
        case .rebuilt: "rebuilt"
        }
    }
}

extension IndexFile {
    /// Checks the index beside the committed ledger against it. First as a query does before it
    /// uses it (owner and mode, stamp, head, last line; the tail's lines chain-checked as a
    /// continuation of the indexed records, its count and head the ledger's), then every block
    /// against its checksum. With `rebuilding`, the index is then rebuilt from the ledger bytes
    /// it covers, with the stamp it records, into a scratch file and compared byte for byte:
    /// equal, the scratch file goes; different, it replaces the index.
    static func check(_ committed: CommittedLedger, rebuilding: Bool) -> IndexVerdict {
        let indexPath = path(forLedger: committed.file.path)
        guard FileSystem.status(indexPath, followingLinks: false) != nil else { return .absent }
        guard FileSystem.openTrusted(indexPath, ledgerOwner: committed.owner) != nil else { return .untrusted }
        guard let index = open(committed), (try? index.rows.sections.checkEveryBlock()) != nil else { return .notCurrent }
        // Checking every block brought the whole index in (400 MB at 10⁶ records): its pages leave
        // this process's memory again, so `verify` stays within what a build needs.
        let mine = index.rows.sections.file
        mine.release(from: 0, to: mine.bytes.count)
        guard rebuilding else { return .current(indexedRecords: index.recordCount, tailRecords: index.tail.count) }
        guard let covered = FileSystem.map(committed.file, length: Int(index.indexedLedgerSize)) else { return .notCurrent }
        let scratch = indexPath + ".verify-\(getpid())"
        defer { unlink(scratch) }
        guard rebuild(of: covered, stamp: index.indexedStamp, ledgerPath: committed.file.path, scratch: scratch),
              let (rebuiltFile, info) = FileSystem.openTrusted(scratch, ledgerOwner: committed.owner),
              let rebuilt = FileSystem.map(rebuiltFile, length: Int(info.st_size))
        else { return .notCurrent }
        guard let difference = index.firstDifference(from: rebuilt) else {
            return .matches(indexedRecords: index.recordCount, tailRecords: index.tail.count)
        }
        guard rename(scratch, indexPath) == 0 else { return .notCurrent }
        return .rebuilt(firstDifference: difference)
    }

    /// Builds the index of `file` into `scratch`: compactly, or, for a ledger the compact reading
    /// does not vouch for (escapes, `null` members), from its records read in full, as queries do.
    private static func rebuild(of file: FileSystem.MappedFile, stamp: FileSystem.FileStamp, ledgerPath: String,
                                scratch: String) -> Bool {
        if build(of: file, stamp: stamp, ledgerPath: ledgerPath, scratch: scratch) { return true }
        guard let records = try? LedgerFile.parse(file.bytes.bindMemory(to: UInt8.self)), let ledger = try? Ledger(records: records)
        else { return false }
        return write(records: ledger.records, of: file, stamp: stamp, ledgerPath: ledgerPath, scratch: scratch)
    }

    /// Where this index first differs from `other` (an index file's bytes), in words; nil if
    /// they are equal. The payload is compared first: a changed row also changes its block's
    /// checksum in the header, and the row is what a reader wants named.
    func firstDifference(from other: FileSystem.MappedFile) -> String? {
        let sections = rows.sections
        let mine = sections.file
        guard other.bytes.count == mine.bytes.count else { return "the length (\(mine.bytes.count) bytes, rebuilt \(other.bytes.count))" }
        let start = sections.payloadStart
        if let offset = Self.firstDifference(mine, other, in: start..<mine.bytes.count) {
            let (section, within) = sections.place(ofPayloadOffset: offset - start)
            if let row = section.rowSize { return "section '\(section)', row \(within / row)" }
            return "section '\(section)', byte \(within)"
        }
        if let offset = Self.firstDifference(mine, other, in: 0..<start) { return "the header, byte \(offset)" }
        return nil
    }

    /// The first offset in `range` where files `a` and `b` differ: compared a block at a time
    /// with `memcmp`, then byte by byte inside the block that differs. Pages compared leave
    /// memory as it goes, as the compact reading lets go of the ledger's.
    private static func firstDifference(_ a: FileSystem.MappedFile, _ b: FileSystem.MappedFile, in range: Range<Int>) -> Int? {
        let (x, y) = (a.bytes, b.bytes)
        var block = range.lowerBound, released = range.lowerBound
        while block < range.upperBound {
            let end = min(block + IndexLayout.blockSize, range.upperBound)
            if memcmp(x.baseAddress! + block, y.baseAddress! + block, end - block) != 0 {
                return (block..<end).first { x[$0] != y[$0] }
            }
            block = end
            if block - released >= 1 << 24 {
                a.release(from: released, to: block)
                b.release(from: released, to: block)
                released = block
            }
        }
        return nil
    }
}
