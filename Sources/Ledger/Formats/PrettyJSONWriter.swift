/// `PrettyJSON` written as it is produced: the same bytes as `PrettyJSON.string(of:)`, handed to
/// `sink` in chunks of at least `chunkSize` bytes (the last may be shorter). Containers can be
/// opened, filled and closed one element at a time, so an answer of hundreds of megabytes is never
/// held whole, neither as text nor as a `JSONValue` tree.
///
/// Members of an object written piecemeal must come in PrettyJSON's order (keys ascending by
/// UTF-8 bytes); the writer stops the program on any other order rather than write other bytes.
public struct PrettyJSONWriter<Failure: Error> {
    private var output: ChunkedOutput<Failure>
    /// Containers opened and not yet closed, innermost last.
    private var open: [Container] = []

    private struct Container {
        var isObject: Bool
        var count = 0
        /// The key just written in an object, whose value comes next.
        var pendingKey = false
        var lastKey: String?
    }

    /// A writer handing its bytes to `sink` once at least `chunkSize` of them are ready.
    public init(chunkSize: Int = 1 << 16, sink: @escaping ([UInt8]) throws(Failure) -> Void) {
        output = ChunkedOutput(chunkSize: chunkSize, sink: sink)
    }

    /// Writes `value` whole: the document, the next element of an open array or the value of the
    /// key just written.
    public mutating func write(_ value: JSONValue) throws(Failure) {
        startValue()
        let (sink, chunkSize) = (output.sink, output.chunkSize)
        try PrettyJSON.write(value, indent: open.count, to: &output.buffer) { (bytes: inout [UInt8]) throws(Failure) in
            if bytes.count >= chunkSize { try ChunkedOutput<Failure>.hand(&bytes, to: sink) }
        }
        try output.flushIfFull()
    }

    /// Opens an array, whose elements follow until `endArray()`.
    public mutating func beginArray() { begin(isObject: false) }

    /// Closes the array opened last.
    public mutating func endArray() throws(Failure) { try end(isObject: false) }

    /// Opens an object, whose members follow as `key(_:)` then their value, until `endObject()`.
    public mutating func beginObject() { begin(isObject: true) }

    /// Closes the object opened last.
    public mutating func endObject() throws(Failure) { try end(isObject: true) }

    /// Writes the next member's key in the object opened last; its value is written next.
    public mutating func key(_ key: String) {
        precondition(open.last?.isObject == true && open.last?.pendingKey == false, "a key belongs in an object, before its value")
        if let last = open[open.count - 1].lastKey {
            precondition(last.utf8.lexicographicallyPrecedes(key.utf8), "keys must come sorted: '\(key)' after '\(last)'")
        }
        separate()
        CanonicalJSON.writeString(key, to: &output.buffer)
        output.buffer.append(contentsOf: ": ".utf8)
        open[open.count - 1].lastKey = key
        open[open.count - 1].pendingKey = true
    }

    /// Hands on the bytes still held, followed by `terminator`. The document must be complete.
    public mutating func finish(terminator: String = "") throws(Failure) {
        precondition(open.isEmpty, "finish with containers still open")
        output.buffer.append(contentsOf: terminator.utf8)
        try output.finish()
    }

    // MARK: Whole objects and arrays with streamed parts

    /// Writes an object of `members` and of `key`, whose value `body` writes (typically an array
    /// filled element by element): all in PrettyJSON's key order, as if the object were whole.
    public mutating func object(_ members: [(key: String, value: JSONValue)], streaming key: String,
                                _ body: (inout Self) throws(Failure) -> Void) throws(Failure) {
        beginObject()
        var streamed = false
        for member in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            if !streamed, key.utf8.lexicographicallyPrecedes(member.key.utf8) {
                self.key(key)
                try body(&self)
                streamed = true
            }
            self.key(member.key)
            try write(member.value)
        }
        if !streamed {
            self.key(key)
            try body(&self)
        }
        try endObject()
    }

    /// Writes an array of `elements`, each turned into JSON only as it is written.
    public mutating func array<Elements: Sequence>(_ elements: Elements,
                                                   _ json: (Elements.Element) -> JSONValue) throws(Failure) {
        beginArray()
        for element in elements { try write(json(element)) }
        try endArray()
    }

    // MARK: Layout

    private mutating func begin(isObject: Bool) {
        startValue()
        output.buffer.append(UInt8(ascii: isObject ? "{" : "["))
        open.append(Container(isObject: isObject))
    }

    private mutating func end(isObject: Bool) throws(Failure) {
        guard let container = open.popLast(), container.isObject == isObject, !container.pendingKey else {
            preconditionFailure("closing a container that is not the one open, or an object with a key but no value")
        }
        // An empty container stays on one line (`[]`, `{}`), as PrettyJSON writes it.
        if container.count > 0 {
            output.buffer.append(UInt8(ascii: "\n"))
            PrettyJSON.pad(open.count, to: &output.buffer)
        }
        output.buffer.append(UInt8(ascii: isObject ? "}" : "]"))
        try output.flushIfFull()
    }

    /// Places a value: after its key in an object, on a line of its own in an array.
    private mutating func startValue() {
        guard let container = open.last else { return }
        if container.pendingKey {
            open[open.count - 1].pendingKey = false
            return
        }
        precondition(!container.isObject, "a value in an object needs a key first")
        separate()
    }

    /// What comes before an element or member: the newline after the opening bracket or after the
    /// previous one's comma, then the indentation.
    private mutating func separate() {
        let count = open[open.count - 1].count
        output.buffer.append(contentsOf: (count == 0 ? "\n" : ",\n").utf8)
        PrettyJSON.pad(open.count, to: &output.buffer)
        open[open.count - 1].count = count + 1
    }
}
