extension HTMLExport {
    /// What the page says about itself: its title and the language of its own words. Nothing on
    /// the page names a particular government; what is not given here comes from the ledger.
    public struct Options: Hashable, Sendable {
        /// The page's heading and `<title>`; nil derives one from the ledger (`derivedTitle`).
        public var title: String?
        /// The language of the page's own words (headings, labels, change sentences).
        public var language: PageLanguage

        /// Options for a page titled `title` (nil: derived from the ledger) in `language`.
        public init(title: String? = nil, language: PageLanguage = .german) {
            self.title = title
            self.language = language
        }
    }

    /// The title of a page whose options give none: the names of the bodies at the top of the
    /// organisation the ledger ends with (those with units below them, if any have), as in
    /// "Thüringer Landesregierung" or "Stadt Musterstadt und Landkreis Beispiel"; with none, or
    /// with more than three, the neutral "Ledger der Reorganisationen" / "Ledger of
    /// reorganisations".
    static func derivedTitle(of ledger: Ledger, wording: some PageWording) throws(QueryError) -> String {
        let generic = wording.phrase("page.genericTitle")
        guard let end = structureDate(of: ledger) else { return generic }
        let roots = try ledger.orgChart(at: end).roots
        let trees = roots.filter { !$0.children.isEmpty }
        let named = (trees.isEmpty ? roots : trees).sorted(by: OrgChart.Node.inChartOrder)
        guard (1...3).contains(named.count) else { return generic }
        return wording.list(named.map(\.unit.name))
    }

    /// The example in the search box's placeholder: the shortest title of a task the ledger ends
    /// with (a real one of this ledger, so it finds something); nil for a ledger without tasks.
    static func searchExample(of ledger: Ledger) throws(QueryError) -> String? {
        guard let end = structureDate(of: ledger) else { return nil }
        return try ledger.tasks(at: end).map(\.title).min { ($0.count, $0) < ($1.count, $1) }
    }

    /// The latest date a record in force takes effect: from then on the organisation stays as it is.
    static func structureDate(of ledger: Ledger) -> ValidDate? {
        ledger.history.records.filter { !$0.changes.isEmpty }.map(\.effectiveDate).max()
    }
}
