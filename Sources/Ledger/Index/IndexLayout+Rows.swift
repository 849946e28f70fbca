/// The rows of the index's payload sections, field by field, as docs/FORMAT.md §8.2.3 gives them.
///
/// Conventions: integers are little-endian; a unit, task or record reference is an i32 row number,
/// -1 for none; a day is an i32 day number; a string field holds a `StringReference`; `zero`
/// fields are padding, written as zeros.
extension IndexLayout {
    /// A string as a row stores it: where it lies in the string section and its length in bytes
    /// (`nilLength`: none). Not a section's row, but the shape of every string field.
    enum StringReference: IndexRow {
        static let size = 8
        static let start = IndexRowField<Self>(offset: 0, width: 4)
        static let length = IndexRowField<Self>(offset: 4, width: 4)
        static let fields = [start, length]
    }

    /// **units**: one per unit, sorted by id.
    enum UnitRow: IndexSectionRow {
        static let section = Section.units
        static let size = 64
        static let id = IndexRowField<Self>(offset: 0, width: 8)
        static let stepStart = IndexRowField<Self>(offset: 8, width: 4)
        static let stepCount = IndexRowField<Self>(offset: 12, width: 4)
        /// The supervision keys over the unit.
        static let supervisionStart = IndexRowField<Self>(offset: 16, width: 4)
        static let supervisionCount = IndexRowField<Self>(offset: 20, width: 4)
        /// The offices in the unit (appointment keys).
        static let appointmentStart = IndexRowField<Self>(offset: 24, width: 4)
        static let appointmentCount = IndexRowField<Self>(offset: 28, width: 4)
        /// The id's first bytes, zero-padded (version 5): a search compares them without touching
        /// the string section, where each probe was another block.
        static let idPrefix = IndexRowField<Self>(offset: 32, width: 16)
        /// Version 14: the live sub-units and the tasks held after the last indexed record, so a
        /// dissolution appended after it is checked against the index (`UnitCounts`).
        static let liveSubUnits = IndexRowField<Self>(offset: 48, width: 4)
        static let heldTasks = IndexRowField<Self>(offset: 52, width: 4)
        /// Version 14: the supervision keys the unit gives, in `supervisionsBySupervisor`, which a
        /// dissolution ends.
        static let givenStart = IndexRowField<Self>(offset: 56, width: 4)
        static let givenCount = IndexRowField<Self>(offset: 60, width: 4)
        static let fields = [id, stepStart, stepCount, supervisionStart, supervisionCount, appointmentStart, appointmentCount, idPrefix,
                             liveSubUnits, heldTasks, givenStart, givenCount]
    }

    /// **unitSteps**: a unit's state from `day` until its next step, as the records
    /// `knownFrom..<knownUntil` said (version 15); a unit's steps are sorted by day, then `knownFrom`.
    enum UnitStep: IndexSectionRow, IndexStepRow {
        static let section = Section.unitSteps
        static let size = 64
        static let day = IndexRowField<Self>(offset: 0, width: 4)
        static let parent = IndexRowField<Self>(offset: 4, width: 4)
        static let name = IndexRowField<Self>(offset: 8, width: 8)
        static let abbreviation = IndexRowField<Self>(offset: 16, width: 8)
        static let kind = IndexRowField<Self>(offset: 24, width: 8)
        static let successor = IndexRowField<Self>(offset: 32, width: 4)
        /// The first day of the unit's establishment.
        static let established = IndexRowField<Self>(offset: 36, width: 4)
        static let establishedBy = IndexRowField<Self>(offset: 40, width: 4)
        /// The record of the establishment or the latest move.
        static let placedBy = IndexRowField<Self>(offset: 44, width: 4)
        /// The record of the establishment or the latest rename.
        static let namedBy = IndexRowField<Self>(offset: 48, width: 4)
        /// 0 `partOf`, 1 `subordinateTo`.
        static let relation = IndexRowField<Self>(offset: 52, width: 1)
        /// 0 no, 1 yes.
        static let dissolved = IndexRowField<Self>(offset: 53, width: 1)
        /// The establishment's precision code (`precisionCode`).
        static let establishedPrecision = IndexRowField<Self>(offset: 54, width: 1)
        static let zero = IndexRowField<Self>(offset: 55, width: 1)
        /// The seq of the first record that knew the step, and of the first that no longer did
        /// (`stillKnown`: none).
        static let knownFrom = IndexRowField<Self>(offset: 56, width: 4)
        static let knownUntil = IndexRowField<Self>(offset: 60, width: 4)
        static let fields = [day, parent, name, abbreviation, kind, successor, established, establishedBy, placedBy, namedBy,
                             relation, dissolved, establishedPrecision, zero, knownFrom, knownUntil]
    }

    /// **tasks**: one per task, sorted by id.
    enum TaskRow: IndexSectionRow {
        static let section = Section.tasks
        static let size = 32
        static let id = IndexRowField<Self>(offset: 0, width: 8)
        static let stepStart = IndexRowField<Self>(offset: 8, width: 4)
        static let stepCount = IndexRowField<Self>(offset: 12, width: 4)
        /// As `UnitRow.idPrefix`.
        static let idPrefix = IndexRowField<Self>(offset: 16, width: 16)
        static let fields = [id, stepStart, stepCount, idPrefix]
    }

    /// **taskSteps**: a task's state from `day` until its next step, as the records
    /// `knownFrom..<knownUntil` said, sorted as `UnitStep`.
    enum TaskStep: IndexSectionRow, IndexStepRow {
        static let section = Section.taskSteps
        static let size = 48
        static let day = IndexRowField<Self>(offset: 0, width: 4)
        /// -1: nobody holds it.
        static let holder = IndexRowField<Self>(offset: 4, width: 4)
        static let title = IndexRowField<Self>(offset: 8, width: 8)
        static let leika = IndexRowField<Self>(offset: 16, width: 8)
        /// The first day it was held since (0 if never held).
        static let heldSince = IndexRowField<Self>(offset: 24, width: 4)
        /// The record of the latest assign, transfer or revoke.
        static let heldBy = IndexRowField<Self>(offset: 28, width: 4)
        /// `heldSince`'s precision code; 255: never held.
        static let heldPrecision = IndexRowField<Self>(offset: 32, width: 1)
        static let zero = IndexRowField<Self>(offset: 33, width: 7)
        static let knownFrom = IndexRowField<Self>(offset: 40, width: 4)
        static let knownUntil = IndexRowField<Self>(offset: 44, width: 4)
        static let fields = [day, holder, title, leika, heldSince, heldBy, heldPrecision, zero, knownFrom, knownUntil]
    }

    /// **supervisionKeys**: (supervisor, unit, task, kind), grouped by the supervised unit.
    enum SupervisionKey: IndexSectionRow {
        static let section = Section.supervisionKeys
        static let size = 24
        static let supervisor = IndexRowField<Self>(offset: 0, width: 4)
        static let unit = IndexRowField<Self>(offset: 4, width: 4)
        /// A task reference; -1: supervision in general.
        static let task = IndexRowField<Self>(offset: 8, width: 4)
        /// `SupervisionKind.code`.
        static let kind = IndexRowField<Self>(offset: 12, width: 1)
        static let zero = IndexRowField<Self>(offset: 13, width: 3)
        /// Its steps, in `supervisionSteps`.
        static let stepStart = IndexRowField<Self>(offset: 16, width: 4)
        static let stepCount = IndexRowField<Self>(offset: 20, width: 4)
        static let fields = [supervisor, unit, task, kind, zero, stepStart, stepCount]
    }

    /// **supervisionsBySupervisor** (version 14): the supervision keys by their supervisor, in
    /// unit row order, each unit's in key row order; a unit row's `givenStart` and `givenCount`
    /// point here.
    enum SupervisionBySupervisor: IndexSectionRow {
        static let section = Section.supervisionsBySupervisor
        static let size = 4
        /// A row of `supervisionKeys`.
        static let key = IndexRowField<Self>(offset: 0, width: 4)
        static let fields = [key]
    }

    /// **appointmentKeys**: an office (person, role, unit), grouped by the unit.
    enum AppointmentKey: IndexSectionRow {
        static let section = Section.appointmentKeys
        static let size = 32
        static let person = IndexRowField<Self>(offset: 0, width: 8)
        static let role = IndexRowField<Self>(offset: 8, width: 8)
        static let unit = IndexRowField<Self>(offset: 16, width: 4)
        /// Its steps, in `appointmentSteps`.
        static let stepStart = IndexRowField<Self>(offset: 20, width: 4)
        static let stepCount = IndexRowField<Self>(offset: 24, width: 4)
        static let zero = IndexRowField<Self>(offset: 28, width: 4)
        static let fields = [person, role, unit, stepStart, stepCount, zero]
    }

    /// **supervisionSteps** and **appointmentSteps**: a key's state from `day` on, as the records
    /// `knownFrom..<knownUntil` said, sorted as `UnitStep`.
    enum Step: IndexStepRow {
        static let size = 16
        static let day = IndexRowField<Self>(offset: 0, width: 4)
        /// The record that set the key while it is in force; -1: from this day it is not.
        static let record = IndexRowField<Self>(offset: 4, width: 4)
        static let knownFrom = IndexRowField<Self>(offset: 8, width: 4)
        static let knownUntil = IndexRowField<Self>(offset: 12, width: 4)
        static let fields = [day, record, knownFrom, knownUntil]
    }

    /// **records**: one per record, by seq.
    enum RecordRow: IndexSectionRow {
        static let section = Section.records
        static let size = 48
        /// Where the record's line starts in the ledger file (u64).
        static let lineOffset = IndexRowField<Self>(offset: 0, width: 8)
        /// The line's length without its newline.
        static let lineLength = IndexRowField<Self>(offset: 8, width: 4)
        static let id = IndexRowField<Self>(offset: 12, width: 8)
        /// Version 10: the title and the first day of `date`, so search needs no ledger line.
        static let title = IndexRowField<Self>(offset: 20, width: 8)
        static let dateDay = IndexRowField<Self>(offset: 28, width: 4)
        /// Version 15: `recorded` in nanoseconds since 1970 (i64), never decreasing by seq, so
        /// "as known at T" finds how many records the ledger knew by a binary search; and the
        /// seq of the first record that withdrew it (`stillKnown`: none so far).
        static let recorded = IndexRowField<Self>(offset: 32, width: 8)
        static let withdrawnAt = IndexRowField<Self>(offset: 40, width: 4)
        static let zero = IndexRowField<Self>(offset: 44, width: 4)
        static let fields = [lineOffset, lineLength, id, title, dateDay, recorded, withdrawnAt, zero]
    }

    /// **recordsByID**: the record rows, sorted by record id.
    enum RecordByID: IndexSectionRow {
        static let section = Section.recordsByID
        static let size = 4
        static let record = IndexRowField<Self>(offset: 0, width: 4)
        static let fields = [record]
    }

    /// **openDates**: a record that has changes and takes effect on a date that is not exact, with
    /// the days that date leaves open (Int32.min and Int32.max for open ends), by seq: an answer on
    /// a day finds the records it may rest on without reading the ledger. Since version 15 withdrawn
    /// records are here too; an answer as known at k takes those its record row says apply then.
    enum OpenDate: IndexSectionRow {
        static let section = Section.openDates
        static let size = 12
        static let record = IndexRowField<Self>(offset: 0, width: 4)
        static let earliest = IndexRowField<Self>(offset: 4, width: 4)
        static let latest = IndexRowField<Self>(offset: 8, width: 4)
        static let fields = [record, earliest, latest]
    }

    /// **persons**: a person of an applying `appoint`, with the name the records give (none: nil)
    /// and the record that gave it (-1: none), as the records `knownFrom..<knownUntil` said
    /// (version 15): sorted by id, then `knownFrom`. (No id prefix: persons are few beside units
    /// and tasks.)
    enum PersonRow: IndexSectionRow {
        static let section = Section.persons
        static let size = 32
        static let person = IndexRowField<Self>(offset: 0, width: 8)
        static let name = IndexRowField<Self>(offset: 8, width: 8)
        static let namedBy = IndexRowField<Self>(offset: 16, width: 4)
        static let knownFrom = IndexRowField<Self>(offset: 20, width: 4)
        static let knownUntil = IndexRowField<Self>(offset: 24, width: 4)
        static let zero = IndexRowField<Self>(offset: 28, width: 4)
        static let fields = [person, name, namedBy, knownFrom, knownUntil, zero]
    }

    /// **mentionKeys**: a unit, task, person or record that records name (`CompactMentions`),
    /// grouped by `kind` (0 unit, 1 task, 2 person, 3 record) and sorted by id within a kind, with
    /// the range of its records in `mentions`.
    enum MentionKey: IndexSectionRow {
        static let section = Section.mentionKeys
        static let size = 20
        static let id = IndexRowField<Self>(offset: 0, width: 8)
        static let kind = IndexRowField<Self>(offset: 8, width: 1)
        static let zero = IndexRowField<Self>(offset: 9, width: 3)
        static let start = IndexRowField<Self>(offset: 12, width: 4)
        static let count = IndexRowField<Self>(offset: 16, width: 4)
        static let fields = [id, kind, zero, start, count]
    }

    /// **mentions**: the records naming each key of `mentionKeys`, by seq, key after key.
    enum Mention: IndexSectionRow {
        static let section = Section.mentions
        static let size = 4
        static let record = IndexRowField<Self>(offset: 0, width: 4)
        static let fields = [record]
    }

    /// Every kind of row, for the check that each one's fields tile it.
    static var rowKinds: [any IndexRow.Type] {
        [Header.self, StringReference.self, UnitRow.self, UnitStep.self, TaskRow.self, TaskStep.self, SupervisionKey.self,
         AppointmentKey.self, Step.self, RecordRow.self, RecordByID.self, OpenDate.self, PersonRow.self,
         MentionKey.self, Mention.self, SupervisionBySupervisor.self]
    }
}
