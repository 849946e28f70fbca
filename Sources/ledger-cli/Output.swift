import Ledger

/// Where the command line writes: data to stdout, errors to stderr, both written at once (unbuffered) so
/// interleaved output keeps the order of calls.
enum Output {
    static func out(_ text: String) {
        // The text as it is, then the newline on its own: a large answer is written without copies.
        // By byte: "\r\n" (CSV's line end) is one Character, which `hasSuffix("\n")` misses.
        do {
            try StandardStreams.output(text)
            if text.utf8.last != 0x0A { try StandardStreams.output([0x0A]) }
        } catch {}
    }

    /// JSON written to stdout as it is rendered, in 64 KiB chunks, then a newline: a large answer
    /// is never held whole. A failed write (a closed pipe) ends the rendering, as it ends `out`'s.
    static func json(_ body: (inout PrettyJSONWriter<IOFailure>) throws(IOFailure) -> Void) {
        var writer = PrettyJSONWriter<IOFailure>(chunkSize: 1 << 16) { (chunk) throws(IOFailure) in
            try StandardStreams.output(chunk)
        }
        do {
            try body(&writer)
            try writer.finish(terminator: "\n")
        } catch {}
    }

    /// Text written to stdout as it is produced, in 64 KiB chunks, ending in a newline as `out`
    /// ends it: a large table or CSV document is never held whole.
    static func text(_ body: (inout ChunkedOutput<IOFailure>) throws(IOFailure) -> Void) {
        var lastByte: UInt8?
        var output = ChunkedOutput<IOFailure>(chunkSize: 1 << 16) { (chunk) throws(IOFailure) in
            lastByte = chunk.last
            try StandardStreams.output(chunk)
        }
        do {
            try body(&output)
            try output.finish()
            if lastByte != 0x0A { try StandardStreams.output([0x0A]) }
        } catch {}
    }

    /// Bytes written to stdout as `body` hands them to its sink, ending in a newline as `out`
    /// ends it: for a document the library writes in chunks (the exports).
    static func bytes(_ body: (_ sink: @escaping ([UInt8]) throws(IOFailure) -> Void) throws(IOFailure) -> Void) {
        var lastByte: UInt8?
        do {
            try body { (chunk) throws(IOFailure) in
                if let last = chunk.last { lastByte = last }
                try StandardStreams.output(chunk)
            }
            if lastByte != 0x0A { try StandardStreams.output([0x0A]) }
        } catch {}
    }

    static func err(_ text: String) {
        var line = text
        if line.utf8.last != 0x0A { line += "\n" }
        try? StandardStreams.error(Array(line.utf8))
    }
}

/// Exit codes scripts can rely on (README, "Exit codes").
enum ExitCode {
    static let success: Int32 = 0
    /// Bad input, a refused record or an unknown id.
    static let badInput: Int32 = 1
    /// Broken chain, torn or edited file.
    static let integrity: Int32 = 2
    /// `--expect-head` is not the head.
    static let conflict: Int32 = 3
    /// Usage error, as swift-argument-parser's EX_USAGE.
    static let usage: Int32 = 64
}

/// A failure that ends the command with a message on stderr and an exit code.
struct CommandFailure: Error {
    var message: String
    var code: Int32
}
