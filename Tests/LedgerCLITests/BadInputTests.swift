import Foundation
import XCTest

/// Bad input sent to `ledger append`: each is refused with exit 1 and one sentence naming where,
/// and the ledger file stays byte for byte as it was.
final class BadInputTests: XCTestCase {
    private var directory: URL!
    private var ledgerPath: String { directory.appendingPathComponent("ledger.jsonl").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bad-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let events = LedgerProcess.repository.appendingPathComponent("events/ledger.jsonl")
        try FileManager.default.copyItem(at: events, to: URL(fileURLWithPath: ledgerPath))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private static let source = #""sources":[{"title":"Testquelle","published":"2021-02"}]"#

    /// A record body with `changes` (JSON text) and optional extra members.
    private static func record(_ id: String, date: String = "2021-02-01", _ changes: String = "[]", extra: String = "") -> String {
        #"{"id":"\#(id)","date":"\#(date)","type":"decision","title":"Test",\#(source),"changes":\#(changes)\#(extra)}"#
    }

    private struct Case {
        var name: String
        var input: [UInt8]
        /// Fragments the one-sentence error must contain (the place and the reason).
        var expected: [String]
    }

    private static func text(_ name: String, _ input: String, _ expected: String...) -> Case {
        Case(name: name, input: Array(input.utf8), expected: expected)
    }

    private static var cases: [Case] {
        let ok = record("ok-record")
        return [
            text("malformed JSON", #"{"id": "x", "#, "line 1", "invalid JSON"),
            text("truncated second line", ok + "\n" + String(ok.prefix(30)), "line 2", "invalid JSON"),
            text("not an object", "[1, 2]", "element 1", "expected an object"),
            text("a bare string", #""hello""#, "line 1", "expected an object"),
            text("trailing garbage", ok + " xyz", "line 1", "after the JSON value"),
            text("duplicate member", #"{"id":"a","id":"b"}"#, "line 1", "duplicate member 'id'"),
            text("id missing", #"{"date":"2021","type":"decision","title":"T",\#(source)}"#, "line 1", "field 'id'", "is missing"),
            text("id not a slug", record("Neuer Beschluss"), "field 'id'", "is not an id"),
            text("id a number", #"{"id":5,"date":"2021","type":"decision","title":"T",\#(source)}"#, "field 'id'", "expected a string"),
            text("date impossible", record("r1", date: "2021-02-30"), "record 'r1'", "field 'date'", "has no day 30"),
            text("month 13", record("r1", date: "2021-13"), "field 'date'", "no month 13"),
            text("date with time", record("r1", date: "2021-02-01T10:00:00Z"), "field 'date'", "is not a date"),
            text("effective malformed", record("r1", extra: #","effective":"01.01.2021""#), "field 'effective'", "is not a date"),
            text("uncertain date malformed", record("r1", date: "2021~?"), "record 'r1'", "field 'date'", "is not a date", "approximate (2019~)"),
            text("range ending before it begins", record("r1", date: "2021..2020-06"), "field 'date'", "the range '2021..2020-06' must end later"),
            text("range in brackets", record("r1", extra: #","effective":"[2021-03..]""#), "field 'effective'", "is not a date"),
            text("effective before an open date", record("r1", date: "2021-02-01..", extra: #","effective":"2021-02-01""#),
                 "field 'effective'", "2021-02-01 is before the decision date 2021-02-01.."),
            text("unknown person ends an office", record("r1", #"[{"op":"endAppointment","person":"juergen-mueller","role":"Finanzministerin","unit":"tfm"}]"#),
                 "record 'r1'", "field 'changes[0]' (endAppointment)", "'juergen-mueller' does not hold 'Finanzministerin' in 'tfm'",
                 "offices in 'tfm' then: 'heike-taubert' as 'Finanzministerin', 'hartmut-schubert' as 'Finanzstaatssekretär'"),
            text("name on endAppointment", record("r1", #"[{"op":"endAppointment","person":"heike-taubert","role":"Finanzministerin","unit":"tfm","name":"Heike Taubert"}]"#),
                 "field 'changes[0].name'", "not a known field"),
            text("name not one line", record("r1", #"[{"op":"appoint","person":"p","role":"Leitung","unit":"tfm","name":"Jürgen\nMüller"}]"#),
                 "field 'changes[0].name'", "one line"),
            text("published left open malformed", #"{"id":"r1","date":"2021","type":"decision","title":"T","sources":[{"title":"S","published":"2020.."}],"changes":[]}"#.replacingOccurrences(of: "2020..", with: "2020..."),
                 "field 'sources[0].published'", "is not a date"),
            text("effective before date", record("r1", date: "2021-03", extra: #","effective":"2021-02-01""#), "record 'r1'", "field 'effective'"),
            text("title missing", #"{"id":"r1","date":"2021","type":"decision",\#(source)}"#, "record 'r1'", "field 'title'", "is missing"),
            text("title two lines", #"{"id":"r1","date":"2021","type":"decision","title":"a\nb",\#(source)}"#, "field 'title'", "one line"),
            text("sources missing", #"{"id":"r1","date":"2021","type":"decision","title":"T"}"#, "record 'r1'", "field 'sources'"),
            text("sources empty", #"{"id":"r1","date":"2021","type":"decision","title":"T","sources":[]}"#, "record 'r1'", "field 'sources'"),
            text("source without title", #"{"id":"r1","date":"2021","type":"decision","title":"T","sources":[{"url":"x"}]}"#, "field 'sources[0].title'"),
            text("unknown field", record("r1", extra: #","efective":"2021""#), "field 'efective'", "not a known field"),
            text("chain field given", record("r1", extra: #","hash":"00""#), "field 'hash'", "filled in by the ledger"),
            text("changes not an array", record("r1", #"{"op":"defineTask"}"#), "field 'changes'", "expected an array"),
            text("unknown op", record("r1", #"[{"op":"mergeUnits","unit":"kv40"}]"#), "field 'changes[0].op'", "not a known operation"),
            text("op missing", record("r1", #"[{"unit":"kv40"}]"#), "field 'changes[0].op'", "is missing"),
            text("wrong type in change", record("r1", #"[{"op":"renameUnit","unit":"kv40","name":7}]"#), "field 'changes[0].name'", "expected a string"),
            text("unknown relation", record("r1", #"[{"op":"moveUnit","unit":"kv40","parent":"tfm","relation":"inside"}]"#), "field 'changes[0].relation'", "'inside' is not one of"),
            text("unknown supervision kind", record("r1", #"[{"op":"setSupervision","supervisor":"tfm","unit":"tlvwa","kind":"total"}]"#), "field 'changes[0].kind'"),
            text("unknown unit", record("r1", #"[{"op":"renameUnit","unit":"nirgendwo","name":"X"}]"#), "record 'r1'", "changes[0]", "unit 'nirgendwo' does not exist"),
            text("unknown task", record("r1", #"[{"op":"assignTask","task":"gibt-es-nicht","unit":"kv40"}]"#), "changes[0]", "task 'gibt-es-nicht' is not defined"),
            text("transfer from non-holder", record("r1", #"[{"op":"transferTask","task":"ozg-beratung-kommunen","from":"tlvwa","to":"tfm"}]"#),
                 "changes[0]' (transferTask)", "held by 'kv40'", "not by 'tlvwa'"),
            text("move makes a cycle", record("r1", #"[{"op":"moveUnit","unit":"tfm","parent":"kv40"}]"#), "changes[0]' (moveUnit)", "cycle"),
            text("dissolve with sub-units", record("r1", #"[{"op":"dissolveUnit","unit":"tfm"}]"#), "changes[0]' (dissolveUnit)", "live sub-unit"),
            text("dissolve with tasks", record("r1", #"[{"op":"dissolveUnit","unit":"kiv"}]"#), "changes[0]' (dissolveUnit)", "still holds task 'kommunale-it'"),
            text("duplicate id with other content", record("2020-12-kabinett-angliederung-kv40"), "record '2020-12-kabinett-angliederung-kv40'", "field 'id'"),
            text("duplicate id within batch", record("r1") + "\n" + record("r1"), "line 2", "record 'r1'", "two records with this id"),
            text("establish an existing unit", record("r1", #"[{"op":"establishUnit","unit":"kv40","name":"X","kind":"team"}]"#), "unit 'kv40' already exists"),
            text("actor unknown", record("r1", extra: #","actor":"bundestag""#), "record 'r1'", "field 'actor'"),
            text("corrects unknown record", record("r1", extra: #","corrects":"gibt-es-nicht""#), "field 'corrects'", "no earlier record"),
            text("empty batch", "\n  \n", "the batch is empty"),
            text("empty array", "[]", "the batch is empty"),
            Case(name: "invalid UTF-8", input: Array(#"{"id":"r1","date":"2021","type":"decision","title":"T"#.utf8) + [0xFF, 0xFE] + Array(#"",\#(source)}"#.utf8),
                 expected: ["line 1", "not valid UTF-8"]),
            Case(name: "oversized line", input: Array(record("r1", extra: #","note":""#).utf8) + [UInt8](repeating: 0x61, count: 1_100_000) + Array(#""}"#.utf8),
                 expected: ["line 1", "more than the limit"]),
            text("deeply nested", record("r1", extra: #","x":"# + String(repeating: "[", count: 200) + String(repeating: "]", count: 200)),
                 "line 1", "nesting deeper"),
        ]
    }

    func testEveryBadInputIsRefusedWithExit1AndTheLedgerIsByteIdentical() throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: ledgerPath))
        let cases = Self.cases
        XCTAssertGreaterThanOrEqual(cases.count, 30)
        for badInput in cases {
            let inputFile = directory.appendingPathComponent("input.jsonl")
            try Data(badInput.input).write(to: inputFile)
            let result = try LedgerProcess.run(["append", inputFile.path, "--ledger", ledgerPath])
            XCTAssertEqual(result.status, 1, "\(badInput.name): \(result.stderr)")
            XCTAssertEqual(result.stdout, "", badInput.name)
            XCTAssertTrue(result.stderr.hasPrefix("Error: "), badInput.name)
            XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "\(badInput.name): one line: \(result.stderr)")
            for fragment in badInput.expected {
                XCTAssertTrue(result.stderr.contains(fragment), "\(badInput.name): expected '\(fragment)' in: \(result.stderr)")
            }
            let after = try Data(contentsOf: URL(fileURLWithPath: ledgerPath))
            XCTAssertEqual(SHA256Digest.of(after), SHA256Digest.of(before), "\(badInput.name) changed the ledger")
        }
    }

    func testANewDecisionIsAnsweredAtOnceAndReAppendingItIsANoOp() throws {
        let decision = Self.record("2021-02-kv40-neues-team", #"[{"op":"establishUnit","unit":"kv40-basisdienste","name":"Team Basisdienste","kind":"team","parent":"kv40"},{"op":"defineTask","task":"servicekonto","title":"Servicekonto"},{"op":"assignTask","task":"servicekonto","unit":"kv40-basisdienste"}]"#)
        let stored = try LedgerProcess.run(["append", "-", "--ledger", ledgerPath], input: decision)
        XCTAssertEqual(stored.status, 0, stored.stderr)
        XCTAssertTrue(stored.stdout.hasPrefix("stored seq 26  2021-02-kv40-neues-team  "))
        let answer = try LedgerProcess.run(["responsible", "servicekonto", "--at", "2021-03-01", "--ledger", ledgerPath])
        XCTAssertTrue(answer.stdout.contains("kv40-basisdienste  Team Basisdienste (team)"))
        let before = try Data(contentsOf: URL(fileURLWithPath: ledgerPath))
        let again = try LedgerProcess.run(["append", "-", "--ledger", ledgerPath], input: decision)
        XCTAssertEqual(again.status, 0)
        XCTAssertEqual(again.stdout.split(separator: "\n").first, "already present  2021-02-kv40-neues-team")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledgerPath)), before)
        XCTAssertEqual(try LedgerProcess.run(["verify", "--ledger", ledgerPath]).status, 0)
    }

    func testADryRunShowsTheChangeAndWritesNothing() throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: ledgerPath))
        let decision = Self.record("r-dry", #"[{"op":"renameUnit","unit":"kv40","name":"Kompetenzzentrum Digitale Verwaltung"}]"#)
        let result = try LedgerProcess.run(["append", "--dry-run", "--ledger", ledgerPath], input: decision)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("would store seq 26  r-dry"))
        XCTAssertTrue(result.stdout.contains("~ renamed kv40: \"Kompetenzzentrum Verwaltung 4.0\" → \"Kompetenzzentrum Digitale Verwaltung\""), result.stdout)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledgerPath)), before)
    }

    func testAnExpectedHeadThatIsNotTheHeadIsAConflictWithExit3ThatSaysWhetherHistoryMovedOnOrWasRewritten() throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: ledgerPath))
        let foreign = try LedgerProcess.run(["append", "--expect-head", String(repeating: "a", count: 64), "--ledger", ledgerPath],
                                            input: Self.record("r-conflict"))
        XCTAssertEqual(foreign.status, 3)
        XCTAssertTrue(foreign.stderr.contains("is not a record of this ledger"), foreign.stderr)
        XCTAssertTrue(foreign.stderr.contains("history was rewritten or this is another ledger"), foreign.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledgerPath)), before)
        let head = try XCTUnwrap(try LedgerProcess.run(["verify", "--ledger", ledgerPath]).stdout.components(separatedBy: "head ").last?
            .trimmingCharacters(in: .whitespacesAndNewlines))
        let ok = try LedgerProcess.run(["append", "--expect-head", head, "--ledger", ledgerPath], input: Self.record("r-conflict"))
        XCTAssertEqual(ok.status, 0, ok.stderr)
        // The old head is still in the chain: someone appended since.
        let moved = try LedgerProcess.run(["append", "--expect-head", head, "--ledger", ledgerPath], input: Self.record("r-late"))
        XCTAssertEqual(moved.status, 3)
        XCTAssertTrue(moved.stderr.contains("someone appended since"), moved.stderr)
    }
}

/// The SHA-256 of a file's bytes, to compare before and after.
enum SHA256Digest {
    static func of(_ data: Data) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try? process.run()
        LedgerProcess.feed(data, to: input)
        try? input.fileHandleForWriting.close()
        let digest = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: digest, as: UTF8.self)
    }
}
