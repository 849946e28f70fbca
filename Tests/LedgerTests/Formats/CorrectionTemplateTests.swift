import Foundation
@testable import Ledger
import XCTest

/// `ledger correct ID` starts a correction from the changes in force, so an author edits what was
/// wrong instead of retyping (or forgetting) what was right.
final class CorrectionTemplateTests: LedgerDirectoryTestCase {
    /// The template with its placeholders filled in as an author would: an id, a date, a source;
    /// the optional placeholders removed.
    private func filled(_ template: CorrectionTemplate, id: String, date: String) throws -> RecordBody {
        guard case .object(let members) = template.json else { throw XCTSkip("not an object") }
        var record: [(key: String, value: JSONValue)] = []
        for (key, value) in members {
            switch key {
            case "id": record.append((key, .string(id)))
            case "date": record.append((key, .string(date)))
            case "effective", "note": continue
            case "sources": record.append((key, .array([.object([("title", .string("Berichtigung"))])])))
            default: record.append((key, value))
            }
        }
        return try RecordBatch.parse(Data(AuthorJSON.string(of: .object(record)).utf8))[0]
    }

    /// A ledger with an office-holder, a renaming corrected once, and a retracted renaming.
    private var corrections: LedgerBuilder {
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("a", "Amt A", .authority, in: "gov"),
                                  Op.establish("b", "Amt B", .authority, in: "gov")])
        b.record("rename-a", "2001", [Op.rename("a", "Amt Eins")])
        b.record("fix-a", "2001", type: "correction", corrects: "rename-a", [Op.rename("a", "Amt Erstens")])
        b.record("rename-b", "2002", [Op.rename("b", "Amt Zwei")])
        b.record("drop-b", "2003", type: "retraction", retracts: "rename-b", [])
        return b
    }

    func testARecordInForceIsCorrectedFromItsOwnChanges() throws {
        let events = try Ledger.open(path: RepositoryPaths.events)
        let template = try CorrectionTemplate(correcting: "2020-12-kabinett-angliederung-kv40", in: events)
        let record = try XCTUnwrap(events.record("2020-12-kabinett-angliederung-kv40"))
        XCTAssertEqual(template.corrects, record.id)
        XCTAssertEqual(template.changesFrom, record.id)
        XCTAssertNil(template.withdrawal)
        XCTAssertNil(template.remark)
        // Type, title and actor carried over; what a correction must say anew left to fill in.
        XCTAssertEqual(template.json["type"], .string("decision"))
        XCTAssertEqual(template.json["title"], .string(record.title))
        XCTAssertEqual(template.json["actor"], .string("landesregierung"))
        XCTAssertEqual(template.json["corrects"], .string(record.id))
        for placeholder in ["id", "date", "effective", "note"] {
            guard case .string(let text)? = template.json[placeholder] else { return XCTFail(placeholder) }
            XCTAssertTrue(text.hasPrefix("<") && text.hasSuffix(">"), text)
        }
        XCTAssertTrue("\(template.json["date"]!)".contains("says 2020-12"))
        XCTAssertTrue("\(template.json["effective"]!)".contains("says 2021-01-01"))
        // Appended unchanged, it is refused at its first placeholder.
        XCTAssertThrowsError(try RecordBatch.parse(Data(template.text.utf8))) { XCTAssertTrue("\($0)".contains("field 'id'"), "\($0)") }
        // Filled in, it replaces the record with the same changes: a correction of the date only.
        var body = try filled(template, id: "angliederung-berichtigt", date: "2020-12")
        XCTAssertEqual(body.changes, record.changes)
        body.effective = day("2021-01-01")
        let corrected = try XCTUnwrap(try LedgerAppender.plan([body], onto: events).ledger)
        XCTAssertEqual(corrected.withdrawal(of: record.id), RecordWithdrawal(by: "angliederung-berichtigt", kind: .corrected))
        XCTAssertEqual(try corrected.responsible("ozg-beratung-kommunen", at: day("2021-06-01")).path.map(\.unit.id),
                       try events.responsible("ozg-beratung-kommunen", at: day("2021-06-01")).path.map(\.unit.id))
    }

    func testACorrectedRecordIsCorrectedFromItsLatestCorrection() throws {
        let ledger = try corrections.ledger()
        let template = try CorrectionTemplate(correcting: "rename-a", in: ledger)
        XCTAssertEqual(template.corrects, "rename-a")
        XCTAssertEqual(template.changesFrom, "fix-a")
        XCTAssertEqual(template.withdrawal, RecordWithdrawal(by: "fix-a", kind: .corrected))
        XCTAssertEqual(template.json["changes"], .array([Op.rename("a", "Amt Erstens").json]))
        XCTAssertEqual(template.json["type"], .string("correction"))
        XCTAssertTrue(template.remark?.hasPrefix("'rename-a' was corrected by 'fix-a'") == true, template.remark ?? "")
        // The new correction replaces the one in force.
        let body = try filled(template, id: "fix-a-2", date: "2001")
        let after = try XCTUnwrap(try LedgerAppender.plan([body], onto: ledger).ledger)
        XCTAssertEqual(after.withdrawal(of: "fix-a"), RecordWithdrawal(by: "fix-a-2", kind: .corrected))
        XCTAssertEqual(try after.snapshot(at: day("2002")).unit("a")?.name, "Amt Erstens")
    }

    func testACorrectionIsStartedOnTheRecordItCorrects() throws {
        let template = try CorrectionTemplate(correcting: "fix-a", in: try corrections.ledger())
        XCTAssertEqual(template.corrects, "rename-a")
        XCTAssertEqual(template.changesFrom, "fix-a")
        XCTAssertTrue(template.remark?.hasPrefix("'fix-a' is a correction of 'rename-a': this correction corrects 'rename-a' too") == true,
                      template.remark ?? "")
    }

    func testARetractedRecordIsCorrectedFromItsOwnChangesWhichComeBack() throws {
        let ledger = try corrections.ledger()
        let template = try CorrectionTemplate(correcting: "rename-b", in: ledger)
        XCTAssertEqual(template.changesFrom, "rename-b")
        XCTAssertEqual(template.withdrawal, RecordWithdrawal(by: "drop-b", kind: .retracted))
        XCTAssertTrue(template.remark?.contains("brings back the changes below") == true, template.remark ?? "")
        let after = try XCTUnwrap(try LedgerAppender.plan([try filled(template, id: "back-b", date: "2002")], onto: ledger).ledger)
        XCTAssertEqual(try after.snapshot(at: day("2004")).unit("b")?.name, "Amt Zwei")
    }

    func testARetractionAndAnUnknownRecordCannotBeCorrected() throws {
        let ledger = try corrections.ledger()
        XCTAssertThrowsError(try CorrectionTemplate(correcting: "drop-b", in: ledger)) { error in
            XCTAssertEqual(error as? CorrectionTemplate.Failure, .retraction("drop-b", retracts: "rename-b"))
            XCTAssertEqual("\(error)", "'drop-b' is a retraction of 'rename-b' and has no changes to correct; to bring back the changes of 'rename-b', correct that record: 'ledger correct rename-b'")
        }
        XCTAssertThrowsError(try CorrectionTemplate(correcting: "rename-c", in: ledger)) { error in
            XCTAssertEqual(error as? CorrectionTemplate.Failure, .unknownRecord("rename-c"))
        }
    }

    func testTheIndexStartsTheSameCorrections() throws {
        let path = try write(corrections)
        let ledger = try Ledger.open(path: path)
        XCTAssertTrue(IndexFile.write(for: ledger, ledgerPath: path))
        let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
        for id in ["base", "rename-a", "fix-a", "rename-b"] {
            XCTAssertEqual(try CorrectionTemplate(correcting: id, in: index), try CorrectionTemplate(correcting: id, in: ledger), id)
        }
    }
}
