import Foundation
import Ledger
import XCTest

/// `events/SOURCES.md` is the bibliography of `events/ledger.jsonl`: every citation of a record
/// that counts is listed there field for field, nothing cited is missing, nothing listed unused.
final class SourcesTests: XCTestCase {
    /// The entries of one section (`## Cited`, `## Withdrawn`) of the bibliography.
    private static func entries(in section: String) throws -> [Source] {
        let text = try String(contentsOfFile: RepositoryPaths.root.appendingPathComponent("events/SOURCES.md").path, encoding: .utf8)
        var sources: [Source] = []
        var inSection = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("## ") { inSection = line == "## \(section)"; continue }
            guard inSection else { continue }
            if line.hasPrefix("### ") {
                sources.append(Source(title: String(line.dropFirst(4))))
            } else if line.hasPrefix("- "), !sources.isEmpty, let colon = line.firstIndex(of: ":") {
                let key = String(line[line.index(line.startIndex, offsetBy: 2)..<colon])
                let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                switch key {
                case "url": sources[sources.count - 1].url = value
                case "published": sources[sources.count - 1].published = try ValidDate(parsing: value)
                case "seed": sources[sources.count - 1].seed = value
                default: XCTFail("unknown field '\(key)' in SOURCES.md")
                }
            }
        }
        return sources
    }

    func testEveryCitationOfARecordThatCountsIsInTheBibliography() throws {
        let ledger = try Ledger.open(path: RepositoryPaths.events)
        let cited = Set(try Self.entries(in: "Cited"))
        XCTAssertEqual(cited.count, 7)
        for record in ledger.history.records {
            for source in record.sources {
                XCTAssertTrue(cited.contains(source), "\(record.id) cites '\(source.title)' as SOURCES.md does not list it")
            }
        }
        let used = Set(ledger.history.records.flatMap(\.sources))
        for source in cited { XCTAssertTrue(used.contains(source), "SOURCES.md lists '\(source.title)', which no record cites") }
    }

    func testWithdrawnCitationsAreListedAsSuchAndNoLongerCount() throws {
        let ledger = try Ledger.open(path: RepositoryPaths.events)
        let withdrawn = try Self.entries(in: "Withdrawn")
        let listed = Set(try Self.entries(in: "Cited")).union(withdrawn)
        for record in ledger.records {
            for source in record.sources { XCTAssertTrue(listed.contains(source), "\(record.id): '\(source.title)'") }
        }
        let counting = Set(ledger.history.records.flatMap(\.sources))
        for source in withdrawn { XCTAssertFalse(counting.contains(source), "'\(source.title)' is still cited by a record that counts") }
        XCTAssertTrue(withdrawn.contains { $0.title.contains("Medieninformation 177/2017") })
    }

    func testEverySeedFileNamedExists() throws {
        let seeds = RepositoryPaths.root.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        guard FileManager.default.fileExists(atPath: seeds.path) else { throw XCTSkip("the seed files are not beside the repository") }
        for source in try Self.entries(in: "Cited") {
            guard let seed = source.seed else { continue }
            XCTAssertTrue(FileManager.default.fileExists(atPath: seeds.appendingPathComponent(seed).path), seed)
        }
    }
}
