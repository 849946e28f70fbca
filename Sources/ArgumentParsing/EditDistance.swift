/// The Levenshtein distance: how many single-character insertions, deletions and substitutions
/// turn `source` into `target`.
func editDistance(_ source: String, _ target: String) -> Int {
    let source = Array(source)
    let target = Array(target)
    guard !source.isEmpty, !target.isEmpty else { return Swift.max(source.count, target.count) }
    // Only the previous row is ever read, so two rows suffice.
    var previous = Array(0...target.count)
    var current = previous
    for (row, sourceCharacter) in source.enumerated() {
        current[0] = row + 1
        for (column, targetCharacter) in target.enumerated() {
            current[column + 1] =
                sourceCharacter == targetCharacter
                ? previous[column]
                : Swift.min(previous[column], previous[column + 1], current[column]) + 1
        }
        swap(&previous, &current)
    }
    return previous[target.count]
}

/// The candidate closest to `word`, if any is close enough to be a plausible typo.
///
/// The threshold is swift-argument-parser's empirically chosen one; ties go to the candidate
/// listed first, so suggestions follow declaration order and stay deterministic.
func closestMatch(to word: String, among candidates: [String]) -> String? {
    let similarityFloor = 4
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(word, candidate)
        if distance < similarityFloor, distance < (best?.distance ?? .max) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}
