private typealias PersonRow = IndexLayout.PersonRow

extension IndexFile {
    /// The first row of person `id` in the `persons` section (sorted by id bytes, then by when
    /// each row became known), or nil.
    func personRow(_ id: PersonID) throws(IndexDamage) -> Int? {
        let target = Array(id.utf8)
        var low = 0, high = rows.sections.rowCount(of: .persons)
        while low < high {
            let mid = (low + high) / 2
            guard let key = try rows.stringBytes(PersonRow.person, at: mid) else { throw IndexDamage("person row \(mid)") }
            if key.lexicographicallyPrecedes(target) { low = mid + 1 } else { high = mid }
        }
        guard low < rows.sections.rowCount(of: .persons), let key = try rows.stringBytes(PersonRow.person, at: low),
              key.elementsEqual(target)
        else { return nil }
        return low
    }

    /// The person on `row`.
    func person(row: Int) throws(IndexDamage) -> Person {
        guard let id = try rows.string(PersonRow.person, at: row) else { throw IndexDamage("person row \(row)") }
        let named = try rows.i32(PersonRow.namedBy, at: row)
        return Person(id: id, name: try rows.string(PersonRow.name, at: row), namedBy: named < 0 ? nil : try recordID(named))
    }

    /// Whether the records `known` saw the person row `row`.
    private func sees(personRow row: Int, _ known: KnownRecords) throws(IndexDamage) -> Bool {
        known.sees(from: try rows.u32(PersonRow.knownFrom, at: row), until: try rows.u32(PersonRow.knownUntil, at: row))
    }

    /// Person `id` as the index (as the records `known` said) and its tail know them.
    func indexedPerson(_ id: PersonID, known: KnownRecords) throws(IndexDamage) -> Person? {
        var person: Person?
        if let first = try personRow(id) {
            var row = first
            let count = rows.sections.rowCount(of: .persons)
            while row < count, let key = try rows.stringBytes(PersonRow.person, at: row), key.elementsEqual(id.utf8) {
                if try sees(personRow: row, known) {
                    person = try self.person(row: row)
                    break
                }
                row += 1
            }
        }
        for record in tail {
            for case let .appoint(office, name) in record.changes where office.person == id {
                if person == nil { person = Person(id: id) }
                if let name { (person!.name, person!.namedBy) = (name, record.id) }
            }
        }
        return person
    }

    /// Everyone, from the index (as the records `known` said) and its tail, by id.
    func indexedPersons(known: KnownRecords) throws(IndexDamage) -> [Person] {
        var byID: [PersonID: Person] = [:]
        for row in 0..<rows.sections.rowCount(of: .persons) where try sees(personRow: row, known) {
            let person = try person(row: row)
            byID[person.id] = person
        }
        for record in tail {
            for case let .appoint(office, name) in record.changes {
                if byID[office.person] == nil { byID[office.person] = Person(id: office.person) }
                if let name { (byID[office.person]!.name, byID[office.person]!.namedBy) = (name, record.id) }
            }
        }
        return byID.values.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    }

    public func persons(knownAt: TransactionTime) throws(QueryError) -> [Person] {
        try answer(knownAt: knownAt, { (index, known) throws(IndexDamage) in try index.indexedPersons(known: known) },
                   full: { $0.persons(knownAt: knownAt) })
    }

    public func offices(at date: ValidDate, filter: OfficeFilter, knownAt: TransactionTime) throws(QueryError) -> [OfficeHolding] {
        if let unit = filter.unit, try !knowsUnit(unit) { throw .unknownUnit(unit) }
        return try answer(knownAt: knownAt, { (index, known) throws(IndexDamage) in
            let persons = Dictionary(uniqueKeysWithValues: try index.indexedPersons(known: known).map { ($0.id, $0) })
            return try index.wholeOrganisation(on: date.firstDay, known: known, relations: true) { (units, _) throws(IndexDamage) in
                units.offices(filter, person: { persons[$0] }, record: { index.record($0) })
            }
        }, full: { ledger throws(QueryError) in try ledger.offices(at: date, filter: filter, knownAt: knownAt) })
    }

    /// `answer` with its offices' names, as the records `known` gave them.
    func naming(_ answer: Responsibility, known: KnownRecords) throws(IndexDamage) -> Responsibility {
        var named = answer
        for office in named.offices.indices {
            named.offices[office].name = try indexedPerson(named.offices[office].person, known: known)?.name
        }
        return named
    }
}
