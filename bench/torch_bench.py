#!/usr/bin/env python3
"""The cuBLAS comparison for flashmlp-bench: the same MLPs through PyTorch on the same card.

Runs each (shape, op, B) as a PyTorch user would, with weights in nn.Linear layout:
    y = F.linear(act(F.linear(x, W_gate, b_gate)) * F.linear(x, W_up, b_up), W_down, b_down)
(plain: y = F.linear(act(F.linear(x, W_up, b_up)), W_down, b_down)), timed with CUDA events
around each whole MLP after warm-up, median of repeated runs, cycling through weight copies
when the weights would fit the L2 cache, fresh random data in every cell, each result checked
against a float64 reference on sample rows. Writes the CSV columns of flashmlp-bench with
impl = torch-fp32 (and torch-tf32, torch-fp16, torch-bf16 with --tf32, --fp16, --bf16; the
weights and acts columns say f32, f16 or bf16).

    python3 bench/torch_bench.py --ref-csv bench.csv --csv torch.csv --tf32 --fp16

--ref-csv takes flashmlp-bench's CSV from the same card: its cells are run (so the two
always cover the same shapes, ops and batch sizes), its measured floors give the
percent-of-floor column, its CLBlast rows the speed-up column and its FlashMLP rows with f32
weights and activations the vs_f32 column. Without it the cells come from
--shapes/--batch/--ops/--all (the table below mirrors bench/shapes.c) and those columns stay
empty. --weights takes flashmlp-bench's list of weight formats: f16 and bf16 add the fp16 and
bf16 modes; the quantized formats have no PyTorch counterpart here and are skipped.
"""
import argparse
import csv
import datetime
import math
import sys
import time

# keep in step with bench/shapes.c
SHAPES = {
    "llama3-8b": (4096, 14336, "swiglu", True),
    "qwen2.5-7b": (3584, 18944, "swiglu", True),
    "gemma-2b": (2048, 16384, "geglu_tanh", True),
    "gpt2": (768, 3072, "gelu_tanh+bias", True),
    "bert-base": (768, 3072, "gelu+bias", False),
    "llama3-70b-tp8": (8192, 3584, "swiglu", True),
}
OPS = {  # name: (gated, activation)
    "swiglu": (True, "silu"), "geglu": (True, "gelu"), "geglu_tanh": (True, "gelu_tanh"),
    "reglu": (True, "relu"), "relu2glu": (True, "relu2"), "relu": (False, "relu"),
    "relu2": (False, "relu2"), "gelu": (False, "gelu"), "gelu_tanh": (False, "gelu_tanh"),
    "silu": (False, "silu"),
}
FULL_B = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096]
COLUMNS = ["shape", "op", "H", "I", "B", "impl", "weights", "acts", "time_us", "min_us", "reps",
           "burst", "copies", "gb_s", "gflop_s", "floor_us", "pct_floor", "speedup_vs_clblast", "vs_f32",
           "rel_error", "check", "strategy"]
# bf16 keeps 8 bits of mantissa to fp16's 11: its roundings (x, weights, each intermediate, y)
# are 8x coarser
TOLERANCE = {"fp32": 1e-5, "tf32": 5e-3, "fp16": 1e-2, "bf16": 3e-2}
FORMAT = {"fp32": "f32", "tf32": "f32", "fp16": "f16", "bf16": "bf16"}  # weights and acts column


def parse_op(name):
    base, plus, rest = name.partition("+")
    if base not in OPS or (plus and rest != "bias"):
        raise SystemExit(f"torch_bench.py: unknown op '{name}'")
    gated, act = OPS[base]
    return gated, act, bool(plus)


def parse_shape(name):
    if name in SHAPES:
        h, i, op, _ = SHAPES[name]
        return h, i, op
    if name.startswith("custom:"):
        h, _, i = name[7:].lower().partition("x")
        return int(h), int(i), "swiglu"
    raise SystemExit(f"torch_bench.py: unknown shape '{name}'")


def read_ref(path):
    """Cells, floors, CLBlast times and FlashMLP's f32 times from a flashmlp-bench CSV."""
    floors, cells, clblast, fmlp32, body = {}, [], {}, {}, []
    with open(path, newline="") as f:
        for line in f:
            if line.startswith("# floor:"):
                for kv in line[len("# floor:"):].split():
                    k, _, v = kv.partition("=")
                    floors[k] = float(v)
            elif not line.startswith("#") and line.strip():
                body.append(line)
    for r in csv.DictReader(body):
        cell = (r["shape"], r["op"], int(r["H"]), int(r["I"]), int(r["B"]))
        if cell not in cells:
            cells.append(cell)
        f32 = (r.get("weights") or "f32") == "f32" and (r.get("acts") or "f32") == "f32"
        if r["impl"] == "clblast" and r["time_us"]:
            clblast[cell] = float(r["time_us"])
        if r["impl"] == "flashmlp" and f32 and r["time_us"]:
            fmlp32[cell] = float(r["time_us"])
    return cells, floors, clblast, fmlp32


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ref-csv", help="flashmlp-bench CSV from the same card: cells, floors, CLBlast times")
    ap.add_argument("--shapes", help="comma-separated shape names or custom:HxI (default llama3-8b)")
    ap.add_argument("--batch", help="comma-separated batch sizes (default 1,16,256)")
    ap.add_argument("--ops", help="comma-separated ops, 'native' for the shape's own (default native)")
    ap.add_argument("--all", action="store_true", help="every shape, B = 1..4096, ops native,relu")
    ap.add_argument("--tf32", action="store_true", help="also run fp32 with TF32 tensor cores (torch-tf32)")
    ap.add_argument("--fp16", action="store_true", help="also run fp16 weights and activations (torch-fp16)")
    ap.add_argument("--bf16", action="store_true", help="also run bf16 weights and activations (torch-bf16)")
    ap.add_argument("--weights", help="flashmlp-bench's weight formats, e.g. f32,f16,bf16,q4_0: f16 and "
                    "bf16 add --fp16 and --bf16, quantized formats are skipped (no PyTorch baseline)")
    ap.add_argument("--reps", type=int, default=20, help="timed runs per cell (default 20)")
    ap.add_argument("--burst", type=int, default=0,
                    help="runs per timed sample, back to back between two events, the sample being "
                         "their time / N (default 0: as many as fill 2 ms, at most 64), as flashmlp-bench")
    ap.add_argument("--warmup", type=int, default=2, help="untimed runs first (default 2)")
    ap.add_argument("--budget", type=float, default=2.0, help="seconds of timed runs per cell, down to 3 runs (default 2)")
    ap.add_argument("--check-rows", type=int, default=2, help="rows checked against float64 (default 2)")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock)")
    ap.add_argument("--csv", help="CSV file to write")
    args = ap.parse_args()
    for w in (args.weights.split(",") if args.weights else []):
        if w == "f16":
            args.fp16 = True
        elif w == "bf16":
            args.bf16 = True
        elif w != "f32":
            print(f"torch_bench.py: no PyTorch baseline for {w} weights: skipped", file=sys.stderr)

    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        print("torch_bench.py: PyTorch is not installed here: nothing to compare", file=sys.stderr)
        return 3
    if not torch.cuda.is_available():
        print("torch_bench.py: PyTorch has no CUDA device here: nothing to compare", file=sys.stderr)
        return 3
    dev = torch.device("cuda")
    props = torch.cuda.get_device_properties(dev)
    l2 = getattr(props, "L2_cache_size", 0) or 50 * 2**20
    seed = args.seed if args.seed is not None else int(time.time() * 1000) % 1_000_000_007
    torch.manual_seed(seed)

    floors, clblast, fmlp32 = {}, {}, {}
    if args.ref_csv:
        cells, floors, clblast, fmlp32 = read_ref(args.ref_csv)
    else:
        names = args.shapes.split(",") if args.shapes else (
            [n for n, s in SHAPES.items() if s[3]] if args.all else ["llama3-8b"])
        batches = [int(b) for b in args.batch.split(",")] if args.batch else (
            FULL_B if args.all else [1, 16, 256])
        ops = args.ops.split(",") if args.ops else (["native", "relu"] if args.all else ["native"])
        cells = []
        for name in names:
            h, i, native = parse_shape(name)
            for op in ops:
                op = native if op == "native" else op
                parse_op(op)
                for b in batches:
                    if (name, op, h, i, b) not in cells:
                        cells.append((name, op, h, i, b))
    modes = ["fp32"] + (["tf32"] if args.tf32 else []) + (["fp16"] if args.fp16 else []) + \
        (["bf16"] if args.bf16 else [])

    acts = {
        "silu": F.silu, "relu": F.relu, "gelu": F.gelu,
        "gelu_tanh": lambda v: F.gelu(v, approximate="tanh"),
        "relu2": lambda v: torch.square(F.relu(v)),
    }

    def hidden(x, w, gated, act):
        u = F.linear(x, w["up"], w.get("bu"))
        return acts[act](F.linear(x, w["gate"], w.get("bg"))) * u if gated else acts[act](u)

    def mlp(x, w, gated, act):
        return F.linear(hidden(x, w, gated, act), w["down"], w.get("bd"))

    def rel_error(y, x, w, gated, act):
        """The harness's measure (harness/mlp_case.h): ||y - ref|| over sqrt(sum of max(ref^2,
        s2)), s2 each output's squared 2-norm of its terms (down bias, down * h)."""
        h = hidden(x, w, gated, act)
        ref = F.linear(h, w["down"], w.get("bd"))
        bd = w.get("bd")
        s2 = F.linear(h * h, w["down"] * w["down"], None if bd is None else bd * bd)
        den = torch.maximum(ref * ref, s2).sum().sqrt()
        return (torch.linalg.vector_norm(y.double() - ref) / den).item()

    out = open(args.csv, "w", newline="") if args.csv else None
    writer = csv.writer(out) if out else None
    if out:
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        out.write(f"# torch_bench.py (PyTorch {torch.__version__}, CUDA {torch.version.cuda})\n")
        out.write(f"# date: {now}\n# command: python3 {' '.join(sys.argv)}\n")
        out.write(f"# device: {props.name} | {props.multi_processor_count} SMs | L2 {l2 / 2**20:.1f} MB"
                  f" | memory {props.total_memory / 1e9:.1f} GB\n")
        if floors:
            out.write("# floor: " + " ".join(f"{k}={v:g}" for k, v in floors.items())
                      + f" (from {args.ref_csv})\n")
        out.write(f"# settings: seed={seed} reps={args.reps} burst={args.burst} warmup={args.warmup} budget_s={args.budget}"
                  f" check_rows={args.check_rows} modes={','.join(modes)}\n")
        writer.writerow(COLUMNS)

    print(f"{'shape':15} {'op':15} {'B':>5} {'impl':10} {'time (us)':>11} {'GB/s':>9} {'GFLOP/s':>9}"
          f" {'%floor':>7} {'vs clbl':>8} {'rel.err':>9}")
    failures = 0
    for mode in modes:
        torch.backends.cuda.matmul.allow_tf32 = mode == "tf32"
        torch.backends.cudnn.allow_tf32 = mode == "tf32"
        dtype = {"fp16": torch.float16, "bf16": torch.bfloat16}.get(mode, torch.float32)
        esize = 2 if mode in ("fp16", "bf16") else 4
        current, weights, ref_w = None, None, None
        for cell in cells:
            shape, op, H, I, B = cell
            gated, act, bias = parse_op(op)
            if current != (shape, op):
                current, weights, ref_w = (shape, op), None, None
                torch.cuda.empty_cache()
                # weights and biases as the harness draws them: U(-1, 1) / sqrt(fan_in), biases U(-0.5, 0.5)
                base = {"up": (torch.rand(I, H, device=dev) * 2 - 1) / math.sqrt(H),
                        "down": (torch.rand(H, I, device=dev) * 2 - 1) / math.sqrt(I)}
                if gated:
                    base["gate"] = (torch.rand(I, H, device=dev) * 2 - 1) / math.sqrt(H)
                if bias:
                    base["bu"] = torch.rand(I, device=dev) - 0.5
                    base["bd"] = torch.rand(H, device=dev) - 0.5
                    if gated:
                        base["bg"] = torch.rand(I, device=dev) - 0.5
                wbytes = sum(t.numel() for t in base.values()) * esize
                copies = 1 if wbytes >= 4 * l2 else min(16, math.ceil(4 * l2 / wbytes))
                weights = [{k: v.to(dtype).clone() for k, v in base.items()} for _ in range(copies)]
                ref_w = {k: v.to(dtype).double() for k, v in base.items()}
                del base
            x = (torch.rand(B, H, device=dev) * 2 - 1).to(dtype)
            rows = sorted({0 if args.check_rows <= 1 else k * (B - 1) // (args.check_rows - 1)
                           for k in range(min(args.check_rows, B))})
            with torch.no_grad():
                y = mlp(x, weights[0], gated, act)
                torch.cuda.synchronize()
                err = float("nan")
                if rows:
                    err = rel_error(y[rows], x[rows].double(), ref_w, gated, act)
                ok = math.isfinite(err) and err <= TOLERANCE[mode]
                failures += not ok
                t_est = 0.0
                k = 1
                for _ in range(args.warmup):
                    s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
                    s.record()
                    mlp(x, weights[k % copies], gated, act)
                    e.record()
                    e.synchronize()
                    t_est = s.elapsed_time(e) / 1e3
                    k += 1
                burst = args.burst
                if burst <= 0:
                    burst = min(64, max(1, int(2e-3 / t_est))) if t_est > 0 else 1
                reps = args.reps
                if t_est > 0 and t_est * burst * reps > args.budget:
                    reps = max(int(args.budget / (t_est * burst)), min(3, reps))
                times = []
                for _ in range(reps):
                    s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
                    s.record()
                    for _ in range(burst):
                        mlp(x, weights[k % copies], gated, act)
                        k += 1
                    e.record()
                    e.synchronize()
                    times.append(s.elapsed_time(e) * 1e3 / burst)
            times.sort()
            t = times[len(times) // 2] if len(times) % 2 else 0.5 * (times[len(times) // 2 - 1] + times[len(times) // 2])
            mats = 3 if gated else 2
            nbias = (2 * I + H if gated else I + H) if bias else 0
            nbytes = esize * (mats * H * I + nbias + 2 * B * H)
            flops = 2.0 * mats * B * H * I
            floor_us = pct = math.nan
            if floors:
                tb = nbytes / (floors["read_gb_s"] * 1e9)
                # the fp32 FMA rate bounds fp32 math only: tensor-core modes get the bandwidth floor
                tf = flops / (floors["fma_gflop_s"] * 1e9) if mode == "fp32" else 0.0
                floor_us = 1e6 * max(tb, tf)
                pct = floor_us / t * 100
            sp = clblast[cell] / t if cell in clblast else math.nan
            v32 = fmlp32[cell] / t if cell in fmlp32 else math.nan
            impl = f"torch-{mode}"
            strategy = (f"PyTorch {torch.__version__} cuBLAS {mode}"
                        + ("" if mode == "fp32" else ", floor from bandwidth only"))
            fmt = lambda v, f: "" if math.isnan(v) else f % v
            if writer:
                writer.writerow([shape, op, H, I, B, impl, FORMAT[mode], FORMAT[mode], f"{t:.2f}",
                                 f"{times[0]:.2f}", len(times), burst, copies, f"{nbytes / t / 1e3:.1f}",
                                 f"{flops / t / 1e3:.1f}", fmt(floor_us, "%.2f"), fmt(pct, "%.2f"),
                                 fmt(sp, "%.3f"), fmt(v32, "%.3f"), fmt(err, "%.3e"),
                                 "ok" if ok else "FAIL", strategy])
                out.flush()
            print(f"{shape:15} {op:15} {B:5} {impl:10} {t:11.1f} {nbytes / t / 1e3:9.1f} {flops / t / 1e3:9.1f}"
                  f" {fmt(pct, '%6.1f%%'):>7} {fmt(sp, '%.2fx'):>8} {err:9.1e}{'' if ok else '  CHECK FAILED'}",
                  flush=True)
        del weights, ref_w
    if out:
        out.close()
        print(f"CSV: {args.csv}")
    print("all checks passed" if not failures else f"{failures} CHECKS FAILED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
