/* flashmlp-bench (also `flashmlp bench`): options, the run matrix, and the measurement of one
 * (shape, op, B) cell for each implementation and storage format.
 *
 * For each (shape, op) and each format (weights, activations; f32 and f32 first, so that every
 * later row has its "vs f32"): fresh random weights, the same draw in every format, quantized
 * by the harness; `copies` copies of them per implementation when they would fit the
 * last-level cache; reference rows for every batch size computed up front (in parallel) from
 * the format's values. For each B: fresh random x (the same in every format, rounded to the
 * activation format), uploaded once; then for each implementation a checked run (y poisoned,
 * every element must be written, sample rows against the reference), warm-up runs, and timed
 * runs, each bracketed by clFinish on the profiling-enabled in-order queue, cycling through the
 * weight copies; the median and minimum are reported. The CLBlast and unfused chains run for
 * f32 weights and activations only. */
#include "bench.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_LIST 32
#define MAX_CHECK_ROWS 8

enum { IMPL_CLBLAST = 1, IMPL_UNFUSED = 2, IMPL_FLASHMLP = 4 };

typedef struct options {
    const char *device, *csv, *plot, *clblast_dir, *fmlp_overrides;
    char shape_names[MAX_LIST][BENCH_NAME];
    char op_names[MAX_LIST][BENCH_NAME];
    size_t batches[MAX_LIST];
    int nshapes, nops, nbatches;
    fmlp_dtype weights[MAX_LIST], acts[MAX_LIST];
    int nweights, nacts;
    int int8; /* --precision: 1 int8 rows as well as exact ones, 2 int8 rows only */
    unsigned group; /* affine formats' group size */
    int impls, reps, warmup, check_rows, copies, all, no_plot, plot_pct, burst;
    double budget, tol, llc_mb; /* tol < 0: the harness's, per format */
    unsigned long long seed;
} options;

/* one storage format of a run */
typedef struct format {
    fmlp_dtype weights, acts;
    fmlp_precision precision;
} format;

/* one (shape, op) with its batch sizes */
typedef struct run_spec {
    bench_shape shape;
    bench_op op;
    size_t batches[MAX_LIST];
    int nbatches;
} run_spec;

typedef struct bench {
    options o;
    const char *prog;
    fmlp_context *ctx;
    cl_command_queue q;
    fmlp_device_info info;
    uint64_t llc, llc_reported; /* bytes: assumed for weight rotation, and as reported */
    bench_floors floors;
    bench_clblast_tuning tuned;
    int have_tuned;
    format formats[6 * MAX_LIST]; /* weights x acts x precisions, f32 and f32 first */
    int nformats;
    bench_result *res;
    size_t nres, capres;
    FILE *csv;
    int failures;
} bench;

static const size_t full_batches[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096};

static void help(const char *prog)
{
    printf(
        "usage: %s [options]\n\n"
        "Runs FlashMLP, the CLBlast chain (SGEMM gate and up, one elementwise kernel, SGEMM down;\n"
        "SGEMV at B=1) and the unfused chain of FlashMLP's own kernels side by side on one\n"
        "device, with fresh random data, every result checked against a double-precision\n"
        "reference on sample rows; FlashMLP also in other weight and activation formats.\n"
        "Measures the device's read bandwidth and FMA rate first and reports each result\n"
        "against its floor, max(bytes / bandwidth, FLOPs / FMA rate), bytes in its formats.\n\n"
        "what to run:\n"
        "  --shapes LIST      shape names or custom:HxI (see --list); default llama3-8b on a GPU,\n"
        "                     gpt2 (B=1,16) and llama3-8b (B=1) elsewhere\n"
        "  --batch LIST       batch sizes, e.g. 1,16,256 (default 1,16,256 on a GPU,\n"
        "                     1,16 elsewhere)\n"
        "  --ops LIST         ops, 'native' for each shape's own, e.g. native,relu\n"
        "                     (default native)\n"
        "  --all              every shape of the issue, B = 1..4096, ops native,relu (each\n"
        "                     unless given explicitly)\n"
        "  --impl LIST        any of clblast,unfused,flashmlp (default all three)\n"
        "  --list             print the shapes and ops and exit\n"
        "  --weights LIST     FlashMLP's weight formats, each a row of its own: f32 f16 bf16\n"
        "                     q8_0 q4_0 affine_q2 affine_q3 affine_q4 affine_q8 (default f32);\n"
        "                     clblast and unfused run for f32 weights and activations only\n"
        "  --acts LIST        activation (x, y) formats: f32 f16 bf16 (default f32); every\n"
        "                     weight format runs with every activation format\n"
        "  --group N          group size of the affine formats: 32, 64 or 128 (default 32)\n"
        "  --precision LIST   exact (default), int8, or exact,int8: FlashMLP rows with\n"
        "                     FMLP_PRECISION_INT8_DOT (Q8_0, Q4_0, affine 2/4/8-bit), named\n"
        "                     like q4_0+int8; other formats keep their exact rows\n\n"
        "how:\n"
        "  --device SEL       device selector (see `flashmlp devices`); default $FLASHMLP_DEVICE,\n"
        "                     else the first GPU, else the first device\n"
        "  --reps N           timed runs per cell, median reported (default 20 on a GPU,\n"
        "                     5 elsewhere)\n"
        "  --budget SEC       at most about this long timing one cell, down to 3 runs\n"
        "                     (default 2 on a GPU, 5 elsewhere)\n"
        "  --warmup N         untimed runs before timing (default 2 on a GPU, 1 elsewhere)\n"
        "  --burst N          runs per timed sample, enqueued back to back and closed by one\n"
        "                     clFinish, the sample being their time / N (as a decode loop\n"
        "                     issues them; 1: each run bracketed by clFinish). Default 0: as\n"
        "                     many as fill 2 ms, at most 64\n"
        "  --copies N         weight copies to rotate (default: enough to exceed 4x the\n"
        "                     last-level cache when the weights are smaller, up to 16)\n"
        "  --llc-mb N         last-level cache size to assume (default: as the device reports it,\n"
        "                     at least 64 MB on a GPU)\n"
        "  --check-rows N     rows per cell checked against the reference (default 2, max %d)\n"
        "  --tolerance X      largest relative error that passes (default: the harness's for\n"
        "                     the activation format: 1e-5 for f32, plus 2^-11 for f16 and\n"
        "                     2^-8 for bf16)\n"
        "  --seed S           random seed (default: from the clock; written to the CSV)\n"
        "  --clblast-params DIR  apply CLBlast tuner results (clblast_*.json) from DIR\n"
        "  --flashmlp-overrides \"k=v ...\"  tuning overrides for the flashmlp row\n\n"
        "output:\n"
        "  --csv FILE         write every result as CSV (device, date and command in # lines)\n"
        "  --plot FILE        write a PNG through bench/plot.py (needs python3 with matplotlib,\n"
        "                     $FLASHMLP_BENCH_PYTHON picks the interpreter; the CSV goes beside\n"
        "                     the PNG unless --csv is given)\n"
        "  --plot-pct         plot percent of the floor instead of time per token\n"
        "  --no-plot          no PNG even when --plot is given\n\n"
        "Exit status: 0 when every check passed, 1 when a check or an implementation failed.\n",
        prog, MAX_CHECK_ROWS);
}

/* "a,b,c" into names; -1 when too many or empty */
static int split_names(const char *text, char out[][BENCH_NAME], int max)
{
    int n = 0;
    const char *p = text;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == 0 || len >= BENCH_NAME || n == max) return -1;
        memcpy(out[n], p, len);
        out[n++][len] = '\0';
        p += len + (end ? 1 : 0);
        if (end && !*p) return -1;
    }
    return n ? n : -1;
}

static int parse_sizes(const char *text, size_t *out, int max)
{
    char names[MAX_LIST][BENCH_NAME];
    int n = split_names(text, names, max);
    for (int i = 0; i < n; ++i) {
        char *end = NULL;
        errno = 0;
        unsigned long long v = strtoull(names[i], &end, 10);
        if (names[i][0] < '0' || names[i][0] > '9' || *end || errno || v == 0 || v > (1u << 20))
            return -1;
        out[i] = (size_t)v;
    }
    return n;
}

static int parse_number(const char *text, double lo, double hi, double *out)
{
    char *end = NULL;
    double v = strtod(text, &end);
    if (end == text || *end || !(v >= lo && v <= hi)) return -1;
    *out = v;
    return 0;
}

/* 0 ok, 1 exit 0 (help), 2 usage error */
static int parse_options(options *o, int argc, char **argv, const char *prog)
{
    memset(o, 0, sizeof *o);
    o->impls = IMPL_CLBLAST | IMPL_UNFUSED | IMPL_FLASHMLP;
    o->reps = o->warmup = o->copies = -1;
    o->burst = 0;
    o->check_rows = 2;
    o->budget = -1;
    o->tol = -1;
    o->group = 32;
    o->seed = 0;
    int seed_given = 0;
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            help(prog);
            return 1;
        }
        if (!strcmp(a, "--list")) {
            bench_list_shapes(stdout);
            return 1;
        }
        if (!strcmp(a, "--all")) {
            o->all = 1;
            continue;
        }
        if (!strcmp(a, "--no-plot")) {
            o->no_plot = 1;
            continue;
        }
        if (!strcmp(a, "--plot-pct")) {
            o->plot_pct = 1;
            continue;
        }
        const char *v = i + 1 < argc ? argv[++i] : NULL;
        if (!v) {
            fprintf(stderr, "%s: %s needs a value (see --help)\n", prog, a);
            return 2;
        }
        double d = 0;
        int bad = 0;
        if (!strcmp(a, "--device")) o->device = v;
        else if (!strcmp(a, "--csv")) o->csv = v;
        else if (!strcmp(a, "--plot")) o->plot = v;
        else if (!strcmp(a, "--clblast-params")) o->clblast_dir = v;
        else if (!strcmp(a, "--flashmlp-overrides")) o->fmlp_overrides = v;
        else if (!strcmp(a, "--shapes"))
            bad = (o->nshapes = split_names(v, o->shape_names, MAX_LIST)) < 0;
        else if (!strcmp(a, "--ops"))
            bad = (o->nops = split_names(v, o->op_names, MAX_LIST)) < 0;
        else if (!strcmp(a, "--batch"))
            bad = (o->nbatches = parse_sizes(v, o->batches, MAX_LIST)) < 0;
        else if (!strcmp(a, "--weights") || !strcmp(a, "--acts")) {
            const int acts = !strcmp(a, "--acts");
            char names[MAX_LIST][BENCH_NAME];
            int n = split_names(v, names, MAX_LIST);
            bad = n < 0;
            for (int k = 0; k < n && !bad; ++k) {
                const int t = bench_dtype_parse(names[k]);
                bad = t < 0 || (acts && mlp_dtype_size((fmlp_dtype)t) == 0);
                for (int j = 0; j < k && !bad; ++j) bad = !strcmp(names[j], names[k]);
                (acts ? o->acts : o->weights)[k] = (fmlp_dtype)t;
            }
            *(acts ? &o->nacts : &o->nweights) = bad ? 0 : n;
        } else if (!strcmp(a, "--group")) {
            bad = parse_number(v, 32, 128, &d) || (d != 32 && d != 64 && d != 128);
            o->group = (unsigned)d;
        } else if (!strcmp(a, "--precision")) {
            if (!strcmp(v, "exact")) o->int8 = 0;
            else if (!strcmp(v, "int8")) o->int8 = 2;
            else if (!strcmp(v, "exact,int8") || !strcmp(v, "int8,exact")) o->int8 = 1;
            else bad = 1;
        }
        else if (!strcmp(a, "--impl")) {
            char names[MAX_LIST][BENCH_NAME];
            int n = split_names(v, names, MAX_LIST);
            bad = n < 0;
            o->impls = 0;
            for (int k = 0; k < n && !bad; ++k) {
                if (!strcmp(names[k], "clblast")) o->impls |= IMPL_CLBLAST;
                else if (!strcmp(names[k], "unfused")) o->impls |= IMPL_UNFUSED;
                else if (!strcmp(names[k], "flashmlp")) o->impls |= IMPL_FLASHMLP;
                else bad = 1;
            }
        } else if (!strcmp(a, "--reps")) {
            bad = parse_number(v, 1, 100000, &d);
            o->reps = (int)d;
        } else if (!strcmp(a, "--burst")) {
            bad = parse_number(v, 0, 1024, &d);
            o->burst = (int)d;
        } else if (!strcmp(a, "--warmup")) {
            bad = parse_number(v, 0, 1000, &d);
            o->warmup = (int)d;
        } else if (!strcmp(a, "--copies")) {
            bad = parse_number(v, 1, 64, &d);
            o->copies = (int)d;
        } else if (!strcmp(a, "--check-rows")) {
            bad = parse_number(v, 0, MAX_CHECK_ROWS, &d);
            o->check_rows = (int)d;
        } else if (!strcmp(a, "--budget")) bad = parse_number(v, 0, 1e6, &o->budget);
        else if (!strcmp(a, "--llc-mb")) bad = parse_number(v, 0.001, 1e6, &o->llc_mb);
        else if (!strcmp(a, "--tolerance")) bad = parse_number(v, 0, 1e3, &o->tol);
        else if (!strcmp(a, "--seed")) {
            char *end = NULL;
            errno = 0;
            o->seed = strtoull(v, &end, 10);
            bad = end == v || *end || errno || v[0] == '-';
            seed_given = 1;
        } else {
            fprintf(stderr, "%s: unknown option '%s' (see --help)\n", prog, a);
            return 2;
        }
        if (bad) {
            fprintf(stderr, "%s: bad value '%s' for %s (see --help)\n", prog, v, a);
            return 2;
        }
    }
    if (!o->nweights) o->weights[o->nweights++] = FMLP_DTYPE_F32;
    if (!o->nacts) o->acts[o->nacts++] = FMLP_DTYPE_F32;
    if (!seed_given) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        o->seed = ((unsigned long long)ts.tv_sec * 1000003ull + (unsigned long long)ts.tv_nsec) %
                  1000000007ull;
    }
    return 0;
}

/* The run matrix, from the options and the device (smaller defaults off a GPU). */
static int build_runs(const bench *b, run_spec **out, int *count)
{
    const options *o = &b->o;
    const int gpu = b->info.is_gpu;
    char shapes[MAX_LIST][BENCH_NAME], ops[MAX_LIST][BENCH_NAME];
    size_t batches[MAX_LIST];
    int ns = 0, nops = 0, nb = 0;
    /* the quick default off a GPU: gpt2 at B=1,16 and llama3-8b at B=1 (PoCL on 2 cores
     * takes a few seconds per Llama-sized run) */
    const int cpu_default = !gpu && !o->all && !o->nshapes && !o->nbatches;
    if (o->nshapes) {
        ns = o->nshapes;
        memcpy(shapes, o->shape_names, sizeof shapes);
    } else if (o->all) {
        for (size_t i = 0; bench_shape_at(i); ++i)
            if (bench_shape_at(i)->in_all)
                snprintf(shapes[ns++], BENCH_NAME, "%s", bench_shape_at(i)->name);
    } else if (gpu) {
        snprintf(shapes[ns++], BENCH_NAME, "llama3-8b");
    } else {
        snprintf(shapes[ns++], BENCH_NAME, "gpt2");
        snprintf(shapes[ns++], BENCH_NAME, "llama3-8b");
    }
    if (o->nbatches) {
        nb = o->nbatches;
        memcpy(batches, o->batches, sizeof batches);
    } else if (o->all) {
        nb = (int)(sizeof full_batches / sizeof full_batches[0]);
        memcpy(batches, full_batches, sizeof full_batches);
    } else if (gpu) {
        batches[nb++] = 1, batches[nb++] = 16, batches[nb++] = 256;
    } else {
        batches[nb++] = 1, batches[nb++] = 16;
    }
    if (o->nops) {
        nops = o->nops;
        memcpy(ops, o->op_names, sizeof ops);
    } else {
        snprintf(ops[nops++], BENCH_NAME, "native");
        if (o->all) snprintf(ops[nops++], BENCH_NAME, "relu");
    }
    run_spec *runs = calloc((size_t)(ns * nops), sizeof *runs);
    if (!runs) return -1;
    int n = 0;
    for (int s = 0; s < ns; ++s) {
        bench_shape sh;
        if (bench_shape_parse(shapes[s], &sh) != 0) {
            fprintf(stderr, "%s: unknown shape '%s' (see --list)\n", b->prog, shapes[s]);
            free(runs);
            return -2;
        }
        for (int k = 0; k < nops; ++k) {
            bench_op op;
            const char *name = strcmp(ops[k], "native") ? ops[k] : sh.native_op;
            if (bench_op_parse(name, &op) != 0) {
                fprintf(stderr, "%s: unknown op '%s' (see --list)\n", b->prog, name);
                free(runs);
                return -2;
            }
            int dup = 0; /* native may equal a listed op */
            for (int j = 0; j < n; ++j)
                dup |= !strcmp(runs[j].shape.name, sh.name) && !strcmp(runs[j].op.name, op.name);
            if (dup) continue;
            runs[n].shape = sh;
            runs[n].op = op;
            runs[n].nbatches = nb;
            memcpy(runs[n].batches, batches, sizeof batches);
            if (cpu_default && !strcmp(sh.name, "llama3-8b")) runs[n].nbatches = 1;
            ++n;
        }
    }
    *out = runs;
    *count = n;
    return 0;
}

/* ------------------------------------------------------------------ reference rows */
typedef struct ref_work {
    const mlp_case *c; /* x holds one row per task */
    double *ref, *s2;
    size_t n;
    atomic_size_t next;
} ref_work;

static void *ref_worker(void *p)
{
    ref_work *w = p;
    size_t t;
    while ((t = atomic_fetch_add(&w->next, 1)) < w->n)
        mlp_reference_row_scale(w->c, t, w->ref + t * w->c->desc.hidden,
                                w->s2 + t * w->c->desc.hidden);
    return NULL;
}

/* ref[t] = the reference of row t of c (c->batch rows), s2[t] its error scale
 * (mlp_reference_row_scale), on all cores */
static void reference_rows(const mlp_case *c, double *ref, double *s2)
{
    ref_work w = {.c = c, .ref = ref, .s2 = s2, .n = c->batch};
    atomic_init(&w.next, 0);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t nt = cores > 1 ? (size_t)cores - 1 : 0;
    if (nt > 63) nt = 63;
    if (nt > w.n) nt = w.n;
    pthread_t th[63];
    size_t started = 0;
    while (started < nt && pthread_create(&th[started], NULL, ref_worker, &w) == 0) ++started;
    ref_worker(&w);
    for (size_t i = 0; i < started; ++i) pthread_join(th[i], NULL);
}

static int check_rows_of(size_t batch, int want, size_t *rows)
{
    int n = want < (int)batch ? want : (int)batch;
    for (int i = 0; i < n; ++i) rows[i] = n == 1 ? 0 : (size_t)i * (batch - 1) / (size_t)(n - 1);
    return n;
}

static uint64_t cell_seed(uint64_t seed, int run, size_t batch)
{
    return seed * 1000003ull + (uint64_t)run * 65599ull + batch;
}

/* ------------------------------------------------------------------ one cell */
static bench_result *new_result(bench *b)
{
    if (b->nres == b->capres) {
        size_t cap = b->capres ? 2 * b->capres : 64;
        bench_result *r = realloc(b->res, cap * sizeof *r);
        if (!r) return NULL;
        b->res = r;
        b->capres = cap;
    }
    bench_result *r = &b->res[b->nres++];
    memset(r, 0, sizeof *r);
    r->time_us = r->min_us = r->gbs = r->gflops = r->pct_floor = r->speedup = r->vs_f32 =
        r->rel_error = NAN;
    return r;
}

static void emit(bench *b, const bench_result *r)
{
    bench_table_row(stdout, r);
    fflush(stdout);
    if (b->csv) {
        bench_csv_row(b->csv, r);
        fflush(b->csv);
    }
}

/* n runs back to back from weight copy *copy on (advanced past them), closed by one clFinish:
 * their wall time / n in *sec. */
static int timed_runs(const bench_impl *im, const bench_env *env, size_t batch, int *copy, int n,
                      double *sec)
{
    int rc = CL_SUCCESS;
    double t0 = bench_now();
    for (int k = 0; k < n && rc == CL_SUCCESS; ++k) rc = im->run(im->state, env, batch, (*copy)++);
    cl_int err = clFinish(env->q);
    *sec = (bench_now() - t0) / n;
    return rc != CL_SUCCESS ? rc : (int)err;
}

static int timed_run(const bench_impl *im, const bench_env *env, size_t batch, int copy,
                     double *sec)
{
    return timed_runs(im, env, batch, &copy, 1, sec);
}

/* y [n] as read back in activation format t (ystore) into fp32 yhost; elements that still
 * hold the 16-bit poison become MLP_POISON_BITS, as in the harness's mlp_run_forward */
static int y_to_float(fmlp_dtype t, const void *ystore, size_t n, float *yhost)
{
    if (t == FMLP_DTYPE_F32) {
        memcpy(yhost, ystore, n * sizeof(float));
        return FMLP_SUCCESS;
    }
    fmlp_status st = fmlp_dequantize(t, 0, ystore, 1, n, yhost);
    const uint16_t *y16 = ystore;
    for (size_t i = 0; i < n; ++i)
        if (y16[i] == MLP_POISON_BITS16) mlp_poison(&yhost[i], 1);
    return (int)st;
}

/* Check and time one implementation on one cell; fills r (identity fields already set).
 * ystore holds y in its storage format (batch * H elements), yhost the same in fp32. */
static void measure(bench *b, const bench_impl *im, const bench_env *env, size_t batch,
                    const size_t *rows, int nrows, const double *ref, const double *s2,
                    void *ystore, float *yhost,
                    bench_result *r)
{
    const mlp_case *c = env->c;
    const size_t n = batch * c->desc.hidden;
    const fmlp_dtype at = c->desc.act_dtype;
    const size_t es = mlp_dtype_size(at);
    const double tol = b->o.tol >= 0 ? b->o.tol : mlp_tolerance(&c->desc);
    double *times = NULL;
    const char *what = "checked run";
    int rc = CL_SUCCESS;
    im->describe(im->state, batch, r->strategy, sizeof r->strategy);

    /* checked run: poisoned y, every element must be written, sample rows within tolerance */
    const cl_uint poison = MLP_POISON_BITS;
    const cl_ushort poison16 = MLP_POISON_BITS16;
    if ((rc = clEnqueueFillBuffer(env->q, env->y, es == 4 ? (const void *)&poison : &poison16, es,
                                  0, n * es, 0, NULL, NULL)) != CL_SUCCESS)
        goto fail;
    double t_est = 0;
    if ((rc = timed_run(im, env, batch, 0, &t_est)) != CL_SUCCESS) goto fail;
    if ((rc = clEnqueueReadBuffer(env->q, env->y, CL_TRUE, 0, n * es, ystore, 0, NULL, NULL)) !=
            CL_SUCCESS ||
        (rc = y_to_float(at, ystore, n, yhost)) != FMLP_SUCCESS)
        goto fail;
    size_t unwritten = mlp_count_poison(yhost, n);
    r->rel_error = nrows ? mlp_rel_error_ref(c, yhost, rows, (size_t)nrows, ref, s2) : 0.0;
    int ok = unwritten == 0 && r->rel_error <= tol;
    snprintf(r->check, sizeof r->check, "%s", ok ? "ok" : "FAIL");
    if (!ok) {
        ++b->failures;
        fprintf(stderr, "%s: %s %s B=%zu %s (weights %s, acts %s): %zu of %zu outputs unwritten, "
                        "relative error %.2e (tolerance %.1e)\n",
                b->prog, r->shape, r->op, batch, r->impl, r->weights, r->acts, unwritten, n,
                r->rel_error, tol);
    }

    /* warm-up, then timed runs within the cell's budget, cycling through the weight copies */
    what = "warm-up run";
    int copy = 1;
    for (int w = 0; w < b->o.warmup; ++w)
        if ((rc = timed_run(im, env, batch, copy++, &t_est)) != CL_SUCCESS) goto fail;
    /* runs per sample: enough to fill 2 ms unless given */
    int burst = b->o.burst;
    if (burst <= 0) {
        burst = t_est > 0 ? (int)(2e-3 / t_est) : 1;
        burst = burst < 1 ? 1 : burst > 64 ? 64 : burst;
    }
    int reps = b->o.reps;
    if (t_est > 0 && t_est * burst * reps > b->o.budget) {
        int fit = (int)(b->o.budget / (t_est * burst));
        reps = fit > 3 ? fit : (reps < 3 ? reps : 3);
    }
    what = "timed run";
    if (!(times = malloc(sizeof(double) * (size_t)reps))) {
        rc = CL_OUT_OF_HOST_MEMORY;
        goto fail;
    }
    for (int k = 0; k < reps; ++k)
        if ((rc = timed_runs(im, env, batch, &copy, burst, &times[k])) != CL_SUCCESS) goto fail;
    qsort(times, (size_t)reps, sizeof times[0], bench_cmp_double);
    const double t = reps % 2 ? times[reps / 2] : 0.5 * (times[reps / 2 - 1] + times[reps / 2]);
    const double bytes = bench_bytes(&c->desc, batch), flops = bench_flops(&c->desc, batch);
    r->reps = reps;
    r->burst = burst;
    r->time_us = t * 1e6;
    r->min_us = times[0] * 1e6;
    r->gbs = bytes / t / 1e9;
    r->gflops = flops / t / 1e9;
    r->pct_floor = r->floor_us / r->time_us * 100.0;
    /* against the CLBlast chain (f32) and FlashMLP f32 of the same cell, measured before */
    for (size_t i = 0; i < b->nres; ++i) {
        const bench_result *o = &b->res[i];
        if (strcmp(o->shape, r->shape) || strcmp(o->op, r->op) || o->batch != batch ||
            isnan(o->time_us))
            continue;
        if (!strcmp(o->impl, "clblast")) r->speedup = o->time_us / r->time_us;
        if (!strcmp(r->impl, "flashmlp") && !strcmp(o->impl, "flashmlp") &&
            !strcmp(o->weights, "f32") && !strcmp(o->acts, "f32"))
            r->vs_f32 = o->time_us / r->time_us;
    }
    goto done;
fail:
    ++b->failures;
    snprintf(r->check, sizeof r->check, "error");
    char msg[128];
    snprintf(msg, sizeof msg, "%s failed: %s (%d); ", what, fmlp_status_string((fmlp_status)rc),
             rc);
    size_t ml = strlen(msg), sl = strlen(r->strategy);
    if (ml + sl < sizeof r->strategy) {
        memmove(r->strategy + ml, r->strategy, sl + 1);
        memcpy(r->strategy, msg, ml);
    }
    r->time_us = NAN;
done:
    free(times);
}

/* ------------------------------------------------------------------ one (shape, op) */
/* Bytes of the weight matrices in d's format. */
static double weight_bytes(const fmlp_plan_desc *d)
{
    size_t up = 0, down = 0;
    fmlp_weight_bytes(d->weight_dtype, d->group_size, d->intermediate, d->hidden, &up);
    fmlp_weight_bytes(d->weight_dtype, d->group_size, d->hidden, d->intermediate, &down);
    return (d->kind == FMLP_MLP_GATED ? 2.0 : 1.0) * (double)up + (double)down;
}

/* Weight copies per implementation: enough to exceed 4x the last-level cache, counted in the
 * weights' own format (a Q4_0 set is a seventh of an fp32 one, so it needs more copies). */
static int weight_copies(const bench *b, const fmlp_plan_desc *d, int nimpls)
{
    if (b->o.copies > 0) return b->o.copies;
    const double wbytes = weight_bytes(d);
    const double llc = b->llc ? (double)b->llc : 32.0 * 1024 * 1024;
    if (wbytes >= 4.0 * llc) return 1;
    int n = (int)ceil(4.0 * llc / wbytes);
    if (n > 16) n = 16;
    /* the implementations hold their copies at once: keep them within a quarter of memory */
    while (n > 1 && nimpls * n * wbytes > (double)b->info.global_mem_size / 4) --n;
    return n;
}

static void impl_row(bench *b, const run_spec *rs, const fmlp_plan_desc *d, size_t batch,
                     const char *name, int copies, double floor_us, bench_result **out)
{
    bench_result *r = new_result(b);
    *out = r;
    if (!r) return;
    snprintf(r->shape, sizeof r->shape, "%s", rs->shape.name);
    snprintf(r->op, sizeof r->op, "%s", rs->op.name);
    snprintf(r->impl, sizeof r->impl, "%s", name);
    /* rows of the integer path say so: "q4_0+int8" */
    snprintf(r->weights, sizeof r->weights, "%s%s", bench_dtype_name(d->weight_dtype),
             mlp_int8_dot(d) ? "+int8" : "");
    snprintf(r->acts, sizeof r->acts, "%s", bench_dtype_name(d->act_dtype));
    r->hidden = rs->shape.hidden;
    r->intermediate = rs->shape.intermediate;
    r->batch = batch;
    r->copies = copies;
    r->floor_us = floor_us;
}

static const char *const impl_names[3] = {"clblast", "unfused", "flashmlp"};
static const int impl_bits[3] = {IMPL_CLBLAST, IMPL_UNFUSED, IMPL_FLASHMLP};

/* Whether implementation i runs in this format: the CLBlast and unfused chains are fp32. */
static int impl_runs(const bench *b, int i, int f32)
{
    return (b->o.impls & impl_bits[i]) && (f32 || impl_bits[i] == IMPL_FLASHMLP);
}

/* One (shape, op) in one format: its case, its references, its implementations, every B.
 * shared holds what the formats share (device, batch sizes, the x and y buffers); ystore and
 * yhost have room for max_batch rows of y in fp32. 0, or -1 when the run cannot go on (out of
 * host or device memory). */
static int run_format(bench *b, const run_spec *rs, int index, const format *fm,
                      const bench_env *shared, void *ystore, float *yhost)
{
    fmlp_plan_desc d;
    bench_desc(&rs->shape, &rs->op, &d);
    d.weight_dtype = fm->weights;
    d.act_dtype = fm->acts;
    d.group_size = fm->weights >= FMLP_DTYPE_AFFINE_Q2 ? b->o.group : 0;
    d.precision = fm->precision;
    const int f32 = fm->weights == FMLP_DTYPE_F32 && fm->acts == FMLP_DTYPE_F32;
    const size_t H = d.hidden, maxb = shared->max_batch, es = mlp_dtype_size(d.act_dtype);
    int nimpls = 0;
    for (int i = 0; i < 3; ++i) nimpls += impl_runs(b, i, f32);
    if (!nimpls) return 0;
    mlp_case c;
    memset(&c, 0, sizeof c);
    bench_env env = *shared;
    bench_impl impls[3];
    bench_status ist[3];
    char why[3][256], fmt[64], group[24] = "";
    memset(impls, 0, sizeof impls);
    float *xrows = NULL;
    double *ref = NULL;
    size_t *ref_at = NULL;
    int rc = -1;
    const double t0 = bench_now();
    if (d.group_size) snprintf(group, sizeof group, " (group %u)", d.group_size);
    snprintf(fmt, sizeof fmt, "weights %s%s%s, acts %s", bench_dtype_name(d.weight_dtype), group,
             mlp_int8_dot(&d) ? " (int8 dot products)" : "", bench_dtype_name(d.act_dtype));
    const char *kind = d.kind == FMLP_MLP_GATED ? "gated" : "plain";

    /* the same fp32 draw in every format (same seed), quantized and rounded by the harness */
    const int ci = mlp_case_init(&c, &d, maxb, b->o.seed + (uint64_t)index);
    if (ci < 0) goto oom;
    if (ci > 0) {
        /* the format cannot hold this shape (a row length not a multiple of its block) */
        printf("\n== %s, %s (%s MLP, H=%zu I=%zu), %s: n/a (%s)\n", rs->shape.name, rs->op.name,
               kind, H, d.intermediate, fmt, fmlp_status_string((fmlp_status)ci));
        for (int bi = 0; bi < rs->nbatches; ++bi) {
            bench_result *r = NULL;
            impl_row(b, rs, &d, rs->batches[bi], "flashmlp", 0, NAN, &r);
            if (!r) goto oom;
            snprintf(r->check, sizeof r->check, "n/a");
            snprintf(r->strategy, sizeof r->strategy,
                     "n/a (%s needs H and I multiples of %u, H=%zu I=%zu: %s)",
                     bench_dtype_name(d.weight_dtype), d.group_size ? d.group_size : 32u, H,
                     d.intermediate, fmlp_status_string((fmlp_status)ci));
            emit(b, r);
        }
        return 0;
    }
    env.c = &c;
    env.copies = weight_copies(b, &d, nimpls);
    const double wb = weight_bytes(&d);
    printf("\n== %s, %s (%s MLP, H=%zu I=%zu%s), %s: weights %.1f %s, %d cop%s\n",
           rs->shape.name, rs->op.name, kind, H, d.intermediate, d.biases ? ", biases" : "", fmt,
           wb < 1e6 ? wb / 1e3 : wb / 1e6, wb < 1e6 ? "kB" : "MB", env.copies,
           env.copies == 1 ? "y" : "ies rotated");
    /* the floor of this format's bytes (weights, fp32 biases, x and y) */
    printf("   floor:");
    for (int bi = 0; bi < rs->nbatches; ++bi) {
        const size_t B = rs->batches[bi];
        printf("%s %.1f us at B=%zu", bi ? "," : "",
               1e6 * bench_floor_seconds(&b->floors, bench_bytes(&d, B), bench_flops(&d, B)), B);
    }
    printf("\n");
    fflush(stdout);

    /* reference rows of every cell, up front and on all cores: the x of cell B is drawn
     * from its own seed, and drawn again from that seed when the cell runs; c.x holds it
     * rounded to the activation format, so the copied rows are what the kernels get */
    size_t nref = 0, rows[MAX_CHECK_ROWS];
    for (int i = 0; i < rs->nbatches; ++i)
        nref += (size_t)check_rows_of(rs->batches[i], b->o.check_rows, rows);
    if (!(ref_at = calloc((size_t)rs->nbatches + 1, sizeof *ref_at)) ||
        (nref && (!(xrows = malloc(nref * H * sizeof(float))) ||
                  !(ref = malloc(2 * nref * H * sizeof(double))))))
        goto oom;
    size_t k = 0;
    for (int i = 0; i < rs->nbatches; ++i) {
        const size_t B = rs->batches[i];
        c.batch = B;
        mlp_case_redraw_x(&c, cell_seed(b->o.seed, index, B));
        ref_at[i] = k;
        int nr = check_rows_of(B, b->o.check_rows, rows);
        for (int r = 0; r < nr; ++r, ++k)
            memcpy(xrows + k * H, c.x + rows[r] * H, H * sizeof(float));
    }
    if (nref) {
        mlp_case rc_case = c;
        rc_case.x = xrows;
        rc_case.x_q = NULL; /* the reference reads x only */
        rc_case.batch = nref;
        reference_rows(&rc_case, ref, ref + nref * H);
    }

    /* the implementations, the CLBlast chain first so that every later row has its speed-up */
    const double t1 = bench_now();
    for (int i = 0; i < 3; ++i) {
        ist[i] = BENCH_NOT_AVAILABLE;
        snprintf(why[i], sizeof why[i], "not selected");
        if (!impl_runs(b, i, f32)) continue;
        if (impl_bits[i] == IMPL_CLBLAST)
            ist[i] = bench_clblast_create(&env, b->have_tuned ? &b->tuned : NULL, &impls[i],
                                          why[i], sizeof why[i]);
        else
            ist[i] = bench_flashmlp_create(&env, impl_names[i],
                                           impl_bits[i] == IMPL_UNFUSED ? "strategy=unfused"
                                                                        : b->o.fmlp_overrides,
                                           &impls[i], why[i], sizeof why[i]);
        if (ist[i] == BENCH_FAILED) {
            ++b->failures;
            fprintf(stderr, "%s: %s on %s %s, %s: %s\n", b->prog, impl_names[i], rs->shape.name,
                    rs->op.name, fmt, why[i]);
        }
    }
    printf("   data and references %.1f s, implementations ready in %.1f s\n", t1 - t0, bench_now() - t1);
    fflush(stdout);

    for (int bi = 0; bi < rs->nbatches; ++bi) {
        const size_t B = rs->batches[bi];
        const double floor_us =
            1e6 * bench_floor_seconds(&b->floors, bench_bytes(&d, B), bench_flops(&d, B));
        c.batch = B;
        mlp_case_redraw_x(&c, cell_seed(b->o.seed, index, B));
        cl_int err = clEnqueueWriteBuffer(b->q, env.x, CL_TRUE, 0, B * H * es,
                                          mlp_case_x_data(&c), 0, NULL, NULL);
        if (err != CL_SUCCESS) {
            fprintf(stderr, "%s: uploading x: error %d\n", b->prog, err);
            goto done;
        }
        const int nr = check_rows_of(B, b->o.check_rows, rows);
        for (int i = 0; i < 3; ++i) {
            if (!impl_runs(b, i, f32)) continue;
            bench_result *r = NULL;
            impl_row(b, rs, &d, B, impl_names[i], env.copies, floor_us, &r);
            if (!r) goto oom;
            if (ist[i] != BENCH_OK) {
                snprintf(r->check, sizeof r->check, "%s", ist[i] == BENCH_FAILED ? "error" : "n/a");
                snprintf(r->strategy, sizeof r->strategy, "n/a (%s)", why[i]);
            } else {
                measure(b, &impls[i], &env, B, rows, nr, ref + ref_at[bi] * H,
                        ref + (nref + ref_at[bi]) * H, ystore, yhost, r);
            }
            emit(b, r);
        }
    }
    rc = 0;
    goto done;
oom:
    fprintf(stderr, "%s: out of host memory\n", b->prog);
done:
    for (int i = 0; i < 3; ++i)
        if (impls[i].release) impls[i].release(impls[i].state);
    free(xrows);
    free(ref);
    free(ref_at);
    mlp_case_free(&c);
    return rc;
}

/* One (shape, op): the x and y buffers its formats share, then each format in turn. */
static int run_shape(bench *b, const run_spec *rs, int index)
{
    fmlp_plan_desc d;
    bench_desc(&rs->shape, &rs->op, &d);
    size_t maxb = 1, minb = rs->nbatches ? rs->batches[0] : 1;
    for (int i = 0; i < rs->nbatches; ++i) {
        maxb = rs->batches[i] > maxb ? rs->batches[i] : maxb;
        minb = rs->batches[i] < minb ? rs->batches[i] : minb;
    }
    bench_env env;
    memset(&env, 0, sizeof env);
    env.ctx = b->ctx;
    env.cl = fmlp_context_cl_context(b->ctx);
    env.dev = fmlp_context_cl_device(b->ctx);
    env.q = b->q;
    env.batches = rs->batches;
    env.nbatches = rs->nbatches;
    env.min_batch = minb;
    env.max_batch = maxb;
    float *yhost = NULL;
    void *ystore = NULL;
    int rc = -1;
    cl_int err = CL_SUCCESS;
    /* x and y in fp32, the widest activation format */
    const size_t io = maxb * d.hidden * sizeof(float);
    if (!(env.x = clCreateBuffer(env.cl, CL_MEM_READ_WRITE, io, NULL, &err)) ||
        !(env.y = clCreateBuffer(env.cl, CL_MEM_READ_WRITE, io, NULL, &err))) {
        fprintf(stderr, "%s: allocating x and y (%zu bytes each): error %d\n", b->prog, io, err);
        goto done;
    }
    if (!(yhost = malloc(io)) || !(ystore = malloc(io))) {
        fprintf(stderr, "%s: out of host memory\n", b->prog);
        goto done;
    }
    rc = 0;
    for (int f = 0; f < b->nformats && rc == 0; ++f)
        rc = run_format(b, rs, index, &b->formats[f], &env, ystore, yhost);
done:
    if (env.x) clReleaseMemObject(env.x);
    if (env.y) clReleaseMemObject(env.y);
    free(yhost);
    free(ystore);
    return rc;
}

/* ------------------------------------------------------------------ the program */
static void write_command(FILE *f, const char *prog, int argc, char **argv)
{
    fprintf(f, "%s", prog);
    for (int i = 1; i < argc; ++i) {
        if (strpbrk(argv[i], " \t\"'$*?;&|<>()"))
            fprintf(f, " '%s'", argv[i]);
        else
            fprintf(f, " %s", argv[i]);
    }
}

static void describe_run(const bench *b, FILE *f, const char *pre, int argc, char **argv)
{
    char date[64];
    time_t t = time(NULL);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    const fmlp_device_info *i = &b->info;
    fprintf(f, "%sflashmlp-bench %s\n", pre, FMLP_VERSION_STRING);
    fprintf(f, "%sdate: %s\n%scommand: ", pre, date, pre);
    write_command(f, b->prog, argc, argv);
    fprintf(f, "\n%sdevice: %s | platform: %s | driver: %s | %s | vendor=%s arch=%s | %u compute "
               "units | last-level cache %.1f MB assumed, %.1f MB reported | memory %.1f GB\n",
            pre, i->name, i->platform, i->driver, i->cl_version, i->vendor,
            i->arch[0] ? i->arch : "-", i->compute_units, (double)b->llc / 1048576.0,
            (double)b->llc_reported / 1048576.0, (double)i->global_mem_size / 1e9);
    fprintf(f, "%sfloor: read_gb_s=%.1f copy_gb_s=%.1f fma_gflop_s=%.1f launch_us=%.1f "
               "read_buffer_mb=%.0f\n",
            pre, b->floors.read_gbs, b->floors.copy_gbs, b->floors.fma_gflops, b->floors.launch_us,
            (double)b->floors.read_bytes / 1048576.0);
    if (b->have_tuned) {
        fprintf(f, "%sclblast: parameters from %s (tuned on %s):", pre, b->o.clblast_dir,
                b->tuned.device[0] ? b->tuned.device : "?");
        for (int k = 0; k < b->tuned.count; ++k) {
            const bench_clblast_kernel *kk = &b->tuned.k[k];
            fprintf(f, " %s=%s[", kk->kernel, kk->family);
            for (int j = 0; j < kk->nparams; ++j)
                fprintf(f, "%s%s=%zu", j ? " " : "", kk->names[j], kk->values[j]);
            fprintf(f, "]");
        }
        fprintf(f, "\n");
    } else {
        fprintf(f, "%sclblast: CLBlast's own database (no --clblast-params)\n", pre);
    }
    char tol[32] = "harness";
    if (b->o.tol >= 0) snprintf(tol, sizeof tol, "%g", b->o.tol);
    fprintf(f, "%ssettings: seed=%llu reps=%d burst=%d warmup=%d budget_s=%g check_rows=%d tolerance=%s",
            pre, b->o.seed, b->o.reps, b->o.burst, b->o.warmup, b->o.budget, b->o.check_rows, tol);
    for (int k = 0; k < 2; ++k) {
        const fmlp_dtype *t = k ? b->o.acts : b->o.weights;
        const int n = k ? b->o.nacts : b->o.nweights;
        fprintf(f, " %s=", k ? "acts" : "weights");
        for (int i = 0; i < n; ++i) fprintf(f, "%s%s", i ? "," : "", bench_dtype_name(t[i]));
    }
    fprintf(f, " group=%u%s%s\n", b->o.group, b->o.fmlp_overrides ? " flashmlp_overrides=" : "",
            b->o.fmlp_overrides ? b->o.fmlp_overrides : "");
}

#ifndef BENCH_PLOT_PY
#define BENCH_PLOT_PY "bench/plot.py"
#endif

/* bench/plot.py csv --out png; 0 when the PNG was written */
static int plot(const bench *b, const char *csv)
{
    const char *script = getenv("FLASHMLP_BENCH_PLOT");
    if (!script) script = BENCH_PLOT_PY;
    if (access(script, R_OK) != 0) {
        fprintf(stderr, "%s: %s not found: no plot (set FLASHMLP_BENCH_PLOT)\n", b->prog, script);
        return -1;
    }
    const char *python = getenv("FLASHMLP_BENCH_PYTHON");
    if (!python || !*python) python = "python3";
    char *argv[] = {(char *)python, (char *)script, (char *)csv, "--out", (char *)b->o.plot,
                    "--y", b->o.plot_pct ? "pct" : "time", NULL};
    pid_t pid;
    int status = 0;
    fflush(stdout);
    if (posix_spawnp(&pid, python, NULL, NULL, argv, environ) != 0) {
        fprintf(stderr, "%s: %s not found: no plot (run bench/plot.py on %s later)\n", b->prog,
                python, csv);
        return -1;
    }
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "%s: no plot written (see above; bench/plot.py %s can be run later)\n",
                b->prog, csv);
        return -1;
    }
    return 0;
}

int bench_main(int argc, char **argv, const char *prog)
{
    bench b;
    memset(&b, 0, sizeof b);
    b.prog = prog;
    run_spec *runs = NULL;
    int nruns = 0, rc = 1;
    char csv_path[1024] = "";
    int pr = parse_options(&b.o, argc, argv, prog);
    if (pr) return pr == 1 ? 0 : 2;
    if (b.o.plot && !b.o.csv) {
        /* the plot is drawn from a CSV: put one beside it */
        snprintf(csv_path, sizeof csv_path, "%s", b.o.plot);
        char *dot = strrchr(csv_path, '.'), *slash = strrchr(csv_path, '/');
        if (dot && (!slash || dot > slash)) *dot = '\0';
        strncat(csv_path, ".csv", sizeof csv_path - strlen(csv_path) - 1);
        b.o.csv = csv_path;
    }

    fmlp_status st = fmlp_context_create_default(b.o.device, &b.ctx);
    if (st != FMLP_SUCCESS) {
        fprintf(stderr, "%s: opening the device: %s (%d)\n", prog, fmlp_status_string(st), st);
        goto done;
    }
    if ((st = fmlp_context_create_queue(b.ctx, &b.q)) != FMLP_SUCCESS ||
        (st = fmlp_context_device_info(b.ctx, &b.info)) != FMLP_SUCCESS) {
        fprintf(stderr, "%s: creating a queue: %s (%d)\n", prog, fmlp_status_string(st), st);
        goto done;
    }
    mlp_warn_skipped_dbs(b.ctx, prog);
    cl_device_id dev = fmlp_context_cl_device(b.ctx);
    cl_ulong llc = 0;
    clGetDeviceInfo(dev, CL_DEVICE_GLOBAL_MEM_CACHE_SIZE, sizeof llc, &llc, NULL);
    const int gpu = b.info.is_gpu;
    /* GPUs often report less than their real last-level cache here (an L1-sized figure, or
     * an L2 without AMD's Infinity Cache; the H200's L2 is 60 MB): assume at least 64 MB so
     * that weights of tens of MB are rotated there too */
    b.llc_reported = llc;
    b.llc = b.o.llc_mb > 0 ? (uint64_t)(b.o.llc_mb * 1048576.0)
            : gpu && llc < (64ull << 20) ? (64ull << 20) : llc;
    if (b.o.reps < 0) b.o.reps = gpu ? 20 : 5;
    if (b.o.warmup < 0) b.o.warmup = gpu ? 2 : 1;
    if (b.o.budget < 0) b.o.budget = gpu ? 2.0 : 5.0;

    if (b.o.clblast_dir) {
        char err[512];
        if (bench_clblast_load(b.o.clblast_dir, &b.tuned, err, sizeof err) != 0 ||
            bench_clblast_apply(dev, &b.tuned, err, sizeof err) != 0) {
            fprintf(stderr, "%s: --clblast-params: %s\n", prog, err);
            goto done;
        }
        b.have_tuned = 1;
        if (b.tuned.device[0] && strcmp(b.tuned.device, b.info.name) != 0)
            fprintf(stderr, "%s: note: the CLBlast parameters were tuned on %s, this is %s\n",
                    prog, b.tuned.device, b.info.name);
    }
    /* every weight format with every activation format, f32 with f32 first: the other rows
     * compare with it */
    for (int w = 0; w < b.o.nweights; ++w)
        for (int a = 0; a < b.o.nacts; ++a)
            for (int p = b.o.int8 == 2; p <= (b.o.int8 > 0); ++p) {
                format f = {b.o.weights[w], b.o.acts[a],
                            p ? FMLP_PRECISION_INT8_DOT : FMLP_PRECISION_EXACT};
                fmlp_plan_desc probe;
                fmlp_plan_desc_init(&probe);
                probe.weight_dtype = f.weights;
                probe.precision = f.precision;
                /* formats without the integer path have their exact row only */
                if (p && !mlp_int8_dot(&probe)) {
                    if (b.o.int8 == 1) continue;
                    f.precision = FMLP_PRECISION_EXACT;
                }
                if (f.weights == FMLP_DTYPE_F32 && f.acts == FMLP_DTYPE_F32) {
                    memmove(&b.formats[1], &b.formats[0], sizeof f * (size_t)b.nformats);
                    b.formats[0] = f;
                } else {
                    b.formats[b.nformats] = f;
                }
                ++b.nformats;
            }
    int br = build_runs(&b, &runs, &nruns);
    if (br != 0) {
        if (br == -1) fprintf(stderr, "%s: out of host memory\n", prog);
        rc = br == -2 ? 2 : 1;
        goto done;
    }

    if (b.o.csv && !(b.csv = fopen(b.o.csv, "w"))) {
        fprintf(stderr, "%s: cannot write %s: %s\n", prog, b.o.csv, strerror(errno));
        goto done;
    }
    printf("measuring the device's floors...\n");
    fflush(stdout);
    if (bench_measure_floors(fmlp_context_cl_context(b.ctx), dev, b.q, &b.info, &b.floors) !=
        CL_SUCCESS)
        goto done;
    describe_run(&b, stdout, "", argc, argv);
    printf("floors: %.1f GB/s streaming reads (%.0f MB buffer), %.1f GB/s copy, %.1f GFLOP/s fp32 "
           "FMA, %.1f us per empty kernel\n",
           b.floors.read_gbs, (double)b.floors.read_bytes / 1048576.0, b.floors.copy_gbs,
           b.floors.fma_gflops, b.floors.launch_us);
    printf("%% of floor = max(bytes / %.0f GB/s, FLOPs / %.0f GFLOP/s) / time; bytes = weights + "
           "biases + x + y (weights in their format, biases fp32, x and y in the activation "
           "format); FLOPs = 2 B H I x (3 gated, 2 plain)\n",
           b.floors.read_gbs, b.floors.fma_gflops);
    if (b.csv) {
        describe_run(&b, b.csv, "# ", argc, argv);
        bench_csv_header(b.csv);
    }
    printf("\n");
    bench_table_header(stdout);
    for (int i = 0; i < nruns; ++i)
        if (run_shape(&b, &runs[i], i) != 0) ++b.failures;
    bench_summary(stdout, b.res, b.nres);
    if (b.csv) {
        if (fclose(b.csv) != 0) {
            fprintf(stderr, "%s: writing %s failed\n", prog, b.o.csv);
            ++b.failures;
        }
        b.csv = NULL;
        printf("\nCSV: %s\n", b.o.csv);
    }
    if (b.o.plot && !b.o.no_plot && plot(&b, b.o.csv) == 0) printf("plot: %s\n", b.o.plot);
    printf("%s\n", b.failures ? "SOME CHECKS FAILED (see above)" : "all checks passed");
    rc = b.failures ? 1 : 0;
done:
    if (b.csv) fclose(b.csv);
    free(runs);
    free(b.res);
    if (b.q) clReleaseCommandQueue(b.q);
    fmlp_context_release(b.ctx);
    bench_clblast_shutdown();
    return rc;
}
