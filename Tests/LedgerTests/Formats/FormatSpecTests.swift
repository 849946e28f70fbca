import Foundation
@testable import Ledger
import XCTest

/// `docs/FORMAT.md` is the specification other implementations are written from; these checks fail
/// when the code gains an op, a field or a cache layout the document does not describe, or when its
/// worked example stops being a valid ledger.
final class FormatSpecTests: XCTestCase {
    private static let text: String = {
        let url = RepositoryPaths.root.appendingPathComponent("docs/FORMAT.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    private var text: String { Self.text }

    /// The row of a Markdown table whose first cell is `cell`.
    private func tableRow(startingWith cell: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix("| \(cell) |") }.map(String.init)
    }

    /// `n` with commas between groups of three digits, as the document writes sizes (4,096).
    private func grouped(_ n: Int) -> String {
        var digits = Array(String(n))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }

    func testTheDocumentExists() {
        XCTAssertFalse(text.isEmpty, "docs/FORMAT.md is missing")
    }

    func testEveryRecordFieldHasARow() {
        for key in RecordBody.bodyKeys.union(RecordBody.chainKeys).sorted() {
            XCTAssertNotNil(tableRow(startingWith: "`\(key)`"), "record field '\(key)' has no row in docs/FORMAT.md")
        }
    }

    func testEverySourceFieldHasARow() {
        let source = Source(title: "t", url: "u", published: try! ValidDate(parsing: "2020"), seed: "s")
        guard case .object(let members) = source.json else { return XCTFail("a source is an object") }
        for (key, _) in members {
            XCTAssertNotNil(tableRow(startingWith: "`\(key)`"), "source field '\(key)' has no row in docs/FORMAT.md")
        }
    }

    /// Every op, with every optional field set, has a row in the table of ops naming each field.
    func testEveryOpAndItsFieldsAreSpecified() {
        let supervision = Supervision(supervisor: "a", unit: "b", kind: .fach, task: "t")
        let appointment = Appointment(person: "p", role: "r", unit: "u")
        let changes: [Change] = [
            .establishUnit(unit: "u", name: "n", kind: .body, parent: "p", relation: .partOf, abbreviation: "a"),
            .renameUnit(unit: "u", name: "n", abbreviation: "a"),
            .moveUnit(unit: "u", parent: "p", relation: .subordinateTo, kind: .division),
            .dissolveUnit(unit: "u", successor: "s"),
            .defineTask(task: "t", title: "t", leika: "l"),
            .assignTask(task: "t", unit: "u"),
            .transferTask(task: "t", from: "f", to: "o"),
            .revokeTask(task: "t", unit: "u"),
            .setSupervision(supervision), .endSupervision(supervision),
            .appoint(appointment), .endAppointment(appointment),
        ]
        XCTAssertEqual(Set(changes.map(\.op)), Set(Change.knownOps), "this test lists every op")
        for change in changes {
            guard let row = tableRow(startingWith: "`\(change.op)`") else {
                XCTFail("op '\(change.op)' has no row in docs/FORMAT.md")
                continue
            }
            guard case .object(let members) = change.json else { return XCTFail("a change is an object") }
            for (key, _) in members where key != "op" {
                XCTAssertTrue(row.contains("`\(key)`") || row.contains("`\(key)?`"), "op '\(change.op)': field '\(key)' is not in its row")
            }
            XCTAssertTrue(text.contains("**`\(change.op)`**"), "op '\(change.op)' has no rules paragraph")
        }
    }

    func testTheCacheAndJournalLayoutsAreTheDocumentedVersions() {
        XCTAssertTrue(text.contains("Header (version \(IndexLayout.version))"), "index version")
        XCTAssertTrue(text.contains("`\(String(decoding: IndexLayout.magic, as: UTF8.self))`"), "index magic")
        XCTAssertTrue(text.contains("header (\(IndexLayout.headerSize) bytes)"), "index header size")
        XCTAssertTrue(text.contains("blocks of \(grouped(IndexLayout.blockSize)) bytes"), "index block size")
        for section in IndexLayout.Section.allCases {
            let size = section.rowSize.map(String.init) ?? "—"
            XCTAssertTrue(text.contains("| \(section.rawValue) | \(section) | \(size) |"), "index section \(section)")
        }
        XCTAssertTrue(text.contains("Layout (version \(IndexTail.version))"), "tail version")
        XCTAssertTrue(text.contains("`\(String(decoding: IndexTail.magic, as: UTF8.self))`"), "tail magic")
        XCTAssertTrue(text.contains("\(IndexTail.size) bytes; integers little-endian"), "tail size")
        XCTAssertTrue(text.contains("otherwise it is \(LedgerJournal.size) bytes"), "journal size")
        XCTAssertTrue(text.contains("`\(String(decoding: LedgerJournal.magic, as: UTF8.self))`"), "journal magic")
        XCTAssertTrue(text.contains("version, u32 = \(LedgerJournal.version)"), "journal version")
        XCTAssertTrue(text.contains("at most \(IndexFile.maximumTailRecords)"), "tail limit")
        XCTAssertTrue(text.contains("(\(grouped(RecordBatch.maximumRecordBytes)) bytes)"), "record size limit")
    }

    /// The worked example's lines (the first ```jsonl block) are a ledger the library accepts whole,
    /// and the head the document quotes is theirs.
    func testTheWorkedExampleIsAValidLedger() throws {
        let lines = text.components(separatedBy: "\n")
        let start = try XCTUnwrap(lines.firstIndex(of: "```jsonl"), "no ```jsonl block")
        let end = try XCTUnwrap(lines[(start + 1)...].firstIndex(of: "```"))
        let ledger = lines[(start + 1)..<end].map { $0 + "\n" }.joined()
        let records = try LedgerFile.parse(Data(ledger.utf8))
        try HistoryValidation.check(records)
        XCTAssertEqual(records.count, 2)
        let head = try XCTUnwrap(records.last?.hash)
        XCTAssertTrue(text.contains("# head \(head)"), "the document quotes another head")
        for record in records {
            XCTAssertTrue(text.contains("\(record.hash)  -"), "the sha256sum output for seq \(record.seq) is not quoted")
        }
    }
}
