/// Records about tasks: defining them, handing them between units, revoking and reassigning.
extension HistoryPlanner {
    /// The levels that hold tasks, weighted towards the working units.
    static let taskHolders: [(Level, Int)] = [(.ministry, 5), (.authority, 10), (.department, 20), (.division, 40), (.team, 25)]

    /// Defines a task and, usually, assigns it to `holder`.
    mutating func defineTask(state: Int, holder: Int?, into draft: inout Draft) {
        let object = random.int(below: GeneratorVocabulary.taskObjects.count)
        let title = "\(random.pick(GeneratorVocabulary.taskVerbs)) \(GeneratorVocabulary.taskObjects[object].title)"
        // LeiKa keys (the federal catalogue of administrative services) are 14 digits starting 99.
        let leika = random.chance(0.3) ? "99" + String(100_000_000_000 + random.int(below: 900_000_000_000)) : nil
        let (task, change) = organisation.defineTask(state: state, object: object, title: title, leika: leika)
        draft.changes.append(change)
        if let holder { draft.changes.append(organisation.assign(task, to: holder)) }
    }

    mutating func defineTasks() -> Draft? {
        let state = pickState()
        guard let unit = pickUnit(in: state, Self.taskHolders) else { return nil }
        let count = random.int(in: 1...8)
        var draft = Draft(word: "geschaeftsverteilung", title: "Geschäftsverteilung: \(count) neue Aufgaben für \(name(unit))",
                          state: state, actor: id(government(of: state)))
        for _ in 0..<count { defineTask(state: state, holder: random.chance(0.92) ? unit : nil, into: &draft) }
        return draft
    }

    /// A random task some unit holds.
    mutating func pickHeldTask() -> Int? {
        guard !organisation.tasks.isEmpty else { return nil }
        for _ in 0..<8 {
            let task = random.int(below: organisation.tasks.count)
            if organisation.tasks[task].holder >= 0 { return task }
        }
        return nil
    }

    mutating func transferTasks() -> Draft? {
        guard let first = pickHeldTask() else { return nil }
        let from = Int(organisation.tasks[first].holder)
        let state = organisation.units[from].state
        guard let to = pickUnit(in: state, Self.taskHolders), to != from else { return nil }
        var draft = Draft(word: "aufgabenuebertragung", title: "Übertragung von Aufgaben: \(name(from)) → \(name(to))",
                          state: state, actor: id(government(of: state)))
        draft.changes.append(organisation.transfer(first, to: to))
        var handover = Handover(tasks: [first], from: from, to: to)
        for _ in 0..<random.int(in: 0...2) {
            guard let task = organisation.units[from].tasks.first else { break }
            draft.changes.append(organisation.transfer(task, to: to))
            handover.tasks.append(task)
        }
        draft.handover = handover
        return draft
    }

    mutating func revokeOrAssign() -> Draft? {
        if !organisation.freeTasks.isEmpty, random.chance(0.6) {
            let task = random.pick(organisation.freeTasks)
            let state = Int(organisation.tasks[task].state)
            guard let unit = pickUnit(in: state, Self.taskHolders) else { return nil }
            var draft = Draft(word: "aufgabenzuweisung", title: "Zuweisung einer Aufgabe an \(name(unit))", state: state,
                              actor: id(government(of: state)))
            draft.changes.append(organisation.assign(task, to: unit))
            return draft
        }
        guard let task = pickHeldTask() else { return nil }
        let holder = Int(organisation.tasks[task].holder)
        let state = organisation.units[holder].state
        var draft = Draft(word: "aufgabenentzug", title: "Aufgabe entfällt bei \(name(holder))", state: state,
                          actor: id(government(of: state)),
                          note: "The task is no longer assigned until a later record gives it a holder.")
        draft.changes.append(organisation.revoke(task))
        return draft
    }
}
