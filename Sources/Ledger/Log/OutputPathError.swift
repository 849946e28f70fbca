/// Why a command refused to write its output at the path it was given. Each message names the
/// path, and for the ledger's own files the ledger too, and says whether `--force` would help.
public enum OutputPathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path is the ledger or one of the files kept beside it; `--force` does not change this.
    case ledgerFile(output: String, role: LedgerFileRole, file: String, ledger: String)
    /// The path is a directory, FIFO, device or socket (itself or where its symbolic link points).
    case notARegularFile(output: String, kind: FileKind)
    /// The file holds a ledger (it begins as a record does); `--force` does not change this.
    case holdsLedger(output: String)
    /// The file exists and is not the tool's own output; `--force` replaces it.
    case notWrittenByLedger(output: String, reason: ForeignReason)
    /// What the file holds cannot be told (it cannot be read), so it is left alone.
    case unreadable(output: String, reason: String)

    /// One of the ledger's own files.
    public enum LedgerFileRole: String, Sendable, Hashable {
        case ledger, index, indexTail = "index tail", journal
    }

    /// What is at a path that is not a regular file.
    public enum FileKind: String, Sendable, Hashable {
        case directory = "a directory", fifo = "a FIFO", device = "a device", socket = "a socket"
        case other = "not a regular file"
    }

    /// How the tool knows a file is not one it wrote.
    public enum ForeignReason: Sendable, Hashable {
        /// An export's target without the generator mark of `ledger export` in its first 4 KB.
        case noGeneratorMark
        /// `generate`'s target is not empty (the tool's own ledgers are refused as ledgers).
        case notEmpty
        /// A symbolic link, which the tool never writes.
        case symbolicLink
    }

    public var description: String {
        switch self {
        case let .ledgerFile(output, .ledger, _, ledger):
            return "refusing to write '\(output)': it is the ledger '\(ledger)', which no output may replace, even with --force"
        case let .ledgerFile(output, role, file, ledger):
            return "refusing to write '\(output)': it is the \(role.rawValue) '\(file)' of the ledger '\(ledger)', which no output may replace, even with --force"
        case let .notARegularFile(output, kind):
            return "refusing to write '\(output)': it is \(kind.rawValue), not a regular file"
        case let .holdsLedger(output):
            return "refusing to replace '\(output)': it holds a ledger (it begins with a JSON record), which no output may replace, even with --force; remove it first if it is to go"
        case let .notWrittenByLedger(output, .noGeneratorMark):
            return "refusing to replace '\(output)': it was not written by ledger export (no generator mark in its first 4 KB); pass --force to replace it"
        case let .notWrittenByLedger(output, .notEmpty):
            return "refusing to replace '\(output)': it exists and is not empty; pass --force to replace it"
        case let .notWrittenByLedger(output, .symbolicLink):
            return "refusing to replace '\(output)': it is a symbolic link, which ledger never writes; pass --force to replace the link (not what it points to)"
        case let .unreadable(output, reason):
            return "refusing to replace '\(output)': what it holds cannot be checked (\(reason)), so it is left alone"
        }
    }
}
