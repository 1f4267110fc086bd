#!/bin/bash
# s47-e (an nvidia-h200-x2 machine, ~340 s; the session's last device time): does a 16-bit-x cell
# on sm_90's shape-less entry run faster on its shape's fp32-x entry of the H200 file? s47-d
# said yes for 22 of 22 cells. Here, f16 x on every format at decode batches: the file against
# an overlay (bench/scripts/acts_overlay.py over the coverage after s47-d: each marked cell's
# fp32-x entry with at=f16, narrowed to its batch), one run each. Card 0 Qwen2.5-7B at
# 1,2,4,8,16; card 1 the 70B shard at 1,2,4,8,16,32, then Gemma-2B at 1,2,4,8 if time is left.
# Prediction (written before the call): of the cells the overlay changes, at least 2/3 faster by
# 3% or more, a few slower (mmav tiles chosen with fp32 x), none failing its check.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
ov=$(overlay $d/s47-f16.db)
pair() { local n=$1; shift
  unset FLASHMLP_TUNING_DIR; RT=170 R $n-file "" "$@" --acts f16 --budget 0.05 --reps 5; T $n-file
  export FLASHMLP_TUNING_DIR=$ov; RT=170 R $n-overlay "" "$@" --acts f16 --budget 0.05 --reps 5
  unset FLASHMLP_TUNING_DIR; T $n-overlay; }
W=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  pair qwen --shapes qwen2.5-7b --batch 1,2,4,8,16 --weights $W
  gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  pair shard --shapes llama3-70b-tp8 --batch 1,2,4,8,16,32 --weights $W
  pair gemma --shapes gemma-2b --batch 1,2,4,8 --weights $W
  gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c: $(tr '\n' ' ' < $o/$c/times.txt)"; done
python3 - $o <<'PY'
import csv, glob, sys
o = sys.argv[1]
for f in sorted(glob.glob(o + "/c*/*-file.csv")):
    def load(p):
        try:
            rows = [r for r in csv.DictReader(l for l in open(p) if not l.startswith("#"))]
        except FileNotFoundError:
            return {}
        return {(r["weights"], r["acts"], r["B"]): r for r in rows}
    a, b = load(f), load(f.replace("-file", "-overlay"))
    n = f.split("/")[-1][:-9]
    out = []
    for k in a:
        if k in b and a[k]["strategy"] != b[k]["strategy"]:
            out.append(f"{k[0]}/{k[1]}@{k[2]} {float(a[k]['time_us']) / float(b[k]['time_us']):.2f}{'!' if b[k]['check'] != 'ok' else ''}")
    print(n, len(out), "changed:", " ".join(out))
PY
