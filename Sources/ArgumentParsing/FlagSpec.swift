/// A named switch that takes no value, such as `--dry-run`.
public struct FlagSpec: Sendable, Equatable {
    /// The long name without dashes; also the member of `Invocation.flags` when given.
    public var name: String
    /// An optional one-letter alias, used as `-n`.
    public var short: Character?
    /// One line describing the flag in the `OPTIONS:` section.
    public var help: String

    /// Creates a flag.
    public init(name: String, short: Character? = nil, help: String) {
        self.name = name
        self.short = short
        self.help = help
    }
}
