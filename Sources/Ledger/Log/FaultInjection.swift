import FoundationEssentials

/// Failures on purpose, for the crash tests, set in the environment:
/// - `LEDGER_FAULT_TORN_WRITE=N`: an append writes only the first N bytes of its batch and the
///   process dies at once, as if the power failed mid-write (killing a process at random rarely
///   lands inside the one `write` call);
/// - `LEDGER_FAULT_NO_SPACE=N`: the batch's write fails with "No space left on device" after N
///   bytes, as on a full disk;
/// - `LEDGER_FAULT_PAUSE_MS=N`: an append writes half its batch, waits N milliseconds, then
///   writes the rest, so that readers meet an append in progress.
///
/// Compiled into debug (test) builds only: a release binary must not behave differently because
/// a variable is set in its environment.
enum FaultInjection {
    #if DEBUG
    static let tornWriteBytes = number("LEDGER_FAULT_TORN_WRITE")
    static let noSpaceAfterBytes = number("LEDGER_FAULT_NO_SPACE")
    static let pauseMilliseconds = number("LEDGER_FAULT_PAUSE_MS")

    private static func number(_ name: String) -> Int? { ProcessInfo.processInfo.environment[name].flatMap(Int.init) }
    #else
    static let tornWriteBytes: Int? = nil
    static let noSpaceAfterBytes: Int? = nil
    static let pauseMilliseconds: Int? = nil
    #endif
}
