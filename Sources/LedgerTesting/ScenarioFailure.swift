import Ledger

/// Why a scenario did not go as its test says: thrown by `given`, `then` and `thenRefused`, and
/// shown by XCTest (or any test framework) with the place in the test and what differed.
public struct ScenarioFailure: Error, Sendable, CustomStringConvertible {
    /// What went otherwise than expected.
    public enum Problem: Sendable {
        /// The records given were refused, as `ledger append` would refuse them.
        case givenRefused(AppendError)
        /// The ledger file given could not be read.
        case unreadable(path: String, IntegrityError)
        /// The batch was expected to be appended, and was refused.
        case refused(AppendError)
        /// The batch was expected to be refused, and was appended (these records stored).
        case accepted(stored: [RecordID])
        /// The batch was refused, but not for the reason expected.
        case refusedOtherwise(expected: String, AppendError)
        /// Answers that differ from those expected.
        case answers([Mismatch])
    }

    /// One answer that differs from the one expected.
    public struct Mismatch: Sendable, CustomStringConvertible {
        /// The question, as `Expectation` names it ("responsible ozg at 2021-01-01").
        public var question: String
        /// What differs: the fields of the answer, or the whole of it.
        public var difference: String

        public var description: String { "\(question): \(difference)" }
    }

    public var problem: Problem
    /// The test file (`#fileID`) and line of the `given`, `then` or `thenRefused` that failed.
    public var file: String
    public var line: Int

    public var description: String {
        let place = "\(file):\(line): "
        switch problem {
        case .givenRefused(let error):
            return place + "the given records are refused, as 'ledger append' would refuse them: \(error)"
        case let .unreadable(path, error):
            return place + "cannot read the ledger at \(path): \(error)"
        case .refused(let error):
            return place + "expected the batch to be appended, but it was refused: \(error)"
        case .accepted(let stored):
            return place + "expected the batch to be refused, but it was appended (stored \(stored.map { "'\($0)'" }.joined(separator: ", ")))"
        case let .refusedOtherwise(expected, error):
            return place + "expected a refusal naming “\(expected)”, but it was refused with: \(error)"
        case .answers(let mismatches):
            let count = mismatches.count == 1 ? "an answer differs" : "\(mismatches.count) answers differ"
            return place + count + " from the one expected:\n" + mismatches.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}
