/// A positional argument, shown as `<name>`, `[<name>]` or `[<name> ...]`.
public struct ArgumentSpec: Sendable, Equatable {
    /// The placeholder name, without angle brackets; also the key in `Invocation.arguments`.
    public var name: String
    /// One line describing the argument in the `ARGUMENTS:` section.
    public var help: String
    /// Whether the command may be run without this argument.
    public var isOptional: Bool
    /// Whether this argument takes every remaining positional value; only sensible for the last one.
    public var isRepeating: Bool

    /// Creates a positional argument that is required and takes one value unless told otherwise.
    public init(name: String, help: String, isOptional: Bool = false, isRepeating: Bool = false) {
        self.name = name
        self.help = help
        self.isOptional = isOptional
        self.isRepeating = isRepeating
    }
}
