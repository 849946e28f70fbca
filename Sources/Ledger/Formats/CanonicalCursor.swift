/// Reads the plain canonical form the ledger writes, value by value, straight from a line's bytes:
/// members in canonical order, no whitespace, strings without escapes. Every reader returns nil
/// (or false) for anything else, so a decoder built on it hands unusual lines to the general
/// parser (`JSONParser`), which has the exact errors. Shared by `CanonicalRecordDecoder` (records)
/// and `CompactLineDecoder` (what `verify` keeps).
struct CanonicalCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    /// Whether the last string `text()` read was all ASCII.
    private var lastTextIsASCII = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Where `content` (a string this cursor returned) lies in the line.
    func range(of content: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let start = bytes.baseAddress.map { content.baseAddress! - $0 } ?? 0
        return start..<(start + content.count)
    }

    /// A string without escapes or control characters, as valid UTF-8; the quotes are consumed.
    mutating func text() -> UnsafeBufferPointer<UInt8>? {
        guard take(0x22) else { return nil }
        let start = position
        let raw = UnsafeRawBufferPointer(bytes)
        var high: UInt64 = 0
        // Eight bytes at a time while none is a quote, a backslash or a control character (the
        // usual bit tricks for "has a byte equal to / less than"); from the first that has one,
        // byte by byte.
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while position + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            let special = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word) & highs
            if special != 0 { break }
            high |= word
            position += 8
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x22 {
                position += 1
                let content = UnsafeBufferPointer(rebasing: bytes[start..<(position - 1)])
                // Only strings with a non-ASCII byte need the full UTF-8 check.
                lastTextIsASCII = high & highs == 0
                return lastTextIsASCII || UTF8Check.isValid(content) ? content : nil
            }
            if byte == 0x5C || byte < 0x20 { return nil }
            high |= UInt64(byte)
            position += 1
        }
        return nil
    }

    /// An id.
    mutating func slug() -> UnsafeBufferPointer<UInt8>? {
        guard let content = text(), Slug.isValid(content) else { return nil }
        return content
    }

    /// A title or name: one line, not blank.
    mutating func line() -> UnsafeBufferPointer<UInt8>? {
        guard let content = text() else { return nil }
        // `text()` has ruled out control characters, so a text that does not start blank is not
        // blank, and one line unless it has a Unicode line separator (only non-ASCII texts can).
        guard let first = content.first, first != 0x20, first != 0x09 else {
            return JSONObjectReader.lineProblem(content) == nil ? content : nil
        }
        if lastTextIsASCII { return content }
        // Only the last bytes of U+0085, U+2028 and U+2029 make a non-ASCII text two lines.
        for byte in content where byte == 0x85 || byte == 0xA8 || byte == 0xA9 {
            return JSONObjectReader.lineProblem(content) == nil ? content : nil
        }
        return content
    }

    mutating func date() -> ValidDate? {
        // The longest date is a range of two days, `YYYY-MM-DD..YYYY-MM-DD`.
        guard let content = text(), content.count <= 22 else { return nil }
        return try? ValidDate(parsing: String(decoding: content, as: UTF8.self))
    }

    /// 64 lowercase hex digits.
    mutating func hexDigest() -> UnsafeBufferPointer<UInt8>? {
        guard let content = text(), content.count == 64,
              content.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { return nil }
        return content
    }

    /// A positive integer without leading zeros.
    mutating func integer() -> Int? {
        let start = position
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
        let count = position - start
        guard count > 0, count <= 18, bytes[start] != 0x30 else { return nil }
        var value = 0
        for byte in bytes[start..<position] { value = value * 10 + Int(byte - 0x30) }
        return value
    }

    /// `{"k":v,…}` with names in canonical (byte) order, calling `member` with each name's bytes;
    /// false if `member` or the syntax fails.
    mutating func object(_ member: (inout CanonicalCursor, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        guard take(0x7B) else { return false }
        if take(0x7D) { return true }
        var previous: UnsafeBufferPointer<UInt8>?
        repeat {
            guard let name = text(), take(0x3A) else { return false }
            if let previous, !previous.lexicographicallyPrecedes(name) { return false }
            previous = name
            guard member(&self, name) else { return false }
        } while take(0x2C)
        return take(0x7D)
    }

    /// `[…]`, each element read by `element`.
    mutating func array<T>(_ element: (inout CanonicalCursor) -> T?) -> [T]? {
        guard take(0x5B) else { return nil }
        var elements: [T] = []
        if take(0x5D) { return elements }
        repeat {
            guard let value = element(&self) else { return nil }
            elements.append(value)
        } while take(0x2C)
        return take(0x5D) ? elements : nil
    }

    /// `[…]`, each element read by `element`; how many, without keeping them.
    mutating func count(_ element: (inout CanonicalCursor) -> Bool) -> Int? {
        guard take(0x5B) else { return nil }
        if take(0x5D) { return 0 }
        var count = 0
        repeat {
            guard element(&self) else { return nil }
            count += 1
        } while take(0x2C)
        return take(0x5D) ? count : nil
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether these bytes spell `text` (ASCII).
    @inline(__always)
    func `is`(_ text: StaticString) -> Bool {
        guard count == text.utf8CodeUnitCount else { return false }
        // By index, not `elementsEqual`, which is not inlined and walks iterators: this runs for
        // every member name of every line.
        let other = text.utf8Start
        for i in 0..<count where self[i] != other[i] { return false }
        return true
    }

    /// The bytes as a string (for bytes a cursor has checked to be UTF-8).
    var string: String { String(decoding: self, as: UTF8.self) }
}
