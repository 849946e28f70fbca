/// The chain of commands from the root to the one being parsed, with what every command accepts.
///
/// Help, usage and error texts all depend on where in the tree the parser stands, so this is
/// the one value they are all computed from.
struct CommandStack {
    /// Root first; never empty.
    var commands: [CommandSpec]
    var globalOptions: [OptionSpec]
    var globalFlags: [FlagSpec]
    /// Empty when the tool has no version, which hides `--version` as swift-argument-parser does.
    var version: String
    /// Pages `help <topic>` prints, listed in the root's help.
    var helpTopics: [HelpTopic] = []

    var command: CommandSpec { commands[commands.count - 1] }
    var names: [String] { commands.map(\.name) }
    var isRoot: Bool { commands.count == 1 }
    var offersVersion: Bool { !version.isEmpty }

    /// Every option and flag the current command accepts, in the order usage and help list
    /// them: its own before the global ones, options before flags within each.
    var namedInputs: [NamedInput] {
        command.options.map(NamedInput.option) + command.flags.map(NamedInput.flag)
            + globalOptions.map(NamedInput.option) + globalFlags.map(NamedInput.flag)
    }

    func pushing(_ subcommand: CommandSpec) -> CommandStack {
        var stack = self
        stack.commands.append(subcommand)
        return stack
    }

    /// Follows `path` down from the current command, stopping at the first name that is not a
    /// subcommand, the way `help <names>` does in swift-argument-parser.
    func descending(_ path: [String]) -> CommandStack {
        var stack = self
        for name in path {
            guard let next = stack.command.subcommand(named: name) else { break }
            stack.commands.append(next)
        }
        return stack
    }
}

/// An option or a flag, for code that lists or looks up both alike.
enum NamedInput {
    case option(OptionSpec)
    case flag(FlagSpec)

    var name: String {
        switch self {
        case .option(let option): option.name
        case .flag(let flag): flag.name
        }
    }

    var short: Character? {
        switch self {
        case .option(let option): option.short
        case .flag(let flag): flag.short
        }
    }
}
