#!/usr/bin/env python3
"""An overlay for 16-bit x from the H200 file's fp32-x entries (forty-seventh session).

    bench/scripts/acts_overlay.py COVERAGE_DIR ACT BATCHES OUT

COVERAGE_DIR is bench/scripts/coverage.sh's output. For every cell it marks (*) with ACT (f16
or bf16) x at one of BATCHES (comma-separated) whose fp32-x cell takes a shaped entry of
tuning/nvidia-h200.db, OUT gets that entry with at=ACT and its batch range narrowed to the one
batch (an overlay entry must not reach batches the benchmark does not measure). Prints the count
by shape.
"""
import re
import sys

cov, act, batches, out = sys.argv[1], sys.argv[2], set(sys.argv[3].split(",")), sys.argv[4]
cells = ["llama3-8b", "llama3-8b-relu", "qwen2.5-7b", "gemma-2b", "gpt2", "llama3-70b-tp8"]
db = open("tuning/nvidia-h200.db").read().splitlines()
pat = re.compile(r"^(\*| |=) (\d+x\d+) (\w+)/(\w+) exact B=(\d+): \w+ \((\w+):([^:]+):(\d+)\)")
lines = ["flashmlp-tuning 1",
         f"# {act} x: the H200 file's fp32-x entries of the same cells (acts_overlay.py)",
         'device vendor=nvidia arch=sm_90 name="NVIDIA H200" cus=132']
for c in cells:
    src = {}
    marked = []
    for l in open(f"{cov}/{c}.txt"):
        m = pat.match(l)
        if not m:
            continue
        mark, shape, wt, at, b, level, f, n = m.groups()
        if at == "f32" and level == "device":
            src[(wt, b)] = int(n)
        if mark == "*" and at == act and b in batches:
            marked.append((wt, b))
    n = 0
    for wt, b in marked:
        if (wt, b) not in src:
            continue
        e = db[src[(wt, b)] - 1]
        if not e.startswith("entry") or " H=" not in e:
            continue
        e = re.sub(r" at=f32 ", f" at={act} ", e) if " at=" in e else e.replace(
            f" wt={wt} ", f" wt={wt} at={act} ")
        lines.append(re.sub(r" B=\S+ ", f" B={b} ", e))
        n += 1
    print(f"{c}: {n} of {len(marked)} marked cells")
open(out, "w").write("\n".join(lines) + "\n")
