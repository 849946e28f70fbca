#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one canonical ledger line straight into what `verify`'s rules need (`CompactRecord`,
/// `CompactChange`, ids interned from their bytes), checking every value as `CanonicalRecordDecoder`
/// does but building no strings for names, titles and ids: at 10⁶ records the strings were most
/// of the time. Like that decoder it accepts only the plain canonical form and returns false for
/// anything else; the caller then leaves the ledger to the full check.
struct CompactLineDecoder {
    private var cursor: CanonicalCursor

    init(_ line: UnsafeBufferPointer<UInt8>) { cursor = CanonicalCursor(line) }

    /// What the chain checks need of the line, beside the record itself.
    struct Chain {
        var seq = 0
        var recorded = TransactionTime.distantFuture
        /// Where in the line the 64 hex digits of `prev` and `hash` start.
        var prev = -1, hash = -1
    }

    /// Decodes the line into `share`'s tables; nil if it is not a plain canonical record or its id
    /// was seen before.
    mutating func decode(into share: inout CompactTables) -> Chain? {
        guard let chain = read(into: &share), share.internPending(cursor.bytes) else { return nil }
        return chain
    }

    /// Decodes the line into `share`'s tables, its ids left for `CompactTables.internPending`
    /// (with this line), which the caller can put off to give their table slots time to arrive.
    mutating func read(into share: inout CompactTables) -> Chain? {
        var chain = Chain()
        var id: Range<Int>?, date: ValidDate?, effective: ValidDate?, hasType = false, hasTitle = false, sourceCount = -1
        var corrects: String?, retracts: String?, actor: Int32 = -1, about: [String]?, titleText: Int32 = -1
        let changeStart = share.changes.count
        let ok = cursor.object { cursor, name in
            // By length first: most names are ruled out without looking at their bytes.
            if name.is("about") {
                guard let ids = cursor.array({ $0.slug()?.string }) else { return false }
                about = ids
            } else if name.is("actor") {
                guard let slug = cursor.slug() else { return false }
                actor = share.later(.unit, cursor.range(of: slug), in: cursor.bytes)
            } else if name.is("changes") {
                guard cursor.count({ CompactLineDecoder.change(&$0, into: &share) }) != nil else { return false }
            } else if name.is("corrects") {
                guard let slug = cursor.slug() else { return false }
                corrects = slug.string
            } else if name.is("date") {
                date = cursor.date()
                return date != nil
            } else if name.is("effective") {
                effective = cursor.date()
                return effective != nil
            } else if name.is("hash") {
                guard let digits = cursor.hexDigest() else { return false }
                chain.hash = cursor.range(of: digits).lowerBound
            } else if name.is("id") {
                guard let slug = cursor.slug() else { return false }
                id = cursor.range(of: slug)
            } else if name.is("note") {
                return cursor.text() != nil
            } else if name.is("prev") {
                guard let digits = cursor.hexDigest() else { return false }
                chain.prev = cursor.range(of: digits).lowerBound
            } else if name.is("recorded") {
                guard let text = cursor.text(), let time = try? TransactionTime(parsingRecorded: text.string)
                else { return false }
                chain.recorded = time
            } else if name.is("retracts") {
                guard let slug = cursor.slug() else { return false }
                retracts = slug.string
            } else if name.is("seq") {
                chain.seq = cursor.integer() ?? 0
                return chain.seq > 0
            } else if name.is("sources") {
                sourceCount = cursor.count({ CompactLineDecoder.source(&$0) }) ?? -1
                return sourceCount >= 0
            } else if name.is("title") {
                guard let title = cursor.line() else { return false }
                hasTitle = true
                if share.keepsTexts { titleText = share.texts.id(title) }
            } else if name.is("type") {
                hasType = cursor.slug() != nil
                return hasType
            } else {
                return false
            }
            return true
        }
        let changeCount = share.changes.count - changeStart
        // Required members, and the rules about a record on its own (RecordRules.check).
        guard ok, cursor.atEnd, let id, let date, hasType, hasTitle, sourceCount > 0, chain.seq > 0,
              chain.prev >= 0, chain.hash >= 0, chain.recorded != .distantFuture,
              effective.map({ $0 >= date }) ?? true, corrects == nil || retracts == nil, retracts == nil || changeCount == 0
        else { return nil }
        _ = share.later(.record, id, in: cursor.bytes)
        let applies = effective ?? date
        share.records.append(CompactRecord(effectiveDay: Int32(clamping: applies.firstDay), precision: IndexLayout.precisionCode(applies),
                                           changeStart: Int32(changeStart), changeCount: Int32(changeCount), corrects: corrects,
                                           retracts: retracts, actor: actor, about: about,
                                           title: titleText, dateDay: Int32(clamping: date.firstDay),
                                           openDays: applies.isExact ? .zero : SIMD2(IndexLayout.openDays(applies).earliest,
                                                                                      IndexLayout.openDays(applies).latest),
                                           recorded: chain.recorded.nanoseconds))
        return chain
    }

    private static func source(_ cursor: inout CanonicalCursor) -> Bool {
        var hasTitle = false
        return cursor.object { cursor, name in
            if name.is("published") { return cursor.date() != nil }
            if name.is("seed") || name.is("url") { return cursor.line() != nil }
            if name.is("title") {
                hasTitle = cursor.line() != nil
                return hasTitle
            }
            return false
        } && hasTitle
    }

    /// One change, checked as `Change(json:)` reads it, appended with its ids interned.
    private static func change(_ cursor: inout CanonicalCursor, into share: inout CompactTables) -> Bool {
        var fields = Fields()
        let ok = cursor.object { cursor, name in
            guard let field = Fields.Name(bytes: name) else { return false }
            let value: UnsafeBufferPointer<UInt8>?
            switch field {
            case .name, .title, .role, .abbreviation, .leika: value = cursor.line()
            case .op, .relation, .kind: value = cursor.text()
            default: value = cursor.slug()
            }
            guard let value else { return false }
            fields.set(field, cursor.range(of: value))
            return true
        }
        guard ok, let opRange = fields[.op] else { return false }
        let bytes = cursor.bytes
        // Ops are ASCII and short: a small string, no allocation.
        let op = String(decoding: bytes[opRange], as: UTF8.self)
        func has(only allowed: [Fields.Name]) -> Bool { fields.present & ~Fields.mask(allowed + [.op]) == 0 }
        // Ids are numbered once the line is hashed (`CompactTables.later`).
        func unit(_ name: Fields.Name) -> Int32? { fields[name].map { share.later(.unit, $0, in: bytes) } }
        func task(_ name: Fields.Name) -> Int32? { fields[name].map { share.later(.task, $0, in: bytes) } }
        func keyword(_ name: Fields.Name) -> String? { fields[name].map { String(decoding: bytes[$0], as: UTF8.self) } }
        func relationIsKnown() -> Bool { keyword(.relation).map { Relation(rawValue: $0) != nil } ?? true }
        func kindIsSlug() -> Bool { fields[.kind].map { Slug.isValid(UnsafeBufferPointer(rebasing: bytes[$0])) } ?? true }
        let change: CompactChange
        switch op {
        case "establishUnit":
            guard has(only: [.unit, .name, .kind, .parent, .relation, .abbreviation]), fields[.name] != nil, fields[.kind] != nil,
                  kindIsSlug(), relationIsKnown(), let id = unit(.unit) else { return false }
            change = CompactChange(op: .establishUnit, a: id, b: unit(.parent) ?? -1)
        case "renameUnit":
            guard has(only: [.unit, .name, .abbreviation]), fields[.name] != nil, let id = unit(.unit) else { return false }
            change = CompactChange(op: .renameUnit, a: id)
        case "moveUnit":
            guard has(only: [.unit, .parent, .relation, .kind]), kindIsSlug(), relationIsKnown(), let id = unit(.unit),
                  let parent = unit(.parent) else { return false }
            change = CompactChange(op: .moveUnit, a: id, b: parent)
        case "dissolveUnit":
            guard has(only: [.unit, .successor]), let id = unit(.unit) else { return false }
            change = CompactChange(op: .dissolveUnit, a: id, b: unit(.successor) ?? -1)
        case "defineTask":
            guard has(only: [.task, .title, .leika]), fields[.title] != nil, let id = task(.task) else { return false }
            change = CompactChange(op: .defineTask, a: id)
        case "assignTask", "revokeTask":
            guard has(only: [.task, .unit]), let id = task(.task), let holder = unit(.unit) else { return false }
            change = CompactChange(op: op == "assignTask" ? .assignTask : .revokeTask, a: id, b: holder)
        case "transferTask":
            guard has(only: [.task, .from, .to]), let id = task(.task), let from = unit(.from), let to = unit(.to) else { return false }
            change = CompactChange(op: .transferTask, a: id, b: from, c: to)
        case "setSupervision", "endSupervision":
            guard has(only: [.supervisor, .unit, .kind, .task]), let kindName = keyword(.kind),
                  let kind = SupervisionKind(rawValue: kindName), let supervisor = unit(.supervisor), let supervised = unit(.unit)
            else { return false }
            change = CompactChange(op: op == "setSupervision" ? .setSupervision : .endSupervision,
                                   kind: kind.code, a: supervisor, b: supervised,
                                   c: task(.task) ?? -1)
        case "appoint", "endAppointment":
            guard has(only: op == "appoint" ? [.person, .role, .unit, .name] : [.person, .role, .unit]), let person = fields[.person],
                  let role = fields[.role], let office = unit(.unit)
            else { return false }
            change = CompactChange(op: op == "appoint" ? .appoint : .endAppointment,
                                   a: share.later(.person, person, in: bytes), b: share.later(.role, role, in: bytes), c: office)
        default:
            return false
        }
        share.changes.append(change)
        if share.keepsTexts {
            func text(_ name: Fields.Name) -> Int32 { fields[name].map { share.texts.id(UnsafeBufferPointer(rebasing: bytes[$0])) } ?? -1 }
            let relation: UInt8 = switch keyword(.relation) {
            case Relation.partOf.rawValue: 1
            case Relation.subordinateTo.rawValue: 2
            default: 0
            }
            let unitKind = change.op == .establishUnit || change.op == .moveUnit ? text(.kind) : -1
            share.changeTexts.append(CompactTexts(name: text(fields[.name] != nil ? .name : .title),
                                                  detail: text(fields[.abbreviation] != nil ? .abbreviation : .leika),
                                                  kind: unitKind, relation: relation))
        }
        return true
    }

    /// The members of one change, as ranges of the line.
    private struct Fields {
        enum Name: Int, CaseIterable {
            case abbreviation, from, kind, leika, name, op, parent, person, relation, role, successor, supervisor, task, title, to, unit

            /// The name these bytes spell, if a change may have it.
            init?(bytes: UnsafeBufferPointer<UInt8>) {
                // By length, then the few names of that length.
                guard bytes.count < Name.byLength.count,
                      let name = Name.byLength[bytes.count].first(where: { bytes.is($0.spelling) })
                else { return nil }
                self = name
            }

            /// The names by their length in bytes.
            private static let byLength: [[Name]] = (0...12).map { length in allCases.filter { $0.spelling.utf8CodeUnitCount == length } }

            /// The member name as written in the log.
            var spelling: StaticString {
                switch self {
                case .abbreviation: "abbreviation"
                case .from: "from"
                case .kind: "kind"
                case .leika: "leika"
                case .name: "name"
                case .op: "op"
                case .parent: "parent"
                case .person: "person"
                case .relation: "relation"
                case .role: "role"
                case .successor: "successor"
                case .supervisor: "supervisor"
                case .task: "task"
                case .title: "title"
                case .to: "to"
                case .unit: "unit"
                }
            }
        }

        /// Where each member's value starts and ends in the line; inline, not on the heap: there is
        /// one of these for every change of the ledger.
        private var starts = InlineArray<16, Int>(repeating: 0)
        private var ends = InlineArray<16, Int>(repeating: 0)
        private(set) var present: UInt32 = 0

        static func mask(_ names: [Name]) -> UInt32 { names.reduce(0) { $0 | 1 << UInt32($1.rawValue) } }

        mutating func set(_ name: Name, _ range: Range<Int>) {
            starts[name.rawValue] = range.lowerBound
            ends[name.rawValue] = range.upperBound
            present |= 1 << UInt32(name.rawValue)
        }

        subscript(_ name: Name) -> Range<Int>? {
            present & 1 << UInt32(name.rawValue) == 0 ? nil : starts[name.rawValue]..<ends[name.rawValue]
        }
    }
}

/// UTF-8 validity, as Swift and `JSONParser` define it: no overlong forms, no surrogates, nothing
/// above U+10FFFF, nothing cut short.
enum UTF8Check {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        func continuation(_ at: Int) -> Bool { at < n && bytes[at] & 0xC0 == 0x80 }
        let raw = UnsafeRawBufferPointer(bytes)
        while i < n {
            // ASCII, eight bytes at a time: most of the ledger.
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            switch b {
            case 0xC2...0xDF:
                guard continuation(i + 1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard continuation(i + 1), continuation(i + 2) else { return false }
                let b1 = bytes[i + 1]
                if b == 0xE0, b1 < 0xA0 { return false }
                if b == 0xED, b1 > 0x9F { return false }
                i += 3
            case 0xF0...0xF4:
                guard continuation(i + 1), continuation(i + 2), continuation(i + 3) else { return false }
                let b1 = bytes[i + 1]
                if b == 0xF0, b1 < 0x90 { return false }
                if b == 0xF4, b1 > 0x8F { return false }
                i += 4
            default:
                return false
            }
        }
        return true
    }
}
