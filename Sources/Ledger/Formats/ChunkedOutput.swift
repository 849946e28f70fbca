/// Bytes handed to `sink` in chunks of at least `chunkSize` (the last may be shorter) as they are
/// appended: how an answer of hundreds of megabytes reaches stdout without being held whole.
public struct ChunkedOutput<Failure: Error> {
    /// Appended and not yet handed on.
    var buffer: [UInt8] = []
    let chunkSize: Int
    let sink: ([UInt8]) throws(Failure) -> Void

    /// Output handing its bytes to `sink` once at least `chunkSize` of them are ready.
    public init(chunkSize: Int = 1 << 16, sink: @escaping ([UInt8]) throws(Failure) -> Void) {
        self.chunkSize = max(1, chunkSize)
        self.sink = sink
        buffer.reserveCapacity(self.chunkSize)
    }

    /// Appends the UTF-8 of `text`.
    public mutating func append(_ text: String) throws(Failure) {
        buffer.append(contentsOf: text.utf8)
        try flushIfFull()
    }

    /// Hands on the bytes still held.
    public mutating func finish() throws(Failure) {
        if !buffer.isEmpty { try Self.hand(&buffer, to: sink) }
    }

    mutating func flushIfFull() throws(Failure) {
        if buffer.count >= chunkSize { try Self.hand(&buffer, to: sink) }
    }

    /// Hands `bytes` on and empties them, keeping their capacity for the next chunk.
    static func hand(_ bytes: inout [UInt8], to sink: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        try sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
