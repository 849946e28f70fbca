import Dispatch
import FoundationEssentials

/// Reads a ledger file: one canonical JSON record per line, each ending in `\n`.
public enum LedgerFile {
    /// The default location, relative to the working directory.
    public static let defaultPath = "events/ledger.jsonl"

    /// Reads and chain-checks every record committed (an append in progress is not read, see
    /// `CommittedLedger`). A missing file is refused (`.noLedger`), an empty one is an empty
    /// ledger; a final line without its newline is a torn write and refused.
    public static func read(path: String) throws(IntegrityError) -> [Record] {
        try read(try CommittedLedger.open(path))
    }

    /// Reads and chain-checks the committed records of an open ledger.
    static func read(_ committed: CommittedLedger) throws(IntegrityError) -> [Record] {
        guard let mapped = committed.map() else { return try parse(try committed.read()) }
        let result = Result { () throws(IntegrityError) in try parse(mapped.bytes.bindMemory(to: UInt8.self)) }
        withExtendedLifetime(mapped) {}
        return try result.get()
    }

    /// Chain-checks the records in `data` (a whole ledger file's bytes).
    ///
    /// Decoding and hashing each line is independent of the others, so it is spread over the
    /// CPU's cores; the checks that link each line to the one before then run in order. Errors are
    /// the same as from a line-by-line check: the first problem by line wins.
    public static func parse(_ data: Data) throws(IntegrityError) -> [Record] {
        let result = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in Result { () throws(IntegrityError) in
            try parse(raw.bindMemory(to: UInt8.self))
        } }
        return try result.get()
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(IntegrityError) -> [Record] {
        // Where each line starts; the byte after the last line's newline is the end.
        var starts: [Int] = []
        var start = 0
        // A final line without its newline (a torn write) is reported after the complete lines
        // are checked, as reading line by line would.
        var torn: IntegrityError?
        while start < bytes.count {
            guard let end = bytes[start...].firstIndex(of: 0x0A) else {
                torn = .tornTail(line: starts.count + 1, offset: start, length: bytes.count - start)
                break
            }
            starts.append(start)
            start = end + 1
        }
        starts.append(torn == nil ? bytes.count : start)
        let count = starts.count - 1
        let slots = UnsafeMutableBufferPointer<Result<(Record, String), IntegrityError>?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        let workers = count < 2_000 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let chunk = (count + workers - 1) / max(workers, 1)
        // Each worker reads its own lines and writes only its own slots.
        nonisolated(unsafe) let input = bytes
        nonisolated(unsafe) let output = slots
        let lineStarts = starts
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in (worker * chunk)..<min(count, (worker + 1) * chunk) {
                let line = UnsafeBufferPointer(rebasing: input[lineStarts[index]..<(lineStarts[index + 1] - 1)])
                let decoded = Result { () throws(IntegrityError) in try ChainVerifier.decode(line: line, number: index + 1) }
                output[index] = decoded
                if case .failure = decoded { break } // later lines of this chunk will not be reached
            }
        }
        var verifier = ChainVerifier()
        for index in 0..<count {
            guard let slot = slots[index] else { break }
            let (record, hash) = try slot.get()
            try verifier.check(record, computedHash: hash, line: index + 1)
        }
        if let torn { throw torn }
        return verifier.records
    }
}
