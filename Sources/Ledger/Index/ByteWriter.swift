/// Little-endian output: rows of the index (`appendRow`), and the fields of the small checksummed
/// files beside a ledger (`ChecksummedFields`).
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i64(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

    /// Appends one row of kind `Row`, all zeros (so its padding is written), and has `fill` set
    /// its fields: each where its declaration says, in any order.
    @inline(__always)
    mutating func appendRow<Row: IndexRow>(_ kind: Row.Type, _ fill: (IndexRowBytes<Row>) -> Void) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: Row.size))
        bytes.withUnsafeMutableBytes { all in fill(IndexRowBytes(UnsafeMutableRawBufferPointer(rebasing: all[start...]))) }
    }
}

/// One row of kind `Row` being written, set field by field, little-endian.
struct IndexRowBytes<Row: IndexRow> {
    private let raw: UnsafeMutableRawBufferPointer

    fileprivate init(_ raw: UnsafeMutableRawBufferPointer) { self.raw = raw }

    /// Sets an integer field; its width is the value's.
    @inline(__always)
    func set<Value: FixedWidthInteger>(_ field: IndexRowField<Row>, _ value: Value) {
        assert(field.width == MemoryLayout<Value>.size, "a \(Value.self) in a field of \(field.width) bytes")
        raw.storeBytes(of: value.littleEndian, toByteOffset: field.offset, as: Value.self)
    }

    /// Sets a string field to a string's (offset, length) in the string section; nil is length
    /// `nilLength`.
    @inline(__always)
    func set(_ field: IndexRowField<Row>, string reference: (UInt32, UInt32)?) {
        let (start, length) = reference ?? (0, IndexLayout.nilLength)
        set(field.part(IndexLayout.StringReference.start), start)
        set(field.part(IndexLayout.StringReference.length), length)
    }

    /// Sets the field to the first bytes of `bytes` that fit, the rest left zero: an id's prefix
    /// (ids never hold a zero byte, so the padded prefixes sort as the ids do), or the head's
    /// hex digits.
    func set(_ field: IndexRowField<Row>, bytes: some Collection<UInt8>) {
        for (at, byte) in zip(field.offset..<field.end, bytes) { raw[at] = byte }
    }
}
