import Foundation
@testable import Ledger
import XCTest

/// An edited, truncated or garbled ledger is detected, never trusted, and never crashes the reader.
final class TamperAndFuzzTests: XCTestCase {
    private var eventsText: [UInt8] { Array(try! Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.events))) }

    func testEditingAnyByteOfTheThuringianLedgerIsCaughtNamingTheRecord() throws {
        let original = eventsText
        var lineStarts = [0]
        for (offset, byte) in original.enumerated() where byte == 0x0A { lineStarts.append(offset + 1) }
        var caught = 0, edits = 0
        // Every 31st byte keeps the test quick (each line is still hit about 50 times);
        // `LEDGER_STRESS=1` edits every byte.
        let step = ProcessInfo.processInfo.environment["LEDGER_STRESS"] == "1" ? 1 : 31
        for offset in stride(from: 0, to: original.count, by: step) {
            edits += 1
            var edited = original
            edited[offset] = edited[offset] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
            let line = lineStarts.lastIndex { $0 <= offset }! + 1
            do {
                _ = try Ledger(records: LedgerFile.parse(Data(edited)))
                XCTFail("edit at byte \(offset) (line \(line)) was not detected")
            } catch let error as IntegrityError {
                caught += 1
                let text = "\(error)"
                XCTAssertTrue(text.contains("line \(line)") || text.contains("line \(line + 1)"), "byte \(offset): \(text)")
            }
        }
        XCTAssertEqual(caught, edits)
        XCTAssertGreaterThan(edits, 1_000)
    }

    func testALineThatIsValidButNotCanonicalIsCaught() throws {
        let line = String(decoding: eventsText, as: UTF8.self).split(separator: "\n")[0]
        // Each rewrite keeps the content (and so the hash) but not the canonical bytes.
        let rewrites = [
            line.replacingOccurrences(of: "\"seq\":1", with: "\"seq\": 1"),
            line.replacingOccurrences(of: "Thüringer", with: "Th\\u00fcringer"),
            line.replacingOccurrences(of: "Th\u{00FC}ringer", with: "Th\\u00FCringer"),
            line.replacingOccurrences(of: "https://", with: "https:\\/\\/"),
            "{\"seq\":1," + line.dropFirst().replacingOccurrences(of: ",\"seq\":1", with: ""),
        ]
        for rewritten in rewrites {
            XCTAssertNotEqual(rewritten, String(line))
            XCTAssertThrowsError(try LedgerFile.parse(Data((rewritten + "\n").utf8)), rewritten) { error in
                XCTAssertEqual("\(error)", "line 1, record '2017-baseline-landesverwaltung' (seq 1): not in canonical form; the line was edited")
            }
        }
    }

    func testATruncatedFileIsATornTailNamingItsByteOffset() throws {
        let original = eventsText
        let cut = original.count - 50
        XCTAssertThrowsError(try LedgerFile.parse(Data(original[..<cut]))) { error in
            guard case let IntegrityError.tornTail(line, offset, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 25)
            XCTAssertEqual(offset, original[..<(original.count - 1)].lastIndex(of: 0x0A)! + 1)
        }
    }

    func testDroppingOrSwappingRecordsBreaksTheChain() throws {
        var lines = String(decoding: eventsText, as: UTF8.self).split(separator: "\n").map(String.init)
        lines.remove(at: 5)
        XCTAssertThrowsError(try LedgerFile.parse(Data((lines.joined(separator: "\n") + "\n").utf8))) { error in
            XCTAssertTrue("\(error)".hasPrefix("line 6, record '2018-06-05-digitalisierungskabinett': field 'seq' is 7, expected 6"), "\(error)")
        }
    }

    /// Mutated lines (flipped bits, inserted and deleted bytes, cuts, splices) fed to the decoder
    /// and the verifier: errors, never crashes or hangs.
    func testMutatedLinesNeverCrashTheDecoderOrTheVerifier() throws {
        let stress = ProcessInfo.processInfo.environment["LEDGER_STRESS"] == "1"
        let count = stress ? 100_000 : 2_000
        let lines = String(decoding: eventsText, as: UTF8.self).split(separator: "\n").map { Array($0.utf8) }
        var random = SplitMix64(seed: 2017_09_26)
        var accepted = 0
        let start = Date()
        for _ in 0..<count {
            var line = lines[Int.random(in: 0..<lines.count, using: &random)]
            for _ in 0...Int.random(in: 0...3, using: &random) {
                guard !line.isEmpty else { break }
                let at = Int.random(in: 0..<line.count, using: &random)
                switch Int.random(in: 0...5, using: &random) {
                case 0: line[at] ^= UInt8(1 << Int.random(in: 0...7, using: &random))
                case 1: line.insert(UInt8.random(in: 0...255, using: &random), at: at)
                case 2: line.remove(at: at)
                case 3: line = Array(line[..<at])
                case 4: line.insert(contentsOf: lines[Int.random(in: 0..<lines.count, using: &random)].prefix(20), at: at)
                default: line[at] = [UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\\"), 0xC3][Int.random(in: 0...4, using: &random)]
                }
            }
            if let value = try? JSONParser.parse(bytes: line), (try? Record(json: value)) != nil { accepted += 1 }
            _ = try? LedgerFile.parse(Data(line + [0x0A]))
        }
        let seconds = Date().timeIntervalSince(start)
        print("fuzz: \(count) mutated lines in \(String(format: "%.2f", seconds)) s, \(accepted) still decoded as records")
        XCTAssertLessThan(accepted, count)
    }
}
