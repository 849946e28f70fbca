/// Records about supervision, offices and reports.
extension HistoryPlanner {
    mutating func supervision() -> Draft? {
        let state = pickState()
        guard let authority = pickUnit(in: state, [(.authority, 1)]) else { return nil }
        let links = organisation.units[authority].supervisions.filter { $0.unit == authority }
        let names: [SupervisionKind: String] = [.fach: "Fachaufsicht", .recht: "Rechtsaufsicht", .dienst: "Dienstaufsicht"]
        if !links.isEmpty, random.chance(0.4) {
            let link = random.pick(links)
            var draft = Draft(word: "aufsicht", title: "Ende der \(names[link.supervision.kind]!) über \(name(authority))",
                              state: state, actor: id(government(of: state)))
            draft.changes.append(organisation.endSupervision(link))
            return draft
        }
        guard let supervisor = pickUnit(in: state, [(.ministry, 1)]) else { return nil }
        let kind = random.pick([SupervisionKind.fach, .recht, .dienst])
        let tasks = organisation.units[authority].tasks
        let task = !tasks.isEmpty && random.chance(0.3) ? organisation.taskID(random.pick(tasks)) : nil
        let supervision = Supervision(supervisor: id(supervisor), unit: id(authority), kind: kind, task: task)
        guard !organisation.isInForce(supervision) else { return nil }
        var draft = Draft(word: "aufsicht", title: "\(names[kind]!) des \(name(supervisor)) über \(name(authority))",
                          state: state, actor: id(government(of: state)))
        draft.changes.append(organisation.setSupervision(.init(supervision: supervision, supervisor: supervisor, unit: authority)))
        return draft
    }

    mutating func appointment() -> Draft? {
        let state = pickState()
        let levels: [(Level, Int)] = [(.government, 5), (.ministry, 30), (.authority, 25), (.department, 25), (.division, 15)]
        guard let unit = pickUnit(in: state, levels) else { return nil }
        let level = organisation.units[unit].level
        let role = random.pick(GeneratorVocabulary.roles[level.rawValue])
        let person = organisation.newPerson(&random)
        var draft = Draft(type: .announcement, word: "ernennung", title: "\(person.name) wird \(role): \(name(unit))",
                          state: state, actor: id(government(of: state)))
        draft.changes += organisation.appoint(role: role, in: unit, person: person.id)
        if level == .government {
            // A new head of government forms a cabinet: some ministers change with them.
            draft.title = "Kabinettsbildung: \(person.name) wird \(role)"
            let ministries = organisation.pool(state, .ministry)
            for _ in 0..<random.int(in: 1...3) {
                let ministry = random.pick(ministries)
                draft.changes += organisation.appoint(role: "Minister", in: ministry, person: organisation.newPerson(&random).id)
            }
        }
        return draft
    }

    /// A report about a unit (and sometimes one of its tasks): no changes, only `about`.
    mutating func report() -> Draft? {
        let state = pickState()
        guard let unit = pickUnit(in: state, [(.ministry, 1), (.authority, 2), (.department, 2)]) else { return nil }
        var about = [id(unit)]
        let tasks = organisation.units[unit].tasks
        if !tasks.isEmpty, random.chance(0.5) { about.append(organisation.taskID(random.pick(tasks))) }
        return Draft(type: .report, word: "bericht", title: "Tätigkeitsbericht: \(name(unit))", state: state,
                     actor: id(unit), about: about)
    }
}
