/// A small, seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64) whose output
/// depends on the seed alone.
///
/// The generator must give the same file for the same seed on every machine and toolchain, so it
/// draws bounded numbers with its own arithmetic instead of the standard library's
/// `random(in:using:)`, whose algorithm is not a documented promise.
///
/// ```swift
/// var random = SeededRandom(seed: 7)
/// random.int(below: 6)       // the same die roll for seed 7, always
/// random.chance(0.25)        // true about one time in four
/// ```
public struct SeededRandom: Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Expands `seed` into the 256-bit state with SplitMix64, as the xoshiro authors recommend, so
    /// neighbouring seeds (1, 2, 3) give unrelated streams.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A number in `0..<bound` (Lemire's multiply-shift; the tiny bias for bounds far below 2^64
    /// does not matter for synthetic data, and the arithmetic is fixed).
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < p
    }

    /// A uniformly chosen element of a non-empty collection.
    public mutating func pick<C: RandomAccessCollection>(_ elements: C) -> C.Element where C.Index == Int {
        elements[elements.startIndex + int(below: elements.count)]
    }

    /// An index into `weights` chosen with probability proportional to its weight.
    public mutating func weighted(_ weights: [Int]) -> Int {
        var roll = int(below: weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }
}
