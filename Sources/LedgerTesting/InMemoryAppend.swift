import FoundationEssentials
import Ledger

/// The append `ledger append FILE` makes, in memory: the records' JSON, one per line, read as the
/// command line reads a batch (`RecordBatch.entries`: Unicode NFC, the vocabulary, URLs, every
/// field of the record format), then sealed onto the ledger and checked against its whole history
/// (`LedgerAppender.plan`: the check an append makes when it reads the ledger in full, with the
/// hash chain computed by `HashChain.seal`). Nothing is written anywhere.
enum InMemoryAppend {
    /// The ledger with `drafts` appended, recorded at `time`, or why `ledger append` would refuse them.
    static func append(_ drafts: [RecordDraft], onto ledger: Ledger, vocabulary: Vocabulary,
                       recordedAt time: TransactionTime) -> Result<AppendOutcome, AppendError> {
        let lines = drafts.map { CanonicalJSON.string(of: $0.json) + "\n" }.joined()
        let entries: [RecordBatch.Entry]
        do { entries = try RecordBatch.entries(Data(lines.utf8), vocabulary: vocabulary) } catch {
            return .failure(.malformed(error))
        }
        do { return .success(try LedgerAppender.plan(entries, onto: ledger, now: time, dryRun: false)) } catch {
            return .failure(error)
        }
    }
}

extension TransactionTime {
    /// When the first records of a scenario are recorded unless they say otherwise: a round
    /// date, so that hashes in a test stay the same from run to run.
    public static let scenarioStart: TransactionTime = "2024-01-01T00:00:00Z"

    /// One second later: the next batch of a scenario.
    var secondLater: TransactionTime { TransactionTime(nanosecondsSinceEpoch: nanoseconds + 1_000_000_000) }
}
