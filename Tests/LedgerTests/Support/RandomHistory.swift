import Ledger
import LedgerTesting

/// Random but valid histories for property tests: each change is proposed at random and kept only
/// if the rule engine accepts it, records may share a day, carry month or year precision, and are
/// written to the log out of valid-time order (backdated), as real ledgers are.
struct RandomHistory {
    var random: SplitMix64
    private var state = OrgState()
    private var nextUnit = 0
    private var nextTask = 0
    /// Renames so far: each new name is unique, as an append refuses a rename that changes nothing.
    private var renames = 0

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// Bodies in the order the ledger should hold them: not valid-time order, unless
    /// `inValidTimeOrder` (as when decisions are recorded as they are taken).
    mutating func bodies(count: Int, inValidTimeOrder: Bool = false) -> [RecordBody] {
        var day = try! ValidDate(year: 2000).firstDay
        var groups: [[RecordBody]] = []
        for index in 0..<count {
            let step = Int.random(in: 0...3, using: &random) == 0 ? 0 : Int.random(in: 1...400, using: &random)
            day += step
            let effective = leftOpen(date(near: &day))
            var changes: [Change] = []
            let wanted = Int.random(in: 1...3, using: &random)
            var attempts = 0
            while changes.count < wanted, attempts < 40 {
                attempts += 1
                guard let change = propose() else { continue }
                if (try? state.apply(change, on: effective, by: "r\(index)")) != nil { changes.append(change) }
            }
            var decided = effective
            if Int.random(in: 0...4, using: &random) == 0 {
                decided = ValidDate(dayNumber: effective.firstDay - Int.random(in: 1...90, using: &random))
            }
            let body = RecordBody(
                id: "r\(index)", date: decided, effective: decided == effective ? nil : effective,
                type: .decision, title: "Record \(index)",
                sources: [Source(title: "Random history")], changes: changes)
            if step == 0, !groups.isEmpty { groups[groups.count - 1].append(body) } else { groups.append([body]) }
        }
        // Interleave the day groups at random, keeping each group's own order: same-day records
        // apply in ledger order, so that order must survive.
        var log: [RecordBody] = []
        if inValidTimeOrder { return groups.flatMap { $0 } }
        while !groups.isEmpty {
            let pick = Int.random(in: 0..<groups.count, using: &random)
            log.append(groups[pick].removeFirst())
            if groups[pick].isEmpty { groups.remove(at: pick) }
        }
        return log
    }

    /// A date on `day`, sometimes coarsened to month or year precision (moving `day` to the
    /// first day it then stands for, so time never runs backwards).
    private mutating func date(near day: inout Int) -> ValidDate {
        let exact = ValidDate(dayNumber: day)
        let year = try! ValidDate(year: exact.year)
        let month = try! ValidDate(year: exact.year, month: exact.month)
        switch Int.random(in: 0...9, using: &random) {
        case 0 where year.firstDay == day:
            return year
        case 0, 1, 2:
            if month.firstDay == day { return month }
            let next = ValidDate(dayNumber: month.lastDay + 1)
            let nextMonth = try! ValidDate(year: next.year, month: next.month)
            day = nextMonth.firstDay
            return nextMonth
        default:
            return exact
        }
    }

    /// `date`, one time in eight in a form the sources leave open (`2019~`, `2019..`, `..2019`,
    /// `2019..2019-03-05`), which orders on the same first day, so time still never runs backwards.
    private mutating func leftOpen(_ date: ValidDate) -> ValidDate {
        guard Int.random(in: 0...7, using: &random) == 0 else { return date }
        let form: ValidDate.Form
        switch Int.random(in: 0...3, using: &random) {
        case 0: form = .qualified(pick(ValidDate.Qualifier.allCases)!)
        case 1: form = .notBefore
        case 2: form = .notAfter
        default: form = .between(ValidDate(dayNumber: date.lastDay + Int.random(in: 1...200, using: &random)))
        }
        return try! ValidDate(date, form: form)
    }

    private mutating func pick<T>(_ items: [T]) -> T? {
        items.isEmpty ? nil : items[Int.random(in: 0..<items.count, using: &random)]
    }

    private var liveUnits: [UnitID] { state.units.values.filter { !$0.isDissolved }.map(\.id).sorted() }

    private mutating func propose() -> Change? {
        let kinds: [UnitKind] = [.ministry, .authority, .department, .division, .team]
        switch Int.random(in: 0...11, using: &random) {
        case 0, 1:
            nextUnit += 1
            let parent = Int.random(in: 0...3, using: &random) == 0 ? nil : pick(liveUnits)
            let relation: Relation? = Bool.random(using: &random) ? nil : (Bool.random(using: &random) ? .partOf : .subordinateTo)
            return .establishUnit(unit: "u\(nextUnit)", name: "Unit \(nextUnit)", kind: pick(kinds)!, parent: parent,
                                  relation: parent == nil ? nil : relation, abbreviation: Bool.random(using: &random) ? "U\(nextUnit)" : nil)
        case 2:
            guard let unit = pick(liveUnits) else { return nil }
            renames += 1
            return .renameUnit(unit: unit, name: "Renamed \(unit) \(Int.random(in: 0...99, using: &random))-\(renames)", abbreviation: nil)
        case 3:
            guard let unit = pick(liveUnits), let parent = pick(liveUnits) else { return nil }
            return .moveUnit(unit: unit, parent: parent, relation: Bool.random(using: &random) ? .subordinateTo : nil,
                             kind: Bool.random(using: &random) ? pick(kinds) : nil)
        case 4:
            guard let unit = pick(liveUnits) else { return nil }
            return .dissolveUnit(unit: unit, successor: pick(liveUnits.filter { $0 != unit }))
        case 5:
            nextTask += 1
            return .defineTask(task: "t\(nextTask)", title: "Task \(nextTask)", leika: nil)
        case 6:
            guard let task = pick(state.tasks.values.filter { $0.holder == nil }.map(\.id).sorted()), let unit = pick(liveUnits) else { return nil }
            return .assignTask(task: task, unit: unit)
        case 7, 8:
            guard let task = pick(state.tasks.values.filter { $0.holder != nil }.sorted { $0.id < $1.id }), let to = pick(liveUnits) else { return nil }
            return .transferTask(task: task.id, from: task.holder!, to: to)
        case 9:
            guard let task = pick(state.tasks.values.filter { $0.holder != nil }.sorted { $0.id < $1.id }) else { return nil }
            return .revokeTask(task: task.id, unit: task.holder!)
        case 10:
            if let active = pick(state.supervisions.keys.sorted()), Bool.random(using: &random) { return .endSupervision(active) }
            guard let supervisor = pick(liveUnits), let unit = pick(liveUnits) else { return nil }
            let task = Bool.random(using: &random) ? pick(state.tasks.keys.sorted()) : nil
            return .setSupervision(Supervision(supervisor: supervisor, unit: unit, kind: pick(SupervisionKind.allCases)!, task: task))
        default:
            if let active = pick(state.appointments.keys.sorted()), Bool.random(using: &random) { return .endAppointment(active) }
            guard let unit = pick(liveUnits) else { return nil }
            // Some appointments name the person, sometimes differently from before: the latest wins.
            let person = Int.random(in: 1...9, using: &random)
            let name = Int.random(in: 0...2, using: &random) == 0 ? pick(["Jürgen Müller \(person)", "Juergen Mueller \(person)"]) : nil
            return .appoint(Appointment(person: "p\(person)", role: pick(["Minister", "Leitung", "CIO"])!, unit: unit), name: name)
        }
    }
}

extension RandomHistory {
    /// A random history with one record duplicated, dropped, moved or stripped of its sources, by
    /// `seed`: most such histories break somewhere, some still hold.
    static func broken(seed: UInt64) -> [RecordBody] {
        var generator = RandomHistory(seed: seed &* 13)
        var bodies = generator.bodies(count: Int.random(in: 4...20, using: &generator.random))
        let at = Int.random(in: 0..<bodies.count, using: &generator.random)
        switch seed % 4 {
        case 0: bodies.append(bodies[at])
        case 1: bodies.remove(at: at)
        case 2: bodies.swapAt(at, Int.random(in: 0..<bodies.count, using: &generator.random))
        default: bodies[at].sources = []
        }
        return bodies
    }
}
