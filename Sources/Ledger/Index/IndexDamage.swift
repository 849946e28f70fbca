/// The index does not match its ledger or is damaged; it is rebuilt from the ledger.
struct IndexDamage: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
