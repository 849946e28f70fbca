import Foundation
@testable import Ledger
import XCTest

/// The dry run of a record that reaches back shows every answer it changes, for which valid
/// dates, over the whole period it reaches, not the diff on its own effective date.
final class AffectedAnswersTests: XCTestCase {
    private typealias Task = AffectedAnswers.TaskAnswer
    private typealias Unit = AffectedAnswers.UnitAnswer

    private func period<Value>(_ from: String, _ to: String?, _ before: Value?, _ after: Value?) -> AffectedAnswers.Period<Value?> {
        AffectedAnswers.Period(from: day(from), to: to.map(day), before: before, after: after)
    }

    /// A government, an authority holding a task, and a department the task moves to on 2019-08-01.
    private var moveInAugust: LedgerBuilder {
        var b = LedgerBuilder()
        b.record("base", "2015", [Op.establish("gov", "Regierung", .government), Op.establish("amt", "Landesamt", .authority, in: "gov", .subordinateTo),
                                  Op.define("ozg"), Op.assign("ozg", to: "amt")])
        b.record("abteilung", "2019-08-01", [Op.establish("abt", "Abteilung Digitales", .department, in: "gov"),
                                             Op.transfer("ozg", from: "amt", to: "abt")])
        b.record("later", "2021", [Op.rename("amt", "Landesverwaltungsamt")])
        return b
    }

    private func affected(_ builder: LedgerBuilder, adding body: RecordBody) throws -> AffectedAnswers? {
        let before = try builder.ledger()
        return try LedgerAppender.plan([body], onto: before).affected
    }

    private func body(_ id: String, _ date: String, corrects: String? = nil, retracts: String? = nil, _ changes: [Change]) -> RecordBody {
        RecordBody(id: id, date: day(date), type: .decision, title: id, sources: [LedgerBuilder.source], changes: changes,
                   corrects: corrects, retracts: retracts)
    }

    func testACorrectionThatMovesTheDateLaterShowsTheMonthsBetween() throws {
        // The case: the move really took effect in October; the diff on 2019-10-01 shows nothing.
        let fix = body("fix", "2019-10-01", corrects: "abteilung", [Op.establish("abt", "Abteilung Digitales", .department, in: "gov"),
                                                                   Op.transfer("ozg", from: "amt", to: "abt")])
        let before = try moveInAugust.ledger()
        let outcome = try LedgerAppender.plan([fix], onto: before)
        XCTAssertTrue(outcome.diff.isEmpty)
        let affected = try XCTUnwrap(outcome.affected)
        XCTAssertEqual(affected.from, day("2019-08-01"))
        XCTAssertEqual(affected.tasks.map(\.subject), ["ozg"])
        XCTAssertEqual(affected.tasks[0].periods, [period("2019-08-01", "2019-09-30", Task(title: "Task ozg", holder: "abt"),
                                                          Task(title: "Task ozg", holder: "amt"))])
        XCTAssertEqual(affected.units.map(\.subject), ["abt"])
        XCTAssertEqual(affected.units[0].periods, [period("2019-08-01", "2019-09-30",
                                                          Unit(name: "Abteilung Digitales", abbreviation: nil, kind: .department, parent: "gov", relation: .partOf),
                                                          nil)])
        XCTAssertTrue(affected.supervision.isEmpty && affected.offices.isEmpty)
    }

    func testABackdatedRecordChangesAnswersFromItsDateToTheEnd() throws {
        let rename = body("rename", "2018", [Op.rename("amt", "Thüringer Landesamt")])
        let affected = try XCTUnwrap(try affected(moveInAugust, adding: rename))
        XCTAssertEqual(affected.from, day("2018-01-01"))
        // Until the later rename, after which both say "Landesverwaltungsamt".
        let unit = { (name: String) in Unit(name: name, abbreviation: nil, kind: .authority, parent: "gov", relation: .subordinateTo) }
        XCTAssertEqual(affected.units.map(\.subject), ["amt"])
        XCTAssertEqual(affected.units[0].periods, [period("2018-01-01", "2020-12-31", unit("Landesamt"), unit("Thüringer Landesamt"))])
        XCTAssertTrue(affected.tasks.isEmpty)
    }

    func testARetractionChangesAnswersFromTheRetractedRecordsDateOn() throws {
        let drop = body("drop", "2022", retracts: "abteilung", [])
        let affected = try XCTUnwrap(try affected(moveInAugust, adding: drop))
        XCTAssertEqual(affected.from, day("2019-08-01"))
        XCTAssertEqual(affected.tasks[0].periods, [period("2019-08-01", nil, Task(title: "Task ozg", holder: "abt"),
                                                          Task(title: "Task ozg", holder: "amt"))])
        XCTAssertEqual(affected.units[0].periods.map(\.to), [nil])
    }

    func testNeighbouringDaysWithTheSameChangeAreOnePeriodAndOthersAreNot() throws {
        // Steps that do not change the answer ("A2" answers as "A") do not split a period; a
        // different change does.
        var old = Timeline<String>(), new = Timeline<String>()
        for (day, value) in [(10, "A"), (20, "A2"), (30, "C")] { old.set(value, from: day) }
        for (day, value) in [(10, "A"), (15, "B"), (25, "B"), (35, "C")] { new.set(value, from: day) }
        let periods = AffectedAnswers.periods(old, new, from: 12) { $0 == "A2" ? "A" : $0 }
        XCTAssertEqual(periods.map { [$0.from.firstDay, $0.to!.firstDay] }, [[15, 29], [30, 34]])
        XCTAssertEqual(periods.map { [$0.before, $0.after] }, [["A", "B"], ["C", "B"]])
        // Nothing before the start is looked at, and a last period lasts.
        let lasting = AffectedAnswers.periods(old, new, from: 31) { $0 }
        XCTAssertEqual(lasting.map(\.from.firstDay), [31])
        XCTAssertEqual(lasting.map(\.to), [ValidDate(dayNumber: 34)])
        XCTAssertEqual(AffectedAnswers.periods(old, old, from: 0) { $0 }, [])
        XCTAssertEqual(AffectedAnswers.periods(nil, new, from: 0) { $0 }.map(\.from.firstDay), [10, 15, 35])
    }

    func testABatchThatOnlyAddsToTheEndHasNoAffectedAnswers() throws {
        let next = body("next", "2022", [Op.rename("amt", "Landesamt für Verwaltung")])
        XCTAssertNil(try affected(moveInAugust, adding: next))
        // A record on the last day already in force does not reach back either.
        XCTAssertNil(try affected(moveInAugust, adding: body("same-day", "2021", [Op.define("neu")])))
    }

    /// On every day the periods say what the two states say, and nothing before `from` differs.
    func testRandomCorrectionsAgreeWithTheStatesDayByDay() throws {
        var checked = 0
        for seed in 1...120 as ClosedRange<UInt64> {
            var generator = RandomHistory(seed: seed &* 104_729)
            let builder = LedgerBuilder.appendingInValidOrder(generator.bodies(count: Int.random(in: 4...12, using: &generator.random)))
            let before = try builder.ledger()
            let target = before.records[Int.random(in: 0..<before.records.count, using: &generator.random)]
            var body = target.body
            body.id = "fix"
            if Bool.random(using: &generator.random) {
                body.corrects = target.id
                body.retracts = nil
                body.effective = ValidDate(dayNumber: max(body.date.firstDay, target.effectiveDate.firstDay + Int.random(in: -200...200, using: &generator.random)))
                if body.changes.count > 1 { body.changes.removeLast() }
            } else {
                body.retracts = target.id
                body.corrects = nil
                body.changes = []
            }
            guard let outcome = try? LedgerAppender.plan([body], onto: before), let after = outcome.ledger else { continue }
            let affected = try XCTUnwrap(outcome.affected, "seed \(seed)")
            let days = Set((before.records + after.records).flatMap { [$0.effectiveDate.firstDay - 1, $0.effectiveDate.firstDay] }).sorted()
            for day in days + [days.last! + 1000] {
                let (old, new) = (before.index.snapshot(at: ValidDate(dayNumber: day)), after.index.snapshot(at: ValidDate(dayNumber: day)))
                func covering<Key, Value>(_ subjects: [AffectedAnswers.Subject<Key, Value>], _ key: Key) -> AffectedAnswers.Period<Value>? {
                    subjects.first { $0.subject == key }?.periods.first { $0.from.firstDay <= day && ($0.to?.firstDay ?? .max) >= day }
                }
                for task in Set(old.taskIDs + new.taskIDs) {
                    let answers = (old.task(task).map { Task(title: $0.title, holder: $0.holder) }, new.task(task).map { Task(title: $0.title, holder: $0.holder) })
                    let period = covering(affected.tasks, task)
                    if answers.0 == answers.1 {
                        XCTAssertNil(period, "seed \(seed), task \(task) on \(ValidDate(dayNumber: day))")
                    } else {
                        XCTAssertGreaterThanOrEqual(day, affected.from.firstDay, "seed \(seed)")
                        XCTAssertEqual(period?.before, answers.0, "seed \(seed), task \(task) on \(ValidDate(dayNumber: day))")
                        XCTAssertEqual(period?.after, answers.1, "seed \(seed), task \(task) on \(ValidDate(dayNumber: day))")
                    }
                }
                for unit in Set(old.unitIDs + new.unitIDs) {
                    let answer = { (state: UnitState?) -> Unit? in
                        guard let state, !state.isDissolved else { return nil }
                        return Unit(name: state.name, abbreviation: state.abbreviation, kind: state.kind, parent: state.parent,
                                    relation: state.parent == nil ? nil : state.relation)
                    }
                    let answers = (answer(old.unit(unit)), answer(new.unit(unit)))
                    let period = covering(affected.units, unit)
                    if answers.0 == answers.1 {
                        XCTAssertNil(period, "seed \(seed), unit \(unit) on \(ValidDate(dayNumber: day))")
                    } else {
                        XCTAssertEqual(period?.before, answers.0, "seed \(seed), unit \(unit) on \(ValidDate(dayNumber: day))")
                        XCTAssertEqual(period?.after, answers.1, "seed \(seed), unit \(unit) on \(ValidDate(dayNumber: day))")
                    }
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 500)
    }
}
