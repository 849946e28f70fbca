/// The history the JSON-LD export carries besides its change events: every name a unit had, every
/// place it had under a parent, and every office a person held, each with the interval of valid
/// time it held in (OWL-Time, as ORG's `org:memberDuring` uses it) and the records that began and
/// ended it.
///
/// The runs of state come from `ValidityIntervals`, the same snapshots the HTML page draws from;
/// `JSONLDHistory.Boundaries` finds the record behind each start and end, so an interval begins
/// at the date that record takes effect, with its precision (`2017`, `2019-01`, `2021-01-01`).
/// An interval ends when the next state begins, so consecutive intervals meet
/// (`time:intervalMeets`); one still holding has no `time:hasEnd`.
struct JSONLDHistory: Sendable {
    /// A unit's names and abbreviations as `skosxl:Label` nodes: `preferred` those with the name
    /// it has (or had when dissolved), `alternative` the earlier names and every abbreviation.
    struct Labels {
        var preferred: [JSONValue] = []
        var alternative: [JSONValue] = []
        /// Earlier names and abbreviations as plain literals, for `skos:altLabel`.
        var alternativeTexts: [String] = []
    }

    private let intervals: ValidityIntervals
    private let officesByPerson: [PersonID: [Appointment]]
    private let boundaries: Boundaries
    private let language: String

    init(_ ledger: Ledger, language: String) throws(QueryError) {
        intervals = try ValidityIntervals(ledger)
        officesByPerson = Dictionary(grouping: intervals.offices.keys, by: \.person)
        boundaries = Boundaries(ledger.history.records)
        self.language = language
    }

    /// The labels of `unit`, whose name now (or at its dissolution) is `current`.
    func labels(of unit: UnitID, current: UnitState) -> Labels {
        var labels = Labels()
        let versions = intervals.units[unit] ?? []
        for run in Self.runs(of: versions, by: { $0.name }) {
            let node = label(run, unit: unit, names: true)
            if run.key == current.name {
                labels.preferred.append(node)
            } else {
                labels.alternative.append(node)
                if !labels.alternativeTexts.contains(run.key) { labels.alternativeTexts.append(run.key) }
            }
        }
        for run in Self.runs(of: versions, by: { $0.abbreviation }) where run.key != current.name {
            labels.alternative.append(label(run, unit: unit, names: false))
            if !labels.alternativeTexts.contains(run.key) { labels.alternativeTexts.append(run.key) }
        }
        return labels
    }

    /// Every period `unit` hung under a parent, as `org:Membership` nodes: the unit the member,
    /// the parent the organisation, the ledger's relation the role (`ledger:partOf`,
    /// `ledger:subordinateTo`).
    func placements(of unit: UnitID) -> [JSONValue] {
        let runs = Self.runs(of: intervals.units[unit] ?? []) { version in
            version.parent.map { Placement(parent: $0, relation: version.relation) }
        }
        return runs.map { run in
            let (start, end) = bounds(run) { change in
                switch change {
                case .establishUnit(unit, _, _, _, _, _), .moveUnit(unit, _, _, _), .dissolveUnit(unit, _): true
                default: false
                }
            }
            return membership(
                member: "unit:" + unit, organization: "unit:" + run.key.parent, role: "ledger:" + run.key.relation.rawValue,
                start: start, end: end)
        }
    }

    /// When `unit` was dissolved, if it was: the date the dissolving record takes effect.
    func dissolution(of unit: UnitID) -> ValidDate? {
        guard let last = intervals.units[unit]?.last, let day = last.to else { return nil }
        return boundaries.cause(on: day) { if case .dissolveUnit(unit, _) = $0 { true } else { false } }.date
    }

    /// Every office `person` held, as `org:Membership` nodes: the person the member, the unit the
    /// organisation, the role `role:<slug>`.
    func offices(of person: PersonID) -> [JSONValue] {
        (officesByPerson[person] ?? []).sorted().flatMap { office in
            (intervals.offices[office] ?? []).map { version in
                let start = boundaries.cause(on: version.from) { change in
                    if case .appoint(office, _) = change { true } else { false }
                }
                let end = version.to.map { day in
                    boundaries.cause(on: day) { change in
                        switch change {
                        case .endAppointment(office), .dissolveUnit(office.unit, _): true
                        default: false
                        }
                    }
                }
                return membership(member: "person:" + person, organization: "unit:" + office.unit,
                                  role: "role:" + JSONLDExport.slug(office.role), start: start, end: end)
            }
        }
    }

    /// Everyone who held an office at some time, by id.
    var persons: [PersonID] { officesByPerson.keys.sorted() }

    /// Every role an office was held in, with the text the records give it (the first, by slug).
    var roles: [(slug: String, text: String)] {
        var seen: [String: String] = [:]
        for office in intervals.offices.keys.sorted() where seen[JSONLDExport.slug(office.role)] == nil {
            seen[JSONLDExport.slug(office.role)] = office.role
        }
        return seen.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    // MARK: Nodes

    private func label(_ run: Run<String>, unit: UnitID, names: Bool) -> JSONValue {
        let (start, end) = bounds(run) { change in
            switch change {
            case .establishUnit(unit, _, _, _, _, _), .renameUnit(unit, _, _), .dissolveUnit(unit, _): true
            case .moveUnit(unit, _, _, _): !names
            default: false
            }
        }
        var members: [(key: String, value: JSONValue)] = [
            ("@type", .string("skosxl:Label")),
            ("skosxl:literalForm", JSONLDExport.text(run.key, language)),
            ("ledger:labelKind", .string(names ? "name" : "abbreviation")),
            ("time:hasTime", JSONLDExport.interval(from: start.date, to: end?.date)),
        ]
        if let record = start.record { members.append(("prov:wasGeneratedBy", JSONLDExport.ref("record:" + record))) }
        if let record = end?.record { members.append(("prov:wasInvalidatedBy", JSONLDExport.ref("record:" + record))) }
        return .object(members)
    }

    private func membership(member: String, organization: String, role: String,
                            start: Boundaries.Cause, end: Boundaries.Cause?) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("@type", .string("org:Membership")),
            ("org:member", JSONLDExport.ref(member)),
            ("org:organization", JSONLDExport.ref(organization)),
            ("org:role", JSONLDExport.ref(role)),
            ("org:memberDuring", JSONLDExport.interval(from: start.date, to: end?.date)),
        ]
        if let record = start.record { members.append(("prov:wasGeneratedBy", JSONLDExport.ref("record:" + record))) }
        if let record = end?.record { members.append(("prov:wasInvalidatedBy", JSONLDExport.ref("record:" + record))) }
        return .object(members)
    }

    /// The dates (and records) a run began and ended; `concerns` picks the changes that can
    /// begin or end it.
    private func bounds<Key>(_ run: Run<Key>, _ concerns: (Change) -> Bool) -> (Boundaries.Cause, Boundaries.Cause?) {
        (boundaries.cause(on: run.from, concerns), run.to.map { boundaries.cause(on: $0, concerns) })
    }

    // MARK: Runs

    private struct Placement: Equatable {
        var parent: UnitID
        var relation: Relation
    }

    /// A stretch of days over which one aspect of a unit stayed the same.
    struct Run<Key> {
        var key: Key
        var from: Int
        /// Exclusive; nil while it lasts.
        var to: Int?
    }

    /// The versions of a unit merged into runs of equal `key` (nil keys left out): a rename splits
    /// the names but not the places, a move the places but not the names.
    static func runs<Key: Equatable>(of versions: [ValidityIntervals.Interval<UnitState>],
                                     by key: (UnitState) -> Key?) -> [Run<Key>] {
        var runs: [Run<Key>] = []
        for version in versions {
            guard let value = key(version.value) else { continue }
            if let last = runs.last, last.key == value, last.to == version.from {
                runs[runs.count - 1].to = version.to
            } else {
                runs.append(Run(key: value, from: version.from, to: version.to))
            }
        }
        return runs
    }

    /// Which record made a change on a day, and the date it gives for it.
    struct Boundaries: Sendable {
        struct Cause {
            /// The effective date of the record, with its precision; the bare day if no record is found.
            var date: ValidDate
            var record: RecordID?
        }

        private var byDay: [Int: [Record]] = [:]

        /// `records` in effective order, as `EffectiveHistory` holds them.
        init(_ records: [Record]) {
            for record in records where !record.changes.isEmpty {
                byDay[record.effectiveDate.firstDay, default: []].append(record)
            }
        }

        /// The latest record taking effect on `day` with a change `concerns` picks (the one whose
        /// change stands at the end of that day); failing that, the bare day.
        func cause(on day: Int, _ concerns: (Change) -> Bool) -> Cause {
            guard let record = byDay[day]?.last(where: { $0.changes.contains(where: concerns) }) else {
                return Cause(date: ValidDate(dayNumber: day), record: nil)
            }
            return Cause(date: record.effectiveDate, record: record.id)
        }
    }
}
