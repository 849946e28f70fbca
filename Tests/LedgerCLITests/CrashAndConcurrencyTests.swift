import Foundation
import XCTest

/// Appenders that crash or race must lose nothing they acknowledged. The default run is short;
/// `LEDGER_STRESS=1` runs the full figures of the issue (50 kills, 4 × 250 concurrent appends).
final class CrashAndConcurrencyTests: EventsCopyTestCase {
    private var stress: Bool { ProcessInfo.processInfo.environment["LEDGER_STRESS"] == "1" }


    private static func task(_ id: String) -> String {
        #"{"id":"\#(id)","date":"2021-06","type":"decision","title":"Neue Aufgabe \#(id)","sources":[{"title":"Stresstest"}],"changes":[{"op":"defineTask","task":"\#(id)","title":"Aufgabe \#(id)"},{"op":"assignTask","task":"\#(id)","unit":"kv40"}]}"#
    }

    private func recordIDs() throws -> Set<String> {
        let text = try String(contentsOfFile: ledgerPath, encoding: .utf8)
        var ids = Set<String>()
        for line in text.split(separator: "\n") {
            if let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let id = object["id"] as? String {
                ids.insert(id)
            }
        }
        return ids
    }

    /// Starts `ledger append -` with `input`, returning the running process and its stdout pipe.
    private static func startAppend(_ input: String, to ledgerPath: String, environment: [String: String] = [:]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = LedgerProcess.binary
        process.arguments = ["append", "-", "--ledger", ledgerPath]
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        LedgerProcess.feed(input, to: stdin)
        try stdin.fileHandleForWriting.close()
        return (process, stdout)
    }

    func testKilledAppendersLeaveEveryBatchWholeOrAbsentAndTheNextCommandNeedsNoRepair() throws {
        var random = SystemRandomNumberGenerator()
        var acknowledged = Set<String>()
        var torn = 0
        let rounds = stress ? 50 : 8
        for round in 0..<rounds {
            let batch = (0..<5).map { "kill-\(round)-\($0)" }
            // Every third round tears the write on purpose; the others are killed at a random moment.
            let tear = round % 3 == 2
            let (process, stdout) = try Self.startAppend(batch.map(Self.task).joined(separator: "\n"), to: ledgerPath,
                                                         environment: tear ? ["LEDGER_FAULT_TORN_WRITE": "\(Int.random(in: 1...1200, using: &random))"] : [:])
            // Round 0 is left to finish, so at least one acknowledged batch is checked however
            // slow the machine is.
            if !tear, round > 0 {
                // An append takes tens of milliseconds: a delay up to 250 ms kills some before,
                // some during and some after their write and acknowledgement.
                usleep(UInt32.random(in: 0...250_000, using: &random))
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if process.terminationReason == .exit, process.terminationStatus == 0 {
                for line in output.split(separator: "\n") where line.hasPrefix("stored seq") {
                    acknowledged.insert(String(line.split(separator: " ", omittingEmptySubsequences: true)[3]))
                }
            }
            if journalHoldsABatch() { torn += 1 }
            // No repair: the next command (here a read) restores the last committed state itself.
            let verify = try LedgerProcess.run(["verify", "--ledger", ledgerPath])
            XCTAssertEqual(verify.status, 0, "round \(round): \(verify.stderr)")
            XCTAssertFalse(journalHoldsABatch(), "round \(round): the journal outlived the next command")
            let present = try recordIDs()
            XCTAssertTrue(acknowledged.isSubset(of: present), "round \(round) lost an acknowledged record")
            let kept = batch.filter(present.contains)
            XCTAssertTrue(kept.isEmpty || kept.count == batch.count, "round \(round) kept part of a batch: \(kept)")
            if tear { XCTAssertTrue(kept.isEmpty, "round \(round): a torn batch was kept") }
        }
        XCTAssertGreaterThan(torn, 0, "no round was interrupted mid-write, so the rollback was not exercised")
        XCTAssertGreaterThan(acknowledged.count, 0, "no append finished before its kill, so nothing acknowledged was checked")
        print("crash test: \(rounds) rounds, \(acknowledged.count) records acknowledged and present, \(torn) interrupted batches rolled back")
    }

    func testConcurrentAppendersSerialiseIntoOneContiguousChain() throws {
        let processes = 4
        let appendsEach = stress ? 250 : 10
        let start = Date()
        let path = ledgerPath
        DispatchQueue.concurrentPerform(iterations: processes) { worker in
            for index in 0..<appendsEach {
                guard let (process, _) = try? Self.startAppend(Self.task("p\(worker)-\(index)"), to: path) else { continue }
                process.waitUntilExit()
                XCTAssertEqual(process.terminationStatus, 0)
            }
        }
        let seconds = Date().timeIntervalSince(start)
        let verify = try LedgerProcess.run(["verify", "--ledger", ledgerPath, "--format", "json"])
        XCTAssertEqual(verify.status, 0, verify.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["records"] as? Int, eventsRecords + processes * appendsEach)
        XCTAssertEqual(try recordIDs().filter { $0.hasPrefix("p") }.count, processes * appendsEach)
        print("concurrency test: \(processes) × \(appendsEach) appends in \(String(format: "%.1f", seconds)) s, chain contiguous")
    }
}
