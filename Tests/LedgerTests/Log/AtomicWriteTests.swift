import Foundation
@testable import Ledger
import XCTest

/// Every file the tool writes goes through `FileSystem.writeAtomically`: a temporary file it has
/// just created beside the target, renamed over it. Nothing planted at a temporary name is ever
/// written through, and what dead writers left behind is swept up.
final class AtomicWriteTests: LedgerDirectoryTestCase {
    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func contents(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    private func plant(_ text: String, at name: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
    }

    private func exists(_ name: String) -> Bool { FileSystem.status(path(name), followingLinks: false) != nil }

    func testAWriteReplacesTheFileAndLeavesNoTemporaryFileBehind() throws {
        try plant("old", at: "page.html")
        try AtomicFile.write(Array("new".utf8), to: path("page.html"))
        XCTAssertEqual(try contents("page.html"), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["page.html"])
    }

    func testTheNewFileIsReadableByAllAndWritableByTheOwnerAsTheUmaskAllows() throws {
        let mask = umask(0)
        umask(mask)
        try AtomicFile.write(Array("x".utf8), to: path("page.html"))
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path("page.html"))[.posixPermissions] as? Int)
        XCTAssertEqual(mode, 0o644 & ~Int(mask))
    }

    func testTemporaryFilesAreNamedForTheirTargetTheirProcessAndARandomSuffix() throws {
        let file = try FileSystem.createTemporaryFile(beside: path("page.html"))
        defer { unlink(file.path) }
        let name = FileSystem.directoryAndName(of: file.path).name
        XCTAssertTrue(name.hasPrefix("page.html.tmp-\(getpid())-"), name)
        XCTAssertEqual(FileSystem.temporaryFileOwner(Array(name.utf8), prefix: Array("page.html.tmp-".utf8)), getpid())
        let second = try FileSystem.createTemporaryFile(beside: path("page.html"))
        defer { unlink(second.path) }
        XCTAssertNotEqual(second.path, file.path)
    }

    func testAnUnnamedScratchFileLeavesNoNameBehindAndCanBeWrittenAndMapped() throws {
        // What a dry run lays its index out in: a process killed while it writes leaves nothing.
        let file = try FileSystem.createUnnamedFile(beside: path("ledger.jsonl.index"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
        try FileSystem.writeAll(Array("scratch".utf8), to: file.fd, name: file.path)
        let mapped = try XCTUnwrap(FileSystem.map(file, length: 7))
        XCTAssertEqual(Array(mapped.bytes), Array("scratch".utf8))
    }

    func testASymlinkPlantedAtTheOldTemporaryNameIsNeitherFollowedNorReplaced() throws {
        try plant("precious", at: "target")
        let planted = "page.html.tmp-\(getpid())"
        try FileManager.default.createSymbolicLink(atPath: path(planted), withDestinationPath: path("target"))
        try AtomicFile.write(Array("page".utf8), to: path("page.html"))
        XCTAssertEqual(try contents("target"), "precious")
        XCTAssertEqual(try contents("page.html"), "page")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: path(planted)), path("target"))
    }

    func testASymlinkAtTheTargetIsReplacedNotWrittenThrough() throws {
        try plant("precious", at: "target")
        try FileManager.default.createSymbolicLink(atPath: path("page.html"), withDestinationPath: path("target"))
        try AtomicFile.write(Array("page".utf8), to: path("page.html"))
        XCTAssertEqual(try contents("target"), "precious")
        XCTAssertEqual(FileSystem.status(path("page.html"), followingLinks: false)?.kind, .regular)
        XCTAssertEqual(try contents("page.html"), "page")
    }

    func testWritingAFileSweepsUpTheTemporaryFilesOfDeadWritersOfThatFileOnly() throws {
        let dead = try DeadProcess.pid()
        try XCTSkipIf(FileSystem.isLiveProcess(dead), "pid \(dead) was reused already")
        try plant("precious", at: "target")
        try FileManager.default.createDirectory(atPath: path("page.html.tmp-\(dead)-dd"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: path("page.html.tmp-\(dead)-ee"), withDestinationPath: path("target"))
        let swept = ["page.html.tmp-\(dead)", "page.html.tmp-\(dead)-0123abcd"]
        let kept = ["page.html.tmp-\(getpid())", "page.html.tmp-\(getpid())-0123abcd", "page.html.tmp-\(dead)-XYZ",
                    "page.html.tmp-0\(dead)", "page.html.tmp-\(dead).bak", "other.html.tmp-\(dead)", "page.html.index.tmp-\(dead)"]
        for name in swept + kept { try plant("left over", at: name) }

        try AtomicFile.write(Array("page".utf8), to: path("page.html"))

        for name in swept { XCTAssertFalse(exists(name), "\(name) should be gone") }
        for name in kept + ["page.html.tmp-\(dead)-dd", "page.html.tmp-\(dead)-ee"] { XCTAssertTrue(exists(name), "\(name) should be kept") }
        XCTAssertEqual(try contents("target"), "precious")
    }

    func testTemporaryFileNamesAreParsedStrictly() {
        let prefix = Array("ledger.jsonl.index.tmp-".utf8)
        func owner(_ name: String) -> Int32? { FileSystem.temporaryFileOwner(Array(name.utf8), prefix: prefix) }
        XCTAssertEqual(owner("ledger.jsonl.index.tmp-4242"), 4242)
        XCTAssertEqual(owner("ledger.jsonl.index.tmp-4242-00ff00ff"), 4242)
        XCTAssertNil(owner("ledger.jsonl.index.tmp-"))
        XCTAssertNil(owner("ledger.jsonl.index.tmp-0"))
        XCTAssertNil(owner("ledger.jsonl.index.tmp-042"))
        XCTAssertNil(owner("ledger.jsonl.index.tmp-4242-"))
        XCTAssertNil(owner("ledger.jsonl.index.tmp-4242-00FF"))
        XCTAssertNil(owner("ledger.jsonl.index.tmp-4242-0123456789abcdef0"))
        XCTAssertNil(owner("ledger.jsonl.index.tmp-99999999999"))
        XCTAssertNil(owner("ledger.jsonl.index.tmp-4242x"))
        XCTAssertNil(owner("ledger.jsonl.tmp-4242"))
    }

    func testOnlyAPidWithNoProcessCountsAsDead() throws {
        XCTAssertTrue(FileSystem.isLiveProcess(getpid()))
        XCTAssertTrue(FileSystem.isLiveProcess(1))
        let dead = try DeadProcess.pid()
        try XCTSkipIf(kill(dead, 0) == 0, "pid \(dead) was reused already")
        XCTAssertFalse(FileSystem.isLiveProcess(dead))
    }
}
