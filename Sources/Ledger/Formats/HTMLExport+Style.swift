/// The page's stylesheet: system fonts only (nothing to download), calm colours, one accent per
/// kind of unit, and names that wrap at word boundaries (with hyphenation for long compounds).
/// Controls that need the script are hidden while `<html>` has the class `no-script`.
extension HTMLExport {
    static let style = #"""
        :root {
          --bg: #f3f5f8; --panel: #ffffff; --ink: #1b2633; --muted: #5d6b7b; --faint: #8a97a6;
          --line: #d9dfe6; --tree: #9aa8b7; --accent: #1f5fa8; --accent-soft: #e7f0fb;
          --sup: #1f5fa8; --changed: #b45309; --changed-soft: #fff4e5;
          --k-government: #173f6b; --k-chancellery: #3b6fb0; --k-ministry: #2f6fb5;
          --k-authority: #2f7d5d; --k-department: #6a55b0; --k-division: #8c5fb0; --k-team: #9a7aa8;
          --k-company: #b07a1f; --k-body: #a06a2a; --k-other: #6b7785;
          --radius: 10px;
          --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 var(--font); }
        h1, h2, h3 { line-height: 1.25; margin: 0; }
        button, input { font: inherit; color: inherit; }
        .wrap { max-width: 1320px; margin: 0 auto; padding: 0 28px; }
        .no-script .needs-script { display: none !important; }
        .no-script .datebar-inner { grid-template-columns: 1fr; }

        .masthead { background: linear-gradient(135deg, #12304f 0%, #1d4b7a 100%); color: #fff; padding: 20px 0 18px; }
        .eyebrow { margin: 0 0 4px; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: #b8cde4; }
        .masthead h1 { font-size: 28px; font-weight: 650; letter-spacing: -.01em; }
        .lede { margin: 6px 0 0; color: #d5e2f0; font-size: 14px; }

        .datebar { position: sticky; top: 0; z-index: 5; background: rgba(255,255,255,.97); border-bottom: 1px solid var(--line);
                   box-shadow: 0 2px 10px rgba(20,40,70,.06); }
        .datebar-inner { display: grid; grid-template-columns: 250px minmax(0, 1fr) auto; gap: 28px; align-items: center; padding-top: 12px; padding-bottom: 12px; }
        .date-caption { display: block; font-size: 11px; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); }
        #date-label { display: block; font-size: 22px; font-weight: 650; color: var(--ink); white-space: nowrap; }
        .date-note { display: block; font-size: 12px; color: var(--muted); min-height: 1.2em; }
        .slider { position: relative; padding-bottom: 18px; }
        #date-slider { width: 100%; margin: 8px 0 0; accent-color: var(--accent); cursor: pointer; position: relative; z-index: 2; }
        .ticks { position: absolute; left: 8px; right: 8px; top: 0; height: 8px; }
        .tick { position: absolute; top: 0; width: 2px; height: 8px; margin-left: -1px; background: var(--tree); border-radius: 1px; }
        .tick.has-changes { background: var(--accent); height: 9px; }
        .years { position: absolute; left: 8px; right: 8px; bottom: 0; height: 16px; font-size: 11px; color: var(--faint); }
        .years span { position: absolute; transform: translateX(-50%); }
        .years span::before { content: ""; position: absolute; left: 50%; top: -5px; height: 4px; border-left: 1px solid var(--line); }
        .date-controls { display: flex; gap: 8px; align-items: center; }
        .date-controls button, .jump { border: 1px solid var(--line); background: #fff; border-radius: 8px; padding: 6px 11px; cursor: pointer; font-size: 13px; white-space: nowrap; }
        .date-controls button:hover, .jump:hover { border-color: var(--accent); color: var(--accent); }
        .date-controls button:disabled { opacity: .45; cursor: default; border-color: var(--line); color: inherit; }
        #date-input { border: 1px solid var(--line); border-radius: 8px; padding: 6px 9px; font-size: 13px; width: 7.5em; text-align: center; font-variant-numeric: tabular-nums; }
        #date-input.invalid { border-color: #c2410c; background: #fff4ef; }

        .layout { display: grid; grid-template-columns: minmax(0, 1.7fr) minmax(330px, 1fr); gap: 24px; padding-top: 24px; padding-bottom: 32px; align-items: start; }
        .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 14px; padding: 20px 22px; box-shadow: 0 1px 2px rgba(20,40,70,.04); }
        .side { display: grid; gap: 24px; }
        .panel h2 { font-size: 17px; font-weight: 650; }
        .panel-head { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; }
        .toggle { font-size: 13px; color: var(--muted); cursor: pointer; user-select: none; }
        .hint { color: var(--muted); font-size: 13px; margin: 6px 0 10px; }

        .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 10px 0 14px; padding: 8px 12px; background: #f8fafc; border-radius: 8px; font-size: 12px; color: var(--muted); }
        .legend li { display: flex; align-items: center; gap: 7px; }
        .swatch { display: inline-block; width: 24px; border-top: 2px solid var(--tree); }
        .swatch.line-dashed { border-top-style: dashed; border-top-color: #6f7f90; }
        .pill { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 11.5px; font-weight: 600; line-height: 1.6; white-space: nowrap; }
        .pill.sup { background: var(--accent-soft); color: var(--sup); }
        .pill.changed { background: var(--changed-soft); color: var(--changed); }
        .pill.rel { background: #eef1f4; color: #4b5a6a; }

        .chart ul { list-style: none; margin: 0; padding: 0; }
        .forest > li + li { margin-top: 12px; }
        .children { padding-left: 30px !important; }
        .children > li { position: relative; padding-top: 8px; }
        /* The connector to a child is three pieces: from the parent down to the child's elbow (in the
           child's own style, dashed when subordinate), the elbow itself, and the continuation down to
           later siblings (always solid), so a dashed child never makes its siblings look dashed. */
        .children > li::before { content: ""; position: absolute; left: -18px; top: 0; height: 28px; border-left: 2px solid var(--tree); }
        .children > li::after { content: ""; position: absolute; left: -18px; top: 28px; bottom: 0; border-left: 2px solid var(--tree); }
        .children > li:last-child::after { display: none; }
        .children > li > .card::before { content: ""; position: absolute; left: -18px; top: 19px; width: 17px; border-top: 2px solid var(--tree); }
        .children > li.rel-subordinateTo::before { border-left-style: dashed; border-left-color: #6f7f90; }
        .children > li.rel-subordinateTo > .card::before { border-top-style: dashed; border-top-color: #6f7f90; }

        .card { position: relative; background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--kind, var(--k-other)); border-radius: var(--radius);
                padding: 7px 13px 8px; max-width: 660px; transition: box-shadow .2s, border-color .2s; }
        .card .name { font-weight: 620; font-size: 15px; overflow-wrap: break-word; hyphens: auto; }
        .card .abbr { color: var(--muted); font-weight: 500; font-size: 13px; }
        .card .title { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 10px; }
        .card .meta { display: flex; flex-wrap: wrap; gap: 5px 6px; margin-top: 2px; align-items: center; }
        .card .kind { font-size: 11.5px; font-weight: 600; color: var(--kind, var(--k-other)); text-transform: uppercase; letter-spacing: .05em; margin-right: 4px; }
        .card .offices { margin: 4px 0 0; font-size: 12.5px; color: var(--muted); }
        .card .offices b { color: var(--ink); font-weight: 600; }
        .card .tasks { margin: 6px 0 0 !important; padding: 6px 0 0 !important; border-top: 1px dashed var(--line); display: grid; gap: 3px; }
        .card .tasks li { font-size: 12.5px; color: #2d3a48; padding-left: 14px; position: relative; overflow-wrap: break-word; hyphens: auto; }
        .card .tasks li::before { content: ""; position: absolute; left: 2px; top: .6em; width: 6px; height: 6px; border-radius: 50%; background: var(--kind, var(--k-other)); opacity: .7; }
        .chart.hide-tasks .tasks { display: none; }
        .card.is-changed { border-color: #efc58f; border-left-color: var(--kind, var(--k-other)); box-shadow: 0 0 0 3px #fde9cf; }
        .card.is-highlighted { box-shadow: 0 0 0 3px #9cc3f0; border-color: var(--accent); }
        .kind-government { --kind: var(--k-government); } .kind-chancellery { --kind: var(--k-chancellery); }
        .kind-ministry { --kind: var(--k-ministry); } .kind-authority { --kind: var(--k-authority); }
        .kind-department { --kind: var(--k-department); } .kind-division { --kind: var(--k-division); }
        .kind-team { --kind: var(--k-team); } .kind-company { --kind: var(--k-company); } .kind-body { --kind: var(--k-body); }
        .kind-government > .card { background: #f4f8fc; }
        .kind-ministry > .card, .kind-chancellery > .card { background: #fafcff; }

        .others { margin-top: 22px; padding-top: 14px; border-top: 1px solid var(--line); }
        .others:first-child { margin-top: 0; padding-top: 0; border-top: 0; }
        .others h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); font-weight: 600; margin-bottom: 10px; }
        .others .forest { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 12px; }
        .others .forest > li + li { margin-top: 0; }
        .empty { color: var(--muted); font-style: italic; }

        #search { width: 100%; margin-top: 12px; padding: 10px 13px; border: 1px solid #c5ced8; border-radius: 9px; font-size: 15px; background: #fbfcfd; }
        #search:focus { outline: 3px solid #cfe1f6; border-color: var(--accent); background: #fff; }
        .answers { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; max-height: 460px; overflow: auto; }
        .answer { border: 1px solid var(--line); border-radius: var(--radius); padding: 10px 12px; cursor: pointer; }
        .answer:hover { border-color: #9cc3f0; background: #fafcff; }
        .answer .task-title { font-weight: 600; overflow-wrap: break-word; hyphens: auto; }
        .answer .task-id { font: 12px ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, monospace; color: var(--faint); }
        .answer .holder { margin-top: 5px; font-size: 14px; }
        .answer .holder b { color: var(--accent); }
        .answer .path { margin-top: 3px; font-size: 12.5px; color: var(--muted); overflow-wrap: break-word; }
        .answer .path span + span::before { content: " › "; color: var(--faint); }
        .answer .facts { margin-top: 6px; display: flex; flex-wrap: wrap; gap: 5px; font-size: 12px; color: var(--muted); align-items: center; }
        .answer.none .holder { color: var(--muted); }

        .timeline { list-style: none; margin: 0; padding: 0 0 0 18px; position: relative; }
        .timeline::before { content: ""; position: absolute; left: 5px; top: 6px; bottom: 6px; border-left: 2px solid var(--line); }
        .entry { position: relative; padding: 6px 0 10px; }
        .entry::before { content: ""; position: absolute; left: -18px; top: 12px; width: 10px; height: 10px; border-radius: 50%; background: #fff; border: 2px solid var(--accent); }
        .entry.no-changes::before { border-color: var(--tree); }
        .entry.future { opacity: .5; }
        .entry.future::before { border-color: var(--line); }
        .entry.withdrawn .entry-title { text-decoration: line-through; }
        .entry > button.entry-head { all: unset; display: block; cursor: pointer; border-radius: 6px; padding: 2px 6px; margin: 0 -6px; width: 100%; box-sizing: border-box; }
        .entry > button.entry-head:hover { background: #f3f7fb; }
        .entry > button.entry-head:focus-visible { outline: 2px solid var(--accent); }
        .entry > details > summary.entry-head { display: block; list-style: none; cursor: pointer; border-radius: 6px; padding: 2px 6px; margin: 0 -6px; }
        .entry > details > summary.entry-head::-webkit-details-marker { display: none; }
        .entry > details > summary.entry-head:hover { background: #f3f7fb; }
        .entry-date { font-size: 12px; color: var(--muted); display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
        .entry-type { font-size: 10.5px; text-transform: uppercase; letter-spacing: .06em; font-weight: 700; color: var(--accent); }
        .entry-title { font-size: 14px; font-weight: 560; overflow-wrap: break-word; hyphens: auto; }
        .now-marker { position: relative; margin: 4px 0 8px; padding: 3px 10px; font-size: 12px; font-weight: 650; color: var(--changed); background: var(--changed-soft); border-radius: 6px; }
        .now-marker::before { content: ""; position: absolute; left: -19px; top: 50%; width: 12px; height: 12px; margin-top: -6px; background: var(--changed); transform: rotate(45deg); border-radius: 2px; }
        .details { margin: 8px 0 4px; padding: 10px 12px; background: #f8fafc; border-radius: 8px; font-size: 13px; }
        .details h4 { margin: 8px 0 4px; font-size: 11px; text-transform: uppercase; letter-spacing: .07em; color: var(--muted); }
        .details h4:first-child { margin-top: 0; }
        .details ul { margin: 0; padding-left: 18px; }
        .details li + li { margin-top: 3px; }
        .details .note { margin: 0; color: #394757; font-style: italic; }
        .details a { color: var(--accent); overflow-wrap: anywhere; }
        .details .src-meta { color: var(--muted); font-size: 12px; }
        .details .record-id { font: 11.5px ui-monospace, "DejaVu Sans Mono", Menlo, monospace; color: var(--faint); margin-top: 8px; overflow-wrap: anywhere; }
        .jump { margin-top: 8px; }

        .footer { color: var(--faint); font-size: 12px; padding-bottom: 28px; }
        .footer code { font: 11.5px ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }

        @media (max-width: 980px) {
          .layout { grid-template-columns: 1fr; }
          .datebar-inner { grid-template-columns: 1fr; gap: 10px; }
        }
        @media print {
          .datebar { position: static; box-shadow: none; }
          .answers { max-height: none; }
        }
        """#
}
