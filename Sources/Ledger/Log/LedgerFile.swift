import FoundationEssentials

/// Reads a ledger file: one canonical JSON record per line, each ending in `\n`.
public enum LedgerFile {
    /// The default location, relative to the working directory.
    public static let defaultPath = "events/ledger.jsonl"

    /// Reads and chain-checks every record. A missing file is an empty ledger; a final line
    /// without its newline is a torn write and refused.
    public static func read(path: String) throws(IntegrityError) -> [Record] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        return try parse(data)
    }

    /// Chain-checks the records in `data` (a whole ledger file's bytes).
    public static func parse(_ data: Data) throws(IntegrityError) -> [Record] {
        var verifier = ChainVerifier()
        let result = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in Result { () throws(IntegrityError) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            var line = 0
            while start < bytes.count {
                line += 1
                guard let end = bytes[start...].firstIndex(of: 0x0A) else {
                    throw IntegrityError.tornTail(line: line, offset: start, length: bytes.count - start)
                }
                try verifier.append(line: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                start = end + 1
            }
        } }
        try result.get()
        return verifier.records
    }
}
