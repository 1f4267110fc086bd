#!/usr/bin/env python3
"""File-against-overlay ratios of flashmlp-bench CSV pairs (forty-seventh session).

    bench/scripts/overlay_diff.py DIR...

For each DIR/c*/NAME-file.csv with a NAME-overlay.csv beside it: one line naming NAME, then
every row (weights/acts@B) whose plan came from somewhere else in the overlay run, with the
file's time over the overlay's (above 1: the overlay is faster), or '!' where either run's row
failed its check.
"""
import csv
import glob
import sys


def load(path):
    try:
        with open(path) as f:
            rows = list(csv.DictReader(l for l in f if not l.startswith("#")))
    except FileNotFoundError:
        return {}
    return {(r["weights"], r["acts"], r["B"]): r for r in rows}


for d in sys.argv[1:]:
    for path in sorted(glob.glob(d + "/c*/*-file.csv")):
        a, b = load(path), load(path[:-9] + "-overlay.csv")
        out = []
        for k, r in a.items():
            if k not in b or r["strategy"] == b[k]["strategy"]:
                continue
            if r["check"] != "ok" or b[k]["check"] != "ok":
                out.append(f"{k[0]}/{k[1]}@{k[2]} !")  # a failed row has no time
                continue
            ratio = float(r["time_us"]) / float(b[k]["time_us"])
            out.append(f"{k[0]}/{k[1]}@{k[2]} {ratio:.2f}")
        print(path.split("/")[-1][:-9], len(out), "changed:", " ".join(out))
