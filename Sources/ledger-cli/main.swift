import ArgumentParsing
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Output to a closed pipe (`ledger … | head`) must end quietly, not kill the process with SIGPIPE.
signal(SIGPIPE, SIG_IGN)

let parser = CommandLineParser(
    root: CommandTree.root, version: CommandTree.version, globalOptions: [CommandTree.ledgerOption])

do {
    switch try parser.parse(Array(CommandLine.arguments.dropFirst())) {
    case .help(let text):
        print(text)
        exit(ExitCode.success)
    case .version(let text):
        print(text)
        exit(ExitCode.success)
    case .run(let invocation):
        try Commands(invocation: invocation, environment: ProcessInfo.processInfo.environment, parser: parser).run()
        exit(ExitCode.success)
    }
} catch let error as CommandLineError {
    Output.err(error.description)
    exit(CommandLineError.exitCode)
} catch let failure as CommandFailure {
    Output.err(failure.message)
    exit(failure.code)
} catch {
    Output.err("Error: \(error)")
    exit(ExitCode.badInput)
}
