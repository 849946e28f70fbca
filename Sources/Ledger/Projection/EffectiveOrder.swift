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
        var decider: [Int: Int] = [:]
        for position in 0..<count {
            switch target(position) {
            case .none: continue
            case let .corrects(at), let .retracts(at): decider[at] = position
            }
        }
        var withdrawnBy = decider
        if !decider.isEmpty {
            for position in 0..<count {
                guard case let .corrects(at) = target(position), let decisive = decider[at], decisive != position else { continue }
                withdrawnBy[position] = decisive
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
}
