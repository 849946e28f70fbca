@testable import Ledger
import XCTest

/// The check values of RFC 3720 (iSCSI), appendix B.4, and the catalogue's "123456789".
final class CRC32CTests: XCTestCase {
    func testCatalogueCheckValue() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8), implementation: .portable), 0xE306_9283)
    }

    func testRFC3720Vectors() {
        let vectors: [([UInt8], UInt32)] = [
            ([UInt8](repeating: 0, count: 32), 0x8A91_36AA),
            ([UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
            ((0..<32).map { UInt8($0) }, 0x46DD_794E),
            ((0..<32).reversed().map { UInt8($0) }, 0x113F_DB5C),
        ]
        for (message, expected) in vectors {
            XCTAssertEqual(CRC32C.checksum(message), expected)
            XCTAssertEqual(CRC32C.checksum(message, implementation: .portable), expected)
        }
    }

    func testThePortableLoopAndTheCPUInstructionAgree() throws {
        try XCTSkipUnless(CRC32C.cpuHasInstruction, "no CRC32 instruction on this CPU")
        for length in [0, 1, 7, 8, 9, 63, 4095, 4096, 4097] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
            XCTAssertEqual(CRC32C.checksum(message, implementation: .hardware), CRC32C.checksum(message, implementation: .portable),
                           "length \(length)")
        }
    }

    func testEveryFlippedBitOfABlockChangesTheChecksum() {
        var block = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let original = CRC32C.checksum(block)
        for bit in stride(from: 0, to: 4096 * 8, by: 97) {
            block[bit / 8] ^= 1 << (bit % 8)
            XCTAssertNotEqual(CRC32C.checksum(block), original, "bit \(bit)")
            block[bit / 8] ^= 1 << (bit % 8)
        }
    }
}
