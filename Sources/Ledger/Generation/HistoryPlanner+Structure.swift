/// Records that change the shape of the organisation: founding a state, establishing, renaming,
/// moving and dissolving units, and reshuffling ministries.
extension HistoryPlanner {
    typealias Level = SyntheticOrganisation.Level

    // MARK: Picking

    mutating func pickState() -> Int {
        random.pick(organisation.foundedStates)
    }

    func government(of state: Int) -> Int { organisation.pool(state, .government)[0] }

    /// A live unit of `state` on one of `levels`, chosen by weight among the levels that have one.
    mutating func pickUnit(in state: Int, _ levels: [(Level, Int)]) -> Int? {
        let available = levels.filter { !organisation.pool(state, $0.0).isEmpty }
        guard !available.isEmpty else { return nil }
        let level = available[random.weighted(available.map(\.1))].0
        return random.pick(organisation.pool(state, level))
    }

    func name(_ unit: Int) -> String { organisation.units[unit].name }
    func id(_ unit: Int) -> UnitID { organisation.units[unit].id }

    /// A fresh unit id: state code, kind, number. Ids never encode the hierarchy, since units move.
    func newUnitID(_ level: Level, state: Int) -> UnitID {
        let word = ["regierung", "min", "amt", "abt", "ref", "team"][level.rawValue]
        return "\(GeneratorVocabulary.states[state].code)-\(word)-\(organisation.units.count + 1)"
    }

    /// A name and abbreviation for a unit on `level`.
    mutating func newName(_ level: Level, state: Int) -> (String, String?) {
        let topic = random.pick(GeneratorVocabulary.topics)
        switch level {
        case .government:
            return ("Landesregierung \(GeneratorVocabulary.states[state].name)", nil)
        case .ministry:
            let other = random.pick(GeneratorVocabulary.topics)
            let abbreviation = "M" + String(topic.prefix(1)) + (other == topic ? "" : String(other.prefix(1)))
            return (other == topic ? "Ministerium für \(topic)" : "Ministerium für \(topic) und \(other)", abbreviation)
        case .authority:
            return ("Landesamt für \(topic)", "LA" + String(topic.prefix(2)))
        case .department:
            return ("Abteilung \(random.pick(GeneratorVocabulary.romanNumerals)) – \(topic)", nil)
        case .division:
            return ("Referat \(random.int(in: 11...79)) \(topic)", nil)
        case .team:
            return ("Sachgebiet \(topic)", nil)
        }
    }

    /// Establishes a unit and records the change.
    mutating func establishUnit(_ level: Level, state: Int, under parent: Int?, into draft: inout Draft) -> Int {
        let (name, abbreviation) = newName(level, state: state)
        let relation: Relation = level == .authority ? .subordinateTo : .partOf
        let (unit, change) = organisation.establish(
            id: newUnitID(level, state: state), name: name, abbreviation: abbreviation, level: level, state: state,
            parent: parent, relation: relation)
        draft.changes.append(change)
        if level == .authority, let parent { superviseFully(unit, by: parent, into: &draft) }
        return unit
    }

    /// Fach- and Dienstaufsicht of a ministry over an authority in its portfolio.
    mutating func superviseFully(_ unit: Int, by ministry: Int, into draft: inout Draft) {
        for kind in [SupervisionKind.fach, .dienst] {
            let supervision = Supervision(supervisor: id(ministry), unit: id(unit), kind: kind)
            guard !organisation.isInForce(supervision) else { continue }
            draft.changes.append(organisation.setSupervision(.init(supervision: supervision, supervisor: ministry, unit: unit)))
        }
    }

    // MARK: Records

    /// The record that founds a state: its government, its first ministries and head of government.
    mutating func found(_ state: Int) -> Draft {
        organisation.found(state: state)
        let info = GeneratorVocabulary.states[state]
        var draft = Draft(type: .baseline, word: "gruendung", title: "Landesregierung und Ressorts: \(info.name)", state: state)
        let government = establishUnit(.government, state: state, under: nil, into: &draft)
        draft.actor = id(government)
        let chancellery = organisation.establish(
            id: newUnitID(.ministry, state: state), name: "Staatskanzlei", abbreviation: "StK", level: .ministry,
            state: state, parent: government)
        draft.changes.append(chancellery.change)
        for _ in 0..<random.int(in: 6...9) {
            _ = establishUnit(.ministry, state: state, under: government, into: &draft)
        }
        draft.changes += organisation.appoint(
            role: "Ministerpräsident", in: government, person: organisation.newPerson(&random).id)
        draft.note = info.founded.0 == ValidTimeSchedule.firstYear
            ? "Not a founding date: the state and these ministries existed before; the history starts here."
            : "The state is (re-)founded on this date."
        return draft
    }

    mutating func establish() -> Draft {
        let state = pickState()
        let government = government(of: state)
        var draft = Draft(word: "errichtung", title: "", state: state, actor: id(government))
        var level: Level = .ministry
        var parent = government
        if organisation.pool(state, .ministry).count >= 6 {
            level = [Level.authority, .department, .division, .team][random.weighted([15, 25, 35, 25])]
            // Climb until a parent level has a live unit: a young state has no divisions for teams yet.
            while true {
                let parentLevel: Level = switch level {
                case .authority: .ministry
                case .department: random.chance(0.5) ? .ministry : .authority
                case .division: .department
                case .team: .division
                default: .government
                }
                if level == .ministry { break }
                if let candidate = pickUnit(in: state, [(parentLevel, 1)]) {
                    parent = candidate
                    break
                }
                level = level == .department ? .ministry : Level(rawValue: level.rawValue - 1)!
            }
        }
        let unit = establishUnit(level, state: state, under: parent, into: &draft)
        var created = [unit]
        if level != .team, random.chance(0.3) {
            let childLevel: Level = level == .ministry || level == .authority ? .department : Level(rawValue: level.rawValue + 1)!
            for _ in 0..<random.int(in: 1...3) {
                created.append(establishUnit(childLevel, state: state, under: unit, into: &draft))
            }
        }
        for newUnit in created where organisation.units[newUnit].level != .ministry {
            for _ in 0..<random.int(in: 0...2) { defineTask(state: state, holder: newUnit, into: &draft) }
        }
        if level == .authority {
            draft.changes += organisation.appoint(role: "Präsident", in: unit, person: organisation.newPerson(&random).id)
        }
        draft.title = created.count == 1 ? "Errichtung: \(name(unit))" : "Errichtung: \(name(unit)) mit \(created.count - 1) Untergliederungen"
        return draft
    }

    mutating func rename() -> Draft? {
        let state = pickState()
        guard let unit = pickUnit(in: state, [(.ministry, 2), (.authority, 3), (.department, 3), (.division, 3), (.team, 1)])
        else { return nil }
        return renaming(unit, in: state)
    }

    /// The draft that gives `unit` of `state` a new name (the same for a rename on time and one
    /// recorded late).
    mutating func renaming(_ unit: Int, in state: Int) -> Draft {
        let old = name(unit)
        let (new, abbreviation) = newName(organisation.units[unit].level, state: state)
        var draft = Draft(word: "umbenennung", title: "Umbenennung: \(old) heißt künftig \(new)", state: state,
                          actor: id(government(of: state)))
        draft.changes.append(organisation.rename(unit, to: new, abbreviation: abbreviation))
        return draft
    }

    mutating func move() -> Draft? {
        let state = pickState()
        guard let unit = pickUnit(in: state, [(.authority, 10), (.department, 30), (.division, 40), (.team, 20)]) else {
            return nil
        }
        let entry = organisation.units[unit]
        var level = entry.level
        // Sometimes a unit without sub-units is downgraded on the way (a department becomes a division).
        if entry.children.isEmpty, level == .department || level == .division, random.chance(0.15) {
            level = Level(rawValue: level.rawValue + 1)!
        }
        let parentLevels: [(Level, Int)] = switch level {
        case .authority: [(.ministry, 1)]
        case .department: [(.ministry, 1), (.authority, 1)]
        case .division: [(.department, 1)]
        default: [(.division, 1)]
        }
        guard let parent = pickUnit(in: state, parentLevels), parent != unit, parent != entry.parent else { return nil }
        var draft = Draft(word: "umgliederung", title: "Umgliederung: \(entry.name) zu \(name(parent))", state: state,
                          actor: id(government(of: state)))
        if level == .authority {
            // The new ministry takes over the supervision the old one held.
            for link in entry.supervisions where link.unit == unit && link.supervisor == entry.parent {
                draft.changes.append(organisation.endSupervision(link))
            }
        }
        let relation: Relation = level == .authority ? .subordinateTo : .partOf
        draft.changes.append(organisation.move(unit, under: parent, relation: relation, to: level))
        if level == .authority { superviseFully(unit, by: parent, into: &draft) }
        return draft
    }

    mutating func dissolve() -> Draft? {
        let state = pickState()
        for _ in 0..<6 {
            guard let unit = pickUnit(in: state, [(.authority, 10), (.department, 25), (.division, 35), (.team, 30)]) else {
                return nil
            }
            let entry = organisation.units[unit]
            guard entry.children.isEmpty, let parent = entry.parent else { continue }
            var successor = parent
            for _ in 0..<3 {
                let sibling = random.pick(organisation.units[parent].children)
                if sibling != unit, organisation.units[sibling].level == entry.level { successor = sibling; break }
            }
            var draft = Draft(word: "aufloesung", title: "Auflösung: \(entry.name); Nachfolge \(name(successor))",
                              state: state, actor: id(government(of: state)))
            draft.changes += retire(unit, handingOverTo: successor)
            return draft
        }
        return nil
    }

    /// Hands a unit's tasks to `successor`, ends its supervisions and offices and dissolves it.
    mutating func retire(_ unit: Int, handingOverTo successor: Int) -> [Change] {
        var changes: [Change] = []
        for task in organisation.units[unit].tasks { changes.append(organisation.transfer(task, to: successor)) }
        for link in organisation.units[unit].supervisions { changes.append(organisation.endSupervision(link)) }
        changes += organisation.endOffices(in: unit)
        changes.append(organisation.dissolve(unit, successor: successor))
        return changes
    }

    /// After an election: two ministries merge, or a new one takes departments from another.
    mutating func reshuffle() -> Draft? {
        let state = pickState()
        let ministries = organisation.pool(state, .ministry)
        guard ministries.count >= 7 else { return nil }
        var draft = Draft(word: "ressortzuschnitt", title: "", state: state, actor: id(government(of: state)))
        let donor = random.pick(ministries)
        if ministries.count > 9 || random.chance(0.5) {
            var receiver = random.pick(ministries)
            if receiver == donor { receiver = ministries.first { $0 != donor }! }
            draft.title = "Neuzuschnitt der Ressorts: \(name(donor)) geht in \(name(receiver)) auf"
            for child in organisation.units[donor].children {
                let relation = organisation.units[child].relation
                draft.changes.append(organisation.move(child, under: receiver, relation: relation))
                if organisation.units[child].level == .authority { superviseFully(child, by: receiver, into: &draft) }
            }
            draft.changes += retire(donor, handingOverTo: receiver)
            let (new, abbreviation) = newName(.ministry, state: state)
            draft.changes.append(organisation.rename(receiver, to: new, abbreviation: abbreviation))
        } else {
            let ministry = establishUnit(.ministry, state: state, under: government(of: state), into: &draft)
            draft.title = "Neuzuschnitt der Ressorts: Errichtung des \(name(ministry))"
            let departments = organisation.units[donor].children.filter { organisation.units[$0].level == .department }
            for department in departments.prefix(random.int(in: 1...3)) {
                draft.changes.append(organisation.move(department, under: ministry, relation: .partOf))
            }
            draft.changes += organisation.appoint(role: "Minister", in: ministry, person: organisation.newPerson(&random).id)
        }
        return draft
    }
}
