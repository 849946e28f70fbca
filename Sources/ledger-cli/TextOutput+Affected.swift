import Ledger

/// The dry run's "which answers change, for which valid dates" (`AffectedAnswers`) as text.
extension TextOutput {
    static func affected(_ affected: AffectedAnswers) -> String {
        var lines = ["Answers that change, by valid date (the batch reaches back to \(affected.from)):"]
        if affected.isEmpty {
            lines.append("  none: every answer, for every valid date, stays as it was")
            return lines.joined(by: "\n")
        }
        func add<Value>(_ subject: String, _ periods: [AffectedAnswers.Period<Value>], _ answer: (Value, Value) -> String) {
            lines.append("  \(subject)")
            // Neighbouring periods whose changes read alike are one line: the text names only what
            // differs (a name), where the answers also differ alike in what both have (a move).
            var merged: [(from: ValidDate, to: ValidDate?, change: String)] = []
            for period in periods {
                let change = answer(period.before, period.after)
                if let last = merged.last, last.change == change, last.to?.firstDay == period.from.firstDay - 1 {
                    merged[merged.count - 1].to = period.to
                } else {
                    merged.append((period.from, period.to, change))
                }
            }
            for period in merged { lines.append("    \(days(period.from, period.to)): \(period.change)") }
        }
        for task in affected.tasks { add("task \(task.subject)", task.periods, taskChange) }
        for unit in affected.units { add("unit \(unit.subject)", unit.periods, unitChange) }
        for s in affected.supervision {
            let name = "\(supervisionName(s.subject.kind)) of \(s.subject.supervisor) over \(s.subject.unit)" + (s.subject.task.map { " for \($0)" } ?? "")
            add(name, s.periods) { before, _ in before ? "in force → not in force" : "not in force → in force" }
        }
        for o in affected.offices {
            add("office \"\(o.subject.role)\" in \(o.subject.unit), held by \(o.subject.person)", o.periods) { before, _ in
                before ? "held → not held" : "not held → held"
            }
        }
        return lines.joined(by: "\n")
    }

    /// `2019-08-01 to 2019-09-30`, `on 2019-08-01`, `from 2021-01-01 on`.
    static func days(_ from: ValidDate, _ to: ValidDate?) -> String {
        guard let to else { return "from \(from) on" }
        return to == from ? "on \(from)" : "\(from) to \(to)"
    }

    static func taskChange(_ before: AffectedAnswers.TaskAnswer?, _ after: AffectedAnswers.TaskAnswer?) -> String {
        func holder(_ task: AffectedAnswers.TaskAnswer?) -> String {
            guard let task else { return "not defined" }
            return task.holder.map { "held by \($0)" } ?? "held by nobody"
        }
        guard let before, let after else { return "\(holder(before)) → \(holder(after))" }
        var parts: [String] = []
        if before.holder != after.holder { parts.append("\(holder(before)) → \(holder(after))") }
        if before.title != after.title { parts.append("title \"\(before.title)\" → \"\(after.title)\"") }
        return parts.joined(by: "; ")
    }

    static func unitChange(_ before: AffectedAnswers.UnitAnswer?, _ after: AffectedAnswers.UnitAnswer?) -> String {
        func whole(_ unit: AffectedAnswers.UnitAnswer?) -> String {
            guard let unit else { return "not there" }
            let abbreviation = unit.abbreviation.map { " [\($0)]" } ?? ""
            return "\"\(unit.name)\"\(abbreviation) (\(unit.kind))" + place(unit)
        }
        func place(_ unit: AffectedAnswers.UnitAnswer) -> String {
            guard let parent = unit.parent else { return ", a root" }
            return ", \(relationWords(unit.relation)) \(parent)"
        }
        guard let before, let after else { return "\(whole(before)) → \(whole(after))" }
        var parts: [String] = []
        if before.name != after.name { parts.append("name \"\(before.name)\" → \"\(after.name)\"") }
        if before.abbreviation != after.abbreviation {
            parts.append("abbreviation \(before.abbreviation ?? "(none)") → \(after.abbreviation ?? "(none)")")
        }
        if before.kind != after.kind { parts.append("kind \(before.kind) → \(after.kind)") }
        if before.parent != after.parent || before.relation != after.relation {
            parts.append(place(before).dropFirst(2) + " → " + place(after).dropFirst(2))
        }
        return parts.joined(by: "; ")
    }
}
