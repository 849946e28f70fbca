import Foundation
@testable import Ledger
import XCTest

/// Each kind of index row is declared once (`IndexLayout+Rows`, `IndexLayout+Header`, and the tail
/// file's `IndexTail.Layout`): its fields tile it, its size is its section's, and the declarations
/// are the tables of docs/FORMAT.md §8.2 and §8.3, which another implementation reads the files by.
final class IndexRowSchemaTests: XCTestCase {
    func testEveryRowKindsFieldsTileIt() {
        for kind in IndexLayout.rowKinds + [IndexTail.Layout.self] {
            XCTAssertTrue(kind.tilesRow, "\(kind): its fields overlap, leave a gap, or do not end at \(kind.size)")
        }
    }

    func testEverySectionHasARowKindOfItsSize() {
        for section in IndexLayout.Section.allCases where section != .strings {
            let kind = try? XCTUnwrap(section.rowKind, "\(section)")
            XCTAssertEqual(section.rowSize, kind?.size, "\(section)")
        }
        XCTAssertNil(IndexLayout.Section.strings.rowKind)
    }

    func testTheHeaderHasAStartForEverySectionAndIsTheSizeTheFileSays() {
        XCTAssertEqual(IndexLayout.headerSize, IndexLayout.Header.size)
        for section in IndexLayout.Section.allCases {
            let start = IndexLayout.Header.sectionStart(section)
            XCTAssertEqual(start.width, 8, "\(section)")
            XCTAssertLessThanOrEqual(start.end, IndexLayout.Header.sectionStarts.end, "\(section)")
        }
    }

    // MARK: The specification's tables

    private static let text: String = {
        let url = RepositoryPaths.root.appendingPathComponent("docs/FORMAT.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The (offset, size) of each line of the first table after the line starting `heading`.
    private func table(after heading: String) -> [(Int, Int)]? {
        let lines = Self.text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix(heading) }) else { return nil }
        var rows: [(Int, Int)] = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("|") {
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                if cells.count >= 2, let offset = Int(cells[0]), let size = Int(cells[1]) { rows.append((offset, size)) }
            } else if !rows.isEmpty {
                break
            }
        }
        return rows
    }

    private func assertMatches<Row: IndexRow>(_ kind: Row.Type, heading: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let documented = table(after: heading) else { return XCTFail("no table after '\(heading)'", file: file, line: line) }
        XCTAssertEqual(documented.map { "\($0.0)+\($0.1)" }, kind.fields.map { "\($0.offset)+\($0.width)" }, "\(kind)", file: file, line: line)
    }

    func testTheDeclarationsAreTheSpecificationsTables() {
        assertMatches(IndexLayout.Header.self, heading: "#### 8.2.2 Header")
        assertMatches(IndexLayout.UnitRow.self, heading: "**units** (\(IndexLayout.UnitRow.size) bytes)")
        assertMatches(IndexLayout.UnitStep.self, heading: "**unitSteps** (\(IndexLayout.UnitStep.size) bytes)")
        assertMatches(IndexLayout.TaskRow.self, heading: "**tasks** (\(IndexLayout.TaskRow.size) bytes)")
        assertMatches(IndexLayout.TaskStep.self, heading: "**taskSteps** (\(IndexLayout.TaskStep.size) bytes)")
        assertMatches(IndexLayout.SupervisionKey.self, heading: "**supervisionKeys** (\(IndexLayout.SupervisionKey.size) bytes)")
        assertMatches(IndexLayout.AppointmentKey.self, heading: "**appointmentKeys** (\(IndexLayout.AppointmentKey.size) bytes)")
        assertMatches(IndexLayout.Step.self, heading: "**supervisionSteps, appointmentSteps** (\(IndexLayout.Step.size) bytes)")
        assertMatches(IndexLayout.RecordRow.self, heading: "**records** (\(IndexLayout.RecordRow.size) bytes)")
        assertMatches(IndexLayout.OpenDate.self, heading: "**openDates** (\(IndexLayout.OpenDate.size) bytes)")
        assertMatches(IndexLayout.PersonRow.self, heading: "**persons** (\(IndexLayout.PersonRow.size) bytes)")
        assertMatches(IndexTail.Layout.self, heading: "#### 8.3.1 Layout")
    }
}
