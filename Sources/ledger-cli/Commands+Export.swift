import FoundationEssentials
import Ledger

/// `ledger export html|jsonld`: asks the library for the document and writes it to `--out` or stdout.
extension Commands {
    func export() throws(CommandFailure) {
        // Checked first: a refused path costs no reading of the ledger.
        let path = invocation.option("out")
        if let path { try checkOutput(path, for: .export) }
        let ledger = try openForQueries()
        // The document is written as it is made, to the file or to stdout, never held whole as
        // text (for a large ledger it is hundreds of MB).
        let write: (_ sink: @escaping ([UInt8]) throws(IOFailure) -> Void) throws(IOFailure) -> Void
        switch invocation.commandPath.dropFirst().first {
        case "html":
            let (date, known, options) = (try at, try knownAt, try pageOptions)
            let page = try ask { () throws(QueryError) in try HTMLExport(ledger: ledger, at: date, knownAt: known, options: options) }
            write = { (sink) throws(IOFailure) in try page.write(to: sink) }
        case "jsonld":
            let language = invocation.option("lang") ?? "de"
            guard JSONLDExport.isLanguageTag(language) else {
                throw usageError("The value '\(language)' is invalid for '--lang <tag>': expected a BCP 47 language tag such as de, en or fr-CH")
            }
            let known = try knownAt
            let export = try ask { () throws(QueryError) in try JSONLDExport(ledger: ledger, language: language, knownAt: known) }
            write = { (sink) throws(IOFailure) in try export.write(to: sink) }
        default:
            throw usageError("Missing expected subcommand: html or jsonld")
        }
        guard let path else { return Output.bytes(write) }
        do {
            try AtomicFile.write(to: path, write)
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
