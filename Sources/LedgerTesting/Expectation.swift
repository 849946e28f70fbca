import Ledger

/// An answer a scenario expects: a question put to the ledger and the answer it must give.
/// `then` asks each and reports every one that differs (see `ScenarioFailure.Mismatch`).
///
/// ```swift
/// try given(history)
///     .when(appending: Decision("2020-12-kabinett", on: "2020-12-15", effective: "2021-01-01") { Move("kv40", to: "tfm") })
///     .then(.responsible("ozg", at: "2020-12-31", is: "kv40"),
///           .parent(of: "kv40", at: "2021-01-01", is: "tfm"))
/// ```
public struct Expectation: Sendable {
    /// The question, as a failure names it ("responsible ozg at 2021-01-01").
    public var question: String
    private let mismatch: @Sendable (any LedgerQuerying) -> String?

    /// Expects `ask` to answer `expected`. The general form, for any question:
    ///
    /// ```swift
    /// .answer("units at 2021", is: ["kv40", "tfm"]) { try $0.units(at: "2021").map(\.unit.id) }
    /// ```
    public static func answer<Answer: Equatable & Sendable>(
        _ question: String, is expected: Answer, _ ask: @escaping @Sendable (any LedgerQuerying) throws -> Answer
    ) -> Expectation {
        Expectation(question: question) { ledger in
            let actual: Answer
            do { actual = try ask(ledger) } catch { return "expected \(Difference.text(expected)), but the ledger refused: \(error)" }
            return actual == expected ? nil : Difference.between(expected: expected, actual: actual)
        }
    }

    /// Expects asking `ask` to be refused with an error whose text contains `refusal`.
    public static func refusal<Answer: Sendable>(
        _ question: String, naming refusal: String, _ ask: @escaping @Sendable (any LedgerQuerying) throws -> Answer
    ) -> Expectation {
        Expectation(question: question) { ledger in
            do {
                let answer = try ask(ledger)
                return "expected a refusal naming “\(refusal)”, got \(Difference.text(answer))"
            } catch {
                return "\(error)".contains(refusal) ? nil : "expected a refusal naming “\(refusal)”, got: \(error)"
            }
        }
    }

    /// What `ledger` answers otherwise than expected; nil if it answers as expected. For asking
    /// another ledger than the scenario's (a file's index, say) the same question.
    public func mismatch(in ledger: some LedgerQuerying) -> ScenarioFailure.Mismatch? {
        mismatch(ledger).map { ScenarioFailure.Mismatch(question: question, difference: $0) }
    }

    /// Every mismatch of `expectations` in `ledger`, thrown as one failure at `file`:`line`.
    static func check(_ expectations: [Expectation], in ledger: some LedgerQuerying, file: StaticString, line: UInt) throws(ScenarioFailure) {
        let mismatches = expectations.compactMap { $0.mismatch(in: ledger) }
        guard mismatches.isEmpty else { throw ScenarioFailure(problem: .answers(mismatches), file: "\(file)", line: Int(line)) }
    }

    private init(question: String, mismatch: @escaping @Sendable (any LedgerQuerying) -> String?) {
        self.question = question
        self.mismatch = mismatch
    }
}
