/// What `ledger init` did: the new, empty ledger and the directories made for it.
public struct LedgerCreation: Hashable, Sendable {
    /// The ledger file created (0 bytes: an empty ledger, head 64 zeros).
    public var path: String
    /// Directories that did not exist and were created for it, outermost first.
    public var createdDirectories: [String]

    /// Creates an empty ledger at `path`, and the directories leading to it if they are missing.
    ///
    /// The only way a ledger file comes into being (besides `generate`): every other command
    /// refuses a missing ledger (`IntegrityError.noLedger`) rather than read it as an empty one.
    /// Never touches an existing file, whatever it holds.
    ///
    /// ```swift
    /// let created = try LedgerCreation.create(path: "events/ledger.jsonl")
    /// created.createdDirectories   // ["events"] in an empty directory
    /// ```
    public static func create(path: String) throws(LedgerCreationError) -> LedgerCreation {
        if let existing = FileSystem.status(path, followingLinks: false) {
            guard existing.kind == .regular else { throw .exists(path: path, what: existing.kind.words) }
            throw .exists(path: path, what: existing.size == 0 ? "an empty file, which is an empty ledger" : "a file of \(existing.size) bytes")
        }
        let directory = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) } ?? ""
        do {
            let created = directory.isEmpty ? [] : try FileSystem.createDirectories(directory)
            guard try FileSystem.createLedger(path) != nil else {
                throw LedgerCreationError.exists(path: path, what: "a file created just now by someone else")
            }
            return LedgerCreation(path: path, createdDirectories: created)
        } catch let error as LedgerCreationError {
            throw error
        } catch let error as IOFailure {
            throw .cannotCreate(path: path, reason: error.reason)
        } catch {
            throw .cannotCreate(path: path, reason: "\(error)")
        }
    }
}

/// Why `ledger init` created nothing (exit code 1).
public enum LedgerCreationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Something is at the path already; it is left exactly as it is.
    case exists(path: String, what: String)
    /// The file or a directory leading to it could not be created.
    case cannotCreate(path: String, reason: String)

    public var description: String {
        switch self {
        case let .exists(path, what):
            "'\(path)' already exists (\(what)); init never replaces a file: use it as it is, or give init another path"
        case let .cannotCreate(path, reason):
            "cannot create a ledger at '\(path)': \(reason)"
        }
    }
}
