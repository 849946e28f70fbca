/// The name a user probably meant: for an unknown field, kind or type, the known one to suggest.
///
/// Edit distance alone misses what authors actually write: `abbr` for `abbreviation` (8 edits)
/// and `parentUnit` for `parent` (4). So a known name that the word starts with, or that starts
/// with the word (3 letters at least), counts as near, before typos within a third of the
/// word's length (at least 2 edits) are considered.
public enum NearestName {
    /// The candidate nearest to `word`, or nil if none is near enough to suggest. Ties go to the
    /// candidate listed first.
    public static func of(_ word: String, among candidates: [String]) -> String? {
        let lower = word.lowercased()
        guard !lower.isEmpty, !candidates.contains(word) else { return nil }
        if let exactButCase = candidates.first(where: { $0.lowercased() == lower }) { return exactButCase }
        // A shortened or lengthened spelling: `abbr`, `parentUnit`, `kinds`.
        let affixed = candidates.filter { candidate in
            let known = candidate.lowercased()
            return (lower.count >= 3 && known.hasPrefix(lower)) || (known.count >= 3 && lower.hasPrefix(known))
        }
        if let longest = affixed.max(by: { $0.count < $1.count }) { return longest }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lower, candidate.lowercased())
            if distance <= max(2, lower.count / 3), distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// The Damerau–Levenshtein distance (with adjacent swaps, `decsion` → `decision` is 1).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
