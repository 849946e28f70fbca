import Ledger

// The changes of a task, named as the change table names them.

/// `defineTask`: a task, titled `title` (its id if not given).
public struct DefineTask: ChangeWriting {
    public var task: TaskRef
    public var title: String
    /// Its key in the LeiKa, the German catalogue of administrative services, if it has one.
    public var leika: String?

    public init(_ task: TaskRef, _ title: String? = nil, leika: String? = nil) {
        self.task = task
        self.title = title ?? task.id
        self.leika = leika
    }

    public var change: Change { .defineTask(task: task.id, title: title, leika: leika) }
}

/// `assignTask`: a task nobody holds given to `unit`.
public struct Assign: ChangeWriting {
    public var task: TaskRef
    public var unit: UnitRef

    public init(_ task: TaskRef, to unit: UnitRef) {
        self.task = task
        self.unit = unit
    }

    public var change: Change { .assignTask(task: task.id, unit: unit.id) }
}

/// `transferTask`: a task handed from the unit holding it to another.
public struct Transfer: ChangeWriting {
    public var task: TaskRef
    public var from: UnitRef
    public var to: UnitRef

    public init(_ task: TaskRef, from: UnitRef, to: UnitRef) {
        self.task = task
        self.from = from
        self.to = to
    }

    public var change: Change { .transferTask(task: task.id, from: from.id, to: to.id) }
}

/// `revokeTask`: a task taken from the unit holding it; nobody holds it afterwards.
public struct Revoke: ChangeWriting {
    public var task: TaskRef
    public var unit: UnitRef

    public init(_ task: TaskRef, from unit: UnitRef) {
        self.task = task
        self.unit = unit
    }

    public var change: Change { .revokeTask(task: task.id, unit: unit.id) }
}
