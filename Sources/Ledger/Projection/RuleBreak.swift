/// The rule a single change breaks, before the record and change index are known.
public struct RuleBreak: Error, Hashable, Sendable {
    public var rule: String
    public init(_ rule: String) { self.rule = rule }
}
