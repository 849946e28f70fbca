import Foundation
import XCTest

/// Exit codes, errors and help, as DESIGN.md promises them to scripts.
final class CommandLineBehaviourTests: XCTestCase {
    func testAnUnknownTaskExitsWith1AndNamesIt() throws {
        let result = try LedgerProcess.run(["responsible", "no-such-task"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "Error: unknown task 'no-such-task'; 'ledger tasks' lists the tasks ('ledger search no' searches names and titles)\n")
    }

    func testAnImpossibleDateIsAUsageError() throws {
        let result = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2021-02-30"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.hasPrefix("Error: The value '2021-02-30' is invalid for '--at <date>': 2021-02 has no day 30\n"))
    }

    func testAnUnknownOptionSuggestsTheClosestOne() throws {
        let result = try LedgerProcess.run(["responsible", "kv40", "--fromat", "json"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.hasPrefix("Error: Unknown option '--fromat'. Did you mean '--format'?"), result.stderr)
    }

    func testEveryCommandHasHelp() throws {
        for command in ["init", "responsible", "orgchart", "responsibilities", "units", "tasks", "history", "diff", "show", "append", "verify", "repair"] {
            let result = try LedgerProcess.run([command, "--help"])
            XCTAssertEqual(result.status, 0, command)
            XCTAssertTrue(result.stdout.hasPrefix("OVERVIEW: "), command)
            XCTAssertTrue(result.stdout.contains("USAGE: ledger \(command)"), command)
        }
        let viaHelp = try LedgerProcess.run(["help", "diff"])
        XCTAssertTrue(viaHelp.stdout.contains("--from <date>"))
    }

    func testVersion() throws {
        let result = try LedgerProcess.run(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "0.1.0\n")
    }

    func testTheLedgerPathComesFromTheOptionThenTheEnvironment() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let events = LedgerProcess.repository.appendingPathComponent("events/ledger.jsonl").path
        let viaEnvironment = try LedgerProcess.run(["units", "--at", "2021"], environment: ["LEDGER": events], in: directory)
        XCTAssertTrue(viaEnvironment.stdout.contains("kv40"))
        let viaOption = try LedgerProcess.run(["units", "--at", "2021", "--ledger", events], in: directory)
        XCTAssertEqual(viaOption.stdout, viaEnvironment.stdout)
        // Neither given, and nothing at the default path: an error naming it, not "No units".
        let missing = try LedgerProcess.run(["units"], in: directory)
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stdout, "")
        XCTAssertTrue(missing.stderr.contains("there is no ledger at 'events/ledger.jsonl'"), missing.stderr)
    }

    func testShowPrintsARecordWithItsSources() throws {
        let result = try LedgerProcess.run(["show", "2020-12-kabinett-angliederung-kv40"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("move kv40 under tfm-egov-it, keeping its relation, as division"))
        XCTAssertTrue(result.stdout.contains("https://www.kommune21.de/k21-meldungen/kompetenzzentrum-verwaltung-4-0-angegliedert"))
        let missing = try LedgerProcess.run(["show", "nope"])
        XCTAssertEqual(missing.status, 1)
    }

    func testResponsibilitiesAsCSVKeepUmlauts() throws {
        let result = try LedgerProcess.run(["responsibilities", "--at", "2021-01-01", "--format", "csv"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.hasPrefix("task,title,unit,unit_name,unit_kind,since,record,at\r\n"))
        XCTAssertTrue(result.stdout.contains("Vollzug der E-Government-Förderrichtlinie des TFM"))
    }

    func testOrgchartAndDiffAnswer() throws {
        let chart = try LedgerProcess.run(["orgchart", "--at", "2021-01-01", "--root", "tfm"])
        XCTAssertEqual(chart.status, 0)
        XCTAssertTrue(chart.stdout.contains("kv40  Kompetenzzentrum Verwaltung 4.0 (division)"))
        let diff = try LedgerProcess.run(["diff", "--from", "2020-12-31", "--to", "2021-01-01"])
        XCTAssertTrue(diff.stdout.contains("~ moved kv40: tlvwa → tfm-egov-it"), diff.stdout)
        let missing = try LedgerProcess.run(["diff", "--from", "2020"])
        XCTAssertEqual(missing.status, 64)
    }
}
