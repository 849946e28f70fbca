import FoundationEssentials

/// A crash on purpose, for the crash tests: with `LEDGER_FAULT_TORN_WRITE=N` in the environment,
/// an append writes only the first N bytes of its batch and the process dies at once, as if the
/// power failed mid-write. Killing a process at random rarely lands inside the one `write` call,
/// so this makes the torn-tail path testable.
enum FaultInjection {
    static let tornWriteBytes: Int? = ProcessInfo.processInfo.environment["LEDGER_FAULT_TORN_WRITE"].flatMap(Int.init)
}
