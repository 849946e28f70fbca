/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// Hand-written rather than `JSONSerialization` because the ledger must refuse what a lenient
/// parser accepts silently (duplicate keys, invalid UTF-8, lone surrogates, trailing garbage), keep
/// numbers exactly as written for hashing, and report the byte column of a mistake.
public struct JSONParser {
    /// Deep nesting is never legitimate in a record and would otherwise exhaust the stack.
    public static let maximumDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    /// Stays true while the text is exactly what `CanonicalJSON` would write for the value: no
    /// whitespace, keys in strictly increasing byte order, only the canonical escapes. Lets the
    /// verifier check canonical form without writing every record out again.
    private var canonical = true

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses exactly one JSON value (surrounding whitespace allowed) from `text`.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var copy = text
        let result = copy.withUTF8 { buffer in Result { () throws(JSONSyntaxError) in try parse(buffer) } }
        return try result.get()
    }

    /// Parses exactly one JSON value (surrounding whitespace allowed) from UTF-8 bytes.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        try parseCheckingCanonicalForm(buffer).value
    }

    /// Parses one value and tells whether the text is in canonical form (byte for byte what
    /// `CanonicalJSON.bytes(of:)` gives for the value).
    public static func parseCheckingCanonicalForm(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> (value: JSONValue, isCanonical: Bool) {
        var parser = JSONParser(bytes: buffer)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == buffer.count else {
            throw parser.error("unexpected '\(parser.printable(parser.index))' after the JSON value")
        }
        return (value, parser.canonical)
    }

    /// Parses one value from bytes held in an array.
    public static func parse(bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        let result = bytes.withUnsafeBufferPointer { buffer in Result { () throws(JSONSyntaxError) in try parse(buffer) } }
        return try result.get()
    }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: index, message: message)
    }

    private func printable(_ position: Int) -> String {
        guard position < bytes.count else { return "end of input" }
        let byte = bytes[position]
        return byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1; canonical = false
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected '\(printable(index))', expected a value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        guard index + count <= bytes.count else { throw error("unexpected end of input in '\(literal)'") }
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw error("unexpected '\(printable(index + offset))', expected '\(literal)'")
        }
        index += count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        var previousKey: String?
        // While keys come in increasing order (always, in a ledger) no key can repeat an earlier
        // one; only out-of-order keys need the linear search, and objects here are small.
        var sorted = true
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("unexpected '\(printable(index))', expected a member name in quotes")
            }
            let keyOffset = index
            let key = try parseString()
            if let previousKey, !previousKey.utf8.lexicographicallyPrecedes(key.utf8) {
                sorted = false
                canonical = false
            }
            if !sorted, members.contains(where: { $0.key == key }) {
                throw JSONSyntaxError(offset: keyOffset, message: "duplicate member '\(key)'")
            }
            previousKey = key
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("unexpected '\(printable(index))', expected ':' after member '\(key)'")
            }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input, expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw error("unexpected '\(printable(index))', expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input, expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
            throw error("unexpected '\(printable(index))', expected ',' or ']'")
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { throw error("a number needs a digit after '-'") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) { throw error("a number must not start with 0") }
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { throw error("a number needs a digit after '.'") }
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard isDigit(index) else { throw error("a number needs a digit in its exponent") }
            while isDigit(index) { index += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes and ASCII-or-valid UTF-8 up to the closing quote.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                guard let text = Self.validUTF8(slice) else {
                    throw JSONSyntaxError(offset: start, message: "string is not valid UTF-8")
                }
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character \\x\(String(byte, radix: 16)) must be escaped in a string") }
            index += 1
        }
        var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = Self.validUTF8(scalars) else {
                    throw JSONSyntaxError(offset: start, message: "string is not valid UTF-8")
                }
                index += 1
                return text
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append(0x22)
                case UInt8(ascii: "\\"): scalars.append(0x5C)
                case UInt8(ascii: "/"): scalars.append(0x2F); canonical = false
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    // Canonical form writes \u only for control characters without a short
                    // escape, as four lowercase hex digits.
                    let hexStart = index
                    var code = try parseHex4()
                    let shortForm: Set<UInt32> = [0x08, 0x09, 0x0A, 0x0C, 0x0D]
                    if code >= 0x20 || shortForm.contains(code)
                        || bytes[hexStart..<(hexStart + 4)].contains(where: { $0 >= 0x41 && $0 <= 0x46 }) {
                        canonical = false
                    }
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                              bytes[index + 1] == UInt8(ascii: "u")
                        else { throw error("lone high surrogate \\u\(String(code, radix: 16)) in a string") }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error("high surrogate not followed by a low surrogate in a string")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw error("lone low surrogate \\u\(String(code, radix: 16)) in a string")
                    }
                    scalars.append(contentsOf: String(Character(UnicodeScalar(code)!)).utf8)
                default:
                    index -= 1
                    throw error("unknown escape '\\\(printable(index))' in a string")
                }
            default:
                if byte < 0x20 { throw error("control character \\x\(String(byte, radix: 16)) must be escaped in a string") }
                scalars.append(byte)
                index += 1
            }
        }
        throw error("unexpected end of input inside a string")
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("unexpected end of input in a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            default: throw error("'\(printable(index))' is not a hex digit in a \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Decodes UTF-8, refusing invalid sequences instead of replacing them with U+FFFD.
    static func validUTF8<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var valid = true
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break loop
            case .error: valid = false; break loop
            }
        }
        return valid ? String(decoding: bytes, as: UTF8.self) : nil
    }
}

/// A JSON syntax error at a byte offset of the text being parsed.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 0-based byte offset in the parsed text.
    public var offset: Int
    public var message: String

    public var description: String { "invalid JSON at byte \(offset + 1): \(message)" }
}
