/// Opens a ledger file for questions the fastest way that is still safe: through its index when
/// the index describes the file exactly, else by reading and checking the whole file (and then
/// writing a fresh index beside it for next time).
public enum LedgerStore {
    /// The ledger at `path`, ready for queries.
    public static func openForQueries(path: String) throws(IntegrityError) -> any LedgerQuerying {
        if let index = IndexFile.open(ledgerPath: path) { return index }
        let ledger = try Ledger.open(path: path)
        if !ledger.records.isEmpty { IndexFile.write(for: ledger, ledgerPath: path) }
        return ledger
    }
}
