import Foundation
@testable import Ledger
import LedgerTesting
import XCTest

/// For every rule, a ledger that breaks it with its hash chain sealed as if `append` had written
/// it, so only the rule can catch it: the fast paths (the quick `verify`, the compact index build)
/// must decline it, and `verify`, a query and an `append` of the breaking record must each refuse
/// it naming the same rule, at the same record and change, as the reference engine does.
///
/// The rules, as docs/FORMAT.md numbers them, and the case below that breaks each (`ghost` is an
/// id nobody established, `leer` a unit dissolved in the base, `rest` a live one without tasks):
///
/// §4.3 `establishUnit`  1 id already used: "a unit established twice"; by a dissolved unit: "a
///                         dissolved unit's id reused"
///                       2 parent: "an unknown parent", "a dissolved parent"
/// §4.3 `renameUnit`     1 unit live: "rename of an unknown unit", "renaming a dissolved unit"
/// §4.3 `moveUnit`       1 unit live: "moving an unknown unit", "moving a dissolved unit"
///                       2 parent live: "a move under an unknown parent", "a move under a dissolved parent"
///                       3 no cycle: "a move into its own subtree", "a move under itself"
/// §4.3 `dissolveUnit`   1 unit live: "dissolving an unknown unit", "dissolving a unit twice"
///                       2 no live sub-unit: "a dissolution with a live sub-unit"
///                       3 no task: "a dissolution with tasks left"
///                       4 successor: "a unit its own successor", "a successor that does not exist",
///                         "a dissolved successor"
///                       5 side effects: "a supervision a dissolution ended, ended again" (over the
///                         unit, and by it), "an office a dissolution ended, ended again"; and
///                         `testADissolutionEndsItsSupervisionAndOfficesWithoutBreakingARule`
/// §4.3 `defineTask`     1 "a task defined twice"
/// §4.3 `assignTask`     1 "assigning an undefined task"; 2 "a task assigned to an unknown unit",
///                         "a task assigned to a dissolved unit"; 3 "a task assigned while held"
/// §4.3 `transferTask`   1 "transferring an undefined task"; 2 "a transfer from a unit that does not
///                         hold it", "a transfer of a task nobody holds"; 3 "a transfer to the same
///                         unit"; 4 "a transfer to an unknown unit", "a transfer to a dissolved unit"
/// §4.3 `revokeTask`     1 "revoking an undefined task"; 2 "a revocation from a unit that does not
///                         hold it", "a revocation of a task nobody holds"
/// §4.3 `setSupervision` 1 "supervision by an unknown unit", "supervision by a dissolved unit"
///                       2 "supervision over an unknown unit", "supervision over a dissolved unit"
///                       3 "a unit supervising itself"; 4 "supervision for an undefined task"
///                       5 "supervision set twice"
/// §4.3 `endSupervision` 1 "supervision ended that is not in force", "task supervision ended that is
///                         not in force"
/// §4.3 `appoint`        1 "an office in an unknown unit", "an office in a dissolved unit"
///                       2 "an office held twice"
/// §4.3 `endAppointment` 1 "an office ended that is not held", "an office ended where nobody holds one"
/// §4.4 record rules     1 id not reused: `testADuplicatedRecordIdIsRefusedByTheChainEverywhere`
///                         (the chain check finds it before any rule)
///                       2 "no source"
///                       3 "effective before its date", "effective on the same day but coarser",
///                         "effective exact before its open date"
///                       4 "corrects and retracts together"
///                       5 "a correction of an unknown record", "a correction of a later record",
///                         "a retraction of an unknown record", "a retraction of a later record"
///                       6 "a retraction carrying changes"
///                       7 "an actor naming an unknown unit", "an actor naming a task",
///                         "an actor only a withdrawn record established"
///                       8 "about an unknown id", "about a unit only a withdrawn record established"
/// §5.2 effective order  "a backdated record that breaks a later one", "a retraction that breaks a
///                         later record" (every later record must still replay; the later record is
///                         blamed, and `append` names the record it would break)
/// §6.2.1 authoring      not rules of the file: `testAuthoringRulesBindAppendsAndNotTheReader`
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
            Op.establish("rest", "Restabteilung", .department, in: "amt"),
            Op.define("t1"),
            Op.assign("t1", to: "abt"),
            Op.define("frei"),
            Op.supervise("fm", "amt"),
            Op.appoint("jemand", "Präsident", in: "amt"),
        ])
        b.record("weg", "2000-06", [Op.dissolve("leer")])
        return b
    }

    /// One rule broken: `body` appended after the base and `before`, with `after` following it in
    /// the file. The reference engine blames `body`, or `blames` (a record `body` leaves invalid).
    private struct BrokenRule {
        var name: String
        var before: [RecordBody] = []
        var body: RecordBody
        var after: [RecordBody] = []
        var blames: RecordID?
    }

    private static let breaks: [BrokenRule] = {
        let endOffice = { (person: String, role: String, unit: String) in
            Change.endAppointment(Appointment(person: person, role: role, unit: unit))
        }
        // A unit only a withdrawn record established.
        let withdrawn = [record("w", [Op.establish("zurueck", "Zurückgenommen", in: "gov")], date: "2000-07"),
                         record("w-zurueck", [], date: "2000-08", retracts: "w")]
        return [
            // establishUnit
            BrokenRule(name: "a unit established twice", body: record("r-establish", [Op.establish("abt", "Noch einmal", in: "amt")])),
            BrokenRule(name: "a dissolved unit's id reused", body: record("r-reuse", [Op.establish("leer", "Wieder da", in: "amt")])),
            BrokenRule(name: "an unknown parent", body: record("r-parent", [Op.establish("neu", "Neu", in: "ghost")])),
            BrokenRule(name: "a dissolved parent", body: record("r-parent-gone", [Op.establish("neu", "Neu", in: "leer")])),
            // renameUnit
            BrokenRule(name: "rename of an unknown unit", body: record("r-rename", [Op.rename("ghost", "X")])),
            BrokenRule(name: "renaming a dissolved unit", body: record("r-rename-gone", [Op.rename("leer", "Nicht mehr leer")])),
            // moveUnit
            BrokenRule(name: "moving an unknown unit", body: record("r-move-ghost", [Op.move("ghost", to: "amt")])),
            BrokenRule(name: "moving a dissolved unit", body: record("r-move-gone", [Op.move("leer", to: "fm")])),
            BrokenRule(name: "a move under an unknown parent", body: record("r-move-parent", [Op.move("abt", to: "ghost")])),
            BrokenRule(name: "a move under a dissolved parent", body: record("r-move-parent-gone", [Op.move("abt", to: "leer")])),
            BrokenRule(name: "a move into its own subtree", body: record("r-cycle", [Op.move("amt", to: "abt")])),
            BrokenRule(name: "a move under itself", body: record("r-cycle-self", [Op.move("abt", to: "abt")])),
            // dissolveUnit
            BrokenRule(name: "dissolving an unknown unit", body: record("r-dissolve-ghost", [Op.dissolve("ghost")])),
            BrokenRule(name: "dissolving a unit twice", body: record("r-dissolve-again", [Op.dissolve("leer")])),
            BrokenRule(name: "a dissolution with a live sub-unit", body: record("r-dissolve-sub", [Op.dissolve("amt")])),
            BrokenRule(name: "a dissolution with tasks left", body: record("r-dissolve-task", [Op.dissolve("abt")])),
            BrokenRule(name: "a unit its own successor", body: record("r-successor-self", [Op.dissolve("rest", successor: "rest")])),
            BrokenRule(name: "a successor that does not exist", body: record("r-successor-ghost", [Op.dissolve("rest", successor: "ghost")])),
            BrokenRule(name: "a dissolved successor", body: record("r-successor-gone", [Op.dissolve("rest", successor: "leer")])),
            BrokenRule(name: "a supervision a dissolution ended over the unit, ended again",
                       body: record("r-dissolved-supervised", [Op.supervise("fm", "rest"), Op.dissolve("rest"), Op.endSupervision("fm", "rest")])),
            BrokenRule(name: "a supervision a dissolution ended by the unit, ended again",
                       body: record("r-dissolved-supervisor", [Op.supervise("rest", "abt", .dienst), Op.dissolve("rest"),
                                                               Op.endSupervision("rest", "abt", .dienst)])),
            BrokenRule(name: "an office a dissolution ended, ended again",
                       body: record("r-dissolved-office", [Op.appoint("chefin", "Leitung", in: "rest"), Op.dissolve("rest"),
                                                           endOffice("chefin", "Leitung", "rest")])),
            // defineTask
            BrokenRule(name: "a task defined twice", body: record("r-define", [Op.define("t1")])),
            // assignTask
            BrokenRule(name: "assigning an undefined task", body: record("r-assign-undefined", [Op.assign("ghost", to: "abt")])),
            BrokenRule(name: "a task assigned to an unknown unit", body: record("r-assign-ghost", [Op.assign("frei", to: "ghost")])),
            BrokenRule(name: "a task assigned to a dissolved unit", body: record("r-assign-gone", [Op.assign("frei", to: "leer")])),
            BrokenRule(name: "a task assigned while held", body: record("r-assign", [Op.assign("t1", to: "amt")])),
            // transferTask
            BrokenRule(name: "transferring an undefined task", body: record("r-transfer-undefined", [Op.transfer("ghost", from: "abt", to: "fm")])),
            BrokenRule(name: "a transfer from a unit that does not hold it", body: record("r-transfer", [Op.transfer("t1", from: "amt", to: "fm")])),
            BrokenRule(name: "a transfer of a task nobody holds", body: record("r-transfer-free", [Op.transfer("frei", from: "abt", to: "fm")])),
            BrokenRule(name: "a transfer to the same unit", body: record("r-transfer-self", [Op.transfer("t1", from: "abt", to: "abt")])),
            BrokenRule(name: "a transfer to an unknown unit", body: record("r-transfer-ghost", [Op.transfer("t1", from: "abt", to: "ghost")])),
            BrokenRule(name: "a transfer to a dissolved unit", body: record("r-transfer-gone", [Op.transfer("t1", from: "abt", to: "leer")])),
            // revokeTask
            BrokenRule(name: "revoking an undefined task", body: record("r-revoke-undefined", [Op.revoke("ghost", from: "abt")])),
            BrokenRule(name: "a revocation from a unit that does not hold it", body: record("r-revoke", [Op.revoke("t1", from: "amt")])),
            BrokenRule(name: "a revocation of a task nobody holds", body: record("r-revoke-free", [Op.revoke("frei", from: "abt")])),
            // setSupervision
            BrokenRule(name: "supervision by an unknown unit", body: record("r-supervise", [Op.supervise("ghost", "amt")])),
            BrokenRule(name: "supervision by a dissolved unit", body: record("r-supervisor-gone", [Op.supervise("leer", "amt")])),
            BrokenRule(name: "supervision over an unknown unit", body: record("r-supervised-ghost", [Op.supervise("fm", "ghost")])),
            BrokenRule(name: "supervision over a dissolved unit", body: record("r-supervised-gone", [Op.supervise("fm", "leer")])),
            BrokenRule(name: "a unit supervising itself", body: record("r-supervise-self", [Op.supervise("amt", "amt", .dienst)])),
            BrokenRule(name: "supervision for an undefined task", body: record("r-supervise-task", [Op.supervise("fm", "abt", task: "ghost")])),
            BrokenRule(name: "supervision set twice", body: record("r-supervise-twice", [Op.supervise("fm", "amt")])),
            // endSupervision
            BrokenRule(name: "supervision ended that is not in force", body: record("r-end-supervision", [Op.endSupervision("im", "amt")])),
            BrokenRule(name: "task supervision ended that is not in force",
                       body: record("r-end-task-supervision", [Op.endSupervision("fm", "amt", task: "t1")])),
            // appoint
            BrokenRule(name: "an office in an unknown unit", body: record("r-appoint", [Op.appoint("jemand", "Leitung", in: "ghost")])),
            BrokenRule(name: "an office in a dissolved unit", body: record("r-appoint-gone", [Op.appoint("jemand", "Leitung", in: "leer")])),
            BrokenRule(name: "an office held twice", body: record("r-appoint-twice", [Op.appoint("jemand", "Präsident", in: "amt")])),
            // endAppointment
            BrokenRule(name: "an office ended that is not held", body: record("r-end-office", [endOffice("niemand", "Präsident", "amt")])),
            BrokenRule(name: "an office ended where nobody holds one", body: record("r-end-office-none", [endOffice("jemand", "Präsident", "fm")])),
            // Rules about whole records.
            BrokenRule(name: "no source", body: record("r-source", [Op.define("t3")], sources: [])),
            BrokenRule(name: "effective before its date", body: record("r-effective", [Op.define("t2")], date: "2001-05", effective: "2001-04")),
            BrokenRule(name: "effective on the same day but coarser",
                       body: record("r-effective-coarse", [Op.define("t2")], date: "2001-05-01", effective: "2001-05")),
            BrokenRule(name: "effective exact before its open date",
                       body: record("r-effective-open", [Op.define("t2")], date: "2001-05-06..", effective: "2001-05-06")),
            BrokenRule(name: "corrects and retracts together", body: record("r-both", [], corrects: "weg", retracts: "weg")),
            BrokenRule(name: "a correction of an unknown record", body: record("r-correct", [Op.define("t5")], corrects: "ghost")),
            BrokenRule(name: "a correction of a later record", body: record("r-correct-later", [Op.define("t5")], corrects: "spaeter"),
                       after: [record("spaeter", [Op.define("t6")], date: "2002")]),
            BrokenRule(name: "a retraction of an unknown record", body: record("r-retract", [], retracts: "ghost")),
            BrokenRule(name: "a retraction of a later record", body: record("r-retract-later", [], retracts: "spaeter"),
                       after: [record("spaeter", [Op.define("t6")], date: "2002")]),
            BrokenRule(name: "a retraction carrying changes", body: record("r-retract-changes", [Op.define("t7")], retracts: "weg")),
            BrokenRule(name: "an actor naming an unknown unit", body: record("r-actor", [Op.define("t8")], actor: "ghost")),
            BrokenRule(name: "an actor naming a task", body: record("r-actor-task", [Op.define("t8")], actor: "t1")),
            BrokenRule(name: "an actor only a withdrawn record established", before: withdrawn,
                       body: record("r-actor-withdrawn", [Op.define("t8")], actor: "zurueck")),
            BrokenRule(name: "about an unknown id", body: record("r-about", [Op.define("t4")], about: ["ghost"])),
            BrokenRule(name: "about a unit only a withdrawn record established", before: withdrawn,
                       body: record("r-about-withdrawn", [Op.define("t4")], about: ["gov", "zurueck"])),
            // Effective order: a record valid on its own date that leaves a later one invalid.
            BrokenRule(name: "a backdated record that breaks a later one",
                       body: record("r-backdated", [Op.establish("unter", "Unterabteilung", in: "leer")], date: "2000-03"), blames: "weg"),
            BrokenRule(name: "a retraction that breaks a later record", body: record("r-retract-base", [], retracts: "base"), blames: "weg"),
        ]
    }()

    func testEveryRuleBreakIsDeclinedByTheFastPathsAndNamedAlikeByVerifyAQueryAndAppend() throws {
        XCTAssertNoThrow(try base().ledger())
        XCTAssertEqual(Set(Self.breaks.map(\.body.id)).count, Self.breaks.count, "one record id per case")
        for broken in Self.breaks {
            let name = broken.name
            var valid = base()
            for body in broken.before { valid.append(body) }
            XCTAssertNoThrow(try valid.ledger(), "\(name): the history before the break")
            var ledger = valid
            ledger.append(broken.body)
            for body in broken.after { ledger.append(body) }
            // The reference engine names the rule; both of its readings (the validation `verify`
            // runs and the ledger queries read) name it alike.
            let expected: RuleViolation
            do {
                _ = try ledger.ledger()
                XCTFail("\(name): the reference engine accepted it")
                continue
            } catch let violation as RuleViolation {
                expected = violation
            }
            XCTAssertEqual(expected.recordID, broken.blames ?? broken.body.id, name)
            XCTAssertThrowsError(try HistoryValidation.check(ledger.records), name) {
                XCTAssertEqual("\($0)", "\(expected)", "\(name): the validation `verify` runs")
            }
            // The oracle, which shares no rule with the engine, names the same one.
            XCTAssertThrowsError(try ReferenceReplay.check(ledger.records), name) {
                XCTAssertEqual("\($0)", "\(expected)", "\(name): the oracle")
            }

            // A hand-written ledger with a sound chain: only the rule can catch it.
            let path = try write(ledger, name: "\(broken.body.id).jsonl")
            XCTAssertNil(CompactVerification.verify(path: path, expectHead: nil), "\(name): the quick verify vouched for it")
            XCTAssertFalse(IndexFile.build(ledgerPath: path), "\(name): the compact index build vouched for it")
            do {
                _ = try LedgerVerification.verify(path: path)
                XCTFail("\(name): verify accepted it")
            } catch .ruleViolation(let violation) {
                XCTAssertEqual("\(violation)", "\(expected)", "\(name): verify")
            } catch {
                XCTFail("\(name): verify: \(error)")
            }
            do {
                let queried = try LedgerStore.openForQueries(path: path)
                _ = try queried.units(at: day("2001"))
                XCTFail("\(name): a query answered")
            } catch let error as IntegrityError {
                XCTAssertEqual("\(error)", "\(IntegrityError.ruleViolation(expected))", "\(name): query")
            } catch let error as QueryError {
                XCTAssertEqual("\(error)", "\(QueryError.integrity(.ruleViolation(expected)))", "\(name): query")
            }

            // The same record offered to `append` on the valid history before it (planned in memory,
            // and appended to the file, through its index where the record allows), which is left
            // as it was. A batch names no line; a break of an earlier record is blamed on the batch.
            var refusal = expected
            refusal.line = nil
            if broken.blames != nil {
                refusal.rule = "appending '\(broken.body.id)' would break this record (seq \(expected.line!)): \(expected.rule)"
            }
            XCTAssertThrowsError(try LedgerAppender.plan([broken.body], onto: valid.ledger()), "\(name): planned in memory") {
                XCTAssertEqual("\($0)", "\(refusal)", "\(name): planned in memory")
            }
            let basePath = try write(valid, name: "\(broken.body.id)-base.jsonl")
            let before = try Data(contentsOf: URL(fileURLWithPath: basePath))
            do {
                _ = try LedgerAppender.append([broken.body], to: basePath)
                XCTFail("\(name): append stored it")
            } catch .refused(let violation) {
                XCTAssertEqual("\(violation)", "\(refusal)", "\(name): append")
            } catch {
                XCTFail("\(name): append: \(error)")
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: basePath)), before, "\(name): append changed the file")
        }
    }

    /// §4.4 rule 1 and §2.4: a record id used twice is found by the chain check, before any rule
    /// runs, by every reader; `append` refuses the id with other content and skips it with the same.
    func testADuplicatedRecordIdIsRefusedByTheChainEverywhere() throws {
        let again = record("weg", [Op.define("t9")])
        for (name, duplicate) in [("other content", again), ("the same content", base().bodies[1])] {
            var ledger = base()
            ledger.append(duplicate)
            XCTAssertThrowsError(try ledger.ledger(), name) {
                XCTAssertEqual("\($0)", "line 3, record 'weg': field 'id': a record with this id already exists", name)
            }
            let path = try write(ledger, name: "duplicate.jsonl")
            let expected = IntegrityError.duplicateID(line: 3, seq: 3, id: "weg", firstLine: 2)
            XCTAssertNil(CompactVerification.verify(path: path, expectHead: nil), name)
            XCTAssertFalse(IndexFile.build(ledgerPath: path), name)
            XCTAssertThrowsError(try LedgerVerification.verify(path: path), name) { XCTAssertEqual($0 as? IntegrityError, expected, name) }
            XCTAssertThrowsError(try LedgerStore.openForQueries(path: path), name) { XCTAssertEqual($0 as? IntegrityError, expected, name) }
        }
        let path = try write(base(), name: "base.jsonl")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try LedgerAppender.append([again], to: path)) {
            XCTAssertEqual("\($0)", "record 'weg': field 'id': a different record with this id is already in the ledger; records are never rewritten — append a correction instead")
        }
        let outcome = try LedgerAppender.append([base().bodies[1]], to: path)
        XCTAssertEqual(outcome.alreadyPresent, ["weg"])
        XCTAssertEqual(outcome.stored, [])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }

    /// §4.3 `dissolveUnit` 5: dissolving a unit that supervises, is supervised and has an office
    /// held in it breaks no rule; the supervision and the office end with it, on every path alike.
    func testADissolutionEndsItsSupervisionAndOfficesWithoutBreakingARule() throws {
        var ledger = base()
        ledger.record("aufsicht", "2000-09", [Op.supervise("amt", "abt", .dienst), Op.supervise("fm", "amt", .recht, task: "t1")])
        ledger.record("aufloesung", "2001", [Op.transfer("t1", from: "abt", to: "im"), Op.move("abt", to: "im"), Op.move("rest", to: "im"),
                                             Op.dissolve("amt", successor: "im")])
        let memory = try ledger.ledger()
        let path = try write(ledger, name: "dissolution.jsonl")
        XCTAssertNotNil(CompactVerification.verify(path: path, expectHead: nil))
        XCTAssertTrue(IndexFile.build(ledgerPath: path))
        XCTAssertEqual(try LedgerVerification.verify(path: path).records, 4)
        let indexed = try LedgerStore.openForQueries(path: path)
        XCTAssertTrue(indexed is IndexFile)
        let questions = QuestionSet(dates: [day("2000-12-31"), day("2001")], tasks: ["t1", "frei"], units: ["amt", "im"],
                                    records: memory.records.map(\.id), asksAboutOffices: true)
        XCTAssertEqual(questions.ask(indexed), questions.ask(memory))

        let diff = try indexed.diff(from: day("2000-12-31"), to: day("2001"), knownAt: .distantFuture)
        XCTAssertEqual(diff.supervisionEnded, [Supervision(supervisor: "amt", unit: "abt", kind: .dienst),
                                               Supervision(supervisor: "fm", unit: "amt", kind: .fach),
                                               Supervision(supervisor: "fm", unit: "amt", kind: .recht, task: "t1")].sorted())
        XCTAssertEqual(diff.appointmentsEnded, [Appointment(person: "jemand", role: "Präsident", unit: "amt")])
        XCTAssertEqual(try indexed.offices(at: day("2001"), filter: OfficeFilter(), knownAt: .distantFuture), [])
        XCTAssertEqual(try ReferenceReplay.state(of: memory.records, at: day("2001")).supervisions, [:])
    }

    /// §6.2.1: what `append` asks of a new record beyond the file format. A reader accepts a ledger
    /// that holds such a record (written before the rule, or by another tool); `append` refuses it.
    func testAuthoringRulesBindAppendsAndNotTheReader() throws {
        var abbreviated = base()
        abbreviated.record("lrz", "2000-07", [Op.establish("lrz", "Landesrechenzentrum", .authority, in: "fm", abbreviation: "LRZ")])
        let cases: [(name: String, body: RecordBody, refusal: String)] = [
            ("a record type outside the vocabulary",
             RecordBody(id: "a-type", date: day("2001"), type: RecordType(rawValue: "hearing"), title: "Anhörung",
                        sources: [LedgerBuilder.source], changes: [Op.define("t2")]),
             "line 1, record 'a-type', field 'type': 'hearing' is not a record type"),
            ("a unit kind outside the vocabulary",
             record("a-kind", [Op.establish("gericht", "Gericht", UnitKind(rawValue: "court"), in: "gov")]),
             "line 1, record 'a-kind', field 'changes[0].kind': 'court' is not a unit kind"),
            ("a unit kind outside the vocabulary in a move",
             record("a-move-kind", [Op.move("rest", to: "fm", kind: UnitKind(rawValue: "referat"))]),
             "line 1, record 'a-move-kind', field 'changes[0].kind': 'referat' is not a unit kind"),
            ("a source URL without its scheme",
             record("a-url", [Op.define("t2")], sources: [Source(title: "Pressemitteilung", url: "example.org/pm")]),
             "line 1, record 'a-url', field 'sources[0].url': 'example.org/pm' is not an absolute http or https URL"),
            ("a source URL with a space",
             record("a-url-space", [Op.define("t2")], sources: [Source(title: "Pressemitteilung", url: "https://example.org/p m")]),
             "line 1, record 'a-url-space', field 'sources[0].url': 'https://example.org/p m' contains a space or control character"),
            ("a rename that leaves out the abbreviation", record("a-rename", [Op.rename("lrz", "Landesrechenzentrum Thüringen")]),
             "line 1, record 'a-rename', field 'changes[0]' (renameUnit): unit 'lrz' is abbreviated 'LRZ' on 2001, and a rename sets the abbreviation too"),
            ("a rename that changes nothing", record("a-rename-same", [Op.rename("fm", "Finanzministerium")]),
             "line 1, record 'a-rename-same', field 'changes[0]' (renameUnit): renaming 'fm' changes nothing"),
        ]
        for (name, body, refusal) in cases {
            var ledger = abbreviated
            ledger.append(body)
            XCTAssertNoThrow(try ledger.ledger(), name)
            let path = try write(ledger, name: "\(body.id).jsonl")
            XCTAssertNotNil(CompactVerification.verify(path: path, expectHead: nil), name)
            XCTAssertTrue(IndexFile.build(ledgerPath: path), name)
            XCTAssertNoThrow(try LedgerVerification.verify(path: path), name)
            XCTAssertNoThrow(try LedgerStore.openForQueries(path: path).units(at: day("2001"), knownAt: .distantFuture), name)

            // The same record as an author writes it (one JSON line), offered to `append`.
            let basePath = try write(abbreviated, name: "\(body.id)-base.jsonl")
            let before = try Data(contentsOf: URL(fileURLWithPath: basePath))
            do {
                let batch = try RecordBatch.entries(Data(CanonicalJSON.bytes(of: body.json)))
                _ = try LedgerAppender.append(batch, to: basePath)
                XCTFail("\(name): append stored it")
            } catch {
                XCTAssertTrue("\(error)".hasPrefix(refusal), "\(name): \(error)")
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: basePath)), before, "\(name): append changed the file")
        }
    }
}

/// A record of the breaking kind, dated 2001 unless said otherwise.
private func record(_ id: String, _ changes: [Change], date: String = "2001", effective: String? = nil,
                    actor: String? = nil, about: [String]? = nil, sources: [Source] = [LedgerBuilder.source],
                    corrects: String? = nil, retracts: String? = nil) -> RecordBody {
    RecordBody(id: id, date: day(date), effective: effective.map(day), type: RecordType(rawValue: "decision"),
               title: "Bruch \(id)", actor: actor, about: about, sources: sources, changes: changes, corrects: corrects,
               retracts: retracts)
}
