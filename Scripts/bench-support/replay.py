#!/usr/bin/env python3
"""The Python anchor of Scripts/bench: a full replay of a ledger with the standard library only.

What a user would write without the ledger: json.loads every line, decide which records count
(corrections and retractions, as Sources/Ledger/Projection/EffectiveHistory.swift describes), sort
them by effective date, and apply their changes into plain dicts. No rule is checked, so this is
a floor for `ledger verify`/`ledger replay`, not an equal.

Usage:
  replay.py LEDGER                      full replay; prints a one-line summary
  replay.py LEDGER --sqlite DB          also loads each task's holders into DB as intervals:
                                        task_holder(task, unit, from_day, to_day), indexed on
                                        (task, from_day); to_day is exclusive, NULL while held
  replay.py LEDGER --pick DATE          prints "TASK UNIT": a task held on DATE (the one with the
                                        longest history among the first 1,000 held), for queries
"""
import json
import sqlite3
import sys


def first_day(date):
    """'2017' -> '2017-01-01', '2017-08' -> '2017-08-01': the ordering key of a partial date."""
    if len(date) == 4:
        return date + "-01-01"
    if len(date) == 7:
        return date + "-01"
    return date


def load(path):
    records = []
    with open(path, "rb") as handle:
        for line in handle:
            record = json.loads(line)
            records.append(record)
    return records


def effective_history(records):
    """The records that count, in the order their changes apply."""
    decider = {}
    for record in records:
        target = record.get("corrects") or record.get("retracts")
        if target:
            decider[target] = record
    withdrawn = set(decider)
    for record in records:
        target = record.get("corrects")
        if target and decider[target] is not record:
            withdrawn.add(record["id"])
    applying = [r for r in records if r["id"] not in withdrawn]
    applying.sort(key=lambda r: (first_day(r.get("effective") or r["date"]), r["seq"]))
    return applying


def replay(records, intervals=None):
    units, tasks, supervisions, appointments = {}, {}, set(), set()
    held_since = {}
    for record in effective_history(records):
        day = first_day(record.get("effective") or record["date"])
        for change in record["changes"]:
            op = change["op"]
            if op == "establishUnit":
                units[change["unit"]] = {
                    "name": change["name"], "kind": change["kind"], "parent": change.get("parent"),
                    "relation": change.get("relation", "partOf"), "dissolved": False,
                }
            elif op == "renameUnit":
                units[change["unit"]]["name"] = change["name"]
            elif op == "moveUnit":
                unit = units[change["unit"]]
                unit["parent"] = change["parent"]
                unit["relation"] = change.get("relation", "partOf")
                if "kind" in change:
                    unit["kind"] = change["kind"]
            elif op == "dissolveUnit":
                units[change["unit"]]["dissolved"] = True
                units[change["unit"]]["successor"] = change.get("successor")
            elif op == "defineTask":
                tasks[change["task"]] = {"title": change["title"], "holder": None}
            elif op in ("assignTask", "transferTask", "revokeTask"):
                task = change["task"]
                new = None if op == "revokeTask" else change["unit" if op == "assignTask" else "to"]
                old = tasks[task]["holder"]
                if intervals is not None and old is not None and held_since[task] < day:
                    intervals.append((task, old, held_since[task], day))
                tasks[task]["holder"] = new
                held_since[task] = day
            elif op in ("setSupervision", "endSupervision"):
                key = (change["supervisor"], change["unit"], change["kind"], change.get("task"))
                (supervisions.add if op == "setSupervision" else supervisions.discard)(key)
            elif op in ("appoint", "endAppointment"):
                key = (change["person"], change["role"], change["unit"])
                (appointments.add if op == "appoint" else appointments.discard)(key)
    if intervals is not None:
        for task, state in tasks.items():
            if state["holder"] is not None:
                intervals.append((task, state["holder"], held_since[task], None))
    return units, tasks, supervisions, appointments


def main(argv):
    path = argv[1]
    records = load(path)
    if len(argv) == 2:
        units, tasks, supervisions, appointments = replay(records)
        live = sum(1 for u in units.values() if not u["dissolved"])
        print(f"{len(records)} records: {len(units)} units ({live} live), {len(tasks)} tasks, "
              f"{len(supervisions)} supervisions, {len(appointments)} offices held")
        return 0
    intervals = []
    replay(records, intervals)
    if argv[2] == "--sqlite":
        db = sqlite3.connect(argv[3])
        db.execute("DROP TABLE IF EXISTS task_holder")
        db.execute("CREATE TABLE task_holder (task TEXT NOT NULL, unit TEXT NOT NULL, "
                   "from_day TEXT NOT NULL, to_day TEXT)")
        db.executemany("INSERT INTO task_holder VALUES (?, ?, ?, ?)", intervals)
        db.execute("CREATE INDEX task_holder_by_task ON task_holder (task, from_day)")
        db.commit()
        db.close()
        print(f"{len(intervals)} intervals")
        return 0
    if argv[2] == "--pick":
        date = argv[3]
        held = sorted(row for row in intervals if row[2] <= date and (row[3] is None or row[3] > date))
        if not held:
            print(f"no task is held on {date}", file=sys.stderr)
            return 1
        counts = {}
        for row in intervals:
            counts[row[0]] = counts.get(row[0], 0) + 1
        task, unit = max(((row[0], row[1]) for row in held[:1000]), key=lambda pair: (counts[pair[0]], pair[0]))
        print(task, unit)
        return 0
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
