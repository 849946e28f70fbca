import Foundation
@testable import Ledger
import XCTest

/// `RecordFormat` is what help, the schema and the templates tell an author; these tests hold it
/// to the decoders (the reference), to `docs/FORMAT.md` and to the schema shipped in `docs/`.
final class RecordFormatTests: XCTestCase {
    private static let specification: String = {
        (try? String(contentsOf: RepositoryPaths.root.appendingPathComponent("docs/FORMAT.md"), encoding: .utf8)) ?? ""
    }()

    /// The lines of the document from the heading starting `from` up to the next `###` heading.
    private func section(_ from: String) -> [String] {
        let lines = Self.specification.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix(from) }) else { return [] }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("### ") } ?? lines.count
        return Array(lines[start..<end])
    }

    /// The cells of the table row whose first cell is `` `name` ``, in `lines`.
    private func cells(_ name: String, in lines: [String]) -> [String]? {
        lines.first { $0.hasPrefix("| `\(name)` |") }.map { row in
            row.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// A valid value of `type`, for a change built from the table.
    private func sample(_ type: RecordFormat.ValueType) -> JSONValue {
        switch type {
        case .id, .unitKind: .string("department")
        case .line, .text: .string("Eine Zeile")
        case .date: .string("2021-03")
        case .url: .string("https://example.org/a")
        case .relation: .string("partOf")
        case .supervisionKind: .string("fach")
        case .recordType: .string("decision")
        case .ids: .array([.string("a")])
        case .sources: .array([.object([("title", .string("Quelle"))])])
        case .changes: .array([])
        }
    }

    func testTheOperationsAreTheDecodersOperationsWithTheirFields() throws {
        XCTAssertEqual(RecordFormat.operations.map(\.op), Change.knownOps)
        for operation in RecordFormat.operations {
            let all = JSONValue.object([("op", .string(operation.op))] + operation.fields.map { ($0.name, sample($0.type)) })
            let change = try Change(json: all, path: "changes[0]")
            guard case .object(let written) = change.json else { return XCTFail("a change is an object") }
            XCTAssertEqual(Set(written.map(\.key)), Set(["op"] + operation.fields.map(\.name)), operation.op)
            for field in operation.fields {
                guard case .object(let members) = all else { continue }
                let without = JSONValue.object(members.filter { $0.key != field.name })
                let decodes = (try? Change(json: without, path: "c")) != nil
                XCTAssertEqual(decodes, !field.isRequired, "\(operation.op).\(field.name): required is \(field.isRequired)")
            }
        }
    }

    func testTheRecordAndSourceFieldsAreTheDecodersFields() {
        XCTAssertEqual(Set(RecordFormat.recordFields.map(\.name)), RecordBody.bodyKeys)
        XCTAssertEqual(Set(RecordFormat.chainFields), RecordBody.chainKeys)
        let source = Source(title: "t", url: "u", published: day("2020"), seed: "s")
        guard case .object(let members) = source.json else { return XCTFail("a source is an object") }
        XCTAssertEqual(Set(members.map(\.key)), Set(RecordFormat.sourceFields.map(\.name)))
    }

    func testFormatMdListsEachOperationsFieldsInOrderWithTheirOptionality() {
        let table = section("### 4.1")
        for operation in RecordFormat.operations {
            guard let row = cells(operation.op, in: table) else {
                XCTFail("§4.1 has no row for \(operation.op)")
                continue
            }
            let listed = operation.fields.map { "`\($0.name)\($0.isRequired ? "" : "?")`" }.joined(separator: ", ")
            XCTAssertEqual(row[1], listed, operation.op)
        }
    }

    func testFormatMdMarksTheSameRecordAndSourceFieldsRequired() {
        for (heading, fields) in [("### 3.3", RecordFormat.recordFields), ("### 3.5", RecordFormat.sourceFields)] {
            let table = section(heading)
            for field in fields {
                let row = cells(field.name, in: table)
                XCTAssertEqual(row?[2], field.isRequired ? "yes" : "no", "\(heading) \(field.name)")
            }
        }
    }

    func testFormatMdNamesEveryWordOfTheVocabulary() {
        let rules = section("#### 6.2.1").joined(separator: "\n")
        for word in (Vocabulary.unitKinds + Vocabulary.recordTypes).map(\.word) {
            XCTAssertTrue(rules.contains("`\(word)`"), "§6.2.1 does not name '\(word)'")
        }
    }

    func testTheShippedSchemaIsTheOneTheLibraryMakes() throws {
        let shipped = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("docs/record.schema.json"), encoding: .utf8)
        XCTAssertEqual(shipped, PrettyJSON.string(of: RecordFormat.jsonSchema) + "\n",
                       "docs/record.schema.json is out of date: run 'ledger schema > docs/record.schema.json'")
    }

    func testTheSchemaKnowsEveryOperationAndField() throws {
        let schema = RecordFormat.jsonSchema
        guard case .object(let definitions)? = schema["$defs"] else { return XCTFail("no $defs") }
        for operation in RecordFormat.operations {
            let properties = definitions.first { $0.key == "op-\(operation.op)" }?.value["properties"]
            guard case .object(let members)? = properties else { return XCTFail(operation.op) }
            XCTAssertEqual(members.map(\.key), ["op"] + operation.fields.map(\.name))
        }
        XCTAssertEqual(schema["$schema"], .string("https://json-schema.org/draft/2020-12/schema"))
    }

    func testTheHelpPageNamesEveryOperationAndField() {
        let page = RecordFormat.reference
        for operation in RecordFormat.operations {
            XCTAssertTrue(page.contains("\n  \(operation.op): "), operation.op)
            for field in operation.fields { XCTAssertTrue(page.contains("    \(field.name) "), "\(operation.op).\(field.name)") }
        }
        XCTAssertNoThrow(try RecordBatch.parse(Data(RecordFormat.example.utf8)), "the page's example is not a record")
        let prose = page.components(separatedBy: "\nEXAMPLE\n")[0]
        XCTAssertFalse(prose.split(separator: "\n").contains { $0.count > 80 }, "a line is wider than 80 columns")
    }

    func testEveryTemplateIsWellFormedAndRefusedUntilFilledIn() throws {
        for type in Vocabulary.recordTypes.map(\.word) {
            let text = try RecordTemplate.text(type: type, operations: Change.knownOps)
            let value = try JSONParser.parse(text)
            XCTAssertEqual(RecordShape.problems(in: value), [], type)
            XCTAssertThrowsError(try RecordBatch.parse(Data(text.utf8)), type) { error in
                XCTAssertTrue("\(error)".contains("field 'id': '<id: "), "\(error)")
            }
        }
        XCTAssertEqual(try RecordTemplate.json(type: "establishUnit")["type"], .string("decision"))
        XCTAssertThrowsError(try RecordTemplate.json(type: "decsion")) { XCTAssertTrue("\($0)".contains("did you mean 'decision'?")) }
    }

    func testNearestNamesCatchTyposAndShortOrLongSpellings() {
        XCTAssertEqual(NearestName.of("abbr", among: ["unit", "name", "abbreviation"]), "abbreviation")
        XCTAssertEqual(NearestName.of("parentUnit", among: ["unit", "parent", "relation"]), "parent")
        XCTAssertEqual(NearestName.of("minstry", among: Vocabulary.unitKinds.map(\.word)), "ministry")
        XCTAssertEqual(NearestName.of("decsion", among: Vocabulary.recordTypes.map(\.word)), "decision")
        XCTAssertNil(NearestName.of("zzzzzz", among: ["unit", "parent"]))
    }
}
