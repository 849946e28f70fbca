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

    /// A field of the rows of one section: the row's size and where in it the field lies.
    struct Field: CustomStringConvertible {
        var section: IndexLayout.Section
        var stride: Int
        var offset: Int
        /// What the field holds, for messages ("unit step parent").
        var name: String
        var description: String { name }
    }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        func u32(_ at: Int) -> Int { bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian) } }
        func u64(_ at: Int) -> Int { bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian) } }
        blockCount = u32(IndexLayout.blockCountOffset)
        payloadStart = IndexLayout.headerSize + (blockCount + 1) * IndexLayout.checksumSize
        let starts = IndexLayout.Section.allCases.map { u64(IndexLayout.sectionsOffset + 8 * $0.rawValue) }
        let ends = starts.dropFirst() + [u64(IndexLayout.payloadLengthOffset)]
        sections = zip(starts, ends).map { $0..<$1 }
        unitCount = u32(IndexLayout.countsOffset)
        taskCount = u32(IndexLayout.countsOffset + 4)
        recordCount = u64(IndexLayout.recordCountOffset)
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

    /// Sets the header field at `offset` to `value`, little-endian (the header checksum is made to
    /// match when sealed, like the blocks').
    mutating func writeHeader<Value: FixedWidthInteger>(_ value: Value, at offset: Int) {
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
            sealed.withUnsafeBytes { IndexFile.blockChecksum(UnsafeRawBufferPointer(rebasing: $0[range])) }
        }
        for block in 0..<blockCount {
            let start = payloadStart + block * IndexLayout.blockSize
            let at = IndexLayout.headerSize + block * IndexLayout.checksumSize
            sealed.replaceSubrange(at..<(at + IndexLayout.checksumSize), with: checksum(start..<min(start + IndexLayout.blockSize, bytes.count)))
        }
        let at = IndexLayout.headerSize + blockCount * IndexLayout.checksumSize
        sealed.replaceSubrange(at..<(at + IndexLayout.checksumSize), with: checksum(0..<IndexLayout.headerSize))
        return sealed
    }

    /// Writes the sealed bytes over the index of the ledger at `ledgerPath`.
    func seal(asIndexOf ledgerPath: String) throws {
        try Data(sealed).write(to: URL(fileURLWithPath: IndexFile.path(forLedger: ledgerPath)))
    }
}

extension IndexForgery.Field {
    // The fields of `IndexLayout`'s rows, by what they hold.

    static let unitID = Self(section: .units, stride: IndexLayout.unitRow, offset: 0, name: "unit id")
    static let unitStepStart = Self(section: .units, stride: IndexLayout.unitRow, offset: 8, name: "unit's first step")
    static let unitStepCount = Self(section: .units, stride: IndexLayout.unitRow, offset: 12, name: "unit's step count")
    static let unitSupervisionStart = Self(section: .units, stride: IndexLayout.unitRow, offset: 16, name: "unit's first supervision key")
    static let unitSupervisionCount = Self(section: .units, stride: IndexLayout.unitRow, offset: 20, name: "unit's supervision key count")
    static let unitAppointmentStart = Self(section: .units, stride: IndexLayout.unitRow, offset: 24, name: "unit's first appointment key")
    static let unitAppointmentCount = Self(section: .units, stride: IndexLayout.unitRow, offset: 28, name: "unit's appointment key count")

    static let unitStepDay = Self(section: .unitSteps, stride: IndexLayout.unitStep, offset: 0, name: "unit step day")
    static let unitStepParent = Self(section: .unitSteps, stride: IndexLayout.unitStep, offset: 4, name: "unit step parent")
    static let unitStepName = Self(section: .unitSteps, stride: IndexLayout.unitStep, offset: 8, name: "unit step name")
    static let unitStepAbbreviation = Self(section: .unitSteps, stride: IndexLayout.unitStep, offset: 16, name: "unit step abbreviation")
    static let unitStepKind = Self(section: .unitSteps, stride: IndexLayout.unitStep, offset: 24, name: "unit step kind")
    static let unitStepSuccessor = Self(section: .unitSteps, stride: IndexLayout.unitStep, offset: 32, name: "unit step successor")
    static let unitStepEstablished = Self(section: .unitSteps, stride: IndexLayout.unitStep, offset: 36, name: "unit step established day")
    static let unitStepEstablishedBy = Self(section: .unitSteps, stride: IndexLayout.unitStep, offset: 40, name: "unit step establishing record")
    static let unitStepPlacedBy = Self(section: .unitSteps, stride: IndexLayout.unitStep, offset: 44, name: "unit step placing record")
    static let unitStepNamedBy = Self(section: .unitSteps, stride: IndexLayout.unitStep, offset: 48, name: "unit step naming record")
    static let unitStepRelation = Self(section: .unitSteps, stride: IndexLayout.unitStep, offset: 52, name: "unit step relation code")
    static let unitStepDissolved = Self(section: .unitSteps, stride: IndexLayout.unitStep, offset: 53, name: "unit step dissolved flag")
    static let unitStepPrecision = Self(section: .unitSteps, stride: IndexLayout.unitStep, offset: 54, name: "unit step precision code")

    static let taskID = Self(section: .tasks, stride: IndexLayout.taskRow, offset: 0, name: "task id")
    static let taskStepStart = Self(section: .tasks, stride: IndexLayout.taskRow, offset: 8, name: "task's first step")
    static let taskStepCount = Self(section: .tasks, stride: IndexLayout.taskRow, offset: 12, name: "task's step count")

    static let taskStepDay = Self(section: .taskSteps, stride: IndexLayout.taskStep, offset: 0, name: "task step day")
    static let taskStepHolder = Self(section: .taskSteps, stride: IndexLayout.taskStep, offset: 4, name: "task step holder")
    static let taskStepTitle = Self(section: .taskSteps, stride: IndexLayout.taskStep, offset: 8, name: "task step title")
    static let taskStepLeika = Self(section: .taskSteps, stride: IndexLayout.taskStep, offset: 16, name: "task step LeiKa key")
    static let taskStepHeldSince = Self(section: .taskSteps, stride: IndexLayout.taskStep, offset: 24, name: "task step held-since day")
    static let taskStepHeldBy = Self(section: .taskSteps, stride: IndexLayout.taskStep, offset: 28, name: "task step assigning record")
    static let taskStepPrecision = Self(section: .taskSteps, stride: IndexLayout.taskStep, offset: 32, name: "task step precision code")

    static let supervisor = Self(section: .supervisionKeys, stride: IndexLayout.supervisionKey, offset: 0, name: "supervisor")
    static let supervised = Self(section: .supervisionKeys, stride: IndexLayout.supervisionKey, offset: 4, name: "supervised unit")
    static let supervisedTask = Self(section: .supervisionKeys, stride: IndexLayout.supervisionKey, offset: 8, name: "supervised task")
    static let supervisionKind = Self(section: .supervisionKeys, stride: IndexLayout.supervisionKey, offset: 12, name: "supervision kind code")
    static let supervisionStepStart = Self(section: .supervisionKeys, stride: IndexLayout.supervisionKey, offset: 16, name: "supervision's first step")
    static let supervisionStepCount = Self(section: .supervisionKeys, stride: IndexLayout.supervisionKey, offset: 20, name: "supervision's step count")
    static let supervisionStepDay = Self(section: .supervisionSteps, stride: IndexLayout.step, offset: 0, name: "supervision step day")
    static let supervisionStepRecord = Self(section: .supervisionSteps, stride: IndexLayout.step, offset: 4, name: "supervision step record")

    static let appointee = Self(section: .appointmentKeys, stride: IndexLayout.appointmentKey, offset: 0, name: "appointed person")
    static let appointmentRole = Self(section: .appointmentKeys, stride: IndexLayout.appointmentKey, offset: 8, name: "appointment role")
    static let appointmentUnit = Self(section: .appointmentKeys, stride: IndexLayout.appointmentKey, offset: 16, name: "appointment unit")
    static let appointmentStepStart = Self(section: .appointmentKeys, stride: IndexLayout.appointmentKey, offset: 20, name: "appointment's first step")
    static let appointmentStepCount = Self(section: .appointmentKeys, stride: IndexLayout.appointmentKey, offset: 24, name: "appointment's step count")
    static let appointmentStepDay = Self(section: .appointmentSteps, stride: IndexLayout.step, offset: 0, name: "appointment step day")
    static let appointmentStepRecord = Self(section: .appointmentSteps, stride: IndexLayout.step, offset: 4, name: "appointment step record")

    static let lineOffset = Self(section: .records, stride: IndexLayout.recordRow, offset: 0, name: "record line offset")
    static let lineLength = Self(section: .records, stride: IndexLayout.recordRow, offset: 8, name: "record line length")
    static let recordID = Self(section: .records, stride: IndexLayout.recordRow, offset: 12, name: "record id")
    static let recordByID = Self(section: .recordsByID, stride: 4, offset: 0, name: "record row by id")

    /// The length half of a string field's (offset, length).
    var stringLength: Self { Self(section: section, stride: stride, offset: offset + 4, name: name + " length") }
}
