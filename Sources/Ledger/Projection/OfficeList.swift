/// An office held on a date: who, which role, in which unit, since when, by which record.
public struct OfficeHolding: Hashable, Sendable {
    public var person: Person
    public var role: String
    public var unit: UnitSummary
    /// The effective date of the record that appointed (as the sources give it).
    public var since: ValidDate
    public var record: RecordID

    public init(person: Person, role: String, unit: UnitSummary, since: ValidDate, record: RecordID) {
        self.person = person
        self.role = role
        self.unit = unit
        self.since = since
        self.record = record
    }
}

/// Which offices an `offices` question asks about; nil members do not filter.
public struct OfficeFilter: Hashable, Sendable {
    /// Offices in this unit or a unit inside it.
    public var unit: UnitID?
    /// Roles containing this text, folded (`TextFolding`): `staatssekretar` finds "Finanzstaatssekretär".
    public var role: String?
    /// This person's id, or persons whose name contains this text, folded.
    public var person: String?

    public init(unit: UnitID? = nil, role: String? = nil, person: String? = nil) {
        self.unit = unit
        self.role = role
        self.person = person
    }

    func admits(role: String) -> Bool {
        guard let wanted = self.role else { return true }
        return TextFolding.fold(role).contains(TextFolding.fold(wanted))
    }

    func admits(_ person: Person) -> Bool {
        guard let wanted = self.person else { return true }
        if person.id == wanted { return true }
        let folded = TextFolding.fold(wanted)
        return !folded.isEmpty && TextFolding.fold(person.name ?? person.id).contains(folded)
    }
}

extension OrgSnapshot {
    /// The offices held on the snapshot's date that `filter` admits, sorted by unit, role and
    /// person; `person` and `record` look up the names and the appointing records.
    func offices(_ filter: OfficeFilter, person: (PersonID) -> Person?, record: (RecordID) -> Record?) -> [OfficeHolding] {
        var holdings: [OfficeHolding] = []
        for id in unitIDs {
            guard let unit = unit(id), !unit.isDissolved else { continue }
            if let within = filter.unit, !path(from: id).contains(where: { $0.unit.id == within }) { continue }
            for (office, recordID) in appointments(in: id) where filter.admits(role: office.role) {
                let holder = person(office.person) ?? Person(id: office.person)
                guard filter.admits(holder), let appointing = record(recordID) else { continue }
                holdings.append(OfficeHolding(person: holder, role: office.role, unit: UnitSummary(unit),
                                              since: appointing.effectiveDate, record: recordID))
            }
        }
        return holdings.sorted { ($0.unit.id, $0.role, $0.person.id) < ($1.unit.id, $1.role, $1.person.id) }
    }
}

extension Ledger {
    /// Every person appointed by the records known at `knownAt`, with their names, by id.
    public func persons(knownAt: TransactionTime = .distantFuture) -> [Person] {
        personDirectory(knownAt: knownAt).all
    }

    /// The person with this id, as known at `knownAt`; nil if no record known then appoints them.
    public func person(_ id: PersonID, knownAt: TransactionTime = .distantFuture) -> Person? {
        personDirectory(knownAt: knownAt)[id]
    }

    func personDirectory(knownAt: TransactionTime) -> PersonDirectory {
        guard let last = records.last, knownAt < last.recorded else { return directory }
        return PersonDirectory(EffectiveHistory(records, knownAt: knownAt).records)
    }

    /// Who held which office in which unit on `date`, as known at `knownAt`, narrowed by `filter`.
    ///
    /// ```swift
    /// let offices = try ledger.offices(at: ValidDate(parsing: "2020-06-30"), filter: OfficeFilter(role: "staatssekretär"))
    /// offices.first?.person.name   // "Hartmut Schubert"
    /// ```
    public func offices(at date: ValidDate, filter: OfficeFilter, knownAt: TransactionTime) throws(QueryError) -> [OfficeHolding] {
        if let unit = filter.unit, index.unitTimelines[unit] == nil { throw .unknownUnit(unit) }
        let directory = personDirectory(knownAt: knownAt)
        return try snapshot(at: date, knownAt: knownAt).offices(filter, person: { directory[$0] }, record: record)
    }
}
