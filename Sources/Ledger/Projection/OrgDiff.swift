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
    /// The records the states name for a change, before their dates are looked up: working state
    /// of `attributing`, not part of the answer, so a diff stated whole (in a test) equals one
    /// worked out that lists the same changes for the same causes.
    @NotCompared var recordsNamed: [Item: RecordID] = [:]

    /// A diff as stated whole, say by a test that expects it.
    public init(from: ValidDate, to: ValidDate, established: [UnitSummary] = [], dissolved: [UnitSummary] = [],
                renamed: [Renaming] = [], moved: [Move] = [], tasksDefined: [TaskID] = [], tasksMoved: [TaskMove] = [],
                supervisionStarted: [Supervision] = [], supervisionEnded: [Supervision] = [], appointed: [Appointment] = [],
                appointmentsEnded: [Appointment] = [], causes: [Item: Cause] = [:]) {
        self.from = from
        self.to = to
        self.established = established
        self.dissolved = dissolved
        self.renamed = renamed
        self.moved = moved
        self.tasksDefined = tasksDefined
        self.tasksMoved = tasksMoved
        self.supervisionStarted = supervisionStarted
        self.supervisionEnded = supervisionEnded
        self.appointed = appointed
        self.appointmentsEnded = appointmentsEnded
        self.causes = causes
    }

    /// A unit whose name or abbreviation changed.
    public struct Renaming: Hashable, Sendable {
        public var unit: UnitID
        public var before: String
        public var after: String
        public var abbreviationBefore: String?
        public var abbreviationAfter: String?

        public init(unit: UnitID, before: String, after: String, abbreviationBefore: String? = nil, abbreviationAfter: String? = nil) {
            self.unit = unit
            self.before = before
            self.after = after
            self.abbreviationBefore = abbreviationBefore
            self.abbreviationAfter = abbreviationAfter
        }
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

        public init(unit: UnitID, parentBefore: UnitID?, parentAfter: UnitID?, relationBefore: Relation?, relationAfter: Relation?,
                    kindBefore: UnitKind, kindAfter: UnitKind) {
            self.unit = unit
            self.parentBefore = parentBefore
            self.parentAfter = parentAfter
            self.relationBefore = relationBefore
            self.relationAfter = relationAfter
            self.kindBefore = kindBefore
            self.kindAfter = kindAfter
        }
    }

    /// A task whose holder changed.
    public struct TaskMove: Hashable, Sendable {
        public var task: TaskID
        public var before: UnitID?
        public var after: UnitID?

        public init(task: TaskID, before: UnitID?, after: UnitID?) {
            self.task = task
            self.before = before
            self.after = after
        }
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

/// A stored property that equality and hashing pass over: working state kept in a value whose
/// identity as an answer does not depend on it.
@propertyWrapper
struct NotCompared<Value: Sendable>: Hashable, Sendable {
    var wrappedValue: Value

    static func == (lhs: Self, rhs: Self) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
