import Dispatch
@testable import Ledger
import XCTest

/// One `IndexFile` shared by several threads answers each of them as it answers one alone: what
/// it learns while answering (checked blocks, the rows of records met, the last partial state,
/// the ledger once read in full) is kept safely, and one answer never leaks into another.
final class IndexFileSharingTests: LedgerDirectoryTestCase {
    private static let threads = 8

    /// A random history of 60 records, its index, the ledger's own answers and the questions.
    private func fixture() throws -> (path: String, questions: QuestionSet, expected: [String: QueryOutcome], ledger: Ledger) {
        var generator = RandomHistory(seed: 14)
        var builder = LedgerBuilder()
        // In valid-time order, so the ledger as known at any record replays (a question as known
        // earlier reads exactly that).
        for body in generator.bodies(count: 60, inValidTimeOrder: true) { builder.append(body) }
        let path = try write(builder)
        let ledger = try Ledger.open(path: path)
        XCTAssertTrue(IndexFile.write(for: ledger, ledgerPath: path))
        let days = ledger.records.map(\.effectiveDate.firstDay).sorted()
        let final = try ledger.snapshot(at: ValidDate(dayNumber: days.last! + 1))
        let questions = QuestionSet(dates: [days[days.count / 3], days[2 * days.count / 3], days.last! + 1].map(ValidDate.init(dayNumber:)),
                                    tasks: final.taskIDs.sorted(), units: Array(final.unitIDs.sorted().prefix(3)),
                                    records: ledger.records.map(\.id))
        return (path, questions, questions.ask(ledger), ledger)
    }

    /// Each thread asks every question in an order of its own, so answers that share a cache
    /// (provenance after `responsible`, record rows after an org chart) race for it.
    private static func ask(_ index: IndexFile, _ questions: QuestionSet, thread: Int, expected: [String: QueryOutcome]) -> [String] {
        var mine = questions
        let turn = thread * max(1, mine.tasks.count / Self.threads)
        mine.tasks = Array(mine.tasks[turn...] + mine.tasks[..<turn])
        // The first and last dates stay: the diff is asked between them.
        if thread.isMultiple(of: 2) { mine.dates = [mine.dates.first!] + mine.dates.dropFirst().dropLast().reversed() + [mine.dates.last!] }
        let answers = mine.ask(index)
        return expected.keys.sorted().filter { answers[$0] != expected[$0] }.map { "thread \(thread): \($0)" }
    }

    func testThreadsAskingOneIndexAtOnceGetTheLedgersAnswers() throws {
        let (path, questions, answers, _) = try fixture()
        // Read only, by every thread: the answers are values, but `AnyHashable` is not `Sendable`.
        nonisolated(unsafe) let expected = answers
        for round in 1...4 {
            // A fresh index each round: no block checked, nothing remembered, so the threads race
            // to check and remember the same things.
            let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
            let mismatches = Locked<[String]>([])
            DispatchQueue.concurrentPerform(iterations: Self.threads) { thread in
                let wrong = Self.ask(index, questions, thread: thread, expected: expected)
                mismatches.withLock { $0 += wrong }
            }
            XCTAssertEqual(mismatches.withLock { $0 }, [], "round \(round)")
            XCTAssertNil(index.loadedLedger, "round \(round): the index fell back to the full ledger")
        }
    }

    /// The whole ledger (what the exports read) is read in full, once, while other threads are in
    /// the middle of answers from the index, some as known earlier and some the whole history
    /// (which the index answers); from then on every question is answered from the ledger.
    func testTheWholeLedgerIsReadOnceWhileOthersAnswerFromTheIndex() throws {
        let (path, questions, answers, ledger) = try fixture()
        nonisolated(unsafe) let expected = answers
        let earlier = ledger.records[ledger.records.count / 2].recorded
        let task = questions.tasks[0], date = questions.dates[1]
        let before = try ledger.responsible(task, at: date, knownAt: earlier)
        let history = try ledger.history(of: nil, knownAt: earlier)
        let index = try XCTUnwrap(IndexFile.open(ledgerPath: path))
        let mismatches = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: Self.threads) { thread in
            if thread.isMultiple(of: 2) {
                let answer = Result { () throws(QueryError) in try index.responsible(task, at: date, knownAt: earlier) }
                if (try? answer.get()) != before { mismatches.withLock { $0.append("thread \(thread): \(task) as known at \(earlier)") } }
            }
            if thread.isMultiple(of: 3) {
                let answer = Result { () throws(QueryError) in try index.wholeLedger().history(of: nil, knownAt: earlier) }
                if (try? answer.get()) != history { mismatches.withLock { $0.append("thread \(thread): the whole ledger's history") } }
            }
            if thread.isMultiple(of: 5) {
                let answer = Result { () throws(QueryError) in try index.history(of: nil, knownAt: earlier) }
                if (try? answer.get()) != history { mismatches.withLock { $0.append("thread \(thread): history") } }
            }
            let wrong = Self.ask(index, questions, thread: thread, expected: expected)
            mismatches.withLock { $0 += wrong }
        }
        XCTAssertEqual(mismatches.withLock { $0 }, [])
        XCTAssertNotNil(index.loadedLedger)
    }
}
