import Foundation
@testable import Ledger
import XCTest

/// No bytes of an index crash a query. Every index here is forged with its checksums made to
/// match, so only the readers' range checks stand in the way: a value no row can hold (a day
/// outside the years 1...9999, a reference past its section, a string longer than the file, an
/// unknown code) is found out and the ledger, read in full, answers instead; a forgery that is
/// well formed may change an answer (that is for ownership checks and `verify`), but every
/// question still gets an answer or an error that says what is wrong, never a trap.
///
/// The default run takes a few seconds: one damage of each field on one row, and 40 rounds of
/// each random kind. `LEDGER_STRESS=1` forges every damage on every row, and 4,000 rounds.
final class IndexFuzzTests: LedgerDirectoryTestCase {
    private var stress: Bool { ProcessInfo.processInfo.environment["LEDGER_STRESS"] == "1" }
    private typealias Field = IndexForgery.Field
    private typealias Header = IndexLayout.Header

    // MARK: Values no row can hold: found out, and the ledger answers

    func testDaysNoDateCanStandForAreDamageAndTheLedgerAnswers() throws {
        let days: [Int32] = [.min, -719_163, 2_932_897, 10_000_000, .max]
        let fields: [Field] = [.unitStepDay, .unitStepEstablished, .taskStepDay, .taskStepHeldSince, .supervisionStepDay, .appointmentStepDay]
        try assertFoundOut(fields.flatMap { field in days.map { RowDamage(field, $0) } })
    }

    func testTheAttackOnTheAssignmentDayInForceIsDamageAndTheLedgerAnswers() throws {
        // The attack as reported: the day the holder got a task, in the row every query reads,
        // set past 9999-12-31. It used to trap in `ValidDate(dayNumber:)` until the index was deleted.
        let fixture = try ForgedIndexFixture(in: self)
        var forgery = fixture.original
        for row in 0..<forgery.rowCount(.taskStepHeldSince) where forgery.read(.taskStepPrecision, row: row, as: UInt8.self) != 255 {
            forgery.write(Int32(10_000_000), to: .taskStepHeldSince, row: row)
        }
        XCTAssertTrue(try fixture.assertLedgerAnswers(forgery, "every assignment day at 10,000,000"), "the forgery was not found out")
    }

    func testReferencesPastTheirSectionsAreDamageAndTheLedgerAnswers() throws {
        let fixture = try ForgedIndexFixture(in: self)
        let (units, tasks, records) = (Int32(fixture.original.unitCount), Int32(fixture.original.taskCount), Int32(fixture.original.recordCount))
        let unitFields: [Field] = [.unitStepParent, .unitStepSuccessor, .taskStepHolder, .supervisor, .supervised, .appointmentUnit]
        let recordFields: [Field] = [.unitStepEstablishedBy, .unitStepPlacedBy, .unitStepNamedBy, .taskStepHeldBy, .supervisionStepRecord,
                                     .appointmentStepRecord, .recordByID]
        // -1 is "none" where none is allowed; no other number below zero is anything.
        var damages = unitFields.flatMap { field in [units, units + 7, -2, .min, .max].map { RowDamage(field, $0) } }
        damages += [tasks, -2, .max].map { RowDamage(.supervisedTask, $0) }
        damages += recordFields.flatMap { field in [records, -2, .min, .max].map { RowDamage(field, $0) } }
        try assertFoundOut(damages, in: fixture)
    }

    func testStringsLongerThanTheirSectionAreDamageAndTheLedgerAnswers() throws {
        let fixture = try ForgedIndexFixture(in: self)
        let strings = UInt32(fixture.original.length(of: .strings))
        let fields: [Field] = [.unitID, .unitStepName, .unitStepAbbreviation, .unitStepKind, .taskID, .taskStepTitle, .taskStepLeika,
                               .appointee, .appointmentRole, .recordID]
        // Lengths only: UInt32.max is a nil string, which the optional fields may be.
        let damages = fields.flatMap { field in [strings + 1, 1 << 31, .max - 1].map { RowDamage(field.stringLength, $0) } }
            + fields.map { RowDamage($0, strings) } // an offset at the section's end, for strings that are not empty
        try assertFoundOut(damages, in: fixture)
    }

    func testStringsThatAreNotUTF8AreDamageAndTheLedgerAnswers() throws {
        // One byte of the string a row names set to 0xFF, which no UTF-8 text holds. Strings are
        // stored once per kind, so every row naming the same text is forged with it.
        let fixture = try ForgedIndexFixture(in: self)
        var random = SplitMix64(seed: 1952)
        let fields: [Field] = [.unitID, .unitStepName, .unitStepKind, .taskID, .taskStepTitle, .appointee, .appointmentRole, .recordID]
        var (forged, foundOut) = (0, 0)
        for field in fields {
            let rows = fixture.original.rowCount(field)
            for row in stress ? Array(0..<rows) : [Int.random(in: 0..<rows, using: &random)] {
                let offset = Int(fixture.original.read(field, row: row, as: UInt32.self))
                let length = fixture.original.read(field.stringLength, row: row, as: UInt32.self)
                guard length > 0, length != IndexLayout.nilLength else { continue }
                var forgery = fixture.original
                forgery.setPayloadByte(at: forgery.start(of: .strings) + offset + Int.random(in: 0..<Int(length), using: &random), to: 0xFF)
                if try fixture.assertLedgerAnswers(forgery, "a byte of the \(field) on row \(row) set to 0xFF") { foundOut += 1 }
                forged += 1
            }
        }
        XCTAssertGreaterThan(foundOut * 2, forged, "only \(foundOut) of \(forged) forgeries were found out")
    }

    func testOnlyTextThatIsUTF8ByteForByteIsReadAsAString() throws {
        // Decoding repairs bad bytes; a string read from the index must be the bytes exactly. The
        // lengths cover each way the check reads them (one byte, two, four, eight and more).
        let valid = ["", "a", "ab", "abcd", "abcdefgh", "kompetenzzentrum-verwaltung-4-0", "ü", "Thüringer Landesverwaltungsamt", "日本", "👩‍💻"]
        for text in valid {
            XCTAssertEqual(try Array(text.utf8).withUnsafeBytes { try IndexRows.text($0) }, text)
        }
        let invalid: [[UInt8]] = [
            [0xFF], [0x61, 0x80], [0xC3], [0x61, 0x62, 0x63, 0xC3], Array("Th".utf8) + [0xFC] + Array("ringer Amt".utf8),
            [0xE0, 0x80, 0x80], // an overlong encoding
            Array("abcdefghijk".utf8) + [0xF0, 0x90, 0x80], // a cut four-byte sequence: repaired to a character of the same length
            Array("ab".utf8) + [0xED, 0xA0, 0x80] + Array("cd".utf8), // a surrogate
        ]
        for bytes in invalid {
            XCTAssertThrowsError(try bytes.withUnsafeBytes { try IndexRows.text($0) }, "\(bytes)")
        }
    }

    func testUnknownCodesAreDamageAndTheLedgerAnswers() throws {
        try assertFoundOut([
            RowDamage(Field.unitStepRelation, UInt8(2)), RowDamage(Field.unitStepRelation, UInt8(255)),
            RowDamage(Field.unitStepDissolved, UInt8(2)), RowDamage(Field.unitStepDissolved, UInt8(255)),
            // An establishment always has a precision: 255, "no date", is as unknown as 3.
            RowDamage(Field.unitStepPrecision, UInt8(3)), RowDamage(Field.unitStepPrecision, UInt8(255)),
            RowDamage(Field.taskStepPrecision, UInt8(3)), RowDamage(Field.taskStepPrecision, UInt8(254)),
            RowDamage(Field.supervisionKind, UInt8(3)), RowDamage(Field.supervisionKind, UInt8(255)),
        ])
    }

    func testStepsPastTheirSectionsAreDamageAndTheLedgerAnswers() throws {
        let fixture = try ForgedIndexFixture(in: self)
        let forgery = fixture.original
        let ranges: [(start: Field, count: Field, rows: Int)] = [
            (.unitStepStart, .unitStepCount, forgery.rowCount(.unitStepDay)),
            (.taskStepStart, .taskStepCount, forgery.rowCount(.taskStepDay)),
            (.unitSupervisionStart, .unitSupervisionCount, forgery.rowCount(.supervisor)),
            (.unitAppointmentStart, .unitAppointmentCount, forgery.rowCount(.appointee)),
            (.supervisionStepStart, .supervisionStepCount, forgery.rowCount(.supervisionStepDay)),
            (.appointmentStepStart, .appointmentStepCount, forgery.rowCount(.appointmentStepDay)),
        ]
        let damages = ranges.flatMap { range in
            [RowDamage(range.start, UInt32(range.rows)), RowDamage(range.start, UInt32.max),
             RowDamage(range.count, UInt32(range.rows + 1)), RowDamage(range.count, UInt32.max)]
        }
        try assertFoundOut(damages, in: fixture)
    }

    func testLinesOutsideTheLedgerAreDamageAndTheLedgerAnswers() throws {
        let fixture = try ForgedIndexFixture(in: self)
        let size = UInt64(fixture.ledgerSize)
        try assertFoundOut([RowDamage(.lineOffset, size), RowDamage(.lineOffset, UInt64.max), RowDamage(.lineOffset, size - 1),
                            RowDamage(.lineLength, UInt32(size)), RowDamage(.lineLength, UInt32.max)], in: fixture)
    }

    func testHeaderCountsPastTheirSectionsAreDamageAndTheLedgerAnswers() throws {
        // Not a row, but the numbers every row is checked against: a count larger than its
        // section (by one, or by billions) must not send a loop or a table past it.
        let fixture = try ForgedIndexFixture(in: self)
        let original = fixture.original
        let units = UInt32(original.unitCount), tasks = UInt32(original.taskCount), records = UInt64(original.recordCount)
        let forgeries: [(String, (inout IndexForgery) -> Void)] = [
            ("unit count \(units + 1)", { $0.writeHeader(units + 1, to: Header.unitCount) }),
            ("unit count \(UInt32.max)", { $0.writeHeader(UInt32.max, to: Header.unitCount) }),
            ("task count \(tasks + 1)", { $0.writeHeader(tasks + 1, to: Header.taskCount) }),
            ("task count \(UInt32.max)", { $0.writeHeader(UInt32.max, to: Header.taskCount) }),
            ("record count \(records + 1)", { $0.writeHeader(records + 1, to: Header.recordCount) }),
            ("record count 2⁶²", { $0.writeHeader(UInt64(1) << 62, to: Header.recordCount) }),
            // Numbers no Int can hold, which trapped where the header was read.
            ("record count 2⁶⁴-1", { $0.writeHeader(UInt64.max, to: Header.recordCount) }),
            ("payload length 2⁶⁴-1", { $0.writeHeader(UInt64.max, to: Header.payloadLength) }),
            ("payload length 2⁶³-1", { $0.writeHeader(UInt64(Int64.max), to: Header.payloadLength) }),
            ("section offset 2⁶⁴-1", { $0.writeHeader(UInt64.max, to: Header.sectionStart(.units)) }),
        ]
        for (what, forge) in forgeries {
            var forgery = original
            forge(&forgery)
            XCTAssertTrue(try fixture.assertLedgerAnswers(forgery, what), "\(what) was not found out")
        }
    }

    // MARK: Anything else: never a crash

    func testRandomBytesWithMatchingChecksumsNeverCrashAQuery() throws {
        let fixture = try ForgedIndexFixture(in: self)
        var random = SplitMix64(seed: 2017_09_26)
        for round in 0..<(stress ? 4_000 : 40) {
            var forgery = fixture.original
            var changed: [String] = []
            for _ in 0...Int.random(in: 0...3, using: &random) {
                let offset = Int.random(in: 0..<forgery.payloadLength, using: &random), value = UInt8.random(in: 0...255, using: &random)
                forgery.setPayloadByte(at: offset, to: value)
                changed.append("\(value) at \(offset)")
            }
            try fixture.assertEveryQuestionAnswered(forgery, "round \(round): " + changed.joined(separator: ", "))
        }
    }

    func testWellFormedForgeriesNeverCrashAQuery() throws {
        // Rows rewritten with values a row could hold: references to other units (a unit under
        // itself or its own sub-unit, a cycle), days and codes in range, steps within their
        // sections. The index cannot tell these from the truth row by row; they must still end.
        let fixture = try ForgedIndexFixture(in: self)
        let original = fixture.original
        let references: [(Field, Int)] = [
            (.unitStepParent, original.unitCount), (.unitStepSuccessor, original.unitCount), (.taskStepHolder, original.unitCount),
            (.supervisor, original.unitCount), (.supervised, original.unitCount), (.appointmentUnit, original.unitCount),
            (.supervisedTask, original.taskCount), (.unitStepEstablishedBy, original.recordCount), (.taskStepHeldBy, original.recordCount),
            (.supervisionStepRecord, original.recordCount), (.appointmentStepRecord, original.recordCount), (.recordByID, original.recordCount),
        ]
        let days: [Field] = [.unitStepDay, .unitStepEstablished, .taskStepDay, .taskStepHeldSince, .supervisionStepDay, .appointmentStepDay]
        let codes: [(Field, ClosedRange<UInt8>)] = [(.unitStepRelation, 0...1), (.unitStepDissolved, 0...1), (.unitStepPrecision, 0...2),
                                                   (.taskStepPrecision, 0...2), (.supervisionKind, 0...2)]
        let counts: [(Field, Int)] = [(.unitStepStart, original.rowCount(.unitStepDay)), (.unitStepCount, original.rowCount(.unitStepDay)),
                                      (.taskStepCount, original.rowCount(.taskStepDay)), (.unitSupervisionCount, original.rowCount(.supervisor)),
                                      (.supervisionStepCount, original.rowCount(.supervisionStepDay))]
        var random = SplitMix64(seed: 1990_10_03)
        for round in 0..<(stress ? 4_000 : 40) {
            var forgery = original
            var changed: [String] = []
            for _ in 0...Int.random(in: 0...2, using: &random) {
                let damage: RowDamage
                switch Int.random(in: 0...3, using: &random) {
                case 0:
                    let (field, count) = references[Int.random(in: 0..<references.count, using: &random)]
                    damage = RowDamage(field, Int32(Int.random(in: -1..<count, using: &random)))
                case 1:
                    let day = Int.random(in: ValidDate.representableDayNumbers, using: &random)
                    damage = RowDamage(days[Int.random(in: 0..<days.count, using: &random)], Int32(day))
                case 2:
                    let (field, range) = codes[Int.random(in: 0..<codes.count, using: &random)]
                    damage = RowDamage(field, UInt8.random(in: range, using: &random))
                default:
                    let (field, rows) = counts[Int.random(in: 0..<counts.count, using: &random)]
                    damage = RowDamage(field, UInt32(Int.random(in: 0...rows, using: &random)))
                }
                let rows = forgery.rowCount(damage.field)
                guard rows > 0 else { continue }
                let row = Int.random(in: 0..<rows, using: &random)
                damage.apply(&forgery, row)
                changed.append("\(damage) on row \(row)")
            }
            try fixture.assertEveryQuestionAnswered(forgery, "round \(round): " + changed.joined(separator: ", "))
        }
    }

    func testAUnitForgedUnderItselfOrItsSubUnitEndsEveryQuestion() throws {
        // A parent no rule would allow, well formed all the same: the org chart drawn down from
        // that unit, and every walk up from it, must stop.
        let fixture = try ForgedIndexFixture(in: self)
        let original = fixture.original
        var cycles = 0
        for row in 0..<original.rowCount(.unitStepParent) {
            let parent = original.read(.unitStepParent, row: row, as: Int32.self)
            guard parent >= 0 else { continue }
            let unit = original.unitRow(ofStep: row)
            let named = [fixture.unitIDs[Int(unit)], fixture.unitIDs[Int(parent)]]
            var underItself = original
            underItself.write(unit, to: .unitStepParent, row: row)
            try fixture.assertEveryQuestionAnswered(underItself, "unit step \(row) under its own unit", about: named)
            // Its parent's steps put under it: the two units form a cycle.
            var cycle = original
            for step in original.stepRows(ofUnit: Int(parent)) { cycle.write(unit, to: .unitStepParent, row: step) }
            try fixture.assertEveryQuestionAnswered(cycle, "unit step \(row)'s parent under it", about: named)
            cycles += 1
            if !stress, cycles == 4 { break }
        }
        XCTAssertGreaterThan(cycles, 0, "the fixture has no unit with a parent")
    }

    func testForgedCountsAndSupervisionGivenUnderADissolvingTailNeverChangeAnAnswer() throws {
        // The tail dissolves a unit: answers after it read the unit's counts and the supervision
        // it gives. A count above the truth makes the dissolution undecidable (damage, the ledger
        // answers); one below either contradicts what is loaded (damage) or lets pass a
        // dissolution the tail's append checked already; a row of supervision given that names
        // another supervisor's key is damage. No answer is ever other than the ledger's.
        let fixture = try ForgedIndexFixture(in: self, dissolvingInTail: true)
        let original = fixture.original
        let dissolved = try XCTUnwrap(fixture.dissolvedRow)
        var damages: [RowDamage] = []
        for value: UInt32 in [0, 1, 2, 1_000, .max] { damages += [RowDamage(.unitLiveSubUnits, value), RowDamage(.unitHeldTasks, value)] }
        damages += [RowDamage(.unitGivenStart, UInt32(original.rowCount(.givenSupervision))), RowDamage(.unitGivenCount, UInt32(0)),
                    RowDamage(.unitGivenCount, UInt32(original.rowCount(.givenSupervision) + 1))]
        var random = SplitMix64(seed: 2026_12_03)
        for damage in damages {
            let rows = stress ? Array(0..<original.rowCount(damage.field)) : [dissolved, Int.random(in: 0..<original.unitCount, using: &random)]
            for row in rows {
                var forgery = original
                damage.apply(&forgery, row)
                try fixture.assertLedgerAnswers(forgery, "\(damage) on row \(row)")
            }
        }
        let keys = original.rowCount(.givenSupervision)
        XCTAssertGreaterThan(keys, 0, "the fixture gives no supervision")
        for round in 0..<(stress ? 400 : 6) {
            var forgery = original
            let row = Int.random(in: 0..<keys, using: &random), key = Int32(Int.random(in: -1...keys, using: &random))
            forgery.write(key, to: .givenSupervision, row: row)
            try fixture.assertLedgerAnswers(forgery, "round \(round): supervision given row \(row) set to \(key)")
        }
    }

    // MARK: Helpers

    /// Damages forged one at a time: every answer is the ledger's, and most forgeries were found
    /// out and the index written anew. By default one damage of each field, picked at random, on
    /// one random row (a forgery costs a few dozen answers); under `LEDGER_STRESS`, every damage
    /// on every row.
    private func assertFoundOut(_ damages: [RowDamage], in given: ForgedIndexFixture? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let fixture = try given ?? ForgedIndexFixture(in: self)
        var random = SplitMix64(seed: 1957)
        var fields: [String] = [], damagesOf: [String: [RowDamage]] = [:]
        for damage in damages {
            if damagesOf[damage.field.name] == nil { fields.append(damage.field.name) }
            damagesOf[damage.field.name, default: []].append(damage)
        }
        let chosen = stress ? damages : fields.map { damagesOf[$0]!.randomElement(using: &random)! }
        var (forged, foundOut) = (0, 0)
        for damage in chosen {
            let rows = fixture.original.rowCount(damage.field)
            XCTAssertGreaterThan(rows, 0, "the fixture has no \(damage.field) to damage", file: file, line: line)
            let picked = stress ? Array(0..<rows) : rows == 0 ? [] : [Int.random(in: 0..<rows, using: &random)]
            for row in picked {
                var forgery = fixture.original
                damage.apply(&forgery, row)
                if try fixture.assertLedgerAnswers(forgery, "\(damage) on row \(row)", file: file, line: line) { foundOut += 1 }
                forged += 1
            }
        }
        // A row no question reads changes no answer and is not found out; the rest must be.
        XCTAssertGreaterThan(foundOut * 2, forged, "only \(foundOut) of \(forged) forgeries were found out", file: file, line: line)
    }
}
