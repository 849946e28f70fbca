import CCRC32C

/// CRC-32C (Castagnoli, the polynomial of iSCSI and ext4): the checksum of the index's blocks.
///
/// A checksum against damage, not forgery: fast enough that checking every block a query touches
/// costs microseconds. Uses the CPU's CRC32 instruction where there is one, else a table loop.
public enum CRC32C {
    /// Which code computes the checksum; tests compare the two.
    public enum Implementation: Sendable {
        case automatic, portable, hardware
    }

    /// Whether this CPU has the CRC32 instruction.
    public static let cpuHasInstruction = ccrc32c_has_hardware() == 1

    /// The CRC-32C of `bytes`.
    public static func checksum(_ bytes: UnsafeRawBufferPointer, implementation: Implementation = .automatic) -> UInt32 {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else { return 0 }
        let useHardware: Bool
        switch implementation {
        case .automatic: useHardware = cpuHasInstruction
        case .portable: useHardware = false
        case .hardware:
            precondition(cpuHasInstruction, "this CPU has no CRC32 instruction")
            useHardware = true
        }
        if useHardware { return ~ccrc32c_update(~0, base, bytes.count) }
        var crc: UInt32 = ~0
        for byte in UnsafeBufferPointer(start: base, count: bytes.count) {
            crc = table[Int(UInt8(truncatingIfNeeded: crc) ^ byte)] ^ (crc >> 8)
        }
        return ~crc
    }

    /// The CRC-32C of `bytes`.
    public static func checksum(_ bytes: [UInt8], implementation: Implementation = .automatic) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, implementation: implementation) }
    }

    /// The byte-at-a-time table of the reflected polynomial 0x82F63B78.
    private static let table: [UInt32] = (0..<256).map { (n: Int) -> UInt32 in
        var value = UInt32(n)
        for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0x82F6_3B78 : value >> 1 }
        return value
    }
}
