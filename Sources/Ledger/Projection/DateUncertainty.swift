/// A record an answer on some day rests on, or may rest on, whose effective date the sources leave
/// open on that day: the answer cannot be sure whether its changes had taken effect.
///
/// A record dated `2019-01..` (January 2019 or later) takes effect in the ledger on 2019-01-01, so
/// an answer on 2019-06-01 counts its changes (`applied`), though they may have come later; one
/// dated `..2018-06` takes effect on 2018-06-01, so an answer on 2018-05-15 does not count them,
/// though they may have come earlier. Either way the answer says so instead of pretending to know.
public struct DateUncertainty: Hashable, Sendable {
    public var record: RecordID
    public var title: String
    /// The record's effective date, which is not exact.
    public var date: ValidDate
    /// Whether the answer counts the record's changes (the day is on or after its ordering day).
    public var applied: Bool
    /// The units and tasks whose state the record's changes set, sorted.
    public var subjects: [String]

    public init(record: RecordID, title: String, date: ValidDate, applied: Bool, subjects: [String]) {
        self.record = record
        self.title = title
        self.date = date
        self.applied = applied
        self.subjects = subjects
    }

    /// `record`'s uncertainty on `day`; nil if its effective date is exact, does not leave `day`
    /// open, or it has no changes.
    public init?(_ record: Record, on day: Int) {
        let date = record.effectiveDate
        guard !record.changes.isEmpty, date.leavesOpen(day) else { return nil }
        self.record = record.id
        self.title = record.title
        self.date = date
        self.applied = day >= date.firstDay
        self.subjects = Array(Set(record.changes.flatMap(\.subjects))).sorted()
    }

    /// Those of `all` that change one of `ids`.
    public static func concerning(_ ids: Set<String>, in all: [DateUncertainty]) -> [DateUncertainty] {
        all.filter { $0.subjects.contains(where: ids.contains) }
    }
}

extension Change {
    /// The units and tasks whose own state the change sets: the unit established, renamed, moved
    /// or dissolved, the task defined or handed on, the unit supervised, the unit of the office.
    /// (Not a new unit's parent or a dissolved unit's successor: their state does not change.)
    public var subjects: [String] {
        switch self {
        case let .establishUnit(unit, _, _, _, _, _), let .renameUnit(unit, _, _), let .moveUnit(unit, _, _, _),
             let .dissolveUnit(unit, _):
            [unit]
        case let .defineTask(task, _, _), let .assignTask(task, _), let .transferTask(task, _, _), let .revokeTask(task, _):
            [task]
        case let .setSupervision(s), let .endSupervision(s): [s.unit]
        case let .appoint(a, _), let .endAppointment(a): [a.unit]
        }
    }
}

extension Responsibility {
    /// The task, and every unit on the path: what the answer's uncertainties must concern.
    var subjects: Set<String> { Set([task] + path.map(\.unit.id)) }
}

extension Ledger {
    /// The records whose dates leave `date` open, as known at `knownAt`, in ledger order: every
    /// answer about the organisation on that day rests on them, or may.
    public func uncertainties(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> [DateUncertainty] {
        let applying = knownAt == .distantFuture ? history.records : EffectiveHistory(records, knownAt: knownAt).records
        return applying.compactMap { DateUncertainty($0, on: date.firstDay) }.sorted { seq(of: $0.record) < seq(of: $1.record) }
    }

    private func seq(of id: RecordID) -> Int { record(id)?.seq ?? 0 }
}
