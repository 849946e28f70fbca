/// What the caller should do after a successful parse.
///
/// Help and version requests are outcomes rather than errors because they end the program
/// successfully: the caller prints the text with `print` and exits with status 0.
public enum ParseOutcome: Sendable, Equatable {
    /// Run the command described by the invocation.
    case run(Invocation)
    /// Print this help text; it already ends the way swift-argument-parser's does under `print`.
    case help(String)
    /// Print this version string.
    case version(String)
}
