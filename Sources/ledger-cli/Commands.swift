import ArgumentParsing
import FoundationEssentials
import Ledger

/// Runs one parsed command: reads options, asks the library, prints. No logic of its own.
struct Commands {
    let invocation: Invocation
    let environment: [String: String]
    let parser: CommandLineParser

    var ledgerPath: String {
        invocation.option("ledger") ?? environment["LEDGER"] ?? LedgerFile.defaultPath
    }

    var format: String { invocation.option("format") ?? "text" }

    func run() throws(CommandFailure) {
        switch invocation.commandPath.first {
        case "init": try initialize()
        case "new": try new()
        case "schema": schema()
        case "head": try head()
        case "timeline": try timeline()
        case "responsible": try responsible()
        case "orgchart": try orgchart()
        case "responsibilities": try responsibilities()
        case "units": try units()
        case "tasks": try tasks()
        case "history": try history()
        case "diff": try diff()
        case "show": try show()
        case "append": try append()
        case "verify": try verify()
        case "repair": try repair()
        case "export": try export()
        case "generate": try generate()
        default: throw CommandFailure(message: "Error: unknown command", code: ExitCode.usage)
        }
    }

    // MARK: Reading options

    /// A value the parser accepted but the command cannot use, reported as swift-argument-parser
    /// reports a validation error.
    func usageError(_ message: String) -> CommandFailure {
        CommandFailure(message: parser.validationError(message, for: invocation.commandPath).description, code: ExitCode.usage)
    }

    func date(_ name: String) throws(CommandFailure) -> ValidDate? {
        guard let text = invocation.option(name) else { return nil }
        if text == "today" { return .today }
        do { return try ValidDate(parsing: text) } catch {
            throw usageError("The value '\(text)' is invalid for '--\(name) <date>': \(error)")
        }
    }

    /// A comma-separated option's values (`--allow-kind court,agency`).
    func list(_ name: String) -> [String] {
        (invocation.option(name) ?? "").split(separator: ",").map { String($0.filter { $0 != " " }) }.filter { !$0.isEmpty }
    }

    var at: ValidDate {
        get throws(CommandFailure) { try date("at") ?? .today }
    }

    var knownAt: TransactionTime {
        get throws(CommandFailure) {
            guard let text = invocation.option("known-at"), text != "now" else { return .distantFuture }
            do { return try TransactionTime(parsingQuery: text) } catch {
                throw usageError("The value '\(text)' is invalid for '--known-at <time>': \(error)")
            }
        }
    }

    /// Refuses (exit 1) to write `contents` at `--out` when the library's output rules say no:
    /// the ledger's own files, a non-regular file, a ledger, or someone else's file without `--force`.
    func checkOutput(_ path: String, for contents: OutputPath.Contents) throws(CommandFailure) {
        do { try OutputPath.check(path, for: contents, ledgerPath: ledgerPath, force: invocation.flag("force")) } catch {
            throw CommandFailure(message: "Error: \(error)", code: ExitCode.badInput)
        }
    }

    /// The whole ledger, read and checked: for questions about records (history).
    func openLedger() throws(CommandFailure) -> Ledger {
        do { return try Ledger.open(path: ledgerPath) } catch { throw ledgerFailure(error) }
    }

    /// The ledger for questions about the organisation: through its index when that is current.
    func openForQueries() throws(CommandFailure) -> any LedgerQuerying {
        let ledger: any LedgerQuerying
        do { ledger = try LedgerStore.openForQueries(path: ledgerPath) } catch { throw ledgerFailure(error) }
        OpenLedgers.keep(ledger)
        return ledger
    }

    func ask<T>(_ question: () throws(QueryError) -> T) throws(CommandFailure) -> T {
        do { return try question() } catch {
            if case .integrity = error {
                throw CommandFailure(message: "Error: \(ledgerPath): \(error)", code: ExitCode.integrity)
            }
            throw CommandFailure(message: "Error: \(error)", code: ExitCode.badInput)
        }
    }

    func print(json: JSONValue) { Output.json { (writer) throws(IOFailure) in try writer.write(json) } }

    /// `{at, <key>: [row]}`, each row turned into JSON only as it is written.
    func print<Row>(_ rows: [Row], as key: String, at date: ValidDate, json: (Row) -> JSONValue) {
        Output.json { (writer) throws(IOFailure) in
            try writer.object([("at", .string(date.description))], streaming: key) { (writer) throws(IOFailure) in
                try writer.array(rows, json)
            }
        }
    }

    // MARK: Queries

    func responsible() throws(CommandFailure) {
        let ledger = try openForQueries()
        let task = invocation.argument("task") ?? ""
        let (date, known) = (try at, try knownAt)
        let answer = try ask { () throws(QueryError) in try ledger.responsible(task, at: date, knownAt: known) }
        // Provenance reads the records behind the answer from the ledger file: only when shown.
        func provenance() throws(CommandFailure) -> [Provenance] {
            try ask { () throws(QueryError) in try ledger.provenance(of: answer, knownAt: known) }
        }
        if format == "json" {
            let provenance = try provenance()
            guard case .object(var members) = answer.json else { return }
            members.append(("provenance", .array(provenance.map(\.json))))
            print(json: .object(members))
        } else {
            let knownText = invocation.option("known-at").flatMap { $0 == "now" ? nil : $0 }
            var text = TextOutput.responsibility(answer, knownAt: knownText)
            if invocation.flag("explain") { text += "\n\n" + TextOutput.provenance(try provenance()) }
            Output.out(text)
        }
    }

    func orgchart() throws(CommandFailure) {
        let ledger = try openForQueries()
        let (date, known, root) = (try at, try knownAt, invocation.option("root"))
        let chart = try ask { () throws(QueryError) in try ledger.orgChart(at: date, root: root, knownAt: known) }
        switch format {
        case "json": Output.json { (writer) throws(IOFailure) in try chart.writeJSON(to: &writer) }
        case "dot": Output.out(chart.dot(showTasks: invocation.flag("tasks")))
        default: Output.out(TextOutput.orgChart(chart, showTasks: invocation.flag("tasks")))
        }
    }

    func responsibilities() throws(CommandFailure) {
        let ledger = try openForQueries()
        let (date, known, unit) = (try at, try knownAt, invocation.option("unit"))
        let rows = try ask { () throws(QueryError) in try ledger.responsibilities(at: date, unit: unit, knownAt: known) }
        switch format {
        case "json": print(rows, as: "tasks", at: date, json: \.json)
        case "csv": Output.text { (output) throws(IOFailure) in try CSV.writeResponsibilities(rows, at: date, to: &output) }
        default: Output.text { (output) throws(IOFailure) in try TextOutput.writeAssignments(rows, at: date, to: &output) }
        }
    }

    func units() throws(CommandFailure) {
        let ledger = try openForQueries()
        let (date, known) = (try at, try knownAt)
        let rows = try ask { () throws(QueryError) in try ledger.units(at: date, knownAt: known) }
        switch format {
        case "json": print(rows, as: "units", at: date, json: \.json)
        case "csv": Output.out(CSV.units(rows, at: date))
        default: Output.out(TextOutput.units(rows, at: date))
        }
    }

    func tasks() throws(CommandFailure) {
        let ledger = try openForQueries()
        let (date, known) = (try at, try knownAt)
        let rows = try ask { () throws(QueryError) in try ledger.tasks(at: date, knownAt: known) }
        switch format {
        case "json": print(rows, as: "tasks", at: date, json: \.json)
        case "csv": Output.text { (output) throws(IOFailure) in try CSV.writeResponsibilities(rows, at: date, to: &output) }
        default: Output.text { (output) throws(IOFailure) in try TextOutput.writeAssignments(rows, at: date, to: &output) }
        }
    }

    func history() throws(CommandFailure) {
        let ledger = try openLedger()
        let (id, from, to, known) = (invocation.argument("id"), try date("from"), try date("to"), try knownAt)
        let history = try ask { () throws(QueryError) in try ledger.history(of: id, from: from, to: to, knownAt: known) }
        switch format {
        case "json": print(json: history.json)
        case "csv": Output.out(CSV.history(history))
        default: Output.out(TextOutput.history(history))
        }
    }

    func diff() throws(CommandFailure) {
        let ledger = try openForQueries()
        guard let from = try date("from"), let to = try date("to") else {
            throw usageError("Missing expected argument '--from <date>'")
        }
        guard from.firstDay <= to.firstDay else {
            throw usageError("--from \(from) is after --to \(to); a diff runs forward in time: give the earlier date as --from")
        }
        let known = try knownAt
        let diff = try ask { () throws(QueryError) in try ledger.diff(from: from, to: to, knownAt: known) }
        format == "json" ? print(json: diff.json) : Output.out(TextOutput.diff(diff))
    }

    func show() throws(CommandFailure) {
        let ledger = try openForQueries()
        let id = invocation.argument("record-id") ?? ""
        guard let record = ledger.record(id) else {
            throw CommandFailure(message: "Error: \(QueryError.unknownRecord(id))", code: ExitCode.badInput)
        }
        format == "json" ? print(json: record.json) : Output.out(TextOutput.record(record))
    }
}

/// What the command opened stays open until the process exits (which follows the command at
/// once): unmapping an index of a million records cost a tenth of a point query, and the kernel
/// frees it at exit anyway.
enum OpenLedgers {
    nonisolated(unsafe) private static var kept: [any LedgerQuerying] = []
    static func keep(_ ledger: any LedgerQuerying) { kept.append(ledger) }
}
