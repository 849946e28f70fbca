@testable import Ledger
import XCTest

/// Answers written piece by piece to stdout must be byte for byte what `PrettyJSON.string(of:)`
/// gives for the whole answer: scripts read it, and cannot tell how it was produced.
final class PrettyJSONWriterTests: XCTestCase {
    /// A unit as a Thuringian answer shows it, with umlauts, a dash and an escaped quote.
    private let kv40: JSONValue = .object([
        ("id", .string("kv40")), ("name", .string("Kompetenzzentrum Verwaltung 4.0 – \"KV 4.0\"")),
        ("abbreviation", .null), ("kind", .string("division")),
    ])

    private var answer: JSONValue {
        .object([
            ("tasks", .array([
                .object([("task", .string("ozg-beratung-kommunen")), ("title", .string("Beratung der Kommunen zum OZG")),
                         ("unit", kv40), ("since", .string("2020-01")), ("record", .null)]),
                .object([("task", .string("bb-abfall-1000914")), ("title", .string("Registrierung von Abfallanlagen")),
                         ("unit", .null), ("since", .null), ("record", .null)]),
            ])),
            ("at", .string("2020-06-30")),
            ("empty", .object([])), ("none", .array([])), ("count", .integer(2)), ("final", .bool(true)),
            ("nested", .array([.array([]), .array([.object([]), .array([.string("Süd\n")])]), .null])),
        ])
    }

    /// Everything `write` hands on, joined, with the chunks it came in.
    private func written(chunkSize: Int, _ body: (inout PrettyJSONWriter<Never>) -> Void) -> (text: String, chunks: [[UInt8]]) {
        var chunks: [[UInt8]] = []
        var writer = PrettyJSONWriter<Never>(chunkSize: chunkSize) { chunks.append($0) }
        body(&writer)
        writer.finish()
        return (String(decoding: chunks.joined(), as: UTF8.self), chunks)
    }

    func testAWholeAnswerIsWrittenAsPrettyJSONWritesItAtEveryChunkSize() {
        let expected = PrettyJSON.string(of: answer)
        for chunkSize in [1, 2, 3, 7, 64, 1000, 1 << 16] {
            XCTAssertEqual(written(chunkSize: chunkSize) { $0.write(answer) }.text, expected, "chunks of \(chunkSize)")
        }
    }

    func testAnAnswerBuiltElementByElementIsWrittenAsTheWholeOne() {
        guard case .object(let members) = answer, case .array(let tasks)? = answer["tasks"] else { return XCTFail() }
        let others = members.filter { $0.key != "tasks" }
        let expected = PrettyJSON.string(of: answer)
        for chunkSize in [1, 5, 17, 1 << 16] {
            let streamed = written(chunkSize: chunkSize) { writer in
                writer.object(others, streaming: "tasks") { writer in writer.array(tasks) { $0 } }
            }
            XCTAssertEqual(streamed.text, expected, "chunks of \(chunkSize)")
        }
    }

    func testEmptyContainersOpenedAndClosedByHandStayOnOneLine() {
        let text = written(chunkSize: 4) { writer in
            writer.beginObject()
            writer.key("a")
            writer.beginArray()
            writer.endArray()
            writer.key("b")
            writer.beginObject()
            writer.endObject()
            writer.key("c")
            writer.array([JSONValue]()) { $0 }
            writer.endObject()
        }.text
        XCTAssertEqual(text, "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": []\n}")
        XCTAssertEqual(text, PrettyJSON.string(of: .object([("c", .array([])), ("b", .object([])), ("a", .array([]))])))
    }

    func testTheStreamedMemberTakesItsPlaceInKeyOrderFirstMiddleOrLast() {
        for key in ["a", "m", "z"] {
            let members: [(key: String, value: JSONValue)] = [("b", .integer(1)), ("y", .string("ü"))]
            let whole = PrettyJSON.string(of: .object(members + [(key, .array([.integer(1), .array([])]))]))
            let streamed = written(chunkSize: 3) { writer in
                writer.object(members, streaming: key) { writer in
                    writer.beginArray()
                    writer.write(.integer(1))
                    writer.write(.array([]))
                    writer.endArray()
                }
            }.text
            XCTAssertEqual(streamed, whole, "streamed key \(key)")
        }
    }

    func testChunksAreHandedOnOnceFullAndTheRestWithTheTerminatorAtTheEnd() {
        var chunks: [[UInt8]] = []
        var writer = PrettyJSONWriter<Never>(chunkSize: 64) { chunks.append($0) }
        writer.array(0..<1000) { .integer($0) }
        XCTAssertFalse(chunks.isEmpty, "a long array is handed on before it is finished")
        XCTAssertTrue(chunks.allSatisfy { $0.count >= 64 })
        writer.finish(terminator: "\n")
        let expected = PrettyJSON.string(of: .array((0..<1000).map { .integer($0) })) + "\n"
        XCTAssertEqual(String(decoding: chunks.joined(), as: UTF8.self), expected)
        XCTAssertTrue(chunks.dropLast().allSatisfy { $0.count >= 64 && $0.count < 64 + 16 })
    }

    func testAFailingSinkStopsTheWriting() {
        struct ClosedPipe: Error {}
        var calls = 0
        var writer = PrettyJSONWriter<ClosedPipe>(chunkSize: 8) { (_) throws(ClosedPipe) in
            calls += 1
            throw ClosedPipe()
        }
        XCTAssertThrowsError(try writer.array(0..<100) { .integer($0) })
        XCTAssertEqual(calls, 1)
    }

    func testTheOrgChartWrittenNodeByNodeIsItsWholeJSON() throws {
        let chart = try Ledger.open(path: RepositoryPaths.events).orgChart(at: ValidDate(parsing: "2020-06-30"))
        XCTAssertFalse(chart.allNodes.isEmpty)
        for chunkSize in [1, 100, 1 << 16] {
            XCTAssertEqual(written(chunkSize: chunkSize) { chart.writeJSON(to: &$0) }.text, PrettyJSON.string(of: chart.json),
                           "chunks of \(chunkSize)")
        }
    }
}
