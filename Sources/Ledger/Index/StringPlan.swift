/// What a string in the index names: each kind's strings are stored once in the string section.
enum StringKind: Int, CaseIterable {
    case unit, task, record, text, person, role
}

/// Where each string the index names lies in its string section: each distinct string of a kind
/// once (by bytes, not `String` equality, which would merge two spellings of one accented letter),
/// in the order the rows first name it. The strings are numbers in the ledger's interners, so
/// placing one is an array lookup.
struct StringPlan {
    private let interners: [ByteInterner]
    private var offsets: [[UInt32]]
    /// The strings in section order.
    private var order: [(kind: StringKind, number: Int32)] = []
    private(set) var length = 0

    init(_ ledger: CompactLedger) {
        var interners = [ByteInterner](repeating: ByteInterner(), count: StringKind.allCases.count)
        interners[StringKind.unit.rawValue] = ledger.units
        interners[StringKind.task.rawValue] = ledger.tasks
        interners[StringKind.record.rawValue] = ledger.recordIDs
        interners[StringKind.text.rawValue] = ledger.texts
        interners[StringKind.person.rawValue] = ledger.people
        interners[StringKind.role.rawValue] = ledger.roles
        self.interners = interners
        offsets = interners.map { [UInt32](repeating: .max, count: $0.count) }
    }

    mutating func place(_ kind: StringKind, _ number: Int32) {
        guard offsets[kind.rawValue][Int(number)] == .max else { return }
        offsets[kind.rawValue][Int(number)] = UInt32(length)
        order.append((kind, number))
        length += interners[kind.rawValue].length(Int(number))
    }

    /// The (offset, length) of a placed string; nil for -1.
    func reference(_ kind: StringKind, _ number: Int32) -> (UInt32, UInt32)? {
        guard number >= 0 else { return nil }
        return (offsets[kind.rawValue][Int(number)], UInt32(interners[kind.rawValue].length(Int(number))))
    }

    func write(to writer: inout IndexFileWriter) throws(IOFailure) {
        var batch: [UInt8] = []
        batch.reserveCapacity(1 << 20)
        for (kind, number) in order {
            batch.append(contentsOf: interners[kind.rawValue].key(Int(number)))
            if batch.count >= 1 << 20 {
                try writer.write(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try writer.write(batch)
    }
}
