/// The records of the realistic shape (`HistoryShape.realistic`) that the second time axis is
/// about: transfers and renames recorded late, corrections of when a transfer took effect, and
/// retractions of transfers. Each changes an answer for some dates, and each keeps every record
/// before and after it valid:
///
/// - a record entered late at D only touches what no record from D on has touched (the stamps of
///   `SyntheticOrganisation`), and only names units established before D and live to this day;
/// - a revised transfer is the last record to have moved its tasks, and the unit it took them
///   from is still live, so it can hold them again for the dates the revision gives back.
extension HistoryPlanner {
    /// A transfer that a later record may correct or retract: the record and what it moved.
    struct RevisableTransfer {
        var body: RecordBody
        var number: Int
        var handover: Handover
    }

    /// How many transfers are kept for revision: mostly recent ones, as the pool is refilled at
    /// random places, with a few that stay long.
    static let revisablePoolSize = 1_024

    /// A realistic record for `slot`, or nil for a classic one (by the shape's rates, or when no
    /// candidate fits).
    mutating func revision(at slot: ValidTimeSchedule.Slot) -> RecordBody? {
        let roll = random.int(below: 1_000)
        if roll < HistoryShape.backdatedPerMille {
            return backdated(at: slot)
        } else if roll < HistoryShape.backdatedPerMille + HistoryShape.correctionsPerMille {
            return correctedTransfer(at: slot)
        } else if roll < HistoryShape.backdatedPerMille + HistoryShape.correctionsPerMille + HistoryShape.retractionsPerMille {
            return retractedTransfer(at: slot)
        }
        return nil
    }

    /// Keeps a transfer record for a later correction or retraction.
    mutating func offerForRevision(_ body: RecordBody, _ handover: Handover) {
        let entry = RevisableTransfer(body: body, number: emitted, handover: handover)
        if revisable.count == Self.revisablePoolSize {
            revisable[random.int(below: revisable.count)] = entry
        } else {
            revisable.append(entry)
        }
    }

    // MARK: Recorded late

    /// How far back a late record reaches: mostly weeks or months, sometimes a few years, as when
    /// an old decree turns up in an archive.
    private mutating func lateness() -> Int {
        switch random.int(below: 10) {
        case 0..<5: random.int(in: 14...180)
        case 5..<8: random.int(in: 181...730)
        default: random.int(in: 731...1_460)
        }
    }

    private mutating func backdated(at slot: ValidTimeSchedule.Slot) -> RecordBody? {
        let days = lateness()
        let day = slot.day - days
        guard var draft = random.chance(0.7) ? lateTransfer(on: day) : lateRename(on: day) else { return nil }
        draft.title = "Nachtrag: " + draft.title
        draft.note = "Recorded late: in effect since \(ValidDate(dayNumber: day)), \(days) days before the records around it."
        let body = assemble(draft, at: ValidTimeSchedule.Slot(day: day, precision: .day, founds: nil))
        if let handover = draft.handover { offerForRevision(body, handover) }
        return body
    }

    /// A transfer on `day` of a task whose holder no record has changed since before that day, to
    /// a unit that existed then and still does.
    private mutating func lateTransfer(on day: Int) -> Draft? {
        for _ in 0..<8 {
            guard let task = pickHeldTask(), organisation.tasks[task].changedOn < day else { continue }
            let from = Int(organisation.tasks[task].holder)
            let state = organisation.units[from].state
            guard let to = pickUnit(in: state, Self.taskHolders), to != from, organisation.units[to].establishedOn < day
            else { continue }
            var draft = Draft(word: "aufgabenuebertragung", title: "Übertragung einer Aufgabe: \(name(from)) → \(name(to))",
                              state: state, actor: id(government(of: state)))
            draft.changes.append(organisation.transfer(task, to: to))
            draft.handover = Handover(tasks: [task], from: from, to: to)
            return draft
        }
        return nil
    }

    /// A rename on `day` of a unit that existed then and has not been renamed since.
    private mutating func lateRename(on day: Int) -> Draft? {
        let state = pickState()
        for _ in 0..<8 {
            guard let unit = pickUnit(in: state, [(.ministry, 2), (.authority, 3), (.department, 3), (.division, 3), (.team, 1)]),
                  organisation.units[unit].establishedOn < day, organisation.units[unit].renamedOn < day
            else { continue }
            return renaming(unit, in: state)
        }
        return nil
    }

    // MARK: Corrections and retractions

    /// How far back a correction or retraction reaches: as far as a record entered late.
    static let revisionReach = 4 * 365

    /// A kept transfer that can still be revised, taken out of every pool (so nothing revises it
    /// again): in effect at most `revisionReach` days before `day`, no later record has moved its
    /// tasks, and the unit it took them from is live.
    private mutating func revisableTransfer(before day: Int) -> RevisableTransfer? {
        for _ in 0..<16 {
            guard !revisable.isEmpty else { return nil }
            let slot = random.int(below: revisable.count)
            let candidate = revisable[slot]
            revisable[slot] = revisable[revisable.count - 1]
            revisable.removeLast()
            let tasks = candidate.handover.tasks
            guard day - candidate.body.effectiveDate.firstDay <= Self.revisionReach,
                  !revised.contains(candidate.body.id), organisation.units[candidate.handover.from].isLive,
                  tasks.allSatisfy({ Int(organisation.tasks[$0].changedBy) == candidate.number })
            else { continue }
            revised.insert(candidate.body.id)
            correctable.removeAll { $0.id == candidate.body.id }
            if lastBody?.id == candidate.body.id { lastBody = nil }
            return candidate
        }
        return nil
    }

    /// A correction that the transfer took effect some weeks later than recorded: until then the
    /// tasks stay where they were.
    private mutating func correctedTransfer(at slot: ValidTimeSchedule.Slot) -> RecordBody? {
        guard let transfer = revisableTransfer(before: slot.day) else { return nil }
        let original = transfer.body
        let later = original.effectiveDate.firstDay + random.int(in: 14...120)
        guard later < slot.day else { return nil }
        for task in transfer.handover.tasks { organisation.stamp(task) }
        var body = original
        body.id = "\(original.id)-berichtigung"
        body.type = .correction
        body.corrects = original.id
        body.effective = ValidDate(dayNumber: later)
        body.note = "Corrects when the transfer took effect: on \(ValidDate(dayNumber: later)), not \(original.effectiveDate)."
        return body
    }

    /// The retraction of a transfer that did not take place: the tasks stay with the unit that
    /// held them.
    private mutating func retractedTransfer(at slot: ValidTimeSchedule.Slot) -> RecordBody? {
        guard let transfer = revisableTransfer(before: slot.day) else { return nil }
        let from = transfer.handover.from
        for task in transfer.handover.tasks { _ = organisation.transfer(task, to: from) }
        let draft = Draft(type: .retraction, word: "ruecknahme", title: "Rücknahme: \(transfer.body.title)",
                          state: organisation.units[from].state,
                          note: "The transfer did not take place; the tasks stay with \(name(from)).",
                          retracts: transfer.body.id)
        return assemble(draft, at: slot)
    }
}
