import FoundationEssentials
import Ledger

/// `ledger export html|jsonld`: asks the library for the document and writes it to `--out` or stdout.
extension Commands {
    func export() throws(CommandFailure) {
        // Checked first: a refused path costs no reading of the ledger.
        let path = invocation.option("out")
        if let path { try checkOutput(path, for: .export) }
        let ledger = try openForQueries()
        let document: String
        switch invocation.commandPath.dropFirst().first {
        case "html":
            let date = try at
            let page = try ask { () throws(QueryError) in try HTMLExport(ledger: ledger, at: date) }
            document = page.document
        case "jsonld":
            let export = try ask { () throws(QueryError) in try JSONLDExport(ledger: ledger) }
            document = PrettyJSON.string(of: export.json) + "\n"
        default:
            throw usageError("Missing expected subcommand: html or jsonld")
        }
        guard let path else {
            Output.out(document)
            return
        }
        do {
            try AtomicFile.write(Array(document.utf8), to: path)
        } catch {
            throw CommandFailure(message: "Error: \(error)", code: ExitCode.badInput)
        }
    }
}
