import Foundation
import Ledger
import XCTest

/// Decoding errors name the line, the record and the field, so an author can find the mistake.
final class RecordDecodingTests: XCTestCase {
    private func batchError(_ text: String) -> String {
        do {
            _ = try RecordBatch.parse(Data(text.utf8))
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    private let valid = #"{"id":"r1","date":"2020-12","type":"decision","title":"T","sources":[{"title":"S"}],"changes":[]}"#

    func testAValidBodyDecodes() throws {
        let bodies = try RecordBatch.parse(Data((valid + "\n").utf8))
        XCTAssertEqual(bodies.first?.date.description, "2020-12")
    }

    func testAnImpossibleDateNamesLineRecordAndField() {
        let text = valid + "\n" + valid.replacingOccurrences(of: "\"r1\"", with: "\"r2\"").replacingOccurrences(of: "2020-12", with: "2021-02-30")
        XCTAssertEqual(batchError(text), "line 2, record 'r2', field 'date': 2021-02 has no day 30")
    }

    func testAnInvalidMonthInEffectiveIsRefused() {
        let text = valid.replacingOccurrences(of: "\"type\"", with: "\"effective\":\"2021-13\",\"type\"")
        XCTAssertEqual(batchError(text), "line 1, record 'r1', field 'effective': 2021 has no month 13")
    }

    func testAnUnknownOperationListsTheKnownOnes() {
        let text = valid.replacingOccurrences(of: "\"changes\":[]", with: "\"changes\":[{\"op\":\"mergeUnits\"}]")
        XCTAssertTrue(batchError(text).hasPrefix("line 1, record 'r1', field 'changes[0].op': 'mergeUnits' is not a known operation; expected one of establishUnit"))
    }

    func testAMisspeltFieldIsNotIgnored() {
        let text = valid.replacingOccurrences(of: "\"type\"", with: "\"efective\":\"2021\",\"type\"")
        XCTAssertEqual(batchError(text), "line 1, record 'r1', field 'efective': is not a known field; did you mean 'effective'?")
    }

    func testAWrongTypeSaysWhatWasExpected() {
        let text = valid.replacingOccurrences(of: "\"title\":\"T\"", with: "\"title\":5")
        XCTAssertEqual(batchError(text), "line 1, record 'r1', field 'title': expected a string, found a number")
    }

    func testAMissingUnitInAChangeNamesTheChange() {
        let text = valid.replacingOccurrences(of: "\"changes\":[]", with: "\"changes\":[{\"op\":\"dissolveUnit\"}]")
        XCTAssertEqual(batchError(text), "line 1, record 'r1', field 'changes[0].unit': is missing")
    }

    func testChainFieldsAreLeftToTheLedger() {
        let text = valid.replacingOccurrences(of: "\"type\"", with: "\"seq\":7,\"type\"")
        XCTAssertEqual(batchError(text), "line 1, record 'r1', field 'seq': is filled in by the ledger on append; leave it out")
    }

    func testAnIdMustBeASlug() {
        let text = valid.replacingOccurrences(of: "\"r1\"", with: "\"R 1\"")
        XCTAssertEqual(batchError(text), "line 1, field 'id': 'R 1' is not an id; ids match [a-z0-9][a-z0-9.-]*")
    }

    func testArrayBatchesNameTheElement() {
        let text = "[" + valid + "," + valid.replacingOccurrences(of: "2020-12", with: "2020-1") + "]"
        XCTAssertEqual(batchError(text), "element 2, record 'r1', field 'date': '2020-1' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD" + ValidDateTests.forms)
    }

    func testAnEmptyBatchIsRefused() {
        XCTAssertEqual(batchError("\n\n"), "the batch is empty: no records to append")
        XCTAssertEqual(batchError("[]"), "the batch is empty: no records to append")
    }

    func testTruncatedJSONNamesTheLine() {
        XCTAssertTrue(batchError(valid + "\n" + String(valid.prefix(40))).hasPrefix("line 2: invalid JSON"))
    }

    func testBodiesRoundTripThroughJSON() throws {
        let body = try RecordBatch.parse(Data(valid.utf8))[0]
        let again = try RecordBatch.parse(Data(CanonicalJSON.string(of: body.json).utf8))[0]
        XCTAssertEqual(body, again)
    }
}
