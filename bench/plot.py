#!/usr/bin/env python3
"""Plot flashmlp-bench results (and bench/torch_bench.py's, same columns).

One panel per (shape, op); x = batch size B (log scale); y = time per token (us, log scale)
or, with --y pct, percent of the device's floor; one line per implementation, the floor as a
dashed line. Results whose check failed are marked with a red x.

    python3 bench/plot.py results.csv [torch.csv ...] --out results.png [--y time|pct]

Exit status: 0 written, 2 bad input, 3 matplotlib is not installed (the CSV stays usable:
run this again where it is, e.g. after `apt-get install python3-matplotlib`).
"""
import argparse
import csv
import math
import sys

ORDER = ["clblast", "unfused", "flashmlp", "torch-fp32", "torch-tf32", "torch-fp16"]
STYLE = {
    "clblast": dict(color="tab:gray", marker="s"),
    "unfused": dict(color="tab:orange", marker="^"),
    "flashmlp": dict(color="tab:blue", marker="o", linewidth=2.2),
    "torch-fp32": dict(color="tab:green", marker="v", linestyle="-."),
    "torch-tf32": dict(color="tab:olive", marker="v", linestyle=":"),
    "torch-fp16": dict(color="tab:purple", marker="v", linestyle=":"),
}


def read_csv(path):
    """Rows (dicts) and the '# key: value' comment lines of one result file."""
    comments, body = {}, []
    with open(path, newline="") as f:
        for line in f:
            if line.startswith("#"):
                text = line[1:].strip()
                key, _, value = text.partition(":")
                comments.setdefault(key.strip(), value.strip())
            elif line.strip():
                body.append(line)
    return list(csv.DictReader(body)), comments


def number(row, key):
    try:
        v = float(row.get(key) or "nan")
    except ValueError:
        return math.nan
    return v


def print_table(rows, style):
    """One line per (shape, op, B): each implementation's median time (us), the floor, and
    FlashMLP's percent of the floor and speed-ups over the CLBlast chain and PyTorch fp32."""
    impls = sorted({r["impl"] for r in rows}, key=lambda n: (ORDER.index(n) if n in ORDER else 99, n))
    cells, times, checks, floors = [], {}, {}, {}
    for r in rows:
        cell = (r["shape"], r["op"], int(number(r, "B")))
        if cell not in cells:
            cells.append(cell)
        times[cell, r["impl"]] = number(r, "time_us")
        checks[cell, r["impl"]] = r.get("check", "")
        if not r["impl"].startswith("torch-") and not math.isnan(number(r, "floor_us")):
            floors[cell] = number(r, "floor_us")
    head = ["shape", "op", "B"] + impls + ["floor", "flashmlp %floor", "vs clblast", "vs torch-fp32"]

    def fmt_time(cell, impl):
        t = times.get((cell, impl), math.nan)
        if (cell, impl) not in times:
            return "-"
        if math.isnan(t):
            return "n/a"
        return f"{t:.1f}" + ("" if checks.get((cell, impl)) in ("ok", "") else " (FAIL)")

    def ratio(cell, other):
        a, b = times.get((cell, other), math.nan), times.get((cell, "flashmlp"), math.nan)
        return "-" if math.isnan(a) or math.isnan(b) else f"{a / b:.2f}x"

    lines = []
    for cell in cells:
        fl = floors.get(cell, math.nan)
        tf = times.get((cell, "flashmlp"), math.nan)
        lines.append([cell[0], cell[1], str(cell[2])] + [fmt_time(cell, i) for i in impls] +
                     ["-" if math.isnan(fl) else f"{fl:.1f}",
                      "-" if math.isnan(fl) or math.isnan(tf) else f"{100 * fl / tf:.1f}%",
                      ratio(cell, "clblast"), ratio(cell, "torch-fp32")])
    if style == "md":
        print("Median time per MLP in microseconds.\n")
        print("| " + " | ".join(head) + " |")
        print("|" + " --- |" * len(head))
        for ln in lines:
            print("| " + " | ".join(ln) + " |")
    else:
        widths = [max(len(h), *(len(ln[k]) for ln in lines)) for k, h in enumerate(head)]
        print("median time per MLP (us)")
        print("  ".join(h.rjust(w) if k > 1 else h.ljust(w) for k, (h, w) in enumerate(zip(head, widths))))
        for ln in lines:
            print("  ".join(v.rjust(w) if k > 1 else v.ljust(w) for k, (v, w) in enumerate(zip(ln, widths))))
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", nargs="+", help="flashmlp-bench / torch_bench.py CSV files")
    ap.add_argument("--out", required=True, help="PNG file to write")
    ap.add_argument("--y", choices=["time", "pct"], default="time",
                    help="time per token (default) or percent of the floor")
    ap.add_argument("--title", help="figure title (default: the device and date of the first CSV)")
    ap.add_argument("--table", choices=["text", "md"],
                    help="also print every implementation side by side (text or Markdown)")
    args = ap.parse_args()

    rows, first_comments = [], None
    for path in args.csv:
        try:
            r, c = read_csv(path)
        except OSError as e:
            print(f"plot.py: {e}", file=sys.stderr)
            return 2
        rows += r
        first_comments = first_comments or c
    rows = [r for r in rows if r.get("shape") and r.get("impl")]
    if not rows:
        print("plot.py: no results in " + ", ".join(args.csv), file=sys.stderr)
        return 2

    if args.table:
        print_table(rows, args.table)

    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("plot.py: matplotlib is not installed (python3-matplotlib): no plot; the CSV is "
              "complete, run plot.py on it where matplotlib is", file=sys.stderr)
        return 3

    panels = []
    for r in rows:
        key = (r["shape"], r["op"])
        if key not in panels:
            panels.append(key)
    ncols = min(3, len(panels))
    nrows = math.ceil(len(panels) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(5.2 * ncols, 4.0 * nrows), squeeze=False)
    for ax in axes.flat[len(panels):]:
        ax.set_visible(False)

    for ax, (shape, op) in zip(axes.flat, panels):
        mine = [r for r in rows if r["shape"] == shape and r["op"] == op]
        impls = sorted({r["impl"] for r in mine}, key=lambda n: (ORDER.index(n) if n in ORDER else 99, n))
        floor = {}
        for impl in impls:
            pts = []
            for r in mine:
                if r["impl"] != impl:
                    continue
                b, t = number(r, "B"), number(r, "time_us")
                # the fp32 floor of flashmlp-bench (torch's tf32/fp16 rows carry other floors)
                if not math.isnan(number(r, "floor_us")) and not impl.startswith("torch-"):
                    floor[b] = number(r, "floor_us")
                if math.isnan(t) or b <= 0:
                    continue
                y = number(r, "pct_floor") if args.y == "pct" else t / b
                pts.append((b, y, r.get("check", "ok")))
            if not pts:
                continue
            pts.sort()
            ax.plot([p[0] for p in pts], [p[1] for p in pts], label=impl,
                    **STYLE.get(impl, dict(marker=".")))
            bad = [p for p in pts if p[2] not in ("ok", "")]
            if bad:
                ax.plot([p[0] for p in bad], [p[1] for p in bad], "x", color="red", markersize=10,
                        label=f"{impl}: check failed")
        if args.y == "time" and floor:
            bs = sorted(floor)
            ax.plot(bs, [floor[b] / b for b in bs], "k--", linewidth=1, label="floor")
        ax.set_xscale("log", base=2)
        bs = sorted({number(r, "B") for r in mine if number(r, "B") > 0})
        ax.set_xticks(bs)
        ax.set_xticklabels([str(int(b)) for b in bs], fontsize=7)
        ax.minorticks_off()
        if args.y == "time":
            ax.set_yscale("log")
            ax.set_ylabel("time per token (us)")
        else:
            ax.set_ylabel("% of floor")
            ax.axhline(100, color="k", linestyle="--", linewidth=1)
            ax.set_ylim(bottom=0)
        h, i = mine[0].get("H", "?"), mine[0].get("I", "?")
        ax.set_title(f"{shape}, {op} (H={h}, I={i})", fontsize=10)
        ax.set_xlabel("batch size B")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)

    title = args.title
    if not title and first_comments:
        dev = first_comments.get("device", "").split("|")[0].strip()
        title = f"{dev}, fp32, {first_comments.get('date', '')}".strip(", ")
    if title:
        fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(f"plot.py: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
