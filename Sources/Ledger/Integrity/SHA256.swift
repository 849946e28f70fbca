import CSHA256

/// SHA-256 (FIPS 180-4), hand-written because the package takes no dependencies and Foundation on
/// Linux has no hashing API. Whole blocks go to the CPU's SHA instructions where it has them (a
/// few lines of C, `CSHA256`), else to the portable loop below; `verify` hashes every record, so
/// this is its hot path.
///
/// ```swift
/// SHA256.hex(of: Array("abc".utf8))
/// // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public struct SHA256: Sendable {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    )
    private var pending: [UInt8] = []
    private var length: UInt64 = 0
    private let useExtensions: Bool

    /// Which compression function to use.
    public enum Implementation: Sendable {
        /// The CPU's SHA instructions when present, else portable.
        case automatic
        /// The portable Swift loop, for testing it on CPUs that have the extensions.
        case portable
    }

    /// Whether this CPU has the SHA extensions.
    public static let cpuHasSHAExtensions = csha256_has_sha_extensions() == 1

    public init(implementation: Implementation = .automatic) {
        pending.reserveCapacity(64)
        useExtensions = implementation == .automatic && Self.cpuHasSHAExtensions
    }

    /// Feeds more bytes.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            length &+= 1
            pending.append(byte)
            if pending.count == 64 {
                pending.withUnsafeBufferPointer { compressBlocks($0) }
                pending.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Feeds contiguous bytes, compressing whole blocks straight from the buffer.
    public mutating func update(buffer: UnsafeRawBufferPointer) {
        var offset = 0
        length &+= UInt64(buffer.count)
        if !pending.isEmpty {
            let take = min(64 - pending.count, buffer.count)
            pending.append(contentsOf: buffer[0..<take])
            offset = take
            if pending.count == 64 {
                pending.withUnsafeBufferPointer { compressBlocks($0) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        let bytes = buffer.bindMemory(to: UInt8.self)
        let whole = (buffer.count - offset) / 64 * 64
        if whole > 0 {
            compressBlocks(UnsafeBufferPointer(rebasing: bytes[offset..<(offset + whole)]))
            offset += whole
        }
        if offset < buffer.count { pending.append(contentsOf: bytes[offset...]) }
    }

    /// Finishes and returns the 32-byte digest.
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBufferPointer { compressBlocks($0) }
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    private init(reservingNothing implementation: Implementation) {
        useExtensions = implementation == .automatic && Self.cpuHasSHAExtensions
    }

    /// Whether the digest of `first` followed by `second` is `hex` (64 lowercase hex digits).
    /// Nothing on the heap: `verify` runs this for every line of the ledger, where building the
    /// digest and its hex as arrays cost more than the hashing.
    static func digest(of first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer, isHex hex: UnsafeBufferPointer<UInt8>,
                       implementation: Implementation = .automatic) -> Bool {
        guard hex.count == 64 else { return false }
        var hasher = SHA256(reservingNothing: implementation)
        let total = first.count + second.count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { block in
            var filled = 0
            /// Whole blocks straight from `bytes`; the rest joins the block being filled.
            func feed(_ bytes: UnsafeRawBufferPointer) {
                var at = 0
                if filled > 0 {
                    let take = min(64 - filled, bytes.count)
                    UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(block)[filled..<(filled + take)])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<take]))
                    (filled, at) = (filled + take, take)
                    guard filled == 64 else { return }
                    hasher.compressBlocks(UnsafeBufferPointer(rebasing: block[0..<64]))
                    filled = 0
                }
                let whole = (bytes.count - at) / 64 * 64
                if whole > 0 {
                    hasher.compressBlocks(UnsafeBufferPointer(rebasing: bytes.bindMemory(to: UInt8.self)[at..<(at + whole)]))
                    at += whole
                }
                let rest = bytes.count - at
                UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(block)[0..<rest])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[at...]))
                filled = rest
            }
            feed(first)
            feed(second)
            block[filled] = 0x80
            let end = filled < 56 ? 64 : 128
            for i in (filled + 1)..<(end - 8) { block[i] = 0 }
            let bits = UInt64(total) &* 8
            for i in 0..<8 { block[end - 8 + i] = UInt8(truncatingIfNeeded: bits >> UInt64(56 - 8 * i)) }
            hasher.compressBlocks(UnsafeBufferPointer(rebasing: block[0..<end]))
            let digits: StaticString = "0123456789abcdef"
            return withUnsafeBytes(of: hasher.state) { words in
                let words = words.bindMemory(to: UInt32.self)
                for (n, word) in words.enumerated() {
                    for byte in 0..<4 {
                        let value = Int(truncatingIfNeeded: word >> UInt32(24 - 8 * byte)) & 0xFF
                        let at = n * 8 + byte * 2
                        guard hex[at] == digits.utf8Start[value >> 4], hex[at + 1] == digits.utf8Start[value & 0x0F] else { return false }
                    }
                }
                return true
            }
        }
    }

    /// The digest of `bytes`.
    public static func digest(of bytes: [UInt8], implementation: Implementation = .automatic) -> [UInt8] {
        var hasher = SHA256(implementation: implementation)
        bytes.withUnsafeBytes { hasher.update(buffer: $0) }
        return hasher.finalize()
    }

    /// The lowercase hex digest of `bytes`, the form the ledger stores.
    public static func hex(of bytes: [UInt8]) -> String {
        hexString(digest(of: bytes))
    }

    static func hexString(_ digest: [UInt8]) -> String {
        let table = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(table[Int(byte >> 4)])
            out.append(table[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    /// Compresses whole 64-byte blocks.
    private mutating func compressBlocks(_ blocks: UnsafeBufferPointer<UInt8>) {
        precondition(blocks.count % 64 == 0)
        if useExtensions {
            withUnsafeMutableBytes(of: &state) { words in
                csha256_compress_blocks(words.baseAddress!.assumingMemoryBound(to: UInt32.self), blocks.baseAddress, blocks.count / 64)
            }
            return
        }
        var offset = 0
        while offset < blocks.count {
            compress(UnsafeBufferPointer(rebasing: blocks[offset..<(offset + 64)]))
            offset += 64
        }
    }

    private mutating func compress(_ block: UnsafeBufferPointer<UInt8>) {
        // A stack buffer: allocating the message schedule per block would dominate `verify`.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 {
                w[i] = UInt32(block[i * 4]) << 24 | UInt32(block[i * 4 + 1]) << 16
                    | UInt32(block[i * 4 + 2]) << 8 | UInt32(block[i * 4 + 3])
            }
            for i in 16..<64 {
                let s0 = Self.rotr(w[i - 15], 7) ^ Self.rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = Self.rotr(w[i - 2], 17) ^ Self.rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = state
            Self.k.withUnsafeBufferPointer { k in
                for i in 0..<64 {
                    let s1 = Self.rotr(e, 6) ^ Self.rotr(e, 11) ^ Self.rotr(e, 25)
                    let ch = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
                    let s0 = Self.rotr(a, 2) ^ Self.rotr(a, 13) ^ Self.rotr(a, 22)
                    let maj = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ maj
                    h = g; g = f; f = e; e = d &+ t1
                    d = c; c = b; b = a; a = t1 &+ t2
                }
            }
            state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d,
                     state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
        }
    }
}
