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
        }
    }

    func testMutatedLinesAreNeverAcceptedOtherwiseThanByTheGeneralPath() throws {
        let stress = ProcessInfo.processInfo.environment["LEDGER_STRESS"] == "1"
        let lines = try corpus
        var random = SplitMix64(seed: 2021_01_01)
        var bothAccepted = 0, handedOver = 0
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
            let general = generalReading(line)
            guard let fast = fastReading(line) else {
                if general != nil { handedOver += 1 }
                continue
            }
            XCTAssertEqual(fast, general, String(decoding: line, as: UTF8.self))
            bothAccepted += 1
        }
        print("decoder: \(bothAccepted) mutated lines accepted alike, \(handedOver) accepted only by the general path")
        XCTAssertGreaterThan(bothAccepted, 1_000)
    }
}
