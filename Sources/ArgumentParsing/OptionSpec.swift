/// A named option that takes a value, such as `--at <date>`.
public struct OptionSpec: Sendable, Equatable {
    /// The long name without dashes, such as `at` or `known-at`; also the key in `Invocation.options`.
    public var name: String
    /// An optional one-letter alias, used as `-f`.
    public var short: Character?
    /// The placeholder shown for the value, as in `--at <date>`.
    public var valueName: String
    /// One line describing the option in the `OPTIONS:` section.
    public var help: String
    /// The value used when the option is absent; help shows it as `(default: text)`.
    public var defaultValue: String?
    /// The only values accepted, in the order help and error messages list them; `nil` accepts any.
    public var allowedValues: [String]?
    /// Whether the command refuses to run without this option.
    public var isRequired: Bool

    /// Creates an option; `valueName` defaults to the option's own name, as in swift-argument-parser.
    public init(
        name: String,
        short: Character? = nil,
        valueName: String? = nil,
        help: String,
        defaultValue: String? = nil,
        allowedValues: [String]? = nil,
        isRequired: Bool = false
    ) {
        self.name = name
        self.short = short
        self.valueName = valueName ?? name
        self.help = help
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
        self.isRequired = isRequired
    }
}
