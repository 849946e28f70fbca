import Foundation
@testable import Ledger

/// An index file opened for forgery: fields of its rows rewritten in place, then every block
/// checksum and the header checksum worked out anew, as someone who means it would. The damage
/// then passes every CRC check, and only the readers' range checks stand between it and a query.
struct IndexForgery {
    private var bytes: [UInt8]
    private let blockCount: Int
    private let payloadStart: Int
    /// Where each section starts and ends, as offsets into the payload.
    private let sections: [Range<Int>]
    let unitCount: Int, taskCount: Int, recordCount: Int

    /// A field of the rows of one section: the row's size and where in it the field lies, as
    /// `IndexLayout` declares them.
    struct Field: CustomStringConvertible {
        var section: IndexLayout.Section
        var stride: Int
        var offset: Int
        /// What the field holds, for messages ("unit step parent").
        var name: String
        var description: String { name }

        init<Row: IndexRow>(_ field: IndexRowField<Row>, in section: IndexLayout.Section, _ name: String) {
            self.section = section
            stride = Row.size
            offset = field.offset
            self.name = name
        }

        init<Row: IndexSectionRow>(_ field: IndexRowField<Row>, _ name: String) {
            self.init(field, in: Row.section, name)
        }
    }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        typealias Header = IndexLayout.Header
        func u32(_ field: IndexRowField<Header>) -> Int {
            bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: field.offset, as: UInt32.self).littleEndian) }
        }
        func u64(_ field: IndexRowField<Header>) -> Int {
            bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: field.offset, as: UInt64.self).littleEndian) }
        }
        blockCount = u32(Header.blockCount)
        payloadStart = Header.size + (blockCount + 1) * IndexLayout.checksumSize
        let starts = IndexLayout.Section.allCases.map { u64(Header.sectionStart($0)) }
        let ends = starts.dropFirst() + [u64(Header.payloadLength)]
        sections = zip(starts, ends).map { $0..<$1 }
        unitCount = u32(Header.unitCount)
        taskCount = u32(Header.taskCount)
        recordCount = u64(Header.recordCount)
    }

    /// The index of the ledger at `ledgerPath`, as it is on disk.
    init(indexOf ledgerPath: String) throws {
        self.init(Array(try Data(contentsOf: URL(fileURLWithPath: IndexFile.path(forLedger: ledgerPath)))))
    }

    var payloadLength: Int { bytes.count - payloadStart }

    /// Where a section starts, as an offset into the payload.
    func start(of section: IndexLayout.Section) -> Int { sections[section.rawValue].lowerBound }

    /// The length of a section in bytes.
    func length(of section: IndexLayout.Section) -> Int { sections[section.rawValue].count }

    /// How many rows `field`'s section holds.
    func rowCount(_ field: Field) -> Int { length(of: field.section) / field.stride }

    private func position(_ field: Field, row: Int) -> Int {
        precondition(row < rowCount(field), "row \(row) of \(field) is past its section")
        return payloadStart + sections[field.section.rawValue].lowerBound + row * field.stride + field.offset
    }

    /// The row of the unit whose step is on `row` of the unit steps.
    func unitRow(ofStep step: Int) -> Int32 {
        let unit = (0..<unitCount).first { stepRows(ofUnit: $0).contains(step) }
        return Int32(unit!)
    }

    /// The rows of the unit steps of the unit on `row`.
    func stepRows(ofUnit row: Int) -> Range<Int> {
        let start = Int(read(.unitStepStart, row: row, as: UInt32.self))
        return start..<(start + Int(read(.unitStepCount, row: row, as: UInt32.self)))
    }

    /// The field's value on `row`.
    func read<Value: FixedWidthInteger>(_ field: Field, row: Int, as type: Value.Type) -> Value {
        bytes.withUnsafeBytes { Value(littleEndian: $0.loadUnaligned(fromByteOffset: position(field, row: row), as: Value.self)) }
    }

    /// Sets the field on `row` to `value`, little-endian, in as many bytes as `Value` has.
    mutating func write<Value: FixedWidthInteger>(_ value: Value, to field: Field, row: Int) {
        let at = position(field, row: row)
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(at..<(at + $0.count), with: $0) }
    }

    /// Sets the header field to `value`, little-endian, in as many bytes as `Value` has (the
    /// header checksum is made to match when sealed, like the blocks').
    mutating func writeHeader<Value: FixedWidthInteger>(_ value: Value, to field: IndexRowField<IndexLayout.Header>) {
        let offset = field.offset
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + $0.count), with: $0) }
    }

    /// Sets the payload byte at `offset` (from the payload's start).
    mutating func setPayloadByte(at offset: Int, to value: UInt8) {
        bytes[payloadStart + offset] = value
    }

    /// The bytes with every block checksum and the header checksum made to match them.
    var sealed: [UInt8] {
        var sealed = bytes
        func checksum(_ range: Range<Int>) -> [UInt8] {
            sealed.withUnsafeBytes { IndexLayout.blockChecksum(UnsafeRawBufferPointer(rebasing: $0[range])) }
        }
        for block in 0..<blockCount {
            let start = payloadStart + block * IndexLayout.blockSize
            let at = IndexLayout.Header.size + block * IndexLayout.checksumSize
            sealed.replaceSubrange(at..<(at + IndexLayout.checksumSize), with: checksum(start..<min(start + IndexLayout.blockSize, bytes.count)))
        }
        let at = IndexLayout.Header.size + blockCount * IndexLayout.checksumSize
        sealed.replaceSubrange(at..<(at + IndexLayout.checksumSize), with: checksum(0..<IndexLayout.Header.size))
        return sealed
    }

    /// Writes the sealed bytes over the index of the ledger at `ledgerPath`.
    func seal(asIndexOf ledgerPath: String) throws {
        try Data(sealed).write(to: URL(fileURLWithPath: IndexFile.path(forLedger: ledgerPath)))
    }
}

extension IndexForgery.Field {
    // The fields of `IndexLayout`'s rows, by what they hold.

    static let unitID = Self(IndexLayout.UnitRow.id, "unit id")
    static let unitStepStart = Self(IndexLayout.UnitRow.stepStart, "unit's first step")
    static let unitStepCount = Self(IndexLayout.UnitRow.stepCount, "unit's step count")
    static let unitSupervisionStart = Self(IndexLayout.UnitRow.supervisionStart, "unit's first supervision key")
    static let unitSupervisionCount = Self(IndexLayout.UnitRow.supervisionCount, "unit's supervision key count")
    static let unitAppointmentStart = Self(IndexLayout.UnitRow.appointmentStart, "unit's first appointment key")
    static let unitAppointmentCount = Self(IndexLayout.UnitRow.appointmentCount, "unit's appointment key count")
    static let unitLiveSubUnits = Self(IndexLayout.UnitRow.liveSubUnits, "unit's count of live sub-units")
    static let unitHeldTasks = Self(IndexLayout.UnitRow.heldTasks, "unit's count of held tasks")
    static let unitGivenStart = Self(IndexLayout.UnitRow.givenStart, "unit's first supervision given")
    static let unitGivenCount = Self(IndexLayout.UnitRow.givenCount, "unit's count of supervision given")
    static let givenSupervision = Self(IndexLayout.SupervisionBySupervisor.key, "supervision key by supervisor")

    static let unitStepDay = Self(IndexLayout.UnitStep.day, "unit step day")
    static let unitStepParent = Self(IndexLayout.UnitStep.parent, "unit step parent")
    static let unitStepName = Self(IndexLayout.UnitStep.name, "unit step name")
    static let unitStepAbbreviation = Self(IndexLayout.UnitStep.abbreviation, "unit step abbreviation")
    static let unitStepKind = Self(IndexLayout.UnitStep.kind, "unit step kind")
    static let unitStepSuccessor = Self(IndexLayout.UnitStep.successor, "unit step successor")
    static let unitStepEstablished = Self(IndexLayout.UnitStep.established, "unit step established day")
    static let unitStepEstablishedBy = Self(IndexLayout.UnitStep.establishedBy, "unit step establishing record")
    static let unitStepPlacedBy = Self(IndexLayout.UnitStep.placedBy, "unit step placing record")
    static let unitStepNamedBy = Self(IndexLayout.UnitStep.namedBy, "unit step naming record")
    static let unitStepRelation = Self(IndexLayout.UnitStep.relation, "unit step relation code")
    static let unitStepDissolved = Self(IndexLayout.UnitStep.dissolved, "unit step dissolved flag")
    static let unitStepPrecision = Self(IndexLayout.UnitStep.establishedPrecision, "unit step precision code")

    static let taskID = Self(IndexLayout.TaskRow.id, "task id")
    static let taskStepStart = Self(IndexLayout.TaskRow.stepStart, "task's first step")
    static let taskStepCount = Self(IndexLayout.TaskRow.stepCount, "task's step count")

    static let taskStepDay = Self(IndexLayout.TaskStep.day, "task step day")
    static let taskStepHolder = Self(IndexLayout.TaskStep.holder, "task step holder")
    static let taskStepTitle = Self(IndexLayout.TaskStep.title, "task step title")
    static let taskStepLeika = Self(IndexLayout.TaskStep.leika, "task step LeiKa key")
    static let taskStepHeldSince = Self(IndexLayout.TaskStep.heldSince, "task step held-since day")
    static let taskStepHeldBy = Self(IndexLayout.TaskStep.heldBy, "task step assigning record")
    static let taskStepPrecision = Self(IndexLayout.TaskStep.heldPrecision, "task step precision code")

    static let supervisor = Self(IndexLayout.SupervisionKey.supervisor, "supervisor")
    static let supervised = Self(IndexLayout.SupervisionKey.unit, "supervised unit")
    static let supervisedTask = Self(IndexLayout.SupervisionKey.task, "supervised task")
    static let supervisionKind = Self(IndexLayout.SupervisionKey.kind, "supervision kind code")
    static let supervisionStepStart = Self(IndexLayout.SupervisionKey.stepStart, "supervision's first step")
    static let supervisionStepCount = Self(IndexLayout.SupervisionKey.stepCount, "supervision's step count")
    static let supervisionStepDay = Self(IndexLayout.Step.day, in: .supervisionSteps, "supervision step day")
    static let supervisionStepRecord = Self(IndexLayout.Step.record, in: .supervisionSteps, "supervision step record")

    static let appointee = Self(IndexLayout.AppointmentKey.person, "appointed person")
    static let appointmentRole = Self(IndexLayout.AppointmentKey.role, "appointment role")
    static let appointmentUnit = Self(IndexLayout.AppointmentKey.unit, "appointment unit")
    static let appointmentStepStart = Self(IndexLayout.AppointmentKey.stepStart, "appointment's first step")
    static let appointmentStepCount = Self(IndexLayout.AppointmentKey.stepCount, "appointment's step count")
    static let appointmentStepDay = Self(IndexLayout.Step.day, in: .appointmentSteps, "appointment step day")
    static let appointmentStepRecord = Self(IndexLayout.Step.record, in: .appointmentSteps, "appointment step record")

    static let lineOffset = Self(IndexLayout.RecordRow.lineOffset, "record line offset")
    static let lineLength = Self(IndexLayout.RecordRow.lineLength, "record line length")
    static let recordID = Self(IndexLayout.RecordRow.id, "record id")
    static let recordByID = Self(IndexLayout.RecordByID.record, "record row by id")

    static let mentionKeyID = Self(IndexLayout.MentionKey.id, "mentioned id")
    static let mentionKeyKind = Self(IndexLayout.MentionKey.kind, "mentioned id's kind")
    static let mentionStart = Self(IndexLayout.MentionKey.start, "mentioned id's first record")
    static let mentionCount = Self(IndexLayout.MentionKey.count, "mentioned id's record count")
    static let mentionRecord = Self(IndexLayout.Mention.record, "record naming an id")

    /// The length half of a string field's (offset, length).
    var stringLength: Self {
        var length = self
        length.offset += IndexLayout.StringReference.length.offset
        length.name += " length"
        return length
    }
}
