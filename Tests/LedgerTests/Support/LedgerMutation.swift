import Ledger

/// A ledger's records as someone with a text editor could leave them: bodies in ledger order with
/// the times they were recorded, sealed again into a sound chain (as `append` would have sealed
/// them), so only the rules can tell an edit.
struct EditedLedger {
    var bodies: [RecordBody]
    /// When each body was recorded; sealing keeps the times from decreasing along the file.
    var recorded: [TransactionTime]

    /// The records of a ledger, as they are.
    init(_ records: [Record]) {
        bodies = records.map(\.body)
        recorded = records.map(\.recorded)
    }

    /// Bodies recorded one second apart from `start`.
    init(_ bodies: [RecordBody], recordedFrom start: Int64 = 1_700_000_000) {
        self.bodies = bodies
        recorded = bodies.indices.map { TransactionTime(secondsSinceEpoch: start + Int64($0)) }
    }

    /// The first `count` records.
    func prefix(_ count: Int) -> EditedLedger {
        var edited = self
        edited.bodies = Array(bodies.prefix(count))
        edited.recorded = Array(recorded.prefix(count))
        return edited
    }

    /// The bodies sealed into a chain.
    var records: [Record] {
        var records: [Record] = []
        records.reserveCapacity(bodies.count)
        for (body, time) in zip(bodies, recorded) {
            let previous = records.last
            records.append(HashChain.seal(body, seq: records.count + 1, recorded: max(time, previous?.recorded ?? time),
                                          prev: previous?.hash ?? Record.genesisHash))
        }
        return records
    }

    /// The ledger file's bytes.
    var fileText: String { records.map { $0.canonicalLine + "\n" }.joined() }

    /// Every unit, task and person the changes name: what an edit may point an id at.
    var names: LedgerNames {
        var names = LedgerNames()
        for body in bodies {
            for change in body.changes {
                names.units.formUnion(change.unitIDs)
                names.tasks.formUnion(change.taskIDs)
                if let person = change.personID { names.persons.insert(person) }
            }
        }
        return names
    }
}

/// The ids of a ledger, by kind.
struct LedgerNames {
    var units: Set<UnitID> = []
    var tasks: Set<TaskID> = []
    var persons: Set<PersonID> = []
}

/// One kind of hand edit of a ledger's records, as a reviewer would describe it.
enum LedgerEdit: String, CaseIterable {
    case dropRecord = "drop a record"
    case duplicateRecord = "duplicate a record"
    case copyRecordUnderNewID = "copy a record under a new id"
    case moveRecord = "move a record elsewhere in the file"
    case swapDates = "swap two records' dates"
    case shiftEffective = "shift an effective date"
    case shiftRecord = "shift a record's date and effective date together"
    case leaveDateOpen = "leave an effective date open"
    case coarsenDate = "coarsen a date to its month or year"
    case alignDates = "give a record another's effective date"
    case pointIDElsewhere = "point an id of a change at another id"
    case dropChange = "drop a change"
    case duplicateChange = "duplicate a change"
    case swapChanges = "swap two changes of a record"
    case swapOp = "swap a change's operation"
    case retargetWithdrawal = "retarget a correction or retraction"
    case addEmptyCorrection = "add a correction with no changes"
    case addRetraction = "add a retraction"
    case correctAndRetract = "make a record correct and retract"
    case changeActorOrAbout = "change actor or about"
    case dropSources = "drop a record's sources"
}

/// Applies hand edits at random, reproducibly for a seed.
struct LedgerMutator {
    var random: SplitMix64
    /// Numbers new ids, so every one is new.
    private var fresh = 0

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// How often each edit is made, relative to the others: edits that mostly leave a valid ledger
    /// (dates moved or left open, records withdrawn) more often than those that can only break one
    /// (a record without sources), so that the answers of many edited ledgers are compared too.
    private static let weights: [(LedgerEdit, Int)] = [
        (.dropRecord, 3), (.duplicateRecord, 1), (.copyRecordUnderNewID, 1), (.moveRecord, 3), (.swapDates, 3),
        (.shiftEffective, 3), (.shiftRecord, 4), (.leaveDateOpen, 4), (.coarsenDate, 2), (.alignDates, 2),
        (.pointIDElsewhere, 3), (.dropChange, 2),
        (.duplicateChange, 1), (.swapChanges, 2), (.swapOp, 2), (.retargetWithdrawal, 1), (.addEmptyCorrection, 2),
        (.addRetraction, 2), (.correctAndRetract, 1), (.changeActorOrAbout, 1), (.dropSources, 1),
    ]

    /// Applies one to three random edits to `ledger` (mostly one); what was done, edit by edit.
    mutating func mutate(_ ledger: inout EditedLedger) -> [String] {
        var done: [String] = []
        let wanted = [1, 1, 1, 2, 2, 3][Int.random(in: 0..<6, using: &random)]
        var attempts = 0
        while done.count < wanted, attempts < 20 {
            attempts += 1
            let edit = pickEdit()
            if let what = apply(edit, to: &ledger) { done.append("\(edit.rawValue): \(what)") }
        }
        return done
    }

    private mutating func pickEdit() -> LedgerEdit {
        var roll = Int.random(in: 0..<Self.weights.map(\.1).reduce(0, +), using: &random)
        for (edit, weight) in Self.weights {
            if roll < weight { return edit }
            roll -= weight
        }
        return .dropRecord
    }

    /// Applies `edit`; what it did, or nil if the ledger gave it nothing to act on.
    mutating func apply(_ edit: LedgerEdit, to ledger: inout EditedLedger) -> String? {
        let count = ledger.bodies.count
        guard count > 0 else { return nil }
        let at = Int.random(in: 0..<count, using: &random)
        let id = ledger.bodies[at].id
        switch edit {
        case .dropRecord:
            guard count > 1 else { return nil }
            ledger.bodies.remove(at: at)
            ledger.recorded.remove(at: at)
            return "'\(id)'"
        case .duplicateRecord:
            let to = Int.random(in: (at + 1)...count, using: &random)
            insert(ledger.bodies[at], at: to, into: &ledger)
            return "'\(id)' again at position \(to + 1)"
        case .copyRecordUnderNewID:
            var copy = ledger.bodies[at]
            copy.id = newID("copy")
            let to = Int.random(in: (at + 1)...count, using: &random)
            insert(copy, at: to, into: &ledger)
            return "'\(id)' as '\(copy.id)' at position \(to + 1)"
        case .moveRecord:
            guard count > 1 else { return nil }
            let body = ledger.bodies.remove(at: at)
            ledger.recorded.remove(at: at)
            let to = Int.random(in: 0...(count - 1), using: &random)
            insert(body, at: to, into: &ledger)
            return "'\(id)' from position \(at + 1) to \(to + 1)"
        case .swapDates:
            let other = Int.random(in: 0..<count, using: &random)
            guard other != at else { return nil }
            let (date, effective) = (ledger.bodies[at].date, ledger.bodies[at].effective)
            (ledger.bodies[at].date, ledger.bodies[at].effective) = (ledger.bodies[other].date, ledger.bodies[other].effective)
            (ledger.bodies[other].date, ledger.bodies[other].effective) = (date, effective)
            return "of '\(id)' and '\(ledger.bodies[other].id)'"
        case .shiftEffective:
            let shift = days()
            let effective = ValidDate(dayNumber: ledger.bodies[at].effectiveDate.firstDay + shift)
            ledger.bodies[at].effective = effective
            return "of '\(id)' by \(shift) days to \(effective)"
        case .shiftRecord:
            let shift = days()
            let body = ledger.bodies[at]
            ledger.bodies[at].date = ValidDate(dayNumber: body.date.firstDay + shift)
            ledger.bodies[at].effective = body.effective.map { ValidDate(dayNumber: $0.firstDay + shift) }
            return "'\(id)' by \(shift) days"
        case .leaveDateOpen:
            let effective = ledger.bodies[at].effectiveDate
            guard effective.isExact, let open = leftOpen(effective) else { return nil }
            ledger.bodies[at].effective = open
            return "of '\(id)': \(open)"
        case .coarsenDate:
            let body = ledger.bodies[at]
            let effective = Bool.random(using: &random)
            let date = effective ? body.effectiveDate : body.date
            guard date.isExact, let coarser = try? Bool.random(using: &random) ? ValidDate(year: date.year)
                : ValidDate(year: date.year, month: date.month ?? 1) else { return nil }
            if effective { ledger.bodies[at].effective = coarser } else { ledger.bodies[at].date = coarser }
            return "\(effective ? "effective date" : "date") of '\(id)': \(date) → \(coarser)"
        case .alignDates:
            let other = ledger.bodies.randomElement(using: &random)!
            ledger.bodies[at].effective = other.effectiveDate
            if Bool.random(using: &random) { ledger.bodies[at].date = other.effectiveDate }
            return "'\(id)' takes effect with '\(other.id)' on \(other.effectiveDate)"
        case .pointIDElsewhere:
            guard !ledger.bodies[at].changes.isEmpty else { return nil }
            let index = Int.random(in: 0..<ledger.bodies[at].changes.count, using: &random)
            let change = ledger.bodies[at].changes[index]
            let slots = change.idSlots
            guard !slots.isEmpty else { return nil }
            let slot = Int.random(in: 0..<slots.count, using: &random)
            let replacement = otherID(of: slots[slot].kind, than: slots[slot].id, in: ledger.names)
            ledger.bodies[at].changes[index] = change.replacingID(at: slot, with: replacement)
            return "'\(id)' changes[\(index)] (\(change.op)) \(slots[slot].kind) '\(slots[slot].id ?? "none")' → '\(replacement)'"
        case .dropChange:
            guard !ledger.bodies[at].changes.isEmpty else { return nil }
            let index = Int.random(in: 0..<ledger.bodies[at].changes.count, using: &random)
            let change = ledger.bodies[at].changes.remove(at: index)
            return "'\(id)' changes[\(index)] (\(change.op))"
        case .duplicateChange:
            guard !ledger.bodies[at].changes.isEmpty else { return nil }
            let index = Int.random(in: 0..<ledger.bodies[at].changes.count, using: &random)
            let to = Int.random(in: (index + 1)...ledger.bodies[at].changes.count, using: &random)
            ledger.bodies[at].changes.insert(ledger.bodies[at].changes[index], at: to)
            return "'\(id)' changes[\(index)] (\(ledger.bodies[at].changes[index].op)) again as changes[\(to)]"
        case .swapChanges:
            let changes = ledger.bodies[at].changes.count
            guard changes > 1 else { return nil }
            let first = Int.random(in: 0..<changes, using: &random), second = Int.random(in: 0..<changes, using: &random)
            guard first != second else { return nil }
            ledger.bodies[at].changes.swapAt(first, second)
            return "'\(id)' changes[\(first)] and changes[\(second)]"
        case .swapOp:
            guard !ledger.bodies[at].changes.isEmpty else { return nil }
            let index = Int.random(in: 0..<ledger.bodies[at].changes.count, using: &random)
            let change = ledger.bodies[at].changes[index]
            guard let swapped = swappedOp(change, names: ledger.names) else { return nil }
            ledger.bodies[at].changes[index] = swapped
            return "'\(id)' changes[\(index)] \(change.op) → \(swapped.op)"
        case .retargetWithdrawal:
            let target = pickRecordID(ledger, avoiding: id)
            if ledger.bodies[at].retracts != nil {
                ledger.bodies[at].retracts = target
                return "'\(id)' retracts '\(target)'"
            }
            ledger.bodies[at].corrects = target
            return "'\(id)' corrects '\(target)'"
        case .addEmptyCorrection, .addRetraction:
            let correcting = edit == .addEmptyCorrection
            let to = Int.random(in: (at + 1)...count, using: &random)
            let target = ledger.bodies[at]
            let day = max(target.effectiveDate.firstDay, ledger.bodies[to - 1].date.firstDay) + Int.random(in: 0...30, using: &random)
            let body = RecordBody(id: newID(correcting ? "fix" : "retract"), date: ValidDate(dayNumber: day),
                                  type: RecordType(rawValue: correcting ? "correction" : "retraction"),
                                  title: correcting ? "Korrektur von \(id)" : "Rücknahme von \(id)", sources: [Source(title: "Nachprüfung")],
                                  changes: [], corrects: correcting ? id : nil, retracts: correcting ? nil : id)
            insert(body, at: to, into: &ledger)
            return "'\(body.id)' of '\(id)' at position \(to + 1)"
        case .correctAndRetract:
            let target = pickRecordID(ledger, avoiding: id)
            ledger.bodies[at].corrects = ledger.bodies[at].corrects ?? target
            ledger.bodies[at].retracts = ledger.bodies[at].retracts ?? target
            return "'\(id)'"
        case .changeActorOrAbout:
            let names = ledger.names
            let pool = Array(names.units.sorted().prefix(40)) + Array(names.tasks.sorted().prefix(40)) + ["ghost"]
            let pick = pool.randomElement(using: &random)!
            if Bool.random(using: &random) {
                ledger.bodies[at].actor = pick
                return "actor of '\(id)' → '\(pick)'"
            }
            ledger.bodies[at].about = (ledger.bodies[at].about ?? []) + [pick]
            return "about of '\(id)' + '\(pick)'"
        case .dropSources:
            ledger.bodies[at].sources = []
            return "of '\(id)'"
        }
    }

    private mutating func insert(_ body: RecordBody, at position: Int, into ledger: inout EditedLedger) {
        // Recorded no earlier than the record before it, as an append would have recorded it.
        let time = position > 0 ? ledger.recorded[position - 1] : ledger.recorded.first ?? TransactionTime(secondsSinceEpoch: 0)
        ledger.bodies.insert(body, at: position)
        ledger.recorded.insert(time, at: position)
    }

    private mutating func newID(_ stem: String) -> RecordID {
        fresh += 1
        return "edit-\(stem)-\(fresh)"
    }

    /// A shift of a few days to some years, either way.
    private mutating func days() -> Int {
        let size = [1, 30, 400, 3_000][Int.random(in: 0...3, using: &random)]
        let shift = Int.random(in: 1...size, using: &random)
        return Bool.random(using: &random) ? shift : -shift
    }

    /// `date` in a form the sources leave open, ordering on the same first day.
    private mutating func leftOpen(_ date: ValidDate) -> ValidDate? {
        let form: ValidDate.Form
        switch Int.random(in: 0...3, using: &random) {
        case 0: form = .qualified(ValidDate.Qualifier.allCases.randomElement(using: &random)!)
        case 1: form = .notBefore
        case 2: form = .notAfter
        default: form = .between(ValidDate(dayNumber: date.lastDay + Int.random(in: 1...300, using: &random)))
        }
        return try? ValidDate(date, form: form)
    }

    /// Another id of the same kind (mostly), an unknown one, or one of another kind.
    private mutating func otherID(of kind: IDKind, than id: String?, in names: LedgerNames) -> String {
        let roll = Int.random(in: 0..<10, using: &random)
        if roll == 0 { return "ghost-\(kind)" }
        let pool: Set<String>
        switch (kind, roll) {
        case (.unit, 1), (.person, 1): pool = names.tasks
        case (.task, 1): pool = names.units
        case (.unit, _): pool = names.units
        case (.task, _): pool = names.tasks
        case (.person, _): pool = names.persons
        }
        let choices = pool.subtracting([id].compactMap { $0 }).sorted()
        return choices.randomElement(using: &random) ?? "ghost-\(kind)"
    }

    /// Another record's id (mostly one of the ledger, earlier or later), or an unknown one.
    private mutating func pickRecordID(_ ledger: EditedLedger, avoiding id: RecordID) -> RecordID {
        if Int.random(in: 0..<8, using: &random) == 0 { return "ghost-record" }
        return ledger.bodies.map(\.id).filter { $0 != id }.randomElement(using: &random) ?? "ghost-record"
    }

    /// The change with its operation swapped for a related one: assign and transfer, set and end
    /// supervision, appoint and end an office, and so on.
    private mutating func swappedOp(_ change: Change, names: LedgerNames) -> Change? {
        let someUnit = names.units.sorted().randomElement(using: &random) ?? "ghost-unit"
        switch change {
        case let .assignTask(task, unit):
            return Bool.random(using: &random) ? .transferTask(task: task, from: someUnit, to: unit) : .revokeTask(task: task, unit: unit)
        case let .transferTask(task, from, to):
            return Bool.random(using: &random) ? .assignTask(task: task, unit: to) : .revokeTask(task: task, unit: from)
        case let .revokeTask(task, unit): return .assignTask(task: task, unit: unit)
        case let .setSupervision(supervision): return .endSupervision(supervision)
        case let .endSupervision(supervision): return .setSupervision(supervision)
        case let .appoint(appointment, _): return .endAppointment(appointment)
        case let .endAppointment(appointment): return .appoint(appointment)
        case let .establishUnit(unit, name, _, _, _, abbreviation): return .renameUnit(unit: unit, name: name, abbreviation: abbreviation)
        case let .renameUnit(unit, name, abbreviation):
            return .establishUnit(unit: unit, name: name, kind: .department, parent: someUnit, relation: nil, abbreviation: abbreviation)
        case let .moveUnit(unit, parent, _, _): return .dissolveUnit(unit: unit, successor: parent)
        case let .dissolveUnit(unit, successor): return .moveUnit(unit: unit, parent: successor ?? someUnit, relation: nil, kind: nil)
        case let .defineTask(task, _, _): return .assignTask(task: task, unit: someUnit)
        }
    }
}

/// What an id in a change names.
enum IDKind: String, CustomStringConvertible {
    case unit, task, person
    var description: String { rawValue }
}

extension Change {
    /// The ids the change names, in order, with what each names (nil: an optional id left out).
    var idSlots: [(kind: IDKind, id: String?)] {
        switch self {
        case let .establishUnit(unit, _, _, parent, _, _): [(.unit, unit), (.unit, parent)]
        case let .renameUnit(unit, _, _): [(.unit, unit)]
        case let .moveUnit(unit, parent, _, _): [(.unit, unit), (.unit, parent)]
        case let .dissolveUnit(unit, successor): [(.unit, unit), (.unit, successor)]
        case let .defineTask(task, _, _): [(.task, task)]
        case let .assignTask(task, unit), let .revokeTask(task, unit): [(.task, task), (.unit, unit)]
        case let .transferTask(task, from, to): [(.task, task), (.unit, from), (.unit, to)]
        case let .setSupervision(s), let .endSupervision(s): [(.unit, s.supervisor), (.unit, s.unit), (.task, s.task)]
        case let .appoint(a, _), let .endAppointment(a): [(.person, a.person), (.unit, a.unit)]
        }
    }

    /// The change with the id in `slot` (of `idSlots`) replaced.
    func replacingID(at slot: Int, with id: String) -> Change {
        switch self {
        case let .establishUnit(unit, name, kind, parent, relation, abbreviation):
            return .establishUnit(unit: slot == 0 ? id : unit, name: name, kind: kind, parent: slot == 1 ? id : parent,
                                  relation: relation, abbreviation: abbreviation)
        case let .renameUnit(_, name, abbreviation): return .renameUnit(unit: id, name: name, abbreviation: abbreviation)
        case let .moveUnit(unit, parent, relation, kind):
            return .moveUnit(unit: slot == 0 ? id : unit, parent: slot == 1 ? id : parent, relation: relation, kind: kind)
        case let .dissolveUnit(unit, successor): return .dissolveUnit(unit: slot == 0 ? id : unit, successor: slot == 1 ? id : successor)
        case let .defineTask(_, title, leika): return .defineTask(task: id, title: title, leika: leika)
        case let .assignTask(task, unit): return .assignTask(task: slot == 0 ? id : task, unit: slot == 1 ? id : unit)
        case let .revokeTask(task, unit): return .revokeTask(task: slot == 0 ? id : task, unit: slot == 1 ? id : unit)
        case let .transferTask(task, from, to):
            return .transferTask(task: slot == 0 ? id : task, from: slot == 1 ? id : from, to: slot == 2 ? id : to)
        case var .setSupervision(s), var .endSupervision(s):
            switch slot {
            case 0: s.supervisor = id
            case 1: s.unit = id
            default: s.task = id
            }
            if case .setSupervision = self { return .setSupervision(s) }
            return .endSupervision(s)
        case .appoint(var a, let name):
            if slot == 0 { a.person = id } else { a.unit = id }
            return .appoint(a, name: name)
        case var .endAppointment(a):
            if slot == 0 { a.person = id } else { a.unit = id }
            return .endAppointment(a)
        }
    }
}
