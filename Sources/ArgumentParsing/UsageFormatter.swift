/// Builds the one-line synopsis shown after `USAGE:` in help and `Usage:` in errors.
enum UsageFormatter {
    /// Beyond this many arguments and options the line is abbreviated, as swift-argument-parser does.
    static let crowdedThreshold = 12

    static func synopsis(for stack: CommandStack) -> String {
        let command = stack.command
        let parts: [(text: String, isEssential: Bool)] =
            command.arguments.map { (synopsis(of: $0), true) }
            + stack.namedInputs.map { input in
                switch input {
                case .option(let option): (synopsis(of: option), option.isRequired)
                case .flag(let flag): ("[--\(flag.name)]", false)
                }
            }

        var usage = stack.names.joined(separator: " ")
        if parts.count > crowdedThreshold {
            // Keep what the user must type; everything optional collapses into one placeholder.
            let essential = parts.filter(\.isEssential).map(\.text)
            if essential.isEmpty || essential.count > crowdedThreshold {
                usage += " <options>"
            } else {
                usage += " [<options>] " + essential.joined(separator: " ")
            }
        } else if !parts.isEmpty {
            usage += " " + parts.map(\.text).joined(separator: " ")
        }
        if !command.subcommands.isEmpty {
            usage += " <subcommand>"
        }
        return usage
    }

    static func synopsis(of argument: ArgumentSpec) -> String {
        let bare = bareSynopsis(of: argument)
        return argument.isOptional ? "[\(bare)]" : bare
    }

    /// The synopsis without brackets, as "Missing expected argument" quotes it.
    static func bareSynopsis(of argument: ArgumentSpec) -> String {
        argument.isRepeating ? "<\(argument.name)> ..." : "<\(argument.name)>"
    }

    static func synopsis(of option: OptionSpec) -> String {
        let bare = bareSynopsis(of: option)
        return option.isRequired ? bare : "[\(bare)]"
    }

    /// Usage always names the long form, which reads better than a one-letter alias.
    static func bareSynopsis(of option: OptionSpec) -> String {
        "--\(option.name) <\(option.valueName)>"
    }
}
