import Foundation
@testable import Ledger
import LedgerTesting
import XCTest

/// For every rule, a ledger that breaks it with its hash chain sealed as if `append` had written
/// it, so only the rule can catch it: the fast paths (the quick `verify`, the compact index build)
/// must decline it, and `verify`, a query and an `append` of the breaking record must each refuse
/// it naming the same rule as the reference engine does.
final class RuleBreaksEverywhereTests: LedgerDirectoryTestCase {
    /// A small Land in which every op below has something to act on.
    private func base() -> LedgerBuilder {
        var b = LedgerBuilder()
        b.record("base", "2000", type: "baseline", [
            Op.establish("gov", "Landesregierung", .government),
            Op.establish("fm", "Finanzministerium", .ministry, in: "gov"),
            Op.establish("im", "Innenministerium", .ministry, in: "gov"),
            Op.establish("amt", "Landesamt", .authority, in: "im", .subordinateTo),
            Op.establish("abt", "Abteilung 1", .department, in: "amt"),
            Op.establish("leer", "Leere Abteilung", .department, in: "amt"),
            Op.define("t1"),
            Op.assign("t1", to: "abt"),
            Op.define("frei"),
            Op.supervise("fm", "amt"),
            Op.appoint("jemand", "Präsident", in: "amt"),
        ])
        b.record("weg", "2000-06", [Op.dissolve("leer")])
        return b
    }

    /// Records that each break one rule, applied after the base history.
    private static let breaks: [(rule: String, body: RecordBody)] = {
        func record(_ id: String, _ changes: [Change], date: String = "2001", effective: String? = nil,
                    about: [String]? = nil, sources: [Source] = [LedgerBuilder.source], retracts: String? = nil) -> RecordBody {
            RecordBody(id: id, date: day(date), effective: effective.map(day), type: RecordType(rawValue: "decision"),
                       title: "Bruch \(id)", about: about, sources: sources, changes: changes, retracts: retracts)
        }
        return [
            ("rename of an unknown unit", record("r-rename", [Op.rename("ghost", "X")])),
            ("a unit established twice", record("r-establish", [Op.establish("abt", "Noch einmal", in: "amt")])),
            ("a dissolved unit's id reused", record("r-reuse", [Op.establish("leer", "Wieder da", in: "amt")])),
            ("an unknown parent", record("r-parent", [Op.establish("neu", "Neu", in: "ghost")])),
            ("a move into its own subtree", record("r-cycle", [Op.move("amt", to: "abt")])),
            ("a dissolution with a live sub-unit", record("r-dissolve-sub", [Op.dissolve("amt")])),
            ("a dissolution with tasks left", record("r-dissolve-task", [Op.dissolve("abt")])),
            ("a task defined twice", record("r-define", [Op.define("t1")])),
            ("a task assigned while held", record("r-assign", [Op.assign("t1", to: "amt")])),
            ("a task assigned to an unknown unit", record("r-assign-ghost", [Op.assign("frei", to: "ghost")])),
            ("a transfer from a unit that does not hold it", record("r-transfer", [Op.transfer("t1", from: "amt", to: "fm")])),
            ("a revocation from a unit that does not hold it", record("r-revoke", [Op.revoke("t1", from: "amt")])),
            ("supervision by an unknown unit", record("r-supervise", [Op.supervise("ghost", "amt")])),
            ("supervision ended that is not in force", record("r-end-supervision", [Op.endSupervision("im", "amt")])),
            ("an office in an unknown unit", record("r-appoint", [Op.appoint("jemand", "Leitung", in: "ghost")])),
            ("an office ended that is not held",
             record("r-end-office", [.endAppointment(Appointment(person: "niemand", role: "Präsident", unit: "amt"))])),
            ("effective before its date", record("r-effective", [Op.define("t2")], date: "2001-05", effective: "2001-04")),
            ("no source", record("r-source", [Op.define("t3")], sources: [])),
            ("about an unknown id", record("r-about", [Op.define("t4")], about: ["ghost"])),
            ("a retraction of an unknown record", record("r-retract", [], retracts: "ghost")),
        ]
    }()

    func testEveryRuleBreakIsDeclinedByTheFastPathsAndNamedAlikeByVerifyAQueryAndAppend() throws {
        for (name, body) in Self.breaks {
            var broken = base()
            broken.append(body)
            // The reference engine names the rule.
            let expected: RuleViolation
            do {
                _ = try broken.ledger()
                XCTFail("\(name): the reference engine accepted it")
                continue
            } catch let violation as RuleViolation {
                expected = violation
            }
            XCTAssertEqual(expected.recordID, body.id, name)
            // The oracle, which shares no rule with the engine, names the same one.
            do {
                try ReferenceReplay.check(broken.records)
                XCTFail("\(name): the oracle accepted it")
            } catch {
                XCTAssertEqual(error, expected, "\(name): the oracle")
            }

            // A hand-written ledger with a sound chain: only the rule can catch it.
            let path = try write(broken, name: "\(body.id).jsonl")
            XCTAssertNil(CompactVerification.verify(path: path, expectHead: nil), "\(name): the quick verify vouched for it")
            XCTAssertFalse(IndexFile.build(ledgerPath: path), "\(name): the compact index build vouched for it")
            do {
                _ = try LedgerVerification.verify(path: path)
                XCTFail("\(name): verify accepted it")
            } catch .ruleViolation(let violation) {
                XCTAssertEqual(violation.rule, expected.rule, "\(name): verify")
                XCTAssertEqual(violation.recordID, body.id, "\(name): verify")
            } catch {
                XCTFail("\(name): verify: \(error)")
            }
            do {
                let ledger = try LedgerStore.openForQueries(path: path)
                _ = try ledger.units(at: day("2001"))
                XCTFail("\(name): a query answered")
            } catch let error as IntegrityError {
                guard case .ruleViolation(let violation) = error else { return XCTFail("\(name): query: \(error)") }
                XCTAssertEqual(violation.rule, expected.rule, "\(name): query")
            } catch let error as QueryError {
                guard case .integrity(.ruleViolation(let violation)) = error else { return XCTFail("\(name): query: \(error)") }
                XCTAssertEqual(violation.rule, expected.rule, "\(name): query")
            }

            // The same record offered to `append` on the valid base, which is left as it was.
            let basePath = try write(base(), name: "\(body.id)-base.jsonl")
            let before = try Data(contentsOf: URL(fileURLWithPath: basePath))
            do {
                _ = try LedgerAppender.append([body], to: basePath)
                XCTFail("\(name): append stored it")
            } catch .refused(let violation) {
                XCTAssertEqual(violation.rule, expected.rule, "\(name): append")
            } catch {
                XCTFail("\(name): append: \(error)")
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: basePath)), before, "\(name): append changed the file")
        }
    }
}
