#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value threads share, read and changed only while holding its lock.
///
/// A POSIX mutex, not `Synchronization.Mutex`: on Linux the latter's lock is compiled into the
/// toolchain without ThreadSanitizer's instrumentation, so `swift test --sanitize=thread` reports
/// a race on every value it guards. `pthread_mutex_lock` is one the sanitizer knows, so a race it
/// reports here is a real one. Uncontended, both cost an atomic exchange.
final class Locked<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is touched only between locking and unlocking `mutex`, which stays at
    // one address for as long as this object lives.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` on the value, holding the lock.
    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
