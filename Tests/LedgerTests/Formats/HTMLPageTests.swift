@testable import Ledger
import XCTest

/// The HTML page of any ledger (issue 17, "The exports assume Thuringia"): its title and words
/// come from the ledger and the options, and it shows the org chart of its date without a script.
final class HTMLPageTests: XCTestCase {
    // MARK: Title

    func testTheTitleNamesTheBodyAtTheTopOfTheOrganisationTheLedgerEndsWith() throws {
        let page = try HTMLExport(ledger: thuringia(), at: day("2020-06-30"))
        XCTAssertEqual(page.title, "Thüringer Landesregierung", "the one root with units below it; the TLRZ, KIV and Kienbaum stand alone")
        XCTAssertTrue(page.document.contains("<title>Thüringer Landesregierung</title>"))
        XCTAssertTrue(page.document.contains("<h1>Thüringer Landesregierung</h1>"))
    }

    func testATitleGivenIsTheHeadingAndTheTitleEscaped() throws {
        let page = try HTMLExport(ledger: thuringia(), at: day("2020-06-30"), options: .init(title: "Verwaltung <4.0> & mehr"))
        XCTAssertEqual(page.title, "Verwaltung <4.0> & mehr")
        XCTAssertTrue(page.document.contains("<title>Verwaltung &lt;4.0&gt; &amp; mehr</title>"))
        XCTAssertTrue(page.document.contains("<h1>Verwaltung &lt;4.0&gt; &amp; mehr</h1>"))
        XCTAssertFalse(page.document.contains("<h1>Thüringer Landesregierung</h1>"))
    }

    func testTwoBodiesAtTheTopAreBothNamed() throws {
        var builder = LedgerBuilder()
        builder.record("r1", "2020", [Op.establish("stadt", "Stadt Musterstadt", .government), Op.establish("amt", "Bürgeramt", in: "stadt"),
                                      Op.establish("kreis", "Landkreis Beispiel", .government), Op.establish("ka", "Kreisamt", in: "kreis")])
        XCTAssertEqual(try HTMLExport(ledger: builder.ledger(), at: day("2020")).title, "Landkreis Beispiel und Stadt Musterstadt")
        let english = try HTMLExport(ledger: builder.ledger(), at: day("2020"), options: .init(language: .english))
        XCTAssertEqual(english.title, "Landkreis Beispiel and Stadt Musterstadt")
    }

    func testWithoutBodiesOrWithMoreThanThreeAtTheTopTheTitleIsNeutral() throws {
        XCTAssertEqual(try HTMLExport(ledger: LedgerBuilder().ledger(), at: day("2020")).title, "Ledger der Reorganisationen")
        XCTAssertEqual(try HTMLExport(ledger: LedgerBuilder().ledger(), at: day("2020"), options: .init(language: .english)).title,
                       "Ledger of reorganisations")
        var builder = LedgerBuilder()
        builder.record("r1", "2020", ["a", "b", "c", "d"].map { Op.establish($0, "Amt \($0)", .authority) })
        XCTAssertEqual(try HTMLExport(ledger: builder.ledger(), at: day("2020")).title, "Ledger der Reorganisationen")
    }

    // MARK: Texts of any ledger

    func testTheSearchExampleIsATaskOfThisLedger() throws {
        let page = try HTMLExport(ledger: borsetshire(), at: day("2021")).document
        XCTAssertTrue(page.contains(#"placeholder="Aufgabe oder Stichwort, z. B. Task parks""#), "the shortest task title")
        XCTAssertFalse(page.contains("OZG oder Vergabe"))
        var builder = LedgerBuilder()
        builder.record("r1", "2020", [Op.establish("a", "Amt A", .authority)])
        XCTAssertTrue(try HTMLExport(ledger: builder.ledger(), at: day("2020")).document.contains(#"placeholder="Aufgabe oder Stichwort""#))
    }

    func testABodyWithoutAParentIsATopLevelBodyAndNothingIsUnassigned() throws {
        let page = try HTMLExport(ledger: thuringia(), at: day("2020-06-30")).document
        XCTAssertFalse(page.contains("ohne Zuordnung"))
        let chart = try staticChart(of: page)
        XCTAssertTrue(chart.contains(#"<h3>Weitere Stellen der obersten Ebene</h3>"#), "the TLRZ beside the government's tree")
        XCTAssertTrue(chart.contains(#"<li class="node kind-authority rel-root" data-unit="tlrz" data-kind="authority">"#))
        XCTAssertFalse(try HTMLExport(ledger: borsetshire(), at: day("2021")).document.contains("<h3>"),
                       "a ledger with one tree has no second group")
    }

    func testNoTextOfThePageNamesThuringia() throws {
        let page = try HTMLExport(ledger: borsetshire(), at: day("2021")).document
        for word in ["Thüring", "Freistaat", "Landesregierung", "OZG", "Vergabe", "ohne Zuordnung"] {
            XCTAssertFalse(page.contains(word), "the page of another ledger says \(word)")
        }
    }

    // MARK: Without a script

    func testThePageShowsTheOrgChartOfItsDateWithoutAScript() throws {
        let before = try staticChart(of: HTMLExport(ledger: thuringia(), at: day("2020-06-30")).document)
        XCTAssertTrue(before.contains(#"data-unit="kv40" data-parent="tlvwa" data-relation="partOf" data-kind="department""#))
        XCTAssertTrue(before.contains(#"<span class="name">Kompetenzzentrum Verwaltung 4.0</span>"#))
        XCTAssertTrue(before.contains("Finanzstaatssekretär: <b>Hartmut Schubert</b>"), "offices with the holder's name")
        XCTAssertTrue(before.contains(#"<li title="ozg-beratung-kommunen" data-task="ozg-beratung-kommunen">"#))
        XCTAssertTrue(before.contains("Fachaufsicht: TFM"))
        let after = try staticChart(of: HTMLExport(ledger: thuringia(), at: day("2021-01-01")).document)
        XCTAssertTrue(after.contains(#"data-unit="kv40" data-parent="tfm-egov-it" data-relation="partOf" data-kind="division""#))
        XCTAssertFalse(after.contains("Fachaufsicht: TFM"), "the supervision ended when kv40 joined the TFM")
    }

    func testTheStaticChartHoldsExactlyTheUnitsOfTheOrgChartAnswer() throws {
        let ledger = try thuringia()
        for date in ["2017-06", "2019-06-01", "2021-01-01"] {
            let chart = try staticChart(of: HTMLExport(ledger: ledger, at: day(date)).document)
            var parents: [String: String?] = [:]
            func walk(_ node: OrgChart.Node, parent: String?) {
                parents.updateValue(parent, forKey: node.unit.id)
                node.children.forEach { walk($0, parent: node.unit.id) }
            }
            try ledger.orgChart(at: day(date)).roots.forEach { walk($0, parent: nil) }
            let drawn = chart.matches(of: /data-unit="([^"]+)"/).map { String($0.1) }
            XCTAssertEqual(Set(drawn), Set(parents.keys), date)
            XCTAssertEqual(drawn.count, parents.count, "\(date): each unit once")
            for (unit, parent) in parents {
                let tag = try XCTUnwrap(chart.firstMatch(of: try Regex(#"<li [^>]*data-unit="\#(unit)"[^>]*>"#)))
                if let parent {
                    XCTAssertTrue(tag.0.contains(#"data-parent="\#(parent)""#), "\(date): \(unit) under \(parent)")
                } else {
                    XCTAssertFalse(tag.0.contains("data-parent"), "\(date): \(unit) is a root")
                }
            }
        }
    }

    func testTheChronicleIsReadableWithoutAScript() throws {
        let page = try HTMLExport(ledger: thuringia(), at: day("2020-06-30")).document
        let chronicle = try XCTUnwrap(page.firstMatch(of: /<ol id="timeline" class="timeline">(.*?)<\/ol>\n/.dotMatchesNewlines())).1
        XCTAssertEqual(chronicle.matches(of: /<li class="entry[^"]*" data-record=/).count, 25, "every record, withdrawn ones too")
        XCTAssertTrue(chronicle.contains(#"<li class="now-marker">Stichtag 30. Juni 2020</li>"#))
        XCTAssertTrue(chronicle.contains("Kompetenzzentrum Verwaltung 4.0 wechselt zu Abteilung E-Government und IT und wird Referat"))
        XCTAssertTrue(chronicle.contains(#"<a href="https://www.kommune21.de/k21-meldungen/kompetenzzentrum-verwaltung-4-0-angegliedert""#))
    }

    func testWhatNeedsTheScriptIsHiddenUntilItRuns() throws {
        let page = try HTMLExport(ledger: thuringia(), at: day("2020-06-30")).document
        XCTAssertTrue(page.contains(#"<html lang="de" class="no-script" data-at="2020-06-30">"#))
        XCTAssertTrue(page.contains(".no-script .needs-script { display: none !important; }"))
        XCTAssertTrue(page.contains("document.documentElement.classList.remove('no-script');"))
        for control in [#"<div class="slider needs-script">"#, #"<div class="date-controls needs-script">"#,
                        #"<section class="panel search-panel needs-script""#] {
            XCTAssertTrue(page.contains(control), control)
        }
        XCTAssertTrue(page.contains(#"<output id="date-label" for="date-slider">30. Juni 2020</output>"#))
    }

    // MARK: Language

    func testTheEnglishPageHasTheSameShapeInEnglishWords() throws {
        let page = try HTMLExport(ledger: thuringia(), at: day("2021-01-01"), options: .init(language: .english))
        XCTAssertTrue(page.document.contains(#"<html lang="en" class="no-script" data-at="2021-01-01">"#))
        XCTAssertTrue(page.document.contains(#"<h2 id="chart-title">Organisation chart</h2>"#))
        XCTAssertTrue(page.document.contains("Who was responsible for …"))
        XCTAssertTrue(page.document.contains(#"<output id="date-label" for="date-slider">1 January 2021</output>"#))
        XCTAssertFalse(page.document.contains("Organigramm"))
        let records = try XCTUnwrap(page.payload["records"]).arrayElements
        let angliederung = try XCTUnwrap(records.first { $0["id"] == .string("2020-12-kabinett-angliederung-kv40") })
        XCTAssertEqual(angliederung["typeLabel"], .string("Decision"))
        XCTAssertEqual(angliederung["changes"]?.arrayElements.first,
                       .string("Kompetenzzentrum Verwaltung 4.0 moves to Abteilung E-Government und IT and becomes a division"))
        XCTAssertEqual(page.payload["words"]?["timeline.title"], .string("Chronicle"))
        XCTAssertEqual(page.payload["lang"], .string("en"))
    }

    func testBothLanguagesHaveEveryPhraseThePageAndItsScriptAsk() {
        let german = Set(GermanWording().phrases.map(\.key)), english = Set(EnglishWording().phrases.map(\.key))
        XCTAssertEqual(german, english)
        var asked = Set(HTMLExport.script.matches(of: /say\('([a-zA-Z.]+)'/).map { String($0.1) })
        for match in HTMLExport.script.matches(of: /counted\('([a-zA-Z.]+)'/) {
            asked.formUnion([String(match.1) + ".one", String(match.1) + ".other"])
        }
        XCTAssertFalse(asked.isEmpty)
        XCTAssertTrue(asked.isSubset(of: german), "missing: \(asked.subtracting(german).sorted())")
    }

    func testDatesReadInWordsWithTheirPrecisionAndOpenness() {
        let german = GermanWording(), english = EnglishWording()
        XCTAssertEqual(german.date("2020-06-30"), "30. Juni 2020")
        XCTAssertEqual(german.date("2019-05"), "Mai 2019")
        XCTAssertEqual(german.date("2017"), "2017")
        XCTAssertEqual(german.date("2018-09-06.."), "6. September 2018 oder später")
        XCTAssertEqual(german.date("..2018-06"), "spätestens Juni 2018")
        XCTAssertEqual(german.date("2019~"), "etwa 2019")
        XCTAssertEqual(english.date("2020-06-30"), "30 June 2020")
        XCTAssertEqual(english.date("2018-09-06..2018-12"), "between 6 September 2018 and December 2018")
        XCTAssertEqual(english.date("2019?"), "2019 (uncertain)")
    }

    // MARK: Helpers

    private func thuringia() throws -> Ledger { try Ledger.open(path: RepositoryPaths.events) }

    /// A small ledger of somewhere else: a county with two departments, a rename and a move.
    private func borsetshire() throws -> Ledger {
        var builder = LedgerBuilder()
        builder.record("r1", "2019", [
            Op.establish("county", "Borsetshire County Council", .government),
            Op.establish("roads", "Roads Department", in: "county"), Op.establish("leisure", "Leisure Department", in: "county"),
            Op.define("parks"), Op.assign("parks", to: "leisure"), Op.define("highway-maintenance"), Op.assign("highway-maintenance", to: "roads"),
            Op.appoint("jane-doe", "Director", in: "roads"),
        ])
        builder.record("r2", "2020-04", [Op.rename("roads", "Highways and Transport")])
        return try builder.ledger()
    }

    /// The page's static chart: the content of `#chart` as written, before any script runs.
    private func staticChart(of page: String) throws -> Substring {
        try XCTUnwrap(page.firstMatch(of: /<div id="chart" class="chart">(.*?)\n    <\/div>\n  <\/section>/.dotMatchesNewlines())).1
    }
}

extension JSONValue {
    /// The elements of an array, empty for anything else.
    fileprivate var arrayElements: [JSONValue] {
        if case .array(let elements) = self { return elements }
        return []
    }
}
