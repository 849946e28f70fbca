/// Writing a whole file so that readers see the old one or the new one, never half of either.
public enum AtomicFile {
    /// Writes `bytes` to `path` through a temporary file beside it, fsynced and renamed over it.
    public static func write(_ bytes: [UInt8], to path: String) throws(IOFailure) {
        try FileSystem.writeAtomically(bytes, to: path)
    }
}
