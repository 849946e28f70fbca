/// The language of the HTML page's own words: headings, labels, dates in words, the sentence for
/// each change. Names, titles and notes come from the records and are shown as written.
///
/// German is the default, as the page has always been; `ledger export html --lang en` writes the
/// same page in English.
///
/// ```swift
/// let page = try HTMLExport(ledger: ledger, at: .today, options: .init(language: .english))
/// page.document.contains(#"<html lang="en""#)   // true
/// ```
public enum PageLanguage: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// Deutsch, the page's default.
    case german = "de"
    /// English.
    case english = "en"

    /// The BCP 47 tag, as `<html lang>` and `--lang` spell it.
    public var description: String { rawValue }

    /// The words of the page in this language.
    var wording: any PageWording {
        switch self {
        case .german: GermanWording()
        case .english: EnglishWording()
        }
    }
}
