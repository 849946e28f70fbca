/// Opens a ledger file for questions the fastest way that is still safe: through its index when
/// the index describes the file exactly, else through a new index built from the whole file,
/// checked as it is read (`IndexFile.build`); if that cannot be, by reading the ledger in full.
public enum LedgerStore {
    /// The ledger at `path`, ready for queries.
    public static func openForQueries(path: String) throws(IntegrityError) -> any LedgerQuerying {
        if let index = IndexFile.openOrBuild(ledgerPath: path) { return index }
        let ledger = try Ledger.open(path: path)
        if !ledger.records.isEmpty { IndexFile.write(for: ledger, ledgerPath: path) }
        return ledger
    }
}
