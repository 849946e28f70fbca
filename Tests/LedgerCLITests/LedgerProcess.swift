import Foundation
import XCTest

/// Runs the built `ledger` binary the way a user or script does, capturing stdout, stderr and the
/// exit code (as swift-argument-parser's example tests do).
struct LedgerProcess {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle, where `swift build` puts it.
    static var binary: URL {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory = directory.deletingLastPathComponent() }
        let candidate = directory.appendingPathComponent("ledger")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        return repository.appendingPathComponent(".build/debug/ledger")
    }

    /// Writes `input` to a child's stdin. A child that exits before reading it all (a usage
    /// error, a refused batch) closes the pipe: the write then fails with EPIPE, which must not
    /// kill the test process with SIGPIPE; what the child read is what the test checks.
    static func feed(_ input: String, to pipe: Pipe) { feed(Data(input.utf8), to: pipe) }

    /// `feed(_:to:)` for bytes that need not be UTF-8.
    static func feed(_ input: Data, to pipe: Pipe) {
        _ = ignoreBrokenPipes
        try? pipe.fileHandleForWriting.write(contentsOf: input)
    }

    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Runs `ledger arguments…` in the repository with `input` on stdin.
    @discardableResult
    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:],
                    in directory: URL = repository) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "LEDGER")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { feed(input, to: inPipe) }
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self),
                      status: process.terminationStatus)
    }
}
