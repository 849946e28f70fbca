/// The generator's own picture of the organisation it is inventing: just enough state, with the
/// indexes to pick from it in constant time, to emit only changes the rule engine accepts.
///
/// It keeps the rules by construction (it only proposes what `RuleEngine` accepts) rather than
/// asking the engine, because it must also choose among what is allowed in constant time; the
/// tests run the engine over generated ledgers to keep the two in step.
struct SyntheticOrganisation {
    /// The hierarchy levels. A unit's parent is always on a lower level, so no move can make a cycle.
    enum Level: Int, CaseIterable {
        case government, ministry, authority, department, division, team

        var kind: UnitKind {
            switch self {
            case .government: .government
            case .ministry: .ministry
            case .authority: .authority
            case .department: .department
            case .division: .division
            case .team: .team
            }
        }
    }

    struct UnitEntry {
        var id: UnitID
        var name: String
        var abbreviation: String?
        var level: Level
        var state: Int
        var parent: Int?
        var relation: Relation
        var isLive = true
        /// Live sub-units, and this unit's slot in its parent's list (swap-remove bookkeeping).
        var children: [Int] = []
        var slotInParent = 0
        var slotInPool = 0
        var tasks: [Int] = []
        /// Role → person holding it.
        var offices: [String: PersonID] = [:]
        /// Supervisions in force this unit takes part in, as supervisor or supervised.
        var supervisions: [SupervisionLink] = []
        /// The day of the record that established it, and of the last that renamed it (`Int.min`
        /// if none did): what a record entered late must not reach back past.
        var establishedOn = Int.min
        var renamedOn = Int.min
    }

    /// A supervision in force with the indexes of its two units, so a dissolution can end it.
    struct SupervisionLink: Equatable {
        var supervision: Supervision
        var supervisor: Int
        var unit: Int
    }

    struct TaskEntry {
        /// The unit holding it, or -1.
        var holder: Int32 = -1
        /// Slot in the holder's task list, or in `freeTasks`.
        var slot: Int32 = 0
        var state: UInt8
        var object: UInt16
        /// The day and number of the last record that changed its holder, so a record entered late
        /// or a revision can tell that no later record relies on the holder it changes.
        var changedOn: Int32 = .min
        var changedBy: Int32 = 0
    }

    private(set) var units: [UnitEntry] = []
    private(set) var tasks: [TaskEntry] = []
    /// Live units by state and level.
    private(set) var pools: [[[Int]]] = []
    /// Defined tasks no unit holds.
    private(set) var freeTasks: [Int] = []
    private(set) var supervisionsInForce: Set<Supervision> = []
    /// States founded so far, by index into `GeneratorVocabulary.states`.
    private(set) var foundedStates: [Int] = []
    private var nextPerson = 0
    /// The day the record being planned is filed under (its slot's), and its number: every change
    /// stamps what it touches with them. A record entered late stamps them too, which is later
    /// than its effective date and so errs on the safe side.
    var today = Int.min
    var recordNumber = 0

    init(stateCount: Int) {
        pools = Array(repeating: Array(repeating: [], count: Level.allCases.count), count: stateCount)
    }

    func pool(_ state: Int, _ level: Level) -> [Int] { pools[state][level.rawValue] }

    /// The task id of task number `index`: state code, subject slug, number.
    func taskID(_ index: Int) -> TaskID {
        let task = tasks[index]
        return "\(GeneratorVocabulary.states[Int(task.state)].code)-\(GeneratorVocabulary.taskObjects[Int(task.object)].slug)-\(index + 1)"
    }

    // MARK: Changes, each applied to the picture and returned for the record

    mutating func found(state: Int) {
        foundedStates.append(state)
    }

    mutating func establish(
        id: UnitID, name: String, abbreviation: String?, level: Level, state: Int, parent: Int?,
        relation: Relation = .partOf
    ) -> (index: Int, change: Change) {
        let index = units.count
        var entry = UnitEntry(id: id, name: name, abbreviation: abbreviation, level: level, state: state,
                              parent: parent, relation: relation)
        if let parent {
            entry.slotInParent = units[parent].children.count
            units[parent].children.append(index)
        }
        entry.slotInPool = pools[state][level.rawValue].count
        entry.establishedOn = today
        pools[state][level.rawValue].append(index)
        units.append(entry)
        let change = Change.establishUnit(
            unit: id, name: name, kind: level.kind, parent: parent.map { units[$0].id },
            relation: parent == nil || relation == .partOf ? nil : relation, abbreviation: abbreviation)
        return (index, change)
    }

    mutating func rename(_ unit: Int, to name: String, abbreviation: String?) -> Change {
        units[unit].name = name
        units[unit].abbreviation = abbreviation
        units[unit].renamedOn = today
        return .renameUnit(unit: units[unit].id, name: name, abbreviation: abbreviation)
    }

    /// Moves `unit` under `parent`, optionally to another level (a department becoming a division).
    mutating func move(_ unit: Int, under parent: Int, relation: Relation, to level: Level? = nil) -> Change {
        detachFromParent(unit)
        let before = units[unit].relation
        units[unit].parent = parent
        units[unit].relation = relation
        units[unit].slotInParent = units[parent].children.count
        units[parent].children.append(unit)
        var newKind: UnitKind?
        if let level, level != units[unit].level {
            removeFromPool(unit)
            units[unit].level = level
            units[unit].slotInPool = pools[units[unit].state][level.rawValue].count
            pools[units[unit].state][level.rawValue].append(unit)
            newKind = level.kind
        }
        return .moveUnit(unit: units[unit].id, parent: units[parent].id,
                         relation: relation == .partOf && before == .partOf ? nil : relation, kind: newKind)
    }

    /// Dissolves a unit that has no live sub-units, no tasks, no supervisions and no offices left.
    mutating func dissolve(_ unit: Int, successor: Int?) -> Change {
        precondition(units[unit].children.isEmpty && units[unit].tasks.isEmpty
                     && units[unit].supervisions.isEmpty && units[unit].offices.isEmpty)
        detachFromParent(unit)
        removeFromPool(unit)
        units[unit].isLive = false
        return .dissolveUnit(unit: units[unit].id, successor: successor.map { units[$0].id })
    }

    mutating func defineTask(state: Int, object: Int, title: String, leika: String?) -> (index: Int, change: Change) {
        let index = tasks.count
        tasks.append(TaskEntry(holder: -1, slot: Int32(freeTasks.count), state: UInt8(state), object: UInt16(object)))
        freeTasks.append(index)
        return (index, .defineTask(task: taskID(index), title: title, leika: leika))
    }

    mutating func assign(_ task: Int, to unit: Int) -> Change {
        removeFree(task)
        hold(task, by: unit)
        return .assignTask(task: taskID(task), unit: units[unit].id)
    }

    mutating func transfer(_ task: Int, to unit: Int) -> Change {
        let from = Int(tasks[task].holder)
        release(task)
        hold(task, by: unit)
        return .transferTask(task: taskID(task), from: units[from].id, to: units[unit].id)
    }

    mutating func revoke(_ task: Int) -> Change {
        let from = Int(tasks[task].holder)
        release(task)
        tasks[task].slot = Int32(freeTasks.count)
        freeTasks.append(task)
        return .revokeTask(task: taskID(task), unit: units[from].id)
    }

    func isInForce(_ supervision: Supervision) -> Bool { supervisionsInForce.contains(supervision) }

    mutating func setSupervision(_ link: SupervisionLink) -> Change {
        supervisionsInForce.insert(link.supervision)
        units[link.supervisor].supervisions.append(link)
        units[link.unit].supervisions.append(link)
        return .setSupervision(link.supervision)
    }

    mutating func endSupervision(_ link: SupervisionLink) -> Change {
        supervisionsInForce.remove(link.supervision)
        units[link.supervisor].supervisions.removeAll { $0 == link }
        units[link.unit].supervisions.removeAll { $0 == link }
        return .endSupervision(link.supervision)
    }

    /// Gives `role` in `unit` to a new person, ending the current holder's appointment first.
    mutating func appoint(role: String, in unit: Int, person: PersonID) -> [Change] {
        var changes: [Change] = []
        if let current = units[unit].offices[role] {
            changes.append(.endAppointment(Appointment(person: current, role: role, unit: units[unit].id)))
        }
        units[unit].offices[role] = person
        changes.append(.appoint(Appointment(person: person, role: role, unit: units[unit].id)))
        return changes
    }

    /// Ends every office in `unit`, in role order so the output does not depend on hashing.
    mutating func endOffices(in unit: Int) -> [Change] {
        let offices = units[unit].offices.sorted { $0.key < $1.key }
        units[unit].offices = [:]
        return offices.map { .endAppointment(Appointment(person: $0.value, role: $0.key, unit: units[unit].id)) }
    }

    /// A person id nobody has had before.
    mutating func newPerson(_ random: inout SeededRandom) -> (id: PersonID, name: String) {
        nextPerson += 1
        let name = "\(random.pick(GeneratorVocabulary.firstNames)) \(random.pick(GeneratorVocabulary.lastNames))"
        return ("\(GeneratorVocabulary.slug(name))-\(nextPerson)", name)
    }

    // MARK: Bookkeeping

    private mutating func detachFromParent(_ unit: Int) {
        guard let parent = units[unit].parent else { return }
        let slot = units[unit].slotInParent
        let last = units[parent].children.removeLast()
        if last != unit {
            units[parent].children[slot] = last
            units[last].slotInParent = slot
        }
    }

    private mutating func removeFromPool(_ unit: Int) {
        let (state, level, slot) = (units[unit].state, units[unit].level.rawValue, units[unit].slotInPool)
        let last = pools[state][level].removeLast()
        if last != unit {
            pools[state][level][slot] = last
            units[last].slotInPool = slot
        }
    }

    private mutating func hold(_ task: Int, by unit: Int) {
        stamp(task)
        tasks[task].holder = Int32(unit)
        tasks[task].slot = Int32(units[unit].tasks.count)
        units[unit].tasks.append(task)
    }

    private mutating func release(_ task: Int) {
        let unit = Int(tasks[task].holder)
        let slot = Int(tasks[task].slot)
        let last = units[unit].tasks.removeLast()
        if last != task {
            units[unit].tasks[slot] = last
            tasks[last].slot = Int32(slot)
        }
        tasks[task].holder = -1
        stamp(task)
    }

    /// Marks `task` as changed by the record being planned, for a record that changes its holder
    /// without a change of its own (a correction moving a transfer's date, a retraction).
    mutating func stamp(_ task: Int) {
        tasks[task].changedOn = Int32(clamping: today)
        tasks[task].changedBy = Int32(recordNumber)
    }

    private mutating func removeFree(_ task: Int) {
        let slot = Int(tasks[task].slot)
        let last = freeTasks.removeLast()
        if last != task {
            freeTasks[slot] = last
            tasks[last].slot = Int32(slot)
        }
    }
}
