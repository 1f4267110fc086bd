#!/usr/bin/env python3
"""The FlashMLP rows of flashmlp-bench CSVs that ran slower than fp32 weights in the same run.

    bench/scripts/below_f32.py [--under R] CSV...

A row counts where its vs_f32 (fp32 weights' time over its own, same shape, op, batch and
activation format, same run) is below R (default 1.0). Prints one line a row, slowest first:
vs_f32, shape, op, B, weights/acts, time, and the entry its plan started from (the strategy
column's "from ..."), then a count. Exit status 0 either way; 2 on a file it cannot read.
(The thirty-ninth session's surveys, bench/results/2026-11-29-h200-s39-d and -g, were read so.)
"""
import argparse
import csv
import re
import sys


def rows(path):
    with open(path, newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--under", type=float, default=1.0)
    ap.add_argument("csv", nargs="+")
    a = ap.parse_args()
    found = []
    for path in a.csv:
        try:
            table = rows(path)
        except (OSError, csv.Error) as e:
            print(f"below_f32: {path}: {e}", file=sys.stderr)
            return 2
        for r in table:
            if r.get("impl") != "flashmlp" or r.get("check") != "ok" or not r.get("vs_f32"):
                continue
            v = float(r["vs_f32"])
            if v >= a.under or r["weights"] == "f32":
                continue
            m = re.search(r"from ([^)]*)\)", r.get("strategy", ""))
            found.append((v, r["shape"], r["op"], int(r["B"]), f"{r['weights']}/{r['acts']}",
                          r["time_us"], m.group(1) if m else "?"))
    for v, shape, op, b, fmt, t, origin in sorted(found):
        print(f"{v:.3f}x  {shape} {op} B={b} {fmt}  {t} us  ({origin})")
    print(f"{len(found)} row(s) below {a.under:g}x of fp32 weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
