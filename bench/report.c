/* The benchmark's output: the terminal table (one row per result, as measured), the CSV rows
 * (same columns as bench/torch_bench.py writes), and the closing summary that puts the
 * implementations of each (shape, op, B) side by side. */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void bench_table_header(FILE *f)
{
    fprintf(f, "%-15s %-15s %5s %-9s %-9s %-4s %11s %9s %9s %7s %8s %7s %9s  %s\n", "shape", "op",
            "B", "impl", "weights", "acts", "time (us)", "GB/s", "GFLOP/s", "%floor", "vs clbl",
            "vs f32", "rel.err", "strategy");
}

void bench_table_row(FILE *f, const bench_result *r)
{
    if (isnan(r->time_us)) {
        fprintf(f, "%-15s %-15s %5zu %-9s %-9s %-4s  %s\n", r->shape, r->op, r->batch, r->impl,
                r->weights, r->acts, r->strategy);
        return;
    }
    char sp[16] = "-", v32[16] = "-", err[16] = "-";
    if (!isnan(r->speedup)) snprintf(sp, sizeof sp, "%.2fx", r->speedup);
    if (!isnan(r->vs_f32)) snprintf(v32, sizeof v32, "%.2fx", r->vs_f32);
    if (!isnan(r->rel_error)) snprintf(err, sizeof err, "%.1e", r->rel_error);
    fprintf(f, "%-15s %-15s %5zu %-9s %-9s %-4s %11.1f %9.1f %9.1f %6.1f%% %8s %7s %9s  %s%s\n",
            r->shape, r->op, r->batch, r->impl, r->weights, r->acts, r->time_us, r->gbs, r->gflops,
            r->pct_floor, sp, v32, err, strcmp(r->check, "ok") ? "CHECK FAILED: " : "",
            r->strategy);
}

void bench_csv_header(FILE *f)
{
    fprintf(f, "shape,op,H,I,B,impl,weights,acts,time_us,min_us,reps,burst,copies,gb_s,gflop_s,floor_us,"
               "pct_floor,speedup_vs_clblast,vs_f32,rel_error,check,strategy\n");
}

/* a number, or nothing when there is none */
static void num(FILE *f, double v, const char *fmt)
{
    if (!isnan(v) && !isinf(v)) fprintf(f, fmt, v);
    fputc(',', f);
}

void bench_csv_row(FILE *f, const bench_result *r)
{
    fprintf(f, "%s,%s,%zu,%zu,%zu,%s,%s,%s,", r->shape, r->op, r->hidden, r->intermediate,
            r->batch, r->impl, r->weights, r->acts);
    num(f, r->time_us, "%.2f");
    num(f, r->min_us, "%.2f");
    if (r->reps) fprintf(f, "%d", r->reps);
    fputc(',', f);
    if (r->burst) fprintf(f, "%d", r->burst);
    fprintf(f, ",%d,", r->copies);
    num(f, r->gbs, "%.1f");
    num(f, r->gflops, "%.1f");
    num(f, r->floor_us, "%.2f");
    num(f, r->pct_floor, "%.2f");
    num(f, r->speedup, "%.3f");
    num(f, r->vs_f32, "%.3f");
    num(f, r->rel_error, "%.3e");
    /* the strategy text holds commas: quoted, inner quotes doubled */
    fprintf(f, "%s,\"", r->check);
    for (const char *p = r->strategy; *p; ++p) {
        if (*p == '"') fputc('"', f);
        fputc(*p, f);
    }
    fprintf(f, "\"\n");
}

static int is_f32(const bench_result *r)
{
    return !strcmp(r->weights, "f32") && !strcmp(r->acts, "f32");
}

static int same_cell(const bench_result *a, const bench_result *b)
{
    return !strcmp(a->shape, b->shape) && !strcmp(a->op, b->op) && a->batch == b->batch;
}

/* the result of impl in like's cell with f32 weights and activations */
static const bench_result *find(const bench_result *r, size_t n, const bench_result *like,
                                const char *impl)
{
    for (size_t i = 0; i < n; ++i)
        if (same_cell(&r[i], like) && !strcmp(r[i].impl, impl) && is_f32(&r[i])) return &r[i];
    return NULL;
}

static void cell(FILE *f, const bench_result *r)
{
    if (!r)
        fprintf(f, " %10s", "-");
    else if (isnan(r->time_us))
        fprintf(f, " %10s", "n/a");
    else
        fprintf(f, " %9.1f%s", r->time_us, strcmp(r->check, "ok") ? "!" : " ");
}

static void ratio(FILE *f, double v)
{
    if (!isnan(v))
        fprintf(f, " %7.2fx", v);
    else
        fprintf(f, " %8s", "-");
}

void bench_summary(FILE *f, const bench_result *r, size_t n)
{
    static const char *const impls[] = {"clblast", "unfused", "flashmlp"};
    int others = 0;
    for (size_t i = 0; i < n; ++i) others |= !is_f32(&r[i]);
    fprintf(f, "\nSummary: median time per MLP (us; '!' = check failed), FlashMLP's share of the "
               "floor and its speed-up over the CLBlast chain%s\n",
            others ? "; f32 weights and activations" : "");
    fprintf(f, "%-15s %-15s %5s %11s %11s %11s %10s %7s %8s\n", "shape", "op", "B", "clblast",
            "unfused", "flashmlp", "floor", "%floor", "speed-up");
    for (size_t i = 0; i < n; ++i) {
        /* one line per (shape, op, B) that has f32 results: at its first one */
        int first = is_f32(&r[i]);
        for (size_t j = 0; j < i && first; ++j) first = !is_f32(&r[j]) || !same_cell(&r[j], &r[i]);
        if (!first) continue;
        fprintf(f, "%-15s %-15s %5zu", r[i].shape, r[i].op, r[i].batch);
        for (int k = 0; k < 3; ++k) cell(f, find(r, n, &r[i], impls[k]));
        const bench_result *fm = find(r, n, &r[i], "flashmlp");
        fprintf(f, " %10.1f", r[i].floor_us);
        if (fm && !isnan(fm->time_us)) {
            fprintf(f, " %6.1f%%", fm->pct_floor);
            ratio(f, fm->speedup);
        }
        fprintf(f, "\n");
    }
    if (!others) return;
    /* FlashMLP in every format, each against its own floor and against its f32 run */
    fprintf(f, "\nFormats: FlashMLP's median time per MLP (us), the floor of each format's bytes, "
               "and the speed-up over FlashMLP f32 and over the CLBlast chain (f32)\n");
    fprintf(f, "%-15s %-15s %5s %-9s %-4s %11s %10s %7s %8s %8s\n", "shape", "op", "B", "weights",
            "acts", "time", "floor", "%floor", "vs f32", "vs clbl");
    for (size_t i = 0; i < n; ++i) {
        /* the cells in the order they first ran, the formats of each in the order they ran */
        int first = !strcmp(r[i].impl, "flashmlp");
        for (size_t j = 0; j < i && first; ++j)
            first = strcmp(r[j].impl, "flashmlp") || !same_cell(&r[j], &r[i]);
        for (size_t j = i; first && j < n; ++j) {
            const bench_result *x = &r[j];
            if (strcmp(x->impl, "flashmlp") || !same_cell(x, &r[i])) continue;
            fprintf(f, "%-15s %-15s %5zu %-9s %-4s", x->shape, x->op, x->batch, x->weights,
                    x->acts);
            cell(f, x);
            if (isnan(x->floor_us))
                fprintf(f, " %10s", "-");
            else
                fprintf(f, " %10.1f", x->floor_us);
            if (!isnan(x->time_us)) {
                fprintf(f, " %6.1f%%", x->pct_floor);
                ratio(f, x->vs_f32);
                ratio(f, x->speedup);
            }
            fprintf(f, "\n");
        }
    }
}
