import Ledger

// The changes of a unit, named as the change table names them, every optional field defaulted.

/// `establishUnit`: a new unit, inside `parent` (a root without one).
///
/// ```swift
/// Establish("tlvwa", "Thüringer Landesverwaltungsamt", kind: .authority, in: "tmik", relation: .subordinateTo, abbreviation: "TLVwA")
/// ```
public struct Establish: ChangeWriting {
    public var unit: UnitRef
    public var name: String
    public var kind: UnitKind
    public var parent: UnitRef?
    /// How it hangs under `parent` (nil: not stated, read as `partOf`).
    public var relation: Relation?
    public var abbreviation: String?

    public init(_ unit: UnitRef, _ name: String, kind: UnitKind = .department, in parent: UnitRef? = nil,
                relation: Relation? = nil, abbreviation: String? = nil) {
        self.unit = unit
        self.name = name
        self.kind = kind
        self.parent = parent
        self.relation = relation
        self.abbreviation = abbreviation
    }

    public var change: Change {
        .establishUnit(unit: unit.id, name: name, kind: kind, parent: parent?.id, relation: relation, abbreviation: abbreviation)
    }
}

/// `renameUnit`: a new name, and the abbreviation the unit has afterwards.
///
/// As with `ledger append`, a rename of an abbreviated unit must say what becomes of the
/// abbreviation: give it again to keep it, give a new one, or remove it with
/// `removingAbbreviation: true`; one that says nothing is refused.
public struct Rename: ChangeWriting {
    public var unit: UnitRef
    public var name: String
    public var abbreviation: String?
    public var removesAbbreviation: Bool

    /// Renames `unit` to `name`, abbreviated `abbreviation` afterwards.
    public init(_ unit: UnitRef, to name: String, abbreviation: String? = nil) {
        self.unit = unit
        self.name = name
        self.abbreviation = abbreviation
        self.removesAbbreviation = false
    }

    /// Renames `unit` to `name` and, with `removingAbbreviation`, removes its abbreviation.
    public init(_ unit: UnitRef, to name: String, removingAbbreviation: Bool) {
        self.unit = unit
        self.name = name
        self.abbreviation = nil
        self.removesAbbreviation = removingAbbreviation
    }

    public var change: Change { .renameUnit(unit: unit.id, name: name, abbreviation: abbreviation) }
}

/// `moveUnit`: a unit under another parent, with a new relation or kind if given.
public struct Move: ChangeWriting {
    public var unit: UnitRef
    public var parent: UnitRef
    public var relation: Relation?
    public var kind: UnitKind?

    public init(_ unit: UnitRef, to parent: UnitRef, relation: Relation? = nil, kind: UnitKind? = nil) {
        self.unit = unit
        self.parent = parent
        self.relation = relation
        self.kind = kind
    }

    public var change: Change { .moveUnit(unit: unit.id, parent: parent.id, relation: relation, kind: kind) }
}

/// `dissolveUnit`: the unit ends (its supervision and offices with it), `successor` taking over.
public struct Dissolve: ChangeWriting {
    public var unit: UnitRef
    public var successor: UnitRef?

    public init(_ unit: UnitRef, successor: UnitRef? = nil) {
        self.unit = unit
        self.successor = successor
    }

    public var change: Change { .dissolveUnit(unit: unit.id, successor: successor?.id) }
}
