import ArgumentParsing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Output to a closed pipe (`ledger … | head`) must end quietly, not kill the process with SIGPIPE.
signal(SIGPIPE, SIG_IGN)
// A file-size limit (`ulimit -f`) must fail the write that exceeds it, which the append then
// rolls back and a cache write shrugs off, not kill the process mid-batch.
signal(SIGXFSZ, SIG_IGN)

let parser = CommandLineParser(
    root: CommandTree.root, version: CommandTree.version, globalOptions: [CommandTree.ledgerOption],
    helpTopics: CommandTree.helpTopics)

do {
    switch try parser.parse(Array(CommandLine.arguments.dropFirst())) {
    case .help(let text):
        print(text)
        exit(ExitCode.success)
    case .version(let text):
        print(text)
        exit(ExitCode.success)
    case .run(let invocation):
        // The one variable the commands read, by getenv: copying the whole environment into a
        // dictionary is a measurable part of a point query's few milliseconds.
        let environment = getenv("LEDGER").map { ["LEDGER": String(cString: $0)] } ?? [:]
        try Commands(invocation: invocation, environment: environment, parser: parser).run()
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
