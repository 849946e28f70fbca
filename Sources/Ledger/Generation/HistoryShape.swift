/// How a generated history is recorded: in the order it happened, or the way a real ledger fills
/// up, with records entered late, corrected and withdrawn.
///
/// ```swift
/// HistoryGenerator(records: 100_000, seed: 7, shape: .realistic)
/// ```
public enum HistoryShape: String, CaseIterable, Sendable {
    /// Records in non-decreasing order of effective date; its corrections fix titles and decision
    /// dates and change no answer, and its retractions withdraw reports. The bytes for a seed are
    /// those every earlier version wrote.
    case classic
    /// The classic history, with a few per cent more records that the bitemporal questions are
    /// about: transfers and renames recorded late (weeks to a few years after they took effect),
    /// corrections that move when a transfer took effect, and retractions of transfers. Each of
    /// them changes an answer for some dates, and answers known before it stay as they were.
    case realistic

    /// Of every thousand records in the realistic shape, how many are recorded late (backdated).
    public static let backdatedPerMille = 30
    /// Of every thousand records in the realistic shape, how many correct when a transfer took effect.
    public static let correctionsPerMille = 15
    /// Of every thousand records in the realistic shape, how many retract a transfer.
    public static let retractionsPerMille = 10
}
