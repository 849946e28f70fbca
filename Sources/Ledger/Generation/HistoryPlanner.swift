/// Invents a ledger's records one at a time, in the order they are written: picks each record's
/// place on the valid-time axis, what it does, and dates, ids and sources around its changes.
///
/// Records come in non-decreasing order of effective date (`ValidTimeSchedule`), so every change is
/// checked against the state the records before it built; corrections are the one exception and
/// are placed so the order of application does not change (`correction(on:)`).
struct HistoryPlanner {
    /// What a record does, before it has dates, an id and sources.
    struct Draft {
        var type: RecordType = .decision
        /// A word for the record id (`errichtung`).
        var word: String
        var title: String
        var state: Int
        var changes: [Change] = []
        var actor: UnitID?
        var about: [String]?
        var note: String?
        var retracts: RecordID?
        /// Tasks this record hands from one unit to another, all of them, so a realistic history
        /// can later correct or retract it (`HistoryPlanner+Revisions`).
        var handover: Handover?
    }

    /// A record's tasks and the two units it moves them between.
    struct Handover {
        var tasks: [Int]
        var from: Int
        var to: Int
    }

    /// The kinds of record and how often each comes, per mille.
    enum Kind: CaseIterable {
        case establish, defineTasks, transferTasks, rename, move, dissolve, supervision, appointment
        case revokeOrAssign, report, reshuffle, correction, retraction

        var weight: Int {
            switch self {
            case .establish: 90
            case .defineTasks: 250
            case .transferTasks: 180
            case .rename: 60
            case .move: 60
            case .dissolve: 35
            case .supervision: 70
            case .appointment: 150
            case .revokeOrAssign: 40
            case .report: 25
            case .reshuffle: 5
            case .correction: 4
            case .retraction: 1
            }
        }

        static let weights = allCases.map(\.weight)
    }

    var random: SeededRandom
    var organisation: SyntheticOrganisation
    let schedule: ValidTimeSchedule
    let shape: HistoryShape
    private var month = -1
    private var slots: [ValidTimeSchedule.Slot] = []
    private var slotIndex = 0
    private(set) var emitted = 0
    /// The last record, which becomes correctable once the next record falls on a later day.
    var lastBody: RecordBody?
    var correctable: [RecordBody] = []
    /// Realistic shape only: transfers that a later record may correct or retract, and the records
    /// corrected or retracted already (each is revised once at most, or two revisions would clash).
    var revisable: [RevisableTransfer] = []
    var revised: Set<RecordID> = []
    private var retractableReports: [(id: RecordID, state: Int)] = []
    /// Per state: how many records it has had, for gazette numbers.
    private var gazetteNumbers: [Int]

    init(recordCount: Int, seed: UInt64, shape: HistoryShape = .classic) {
        random = SeededRandom(seed: seed)
        self.shape = shape
        // More states for larger ledgers, as a federation's history is larger than one state's.
        let stateCount = min(GeneratorVocabulary.states.count, 2 + recordCount / 20_000)
        organisation = SyntheticOrganisation(stateCount: stateCount)
        let foundings = (0..<stateCount).map { state in
            let (y, m, d) = GeneratorVocabulary.states[state].founded
            return (state, CivilCalendar.dayNumber(year: y, month: m, day: d))
        }
        schedule = ValidTimeSchedule(recordCount: recordCount, foundings: foundings)
        gazetteNumbers = Array(repeating: 0, count: stateCount)
    }

    /// The next record's content.
    mutating func nextBody() -> RecordBody {
        while slotIndex == slots.count {
            month += 1
            precondition(month < ValidTimeSchedule.monthCount, "the schedule ran out of months")
            slots = schedule.slots(month: month, emitted: emitted, random: &random)
            slotIndex = 0
        }
        let slot = slots[slotIndex]
        slotIndex += 1
        emitted += 1
        organisation.today = slot.day
        organisation.recordNumber = emitted
        if let last = lastBody, last.effectiveDate.firstDay < slot.date.firstDay, !last.changes.isEmpty,
           last.corrects == nil {
            // The last record of its day: a correction re-stating it later applies in its place.
            if correctable.count == 256 { correctable[random.int(below: 256)] = last } else { correctable.append(last) }
            // Offered once only: a correction does not replace `lastBody`, and a record corrected
            // twice would give two corrections the same id.
            lastBody = nil
        }
        let body: RecordBody
        if let state = slot.founds {
            body = assemble(found(state), at: slot)
        } else if shape == .realistic, let revision = revision(at: slot) {
            // Not offered for a classic correction: its place in effective order is not the end of
            // its day's records, and a record revised twice would clash.
            lastBody = nil
            return revision
        } else {
            body = randomBody(at: slot)
        }
        if body.corrects == nil { lastBody = body }
        return body
    }

    private mutating func randomBody(at slot: ValidTimeSchedule.Slot) -> RecordBody {
        let kind = Kind.allCases[random.weighted(Kind.weights)]
        if kind == .correction, let body = correction(numbered: emitted) { return body }
        var draft: Draft?
        switch kind {
        case .establish: draft = establish()
        case .defineTasks: draft = defineTasks()
        case .transferTasks: draft = transferTasks()
        case .rename: draft = rename()
        case .move: draft = move()
        case .dissolve: draft = dissolve()
        case .supervision: draft = supervision()
        case .appointment: draft = appointment()
        case .revokeOrAssign: draft = revokeOrAssign()
        case .report: draft = report()
        case .reshuffle: draft = reshuffle()
        case .retraction: draft = retraction()
        case .correction: draft = nil
        }
        // Early in a state's life most kinds have nothing to act on; building it up always works.
        let body = assemble(draft ?? defineTasks() ?? establish(), at: slot)
        if let draft, draft.type == .report { retractableReports.append((body.id, draft.state)) }
        if shape == .realistic, let draft, let handover = draft.handover { offerForRevision(body, handover) }
        return body
    }

    // MARK: Dates, ids, sources

    mutating func assemble(_ draft: Draft, at slot: ValidTimeSchedule.Slot) -> RecordBody {
        let effective = slot.date
        var date = effective
        var explicitEffective: ValidDate?
        if slot.founds == nil, draft.retracts == nil, random.chance(0.3) {
            // Decided some weeks before it takes effect, reported with the precision a source gives.
            let decided = ValidDate(dayNumber: slot.day - random.int(in: 1...120))
            date = coarsened(decided)
            explicitEffective = effective
        }
        let code = GeneratorVocabulary.states[draft.state].code
        gazetteNumbers[draft.state] += 1
        let number = gazetteNumbers[draft.state]
        let stateName = GeneratorVocabulary.states[draft.state].name
        let gazette = draft.type == .announcement ? "Pressemitteilung, \(stateName)" : "Gesetz- und Verordnungsblatt, \(stateName)"
        let source = Source(
            title: "\(gazette) \(date.year) Nr. \(number)",
            url: random.chance(0.4) ? "https://gvbl.example/\(code)/\(date.year)/\(number)" : nil,
            published: date)
        return RecordBody(
            id: "\(effective)-\(code)-\(draft.word)-\(emitted)", date: date, effective: explicitEffective,
            type: draft.type, title: draft.title, actor: draft.actor, note: draft.note, about: draft.about,
            sources: [source], changes: draft.changes, retracts: draft.retracts)
    }

    private mutating func coarsened(_ date: ValidDate) -> ValidDate {
        switch random.int(below: 10) {
        case 0: try! ValidDate(year: date.year)
        case 1, 2, 3: try! ValidDate(year: date.year, month: date.month)
        default: date
        }
    }

    // MARK: Corrections and retractions

    /// A correction of an earlier record that was the last of its day: it re-states the same
    /// changes at the same effective date, so they still apply after everything else on that day
    /// and the organisation is the same; what it corrects is the title, or the decision date.
    private mutating func correction(numbered number: Int) -> RecordBody? {
        guard !correctable.isEmpty else { return nil }
        let slot = random.int(below: correctable.count)
        let original = correctable[slot]
        correctable[slot] = correctable[correctable.count - 1]
        correctable.removeLast()
        if shape == .realistic { revised.insert(original.id) }
        var body = original
        body.id = "\(original.id)-berichtigung"
        body.type = .correction
        body.corrects = original.id
        if random.chance(0.5), original.effectiveDate.firstDay > CivilCalendar.dayNumber(year: 1900, month: 1, day: 1) {
            let decided = ValidDate(dayNumber: original.effectiveDate.firstDay - random.int(in: 1...30))
            body.date = decided
            body.effective = original.effectiveDate
            body.note = "Corrects the decision date: the source gives \(decided), not \(original.date); the changes and their effective date are unchanged."
        } else {
            body.title = original.title + " (berichtigte Fassung)"
            body.note = "Corrects the title of '\(original.id)'; the changes are unchanged."
        }
        return body
    }

    /// The retraction of a report that turned out to be a duplicate. Reports carry no changes, so
    /// withdrawing one changes nothing in the organisation.
    private mutating func retraction() -> Draft? {
        guard !retractableReports.isEmpty else { return nil }
        let slot = random.int(below: retractableReports.count)
        let target = retractableReports[slot]
        retractableReports[slot] = retractableReports[retractableReports.count - 1]
        retractableReports.removeLast()
        return Draft(type: .retraction, word: "ruecknahme", title: "Rücknahme eines doppelt erfassten Berichts",
                     state: target.state, note: "The report duplicates another one.", retracts: target.id)
    }
}
