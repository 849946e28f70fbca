extension ValidDate {
    /// Parses a date as the ledger stores it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally
    /// followed by `?`, `~` or `%`, or a range `A..`, `..B`, `A..B` of such plain dates. Exactly
    /// one spelling per date (no spaces, no brackets, no time), so `description` gives back the
    /// text parsed.
    public init(parsing text: String) throws(ValidDateError) {
        let bytes = Array(text.utf8)
        let dots = Self.rangeMark(in: bytes)
        if let dots {
            let start = Array(bytes[..<dots]), end = Array(bytes[(dots + 2)...])
            switch (start.isEmpty, end.isEmpty) {
            case (true, true):
                throw .malformed(text)
            case (false, true):
                try self.init(try Self.plain(start, text: text), form: .notBefore)
            case (true, false):
                try self.init(try Self.plain(end, text: text), form: .notAfter)
            case (false, false):
                try self.init(try Self.plain(start, text: text), form: .between(try Self.plain(end, text: text)))
            }
            return
        }
        if let last = bytes.last, let qualifier = Qualifier.allCases.first(where: { $0.symbol.asciiValue == last }) {
            try self.init(try Self.plain(Array(bytes.dropLast()), text: text), form: .qualified(qualifier))
            return
        }
        self = try Self.plain(bytes, text: text)
    }

    /// Where `..` stands in `bytes`, if it does (once; a second is malformed, found by `plain`).
    private static func rangeMark(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        for index in 0..<(bytes.count - 1) where bytes[index] == 0x2E && bytes[index + 1] == 0x2E { return index }
        return nil
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` exactly; `text` is the whole value, for the error.
    private static func plain(_ bytes: [UInt8], text: String) throws(ValidDateError) -> ValidDate {
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        switch bytes.count {
        case 4:
            guard let year = number(0..<4) else { throw .malformed(text) }
            return try ValidDate(year: year)
        case 7:
            guard bytes[4] == 0x2D, let year = number(0..<4), let month = number(5..<7) else {
                throw .malformed(text)
            }
            return try ValidDate(year: year, month: month)
        case 10:
            guard bytes[4] == 0x2D, bytes[7] == 0x2D, let year = number(0..<4),
                  let month = number(5..<7), let day = number(8..<10)
            else { throw .malformed(text) }
            return try ValidDate(year: year, month: month, day: day)
        default:
            throw .malformed(text)
        }
    }

    /// The ordering date alone: `2017`, `2017-08` or `2017-09-26`.
    private var plainText: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = pad(year, 4)
        if let month { text += "-" + pad(month, 2) }
        if let day { text += "-" + pad(day, 2) }
        return text
    }

    /// EDTF's own spelling: the ranges in the brackets of "one of a set" (`[2018-09-06..]`), for
    /// other tools; the rest as stored.
    public var edtf: String {
        switch form {
        case .notBefore, .notAfter, .between: "[\(description)]"
        default: description
        }
    }

    /// The date in words, for people: `2018-09-06 or later`, `2018-06 or earlier`, `between
    /// 2018-09-06 and 2018-12`, `about 2019`, `2019 (uncertain)`, `about 2019 (uncertain)`; an
    /// exact date as it is written.
    public var wording: String {
        switch form {
        case .exact: plainText
        case .qualified(.uncertain): "\(plainText) (uncertain)"
        case .qualified(.approximate): "about \(plainText)"
        case .qualified(.uncertainAndApproximate): "about \(plainText) (uncertain)"
        case .notBefore: "\(plainText) or later"
        case .notAfter: "\(plainText) or earlier"
        case .between(let end): "between \(plainText) and \(end.plainText)"
        }
    }
}

extension ValidDate: CustomStringConvertible {
    /// The date as stored: `2017`, `2017-08`, `2017-09-26`, `2019~`, `2018-09-06..`.
    public var description: String {
        switch form {
        case .exact: plainText
        case .qualified(let qualifier): plainText + String(qualifier.symbol)
        case .notBefore: plainText + ".."
        case .notAfter: ".." + plainText
        case .between(let end): plainText + ".." + end.plainText
        }
    }
}
