/// Text as the ledger compares it when people type it: case-insensitive and folding German
/// spellings, so `Thüringer`, `Thueringer` and `thuringer` are one word, and `Straße` is
/// `strasse`.
///
/// Both sides of a comparison are folded alike: ASCII letters lowercased; `ß` to `ss`; Latin
/// letters with diacritics to their base letter (`ü` and `Ü` to `u`, `é` to `e`); then, within a
/// word, `ae`, `oe`, `ue` to `a`, `o`, `u`, the way German is written without umlauts (so `steuer`
/// folds to `steur` on both sides and still matches). Every run of anything that is not a letter
/// or digit (space, hyphen, dash, punctuation) becomes one space, and the ends are trimmed, so the
/// id `ozg-beratung-kommunen` folds like the words "OZG Beratung Kommunen". Letters of other
/// scripts are kept as they are.
///
/// It works on UTF-8 bytes, because search folds every name and title of a large ledger.
public enum TextFolding {
    /// `text` folded for comparison.
    public static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        fold(Array(text.utf8), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The UTF-8 `bytes` folded, replacing the contents of `out` (reused to spare allocations).
    public static func fold(_ bytes: some Collection<UInt8>, into out: inout [UInt8]) {
        // Most names and titles are ASCII: folded byte by byte through a table, no decoding.
        let ascii: Bool? = bytes.withContiguousStorageIfAvailable { buffer in foldASCII(UnsafeRawBufferPointer(buffer), into: &out) }
        if ascii == true { return }
        out.removeAll(keepingCapacity: true)
        var pendingSpace = false
        func emit(_ byte: UInt8) {
            if pendingSpace, !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            // ae, oe, ue → a, o, u within a word
            if byte == 0x65, let last = out.last, last == 0x61 || last == 0x6F || last == 0x75 { return }
            out.append(byte)
        }
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte < 0x80 {
                switch byte {
                case 0x41...0x5A: emit(byte | 0x20)
                case 0x61...0x7A, 0x30...0x39: emit(byte)
                default: pendingSpace = true
                }
                index = bytes.index(after: index)
                continue
            }
            // A multi-byte character: its scalar, then a letter it folds to, or a separator.
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var scalar = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            var end = bytes.index(after: index)
            for _ in 1..<length where end != bytes.endIndex {
                scalar = scalar << 6 | UInt32(bytes[end] & 0x3F)
                end = bytes.index(after: end)
            }
            if let folded = latin(scalar) {
                for letter in folded.utf8 { emit(letter) }
            } else if isSeparator(scalar) {
                pendingSpace = true
            } else {
                var at = index
                while at != end {
                    emit(bytes[at])
                    at = bytes.index(after: at)
                }
            }
            index = end
        }
    }

    /// `fold` for all-ASCII `bytes`; false (and `out` undefined) if a byte is not ASCII. Written
    /// into `out`'s storage directly: search folds every name and title of a ledger.
    private static func foldASCII(_ bytes: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        guard !bytes.isEmpty else { return true }
        var ok = true
        var count = 0
        out.reserveCapacity(bytes.count)
        // Room for every byte (a fold never grows ASCII), then cut to what was written.
        out.append(contentsOf: repeatElement(0, count: bytes.count))
        out.withUnsafeMutableBufferPointer { target in
            var pendingSpace = false
            var last: UInt8 = 0x20
            for byte in bytes {
                var folded = byte
                if byte >= 0x80 {
                    ok = false
                    return
                } else if byte &- 0x41 < 26 {
                    folded = byte | 0x20
                } else if byte &- 0x61 >= 26, byte &- 0x30 >= 10 {
                    pendingSpace = true
                    continue
                }
                if pendingSpace, count > 0 {
                    target[count] = 0x20
                    count += 1
                    last = 0x20
                }
                pendingSpace = false
                if folded == 0x65, last == 0x61 || last == 0x6F || last == 0x75 { continue }
                target[count] = folded
                count += 1
                last = folded
            }
        }
        guard ok else { return false }
        out.removeLast(out.count - count)
        return true
    }

    /// Punctuation and spaces outside ASCII: Latin-1's (no-break space to ¿, × and ÷) and the
    /// General Punctuation block (dashes, quotes, …).
    private static func isSeparator(_ scalar: UInt32) -> Bool {
        (0xA0...0xBF).contains(scalar) || scalar == 0xD7 || scalar == 0xF7 || (0x2000...0x206F).contains(scalar)
            || (0x3000...0x303F).contains(scalar)
    }

    /// The base letters of a Latin letter with diacritics (Latin-1 Supplement and Latin
    /// Extended-A), lowercase; nil for any other character.
    private static func latin(_ scalar: UInt32) -> String? {
        guard scalar >= 0xC0, scalar <= 0x17F else { return nil }
        return table[Int(scalar - 0xC0)]
    }

    private static let table: [String?] = {
        var table = [String?](repeating: nil, count: 0x180 - 0xC0)
        func set(_ from: UInt32, _ letters: String) {
            for (offset, letter) in letters.enumerated() where letter != "_" { table[Int(from - 0xC0) + offset] = String(letter) }
        }
        // U+00C0–U+00FF: ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß and the same lowercase.
        set(0xC0, "aaaaaa_ceeeeiiiidnooooo_ouuuuy__")
        set(0xE0, "aaaaaa_ceeeeiiiidnooooo_ouuuuy_y")
        table[0xC6 - 0xC0] = "ae"; table[0xE6 - 0xC0] = "ae"
        table[0xDE - 0xC0] = "th"; table[0xFE - 0xC0] = "th"
        table[0xDF - 0xC0] = "ss"
        // U+0100–U+017F, in pairs upper/lower mostly.
        set(0x100, "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii")
        table[0x132 - 0xC0] = "ij"; table[0x133 - 0xC0] = "ij"
        set(0x134, "jjkkkllllllllllnnnnnnnnnoooooo")
        table[0x152 - 0xC0] = "oe"; table[0x153 - 0xC0] = "oe"
        set(0x154, "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs")
        return table
    }()
}
