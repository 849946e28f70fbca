import Foundation
import Ledger
import LedgerTesting
import XCTest

/// The kit seals records as `ledger append` seals them, reads a batch as the command line reads
/// a file, and says exactly what differed when a scenario does not go as its test says.
final class ScenarioTests: XCTestCase {
    let ministry = Baseline("2000-stand", on: "2000-01-01") {
        Establish("fm", "Finanzministerium", kind: .ministry, abbreviation: "FM")
        Establish("abt", "Abteilung 1", in: "fm")
        DefineTask("haushalt", "Haushaltsaufstellung")
        Assign("haushalt", to: "abt")
        Appoint("p1", as: "Ministerin", in: "fm", name: "Erika Muster")
    }

    func testTheRecordsAreTheLinesAppendWritesToAFile() throws {
        let decision = Decision("2001-umbau", on: "2001-03-01") {
            Rename("fm", to: "Ministerium der Finanzen", removingAbbreviation: true)
            Establish("abt-2", "Abteilung fu\u{308}r Steuern", in: "fm")
            Transfer("haushalt", from: "abt", to: "abt-2")
        }
        let scenario = try given(ministry, decision)
        // The same records, appended to a file by the library's append, as the command line does.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-testing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ledger.jsonl").path
        _ = try LedgerCreation.create(path: path)
        let lines = [ministry.draft, decision.draft].map { CanonicalJSON.string(of: $0.json) }.joined(separator: "\n")
        _ = try LedgerAppender.append(try RecordBatch.entries(Data(lines.utf8)), to: path, now: .scenarioStart)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), scenario.fileText)
        XCTAssertEqual(try Ledger.open(path: path).records, scenario.records)
        XCTAssertEqual(scenario.records.map(\.seq), [1, 2])
        XCTAssertEqual(scenario.records[1].prev, scenario.records[0].hash)
    }

    func testABatchIsReadAsTheCommandLineReadsAFile() throws {
        // Names are stored in Unicode NFC, as `ledger append` stores them.
        try given(ministry)
            .when(appending: Decision("2001", on: "2001") { Establish("abt-2", "Abteilung fu\u{308}r Steuern", in: "fm") })
            .then(.name(of: "abt-2", at: "2001", is: "Abteilung für Steuern"))
        // A kind outside the vocabulary is refused, unless the scenario allows it (`--allow-kind`).
        let landkreis = Decision("2001", on: "2001") { Establish("lk", "Landkreis", kind: UnitKind(rawValue: "landkreis")) }
        try given(ministry).when(appending: landkreis).thenRefused(rule: "'landkreis' is not a unit kind", record: "2001")
        try given(ministry, vocabulary: Vocabulary.standard.allowing(kinds: ["landkreis"]))
            .when(appending: landkreis)
            .then(.unit("lk", at: "2001"))
    }

    func testARenameOfAnAbbreviatedUnitSaysWhatBecomesOfTheAbbreviation() throws {
        let renamed = try given(ministry)
        try renamed.when(appending: Decision("r", on: "2001") { Rename("fm", to: "Ministerium der Finanzen") })
            .thenRefused(rule: "unit 'fm' is abbreviated 'FM' on 2001, and a rename sets the abbreviation too")
        try renamed.when(appending: Decision("r", on: "2001") { Rename("fm", to: "Ministerium der Finanzen", abbreviation: "MdF") })
            .then { ledger in XCTAssertEqual(try ledger.units(at: "2001").first { $0.unit.id == "fm" }?.unit.abbreviation, "MdF") }
        try renamed.when(appending: Decision("r", on: "2001") { Rename("fm", to: "Ministerium der Finanzen", removingAbbreviation: true) })
            .then { ledger in XCTAssertNil(try ledger.units(at: "2001").first { $0.unit.id == "fm" }?.unit.abbreviation) }
    }

    func testThenNamesEveryAnswerThatDiffersAndWhere() throws {
        let line = #line + 2
        do {
            try given(ministry).then(.responsible("haushalt", at: "2000-06-01", is: "fm"),
                                     .parent(of: "abt", at: "2000-06-01", is: "fm"),
                                     .holders(of: "Ministerin", in: "fm", at: "2000-06-01", are: ["p2"]))
            XCTFail("the answers differ")
        } catch {
            XCTAssertEqual(error.description, """
                LedgerTestingTests/ScenarioTests.swift:\(line): 2 answers differ from the one expected:
                  - responsible haushalt at 2000-06-01: expected "fm", got "abt"
                  - holders of Ministerin in fm at 2000-06-01: expected ["p2"], got ["p1"]
                """)
        }
    }

    func testThenRefusedFailsWhenTheBatchIsStoredOrRefusedForAnotherRule() throws {
        let scenario = try given(ministry)
        XCTAssertThrowsError(try scenario.when(appending: Decision("ok", on: "2001") { DefineTask("neu") }).thenRefused(rule: "anything")) {
            XCTAssertTrue("\($0)".hasSuffix("expected the batch to be refused, but it was appended (stored 'ok')"), "\($0)")
        }
        XCTAssertThrowsError(try scenario.when(appending: Decision("r", on: "2001") { DefineTask("haushalt") })
            .thenRefused(rule: "does not exist")) {
            XCTAssertTrue("\($0)".contains("expected a refusal naming “does not exist”, but it was refused with: line 1, record 'r'"), "\($0)")
        }
        XCTAssertThrowsError(try scenario.when(appending: Decision("r", on: "2001") { DefineTask("haushalt") }).then()) {
            XCTAssertTrue("\($0)".contains("expected the batch to be appended, but it was refused: line 1, record 'r', field 'changes[0]' (defineTask): task 'haushalt' is already defined"), "\($0)")
        }
    }

    func testGivenRecordsThatBreakARuleAreRefusedLikeAnAppend() {
        XCTAssertThrowsError(try given(Decision("falsch", on: "2000") { Assign("haushalt", to: "abt") })) {
            XCTAssertTrue("\($0)".contains("the given records are refused, as 'ledger append' would refuse them: line 1, record 'falsch'"), "\($0)")
        }
    }

    func testAStoryGoesOnStepByStepAndRemembersWhatWasKnownWhen() throws {
        let first = try given(ministry)
            .when(appending: Decision("2001-neu", on: "2001-01-01") {
                Establish("abt-2", "Abteilung 2", in: "fm")
                Transfer("haushalt", from: "abt", to: "abt-2")
            })
            .then(.responsible("haushalt", at: "2001-01-01", is: "abt-2"))
        let recorded = try XCTUnwrap(first.ledger.lastRecord?.recorded)
        XCTAssertEqual(recorded, "2024-01-01T00:00:01Z", "a second after the given records")
        try first
            .when(appending: Retraction("2001-widerruf", of: "2001-neu", on: "2001-02-01"), recordedAt: "2025-06-01T00:00:00Z")
            .then(.responsible("haushalt", at: "2001-01-01", is: "abt"),
                  .responsible("haushalt", at: "2001-01-01", is: "abt-2", knownAt: "2025-05-31"),
                  .unit("abt-2", isLive: false, at: "2001-06-01"))
    }

    func testAnExpectationCanBeAskedOfAnyLedgerThroughTheFacade() throws {
        let scenario = try given(ministry)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-testing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ledger.jsonl").path
        try Data(scenario.fileText.utf8).write(to: URL(fileURLWithPath: path))
        let file = try LedgerStore.openForQueries(path: path)
        XCTAssertTrue(file is IndexFile, "answered through the index")
        for expectation in [Expectation.responsible("haushalt", at: "2000-06-01", is: "abt"), .path(of: "haushalt", at: "2000-06-01", is: ["abt", "fm"]),
                            .holders(of: "Ministerin", in: "fm", at: "2000-06-01", are: ["p1"])] {
            XCTAssertNil(expectation.mismatch(in: file))
            XCTAssertNil(expectation.mismatch(in: scenario.ledger))
        }
    }
}
