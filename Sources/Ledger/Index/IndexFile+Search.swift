// The row kinds this file reads, by their short names.
private typealias UnitRow = IndexLayout.UnitRow
private typealias UnitStep = IndexLayout.UnitStep
private typealias TaskRow = IndexLayout.TaskRow
private typealias TaskStep = IndexLayout.TaskStep
private typealias AppointmentKey = IndexLayout.AppointmentKey
private typealias Step = IndexLayout.Step
private typealias RecordRow = IndexLayout.RecordRow

extension IndexFile {
    /// The better of a title's and an id's score, nil when neither matched: asked of every task
    /// and record row, so without an array per row.
    private static func better(_ a: Int?, _ b: Int?) -> Int? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }

    public func search(_ query: String, at date: ValidDate?, limit: Int, knownAt: TransactionTime) throws(QueryError) -> SearchResults {
        guard let matcher = SearchMatcher(query) else { throw .emptySearch(query) }
        // Records appended through the tail are not in the rows: the index built anew with them
        // answers (`foldingTail()`).
        if !tail.isEmpty, loadedLedger == nil, let folded = foldingTail() {
            return try folded.search(query, at: date, limit: limit, knownAt: knownAt)
        }
        return try answer(knownAt: knownAt, { (index, known) throws(IndexDamage) in
            try index.indexedSearch(query, matcher: matcher, on: date?.firstDay, limit: limit, known: known)
        }, full: { ledger throws(QueryError) in try ledger.search(query, at: date, limit: limit, knownAt: knownAt) })
    }

    /// The search over the index's rows as the records `known` saw them: names, titles and ids
    /// are matched on their bytes, and only hits become strings. Records appended through the
    /// tail are not in the rows: if the index could not be built anew with them, it is given up
    /// (as damage is), rebuilt from the records, and the full ledger answers this once.
    private func indexedSearch(_ query: String, matcher: SearchMatcher, on day: Int?, limit: Int,
                               known: KnownRecords) throws(IndexDamage) -> SearchResults {
        guard tail.isEmpty else { throw IndexDamage("search with a tail") }
        var matcher = matcher
        var hits: [SearchResults.Hit] = []
        var unitRows: [String: Int] = [:]
        for row in 0..<unitCount {
            if let hit = try unitHit(row: row, matcher: &matcher, on: day, known: known) {
                hits.append(hit)
                unitRows[hit.id] = row
            }
        }
        for row in 0..<taskCount {
            guard let (first, last) = try boundsOfSteps(known: known, TaskStep.self, in: .taskSteps, start: try rows.u32(TaskRow.stepStart, at: row),
                                                        count: try rows.u32(TaskRow.stepCount, at: row))
            else { continue }
            let firstDay = try rows.i32(TaskStep.day, at: first)
            if let day, firstDay > day { continue }
            guard let title = try rows.stringBytes(TaskStep.title, at: last),
                  let id = try rows.stringBytes(TaskRow.id, at: row)
            else { throw IndexDamage("task row \(row)") }
            let byTitle = matcher.score(title), byID = matcher.score(id)
            guard let score = Self.better(byTitle, byID) else { continue }
            hits.append(SearchResults.Hit(kind: .task, id: String(decoding: id, as: UTF8.self), label: String(decoding: title, as: UTF8.self),
                                          matched: (byTitle ?? 0) >= score ? nil : String(decoding: id, as: UTF8.self), score: score,
                                          from: ValidDate(dayNumber: firstDay), until: nil))
        }
        hits += try personHits(&matcher, on: day, known: known)
        var recordHits: [(hit: SearchResults.Hit, row: Int)] = []
        // Every record recorded by then, withdrawn or not, as a full read lists them.
        for row in 0..<min(recordCount, Int(known.count)) {
            if let day, try rows.i32(RecordRow.dateDay, at: row) > day { continue }
            guard let title = try rows.stringBytes(RecordRow.title, at: row), let id = try rows.stringBytes(RecordRow.id, at: row) else {
                throw IndexDamage("record row \(row)")
            }
            let byTitle = matcher.score(title), byID = matcher.score(id)
            guard let score = Self.better(byTitle, byID) else { continue }
            let label = String(decoding: title, as: UTF8.self)
            recordHits.append((SearchResults.Hit(kind: .record, id: String(decoding: id, as: UTF8.self), label: label,
                                                 matched: (byTitle ?? 0) >= score ? nil : String(decoding: id, as: UTF8.self),
                                                 score: score, from: nil, until: nil), row))
        }
        var results = SearchResults.of(query, hits: hits + recordHits.map(\.hit), limit: limit)
        // When a unit existed: from its steps, for the hits shown only.
        for index in results.hits.indices where results.hits[index].kind == .unit {
            guard let row = unitRows[results.hits[index].id] else { continue }
            (results.hits[index].from, results.hits[index].until) = try existence(ofUnitRow: row, known: known)
        }
        // A record's date, with its precision, is in its line: read for the hits shown only.
        let rows = Dictionary(recordHits.map { ($0.hit.id, $0.row) }, uniquingKeysWith: { first, _ in first })
        for index in results.hits.indices where results.hits[index].kind == .record {
            guard let row = rows[results.hits[index].id], let record = (try? recordAt(row)) ?? nil else { throw IndexDamage("record line") }
            results.hits[index].from = record.date
        }
        return results
    }

    /// The unit on `row` as `SearchMatcher.unitHit` finds it, read from its rows' bytes, without
    /// when it existed (`existence`, for the hits shown): the same texts in the same order, the
    /// same label and the same matched text.
    private func unitHit(row: Int, matcher: inout SearchMatcher, on day: Int?, known: KnownRecords) throws(IndexDamage) -> SearchResults.Hit? {
        let start = try rows.u32(UnitRow.stepStart, at: row), count = try rows.u32(UnitRow.stepCount, at: row)
        let steps = try seenSteps(UnitStep.self, in: .unitSteps, start: start, count: count, known: known)
        guard var current = steps.last, let id = try rows.stringBytes(UnitRow.id, at: row) else { return nil }
        if let day {
            guard let then = try rows.lastStep(onOrBefore: day, known: known, UnitStep.self, in: .unitSteps, start: start, count: count),
                  try rows.u8(UnitStep.dissolved, at: then) == 0
            else { return nil }
            current = then
        }
        guard let label = try rows.stringBytes(UnitStep.name, at: current) else { throw IndexDamage("unit step") }
        var texts: [UnsafeRawBufferPointer] = [label, id]
        for step in steps.reversed() {
            if let name = try rows.stringBytes(UnitStep.name, at: step) { texts.append(name) }
            if let abbreviation = try rows.stringBytes(UnitStep.abbreviation, at: step) { texts.append(abbreviation) }
        }
        var best: (score: Int, text: UnsafeRawBufferPointer)?
        for text in texts {
            if let score = matcher.score(text), score > (best?.score ?? 0) { best = (score, text) }
        }
        guard let best else { return nil }
        return SearchResults.Hit(kind: .unit, id: String(decoding: id, as: UTF8.self), label: String(decoding: label, as: UTF8.self),
                                 matched: best.text.elementsEqual(label) ? nil : String(decoding: best.text, as: UTF8.self),
                                 score: best.score, from: nil, until: nil)
    }

    /// When the unit on `row` existed: its establishment, and the first day it was dissolved.
    private func existence(ofUnitRow row: Int, known: KnownRecords) throws(IndexDamage) -> (ValidDate?, ValidDate?) {
        let steps = try seenSteps(UnitStep.self, in: .unitSteps, start: try rows.u32(UnitRow.stepStart, at: row),
                                  count: try rows.u32(UnitRow.stepCount, at: row), known: known)
        guard let first = steps.first else { return (nil, nil) }
        let firstDay = try rows.i32(UnitStep.day, at: first)
        let established = try unit(row: row, on: firstDay, known: known, records: false)?.established
        for step in steps where try rows.u8(UnitStep.dissolved, at: step) == 1 {
            return (established, ValidDate(dayNumber: try rows.i32(UnitStep.day, at: step)))
        }
        return (established, nil)
    }

    /// The persons matching, with the runs of their offices from the appointment rows.
    private func personHits(_ matcher: inout SearchMatcher, on day: Int?, known: KnownRecords) throws(IndexDamage) -> [SearchResults.Hit] {
        let persons = try indexedPersons(known: known).filter { matcher.best(of: [$0.displayName, $0.id]) != nil }
        guard !persons.isEmpty else { return [] }
        let wanted = Set(persons.map(\.id))
        var offices: [PersonID: [[(day: Int, inForce: Bool)]]] = [:]
        for key in 0..<rows.sections.rowCount(of: .appointmentKeys) {
            guard let person = try rows.string(AppointmentKey.person, at: key), wanted.contains(person) else { continue }
            let start = try rows.u32(AppointmentKey.stepStart, at: key), count = try rows.u32(AppointmentKey.stepCount, at: key)
            var steps: [(day: Int, inForce: Bool)] = []
            for step in try seenSteps(Step.self, in: .appointmentSteps, start: start, count: count, known: known) {
                steps.append((try rows.i32(Step.day, at: step, in: .appointmentSteps), try rows.i32(Step.record, at: step, in: .appointmentSteps) >= 0))
            }
            offices[person, default: []].append(steps)
        }
        return persons.compactMap { matcher.personHit($0, offices: offices[$0.id] ?? [], on: day) }
    }
}
