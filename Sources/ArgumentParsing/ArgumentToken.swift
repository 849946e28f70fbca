/// One command-line word, classified by its dashes the way swift-argument-parser splits input.
enum ArgumentToken: Equatable {
    /// A plain word; also `-` (standard input by convention) and the empty string.
    case value(String)
    /// `--`: every later word is positional.
    case terminator
    /// `--name` or `--name=value`.
    case long(name: String, attached: String?)
    /// `-n`, a cluster of one-letter names such as `-nv`, or `-n=value`.
    case short(letters: String, attached: String?)
    /// Three or more leading dashes, which no option can be spelled with.
    case malformed(String)

    init(_ word: String) {
        guard word.count > 1, word.hasPrefix("-") else {
            self = .value(word)
            return
        }
        if word == "--" {
            self = .terminator
        } else if word.hasPrefix("---") {
            self = .malformed(word)
        } else if word.hasPrefix("--") {
            let (name, attached) = Self.splitAtEquals(word.dropFirst(2))
            self = .long(name: name, attached: attached)
        } else {
            let (letters, attached) = Self.splitAtEquals(word.dropFirst())
            self = .short(letters: letters, attached: attached)
        }
    }

    var isValue: Bool {
        if case .value = self { return true }
        return false
    }

    private static func splitAtEquals(_ body: Substring) -> (String, String?) {
        guard let equals = body.firstIndex(of: "=") else { return (String(body), nil) }
        return (String(body[..<equals]), String(body[body.index(after: equals)...]))
    }
}
