/// What kind of body a unit is: government, ministry, authority, department, division, team,
/// company, body, …
///
/// An open set, because administrations invent new kinds of body; any slug is accepted and the
/// common ones have names so code does not spell them twice.
public struct UnitKind: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let government = UnitKind(rawValue: "government")
    public static let ministry = UnitKind(rawValue: "ministry")
    public static let authority = UnitKind(rawValue: "authority")
    public static let department = UnitKind(rawValue: "department")
    public static let division = UnitKind(rawValue: "division")
    public static let team = UnitKind(rawValue: "team")
    public static let company = UnitKind(rawValue: "company")
    public static let body = UnitKind(rawValue: "body")

    public var description: String { rawValue }
    public static func < (lhs: UnitKind, rhs: UnitKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a unit hangs under its parent.
public enum Relation: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Inside the parent (a department of an authority). The default.
    case partOf
    /// In the parent's portfolio but a body of its own (an authority subordinate to a ministry).
    case subordinateTo

    public var description: String { rawValue }
}

/// The three kinds of supervision in German administrative law.
public enum SupervisionKind: String, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// Fachaufsicht: how tasks are done.
    case fach
    /// Rechtsaufsicht: legality only.
    case recht
    /// Dienstaufsicht: staff and organisation.
    case dienst

    public var description: String { rawValue }
    public static func < (lhs: SupervisionKind, rhs: SupervisionKind) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// What a record is: `decision`, `report`, `concept`, `commission`, `meeting`, `announcement`,
/// `baseline`, `correction`, `retraction`, … An open set like `UnitKind`.
public struct RecordType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let decision = RecordType(rawValue: "decision")
    public static let baseline = RecordType(rawValue: "baseline")
    public static let correction = RecordType(rawValue: "correction")
    public static let retraction = RecordType(rawValue: "retraction")

    public var description: String { rawValue }
}

extension SupervisionKind {
    /// The kind's number in the binary forms (the index, `verify`'s compact records): its place
    /// in `allCases`.
    var code: UInt8 { UInt8(Self.allCases.firstIndex(of: self)!) }
}
