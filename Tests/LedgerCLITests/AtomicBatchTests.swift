import Foundation
import Ledger
import XCTest

/// A batch is all or nothing, whatever stops it: a file-size limit, a full disk, a torn write,
/// kill -9. Each test reproduces one way it was once half-stored, and ends with the ledger either
/// byte-identical or holding exactly the acknowledged records, and `verify` at 0.
final class AtomicBatchTests: XCTestCase {
    private var stress: Bool { ProcessInfo.processInfo.environment["LEDGER_STRESS"] == "1" }
    private var directory: URL!
    private var ledgerPath: String { directory.appendingPathComponent("ledger.jsonl").path }
    private var journalPath: String { ledgerPath + ".journal" }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: LedgerProcess.repository.appendingPathComponent("events/ledger.jsonl"),
                                         to: URL(fileURLWithPath: ledgerPath))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// A batch of `count` new tasks given to the Kompetenzzentrum, each record padded to about
    /// `padding` bytes so a small size limit falls inside the batch.
    private static func batch(_ prefix: String, count: Int, padding: Int = 0) -> String {
        (1...count).map { index in
            let id = "\(prefix)-\(index)"
            let note = padding > 0 ? #","note":"\#(String(repeating: "x", count: padding))""# : ""
            return #"{"id":"\#(id)","date":"2021-06","type":"decision","title":"Neue Aufgabe \#(id)","sources":[{"title":"Testquelle"}]\#(note),"changes":[{"op":"defineTask","task":"\#(id)","title":"Aufgabe \#(id)"},{"op":"assignTask","task":"\#(id)","unit":"kv40"}]}"#
        }.joined(separator: "\n") + "\n"
    }

    private func ledgerBytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: ledgerPath)) }

    private func write(_ text: String, to name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func records() throws -> Int {
        let verify = try LedgerProcess.run(["verify", "--ledger", ledgerPath, "--format", "json"])
        XCTAssertEqual(verify.status, 0, verify.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
        return try XCTUnwrap(report["records"] as? Int)
    }

    /// Runs a shell line with `$LEDGER_BIN` set to the binary and `arguments` as `$1`, `$2`, ….
    private func shell(_ line: String, _ arguments: String...) throws -> LedgerProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", line, "sh"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["LEDGER_BIN"] = LedgerProcess.binary.path
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return LedgerProcess.Result(stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self),
                                    status: process.terminationStatus)
    }

    func testABatchOverTheFileSizeLimitIsRefusedWholeAndLeavesTheLedgerByteIdentical() throws {
        let before = try ledgerBytes()
        let batch = try write(Self.batch("groesse", count: 20, padding: 600), to: "b20.jsonl")
        // 24 blocks of 1 KiB (bash) or 512 bytes (dash): the ledger's 20 KB plus a few records.
        // The tool ignores SIGXFSZ itself, so the write fails instead of killing it.
        let limited = try shell(#"ulimit -f 48; exec "$LEDGER_BIN" append "$1" --ledger "$2""#, batch, ledgerPath)
        XCTAssertEqual(limited.status, 1, limited.stderr)
        XCTAssertTrue(limited.stderr.contains("File too large"), limited.stderr)
        XCTAssertEqual(limited.stdout, "")
        XCTAssertEqual(try ledgerBytes(), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: journalPath))
        let repair = try LedgerProcess.run(["repair", "--ledger", ledgerPath])
        XCTAssertEqual(repair.status, 0, repair.stderr)
        XCTAssertTrue(repair.stdout.hasPrefix("nothing to repair"), repair.stdout)
        XCTAssertEqual(try records(), 25)
        XCTAssertEqual(try ledgerBytes(), before)
    }

    func testAReadOnlyQueryUnderAFileSizeLimitStillAnswersWithoutItsCache() throws {
        let answer = try shell(#"ulimit -f 1; exec "$LEDGER_BIN" responsible ozg-beratung-kommunen --at 2021-01-01 --ledger "$1""#, ledgerPath)
        XCTAssertEqual(answer.status, 0, answer.stderr)
        XCTAssertTrue(answer.stdout.contains("kv40"), answer.stdout)
    }

    func testABatchThatMeetsAFullDiskIsRefusedWhole() throws {
        let before = try ledgerBytes()
        let batch = Self.batch("voll", count: 20)
        let full = try LedgerProcess.run(["append", "-", "--ledger", ledgerPath], input: batch,
                                         environment: ["LEDGER_FAULT_NO_SPACE": "3000"])
        XCTAssertEqual(full.status, 1, full.stderr)
        XCTAssertTrue(full.stderr.contains("No space left on device"), full.stderr)
        XCTAssertEqual(try ledgerBytes(), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: journalPath))
        XCTAssertEqual(try records(), 25)
    }

    /// The same on a real full file system, where one can be mounted (root on Linux).
    func testABatchThatFillsARealFileSystemIsRefusedWhole() throws {
        let mountPoint = directory.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let mount = try shell("mount -t tmpfs -o size=64k tmpfs '\(mountPoint.path)'")
        guard mount.status == 0 else { throw XCTSkip("cannot mount a small file system here: \(mount.stderr)") }
        defer { _ = try? shell("umount '\(mountPoint.path)'") }
        let small = mountPoint.appendingPathComponent("ledger.jsonl").path
        try FileManager.default.copyItem(atPath: ledgerPath, toPath: small)
        // Fill the rest of the file system but for a few kilobytes.
        _ = try shell("dd if=/dev/zero of='\(mountPoint.path)/filler' bs=1024 count=1000 2>/dev/null; rm -f '\(mountPoint.path)/filler'; dd if=/dev/zero of='\(mountPoint.path)/filler' bs=1024 count=\(64 - 20 - 8) 2>/dev/null")
        let before = try Data(contentsOf: URL(fileURLWithPath: small))
        let full = try LedgerProcess.run(["append", "-", "--ledger", small], input: Self.batch("platt", count: 40, padding: 600))
        XCTAssertEqual(full.status, 1, full.stderr)
        XCTAssertTrue(full.stderr.contains("No space left on device"), full.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: small)), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: small + ".journal"))
        XCTAssertEqual(try LedgerProcess.run(["verify", "--ledger", small]).status, 0)
    }

    /// Two retractions valid only together (the second record builds on the first), cut off right
    /// after the first line: once, `verify`, `repair` and every later append failed on it.
    func testABatchValidOnlyAsAWholeCutAfterItsFirstLineIsRolledBack() throws {
        let base = #""date":"2021-07","type":"decision","title":"Test","sources":[{"title":"Testquelle"}]"#
        let ra = #"{"id":"ra",\#(base),"changes":[{"op":"establishUnit","unit":"team-a","name":"Team A","kind":"team","parent":"kv40"}]}"#
        let rb = #"{"id":"rb",\#(base),"changes":[{"op":"establishUnit","unit":"team-b","name":"Team B","kind":"team","parent":"team-a"}]}"#
        XCTAssertEqual(try LedgerProcess.run(["append", "-", "--ledger", ledgerPath], input: ra + "\n" + rb + "\n").status, 0)
        let before = try ledgerBytes()
        let retractions = #"{"id":"xb",\#(base),"retracts":"rb","changes":[]}"# + "\n" + #"{"id":"xa",\#(base),"retracts":"ra","changes":[]}"#
        // Retracting ra alone would leave rb's team without its parent: the order matters.
        let wrongOrder = #"{"id":"xa",\#(base),"retracts":"ra","changes":[]}"#
        XCTAssertEqual(try LedgerProcess.run(["append", "-", "--dry-run", "--ledger", ledgerPath], input: wrongOrder).status, 1)
        // How long the first stored line is: the same batch appended to a copy.
        let copy = directory.appendingPathComponent("copy.jsonl").path
        try FileManager.default.copyItem(atPath: ledgerPath, toPath: copy)
        XCTAssertEqual(try LedgerProcess.run(["append", "-", "--ledger", copy], input: retractions).status, 0)
        let copied = try Data(contentsOf: URL(fileURLWithPath: copy))
        let firstLine = try XCTUnwrap(copied[before.count...].firstIndex(of: 0x0A)) - before.count + 1

        let torn = try LedgerProcess.run(["append", "-", "--ledger", ledgerPath], input: retractions,
                                         environment: ["LEDGER_FAULT_TORN_WRITE": "\(firstLine)"])
        XCTAssertEqual(torn.status, 70)
        XCTAssertEqual(try ledgerBytes().count, before.count + firstLine, "the fault tore the batch right after its first line")
        XCTAssertTrue(FileManager.default.fileExists(atPath: journalPath))
        let repair = try LedgerProcess.run(["repair", "--ledger", ledgerPath])
        XCTAssertEqual(repair.status, 0, repair.stderr)
        XCTAssertTrue(repair.stdout.hasPrefix("rolled back an interrupted append that was never acknowledged: removed \(firstLine) bytes (1 complete lines)"),
                      repair.stdout)
        XCTAssertEqual(try ledgerBytes(), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: journalPath))
        XCTAssertEqual(try LedgerProcess.run(["append", "-", "--ledger", ledgerPath], input: retractions).status, 0)
        XCTAssertEqual(try records(), 29)
    }

    func testAnyCommandAfterATornBatchFindsTheLastCommittedState() throws {
        let before = try ledgerBytes()
        let torn = try LedgerProcess.run(["append", "-", "--ledger", ledgerPath], input: Self.batch("riss", count: 10),
                                         environment: ["LEDGER_FAULT_TORN_WRITE": "1500"])
        XCTAssertEqual(torn.status, 70)
        XCTAssertNotEqual(try ledgerBytes(), before)
        let answer = try LedgerProcess.run(["tasks", "--at", "2021-07-01", "--ledger", ledgerPath])
        XCTAssertEqual(answer.status, 0, answer.stderr)
        XCTAssertFalse(answer.stdout.contains("riss-"), answer.stdout)
        XCTAssertEqual(try ledgerBytes(), before, "the query rolled the batch back")
        XCTAssertFalse(FileManager.default.fileExists(atPath: journalPath))
    }

    func testAReaderThatMayNotWriteReadsAroundAnInterruptedBatch() throws {
        let before = try ledgerBytes()
        XCTAssertEqual(try LedgerProcess.run(["append", "-", "--ledger", ledgerPath], input: Self.batch("riss", count: 10),
                                             environment: ["LEDGER_FAULT_TORN_WRITE": "1500"]).status, 70)
        let torn = try ledgerBytes()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: ledgerPath)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: ledgerPath) }
        // Root may write whatever the mode says: test the reader as another user would see it.
        guard getuid() != 0 else {
            // As root the read rolls back, as a writable ledger's would.
            XCTAssertEqual(try records(), 25)
            XCTAssertEqual(try ledgerBytes(), before)
            return
        }
        XCTAssertEqual(try records(), 25)
        XCTAssertEqual(try ledgerBytes(), torn)
    }

    func testReadersDuringALargeAppendAnswerFromTheLastCommittedState() throws {
        let count = stress ? 5_000 : 400
        let input = try write(Self.batch("gross", count: count), to: "large.jsonl")
        let writer = Process()
        writer.executableURL = LedgerProcess.binary
        writer.arguments = ["append", input, "--ledger", ledgerPath]
        var env = ProcessInfo.processInfo.environment
        // Half the batch is written, then the writer waits: the readers below meet it in progress.
        env["LEDGER_FAULT_PAUSE_MS"] = "3000"
        writer.environment = env
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = FileHandle.nullDevice
        let size = try ledgerBytes().count
        try writer.run()
        let deadline = Date().addingTimeInterval(60)
        while (try? ledgerBytes().count) ?? 0 <= size, Date() < deadline { usleep(10_000) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: journalPath), "the append is in progress")
        var readers = 0
        while writer.isRunning, readers < 6 {
            XCTAssertEqual(try records(), 25, "verify during the append")
            let answer = try LedgerProcess.run(["responsible", "gross-1", "--ledger", ledgerPath])
            XCTAssertEqual(answer.status, 1, "the batch is not committed yet: \(answer.stderr)")
            XCTAssertTrue(answer.stderr.contains("unknown task"), answer.stderr)
            let kv40 = try LedgerProcess.run(["responsible", "ozg-beratung-kommunen", "--at", "2021-07-01", "--ledger", ledgerPath])
            XCTAssertEqual(kv40.status, 0, kv40.stderr)
            readers += 1
        }
        writer.waitUntilExit()
        XCTAssertEqual(writer.terminationStatus, 0)
        XCTAssertGreaterThan(readers, 0, "no reader ran while the append was in progress")
        XCTAssertEqual(try records(), 25 + count)
        XCTAssertEqual(try LedgerProcess.run(["responsible", "gross-1", "--ledger", ledgerPath]).status, 0)
    }

    func testALargeBatchKilledMidWriteKeepsNoneOfItsRecords() throws {
        let count = stress ? 20_000 : 2_000
        let input = try write(Self.batch("abbruch", count: count), to: "killed.jsonl")
        let before = try ledgerBytes()
        let writer = Process()
        writer.executableURL = LedgerProcess.binary
        writer.arguments = ["append", input, "--ledger", ledgerPath]
        var env = ProcessInfo.processInfo.environment
        env["LEDGER_FAULT_PAUSE_MS"] = "60000"
        writer.environment = env
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = FileHandle.nullDevice
        try writer.run()
        let deadline = Date().addingTimeInterval(120)
        while (try? ledgerBytes().count) ?? 0 <= before.count, Date() < deadline { usleep(10_000) }
        XCTAssertGreaterThan(try ledgerBytes().count, before.count, "half the batch was written")
        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        let repair = try LedgerProcess.run(["repair", "--ledger", ledgerPath])
        XCTAssertEqual(repair.status, 0, repair.stderr)
        XCTAssertTrue(repair.stdout.hasPrefix("rolled back an interrupted append"), repair.stdout)
        XCTAssertTrue(repair.stdout.contains("25 committed records kept"), repair.stdout)
        XCTAssertEqual(try ledgerBytes(), before)
        XCTAssertEqual(try records(), 25)
    }

    func testAJournalTheLedgerCannotVouchForIsNeverActedOn() throws {
        let before = try ledgerBytes()
        // Torn, then the journal altered to claim the ledger was empty before the batch.
        XCTAssertEqual(try LedgerProcess.run(["append", "-", "--ledger", ledgerPath], input: Self.batch("riss", count: 3),
                                             environment: ["LEDGER_FAULT_TORN_WRITE": "600"]).status, 70)
        let torn = try ledgerBytes()
        var journal = try Data(contentsOf: URL(fileURLWithPath: journalPath))
        journal.replaceSubrange(16..<24, with: [UInt8](repeating: 0, count: 8))
        try journal.write(to: URL(fileURLWithPath: journalPath))
        let damaged = try LedgerProcess.run(["append", "-", "--ledger", ledgerPath], input: Self.batch("danach", count: 1))
        XCTAssertEqual(damaged.status, 2, damaged.stderr)
        XCTAssertTrue(damaged.stderr.contains("rollback journal"), damaged.stderr)
        XCTAssertEqual(try ledgerBytes(), torn, "nothing was cut on the word of a damaged journal")

        // A well-formed journal (its checksum fixed up) that names a length whose line does not
        // carry its head.
        let checksum = CRC32C.checksum(Array(journal[0..<112])).littleEndian
        journal.replaceSubrange(112..<116, with: withUnsafeBytes(of: checksum) { Array($0) })
        try journal.write(to: URL(fileURLWithPath: journalPath))
        let forged = try LedgerProcess.run(["repair", "--ledger", ledgerPath])
        XCTAssertEqual(forged.status, 2, forged.stderr)
        XCTAssertTrue(forged.stderr.contains("which is not the record ending at byte 0"), forged.stderr)
        XCTAssertEqual(try ledgerBytes(), torn)

        // Someone else's journal: planted by a user who may write the directory.
        try FileManager.default.removeItem(atPath: journalPath)
        try Data(repeating: 0, count: 116).write(to: URL(fileURLWithPath: journalPath))
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: journalPath)
        let planted = try LedgerProcess.run(["append", "-", "--ledger", ledgerPath], input: Self.batch("danach", count: 1))
        XCTAssertEqual(planted.status, 2, planted.stderr)
        XCTAssertTrue(planted.stderr.contains("is not a regular file of the ledger's owner"), planted.stderr)
        XCTAssertEqual(try ledgerBytes(), torn)
        // Removed by hand, it can no longer say what was committed: the torn line shows, and
        // repair can only cut the incomplete line.
        try FileManager.default.removeItem(atPath: journalPath)
        XCTAssertEqual(try LedgerProcess.run(["verify", "--ledger", ledgerPath]).status, 2, "without a journal the torn line shows")
        XCTAssertEqual(try LedgerProcess.run(["repair", "--ledger", ledgerPath]).status, 0)
        XCTAssertEqual(try LedgerProcess.run(["verify", "--ledger", ledgerPath]).status, 0)
        XCTAssertTrue(try ledgerBytes().starts(with: before))
    }

    func testAFIFOOrADirectoryIsRefusedAsALedgerWithOneSentence() throws {
        let fifo = directory.appendingPathComponent("pipe.jsonl").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let folder = directory.appendingPathComponent("folder.jsonl").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        for (path, kind) in [(fifo, "a FIFO"), (folder, "a directory")] {
            for arguments in [["units"], ["verify"], ["history"], ["repair"], ["append", "-"]] {
                let result = try LedgerProcess.run(arguments + ["--ledger", path], input: Self.batch("x", count: 1))
                XCTAssertEqual(result.status, 1, "\(arguments) on \(kind): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains("is \(kind)"), result.stderr)
                XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, result.stderr)
            }
        }
    }
}
