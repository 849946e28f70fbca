/// A usage error: prints like swift-argument-parser and exits with 64 (EX_USAGE).
///
/// Print `description` to standard error and exit with `CommandLineError.exitCode`.
public struct CommandLineError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, without the `Error: ` prefix, such as `Unknown option '--foo'`.
    public var message: String
    /// The option or argument's own help, printed on a `Help:  ` line for errors about a
    /// specific one, such as `--at <date>  The date to answer for.`; `nil` for other errors.
    public var argumentHelp: String?
    /// The usage line of the command being parsed, without the `Usage: ` prefix.
    public var usage: String
    /// Where to look next, such as `  See 'ledger responsible --help' for more information.`;
    /// empty for the `help` pseudo-command, which has no help of its own.
    public var helpHint: String

    /// The exit status for usage errors, `EX_USAGE` from sysexits.h as swift-argument-parser uses.
    public static let exitCode: Int32 = 64

    /// Creates an error from its parts; `description` assembles them.
    public init(message: String, argumentHelp: String? = nil, usage: String, helpHint: String) {
        self.message = message
        self.argumentHelp = argumentHelp
        self.usage = usage
        self.helpHint = helpHint
    }

    /// The full text exactly as swift-argument-parser prints it, without a trailing newline.
    public var description: String {
        var lines = ["Error: \(message)"]
        if let argumentHelp {
            lines.append("Help:  \(argumentHelp)")
        }
        lines.append("Usage: \(usage)")
        if !helpHint.isEmpty {
            lines.append(helpHint)
        }
        return lines.joined(separator: "\n")
    }
}

extension CommandLineError {
    /// An error about the command at the top of `stack`, with its usage and help hint.
    init(message: String, argumentHelp: String? = nil, stack: CommandStack) {
        self.init(
            message: message,
            argumentHelp: argumentHelp,
            usage: UsageFormatter.synopsis(for: stack),
            helpHint: "  See '\(stack.names.joined(separator: " ")) --help' for more information."
        )
    }

    /// Words `failure` as swift-argument-parser does, with suggestions drawn from `stack`.
    init(_ failure: ParseFailure, stack: CommandStack) {
        switch failure {
        case .unknownOption(let spelling):
            self.init(message: Self.unknownOptionMessage(spelling, stack: stack), stack: stack)
        case .unknownSubcommand(let word, let suggestion):
            self.init(message: "Unexpected argument '\(word)'. Did you mean '\(suggestion)'?", stack: stack)
        case .unexpectedArguments(let words):
            let message =
                words.count == 1
                ? "Unexpected argument '\(words[0])'"
                : "\(words.count) unexpected arguments: '\(words.joined(separator: "', '"))'"
            self.init(message: message, stack: stack)
        case .missingValue(let spelling, let option):
            let synopsis = "\(spelling) <\(option.valueName)>"
            self.init(
                message: "Missing value for '\(synopsis)'",
                argumentHelp: "\(synopsis)  \(option.help)",
                stack: stack)
        case .valueForFlag(let spelling, let value):
            self.init(
                message: "The option '\(spelling)' does not take any value, but '\(value)' was specified.",
                stack: stack)
        case .invalidValue(let value, let spelling, let option):
            let synopsis = "\(spelling) <\(option.valueName)>"
            self.init(
                message: "The value '\(value)' is invalid for '\(synopsis)'"
                    + Self.valueList(option.allowedValues ?? []),
                argumentHelp: "\(synopsis)  \(option.help)",
                stack: stack)
        case .missingArgument(let argument):
            self.init(
                message: "Missing expected argument '\(UsageFormatter.bareSynopsis(of: argument))'",
                argumentHelp: "<\(argument.name)>  \(argument.help)",
                stack: stack)
        case .missingOption(let option):
            let synopsis = UsageFormatter.bareSynopsis(of: option)
            self.init(
                message: "Missing expected argument '\(synopsis)'",
                argumentHelp: "\(synopsis)  \(option.help)",
                stack: stack)
        case .malformedOption(let word):
            self.init(message: "Invalid option: \(word)", stack: stack)
        }
    }

    /// Suggests the nearest long name, but never for a one-letter option: a single letter is
    /// within reach of almost everything, so a suggestion would be noise.
    private static func unknownOptionMessage(_ spelling: String, stack: CommandStack) -> String {
        let message = "Unknown option '\(spelling)'"
        let isOneLetter = spelling.count == 2 && !spelling.hasPrefix("--")
        guard !isOneLetter,
            let suggestion = closestMatch(to: spelling, among: stack.namedInputs.map { "--\($0.name)" })
        else { return message }
        return message + ". Did you mean '\(suggestion)'?"
    }

    /// Lists the accepted values, inline when there are few and as a bulleted list otherwise.
    private static func valueList(_ values: [String]) -> String {
        guard !values.isEmpty else { return "" }
        guard values.count < 6 else {
            return ". Please provide one of the following:\n"
                + values.map { "  - \($0)" }.joined(separator: "\n")
        }
        let quoted = values.map { "'\($0)'" }
        let list =
            quoted.count <= 2
            ? quoted.joined(separator: " and ")
            : quoted.dropLast().joined(separator: ", ") + " or \(quoted[quoted.count - 1])"
        return ". Please provide one of \(list)."
    }
}
