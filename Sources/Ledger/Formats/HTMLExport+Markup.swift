/// The page's body: the header, the date bar, the chart, the search and the chronicle. What needs
/// the script (the slider, the buttons, the date field, the search) carries the class
/// `needs-script` and is hidden while `<html>` has the class `no-script`, which the script
/// removes; everything else is static and readable as it is.
extension HTMLExport {
    static func body(of ledger: Ledger, at: ValidDate, title: String, chronicle: [ChronicleEntry],
                     wording: some PageWording) throws(QueryError) -> String {
        let day = ValidDate(dayNumber: at.firstDay)
        let say = { (key: String) in HTML.text(wording.phrase(key)) }
        let chart = try StaticChart(ledger: ledger, at: at, wording: wording).markup
        let example = try searchExample(of: ledger)
        let placeholder = example.map { wording.phrase("search.placeholder", ["example": $0]) } ?? wording.phrase("search.placeholderPlain")
        return """
            <header class="masthead">
              <div class="wrap">
                <p class="eyebrow">\(say("page.eyebrow"))</p>
                <h1>\(HTML.text(title))</h1>
                <p class="lede" id="lede">\(lede(of: ledger, wording: wording))</p>
              </div>
            </header>
            <section class="datebar" aria-label="\(say("date.region"))">
              <div class="wrap datebar-inner">
                <div class="date-display">
                  <span class="date-caption">\(say("date.caption"))</span>
                  <output id="date-label" for="date-slider">\(HTML.text(wording.date(day.description)))</output>
                  <span id="date-note" class="date-note"></span>
                </div>
                <div class="slider needs-script">
                  <input type="range" id="date-slider" step="1" aria-label="\(say("date.slider"))">
                  <div class="ticks" id="ticks" aria-hidden="true"></div>
                  <div class="years" id="years" aria-hidden="true"></div>
                </div>
                <div class="date-controls needs-script">
                  <button type="button" id="prev-event" title="\(say("date.previousTitle"))">\(say("date.previous"))</button>
                  <input type="text" id="date-input" inputmode="numeric" size="10" placeholder="\(say("date.inputPlaceholder"))"
                         aria-label="\(say("date.inputLabel"))">
                  <button type="button" id="next-event" title="\(say("date.nextTitle"))">\(say("date.next"))</button>
                </div>
                <noscript><p class="date-note">\(HTML.text(wording.phrase("page.withoutScript", ["date": wording.date(day.description)])))</p></noscript>
              </div>
            </section>
            <main class="wrap layout">
              <section class="panel chart-panel" aria-labelledby="chart-title">
                <div class="panel-head">
                  <h2 id="chart-title">\(say("chart.title"))</h2>
                  <label class="toggle needs-script"><input type="checkbox" id="show-tasks" checked> \(say("chart.showTasks"))</label>
                </div>
                <ul class="legend" aria-label="\(say("legend.label"))">
                  <li><span class="swatch line-solid"></span>\(say("legend.partOf"))</li>
                  <li><span class="swatch line-dashed"></span>\(say("legend.subordinate"))</li>
                  <li><span class="pill sup">\(say("legend.supervision"))</span>\(say("legend.supervisionText"))</li>
                  <li class="needs-script"><span class="pill changed">\(say("legend.changed"))</span>\(say("legend.changedText"))</li>
                </ul>
                <div id="chart" class="chart">
            \(chart)
                </div>
              </section>
              <aside class="side">
                <section class="panel search-panel needs-script" aria-labelledby="search-title">
                  <h2 id="search-title"><label for="search">\(say("search.title"))</label></h2>
                  <input id="search" type="search" autocomplete="off" spellcheck="false"
                         placeholder="\(HTML.text(placeholder))">
                  <p class="hint" id="search-hint"></p>
                  <ol id="answers" class="answers"></ol>
                </section>
                <section class="panel timeline-panel" aria-labelledby="timeline-title">
                  <h2 id="timeline-title">\(say("timeline.title"))</h2>
                  <p class="hint">\(say("timeline.hint"))</p>
                  <ol id="timeline" class="timeline">
            \(chronicleMarkup(chronicle, at: day, wording: wording))
                  </ol>
                </section>
              </aside>
            </main>
            <footer class="wrap footer" id="footer">\(footer(of: ledger, wording: wording))</footer>
            """
    }

    /// "25 Einträge von 2017 bis 2021 · jede Änderung mit Quelle belegt", and the hint to the
    /// slider for readers with scripts on.
    static func lede(of ledger: Ledger, wording: some PageWording) -> String {
        let years = ledger.records.flatMap { [$0.date.year, $0.effectiveDate.year] }
        guard let first = years.min(), let last = years.max() else { return HTML.text(wording.phrase("page.ledeEmpty")) }
        let text = wording.phrase("page.lede", [
            "records": wording.counted("records.count", ledger.records.count), "from": String(first), "to": String(last),
        ])
        return HTML.text(text) + HTML.element("span", ["class": "needs-script"], HTML.text(wording.phrase("page.ledeHint")))
    }

    /// Which tool made the page from how many records, and the head it was made at.
    static func footer(of ledger: Ledger, wording: some PageWording) -> String {
        let marker = "\u{1}hash\u{1}"
        let text = wording.phrase("page.footer", [
            "records": wording.counted("footer.records", ledger.records.count),
            "seq": String(ledger.records.last?.seq ?? 0), "hash": marker,
        ])
        let hash = HTML.element("code", ["title": ledger.head], HTML.text(String(ledger.head.prefix(16)) + "…"))
        return HTML.text(text).replacing(marker, with: hash)
    }
}
