import Ledger

/// `ledger generate`.
extension Commands {
    func generate() throws(CommandFailure) {
        throw CommandFailure(message: "Error: generate is not built yet", code: ExitCode.badInput)
    }
}
