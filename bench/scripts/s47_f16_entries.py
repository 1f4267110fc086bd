#!/usr/bin/env python3
"""How bench/scripts/s47-f16-win.db was made (forty-seventh session), kept as the record of the
rule that file's header states. Run from the project root with the H200 file as it was before
that splice (commit c922cec, before the lookup's fp32-x rule), after writing the coverage of
Qwen2.5-7B, Gemma-2B and the 70B shard at B=1-32 with f32 and f16 x, user overlay empty:

    for s in "3584x18944 gated silu qwen" "2048x16384 gated gelu_tanh gemma" \
             "8192x3584 gated silu shard"; do set -- $s
      for bl in $(seq -s, 1 16) $(seq -s, 17 32); do
        FLASHMLP_TUNING_DIR=$(mktemp -d) build/flashmlp-tune --report-coverage \
          "nvidia,sm_90,NVIDIA H200,132" --shape $1 --kind $2 --act $3 --acts f32,f16 \
          --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 \
          --batch $bl >> /tmp/cv/$4.txt
      done
    done
"""
import csv, glob, re, collections
E = "bench/results/2026-11-30-h200-s47-e"
h200 = open("tuning/nvidia-h200.db").read().splitlines()
maxb = {"qwen": 16, "shard": 32, "gemma": 8}
pat = re.compile(r"^(\*| |=) (\d+x\d+) (\w+)/(\w+) exact B=(\d+): \w+ \((\w+):([^:]+):(\d+)\)")
def load(p):
    return {(r["weights"], int(r["B"])): r for r in csv.DictReader(l for l in open(p) if not l.startswith("#"))}
out = ["flashmlp-tuning 1",
       "# f16 x on the shape's fp32-x entries, where s47-e measured them at least 1.05x faster than",
       "# the sm_90 shape-less entries those cells took (bench/results/2026-11-30-h200-s47-e/). Per",
       "# format, each run of consecutive batches (up to the largest measured on the shape) whose f16-x",
       "# cell took a shape-less sm_90 entry and whose fp32-x cell takes one H200 entry becomes that",
       "# entry with at=f16 over the run, where the run holds a measured batch and every measured",
       "# batch in it passed."]
kept = dropped = unmeasured = 0
for n in ("qwen", "gemma", "shard"):
    a, b = load(f"{glob.glob(E + f'/c*/{n}-file.csv')[0]}"), load(glob.glob(E + f"/c*/{n}-overlay.csv")[0])
    f32src, marked = {}, set()
    for l in open(f"/tmp/cv/{n}.txt"):
        m = pat.match(l)
        if not m: continue
        mark, shape, wt, at, bb, level, f, line = m.groups(); bb = int(bb)
        if bb > maxb[n]: continue
        if at == "f32" and level == "device": f32src[(wt, bb)] = int(line)
        if at == "f16" and mark == "*": marked.add((wt, bb))
    for wt in ("f32", "f16", "bf16", "q8_0", "q4_0", "affine_q2", "affine_q3", "affine_q4", "affine_q8"):
        runs = []  # [source line, first, last]
        for bb in range(1, maxb[n] + 1):
            s = f32src.get((wt, bb)) if (wt, bb) in marked else None
            if s and runs and runs[-1][0] == s and runs[-1][2] == bb - 1: runs[-1][2] = bb
            elif s: runs.append([s, bb, bb])
        for s, lo, hi in runs:
            meas = [(bb, float(a[(wt, bb)]["time_us"]) / float(b[(wt, bb)]["time_us"])) for bb in range(lo, hi + 1)
                    if (wt, bb) in a and (wt, bb) in b and a[(wt, bb)]["strategy"] != b[(wt, bb)]["strategy"]]
            assert all(b[(wt, bb)]["check"] == "ok" for bb, _ in meas)
            if not meas: unmeasured += 1; continue
            if any(r < 1.05 for _, r in meas): dropped += len(meas); continue
            e = h200[s - 1]
            e = re.sub(r" at=f32 ", " at=f16 ", e) if " at=" in e else e.replace(f" wt={wt} ", f" wt={wt} at=f16 ")
            rng = f"{lo}-{hi}" if hi > lo else f"{lo}"
            e = re.sub(r" B=\S+ ", f" B={rng} ", e)
            out += [f"# B={rng}: s47-e, file time over overlay time: " + ", ".join(f"B={bb} {r:.2f}x" for bb, r in meas), e]
            kept += len(meas)
open("bench/scripts/s47-f16-win.db", "w").write("\n".join(out) + "\n")
print("measured cells kept", kept, "dropped", dropped, "runs without a measured batch", unmeasured,
      "entries", sum(1 for l in out if l.startswith("entry")))
