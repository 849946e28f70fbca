/// The ledger file is not what the ledger wrote: torn, edited, reordered or truncated. Queries
/// refuse to answer from it (exit code 2) rather than answer from a history that may be false.
public enum IntegrityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file does not end in a newline: a write was cut off. `offset` is the 0-based byte offset
    /// where the incomplete line starts.
    case tornTail(line: Int, offset: Int, length: Int)
    /// A line is not a well-formed record.
    case malformedLine(line: Int, RecordFormatError)
    /// A record's line is not in canonical form (whitespace, key order or escaping changed).
    case notCanonical(line: Int, seq: Int, id: RecordID)
    case seqGap(line: Int, id: RecordID, expected: Int, found: Int)
    case brokenLink(line: Int, seq: Int, id: RecordID, expected: String, found: String)
    case hashMismatch(line: Int, seq: Int, id: RecordID, stored: String, computed: String)
    case recordedDecreases(line: Int, seq: Int, id: RecordID, recorded: String, previous: String)
    case duplicateID(line: Int, seq: Int, id: RecordID, firstLine: Int)
    /// A record breaks a rule of the change table: the file was not written by `ledger append`.
    case ruleViolation(RuleViolation)
    /// `--expect-head`: a head the caller trusted is no longer in the ledger.
    case headNotFound(String)
    /// `--expect-head` with a prefix that several records' hashes start with.
    case ambiguousHead(prefix: String, seqs: [Int])
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The path names a directory, FIFO, device or socket: no ledger, and a FIFO would block.
    case notARegularFile(path: String, kind: String)
    /// Nothing is at the path. Never read as an empty ledger: a mistyped `--ledger` would answer
    /// "no units" and `verify` would call it intact. `ledger init` creates a ledger.
    case noLedger(path: String)
    /// The rollback journal beside the ledger cannot be used to restore the last committed state.
    case journal(path: String, reason: String)

    /// Whether the error is in what the user pointed the ledger at rather than in the ledger's
    /// contents (exit code 1, not 2).
    public var isBadInput: Bool {
        switch self {
        case .notARegularFile, .noLedger, .ambiguousHead: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case let .tornTail(line, offset, length):
            return "line \(line) is incomplete (\(length) bytes at byte offset \(offset) without a final newline): a write was cut off; run 'ledger repair' to remove it"
        case let .malformedLine(line, error):
            var error = error
            error.line = line
            return "\(error)"
        case let .notCanonical(line, seq, id):
            return "line \(line), record '\(id)' (seq \(seq)): not in canonical form; the line was edited"
        case let .seqGap(line, id, expected, found):
            return "line \(line), record '\(id)': field 'seq' is \(found), expected \(expected)"
        case let .brokenLink(line, seq, id, expected, found):
            return "line \(line), record '\(id)' (seq \(seq)): field 'prev' is \(found), but the previous record's hash is \(expected)"
        case let .hashMismatch(line, seq, id, stored, computed):
            return "line \(line), record '\(id)' (seq \(seq)): field 'hash' is \(stored), but the record hashes to \(computed); the record was edited"
        case let .recordedDecreases(line, seq, id, recorded, previous):
            return "line \(line), record '\(id)' (seq \(seq)): field 'recorded' \(recorded) is before the previous record's \(previous)"
        case let .duplicateID(line, seq, id, firstLine):
            return "line \(line), record '\(id)' (seq \(seq)): field 'id' repeats the record on line \(firstLine)"
        case let .ruleViolation(violation):
            return "\(violation)"
        case let .headNotFound(head):
            return "the expected head \(head) is not a record of this ledger: history was rewritten or this is another ledger"
        case let .ambiguousHead(prefix, seqs):
            return "the expected head \(prefix) is ambiguous: the hashes of \(seqs.count) records start with it (seq \(seqs.prefix(5).map(String.init).joined(separator: ", "))\(seqs.count > 5 ? ", …" : "")); give more digits"
        case let .unreadable(path, reason):
            return "cannot read ledger '\(path)': \(reason)"
        case let .notARegularFile(path, kind):
            return "'\(path)' is \(kind), not a ledger file; point --ledger (or $LEDGER) at a ledger's .jsonl file"
        case let .noLedger(path):
            return "there is no ledger at '\(path)'; create one with 'ledger init \(path)', or point --ledger (or $LEDGER) at an existing ledger file"
        case let .journal(path, reason):
            return "the rollback journal '\(path)' \(reason); nothing was changed. If no append is running and the journal is not the ledger's own, remove it by hand"
        }
    }
}
