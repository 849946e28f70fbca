import Foundation
import XCTest

/// Values an append used to accept or fill in silently (issue 17, "Values are accepted or
/// defaulted silently"): each is now kept, refused with a suggestion, or normalised, and a refused
/// batch leaves the ledger byte for byte as it was.
final class NoSilentDefaultsTests: XCTestCase {
    private var directory: URL!
    private var ledgerPath: String { directory.appendingPathComponent("ledger.jsonl").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("defaults-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: LedgerProcess.repository.appendingPathComponent("events/ledger.jsonl"),
                                         to: URL(fileURLWithPath: ledgerPath))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// A decision of 2021-06 with `changes` (JSON text) and extra members.
    private static func record(_ id: String, _ changes: String, type: String = "decision", source: String = #"{"title":"Testquelle"}"#) -> String {
        #"{"id":"\#(id)","date":"2021-06","type":"\#(type)","title":"Test","sources":[\#(source)],"changes":\#(changes)}"#
    }

    private func append(_ input: String, _ options: [String] = []) throws -> LedgerProcess.Result {
        try LedgerProcess.run(["append", "-", "--ledger", ledgerPath] + options, input: input)
    }

    /// Appends `input`, expects exit 1 with every fragment in the one-line error, and the ledger unchanged.
    private func assertRefused(_ input: String, _ fragments: String..., options: [String] = [],
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: ledgerPath))
        let result = try append(input, options)
        XCTAssertEqual(result.status, 1, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, result.stderr, file: file, line: line)
        for fragment in fragments { XCTAssertTrue(result.stderr.contains(fragment), "\(fragment) not in \(result.stderr)", file: file, line: line) }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledgerPath)), before, "the ledger changed", file: file, line: line)
    }

    private func unit(_ id: String, at date: String) throws -> [String: Any] {
        let result = try LedgerProcess.run(["units", "--at", date, "--format", "json", "--ledger", ledgerPath])
        let units = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["units"] as? [[String: Any]])
        return try XCTUnwrap(units.first { $0["id"] as? String == id })
    }

    func testAMoveWithoutRelationKeepsTheUnitsRelation() throws {
        // The Landesverwaltungsamt is an authority of its own in the Interior Ministry's portfolio.
        XCTAssertEqual(try unit("tlvwa", at: "2021-05")["relation"] as? String, "subordinateTo")
        let moved = try append(Self.record("tlvwa-ins-tfm", #"[{"op":"moveUnit","unit":"tlvwa","parent":"tfm"}]"#))
        XCTAssertEqual(moved.status, 0, moved.stderr)
        XCTAssertEqual(try unit("tlvwa", at: "2021-06")["parent"] as? String, "tfm")
        XCTAssertEqual(try unit("tlvwa", at: "2021-06")["relation"] as? String, "subordinateTo")
        let madePart = try append(Self.record("tlvwa-teil", #"[{"op":"moveUnit","unit":"tlvwa","parent":"tfm","relation":"partOf"}]"#))
        XCTAssertEqual(madePart.status, 0, madePart.stderr)
        XCTAssertEqual(try unit("tlvwa", at: "2021-06")["relation"] as? String, "partOf")
        XCTAssertEqual(try LedgerProcess.run(["verify", "--ledger", ledgerPath]).status, 0)
    }

    func testARenameMustSayWhatBecomesOfTheAbbreviation() throws {
        try assertRefused(Self.record("r", #"[{"op":"renameUnit","unit":"tfm","name":"Thüringer Ministerium der Finanzen"}]"#),
                          "record 'r', field 'changes[0]' (renameUnit)", "unit 'tfm' is abbreviated 'TFM'",
                          #"write "abbreviation": null to remove it"#)
        let kept = try append(Self.record("kept", #"[{"op":"renameUnit","unit":"tfm","name":"Finanzministerium","abbreviation":"TFM"}]"#))
        XCTAssertEqual(kept.status, 0, kept.stderr)
        XCTAssertEqual(try unit("tfm", at: "2021-06")["abbreviation"] as? String, "TFM")
        let removed = try append(Self.record("removed", #"[{"op":"renameUnit","unit":"tfm","name":"Ministerium der Finanzen","abbreviation":null}]"#))
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertTrue(try unit("tfm", at: "2021-06")["abbreviation"] is NSNull)
        // Stored without the null member, as every optional member that is not given.
        XCTAssertFalse(try String(contentsOfFile: ledgerPath, encoding: .utf8).contains("null"))
    }

    func testARenameToTheSameNameIsRefusedAlsoInDecomposedUnicode() throws {
        try assertRefused(Self.record("same", #"[{"op":"renameUnit","unit":"tfm","name":"Thüringer Finanzministerium","abbreviation":"TFM"}]"#),
                          "renaming 'tfm' changes nothing: it is already named 'Thüringer Finanzministerium' (TFM)")
        try assertRefused(Self.record("same", #"[{"op":"renameUnit","unit":"tfm","name":"Thu\u0308ringer Finanzministerium","abbreviation":"TFM"}]"#),
                          "renaming 'tfm' changes nothing")
    }

    func testNamesAreStoredInNFC() throws {
        let stored = try append(Self.record("fuer", #"[{"op":"establishUnit","unit":"stab","name":"Stabsstelle fu\u0308r Digitales","kind":"team","parent":"tfm"}]"#))
        XCTAssertEqual(stored.status, 0, stored.stderr)
        let text = try String(contentsOfFile: ledgerPath, encoding: .utf8)
        XCTAssertTrue(text.contains("Stabsstelle f\u{00FC}r Digitales"))
        XCTAssertFalse(text.unicodeScalars.contains("\u{0308}"))
        // Appending the same batch again finds it already present: it is the same record.
        let again = try append(Self.record("fuer", #"[{"op":"establishUnit","unit":"stab","name":"Stabsstelle fu\u0308r Digitales","kind":"team","parent":"tfm"}]"#))
        XCTAssertEqual(again.stdout, "already present  fuer\nhead \(try XCTUnwrap(text.split(separator: "\n").last?.split(separator: "\"").drop { $0 != "hash" }.dropFirst(2).first))\n")
    }

    func testKindsAndTypesComeFromTheVocabularyOrAreAllowedExplicitly() throws {
        let court = #"[{"op":"establishUnit","unit":"vg","name":"Verwaltungsgericht","kind":"court","parent":"tmik"}]"#
        try assertRefused(Self.record("k", #"[{"op":"establishUnit","unit":"m","name":"M","kind":"minstry"}]"#),
                          "field 'changes[0].kind': 'minstry' is not a unit kind; did you mean 'ministry'?", "--allow-kind minstry")
        try assertRefused(Self.record("t", "[]", type: "decsion"), "field 'type': 'decsion' is not a record type; did you mean 'decision'?")
        try assertRefused(Self.record("c", court), "'court' is not a unit kind")
        let allowed = try append(Self.record("c", court), ["--allow-kind", "court"])
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        // The ledger stays readable whatever words it holds: the vocabulary is a rule of append.
        XCTAssertEqual(try LedgerProcess.run(["verify", "--ledger", ledgerPath]).status, 0)
    }

    func testSourceURLsAreAbsoluteHTTP() throws {
        try assertRefused(Self.record("u", "[]", source: #"{"title":"Quelle","url":"www.thueringen.de/tfm"}"#),
                          "field 'sources[0].url': 'www.thueringen.de/tfm' is not an absolute http or https URL", "https://www.thueringen.de/tfm")
        try assertRefused(Self.record("u", "[]", source: #"{"title":"Quelle","url":"https://www.thueringen.de/a b"}"#), "space")
        XCTAssertEqual(try append(Self.record("u", "[]", source: #"{"title":"Quelle","url":"https://www.thueringen.de/tfm"}"#)).status, 0)
    }

    func testUnknownFieldsSuggestTheNearestAndMissingFieldsComeTogether() throws {
        try assertRefused(Self.record("f", #"[{"op":"moveUnit","unit":"kv40","parentUnit":"tfm"}]"#),
                          "field 'changes[0].parentUnit': is not a known field; did you mean 'parent'? ('parent' is missing)")
        try assertRefused(Self.record("f", #"[{"op":"establishUnit","unit":"x","name":"X","kind":"team","parent":"tfm","abbr":"X"}]"#),
                          "field 'changes[0].abbr': is not a known field; did you mean 'abbreviation'?")
        try assertRefused(#"{"id":"m","sources":[{}],"changes":[{"op":"assignTask"},{"op":"renamUnit"}]}"#,
                          "record 'm': 6 problems: field 'date' is missing; field 'type' is missing; field 'title' is missing; field 'sources[0].title' is missing; field 'changes[0].task' is missing; field 'changes[0].unit' is missing")
        try assertRefused(Self.record("o", #"[{"op":"renamUnit","unit":"kv40","name":"X"}]"#), "'renamUnit' is not a known operation; did you mean 'renameUnit'?")
    }
}
