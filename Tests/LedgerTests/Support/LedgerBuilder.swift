import Ledger

/// Builds small ledgers in code for tests: records read like the decisions they stand for, and
/// the chain fields are filled in as `ledger append` would.
struct LedgerBuilder {
    private(set) var bodies: [RecordBody] = []
    private var clock: Int64 = 1_700_000_000

    static let source = Source(title: "Test fixture", url: "https://example.org/fixture", published: try! ValidDate(parsing: "2020-01-01"))

    /// Adds a record; `date` and `effective` are partial dates such as "2017-08".
    @discardableResult
    mutating func record(
        _ id: String, _ date: String, effective: String? = nil, type: String = "decision",
        corrects: String? = nil, retracts: String? = nil, _ changes: [Change]
    ) -> Self {
        bodies.append(RecordBody(
            id: id, date: try! ValidDate(parsing: date), effective: effective.map { try! ValidDate(parsing: $0) },
            type: RecordType(rawValue: type), title: "Record \(id)", sources: [Self.source], changes: changes,
            corrects: corrects, retracts: retracts))
        return self
    }

    /// A renaming corrected twice (the first correction superseded), a correction of that
    /// correction, a retracted appointment, and a correction recorded after a retraction.
    static var corrections: LedgerBuilder {
        var b = LedgerBuilder()
        b.record("base", "2000", [Op.establish("gov", "Regierung", .government), Op.establish("a", "Amt A", .authority, in: "gov"),
                                  Op.establish("b", "Amt B", .authority, in: "gov")])
        b.record("rename-a", "2001", [Op.rename("a", "Amt Eins")])
        b.record("fix-a-1", "2001", corrects: "rename-a", [Op.rename("a", "Amt Erstens")])
        b.record("fix-a-2", "2001", corrects: "rename-a", [Op.rename("a", "Amt Nummer Eins")])
        b.record("fix-of-fix", "2001", corrects: "fix-a-2", [Op.rename("a", "Amt Nr. 1")])
        b.record("appoint", "2002", [Op.appoint("p1", "Leitung", in: "b")])
        b.record("drop-appoint", "2003", type: "retraction", retracts: "appoint", [])
        b.record("rename-b", "2004", [Op.rename("b", "Amt Zwei")])
        b.record("drop-b", "2004", type: "retraction", retracts: "rename-b", [])
        b.record("back-b", "2004", corrects: "rename-b", [Op.rename("b", "Amt Zweitens")])
        return b
    }

    /// Adds a body as it is.
    mutating func append(_ body: RecordBody) { bodies.append(body) }

    /// A builder holding `bodies` in their given order as far as every prefix stays valid (as a
    /// ledger built by `append` is); a body that would break the prefix waits until it fits, and
    /// one that never fits is dropped.
    static func appendingInValidOrder(_ bodies: [RecordBody]) -> LedgerBuilder {
        var builder = LedgerBuilder()
        var waiting = bodies
        var progress = true
        while progress {
            progress = false
            var still: [RecordBody] = []
            for body in waiting {
                var candidate = builder
                candidate.append(body)
                if (try? candidate.ledger()) != nil {
                    builder = candidate
                    progress = true
                } else {
                    still.append(body)
                }
            }
            waiting = still
        }
        return builder
    }

    /// The sealed records, one second apart in transaction time.
    var records: [Record] {
        var records: [Record] = []
        var time = clock
        for body in bodies {
            records.append(HashChain.seal(body, seq: records.count + 1, recorded: TransactionTime(secondsSinceEpoch: time),
                                          prev: records.last?.hash ?? Record.genesisHash))
            time += 1
        }
        return records
    }

    /// The checked ledger.
    func ledger() throws -> Ledger { try Ledger(records: records) }

    /// The ledger file's bytes.
    var fileText: String { records.map { $0.canonicalLine + "\n" }.joined() }
}

/// Shorthands so fixtures read like the change table.
enum Op {
    static func establish(_ unit: String, _ name: String, _ kind: UnitKind = .department, in parent: String? = nil,
                          _ relation: Relation? = nil, abbreviation: String? = nil) -> Change {
        .establishUnit(unit: unit, name: name, kind: kind, parent: parent, relation: relation, abbreviation: abbreviation)
    }
    static func rename(_ unit: String, _ name: String) -> Change { .renameUnit(unit: unit, name: name, abbreviation: nil) }
    static func move(_ unit: String, to parent: String, _ relation: Relation? = nil, kind: UnitKind? = nil) -> Change {
        .moveUnit(unit: unit, parent: parent, relation: relation, kind: kind)
    }
    static func dissolve(_ unit: String, successor: String? = nil) -> Change { .dissolveUnit(unit: unit, successor: successor) }
    static func define(_ task: String) -> Change { .defineTask(task: task, title: "Task \(task)", leika: nil) }
    static func assign(_ task: String, to unit: String) -> Change { .assignTask(task: task, unit: unit) }
    static func transfer(_ task: String, from: String, to: String) -> Change { .transferTask(task: task, from: from, to: to) }
    static func revoke(_ task: String, from unit: String) -> Change { .revokeTask(task: task, unit: unit) }
    static func supervise(_ supervisor: String, _ unit: String, _ kind: SupervisionKind = .fach, task: String? = nil) -> Change {
        .setSupervision(Supervision(supervisor: supervisor, unit: unit, kind: kind, task: task))
    }
    static func endSupervision(_ supervisor: String, _ unit: String, _ kind: SupervisionKind = .fach, task: String? = nil) -> Change {
        .endSupervision(Supervision(supervisor: supervisor, unit: unit, kind: kind, task: task))
    }
    static func appoint(_ person: String, _ role: String, in unit: String) -> Change {
        .appoint(Appointment(person: person, role: role, unit: unit))
    }
}

/// A partial date from a literal known to be valid.
func day(_ text: String) -> ValidDate { try! ValidDate(parsing: text) }
