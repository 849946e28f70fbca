/// The parser's position and findings while it walks a command line from left to right.
///
/// Problems are recorded rather than thrown as they are met, because which one gets reported,
/// and whether a later `--help` overrides it, depends on everything else on the line; `finish`
/// makes that choice in swift-argument-parser's order.
struct ParseState {
    private var stack: CommandStack

    // About the command at the top of the stack; reset on descending into a subcommand.
    private var positionals: [String] = []
    /// Missing values, values for flags and disallowed values, which beat even `--help`.
    private var syntaxFailure: ParseFailure?
    private var unknownSubcommand: ParseFailure?
    private var unknownOption: ParseFailure?
    /// Set once an option this command does not consume itself (unknown, `--help`, `--version`)
    /// has been seen: swift-argument-parser then stops looking for a subcommand name.
    private var sawUnconsumedOption = false

    // About the whole line.
    private var arguments: [String: [String]] = [:]
    private var options: [String: String] = [:]
    private var flags: Set<String> = []
    private var helpStack: CommandStack?
    private var versionRequested = false
    /// The names after the `help` pseudo-subcommand, once it has been seen.
    private var helpTopic: [String]?
    private var pastTerminator = false

    init(stack: CommandStack) {
        self.stack = stack
    }

    mutating func consume(_ words: [String]) {
        var remaining = words[...]
        while let word = remaining.popFirst() {
            if pastTerminator {
                takeValue(word)
                continue
            }
            switch ArgumentToken(word) {
            case .terminator:
                pastTerminator = true
            case .value(let value):
                takeValue(value)
            case .malformed:
                break  // Reported before the walk starts, as swift-argument-parser does.
            case .long(let name, let attached):
                take(resolve(long: name), spelling: "--\(name)", attached: attached, remaining: &remaining)
            case .short(let letters, let attached):
                takeShort(letters, attached: attached, remaining: &remaining)
            }
        }
    }

    /// Decides what the line amounts to, in swift-argument-parser's order of precedence.
    func finish() throws(CommandLineError) -> ParseOutcome {
        if let helpTopic {
            return try finishHelpTopic(helpTopic)
        }
        if let syntaxFailure {
            throw CommandLineError(syntaxFailure, stack: stack)
        }
        if let helpStack {
            return .help(HelpFormatter.render(helpStack))
        }
        if versionRequested {
            return .version(stack.version)
        }
        if let failure = missingRequired(isLastCommand: true) ?? unknownSubcommand ?? unknownOption {
            throw CommandLineError(failure, stack: stack)
        }
        let (assigned, leftover) = distributePositionals()
        if !leftover.isEmpty {
            throw CommandLineError(.unexpectedArguments(leftover), stack: stack)
        }
        if !stack.command.subcommands.isEmpty {
            // A command that only groups others has nothing to run; its help says what to pick.
            return .help(HelpFormatter.render(stack))
        }
        var invocation = Invocation(
            commandPath: Array(stack.names.dropFirst()),
            arguments: arguments.merging(assigned) { $1 },
            options: options,
            flags: flags)
        for option in stack.commands.flatMap(\.options) + stack.globalOptions {
            if invocation.options[option.name] == nil, let defaultValue = option.defaultValue {
                invocation.options[option.name] = defaultValue
            }
        }
        return .run(invocation)
    }

    // MARK: - Words

    private enum Resolved {
        case help, version, input(NamedInput)
    }

    private func resolve(long name: String) -> Resolved? {
        if name == "help" { return .help }
        if name == "version", stack.offersVersion { return .version }
        return stack.namedInputs.first { $0.name == name }.map(Resolved.input)
    }

    private func resolve(short letter: Character) -> Resolved? {
        if letter == "h" { return .help }
        return stack.namedInputs.first { $0.short == letter }.map(Resolved.input)
    }

    private mutating func takeValue(_ value: String) {
        if helpTopic != nil {
            helpTopic?.append(value)
            return
        }
        let command = stack.command
        let expectsSubcommand =
            !command.subcommands.isEmpty && positionals.isEmpty && !pastTerminator
            && !sawUnconsumedOption && syntaxFailure == nil && unknownSubcommand == nil
        if expectsSubcommand {
            if let subcommand = command.subcommand(named: value) {
                if missingRequired(isLastCommand: false) == nil {
                    descend(into: subcommand)
                    return
                }
            } else if value == "help", stack.isRoot {
                helpTopic = []
                return
            } else if command.arguments.isEmpty {
                let candidates = command.subcommands.map(\.name) + (stack.isRoot ? ["help"] : [])
                if let suggestion = closestMatch(to: value, among: candidates) {
                    unknownSubcommand = .unknownSubcommand(value, suggestion: suggestion)
                    return
                }
            }
        }
        positionals.append(value)
    }

    private mutating func takeShort(_ letters: String, attached: String?, remaining: inout ArraySlice<String>) {
        // swift-argument-parser's `help` command also accepts `-help`.
        if helpTopic != nil, letters == "help" { return }
        guard letters.count > 1 else {
            let resolved = letters.first.flatMap(resolve(short:))
            take(resolved, spelling: "-\(letters)", attached: attached, remaining: &remaining)
            return
        }
        // A cluster such as `-nv`: each letter is its own option, and only the last can take a value.
        var none = ArraySlice<String>()
        var hasUnknownLetter = false
        for (offset, letter) in letters.enumerated() {
            guard let resolved = resolve(short: letter) else {
                hasUnknownLetter = true
                continue
            }
            if offset == letters.count - 1 {
                take(resolved, spelling: "-\(letter)", attached: attached, remaining: &remaining)
            } else {
                take(resolved, spelling: "-\(letter)", attached: nil, remaining: &none)
            }
        }
        if hasUnknownLetter {
            take(nil, spelling: "-\(letters)", attached: nil, remaining: &none)
        }
    }

    private mutating func take(
        _ resolved: Resolved?, spelling: String, attached: String?, remaining: inout ArraySlice<String>
    ) {
        switch resolved {
        case nil:
            unknownOption = unknownOption ?? .unknownOption(spelling)
            sawUnconsumedOption = true
        case .help:
            // Inside `help`, help flags are redundant and ignored.
            if helpTopic == nil {
                helpStack = helpStack ?? stack
                sawUnconsumedOption = true
            }
        case .version:
            versionRequested = true
            sawUnconsumedOption = true
        case .input(.flag(let flag)):
            if let attached {
                recordSyntaxFailure(.valueForFlag(spelling: spelling, value: attached))
            } else {
                flags.insert(flag.name)
            }
        case .input(.option(let option)):
            var value = attached
            if value == nil, let next = remaining.first, ArgumentToken(next).isValue {
                value = remaining.removeFirst()
            }
            // An empty `--at=` counts as missing, as it does in swift-argument-parser.
            guard let value, attached?.isEmpty != true else {
                recordSyntaxFailure(.missingValue(spelling: spelling, option))
                return
            }
            if let allowed = option.allowedValues, !allowed.contains(value) {
                recordSyntaxFailure(.invalidValue(value, spelling: spelling, option))
                return
            }
            options[option.name] = value
        }
    }

    // MARK: - Commands

    private mutating func recordSyntaxFailure(_ failure: ParseFailure) {
        syntaxFailure = syntaxFailure ?? failure
    }

    private mutating func descend(into subcommand: CommandSpec) {
        arguments.merge(distributePositionals().assigned) { $1 }
        stack = stack.pushing(subcommand)
        positionals = []
        unknownSubcommand = nil
    }

    /// Splits the current command's positional words over its declared arguments in order;
    /// a repeating argument takes all that remain, and whatever is left over is unexpected.
    private func distributePositionals() -> (assigned: [String: [String]], leftover: [String]) {
        var rest = positionals[...]
        var assigned: [String: [String]] = [:]
        for argument in stack.command.arguments where !rest.isEmpty {
            if argument.isRepeating {
                assigned[argument.name] = Array(rest)
                rest = []
            } else {
                assigned[argument.name] = [rest.removeFirst()]
            }
        }
        return (assigned, Array(rest))
    }

    /// The first required argument or option the current command lacks. Global options are
    /// only checked on the last command, since they may still be given after a subcommand name.
    private func missingRequired(isLastCommand: Bool) -> ParseFailure? {
        let assigned = distributePositionals().assigned
        if let argument = stack.command.arguments.first(where: { !$0.isOptional && assigned[$0.name] == nil }) {
            return .missingArgument(argument)
        }
        let candidates = stack.command.options + (isLastCommand ? stack.globalOptions : [])
        if let option = candidates.first(where: { $0.isRequired && options[$0.name] == nil }) {
            return .missingOption(option)
        }
        return nil
    }

    /// `help <names>`: unknown names are ignored as swift-argument-parser ignores them, but an
    /// unknown option is an error about the `help` command itself, which has no help to point at.
    private func finishHelpTopic(_ topic: [String]) throws(CommandLineError) -> ParseOutcome {
        if versionRequested {
            return .version(stack.version)
        }
        if case .unknownOption(let spelling) = unknownOption {
            throw CommandLineError(
                message: "Unknown option '\(spelling)'",
                usage: "\(stack.names.joined(separator: " ")) help [<subcommands> ...]",
                helpHint: "")
        }
        if let name = topic.first, stack.command.subcommand(named: name) == nil,
           let page = stack.helpTopics.first(where: { $0.name == name }) {
            return .help(page.text())
        }
        return .help(HelpFormatter.render(stack.descending(topic)))
    }
}
