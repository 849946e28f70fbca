private typealias PersonRow = IndexLayout.PersonRow

extension IndexFile {
    /// The row of person `id` in the `persons` section (sorted by id bytes), or nil.
    func personRow(_ id: PersonID) throws(IndexDamage) -> Int? {
        let target = Array(id.utf8)
        var low = 0, high = rows.sections.rowCount(of: .persons)
        while low < high {
            let mid = (low + high) / 2
            guard let key = try rows.stringBytes(PersonRow.person, at: mid) else { throw IndexDamage("person row \(mid)") }
            if key.elementsEqual(target) { return mid }
            if key.lexicographicallyPrecedes(target) { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// The person on `row`.
    func person(row: Int) throws(IndexDamage) -> Person {
        guard let id = try rows.string(PersonRow.person, at: row) else { throw IndexDamage("person row \(row)") }
        let named = try rows.i32(PersonRow.namedBy, at: row)
        return Person(id: id, name: try rows.string(PersonRow.name, at: row), namedBy: named < 0 ? nil : try recordID(named))
    }

    /// Person `id` as the index and its tail know them.
    func indexedPerson(_ id: PersonID) throws(IndexDamage) -> Person? {
        var person = try personRow(id).map { (row) throws(IndexDamage) in try self.person(row: row) }
        for record in tail {
            for case let .appoint(office, name) in record.changes where office.person == id {
                if person == nil { person = Person(id: id) }
                if let name { (person!.name, person!.namedBy) = (name, record.id) }
            }
        }
        return person
    }

    /// Everyone, from the index and its tail, by id.
    func indexedPersons() throws(IndexDamage) -> [Person] {
        var byID: [PersonID: Person] = [:]
        for row in 0..<rows.sections.rowCount(of: .persons) {
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
        try answer(knownAt: knownAt, { () throws(IndexDamage) in try indexedPersons() }, full: { $0.persons(knownAt: knownAt) })
    }

    public func offices(at date: ValidDate, filter: OfficeFilter, knownAt: TransactionTime) throws(QueryError) -> [OfficeHolding] {
        if let unit = filter.unit, try !knowsUnit(unit) { throw .unknownUnit(unit) }
        return try answer(knownAt: knownAt, { () throws(IndexDamage) in
            let persons = Dictionary(uniqueKeysWithValues: try indexedPersons().map { ($0.id, $0) })
            return try wholeOrganisation(on: date.firstDay, relations: true) { (units, _) throws(IndexDamage) in
                units.offices(filter, person: { persons[$0] }, record: { self.record($0) })
            }
        }, full: { ledger throws(QueryError) in try ledger.offices(at: date, filter: filter, knownAt: knownAt) })
    }

    /// `answer` with its offices' names, from the index.
    func naming(_ answer: Responsibility) throws(IndexDamage) -> Responsibility {
        var named = answer
        for office in named.offices.indices {
            named.offices[office].name = try indexedPerson(named.offices[office].person)?.name
        }
        return named
    }
}
