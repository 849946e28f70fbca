@testable import Ledger
import XCTest

/// The exports people open in other tools: the HTML page, W3C ORG JSON-LD and the CSV map.
/// (`DOTTests` checks the Graphviz output; `Scripts/check-exports` opens all of them in the real
/// tools.)
final class ExportTests: XCTestCase {
    private var ledger: Ledger!

    override func setUpWithError() throws {
        ledger = try Ledger.open(path: RepositoryPaths.events)
    }

    // MARK: As known at an earlier time

    func testExportsAsKnownBeforeTheCorrectionsAreTheExportsOfTheRecordsKnownThen() throws {
        let before = try TransactionTime(parsingQuery: "2026-11-30")
        let known = try Ledger(records: ledger.records.filter { $0.recorded <= before })
        XCTAssertLessThan(known.records.count, ledger.records.count, "the corrections of 2026-12 are recorded later")
        let day = try ValidDate(parsing: "2019-06-30")
        let page = try HTMLExport(ledger: ledger, at: day, knownAt: before).document
        XCTAssertEqual(page, try HTMLExport(ledger: known, at: day).document)
        XCTAssertNotEqual(page, try HTMLExport(ledger: ledger, at: day).document)
        let graph = try JSONLDExport(ledger: ledger, knownAt: before).json
        XCTAssertEqual(graph, try JSONLDExport(ledger: known).json)
        XCTAssertNotEqual(graph, try JSONLDExport(ledger: ledger).json)
    }

    // MARK: Written in chunks

    func testExportsWrittenInChunksAreTheDocumentsWhole() throws {
        func chunks(_ write: (@escaping ([UInt8]) throws(Never) -> Void) -> Void) -> (bytes: [UInt8], count: Int) {
            var bytes: [UInt8] = [], count = 0
            write { chunk in
                bytes += chunk
                count += 1
            }
            return (bytes, count)
        }
        let page = try HTMLExport(ledger: ledger, at: ValidDate(parsing: "2020-06-30"))
        let small = chunks { sink in page.write(chunkSize: 4096, to: sink) }
        XCTAssertEqual(String(decoding: small.bytes, as: UTF8.self), page.document)
        XCTAssertGreaterThan(small.count, 2, "the page's parts (head, chart, data, script) handed on apart, not the page whole")
        let export = try JSONLDExport(ledger: ledger)
        let written = chunks { sink in export.write(chunkSize: 4096, to: sink) }
        XCTAssertEqual(String(decoding: written.bytes, as: UTF8.self), PrettyJSON.string(of: export.json) + "\n")
        XCTAssertGreaterThan(written.count, 10, "handed over as it is written, not whole")
    }

    // MARK: HTML page

    func testHTMLPagePlacesKV40UnderTheTLVwAOn2020_06_30() throws {
        let kv40 = try unitVersion("kv40", on: "2020-06-30")
        XCTAssertEqual(kv40["parent"], .string("tlvwa"))
        XCTAssertEqual(kv40["kind"], .string("department"))
        XCTAssertEqual(try unitVersion("tlvwa", on: "2020-06-30")["relation"], .string("subordinateTo"))
    }

    func testHTMLPagePlacesKV40UnderTFMEGovITAsAReferatOn2021_01_01() throws {
        let kv40 = try unitVersion("kv40", on: "2021-01-01")
        XCTAssertEqual(kv40["parent"], .string("tfm-egov-it"))
        XCTAssertEqual(kv40["kind"], .string("division"))
        XCTAssertEqual(kv40["from"], .string("2021-01-01"), "the move takes effect on 2021-01-01, not when decided in 2020-12")
    }

    func testHTMLPageEndsTheFachaufsichtOfTheTFMWhenKV40JoinsIt() throws {
        let payload = try HTMLExport(ledger: ledger, at: day("2020-06-30")).payload
        let supervisions = try XCTUnwrap(payload["supervisions"]?.elements)
        let fach = try XCTUnwrap(supervisions.first { $0["supervisor"] == .string("tfm") && $0["unit"] == .string("kv40") })
        XCTAssertEqual(fach["from"], .string("2019-01-01"), "from the Kompetenzzentrum's start, January 2019")
        XCTAssertEqual(fach["to"], .string("2021-01-01"))
        XCTAssertEqual(fach["label"], .string("Fachaufsicht"))
    }

    func testHTMLPageFollowsATaskThroughATransfer() throws {
        var builder = LedgerBuilder()
        builder.record("r1", "2019", [Op.establish("a", "Amt A", .authority), Op.establish("b", "Amt B", .authority),
                                      Op.define("t"), Op.assign("t", to: "a")])
        builder.record("r2", "2020-03-15", [Op.transfer("t", from: "a", to: "b")])
        let payload = try HTMLExport(ledger: builder.ledger(), at: day("2020")).payload
        let versions = try XCTUnwrap(payload["tasks"]?["t"]?.elements)
        XCTAssertEqual(versions.map { $0["holder"] }, [.string("a"), .string("b")])
        XCTAssertEqual(versions.map { $0["from"] }, [.string("2019-01-01"), .string("2020-03-15")])
        XCTAssertEqual(versions.first?["to"], .string("2020-03-15"))
        XCTAssertNil(versions.last?["to"], "the last holder still holds it")
    }

    func testHTMLPageLoadsNoScriptsStylesFontsOrImagesFromElsewhere() throws {
        let page = try HTMLExport(ledger: ledger, at: day("2020-06-30")).document
        // Links to the sources (`<a href>`, in the static chronicle) load nothing; any other element
        // with a URL would.
        for pattern in [#"<script[^>]*\bsrc\s*="#, #"<link\b"#, #"<img\b"#, #"<iframe\b"#, #"@import"#, #"url\("#, #"@font-face"#,
                        #"<(?!a\b)[a-z]+\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?//"#] {
            XCTAssertNil(page.range(of: pattern, options: .regularExpression), "the page must not contain \(pattern)")
        }
        XCTAssertTrue(page.contains(#"<meta charset="utf-8">"#))
        XCTAssertTrue(page.contains(#"<html lang="de""#))
        XCTAssertTrue(page.contains("Wer war zuständig für …"))
    }

    func testHTMLPageEmbedsTextThatLooksLikeMarkupWithoutEndingItsScriptElement() throws {
        var builder = LedgerBuilder()
        builder.record("r1", "2020", [Op.establish("a", "Amt </script><script>alert(1)</script> <!-- Süd", .authority)])
        let page = try HTMLExport(ledger: builder.ledger(), at: day("2020")).document
        XCTAssertEqual(page.components(separatedBy: "</script>").count - 1, 2, "only the page's own two script elements end")
        let start = try XCTUnwrap(page.range(of: #"<script type="application/json" id="ledger-data">"#))
        let end = try XCTUnwrap(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let data = try JSONParser.parse(String(page[start.upperBound..<end.lowerBound]))
        XCTAssertEqual(data["units"]?["a"]?.elements?.first?["name"], .string("Amt </script><script>alert(1)</script> <!-- Süd"))
    }

    func testHTMLChronicleKeepsEachDatesPrecisionAndItsSources() throws {
        let payload = try HTMLExport(ledger: ledger, at: day("2020-06-30")).payload
        let records = try XCTUnwrap(payload["records"]?.elements)
        let angliederung = try XCTUnwrap(records.first { $0["id"] == .string("2020-12-kabinett-angliederung-kv40") })
        XCTAssertEqual(angliederung["date"], .string("2020-12"))
        XCTAssertEqual(angliederung["effective"], .string("2021-01-01"))
        XCTAssertEqual(angliederung["typeLabel"], .string("Beschluss"))
        XCTAssertEqual(angliederung["sources"]?.elements?.first?["published"], .string("2020-12-10"))
        XCTAssertEqual(angliederung["changes"]?.elements?.first,
                       .string("Kompetenzzentrum Verwaltung 4.0 wechselt zu Abteilung E-Government und IT und wird Referat"))
        XCTAssertEqual(records.count, ledger.records.count, "every record is in the chronicle")
    }

    func testHTMLPageOpensAtTheDateAskedFor() throws {
        let page = try HTMLExport(ledger: ledger, at: day("2020-12")).document
        XCTAssertTrue(page.contains(#""at":"2020-12""#))
    }

    // MARK: JSON-LD

    func testJSONLDTypesDatesByTheirPrecision() throws {
        XCTAssertEqual(JSONLDExport.typed(day("2017")), .object([("@type", .string("xsd:gYear")), ("@value", .string("2017"))]))
        XCTAssertEqual(JSONLDExport.typed(day("2017-08")), .object([("@type", .string("xsd:gYearMonth")), ("@value", .string("2017-08"))]))
        XCTAssertEqual(JSONLDExport.typed(day("2017-09-26")), .object([("@type", .string("xsd:date")), ("@value", .string("2017-09-26"))]))
    }

    func testJSONLDAngliederungIsAChangeEventThatStartsWhenItTakesEffect() throws {
        let event = try node("record:2020-12-kabinett-angliederung-kv40")
        XCTAssertEqual(event["@type"], .string("org:ChangeEvent"))
        XCTAssertEqual(event["prov:startedAtTime"]?["@value"], .string("2021-01-01"))
        XCTAssertEqual(event["prov:startedAtTime"]?["@type"], .string("xsd:date"))
        XCTAssertEqual(event["dct:date"]?["@type"], .string("xsd:gYearMonth"))
        XCTAssertEqual(event["org:resultingOrganization"]?.elements?.compactMap { $0["@id"] },
                       [.string("unit:kv40"), .string("unit:tfm-egov-it")])
        XCTAssertEqual(event["org:originalOrganization"]?.elements?.compactMap { $0["@id"] },
                       [.string("unit:kv40"), .string("unit:tlvwa")])
        XCTAssertEqual(event["dct:source"]?.elements?.first?["@id"],
                       .string("https://www.kommune21.de/k21-meldungen/kompetenzzentrum-verwaltung-4-0-angegliedert"))
    }

    func testJSONLDHangsDepartmentsWithUnitOfAndSubordinateAuthoritiesWithSubOrganizationOf() throws {
        let kv40 = try node("unit:kv40")
        XCTAssertEqual(kv40["@type"], .array([.string("org:OrganizationalUnit")]))
        XCTAssertEqual(kv40["org:unitOf"]?["@id"], .string("unit:tfm-egov-it"))
        let tlvwa = try node("unit:tlvwa")
        XCTAssertEqual(tlvwa["org:subOrganizationOf"]?["@id"], .string("unit:tmik"))
        XCTAssertEqual(tlvwa["ledger:relationToParent"], .string("subordinateTo"))
        XCTAssertNil(tlvwa["org:unitOf"])
        XCTAssertEqual(try node("unit:tmik")["org:hasSubOrganization"]?.elements?.first?["@id"], .string("unit:tlvwa"))
    }

    func testJSONLDDissolvedAbteilungIVKeepsItsNameButNoPlace() throws {
        let abteilung = try node("unit:tlvwa-abt-iv")
        XCTAssertEqual(abteilung["ledger:dissolved"], .bool(true))
        XCTAssertNil(abteilung["org:unitOf"])
        XCTAssertEqual(abteilung["org:changedBy"]?.elements?.first?["@id"], .string("record:2019-01-kv40-arbeitsbeginn"))
    }

    func testJSONLDOfficesArePostsHeldByPeople() throws {
        let post = try node("post:tfm.finanzstaatssekretaer")
        XCTAssertEqual(post["@type"], .string("org:Post"))
        XCTAssertEqual(post["org:heldBy"]?["@id"], .string("person:hartmut-schubert"))
        let person = try node("person:hartmut-schubert")
        XCTAssertEqual(Set(person["org:holds"]?.elements?.compactMap { $0["@id"] } ?? []),
                       [.string("post:tfm.finanzstaatssekretaer"), .string("post:landesregierung.cio-des-freistaats")])
    }

    func testJSONLDIsTheSameTextEveryTime() throws {
        let first = PrettyJSON.string(of: try JSONLDExport(ledger: ledger).json)
        let second = PrettyJSON.string(of: try JSONLDExport(ledger: ledger).json)
        XCTAssertEqual(first, second)
        XCTAssertTrue(first.contains("Thüringer Landesverwaltungsamt"), "umlauts are written as is")
    }

    // MARK: CSV

    func testCSVQuotesFieldsWithCommasQuotesAndLineBreaksAndDoublesQuotes() {
        XCTAssertEqual(CSV.field("Vergabe und Beschaffung"), "Vergabe und Beschaffung")
        XCTAssertEqual(CSV.field("Land, Kreise und Kommunen"), "\"Land, Kreise und Kommunen\"")
        XCTAssertEqual(CSV.field("Abteilung \"E-Government\""), "\"Abteilung \"\"E-Government\"\"\"")
        XCTAssertEqual(CSV.field("Zeile 1\nZeile 2"), "\"Zeile 1\nZeile 2\"")
        XCTAssertEqual(CSV.field("Zeile 1\rZeile 2"), "\"Zeile 1\rZeile 2\"")
    }

    func testCSVQuotesAFieldWithACRLFLineBreak() {
        // Swift reads "\r\n" as one Character, equal neither to "\r" nor to "\n"; the check for
        // line breaks must look at Unicode scalars (or UTF-8) to see it.
        XCTAssertEqual(CSV.field("Zeile 1\r\nZeile 2"), "\"Zeile 1\r\nZeile 2\"")
    }

    func testCSVResponsibilityMapKeepsUmlautsAndEndsEveryRowInCRLF() throws {
        let rows = try ledger.responsibilities(at: day("2021-01-01"))
        let text = CSV.responsibilities(rows, at: day("2021-01-01"))
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        XCTAssertEqual(lines.last?.count, 0, "the document ends in a line break")
        for line in lines.dropLast() {
            XCTAssertEqual(line.last, UInt8(ascii: "\r"), "every row ends in CRLF")
        }
        XCTAssertEqual(lines.count - 1, rows.count + 1, "a header and one row per task")
        XCTAssertTrue(text.hasPrefix("task,title,unit,unit_name,unit_kind,since,record,at\r\n"))
        XCTAssertTrue(text.contains("Vollzug der E-Government-Förderrichtlinie des TFM"))
        XCTAssertFalse(text.hasPrefix("\u{FEFF}"), "no byte-order mark")
    }

    func testCSVResponsibilityMapWrittenRowByRowIsTheWholeDocumentAtEveryChunkSize() throws {
        var rows = try ledger.responsibilities(at: day("2021-01-01"))
        rows.append(TaskAssignment(task: "quoted", title: "Land, \"Kreise\"\r\nund Kommunen", unit: nil, since: nil, record: nil))
        let date = day("2021-01-01")
        let whole = CSV.responsibilities(rows, at: date)
        for chunkSize in [1, 7, 100, 1 << 16] {
            var chunks: [[UInt8]] = []
            var output = ChunkedOutput<Never>(chunkSize: chunkSize) { chunks.append($0) }
            CSV.writeResponsibilities(rows, at: date, to: &output)
            output.finish()
            XCTAssertEqual(String(decoding: chunks.joined(), as: UTF8.self), whole, "chunks of \(chunkSize)")
            XCTAssertTrue(chunks.dropLast().allSatisfy { $0.count >= chunkSize }, "chunks of \(chunkSize)")
        }
    }

    // MARK: Helpers

    /// The interval of `unit` covering `date` in the page's data.
    private func unitVersion(_ unit: UnitID, on date: String) throws -> JSONValue {
        let payload = try HTMLExport(ledger: ledger, at: day(date)).payload
        let versions = try XCTUnwrap(payload["units"]?[unit]?.elements, "no intervals for \(unit)")
        let covering = versions.first { version in
            guard case .string(let from)? = version["from"] else { return false }
            if case .string(let to)? = version["to"], to <= date { return false }
            return from <= date
        }
        return try XCTUnwrap(covering, "\(unit) has no interval covering \(date)")
    }

    /// The node with `id` in the JSON-LD graph.
    private func node(_ id: String) throws -> JSONValue {
        let graph = try XCTUnwrap(JSONLDExport(ledger: ledger).json["@graph"]?.elements)
        return try XCTUnwrap(graph.first { $0["@id"] == .string(id) }, "no node \(id)")
    }
}

extension JSONValue {
    /// The elements of an array, nil for anything else.
    fileprivate var elements: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }
}
