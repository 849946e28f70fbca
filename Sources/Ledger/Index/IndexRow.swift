/// A kind of fixed-size row of the index (and the header, one row of its own): its size, and
/// the fields that tile it.
///
/// Each kind declares its fields once, in `IndexLayout` (`IndexLayout.UnitStep.parent`); the
/// writer sets them and the readers and the tests' forgeries read them only through those
/// declarations, so an offset is written in one place and nowhere else.
protocol IndexRow {
    /// The size of one row in bytes.
    static var size: Int { get }
    /// Every field in order, padding included: each starts where the one before ends, and the
    /// last ends at `size` (`tilesRow` checks it).
    static var fields: [IndexRowField<Self>] { get }
}

/// A kind of row with a section of its own, so that a read need not name the section. (The
/// steps of supervision and of offices share one shape in two sections.)
protocol IndexSectionRow: IndexRow {
    static var section: IndexLayout.Section { get }
}

/// A kind of step row (version 15): a state from `day` on, as the records `knownFrom..<knownUntil`
/// said (docs/FORMAT.md §5.5).
protocol IndexStepRow: IndexRow {
    static var day: IndexRowField<Self> { get }
    static var knownFrom: IndexRowField<Self> { get }
    static var knownUntil: IndexRowField<Self> { get }
}

/// One field of a row of kind `Row`: where it starts in the row and how many bytes it takes.
struct IndexRowField<Row: IndexRow>: Sendable {
    let offset: Int
    let width: Int

    /// Where the field ends in the row.
    var end: Int { offset + width }

    /// Where the field lies in row `row` of a section of such rows.
    @inline(__always)
    func position(inRow row: Int) -> Int { row * Row.size + offset }

    /// The part of this field (a string reference, say) that `part` declares, as a field of `Row`.
    func part<Part: IndexRow>(_ part: IndexRowField<Part>) -> IndexRowField<Row> {
        IndexRowField(offset: offset + part.offset, width: part.width)
    }
}

extension IndexRow {
    /// Whether the fields tile the row: the first starts at 0, each of the others where the one
    /// before ends, and the last ends at `size`. (The declarations are numbers, as the format's
    /// specification gives them; this is what keeps them from overlapping or leaving gaps.)
    static var tilesRow: Bool {
        var end = 0
        for field in fields {
            guard field.offset == end, field.width > 0 else { return false }
            end = field.end
        }
        return end == size
    }
}
