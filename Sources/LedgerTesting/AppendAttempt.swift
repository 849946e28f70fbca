import Ledger

/// A batch appended to a scenario, as `ledger append` appends it, and what came of it: the
/// records stored, or the refusal. `then` expects it stored, `thenRefused` refused.
public struct AppendAttempt: Sendable {
    /// The scenario the batch was appended to.
    public let before: Scenario
    /// The records of the batch, as written.
    public let batch: [RecordDraft]
    /// What `ledger append` did with the batch: stored it (the outcome holds the new ledger), or
    /// refused it.
    public let outcome: Result<AppendOutcome, AppendError>

    /// The records stored, sealed; none if the batch was refused.
    public var stored: [Record] { (try? outcome.get())?.stored ?? [] }

    /// The scenario after the append; nil if the batch was refused.
    public var after: Scenario? {
        guard case .success(let appended) = outcome else { return nil }
        return Scenario(ledger: appended.ledger ?? before.ledger, vocabulary: before.vocabulary)
    }

    /// The scenario after the append, or the refusal as a failure at `file`:`line`.
    private func appended(file: StaticString, line: UInt) throws(ScenarioFailure) -> Scenario {
        switch outcome {
        case .success(let appended): return Scenario(ledger: appended.ledger ?? before.ledger, vocabulary: before.vocabulary)
        case .failure(let error): throw ScenarioFailure(problem: .refused(error), file: "\(file)", line: Int(line))
        }
    }

    /// Expects the batch stored and every expectation met by the ledger after it; throws one
    /// failure naming the refusal or every answer that differs. Returns the scenario after the
    /// append, so a story can go on.
    @discardableResult
    public func then(_ expectations: Expectation..., file: StaticString = #fileID, line: UInt = #line) throws(ScenarioFailure) -> Scenario {
        let after = try appended(file: file, line: line)
        try Expectation.check(expectations, in: after.ledger, file: file, line: line)
        return after
    }

    /// Expects the batch stored, and hands the ledger after it to `check` (for XCTest's
    /// assertions, say). Returns the scenario after the append.
    @discardableResult
    public func then(file: StaticString = #fileID, line: UInt = #line, _ check: (Ledger) throws -> Void) throws -> Scenario {
        let after = try appended(file: file, line: line)
        try check(after.ledger)
        return after
    }

    /// Expects the batch refused, with a message whose rule contains `rule` (and, if given, about
    /// the record `record`); returns the refusal for closer looks. The rule is what a refusal
    /// says after the place: "task 'ozg' is already held by 'kv40'; use transferTask".
    @discardableResult
    public func thenRefused(rule: String, record: RecordRef? = nil,
                            file: StaticString = #fileID, line: UInt = #line) throws(ScenarioFailure) -> AppendError {
        let error: AppendError
        switch outcome {
        case .success(let appended):
            throw ScenarioFailure(problem: .accepted(stored: appended.stored.map(\.id)), file: "\(file)", line: Int(line))
        case .failure(let refusal):
            error = refusal
        }
        let (said, about): (String, RecordID?)
        switch error {
        case .refused(let violation): (said, about) = (violation.rule, violation.recordID)
        case .malformed(let format): (said, about) = (format.description, format.recordID)
        case .conflictingID(let id, _, _): (said, about) = (error.description, id)
        default: (said, about) = (error.description, nil)
        }
        guard said.contains(rule), record == nil || about == record?.id else {
            let expected = rule + (record.map { " about record '\($0)'" } ?? "")
            throw ScenarioFailure(problem: .refusedOtherwise(expected: expected, error), file: "\(file)", line: Int(line))
        }
        return error
    }
}
