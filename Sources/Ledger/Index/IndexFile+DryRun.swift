/// The index a dry run would leave: laid out by the one writer from the ledger read compactly
/// with the batch joined to it (`CompactAppend`), into a file with no name beside the index (gone
/// once unmapped, even if the process is killed while it writes), then mapped. Being bitemporal,
/// it answers both sides of the dry run: as known before the batch (its first records) and as
/// known with it; so nothing replays the ledger.
extension IndexFile {
    /// Writes the index of the ledger with `compact`'s batch into a file with no name and opens
    /// it; the batch's lines, which the ledger file has not got, are read from `compact`. Nil if
    /// it cannot be written (a read-only directory) or read back: the caller then takes the full
    /// check.
    static func dryRun(of compact: inout CompactAppend, ledger file: FileSystem.Descriptor) -> IndexFile? {
        guard let info = try? FileSystem.status(file) else { return nil }
        var stamp = FileSystem.FileStamp(info)
        let lines = compact.lines
        guard stamp.size + UInt64(lines.count) == UInt64(compact.sizeAfter) else { return nil }
        let start = stamp.size
        stamp.size = UInt64(compact.sizeAfter)
        guard let scratch = try? FileSystem.createUnnamedFile(beside: path(forLedger: file.path)),
              compact.writeIndex(ledgerPath: file.path, stamp: stamp, to: .unnamed(scratch)),
              let size = try? FileSystem.status(scratch).st_size, let mapped = FileSystem.map(scratch, length: Int(size))
        else { return nil }
        return try? IndexFile(file: mapped, ledgerPath: file.path, ledgerStamp: stamp, ledgerOwner: info.st_uid,
                              pendingLines: PendingLines(start: start, bytes: lines))
    }
}
