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
    /// How far `verify` looks at the index beside the ledger.
    public enum IndexCheck: Sendable {
        case skip
        /// What a query checks before it uses the index (ownership, stamp, head, tail), and every
        /// block's checksum: cheap, and finds a stale or damaged index, not a forged one.
        case checkAsQueriesDo
        /// All that, then the index rebuilt from the ledger and compared byte for byte: finds a
        /// forged one too, at the cost of a full build.
        case rebuildAndCompare
    }

    public static func verify(path: String, expectHead: String? = nil, index: IndexCheck = .checkAsQueriesDo) throws(IntegrityError) -> VerificationReport {
        // A missing file is refused here like everywhere: "ok: 0 records" about nothing would
        // vouch for a ledger that is not there.
        let committed = try CommittedLedger.open(path)
        let expectHead = try expectHead.map { (given) throws(IntegrityError) in try resolve(given, in: committed) }
        var report: VerificationReport
        // The quick path says only "all holds"; anything else is found and named by the full one.
        if let quick = CompactVerification.verify(committed, expectHead: expectHead) {
            report = quick
        } else {
            let records = try LedgerFile.read(committed)
            do { try HistoryValidation.check(records) } catch { throw .ruleViolation(error) }
            report = try Self.report(on: records, expectHead: expectHead)
        }
        if index != .skip { report.index = IndexFile.check(committed, rebuilding: index == .rebuildAndCompare) }
        return report
    }

    /// A head given by a prefix, as the full hash of the one record it names (or the genesis
    /// hash); a whole hash or anything else as it is, for the checks below to judge.
    private static func resolve(_ given: String, in committed: CommittedLedger) throws(IntegrityError) -> String {
        guard let prefix = HeadPrefix(given), prefix.digits.utf8.count < 64 else { return given }
        let matches: [(seq: Int, hash: String)]
        if let mapped = committed.map() {
            matches = HeadPrefix.matches(in: mapped.bytes.bindMemory(to: UInt8.self), prefix: prefix)
            withExtendedLifetime(mapped) {}
        } else {
            let bytes = [UInt8](try committed.read())
            matches = bytes.withUnsafeBufferPointer { HeadPrefix.matches(in: $0, prefix: prefix) }
        }
        if matches.count > 1 { throw .ambiguousHead(prefix: prefix.digits, seqs: matches.map(\.seq)) }
        if let match = matches.first { return match.hash }
        return prefix.matches(Record.genesisHash) ? Record.genesisHash : given
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
