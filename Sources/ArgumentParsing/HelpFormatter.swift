/// Renders the `--help` text of a command in swift-argument-parser's layout.
enum HelpFormatter {
    /// Fixed rather than read from the terminal so that help is the same everywhere and testable.
    static let screenWidth = 80
    static let indent = 2
    /// Help text starts in this column; labels this wide or wider push it onto the next line.
    static let labelColumn = 26

    /// The help text, shaped so that `print(text)` reproduces swift-argument-parser's output.
    static func render(_ stack: CommandStack) -> String {
        let command = stack.command
        var abstract = command.abstract
        if let discussion = command.discussion, !discussion.isEmpty {
            abstract += abstract.isEmpty ? "\n\(discussion)" : "\n\n\(discussion)"
        }
        let overview = abstract.isEmpty ? "" : "OVERVIEW: \(abstract)".wrapped(to: screenWidth) + "\n\n"
        let usage = "USAGE: \(UsageFormatter.synopsis(for: stack))\n\n"

        let sections = [
            section("ARGUMENTS", command.arguments.map { entry(label: "<\($0.name)>", text: $0.help) }),
            section("OPTIONS", optionEntries(stack)),
            section("SUBCOMMANDS", command.subcommands.map { entry(label: $0.name, text: $0.abstract) }),
            stack.isRoot ? section("HELP TOPICS", stack.helpTopics.map { entry(label: $0.name, text: $0.abstract) }) : "",
        ]
        var text = overview + usage + sections.filter { !$0.isEmpty }.joined(separator: "\n")

        if !command.subcommands.isEmpty {
            var names = stack.names
            names.insert("help", at: 1)
            text += "\n  See '\(names.joined(separator: " ")) <subcommand>' for detailed help."
            if stack.isRoot, !stack.helpTopics.isEmpty { text += "\n  See '\(names.joined(separator: " ")) <topic>' for a help topic." }
        }
        if !command.examples.isEmpty {
            // Examples are left unwrapped so that each stays a command line that can be pasted.
            if !text.hasSuffix("\n") { text += "\n" }
            text += "\nEXAMPLES:\n" + command.examples.map { "  \($0)\n" }.joined()
        }
        return text
    }

    private static func optionEntries(_ stack: CommandStack) -> [String] {
        var entries = stack.namedInputs.map { input in
            switch input {
            case .option(let option):
                entry(label: label(for: input) + " <\(option.valueName)>", text: describe(option))
            case .flag(let flag):
                entry(label: label(for: input), text: flag.help)
            }
        }
        if stack.offersVersion {
            entries.append(entry(label: "--version", text: "Show the version."))
        }
        entries.append(entry(label: "-h, --help", text: "Show help information."))
        return entries
    }

    private static func label(for input: NamedInput) -> String {
        (input.short.map { "-\($0), " } ?? "") + "--\(input.name)"
    }

    /// The option's help followed by its accepted values and default, worded as
    /// swift-argument-parser words them for enumerable options.
    private static func describe(_ option: OptionSpec) -> String {
        let values = (option.allowedValues ?? []).filter { !$0.isEmpty }
        let defaultValue = option.defaultValue ?? ""
        let annotation: String
        switch (values.isEmpty, defaultValue.isEmpty) {
        case (true, true): annotation = ""
        case (false, true): annotation = "(values: \(values.joined(separator: ", ")))"
        case (true, false): annotation = "(default: \(defaultValue))"
        case (false, false):
            annotation = "(values: \(values.joined(separator: ", ")); default: \(defaultValue))"
        }
        return [option.help, annotation].filter { !$0.isEmpty }.joined(separator: " ")
    }

    private static func section(_ title: String, _ entries: [String]) -> String {
        entries.isEmpty ? "" : "\(title):\n" + entries.joined()
    }

    /// One label and its description, the description aligned at `labelColumn` when the label
    /// leaves room for it and on its own lines below otherwise.
    static func entry(label: String, text: String) -> String {
        let paddedLabel = String(repeating: " ", count: indent) + label
        guard !text.isEmpty else { return paddedLabel + "\n" }
        let wrapped = text.wrapped(to: screenWidth, indent: labelColumn)
        if paddedLabel.count < labelColumn {
            return paddedLabel + wrapped.dropFirst(paddedLabel.count) + "\n"
        }
        return paddedLabel + "\n" + wrapped + "\n"
    }
}
