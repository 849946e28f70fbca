import Synchronization

/// One bit per payload block of an index: whether its checksum has been checked. Every thread
/// asking the same `IndexFile` shares it, so each bit is read and set atomically. Bits, not a
/// `[Bool]`: at 10⁶ records a byte per block was 15 pages to fault in for a query that reads a
/// hundred blocks.
///
/// Relaxed ordering is enough: a bit publishes no data of its own, only that the block's bytes
/// (mapped read-only, the same for every thread) matched their checksum. Two threads reading a
/// block for the first time at once may both check it; neither ever skips a check it needs.
final class CheckedBlocks: @unchecked Sendable {
    // @unchecked: `words` is a pointer, which Swift cannot see is safe to share; every access to
    // what it points to is an atomic operation, and the words live as long as this object.
    private let words: UnsafeMutablePointer<Atomic<UInt64>>
    private let wordCount: Int

    /// No block checked yet, of `blocks`.
    init(blocks: Int) {
        wordCount = (blocks + 63) / 64
        words = .allocate(capacity: wordCount)
        for word in 0..<wordCount { (words + word).initialize(to: Atomic(0)) }
    }

    deinit {
        words.deinitialize(count: wordCount)
        words.deallocate()
    }

    /// Whether `block` has been checked.
    @inline(__always)
    func contains(_ block: Int) -> Bool {
        words[block / 64].load(ordering: .relaxed) & (1 << UInt64(block % 64)) != 0
    }

    /// Notes that `block` has been checked.
    @inline(__always)
    func insert(_ block: Int) {
        words[block / 64].bitwiseOr(1 << UInt64(block % 64), ordering: .relaxed)
    }
}
