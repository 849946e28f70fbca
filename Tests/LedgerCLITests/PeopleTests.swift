import Foundation
import XCTest

/// People through the binary: `offices`, `history PERSON`, names in answers.
final class PeopleTests: XCTestCase {
    private var directory: URL!
    private var path: String { directory.appendingPathComponent("ledger.jsonl").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("people-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        XCTAssertEqual(try LedgerProcess.run(["init", path]).status, 0)
        let source = #""sources":[{"title":"Quelle"}]"#
        let records = [
            #"{"id":"base","date":"2017","type":"baseline","title":"Ausgangslage",\#(source),"changes":[{"op":"establishUnit","unit":"land","name":"Landesregierung","kind":"government"},{"op":"establishUnit","unit":"tfm","name":"Finanzministerium","kind":"ministry","parent":"land"},{"op":"defineTask","task":"egov","title":"E-Government"},{"op":"assignTask","task":"egov","unit":"tfm"}]}"#,
            #"{"id":"amt","date":"2017-09-26","type":"baseline","title":"Amtsinhaber",\#(source),"changes":[{"op":"appoint","person":"juergen-mueller","role":"Finanzstaatssekretär","unit":"tfm","name":"Jürgen Müller"}]}"#,
        ]
        XCTAssertEqual(try LedgerProcess.run(["append", "--ledger", path], input: records.joined(separator: "\n")).status, 0)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testOfficesListsNamesAsTheSourcesWriteThem() throws {
        let text = try LedgerProcess.run(["offices", "--at", "2018", "--ledger", path])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertEqual(text.stdout, "Offices on 2018:\n  juergen-mueller  Jürgen Müller  Finanzstaatssekretär  in tfm  since 2017-09-26  by amt\n")
        let csv = try LedgerProcess.run(["offices", "--at", "2018", "--person", "Mueller", "--format", "csv", "--ledger", path])
        XCTAssertEqual(csv.stdout, "person,name,role,unit,unit_name,since,record,at\r\njuergen-mueller,Jürgen Müller,Finanzstaatssekretär,tfm,Finanzministerium,2017-09-26,amt,2018\r\n")
        let json = try LedgerProcess.run(["offices", "--at", "2018", "--role", "staatssekretaer", "--format", "json", "--ledger", path])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let offices = try XCTUnwrap(object["offices"] as? [[String: Any]])
        XCTAssertEqual(offices.first?["name"] as? String, "Jürgen Müller")
        XCTAssertEqual((offices.first?["unit"] as? [String: Any])?["name"] as? String, "Finanzministerium")
        let none = try LedgerProcess.run(["offices", "--at", "2017-01-01", "--ledger", path])
        XCTAssertEqual(none.stdout, "No offices recorded on 2017-01-01.\n")
        let unknown = try LedgerProcess.run(["offices", "--unit", "tmik", "--ledger", path])
        XCTAssertEqual(unknown.status, 1)
    }

    func testTheHistoryOfAPersonAndTheNameInAnswers() throws {
        let history = try LedgerProcess.run(["history", "juergen-mueller", "--ledger", path])
        XCTAssertEqual(history.status, 0, history.stderr)
        XCTAssertTrue(history.stdout.contains("• juergen-mueller (Jürgen Müller) holds \"Finanzstaatssekretär\" in tfm"), history.stdout)
        let answer = try LedgerProcess.run(["responsible", "egov", "--at", "2018", "--ledger", path])
        XCTAssertTrue(answer.stdout.contains("  juergen-mueller  Jürgen Müller  Finanzstaatssekretär  in tfm"), answer.stdout)
    }

    func testTheOrgChartListsOfficeHoldersByNameInTextAndDOT() throws {
        let text = try LedgerProcess.run(["orgchart", "--at", "2018", "--offices", "--ledger", path])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("◦ Finanzstaatssekretär: Jürgen Müller"), text.stdout)
        let dot = try LedgerProcess.run(["orgchart", "--at", "2018", "--offices", "--format", "dot", "--ledger", path])
        XCTAssertEqual(dot.status, 0, dot.stderr)
        XCTAssertTrue(dot.stdout.contains("Finanzstaatssekretär: Jürgen Müller</font>"), dot.stdout)
        // Without the flag the chart stays as it was.
        let plain = try LedgerProcess.run(["orgchart", "--at", "2018", "--format", "dot", "--ledger", path])
        XCTAssertFalse(plain.stdout.contains("Jürgen Müller"), plain.stdout)
    }
}
