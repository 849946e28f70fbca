/// Writing a whole file so that readers see the old one or the new one, never half of either.
public enum AtomicFile {
    /// Writes `bytes` to `path` through a temporary file beside it, fsynced and renamed over it.
    public static func write(_ bytes: [UInt8], to path: String) throws(IOFailure) {
        try FileSystem.writeAtomically(bytes, to: path)
    }

    /// Writes to `path`, as `write(_:to:)` does, what `body` hands the sink it is given, chunk by
    /// chunk: a large document reaches the file without being held whole.
    public static func write(to path: String, _ body: (_ sink: @escaping ([UInt8]) throws(IOFailure) -> Void) throws(IOFailure) -> Void) throws(IOFailure) {
        try FileSystem.writeAtomically(to: path) { file throws(IOFailure) in
            let (fd, name) = (file.fd, file.path)
            try body { (chunk) throws(IOFailure) in try FileSystem.writeAll(chunk, to: fd, name: name) }
        }
    }
}
