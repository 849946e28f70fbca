/// One self-contained HTML page of a ledger, for `ledger export html`: the org chart at a date,
/// the chronicle of every record with its sources, and (with scripts on) a date slider and a
/// search "who was responsible for …" answering at the chosen date.
///
/// The page works without JavaScript: the org chart at `at` (units, tasks, offices with the
/// holders' names) and the chronicle are static markup, drawn from the answers `ledger orgchart`,
/// `offices` and `responsibilities` give for that date. The script is an enhancement on top: it
/// adds the slider and the search and redraws the chart for the day chosen. It reads everything
/// from one JSON block (`<script type="application/json" id="ledger-data">`) in which the library
/// put each unit's, task's, supervision's and office's validity intervals from the ledger's own
/// snapshots and the page's words, so it only looks up which interval covers the chosen day and
/// draws; it never replays the log itself, and cannot disagree with `ledger orgchart`.
///
/// The page carries everything it needs: the styles and the script are inline, there are no
/// fonts, images or other files to load. Its title and words come from the ledger and `options`
/// (`Options`), never from a particular government.
///
/// For scripts and browser tests the page honours a URL fragment `#at=2020-06-30` at load,
/// `<html data-at>` names the day drawn, and every unit in the chart carries `data-unit` and
/// `data-parent` attributes:
///
/// ```swift
/// let ledger = try Ledger.open(path: "events/ledger.jsonl")
/// let page = try HTMLExport(ledger: ledger, at: ValidDate(parsing: "2020-06-30"),
///                           options: .init(title: "Thüringen digital", language: .english)).document
/// // chromium --headless --dump-dom "file:///tmp/page.html#at=2021-01-01"
/// //   → <li … data-unit="kv40" data-parent="tfm-egov-it" …>
/// ```
public struct HTMLExport: Sendable {
    /// The date the page shows without a script, and opens at when the URL has no `#at=`.
    public var at: ValidDate
    /// The title and language asked for.
    public var options: Options
    /// The page's heading and `<title>`: `options.title`, else derived from the ledger.
    public let title: String
    /// The data the page's script draws from.
    let payload: JSONValue
    /// The markup between `<body>` and the data block.
    let body: String

    /// Prepares the page of `ledger` (every record of it, read in full), showing the organisation on `at`.
    public init(ledger given: some LedgerQuerying, at: ValidDate, knownAt: TransactionTime = .distantFuture,
                options: Options = Options()) throws(QueryError) {
        let ledger = try given.wholeLedger().asKnown(at: knownAt)
        let wording = options.language.wording
        self.at = at
        self.options = options
        if let title = options.title { self.title = title } else { self.title = try HTMLExport.derivedTitle(of: ledger, wording: wording) }
        let chronicle = try HTMLExport.chronicle(of: ledger, wording: wording)
        self.payload = try HTMLExport.payload(of: ledger, at: at, chronicle: chronicle, wording: wording)
        self.body = try HTMLExport.body(of: ledger, at: at, title: title, chronicle: chronicle, wording: wording)
    }

    /// The whole page, UTF-8 text ending in a newline: what `write(to:)` writes, held whole.
    public var document: String {
        var bytes: [UInt8] = []
        write { (chunk: [UInt8]) throws(Never) in bytes += chunk }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Hands the page's bytes to `sink` in chunks as they are made, so the page (hundreds of MB
    /// for a large ledger) is never held whole as text besides its parts.
    public func write<Failure: Error>(chunkSize: Int = 1 << 16, to sink: @escaping ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        var output = ChunkedOutput<Failure>(chunkSize: chunkSize, sink: sink)
        try output.append("""
            <!DOCTYPE html>
            <html lang="\(options.language.rawValue)" class="no-script" data-at="\(ValidDate(dayNumber: at.firstDay))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            \(HTMLExport.generatorMark)
            <title>\(HTML.text(title))</title>
            <style>
            \(HTMLExport.style)
            </style>
            </head>
            <body>

            """)
        try output.append(body)
        try output.append("\n<script type=\"application/json\" id=\"ledger-data\">")
        try output.append(HTMLExport.scriptSafe(CanonicalJSON.string(of: payload)))
        try output.append("""
            </script>
            <script>
            \(HTMLExport.script)
            </script>
            </body>
            </html>

            """)
        try output.finish()
    }

    /// The line near the page's top that names its maker: how `OutputPath` knows a file at
    /// `--out` as one the tool wrote, which it may replace without `--force`.
    static let generatorMark = #"<meta name="generator" content="ledger export html">"#

    /// JSON made safe inside a `<script>` element: every `<` written as the JSON escape `\u003c`,
    /// so no text in the data (a title containing `</script>` or `<!--`) can end the element early.
    /// The result is still valid JSON with the same value.
    static func scriptSafe(_ json: String) -> String {
        var result = ""
        result.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            if scalar == "<" { result += "\\u003c" } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
