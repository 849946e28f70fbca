extension HistoryGenerator {
    /// Writes the ledger to a new file at `path`, atomically (a temporary file beside it, fsynced
    /// and renamed), so an interrupted run never leaves a half-written ledger behind.
    ///
    /// - Returns: the hash of the last record (the head).
    @discardableResult
    public func write(toFile path: String, progressEvery: Int = 100_000, progress: (Int) -> Void = { _ in }) throws(IOFailure) -> String {
        var head = Record.genesisHash
        try FileSystem.writeAtomically(to: path) { file throws(IOFailure) in
            head = try write(progressEvery: progressEvery, progress: progress) { chunk throws(IOFailure) in
                try FileSystem.writeAll(chunk, to: file.fd, name: file.path)
            }
        }
        return head
    }

    /// Streams the ledger to `output`, one line per record, in chunks of about 1 MiB, so a
    /// ten-million-record ledger needs no more memory than a small one.
    ///
    /// - Parameters:
    ///   - progressEvery: call `progress` after this many records (and after the last).
    ///   - progress: told how many records are written so far.
    ///   - output: takes each chunk of whole lines.
    /// - Returns: the hash of the last record (the head), or 64 zeros for an empty ledger.
    @discardableResult
    public func write<Failure: Error>(
        progressEvery: Int = 100_000, progress: (Int) -> Void = { _ in }, to output: ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) -> String {
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
                try output(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
            if written % progressEvery == 0 { progress(written) }
        }
        if !buffer.isEmpty { try output(buffer) }
        if written % progressEvery != 0 { progress(written) }
        return head
    }
}
