import FoundationEssentials

/// What `verify` found on an intact ledger.
public struct VerificationReport: Hashable, Sendable {
    public var records: Int
    public var head: String
    /// When `expectHead` was given: the seq of the record that carries it.
    public var expectedHeadSeq: Int?
}

/// The full check of a ledger file: chain (canonical lines, seq, prev, hash, recorded, ids) and a
/// validation replay of every rule, plus optionally that a previously trusted head is still there.
public enum LedgerVerification {
    public static func verify(path: String, expectHead: String? = nil) throws(IntegrityError) -> VerificationReport {
        // The quick path says only "all holds"; anything else is found and named by the full one.
        if let report = CompactVerification.verify(path: path, expectHead: expectHead) { return report }
        let records = try LedgerFile.read(path: path)
        do { try HistoryValidation.check(records) } catch { throw .ruleViolation(error) }
        var report = VerificationReport(records: records.count, head: records.last?.hash ?? Record.genesisHash)
        if let expectHead {
            if expectHead == Record.genesisHash {
                report.expectedHeadSeq = 0
            } else {
                guard let record = records.first(where: { $0.hash == expectHead }) else {
                    throw .headNotFound(expectHead)
                }
                report.expectedHeadSeq = record.seq
            }
        }
        return report
    }
}
