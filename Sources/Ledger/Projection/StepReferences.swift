/// How the numbers in a timeline step name what they refer to: units, tasks and records by
/// number (their rows in the index, their numbers in the tables of a ledger in memory; -1 for
/// none), and the effective date of a record.
///
/// Two readers turn steps into the values answers are built from: the index (`IndexFile`, whose
/// rows `CompactIndexLayout` wrote from `CompactTimelines`' steps, every reference checked) and
/// the ledger in memory (`RecordedTimelines`, reading `CompactTimelines`' steps directly). Each
/// names the references its own way; what a step means (`unitState`, `taskState`, `date`) is
/// said once, here.
protocol StepReferences {
    func unitID(_ number: Int) throws(IndexDamage) -> UnitID
    func taskID(_ number: Int) throws(IndexDamage) -> TaskID
    /// The record's id; `memo`, where given, notes where it was met (the index's provenance).
    func recordID(_ number: Int, memo: AnswerMemo?) throws(IndexDamage) -> RecordID
    /// The effective date of the record, for a date the sources leave open, which a day and a
    /// precision cannot hold.
    func effectiveDate(ofRecord number: Int) throws(IndexDamage) -> ValidDate
}

/// A unit's step with its texts read and its references as numbers (`CompactTimelines.UnitValue`,
/// as the index stores it).
struct UnitStepFields {
    var name: String, abbreviation: String?, kind: String
    var parent: Int, successor: Int
    var subordinate: Bool, dissolved: Bool
    var established: Int, establishedPrecision: UInt8
    var establishedBy: Int, placedBy: Int, namedBy: Int
}

/// A task's step with its texts read and its references as numbers; `heldPrecision` 255 means
/// no `heldSince` (`CompactTimelines.TaskValue`).
struct TaskStepFields {
    var title: String, leika: String?
    var holder: Int
    var heldSince: Int, heldPrecision: UInt8
    var heldBy: Int
}

extension StepReferences {
    // References where a step allows "none": -1, and nothing else below zero.

    @inline(__always)
    func unitID(orNone number: Int) throws(IndexDamage) -> UnitID? {
        number == -1 ? nil : try unitID(number)
    }

    @inline(__always)
    func taskID(orNone number: Int) throws(IndexDamage) -> TaskID? {
        number == -1 ? nil : try taskID(number)
    }

    @inline(__always)
    func recordID(orNone number: Int, memo: AnswerMemo? = nil) throws(IndexDamage) -> RecordID? {
        number == -1 ? nil : try recordID(number, memo: memo)
    }

    /// The date a step stores as its first day and a precision code (0 year, 1 month, 2 day,
    /// `IndexLayout.qualifiedPrecision`: the effective date of the record `record`), all checked:
    /// a day no `ValidDate` can stand for, or another code, is damage.
    func date(firstDay: Int, precision code: UInt8, record: Int) throws(IndexDamage) -> ValidDate {
        guard let day = ValidDate(checkingDayNumber: firstDay) else {
            throw IndexDamage("day \(firstDay) lies outside the years 0001...9999")
        }
        let date: ValidDate?
        switch code {
        case 0: date = try? ValidDate(year: day.year)
        case 1: date = try? ValidDate(year: day.year, month: day.month)
        case 2: date = day
        case IndexLayout.qualifiedPrecision:
            guard let qualified = try? effectiveDate(ofRecord: record), !qualified.isExact, qualified.firstDay == firstDay
            else { throw IndexDamage("qualified date of record row \(record)") }
            date = qualified
        default: throw IndexDamage("precision code \(code)")
        }
        // The year and month of an existing day exist: nil cannot happen, but must not trap.
        guard let date else { throw IndexDamage("date") }
        return date
    }

    /// The unit number `unit` as its step says it stood. Without `records`, the records that
    /// established, placed and named it are left empty (""): only provenance and refusals name
    /// them, and reading three record ids touches six scattered index blocks.
    func unitState(_ unit: Int, _ step: UnitStepFields, records: Bool = true, memo: AnswerMemo? = nil) throws(IndexDamage) -> UnitState {
        UnitState(
            id: try unitID(unit), name: step.name, abbreviation: step.abbreviation, kind: UnitKind(rawValue: step.kind),
            parent: try unitID(orNone: step.parent),
            relation: step.subordinate ? .subordinateTo : .partOf,
            isDissolved: step.dissolved,
            successor: try unitID(orNone: step.successor),
            established: try date(firstDay: step.established, precision: step.establishedPrecision, record: step.establishedBy),
            establishedBy: records ? try recordID(step.establishedBy, memo: memo) : "",
            placedBy: records ? try recordID(step.placedBy, memo: memo) : "",
            namedBy: records ? try recordID(step.namedBy, memo: memo) : "")
    }

    /// The task number `task` as its step says it stood.
    func taskState(_ task: Int, _ step: TaskStepFields, memo: AnswerMemo? = nil) throws(IndexDamage) -> TaskState {
        TaskState(
            id: try taskID(task), title: step.title, leika: step.leika,
            holder: try unitID(orNone: step.holder),
            heldSince: step.heldPrecision == 255 ? nil : try date(firstDay: step.heldSince, precision: step.heldPrecision, record: step.heldBy),
            heldBy: try recordID(orNone: step.heldBy, memo: memo))
    }
}
