#!/usr/bin/env python3
"""Re-check a ledger's hash chain with nothing but Python's standard library.

Independent of the Swift code on purpose: it shows that anyone can verify the ledger with a
standard JSON library and SHA-256, following DESIGN.md's canonical form.

Usage: Scripts/verify-chain.py [events/ledger.jsonl]
Exit 0 if every line is canonical, seq is contiguous, prev links and hashes match; 2 otherwise.
"""
import hashlib
import json
import sys


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def main(path):
    prev = "0" * 64
    with open(path, "rb") as handle:
        data = handle.read()
    if data and not data.endswith(b"\n"):
        print(f"{path}: the last line is incomplete (no final newline)", file=sys.stderr)
        return 2
    lines = data.split(b"\n")[:-1] if data else []
    for number, raw in enumerate(lines, start=1):
        record = json.loads(raw.decode("utf-8"))
        where = f"{path}: line {number}, record {record.get('id')!r}"
        if canonical(record).encode("utf-8") != raw:
            print(f"{where}: not in canonical form", file=sys.stderr)
            return 2
        if record.get("seq") != number:
            print(f"{where}: seq is {record.get('seq')}, expected {number}", file=sys.stderr)
            return 2
        if record.get("prev") != prev:
            print(f"{where}: prev does not match the previous hash", file=sys.stderr)
            return 2
        stored = record.pop("hash")
        computed = hashlib.sha256(canonical(record).encode("utf-8")).hexdigest()
        if stored != computed:
            print(f"{where}: hash {stored} but content hashes to {computed}", file=sys.stderr)
            return 2
        prev = stored
    print(f"ok: {len(lines)} records, head {prev}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "events/ledger.jsonl"))
