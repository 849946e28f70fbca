/// Text as the ledger compares it when people type it: case-insensitive and folding German
/// spellings, so `Thüringer`, `Thueringer` and `thuringer` are one word, and `Straße` is
/// `strasse`.
///
/// Both sides of a comparison are folded alike: lowercase; `ß` to `ss`; letters with diacritics to
/// their base letter (`ü` to `u`, `é` to `e`); then `ae`, `oe`, `ue` to `a`, `o`, `u`, the way
/// German is written without umlauts. (So `steuer` folds to `steur` on both sides and still
/// matches.) Only letters and digits are kept, each run of anything else becomes one space.
public enum TextFolding {
    /// `text` folded for comparison.
    public static func fold(_ text: String) -> String {
        var letters: [Character] = []
        letters.reserveCapacity(text.count)
        var lastWasSpace = true
        for character in text.lowercased() {
            let base = plain(character)
            if base.isEmpty {
                if !lastWasSpace { letters.append(" ") }
                lastWasSpace = true
                continue
            }
            for letter in base {
                // ae, oe, ue → a, o, u
                if letter == "e", let previous = letters.last, previous == "a" || previous == "o" || previous == "u", !lastWasSpace {
                    continue
                }
                letters.append(letter)
                lastWasSpace = false
            }
        }
        while letters.last == " " { letters.removeLast() }
        return String(letters)
    }

    /// The letters `character` stands for without diacritics, or "" if it is neither a letter
    /// nor a digit.
    private static func plain(_ character: Character) -> String {
        if let mapped = folded[character] { return mapped }
        guard character.isLetter || character.isNumber else { return "" }
        return String(character)
    }

    private static let folded: [Character: String] = {
        var table: [Character: String] = ["ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l"]
        let groups: [(String, Character)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀ", "l"), ("ñńņňŉ", "n"), ("òóôõöōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşšș", "s"), ("ţťŧț", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        for (letters, base) in groups {
            for letter in letters { table[letter] = String(base) }
        }
        return table
    }()
}
