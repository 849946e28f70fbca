import Ledger
import LedgerTesting
import XCTest

/// Golden questions about the Thuringian history (`events/ledger.jsonl`), and stories appended to
/// it, told with the test kit: the answer stated whole, a correction that changes what is known
/// after it, a retraction refused.
final class ThuringianScenarioTests: XCTestCase {
    private var thuringia: Scenario!

    override func setUpWithError() throws {
        thuringia = try given(ledgerAt: RepositoryPaths.events)
    }

    /// `ThuringianHistoryTests.testOZGConsultingMovesToFinanceMinistryOn2021_01_01`, every field
    /// of the answer stated.
    func testOZGConsultingLiesWithTheKompetenzzentrumInTheFinanceMinistryOn2021_01_01() throws {
        let kv40 = UnitSummary(id: "kv40", name: "Kompetenzzentrum Verwaltung 4.0", kind: .division)
        try thuringia.then(.responsible("ozg-beratung-kommunen", at: "2021-01-01", equals: Responsibility(
            task: "ozg-beratung-kommunen", title: "Beratung der Kommunen zur Umsetzung des Onlinezugangsgesetzes, insbesondere mit ThAVEL",
            at: "2021-01-01", unit: kv40,
            path: [PathStep(unit: kv40, relation: .partOf),
                   PathStep(unit: UnitSummary(id: "tfm-egov-it", name: "Abteilung E-Government und IT", kind: .department), relation: .partOf),
                   PathStep(unit: UnitSummary(id: "tfm", name: "Thüringer Finanzministerium", abbreviation: "TFM", kind: .ministry), relation: .partOf),
                   PathStep(unit: UnitSummary(id: "landesregierung", name: "Thüringer Landesregierung", kind: .government), relation: nil)],
            supervision: [],
            offices: [OfficeHolder(person: "heike-taubert", name: "Heike Taubert", role: "Finanzministerin", unit: "tfm",
                                   record: "2018-06-05-amtsinhaber-tfm-tmik-namen"),
                      OfficeHolder(person: "hartmut-schubert", name: "Hartmut Schubert", role: "Finanzstaatssekretär", unit: "tfm",
                                   record: "2017-09-26-schubert-finanzstaatssekretaer-cio"),
                      OfficeHolder(person: "hartmut-schubert", name: "Hartmut Schubert", role: "CIO des Freistaats", unit: "landesregierung",
                                   record: "2017-09-26-schubert-finanzstaatssekretaer-cio")],
            since: "2019-01", record: "2018-tmik-umsetzungskonzept-kv40-berichtigt", isDefined: true)),
            .path(of: "ozg-beratung-kommunen", at: "2020-06-30", is: ["kv40", "tlvwa", "tmik", "landesregierung"]),
            .path(of: "ozg-beratung-kommunen", at: "2020-06-30", is: ["kv40", "tlvwa", "tmik", "landesregierung"], knownAt: "2026-11-30"))
    }

    /// `CorrectionTests.testACorrectedEffectiveDateChangesAnswersKnownAfterItOnly`, told as a
    /// story: a team recorded with the wrong effective date, then corrected.
    func testACorrectedEffectiveDateChangesAnswersKnownAfterItOnly() throws {
        let team = Establish("kv40-basisdienste", "Team Basisdienste", kind: .team, in: "kv40")
        try thuringia
            .when(appending: Decision("2021-03-kv40-team-basisdienste", on: "2021-03", effective: "2021-06-01",
                                      title: "Team Basisdienste im Kompetenzzentrum") {
                team
                Transfer("basisdienste", from: "kv40", to: "kv40-basisdienste")
            }, recordedAt: "2026-12-10T09:00:00Z")
            .then(.responsible("basisdienste", at: "2021-05-01", is: "kv40"))
            .when(appending: Correction("2021-04-korrektur-team-basisdienste", of: "2021-03-kv40-team-basisdienste",
                                        on: "2021-03", effective: "2021-04-01", title: "Team Basisdienste: wirksam ab 1. April, nicht 1. Juni") {
                team
                Transfer("basisdienste", from: "kv40", to: "kv40-basisdienste")
            }, recordedAt: "2026-12-20T09:00:00Z")
            .then(.responsible("basisdienste", at: "2021-05-01", is: "kv40-basisdienste"),
                  .responsible("basisdienste", at: "2021-05-01", is: "kv40", knownAt: "2026-12-15T00:00:00Z"),
                  // Before the first record was entered, the ledger knew nothing of the team at all.
                  .unit("kv40-basisdienste", isLive: false, at: "2021-07-01", knownAt: "2026-12-01T00:00:00Z"))
    }

    /// Moved from `CorrectionTests`: without the Umsetzungskonzept the task 'egov-foerderrichtlinie'
    /// never exists, so the 2020 budget record that is about it would no longer hold.
    func testARetractionThatWouldBreakALaterRecordIsRefusedNamingBoth() throws {
        let refusal = try thuringia
            .when(appending: Retraction("r-widerruf", of: "2018-tmik-umsetzungskonzept-kv40", on: "2021", title: "Widerruf"))
            .thenRefused(rule: "appending 'r-widerruf' would break this record (seq 12)", record: "2020-egov-haushalt-foerderung")
        XCTAssertEqual("\(refusal)", "record '2020-egov-haushalt-foerderung': appending 'r-widerruf' would break this record (seq 12): field 'about[1]': 'egov-foerderrichtlinie' is neither a unit nor a task of the ledger")
    }
}
