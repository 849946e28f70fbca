import Foundation
@testable import Ledger
import LedgerTesting
import XCTest

/// Dissolutions checked against the index (version 14): with the counts of live sub-units and
/// held tasks each unit row keeps, a dissolution is decided as the full check decides it, refused
/// with the same words, or left to the full check; and a forged count never gives a wrong answer.
final class IndexTailDissolutionTests: LedgerDirectoryTestCase {
    /// A government with an authority (with a Referat below it and a task), a supervising
    /// department with an office in it, and a task of its own.
    private var base: [RecordBody] {
        var builder = LedgerBuilder()
        builder.record("base", "2010", [
            Op.establish("gov", "Regierung", .government), Op.establish("amt", "Amt", .authority, in: "gov"),
            Op.establish("referat", "Referat", in: "amt"), Op.establish("aufsicht", "Aufsicht", in: "gov"),
            Op.define("t1"), Op.assign("t1", to: "gov"), Op.define("t2"), Op.assign("t2", to: "amt"),
            Op.supervise("aufsicht", "amt"), Op.supervise("gov", "aufsicht", .dienst), Op.appoint("erika", "Leitung", in: "aufsicht"),
        ])
        return builder.bodies
    }

    private func decision(_ id: String, _ date: String, _ changes: [Change]) -> RecordBody {
        RecordBody(id: id, date: day(date), type: .decision, title: "Entscheidung \(id)", sources: [LedgerBuilder.source], changes: changes)
    }

    private func entries(_ bodies: [RecordBody]) -> [RecordBatch.Entry] { bodies.map(RecordBatch.Entry.init(meaning:)) }

    private let now = TransactionTime(secondsSinceEpoch: 1_900_000_000)

    func testATailHoldingADissolutionAnswersEveryQuestionAsTheFullReplay() throws {
        let path = try ledgerFile(base, name: "ledger.jsonl")
        // The department that supervises and has an office: both end with it.
        let first = decision("aufloesung-aufsicht", "2011-03", [Op.dissolve("aufsicht", successor: "gov")])
        let full = try LedgerAppender.plan([first], onto: try Ledger.open(path: path), now: now)
        let dryRun = try LedgerAppender.append([first], to: path, dryRun: true, now: now)
        XCTAssertNil(dryRun.ledger, "checked against the index")
        XCTAssertEqual(dryRun.diff, full.diff, "the dry run's difference through the index")
        XCTAssertFalse(dryRun.diff.supervisionEnded.isEmpty)
        XCTAssertEqual(try LedgerAppender.append([first], to: path, now: now).check, .index)

        // The authority, once its Referat and its task have gone elsewhere, in one record.
        let second = decision("aufloesung-amt", "2012", [Op.move("referat", to: "gov"), Op.transfer("t2", from: "amt", to: "gov"),
                                                          Op.dissolve("amt")])
        XCTAssertEqual(try LedgerAppender.append([second], to: path, now: now).check, .index)
        XCTAssertEqual(IndexFile.open(ledgerPath: path)?.tail.count, 2)
        let days = ["2009", "2010", "2011-02-28", "2011-03-01", "2011-12-31", "2012", "2020"].map { day($0).firstDay }
        try assertIndexAgreesWithReplay(path, at: days, "a tail of two dissolutions")
        XCTAssertEqual(try LedgerStore.openForQueries(path: path).units(at: day("2013")).map(\.unit.id), ["gov", "referat"])
    }

    func testADissolutionRefusedThroughTheIndexNamesTheSubUnitOrTheTaskAsTheFullCheck() throws {
        let cases: [(changes: [Change], throughIndex: Bool, named: String)] = [
            // The Referat is loaded (renamed first) and is all the count says: named through the index.
            ([Op.rename("referat", "Referat neu"), Op.dissolve("amt")], true, "live sub-unit 'referat'"),
            // Not loaded: only the whole ledger can name it.
            ([Op.dissolve("amt")], false, "live sub-unit 'referat'"),
            // A task handed over in the batch is all the department holds.
            ([Op.define("t3"), Op.assign("t3", to: "aufsicht"), Op.dissolve("aufsicht")], true, "task 't3'"),
            // The Referat moved away, the task the count still holds is not loaded.
            ([Op.move("referat", to: "gov"), Op.dissolve("amt")], false, "task 't2'"),
        ]
        for (number, example) in cases.enumerated() {
            let path = try ledgerFile(base, name: "case\(number).jsonl")
            let body = decision("aufloesung", "2011", example.changes)
            let batch = [RecordBatch.Entry(body: body, line: 1)]
            let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
            let throughIndex: Bool
            do {
                let planned = try index.planAppend(batch, expectHead: nil, now: now, dryRun: true)
                XCTAssertNil(planned, "case \(number): accepted")
                throughIndex = false
            } catch {
                throughIndex = true
            }
            XCTAssertEqual(throughIndex, example.throughIndex, "case \(number): decided through the index")
            var full = "", appended = ""
            XCTAssertThrowsError(try LedgerAppender.plan(batch, onto: try Ledger.open(path: path), now: now)) { full = "\($0)" }
            XCTAssertThrowsError(try LedgerAppender.append(batch, to: path, now: now)) { appended = "\($0)" }
            XCTAssertEqual(appended, full, "case \(number)")
            XCTAssertTrue(full.contains(example.named), "case \(number): \(full)")
        }
    }

    func testForgedCountsNeverLetAWrongDissolutionThrough() throws {
        // Too small, against a sub-unit the batch loads: the counts contradict the rows, and the
        // full check refuses, naming it.
        let small = try ledgerFile(base, name: "small.jsonl")
        try forge(small, unit: "amt", .unitLiveSubUnits, to: 0)
        let renameAndDissolve = [RecordBatch.Entry(body: decision("x", "2011", [Op.rename("referat", "R"), Op.dissolve("amt")]), line: 1)]
        XCTAssertNil(try XCTUnwrap(IndexFile.open(ledgerPath: small)).planAppend(renameAndDissolve, expectHead: nil, now: now, dryRun: true))
        XCTAssertThrowsError(try LedgerAppender.append(renameAndDissolve, to: small, now: now)) {
            XCTAssertTrue("\($0)".contains("still has the live sub-unit 'referat'"), "\($0)")
        }

        // Too large: the index cannot decide, and the ledger read compactly lets the dissolution through.
        let large = try ledgerFile(base, name: "large.jsonl")
        try forge(large, unit: "aufsicht", .unitHeldTasks, to: 1)
        let dissolve = [decision("y", "2011", [Op.dissolve("aufsicht")])]
        XCTAssertNil(try XCTUnwrap(IndexFile.open(ledgerPath: large)).planAppend(entries(dissolve), expectHead: nil, now: now, dryRun: true))
        XCTAssertEqual(try LedgerAppender.append(dissolve, to: large, now: now).check, .compactReading)

        // Under a tail that moves the Referat away and dissolves the authority: a count one too
        // small goes below zero, one too large leaves a sub-unit unaccounted for; both are damage,
        // and the ledger answers.
        for forged: UInt32 in [0, 2] {
            let path = try ledgerFile(base, name: "tail\(forged).jsonl")
            let tail = decision("aufloesung-amt", "2012", [Op.move("referat", to: "gov"), Op.transfer("t2", from: "amt", to: "gov"),
                                                            Op.dissolve("amt")])
            XCTAssertEqual(try LedgerAppender.append([tail], to: path, now: now).check, .index)
            try forge(path, unit: "amt", .unitLiveSubUnits, to: forged)
            let index = try XCTUnwrap(IndexFile.open(ledgerPath: path), "the forgery passes the checksums")
            let ledger = try Ledger.open(path: path)
            XCTAssertEqual(try index.units(at: day("2013"), knownAt: .distantFuture), try ledger.units(at: day("2013")), "count \(forged)")
            XCTAssertNotNil(index.loadedLedger, "count \(forged): found out, and the ledger answered")
        }
    }

    func testVerifyIndexFindsAForgedCountAndAForgedSupervisionGiven() throws {
        for (field, value) in [(IndexForgery.Field.unitLiveSubUnits, UInt32(5)), (.unitHeldTasks, 0), (.unitGivenCount, 0)] {
            let path = try ledgerFile(base, name: "\(field.name.filter(\.isLetter)).jsonl")
            try forge(path, unit: field.name == IndexForgery.Field.unitGivenCount.name ? "aufsicht" : "amt", field, to: value)
            XCTAssertEqual(try LedgerVerification.verify(path: path, index: .checkAsQueriesDo).index?.code, "current", "\(field)")
            let verdict = try LedgerVerification.verify(path: path, index: .rebuildAndCompare).index
            guard case let .rebuilt(difference)? = verdict else { return XCTFail("\(field): \(String(describing: verdict))") }
            XCTAssertTrue(difference.contains("units"), "\(field): \(difference)")
            XCTAssertEqual(try LedgerVerification.verify(path: path, index: .rebuildAndCompare).index?.code, "matches")
        }
    }

    /// Sets `field` of the unit row of `unit` to `value` in the index beside `path`, its
    /// checksums made to match.
    private func forge(_ path: String, unit: UnitID, _ field: IndexForgery.Field, to value: UInt32) throws {
        var forgery = try IndexForgery(indexOf: path)
        let row = try XCTUnwrap(IndexFile.open(ledgerPath: path)?.unitRow(unit))
        forgery.write(value, to: field, row: row)
        try forgery.seal(asIndexOf: path)
    }
}
