import Ledger

/// `ledger export html|jsonld`.
extension Commands {
    func export() throws(CommandFailure) {
        throw CommandFailure(message: "Error: export is not built yet", code: ExitCode.badInput)
    }
}
