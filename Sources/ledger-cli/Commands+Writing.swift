import FoundationEssentials
import Ledger

/// The commands that write or check the file: append, verify, repair.
extension Commands {
    func append() throws(CommandFailure) {
        let expectHead = try expectedHead()
        let input: Data
        let file = invocation.argument("file") ?? "-"
        if file == "-" {
            do { input = Data(try StandardStreams.readInput()) } catch {
                throw CommandFailure(message: "Error: \(error)", code: ExitCode.badInput)
            }
        } else {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure(message: "Error: cannot read '\(file)'", code: ExitCode.badInput)
            }
            input = data
        }
        let bodies: [RecordBatch.Entry]
        let vocabulary = Vocabulary.standard.allowing(kinds: list("allow-kind"), types: list("allow-type"))
        do { bodies = try RecordBatch.entries(input, vocabulary: vocabulary) } catch {
            throw CommandFailure(message: "Error: \(file == "-" ? "<stdin>" : file): \(error)", code: ExitCode.badInput)
        }
        let dryRun = invocation.flag("dry-run")
        let outcome: AppendOutcome
        do {
            outcome = try LedgerAppender.append(
                bodies, to: ledgerPath, expectHead: expectHead, dryRun: dryRun)
        } catch {
            let code: Int32
            switch error {
            case .headMoved, .headNotFound: code = ExitCode.conflict
            case .integrity(let error): code = error.isBadInput ? ExitCode.badInput : ExitCode.integrity
            case .io: code = ExitCode.badInput
            case .malformed, .refused, .conflictingID: code = ExitCode.badInput
            }
            throw CommandFailure(message: "Error: \(error)", code: code)
        }
        if format == "json" {
            var members: [(key: String, value: JSONValue)] = [
                ("dryRun", .bool(dryRun)),
                ("stored", .array(outcome.stored.map { r in
                    .object([("seq", .number(String(r.seq))), ("id", .string(r.id)), ("hash", .string(r.hash)),
                             ("recorded", .string(r.recorded.description))])
                })),
                ("alreadyPresent", .array(outcome.alreadyPresent.map(JSONValue.string))),
                ("head", .string(outcome.head)),
            ]
            if dryRun {
                members.append(("diff", outcome.diff.json))
                members.append(("affected", outcome.affected?.json ?? .null))
            }
            print(json: .object(members))
            return
        }
        var lines: [String] = []
        for record in outcome.stored {
            lines.append("\(dryRun ? "would store" : "stored") seq \(record.seq)  \(record.id)  \(record.hash)")
        }
        for id in outcome.alreadyPresent { lines.append("already present  \(id)") }
        if dryRun {
            lines.append("")
            lines.append(TextOutput.diff(outcome.diff))
            if let affected = outcome.affected {
                lines.append("")
                lines.append(TextOutput.affected(affected))
            }
            lines.append("Dry run: nothing was written.")
        } else {
            lines.append("head \(outcome.head)")
        }
        Output.out(lines.joined(by: "\n"))
    }

    func verify() throws(CommandFailure) {
        let expectHead = try expectedHead()
        let report: VerificationReport
        do {
            report = try LedgerVerification.verify(path: ledgerPath, expectHead: expectHead,
                                               index: invocation.flag("index") ? .rebuildAndCompare : .checkAsQueriesDo)
        } catch {
            if format == "json" {
                print(json: .object([("ok", .bool(false)), ("error", .string(error.description))]))
            }
            throw ledgerFailure(error)
        }
        let indexVerdict: (code: JSONValue, detail: JSONValue) = report.index.map { (.string($0.code), .string($0.description)) } ?? (.null, .null)
        if case .rebuilt? = report.index {
            // The ledger holds; a cache beside it did not. Scripts must notice, so it is a failure.
            let message = "the ledger is intact (\(report.records) records, head \(report.head)), but its index \(report.index!); something beside the ledger damaged or forged it"
            if format == "json" {
                print(json: .object([("ok", .bool(false)), ("error", .string(message)), ("index", indexVerdict.code), ("indexDetail", indexVerdict.detail)]))
            }
            throw CommandFailure(message: "Error: \(ledgerPath): \(message)", code: ExitCode.integrity)
        }
        if format == "json" {
            print(json: .object([
                ("ok", .bool(true)), ("records", .number(String(report.records))), ("head", .string(report.head)),
                ("expectedHeadSeq", report.expectedHeadSeq.map { .number(String($0)) } ?? .null),
                ("index", indexVerdict.code), ("indexDetail", indexVerdict.detail),
            ]))
        } else {
            var text = "ok: \(report.records) records, chain intact, every rule holds"
            if let index = report.index, index != .absent { text += "; index \(index)" }
            text += "; head \(report.head)"
            if let seq = report.expectedHeadSeq { text += "\nexpected head found at seq \(seq)" }
            Output.out(text)
        }
    }

    func repair() throws(CommandFailure) {
        let outcome: RepairOutcome
        do { outcome = try LedgerRepair.repair(path: ledgerPath) } catch {
            if case .integrity(let error) = error { throw ledgerFailure(error) }
            throw CommandFailure(message: "Error: \(ledgerPath): \(error)", code: ExitCode.badInput)
        }
        if outcome.rolledBack {
            let records = outcome.removed.count(where: { $0 == 0x0A })
            Output.out("rolled back an interrupted append that was never acknowledged: removed \(outcome.removedBytes) bytes (\(records) complete lines) at byte offset \(outcome.offset)\n\(outcome.records) committed records kept")
        } else if outcome.removedBytes == 0 {
            Output.out("nothing to repair: \(outcome.records) complete records, no incomplete final line")
        } else {
            let preview = String(decoding: outcome.removed.prefix(120), as: UTF8.self)
            Output.out("removed an incomplete final line: \(outcome.removedBytes) bytes at byte offset \(outcome.offset): \(preview)\(outcome.removed.count > 120 ? "…" : "")\n\(outcome.records) complete records kept")
        }
    }
}
