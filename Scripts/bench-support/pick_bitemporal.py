#!/usr/bin/env python3
"""Picks what Scripts/bench's bitemporal rows ask and append, from a realistic generated ledger.

Reads the ledger twice with the standard library only (first the records that are corrected or
retracted, then every record), and writes into OUTDIR:

  picks              "KEY VALUE" lines:
                       KNOWN_TASK, KNOWN_AT, KNOWN_T   a task, a valid date and a transaction time
                                                       just before a correction that changes who
                                                       held the task on that date;
                       KNOWN_BEFORE, KNOWN_AFTER       the holder as known at KNOWN_T, and now;
                       HISTORY_UNIT                    a unit whose history is asked;
                       LAST_DAY                        the ledger's latest effective date.
  backdated-I.json   a transfer recorded late, in effect about half a year before LAST_DAY;
  correction-I.json  a correction that a transfer took effect 30 days later than recorded;
  retraction-I.json  a retraction of a transfer;
for I in 0..COUNT-1, each touching tasks no other picked record touches, so they can be appended
one after the other to the same copy of the ledger.

A record is valid to append only if the ledger's rules hold afterwards (docs/FORMAT.md §4, §6.2):
a transfer recorded late on D moves a task that no applying record touches from D on, to a unit
established before D and never dissolved; a revised transfer is the last applying record to touch
each of its tasks, and the unit it took them from is never dissolved.

Usage: pick_bitemporal.py LEDGER OUTDIR [--count N]
"""
import datetime
import json
import os
import sys


def first_day(date):
    """'2017' -> '2017-01-01', '2017-08' -> '2017-08-01': the ordering key of a partial date."""
    if len(date) == 4:
        return date + "-01-01"
    if len(date) == 7:
        return date + "-01"
    return date[:10]


def shifted(day, days):
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=days)).isoformat()


TASK_OPS = {"assignTask", "transferTask", "revokeTask"}


def main():
    args = sys.argv[1:]
    count = 6
    if "--count" in args:
        at = args.index("--count")
        count = int(args[at + 1])
        del args[at:at + 2]
    path, outdir = args
    os.makedirs(outdir, exist_ok=True)

    withdrawn = set()
    with open(path, "rb") as f:
        for line in f:
            if b'"corrects":"' in line or b'"retracts":"' in line:
                record = json.loads(line)
                withdrawn.add(record.get("corrects") or record.get("retracts"))

    last_touch = {}      # task -> (day, seq, holder or None, record id)
    established = {}     # unit -> first day
    dissolved = set()
    transfers = {}       # record id -> (record, day, [tasks], from, to), applying transfers only
    moves = {}           # record id -> (day, first task, from, to), every transfer
    known = None         # (task, day, recorded before, before, after)
    previous_recorded = None
    last_day = "0000-01-01"
    with open(path, "rb") as f:
        for line in f:
            record = json.loads(line)
            rid, seq = record["id"], record["seq"]
            day = first_day(record.get("effective") or record["date"])
            last_day = max(last_day, day)
            target = record.get("corrects")
            if target in moves and moves[target][0] != day:
                moved_day, task, source, sink = moves[target]
                known = (task, moved_day, previous_recorded, sink, source)
            previous_recorded = record["recorded"]
            changes = record.get("changes") or []
            if changes and target is None and all(c["op"] == "transferTask" for c in changes):
                moves[rid] = (day, changes[0]["task"], changes[0]["from"], changes[0]["to"])
            if rid in withdrawn:
                continue
            moved, source, sink = [], None, None
            for change in changes:
                op = change["op"]
                if op == "establishUnit":
                    established[change["unit"]] = day
                elif op == "dissolveUnit":
                    dissolved.add(change["unit"])
                elif op in TASK_OPS:
                    task = change["task"]
                    holder = change.get("to") if op == "transferTask" else (change["unit"] if op == "assignTask" else None)
                    key = (day, seq)
                    if task not in last_touch or last_touch[task][:2] <= key:
                        last_touch[task] = (day, seq, holder, rid)
                    if op == "transferTask":
                        moved.append(task)
                        source, sink = change["from"], change["to"]
            if moved and target is None and all(c["op"] == "transferTask" and c["from"] == source and c["to"] == sink for c in changes):
                transfers[rid] = (record, day, moved, source, sink)

    if known is None:
        sys.exit("pick_bitemporal.py: no correction that moves a transfer; generate with --shape realistic")
    used_tasks = set()

    def revisable():
        """Transfers, latest first, that are the last to touch each of their tasks."""
        for rid, (record, day, moved, source, sink) in sorted(transfers.items(), key=lambda item: (item[1][1], item[1][0]["seq"]), reverse=True):
            if source in dissolved or any(t in used_tasks or last_touch[t][3] != rid for t in moved):
                continue
            used_tasks.update(moved)
            yield record, day

    source = [{"title": "Scripts/bench", "url": "https://example.org/bench"}]
    # Moves revised by the known-at row stay as they are.
    used_tasks.add(known[0])
    revisions = revisable()
    for i in range(count):
        record, day = next(revisions)
        correction = {"id": "bench-correction-%d" % i, "date": record["date"], "effective": shifted(day, 30),
                      "type": "correction", "title": record["title"], "corrects": record["id"],
                      "note": "Scripts/bench: the transfer took effect 30 days later.", "sources": source,
                      "changes": record["changes"]}
        with open(os.path.join(outdir, "correction-%d.json" % i), "w") as out:
            json.dump(correction, out, ensure_ascii=False)
    for i in range(count):
        record, day = next(revisions)
        retraction = {"id": "bench-retraction-%d" % i, "date": last_day, "type": "retraction",
                      "title": "Rücknahme: " + record["title"], "retracts": record["id"], "sources": source}
        with open(os.path.join(outdir, "retraction-%d.json" % i), "w") as out:
            json.dump(retraction, out, ensure_ascii=False)

    late = shifted(last_day, -180)
    holders = sorted((task, touch[2]) for task, touch in last_touch.items()
                     if touch[0] < late and touch[2] is not None and task not in used_tasks)
    units = sorted(u for u, d in established.items() if d < late and u not in dissolved)
    made = 0
    step = max(1, len(holders) // (count * 7))
    for task, holder in holders[::step]:
        if made == count:
            break
        state = holder.split("-")[0]
        sink = next((u for u in units[(made * 7919) % len(units):] + units if u.startswith(state + "-") and u != holder), None)
        if sink is None:
            continue
        used_tasks.add(task)
        backdated = {"id": "bench-backdated-%d" % made, "date": late, "type": "decision",
                     "title": "Nachtrag: Übertragung von %s" % task,
                     "note": "Scripts/bench: recorded about half a year after it took effect.", "sources": source,
                     "changes": [{"op": "transferTask", "task": task, "from": holder, "to": sink}]}
        with open(os.path.join(outdir, "backdated-%d.json" % made), "w") as out:
            json.dump(backdated, out, ensure_ascii=False)
        made += 1
    if made < count:
        sys.exit("pick_bitemporal.py: only %d tasks to transfer late" % made)

    task, day, before_t, before, after = known
    with open(os.path.join(outdir, "picks"), "w") as out:
        for key, value in [("KNOWN_TASK", task), ("KNOWN_AT", day), ("KNOWN_T", before_t), ("KNOWN_BEFORE", before),
                           ("KNOWN_AFTER", after), ("HISTORY_UNIT", after), ("LAST_DAY", last_day)]:
            out.write("%s %s\n" % (key, value))


if __name__ == "__main__":
    main()
