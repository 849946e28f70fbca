/// `verify` for large ledgers: the same checks as reading the ledger and validating it in full,
/// without keeping a single record in memory (`CompactLedger`), the rules run over flat arrays
/// (`RuleEngine`). It answers only "all holds" or "look closer": on anything unexpected it
/// returns nil, and the full check runs and names the problem exactly.
enum CompactVerification {
    /// The report if every check holds; nil if the full check must decide.
    static func verify(path: String, expectHead: String?) -> VerificationReport? {
        guard let committed = try? CommittedLedger.open(path) else { return nil }
        return verify(committed, expectHead: expectHead)
    }

    static func verify(_ committed: CommittedLedger, expectHead: String?) -> VerificationReport? {
        guard let file = committed.map(), let ledger = CompactLedger.read(file, expectHead: expectHead), ledger.checkRules()
        else { return nil }
        var report = VerificationReport(records: ledger.records.count, head: ledger.head)
        if let expectHead {
            if expectHead == Record.genesisHash { report.expectedHeadSeq = 0 } else {
                guard let seq = ledger.expectedHeadSeq else { return nil }
                report.expectedHeadSeq = seq
            }
        }
        return report
    }
}
