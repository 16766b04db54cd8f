#!/usr/bin/env python3
"""The audit a compliance team might write by hand, as a yardstick for scripts/bench.sh.

It loads every reference decision into a dictionary, then reads the corpus line by line and
checks what such a script checks: the record parses, its `source_id` is in the reference, its
text is the reference's byte for byte (after collapsing white space), and the court, date,
number, attribution and update date are present. It does none of what makes vigie's audit
defensible (normalisation of HTML and typography, alignment of the differences, masking and
profiling detectors, identification parsing, freshness against the history): it is a floor for
what a plain script costs, not a rival audit.

    scripts/plain_audit.py REFERENCE_DIR CORPUS.jsonl

Prints one count per kind of problem; exits 0.
"""

import json
import os
import sys
from collections import Counter


def main() -> None:
    ref_dir, corpus = sys.argv[1], sys.argv[2]
    reference = {}
    for root, _, names in os.walk(ref_dir):
        for name in sorted(names):
            if not name.endswith((".json", ".jsonl")):
                continue
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                for line in f:
                    try:
                        d = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(d, dict) and "id" in d:
                        reference[d["id"]] = " ".join((d.get("text") or "").split())
    problems = Counter()
    with open(corpus, encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                r = json.loads(line)
            except ValueError:
                problems["unreadable line"] += 1
                continue
            if not isinstance(r, dict):
                problems["unreadable line"] += 1
                continue
            ref = reference.get(r.get("source_id"))
            if ref is None:
                problems["no reference"] += 1
            elif " ".join((r.get("text") or "").split()) != ref:
                problems["text differs"] += 1
            for field in ("jurisdiction", "decision_date", "number", "attribution", "updated_at"):
                if not r.get(field):
                    problems["missing " + field] += 1
    for kind, n in sorted(problems.items()):
        print(f"{kind}: {n}")


if __name__ == "__main__":
    main()
