/// The page's script: plain JavaScript, no libraries, and an enhancement of a page that reads
/// well without it (the chart of the page's date and the chronicle are static markup). It reads
/// the JSON block, finds for the chosen day the interval of every unit, task, supervision and
/// office that covers it, and redraws the chart, the answers and the chronicle with DOM calls
/// (never `innerHTML`, so no text from the ledger is ever parsed as markup). It has no words of
/// its own: every phrase comes from the data block (`words`, `months`), in the page's language.
///
/// Test hooks: `#at=YYYY-MM-DD` in the URL picks the day at load (and the page keeps the fragment
/// in step with the slider); `<html data-at>` says which day is drawn; every unit is an element
/// with `data-unit`, `data-parent` (absent for a root), `data-relation` and `data-kind`; every
/// answer has `data-task` and `data-unit`.
extension HTMLExport {
    static let script = #"""
        (function () {
          'use strict';
          var data = JSON.parse(document.getElementById('ledger-data').textContent);
          document.documentElement.classList.remove('no-script');
          var MONTHS = data.months, LANG = data.lang;
          var DAY_MS = 86400000;
          var $ = function (id) { return document.getElementById(id); };

          // ---- small helpers -------------------------------------------------------------------
          // A phrase of the page with its {placeholders} filled in.
          function say(key, values) {
            var text = data.words[key] || key;
            Object.keys(values || {}).forEach(function (name) { text = text.split('{' + name + '}').join(String(values[name])); });
            return text;
          }
          function counted(key, n, values) { return say(key + (n === 1 ? '.one' : '.other'), Object.assign({ n: n }, values)); }
          function el(tag, attrs) {
            var node = document.createElement(tag);
            if (attrs) {
              Object.keys(attrs).forEach(function (key) {
                var value = attrs[key];
                if (value === null || value === undefined || value === false) return;
                if (key === 'class') node.className = value;
                else if (key.slice(0, 2) === 'on') node.addEventListener(key.slice(2), value);
                else node.setAttribute(key, value === true ? '' : String(value));
              });
            }
            for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
            return node;
          }
          function append(node, child) {
            if (child === null || child === undefined || child === false) return;
            if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
            node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
          }

          // Dates keep their precision in labels; ISO days ("2020-06-30") compare as strings.
          function firstDay(text) { var p = text.split('-'); return p[0] + '-' + (p[1] || '01') + '-' + (p[2] || '01'); }
          function dayNumber(iso) { var p = iso.split('-').map(Number); return Math.round(Date.UTC(p[0], p[1] - 1, p[2]) / DAY_MS); }
          function isoOf(number) { return new Date(number * DAY_MS).toISOString().slice(0, 10); }
          function isDate(text) {
            if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(text)) return false;
            var iso = firstDay(text);
            return isoOf(dayNumber(iso)) === iso;
          }
          // A date in words, also one the sources leave open (docs/FORMAT.md 3.2.1); the library's
          // PageWording.date(_:) writes the static part of the page the same way.
          function formatDate(text) {
            var range = text.indexOf('..');
            if (range >= 0) {
              var a = text.slice(0, range), b = text.slice(range + 2);
              if (!a) return say('date.notAfter', { date: formatDate(b) });
              if (!b) return say('date.notBefore', { date: formatDate(a) });
              return say('date.between', { from: formatDate(a), to: formatDate(b) });
            }
            var mark = text.slice(-1);
            if (mark === '?') return say('date.uncertain', { date: formatDate(text.slice(0, -1)) });
            if (mark === '~') return say('date.approximate', { date: formatDate(text.slice(0, -1)) });
            if (mark === '%') return say('date.uncertainApproximate', { date: formatDate(text.slice(0, -1)) });
            var p = text.split('-');
            if (p.length === 1) return p[0];
            if (p.length === 2) return say('date.month', { month: MONTHS[+p[1] - 1], year: p[0] });
            return say('date.day', { day: +p[2], month: MONTHS[+p[1] - 1], year: p[0] });
          }
          function digits(iso) { var p = iso.split('-'); return say('date.digits', { yyyy: p[0], mm: p[1], dd: p[2] }); }
          // What a person types: 30.6.2020, 2020-06-30, 2020-06 or 2020 in either language; a partial
          // date means its first day.
          function parseInput(text) {
            text = text.trim();
            var german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
            if (german) text = german[3] + '-' + ('0' + german[2]).slice(-2) + '-' + ('0' + german[1]).slice(-2);
            return isDate(text) ? firstDay(text) : null;
          }
          function covers(interval, day) { return interval.from <= day && (!interval.to || day < interval.to); }
          function versionAt(versions, day) {
            if (!versions) return null;
            for (var i = 0; i < versions.length; i++) if (covers(versions[i], day)) return versions[i];
            return null;
          }
          function fold(text) {
            return text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
          }
          function kindLabel(kind) { return data.kinds[kind] ? data.kinds[kind].label : kind; }
          function kindRank(kind) { return data.kinds[kind] ? data.kinds[kind].rank : 99; }
          function shortName(unit) { return unit.abbreviation || unit.name; }
          function byRankThenName(a, b) {
            return kindRank(a.kind) - kindRank(b.kind) || a.name.localeCompare(b.name, LANG);
          }

          // ---- the organisation on one day -----------------------------------------------------
          function stateAt(day) {
            var state = { day: day, units: {}, tasks: {}, supervisions: [], offices: [] };
            Object.keys(data.units).forEach(function (id) {
              var v = versionAt(data.units[id], day);
              if (v) state.units[id] = Object.assign({ id: id, isNew: v.from === day && data.units[id][0] === v, changed: v.from === day }, v);
            });
            Object.keys(data.tasks).forEach(function (id) {
              var v = versionAt(data.tasks[id], day);
              if (v) state.tasks[id] = Object.assign({ id: id }, v);
            });
            state.supervisions = data.supervisions.filter(function (s) { return covers(s, day); });
            state.offices = data.offices.filter(function (o) { return covers(o, day); });
            return state;
          }

          // ---- chart ---------------------------------------------------------------------------
          var highlighted = null;

          function renderChart(state) {
            var chart = $('chart');
            chart.textContent = '';
            var children = {}, roots = [], tasksBy = {}, supBy = {}, officesBy = {};
            Object.keys(state.units).forEach(function (id) {
              var unit = state.units[id];
              if (unit.parent && state.units[unit.parent]) (children[unit.parent] = children[unit.parent] || []).push(unit);
              else roots.push(unit);
            });
            Object.keys(state.tasks).forEach(function (id) {
              var task = state.tasks[id];
              if (task.holder) (tasksBy[task.holder] = tasksBy[task.holder] || []).push(task);
            });
            state.supervisions.forEach(function (s) { (supBy[s.unit] = supBy[s.unit] || []).push(s); });
            state.offices.forEach(function (o) { (officesBy[o.unit] = officesBy[o.unit] || []).push(o); });

            function card(unit) {
              var supervisor = function (s) { var u = state.units[s.supervisor]; return u ? shortName(u) : s.supervisor; };
              return el('div', { class: 'card' + (unit.changed ? ' is-changed' : '') + (highlighted === unit.id ? ' is-highlighted' : '') },
                el('div', { class: 'title' },
                  el('span', { class: 'name' }, unit.name),
                  unit.abbreviation ? el('span', { class: 'abbr' }, unit.abbreviation) : null),
                el('div', { class: 'meta' },
                  el('span', { class: 'kind' }, kindLabel(unit.kind)),
                  unit.parent && unit.relation === 'subordinateTo'
                    ? el('span', { class: 'pill rel', title: say('unit.subordinateTitle') }, say('unit.subordinate')) : null,
                  (supBy[unit.id] || []).map(function (s) {
                    return el('span', { class: 'pill sup', 'data-supervisor': s.supervisor, title: say('unit.supervisionTitle', { label: s.label, record: s.record }) },
                      s.label + ': ' + supervisor(s) + (s.task ? ' (' + s.task + ')' : ''));
                  }),
                  unit.changed ? el('span', { class: 'pill changed' }, unit.isNew ? say('unit.new') : say('unit.changed')) : null),
                (officesBy[unit.id] || []).length
                  ? el('p', { class: 'offices' }, (officesBy[unit.id]).map(function (o, i) {
                      return [i ? ' · ' : '', o.role + ': ', el('b', null, o.name)];
                    }))
                  : null,
                (tasksBy[unit.id] || []).length
                  ? el('ul', { class: 'tasks' }, tasksBy[unit.id].sort(function (a, b) { return a.title.localeCompare(b.title, LANG); })
                      .map(function (t) { return el('li', { title: t.id, 'data-task': t.id }, t.title); }))
                  : null);
            }
            function node(unit) {
              var kids = (children[unit.id] || []).sort(byRankThenName);
              return el('li', {
                  class: 'node kind-' + unit.kind + ' rel-' + (unit.parent ? unit.relation : 'root'),
                  'data-unit': unit.id, 'data-parent': unit.parent || null,
                  'data-relation': unit.parent ? unit.relation : null, 'data-kind': unit.kind },
                card(unit),
                kids.length ? el('ul', { class: 'children' }, kids.map(node)) : null);
            }
            roots.sort(byRankThenName);
            var trees = roots.filter(function (u) { return children[u.id]; });
            var single = roots.filter(function (u) { return !children[u.id]; });
            // Every unit without a parent is a top-level body: those with units below them first,
            // then the others in a grid (as the static chart of the page's date shows them).
            if (!roots.length) {
              append(chart, el('p', { class: 'empty' }, say('chart.empty')));
              return;
            }
            if (trees.length) append(chart, el('ul', { class: 'forest', role: 'tree' }, trees.map(node)));
            if (single.length) {
              append(chart, el('div', { class: 'others' },
                trees.length ? el('h3', null, say('chart.otherRoots')) : null,
                el('ul', { class: 'forest' }, single.map(node))));
            }
          }

          // ---- "who was responsible for …" -----------------------------------------------------
          function renderAnswers(state) {
            var query = fold($('search').value.trim());
            var ids = Object.keys(data.tasks).filter(function (id) {
              if (!query) return !!state.tasks[id];
              return fold(id).indexOf(query) >= 0 || data.tasks[id].some(function (v) { return fold(v.title).indexOf(query) >= 0; });
            });
            ids.sort(function (a, b) {
              var ta = state.tasks[a], tb = state.tasks[b];
              if (!!ta !== !!tb) return ta ? -1 : 1;
              var titleA = (ta || data.tasks[a][data.tasks[a].length - 1]).title;
              var titleB = (tb || data.tasks[b][data.tasks[b].length - 1]).title;
              return titleA.localeCompare(titleB, LANG);
            });
            var when = formatDate(state.day);
            $('search-hint').textContent = query
              ? (ids.length ? counted('search.found', ids.length, { date: when }) : say('search.none'))
              : counted('search.all', ids.length, { date: when });
            var list = $('answers');
            list.textContent = '';
            ids.forEach(function (id) { list.appendChild(answer(state, id)); });
          }

          function answer(state, id) {
            var task = state.tasks[id];
            var versions = data.tasks[id];
            var title = (task || versions[versions.length - 1]).title;
            var head = [el('div', { class: 'task-title' }, title), el('div', { class: 'task-id' }, id)];
            if (!task) {
              var later = versions.filter(function (v) { return v.from > state.day; })[0];
              var text = later ? say('answer.notYet', { date: formatDate(later.from) }) : say('answer.noLonger');
              return el('li', { class: 'answer none', 'data-task': id }, head, el('div', { class: 'holder' }, text));
            }
            var holder = task.holder ? state.units[task.holder] : null;
            if (!holder) {
              return el('li', { class: 'answer none', 'data-task': id }, head, el('div', { class: 'holder' }, say('answer.nobody')));
            }
            var path = [], seen = {}, unit = holder;
            while (unit && !seen[unit.id]) {
              seen[unit.id] = true;
              path.push(unit);
              unit = unit.parent ? state.units[unit.parent] : null;
            }
            var pathIDs = path.map(function (u) { return u.id; });
            var supervision = state.supervisions.filter(function (s) {
              return pathIDs.indexOf(s.unit) >= 0 && (!s.task || s.task === id);
            });
            return el('li', { class: 'answer', 'data-task': id, 'data-unit': holder.id, tabindex: '0',
                              onclick: function () { highlight(holder.id); },
                              onkeydown: function (e) { if (e.key === 'Enter') highlight(holder.id); } },
              head,
              el('div', { class: 'holder' }, el('b', null, holder.name), ' · ' + kindLabel(holder.kind)),
              path.length > 1 ? el('div', { class: 'path' }, path.slice(1).map(function (u) {
                return el('span', null, shortName(u) + (u.relation === 'subordinateTo' && u.parent ? ' (' + say('unit.subordinate') + ')' : ''));
              })) : null,
              el('div', { class: 'facts' },
                supervision.map(function (s) {
                  var by = state.units[s.supervisor];
                  return el('span', { class: 'pill sup' }, s.label + ': ' + (by ? shortName(by) : s.supervisor));
                }),
                task.since ? el('span', null, say('answer.since', { date: formatDate(task.since) })) : null));
          }

          function highlight(unitID) {
            highlighted = unitID;
            Array.prototype.forEach.call(document.querySelectorAll('.card.is-highlighted'), function (c) { c.classList.remove('is-highlighted'); });
            var target = document.querySelector('[data-unit="' + unitID + '"] > .card');
            if (target) {
              target.classList.add('is-highlighted');
              target.scrollIntoView({ block: 'center', behavior: 'smooth' });
            }
          }

          // ---- chronicle -----------------------------------------------------------------------
          var opened = {};

          function renderTimeline(day) {
            var list = $('timeline');
            list.textContent = '';
            var markerPlaced = false;
            data.records.forEach(function (r) {
              var future = r.effectiveDay > day;
              if (future && !markerPlaced) {
                list.appendChild(el('li', { class: 'now-marker' }, say('timeline.marker', { date: formatDate(day) })));
                markerPlaced = true;
              }
              list.appendChild(entry(r, future));
            });
            if (!markerPlaced) list.appendChild(el('li', { class: 'now-marker' }, say('timeline.marker', { date: formatDate(day) })));
          }

          function entry(r, future) {
            var classes = 'entry' + (future ? ' future' : '') + (r.changes.length ? '' : ' no-changes') + (r.withdrawnBy ? ' withdrawn' : '');
            var effectiveNote = r.effective !== r.date ? say('timeline.effective', { date: formatDate(r.effective) }) : null;
            var item = el('li', { class: classes, 'data-record': r.id },
              el('button', { type: 'button', class: 'entry-head', 'aria-expanded': opened[r.id] ? 'true' : 'false',
                             onclick: function () { opened[r.id] = !opened[r.id]; renderTimeline(current); } },
                el('div', { class: 'entry-date' },
                  el('span', null, formatDate(r.date)),
                  el('span', { class: 'entry-type' }, r.typeLabel),
                  effectiveNote ? el('span', null, effectiveNote) : null,
                  future ? el('span', null, say('timeline.future')) : null),
                el('div', { class: 'entry-title' }, r.title)));
            if (opened[r.id]) item.appendChild(details(r));
            return item;
          }

          function details(r) {
            return el('div', { class: 'details' },
              r.note ? [el('h4', null, say('timeline.note')), el('p', { class: 'note' }, r.note)] : null,
              r.withdrawnBy ? el('p', { class: 'note' }, say('timeline.withdrawn', { id: r.withdrawnBy })) : null,
              el('h4', null, say('timeline.changes')),
              r.changes.length
                ? el('ul', null, r.changes.map(function (c) { return el('li', null, c); }))
                : el('p', { class: 'src-meta' }, say('timeline.noChanges')),
              el('h4', null, say(r.sources.length === 1 ? 'timeline.source' : 'timeline.sources')),
              el('ul', { class: 'sources' }, r.sources.map(function (s) {
                var meta = [];
                if (s.published) meta.push(say('timeline.published', { date: formatDate(s.published) }));
                if (s.seed) meta.push(say('timeline.seed', { seed: s.seed }));
                return el('li', null,
                  s.url ? el('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.title) : s.title,
                  meta.length ? el('div', { class: 'src-meta' }, meta.join(' · ')) : null);
              })),
              r.actorName ? el('p', { class: 'src-meta' }, say('timeline.actor', { name: r.actorName })) : null,
              el('div', { class: 'record-id' }, say('timeline.record', { seq: r.seq, id: r.id, recorded: r.recorded })),
              el('button', { type: 'button', class: 'jump', onclick: function () { setDate(r.effectiveDay); } },
                say('timeline.jump', { date: formatDate(r.effective) })));
          }

          // ---- date slider ---------------------------------------------------------------------
          var slider = $('date-slider');
          var minDay = dayNumber(data.range.from), maxDay = dayNumber(data.range.to);
          var eventDays = data.records.map(function (r) { return r.effectiveDay; })
            .filter(function (d, i, all) { return all.indexOf(d) === i; }).sort();
          var changeDays = data.records.filter(function (r) { return r.changes.length && !r.withdrawnBy; })
            .map(function (r) { return r.effectiveDay; });
          var current = null;

          function position(iso) { return ((dayNumber(iso) - minDay) / Math.max(1, maxDay - minDay)) * 100; }

          function buildScale() {
            slider.min = String(minDay);
            slider.max = String(maxDay);
            var ticks = $('ticks');
            eventDays.forEach(function (day) {
              var titles = data.records.filter(function (r) { return r.effectiveDay === day; }).map(function (r) { return r.title; });
              ticks.appendChild(el('span', { class: 'tick' + (changeDays.indexOf(day) >= 0 ? ' has-changes' : ''),
                                             style: 'left:' + position(day).toFixed(3) + '%', title: formatDate(day) + ': ' + titles.join(' / ') }));
            });
            var years = $('years');
            for (var y = +data.range.from.slice(0, 4); y <= +data.range.to.slice(0, 4); y++) {
              years.appendChild(el('span', { style: 'left:' + position(y + '-01-01').toFixed(3) + '%' }, String(y)));
            }
          }

          function setDate(iso, keepHash) {
            current = iso;
            var number = dayNumber(iso);
            slider.value = String(Math.min(maxDay, Math.max(minDay, number)));
            $('date-input').value = digits(iso);
            $('date-input').classList.remove('invalid');
            $('date-label').textContent = formatDate(iso);
            document.documentElement.setAttribute('data-at', iso);
            var next = eventDays.filter(function (d) { return d > iso; })[0];
            var prev = eventDays.filter(function (d) { return d < iso; }).pop();
            var nextChange = changeDays.filter(function (d) { return d > iso; }).sort()[0];
            $('date-note').textContent = nextChange ? say('date.nextChange', { date: formatDate(nextChange) }) : say('date.noLaterChange');
            $('next-event').disabled = !next;
            $('prev-event').disabled = !prev;
            var state = stateAt(iso);
            renderChart(state);
            renderAnswers(state);
            renderTimeline(iso);
            if (!keepHash && location.hash !== '#at=' + iso) {
              try { history.replaceState(null, '', '#at=' + iso); } catch (e) { /* file:// in some browsers */ }
            }
          }

          function dateFromHash() {
            var match = /(?:^#|&)at=([0-9-]+)/.exec(location.hash);
            return match && isDate(match[1]) ? firstDay(match[1]) : null;
          }

          slider.addEventListener('input', function () { setDate(isoOf(+slider.value)); });
          $('date-input').addEventListener('change', function () {
            var day = parseInput(this.value);
            if (day) setDate(day); else this.classList.add('invalid');
          });
          $('next-event').addEventListener('click', function () {
            var next = eventDays.filter(function (d) { return d > current; })[0];
            if (next) setDate(next);
          });
          $('prev-event').addEventListener('click', function () {
            var prev = eventDays.filter(function (d) { return d < current; }).pop();
            if (prev) setDate(prev);
          });
          $('search').addEventListener('input', function () { renderAnswers(stateAt(current)); });
          $('show-tasks').addEventListener('change', function () { $('chart').classList.toggle('hide-tasks', !this.checked); });
          window.addEventListener('hashchange', function () {
            var day = dateFromHash();
            if (day && day !== current) setDate(day, true);
          });

          buildScale();
          var initial = dateFromHash();
          setDate(initial || firstDay(data.at), !!initial);
        })();
        """#
}
