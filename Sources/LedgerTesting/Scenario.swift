import Ledger

/// A history under test and the ledger it makes: records written in Swift (or a ledger file),
/// sealed in memory as `ledger append` seals them and checked by the same rules, without a file.
///
/// A scenario reads as a test does: given these records, when this batch is appended, then these
/// answers, or then refused with this rule.
///
/// ```swift
/// try given {
///     Baseline("2017-stand", on: "2017-01-01") {
///         Establish("tmik", "Innenministerium", kind: .ministry)
///         Establish("kv40", "Kompetenzzentrum Verwaltung 4.0", in: "tmik")
///         DefineTask("ozg", "OZG-Beratung der Kommunen")
///         Assign("ozg", to: "kv40")
///     }
/// }
/// .when(appending: Decision("2020-12-kabinett", on: "2020-12-15") { Assign("ozg", to: "tmik") })
/// .thenRefused(rule: "already held by 'kv40'")
/// ```
public struct Scenario: Sendable {
    /// The ledger: the records given and every batch appended since, checked.
    public let ledger: Ledger
    /// The words `type` and `kind` may take in records appended (as `--allow-kind`, `--allow-type`).
    public let vocabulary: Vocabulary

    /// A scenario starting from `ledger` as it is.
    public init(ledger: Ledger, vocabulary: Vocabulary = .standard) {
        self.ledger = ledger
        self.vocabulary = vocabulary
    }

    /// The ledger that appending `records` to an empty one makes, in order, in one batch (a
    /// record that sets `recorded` begins a new batch, recorded then); refused as `ledger
    /// append` would refuse them.
    public init(records: [any RecordWriting], vocabulary: Vocabulary = .standard,
                file: StaticString = #fileID, line: UInt = #line) throws(ScenarioFailure) {
        var scenario = Scenario(ledger: Self.emptyLedger, vocabulary: vocabulary)
        var batch: [RecordDraft] = []
        var time = TransactionTime.scenarioStart
        func appendBatch() throws(ScenarioFailure) {
            guard !batch.isEmpty else { return }
            switch InMemoryAppend.append(batch, onto: scenario.ledger, vocabulary: vocabulary, recordedAt: time) {
            case .success(let outcome): scenario = Scenario(ledger: outcome.ledger ?? scenario.ledger, vocabulary: vocabulary)
            case .failure(let error): throw ScenarioFailure(problem: .givenRefused(error), file: "\(file)", line: Int(line))
            }
            batch = []
        }
        for draft in records.map(\.draft) {
            if let recorded = draft.recorded, recorded != time {
                try appendBatch()
                time = recorded
            }
            batch.append(draft)
        }
        try appendBatch()
        self = scenario
    }

    /// The ledger in the file at `path`, read and checked as every command reads it.
    public init(ledgerAt path: String, vocabulary: Vocabulary = .standard, file: StaticString = #fileID, line: UInt = #line) throws(ScenarioFailure) {
        do { ledger = try Ledger.open(path: path) } catch {
            throw ScenarioFailure(problem: .unreadable(path: path, error), file: "\(file)", line: Int(line))
        }
        self.vocabulary = vocabulary
    }

    private static let emptyLedger: Ledger = {
        do { return try Ledger(records: []) } catch { preconditionFailure("an empty ledger breaks no rule: \(error)") }
    }()

    /// The records, sealed: `seq`, `recorded`, `prev` and `hash` as `append` fills them in.
    public var records: [Record] { ledger.records }

    /// The ledger file's contents: one canonical line per record, as `append` writes them. Write
    /// it to a file to ask the command line, or to open it with `LedgerStore.openForQueries`.
    public var fileText: String { ledger.records.map { $0.canonicalLine + "\n" }.joined() }

    /// When the next batch is recorded unless it says otherwise: a second after the last record.
    var nextRecordingTime: TransactionTime { ledger.lastRecord?.recorded.secondLater ?? .scenarioStart }

    // MARK: When

    /// Appends `records` as one batch, as `ledger append` would; the outcome is either a new
    /// scenario or the refusal, for `then` or `thenRefused` to check. Recorded at `recordedAt`,
    /// else when the first record says, else a second after the last record.
    public func when(appending records: any RecordWriting..., recordedAt: TransactionTime? = nil) -> AppendAttempt {
        when(appending: records, recordedAt: recordedAt)
    }

    /// Appends the records of the block as one batch (see `when(appending:recordedAt:)`).
    public func when(recordedAt: TransactionTime? = nil, @RecordsBuilder appending records: () -> [RecordDraft]) -> AppendAttempt {
        when(appending: records(), recordedAt: recordedAt)
    }

    /// Appends `records` as one batch (see `when(appending:recordedAt:)`).
    public func when(appending records: [any RecordWriting], recordedAt: TransactionTime? = nil) -> AppendAttempt {
        let drafts = records.map(\.draft)
        let time = recordedAt ?? drafts.lazy.compactMap(\.recorded).first ?? nextRecordingTime
        return AppendAttempt(before: self, batch: drafts,
                             outcome: InMemoryAppend.append(drafts, onto: ledger, vocabulary: vocabulary, recordedAt: time))
    }

    // MARK: Then

    /// Checks every expectation against the ledger; throws one failure naming each answer that
    /// differs. Returns the scenario, so a story can go on (`.when(…).then(…)`).
    @discardableResult
    public func then(_ expectations: Expectation..., file: StaticString = #fileID, line: UInt = #line) throws(ScenarioFailure) -> Scenario {
        try Expectation.check(expectations, in: ledger, file: file, line: line)
        return self
    }

    /// Hands the ledger to `check`, for questions the expectations do not ask (with XCTest's
    /// assertions, say). Returns the scenario, so a story can go on.
    @discardableResult
    public func then(_ check: (Ledger) throws -> Void) rethrows -> Scenario {
        try check(ledger)
        return self
    }
}

/// The scenario of `records`, appended to an empty ledger as `ledger append` appends them (see
/// `Scenario.init(records:)`).
///
/// ```swift
/// let history = try given(baseline, kabinett2017)
/// ```
public func given(_ records: any RecordWriting..., vocabulary: Vocabulary = .standard,
                  file: StaticString = #fileID, line: UInt = #line) throws(ScenarioFailure) -> Scenario {
    try Scenario(records: records, vocabulary: vocabulary, file: file, line: line)
}

/// The scenario of the records of the block, appended to an empty ledger as `ledger append`
/// appends them (see `Scenario.init(records:)`).
public func given(vocabulary: Vocabulary = .standard, file: StaticString = #fileID, line: UInt = #line,
                  @RecordsBuilder _ records: () -> [RecordDraft]) throws(ScenarioFailure) -> Scenario {
    try Scenario(records: records(), vocabulary: vocabulary, file: file, line: line)
}

/// The scenario of the ledger file at `path` (a history of your own, say), read and checked.
public func given(ledgerAt path: String, vocabulary: Vocabulary = .standard,
                  file: StaticString = #fileID, line: UInt = #line) throws(ScenarioFailure) -> Scenario {
    try Scenario(ledgerAt: path, vocabulary: vocabulary, file: file, line: line)
}
