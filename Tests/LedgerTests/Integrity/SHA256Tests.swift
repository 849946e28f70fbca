@testable import Ledger
import XCTest

/// The test vectors of NIST's "SHA-256 examples" (FIPS 180-4) and the CAVP short messages.
final class SHA256Tests: XCTestCase {
    func testNISTOneBlockMessage() {
        XCTAssertEqual(SHA256.hex(of: Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testNISTEmptyMessage() {
        XCTAssertEqual(SHA256.hex(of: []), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testNISTTwoBlockMessage() {
        XCTAssertEqual(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testNISTLongMessage() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        XCTAssertEqual(SHA256.hex(of: Array(message.utf8)), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    func testNISTOneMillionTimesA() {
        XCTAssertEqual(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testCAVPShortMessageOfOneByte() {
        XCTAssertEqual(SHA256.hex(of: [0xd3]), "28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1")
    }

    func testThePortableLoopAndTheCPUInstructionsAgree() {
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 4096 + 17] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
            XCTAssertEqual(SHA256.digest(of: message, implementation: .portable), SHA256.digest(of: message), "length \(length)")
        }
        XCTAssertEqual(SHA256.hexString(SHA256.digest(of: Array("abc".utf8), implementation: .portable)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testIncrementalUpdatesMatchOneShotAtEveryBlockBoundary() {
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let expected = SHA256.digest(of: message)
        for split in [0, 1, 55, 56, 63, 64, 65, 128, 299] {
            var hasher = SHA256()
            message[..<split].withUnsafeBytes { hasher.update(buffer: $0) }
            hasher.update(message[split...])
            XCTAssertEqual(hasher.finalize(), expected, "split at \(split)")
        }
    }

    func testTheLineCheckAgreesWithTheDigestForEveryLengthAndSplit() {
        var random = SplitMix64(seed: 7)
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 300, 1_000] {
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let hex = Array(SHA256.hex(of: message).utf8)
            var wrong = hex
            wrong[Int(random.next() % 64)] ^= 0x01
            for split in Set([0, length / 3, length / 2, length]) {
                message.withUnsafeBytes { raw in
                    let (first, second) = (UnsafeRawBufferPointer(rebasing: raw[..<split]), UnsafeRawBufferPointer(rebasing: raw[split...]))
                    for implementation in [SHA256.Implementation.automatic, .portable] {
                        hex.withUnsafeBufferPointer {
                            XCTAssertTrue(SHA256.digest(of: first, second, isHex: $0, implementation: implementation), "\(length) split \(split)")
                        }
                        wrong.withUnsafeBufferPointer {
                            XCTAssertFalse(SHA256.digest(of: first, second, isHex: $0, implementation: implementation), "\(length) split \(split)")
                        }
                    }
                }
            }
        }
    }
}
