#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CPrefetch

/// Numbers for byte strings, in the order first seen, without making a `String` of each.
///
/// At 10⁶ records the task table outgrows the CPU's caches, so every probe is a miss: each slot
/// carries where its key's bytes lie, so a hit reads the slot and the key and nothing else.
struct ByteInterner {
    /// Every key's bytes, one after the other; `ends[n]` is where key n ends.
    private(set) var storage: [UInt8] = []
    private(set) var ends: [Int] = []
    /// Open addressing, two words a slot. First word: the key's number + 1 in the low half (0:
    /// empty), the high half of its hash in the high half, so a probe rarely looks at a key that
    /// is not the one. Second word: where the key starts in `storage` (high 48 bits) and its
    /// length (low 16 bits; `longKey` for longer keys, whose length `ends` holds).
    private var slots = [UInt64](repeating: 0, count: 2 << 10)
    private static let longKey: UInt64 = 0xFFFF

    var count: Int { ends.count }

    /// Key `n`'s bytes.
    func key(_ n: Int) -> ArraySlice<UInt8> { storage[start(n)..<ends[n]] }

    /// Key `n`'s length in bytes.
    func length(_ n: Int) -> Int { ends[n] - start(n) }

    /// Where key `n` starts in `storage`, which holds every key once, in the order first seen.
    func start(_ n: Int) -> Int { n == 0 ? 0 : ends[n - 1] }

    /// `members` (key numbers) sorted by their keys' bytes, as ids are ordered. Keys are compared
    /// by their first 16 bytes as two integers first, so most comparisons touch no key bytes.
    func sorted(_ members: [Int32]) -> [Int32] {
        let prefixes = storage.withUnsafeBufferPointer { stored in
            members.map { member -> (UInt64, UInt64, Int32) in
                var words: (UInt64, UInt64) = (0, 0)
                let (from, to) = (start(Int(member)), ends[Int(member)])
                withUnsafeMutableBytes(of: &words) { raw in
                    for (offset, at) in (from..<min(to, from + 16)).enumerated() { raw[offset < 8 ? 7 - offset : 23 - offset] = stored[at] }
                }
                return (words.0, words.1, member)
            }
        }
        return prefixes.sorted { l, r in
            if l.0 != r.0 { return l.0 < r.0 }
            if l.1 != r.1 { return l.1 < r.1 }
            return precedes(Int(l.2), Int(r.2))
        }.map(\.2)
    }

    /// Whether key `m` sorts before key `n`, byte by byte (a prefix first), as ids are ordered.
    func precedes(_ m: Int, _ n: Int) -> Bool {
        let (a, b) = (start(m), start(n))
        let (lengthA, lengthB) = (ends[m] - a, ends[n] - b)
        let order = storage.withUnsafeBufferPointer { stored in
            min(lengthA, lengthB) == 0 ? 0 : memcmp(stored.baseAddress! + a, stored.baseAddress! + b, min(lengthA, lengthB))
        }
        return order != 0 ? order < 0 : lengthA < lengthB
    }

    /// The number of `bytes`, new or not.
    mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        id(bytes, hash: ByteInterner.hash(bytes))
    }

    /// The number of `bytes`, whose `hash(_:)` is `hash`.
    mutating func id(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        let (found, slot) = probe(bytes, hash: hash)
        if let found { return found }
        let n = Int32(ends.count)
        let start = storage.count
        storage.append(contentsOf: bytes)
        ends.append(storage.count)
        slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(n + 1)
        slots[slot + 1] = UInt64(start) << 16 | min(UInt64(bytes.count), ByteInterner.longKey)
        if ends.count * 4 > slots.count { grow() }
        return n
    }

    mutating func id(_ bytes: ArraySlice<UInt8>) -> Int32 {
        bytes.withUnsafeBufferPointer { id($0) }
    }

    /// The numbers here of `other`'s keys, in `other`'s order, each added if it is new: what
    /// another core's numbers become when its table is merged into this one.
    mutating func ids(of other: ByteInterner) -> [Int32] {
        reserve(other.count)
        return (0..<other.count).map { id(other.key($0)) }
    }

    /// Starts bringing in the slot where a key with this `hash(_:)` is looked up first, so that
    /// `id(_:hash:)` a little later need not wait for memory.
    func prefetch(_ hash: UInt64) {
        slots.withUnsafeBufferPointer { table in
            cprefetch(table.baseAddress! + 2 * (Int(truncatingIfNeeded: hash) & (table.count / 2 - 1)))
        }
    }

    /// Once the slot `prefetch(_:)` asked for has arrived: starts bringing in the bytes of the key
    /// it holds, if that key may be the one with this hash.
    func prefetchKey(_ hash: UInt64) {
        slots.withUnsafeBufferPointer { table in
            let slot = 2 * (Int(truncatingIfNeeded: hash) & (table.count / 2 - 1))
            guard table[slot] != 0, table[slot] & 0xFFFF_FFFF_0000_0000 == hash & 0xFFFF_FFFF_0000_0000 else { return }
            storage.withUnsafeBufferPointer { stored in
                let start = Int(table[slot + 1] >> 16)
                if start < stored.count { cprefetch(stored.baseAddress! + start) }
            }
        }
    }

    /// The number of `text`, if it is a key.
    func lookup(_ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { probe($0, hash: ByteInterner.hash($0)).found }
    }

    /// Lets go of the table that finds a key's number, keeping the keys: what the index writer
    /// needs once every id is numbered (at 10⁶ records the tables are over 100 MB). Looking a key
    /// up or adding one afterwards is a programming error.
    mutating func forgetLookups() { slots = [] }

    /// The number of `bytes` if known, else the free slot (first word) where it belongs.
    @inline(__always)
    private func probe(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (found: Int32?, slot: Int) {
        precondition(!slots.isEmpty, "a key looked up after forgetLookups()")
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = slots.count / 2 - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { table in
            while true {
                let entry = table[2 * slot]
                if entry == 0 { return (nil, 2 * slot) }
                if entry & 0xFFFF_FFFF_0000_0000 == tag {
                    let n = Int(entry & 0xFFFF_FFFF) - 1
                    if isKey(n, place: table[2 * slot + 1], bytes) { return (Int32(n), 2 * slot) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Whether the key at `place` (a slot's second word) is `bytes`.
    @inline(__always)
    private func isKey(_ n: Int, place: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(place >> 16)
        let length = place & ByteInterner.longKey == ByteInterner.longKey ? ends[n] - start : Int(place & ByteInterner.longKey)
        guard length == bytes.count else { return false }
        guard length > 0 else { return true }
        return storage.withUnsafeBufferPointer { stored in
            let (a, b) = (UnsafeRawPointer(stored.baseAddress! + start), UnsafeRawPointer(bytes.baseAddress!))
            // Ids are a dozen or two bytes: whole words, then the rest, inline.
            var at = 0
            while at + 8 <= length {
                guard a.loadUnaligned(fromByteOffset: at, as: UInt64.self) == b.loadUnaligned(fromByteOffset: at, as: UInt64.self)
                else { return false }
                at += 8
            }
            while at < length {
                guard a.load(fromByteOffset: at, as: UInt8.self) == b.load(fromByteOffset: at, as: UInt8.self) else { return false }
                at += 1
            }
            return true
        }
    }

    /// Makes room for `more` keys, so that adding them rehashes nothing.
    mutating func reserve(_ more: Int) {
        var words = slots.count
        while (count + more) * 4 > words { words *= 2 }
        if words > slots.count { rehash(words: words) }
    }

    private mutating func grow() { rehash(words: slots.count * 2) }

    /// Moves every key to a table of `words` words. Hashes are worked out again from the keys,
    /// read in order, rather than kept: a word more to write per key is dearer than hashing a few
    /// bytes again.
    private mutating func rehash(words: Int) {
        var table = HugePages.zeroedWords(words)
        let mask = words / 2 - 1
        table.withUnsafeMutableBufferPointer { table in
            forEachKey(fetching: { cprefetch(table.baseAddress! + 2 * (Int(truncatingIfNeeded: $0) & mask)) }) { n, bytes, hash in
                var slot = Int(truncatingIfNeeded: hash) & mask
                while table[2 * slot] != 0 { slot = (slot + 1) & mask }
                table[2 * slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(n + 1)
                table[2 * slot + 1] = UInt64(start(n)) << 16 | min(UInt64(bytes.count), ByteInterner.longKey)
            }
        }
        slots = table
    }

    /// For each key of `other`, in order, its number here, or -1. Only reads this table, so
    /// several cores can ask at once.
    func numbers(of other: ByteInterner) -> [Int32] {
        var numbers = [Int32](repeating: -1, count: other.count)
        other.forEachKey(fetching: prefetch) { n, bytes, hash in
            if let found = probe(bytes, hash: hash).found { numbers[n] = found }
        }
        return numbers
    }

    /// The number of `bytes`, if it is a key.
    func number(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        probe(bytes, hash: ByteInterner.hash(bytes)).found
    }

    /// Calls `body` with each key's number, bytes and hash, in order. Each key's hash is worked
    /// out sixteen keys ahead and handed to `fetch` then, so that whatever `body` looks up with
    /// it (a slot of a table larger than the caches) has arrived by the time it is needed.
    private func forEachKey(fetching fetch: (UInt64) -> Void, _ body: (Int, UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        let ahead = 16
        var hashes = [UInt64](repeating: 0, count: ahead)
        storage.withUnsafeBufferPointer { stored in
            func bytes(_ n: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: stored[start(n)..<ends[n]]) }
            for n in 0..<min(ahead, count) {
                hashes[n] = ByteInterner.hash(bytes(n))
                fetch(hashes[n])
            }
            for n in 0..<count {
                let hash = hashes[n % ahead]
                if n + ahead < count {
                    hashes[n % ahead] = ByteInterner.hash(bytes(n + ahead))
                    fetch(hashes[n % ahead])
                }
                body(n, bytes(n), hash)
            }
        }
    }

    /// Eight bytes at a time, multiplied and folded: ids are short, and this runs for every id of
    /// every change.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        let raw = UnsafeRawBufferPointer(bytes)
        var at = 0
        while at + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            at += 8
        }
        var tail: UInt64 = 0
        for byte in raw[at...].reversed() { tail = tail << 8 | UInt64(byte) }
        hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
        return hash ^ (hash >> 32)
    }
}
