/// What the user asked for, after parsing.
public struct Invocation: Sendable, Equatable {
    /// The subcommand names from just below the root to the command to run; empty for the root.
    public var commandPath: [String]
    /// Positional values keyed by `ArgumentSpec.name`; arguments that received nothing are absent.
    public var arguments: [String: [String]]
    /// Option values keyed by long name, with defaults filled in; the last occurrence wins.
    public var options: [String: String]
    /// The long names of the flags that were given.
    public var flags: Set<String>

    /// Creates an invocation; tests use this to state the expected parse.
    public init(
        commandPath: [String] = [],
        arguments: [String: [String]] = [:],
        options: [String: String] = [:],
        flags: Set<String> = []
    ) {
        self.commandPath = commandPath
        self.arguments = arguments
        self.options = options
        self.flags = flags
    }

    /// The first value given for a positional argument, or `nil` if it received none.
    public func argument(_ name: String) -> String? {
        arguments[name]?.first
    }

    /// Every value given for a positional argument, for repeating arguments.
    public func argumentValues(_ name: String) -> [String] {
        arguments[name] ?? []
    }

    /// The value of an option, or its default, or `nil` if it has neither.
    public func option(_ name: String) -> String? {
        options[name]
    }

    /// Whether a flag was given.
    public func flag(_ name: String) -> Bool {
        flags.contains(name)
    }
}
