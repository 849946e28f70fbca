import Foundation
import XCTest

/// The exports of a ledger of one's own (issue 17, "The exports assume Thuringia"): a county's
/// ledger started with `ledger init` gets a page with its own title and words, readable without
/// JavaScript, and JSON-LD that keeps the names and places of its units over time.
final class ExportsForAnyLedgerTests: XCTestCase {
    private var directory: URL!

    /// A county council: two departments in 2019, the roads department renamed in April 2020 and
    /// moved under a new directorate on 2021-01-01, a director appointed in 2019.
    private static let records = [
        #"{"id":"2019-structure","date":"2019","type":"baseline","title":"The council and its departments","sources":[{"title":"Annual report 2019","url":"https://example.org/borsetshire/report-2019"}],"changes":[{"op":"establishUnit","unit":"county","name":"Borsetshire County Council","kind":"government"},{"op":"establishUnit","unit":"roads","name":"Roads Department","kind":"department","parent":"county","relation":"partOf"},{"op":"establishUnit","unit":"leisure","name":"Leisure Department","kind":"department","parent":"county","relation":"partOf"},{"op":"defineTask","task":"parks","title":"Parks and open spaces"},{"op":"assignTask","task":"parks","unit":"leisure"},{"op":"defineTask","task":"gritting","title":"Winter gritting of county roads"},{"op":"assignTask","task":"gritting","unit":"roads"},{"op":"appoint","person":"jane-doe","name":"Jane Doe","role":"Director of Roads","unit":"roads"}]}"#,
        #"{"id":"2020-rename","date":"2020-03-12","effective":"2020-04","type":"decision","title":"Roads become Highways and Transport","sources":[{"title":"Cabinet minutes, 12 March 2020","url":"https://example.org/borsetshire/cabinet-2020-03-12"}],"changes":[{"op":"renameUnit","unit":"roads","name":"Highways and Transport"}]}"#,
        #"{"id":"2021-directorate","date":"2020-11-30","effective":"2021-01-01","type":"decision","title":"A Place Directorate for highways","sources":[{"title":"Cabinet minutes, 30 November 2020","url":"https://example.org/borsetshire/cabinet-2020-11-30"}],"changes":[{"op":"establishUnit","unit":"place","name":"Place Directorate","kind":"department","parent":"county","relation":"partOf"},{"op":"moveUnit","unit":"roads","parent":"place","relation":"partOf","kind":"division"}]}"#,
    ]

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("any-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        XCTAssertEqual(try run(["init", "county.jsonl"]).status, 0)
        try Data((Self.records.joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent("records.jsonl"))
        let appended = try run(["append", "records.jsonl"])
        XCTAssertEqual(appended.status, 0, appended.stderr)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func run(_ arguments: [String]) throws -> LedgerProcess.Result {
        try LedgerProcess.run(["--ledger", "county.jsonl"] + arguments, in: directory)
    }

    /// The page with its scripts and `<noscript>` taken out: what a reader sees with scripts off.
    private func withoutScripts(_ page: String) -> String {
        page.replacingOccurrences(of: #"(?s)<script\b[^>]*>.*?</script>"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"(?s)<noscript>.*?</noscript>"#, with: "", options: .regularExpression)
    }

    // MARK: As known at an earlier time

    func testAnExportAsKnownBeforeARetractionStillShowsWhatItRetracted() throws {
        let lines = try String(contentsOf: directory.appendingPathComponent("county.jsonl"), encoding: .utf8).split(separator: "\n")
        let recorded = try XCTUnwrap(lines.last?.firstRange(of: #/"recorded":"([^"]+)"/#).map { String(lines.last![$0]) })
            .replacingOccurrences(of: #""recorded":""#, with: "").dropLast()
        let retraction = #"{"id":"2021-directorate-withdrawn","date":"2020-12-15","type":"retraction","title":"The directorate is not created","sources":[{"title":"Cabinet minutes, 15 December 2020","url":"https://example.org/borsetshire/cabinet-2020-12-15"}],"retracts":"2021-directorate","changes":[]}"#
        try Data((retraction + "\n").utf8).write(to: directory.appendingPathComponent("retraction.jsonl"))
        Thread.sleep(forTimeInterval: 1.1) // a later second: `recorded` is kept to the second
        XCTAssertEqual(try run(["append", "retraction.jsonl"]).status, 0)
        let (now, then) = (try run(["export", "jsonld"]), try run(["export", "jsonld", "--known-at", String(recorded)]))
        XCTAssertEqual(then.status, 0, then.stderr)
        XCTAssertFalse(now.stdout.contains(#""@id": "unit:place""#))
        XCTAssertTrue(then.stdout.contains(#""@id": "unit:place""#))
        let (page, pageThen) = (try run(["export", "html", "--at", "2021-06-30"]),
                                try run(["export", "html", "--at", "2021-06-30", "--known-at", String(recorded)]))
        XCTAssertEqual(pageThen.status, 0, pageThen.stderr)
        XCTAssertTrue(page.stdout.contains("2021-directorate-withdrawn"))
        XCTAssertFalse(pageThen.stdout.contains("2021-directorate-withdrawn"), "the retraction was not known then")
    }

    // MARK: HTML

    func testTitleIsThePagesHeadingAndTitle() throws {
        let result = try run(["export", "html", "--at", "2021-06-30", "--title", "Borsetshire: who does what"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertTrue(result.stdout.contains("<title>Borsetshire: who does what</title>"))
        XCTAssertTrue(result.stdout.contains("<h1>Borsetshire: who does what</h1>"))
    }

    func testWithoutTitleThePageIsNamedAfterTheLedgersOwnTopBody() throws {
        let page = try run(["export", "html", "--at", "2021-06-30"]).stdout
        XCTAssertTrue(page.contains("<title>Borsetshire County Council</title>"))
        XCTAssertTrue(page.contains("<h1>Borsetshire County Council</h1>"))
    }

    func testATitleOfOnlySpacesIsAUsageError() throws {
        let result = try run(["export", "html", "--title", "  "])
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.hasPrefix("Error: The value '  ' is invalid for '--title <text>'"), result.stderr)
    }

    func testThePageOfAnotherLedgerHasNoThuringianTexts() throws {
        let page = try run(["export", "html", "--at", "2021-06-30"]).stdout
        for text in ["Thüring", "Freistaat", "Landesregierung", "Organisation und Zuständigkeiten</h1>", "OZG", "Vergabe", "ohne Zuordnung"] {
            XCTAssertFalse(page.contains(text), "the county's page says \(text)")
        }
        XCTAssertTrue(page.contains(#"placeholder="Aufgabe oder Stichwort, z. B. Parks and open spaces""#), "an example from its own tasks")
    }

    func testThePageShowsTheOrgChartAtItsDateWithoutAScript() throws {
        let before = withoutScripts(try run(["export", "html", "--at", "2020-06-30"]).stdout)
        XCTAssertTrue(before.contains(#"<li class="node kind-government rel-root" data-unit="county" data-kind="government">"#))
        XCTAssertTrue(before.contains(#"data-unit="roads" data-parent="county""#))
        XCTAssertTrue(before.contains(#"<span class="name">Highways and Transport</span>"#), "renamed in April 2020")
        XCTAssertFalse(before.contains(#"<span class="name">Roads Department</span>"#))
        XCTAssertTrue(before.contains("Director of Roads: <b>Jane Doe</b>"))
        XCTAssertTrue(before.contains(#"<li title="gritting" data-task="gritting">Winter gritting of county roads</li>"#))
        XCTAssertFalse(before.contains(#"data-unit="place""#), "the directorate comes in 2021")
        XCTAssertTrue(before.contains(#"<output id="date-label" for="date-slider">30. Juni 2020</output>"#))

        let after = withoutScripts(try run(["export", "html", "--at", "2021-01-01"]).stdout)
        XCTAssertTrue(after.contains(#"data-unit="roads" data-parent="place" data-relation="partOf" data-kind="division""#))
        let early = withoutScripts(try run(["export", "html", "--at", "2019-06"]).stdout)
        XCTAssertTrue(early.contains(#"<span class="name">Roads Department</span>"#))
    }

    func testTheEnglishPageSpeaksEnglish() throws {
        let result = try run(["export", "html", "--at", "2021-01-01", "--lang", "en"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let page = result.stdout
        XCTAssertTrue(page.contains(#"<html lang="en" class="no-script" data-at="2021-01-01">"#))
        XCTAssertTrue(page.contains(#"<h2 id="chart-title">Organisation chart</h2>"#))
        XCTAssertTrue(page.contains("Roads Department is renamed “Highways and Transport”"))
        XCTAssertTrue(page.contains(#"placeholder="Task or keyword, e.g. Parks and open spaces""#))
        for german in ["Organigramm", "Chronik", "Wer war zuständig", "Stand am"] {
            XCTAssertFalse(page.contains(german), german)
        }
    }

    func testAnUnknownPageLanguageIsAUsageError() throws {
        let result = try run(["export", "html", "--lang", "fr"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.hasPrefix("Error: The value 'fr' is invalid for '--lang <language>'. Please provide one of 'de' and 'en'."),
                      result.stderr)
    }

    // MARK: JSON-LD

    func testJSONLDHasAChangeEventPerRecordAndTheRenamedUnitUnderBothNames() throws {
        let result = try run(["export", "jsonld"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let graph = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["@graph"] as? [[String: Any]])
        func node(_ id: String) throws -> [String: Any] { try XCTUnwrap(graph.first { $0["@id"] as? String == id }, id) }
        func values(_ value: Any?) -> [String] {
            ((value as? [[String: Any]]) ?? (value as? [String: Any]).map { [$0] } ?? []).compactMap { ($0["@value"] ?? $0["@id"]) as? String }
        }

        for id in ["2019-structure", "2020-rename", "2021-directorate"] {
            XCTAssertEqual(try node("record:" + id)["@type"] as? String, "org:ChangeEvent", id)
        }
        let rename = try node("record:2020-rename")
        XCTAssertEqual(values(rename["org:originalOrganization"]), ["unit:roads"])
        XCTAssertEqual(values(rename["org:resultingOrganization"]), ["unit:roads"])
        XCTAssertEqual(values(rename["prov:startedAtTime"]), ["2020-04"])
        let move = try node("record:2021-directorate")
        XCTAssertEqual(values(move["org:originalOrganization"]), ["unit:roads", "unit:county"])
        XCTAssertEqual(values(move["org:resultingOrganization"]), ["unit:place", "unit:roads"])

        let roads = try node("unit:roads")
        XCTAssertEqual(values(roads["skos:prefLabel"]), ["Highways and Transport"])
        XCTAssertEqual(values(roads["skos:altLabel"]), ["Roads Department"])
        let earlier = try XCTUnwrap((roads["skosxl:altLabel"] as? [[String: Any]])?.first)
        XCTAssertEqual(values(earlier["skosxl:literalForm"]), ["Roads Department"])
        let time = try XCTUnwrap(earlier["time:hasTime"] as? [String: Any])
        XCTAssertEqual(values((time["time:hasBeginning"] as? [String: Any])?["time:inXSDgYear"]), ["2019"])
        XCTAssertEqual(values((time["time:hasEnd"] as? [String: Any])?["time:inXSDgYearMonth"]), ["2020-04"])
        let places = try XCTUnwrap(roads["org:hasMembership"] as? [[String: Any]])
        XCTAssertEqual(places.flatMap { values($0["org:organization"]) }, ["unit:county", "unit:place"])
    }

    func testJSONLDTagsTextsWithTheLanguageAskedFor() throws {
        let english = try run(["export", "jsonld", "--lang", "en-GB"])
        XCTAssertEqual(english.status, 0, english.stderr)
        XCTAssertTrue(english.stdout.contains(#""@language": "en-GB""#))
        XCTAssertFalse(english.stdout.contains(#""@language": "de""#))
        let wrong = try run(["export", "jsonld", "--lang", "en_GB"])
        XCTAssertEqual(wrong.status, 64)
        XCTAssertTrue(wrong.stderr.hasPrefix("Error: The value 'en_GB' is invalid for '--lang <tag>'"), wrong.stderr)
    }
}
