import Foundation
@testable import Ledger
import XCTest

/// People as the sources name them: a name given once and shown everywhere, offices on a date,
/// a person's history; from the records and from the index alike.
final class PersonTests: LedgerDirectoryTestCase {
    /// A ministry whose Staatssekretär is named "Jürgen Müller" in one source, then the record is
    /// corrected to the spelling of a later source, and an office-holder no source names.
    private func ministry() -> LedgerBuilder {
        var b = LedgerBuilder()
        b.record("base", "2017", type: "baseline", [Op.establish("land", "Landesregierung", .government),
                                                  Op.establish("tfm", "Finanzministerium", .ministry, in: "land"),
                                                  Op.establish("tfm-egov", "Abteilung E-Government", in: "tfm")])
        b.record("ernennung", "2017-09-26", [.appoint(Appointment(person: "juergen-mueller", role: "Finanzstaatssekretär", unit: "tfm"),
                                                      name: "Jürgen Mueller"),
                                             .appoint(Appointment(person: "juergen-mueller", role: "CIO", unit: "land"))])
        b.record("leitung", "2018", [Op.appoint("anna-schmidt", "Abteilungsleiterin", in: "tfm-egov")])
        b.record("berichtigung", "2017-09-26", corrects: "ernennung",
                 [.appoint(Appointment(person: "juergen-mueller", role: "Finanzstaatssekretär", unit: "tfm"), name: "Jürgen Müller"),
                  .appoint(Appointment(person: "juergen-mueller", role: "CIO", unit: "land"))])
        return b
    }

    func testAPersonIsShownByTheNameTheLatestRecordGives() throws {
        let ledger = try ministry().ledger()
        XCTAssertEqual(ledger.person("juergen-mueller")?.name, "Jürgen Müller")
        XCTAssertEqual(ledger.person("juergen-mueller")?.namedBy, "berichtigung")
        XCTAssertNil(ledger.person("anna-schmidt")?.name, "no source names her")
        XCTAssertEqual(ledger.persons().map(\.id), ["anna-schmidt", "juergen-mueller"])
        // As known before the correction, the first spelling.
        let before = ledger.records[2].recorded
        XCTAssertEqual(ledger.person("juergen-mueller", knownAt: before)?.name, "Jürgen Mueller")
    }

    func testOfficesOnADateNarrowedByUnitRoleAndPerson() throws {
        let ledger = try ministry().ledger()
        let all = try ledger.offices(at: day("2019"))
        XCTAssertEqual(all.map { "\($0.person.displayName) \($0.role) \($0.unit.id) \($0.since)" },
                       ["Jürgen Müller CIO land 2017-09-26", "Jürgen Müller Finanzstaatssekretär tfm 2017-09-26",
                        "anna-schmidt Abteilungsleiterin tfm-egov 2018"])
        XCTAssertEqual(try ledger.offices(at: day("2019"), filter: OfficeFilter(unit: "tfm")).map(\.role),
                       ["Finanzstaatssekretär", "Abteilungsleiterin"])
        XCTAssertEqual(try ledger.offices(at: day("2019"), filter: OfficeFilter(role: "staatssekretar")).map(\.person.id), ["juergen-mueller"])
        for spelling in ["müller", "mueller", "MULLER", "juergen-mueller"] {
            XCTAssertEqual(try ledger.offices(at: day("2019"), filter: OfficeFilter(person: spelling)).count, 2, spelling)
        }
        XCTAssertEqual(try ledger.offices(at: day("2017-06")).count, 0)
        XCTAssertThrowsError(try ledger.offices(at: day("2019"), filter: OfficeFilter(unit: "tmik")))
    }

    func testTheHistoryOfAPersonListsTheRecordsNamingThem() throws {
        let history = try ministry().ledger().history(of: "juergen-mueller")
        XCTAssertEqual(history.entries.map(\.record.id), ["ernennung", "berichtigung"])
        XCTAssertEqual(history.entries.first?.withdrawal, .corrected)
        XCTAssertThrowsError(try ministry().ledger().history(of: "niemand"))
    }

    func testTheIndexKnowsThePersonsAsTheRecordsDo() throws {
        let path = try write(ministry())
        let ledger = try Ledger.open(path: path)
        XCTAssertTrue(IndexFile.build(ledgerPath: path))
        let compact = try Data(contentsOf: URL(fileURLWithPath: IndexFile.path(forLedger: path)))
        XCTAssertTrue(IndexFile.write(for: ledger, ledgerPath: path))
        XCTAssertEqual(compact, try Data(contentsOf: URL(fileURLWithPath: IndexFile.path(forLedger: path))), "compact and full builds agree")
        let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
        XCTAssertEqual(try index.persons(), ledger.persons())
        XCTAssertEqual(try index.offices(at: day("2019")), try ledger.offices(at: day("2019")))
        XCTAssertNil(index.loadedLedger, "answered from the index")
    }

    func testEndingAnOfficeOfAMisspeltPersonNamesWhoHoldsOfficeThere() throws {
        var b = ministry()
        b.record("ende", "2020", [.endAppointment(Appointment(person: "juergen-muller", role: "CIO", unit: "land"))])
        XCTAssertThrowsError(try b.ledger()) { error in
            XCTAssertTrue("\(error)".contains("'juergen-muller' does not hold 'CIO' in 'land' on 2020; offices in 'land' then: 'juergen-mueller' as 'CIO'"),
                          "\(error)")
        }
    }

    func testTextFoldingMakesGermanSpellingsOne() {
        XCTAssertEqual(TextFolding.fold("Thüringer Straße"), TextFolding.fold("thueringer strasse"))
        XCTAssertEqual(TextFolding.fold("Thüringer"), TextFolding.fold("THURINGER"))
        XCTAssertEqual(TextFolding.fold("Kompetenzzentrum Verwaltung 4.0"), "kompetenzzentrum verwaltung 4 0")
        XCTAssertEqual(TextFolding.fold("  – OZG-Beratung "), "ozg beratung")
    }
}
