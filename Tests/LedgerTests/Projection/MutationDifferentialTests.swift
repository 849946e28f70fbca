import Foundation
@testable import Ledger
import LedgerTesting
import XCTest

/// Hand edits of valid ledgers (the Thuringian history, random histories and generated ledgers),
/// each sealed into a sound chain, put to the reference engine and to the paths the commands take.
///
/// The oracle is the String engine: `Ledger(records:)` and `HistoryValidation` (which must agree
/// with each other) and `ReferenceReplay` (its own reading of corrections). The paths under test
/// are the quick `verify` (`CompactVerification`), the compact index build (`IndexFile.build`),
/// `LedgerVerification` (what `ledger verify` runs), queries through `LedgerStore.openForQueries`
/// (the index, and its tail after appends) and `LedgerAppender.append` (through the index where
/// the batch allows, else in full). For every edited ledger they must agree on the verdict; a
/// refusal must name the same rule at the same line, record and change; and for a ledger that
/// holds, every question the command line asks must get the same answer from the index as from
/// the records in memory and the reference replay, also as known at an earlier time. Then the
/// edited ledger is appended, a valid prefix first and the rest in one batch or record by record,
/// and each append must store or refuse exactly as the oracle says, leaving the file as it was
/// after a refusal.
///
/// Seeds are fixed, so a failure names its seed and edits and can be replayed. `LEDGER_STRESS=1`
/// tries some ten times as many. Each test prints one line of figures.
final class MutationDifferentialTests: LedgerDirectoryTestCase {
    private var stress: Bool { ProcessInfo.processInfo.environment["LEDGER_STRESS"] == "1" }

    func testEditsOfTheThuringianHistory() throws {
        let original = try LedgerFile.read(path: RepositoryPaths.events)
        try run("edits of the Thuringian history", seeds: stress ? 2_000 : 120) { _ in EditedLedger(original) }
    }

    func testEditsOfRandomHistories() throws {
        try run("edits of random histories", seeds: stress ? 2_500 : 150) { random in
            var generator = RandomHistory(seed: random.next())
            return EditedLedger(generator.bodies(count: Int.random(in: 3...24, using: &generator.random)))
        }
    }

    func testEditsOfGeneratedLedgers() throws {
        try run("edits of generated ledgers", seeds: stress ? 600 : 30) { random in
            EditedLedger(Array(HistoryGenerator(records: Int.random(in: 20...70, using: &random), seed: random.next() % 1_000)))
        }
    }

    /// Edits one valid ledger per seed (made by `source`) and checks each on every path.
    private func run(_ name: String, seeds: UInt64, source: (inout SplitMix64) -> EditedLedger) throws {
        var tally = MutationTally()
        for seed in 1...seeds {
            var mutator = LedgerMutator(seed: seed &* 0x9E37_79B9)
            var ledger = source(&mutator.random)
            XCTAssertNoThrow(try Ledger(records: ledger.records), "\(name), seed \(seed): the ledger before the edits")
            let edits = mutator.mutate(&ledger)
            let what = "\(name), seed \(seed) (\(edits.joined(separator: "; ")))"
            let failures = testRun?.totalFailureCount ?? 0
            try check(ledger, what, using: &mutator.random, tally: &tally)
            if (testRun?.totalFailureCount ?? 0) > failures {
                tally.disagreements += 1
                XCTFail("the failures above are of \(what)")
                if tally.disagreements >= 5 { XCTFail("stopped after 5 disagreeing edits"); break }
            }
        }
        print(tally.summary(of: name))
    }

    // MARK: - One edited ledger on every path

    private func check(_ edited: EditedLedger, _ what: String, using random: inout SplitMix64, tally: inout MutationTally) throws {
        tally.tried += 1
        let records = edited.records
        let path = try fresh("edited.jsonl", holding: edited.fileText)

        // The oracle, in its readings.
        let oracle = Result { () throws(RuleViolation) in try Ledger(records: records) }
        let validation = Result { () throws(RuleViolation) in try HistoryValidation.check(records) }
        XCTAssertEqual(validation.refusal, oracle.refusal, "\(what): HistoryValidation and Ledger(records:) differ")
        assertReplayAgrees(records, with: oracle, what)

        // The paths a command takes.
        let quick = CompactVerification.verify(path: path, expectHead: nil)
        let built = IndexFile.build(ledgerPath: path)
        if built, case .success(let ledger) = oracle {
            // The index built from the compact reading is the one written from the records in memory.
            let indexPath = IndexFile.path(forLedger: path)
            let compact = try? Data(contentsOf: URL(fileURLWithPath: indexPath))
            XCTAssertTrue(IndexFile.write(for: ledger, ledgerPath: path), what)
            XCTAssertEqual(compact, try? Data(contentsOf: URL(fileURLWithPath: indexPath)), "\(what): the two index writers differ")
        }
        let verified = Result { () throws(IntegrityError) in try LedgerVerification.verify(path: path, index: .skip) }
        let queried = Result { () throws(IntegrityError) in try LedgerStore.openForQueries(path: path) }
        switch oracle {
        case .success(let ledger):
            tally.accepted += 1
            let report = VerificationReport(records: records.count, head: ledger.head)
            XCTAssertEqual(quick, report, "\(what): the quick verify")
            let middle = records[records.count / 2]
            var expectingHead = report
            expectingHead.expectedHeadSeq = middle.seq
            XCTAssertEqual(CompactVerification.verify(path: path, expectHead: middle.hash), expectingHead, "\(what): the quick verify, expecting a head")
            XCTAssertTrue(built, "\(what): the compact index build gave up on a ledger the oracle accepts")
            XCTAssertEqual(verified.refusal, nil, "\(what): verify")
            XCTAssertEqual(try? verified.get(), report, "\(what): verify")
            switch queried {
            case .success(let indexed):
                XCTAssertTrue(indexed is IndexFile, "\(what): queries were not answered from the index")
                try assertSameAnswers(ledger, indexed, path: path, what, using: &random, tally: &tally)
            case .failure(let error):
                XCTFail("\(what): a query refused a ledger the oracle accepts: \(error)")
            }
        case .failure(let violation):
            // The chain is checked before any rule: a record id used twice is named as such.
            let expected = Self.firstRepeatedID(in: records) ?? .ruleViolation(violation)
            tally.refused(expected)
            XCTAssertNil(quick, "\(what): the quick verify vouched for a ledger the oracle refuses (\(violation))")
            XCTAssertFalse(built, "\(what): the compact index build vouched for a ledger the oracle refuses (\(violation))")
            XCTAssertEqual(verified.refusal, "\(expected)", "\(what): verify")
            XCTAssertEqual(queried.refusal, "\(expected)", "\(what): a query")
        }
        try checkAppending(edited, what, using: &random, tally: &tally)
    }

    /// `ReferenceReplay`, which reads corrections its own way, replays the whole history exactly
    /// when the oracle's change rules hold, and breaks at the same change when one does not.
    private func assertReplayAgrees(_ records: [Record], with oracle: Result<Ledger, RuleViolation>, _ what: String) {
        let replay = Result { () throws(RuleViolation) in try ReferenceReplay.state(of: records, at: Self.afterEverything(records)) }
        switch oracle {
        case .success:
            XCTAssertEqual(replay.refusal, nil, "\(what): the reference replay breaks where the oracle holds")
        case .failure(let violation) where violation.changeIndex != nil:
            var expected = violation
            expected.line = nil
            XCTAssertEqual(replay.refusal, "\(expected)", "\(what): the reference replay")
        case .failure(let violation) where violation.rule.hasPrefix("field 'actor'") || violation.rule.hasPrefix("field 'about"):
            // Checked after every change replayed.
            XCTAssertEqual(replay.refusal, nil, "\(what): the reference replay")
        case .failure:
            break // a rule about a record on its own, which the replay does not check
        }
    }

    // MARK: - Answers

    /// Every question on a few dates through the index and from the records in memory, now and as
    /// known at an earlier time; the records' answers against the reference replay; the diff, the
    /// history and timelines.
    private func assertSameAnswers(_ ledger: Ledger, _ indexed: any LedgerQuerying, path: String, _ what: String,
                                   using random: inout SplitMix64, tally: inout MutationTally) throws {
        let records = ledger.records
        let days = records.map(\.effectiveDate.firstDay).sorted()
        // Before everything, after everything, and a day near one a record takes effect.
        let probes = [days.first! - 1, days.last! + 1, days.randomElement(using: &random)! + Int.random(in: -1...1, using: &random)]
        let dates = Set(probes).sorted().compactMap(ValidDate.init(checkingDayNumber:))
        let final = try ledger.snapshot(at: dates.last!)
        let questions = QuestionSet(dates: dates, tasks: Self.sample(final.taskIDs, final.taskIDs.count <= 20 ? 20 : 8, using: &random) + ["no-such-task"],
                                    units: Self.sample(final.unitIDs, 1, using: &random) + ["no-such-unit"],
                                    records: Self.sample(records.map(\.id), 6, using: &random) + ["no-such-record"],
                                    asksAboutOffices: true)
        assertSame(questions.ask(indexed), questions.ask(ledger), "\(what), known now", tally: &tally)
        let failures = testRun?.totalFailureCount ?? 0
        for date in dates { try IndexMatchesReplayTests.assertAgreement(ledger, at: date) }
        if (testRun?.totalFailureCount ?? 0) > failures { XCTFail("\(what): the answers above differ from the reference replay") }

        let (from, to) = (dates[0], dates[dates.count > 2 ? 1 : dates.count - 1])
        let expected = OrgDiff(from: try ReferenceReplay.state(of: records, at: from), at: from,
                               to: try ReferenceReplay.state(of: records, at: to), at: to)
        var diff = try indexed.diff(from: from, to: to, knownAt: .distantFuture)
        diff.causes = [:]
        XCTAssertEqual(diff, expected, "\(what): diff from \(from) to \(to)")

        let earlier = Self.earlierKnowledge(records, using: &random)
        if let earlier {
            var before = questions
            before.dates = Self.sample(dates, 2, using: &random)
            before.tasks = Array(questions.tasks.suffix(3))
            before.units = Array(questions.units.suffix(1))
            before.records = [] // a record is found whenever it was recorded
            before.knownAt = earlier
            try assertKnownAt(earlier, ledger, indexed, questions: before, what, tally: &tally)
        }

        let file = try Ledger.open(path: path)
        for knownAt in [TransactionTime.distantFuture] + (earlier.map { [$0] } ?? []) {
            try assertHistory(ledger, read: file, knownAt: knownAt, subjects: Array(questions.tasks.prefix(2) + questions.units.prefix(1)), what)
        }
        for task in questions.tasks.prefix(2) where task != "no-such-task" {
            try assertTimeline(of: task, in: ledger, what)
        }
    }

    /// Answers as known at `knownAt`, before the last record: through the index (which reads the
    /// records for them) and from the records in memory alike; and as the ledger of only the
    /// records known then answers them now, which the reference replay holds to its own reading
    /// of "known at". When the records known then do not replay (only a forged, re-sealed ledger
    /// has such a prefix), every such answer of the full read is an integrity failure naming the
    /// change the replay breaks at, while the index answers from its steps as known then
    /// (docs/FORMAT.md §5.5): the two are compared only where the records known then replay.
    private func assertKnownAt(_ knownAt: TransactionTime, _ ledger: Ledger, _ indexed: any LedgerQuerying, questions: QuestionSet,
                               _ what: String, tally: inout MutationTally) throws {
        let context = "\(what), known at \(knownAt)"
        let answers = questions.ask(ledger)
        let known = ledger.records.filter { $0.recorded <= knownAt }
        let end = Self.afterEverything(known)
        switch Result(catching: { () throws(RuleViolation) in try ReferenceReplay.state(of: ledger.records, at: end, knownAt: knownAt) }) {
        case .failure(let violation):
            for date in questions.dates {
                do {
                    _ = try ledger.units(at: date, knownAt: knownAt)
                    XCTFail("\(context): answered at \(date), where the records known then do not replay")
                } catch {
                    guard case let .integrity(.ruleViolation(found)) = error else { XCTFail("\(context): \(error)"); continue }
                    XCTAssertEqual([found.recordID, found.op, found.rule], [violation.recordID, violation.op, violation.rule], context)
                    XCTAssertEqual(found.changeIndex, violation.changeIndex, context)
                }
            }
        case .success:
            assertSame(questions.ask(indexed), answers, context, tally: &tally)
            for date in questions.dates {
                XCTAssertEqual(try ReferenceReplay.state(of: ledger.records, at: date, knownAt: knownAt),
                               try ReferenceReplay.state(of: known, at: date), "\(context): the reference replay at \(date)")
            }
            // The ledger of the records known then (unless a record's `actor` or `about` names a
            // unit only a later record establishes: those are checked on the whole ledger).
            guard let then = try? Ledger(records: known) else { return }
            // Only about tasks and units known then: of one defined or established by a later
            // record, the answer as known then still knows it (see
            // `testKnownBug_AnAnswerAsKnownAtAnEarlierTimeKnowsTasksAndUnitsOnlyLaterRecordsDefine`).
            let knownThen = try then.snapshot(at: end)
            var asked = questions
            asked.tasks = questions.tasks.filter { knownThen.task($0) != nil || $0 == "no-such-task" }
            asked.units = questions.units.filter { knownThen.unit($0) != nil || $0 == "no-such-unit" }
            var now = asked
            now.knownAt = .distantFuture
            assertSame(now.ask(then), asked.ask(ledger), "\(context), against the ledger of the records known then", tally: &tally)
            let failures = testRun?.totalFailureCount ?? 0
            for date in questions.dates { try IndexMatchesReplayTests.assertAgreement(then, at: date) }
            if (testRun?.totalFailureCount ?? 0) > failures {
                XCTFail("\(context): the answers above of the records known then differ from the reference replay")
            }
        }
    }

    /// The same questions answered alike: `answers` (the path under test) as `expected`.
    private func assertSame(_ answers: [String: QueryOutcome], _ expected: [String: QueryOutcome], _ what: String,
                            tally: inout MutationTally) {
        XCTAssertEqual(Set(answers.keys), Set(expected.keys), what)
        tally.answersCompared += expected.count
        let differing = expected.keys.sorted().filter { answers[$0] != expected[$0] }
        for question in differing.prefix(3) {
            XCTFail("\(what): \(question): answered \(Self.short(answers[question])), expected \(Self.short(expected[question]))")
        }
        if differing.count > 3 { XCTFail("\(what): and \(differing.count - 3) more questions") }
    }

    /// `history` as FORMAT.md §5.3 reads withdrawals: every record known then, by date and then in
    /// ledger order, withdrawn by the latest correction or retraction of it, and a correction
    /// superseded by a later one of the same target withdrawn by that one; and the same from the
    /// file as from the records in memory.
    private func assertHistory(_ ledger: Ledger, read file: Ledger, knownAt: TransactionTime, subjects: [String], _ what: String) throws {
        let known = ledger.records.filter { $0.recorded <= knownAt }
        var decider: [RecordID: Record] = [:]
        for record in known {
            if let target = record.corrects ?? record.retracts { decider[target] = record }
        }
        var withdrawn: [RecordID: Record] = [:]
        for record in known {
            if let target = record.corrects, let decisive = decider[target], decisive.id != record.id {
                withdrawn[record.id] = decisive
            } else if let decisive = decider[record.id] {
                withdrawn[record.id] = decisive
            }
        }
        let history = try ledger.history(knownAt: knownAt)
        let order = known.sorted { $0.date != $1.date ? $0.date < $1.date : $0.seq < $1.seq }.map(\.id)
        XCTAssertEqual(history.entries.map(\.record.id), order, "\(what): history as known at \(knownAt)")
        for entry in history.entries {
            let by = withdrawn[entry.record.id]
            XCTAssertEqual(entry.withdrawnBy, by?.id, "\(what): history of \(entry.record.id) as known at \(knownAt)")
            XCTAssertEqual(entry.withdrawal, by.map { $0.retracts != nil ? .retracted : .corrected }, "\(what): \(entry.record.id)")
        }
        for subject in [nil] + subjects.map(Optional.some) {
            let fromFile = Result { () throws(QueryError) in try file.history(of: subject, knownAt: knownAt) }
            let fromMemory = Result { () throws(QueryError) in try ledger.history(of: subject, knownAt: knownAt) }
            XCTAssertEqual(try? fromFile.get(), try? fromMemory.get(), "\(what): history of \(subject ?? "everything")")
            XCTAssertEqual(fromFile.refusal, fromMemory.refusal, "\(what): history of \(subject ?? "everything")")
        }
    }

    /// A task's timeline: on the first and the last day of each period the reference replay has
    /// the period's holder, on the period's path.
    private func assertTimeline(of task: TaskID, in ledger: Ledger, _ what: String) throws {
        let timeline = try ledger.timeline(of: task)
        for period in timeline.periods {
            for day in [period.from.firstDay, period.to?.firstDay].compactMap({ $0 }) {
                let state = try ReferenceReplay.state(of: ledger.records, at: ValidDate(dayNumber: day))
                let holder = state.tasks[task]?.holder
                XCTAssertEqual(period.unit?.id, holder, "\(what): timeline of \(task), period from \(period.from)")
                XCTAssertEqual(period.path, holder.map { state.path(from: $0) } ?? [], "\(what): timeline of \(task) on day \(day)")
            }
        }
    }

    // MARK: - Appending

    /// Appends the edited ledger: a valid prefix as the file, then the rest through the library's
    /// `append`, in one batch or record by record, each append checked against the oracle.
    private func checkAppending(_ edited: EditedLedger, _ what: String, using random: inout SplitMix64,
                                tally: inout MutationTally) throws {
        // A random cut, else half of it, else none at all, whichever leaves a valid prefix first.
        let wanted = Int.random(in: 0..<edited.bodies.count, using: &random)
        let cut = [wanted, wanted / 2].first { (try? HistoryValidation.check(edited.prefix($0).records)) != nil } ?? 0
        // The journal an append leaves (empty) is kept: making a new one costs a directory fsync.
        let path = try fresh("appended.jsonl", holding: edited.prefix(cut).fileText, keepingJournal: true)
        let journal = path + ".journal"
        let rest = Array(edited.bodies[cut...])
        // An append that stores costs three fsyncs, some 5 to 50 ms each on a busy machine: by
        // default two in three are dry runs (checked alike, written never), in one batch. Of the
        // others, one in three appends the first two records one by one, then the rest.
        let dryRun = !stress && Int.random(in: 0..<3, using: &random) != 0
        let oneByOne = !dryRun && Int.random(in: 0..<3, using: &random) == 0
        let batches = oneByOne ? rest.prefix(2).map { [$0] } + (rest.count > 2 ? [Array(rest.dropFirst(2))] : []) : [rest]
        let now = TransactionTime(nanosecondsSinceEpoch: edited.recorded.max()!.nanoseconds + 86_400_000_000_000)
        var stored = false
        for batch in batches {
            let context = "\(what): appending \(batch.map(\.id)) after \(cut) records\(oneByOne ? ", one by one" : "")\(dryRun ? ", dry run" : "")"
            tally.appends += 1
            if dryRun { tally.dryRuns += 1 }
            let current = try LedgerFile.read(path: path)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let expected = AppendOracle.expectedAppend(of: batch, onto: current, now: now)
            let planned: Result<AppendOutcome, AppendError>
            do {
                let ledger = try Ledger(records: current)
                planned = Result { () throws(AppendError) in try LedgerAppender.plan(batch, onto: ledger, now: now) }
            }
            let appended = Result { () throws(AppendError) in try LedgerAppender.append(batch, to: path, dryRun: dryRun, now: now) }
            for (how, outcome) in [("planned in memory", planned), ("appended to the file", appended)] {
                XCTAssertEqual(outcome.refusal, expected.refusal, "\(context): \(how)")
                XCTAssertEqual((try? outcome.get())?.stored, (try? expected.get())?.stored, "\(context): \(how)")
                XCTAssertEqual((try? outcome.get())?.alreadyPresent, (try? expected.get())?.alreadyPresent, "\(context): \(how)")
            }
            let after = try Data(contentsOf: URL(fileURLWithPath: path))
            XCTAssertEqual((try? FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int) ?? 0, 0,
                           "\(context): the journal is not empty after the append")
            switch appended {
            case .failure(let error):
                tally.appendRefused(error, byAuthoring: AppendOracle.refusedOnlyByAuthoring(error, batch, onto: current, now: now))
                XCTAssertEqual(after, before, "\(context): a refused append changed the file")
            case .success(let outcome):
                tally.appendsAccepted += 1
                tally.alreadyPresent += outcome.alreadyPresent.count
                let written = dryRun ? [] : outcome.stored
                XCTAssertEqual(after, before + Data(written.map { $0.canonicalLine + "\n" }.joined().utf8), "\(context): the file")
                if dryRun { break }
                stored = stored || !outcome.stored.isEmpty
                continue
            }
            break
        }
        guard stored else { return }
        // What was appended answers alike through the index (and its tail) and read in full.
        guard let ledger = try? Ledger.open(path: path), let indexed = try? LedgerStore.openForQueries(path: path) else {
            return XCTFail("\(what): the ledger appended to no longer reads")
        }
        let days = ledger.records.map(\.effectiveDate.firstDay).sorted()
        let dates = Set([days.randomElement(using: &random)!, days.last!]).sorted().map(ValidDate.init(dayNumber:))
        let final = try ledger.snapshot(at: dates.last!)
        let questions = QuestionSet(dates: dates, tasks: Self.sample(final.taskIDs, 4, using: &random),
                                    units: Self.sample(final.unitIDs, 1, using: &random),
                                    records: Self.sample(ledger.records.map(\.id), 3, using: &random), asksAboutOffices: true)
        assertSame(questions.ask(indexed), questions.ask(ledger), "\(what): after appending", tally: &tally)
    }

    // MARK: - Helpers

    /// A new file `name` in the test's directory holding `text`, with no cache (or journal) beside it.
    private func fresh(_ name: String, holding text: String, keepingJournal: Bool = false) throws -> String {
        let path = directory.appendingPathComponent(name).path
        for stale in [path, IndexFile.path(forLedger: path), path + ".index-tail"] + (keepingJournal ? [] : [path + ".journal"]) {
            try? FileManager.default.removeItem(atPath: stale)
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The chain's verdict on a record id used twice: the first repetition, by line.
    static func firstRepeatedID(in records: [Record]) -> IntegrityError? {
        var first: [RecordID: Int] = [:]
        for record in records {
            if let line = first[record.id] { return .duplicateID(line: record.seq, seq: record.seq, id: record.id, firstLine: line) }
            first[record.id] = record.seq
        }
        return nil
    }

    /// A day after every record takes effect: the whole history replayed.
    static func afterEverything(_ records: [Record]) -> ValidDate {
        ValidDate(dayNumber: (records.map(\.effectiveDate.firstDay).max() ?? 0) + 1)
    }

    /// A time at which the ledger knew some of its records but not the last: one of their
    /// `recorded` times, earlier than the last one's. Nil if every record was recorded at once.
    static func earlierKnowledge(_ records: [Record], using random: inout SplitMix64) -> TransactionTime? {
        guard let last = records.last?.recorded else { return nil }
        return records.map(\.recorded).filter { $0 < last }.randomElement(using: &random)
    }

    /// Up to `count` of `items`, at random, in their order.
    static func sample<T>(_ items: [T], _ count: Int, using random: inout SplitMix64) -> [T] {
        guard items.count > count else { return items }
        return Array(items.indices.shuffled(using: &random).prefix(count)).sorted().map { items[$0] }
    }

    static func short(_ outcome: QueryOutcome?) -> String {
        let text = outcome.map { "\($0)" } ?? "nothing"
        return text.count > 600 ? String(text.prefix(600)) + "…" : text
    }
}
