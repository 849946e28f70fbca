/// One self-contained HTML page of a ledger, for `ledger export html`: the org chart at a date
/// chosen with a slider, the chronicle of every record with its sources, and a search "Wer war
/// zuständig für …" answering at that date.
///
/// The page carries everything it needs: the styles and the script are inline, there are no
/// fonts, images or other files to load, and the data is one JSON block
/// (`<script type="application/json" id="ledger-data">`). The library computes the data — each
/// unit's, task's, supervision's and office's validity intervals from the ledger's own snapshots,
/// and a German sentence for every change — so the script only looks up which interval covers
/// the chosen day and draws; it never replays the log itself, and cannot disagree with
/// `ledger orgchart`.
///
/// For scripts and browser tests the page honours a URL fragment `#at=2020-06-30` at load, and
/// every unit in the drawn chart carries `data-unit` and `data-parent` attributes:
///
/// ```swift
/// let ledger = try Ledger.open(path: "events/ledger.jsonl")
/// let page = try HTMLExport(ledger: ledger, at: ValidDate(parsing: "2020-06-30")).document
/// // chromium --headless --dump-dom "file:///tmp/page.html#at=2021-01-01"
/// //   → <li … data-unit="kv40" data-parent="tfm-egov-it" …>
/// ```
public struct HTMLExport: Sendable {
    /// The date the page opens at when the URL has no `#at=`.
    public var at: ValidDate
    /// The data the page's script draws from.
    let payload: JSONValue

    /// Prepares the page of `ledger` (every record of it, read in full), opening at `at`.
    public init(ledger: some LedgerQuerying, at: ValidDate) throws(QueryError) {
        self.at = at
        self.payload = try HTMLExport.payload(of: try ledger.wholeLedger(), at: at)
    }

    /// The whole page, UTF-8 text ending in a newline.
    public var document: String {
        """
        <!DOCTYPE html>
        <html lang="de">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(HTMLExport.generatorMark)
        <title>Organisation und Zuständigkeiten</title>
        <style>
        \(HTMLExport.style)
        </style>
        </head>
        <body>
        \(HTMLExport.body)
        <script type="application/json" id="ledger-data">\(HTMLExport.scriptSafe(CanonicalJSON.string(of: payload)))</script>
        <script>
        \(HTMLExport.script)
        </script>
        </body>
        </html>

        """
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

    /// The page's static markup; the script fills the chart, the answers and the chronicle.
    static let body = """
        <header class="masthead">
          <div class="wrap">
            <p class="eyebrow">Ledger der Verwaltungsorganisation</p>
            <h1>Organisation und Zuständigkeiten</h1>
            <p class="lede" id="lede"></p>
          </div>
        </header>
        <section class="datebar" aria-label="Stichtag">
          <div class="wrap datebar-inner">
            <div class="date-display">
              <span class="date-caption">Stand am</span>
              <output id="date-label" for="date-slider"></output>
              <span id="date-note" class="date-note"></span>
            </div>
            <div class="slider">
              <input type="range" id="date-slider" step="1" aria-label="Stichtag wählen">
              <div class="ticks" id="ticks" aria-hidden="true"></div>
              <div class="years" id="years" aria-hidden="true"></div>
            </div>
            <div class="date-controls">
              <button type="button" id="prev-event" title="Zum vorigen Eintrag">‹ Voriger Eintrag</button>
              <input type="text" id="date-input" inputmode="numeric" size="10" placeholder="TT.MM.JJJJ"
                     aria-label="Datum eingeben: TT.MM.JJJJ, JJJJ-MM-TT, JJJJ-MM oder JJJJ">
              <button type="button" id="next-event" title="Zum nächsten Eintrag">Nächster Eintrag ›</button>
            </div>
          </div>
        </section>
        <main class="wrap layout">
          <section class="panel chart-panel" aria-labelledby="chart-title">
            <div class="panel-head">
              <h2 id="chart-title">Organigramm</h2>
              <label class="toggle"><input type="checkbox" id="show-tasks" checked> Aufgaben zeigen</label>
            </div>
            <ul class="legend" aria-label="Legende">
              <li><span class="swatch line-solid"></span>Teil von</li>
              <li><span class="swatch line-dashed"></span>nachgeordnet (Geschäftsbereich)</li>
              <li><span class="pill sup">Fachaufsicht</span>durch eine andere Stelle</li>
              <li><span class="pill changed">geändert</span>am Stichtag</li>
            </ul>
            <div id="chart" class="chart"></div>
          </section>
          <aside class="side">
            <section class="panel search-panel" aria-labelledby="search-title">
              <h2 id="search-title"><label for="search">Wer war zuständig für …</label></h2>
              <input id="search" type="search" autocomplete="off" spellcheck="false"
                     placeholder="Aufgabe oder Stichwort, z. B. OZG oder Vergabe">
              <p class="hint" id="search-hint"></p>
              <ol id="answers" class="answers"></ol>
            </section>
            <section class="panel timeline-panel" aria-labelledby="timeline-title">
              <h2 id="timeline-title">Chronik</h2>
              <p class="hint">Ein Klick auf einen Eintrag zeigt Änderungen und Quellen.</p>
              <ol id="timeline" class="timeline"></ol>
            </section>
          </aside>
        </main>
        <footer class="wrap footer" id="footer"></footer>
        """
}
