import Foundation

/// The pid of a process that has run and been reaped, for temporary files "left by a killed
/// writer": `kill(pid, 0)` fails with ESRCH for it until the system hands the pid out again.
enum DeadProcess {
    static func pid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}
