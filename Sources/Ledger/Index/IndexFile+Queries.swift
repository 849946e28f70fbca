extension IndexFile: LedgerQuerying {
    /// The ledger read in full, for what the index does not hold (an earlier `knownAt`) or when a
    /// block of the index turns out damaged: then the index is rewritten too.
    func fullLedger() throws(QueryError) -> Ledger {
        if let loaded = loadedLedger { return loaded }
        let ledger: Ledger
        do { ledger = try Ledger.open(path: ledgerPath) } catch { throw .integrity(error) }
        loadedLedger = ledger
        return ledger
    }

    /// Runs `indexed` on the index, or `full` on the whole ledger when the question needs an
    /// earlier transaction time or the index is damaged (which is then rebuilt).
    func answer<T>(knownAt: TransactionTime, _ indexed: () throws(IndexDamage) -> T,
                           full: (Ledger) throws(QueryError) -> T) throws(QueryError) -> T {
        if knownAt >= lastRecorded, loadedLedger == nil {
            do { return try indexed() } catch {
                let ledger = try fullLedger()
                IndexFile.write(for: ledger, ledgerPath: ledgerPath)
                return try full(ledger)
            }
        }
        return try full(try fullLedger())
    }

    public func responsible(_ task: TaskID, at date: ValidDate, knownAt: TransactionTime = .distantFuture) throws(QueryError) -> Responsibility {
        let state = try answer(knownAt: knownAt, { () throws(IndexDamage) in
            try partialState(forTask: task, on: date.firstDay, unitRecords: false)
        }, full: { _ throws(QueryError) in nil as OrgState? })
        guard let state else {
            // The index knows every task of the ledger as it is now; older knowledge is the full ledger's.
            if knownAt >= lastRecorded, loadedLedger == nil { throw .unknownTask(task) }
            return try fullLedger().responsible(task, at: date, knownAt: knownAt)
        }
        var answer = state.responsibility(for: task, at: date)
            ?? Responsibility(task: task, title: title(of: task) ?? task, at: date, unit: nil, path: [], supervision: [], offices: [],
                              since: nil, record: nil, isDefined: false)
        answer.uncertain = DateUncertainty.concerning(answer.subjects, in: try uncertainties(at: date, knownAt: knownAt))
        let unnamed = answer
        return try self.answer(knownAt: knownAt, { () throws(IndexDamage) in try naming(unnamed) },
                               full: { ledger throws(QueryError) in
                                   var named = unnamed
                                   for office in named.offices.indices {
                                       named.offices[office].name = ledger.person(named.offices[office].person, knownAt: knownAt)?.name
                                   }
                                   return named
                               })
    }

    public func uncertainties(at date: ValidDate, knownAt: TransactionTime = .distantFuture) throws(QueryError) -> [DateUncertainty] {
        try answer(knownAt: knownAt, { () throws(IndexDamage) in
            let day = date.firstDay
            var found: [DateUncertainty] = []
            for row in 0..<rowCount(of: .openDates) {
                let at = row * IndexLayout.openDate
                guard try i32(.openDates, at + 4) <= day, day <= (try i32(.openDates, at + 8)) else { continue }
                let position = try i32(.openDates, at)
                guard position >= 0, position < recordCount, let record = (try? recordAt(position)) ?? nil,
                      let uncertainty = DateUncertainty(record, on: day)
                else { throw IndexDamage("open date row \(row)") }
                recordRows[record.id] = position
                found.append(uncertainty)
            }
            return found
        }, full: { ledger throws(QueryError) in try ledger.uncertainties(at: date, knownAt: knownAt) })
    }

    /// A task's title (tasks are never renamed), from the index or the tail.
    private func title(of task: TaskID) -> String? {
        if let row = (try? taskRow(task)) ?? nil, let title = (try? self.task(row: row, on: Int.max))??.title { return title }
        for record in tail {
            for case let .defineTask(id, title, _) in record.changes where id == task { return title }
        }
        return nil
    }

    /// Whether the ledger has ever had this unit. A damaged index cannot say "no": the full ledger
    /// answers instead (and the index is written anew).
    func knowsUnit(_ id: UnitID) throws(QueryError) -> Bool {
        try answer(knownAt: .distantFuture, { () throws(IndexDamage) in try unitRow(id) != nil || tailIntroduces(id) },
                   full: { ledger in ledger.index.unitTimelines[id] != nil })
    }

    public func provenance(of answer: Responsibility, knownAt: TransactionTime = .distantFuture) throws(QueryError) -> [Provenance] {
        let state = try self.answer(knownAt: knownAt, { () throws(IndexDamage) in
            try partialState(forTask: answer.task, on: answer.at.firstDay, unitRecords: true)
        }, full: { _ throws(QueryError) in nil as OrgState? })
        guard let state else { return try fullLedger().provenance(of: answer, knownAt: knownAt) }
        return Provenance.collect(for: answer, in: state, record: record)
    }

    public func orgChart(at date: ValidDate, root: UnitID? = nil, knownAt: TransactionTime = .distantFuture) throws(QueryError) -> OrgChart {
        let chart = try answer(knownAt: knownAt, { () throws(IndexDamage) in
            try wholeOrganisation(on: date.firstDay, relations: true) { (units, tasks) throws(IndexDamage) in
                try units.orgChart(at: date, root: root, tasks: tasks)
            }
        }, full: { ledger throws(QueryError) in try ledger.snapshot(at: date, knownAt: knownAt).orgChart(at: date, root: root) })
        if var chart {
            chart.note(try uncertainties(at: date, knownAt: knownAt), wholeOrganisation: root == nil)
            return chart
        }
        guard let root, try knowsUnit(root) else { throw .unknownUnit(root ?? "") }
        throw .unitNotLive(root, date)
    }

    public func responsibilities(at date: ValidDate, unit: UnitID? = nil, knownAt: TransactionTime = .distantFuture) throws(QueryError) -> [TaskAssignment] {
        if let unit, try !knowsUnit(unit) { throw .unknownUnit(unit) }
        return try answer(knownAt: knownAt, { () throws(IndexDamage) in
            try wholeOrganisation(on: date.firstDay, relations: false) { (units, tasks) throws(IndexDamage) in
                try units.responsibilityMap(within: unit, expectedCount: taskCount, tasks: tasks)
            }
        }, full: { ledger throws(QueryError) in try ledger.snapshot(at: date, knownAt: knownAt).responsibilityMap(within: unit) })
    }

    public func units(at date: ValidDate, knownAt: TransactionTime = .distantFuture) throws(QueryError) -> [UnitListing] {
        try answer(knownAt: knownAt, { () throws(IndexDamage) in
            try wholeOrganisation(on: date.firstDay, relations: false) { (units, _) throws(IndexDamage) in units.unitList() }
        }, full: { ledger throws(QueryError) in try ledger.snapshot(at: date, knownAt: knownAt).unitList() })
    }

    public func tasks(at date: ValidDate, knownAt: TransactionTime = .distantFuture) throws(QueryError) -> [TaskAssignment] {
        try responsibilities(at: date, unit: nil, knownAt: knownAt)
    }

    public func diff(from: ValidDate, to: ValidDate, knownAt: TransactionTime = .distantFuture) throws(QueryError) -> OrgDiff {
        try answer(knownAt: knownAt, { () throws(IndexDamage) in try organisationDiff(from: from, to: to) },
                   full: { ledger throws(QueryError) in
                       OrgDiff(from: try ledger.snapshot(at: from, knownAt: knownAt), at: from, to: try ledger.snapshot(at: to, knownAt: knownAt), at: to)
                   })
    }

    /// The record with this id, read from its line in the ledger file.
    public func record(_ id: RecordID) -> Record? {
        if let loadedLedger { return loadedLedger.record(id) }
        if let appended = tail.first(where: { $0.id == id }) { return appended }
        if let row = recordRows[id] { return try? recordAt(row) }
        return recordByID(id)
    }

    private func recordByID(_ id: RecordID) -> Record? {
        let target = Array(id.utf8)
        var low = 0, high = recordCount
        while low < high {
            let mid = (low + high) / 2
            guard let row = try? i32(.recordsByID, mid * 4), let key = try? stringBytes(.records, row * IndexLayout.recordRow + 12) ?? nil
            else { return try? fullLedger().record(id) }
            if key.elementsEqual(target) { return try? recordAt(row) }
            if key.lexicographicallyPrecedes(target) { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// The record on row `row` (seq − 1), decoded from its line in the ledger file.
    func recordAt(_ row: Int) throws -> Record? {
        let (offset, length) = try lineRange(row)
        guard let line = FileSystem.readRange(ledgerPath, offset: offset, count: length) else { return nil }
        return try Record(json: JSONParser.parse(bytes: line))
    }
}
