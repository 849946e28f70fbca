/// Which record is behind each change a diff lists, and on which date it took effect, so that
/// `diff` answers "what changed, by which decision, when" and not only "what changed".
extension OrgDiff {
    /// One change the diff lists.
    public enum Item: Hashable, Sendable {
        case established(UnitID), dissolved(UnitID), renamed(UnitID), moved(UnitID)
        case taskDefined(TaskID), taskMoved(TaskID)
        case supervisionStarted(Supervision), supervisionEnded(Supervision)
        case appointed(Appointment), appointmentEnded(Appointment)
    }

    /// The record behind a change and the date its changes took effect (its effective date).
    public struct Cause: Hashable, Sendable {
        public var record: RecordID
        public var date: ValidDate

        public init(record: RecordID, date: ValidDate) {
            self.record = record
            self.date = date
        }
    }

    /// The ops whose records `attributing` must be shown for the changes the states do not name
    /// a record for: dissolutions, ends of supervision and offices (by an end or a dissolution),
    /// and task definitions.
    static let opsNamedOnlyInRecords = ["dissolveUnit", "endSupervision", "endAppointment", "defineTask"]

    /// Whether some change needs `candidates` to be named: the states name the record of the
    /// others (who established, named, placed, assigned, set, appointed).
    var needsRecords: Bool {
        !dissolved.isEmpty || !supervisionEnded.isEmpty || !appointmentsEnded.isEmpty || !tasksDefined.isEmpty
    }

    /// The diff with `causes` filled in. `record` looks a record up by id; `candidates` are the
    /// applying records that take effect after `from` and on or before `to` (only asked for
    /// when `needsRecords`), of which the latest in effective order that made a change wins.
    public func attributing(record: (RecordID) -> Record?, candidates: () -> [Record]) -> OrgDiff {
        var diff = self
        for (item, id) in recordsNamed where !id.isEmpty {
            if let found = record(id) { diff.causes[item] = Cause(record: id, date: found.effectiveDate) }
        }
        guard needsRecords else { return diff }
        let (fromDay, toDay) = (from.firstDay, to.firstDay)
        let inRange = candidates().filter { $0.effectiveDate.firstDay > fromDay && $0.effectiveDate.firstDay <= toDay }
        let dissolved = Set(self.dissolved.map(\.id)), ended = Set(supervisionEnded), left = Set(appointmentsEnded)
        let defined = Set(tasksDefined)
        for record in inRange {
            let cause = Cause(record: record.id, date: record.effectiveDate)
            for change in record.changes {
                switch change {
                case let .dissolveUnit(unit, _):
                    if dissolved.contains(unit) { diff.causes[.dissolved(unit)] = cause }
                    for key in ended where key.unit == unit || key.supervisor == unit { diff.causes[.supervisionEnded(key)] = cause }
                    for key in left where key.unit == unit { diff.causes[.appointmentEnded(key)] = cause }
                case let .endSupervision(key) where ended.contains(key):
                    diff.causes[.supervisionEnded(key)] = cause
                case let .endAppointment(key) where left.contains(key):
                    diff.causes[.appointmentEnded(key)] = cause
                case let .defineTask(task, _, _) where defined.contains(task):
                    diff.causes[.taskDefined(task)] = cause
                default:
                    break
                }
            }
        }
        return diff
    }
}
