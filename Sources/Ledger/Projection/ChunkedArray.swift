/// An array that grows a fixed-size chunk at a time instead of doubling: appending never copies
/// what is there, and never holds an old and a new buffer at once.
///
/// The index build keeps millions of timeline steps; an `Array` growing by doubling held up to
/// three times their size at the moment it grew (the old buffer, the new one, half of it unused).
struct ChunkedArray<Element>: RandomAccessCollection {
    private static var shift: Int { 16 }
    private var chunks: [[Element]] = []
    private(set) var count = 0

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Element {
        get { chunks[position >> Self.shift][position & (1 << Self.shift - 1)] }
        set { chunks[position >> Self.shift][position & (1 << Self.shift - 1)] = newValue }
    }

    mutating func append(_ element: Element) {
        if count & (1 << Self.shift - 1) == 0 {
            var chunk: [Element] = []
            chunk.reserveCapacity(1 << Self.shift)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }
}

extension ChunkedArray: Sendable where Element: Sendable {}
