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
        case "correct": try correct()
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
        case "offices": try offices()
        case "sources": try sources()
        case "search": try search()
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
        let date: ValidDate
        do { date = try ValidDate(parsing: text) } catch {
            throw usageError("The value '\(text)' is invalid for '--\(name) <date>': \(error)")
        }
        // A question is asked about one day; the sources' uncertainty belongs in records.
        guard date.isExact else {
            throw usageError("The value '\(text)' is invalid for '--\(name) <date>': expected YYYY, YYYY-MM or YYYY-MM-DD, not \(date.wording)")
        }
        return date
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

    /// The ledger, for every question: through its index when that is current. Questions the
    /// index does not hold (records and their sources, an earlier `--known-at`) read it in full.
    func openForQueries() throws(CommandFailure) -> any LedgerQuerying {
        let ledger: any LedgerQuerying
        do { ledger = try LedgerStore.openForQueries(path: ledgerPath) } catch { throw ledgerFailure(error) }
        OpenLedgers.keep(ledger)
        return ledger
    }

    func ask<T>(_ question: () throws(QueryError) -> T) throws(CommandFailure) -> T {
        do { return try question() } catch { throw failure(error) }
    }

    /// `ask`, naming the nearest ids when the question names one the ledger does not know.
    func ask<T>(_ ledger: some LedgerQuerying, _ question: () throws(QueryError) -> T) throws(CommandFailure) -> T {
        do { return try question() } catch { throw suggesting(error, in: ledger) }
    }

    func failure(_ error: QueryError) -> CommandFailure {
        if case .integrity = error {
            return CommandFailure(message: "Error: \(ledgerPath): \(error)", code: ExitCode.integrity)
        }
        return CommandFailure(message: "Error: \(error)", code: ExitCode.badInput)
    }

    func print(json: JSONValue) { Output.json { (writer) throws(IOFailure) in try writer.write(json) } }

    /// `{at, <key>: [row], uncertain: [uncertainty]}`, each row turned into JSON only as it is written.
    func print<Row>(_ rows: [Row], as key: String, at date: ValidDate, uncertain: [DateUncertainty], json: (Row) -> JSONValue) {
        Output.json { (writer) throws(IOFailure) in
            let head: [(key: String, value: JSONValue)] = [("at", .string(date.description)), ("uncertain", .array(uncertain.map(\.json)))]
            try writer.object(head, streaming: key) { (writer) throws(IOFailure) in
                try writer.array(rows, json)
            }
        }
    }

    // MARK: Queries

    func responsible() throws(CommandFailure) {
        let ledger = try openForQueries()
        let task = invocation.argument("task") ?? ""
        let (date, known) = (try at, try knownAt)
        let answer = try ask(ledger) { () throws(QueryError) in try ledger.responsible(task, at: date, knownAt: known) }
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
        let chart = try ask(ledger) { () throws(QueryError) in try ledger.orgChart(at: date, root: root, knownAt: known) }
        let offices = invocation.flag("offices")
            ? try ask(ledger) { () throws(QueryError) in try ledger.offices(at: date, filter: OfficeFilter(unit: root), knownAt: known) }
            : []
        switch format {
        case "json": Output.json { (writer) throws(IOFailure) in try chart.writeJSON(to: &writer) }
        case "dot": Output.out(chart.dot(showTasks: invocation.flag("tasks"), offices: offices))
        default: Output.out(TextOutput.orgChart(chart, showTasks: invocation.flag("tasks"), offices: offices))
        }
    }

    func responsibilities() throws(CommandFailure) {
        let ledger = try openForQueries()
        let (date, known, unit) = (try at, try knownAt, invocation.option("unit"))
        let rows = try ask(ledger) { () throws(QueryError) in try ledger.responsibilities(at: date, unit: unit, knownAt: known) }
        let uncertain = try ask { () throws(QueryError) in try ledger.uncertainties(at: date, knownAt: known) }
        switch format {
        case "json": print(rows, as: "tasks", at: date, uncertain: uncertain, json: \.json)
        case "csv": Output.text { (output) throws(IOFailure) in try CSV.writeResponsibilities(rows, at: date, to: &output) }
        default: Output.text { (output) throws(IOFailure) in
            try TextOutput.writeAssignments(rows, at: date, to: &output)
            if let text = TextOutput.uncertainty(uncertain, at: date) { try output.append("\n\n" + text) }
        }
        }
    }

    func units() throws(CommandFailure) {
        let ledger = try openForQueries()
        let (date, known) = (try at, try knownAt)
        let rows = try ask { () throws(QueryError) in try ledger.units(at: date, knownAt: known) }
        let uncertain = try ask { () throws(QueryError) in try ledger.uncertainties(at: date, knownAt: known) }
        switch format {
        case "json": print(rows, as: "units", at: date, uncertain: uncertain, json: \.json)
        case "csv": Output.out(CSV.units(rows, at: date))
        default: Output.out(TextOutput.units(rows, at: date) + (TextOutput.uncertainty(uncertain, at: date).map { "\n\n" + $0 } ?? ""))
        }
    }

    func tasks() throws(CommandFailure) {
        let ledger = try openForQueries()
        let (date, known) = (try at, try knownAt)
        let rows = try ask { () throws(QueryError) in try ledger.tasks(at: date, knownAt: known) }
        let uncertain = try ask { () throws(QueryError) in try ledger.uncertainties(at: date, knownAt: known) }
        switch format {
        case "json": print(rows, as: "tasks", at: date, uncertain: uncertain, json: \.json)
        case "csv": Output.text { (output) throws(IOFailure) in try CSV.writeResponsibilities(rows, at: date, to: &output) }
        default:
            Output.text { (output) throws(IOFailure) in
                try TextOutput.writeAssignments(rows, at: date, to: &output)
                if let text = TextOutput.uncertainty(uncertain, at: date) { try output.append("\n\n" + text) }
            }
        }
    }

    func history() throws(CommandFailure) {
        let ledger = try openForQueries()
        let (id, from, to, known) = (invocation.argument("id"), try date("from"), try date("to"), try knownAt)
        if let id {
            let history = try ask(ledger) { () throws(QueryError) in try ledger.history(of: id, from: from, to: to, knownAt: known) }
            return writeHistory(subject: id) { (write) throws(IOFailure) in
                for entry in history.entries { try write(entry) }
            }
        }
        // The whole ledger's history is written as it is read: it is never held whole (at 10⁶
        // records it is gigabytes of records).
        try stream({ (body) throws(QueryError) in try ledger.eachHistoryEntry(from: from, to: to, knownAt: known, body) },
                   through: { writeHistory(subject: nil, $0) })
    }

    /// Writes the entries `each` hands over through `writer` as they come, not holding them; a
    /// failure on the way ends the output where it is, and is then reported.
    private func stream<Entry>(_ each: @escaping ((Entry) -> Bool) throws(QueryError) -> Void,
                               through writer: (((Entry) throws(IOFailure) -> Void) throws(IOFailure) -> Void) -> Void) throws(CommandFailure) {
        var failure: QueryError?
        writer { (write) throws(IOFailure) in
            var broken: IOFailure?
            do throws(QueryError) {
                try each { entry in
                    do throws(IOFailure) { try write(entry) } catch {
                        broken = error
                        return false
                    }
                    return true
                }
            } catch {
                failure = error
            }
            if let broken { throw broken }
        }
        if let failure { throw self.failure(failure) }
    }

    /// A history in the format asked, its entries written one at a time as `entries` hands them to
    /// its argument.
    private func writeHistory(subject: String?,
                              _ entries: ((EntityHistory.Entry) throws(IOFailure) -> Void) throws(IOFailure) -> Void) {
        switch format {
        case "json":
            Output.json { (writer) throws(IOFailure) in
                try writer.object([("subject", subject.map(JSONValue.string) ?? .null)], streaming: "records") { (writer) throws(IOFailure) in
                    writer.beginArray()
                    try entries { (entry) throws(IOFailure) in try writer.write(entry.json) }
                    try writer.endArray()
                }
            }
        case "csv":
            Output.text { (output) throws(IOFailure) in
                try output.append(CSV.historyHeader)
                try entries { (entry) throws(IOFailure) in try output.append(CSV.historyLine(entry)) }
            }
        default:
            Output.text { (output) throws(IOFailure) in
                var writer = TextOutput.HistoryWriter(subject: subject)
                try entries { (entry) throws(IOFailure) in try writer.write(entry, to: &output) }
                try writer.finish(to: &output)
            }
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
            throw suggesting(.unknownRecord(id), in: ledger)
        }
        let withdrawal = ledger.withdrawal(of: id)
        format == "json" ? print(json: record.json(withdrawal: withdrawal)) : Output.out(TextOutput.record(record, withdrawal: withdrawal))
    }
}

extension Commands {
    func search() throws(CommandFailure) {
        let ledger = try openForQueries()
        let text = invocation.argument("text") ?? ""
        let (date, known) = (try date("at"), try knownAt)
        guard let limit = Int(invocation.option("limit") ?? "20"), limit > 0 else {
            throw usageError("The value '\(invocation.option("limit") ?? "")' is invalid for '--limit <n>': expected a whole number above 0")
        }
        let results = try ask { () throws(QueryError) in try ledger.search(text, at: date, limit: limit, knownAt: known) }
        format == "json" ? print(json: results.json(at: date)) : Output.out(TextOutput.search(results, at: date))
    }

    /// `error` with the nearest ids and the search to try, for an id the ledger does not know.
    func suggesting(_ error: QueryError, in ledger: some LedgerQuerying) -> CommandFailure {
        let (id, kinds): (String, Set<SearchResults.Hit.Kind>)
        switch error {
        case .unknownTask(let task): (id, kinds) = (task, [.task])
        case .unknownUnit(let unit): (id, kinds) = (unit, [.unit])
        case .unknownRecord(let record): (id, kinds) = (record, [.record])
        case .unknownID(let any): (id, kinds) = (any, Set(SearchResults.Hit.Kind.allCases))
        default: return failure(error)
        }
        let near = (try? ledger.suggestions(for: id, kinds: kinds)) ?? []
        let mean = near.isEmpty ? "" : "; did you mean " + near.map { "'\($0)'" }.joined(separator: ", ") + "?"
        let word = TextFolding.fold(id).split(separator: " ").first.map(String.init) ?? ""
        let search = word.isEmpty ? "" : " ('ledger search \(word)' searches names and titles)"
        return CommandFailure(message: "Error: \(error)\(mean)\(search)", code: ExitCode.badInput)
    }

    func sources() throws(CommandFailure) {
        let ledger = try openForQueries()
        let (filter, known) = (SourceFilter(url: invocation.option("url"), seed: invocation.option("seed")), try knownAt)
        if filter.url != nil || filter.seed != nil {
            // A filter that finds nothing is an error, said before anything is written.
            let cited = try ask { () throws(QueryError) in try ledger.sources(filter, knownAt: known) }
            if cited.entries.isEmpty {
                let which = filter.url.map { "with URL '\($0)'" } ?? "with seed '\(filter.seed ?? "")'"
                throw CommandFailure(message: "Error: no record cites a source \(which); 'ledger sources' lists them", code: ExitCode.badInput)
            }
            return writeSources { (write) throws(IOFailure) in
                for entry in cited.entries { try write(entry) }
            }
        }
        // Every source is written as its entry is made: the whole answer is never held (at 10⁶
        // records it is over a gigabyte).
        try stream({ (body) throws(QueryError) in try ledger.eachSourceEntry(filter, knownAt: known, body) }, through: writeSources)
    }

    /// The sources in the format asked, their entries written one at a time as `entries` hands
    /// them to its argument.
    private func writeSources(_ entries: ((SourceCitations.Entry) throws(IOFailure) -> Void) throws(IOFailure) -> Void) {
        guard format == "json" else {
            return Output.text { (output) throws(IOFailure) in
                var writer = TextOutput.SourcesWriter()
                try entries { (entry) throws(IOFailure) in try writer.write(entry, to: &output) }
                try writer.finish(to: &output)
            }
        }
        Output.json { (writer) throws(IOFailure) in
            try writer.object([], streaming: "sources") { (writer) throws(IOFailure) in
                writer.beginArray()
                try entries { (entry) throws(IOFailure) in try writer.write(entry.json) }
                try writer.endArray()
            }
        }
    }

    func offices() throws(CommandFailure) {
        let ledger = try openForQueries()
        let (date, known) = (try at, try knownAt)
        let filter = OfficeFilter(unit: invocation.option("unit"), role: invocation.option("role"), person: invocation.option("person"))
        let rows = try ask(ledger) { () throws(QueryError) in try ledger.offices(at: date, filter: filter, knownAt: known) }
        let uncertain = try ask { () throws(QueryError) in try ledger.uncertainties(at: date, knownAt: known) }
        switch format {
        case "json": print(rows, as: "offices", at: date, uncertain: uncertain, json: \.json)
        case "csv": Output.out(CSV.offices(rows, at: date))
        default: Output.out(TextOutput.offices(rows, at: date) + (TextOutput.uncertainty(uncertain, at: date).map { "\n\n" + $0 } ?? ""))
        }
    }
}

/// What the command opened stays open until the process exits (which follows the command at
/// once): unmapping an index of a million records cost a tenth of a point query, and the kernel
/// frees it at exit anyway.
enum OpenLedgers {
    nonisolated(unsafe) private static var kept: [any LedgerQuerying] = []
    static func keep(_ ledger: any LedgerQuerying) { kept.append(ledger) }
}
