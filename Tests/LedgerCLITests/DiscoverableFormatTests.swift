import Foundation
import XCTest

/// The record format can be found from the command line alone (issue 17, "The record format
/// cannot be found"): a help page, a schema, templates, and a batch accepted as an author writes it.
final class DiscoverableFormatTests: XCTestCase {
    private var directory: URL!
    private var ledgerPath: String { directory.appendingPathComponent("ledger.jsonl").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("format-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        XCTAssertEqual(try LedgerProcess.run(["init", ledgerPath]).status, 0)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func ledgerBytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: ledgerPath)) }

    private func append(_ input: [UInt8], _ options: [String] = []) throws -> LedgerProcess.Result {
        let file = directory.appendingPathComponent("batch.json")
        try Data(input).write(to: file)
        return try LedgerProcess.run(["append", file.path, "--ledger", ledgerPath] + options)
    }

    private static let government = """
        {
          "id": "2020-baseline",
          "date": "2020",
          "type": "baseline",
          "title": "Landesregierung",
          "sources": [{"title": "Organigramm 2020", "url": "https://example.org/organigramm"}],
          "changes": [
            {"op": "establishUnit", "unit": "land", "name": "Landesregierung", "kind": "government"}
          ]
        }
        """

    func testHelpFormatDescribesTheRecordAndEveryOperation() throws {
        let page = try LedgerProcess.run(["help", "format"])
        XCTAssertEqual(page.status, 0)
        XCTAssertTrue(page.stdout.hasPrefix("THE RECORD FORMAT\n"))
        for word in ["RECORD", "SOURCE", "establishUnit", "renameUnit", "moveUnit", "dissolveUnit", "defineTask", "assignTask",
                     "transferTask", "revokeTask", "setSupervision", "endSupervision", "appoint", "endAppointment",
                     "abbreviation", "subordinateTo", "UNIT KINDS", "RECORD TYPES", "retracts"] {
            XCTAssertTrue(page.stdout.contains(word), word)
        }
        let root = try LedgerProcess.run(["--help"])
        XCTAssertTrue(root.stdout.contains("HELP TOPICS:\n  format "), root.stdout)
    }

    func testSchemaPrintsTheShippedJSONSchema() throws {
        let schema = try LedgerProcess.run(["schema"])
        XCTAssertEqual(schema.status, 0)
        let shipped = try String(contentsOf: LedgerProcess.repository.appendingPathComponent("docs/record.schema.json"), encoding: .utf8)
        XCTAssertEqual(schema.stdout, shipped)
        XCTAssertTrue(schema.stdout.contains(#""$schema": "https://json-schema.org/draft/2020-12/schema""#))
    }

    func testATemplateAppendedUnchangedIsRefusedAndOnceFilledInIsStored() throws {
        let template = try LedgerProcess.run(["new", "baseline", "establishUnit"])
        XCTAssertEqual(template.status, 0)
        let before = try ledgerBytes()
        let unchanged = try append(Array(template.stdout.utf8))
        XCTAssertEqual(unchanged.status, 1)
        XCTAssertTrue(unchanged.stderr.contains("field 'id': '<id: this record's id"), unchanged.stderr)
        XCTAssertEqual(try ledgerBytes(), before)
        // Filled in: every placeholder replaced or its optional line removed.
        var lines = template.stdout.components(separatedBy: "\n").filter { !$0.contains("<optional") }
        let values = ["\"id\"": "2020-baseline", "\"date\"": "2020", "\"title\"": "Landesregierung", "\"unit\"": "land",
                      "\"name\"": "Landesregierung", "\"kind\"": "government"]
        lines = lines.map { line in
            guard let key = values.keys.first(where: { line.contains($0 + ": \"<") }), let value = values[key] else { return line }
            return line.replacingOccurrences(of: #""<[^"]*>""#, with: "\"\(value)\"", options: .regularExpression)
        }
        var text = lines.joined(separator: "\n").replacingOccurrences(of: #""<line: the source's own title, in its language>""#, with: #""Organigramm""#)
        // Removing the optional lines left a comma before a closing brace.
        text = text.replacingOccurrences(of: #",\s*\n(\s*[}\]])"#, with: "\n$1", options: .regularExpression)
        let stored = try append(Array(text.utf8))
        XCTAssertEqual(stored.status, 0, stored.stderr + "\n" + text)
        XCTAssertTrue(stored.stdout.hasPrefix("stored seq 1  2020-baseline"))
    }

    func testNewNamesAnUnknownTypeOrOperationWithASuggestion() throws {
        let type = try LedgerProcess.run(["new", "decsion"])
        XCTAssertEqual(type.status, 1)
        XCTAssertTrue(type.stderr.contains("'decsion' is not a record type; did you mean 'decision'?"), type.stderr)
        let op = try LedgerProcess.run(["new", "decision", "establishunit"])
        XCTAssertEqual(op.status, 1)
        XCTAssertTrue(op.stderr.contains("did you mean 'establishUnit'?"), op.stderr)
    }

    func testASinglePrettyPrintedRecordAnArrayAndAByteOrderMarkAreAccepted() throws {
        let pretty = try append(Array(Self.government.utf8), ["--dry-run"])
        XCTAssertEqual(pretty.status, 0, pretty.stderr)
        let array = try append(Array("[\n\(Self.government)\n]".utf8), ["--dry-run"])
        XCTAssertEqual(array.status, 0, array.stderr)
        let marked = try append([0xEF, 0xBB, 0xBF] + Array(Self.government.utf8))
        XCTAssertEqual(marked.status, 0, marked.stderr)
        XCTAssertTrue(marked.stdout.hasPrefix("stored seq 1  2020-baseline"))
        XCTAssertEqual(try ledgerBytes().prefix(2), Data("{\"".utf8))
    }

    func testASyntaxErrorInAPrettyPrintedRecordNamesItsLineAndColumn() throws {
        let broken = Self.government.replacingOccurrences(of: #""type": "baseline","#, with: #""type": "baseline""#)
        let result = try append(Array(broken.utf8))
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasSuffix("batch.json: line 5: invalid JSON at column 3: unexpected '\"', expected ',' or '}'\n"), result.stderr)
    }

    func testALedgerFileWithAByteOrderMarkIsNamedAsSuch() throws {
        // The Thuringian ledger as an editor might save it.
        let events = try Data(contentsOf: LedgerProcess.repository.appendingPathComponent("events/ledger.jsonl"))
        try (Data([0xEF, 0xBB, 0xBF]) + events).write(to: URL(fileURLWithPath: ledgerPath))
        let verify = try LedgerProcess.run(["verify", "--ledger", ledgerPath])
        XCTAssertEqual(verify.status, 2)
        XCTAssertTrue(verify.stderr.contains("byte order mark"), verify.stderr)
    }
}
