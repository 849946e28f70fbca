/// Why a command line was rejected, before it is put into words.
///
/// Kept apart from the wording so the parser can collect several problems and report the one
/// swift-argument-parser would, and so the wording lives in one place.
enum ParseFailure: Equatable {
    /// An option name no command here declares, spelled as typed: `--fromat`, `-x`, `-xyz`.
    case unknownOption(String)
    /// A word where a subcommand was expected that is close to the name of one.
    case unknownSubcommand(String, suggestion: String)
    /// Positional words left over once every declared argument is filled.
    case unexpectedArguments([String])
    /// An option at the end of the line or followed by another option; `spelling` is as typed.
    case missingValue(spelling: String, OptionSpec)
    /// `--flag=value`.
    case valueForFlag(spelling: String, value: String)
    /// A value outside `OptionSpec.allowedValues`.
    case invalidValue(String, spelling: String, OptionSpec)
    case missingArgument(ArgumentSpec)
    case missingOption(OptionSpec)
    /// A word with three or more leading dashes.
    case malformedOption(String)
}
