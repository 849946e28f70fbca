/// A page of help that is not a command's: `tool help <topic>` prints it as it is, as `git help
/// <guide>` and `go help <topic>` do. The root command's help lists the topics.
public struct HelpTopic: Sendable, Equatable {
    /// The word after `help`, such as `format`; must not be a subcommand's name.
    public var name: String
    /// One line, shown beside the name in the root's `HELP TOPICS:` list.
    public var abstract: String
    /// Makes the page, printed unwrapped (it may hold tables and examples). Made only when asked
    /// for: every run builds the parser, and most never print a topic.
    public var text: @Sendable () -> String

    public init(name: String, abstract: String, text: @escaping @Sendable () -> String) {
        self.name = name
        self.abstract = abstract
        self.text = text
    }

    public static func == (lhs: HelpTopic, rhs: HelpTopic) -> Bool { lhs.name == rhs.name && lhs.abstract == rhs.abstract }
}
