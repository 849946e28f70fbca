import Ledger

// The record types a test writes most, each a `RecordDraft` of its type.

/// A `decision` (of a cabinet, ministry, parliament), taking effect on `date` or on `effective`.
///
/// ```swift
/// Decision("2020-12-kabinett", on: "2020-12-15", effective: "2021-01-01") {
///     Move("kv40", to: "tfm-egov-it", kind: .division)
/// }
/// ```
public struct Decision: RecordWriting {
    public var draft: RecordDraft

    public init(_ id: RecordRef, on date: ValidDate, effective: ValidDate? = nil, title: String? = nil, actor: UnitRef? = nil,
                note: String? = nil, about: [String]? = nil, sources: [Source] = [.writtenInATest], recorded: TransactionTime? = nil,
                @ChangesBuilder changes: () -> [any ChangeWriting] = { [] }) {
        draft = RecordDraft(id, type: .decision, on: date, effective: effective, title: title, actor: actor, note: note, about: about,
                            sources: sources, recorded: recorded, changes: changes)
    }
}

/// A `baseline`: how things stood when the ledger starts.
public struct Baseline: RecordWriting {
    public var draft: RecordDraft

    public init(_ id: RecordRef, on date: ValidDate, title: String? = nil, note: String? = nil, sources: [Source] = [.writtenInATest],
                recorded: TransactionTime? = nil, @ChangesBuilder changes: () -> [any ChangeWriting] = { [] }) {
        draft = RecordDraft(id, type: .baseline, on: date, title: title, note: note, sources: sources, recorded: recorded, changes: changes)
    }
}

/// A `correction` of the record `target`: it counts in its place, with its own changes.
public struct Correction: RecordWriting {
    public var draft: RecordDraft

    public init(_ id: RecordRef, of target: RecordRef, on date: ValidDate, effective: ValidDate? = nil, title: String? = nil,
                note: String? = nil, sources: [Source] = [.writtenInATest], recorded: TransactionTime? = nil,
                @ChangesBuilder changes: () -> [any ChangeWriting] = { [] }) {
        draft = RecordDraft(id, type: .correction, on: date, effective: effective, title: title, note: note, sources: sources,
                            corrects: target, recorded: recorded, changes: changes)
    }
}

/// A `retraction` of the record `target`: it no longer counts.
public struct Retraction: RecordWriting {
    public var draft: RecordDraft

    public init(_ id: RecordRef, of target: RecordRef, on date: ValidDate, title: String? = nil, note: String? = nil,
                sources: [Source] = [.writtenInATest], recorded: TransactionTime? = nil) {
        draft = RecordDraft(id, type: .retraction, on: date, title: title, note: note, sources: sources, retracts: target,
                            recorded: recorded)
    }
}
