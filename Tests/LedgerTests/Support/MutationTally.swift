@testable import Ledger

extension Result {
    /// The error's description, nil on success: how two paths' refusals are compared.
    var refusal: String? {
        guard case .failure(let error) = self else { return nil }
        return "\(error)"
    }
}

/// What the edited ledgers came to, for the summary a test prints.
struct MutationTally {
    var tried = 0, accepted = 0
    /// Refusals by the rule named, its ids and dates left out.
    var refusedBy: [String: Int] = [:]
    var appends = 0, dryRuns = 0, appendsAccepted = 0, alreadyPresent = 0
    var appendsRefusedBy: [String: Int] = [:]
    var answersCompared = 0
    var disagreements = 0

    mutating func refused(_ error: IntegrityError) {
        if case .ruleViolation(let violation) = error {
            refusedBy[Self.kind(of: violation.rule), default: 0] += 1
        } else {
            refusedBy["record id repeated (chain)", default: 0] += 1
        }
    }

    mutating func appendRefused(_ error: AppendError, byAuthoring: Bool) {
        let kind: String
        switch error {
        case .refused(let violation): kind = byAuthoring ? "authoring: \(Self.kind(of: violation.rule))" : Self.kind(of: violation.rule)
        case .conflictingID: kind = "record id with other content"
        default: kind = "\(error)"
        }
        appendsRefusedBy[kind, default: 0] += 1
    }

    /// The rule without the ids and dates it names: "unit … does not exist on …".
    static func kind(of rule: String) -> String {
        var kind = rule
        if let range = kind.range(of: "would break this record (seq ") {
            kind = "breaks an earlier record: " + String(kind[range.upperBound...].drop { $0 != ":" }.dropFirst(2))
        }
        kind = kind.replacing(/'[^']*'/, with: "…")
        kind = kind.replacing(/\.{0,2}[0-9]{4}[-0-9.?~%]*/, with: "D")
        if let cut = kind.firstIndex(of: ";") { kind = String(kind[..<cut]) }
        return kind
    }

    func summary(of name: String) -> String {
        func top(_ counts: [String: Int]) -> String {
            counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.value) \($0.key)" }.joined(separator: "; ")
        }
        let refused = refusedBy.values.reduce(0, +)
        let appendRefusals = appendsRefusedBy.values.reduce(0, +)
        return "\(name): \(tried) tried, \(accepted) accepted, \(refused) refused, verdicts agreeing on all paths in \(tried - disagreements); "
            + "\(answersCompared) answers compared; \(appends) appends (\(dryRuns) dry runs): \(appendsAccepted) accepted "
            + "(\(alreadyPresent) records already present), "
            + "\(appendRefusals) refused. Refused by rule: \(top(refusedBy)). Appends refused by rule: \(top(appendsRefusedBy))."
    }
}
