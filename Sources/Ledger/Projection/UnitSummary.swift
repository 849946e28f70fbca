/// A unit as answers show it: id, name, abbreviation and kind on the date asked about.
public struct UnitSummary: Hashable, Sendable {
    public var id: UnitID
    public var name: String
    public var abbreviation: String?
    public var kind: UnitKind

    public init(id: UnitID, name: String, abbreviation: String? = nil, kind: UnitKind) {
        self.id = id
        self.name = name
        self.abbreviation = abbreviation
        self.kind = kind
    }

    /// The unit as it stands in `unit`.
    public init(_ unit: UnitState) {
        self.init(id: unit.id, name: unit.name, abbreviation: unit.abbreviation, kind: unit.kind)
    }
}

/// One step of the path from a unit up to its root.
public struct PathStep: Hashable, Sendable {
    public var unit: UnitSummary
    /// How this unit hangs under the next step; nil for the root.
    public var relation: Relation?

    public init(unit: UnitSummary, relation: Relation?) {
        self.unit = unit
        self.relation = relation
    }
}

extension OrgSnapshot {
    /// The path from `id` up to its root, each step with its relation to the next.
    public func path(from id: UnitID) -> [PathStep] {
        var steps: [PathStep] = []
        var current: UnitID? = id
        var seen = Set<UnitID>()
        while let unitID = current, let unit = unit(unitID), seen.insert(unitID).inserted {
            steps.append(PathStep(unit: UnitSummary(unit), relation: unit.parent == nil ? nil : unit.relation))
            current = unit.parent
        }
        return steps
    }

    /// A live unit (established and not dissolved).
    public func liveUnit(_ id: UnitID) -> UnitState? {
        guard let unit = unit(id), !unit.isDissolved else { return nil }
        return unit
    }
}
