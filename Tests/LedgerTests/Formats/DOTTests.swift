@testable import Ledger
import XCTest

/// `orgchart --format dot`: what Graphviz is given must parse, and draw the hierarchy as the
/// ledger records it. (`Scripts/check-exports` renders it with `dot -Tsvg` and fails on warnings.)
final class DOTTests: XCTestCase {
    func testDOTQuotedStringsEscapeBackslashesQuotesAndLineBreaks() {
        XCTAssertEqual(DOT.quoted(#"Amt "Nord" \ Süd"#), #""Amt \"Nord\" \\ Süd""#)
        XCTAssertEqual(DOT.quoted("Zeile 1\r\nZeile 2"), #""Zeile 1\nZeile 2""#)
    }

    func testDOTLabelsEscapeHTMLSpecialCharactersInNames() throws {
        var builder = LedgerBuilder()
        builder.record("r1", "2020", [Op.establish("amt", #"Amt "Nord" & <Süd> \ West"#, .authority)])
        let dot = try builder.ledger().orgChart(at: day("2020-06-30")).dot()
        XCTAssertTrue(dot.contains("<b>Amt &quot;Nord&quot; &amp; &lt;Süd&gt; \\ West</b>"), dot)
        XCTAssertFalse(dot.contains("<Süd>"))
    }

    func testDOTDrawsTheSubordinateTLVwADashedAndTheFachaufsichtDottedOn2020_06_30() throws {
        let dot = try Ledger.open(path: RepositoryPaths.events).orgChart(at: day("2020-06-30")).dot()
        XCTAssertTrue(dot.hasPrefix("digraph orgchart {"))
        XCTAssertTrue(dot.hasSuffix("}"))
        XCTAssertTrue(dot.contains(#""tmik" -> "tlvwa" [style=dashed];"#))
        XCTAssertTrue(dot.contains(#""tlvwa" -> "kv40";"#))
        XCTAssertTrue(dot.contains(#""tfm" -> "kv40" [style=dotted"#))
        XCTAssertTrue(dot.contains(#"constraint=false, label="Fachaufsicht""#), "supervision must not pull the layout")
    }

    func testDOTHangsKV40InTheFinanceMinistrysDepartmentOn2021_01_01WithoutSupervision() throws {
        let dot = try Ledger.open(path: RepositoryPaths.events).orgChart(at: day("2021-01-01")).dot()
        XCTAssertTrue(dot.contains(#""tfm-egov-it" -> "kv40";"#))
        XCTAssertFalse(dot.contains(#""tlvwa" -> "kv40""#))
        XCTAssertFalse(dot.contains("Fachaufsicht"))
    }

    func testDOTListsTasksInTheirUnitOnlyWhenAsked() throws {
        let chart = try Ledger.open(path: RepositoryPaths.events).orgChart(at: day("2020-06-30"))
        XCTAssertFalse(chart.dot().contains("ozg-beratung-kommunen"))
        XCTAssertTrue(chart.dot(showTasks: true).contains("· ozg-beratung-kommunen</font><br align=\"left\"/>"))
    }

    func testDOTStylesUnitsByKind() {
        XCTAssertTrue(DOT.style(for: .government).contains("bold"))
        XCTAssertTrue(DOT.style(for: .team).contains("dashed"))
        XCTAssertNotEqual(DOT.style(for: .authority), DOT.style(for: .department))
        XCTAssertEqual(DOT.style(for: UnitKind(rawValue: "commission")), DOT.style(for: .department), "unknown kinds get a plain box")
    }

    func testDOTWrapsLongGermanNamesAtWordBoundaries() {
        let lines = DOT.wrapped("Thüringer Ministerium für Inneres und Kommunales (TMIK)")
        XCTAssertEqual(lines, ["Thüringer Ministerium für", "Inneres und Kommunales (TMIK)"])
        XCTAssertEqual(DOT.wrapped("Kompetenzzentrum"), ["Kompetenzzentrum"])
    }
}
