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
            let (date, known, options) = (try at, try knownAt, try pageOptions)
            let page = try ask { () throws(QueryError) in try HTMLExport(ledger: ledger, at: date, knownAt: known, options: options) }
            document = page.document
        case "jsonld":
            let language = invocation.option("lang") ?? "de"
            guard JSONLDExport.isLanguageTag(language) else {
                throw usageError("The value '\(language)' is invalid for '--lang <tag>': expected a BCP 47 language tag such as de, en or fr-CH")
            }
            let known = try knownAt
            let export = try ask { () throws(QueryError) in try JSONLDExport(ledger: ledger, language: language, knownAt: known) }
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

    /// `--title` and `--lang` of `export html`; a title of nothing but spaces is a usage error.
    var pageOptions: HTMLExport.Options {
        get throws(CommandFailure) {
            let language = invocation.option("lang").flatMap(PageLanguage.init(rawValue:)) ?? .german
            guard let title = invocation.option("title") else { return HTMLExport.Options(language: language) }
            guard title.contains(where: { !$0.isWhitespace }) else {
                throw usageError("The value '\(title)' is invalid for '--title <text>': a title needs at least one character that is not a space")
            }
            return HTMLExport.Options(title: title, language: language)
        }
    }
}
