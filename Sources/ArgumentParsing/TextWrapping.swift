extension String {
    /// Wraps at spaces so no line exceeds `width`, indenting every non-empty line by `indent`.
    ///
    /// The break rules are swift-argument-parser's, including its quirks (a word longer than the
    /// line is left whole; existing line breaks are kept), so help text matches it byte for byte.
    func wrapped(to width: Int, indent: Int = 0) -> String {
        let room = Swift.max(width - indent, 1)
        var lines: [Substring] = []
        var rest = self[...]
        while true {
            let chunk = rest.prefix(room)
            if let lineBreak = chunk.lastIndex(of: "\n") {
                lines += rest[..<lineBreak].split(separator: "\n", omittingEmptySubsequences: false)
                rest = rest[rest.index(after: lineBreak)...]
            } else if chunk.endIndex == rest.endIndex {
                lines.append(rest)
                break
            } else if let space = chunk.lastIndex(of: " ") ?? rest.firstIndex(of: " ") {
                lines.append(rest[..<space])
                rest = rest[rest.index(after: space)...]
            } else {
                lines.append(rest)
                break
            }
        }
        let padding = String(repeating: " ", count: indent)
        return lines.map { $0.isEmpty ? "" : padding + $0 }.joined(separator: "\n")
    }
}
