/// A command, its positional arguments, options, flags and subcommands, declared as data.
///
/// Commands are plain values rather than property-wrapped types so that the whole tree can be
/// built, inspected and compared in tests without reflection or a runtime registry.
public struct CommandSpec: Sendable, Equatable {
    /// The word that selects this command on the command line, such as `ledger` or `responsible`.
    public var name: String
    /// One line, shown after `OVERVIEW:` and beside the name in the parent's `SUBCOMMANDS:` list.
    public var abstract: String
    /// Further paragraphs printed after the abstract in `OVERVIEW:`.
    public var discussion: String?
    /// Positional arguments, filled left to right in this order.
    public var arguments: [ArgumentSpec]
    /// Options that take a value, in the order help and usage list them.
    public var options: [OptionSpec]
    /// Options that take no value, listed after `options` in help and usage.
    public var flags: [FlagSpec]
    /// Commands reachable by naming them after this one.
    public var subcommands: [CommandSpec]
    /// Complete command lines printed in a trailing `EXAMPLES:` section, one per line.
    public var examples: [String]

    /// Creates a command; everything but the name and abstract may be left out.
    public init(
        name: String,
        abstract: String,
        discussion: String? = nil,
        arguments: [ArgumentSpec] = [],
        options: [OptionSpec] = [],
        flags: [FlagSpec] = [],
        subcommands: [CommandSpec] = [],
        examples: [String] = []
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        self.options = options
        self.flags = flags
        self.subcommands = subcommands
        self.examples = examples
    }

    /// The direct subcommand called `name`, if there is one.
    public func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }
}
