/// Whether a command may write the file it makes (`export html|jsonld --out`, `generate --out`) at
/// a path: checked before anything is computed or written, so a refusal costs nothing.
///
/// The rules, in the order they are checked:
/// 1. **Never the ledger's own files**, whatever `force` says: the ledger, its index
///    (`<ledger>.index`), index tail (`<ledger>.index-tail`) and journal (`<ledger>.journal`).
///    Paths are compared with every symbolic link, `.` and `..` resolved, and where the file
///    exists also by device and inode, so `./L.jsonl`, a symbolic link to it and a hard link of it
///    are all the ledger. `generate` may write a ledger at the ledger's path while nothing is there.
/// 2. **Only a regular file** (or nothing yet): a directory, FIFO, device or socket is refused, as
///    is a symbolic link to one.
/// 3. **Never a ledger**, whatever `force` says: a file that begins with `{"`, as a JSON Lines
///    ledger does (a damaged one too), is left for its owner to remove.
/// 4. **Someone else's file only with `force`**: an existing file that is not empty is replaced
///    only if the tool wrote it, or with `force`. The tool knows its exports by the generator mark
///    in their first 4 KB, `<meta name="generator" content="ledger export html">` in the page's
///    head and `"ledger:generator": "ledger export jsonld"` in the JSON-LD's first node; either
///    export may replace either. `generate` knows none as its own (what it writes is a ledger,
///    rule 3), so it replaces only an empty file without `force`. A symbolic link is never the
///    tool's: with `force` the link itself is replaced and what it points to is left alone.
///
/// Writing then goes through `FileSystem.writeAtomically`, which creates a new temporary file
/// beside the path and renames it over whatever is there, never writing through a link.
///
/// ```swift
/// try OutputPath.check("ledger.html", for: .export, ledgerPath: "events/ledger.jsonl", force: false)
/// try AtomicFile.write(Array(page.document.utf8), to: "ledger.html")
/// ```
public enum OutputPath {
    /// What a command writes, which decides what it recognises as its own earlier output.
    public enum Contents: Sendable {
        /// A page or document derived from the ledger (`export html`, `export jsonld`).
        case export
        /// A new ledger (`generate`).
        case ledger
    }

    /// How much of an existing file is read to tell whether it holds a ledger or an export.
    static let inspectedBytes = 4096

    /// Throws if `contents` must not be written at `output`, given the ledger at `ledgerPath` (the
    /// one the command was pointed at) and whether `--force` was given.
    public static func check(_ output: String, for contents: Contents, ledgerPath: String, force: Bool) throws(OutputPathError) {
        for (role, file) in protectedFiles(ofLedger: ledgerPath) {
            if role == .ledger, contents == .ledger, FileSystem.status(file, followingLinks: false) == nil { continue }
            if isSameFile(output, file) {
                throw .ledgerFile(output: output, role: role, file: file, ledger: ledgerPath)
            }
        }
        guard let entry = FileSystem.status(output, followingLinks: false) else { return }
        let target = entry.kind == .symbolicLink ? FileSystem.status(output, followingLinks: true) : entry
        if let target, target.kind != .regular {
            throw .notARegularFile(output: output, kind: OutputPathError.FileKind(target.kind))
        }
        if entry.kind == .symbolicLink {
            if force { return }
            throw .notWrittenByLedger(output: output, reason: .symbolicLink)
        }
        guard entry.size > 0 else { return }
        let leading: [UInt8]
        do { leading = try FileSystem.leadingBytes(of: output, count: inspectedBytes) } catch {
            throw .unreadable(output: output, reason: error.description)
        }
        if holdsLedger(leading) { throw .holdsLedger(output: output) }
        if force { return }
        switch contents {
        case .export where isExport(leading): return
        case .export: throw .notWrittenByLedger(output: output, reason: .noGeneratorMark)
        case .ledger: throw .notWrittenByLedger(output: output, reason: .notEmpty)
        }
    }

    /// The files no output may replace: the ledger, and the caches and journal kept beside it.
    static func protectedFiles(ofLedger ledgerPath: String) -> [(OutputPathError.LedgerFileRole, String)] {
        [
            (.ledger, ledgerPath),
            (.index, IndexFile.path(forLedger: ledgerPath)),
            (.indexTail, IndexTail.path(forLedger: ledgerPath)),
            (.journal, LedgerJournal.path(forLedger: ledgerPath)),
        ]
    }

    /// Whether two paths name the same file: by their resolved paths (the file need not exist),
    /// or by device and inode where both exist.
    static func isSameFile(_ a: String, _ b: String) -> Bool {
        if !resolvedNames(a).isDisjoint(with: resolvedNames(b)) { return true }
        guard let first = FileSystem.status(a, followingLinks: true), let second = FileSystem.status(b, followingLinks: true) else {
            return false
        }
        return first.device == second.device && first.inode == second.inode
    }

    /// The absolute names a path goes by: its directory resolved with its last component kept (the
    /// name a rename would replace), and where it exists, the file it finally leads to.
    static func resolvedNames(_ path: String) -> Set<String> {
        var names: Set<String> = []
        let (directory, name) = FileSystem.directoryAndName(of: path)
        if name != "", name != ".", name != "..", let resolved = FileSystem.resolvedPath(directory) {
            names.insert(resolved == "/" ? "/" + name : resolved + "/" + name)
        }
        if let resolved = FileSystem.resolvedPath(path) { names.insert(resolved) }
        if names.isEmpty { names.insert(path) }
        return names
    }

    /// Whether a file's first bytes are those of a ledger: every line is a JSON object that begins
    /// with a member name, so even a damaged ledger begins with `{"`.
    static func holdsLedger(_ leading: [UInt8]) -> Bool {
        leading.starts(with: [UInt8(ascii: "{"), UInt8(ascii: "\"")])
    }

    /// Whether a file's first bytes carry the generator mark of one of the tool's exports.
    static func isExport(_ leading: [UInt8]) -> Bool {
        [HTMLExport.generatorMark, JSONLDExport.generatorMark].contains { mark in
            let mark = Array(mark.utf8)
            guard leading.count >= mark.count else { return false }
            return (0...(leading.count - mark.count)).contains { leading[$0..<($0 + mark.count)].elementsEqual(mark) }
        }
    }
}

extension OutputPathError.FileKind {
    init(_ kind: FileSystem.FileStatus.Kind) {
        switch kind {
        case .directory: self = .directory
        case .fifo: self = .fifo
        case .characterDevice, .blockDevice: self = .device
        case .socket: self = .socket
        case .regular, .symbolicLink, .other: self = .other
        }
    }
}
