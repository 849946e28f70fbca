import Foundation
@testable import Ledger
import XCTest

/// One index writer, two ways in: the index built from the ledger's lines read compactly
/// (`IndexFile.build`) is byte for byte the index written from the same ledger's records read in
/// full (`IndexFile.write(for:ledgerPath:)`, for ledgers the compact reading refuses), and both are
/// byte for byte the layout the oracle writes from the String path's timelines (`ReferenceIndex`).
/// Only ledgers the full read accepts are indexed.
final class CompactIndexBuildTests: LedgerDirectoryTestCase {
    /// Both ways in agree with each other and with the oracle: the ledger is indexed into identical
    /// files, or, if the full read refuses it, not at all. Without `compactly`, the compact reading
    /// must leave the ledger to the full read, and only the records' way in is compared.
    private func assertBuildsAlike(_ path: String, _ context: String, compactly: Bool = true, oracle: Bool = true,
                                   file: StaticString = #filePath, line: UInt = #line) throws {
        let indexPath = IndexFile.path(forLedger: path)
        try? FileManager.default.removeItem(atPath: indexPath)
        let built = IndexFile.build(ledgerPath: path)
        let compact = built ? try Data(contentsOf: URL(fileURLWithPath: indexPath)) : nil
        try? FileManager.default.removeItem(atPath: indexPath)
        guard let ledger = try? Ledger.open(path: path), !ledger.records.isEmpty else {
            XCTAssertFalse(built, "\(context): indexed a ledger the full read refuses", file: file, line: line)
            XCTAssertFalse(FileManager.default.fileExists(atPath: indexPath), context, file: file, line: line)
            return
        }
        XCTAssertTrue(IndexFile.write(for: ledger, ledgerPath: path), context, file: file, line: line)
        let fromRecords = try Data(contentsOf: URL(fileURLWithPath: indexPath))
        if oracle {
            let referencePath = directory.appendingPathComponent("reference.index").path
            XCTAssertTrue(ReferenceIndex.write(ofLedgerAt: path, to: referencePath), context, file: file, line: line)
            let reference = try Data(contentsOf: URL(fileURLWithPath: referencePath))
            assertSameBytes(fromRecords, reference, "\(context): the index of the records in memory and the oracle's", file: file, line: line)
        }
        guard compactly else { return XCTAssertNil(compact, "\(context): the compact reading vouched for the ledger", file: file, line: line) }
        let mine = try XCTUnwrap(compact, "\(context): the compact build gave up on a valid ledger", file: file, line: line)
        assertSameBytes(mine, fromRecords, "\(context): the index of the lines and that of the records", file: file, line: line)
    }

    private func assertSameBytes(_ mine: Data, _ expected: Data, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        guard mine != expected else { return }
        let at = zip(Array(mine), Array(expected)).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(mine.count, expected.count)
        XCTFail("\(context) differ from byte \(at) (\(mine.count) bytes, \(expected.count) expected)", file: file, line: line)
    }

    func testRandomHistoriesAreIndexedAsTheFullReadIndexesThem() throws {
        for seed in 1...200 as ClosedRange<UInt64> {
            var generator = RandomHistory(seed: seed &* 7)
            let builder = LedgerBuilder.from(generator.bodies(count: Int.random(in: 1...40, using: &generator.random)))
            try assertBuildsAlike(try write(builder, name: "h\(seed).jsonl"), "seed \(seed)")
        }
    }

    func testCorrectedAndRetractedRecordsAreIndexedAsTheFullReadIndexesThem() throws {
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("a", "Amt Eins", in: "gov"),
                                  Op.define("t1"), Op.assign("t1", to: "a")])
        b.record("rename-1", "2001-05", [Op.rename("a", "Amt 1")])
        b.record("fix-1", "2001", corrects: "rename-1", [Op.rename("a", "Amt Erstens")])
        b.record("fix-2", "2001-03-02", corrects: "rename-1", [Op.rename("a", "Amt Nummer Eins")])
        b.record("move", "2002", [Op.establish("b", "Amt Zwei", in: "gov"), Op.move("a", to: "b", .subordinateTo, kind: .authority)])
        b.record("drop", "2003", retracts: "move", [])
        try assertBuildsAlike(try write(b, name: "corrected.jsonl"), "corrections")
    }

    /// A move without `relation` keeps the unit's relation, in the index built from the compact
    /// reading as in the replay of the records (and both keep it across a later rename).
    func testAMoveWithoutRelationKeepsItInBothBuilds() throws {
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("im", "Innen", .ministry, in: "gov"),
                                  Op.establish("fm", "Finanzen", .ministry, in: "gov"),
                                  Op.establish("amt", "Landesamt", .authority, in: "im", .subordinateTo)])
        b.record("move", "2001", [Op.move("amt", to: "fm")])
        b.record("back", "2002", [Op.move("amt", to: "im", .partOf), Op.move("amt", to: "fm")])
        let path = try write(b, name: "relation.jsonl")
        try assertBuildsAlike(path, "relation kept")
        let ledger = try Ledger.open(path: path)
        XCTAssertEqual(try ledger.units(at: day("2001")).first { $0.unit.id == "amt" }?.relation, .subordinateTo)
        XCTAssertEqual(try ledger.units(at: day("2002")).first { $0.unit.id == "amt" }?.relation, .partOf)
        let indexed = try LedgerStore.openForQueries(path: path)
        XCTAssertEqual(try indexed.units(at: day("2001")).first { $0.unit.id == "amt" }?.relation, .subordinateTo)
    }

    func testTheThuringianAndGeneratedLedgersAreIndexedAsTheFullReadIndexesThem() throws {
        try assertBuildsAlike(RepositoryPaths.events, "events/")
        // Over a MiB, so two cores read it in two shares that must be joined.
        let generated = directory.appendingPathComponent("generated.jsonl").path
        try HistoryGenerator(records: 3_000, seed: 11).write(toFile: generated)
        // The oracle replays every prefix (quadratic): at 3,000 records it would take minutes, so
        // it lays out a smaller generated ledger, and the two ways in are compared on the large one.
        try assertBuildsAlike(generated, "generated", oracle: false)
        let smaller = directory.appendingPathComponent("generated-small.jsonl").path
        try HistoryGenerator(records: 300, seed: 11).write(toFile: smaller)
        try assertBuildsAlike(smaller, "generated, 300 records")
    }

    func testBrokenHistoriesAreNeverIndexed() throws {
        for seed in 1...200 as ClosedRange<UInt64> {
            let builder = LedgerBuilder.from(RandomHistory.broken(seed: seed))
            try assertBuildsAlike(try write(builder, name: "b\(seed).jsonl"), "broken seed \(seed)")
        }
        var builder = LedgerBuilder()
        builder.record("only", "2000", [Op.establish("gov", "Regierung", .government)])
        let path = try write(builder, name: "edited.jsonl")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "Regierung", with: "Regierunq")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try assertBuildsAlike(path, "edited")
    }

    // MARK: Ledgers the compact reading refuses

    /// Names, titles, roles and notes that need JSON escapes: a quote, a backslash, a newline.
    private func escapedLedger() -> LedgerBuilder {
        var b = LedgerBuilder()
        b.append(RecordBody(
            id: "base", date: day("2000"), type: .decision, title: #"Beschluss "Aufbau" \ Teil 1"#, note: "Zeile 1\nZeile 2",
            sources: [Source(title: #"Quelle "A""#)],
            changes: [Op.establish("gov", #"Regierung "Nord""#, .government), Op.establish("a", #"Amt \ Eins"#, in: "gov", abbreviation: #"A"1"#),
                      .defineTask(task: "t1", title: #"Aufgabe "eins""#, leika: nil), Op.assign("t1", to: "a"),
                      .appoint(Appointment(person: "p1", role: #"Leiter "komm.""#, unit: "a"), name: #"Hans "Hansi" Meier"#)]))
        b.record("rename", "2001", [.renameUnit(unit: "a", name: "Amt \"Erstens\"", abbreviation: nil), Op.supervise("gov", "a")])
        return b
    }

    func testALedgerWithEscapesIsIndexedFromItsRecordsAsTheOracleLaysItOut() throws {
        let path = try write(escapedLedger(), name: "escaped.jsonl")
        try assertBuildsAlike(path, "escapes", compactly: false)
        let ledger = try Ledger.open(path: path)
        XCTAssertTrue(IndexFile.write(for: ledger, ledgerPath: path))
        let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
        let questions = QuestionSet(dates: [day("1999"), day("2000"), day("2001-06")], tasks: ["t1", "no-such-task"], units: ["gov", "a"],
                                    records: ["base", "rename"])
        XCTAssertEqual(questions.ask(index), questions.ask(ledger))
        XCTAssertEqual(try index.search("Hansi", knownAt: .distantFuture), try ledger.search("Hansi"))
        XCTAssertNil(index.loadedLedger, "the index fell back to the full ledger")
    }

    /// The same facts, with escapes only where the index holds nothing (a note, a source's title)
    /// and lines of the same lengths: the ledger read in full gets the rows the compact reading
    /// gives the one without escapes.
    func testEscapesGiveTheIndexOfTheSameFactsWithoutThem() throws {
        func ledger(_ quote: String) -> LedgerBuilder {
            var b = LedgerBuilder()
            b.append(RecordBody(id: "base", date: day("2000"), type: .decision, title: "Aufbau", note: "ein \(quote)Amt\(quote)",
                                sources: [Source(title: "Quelle \(quote)A\(quote)")],
                                changes: [Op.establish("gov", "Regierung", .government), Op.establish("a", "Amt", in: "gov"),
                                          Op.define("t1"), Op.assign("t1", to: "a")]))
            b.record("later", "2001", [Op.rename("a", "Amt Eins"), Op.supervise("gov", "a")])
            return b
        }
        // `\"` in JSON is two bytes, as `''` is.
        let escaped = try write(ledger("\""), name: "escaped.jsonl"), plain = try write(ledger("''"), name: "plain.jsonl")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: escaped)).count, try Data(contentsOf: URL(fileURLWithPath: plain)).count)
        XCTAssertFalse(IndexFile.build(ledgerPath: escaped))
        XCTAssertTrue(IndexFile.write(for: try Ledger.open(path: escaped), ledgerPath: escaped))
        XCTAssertTrue(IndexFile.build(ledgerPath: plain))
        let (fromRecords, fromLines) = try (Self.indexBytes(escaped), Self.indexBytes(plain))
        // The header differs in the ledger's stamp and head (and so in its checksum); nothing else.
        let header = IndexLayout.Header.self
        for field in [header.recordCount, header.lastRecorded, header.payloadLength, header.unitCount, header.taskCount,
                      header.supervisionKeyCount, header.appointmentKeyCount, header.sectionStarts, header.blockCount, header.lastEffectiveDay] {
            XCTAssertEqual(fromRecords[field.offset..<field.end], fromLines[field.offset..<field.end], "header field at \(field.offset)")
        }
        XCTAssertEqual(fromRecords.count, fromLines.count)
        let blockCount = fromLines.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: header.blockCount.offset, as: UInt32.self).littleEndian) }
        let checksums = header.size..<(header.size + blockCount * IndexLayout.checksumSize)
        let payload = (checksums.upperBound + IndexLayout.checksumSize)..<fromLines.count
        XCTAssertEqual(fromRecords[checksums], fromLines[checksums], "block checksums")
        XCTAssertEqual(fromRecords[payload], fromLines[payload], "payload")
    }

    private static func indexBytes(_ ledgerPath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: IndexFile.path(forLedger: ledgerPath))))
    }

    func testABuiltIndexIsOpenedAndAnswers() throws {
        let path = directory.appendingPathComponent("events.jsonl").path
        try FileManager.default.copyItem(atPath: RepositoryPaths.events, toPath: path)
        XCTAssertTrue(IndexFile.build(ledgerPath: path))
        let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
        XCTAssertEqual(try index.responsible("ozg-beratung-kommunen", at: ValidDate(parsing: "2021-01-01")).unit?.id,
                       "kv40")
        XCTAssertNil(index.loadedLedger)
    }
}
