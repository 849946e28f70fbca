@testable import Ledger
import XCTest

/// The word-at-a-time slug check the decoders use must agree with the byte-by-byte rule.
final class SlugTests: XCTestCase {
    private func fast(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { Slug.isValid($0) } }
    private func slow(_ bytes: [UInt8]) -> Bool { Slug.isValid(AnySequence(bytes)) }

    func testIdentifiersOfTheThuringianHistoryAreSlugs() {
        for id in ["kv40", "tfm-egov-it", "ozg-beratung-kommunen", "2017-09-26-kabinett-verwaltung-4-0", "a.b-c9"] {
            XCTAssertTrue(fast(Array(id.utf8)), id)
        }
        for id in ["", "-kv40", ".kv", "KV40", "kv 40", "kv_40", "kv/40", "küche", "kv40\n"] {
            XCTAssertFalse(fast(Array(id.utf8)), id)
        }
    }

    func testEveryByteAtEveryPositionIsJudgedAsTheRuleSays() {
        // Lengths around one and two words, each byte value at each position of a valid id.
        for length in [1, 7, 8, 9, 15, 16, 17, 24] {
            let valid = Array(repeating: UInt8(ascii: "a"), count: length)
            for position in 0..<length {
                for byte in UInt8.min...UInt8.max {
                    var id = valid
                    id[position] = byte
                    XCTAssertEqual(fast(id), slow(id), "byte \(byte) at \(position) of \(length)")
                }
            }
        }
    }

    func testRandomBytesFromTheSlugAlphabetAndItsNeighbours() {
        var random = SeededRandom(seed: 7)
        let alphabet = Array("abcxyz0189-./:`{@ZA_ é".utf8)
        for _ in 0..<20_000 {
            let id = (0..<random.int(below: 30)).map { _ in alphabet[random.int(below: alphabet.count)] }
            XCTAssertEqual(fast(id), slow(id), String(decoding: id, as: UTF8.self))
        }
    }
}
