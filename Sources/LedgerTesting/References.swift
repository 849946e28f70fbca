import Ledger

// The ledger's ids are strings (`UnitID`, `TaskID`, …), as they are in its files. In a test, a
// unit where a task belongs is a mistake the compiler can catch: the kit takes each kind of id as
// a type of its own, written as a string literal.
//
// ```swift
// let kv40: UnitRef = "kv40"
// Assign("ozg", to: kv40)      // compiles
// Assign(kv40, to: "ozg")      // does not: a UnitRef is no TaskRef
// ```

/// The id of a unit (a ministry, an authority, a department, …).
public struct UnitRef: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The id as the ledger stores it.
    public var id: UnitID

    /// The unit `id` (a variable holding one; a literal needs no initialiser).
    public init(_ id: UnitID) { self.id = id }
    public init(stringLiteral id: String) { self.id = id }
    public var description: String { id }
}

/// The id of a task (a responsibility a unit holds).
public struct TaskRef: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The id as the ledger stores it.
    public var id: TaskID

    /// The task `id` (a variable holding one; a literal needs no initialiser).
    public init(_ id: TaskID) { self.id = id }
    public init(stringLiteral id: String) { self.id = id }
    public var description: String { id }
}

/// The id of a person holding office.
public struct PersonRef: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The id as the ledger stores it.
    public var id: PersonID

    /// The person `id` (a variable holding one; a literal needs no initialiser).
    public init(_ id: PersonID) { self.id = id }
    public init(stringLiteral id: String) { self.id = id }
    public var description: String { id }
}

/// The id of a record.
public struct RecordRef: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The id as the ledger stores it.
    public var id: RecordID

    /// The record `id` (a variable holding one; a literal needs no initialiser).
    public init(_ id: RecordID) { self.id = id }
    public init(stringLiteral id: String) { self.id = id }
    public var description: String { id }
}
