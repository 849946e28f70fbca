/// The rule a single change breaks, before the record and change index are known.
public struct RuleBreak: Error, Hashable, Sendable {
    public var rule: String
    public init(_ rule: String) { self.rule = rule }

    /// Not a rule of the ledger: a dissolution that a state loaded from the index cannot decide,
    /// because the unit's counts of live sub-units and held tasks are not known, contradict what
    /// is loaded, or name sub-units or tasks that are not loaded (so the refusal could not name
    /// the right one). An append then takes the full check, which decides and names exactly; a
    /// query's tail treats it as damage. Never shown to a user.
    static let beyondLoadedState = RuleBreak("a dissolution the loaded state cannot decide")
}
