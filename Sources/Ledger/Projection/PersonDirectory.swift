/// Every person of the records that count, with the name the latest of them gives (see `Person`).
public struct PersonDirectory: Hashable, Sendable {
    /// By id.
    public private(set) var persons: [PersonID: Person] = [:]

    public init() {}

    /// The persons appointed by `applying` (records that count, in any order).
    public init(_ applying: [Record]) {
        var seqOfName: [PersonID: Int] = [:]
        for record in applying {
            for case let .appoint(office, name) in record.changes {
                if persons[office.person] == nil { persons[office.person] = Person(id: office.person) }
                guard let name, record.seq > seqOfName[office.person, default: 0] else { continue }
                seqOfName[office.person] = record.seq
                persons[office.person]?.name = name
                persons[office.person]?.namedBy = record.id
            }
        }
    }

    public subscript(_ id: PersonID) -> Person? { persons[id] }

    /// Everyone, sorted by id.
    public var all: [Person] { persons.values.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) } }
}

extension Change {
    /// The person the change names, for the history of a person.
    public var personID: PersonID? {
        switch self {
        case let .appoint(office, _), let .endAppointment(office): office.person
        default: nil
        }
    }
}
