import Foundation

extension HistoryGenerator {
    /// Streams the ledger to `output`, one line per record, in buffered writes of about 1 MiB, so a
    /// ten-million-record ledger needs no more memory than a small one.
    ///
    /// - Parameters:
    ///   - progressEvery: call `progress` after this many records (and after the last).
    ///   - progress: told how many records are written so far.
    /// - Returns: the hash of the last record (the head), or 64 zeros for an empty ledger.
    @discardableResult
    public func write(
        to output: FileHandle, progressEvery: Int = 100_000, progress: (Int) -> Void = { _ in }
    ) throws -> String {
        var buffer: [UInt8] = []
        let capacity = 1 << 20
        buffer.reserveCapacity(capacity + 64 * 1024)
        var head = Record.genesisHash
        var written = 0
        var records = makeIterator()
        while let next = records.nextLine() {
            buffer.append(contentsOf: next.line)
            buffer.append(0x0A)
            head = next.record.hash
            written += 1
            if buffer.count >= capacity {
                try output.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
            if written % progressEvery == 0 { progress(written) }
        }
        if !buffer.isEmpty { try output.write(contentsOf: buffer) }
        if written % progressEvery != 0 { progress(written) }
        return head
    }
}
