import Ledger

/// `ledger init`, `new`, `correct` and `schema`: ask the library and print.
extension Commands {
    func new() throws(CommandFailure) {
        let type = invocation.argument("type") ?? "decision"
        do { Output.out(try RecordTemplate.text(type: type, operations: invocation.argumentValues("operations"))) } catch {
            throw CommandFailure(message: "Error: \(error)", code: ExitCode.badInput)
        }
    }

    func correct() throws(CommandFailure) {
        let ledger = try openForQueries()
        let id = invocation.argument("record-id") ?? ""
        let template: CorrectionTemplate
        do { template = try CorrectionTemplate(correcting: id, in: ledger) } catch {
            if case .unknownRecord = error { throw suggesting(.unknownRecord(id), in: ledger) }
            throw CommandFailure(message: "Error: \(error)", code: ExitCode.badInput)
        }
        // The template alone on stdout, to be saved; what the author should know beside it.
        if let remark = template.remark { Output.err("Note: \(remark).") }
        Output.out(template.text)
    }

    func schema() { Output.out(PrettyJSON.string(of: RecordFormat.jsonSchema)) }

    func initialize() throws(CommandFailure) {
        let path = invocation.argument("path") ?? ledgerPath
        let created: LedgerCreation
        do { created = try LedgerCreation.create(path: path) } catch {
            throw CommandFailure(message: "Error: \(error)", code: ExitCode.badInput)
        }
        var lines = created.createdDirectories.map { "created directory \($0)/" }
        lines.append("created an empty ledger at \(path)")
        // The next command must find it: name the option when it is not where commands look
        // without one.
        let pointer = path == (environment["LEDGER"] ?? LedgerFile.defaultPath) ? "" : " --ledger \(path)"
        lines.append("next: 'ledger new baseline establishUnit > first.json' prints a record to fill in ('ledger help format' explains every field);")
        lines.append("then 'ledger\(pointer) append first.json --dry-run', 'ledger\(pointer) append first.json' and 'ledger\(pointer) verify'")
        Output.out(lines.joined(by: "\n"))
    }

    /// A failure to open or read the ledger, as the command line reports it: the ledger's path
    /// first, except where the message names the path itself (a missing ledger).
    func ledgerFailure(_ error: IntegrityError) -> CommandFailure {
        let code = error.isBadInput ? ExitCode.badInput : ExitCode.integrity
        if case .noLedger = error { return CommandFailure(message: "Error: \(error)", code: code) }
        return CommandFailure(message: "Error: \(ledgerPath): \(error)", code: code)
    }
}
