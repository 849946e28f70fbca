/// A person who held an office, as the ledger knows them: the id the records use and the name as
/// a source writes it.
///
/// The name is an authority record's preferred form, not a fact in valid time: a person is shown
/// by one name in every answer, whatever the date asked about. It is given by the `name` of an
/// `appoint` change, once; if later records give another, the latest recorded of the records that
/// count wins (so a correction can fix a misspelt name), as known at the time asked about.
public struct Person: Hashable, Sendable {
    public var id: PersonID
    /// As the sources write it, with its diacritics ("Jürgen Müller"); nil if no record gives one.
    public var name: String?
    /// The record that gave the name.
    public var namedBy: RecordID?

    public init(id: PersonID, name: String? = nil, namedBy: RecordID? = nil) {
        self.id = id
        self.name = name
        self.namedBy = namedBy
    }

    /// The name, or the id where no record gives one.
    public var displayName: String { name ?? id }
}
