/* The benchmark's output: the terminal table (one row per result, as measured), the CSV rows
 * (same columns as bench/torch_bench.py writes), and the closing summary that puts the
 * implementations of each (shape, op, B) side by side. */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void bench_table_header(FILE *f)
{
    fprintf(f, "%-15s %-15s %5s %-9s %11s %9s %9s %7s %8s %9s  %s\n", "shape", "op", "B", "impl",
            "time (us)", "GB/s", "GFLOP/s", "%floor", "vs clbl", "rel.err", "strategy");
}

void bench_table_row(FILE *f, const bench_result *r)
{
    if (isnan(r->time_us)) {
        fprintf(f, "%-15s %-15s %5zu %-9s  %s\n", r->shape, r->op, r->batch, r->impl, r->strategy);
        return;
    }
    char sp[16] = "-", err[16] = "-";
    if (!isnan(r->speedup)) snprintf(sp, sizeof sp, "%.2fx", r->speedup);
    if (!isnan(r->rel_error)) snprintf(err, sizeof err, "%.1e", r->rel_error);
    fprintf(f, "%-15s %-15s %5zu %-9s %11.1f %9.1f %9.1f %6.1f%% %8s %9s  %s%s\n", r->shape, r->op,
            r->batch, r->impl, r->time_us, r->gbs, r->gflops, r->pct_floor, sp, err,
            strcmp(r->check, "ok") ? "CHECK FAILED: " : "", r->strategy);
}

void bench_csv_header(FILE *f)
{
    fprintf(f, "shape,op,H,I,B,impl,time_us,min_us,reps,copies,gb_s,gflop_s,floor_us,pct_floor,"
               "speedup_vs_clblast,rel_error,check,strategy\n");
}

/* a number, or nothing when there is none */
static void num(FILE *f, double v, const char *fmt)
{
    if (!isnan(v) && !isinf(v)) fprintf(f, fmt, v);
    fputc(',', f);
}

void bench_csv_row(FILE *f, const bench_result *r)
{
    fprintf(f, "%s,%s,%zu,%zu,%zu,%s,", r->shape, r->op, r->hidden, r->intermediate, r->batch,
            r->impl);
    num(f, r->time_us, "%.2f");
    num(f, r->min_us, "%.2f");
    if (r->reps) fprintf(f, "%d", r->reps);
    fprintf(f, ",%d,", r->copies);
    num(f, r->gbs, "%.1f");
    num(f, r->gflops, "%.1f");
    num(f, r->floor_us, "%.2f");
    num(f, r->pct_floor, "%.2f");
    num(f, r->speedup, "%.3f");
    num(f, r->rel_error, "%.3e");
    /* the strategy text holds commas: quoted, inner quotes doubled */
    fprintf(f, "%s,\"", r->check);
    for (const char *p = r->strategy; *p; ++p) {
        if (*p == '"') fputc('"', f);
        fputc(*p, f);
    }
    fprintf(f, "\"\n");
}

static const bench_result *find(const bench_result *r, size_t n, const bench_result *like,
                                const char *impl)
{
    for (size_t i = 0; i < n; ++i)
        if (!strcmp(r[i].shape, like->shape) && !strcmp(r[i].op, like->op) &&
            r[i].batch == like->batch && !strcmp(r[i].impl, impl))
            return &r[i];
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

void bench_summary(FILE *f, const bench_result *r, size_t n)
{
    static const char *const impls[] = {"clblast", "unfused", "flashmlp"};
    fprintf(f, "\nSummary: median time per MLP (us; '!' = check failed), FlashMLP's share of the "
               "floor and its speed-up over the CLBlast chain\n");
    fprintf(f, "%-15s %-15s %5s %11s %11s %11s %10s %7s %8s\n", "shape", "op", "B", "clblast",
            "unfused", "flashmlp", "floor", "%floor", "speed-up");
    for (size_t i = 0; i < n; ++i) {
        /* one line per (shape, op, B): at its first result */
        int first = 1;
        for (size_t j = 0; j < i && first; ++j)
            first = strcmp(r[j].shape, r[i].shape) || strcmp(r[j].op, r[i].op) ||
                    r[j].batch != r[i].batch;
        if (!first) continue;
        fprintf(f, "%-15s %-15s %5zu", r[i].shape, r[i].op, r[i].batch);
        for (int k = 0; k < 3; ++k) cell(f, find(r, n, &r[i], impls[k]));
        const bench_result *fm = find(r, n, &r[i], "flashmlp");
        fprintf(f, " %10.1f", r[i].floor_us);
        if (fm && !isnan(fm->time_us)) {
            fprintf(f, " %6.1f%%", fm->pct_floor);
            if (!isnan(fm->speedup))
                fprintf(f, " %7.2fx", fm->speedup);
            else
                fprintf(f, " %8s", "-");
        }
        fprintf(f, "\n");
    }
}
