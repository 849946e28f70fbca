#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Tables read at random that are larger than the CPU's caches, on 2 MiB pages where the system
/// grants them. With 4 KiB pages nearly every lookup in such a table also misses the address
/// translation cache, and in a virtual machine a translation walks two sets of page tables: at
/// 10⁶ records `perf annotate` put most of the time the decoder spent noting ids on the prefetch
/// instruction, which waits for that walk.
enum HugePages {
    private static let size = 2 << 20
    /// Smaller tables stay in ordinary pages: a huge page would mostly hold nothing.
    private static let threshold = 4 << 20

    /// `count` zero words, on huge pages if the table is large.
    static func zeroedWords(_ count: Int) -> [UInt64] {
        guard count * MemoryLayout<UInt64>.stride >= threshold else { return [UInt64](repeating: 0, count: count) }
        return [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            advise(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: 0)
            initialized = count
        }
    }

    /// Asks for huge pages for the whole 2 MiB pages inside `memory`, before they are touched.
    private static func advise(_ memory: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard let base = memory.baseAddress else { return }
        let start = (Int(bitPattern: base) + size - 1) & ~(size - 1)
        let end = (Int(bitPattern: base) + memory.count) & ~(size - 1)
        guard end > start else { return }
        // Only a hint: where transparent huge pages are off, nothing changes.
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, Int32(MADV_HUGEPAGE))
        #endif
    }
}
