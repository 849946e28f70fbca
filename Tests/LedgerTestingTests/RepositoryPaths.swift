import Foundation

/// Paths inside the repository, found from this file's location so tests run from any directory.
enum RepositoryPaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The Thuringian history.
    static let events = root.appendingPathComponent("events/ledger.jsonl").path
}
