/// How many live sub-units a unit has and how many tasks it holds: what the rules need to know of
/// a unit before it may be dissolved (`RuleEngine`), and what the index keeps of each unit after
/// its last record (`CompactTimelines.finalCounts()`), so a dissolution appended later is checked
/// without the rest of the organisation.
struct UnitCounts: Hashable, Sendable {
    var liveSubUnits: Int32
    var heldTasks: Int32
}
