#!/usr/bin/env python3
"""Splice measured overlay entries into a tuning database file.

    tuning/splice.py DB NEW [--tag TEXT] [--min-gain G]

NEW holds `entry` lines (an overlay file as the GPU scripts write them, or a
selection of one). For each of them, every entry of DB with the same key
(kind, act, wt, at, pr, H, I: the same fields with the same values) whose batch
range overlaps the new one is commented out with "(replaced in TEXT, below)" and
followed, in its place, by what is left of its range with its old parameters
and then by the new entry. DB's other lines keep their order, so the lookup
(the most specific entry wins, the first in the file on a tie) picks the new
entry exactly where its range reaches, and the old one everywhere else.

A new entry whose key matches no entry of DB is appended at the end. Writes DB
in place and prints one line per change.

Where NEW has a tuner comment ("# B=...") just above an entry, that line goes into DB
with the entry, just above it, tagged: "# TEXT: B=...". So every spliced entry keeps
the measurement that put it there.

--min-gain G (NEW as flashmlp-tune writes it): only the entries whose comment
line just above says they ran at least G times faster than the shipped
databases' choice ("...; shipped (...) T ms: Rx"); the others, and entries
without that comparison, are left out with a line each ("kept out").
"""
import argparse
import re
import sys

KEYS = ("kind", "act", "wt", "at", "pr", "H", "I")
INF = 1 << 62


def fields(line):
    return dict(t.split("=", 1) for t in line.split()[1:] if "=" in t)


def key(f):
    return tuple((k, f.get(k)) for k in KEYS)


def brange(f):
    b = f.get("B")
    if b is None:
        return 1, INF
    m = re.fullmatch(r"(\d+)(?:-(\d*))?", b)
    if not m:
        raise ValueError(f"bad batch range B={b}")
    lo = int(m.group(1))
    if m.group(2) is None:
        hi = lo if "-" not in b else INF
    else:
        hi = int(m.group(2)) if m.group(2) else INF
    return lo, hi


def with_range(line, lo, hi):
    text = f"{lo}" if lo == hi else f"{lo}-" if hi == INF else f"{lo}-{hi}"
    toks = line.split()
    for i, t in enumerate(toks):
        if t.startswith("B="):
            toks[i] = "B=" + text
            return " ".join(toks)
    i = next(i for i, t in enumerate(toks) if t.startswith("strategy="))
    return " ".join(toks[:i] + ["B=" + text] + toks[i:])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db")
    ap.add_argument("new")
    ap.add_argument("--tag", default="a later session")
    ap.add_argument("--min-gain", type=float, default=None)
    a = ap.parse_args()
    new = []
    said = {}  # entry -> its tuner comment, tagged
    above = ""
    for l in open(a.new):
        if l.startswith("entry "):
            if a.min_gain is not None:
                m = re.search(r"shipped \(.*\) [0-9.]+ ms: ([0-9.]+)x", above)
                if not m or float(m.group(1)) < a.min_gain:
                    why = f"{m.group(1)}x" if m else "no comparison with the shipped choice"
                    print(f"kept out ({why}) {l.split('strategy=')[0].strip()}")
                    above = ""
                    continue
            new.append(l.strip())
            if above.startswith("# B="):
                said[l.strip()] = f"# {a.tag}: {above[2:].strip()}"
        above = l

    def with_comment(n):  # a new entry's lines: its tuner comment, if any, then itself
        return ([said[n]] if n in said else []) + [n]

    placed = set()
    out = []
    for l in open(a.db).read().split("\n"):
        if not l.startswith("entry "):
            out.append(l)
            continue
        f = fields(l)
        lo, hi = brange(f)
        hits = sorted((brange(fields(n)), n) for n in new
                      if key(fields(n)) == key(f) and not (brange(fields(n))[1] < lo or
                                                            brange(fields(n))[0] > hi))
        if not hits:
            out.append(l)
            continue
        out.append(f"# {l}  (replaced in {a.tag}, below)")
        at = lo  # the old entry's range left from here on
        for (nlo, nhi), n in hits:
            if at < nlo:
                out.append(with_range(l, at, nlo - 1))
            if n not in placed:
                out += with_comment(n)
                placed.add(n)
            at = max(at, nhi + 1)
            print(f"split {l.split('strategy=')[0].strip()} around B={fields(n).get('B')}")
        if at <= hi:
            out.append(with_range(l, at, hi))
    rest = [n for n in new if n not in placed]
    if rest:
        while out and out[-1] == "":
            out.pop()
        for n in rest:
            out += with_comment(n)
        out.append("")
        for n in rest:
            print(f"appended {n.split('strategy=')[0].strip()}")
    lines = out
    open(a.db, "w").write("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
