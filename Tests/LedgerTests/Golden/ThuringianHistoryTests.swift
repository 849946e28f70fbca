import Ledger
import XCTest

/// Replays `events/ledger.jsonl` and checks the answers `shared/domain.md` expects.
final class ThuringianHistoryTests: XCTestCase {
    private var ledger: Ledger!

    override func setUpWithError() throws {
        ledger = try Ledger.open(path: RepositoryPaths.events)
    }

    func testOZGConsultingSitsWithKV40InTheTLVwAUnderFachaufsichtOfTheTFMOn2020_06_30() throws {
        let answer = try ledger.responsible("ozg-beratung-kommunen", at: day("2020-06-30"))
        XCTAssertEqual(answer.unit?.id, "kv40")
        XCTAssertEqual(answer.unit?.kind, .department)
        XCTAssertEqual(answer.path.map(\.unit.id), ["kv40", "tlvwa", "tmik", "landesregierung"])
        XCTAssertEqual(answer.path.map(\.relation), [.partOf, .subordinateTo, .partOf, nil])
        XCTAssertEqual(answer.supervision.map { "\($0.kind) \($0.supervisor.id) over \($0.over)" }, ["fach tfm over kv40"])
        XCTAssertEqual(answer.record, "2018-tmik-umsetzungskonzept-kv40")
    }

    func testOZGConsultingIsUnchangedOn2020_12_15BecauseTheDecisionIsNotYetEffective() throws {
        let decided = try ledger.responsible("ozg-beratung-kommunen", at: day("2020-12-15"))
        XCTAssertEqual(decided.path.map(\.unit.id), ["kv40", "tlvwa", "tmik", "landesregierung"])
        XCTAssertEqual(decided.supervision.first?.supervisor.id, "tfm")
    }

    func testOZGConsultingMovesToFinanceMinistryOn2021_01_01() throws {
        let answer = try ledger.responsible("ozg-beratung-kommunen", at: day("2021-01-01"))
        XCTAssertEqual(answer.unit?.id, "kv40")
        XCTAssertEqual(answer.unit?.kind, .division)
        XCTAssertEqual(answer.path.map(\.unit.id), ["kv40", "tfm-egov-it", "tfm", "landesregierung"])
        XCTAssertTrue(answer.supervision.isEmpty)
    }

    func testTheEGovernmentDepartmentDidNotExistInJuly2017ButDidInSeptember() throws {
        XCTAssertNil(try ledger.snapshot(at: day("2017-07-01")).unit("tfm-egov-it"))
        let september = try ledger.snapshot(at: day("2017-09-01")).unit("tfm-egov-it")
        XCTAssertEqual(september?.established.description, "2017-08")
    }

    func testProcurementForAllAuthoritiesIsBundledInTheTLVwAAfterThe2017Decision() throws {
        XCTAssertEqual(try ledger.responsible("vergabe-beschaffung", at: day("2017-09-26")).unit?.id, "tlvwa")
        XCTAssertEqual(try ledger.responsible("vergabe-beschaffung", at: day("2021-06-01")).unit?.id, "tlvwa")
        XCTAssertFalse(try ledger.responsible("vergabe-beschaffung", at: day("2017-09-25")).isDefined)
    }

    func testTheHistoryOfKV40TellsTheWholeStoryInOrderWithSources() throws {
        let history = try ledger.history(of: "kv40")
        XCTAssertEqual(history.entries.map(\.record.id), [
            "2017-09-26-kabinett-verwaltung-4-0",
            "2017-tmik-grobkonzept-kv40",
            "2018-04-tmik-beauftragt-kienbaum",
            "2018-06-05-digitalisierungskabinett",
            "2018-09-06-kienbaum-gutachten",
            "2018-tmik-umsetzungskonzept-kv40",
            "2020-12-kabinett-angliederung-kv40",
        ])
        for entry in history.entries { XCTAssertFalse(entry.record.sources.isEmpty, entry.record.id) }
        XCTAssertEqual(history.entries.last?.record.effective?.description, "2021-01-01")
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

    func testAbteilungIVIsReplacedByTheKompetenzzentrum() throws {
        let diff = try ledger.diff(from: day("2017-09-25"), to: day("2017-09-26"))
        XCTAssertEqual(diff.established.map(\.id), ["kv40"])
        XCTAssertEqual(diff.dissolved.map(\.id), ["tlvwa-abt-iv"])
        XCTAssertEqual(try ledger.snapshot(at: day("2017-09-26")).unit("tlvwa-abt-iv")?.successor, "kv40")
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
        XCTAssertEqual(timeline.periods.map(\.from), [day("2018-09-06"), day("2021-01-01")])
        XCTAssertEqual(timeline.periods.map(\.to), [day("2020-12-31"), nil])
        XCTAssertEqual(timeline.periods.map { $0.path.map(\.unit.id) },
                       [["kv40", "tlvwa", "tmik", "landesregierung"], ["kv40", "tfm-egov-it", "tfm", "landesregierung"]])
        XCTAssertEqual(timeline.periods.map(\.record), ["2018-tmik-umsetzungskonzept-kv40", "2020-12-kabinett-angliederung-kv40"])
    }
}
