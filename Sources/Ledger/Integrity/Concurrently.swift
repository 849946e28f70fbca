import Dispatch

/// Two pieces of work at once, on two cores where there are two.
enum Concurrently {
    /// Runs `first` and `second` at the same time and returns when both are done. They must touch
    /// disjoint state: nothing here guards what they share.
    static func run(_ first: () -> Void, _ second: () -> Void) {
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                nonisolated(unsafe) let work = (first, second)
                DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? work.0() : work.1() }
            }
        }
    }
}
