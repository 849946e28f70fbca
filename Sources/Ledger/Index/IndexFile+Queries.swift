private typealias OpenDate = IndexLayout.OpenDate

extension IndexFile: LedgerQuerying {
    /// The ledger read in full, for what the index does not hold or when a block of the index
    /// turns out damaged: then the index is rewritten too.
    func fullLedger() throws(QueryError) -> Ledger {
        try fullLedgerCache.withLock { (loaded) throws(QueryError) -> Ledger in
            if let loaded { return loaded }
            let ledger: Ledger
            do throws(IntegrityError) { ledger = try Ledger.open(path: ledgerPath) } catch { throw .integrity(error) }
            loaded = ledger
            return ledger
        }
    }

    /// The ledger read in full, if a question has needed it: then every later one is answered from it.
    var loadedLedger: Ledger? { fullLedgerCache.withLock { $0 } }

    /// Runs `indexed` on an index with the records known at `knownAt`: this one, or, for an
    /// earlier time while appends wait in its tail (which `knownRecords(at:)` cannot count), the
    /// index built anew with them (`foldingTail()`). `full` answers from the whole ledger when
    /// neither can, or when the index is damaged (and is then rebuilt).
    func answer<T>(knownAt: TransactionTime, _ indexed: (IndexFile, KnownRecords) throws(IndexDamage) -> T,
                   full: (Ledger) throws(QueryError) -> T) throws(QueryError) -> T {
        if loadedLedger == nil {
            do {
                if let known = try knownRecords(at: knownAt) { return try indexed(self, known) }
                if let folded = foldingTail(), let known = try folded.knownRecords(at: knownAt) { return try indexed(folded, known) }
            } catch {
                return try full(try ledgerAfterDamage())
            }
        }
        return try full(try fullLedger())
    }

    /// The ledger read in full once the index turned out damaged, and the index written anew from
    /// it, so the next question (in this process or the next) finds a sound one.
    private func ledgerAfterDamage() throws(QueryError) -> Ledger {
        let ledger = try fullLedger()
        IndexFile.write(for: ledger, ledgerPath: ledgerPath)
        return ledger
    }

    public func responsible(_ task: TaskID, at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> Responsibility {
        let found = try answer(knownAt: knownAt, { (index, known) throws(IndexDamage) -> Responsibility? in
            guard let state = try index.partialState(forTask: task, on: date.firstDay, known: known, unitRecords: false) else { return nil }
            if let answer = state.responsibility(for: task, at: date) { return try index.naming(answer, known: known) }
            // A task not defined then is named as the ledger knows it now, if it does (as `Ledger` answers).
            guard let title = try index.title(of: task) else { return nil }
            return Responsibility(task: task, title: title, at: date, unit: nil, path: [], supervision: [],
                                  offices: [], since: nil, record: nil, isDefined: false)
        }, full: { ledger throws(QueryError) in try ledger.responsible(task, at: date, knownAt: knownAt) })
        guard var found else { throw .unknownTask(task) }
        found.uncertain = DateUncertainty.concerning(found.subjects, in: try uncertainties(at: date, knownAt: knownAt))
        return found
    }

    public func uncertainties(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> [DateUncertainty] {
        try answer(knownAt: knownAt, { (index, known) throws(IndexDamage) in try index.indexedUncertainties(on: date.firstDay, known: known) },
                   full: { ledger throws(QueryError) in try ledger.uncertainties(at: date, knownAt: knownAt) })
    }

    /// The records whose dates leave `day` open, from the open-date rows.
    private func indexedUncertainties(on day: Int, known: KnownRecords) throws(IndexDamage) -> [DateUncertainty] {
        var found: [DateUncertainty] = []
        for row in 0..<rows.sections.rowCount(of: .openDates) {
            guard try rows.i32(OpenDate.earliest, at: row) <= day, day <= (try rows.i32(OpenDate.latest, at: row)) else { continue }
            let position = try rows.i32(OpenDate.record, at: row)
            guard position >= 0, position < recordCount else { throw IndexDamage("open date row \(row)") }
            guard try applies(recordRow: position, known) else { continue }
            guard let record = (try? recordAt(position)) ?? nil,
                  let uncertainty = DateUncertainty(record, on: day)
            else { throw IndexDamage("open date row \(row)") }
            recordRows.withLock { $0[record.id] = position }
            found.append(uncertainty)
        }
        return found
    }

    /// A task's title as known now (tasks are never renamed), from the index or the tail; nil if
    /// the ledger does not know the task now.
    private func title(of task: TaskID) throws(IndexDamage) -> String? {
        if let row = try taskRow(task), let title = try self.task(row: row, on: Int.max, known: .now)?.title { return title }
        for record in tail {
            for case let .defineTask(id, title, _) in record.changes where id == task { return title }
        }
        return nil
    }

    /// Whether the ledger, as known now, has ever had this unit (the unit of a withdrawn record
    /// only has rows for earlier knowledge). A damaged index cannot say "no": the full ledger
    /// answers instead (and the index is written anew).
    func knowsUnit(_ id: UnitID) throws(QueryError) -> Bool {
        try answer(knownAt: .distantFuture, { (index, known) throws(IndexDamage) in
            try index.unitRow(id).map { (row) throws(IndexDamage) in try index.isKnown(unitRow: row, known) } == true || index.tailIntroduces(id)
        },
                   full: { ledger in ledger.index.unitTimelines[id] != nil })
    }

    public func provenance(of answer: Responsibility, knownAt: TransactionTime) throws(QueryError) -> [Provenance] {
        let entries = try self.answer(knownAt: knownAt, { (index, known) throws(IndexDamage) -> [Provenance]? in
            guard let state = try index.partialState(forTask: answer.task, on: answer.at.firstDay, known: known, unitRecords: true) else { return nil }
            // Records read through the index, so a damaged row behind one is found here and the
            // whole answer comes from the ledger, rather than leaving that record out.
            return try Provenance.collect(for: answer, in: state) { (id) throws(IndexDamage) in try index.indexedRecord(id) }
        }, full: { ledger throws(QueryError) in try ledger.provenance(of: answer, knownAt: knownAt) })
        if let entries { return entries }
        return try fullLedger().provenance(of: answer, knownAt: knownAt)
    }

    public func orgChart(at date: ValidDate, root: UnitID?, knownAt: TransactionTime) throws(QueryError) -> OrgChart {
        let chart = try answer(knownAt: knownAt, { (index, known) throws(IndexDamage) in
            try index.wholeOrganisation(on: date.firstDay, known: known, relations: true) { (units, tasks) throws(IndexDamage) in
                // The chart is drawn down from `root`, which would never end if `root` were its own ancestor.
                if let root { try units.checkNoCycle(above: root) }
                return try units.orgChart(at: date, root: root, tasks: tasks)
            }
        }, full: { ledger throws(QueryError) in try ledger.snapshot(at: date, knownAt: knownAt).orgChart(at: date, root: root) })
        if var chart {
            chart.note(try uncertainties(at: date, knownAt: knownAt), wholeOrganisation: root == nil)
            return chart
        }
        guard let root, try knowsUnit(root) else { throw .unknownUnit(root ?? "") }
        throw .unitNotLive(root, date)
    }

    public func responsibilities(at date: ValidDate, unit: UnitID?, knownAt: TransactionTime) throws(QueryError) -> [TaskAssignment] {
        if let unit, try !knowsUnit(unit) { throw .unknownUnit(unit) }
        return try answer(knownAt: knownAt, { (index, known) throws(IndexDamage) in
            try index.wholeOrganisation(on: date.firstDay, known: known, relations: false) { (units, tasks) throws(IndexDamage) in
                try units.responsibilityMap(within: unit, expectedCount: index.taskCount, tasks: tasks)
            }
        }, full: { ledger throws(QueryError) in try ledger.snapshot(at: date, knownAt: knownAt).responsibilityMap(within: unit) })
    }

    public func units(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> [UnitListing] {
        try answer(knownAt: knownAt, { (index, known) throws(IndexDamage) in
            try index.wholeOrganisation(on: date.firstDay, known: known, relations: false) { (units, _) throws(IndexDamage) in units.unitList() }
        }, full: { ledger throws(QueryError) in try ledger.snapshot(at: date, knownAt: knownAt).unitList() })
    }

    public func tasks(at date: ValidDate, knownAt: TransactionTime) throws(QueryError) -> [TaskAssignment] {
        try responsibilities(at: date, unit: nil, knownAt: knownAt)
    }

    public func diff(from: ValidDate, to: ValidDate, knownAt: TransactionTime) throws(QueryError) -> OrgDiff {
        var fromLedger = false
        let diff = try answer(knownAt: knownAt, { (index, known) throws(IndexDamage) in try index.organisationDiff(from: from, to: to, known: known) },
                              full: { ledger throws(QueryError) in
                                  fromLedger = true // which names the records behind it itself
                                  return try ledger.diff(from: from, to: to, knownAt: knownAt)
                              })
        if fromLedger { return diff }
        return diff.attributing(record: record) { applyingRecords(makingAnyOf: OrgDiff.opsNamedOnlyInRecords, knownAt: knownAt) }
    }

    /// The records concerning `id`, or every record, from the index (`indexedHistory`), at any
    /// transaction time.
    public func history(of id: String?, from: ValidDate?, to: ValidDate?, knownAt: TransactionTime) throws(QueryError) -> EntityHistory {
        guard loadedLedger == nil else { return try fullLedger().history(of: id, from: from, to: to, knownAt: knownAt) }
        let found: EntityHistory?
        do {
            if let id { found = try indexedHistory(of: id, from: from, to: to, knownAt: knownAt) } else {
                found = try indexedHistory(from: from, to: to, knownAt: knownAt)
            }
        } catch {
            return try ledgerAfterDamage().history(of: id, from: from, to: to, knownAt: knownAt)
        }
        guard let found else { throw .unknownID(id ?? "") }
        return found
    }

    /// From the index, a day's records at a time (`eachIndexedHistoryEntry`). Should the index
    /// prove damaged on the way, the full read's entries follow on from the first not yet handed.
    public func eachHistoryEntry(from: ValidDate?, to: ValidDate?, knownAt: TransactionTime,
                                 _ body: (EntityHistory.Entry) -> Bool) throws(QueryError) {
        guard loadedLedger == nil else { return try fullLedger().eachHistoryEntry(from: from, to: to, knownAt: knownAt, body) }
        var handed = 0, going = true
        do {
            try eachIndexedHistoryEntry(from: from, to: to, knownAt: knownAt) { entry in
                handed += 1
                going = body(entry)
                return going
            }
        } catch {
            guard going else { return }
            let entries = try ledgerAfterDamage().history(of: nil, from: from, to: to, knownAt: knownAt).entries
            for entry in entries.dropFirst(handed) where !body(entry) { return }
        }
    }

    /// From the index (`indexedTimeline`); with appends waiting in its tail, from the index built
    /// anew with them (`foldingTail()`), and only if that fails from the ledger read in full.
    public func timeline(of id: String, knownAt: TransactionTime) throws(QueryError) -> EntityTimeline {
        if !tail.isEmpty, loadedLedger == nil, let folded = foldingTail() { return try folded.timeline(of: id, knownAt: knownAt) }
        guard tail.isEmpty else { return try fullLedger().timeline(of: id, knownAt: knownAt) }
        let found = try answer(knownAt: knownAt, { (index, known) throws(IndexDamage) in try index.indexedTimeline(of: id, known: known, knownAt: knownAt) },
                               full: { ledger throws(QueryError) in try ledger.timeline(of: id, knownAt: knownAt) })
        guard let found else { throw .notTaskOrUnit(id) }
        return found
    }

    /// The index of the ledger as it is now, built anew (once) so that the records of the tail
    /// are in its rows: the ledger read compactly, a few hundred MB at 10⁶ records where reading
    /// it as records takes several GB. Nil if it cannot be built (the full read then names why).
    func foldingTail() -> IndexFile? {
        foldedIndex.withLock { (folded) -> IndexFile? in
            if let folded { return folded }
            guard let committed = try? CommittedLedger.open(ledgerPath), IndexFile.build(committed),
                  let rebuilt = IndexFile.open(committed), rebuilt.tail.isEmpty
            else { return nil }
            folded = rebuilt
            return rebuilt
        }
    }

    /// The ledger file read in full and checked (once; later questions use it too).
    public func wholeLedger() throws(QueryError) -> Ledger { try fullLedger() }

    /// Records the ledger holds: those the index covers and those of its tail.
    public var numberOfRecords: Int { recordCount + tail.count }

    /// The last record, read from its line (or the tail).
    public var lastRecord: Record? {
        if let last = tail.last { return last }
        return recordCount > 0 ? (try? recordAt(recordCount - 1)) ?? nil : nil
    }

    /// The record with this id, read from its line in the ledger file; from the ledger read in
    /// full if the index turns out damaged on the way.
    public func record(_ id: RecordID) -> Record? {
        if let loadedLedger { return loadedLedger.record(id) }
        do { return try indexedRecord(id) } catch { return try? ledgerAfterDamage().record(id) }
    }
}
