#!/usr/bin/env python3
"""Overlays for 16-bit x from a coverage report (forty-seventh session).

    bench/scripts/acts_overlay.py [--displaced] COVERAGE_DIR ACT BATCHES OUT

COVERAGE_DIR is bench/scripts/coverage.sh's output, ACT f16 or bf16, BATCHES comma-separated.
Every entry written is narrowed to its one batch and names its shape (an overlay entry must not
reach cells the benchmark does not measure).

Default (s47-e, a report made before the lookup's fp32-x rule): for every cell marked '*' with
ACT x at one of BATCHES whose fp32-x cell takes a shaped entry of tuning/nvidia-h200.db, that
entry with at=ACT: what the rule now chooses.

--displaced (a report made with the rule): for every such cell whose entry carries "+fp32-x
over ORIGIN", the entry at ORIGIN (a shipped database) with at=ACT: what the lookup chose before
the rule, so that a run through the file against this overlay measures the rule.

Prints the count by shape.
"""
import re
import sys

args = sys.argv[1:]
displaced = args[:1] == ["--displaced"]
cov, act, batches, out = args[1:] if displaced else args
batches = set(batches.split(","))
# bench/scripts/cells.sh's cells: report name -> MLP kind and activation
cells = {"llama3-8b": ("gated", "silu"), "llama3-8b-relu": ("plain", "relu"),
         "qwen2.5-7b": ("gated", "silu"), "gemma-2b": ("gated", "gelu_tanh"),
         "gpt2": ("plain", "gelu_tanh"), "llama3-70b-tp8": ("gated", "silu")}
files = {}
pat = re.compile(r"^(\*| |=) (\d+)x(\d+) (\w+)/(\w+) exact B=(\d+): \w+ "
                 r"\((\w+):([^:]+):(\d+)(?:\+fp32-x over \w+:([^:]+):(\d+))?\)")


def line_of(path, n):
    if path not in files:
        files[path] = open(path).read().splitlines()
    return files[path][n - 1]


def cell_entry(e, c, wt, h, i, b):
    """e for cell c's MLP, weights wt, at=ACT, shape h x i and batch b alone."""
    e = re.sub(r" (kind|act|wt|at|H|I|B)=\S+", "", e)
    head, rest = e.split(" strategy=", 1)
    kind, a = cells[c]
    return f"{head} kind={kind} act={a} wt={wt} at={act} H={h} I={i} B={b} strategy={rest}"


lines = ["flashmlp-tuning 1",
         f"# {act} x: " + ("what the lookup chose before its fp32-x rule" if displaced
                           else "the H200 file's fp32-x entries of the same cells")
         + " (acts_overlay.py)",
         'device vendor=nvidia arch=sm_90 name="NVIDIA H200" cus=132']
for c in cells:
    src, marked, n = {}, [], 0
    for l in open(f"{cov}/{c}.txt"):
        m = pat.match(l)
        if not m:
            continue
        mark, h, i, wt, at, b, level, f, ln, over_f, over_ln = m.groups()
        if displaced:
            if at == act and b in batches and over_f:
                lines.append(cell_entry(line_of(over_f, int(over_ln)), c, wt, h, i, b))
                n += 1
            continue
        if at == "f32" and level == "device":
            src[(wt, b)] = int(ln)
        if mark == "*" and at == act and b in batches:
            marked.append((wt, h, i, b))
    for wt, h, i, b in marked:
        e = line_of("tuning/nvidia-h200.db", src[(wt, b)]) if (wt, b) in src else ""
        if e.startswith("entry") and " H=" in e:
            lines.append(cell_entry(e, c, wt, h, i, b))
            n += 1
    print(f"{c}: {n}" + ("" if displaced else f" of {len(marked)} marked cells"))
open(out, "w").write("\n".join(lines) + "\n")
