@testable import Ledger
import XCTest

/// The history in the JSON-LD export, as W3C ORG carries it (issue 17, "The JSON-LD holds the final
/// structure only"): a change event per record, every name a unit had with its time, every place
/// under a parent and every office as an `org:Membership` with `org:memberDuring`.
final class JSONLDHistoryTests: XCTestCase {
    /// A county whose roads department is renamed in April 2020 and moved under a new directorate
    /// in 2021, with a director appointed in 2019 and gone in 2022.
    private func county() throws -> Ledger {
        var builder = LedgerBuilder()
        builder.record("founding", "2019", [
            Op.establish("county", "Borsetshire County Council", .government),
            Op.establish("roads", "Roads Department", in: "county", abbreviation: "RD"),
            Op.appoint("jane-doe", "Director", in: "roads"),
        ])
        builder.record("rename", "2020-03-12", effective: "2020-04", [.renameUnit(unit: "roads", name: "Highways and Transport", abbreviation: "HT")])
        builder.record("directorate", "2021-01-01", [
            Op.establish("place", "Place Directorate", in: "county"), Op.move("roads", to: "place"),
        ])
        builder.record("retirement", "2022-06-30", [.endAppointment(Appointment(person: "jane-doe", role: "Director", unit: "roads"))])
        return try builder.ledger()
    }

    func testTheRenameIsAChangeEventFromTheUnitToItself() throws {
        let event = try node("record:rename")
        XCTAssertEqual(event["@type"], .string("org:ChangeEvent"))
        XCTAssertEqual(event["prov:startedAtTime"], .object([("@type", .string("xsd:gYearMonth")), ("@value", .string("2020-04"))]))
        XCTAssertEqual(ids(event["org:originalOrganization"]), ["unit:roads"])
        XCTAssertEqual(ids(event["org:resultingOrganization"]), ["unit:roads"])
        XCTAssertEqual(ids(try node("record:founding")["org:resultingOrganization"]), ["unit:county", "unit:roads"])
    }

    func testARenamedUnitKeepsItsEarlierNameAndAbbreviationAsAlternativeLabels() throws {
        let roads = try node("unit:roads")
        XCTAssertEqual(roads["skos:prefLabel"]?["@value"], .string("Highways and Transport"))
        XCTAssertEqual(Set(elements(roads["skos:altLabel"]).compactMap { $0["@value"] }),
                       [.string("HT"), .string("Roads Department"), .string("RD")])
    }

    func testEveryNameCarriesTheTimeItWasUsedAndTheRecordsThatBeganAndEndedIt() throws {
        let roads = try node("unit:roads")
        let earlier = try XCTUnwrap(elements(roads["skosxl:altLabel"]).first { $0["skosxl:literalForm"]?["@value"] == .string("Roads Department") })
        XCTAssertEqual(earlier["@type"], .string("skosxl:Label"))
        XCTAssertEqual(earlier["time:hasTime"]?["time:hasBeginning"]?["time:inXSDgYear"]?["@value"], .string("2019"))
        XCTAssertEqual(earlier["time:hasTime"]?["time:hasEnd"]?["time:inXSDgYearMonth"]?["@value"], .string("2020-04"),
                       "it ends when the new name begins, at the precision of the renaming record")
        XCTAssertEqual(earlier["prov:wasGeneratedBy"]?["@id"], .string("record:founding"))
        XCTAssertEqual(earlier["prov:wasInvalidatedBy"]?["@id"], .string("record:rename"))
        let now = try XCTUnwrap(elements(roads["skosxl:prefLabel"]).first)
        XCTAssertEqual(now["skosxl:literalForm"]?["@value"], .string("Highways and Transport"))
        XCTAssertEqual(now["time:hasTime"]?["time:hasBeginning"]?["time:inXSDgYearMonth"]?["@value"], .string("2020-04"))
        XCTAssertNil(now["time:hasTime"]?["time:hasEnd"], "the name it still has")
        XCTAssertEqual(elements(roads["skosxl:prefLabel"]).count, 1, "the move in 2021 does not split the name")
    }

    func testEveryPlaceUnderAParentIsAMembershipDuringAnInterval() throws {
        let places = elements(try node("unit:roads")["org:hasMembership"])
        XCTAssertEqual(places.map { $0["org:organization"]?["@id"] }, [.string("unit:county"), .string("unit:place")],
                       "the rename in 2020 does not split the place")
        XCTAssertEqual(places.map { $0["org:role"]?["@id"] }, [.string("ledger:partOf"), .string("ledger:partOf")])
        XCTAssertEqual(places.first?["org:member"]?["@id"], .string("unit:roads"))
        XCTAssertEqual(places.first?["org:memberDuring"]?["time:hasEnd"]?["time:inXSDDate"]?["@value"], .string("2021-01-01"))
        XCTAssertEqual(places.last?["org:memberDuring"]?["time:hasBeginning"]?["time:inXSDDate"]?["@value"], .string("2021-01-01"))
        XCTAssertNil(places.last?["org:memberDuring"]?["time:hasEnd"])
        XCTAssertEqual(places.last?["prov:wasGeneratedBy"]?["@id"], .string("record:directorate"))
        XCTAssertEqual(try node("unit:roads")["org:unitOf"]?["@id"], .string("unit:place"), "the structure the ledger ends with")
        XCTAssertEqual(try node("ledger:partOf")["@type"], .string("org:Role"))
    }

    func testAnOfficeHeldOnceIsAMembershipOfThePersonThatEnds() throws {
        let jane = try node("person:jane-doe")
        XCTAssertNil(jane["org:holds"], "she holds no post when the ledger ends")
        let office = try XCTUnwrap(elements(jane["org:hasMembership"]).first)
        XCTAssertEqual(office["org:organization"]?["@id"], .string("unit:roads"))
        XCTAssertEqual(office["org:role"]?["@id"], .string("role:director"))
        XCTAssertEqual(office["org:memberDuring"]?["time:hasBeginning"]?["time:inXSDgYear"]?["@value"], .string("2019"))
        XCTAssertEqual(office["org:memberDuring"]?["time:hasEnd"]?["time:inXSDDate"]?["@value"], .string("2022-06-30"))
        XCTAssertEqual(office["prov:wasInvalidatedBy"]?["@id"], .string("record:retirement"))
        XCTAssertEqual(try node("role:director")["skos:prefLabel"]?["@value"], .string("Director"))
    }

    func testADissolvedUnitSaysWhenItWasDissolved() throws {
        var builder = LedgerBuilder()
        builder.record("r1", "2018", [Op.establish("a", "Amt A", .authority), Op.establish("b", "Abteilung B", in: "a")])
        builder.record("r2", "2020-07", [Op.dissolve("b")])
        let b = try node("unit:b", in: builder.ledger())
        XCTAssertEqual(b["prov:invalidatedAtTime"], .object([("@type", .string("xsd:gYearMonth")), ("@value", .string("2020-07"))]))
        XCTAssertEqual(elements(b["skosxl:prefLabel"]).first?["time:hasTime"]?["time:hasEnd"]?["time:inXSDgYearMonth"]?["@value"],
                       .string("2020-07"))
    }

    func testAnOpenDateIsAnInstantWithItsEDTFDateAndNoExactPosition() throws {
        XCTAssertEqual(JSONLDExport.instant(day("2018-09-06..")), .object([
            ("@type", .string("time:Instant")),
            ("dct:date", .object([("@type", .string("http://id.loc.gov/datatypes/edtf/EDTF")), ("@value", .string("[2018-09-06..]"))])),
        ]))
    }

    func testTextsAreTaggedWithTheLanguageAskedFor() throws {
        let roads = try node("unit:roads", in: county(), language: "en-GB")
        XCTAssertEqual(roads["skos:prefLabel"]?["@language"], .string("en-GB"))
        XCTAssertEqual(try node("unit:roads")["skos:prefLabel"]?["@language"], .string("de"), "German unless asked")
        for tag in ["de", "en", "en-GB", "de-CH-1996", "sr-Latn"] { XCTAssertTrue(JSONLDExport.isLanguageTag(tag), tag) }
        for tag in ["", "d", "de_DE", "en-", "-en", "deutsch-schweiz-xxxxxxxxx", "en GB"] { XCTAssertFalse(JSONLDExport.isLanguageTag(tag), tag) }
    }

    // MARK: Helpers

    private func node(_ id: String, in ledger: Ledger? = nil, language: String = "de") throws -> JSONValue {
        let graph = elements(try JSONLDExport(ledger: ledger ?? county(), language: language).json["@graph"])
        return try XCTUnwrap(graph.first { $0["@id"] == .string(id) }, "no node \(id)")
    }

    private func elements(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let elements)? = value { return elements }
        return value.map { [$0] } ?? []
    }

    private func ids(_ value: JSONValue?) -> [String] {
        elements(value).compactMap { if case .string(let id)? = $0["@id"] { id } else { nil } }
    }
}
