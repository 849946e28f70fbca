/// The one rule that orders a ledger's records for replay, over positions so that records held
/// as values (`EffectiveHistory`) and as numbers (`CompactLedger`) are ordered by the same code:
///
/// - For each record targeted by corrections or retractions, the latest of them (by position)
///   decides: the target is withdrawn, and so is every other correction of it.
/// - The rest apply by effective day (its first day), and records effective on the same day in
///   ledger order.
enum EffectiveOrder {
    /// What record `position` corrects or retracts.
    enum Target {
        case none
        case corrects(Int)
        case retracts(Int)
    }

    /// The positions `0..<count` that apply, in the order they apply, and the withdrawn ones by
    /// the position that withdrew them. A target may lie past `count` (a record not in the list
    /// given), and is then withdrawn all the same. That a target is an earlier record is a record
    /// rule (`RecordRules`), checked apart.
    static func of(count: Int, day: (Int) -> Int32, target: (Int) -> Target) -> (order: [Int32], withdrawnBy: [Int: Int]) {
        var withdrawals = Withdrawals()
        for position in 0..<count { _ = withdrawals.add(position, target(position)) }
        // Each withdrawn record by the record that decides it now: a correction another one of
        // the same target superseded, by the target's decider; any other, by its own.
        var withdrawnBy: [Int: Int] = [:]
        for position in withdrawals.firstWithdrawnBy.keys {
            if position < count, case let .corrects(at) = target(position), let decisive = withdrawals.decider[at], decisive != position {
                withdrawnBy[position] = decisive
            } else {
                withdrawnBy[position] = withdrawals.decider[position]
            }
        }
        // By day, then ledger order, as one integer each: comparing them reads no record, and
        // records mostly come in effective order already, which the sort runs through.
        var keys: [UInt64] = []
        keys.reserveCapacity(count)
        for position in 0..<count where withdrawnBy.isEmpty || withdrawnBy[position] == nil {
            keys.append(UInt64(UInt32(bitPattern: day(position)) ^ 0x8000_0000) << 32 | UInt64(position))
        }
        keys.sort()
        return (keys.map { Int32(truncatingIfNeeded: $0) }, withdrawnBy)
    }

    /// Whether a record reaches back: it withdraws another (corrects or retracts), or takes
    /// effect before `latestDay`, the latest day a record before it takes effect on. Such a record
    /// can move answers given before it; any other only adds after them.
    static func reachesBack(withdrawing: Bool, day: Int, latestDay: Int) -> Bool {
        withdrawing || day < latestDay
    }
}

extension EffectiveOrder {
    /// The withdrawal rule of `of`, met record by record in ledger order: what a record withdraws
    /// the moment it is added, for the bitemporal index, which must know from which record on
    /// each record stopped counting (`CompactTimelines+Recording`). `of` runs it over the list.
    struct Withdrawals {
        /// For each target, the latest record that corrects or retracts it: it decides.
        private(set) var decider: [Int: Int] = [:]
        /// Each withdrawn record, by the record that first withdrew it.
        private(set) var firstWithdrawnBy: [Int: Int] = [:]
        private var corrections = Set<Int>()

        /// Adds record `position`, later in the ledger than every record added before, which
        /// corrects or retracts as `target` says; returns the records it withdraws that counted
        /// until it: its target (unless withdrawn already), and the correction that decided the
        /// target until now (a retraction that did withdraws nothing more by losing its say).
        mutating func add(_ position: Int, _ target: Target) -> [Int] {
            let at: Int
            switch target {
            case .none: return []
            case let .corrects(target):
                at = target
                corrections.insert(position)
            case let .retracts(target):
                at = target
            }
            var withdrawn: [Int] = []
            if firstWithdrawnBy[at] == nil {
                firstWithdrawnBy[at] = position
                withdrawn.append(at)
            }
            if let previous = decider[at], corrections.contains(previous), firstWithdrawnBy[previous] == nil {
                firstWithdrawnBy[previous] = position
                withdrawn.append(previous)
            }
            decider[at] = position
            return withdrawn
        }
    }
}
