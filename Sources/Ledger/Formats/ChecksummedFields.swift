/// The shape of the small binary files kept beside a ledger (the index tail, the rollback
/// journal): an 8-byte magic, a 4-byte version, 4 reserved bytes, little-endian fields, and a
/// CRC-32C of everything before it. Written and read in one place so both files check alike.
struct ChecksummedFields {
    private let bytes: [UInt8]

    /// The file's bytes: the header, the fields `write` adds, and the checksum.
    static func seal(magic: [UInt8], version: UInt32, _ write: (inout ByteWriter) -> Void) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.append(contentsOf: magic)
        writer.u32(version)
        writer.u32(0)
        write(&writer)
        writer.u32(CRC32C.checksum(writer.bytes))
        return writer.bytes
    }

    /// The fields of `bytes`; nil unless they have `size` bytes, this magic and version, and a
    /// checksum that holds.
    init?(_ bytes: [UInt8], magic: [UInt8], version: UInt32, size: Int) {
        guard bytes.count == size, bytes.starts(with: magic) else { return nil }
        self.bytes = bytes
        guard u32(8) == version, u32(size - 4) == CRC32C.checksum(Array(bytes[0..<(size - 4)])) else { return nil }
    }

    func u32(_ at: Int) -> UInt32 { bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian } }
    func u64(_ at: Int) -> UInt64 { bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian } }
    func i64(_ at: Int) -> Int64 { Int64(bitPattern: u64(at)) }
    /// 64 hex digits (a hash) at `at`.
    func hex(_ at: Int) -> String { String(decoding: bytes[at..<(at + 64)], as: UTF8.self) }
}
