// The test the README shows under "Testing your own history", word for word: kept here so that it
// keeps compiling and passing as the kit changes.

import Ledger
import LedgerTesting
import XCTest

final class KompetenzzentrumTests: XCTestCase {
    /// Thuringia at the start of 2019, as far as these tests need it.
    let thuringia2019 = Baseline("2019-stand", on: "2019-01-01") {
        Establish("landesregierung", "Thüringer Landesregierung", kind: .government)
        Establish("tmik", "Ministerium für Inneres und Kommunales", kind: .ministry, in: "landesregierung", abbreviation: "TMIK")
        Establish("tfm", "Finanzministerium", kind: .ministry, in: "landesregierung", abbreviation: "TFM")
        Establish("tfm-egov-it", "Abteilung E-Government und IT", in: "tfm")
        Establish("tlvwa", "Landesverwaltungsamt", kind: .authority, in: "tmik", relation: .subordinateTo)
        Establish("kv40", "Kompetenzzentrum Verwaltung 4.0", in: "tlvwa")
        DefineTask("ozg-beratung", "Beratung der Kommunen zum Onlinezugangsgesetz")
        Assign("ozg-beratung", to: "kv40")
        Supervise("tfm", over: "kv40", kind: .fach)
    }

    func testTheKompetenzzentrumMovesToTheFinanceMinistryIn2021() throws {
        try given(thuringia2019)
            .when(appending: Decision("2020-12-kabinett", on: "2020-12-15", effective: "2021-01-01") {
                EndSupervision("tfm", over: "kv40", kind: .fach)
                Move("kv40", to: "tfm-egov-it", relation: .partOf, kind: .division)
            })
            .then(.path(of: "ozg-beratung", at: "2020-12-31", is: ["kv40", "tlvwa", "tmik", "landesregierung"]),
                  .path(of: "ozg-beratung", at: "2021-01-01", is: ["kv40", "tfm-egov-it", "tfm", "landesregierung"]))
    }

    func testATaskSomeoneHoldsIsTransferredNotAssignedAgain() throws {
        try given(thuringia2019)
            .when(appending: Decision("2021-02-erlass", on: "2021-02-01") { Assign("ozg-beratung", to: "tfm") })
            .thenRefused(rule: "task 'ozg-beratung' is already held by 'kv40'; use transferTask")
    }

    func testTheWholeAnswerOn2020_06_30() throws {
        let tfm = UnitSummary(id: "tfm", name: "Finanzministerium", abbreviation: "TFM", kind: .ministry)
        let kv40 = UnitSummary(id: "kv40", name: "Kompetenzzentrum Verwaltung 4.0", kind: .department)
        try given(thuringia2019).then(.responsible("ozg-beratung", at: "2020-06-30", equals: Responsibility(
            task: "ozg-beratung", title: "Beratung der Kommunen zum Onlinezugangsgesetz", at: "2020-06-30",
            unit: kv40,
            path: [PathStep(unit: kv40, relation: .partOf),
                   PathStep(unit: UnitSummary(id: "tlvwa", name: "Landesverwaltungsamt", kind: .authority), relation: .subordinateTo),
                   PathStep(unit: UnitSummary(id: "tmik", name: "Ministerium für Inneres und Kommunales", abbreviation: "TMIK", kind: .ministry),
                            relation: .partOf),
                   PathStep(unit: UnitSummary(id: "landesregierung", name: "Thüringer Landesregierung", kind: .government), relation: nil)],
            supervision: [SupervisionInForce(kind: .fach, supervisor: tfm, over: "kv40", record: "2019-stand")],
            offices: [], since: "2019-01-01", record: "2019-stand", isDefined: true)))
    }

    func testAskingAnythingElseWithXCTest() throws {
        try given(thuringia2019).then { ledger in
            let chart = try ledger.orgChart(at: "2020-06-30", root: "tmik")
            XCTAssertEqual(chart.roots.first?.children.map(\.unit.id), ["tlvwa"])
        }
    }
}
