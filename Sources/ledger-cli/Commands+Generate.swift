import Foundation
import Ledger

/// `ledger generate`.
extension Commands {
    func generate() throws(CommandFailure) {
        let recordsText = invocation.option("records") ?? ""
        guard let records = Int(recordsText), records >= 0 else {
            throw usageError("The value '\(recordsText)' is invalid for '--records <n>': expected a whole number of 0 or more")
        }
        let seedText = invocation.option("seed") ?? "1"
        guard let seed = UInt64(seedText) else {
            throw usageError("The value '\(seedText)' is invalid for '--seed <s>': expected a whole number of 0 or more")
        }
        let generator = HistoryGenerator(records: records, seed: seed)
        let out = invocation.option("out")
        do {
            if let out {
                // Written beside the target and renamed, so a cache never holds a half-written ledger.
                let partial = out + ".partial"
                guard FileManager.default.createFile(atPath: partial, contents: nil) else {
                    throw CommandFailure(message: "Error: cannot create '\(partial)'", code: ExitCode.badInput)
                }
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
                let started = Date()
                let head = try generator.write(to: handle) { written in
                    let seconds = Date().timeIntervalSince(started)
                    Output.err("generate: \(written) of \(records) records (\(Int(seconds * 1000)) ms)")
                }
                try handle.close()
                if FileManager.default.fileExists(atPath: out) { try FileManager.default.removeItem(atPath: out) }
                try FileManager.default.moveItem(atPath: partial, toPath: out)
                Output.err("generate: wrote \(records) records to \(out); head \(head)")
            } else {
                try generator.write(to: FileHandle.standardOutput)
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "Error: cannot write \(out ?? "<stdout>"): \(error)", code: ExitCode.badInput)
        }
    }
}
