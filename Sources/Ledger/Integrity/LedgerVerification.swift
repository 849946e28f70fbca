import FoundationEssentials

/// What `verify` found on an intact ledger.
public struct VerificationReport: Hashable, Sendable {
    public var records: Int
    public var head: String
    /// When `expectHead` was given: the seq of the record that carries it.
    public var expectedHeadSeq: Int?
    /// What the index beside the ledger turned out to be, when it was checked.
    public var index: IndexVerdict?
}

/// The full check of a ledger file: chain (canonical lines, seq, prev, hash, recorded, ids) and a
/// validation replay of every rule, plus optionally that a previously trusted head is still there,
/// and then the index beside it (`IndexFile.check`), which is only a cache but must not lie.
public enum LedgerVerification {
    public static func verify(path: String, expectHead: String? = nil, checkingIndex: Bool = true) throws(IntegrityError) -> VerificationReport {
        // A missing file is refused here like everywhere: "ok: 0 records" about nothing would
        // vouch for a ledger that is not there.
        let committed = try CommittedLedger.open(path)
        var report: VerificationReport
        // The quick path says only "all holds"; anything else is found and named by the full one.
        if let quick = CompactVerification.verify(committed, expectHead: expectHead) {
            report = quick
        } else {
            let records = try LedgerFile.read(committed)
            do { try HistoryValidation.check(records) } catch { throw .ruleViolation(error) }
            report = try Self.report(on: records, expectHead: expectHead)
        }
        if checkingIndex { report.index = IndexFile.check(committed) }
        return report
    }

    private static func report(on records: [Record], expectHead: String?) throws(IntegrityError) -> VerificationReport {
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
