import Ledger

/// The everyday questions: `head`, `timeline`, and the checks on `--expect-head`.
extension Commands {
    /// `--expect-head` as the library takes it: a whole hash or a prefix of 8 hex digits or more,
    /// lowercased. Anything else is a usage error (exit 64): it cannot be anyone's head, and
    /// calling it "someone appended since" sent users looking for an append that never was.
    func expectedHead() throws(CommandFailure) -> String? {
        guard let text = invocation.option("expect-head") else { return nil }
        guard let prefix = HeadPrefix(text) else {
            throw usageError("The value '\(text)' is invalid for '--expect-head <hash>': expected a record's hash, 64 hex digits, or a prefix of it of at least \(HeadPrefix.minimumDigits) (ledger head prints the head)")
        }
        return prefix.digits
    }

    func head() throws(CommandFailure) {
        let ledger = try openForQueries()
        let last = ledger.lastRecord
        if format == "json" {
            print(json: .object([
                ("head", .string(ledger.head)), ("records", .number(String(ledger.numberOfRecords))),
                ("record", last.map { .string($0.id) } ?? .null), ("recorded", last.map { .string($0.recorded.description) } ?? .null),
            ]))
        } else {
            Output.out(ledger.head)
        }
    }

    func timeline() throws(CommandFailure) {
        let ledger = try openForQueries()
        let (id, known) = (invocation.argument("id") ?? "", try knownAt)
        let timeline = try ask { () throws(QueryError) in try ledger.timeline(of: id, knownAt: known) }
        if format == "json" { return print(json: timeline.json) }
        Output.out(TextOutput.timeline(timeline))
    }
}
