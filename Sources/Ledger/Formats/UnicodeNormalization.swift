extension String {
    /// The string in Unicode Normalization Form C (`fu\u{308}r` becomes `für`).
    ///
    /// Foundation's `precomposedStringWithCanonicalMapping` is not in FoundationEssentials, and
    /// the full Foundation reaches it through ICU on Linux, a large library to load for one
    /// normalisation. The standard library normalises natively (since Swift 5.7, with the tables
    /// `String`'s own `==` uses, which compares canonically equivalent strings as equal); it
    /// offers NFC as `_withNFCCodeUnits`, underscored but public. ASCII is NFC already.
    var nfc: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        _withNFCCodeUnits { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension JSONValue {
    /// The value with every string (not member names, which are ASCII where they matter) in NFC.
    var nfc: JSONValue {
        switch self {
        case .string(let text): .string(text.nfc)
        case .array(let elements): .array(elements.map(\.nfc))
        case .object(let members): .object(members.map { ($0.key, $0.value.nfc) })
        default: self
        }
    }
}
