import Foundation
@testable import Ledger
import XCTest

/// The direct decoder must never accept a line the general path (JSONParser, Record(json:), the
/// canonical check) would refuse or read differently; it may only hand lines over to it.
final class CanonicalRecordDecoderTests: XCTestCase {
    /// The general path's reading of `line`: the record, if it decodes and is canonical.
    private func generalReading(_ line: [UInt8]) -> Record? {
        line.withUnsafeBufferPointer { bytes in
            guard let (json, isCanonical) = try? JSONParser.parseCheckingCanonicalForm(bytes), isCanonical else { return nil }
            return try? Record(json: json)
        }
    }

    private func fastReading(_ line: [UInt8]) -> Record? {
        line.withUnsafeBufferPointer { CanonicalRecordDecoder.decode($0) }
    }

    /// What `verify`'s compact decoder reads from `line`, written out with its ids; nil if it
    /// hands the line over.
    private func compactReading(_ line: [UInt8]) -> String? {
        var tables = CompactTables()
        let chain = line.withUnsafeBufferPointer { bytes -> CompactLineDecoder.Chain? in
            var decoder = CompactLineDecoder(bytes)
            return decoder.decode(into: &tables)
        }
        guard let chain, let record = tables.records.first else { return nil }
        func name(_ interner: ByteInterner, _ id: Int32) -> String {
            id < 0 ? "-" : String(decoding: interner.key(Int(id)), as: UTF8.self)
        }
        let changes = tables.changes.map { change -> String in
            switch change.op {
            case .defineTask: "\(change.op) \(name(tables.tasks, change.a))"
            case .assignTask, .revokeTask: "\(change.op) \(name(tables.tasks, change.a)) \(name(tables.units, change.b))"
            case .transferTask: "\(change.op) \(name(tables.tasks, change.a)) \(name(tables.units, change.b)) \(name(tables.units, change.c))"
            case .setSupervision, .endSupervision:
                "\(change.op) \(name(tables.units, change.a)) \(name(tables.units, change.b)) \(name(tables.tasks, change.c)) \(change.kind)"
            case .appoint, .endAppointment:
                "\(change.op) \(name(tables.people, change.a)) \(name(tables.roles, change.b)) \(name(tables.units, change.c))"
            default: "\(change.op) \(name(tables.units, change.a)) \(name(tables.units, change.b))"
            }
        }
        let hash = String(decoding: line[(chain.hash)..<(chain.hash + 64)], as: UTF8.self)
        let prev = String(decoding: line[(chain.prev)..<(chain.prev + 64)], as: UTF8.self)
        return "\(name(tables.recordIDs, 0)) \(chain.seq) \(chain.recorded) \(prev) \(hash) \(record.effectiveDay) "
            + "\(record.corrects ?? "-") \(record.retracts ?? "-") \(name(tables.units, record.actor)) \(record.about ?? []) \(changes)"
    }

    /// The same written out from the record the general path reads.
    private func expectedCompactReading(_ record: Record) -> String {
        let kinds = SupervisionKind.allCases
        let changes = record.changes.map { change -> String in
            switch change {
            case let .establishUnit(unit, _, _, parent, _, _): "establishUnit \(unit) \(parent ?? "-")"
            case let .renameUnit(unit, _, _): "renameUnit \(unit) -"
            case let .moveUnit(unit, parent, _, _): "moveUnit \(unit) \(parent)"
            case let .dissolveUnit(unit, successor): "dissolveUnit \(unit) \(successor ?? "-")"
            case let .defineTask(task, _, _): "defineTask \(task)"
            case let .assignTask(task, unit): "assignTask \(task) \(unit)"
            case let .revokeTask(task, unit): "revokeTask \(task) \(unit)"
            case let .transferTask(task, from, to): "transferTask \(task) \(from) \(to)"
            case let .setSupervision(s): "setSupervision \(s.supervisor) \(s.unit) \(s.task ?? "-") \(kinds.firstIndex(of: s.kind)!)"
            case let .endSupervision(s): "endSupervision \(s.supervisor) \(s.unit) \(s.task ?? "-") \(kinds.firstIndex(of: s.kind)!)"
            case let .appoint(a, _): "appoint \(a.person) \(a.role) \(a.unit)"
            case let .endAppointment(a): "endAppointment \(a.person) \(a.role) \(a.unit)"
            }
        }
        return "\(record.id) \(record.seq) \(record.recorded) \(record.prev) \(record.hash) \(record.effectiveDate.firstDay) "
            + "\(record.corrects ?? "-") \(record.retracts ?? "-") \(record.actor ?? "-") \(record.about ?? []) \(changes)"
    }

    /// The compact decoder accepts only what the general path accepts and breaks no record rule of
    /// a record on its own, and reads it alike.
    private func assertCompactAgrees(_ line: [UInt8], file: StaticString = #filePath, lineNumber: UInt = #line) -> Bool {
        guard let compact = compactReading(line) else { return false }
        guard let record = generalReading(line) else {
            XCTFail("the compact decoder accepted what the general path refuses: \(String(decoding: line, as: UTF8.self))", file: file, line: lineNumber)
            return true
        }
        XCTAssertEqual(compact, expectedCompactReading(record), file: file, line: lineNumber)
        // (The targets of corrections and retractions are the ledger's to check, not the line's.)
        let targets = [record.corrects, record.retracts].compactMap { $0 }.map { ($0, record) }
        XCTAssertNoThrow(try RecordRules.check(record.body, earlier: Dictionary(targets, uniquingKeysWith: { a, _ in a })),
                         file: file, line: lineNumber)
        return true
    }

    private var corpus: [[UInt8]] {
        get throws {
            let events = try String(contentsOfFile: RepositoryPaths.events, encoding: .utf8)
            var lines = events.split(separator: "\n").map { Array($0.utf8) }
            var generated = HistoryGenerator(records: 1_500, seed: 7).makeIterator()
            while let next = generated.nextLine() { lines.append(next.line) }
            return lines
        }
    }

    func testEveryLineTheLedgerWritesIsDecodedDirectlyAndAlike() throws {
        for line in try corpus {
            let fast = try XCTUnwrap(fastReading(line), String(decoding: line.prefix(120), as: UTF8.self))
            XCTAssertEqual(fast, generalReading(line))
            XCTAssertTrue(assertCompactAgrees(line), String(decoding: line.prefix(120), as: UTF8.self))
        }
    }

    func testMutatedLinesAreNeverAcceptedOtherwiseThanByTheGeneralPath() throws {
        let stress = ProcessInfo.processInfo.environment["LEDGER_STRESS"] == "1"
        let lines = try corpus
        var random = SplitMix64(seed: 2021_01_01)
        var bothAccepted = 0, handedOver = 0, compactAccepted = 0
        for _ in 0..<(stress ? 300_000 : 20_000) {
            var line = lines[Int.random(in: 0..<lines.count, using: &random)]
            for _ in 0...Int.random(in: 0...2, using: &random) {
                let at = Int.random(in: 0..<line.count, using: &random)
                switch Int.random(in: 0...6, using: &random) {
                case 0: line[at] ^= UInt8(1 << Int.random(in: 0...7, using: &random))
                case 1: line.insert(UInt8.random(in: 0...255, using: &random), at: at)
                case 2: line.remove(at: at)
                case 3: line.insert(contentsOf: Array(#"null"#.utf8), at: at)
                case 4: line[at] = [0x22, 0x7B, 0x5B, 0x5C, 0xC3, 0x20, 0x2C, 0x3A][Int.random(in: 0...7, using: &random)]
                case 5: line[at] = UInt8.random(in: 0x61...0x7A, using: &random)
                default: line.insert(contentsOf: lines[Int.random(in: 0..<lines.count, using: &random)].prefix(30).suffix(12), at: at)
                }
                if line.isEmpty { break }
            }
            if assertCompactAgrees(line) { compactAccepted += 1 }
            let general = generalReading(line)
            guard let fast = fastReading(line) else {
                if general != nil { handedOver += 1 }
                continue
            }
            XCTAssertEqual(fast, general, String(decoding: line, as: UTF8.self))
            bothAccepted += 1
        }
        print("decoder: \(bothAccepted) mutated lines accepted alike, \(handedOver) accepted only by the general path, "
              + "\(compactAccepted) read alike by verify's compact decoder")
        XCTAssertGreaterThan(bothAccepted, 1_000)
        XCTAssertGreaterThan(compactAccepted, 1_000)
    }
}
