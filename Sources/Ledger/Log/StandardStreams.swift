#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard input, output and error as bytes, through `read` and `write` directly: each write
/// goes out at once (so stdout and stderr keep the order of calls) and the command line needs no
/// Foundation `FileHandle`, whose module alone costs a new process about a millisecond to start.
public enum StandardStreams {
    /// Writes `bytes` to standard output.
    public static func output(_ bytes: [UInt8]) throws(IOFailure) {
        try FileSystem.writeAll(bytes, to: STDOUT_FILENO, name: "<stdout>")
    }

    /// Writes the UTF-8 of `text` to standard output from where the string holds it: a large
    /// answer is not copied into an array first.
    public static func output(_ text: String) throws(IOFailure) {
        var text = text
        let failure: IOFailure? = text.withUTF8 { bytes in
            do throws(IOFailure) { try FileSystem.writeAll(UnsafeRawBufferPointer(bytes), to: STDOUT_FILENO, name: "<stdout>") } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    /// Writes `bytes` to standard error.
    public static func error(_ bytes: [UInt8]) throws(IOFailure) {
        try FileSystem.writeAll(bytes, to: STDERR_FILENO, name: "<stderr>")
    }

    /// Standard input, read to its end.
    public static func readInput() throws(IOFailure) -> [UInt8] {
        try FileSystem.readToEnd(STDIN_FILENO, name: "<stdin>")
    }
}
