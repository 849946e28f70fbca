import Ledger

/// A change written in Swift for a record: `Establish`, `Rename`, `Move`, `Dissolve`,
/// `DefineTask`, `Assign`, `Transfer`, `Revoke`, `Supervise`, `EndSupervision`, `Appoint`,
/// `EndAppointment`, or a `Change` as the ledger stores it.
public protocol ChangeWriting: Sendable {
    /// The change as the ledger stores it.
    var change: Change { get }
    /// Whether the change is a rename that removes the unit's abbreviation, which an author asks
    /// for in so many words (`"abbreviation": null`); false for every other change.
    var removesAbbreviation: Bool { get }
}

extension ChangeWriting {
    public var removesAbbreviation: Bool { false }
}

extension Change: ChangeWriting {
    /// Itself.
    public var change: Change { self }
}

/// Collects the changes of a record written as a block, one per line, in the order they apply:
///
/// ```swift
/// Decision("2020-12-kabinett", on: "2020-12-15", effective: "2021-01-01") {
///     Move("kv40", to: "tfm-egov-it", kind: .division)
///     for team in ["kv40-consulting", "kv40-foerdermittel"] { Dissolve(UnitRef(team)) }
/// }
/// ```
@resultBuilder
public enum ChangesBuilder {
    public static func buildExpression(_ change: some ChangeWriting) -> [any ChangeWriting] { [change] }
    public static func buildExpression(_ changes: [any ChangeWriting]) -> [any ChangeWriting] { changes }
    public static func buildBlock(_ parts: [any ChangeWriting]...) -> [any ChangeWriting] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any ChangeWriting]?) -> [any ChangeWriting] { part ?? [] }
    public static func buildEither(first part: [any ChangeWriting]) -> [any ChangeWriting] { part }
    public static func buildEither(second part: [any ChangeWriting]) -> [any ChangeWriting] { part }
    public static func buildArray(_ parts: [[any ChangeWriting]]) -> [any ChangeWriting] { parts.flatMap { $0 } }
}
