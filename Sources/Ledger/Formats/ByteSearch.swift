/// Finding a byte string in a line's bytes, for the scans that read a ledger's lines without
/// decoding them (`sources`, the withdrawals of a record, the days of a timeline's candidates).
extension UnsafeBufferPointer<UInt8> {
    /// Whether `needle` occurs in the bytes.
    func contains(_ needle: [UInt8]) -> Bool { firstIndex(of: needle) != nil }

    /// Where `needle` first occurs in the bytes. Sixteen places are tried at once: those where
    /// the needle's first and last bytes both match (W. Muła's SIMD search), and only they are
    /// compared in full; comparing byte by byte was most of a scan of a whole ledger.
    func firstIndex(of needle: [UInt8]) -> Int? {
        let length = needle.count
        guard let base = baseAddress, let head = needle.first, let tail = needle.last, length <= count else { return nil }
        func matches(at start: Int) -> Bool {
            var offset = 1
            while offset < length - 1 {
                guard base[start + offset] == needle[offset] else { return false }
                offset += 1
            }
            return true
        }
        let heads = SIMD16<UInt8>(repeating: head), tails = SIMD16<UInt8>(repeating: tail)
        var start = 0
        while start + length - 1 + 16 <= count {
            let first = UnsafeRawPointer(base + start).loadUnaligned(as: SIMD16<UInt8>.self)
            let last = UnsafeRawPointer(base + start + length - 1).loadUnaligned(as: SIMD16<UInt8>.self)
            let candidates = (first .== heads) .& (last .== tails)
            if any(candidates) {
                for lane in 0..<16 where candidates[lane] && matches(at: start + lane) { return start + lane }
            }
            start += 16
        }
        while start + length <= count {
            if base[start] == head, base[start + length - 1] == tail, matches(at: start) { return start }
            start += 1
        }
        return nil
    }
}
