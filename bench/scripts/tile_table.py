#!/usr/bin/env python3
"""Tiles measured as overrides against the shipped lookup, one markdown table a shape and op.

    bench/scripts/tile_table.py [--min-gain G] [--tried] FILE_CSV NAME=CSV...

FILE_CSV is a flashmlp-bench CSV of the shipped lookup (no FLASHMLP_OVERRIDES); each NAME=CSV one
of the same cells run with a tile as FLASHMLP_OVERRIDES (bench/scripts/gpu_lib.sh's R, the tile's
name as NAME). For every FlashMLP row of FILE_CSV whose check passed: its time, each tile's time
where that tile ran the cell and passed its check, the fastest, its gain over the file, and the
cell against fp32 weights of FILE_CSV's same run before and after (after: the fastest tile's time
against fp32's file time; blank for fp32 rows and where fp32 did not run). A gain below G (default
1.03, the spread of one round) names the file as the fastest. --tried leaves out the cells no
tile ran. The call scripts' READMEs of the
fortieth session were written from such tables by hand. Exit status 0; 2 on a file it cannot read
or an argument that is not NAME=CSV.
"""
import argparse
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from below_f32 import rows as csv_rows  # noqa: E402  (the CSV reader both scripts share)


def rows(path):
    return [r for r in csv_rows(path) if r.get("impl") == "flashmlp" and r.get("check") == "ok"]


def key(r):
    return (r["shape"], r["op"], r["acts"], int(r["B"]), r["weights"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-gain", type=float, default=1.03)
    ap.add_argument("--tried", action="store_true")
    ap.add_argument("file")
    ap.add_argument("tiles", nargs="*", metavar="NAME=CSV")
    a = ap.parse_args()
    tiles = []
    for t in a.tiles:
        name, sep, path = t.partition("=")
        if not sep or not name or not path:
            print(f"tile_table: {t}: not NAME=CSV", file=sys.stderr)
            return 2
        tiles.append((name, path))
    try:
        base = {key(r): float(r["time_us"]) for r in rows(a.file)}
        measured = [(n, {key(r): float(r["time_us"]) for r in rows(p)}) for n, p in tiles]
    except (OSError, csv.Error, KeyError, ValueError) as e:
        print(f"tile_table: {e}", file=sys.stderr)
        return 2
    groups = {}
    for k in base:
        groups.setdefault(k[:3], []).append(k)
    names = [n for n, _ in tiles]
    for (shape, op, acts), cells in sorted(groups.items()):
        print(f"### {shape} {op}, {acts} x (us)\n")
        print("| B | weights | file | " + " | ".join(names) + " | fastest | gain | vs fp32 before | after |")
        print("| --- " * (len(names) + 7) + "|")
        for k in sorted(cells, key=lambda c: (c[3], c[4] != "f32", c[4])):
            t0 = base[k]
            times = [m.get(k) for _, m in measured]
            if a.tried and all(t is None for t in times):
                continue
            best, bt = "file", t0
            for n, t in zip(names, times):
                if t is not None and t < bt:
                    best, bt = n, t
            if t0 / bt < a.min_gain:
                best, bt = "file", t0
            f32 = base.get(k[:4] + ("f32",)) if k[4] != "f32" else None
            before = f"{f32 / t0:.2f}x" if f32 else ""
            after = f"{f32 / bt:.2f}x" if f32 else ""
            cols = " | ".join("" if t is None else f"{t:.1f}" for t in times)
            print(f"| {k[3]} | {k[4]} | {t0:.1f} | {cols} | {best} | {t0 / bt:.2f}x | {before} | {after} |")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
