import Ledger
import XCTest

/// Replays `events/ledger.jsonl` and checks the answers `shared/domain.md` expects, as the ledger
/// gives them now and, for the corrections of December 2026, as it gave them before.
final class ThuringianHistoryTests: XCTestCase {
    private var ledger: Ledger!

    /// After the first entries (2026-11-23), before the corrections (2026-12-02): the end of
    /// 2026-11-30, UTC.
    static let beforeCorrections = try! TransactionTime(parsingQuery: "2026-11-30")

    override func setUpWithError() throws {
        ledger = try Ledger.open(path: RepositoryPaths.events)
    }

    func testOZGConsultingSitsWithKV40InTheTLVwAUnderFachaufsichtOfTheTFMOn2020_06_30() throws {
        for knownAt in [TransactionTime.distantFuture, Self.beforeCorrections] {
            let answer = try ledger.responsible("ozg-beratung-kommunen", at: day("2020-06-30"), knownAt: knownAt)
            XCTAssertEqual(answer.unit?.id, "kv40")
            XCTAssertEqual(answer.unit?.kind, .department)
            XCTAssertEqual(answer.path.map(\.unit.id), ["kv40", "tlvwa", "tmik", "landesregierung"])
            XCTAssertEqual(answer.path.map(\.relation), [.partOf, .subordinateTo, .partOf, nil])
            XCTAssertEqual(answer.supervision.map { "\($0.kind) \($0.supervisor.id) over \($0.over)" }, ["fach tfm over kv40"])
        }
        // Now: held since the Kompetenzzentrum began work, by the corrected Umsetzungskonzept.
        let now = try ledger.responsible("ozg-beratung-kommunen", at: day("2020-06-30"))
        XCTAssertEqual(now.record, "2018-tmik-umsetzungskonzept-kv40-berichtigt")
        XCTAssertEqual(now.since?.description, "2019-01")
        XCTAssertEqual(now.supervision.first?.record, "2019-01-kv40-arbeitsbeginn")
        XCTAssertTrue(now.uncertain.isEmpty)
        // Before the corrections: since the invented day of the concept, by the decision of 2017.
        let before = try ledger.responsible("ozg-beratung-kommunen", at: day("2020-06-30"), knownAt: Self.beforeCorrections)
        XCTAssertEqual(before.record, "2018-tmik-umsetzungskonzept-kv40")
        XCTAssertEqual(before.since?.description, "2018-09-06")
        XCTAssertEqual(before.supervision.first?.record, "2017-09-26-kabinett-verwaltung-4-0")
    }

    func testOZGConsultingIsUnchangedOn2020_12_15BecauseTheDecisionIsNotYetEffective() throws {
        let decided = try ledger.responsible("ozg-beratung-kommunen", at: day("2020-12-15"))
        XCTAssertEqual(decided.path.map(\.unit.id), ["kv40", "tlvwa", "tmik", "landesregierung"])
        XCTAssertEqual(decided.supervision.first?.supervisor.id, "tfm")
    }

    func testOZGConsultingMovesToFinanceMinistryOn2021_01_01() throws {
        for knownAt in [TransactionTime.distantFuture, Self.beforeCorrections] {
            let answer = try ledger.responsible("ozg-beratung-kommunen", at: day("2021-01-01"), knownAt: knownAt)
            XCTAssertEqual(answer.unit?.id, "kv40")
            XCTAssertEqual(answer.unit?.kind, .division)
            XCTAssertEqual(answer.path.map(\.unit.id), ["kv40", "tfm-egov-it", "tfm", "landesregierung"])
            XCTAssertTrue(answer.supervision.isEmpty)
        }
    }

    /// The decision of 2017-09-26 decided the department; the sources have it working from
    /// January 2019, and Abteilung IV in its place until then.
    func testTheKompetenzzentrumExistsFromJanuary2019AndAbteilungIVUntilThen() throws {
        let june2018 = try ledger.snapshot(at: day("2018-06-05"))
        XCTAssertNil(june2018.unit("kv40"))
        XCTAssertEqual(june2018.unit("tlvwa-abt-iv")?.isDissolved, false)
        XCTAssertEqual(june2018.unit("tlvwa-abt-iv")?.parent, "tlvwa")
        XCTAssertFalse(try ledger.responsible("ozg-beratung-kommunen", at: day("2018-12-31")).isDefined)
        let diff = try ledger.diff(from: day("2018-12-31"), to: day("2019-01-01"))
        // (KIV, re-founded in 2019, and the teams, from 2019-01 or later, count from the same day.)
        XCTAssertEqual(diff.established.map(\.id), ["kiv", "kv40", "kv40-consulting", "kv40-foerdermittel"])
        XCTAssertEqual(diff.dissolved.map(\.id), ["tlvwa-abt-iv"])
        XCTAssertEqual(diff.supervisionStarted.map { "\($0.supervisor) over \($0.unit)" }, ["tfm over kv40"])
        XCTAssertEqual(try ledger.snapshot(at: day("2019-01-01")).unit("tlvwa-abt-iv")?.successor, "kv40")
        XCTAssertEqual(try ledger.snapshot(at: day("2019-01-01")).unit("kv40")?.established.description, "2019-01")
    }

    func testBeforeTheCorrectionsTheKompetenzzentrumExistedFromTheDecisionOf2017() throws {
        let diff = try ledger.diff(from: day("2017-09-25"), to: day("2017-09-26"), knownAt: Self.beforeCorrections)
        XCTAssertEqual(diff.established.map(\.id), ["kv40"])
        XCTAssertEqual(diff.dissolved.map(\.id), ["tlvwa-abt-iv"])
        XCTAssertEqual(try ledger.snapshot(at: day("2018-06-05"), knownAt: Self.beforeCorrections).unit("tlvwa-abt-iv")?.isDissolved, true)
        XCTAssertTrue(try ledger.diff(from: day("2017-09-25"), to: day("2017-09-26")).established.isEmpty)
    }

    func testTheConceptsAreDatedNoMorePreciselyThanTheSources() throws {
        let grobkonzept = try XCTUnwrap(ledger.record("2017-tmik-grobkonzept-kv40-berichtigt"))
        XCTAssertEqual(grobkonzept.date.description, "2017-09-26..2018-04")
        XCTAssertEqual(grobkonzept.date.wording, "between 2017-09-26 and 2018-04")
        let umsetzung = try XCTUnwrap(ledger.record("2018-tmik-umsetzungskonzept-kv40-berichtigt"))
        XCTAssertEqual(umsetzung.date.wording, "2018-09-06 or later")
        XCTAssertGreaterThan(umsetzung.date, try XCTUnwrap(ledger.record("2018-09-06-kienbaum-gutachten")).date)
        XCTAssertEqual(ledger.history.withdrawn["2017-tmik-grobkonzept-kv40"], "2017-tmik-grobkonzept-kv40-berichtigt")
        // The Kompetenzteams: set up in 2019 or 2020, date unknown; an answer in between says so.
        let chart = try ledger.orgChart(at: day("2019-06-01"), root: "kv40")
        XCTAssertEqual(chart.roots.first?.children.map(\.unit.id), ["kv40-consulting", "kv40-foerdermittel"])
        XCTAssertEqual(chart.uncertain.map(\.record), ["2019-kv40-kompetenzteams"])
        XCTAssertTrue(try ledger.orgChart(at: day("2021-06-01")).uncertain.isEmpty)
    }

    func testHartmutSchubertIsFinanzstaatssekretaerFromTheEarliestSourceNamingHim() throws {
        let offices = try ledger.offices(at: day("2017-09-26"), filter: OfficeFilter(person: "hartmut-schubert"))
        XCTAssertEqual(offices.map { "\($0.person.displayName): \($0.role) in \($0.unit.id) since \($0.since)" },
                       ["Hartmut Schubert: CIO des Freistaats in landesregierung since 2017-09-26",
                        "Hartmut Schubert: Finanzstaatssekretär in tfm since 2017-09-26"])
        let before = try ledger.offices(at: day("2018-01-01"), filter: OfficeFilter(person: "hartmut-schubert"), knownAt: Self.beforeCorrections)
        XCTAssertEqual(before.map(\.role), ["CIO des Freistaats"])
        XCTAssertNil(before.first?.person.name, "before the corrections the ledger had no names")
        XCTAssertEqual(try ledger.offices(at: day("2018-06-05"), filter: OfficeFilter(unit: "tmik")).map(\.person.displayName), ["Georg Maier"])
        XCTAssertEqual(ledger.persons().map(\.displayName), ["Georg Maier", "Hartmut Schubert", "Heike Taubert"])
    }

    func testProcurementForAllAuthoritiesIsBundledInTheTLVwAAfterThe2017Decision() throws {
        for knownAt in [TransactionTime.distantFuture, Self.beforeCorrections] {
            XCTAssertEqual(try ledger.responsible("vergabe-beschaffung", at: day("2017-09-26"), knownAt: knownAt).unit?.id, "tlvwa")
            XCTAssertEqual(try ledger.responsible("vergabe-beschaffung", at: day("2021-06-01"), knownAt: knownAt).unit?.id, "tlvwa")
            XCTAssertFalse(try ledger.responsible("vergabe-beschaffung", at: day("2017-09-25"), knownAt: knownAt).isDefined)
        }
    }

    func testTheHistoryOfKV40TellsTheWholeStoryInOrderWithSources() throws {
        let history = try ledger.history(of: "kv40")
        let counting = history.entries.filter { $0.withdrawnBy == nil }
        XCTAssertEqual(counting.map(\.record.id), [
            "2017-09-26-kabinett-verwaltung-4-0-berichtigt",
            "2017-tmik-grobkonzept-kv40-berichtigt",
            "2018-04-tmik-beauftragt-kienbaum",
            "2018-06-05-digitalisierungskabinett",
            "2018-09-06-kienbaum-gutachten",
            "2018-tmik-umsetzungskonzept-kv40-berichtigt",
            "2019-01-kv40-arbeitsbeginn",
            "2019-kv40-kompetenzteams",
            "2020-kv40-bericht-erstes-jahr",
            "2020-12-kabinett-angliederung-kv40",
        ])
        XCTAssertEqual(history.entries.filter { $0.withdrawal == .corrected }.map(\.record.id),
                       ["2017-09-26-kabinett-verwaltung-4-0", "2017-tmik-grobkonzept-kv40", "2018-tmik-umsetzungskonzept-kv40"])
        for entry in history.entries { XCTAssertFalse(entry.record.sources.isEmpty, entry.record.id) }
        XCTAssertEqual(history.entries.last?.record.effective?.description, "2021-01-01")
        // As known before the corrections: the story as it was first told.
        XCTAssertEqual(try ledger.history(of: "kv40", knownAt: Self.beforeCorrections).entries.map(\.record.id), [
            "2017-09-26-kabinett-verwaltung-4-0",
            "2017-tmik-grobkonzept-kv40",
            "2018-04-tmik-beauftragt-kienbaum",
            "2018-06-05-digitalisierungskabinett",
            "2018-09-06-kienbaum-gutachten",
            "2018-tmik-umsetzungskonzept-kv40",
            "2020-12-kabinett-angliederung-kv40",
        ])
    }

    func testEveryRecordCitesItsSourcesAndSeedFilesExist() throws {
        let seeds = RepositoryPaths.root.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        for record in ledger.records {
            XCTAssertFalse(record.sources.isEmpty, record.id)
            for source in record.sources {
                if let seed = source.seed, FileManager.default.fileExists(atPath: seeds.path) {
                    XCTAssertTrue(FileManager.default.fileExists(atPath: seeds.appendingPathComponent(seed).path), seed)
                }
            }
        }
    }

    func testTheSourcesPrecisionIsKept() throws {
        XCTAssertEqual(ledger.record("2017-08-tfm-abteilung-egov-it")?.date.description, "2017-08")
        XCTAssertEqual(ledger.record("2018-04-tmik-beauftragt-kienbaum")?.date.precision, .month)
        XCTAssertEqual(ledger.record("2019-kiv-umgegruendet")?.date.description, "2019")
        XCTAssertEqual(ledger.record("2020-12-kabinett-angliederung-kv40")?.date.description, "2020-12")
        XCTAssertEqual(ledger.record("2019-01-kv40-arbeitsbeginn")?.date.description, "2019-01")
        XCTAssertEqual(ledger.record("2020-kv40-bericht-erstes-jahr")?.date.description, "2020")
    }

    func testTheLedgerUsesTheIdentifiersOfTheFactSheet() throws {
        let units = Set(try ledger.snapshot(at: day("2021-01-01")).unitIDs)
        for id in ["landesregierung", "tsk", "tfm", "tfm-egov-it", "tmik", "tlvwa", "tlvwa-abt-iv", "kv40", "kv40-consulting",
                   "kv40-foerdermittel", "tlrz", "kiv", "kienbaum"] {
            XCTAssertTrue(units.contains(id), id)
        }
        let tasks = Set(try ledger.snapshot(at: day("2021-01-01")).taskIDs)
        for id in ["ozg-beratung-kommunen", "egov-foerderrichtlinie", "fim-redaktion", "vergabe-beschaffung", "modernisierung-kommunen",
                   "reform-koordination", "egov-it-steuerung", "ozg-umsetzung", "basisdienste", "kommunale-it"] {
            XCTAssertTrue(tasks.contains(id), id)
        }
    }

    func testTheDiffAcrossNewYear2021ShowsTheMoveAndTheEndOfSupervision() throws {
        let diff = try ledger.diff(from: day("2020-12-31"), to: day("2021-01-01"))
        XCTAssertEqual(diff.moved.map { "\($0.unit): \($0.parentBefore ?? "-") → \($0.parentAfter ?? "-")" }, ["kv40: tlvwa → tfm-egov-it"])
        XCTAssertEqual(diff.supervisionEnded.map(\.supervisor), ["tfm"])
        XCTAssertEqual(diff.tasksMoved.map(\.task), ["basisdienste", "ozg-umsetzung"])
        // Each change names the decision behind it and when it took effect.
        let decision = OrgDiff.Cause(record: "2020-12-kabinett-angliederung-kv40", date: day("2021-01-01"))
        XCTAssertEqual(diff.causes[.moved("kv40")], decision)
        XCTAssertEqual(diff.causes[.supervisionEnded(try XCTUnwrap(diff.supervisionEnded.first))], decision)
        XCTAssertEqual(diff.causes[.taskMoved("ozg-umsetzung")], decision)
    }

    func testTheTimelineOfTheOZGConsultingShowsTheMoveToTheFinanceMinistry() throws {
        let timeline = try ledger.timeline(of: "ozg-beratung-kommunen")
        XCTAssertEqual(timeline.periods.map(\.from), [day("2019-01"), day("2021-01-01")])
        XCTAssertEqual(timeline.periods.map(\.to), [day("2020-12-31"), nil])
        XCTAssertEqual(timeline.periods.map { $0.path.map(\.unit.id) },
                       [["kv40", "tlvwa", "tmik", "landesregierung"], ["kv40", "tfm-egov-it", "tfm", "landesregierung"]])
        // The period begins with the record that gave kv40 the task, not with the teams set up under it that month.
        XCTAssertEqual(timeline.periods.map(\.record), ["2018-tmik-umsetzungskonzept-kv40-berichtigt", "2020-12-kabinett-angliederung-kv40"])
        // As known before the corrections of 2026-12-02: from the day of the Umsetzungskonzept.
        let before = try ledger.timeline(of: "ozg-beratung-kommunen", knownAt: Self.beforeCorrections)
        XCTAssertEqual(before.periods.map(\.from), [day("2018-09-06"), day("2021-01-01")])
        XCTAssertEqual(before.periods.map(\.record), ["2018-tmik-umsetzungskonzept-kv40", "2020-12-kabinett-angliederung-kv40"])
    }
}
