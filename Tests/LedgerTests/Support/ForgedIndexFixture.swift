import Foundation
@testable import Ledger
import XCTest

// What `IndexFuzzTests` forges indexes with and asks them: one damage to a row, a ledger with its
// index and its answers read in full, and every question the command line asks.

/// A field of one row set to a value no matter what it held.
struct RowDamage: CustomStringConvertible {
    var field: IndexForgery.Field
    var apply: (inout IndexForgery, _ row: Int) -> Void
    var description: String

    init<Value: FixedWidthInteger>(_ field: IndexForgery.Field, _ value: Value) {
        self.field = field
        apply = { forgery, row in forgery.write(value, to: field, row: row) }
        description = "\(field) set to \(value)"
    }
}

/// A ledger with units, tasks, supervision and offices; its index; the questions to put to both.
struct ForgedIndexFixture {
    let path: String
    let ledgerSize: Int
    /// Every unit's id, by its row in the index.
    let unitIDs: [UnitID]
    let original: IndexForgery
    /// The index row of the unit the tail dissolves, if it does.
    private(set) var dissolvedRow: Int?
    let questions: QuestionSet
    /// The ledger's answers, read in full.
    let expected: [String: QueryOutcome]

    /// With `dissolvingInTail`, a unit with no live sub-unit and no task at the end (one that
    /// gives supervision, if there is one) is dissolved by an append after the index was built,
    /// which goes into its tail: every answer after it reads the unit's counts and the
    /// supervision it gives (`dissolvedRow`).
    init(in test: LedgerDirectoryTestCase, dissolvingInTail: Bool = false) throws {
        var generator = RandomHistory(seed: 6)
        var builder = LedgerBuilder()
        for body in generator.bodies(count: 40) { builder.append(body) }
        path = try test.write(builder)
        var ledger = try Ledger.open(path: path)
        XCTAssertTrue(IndexFile.build(ledgerPath: path))
        dissolvedRow = nil
        if dissolvingInTail {
            let state = ledger.finalState
            let empty = state.units.values.filter { unit in
                !unit.isDissolved && !state.units.values.contains { $0.parent == unit.id && !$0.isDissolved }
                    && !state.tasks.values.contains { $0.holder == unit.id }
            }.map(\.id).sorted()
            let unit = try XCTUnwrap(empty.first { id in state.supervisions.keys.contains { $0.supervisor == id } } ?? empty.first,
                                     "the fixture has no unit to dissolve")
            let last = ledger.records.map(\.effectiveDate.firstDay).max()!
            let body = RecordBody(id: "fixture-dissolution", date: ValidDate(dayNumber: last + 1), type: .decision, title: "Auflösung",
                                  sources: [LedgerBuilder.source], changes: [Op.dissolve(unit)])
            XCTAssertEqual(try LedgerAppender.append([body], to: path).check, .index, "the dissolution went into the tail")
            dissolvedRow = try XCTUnwrap(IndexFile.open(ledgerPath: path)?.unitRow(unit))
            ledger = try Ledger.open(path: path)
        }
        ledgerSize = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        original = try IndexForgery(indexOf: path)
        let days = ledger.records.map(\.effectiveDate.firstDay).sorted()
        let final = try ledger.snapshot(at: ValidDate(dayNumber: days.last! + 1))
        unitIDs = final.unitIDs.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        // Five dates through the history, so most steps of a row are in force on one of them.
        questions = QuestionSet(dates: ((1...4).map { days[days.count * $0 / 5] } + [days.last! + 400]).map(ValidDate.init(dayNumber:)),
                              tasks: final.taskIDs + ["no-such-task"], units: Self.sample(final.unitIDs, 2) + ["no-such-unit"],
                              records: ledger.records.map(\.id) + ["no-such-record"])
        expected = questions.ask(ledger)
        // The index as built answers like the ledger, and so gives the forgeries something to change.
        XCTAssertEqual(questions.ask(try LedgerStore.openForQueries(path: path)), expected)
    }

    /// `count` of `items`, spread evenly: questions about each unit read the whole organisation, so
    /// asking them of every unit would make each forgery cost a hundred such answers.
    private static func sample<T>(_ items: [T], _ count: Int) -> [T] {
        (0..<min(count, items.count)).map { items[$0 * items.count / min(count, items.count)] }
    }

    /// Seals `forgery` as the ledger's index and asks every question as the command line does:
    /// through `LedgerStore.openForQueries`.
    private func answers(to forgery: IndexForgery, about units: [UnitID] = []) throws -> [String: QueryOutcome] {
        try forgery.seal(asIndexOf: path)
        var questions = questions
        questions.units += units
        return questions.ask(try LedgerStore.openForQueries(path: path))
    }

    /// Every answer to the forged index is the ledger's. True if the forgery was found out: the
    /// index on disk is no longer the forged one (it was written anew from the ledger).
    @discardableResult
    func assertLedgerAnswers(_ forgery: IndexForgery, _ what: String, file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
        let answers = try answers(to: forgery)
        for (question, expected) in expected.sorted(by: { $0.key < $1.key }) where answers[question] != expected {
            XCTFail("\(what): \(question): \(answers[question].map { "\($0)" } ?? "not asked"), not \(expected)", file: file, line: line)
        }
        return try Data(contentsOf: URL(fileURLWithPath: IndexFile.path(forLedger: path))) != Data(forgery.sealed)
    }

    /// Every question (with those about `units` besides the usual ones) gets an answer or an
    /// error that names a unit, task or record, and none blames the ledger, which is sound.
    func assertEveryQuestionAnswered(_ forgery: IndexForgery, _ what: String, about units: [UnitID] = [],
                                     file: StaticString = #filePath, line: UInt = #line) throws {
        for (question, outcome) in try answers(to: forgery, about: units) {
            guard case let .refused(error) = outcome else { continue }
            if case .integrity = error { XCTFail("\(what): \(question): \(error)", file: file, line: line) }
            XCTAssertFalse(error.description.isEmpty, "\(what): \(question)", file: file, line: line)
        }
    }
}

/// An answer, or the error given instead, comparable whatever the question.
enum QueryOutcome: Equatable, CustomStringConvertible {
    case answer(AnyHashable)
    case refused(QueryError)

    var description: String {
        switch self {
        case let .answer(answer): "\(answer)"
        case let .refused(error): "error: \(error)"
        }
    }
}

/// Every kind of question the command line asks, on a few dates, about every task and unit.
struct QuestionSet {
    var dates: [ValidDate]
    var tasks: [TaskID]
    var units: [UnitID]
    var records: [RecordID]
    /// As known at this time; an earlier one than the last record's is answered from the records.
    var knownAt: TransactionTime = .distantFuture
    /// Also who held which office (everywhere and within each unit), the persons, and the records
    /// whose dates leave each day open.
    var asksAboutOffices = false

    func ask(_ source: any LedgerQuerying) -> [String: QueryOutcome] {
        var outcomes: [String: QueryOutcome] = [:]
        func put<Answer: Hashable>(_ question: String, _ body: () throws(QueryError) -> Answer) {
            do { outcomes[question] = .answer(AnyHashable(try body())) } catch { outcomes[question] = .refused(error) }
        }
        let now = knownAt
        for date in dates {
            for task in tasks {
                put("responsible \(task) at \(date)") { () throws(QueryError) in try source.responsible(task, at: date, knownAt: now) }
                // Provenance of the answer this source gave, as the command line asks it.
                if case let .answer(answer as Responsibility) = outcomes["responsible \(task) at \(date)"] {
                    put("provenance of \(task) at \(date)") { () throws(QueryError) in try source.provenance(of: answer, knownAt: now) }
                }
            }
            put("orgchart at \(date)") { () throws(QueryError) in try source.orgChart(at: date, root: nil, knownAt: now) }
            put("responsibilities at \(date)") { () throws(QueryError) in try source.responsibilities(at: date, unit: nil, knownAt: now) }
            for unit in units {
                put("orgchart of \(unit) at \(date)") { () throws(QueryError) in try source.orgChart(at: date, root: unit, knownAt: now) }
                put("responsibilities within \(unit) at \(date)") { () throws(QueryError) in
                    try source.responsibilities(at: date, unit: unit, knownAt: now)
                }
            }
            put("units at \(date)") { () throws(QueryError) in try source.units(at: date, knownAt: now) }
            put("tasks at \(date)") { () throws(QueryError) in try source.tasks(at: date, knownAt: now) }
            guard asksAboutOffices else { continue }
            put("offices at \(date)") { () throws(QueryError) in try source.offices(at: date, filter: OfficeFilter(), knownAt: now) }
            for unit in units {
                put("offices within \(unit) at \(date)") { () throws(QueryError) in
                    try source.offices(at: date, filter: OfficeFilter(unit: unit), knownAt: now)
                }
            }
            put("uncertain at \(date)") { () throws(QueryError) in try source.uncertainties(at: date, knownAt: now) }
        }
        if asksAboutOffices { put("persons") { () throws(QueryError) in try source.persons(knownAt: now) } }
        put("diff \(dates.first!) to \(dates.last!)") { () throws(QueryError) in try source.diff(from: dates.first!, to: dates.last!, knownAt: now) }
        for record in records {
            put("record \(record)") { () throws(QueryError) in source.record(record) }
        }
        return outcomes
    }
}
