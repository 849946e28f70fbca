/// A head as a user gives it to `--expect-head`: the whole hash (64 hex digits) or a prefix of
/// at least 8, as git accepts a commit's short hash. Anything else is not a hash at all, which
/// the command line calls a usage error rather than guessing whether someone appended since.
public struct HeadPrefix: Hashable, Sendable, CustomStringConvertible {
    /// The digits, lowercase.
    public let digits: String

    /// The fewest digits accepted: 32 bits, so a prefix names one record in practice.
    public static let minimumDigits = 8

    /// Nil unless `text` is 8 to 64 hexadecimal digits (either case).
    public init?(_ text: String) {
        let lower = text.lowercased()
        guard (Self.minimumDigits...64).contains(lower.utf8.count),
              lower.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { return nil }
        digits = lower
    }

    public var description: String { digits }

    /// Whether `hash` (64 lowercase hex digits) starts with these digits.
    public func matches(_ hash: String) -> Bool { hash.hasPrefix(digits) }

    /// The full hashes of the committed ledger's lines that start with these digits, with their
    /// seq: each line holds exactly one `"hash":"` member (§2.4), so a byte search finds them
    /// without decoding a record.
    static func matches(in bytes: UnsafeBufferPointer<UInt8>, prefix: HeadPrefix) -> [(seq: Int, hash: String)] {
        let needle = Array(#""hash":""#.utf8) + Array(prefix.digits.utf8)
        var found: [(Int, String)] = []
        var line = 1, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
            } else if byte == 0x22, index + needle.count <= bytes.count, bytes[index..<(index + needle.count)].elementsEqual(needle),
                      index + 8 + 64 <= bytes.count {
                found.append((line, String(decoding: bytes[(index + 8)..<(index + 8 + 64)], as: UTF8.self)))
                index += needle.count
                continue
            }
            index += 1
        }
        return found
    }
}
