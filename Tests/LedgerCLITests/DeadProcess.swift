import Foundation

/// Pids for temporary files "left by a killed writer" and for guessing a writer's pid.
enum DeadProcess {
    /// The pid of a process that has run and been reaped: `kill(pid, 0)` fails with ESRCH for it
    /// until the system hands the pid out again.
    static func pid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// Whether a process with `pid` exists (ESRCH is the only answer that says none does).
    static func isLive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno != ESRCH }
}
