import Foundation
import XCTest

/// Corrections made safe (issue 17, "Corrections are easy to get wrong and hard to check"):
/// `show` says when a record no longer counts and why, `ledger correct` starts a correction from
/// the changes in force, a correction that would withdraw every change is refused, and the dry
/// run of a record that reaches back shows every answer it changes, for which valid dates.
final class CorrectionsMadeSafeTests: EventsCopyTestCase {
    private func ledger(_ arguments: [String], input: String? = nil) throws -> LedgerProcess.Result {
        try LedgerProcess.run(arguments + ["--ledger", ledgerPath], input: input)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    // MARK: show

    func testShowSaysWhenARecordWasCorrectedAndByWhat() throws {
        let text = try ledger(["show", "2017-tmik-grobkonzept-kv40"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("\n  CORRECTED by 2017-tmik-grobkonzept-kv40-berichtigt: its changes no longer count\n"), text.stdout)
        let object = try json(try ledger(["show", "2017-tmik-grobkonzept-kv40", "--format", "json"]).stdout)
        XCTAssertEqual(object["withdrawnBy"] as? String, "2017-tmik-grobkonzept-kv40-berichtigt")
        XCTAssertEqual(object["withdrawal"] as? String, "corrected")
        // The record as stored, members only added.
        XCTAssertEqual(object["hash"] as? String, "e022264358c3509431d35aeb2b29cee0813f9d49f2d9c5bb7095ce7a43447aaa")
        XCTAssertEqual(object["seq"] as? Int, 5)
    }

    func testShowSaysWhenARecordWasRetractedAndThatOthersCount() throws {
        let retracted = try ledger(["show", "2020-12-10-schubert-staatssekretaer"])
        XCTAssertTrue(retracted.stdout.contains("\n  RETRACTED by 2020-12-10-schubert-staatssekretaer-zurueckgenommen: its changes no longer count\n"),
                      retracted.stdout)
        let object = try json(try ledger(["show", "2020-12-10-schubert-staatssekretaer", "--format", "json"]).stdout)
        XCTAssertEqual(object["withdrawal"] as? String, "retracted")
        XCTAssertEqual(object["withdrawnBy"] as? String, "2020-12-10-schubert-staatssekretaer-zurueckgenommen")
        let counting = try ledger(["show", "2020-12-kabinett-angliederung-kv40"])
        XCTAssertFalse(counting.stdout.contains("CORRECTED") || counting.stdout.contains("RETRACTED"), counting.stdout)
        let countingJSON = try json(try ledger(["show", "2020-12-kabinett-angliederung-kv40", "--format", "json"]).stdout)
        XCTAssertTrue(countingJSON["withdrawnBy"] is NSNull)
        XCTAssertTrue(countingJSON["withdrawal"] is NSNull)
    }

    func testShowAndHistoryAgreeOnEveryRecord() throws {
        let history = try json(try ledger(["history", "--format", "json"]).stdout)
        let records = try XCTUnwrap(history["records"] as? [[String: Any]])
        XCTAssertEqual(records.count, eventsRecords)
        for record in records {
            let id = try XCTUnwrap(record["id"] as? String)
            let shown = try json(try ledger(["show", id, "--format", "json"]).stdout)
            XCTAssertEqual(shown["withdrawnBy"] as? String, record["withdrawnBy"] as? String, id)
            XCTAssertEqual(shown["withdrawal"] as? String, record["withdrawal"] as? String, id)
        }
    }

    // MARK: A correction that withdraws every change

    /// Appends `input` (with `options`), expects exit 1 with every fragment in the one-line error
    /// on stderr, nothing on stdout, and the ledger byte for byte as it was.
    private func assertRefused(_ input: String, _ fragments: String..., options: [String] = [],
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: ledgerPath))
        let result = try ledger(["append", "-"] + options, input: input)
        XCTAssertEqual(result.status, 1, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, result.stderr, file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(result.stderr.contains(fragment), "\(fragment) not in \(result.stderr)", file: file, line: line)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledgerPath)), before, "the ledger changed", file: file, line: line)
    }

    /// The correction the issue met: it gave no changes, and silently undid the whole 2020 move.
    private static let emptyCorrection = """
        {
          "id": "2020-12-berichtigung",
          "date": "2020-12",
          "type": "correction",
          "title": "Angliederung des Kompetenzzentrums: Berichtigung",
          "sources": [{"title": "Testquelle"}],
          "corrects": "2020-12-kabinett-angliederung-kv40"
        }
        """

    func testACorrectionWithoutChangesIsRefusedAndPointsToARetraction() throws {
        let expected = #"Error: line 1, record '2020-12-berichtigung': field 'changes': a correction without changes would withdraw the 6 changes in force of '2020-12-kabinett-angliederung-kv40' and put none in their place; to withdraw them, say so with a retraction: "retracts": "2020-12-kabinett-angliederung-kv40" instead of "corrects" (and "type": "retraction"); to correct them, give the changes that hold instead ('ledger correct 2020-12-kabinett-angliederung-kv40' prints those in force)"#
        try assertRefused(Self.emptyCorrection, expected)
        try assertRefused(Self.emptyCorrection, expected, options: ["--dry-run"])
        try assertRefused(Self.emptyCorrection.replacingOccurrences(of: #""corrects""#, with: #""changes": [], "corrects""#), "would withdraw the 6 changes")
        // The move still counts: kv40 is in the Finance Ministry's E-Government department.
        let answer = try ledger(["responsible", "ozg-beratung-kommunen", "--at", "2021-01-01", "--format", "json"])
        let path = try XCTUnwrap(try json(answer.stdout)["path"] as? [[String: Any]])
        XCTAssertEqual(path.compactMap { $0["id"] as? String }.prefix(2), ["kv40", "tfm-egov-it"])
        XCTAssertEqual(try ledger(["verify"]).status, 0)
    }

    // MARK: ledger correct

    /// The template `ledger correct` printed, with the placeholders an author must fill in filled
    /// and the optional ones removed.
    static func filledIn(_ template: String, id: String, date: String, source: String = "Testquelle") -> String {
        template.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            if line.hasPrefix("  \"id\": ") { return "  \"id\": \"\(id)\"," }
            if line.hasPrefix("  \"date\": ") { return "  \"date\": \"\(date)\"," }
            if line.hasPrefix("  \"effective\": \"<") || line.hasPrefix("  \"note\": \"<") { return nil }
            if line.hasPrefix("    {\"title\": \"<") { return "    {\"title\": \"\(source)\"}" }
            return String(line)
        }.joined(separator: "\n")
    }

    func testCorrectPrintsACorrectionPrefilledWithTheRecordsChanges() throws {
        let result = try ledger(["correct", "2020-12-kabinett-angliederung-kv40"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertTrue(result.stdout.hasPrefix("{\n  \"id\": \"<id: this correction's own id"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\n  \"type\": \"decision\",\n  \"title\": \"Kabinett beschließt Angliederung des Kompetenzzentrums Verwaltung 4.0 an das TFM\",\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\n  \"corrects\": \"2020-12-kabinett-angliederung-kv40\",\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains(#"    {"op": "moveUnit", "unit": "kv40", "parent": "tfm-egov-it", "kind": "division"},"#), result.stdout)
        XCTAssertTrue(result.stdout.contains("'2020-12-kabinett-angliederung-kv40' says 2021-01-01"), result.stdout)
        // Saved and appended as it is, it is refused, not stored.
        let before = try Data(contentsOf: URL(fileURLWithPath: ledgerPath))
        let unfilled = try ledger(["append", "-"], input: result.stdout)
        XCTAssertEqual(unfilled.status, 1)
        XCTAssertTrue(unfilled.stderr.hasPrefix("Error: <stdin>: field 'id': '<id: this correction's own id"), unfilled.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledgerPath)), before)
    }

    func testCorrectingACorrectedRecordStartsFromTheLatestCorrectionAndSaysSo() throws {
        let result = try ledger(["correct", "2017-09-26-kabinett-verwaltung-4-0"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "Note: '2017-09-26-kabinett-verwaltung-4-0' was corrected by '2017-09-26-kabinett-verwaltung-4-0-berichtigt' (recorded 2026-12-02T03:37:13Z): the changes below are those of '2017-09-26-kabinett-verwaltung-4-0-berichtigt', in force now, which this correction replaces.\n")
        let corrected = try json(try ledger(["show", "2017-09-26-kabinett-verwaltung-4-0-berichtigt", "--format", "json"]).stdout)
        let changes = try XCTUnwrap(corrected["changes"] as? [[String: Any]])
        let template = try json(Self.filledIn(result.stdout, id: "x", date: "2017-09-26"))
        XCTAssertEqual((template["changes"] as? [[String: Any]])?.count, changes.count)
        XCTAssertEqual(template["corrects"] as? String, "2017-09-26-kabinett-verwaltung-4-0")
        let retracted = try ledger(["correct", "2020-12-10-schubert-staatssekretaer"])
        XCTAssertEqual(retracted.status, 0)
        XCTAssertTrue(retracted.stderr.hasPrefix("Note: '2020-12-10-schubert-staatssekretaer' was retracted by '2020-12-10-schubert-staatssekretaer-zurueckgenommen'"), retracted.stderr)
    }

    func testCorrectNamesTheNearestIdsOfAnUnknownRecordAndRefusesARetraction() throws {
        let unknown = try ledger(["correct", "2020-12-kabinett-angliederung"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stdout, "")
        XCTAssertTrue(unknown.stderr.hasPrefix("Error: unknown record '2020-12-kabinett-angliederung'; 'ledger history' lists the records; did you mean '2020-12-kabinett-angliederung-kv40'"), unknown.stderr)
        let retraction = try ledger(["correct", "2020-12-10-schubert-staatssekretaer-zurueckgenommen"])
        XCTAssertEqual(retraction.status, 1)
        XCTAssertEqual(retraction.stdout, "")
        XCTAssertEqual(retraction.stderr, "Error: '2020-12-10-schubert-staatssekretaer-zurueckgenommen' is a retraction of '2020-12-10-schubert-staatssekretaer' and has no changes to correct; to bring back the changes of '2020-12-10-schubert-staatssekretaer', correct that record: 'ledger correct 2020-12-10-schubert-staatssekretaer'\n")
    }

    func testACorrectionStartedWithCorrectIsAppendedAndShowSaysWhatItReplaced() throws {
        let template = try ledger(["correct", "2020-12-kabinett-angliederung-kv40"]).stdout
        // The move took effect a month later than recorded.
        let correction = Self.filledIn(template, id: "2020-12-angliederung-berichtigt", date: "2020-12")
            .replacingOccurrences(of: #"  "type": "decision","#, with: "  \"effective\": \"2021-02\",\n  \"type\": \"decision\",")
        let stored = try ledger(["append", "-"], input: correction)
        XCTAssertEqual(stored.status, 0, stored.stderr)
        XCTAssertTrue(stored.stdout.hasPrefix("stored seq \(eventsRecords + 1)  2020-12-angliederung-berichtigt  "), stored.stdout)
        let shown = try ledger(["show", "2020-12-kabinett-angliederung-kv40"])
        XCTAssertTrue(shown.stdout.contains("CORRECTED by 2020-12-angliederung-berichtigt"), shown.stdout)
        let january = try json(try ledger(["responsible", "ozg-umsetzung", "--at", "2021-01-15", "--format", "json"]).stdout)
        XCTAssertEqual(january["defined"] as? Bool, false)
        XCTAssertEqual(try ledger(["verify"]).status, 0)
    }

    func testHelpAndTheFormatPageTellOfCorrect() throws {
        let overview = try ledger(["--help"])
        XCTAssertTrue(overview.stdout.contains("  correct "), overview.stdout)
        let help = try ledger(["correct", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("USAGE: ledger correct <record-id>"), help.stdout)
        XCTAssertTrue(help.stdout.contains("ledger correct 2020-12-kabinett-angliederung-kv40 > fix.json"), help.stdout)
        let format = try ledger(["help", "format"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(format.contains("'ledger correct ID' prints one to fill in, pre-filled with the changes in force"), format)
        XCTAssertTrue(format.contains("a correction without changes that would withdraw changes is refused"), format)
    }

    // MARK: The dry run over the whole affected period

    /// The 2020 move of the Kompetenzzentrum, corrected to take effect in February 2021.
    private func februaryCorrection() throws -> String {
        let template = try ledger(["correct", "2020-12-kabinett-angliederung-kv40"]).stdout
        return Self.filledIn(template, id: "2020-12-angliederung-februar", date: "2020-12")
            .replacingOccurrences(of: #"  "type": "decision","#, with: "  \"effective\": \"2021-02\",\n  \"type\": \"decision\",")
    }

    func testTheDryRunOfACorrectionShowsTheAnswersItChangesBeforeItsOwnDate() throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: ledgerPath))
        let result = try ledger(["append", "-", "--dry-run"], input: try februaryCorrection())
        XCTAssertEqual(result.status, 0, result.stderr)
        // The diff on its own date sees nothing; the answers of January 2021 change.
        XCTAssertTrue(result.stdout.contains("Changes from 2021-02 to 2021-02:\n  none\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("""

            Answers that change, by valid date (the batch reaches back to 2021-01-01):
              task basisdienste
                2021-01-01 to 2021-01-31: held by kv40 → not defined
              task ozg-umsetzung
                2021-01-01 to 2021-01-31: held by kv40 → not defined
              unit kv40
                2021-01-01 to 2021-01-31: kind division → department; part of tfm-egov-it → part of tlvwa
              Fachaufsicht of tfm over kv40
                2021-01-01 to 2021-01-31: not in force → in force
            Dry run: nothing was written.

            """), result.stdout)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledgerPath)), before)

        let json = try json(try ledger(["append", "-", "--dry-run", "--format", "json"], input: try februaryCorrection()).stdout)
        let affected = try XCTUnwrap(json["affected"] as? [String: Any])
        XCTAssertEqual(affected["from"] as? String, "2021-01-01")
        let tasks = try XCTUnwrap(affected["tasks"] as? [[String: Any]])
        XCTAssertEqual(tasks.compactMap { $0["task"] as? String }, ["basisdienste", "ozg-umsetzung"])
        let period = try XCTUnwrap((tasks[1]["periods"] as? [[String: Any]])?.first)
        XCTAssertEqual(period["from"] as? String, "2021-01-01")
        XCTAssertEqual(period["to"] as? String, "2021-01-31")
        XCTAssertEqual((period["before"] as? [String: Any])?["holder"] as? String, "kv40")
        XCTAssertTrue(period["after"] is NSNull)
        let unit = try XCTUnwrap((affected["units"] as? [[String: Any]])?.first)
        XCTAssertEqual(unit["unit"] as? String, "kv40")
        let unitPeriod = try XCTUnwrap((unit["periods"] as? [[String: Any]])?.first)
        XCTAssertEqual((unitPeriod["before"] as? [String: Any])?["parent"] as? String, "tfm-egov-it")
        XCTAssertEqual((unitPeriod["after"] as? [String: Any])?["parent"] as? String, "tlvwa")
        let supervision = try XCTUnwrap((affected["supervision"] as? [[String: Any]])?.first)
        XCTAssertEqual(supervision["supervisor"] as? String, "tfm")
        XCTAssertEqual((supervision["periods"] as? [[String: Any]])?.first?["after"] as? Bool, true)
        XCTAssertEqual(affected["offices"] as? [Any] as? [NSObject], [])
        XCTAssertNotNil(json["diff"], "the diff stays")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledgerPath)), before)
    }

    func testTheDryRunOfABackdatedRecordAndOfARetractionCoversEveryDateTheyReach() throws {
        // A renaming of the Kompetenzzentrum in 2019, recorded now, after the records of 2020 and 2021.
        let rename = #"{"id":"2019-umbenennung","date":"2019-06","type":"decision","title":"Umbenennung","sources":[{"title":"Testquelle"}],"changes":[{"op":"renameUnit","unit":"kv40","name":"Kompetenzzentrum Digitale Verwaltung"}]}"#
        let backdated = try ledger(["append", "-", "--dry-run"], input: rename)
        XCTAssertEqual(backdated.status, 0, backdated.stderr)
        XCTAssertTrue(backdated.stdout.contains("""
            Answers that change, by valid date (the batch reaches back to 2019-06-01):
              unit kv40
                from 2019-06-01 on: name "Kompetenzzentrum Verwaltung 4.0" → "Kompetenzzentrum Digitale Verwaltung"
            """), backdated.stdout)
        // Withdrawing the retraction of 2020 brings nothing back: every answer stays.
        let retraction = #"{"id":"r","date":"2021","type":"retraction","retracts":"2020-12-10-schubert-staatssekretaer-zurueckgenommen","title":"Widerruf","sources":[{"title":"Testquelle"}]}"#
        let withdrawn = try ledger(["append", "-", "--dry-run"], input: retraction)
        XCTAssertTrue(withdrawn.stdout.contains("""
            Answers that change, by valid date (the batch reaches back to 2020-12-10):
              none: every answer, for every valid date, stays as it was
            """), withdrawn.stdout)
        // Retracting the correction of Schubert's appointment withdraws it, and the record it
        // corrected stays withdrawn (FORMAT.md §5.3): his offices go, from 2017-09-26 on.
        let office = #"{"id":"r","date":"2021","type":"retraction","retracts":"2017-09-26-schubert-finanzstaatssekretaer-cio","title":"Widerruf","sources":[{"title":"Testquelle"}]}"#
        let offices = try ledger(["append", "-", "--dry-run", "--format", "json"], input: office)
        XCTAssertEqual(offices.status, 0, offices.stderr)
        let affected = try XCTUnwrap(try json(offices.stdout)["affected"] as? [String: Any])
        XCTAssertEqual(affected["from"] as? String, "2017-09-26")
        XCTAssertFalse((affected["offices"] as? [Any] ?? []).isEmpty, offices.stdout)
    }

    func testTheDryRunOfARecordAtTheEndShowsItsDiffAsBefore() throws {
        let next = #"{"id":"2022-umbenennung","date":"2022","type":"decision","title":"Umbenennung","sources":[{"title":"Testquelle"}],"changes":[{"op":"renameUnit","unit":"kv40","name":"Kompetenzzentrum Digitale Verwaltung"}]}"#
        let text = try ledger(["append", "-", "--dry-run"], input: next)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertFalse(text.stdout.contains("Answers that change"), text.stdout)
        XCTAssertTrue(text.stdout.contains("~ renamed kv40"), text.stdout)
        let json = try json(try ledger(["append", "-", "--dry-run", "--format", "json"], input: next).stdout)
        XCTAssertTrue(json["affected"] is NSNull)
    }
}
