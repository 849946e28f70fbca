/// Parses command lines against a tree of `CommandSpec`s and renders their help.
public struct CommandLineParser: Sendable {
    /// The top command, named after the tool.
    public var root: CommandSpec
    /// Printed for `--version`; an empty string removes `--version` altogether.
    public var version: String
    /// Options every command accepts, before or after its name, and lists in its help.
    public var globalOptions: [OptionSpec]
    /// Flags every command accepts, before or after its name, and lists in its help.
    public var globalFlags: [FlagSpec]
    /// Pages of help beyond the commands', printed by `help <topic>`.
    public var helpTopics: [HelpTopic]

    /// Creates a parser for the command tree under `root`.
    public init(
        root: CommandSpec,
        version: String,
        globalOptions: [OptionSpec] = [],
        globalFlags: [FlagSpec] = [],
        helpTopics: [HelpTopic] = []
    ) {
        self.root = root
        self.version = version
        self.globalOptions = globalOptions
        self.globalFlags = globalFlags
        self.helpTopics = helpTopics
    }

    /// Parses `arguments`, which exclude the program name (`CommandLine.arguments.dropFirst()`).
    ///
    /// Help and version requests are returned rather than thrown, since they end the program
    /// successfully; anything the user got wrong is thrown.
    public func parse(_ arguments: [String]) throws(CommandLineError) -> ParseOutcome {
        // Like swift-argument-parser, a word no option can be spelled with is rejected before
        // anything else, even a request for help, and against the root command.
        for word in arguments.prefix(while: { $0 != "--" }) {
            if case .malformed = ArgumentToken(word) {
                throw CommandLineError(.malformedOption(word), stack: rootStack)
            }
        }
        var state = ParseState(stack: rootStack)
        state.consume(arguments)
        return try state.finish()
    }

    /// The help text of the command at `commandPath` (subcommand names below the root), as
    /// `--help` would print it. Names that are not subcommands end the path, as with `help`.
    public func helpText(for commandPath: [String]) -> String {
        HelpFormatter.render(rootStack.descending(commandPath))
    }

    /// The usage line of the command at `commandPath`, as help and errors show it.
    public func usage(for commandPath: [String]) -> String {
        UsageFormatter.synopsis(for: rootStack.descending(commandPath))
    }

    /// An error for a problem the caller finds after parsing, such as a badly formed date,
    /// worded like swift-argument-parser's `ValidationError`: the message, then the usage of
    /// the command at `commandPath`.
    public func validationError(_ message: String, for commandPath: [String]) -> CommandLineError {
        CommandLineError(message: message, stack: rootStack.descending(commandPath))
    }

    private var rootStack: CommandStack {
        CommandStack(commands: [root], globalOptions: globalOptions, globalFlags: globalFlags, version: version,
                     helpTopics: helpTopics)
    }
}
