/// What changed in the organisation between two valid dates: the difference of the two states,
/// not a list of records, so a change undone in between does not show.
public struct OrgDiff: Hashable, Sendable {
    public var from: ValidDate
    public var to: ValidDate
    public var established: [UnitSummary] = []
    public var dissolved: [UnitSummary] = []
    public var renamed: [Renaming] = []
    public var moved: [Move] = []
    public var tasksDefined: [TaskID] = []
    public var tasksMoved: [TaskMove] = []
    public var supervisionStarted: [Supervision] = []
    public var supervisionEnded: [Supervision] = []
    public var appointed: [Appointment] = []
    public var appointmentsEnded: [Appointment] = []
    /// The record behind each change listed, and the date it took effect (`OrgDiff+Causes`).
    public var causes: [Item: Cause] = [:]
    /// The records the states name for a change, before their dates are looked up.
    var recordsNamed: [Item: RecordID] = [:]

    /// A unit whose name or abbreviation changed.
    public struct Renaming: Hashable, Sendable {
        public var unit: UnitID
        public var before: String
        public var after: String
        public var abbreviationBefore: String?
        public var abbreviationAfter: String?
    }

    /// A unit whose parent, relation or kind changed.
    public struct Move: Hashable, Sendable {
        public var unit: UnitID
        public var parentBefore: UnitID?
        public var parentAfter: UnitID?
        public var relationBefore: Relation?
        public var relationAfter: Relation?
        public var kindBefore: UnitKind
        public var kindAfter: UnitKind
    }

    /// A task whose holder changed.
    public struct TaskMove: Hashable, Sendable {
        public var task: TaskID
        public var before: UnitID?
        public var after: UnitID?
    }

    /// Whether nothing changed.
    public var isEmpty: Bool {
        established.isEmpty && dissolved.isEmpty && renamed.isEmpty && moved.isEmpty && tasksDefined.isEmpty
            && tasksMoved.isEmpty && supervisionStarted.isEmpty && supervisionEnded.isEmpty && appointed.isEmpty
            && appointmentsEnded.isEmpty
    }

    /// Compares two snapshots of the same history.
    public init(from before: some OrgSnapshot, at fromDate: ValidDate, to after: some OrgSnapshot, at toDate: ValidDate) {
        self.init(from: before, at: fromDate, to: after, at: toDate) { each in
            for id in Set(before.taskIDs).union(after.taskIDs).sorted() { each(before.task(id), after.task(id)) }
        }
    }

    /// `init(from:at:to:at:)` with the tasks `tasks` hands to its argument, as they stood before
    /// and after, in id order: for a source that reads tasks one at a time rather than hold a
    /// million of them twice (the index). The snapshots' own tasks are not looked at.
    init<Failure: Error>(from before: some OrgSnapshot, at fromDate: ValidDate, to after: some OrgSnapshot, at toDate: ValidDate,
                         tasks: ((_ before: TaskState?, _ after: TaskState?) -> Void) throws(Failure) -> Void) throws(Failure) {
        from = fromDate
        to = toDate
        let ids = Set(before.unitIDs).union(after.unitIDs).sorted()
        for id in ids {
            let old = before.liveUnit(id)
            let new = after.liveUnit(id)
            switch (old, new) {
            case (nil, let new?):
                established.append(UnitSummary(new))
                recordsNamed[.established(id)] = new.establishedBy
            case (let old?, nil): dissolved.append(UnitSummary(old))
            case (let old?, let new?):
                if old.name != new.name || old.abbreviation != new.abbreviation {
                    recordsNamed[.renamed(id)] = new.namedBy
                    renamed.append(Renaming(unit: id, before: old.name, after: new.name,
                                            abbreviationBefore: old.abbreviation, abbreviationAfter: new.abbreviation))
                }
                if old.parent != new.parent || (old.parent != nil && old.relation != new.relation) || old.kind != new.kind {
                    recordsNamed[.moved(id)] = new.placedBy
                    moved.append(Move(unit: id, parentBefore: old.parent, parentAfter: new.parent,
                                      relationBefore: old.parent == nil ? nil : old.relation,
                                      relationAfter: new.parent == nil ? nil : new.relation,
                                      kindBefore: old.kind, kindAfter: new.kind))
                }
            case (nil, nil): break
            }
        }
        var defined: [TaskID] = [], taskMoves: [TaskMove] = [], taskRecords: [Item: RecordID] = [:]
        try tasks { old, new in
            guard let id = (new ?? old)?.id else { return }
            if old == nil, new != nil { defined.append(id) }
            if old?.holder != new?.holder {
                taskMoves.append(TaskMove(task: id, before: old?.holder, after: new?.holder))
                if let record = new?.heldBy { taskRecords[.taskMoved(id)] = record }
            }
        }
        recordsNamed.merge(taskRecords) { $1 }
        tasksDefined = defined
        tasksMoved = taskMoves
        func supervisionSet(_ snapshot: some OrgSnapshot, _ units: [UnitID]) -> [Supervision: RecordID] {
            Dictionary(units.flatMap { snapshot.supervisions(over: $0) }, uniquingKeysWith: { $1 })
        }
        func appointmentSet(_ snapshot: some OrgSnapshot, _ units: [UnitID]) -> [Appointment: RecordID] {
            Dictionary(units.flatMap { snapshot.appointments(in: $0) }, uniquingKeysWith: { $1 })
        }
        let oldSupervision = supervisionSet(before, ids)
        let newSupervision = supervisionSet(after, ids)
        supervisionStarted = Set(newSupervision.keys).subtracting(oldSupervision.keys).sorted()
        supervisionEnded = Set(oldSupervision.keys).subtracting(newSupervision.keys).sorted()
        for key in supervisionStarted { recordsNamed[.supervisionStarted(key)] = newSupervision[key] }
        let oldAppointments = appointmentSet(before, ids)
        let newAppointments = appointmentSet(after, ids)
        appointed = Set(newAppointments.keys).subtracting(oldAppointments.keys).sorted()
        appointmentsEnded = Set(oldAppointments.keys).subtracting(newAppointments.keys).sorted()
        for key in appointed { recordsNamed[.appointed(key)] = newAppointments[key] }
    }
}
