import Foundation
import XCTest

/// The README's "Your own ledger, step by step", performed as written (issue 17, "Done means"):
/// every `ledger …` line of its shell blocks is run in a new, empty directory, in order, and every
/// file it writes with `cat > FILE <<'EOF'` is written as it stands there. So the walk-through
/// cannot drift from what the tool does: change one, and this test says where.
final class WalkThroughTests: XCTestCase {
    /// One step of the walk-through: a command (its stdout saved to `output` when it has
    /// `> FILE`), or a file written.
    enum Step {
        case run(command: String, arguments: [String], output: String?)
        case write(file: String, text: String)
    }

    /// The README's section, and the steps of its shell blocks.
    static func walkThrough() throws -> (section: String, steps: [Step]) {
        let readme = try String(contentsOf: LedgerProcess.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try XCTUnwrap(readme.range(of: "\n## Your own ledger, step by step\n"), "the README has no walk-through")
        let rest = readme[start.upperBound...]
        let section = String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
        var steps: [Step] = []
        var inShell = false
        var heredoc: (file: String, lines: [String])?
        for line in section.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if var open = heredoc {
                if line == "EOF" {
                    steps.append(.write(file: open.file, text: open.lines.joined(separator: "\n") + "\n"))
                    heredoc = nil
                } else {
                    open.lines.append(line)
                    heredoc = open
                }
                continue
            }
            if line.hasPrefix("```") {
                inShell = !inShell && line == "```sh"
                continue
            }
            guard inShell else { continue }
            if line.hasPrefix("cat > "), line.hasSuffix(" <<'EOF'") {
                heredoc = (String(line.dropFirst(6).dropLast(8)), [])
            } else if line.hasPrefix("ledger ") {
                let command = line.components(separatedBy: "  #")[0].trimmingCharacters(in: .whitespaces)
                let parts = command.components(separatedBy: " > ")
                let words = parts[0].split(separator: " ").map(String.init)
                steps.append(.run(command: command, arguments: Array(words.dropFirst()), output: parts.count > 1 ? parts[1] : nil))
            } else {
                XCTAssertTrue(line.isEmpty || line.hasPrefix("mkdir ") || line.hasPrefix("#"), "a step the test does not know: \(line)")
            }
        }
        return (section, steps)
    }

    func testANewUserGoesFromAnEmptyDirectoryToACorrectedLedgerOfTheirOwn() throws {
        let (_, steps) = try Self.walkThrough()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("my-land-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var results: [(command: String, result: LedgerProcess.Result)] = []
        for step in steps {
            switch step {
            case let .write(file, text):
                try Data(text.utf8).write(to: directory.appendingPathComponent(file))
            case let .run(command, arguments, output):
                let result = try LedgerProcess.run(arguments, in: directory)
                XCTAssertEqual(result.status, 0, "\(command): \(result.stderr)")
                if let output { try Data(result.stdout.utf8).write(to: directory.appendingPathComponent(output)) }
                results.append((command, result))
            }
        }
        /// The output of the `occurrence`th run of `command` (from 1).
        func output(_ command: String, occurrence: Int = 1) throws -> LedgerProcess.Result {
            let runs = results.filter { $0.command == command }
            XCTAssertGreaterThanOrEqual(runs.count, occurrence, "the walk-through no longer runs \(command)")
            guard runs.count >= occurrence else { throw XCTSkip("missing step") }
            return runs[occurrence - 1].result
        }
        XCTAssertEqual(results.count, 23, results.map(\.command).joined(separator: "\n"))

        // 1. Start a ledger.
        XCTAssertTrue(try output("ledger init").stdout.hasPrefix("created directory events/\ncreated an empty ledger at events/ledger.jsonl\n"))
        let format = try output("ledger help format").stdout
        for part in ["THE RECORD FORMAT", "RECORD\n", "establishUnit", "UNIT KINDS", "CORRECTIONS AND RETRACTIONS", "EXAMPLE"] {
            XCTAssertTrue(format.contains(part), part)
        }

        // 2. The first record: the template had placeholders; the filled record is stored.
        XCTAssertEqual(try output("ledger new baseline establishUnit establishUnit > first.json").stdout.components(separatedBy: "\"op\": \"establishUnit\"").count, 3)
        let dryRun = try output("ledger append first.json --dry-run").stdout
        XCTAssertTrue(dryRun.hasPrefix("would store seq 1  2020-baseline  "), dryRun)
        XCTAssertTrue(dryRun.contains("  + established fm  Finanzministerium [FM] (ministry)\n"), dryRun)
        XCTAssertTrue(dryRun.hasSuffix("Dry run: nothing was written.\n"), dryRun)
        XCTAssertTrue(try output("ledger append first.json").stdout.hasPrefix("stored seq 1  2020-baseline  "))

        // 3. A decision, and a question.
        XCTAssertTrue(try output("ledger append decision.json").stdout.hasPrefix("stored seq 2  2021-03-10-egov  "))
        let april = try output("ledger responsible egov-steuerung --at 2021-05-01").stdout
        XCTAssertTrue(april.hasPrefix("Responsible for egov-steuerung on 2021-05-01:\n  fm-egov  Abteilung E-Government (department)\n"), april)
        XCTAssertTrue(april.contains("  Since 2021-04, by record 2021-03-10-egov\n"), april)
        XCTAssertEqual(try output("ledger orgchart --at 2021-05-01").stdout, """
            Organisation on 2021-05-01:
            land  Landesregierung (government)
            └── fm  Finanzministerium [FM] (ministry)
                └── fm-egov  Abteilung E-Government (department)

            """)

        // 4. A correction, started with `ledger correct`: the README's fix keeps its changes.
        let template = try output("ledger correct 2021-03-10-egov > fix.json")
        XCTAssertEqual(template.stderr, "")
        let decision = try JSONSerialization.jsonObject(with: try Data(contentsOf: directory.appendingPathComponent("decision.json"))) as? [String: Any]
        let fix = try JSONSerialization.jsonObject(with: try Data(contentsOf: directory.appendingPathComponent("fix.json"))) as? [String: Any]
        XCTAssertTrue(template.stdout.contains("\n  \"corrects\": \"2021-03-10-egov\",\n"), template.stdout)
        XCTAssertEqual(fix?["corrects"] as? String, "2021-03-10-egov")
        XCTAssertEqual((fix?["changes"] as? [[String: String]]), (decision?["changes"] as? [[String: String]]))
        for line in [#"    {"op": "establishUnit", "unit": "fm-egov", "name": "Abteilung E-Government", "kind": "department", "parent": "fm"},"#,
                     #"  "title": "E-Government-Steuerung an das Finanzministerium","#, #"  "actor": "land","#] {
            XCTAssertTrue(template.stdout.contains(line), line)
        }
        let correction = try output("ledger append fix.json --dry-run").stdout
        XCTAssertTrue(correction.contains("""
            Answers that change, by valid date (the batch reaches back to 2021-04-01):
              task egov-steuerung
                2021-04-01 to 2021-06-30: held by fm-egov → not defined
              unit fm-egov
                2021-04-01 to 2021-06-30: "Abteilung E-Government" (department), part of fm → not there
            Dry run: nothing was written.
            """), correction)
        XCTAssertTrue(try output("ledger append fix.json").stdout.hasPrefix("stored seq 3  2021-03-10-egov-berichtigt  "))
        XCTAssertTrue(try output("ledger show 2021-03-10-egov").stdout
            .contains("\n  CORRECTED by 2021-03-10-egov-berichtigt: its changes no longer count\n"))
        XCTAssertEqual(try output("ledger responsible egov-steuerung --at 2021-05-01", occurrence: 2).stdout,
                       "Nobody was responsible for egov-steuerung on 2021-05-01: the ledger does not define the task by then.\n")

        // 5. A retraction.
        XCTAssertTrue(try output("ledger append appoint.json").stdout.hasPrefix("stored seq 4  2021-08-cio  "))
        XCTAssertTrue(try output("ledger offices --at 2021-09-01").stdout.contains("erika-muster  Erika Muster  CIO  in fm  since 2021-08-02  by 2021-08-cio"))
        XCTAssertTrue(try output("ledger new retraction > retract.json").stdout.contains("\"retracts\": \"<id:"))
        XCTAssertTrue(try output("ledger append retract.json --dry-run").stdout.contains("""
              office "CIO" in fm, held by erika-muster
                from 2021-08-02 on: held → not held
            """))
        XCTAssertTrue(try output("ledger append retract.json").stdout.hasPrefix("stored seq 5  2021-08-cio-zurueckgenommen  "))
        XCTAssertEqual(try output("ledger offices --at 2021-09-01", occurrence: 2).stdout, "No offices recorded on 2021-09-01.\n")

        // 6. Check it, and keep the head.
        let history = try output("ledger history").stdout
        XCTAssertTrue(history.contains("    RETRACTED by 2021-08-cio-zurueckgenommen: its changes no longer count\n"), history)
        XCTAssertTrue(history.contains("    CORRECTED by 2021-03-10-egov-berichtigt: its changes no longer count\n"), history)
        XCTAssertTrue(try output("ledger verify").stdout.hasPrefix("ok: 5 records, chain intact, every rule holds"))
        let head = try output("ledger head").stdout
        XCTAssertEqual(head.count, 65, head)
        XCTAssertTrue(try output("ledger verify").stdout.hasSuffix("head \(head)"))

        // The refusal step 4 speaks of: a correction without changes, with the ledger left as it was.
        let ledger = directory.appendingPathComponent("events/ledger.jsonl")
        let before = try Data(contentsOf: ledger)
        let empty = #"{"id": "leer", "date": "2021-03-10", "type": "decision", "title": "E-Government", "sources": [{"title": "Notiz"}], "corrects": "2021-03-10-egov"}"#
        let refused = try LedgerProcess.run(["append", "-"], input: empty, in: directory)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stdout, "")
        XCTAssertTrue(refused.stderr.hasPrefix("Error: line 1, record 'leer': field 'changes': a correction without changes would withdraw the 3 changes in force of '2021-03-10-egov' (those of its correction '2021-03-10-egov-berichtigt') and put none in their place; to withdraw them, say so with a retraction"), refused.stderr)
        XCTAssertEqual(try Data(contentsOf: ledger), before)
    }

    func testTheWalkThroughUsesOnlyCommandsThatExistAndSaysWhatTheyPrint() throws {
        let (section, steps) = try Self.walkThrough()
        let commands = Set(steps.compactMap { step -> String? in
            if case let .run(_, arguments, _) = step { return arguments.first } else { return nil }
        })
        XCTAssertEqual(commands, ["init", "help", "new", "append", "responsible", "orgchart", "correct", "show", "offices", "history", "verify", "head"])
        let overview = try LedgerProcess.run(["--help"]).stdout
        for command in commands where command != "help" {
            XCTAssertTrue(overview.contains("\n  \(command) "), "ledger --help does not list \(command)")
        }
        XCTAssertTrue(section.contains("`Tests/LedgerCLITests/WalkThroughTests.swift` runs exactly these steps"))
    }
}
