#!/usr/bin/env python3
"""Plot flashmlp-bench results (and bench/torch_bench.py's, same columns).

One panel per (shape, op); x = batch size B (log scale); y = time per token (us, log scale)
or, with --y pct, percent of the device's floor; one line per implementation, the floor as a
dashed line. Results whose check failed are marked with a red x. Where FlashMLP ran in other
weight or activation formats (the weights and acts columns), each format is a line of its own
("flashmlp q4_0", "flashmlp f16 (bf16 x/y)"), with its own floor dotted in its colour.

    python3 bench/plot.py results.csv [torch.csv ...] --out results.png [--y time|pct]
    python3 bench/plot.py formats.csv --table formats      # FlashMLP per format, no plot

Exit status: 0 written, 2 bad input, 3 matplotlib is not installed (the CSV stays usable:
run this again where it is, e.g. after `apt-get install python3-matplotlib`).
"""
import argparse
import csv
import math
import sys

ORDER = ["clblast", "unfused", "flashmlp", "torch-fp32", "torch-tf32", "torch-fp16", "torch-bf16"]
STYLE = {
    "clblast": dict(color="tab:gray", marker="s"),
    "unfused": dict(color="tab:orange", marker="^"),
    "flashmlp": dict(color="tab:blue", marker="o", linewidth=2.2),
    "torch-fp32": dict(color="tab:green", marker="v", linestyle="-."),
    "torch-tf32": dict(color="tab:olive", marker="v", linestyle=":"),
    "torch-fp16": dict(color="tab:purple", marker="v", linestyle=":"),
    "torch-bf16": dict(color="tab:cyan", marker="v", linestyle=":"),
}
# FlashMLP's formats, each a colour and marker; f16/bf16 activations dashed
FORMATS = ["f32", "f16", "bf16", "q8_0", "q4_0", "affine_q2", "affine_q3", "affine_q4", "affine_q8"]
FORMAT_STYLE = {
    "f32": ("tab:blue", "o"), "f16": ("tab:cyan", "D"), "bf16": ("navy", "d"),
    "q8_0": ("tab:red", "s"), "q4_0": ("tab:brown", "P"), "affine_q2": ("tab:pink", "v"),
    "affine_q3": ("gold", "<"), "affine_q4": ("darkmagenta", ">"), "affine_q8": ("teal", "X"),
}
F32 = ("f32", "f32")


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


def formats(row):
    """(weights, acts) of a row; f32 for CSVs written before those columns existed."""
    return (row.get("weights") or "f32", row.get("acts") or "f32")


def series(row):
    """What one line of the plot (one column of the table) is: the implementation, and for
    flashmlp-bench's rows their formats (PyTorch's impl names say theirs)."""
    impl = row["impl"]
    return (impl, "", "") if impl.startswith("torch-") else (impl,) + formats(row)


def series_key(s):
    impl, w, a = s
    return (ORDER.index(impl) if impl in ORDER else 99, impl,
            FORMATS.index(w) if w in FORMATS else (-1 if not w else 99), a != "f32", a)


def label(s, multi):
    impl, w, a = s
    # only FlashMLP runs in other formats (the CLBlast and unfused chains are fp32)
    if not multi or impl != "flashmlp":
        return impl
    return f"{impl} {w}" + ("" if a == "f32" else f" ({a} x/y)")


def line_style(s, multi):
    impl, w, a = s
    if not multi or impl != "flashmlp" or not w:
        return dict(STYLE.get(impl, dict(marker=".")))
    color, marker = FORMAT_STYLE.get(w, ("black", "."))
    return dict(color=color, marker=marker, linewidth=2.2 if (w, a) == F32 else 1.4,
                linestyle="-" if a == "f32" else "--")


def is_multi(rows):
    """Whether any flashmlp-bench row is in a format other than f32 weights and activations."""
    return any(not r["impl"].startswith("torch-") and formats(r) != F32 for r in rows)


def print_table(rows, style):
    """One line per (shape, op, B): each implementation's median time (us), the floor, and
    FlashMLP's percent of the floor and speed-ups over the CLBlast chain and PyTorch fp32 (all
    with f32 weights and activations; other formats are columns of their own)."""
    multi = is_multi(rows)
    cols = sorted({series(r) for r in rows}, key=series_key)
    fm = ("flashmlp",) + F32
    cells, times, checks, floors = [], {}, {}, {}
    for r in rows:
        cell = (r["shape"], r["op"], int(number(r, "B")))
        if cell not in cells:
            cells.append(cell)
        times[cell, series(r)] = number(r, "time_us")
        checks[cell, series(r)] = r.get("check", "")
        # the floor of fp32 weights and activations (other formats' rows carry their own)
        if not r["impl"].startswith("torch-") and formats(r) == F32 and \
                not math.isnan(number(r, "floor_us")):
            floors[cell] = number(r, "floor_us")
    head = ["shape", "op", "B"] + [label(c, multi) for c in cols] + \
        ["floor", "flashmlp %floor", "vs clblast", "vs torch-fp32"]

    def fmt_time(cell, s):
        t = times.get((cell, s), math.nan)
        if (cell, s) not in times:
            return "-"
        if math.isnan(t):
            return "n/a"
        return f"{t:.1f}" + ("" if checks.get((cell, s)) in ("ok", "") else " (FAIL)")

    def ratio(cell, other):
        a, b = times.get((cell, other), math.nan), times.get((cell, fm), math.nan)
        return "-" if math.isnan(a) or math.isnan(b) else f"{a / b:.2f}x"

    lines = []
    for cell in cells:
        fl = floors.get(cell, math.nan)
        tf = times.get((cell, fm), math.nan)
        lines.append([cell[0], cell[1], str(cell[2])] + [fmt_time(cell, c) for c in cols] +
                     ["-" if math.isnan(fl) else f"{fl:.1f}",
                      "-" if math.isnan(fl) or math.isnan(tf) else f"{100 * fl / tf:.1f}%",
                      ratio(cell, ("clblast",) + F32), ratio(cell, ("torch-fp32", "", ""))])
    emit_table(head, lines, style, "Median time per MLP in microseconds.", 2)
    rising = rising_per_row(cells, times, fm)
    print("FlashMLP's time per batch row rising with B (more than " f"{RISE - 1:.0%}" "; a tile "
          "worth checking): " + ("; ".join(rising) if rising else "none") + "\n")


# A larger batch reuses each weight over more rows, so the time per row should fall or stay flat
# as B grows. A cell whose time per row exceeds the next smaller B's by more than this marks an
# entry that fits its batch range worse than its neighbours' (the thirty-sixth session's
# B=1024: 6.92 us a row against 5.38 at 512).
RISE = 1.05


def rising_per_row(cells, times, series_id):
    """The cells where series_id's time per batch row exceeds the next smaller measured B's of the
    same shape and op by more than RISE, as text."""
    out, last = [], {}
    for shape, op, b in sorted(cells):
        t = times.get(((shape, op, b), series_id), math.nan)
        if math.isnan(t) or b <= 0:
            continue
        prev = last.get((shape, op))
        if prev and t / b > RISE * prev[1] / prev[0]:
            out.append(f"{shape} {op} B={b}: {t / b:.2f} us a row against {prev[1] / prev[0]:.2f} "
                       f"at B={prev[0]}")
        last[(shape, op)] = (b, t)
    return out


def emit_table(head, lines, style, title, left):
    """Print a table as Markdown or aligned text; the first `left` columns left-aligned."""
    if style == "md":
        print(title + "\n")
        print("| " + " | ".join(head) + " |")
        print("|" + " --- |" * len(head))
        for ln in lines:
            print("| " + " | ".join(ln) + " |")
    else:
        widths = [max(len(h), *(len(ln[k]) for ln in lines)) for k, h in enumerate(head)]
        print(title)
        for ln in [head] + lines:
            print("  ".join(v.ljust(w) if k < left else v.rjust(w)
                            for k, (v, w) in enumerate(zip(ln, widths))).rstrip())
    print()


def print_formats(rows, style):
    """FlashMLP in each format, one table per (shape, op): a line per (weights, acts), for each
    B the median time (us), the percent of that format's floor, and the speed-up over FlashMLP
    with f32 weights and activations in the same cell; then the formats slower than f32."""
    mine = [r for r in rows if r["impl"] == "flashmlp"]
    panels = []
    for r in mine:
        if (r["shape"], r["op"]) not in panels:
            panels.append((r["shape"], r["op"]))
    for shape, op in panels:
        sel = [r for r in mine if (r["shape"], r["op"]) == (shape, op)]
        bs = sorted({int(number(r, "B")) for r in sel})
        fmts = sorted({formats(r) for r in sel}, key=lambda f: series_key(("flashmlp",) + f))
        got = {(formats(r), int(number(r, "B"))): r for r in sel}
        head = ["weights", "acts"]
        for b in bs:
            head += [f"B={b} us", "%floor", "vs f32"]
        lines, slower = [], []
        for f in fmts:
            ln = list(f)
            for b in bs:
                r, base = got.get((f, b)), got.get((F32, b))
                t = number(r, "time_us") if r else math.nan
                t32 = number(base, "time_us") if base else math.nan
                if r is None:
                    ln += ["-", "-", "-"]
                    continue
                if math.isnan(t):
                    ln += ["n/a", "-", "-"]
                    continue
                bad = "" if r.get("check", "ok") in ("ok", "") else "!"
                pct = number(r, "pct_floor")
                v = t32 / t if not math.isnan(t32) else math.nan
                ln += [f"{t:.1f}{bad}", "-" if math.isnan(pct) else f"{pct:.1f}%",
                       "-" if math.isnan(v) else f"{v:.2f}x"]
                if not math.isnan(v) and v < 1.0:
                    slower.append(f"{f[0]}/{f[1]} at B={b} ({v:.2f}x)")
            lines.append(ln)
        h, i = sel[0].get("H", "?"), sel[0].get("I", "?")
        emit_table(head, lines, style,
                   f"{shape}, {op} (H={h}, I={i}): FlashMLP per weight/activation format; median "
                   "time per MLP (us, '!' = check failed), % of the format's floor, speed-up over "
                   "FlashMLP f32", 2)
        print("slower than f32: " + (", ".join(slower) if slower else "none") + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", nargs="+", help="flashmlp-bench / torch_bench.py CSV files")
    ap.add_argument("--out", help="PNG file to write (required unless --table is given)")
    ap.add_argument("--y", choices=["time", "pct"], default="time",
                    help="time per token (default) or percent of the floor")
    ap.add_argument("--title", help="figure title (default: the device and date of the first CSV)")
    ap.add_argument("--table", choices=["text", "md", "formats", "formats-md"],
                    help="also print every implementation side by side (text or Markdown), or "
                         "FlashMLP in each weight and activation format (formats, formats-md)")
    args = ap.parse_args()
    if not args.out and not args.table:
        ap.error("--out is required unless --table is given")

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

    if args.table in ("text", "md"):
        print_table(rows, args.table)
    elif args.table:
        print_formats(rows, "md" if args.table == "formats-md" else "text")
    if not args.out:
        return 0

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

    multi = is_multi(rows)
    for ax, (shape, op) in zip(axes.flat, panels):
        mine = [r for r in rows if r["shape"] == shape and r["op"] == op]
        lines = sorted({series(r) for r in mine}, key=series_key)
        floors = {}  # (weights, acts): {B: floor_us}, from flashmlp-bench's rows
        for s in lines:
            pts = []
            for r in mine:
                if series(r) != s:
                    continue
                b, t = number(r, "B"), number(r, "time_us")
                # flashmlp-bench's floors, per format (torch's tf32/fp16 rows carry other floors)
                if not math.isnan(number(r, "floor_us")) and s[1]:
                    floors.setdefault(formats(r), {})[b] = number(r, "floor_us")
                if math.isnan(t) or b <= 0:
                    continue
                y = number(r, "pct_floor") if args.y == "pct" else t / b
                pts.append((b, y, r.get("check", "ok")))
            if not pts:
                continue
            pts.sort()
            name = label(s, multi)
            ax.plot([p[0] for p in pts], [p[1] for p in pts], label=name, **line_style(s, multi))
            bad = [p for p in pts if p[2] not in ("ok", "")]
            if bad:
                ax.plot([p[0] for p in bad], [p[1] for p in bad], "x", color="red", markersize=10,
                        label=f"{name}: check failed")
        if args.y == "time":
            named = False
            for f in sorted(floors, key=lambda f: series_key(("flashmlp",) + f)):
                bs = sorted(floors[f])
                ys = [floors[f][b] / b for b in bs]
                if f == F32:
                    ax.plot(bs, ys, "k--", linewidth=1, label="floor" + (" f32" if multi else ""))
                elif multi:
                    # each format's floor (its own bytes): dotted, in its colour, one legend entry
                    ax.plot(bs, ys, linestyle=":", linewidth=1,
                            color=line_style(("flashmlp",) + f, True)["color"],
                            label="_nolegend_" if named else "floor of each format (dotted)")
                    named = True
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
        if multi:
            ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        else:
            ax.legend(fontsize=7)

    title = args.title
    if not title and first_comments:
        dev = first_comments.get("device", "").split("|")[0].strip()
        what = "weight and activation formats" if multi else "fp32"
        title = f"{dev}, {what}, {first_comments.get('date', '')}".strip(", ")
    if title:
        fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    # bbox "tight" keeps legends placed beside the axes
    fig.savefig(args.out, dpi=110, bbox_inches="tight" if multi else None)
    print(f"plot.py: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
