/// One line of the responsibility map: a task and the unit holding it on a date.
public struct TaskAssignment: Hashable, Sendable {
    public var task: TaskID
    public var title: String
    /// Nil when nobody held the task.
    public var unit: UnitSummary?
    public var since: ValidDate?
    public var record: RecordID?

    public init(task: TaskID, title: String, unit: UnitSummary?, since: ValidDate?, record: RecordID?) {
        self.task = task
        self.title = title
        self.unit = unit
        self.since = since
        self.record = record
    }
}

extension OrgSnapshot {
    /// Every task defined on the date with its holder, sorted by task id. With `unit`, only tasks
    /// held by that unit or a unit inside it.
    public func responsibilityMap(within unitID: UnitID? = nil) -> [TaskAssignment] {
        responsibilityMap(within: unitID) { each in forEachTask(each) }
    }

    /// `responsibilityMap(within:)` of the tasks `tasks` hands to its argument in id order, their
    /// holders looked up here: for a source that reads tasks one at a time rather than hold a
    /// million of them (the index). `expectedCount` sizes the rows at once, as growing them by
    /// doubling would hold the old and the new array together.
    func responsibilityMap<Failure: Error>(within unitID: UnitID?, expectedCount: Int = 0,
                                           tasks: ((TaskState) -> Void) throws(Failure) -> Void) throws(Failure) -> [TaskAssignment] {
        var rows: [TaskAssignment] = []
        if unitID == nil { rows.reserveCapacity(expectedCount) }
        try tasks { task in
            let holder = task.holder.flatMap { unit($0) }
            if let unitID {
                guard let holder, path(from: holder.id).contains(where: { $0.unit.id == unitID }) else { return }
            }
            rows.append(TaskAssignment(
                task: task.id, title: task.title, unit: holder.map(UnitSummary.init), since: task.heldSince, record: task.heldBy))
        }
        return rows
    }

    /// Every live unit on the date with its parent, sorted by id.
    public func unitList() -> [UnitListing] {
        unitIDs.compactMap { id in
            liveUnit(id).map { UnitListing(unit: UnitSummary($0), parent: $0.parent, relation: $0.parent == nil ? nil : $0.relation, established: $0.established) }
        }
    }
}

/// A unit in the `units` listing.
public struct UnitListing: Hashable, Sendable {
    public var unit: UnitSummary
    public var parent: UnitID?
    public var relation: Relation?
    public var established: ValidDate

    public init(unit: UnitSummary, parent: UnitID?, relation: Relation?, established: ValidDate) {
        self.unit = unit
        self.parent = parent
        self.relation = relation
        self.established = established
    }
}
