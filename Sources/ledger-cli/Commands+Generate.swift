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
        // The parser has checked the value against HistoryShape's cases.
        let shape = invocation.option("shape").flatMap(HistoryShape.init(rawValue:)) ?? .classic
        let generator = HistoryGenerator(records: records, seed: seed, shape: shape)
        let out = invocation.option("out")
        if let out { try checkOutput(out, for: .ledger) }
        do {
            if let out {
                let started = ContinuousClock.now
                let head = try generator.write(toFile: out) { written in
                    let elapsed = ContinuousClock.now - started
                    Output.err("generate: \(written) of \(records) records (\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000) ms)")
                }
                Output.err("generate: wrote \(records) records to \(out); head \(head)")
            } else {
                try generator.write { chunk throws(IOFailure) in try StandardStreams.output(chunk) }
            }
        } catch {
            throw CommandFailure(message: "Error: cannot write \(out ?? "<stdout>"): \(error)", code: ExitCode.badInput)
        }
    }
}
