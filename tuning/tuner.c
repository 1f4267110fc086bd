/* flashmlp-tune: measure one device and write its tuning database (tuning/README.md).
 *
 * For each (shape, batch) bucket the search measures, in this order: what the generic
 * database and what the shipped databases choose (the two baselines every result is compared
 * with), the candidates given with --try, the tiles of neighbouring cells' entries (other
 * formats, shapes or MLP kinds at the same batch, fmlp_tuning_neighbours), each strategy's
 * seeds from its candidate space (spaces.c), then walks the axes of the best strategy's space
 * one at a time from the best point found (and of the runner-up strategy while budget is
 * left). Every candidate goes through the strategy's configure() first, so that what cannot
 * fit the device is never built; what is built runs once on fresh random inputs with poisoned
 * outputs and is checked against the harness's double-precision reference before it is
 * timed. Every outcome is appended to a state file, so an interrupted run resumes where it
 * stopped and nothing that failed is tried again. At the end the best candidates and both
 * baselines are timed back to back, and the database is written. */
#include "tuner.h"
#include "mlp_case.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_SHAPES 16
#define MAX_FORMATS 9
#define MAX_BATCHES 16
#define MAX_TRIES 16
#define MAX_COPIES 8
#define ROTATE_BELOW 100e6 /* bytes: smaller weight sets are rotated so caches cannot hold them */

typedef struct options {
    const char *device;
    size_t shapes[MAX_SHAPES][2];
    int nshapes;
    fmlp_mlp_kind kind;
    fmlp_activation act;
    fmlp_dtype weights[MAX_FORMATS], acts[MAX_FORMATS]; /* each shape in each combination */
    int nweights, nacts;
    unsigned group; /* the affine formats' group size */
    fmlp_precision precision;
    size_t batches[MAX_BATCHES];
    int nbatches;
    double budget, total_budget; /* seconds; 0: none */
    int max_candidates, reps;
    char out[1024];
    int resume;
    int uncovered; /* --uncovered: only the cells without a device or user entry */
    int fill;      /* --fill: tune the batches a bucket's winner leaves to other databases */
    int no_neighbours; /* --no-neighbours: no other cells' entries among the candidates */
    const char *match;
    const char *strategies; /* comma-separated, or NULL for all */
    const char *tries[MAX_TRIES];
    int ntries;
    unsigned long long seed;
    int report_cache, child;
    const char *coverage; /* --report-coverage: "vendor,arch[,name[,compute units]]" */
    char command[2048];
} options;

typedef struct tuner {
    const options *o;
    fmlp_context *ctx;
    cl_command_queue q;
    tune_state state;
    double t0;
    uint64_t draws;
    int bucket, nbuckets;
    int counts[TUNE_NOUTCOMES], resumed;
    const struct search *all; /* the buckets, all[0..bucket-1] done */
} tuner;

/* One (shape, batch) bucket being searched. */
typedef struct search {
    fmlp_plan_desc desc; /* max_batch = batch */
    size_t batch;
    long b_lo, b_hi;
    char key[128];
    mlp_case *c;
    double t_start, budget;
    int planned;
    tune_record *done;
    int ndone, capdone, best, base, gen;
    char base_origin[FMLP_ORIGIN_LEN], gen_origin[FMLP_ORIGIN_LEN];
    /* the back-to-back comparison with the shipped choice and the generic database's choice;
     * 0 when not measured */
    double final_best, final_base, final_gen;
    int filled; /* --fill: a later bucket tuned the batches this one's entry leaves */
} search;

#define TUNE_PREBUILD_MAX 64 /* candidates whose programs are built at once, at most */
#define TUNE_NEIGHBOURS 12   /* neighbouring cells' tiles measured a bucket, at most */
#define TUNE_NEIGHBOUR_POOL 256 /* the tiles looked up, before --strategies filters them */
#define TUNE_PREBUILD_CHUNK 8 /* seeds whose programs are built at once, before they are measured */

static volatile sig_atomic_t interrupted;
static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void fmt_span(double s, char *buf, size_t n)
{
    long t = s > 0 ? (long)(s + 0.5) : 0;
    if (t >= 3600) snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* ------------------------------------------------------------------ candidates */

/* "strategy=NAME k=v ..." with the strategy's parameters in its own order. */
static void canonical(const fmlp_strategy *s, const fmlp_params *p, char *buf, size_t n)
{
    int k = snprintf(buf, n, "strategy=%s", s->name);
    for (const char *const *name = s->param_names; *name && k > 0 && (size_t)k < n; ++name) {
        long v = fmlp_params_get(p, *name, LONG_MIN);
        if (v != LONG_MIN) k += snprintf(buf + k, n - (size_t)k, " %s=%ld", *name, v);
    }
}

static int strategy_wanted(const options *o, const char *name)
{
    if (!o->strategies) return 1;
    size_t n = strlen(name);
    for (const char *p = o->strategies; *p;) {
        const char *e = strchr(p, ',');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == n && strncmp(p, name, n) == 0) return 1;
        p += l + (e != NULL);
    }
    return 0;
}

static int strategy_has(const fmlp_strategy *s, const char *param)
{
    for (const char *const *k = s->param_names; *k; ++k)
        if (strcmp(*k, param) == 0) return 1;
    return 0;
}

static const tune_space *space_of(const char *strategy)
{
    for (const tune_space *sp = tune_spaces; sp->strategy; ++sp)
        if (strcmp(sp->strategy, strategy) == 0) return sp;
    return NULL;
}

/* Report once what of the space table does not match the strategies this build has. */
static void check_spaces(const options *o)
{
    for (const tune_space *sp = tune_spaces; sp->strategy; ++sp) {
        const fmlp_strategy *s = fmlp_strategy_find(sp->strategy);
        if (!s) {
            printf("note: tuning/spaces.c has a space for '%s', which this build lacks\n",
                   sp->strategy);
            continue;
        }
        for (const tune_axis *a = sp->axes; a->param; ++a)
            if (!strategy_has(s, a->param))
                printf("note: spaces.c: strategy %s has no parameter '%s': axis left out\n",
                       s->name, a->param);
    }
    for (const fmlp_strategy *const *s = fmlp_strategies; *s; ++s)
        if (strategy_wanted(o, (*s)->name) && !space_of((*s)->name))
            printf("note: strategy '%s' has no candidate space in tuning/spaces.c: only the "
                   "shipped databases' choice of it is measured\n",
                   (*s)->name);
}

static int outcome_of(fmlp_status st)
{
    switch ((int)st) {
    case FMLP_ERROR_INVALID_PARAMETER: return TUNE_INVALID;
    case FMLP_ERROR_NO_FITTING_KERNEL: return TUNE_NO_FIT;
    case FMLP_ERROR_EXTENSION_MISSING:
    case FMLP_ERROR_UNSUPPORTED_DTYPE: return TUNE_UNSUPPORTED;
    case FMLP_ERROR_BUILD_FAILED: return TUNE_BUILD_FAILED;
    default: return TUNE_RUNTIME;
    }
}

/* ------------------------------------------------------------------ measuring */

static fmlp_status run_forward(const tuner *t, const search *s, const mlp_run *r,
                               const fmlp_weights *w)
{
    return fmlp_forward(r->plan, w, t->q, s->batch, r->x, 0, r->y, 0, r->workspace, 0, NULL,
                        NULL);
}

/* Median seconds per forward. Weight sets smaller than ROTATE_BELOW are packed several times
 * and used in turn. abandon_above > 0: give up after one run slower than that (its time is
 * returned). */
static fmlp_status time_run(tuner *t, search *s, mlp_run *r, double abandon_above, double *out)
{
    fmlp_weights *w[MAX_COPIES] = {r->weights};
    int nw = 1, reps = t->o->reps;
    double *times = NULL;
    fmlp_status st = FMLP_SUCCESS;
    size_t bytes = fmlp_weights_device_bytes(r->weights);
    if ((double)bytes < ROTATE_BELOW) {
        int want = bytes ? (int)ceil(2 * ROTATE_BELOW / (double)bytes) : MAX_COPIES;
        if (want > MAX_COPIES) want = MAX_COPIES;
        fmlp_host_weights hw = mlp_case_host_weights(s->c);
        while (nw < want && fmlp_weights_create_host(r->plan, t->q, &hw, &w[nw]) == FMLP_SUCCESS)
            ++nw;
    }
    /* the first run pays for lazy work (PoCL compiles kernels at first launch) */
    if ((st = run_forward(t, s, r, w[0])) != FMLP_SUCCESS) goto done;
    if ((st = (fmlp_status)clFinish(t->q)) != FMLP_SUCCESS) goto done;
    double a = now();
    if ((st = run_forward(t, s, r, w[1 % nw])) != FMLP_SUCCESS) goto done;
    if ((st = (fmlp_status)clFinish(t->q)) != FMLP_SUCCESS) goto done;
    double one = now() - a;
    if (abandon_above > 0 && one > abandon_above) {
        *out = one;
        goto done;
    }
    /* several forwards per sample when one is short, so that the wait does not dominate */
    int inner = one > 0 ? (int)ceil(2e-3 / one) : 1;
    inner = inner < 1 ? 1 : inner > 64 ? 64 : inner;
    if (!(times = malloc(sizeof *times * (size_t)reps))) {
        st = FMLP_ERROR_OUT_OF_HOST_MEMORY;
        goto done;
    }
    int k = 2;
    for (int i = 0; i < reps; ++i) {
        a = now();
        for (int j = 0; j < inner && st == FMLP_SUCCESS; ++j)
            st = run_forward(t, s, r, w[k++ % nw]);
        if (st == FMLP_SUCCESS) st = (fmlp_status)clFinish(t->q);
        if (st != FMLP_SUCCESS) goto done;
        times[i] = (now() - a) / inner;
    }
    qsort(times, (size_t)reps, sizeof *times, cmp_double);
    *out = reps % 2 ? times[reps / 2] : 0.5 * (times[reps / 2 - 1] + times[reps / 2]);
done:
    for (int i = 1; i < nw; ++i) fmlp_weights_release(w[i]);
    free(times);
    return st;
}

/* Rows compared with the reference: all of them when that is cheap, else the first, the last
 * and one drawn at random (the poison check covers every element). */
static size_t pick_rows(const search *s, uint64_t draw, size_t *rows)
{
    double per_row = 3.0 * (double)s->desc.hidden * (double)s->desc.intermediate;
    if (per_row * (double)s->batch <= 2e8) {
        for (size_t i = 0; i < s->batch; ++i) rows[i] = i;
        return s->batch;
    }
    size_t n = 0;
    rows[n++] = 0;
    if (s->batch > 2) rows[n++] = 1 + (size_t)(mlp_rand_next(&draw) % (s->batch - 2));
    if (s->batch > 1) rows[n++] = s->batch - 1;
    return n;
}

/* The first line of a build log that mentions an error (else its first line). */
static void first_error(const char *log, char *why, size_t n)
{
    char line[256];
    const char *pick = log;
    for (const char *p = log; *p;) {
        size_t len = strcspn(p, "\n");
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        if (strstr(line, "error")) {
            pick = p;
            break;
        }
        p += len + (p[len] == '\n');
    }
    snprintf(why, n, "build: %.*s", (int)strcspn(pick, "\n"), pick);
}

/* Set up a run of params and check it on fresh inputs. The outcome and, when it is not
 * TUNE_OK, why. On TUNE_OK *r is ready for timing (the caller frees it). */
static int setup_checked(tuner *t, search *s, const char *params, mlp_run *r, double *error,
                         char *why, size_t whylen)
{
    mlp_case *c = s->c;
    float *y = NULL;
    size_t *rows = NULL;
    int outcome = TUNE_RUNTIME;
    c->desc.overrides = params;
    c->desc.min_batch = s->batch; /* the plan builds the measured batch's range only */
    c->batch = s->batch;
    uint64_t draw = t->o->seed * 1000003u + ++t->draws;
    mlp_case_redraw_x(c, draw);
    fmlp_status st = mlp_run_setup(r, t->ctx, t->q, c, s->batch);
    c->desc.overrides = NULL;
    c->desc.min_batch = 1;
    if (st != FMLP_SUCCESS) {
        outcome = outcome_of(st);
        if (st == FMLP_ERROR_BUILD_FAILED) first_error(fmlp_context_build_log(t->ctx), why, whylen);
        else {
            snprintf(why, whylen, "plan: %s", fmlp_status_string(st));
        }
        return outcome;
    }
    const size_t n = s->batch * s->desc.hidden;
    y = malloc(sizeof *y * n);
    rows = malloc(sizeof *rows * s->batch);
    if (!y || !rows) {
        snprintf(why, whylen, "out of host memory");
        goto done;
    }
    if ((st = mlp_run_forward(r, c, y)) != FMLP_SUCCESS) {
        snprintf(why, whylen, "forward: %s", fmlp_status_string(st));
        goto done;
    }
    size_t unwritten = mlp_count_poison(y, n);
    size_t nrows = pick_rows(s, draw, rows);
    *error = mlp_rel_error(c, y, rows, nrows);
    /* the tests' tolerance: the reference runs on the weights' dequantized values and the
     * activations' rounded ones, so only the output format widens it */
    double tol = mlp_tolerance(&s->desc);
    if (unwritten) {
        outcome = TUNE_WRONG;
        snprintf(why, whylen, "%zu of %zu outputs never written", unwritten, n);
    } else if (!(*error <= tol)) {
        outcome = TUNE_WRONG;
        snprintf(why, whylen, "relative error %.3e > %.0e", *error, tol);
    } else {
        outcome = TUNE_OK;
    }
done:
    free(y);
    free(rows);
    if (outcome != TUNE_OK) mlp_run_free(r);
    return outcome;
}

/* After an OpenCL error the context may be unusable: start a fresh one. */
static fmlp_status reopen(tuner *t)
{
    if (t->q) clReleaseCommandQueue(t->q);
    fmlp_context_release(t->ctx);
    t->q = NULL;
    t->ctx = NULL;
    fmlp_status st = fmlp_context_create_default(t->o->device, &t->ctx);
    if (st == FMLP_SUCCESS) st = fmlp_context_create_queue(t->ctx, &t->q);
    return st;
}

static void measure(tuner *t, search *s, tune_record *r)
{
    mlp_run run;
    memset(&run, 0, sizeof run);
    r->outcome = setup_checked(t, s, r->ran, &run, &r->error, r->why, sizeof r->why);
    if (r->outcome == TUNE_OK) {
        /* a candidate three times slower than the best is not worth its repetitions */
        double above = s->best >= 0 ? 3 * s->done[s->best].time_s : 0;
        fmlp_status st = time_run(t, s, &run, above, &r->time_s);
        if (st != FMLP_SUCCESS) {
            r->outcome = TUNE_RUNTIME;
            snprintf(r->why, sizeof r->why, "timing: %s", fmlp_status_string(st));
        }
        mlp_run_free(&run);
    }
    if (r->outcome == TUNE_RUNTIME && reopen(t) != FMLP_SUCCESS) interrupted = 1;
}

/* ------------------------------------------------------------------ the search */

double tune_bucket_share(double left, int remaining, double overrun, int done)
{
    if (remaining < 1) remaining = 1;
    const double each_past = done > 0 ? overrun / done : 0;
    const double share = (left - each_past * remaining) / remaining;
    return share < 1 ? 1 : share;
}

static int out_of_time(const tuner *t, const search *s)
{
    if (interrupted) return 1;
    if (t->o->max_candidates && s->ndone >= t->o->max_candidates) return 1;
    return s->budget > 0 && now() - s->t_start > s->budget;
}

static void progress(const tuner *t, const search *s, const tune_record *r, int reused)
{
    char el[32], left[32];
    double spent = now() - s->t_start, per = s->ndone ? spent / s->ndone : 0;
    int planned = s->planned > s->ndone ? s->planned : s->ndone;
    double rest = per * (planned - s->ndone);
    if (s->budget > 0 && rest > s->budget - spent) rest = s->budget - spent;
    /* later buckets: assume each costs what this one is expected to */
    rest += (t->nbuckets - t->bucket - 1) * (spent + rest);
    fmt_span(now() - t->t0, el, sizeof el);
    fmt_span(rest, left, sizeof left);
    const char *params = strncmp(r->tried, "strategy=", 9) == 0 ? r->tried + 9 : r->tried;
    printf("  [B=%zu %d/~%d] %s: ", s->batch, s->ndone, planned, params);
    if (r->outcome == TUNE_OK)
        printf("%.4f ms (err %.1e)%s%s", r->time_s * 1e3, r->error,
               strncmp(r->why, "same kernel", 11) == 0 ? " [same kernel]" : "",
               reused ? " [state]" : "");
    else
        printf("%s (%s)%s", tune_outcome_name(r->outcome), r->why, reused ? " [state]" : "");
    if (s->best >= 0) printf("  best %.4f ms", s->done[s->best].time_s * 1e3);
    printf("  | %s, ~%s left\n", el, left);
    fflush(stdout);
}

/* Evaluate one candidate (measuring it unless this bucket or the state already has it).
 * The index of its record in s->done, or -1 when it was not evaluated. The two baselines pass
 * always = 1: they are measured even when the budget is spent (by building the programs ahead,
 * say), so that every bucket has a result and its ratios; --max-candidates and an interrupt
 * still stop them. */
static int evaluate_(tuner *t, search *s, const char *text, int always)
{
    if (always ? interrupted || (t->o->max_candidates && s->ndone >= t->o->max_candidates)
               : out_of_time(t, s))
        return -1;
    fmlp_params p;
    char err[256];
    if (fmlp_params_parse_overrides(text, &p, err, sizeof err) != FMLP_SUCCESS || !p.strategy[0]) {
        printf("  skipped candidate '%s': %s\n", text, p.strategy[0] ? err : "no strategy=");
        return -1;
    }
    const fmlp_strategy *st = fmlp_strategy_find(p.strategy);
    tune_record r;
    memset(&r, 0, sizeof r);
    snprintf(r.bucket, sizeof r.bucket, "%s", s->key);
    canonical(st, &p, r.tried, sizeof r.tried);
    for (int i = 0; i < s->ndone; ++i)
        if (strcmp(s->done[i].tried, r.tried) == 0) return i;
    if (s->ndone == s->capdone) {
        int cap = s->capdone ? s->capdone * 2 : 64;
        tune_record *g = realloc(s->done, sizeof *g * (size_t)cap);
        if (!g) return -1;
        s->done = g;
        s->capdone = cap;
    }
    const tune_record *prior = tune_state_find(&t->state, s->key, r.tried);
    int reused = prior != NULL;
    if (prior) {
        r = *prior;
        t->resumed++;
    } else {
        fmlp_params q = p;
        fmlp_status cs = st->configure(&s->desc, &t->ctx->dev, &q);
        if (cs != FMLP_SUCCESS) {
            r.outcome = outcome_of(cs);
            snprintf(r.why, sizeof r.why, "configure: %s",
                     r.outcome == TUNE_INVALID  ? "inconsistent values"
                     : r.outcome == TUNE_NO_FIT ? "does not fit the device"
                                                : fmlp_status_string(cs));
        } else {
            canonical(st, &q, r.ran, sizeof r.ran);
            int same = -1;
            for (int i = 0; i < s->ndone && same < 0; ++i)
                if (strcmp(s->done[i].ran, r.ran) == 0) same = i;
            if (same >= 0) {
                /* configure() mapped it onto a candidate already measured */
                r.outcome = s->done[same].outcome;
                r.time_s = s->done[same].time_s;
                r.error = s->done[same].error;
                snprintf(r.why, sizeof r.why, "same kernel as %s", s->done[same].tried);
            } else {
                measure(t, s, &r);
            }
        }
        if (tune_state_add(&t->state, &r) != 0)
            printf("warning: %s could not be written: --resume will miss this candidate\n",
                   t->state.path);
    }
    t->counts[r.outcome]++;
    int i = s->ndone++;
    s->done[i] = r;
    if (r.outcome == TUNE_OK && (s->best < 0 || r.time_s < s->done[s->best].time_s)) s->best = i;
    progress(t, s, &r, reused);
    return i;
}

static int evaluate(tuner *t, search *s, const char *text) { return evaluate_(t, s, text, 0); }

/* Build the programs of the candidates among texts that evaluate() would measure (not measured
 * yet, here or in the state file), several at once: the plans that measure() makes then find
 * them in the context's cache. Builds dominate a search (seconds each on NVIDIA). */
/* say: 0 quiet; 1 a line before and after; 2 a line after, where anything was built */
static void prebuild(tuner *t, const search *s, const char *const *texts, int n, int say)
{
    const char *todo[TUNE_PREBUILD_MAX];
    int m = 0;
    for (int i = 0; i < n && m < TUNE_PREBUILD_MAX; ++i) {
        fmlp_params p;
        char err[256], tried[512];
        if (fmlp_params_parse_overrides(texts[i], &p, err, sizeof err) != FMLP_SUCCESS ||
            !p.strategy[0])
            continue;
        const fmlp_strategy *st = fmlp_strategy_find(p.strategy);
        if (!st) continue;
        canonical(st, &p, tried, sizeof tried);
        int done = tune_state_find(&t->state, s->key, tried) != NULL;
        for (int k = 0; k < s->ndone && !done; ++k) done = strcmp(s->done[k].tried, tried) == 0;
        if (!done) todo[m++] = texts[i];
    }
    /* the description setup_checked's plans have */
    fmlp_plan_desc d = s->c->desc;
    d.min_batch = d.max_batch = s->batch;
    /* building dozens of programs can take longer than a candidate's whole measurement, and
     * nothing else is printed meanwhile */
    fmlp_program_stats before, after;
    fmlp_program_stats_get(&before);
    double a = now();
    if (say == 1 && m > 1) {
        printf("  building the programs of %d candidates ahead...\n", m);
        fflush(stdout);
    }
    fmlp_programs_prebuild(t->ctx, &d, todo, m);
    fmlp_program_stats_get(&after);
    if ((say == 1 && m > 1) || (say == 2 && after.ahead_builds > before.ahead_builds)) {
        printf("  built %lu programs ahead (%lu from the disk cache) in %.1f s\n",
               after.ahead_builds - before.ahead_builds, after.disk_hits - before.disk_hits,
               now() - a);
        fflush(stdout);
    }
}

static int axis_moves(const fmlp_strategy *st, const tune_space *sp)
{
    int n = 0;
    for (const tune_axis *a = sp->axes; a->param; ++a) {
        if (!strategy_has(st, a->param)) continue;
        for (int v = 0; v < TUNE_MAX_VALUES && a->values[v] != TUNE_END; ++v) ++n;
        --n;
    }
    return n;
}

/* Walk the axes of the strategy's space one at a time from record `from`, moving to the best
 * value of each axis; a second pass when the first moved. */
static void descend(tuner *t, search *s, int from)
{
    fmlp_params center;
    char err[256];
    if (fmlp_params_parse_overrides(s->done[from].ran, &center, err, sizeof err) != FMLP_SUCCESS)
        return;
    const fmlp_strategy *st = fmlp_strategy_find(center.strategy);
    const tune_space *sp = st ? space_of(st->name) : NULL;
    if (!sp || !strategy_wanted(t->o, st->name)) return;
    double center_time = s->done[from].time_s;
    for (int pass = 0; pass < 2; ++pass) {
        int moved = 0;
        for (const tune_axis *a = sp->axes; a->param; ++a) {
            if (!strategy_has(st, a->param)) continue;
            long cur = fmlp_params_get(&center, a->param, LONG_MIN);
            int best = -1;
            double best_time = center_time;
            char texts[TUNE_MAX_VALUES][512];
            const char *list[TUNE_MAX_VALUES];
            int nt = 0;
            for (int v = 0; v < TUNE_MAX_VALUES && a->values[v] != TUNE_END; ++v) {
                if (a->values[v] == cur) continue;
                fmlp_params cand = center;
                fmlp_params_set(&cand, a->param, a->values[v]);
                canonical(st, &cand, texts[nt], sizeof texts[nt]);
                list[nt] = texts[nt];
                ++nt;
            }
            prebuild(t, s, list, nt, 0);
            for (int v = 0; v < nt; ++v) {
                int i = evaluate(t, s, list[v]);
                if (i < 0 && out_of_time(t, s)) return;
                if (i >= 0 && s->done[i].outcome == TUNE_OK && s->done[i].time_s < best_time) {
                    best = i;
                    best_time = s->done[i].time_s;
                }
            }
            if (best >= 0 && fmlp_params_parse_overrides(s->done[best].ran, &center, err,
                                                         sizeof err) == FMLP_SUCCESS) {
                center_time = best_time;
                moved = 1;
            }
        }
        if (!moved) break;
    }
}

/* The databases' choice for this bucket from min_level down, as plan creation would make it:
 * FMLP_DB_DEVICE gives the shipped databases' choice (no user overlay), FMLP_DB_GENERIC the
 * generic defaults a device without any database of its own gets. The first entry, in lookup
 * order, that configure() accepts. */
static void baseline(tuner *t, search *s, int min_level, char *text, size_t n, char *origin,
                     size_t on)
{
    fmlp_params cands[8];
    int nc = fmlp_tuning_candidates_from(t->ctx, min_level, &s->desc, (long)s->batch, cands, 8);
    for (int i = 0; i < nc; ++i) {
        const fmlp_strategy *st = fmlp_strategy_find(cands[i].strategy);
        fmlp_params q = cands[i];
        if (!st || st->configure(&s->desc, &t->ctx->dev, &q) != FMLP_SUCCESS) continue;
        canonical(st, &q, text, n);
        snprintf(origin, on, "%s", cands[i].origin);
        return;
    }
    /* no entry fits: plan creation falls back to the strategy's portable defaults */
    snprintf(text, n, "strategy=%s", nc ? cands[0].strategy : "stream");
    snprintf(origin, on, "portable-defaults");
}

#define FINALISTS 3

/* Index of record k among the picked finalists, appended when absent; -1 when k ran badly. */
static int add_pick(const search *s, int k, int *pick, int *n)
{
    if (k < 0 || s->done[k].outcome != TUNE_OK) return -1;
    for (int j = 0; j < *n; ++j)
        if (strcmp(s->done[pick[j]].ran, s->done[k].ran) == 0) return j;
    pick[*n] = k;
    return (*n)++;
}

/* The few fastest candidates, the shipped databases' choice and the generic database's
 * choice, set up again, checked again and timed in turn over three rounds: the entry is the
 * fastest of them in one like-for-like measurement (a single fast run cannot win by luck),
 * and its ratios to both choices are measured back to back. */
static void confirm(tuner *t, search *s)
{
    enum { MAXP = FINALISTS + 2 };
    int pick[MAXP], n = 0;
    mlp_run runs[MAXP];
    double times[MAXP][3], med[MAXP];
    int ok[MAXP];
    memset(runs, 0, sizeof runs);
    /* finalists: the fastest records with distinct kernels, then the two baselines */
    for (int k = 0; k < FINALISTS; ++k) {
        int best = -1;
        for (int i = 0; i < s->ndone; ++i) {
            const tune_record *r = &s->done[i];
            int taken = r->outcome != TUNE_OK;
            for (int j = 0; j < n && !taken; ++j) taken = strcmp(s->done[pick[j]].ran, r->ran) == 0;
            if (!taken && (best < 0 || r->time_s < s->done[best].time_s)) best = i;
        }
        if (best >= 0) pick[n++] = best;
    }
    int base = add_pick(s, s->base, pick, &n);
    int gen = add_pick(s, s->gen, pick, &n);
    printf("  confirming: %d finalist%s with the shipped and generic choices, 3 rounds\n", n,
           n == 1 ? "" : "s");
    for (int j = 0; j < n; ++j) {
        double err = 0;
        char why[256];
        ok[j] = setup_checked(t, s, s->done[pick[j]].ran, &runs[j], &err, why, sizeof why) ==
                TUNE_OK;
        if (!ok[j]) printf("  %s failed its second check: %s\n", s->done[pick[j]].ran, why);
    }
    for (int round = 0; round < 3 && !interrupted; ++round)
        for (int j = 0; j < n; ++j)
            if (ok[j] && time_run(t, s, &runs[j], 0, &times[j][round]) != FMLP_SUCCESS) ok[j] = 0;
    int win = -1;
    for (int j = 0; j < n && !interrupted; ++j) {
        if (!ok[j]) continue;
        qsort(times[j], 3, sizeof times[j][0], cmp_double);
        med[j] = times[j][1];
        if (win < 0 || med[j] < med[win]) win = j;
    }
    if (win >= 0) {
        s->best = pick[win];
        s->final_best = med[win];
        s->final_base = base >= 0 && ok[base] ? med[base] : 0;
        s->final_gen = gen >= 0 && ok[gen] ? med[gen] : 0;
    }
    if (win >= 0 && s->final_base == 0)
        printf("  the shipped databases' choice does not run here: no ratio for B=%zu\n",
               s->batch);
    if (win >= 0 && s->final_gen == 0)
        printf("  the generic database's choice does not run here: no ratio for B=%zu\n",
               s->batch);
    for (int j = 0; j < n; ++j) mlp_run_free(&runs[j]);
}

/* Strategies in the order their seeds are tried: those whose range holds the batch first. */
static int strategy_order(const options *o, size_t batch, const tune_space **order)
{
    int n = 0;
    for (int pass = 0; pass < 2; ++pass)
        for (const tune_space *sp = tune_spaces; sp->strategy; ++sp) {
            int fits = (long)batch >= sp->b_lo && (long)batch <= sp->b_hi;
            if (fits != (pass == 0) || !fmlp_strategy_find(sp->strategy) ||
                !strategy_wanted(o, sp->strategy))
                continue;
            order[n++] = sp;
        }
    return n;
}

/* Whether two "strategy=NAME ..." texts name the same strategy. */
static int same_strategy(const char *a, const char *b)
{
    size_t n = strcspn(a, " ");
    return n == strcspn(b, " ") && strncmp(a, b, n) == 0;
}

/* The neighbours' tiles for a bucket, as candidate texts of the strategies wanted; the count.
 * First the tiles that won this run's done buckets of the same shape, MLP kind and batch (other
 * formats), latest first: measured on this device minutes ago, and not yet in any database the
 * lookup reads (in s41-a the ReLU MLP's affine_q2 tile at B=16 won 1.31x, and affine_q8's tune
 * after it never measured it). Then fmlp_tuning_neighbours over the user's, this device's and
 * its architecture's databases, asked for a pool larger than the cap so that --strategies
 * filters before the cap: otherwise twelve nearer tiles of unwanted strategies would leave none
 * to measure. */
static int neighbour_texts(const tuner *t, const search *s, char texts[TUNE_NEIGHBOURS][600],
                           int *from_run)
{
    *from_run = 0;
    if (t->o->no_neighbours) return 0;
    int n = 0;
    for (int i = t->bucket - 1; i >= 0 && t->all && n < TUNE_NEIGHBOURS; --i) {
        const search *d = &t->all[i];
        if (d->best < 0 || d->batch != s->batch || d->desc.kind != s->desc.kind ||
            d->desc.activation != s->desc.activation || d->desc.hidden != s->desc.hidden ||
            d->desc.intermediate != s->desc.intermediate)
            continue;
        const char *ran = d->done[d->best].ran;
        fmlp_params p;
        char err[256];
        if (!ran[0] || strlen(ran) >= sizeof texts[0] ||
            fmlp_params_parse_overrides(ran, &p, err, sizeof err) != FMLP_SUCCESS ||
            !strategy_wanted(t->o, p.strategy))
            continue;
        int seen = 0;
        for (int j = 0; j < n && !seen; ++j) seen = strcmp(texts[j], ran) == 0;
        if (!seen) snprintf(texts[n++], sizeof texts[0], "%s", ran);
    }
    *from_run = n;
    static fmlp_params nb[TUNE_NEIGHBOUR_POOL];
    int nn = fmlp_tuning_neighbours(t->ctx, FMLP_DB_ARCH, &s->desc, (long)s->batch, nb,
                                    TUNE_NEIGHBOUR_POOL);
    for (int i = 0; i < nn && n < TUNE_NEIGHBOURS; ++i) {
        if (!strategy_wanted(t->o, nb[i].strategy)) continue;
        fmlp_strbuf sb = {0};
        fmlp_params_format(&nb[i], &sb);
        if (!sb.failed && sb.data && strlen(sb.data) < sizeof texts[n])
            snprintf(texts[n++], sizeof texts[0], "%s", sb.data);
        fmlp_strbuf_free(&sb);
    }
    return n;
}

static void tune_bucket(tuner *t, search *s)
{
    const options *o = t->o;
    const tune_space *order[32];
    int norder = strategy_order(o, s->batch, order);
    static char near[TUNE_NEIGHBOURS][600];
    int nrun;
    const int nnear = neighbour_texts(t, s, near, &nrun);
    /* planned: the neighbours, every seed, one walk over the axes of the two likeliest
     * strategies */
    s->planned = 1 + o->ntries + nnear;
    for (int i = 0; i < norder; ++i) {
        for (const tune_seed *sd = order[i]->seeds; sd->params; ++sd)
            s->planned += (long)s->batch >= sd->b_lo && (long)s->batch <= sd->b_hi;
        if (i < 2) s->planned += axis_moves(fmlp_strategy_find(order[i]->strategy), order[i]);
    }
    if (o->max_candidates && s->planned > o->max_candidates) s->planned = o->max_candidates;

    /* the baselines and the tries: their programs built at once first */
    static char texts[TUNE_PREBUILD_MAX][600];
    const char *list[TUNE_PREBUILD_MAX];
    int nt = 0;
    baseline(t, s, FMLP_DB_GENERIC, texts[nt], sizeof texts[nt], s->gen_origin,
             sizeof s->gen_origin);
    list[nt] = texts[nt];
    ++nt;
    baseline(t, s, FMLP_DB_DEVICE, texts[nt], sizeof texts[nt], s->base_origin,
             sizeof s->base_origin);
    list[nt] = texts[nt];
    ++nt;
    for (int i = 0; i < o->ntries && nt < TUNE_PREBUILD_MAX; ++i) list[nt++] = o->tries[i];
    prebuild(t, s, list, nt, 1);

    printf("  generic database chooses: %s (from %s)\n", texts[0], s->gen_origin);
    s->gen = evaluate_(t, s, texts[0], 1);
    printf("  shipped databases choose: %s (from %s)\n", texts[1], s->base_origin);
    s->base = evaluate_(t, s, texts[1], 1);
    for (int i = 0; i < o->ntries; ++i) evaluate(t, s, o->tries[i]);

    /* the tiles that neighbouring cells take at this batch, nearest first, built as the seeds
     * are (below), a chunk at a time while budget is left */
    if (nnear)
        printf("  neighbouring cells' tiles: %d (%d from this run's other formats)\n", nnear, nrun);
    for (int j0 = 0; j0 < nnear && !out_of_time(t, s); j0 += TUNE_PREBUILD_CHUNK) {
        for (nt = 0; nt < TUNE_PREBUILD_CHUNK && j0 + nt < nnear; ++nt) list[nt] = near[j0 + nt];
        prebuild(t, s, list, nt, 2);
        for (int j = 0; j < nt; ++j) evaluate(t, s, list[j]);
    }

    /* the seeds, strategy by strategy, their programs built TUNE_PREBUILD_CHUNK at a time just
     * before they are measured: a budget spent stops the builds too (on the H200, building
     * GPT-2's 16 seeds at once took 80 s; bench/results/2026-11-29-h200-s34-e) */
    int skip[32] = {0}; /* by order's index: a strategy the device lacks */
    int si = 0;         /* the strategy, and sd its next seed, of the next chunk */
    const tune_seed *sd = norder ? order[0]->seeds : NULL;
    while (si < norder && !out_of_time(t, s)) {
        int of[TUNE_PREBUILD_CHUNK];
        nt = 0;
        while (si < norder && nt < TUNE_PREBUILD_CHUNK) {
            if (!sd->params) {
                if (++si < norder) sd = order[si]->seeds;
                continue;
            }
            const tune_seed *seed = sd++;
            if (skip[si] || (long)s->batch < seed->b_lo || (long)s->batch > seed->b_hi) continue;
            snprintf(texts[nt], sizeof texts[nt], "strategy=%s %s", order[si]->strategy,
                     seed->params);
            list[nt] = texts[nt];
            of[nt++] = si;
        }
        prebuild(t, s, list, nt, 2);
        for (int j = 0; j < nt; ++j) {
            if (skip[of[j]]) continue;
            int k = evaluate(t, s, list[j]);
            /* a strategy the device lacks: its other seeds would say the same */
            if (k >= 0 && s->done[k].outcome == TUNE_UNSUPPORTED) skip[of[j]] = 1;
        }
    }
    /* walk from the best point, then from the best point of another strategy */
    if (s->best < 0) return;
    int first = s->best;
    descend(t, s, first);
    int second = -1;
    for (int i = 0; i < s->ndone; ++i) {
        const tune_record *r = &s->done[i];
        if (r->outcome != TUNE_OK || same_strategy(r->ran, s->done[first].ran)) continue;
        if (second < 0 || r->time_s < s->done[second].time_s) second = i;
    }
    if (second >= 0) descend(t, s, second);
}

/* ------------------------------------------------------------------ options */

static void help(void)
{
    printf(
        "usage: flashmlp-tune [options]        (also: flashmlp tune [options])\n\n"
        "Searches the kernel strategy and parameters for one device, for each MLP shape and\n"
        "batch, verifying every candidate against the double-precision reference before\n"
        "timing it, and writes the device's tuning database (tuning/README.md).\n\n"
        "options:\n"
        "  --device SEL         device selector (see `flashmlp devices`); default: "
        "$FLASHMLP_DEVICE,\n"
        "                       else the first GPU, else the first device\n"
        "  --shape HxI          hidden x intermediate; repeatable (default 4096x14336)\n"
        "  --kind gated|plain   (default gated)\n"
        "  --act NAME           relu, gelu_erf, gelu_tanh, silu, relu2 (default silu)\n"
        "  --weights LIST       weight formats, comma-separated, each shape tuned in each: f32,\n"
        "                       f16, bf16, q8_0, q4_0, affine_q2, affine_q3, affine_q4, affine_q8\n"
        "                       (default f32)\n"
        "  --acts LIST          activation formats: f32, f16, bf16 (default f32)\n"
        "  --group N            the affine formats' group size: 32, 64 or 128 (default 32)\n"
        "  --precision P        exact (default) or int8 (FMLP_PRECISION_INT8_DOT): the plans\n"
        "                       tuned, checked with its tolerance, and the entries' pr=\n"
        "  --batch LIST         batch sizes to tune, comma-separated, at most 16 (default\n"
        "                       1,16,256,4096); each covers the batches nearest it:\n"
        "                       1,16,256,4096 writes entries for B=1-8, 9-128, 129-2048 and\n"
        "                       2049-8192\n"
        "  --budget S           seconds of search per (shape, batch) (default 120; 0: none);\n"
        "                       the two baselines are measured even past it\n"
        "  --total-budget S     seconds for the whole search, shared by the buckets left\n"
        "  --max-candidates N   candidates per (shape, batch) at most (default 0: no limit)\n"
        "  --reps N             timed repetitions per candidate, median kept (default 7)\n"
        "  --out FILE           database to write (default: the user overlay folder,\n"
        "                       $FLASHMLP_TUNING_DIR or ~/.cache/flashmlp/tuning, named after\n"
        "                       the device); its entries whose batches this run does not\n"
        "                       re-tune whole are kept\n"
        "  --resume             continue from FILE's state file (FILE without .db, plus\n"
        "                       .state): candidates already measured or failed are not rerun\n"
        "  --uncovered          only the cells (shape, formats, batch) whose plan would not\n"
        "                       start from an entry of this device or the user's, or (16-bit\n"
        "                       activations) would start from fp32 activations' entry: the\n"
        "                       cells --report-coverage marks; the others' entries stay\n"
        "                       as they are, and the entries written stop short of batches\n"
        "                       that have one\n"
        "  --fill               also tune the batches a bucket's winner leaves to the other\n"
        "                       databases (a stream or mmav entry stops at one group of rows:\n"
        "                       B=1's bt=1 tile leaves 2 of 1-2), each at the top of what it\n"
        "                       leaves, up to the largest --batch; without it they are listed\n"
        "  --match LEVEL        device (default), arch or vendor: which devices the written\n"
        "                       database applies to\n"
        "  --no-neighbours      leave out the tiles that other cells take at the same batch,\n"
        "                       which are measured after the --try candidates by default, at\n"
        "                       most 12: first those that won this run's other formats of the\n"
        "                       same shape, then those of this device's databases (and the\n"
        "                       user's), nearest cell first (same shape and kind, other\n"
        "                       formats; then other shapes; then the other MLP kind)\n"
        "  --strategies LIST    only these strategies (comma-separated)\n"
        "  --try PARAMS         also measure this candidate, e.g. \"strategy=stream wgs=128 "
        "kl=16\"\n"
        "  --seed N             random seed for inputs and weights (default 1)\n"
        "  --report-cache       instead of tuning: time plan creation for the first shape and\n"
        "                       formats and the largest batch in fresh processes, with an empty\n"
        "                       disk cache, a warm one, and none\n"
        "  --report-coverage D  instead of tuning, and without any device: which database entry\n"
        "                       each shape, format and batch given would start from on device D,\n"
        "                       \"vendor,arch[,name[,compute units]]\" as `flashmlp devices` shows\n"
        "                       them (e.g. \"nvidia,sm_90,NVIDIA H200,132\"); cells that no\n"
        "                       device or user database covers are marked *, and cells of\n"
        "                       16-bit activations that take fp32 activations' entry =; each\n"
        "                       cell's batch tiles and their rows past the batch, counted\n"
        "                       where a kernel runs more than one tile a fifth or more empty;\n"
        "                       and the cells of other formats on an entry for any shape where\n"
        "                       fp32 weights have one for theirs. The plan is the first of a\n"
        "                       cell's entries that fits the device\n\n"
        "Ctrl-C stops after the candidate in flight and writes what was found; run again with\n"
        "--resume to continue.\n");
}

static int parse_size(const char *v, size_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (end == v || *end || errno || x == 0 || v[0] == '-') return -1;
    *out = (size_t)x;
    return 0;
}

/* "1,16,256": every item a positive number (no empty ones). The count, or -1. */
static int parse_list(const char *v, size_t *out, int max)
{
    int n = 0;
    for (const char *p = v;; ++p) {
        char item[32];
        size_t len = strcspn(p, ",");
        if (len == 0 || len >= sizeof item || n == max) return -1;
        snprintf(item, sizeof item, "%.*s", (int)len, p);
        if (parse_size(item, &out[n++]) != 0) return -1;
        p += len;
        if (!*p) return n;
    }
}

/* "f32,q4_0": weight or activation format names as the databases write them. The count, or -1. */
static int parse_formats(const char *v, fmlp_dtype *out, int max, int acts_only)
{
    int n = 0;
    const char *p = v;
    while (*p) {
        size_t len = strcspn(p, ",");
        int found = -1;
        for (int t = 0; t <= FMLP_DTYPE_AFFINE_Q8 && found < 0; ++t)
            if (strlen(fmlp_dtype_name((fmlp_dtype)t)) == len &&
                strncmp(p, fmlp_dtype_name((fmlp_dtype)t), len) == 0)
                found = t;
        if (found < 0 || n == max || (acts_only && found > FMLP_DTYPE_BF16)) return -1;
        for (int i = 0; i < n; ++i)
            if (out[i] == (fmlp_dtype)found) return -1; /* given twice */
        out[n++] = (fmlp_dtype)found;
        p += len;
        if (*p == ',' && !*++p) return -1;
    }
    return n ? n : -1;
}

static int parse_activation(const char *v)
{
    for (int a = 0; a <= FMLP_ACT_RELU2; ++a)
        if (strcmp(v, fmlp_activation_name((fmlp_activation)a)) == 0) return a;
    return -1;
}

/* 0: run; 1: exit 0 (help shown); 2: bad usage (message printed). */
static int parse_options(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    o->kind = FMLP_MLP_GATED;
    o->act = FMLP_ACT_SILU;
    o->budget = 120;
    o->reps = 7;
    o->match = "device";
    o->seed = 1;
    size_t len = 0;
    for (int i = 0; i < argc && len + 4 < sizeof o->command; ++i) {
        int q = strchr(argv[i], ' ') != NULL;
        len += (size_t)snprintf(o->command + len, sizeof o->command - len, "%s%s%s%s",
                                i ? " " : "", q ? "'" : "", argv[i], q ? "'" : "");
    }
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        size_t one;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            help();
            return 1;
        } else if (!strcmp(a, "--resume")) {
            o->resume = 1;
            continue;
        } else if (!strcmp(a, "--uncovered")) {
            o->uncovered = 1;
            continue;
        } else if (!strcmp(a, "--fill")) {
            o->fill = 1;
            continue;
        } else if (!strcmp(a, "--no-neighbours")) {
            o->no_neighbours = 1;
            continue;
        } else if (!strcmp(a, "--report-cache")) {
            o->report_cache = 1;
            continue;
        } else if (!strcmp(a, "--plan-timing-child")) {
            o->child = 1;
            continue;
        }
        if (!v) {
            fprintf(stderr, "flashmlp-tune: %s needs a value (see --help)\n", a);
            return 2;
        }
        ++i;
        int bad = 0;
        if (!strcmp(a, "--device")) o->device = v;
        else if (!strcmp(a, "--shape")) {
            char *x = strchr(v, 'x');
            char h[32];
            snprintf(h, sizeof h, "%.*s", x ? (int)(x - v) : 0, v);
            bad = !x || o->nshapes == MAX_SHAPES || parse_size(h, &o->shapes[o->nshapes][0]) ||
                  parse_size(x + 1, &o->shapes[o->nshapes][1]);
            if (!bad) o->nshapes++;
        } else if (!strcmp(a, "--kind")) {
            bad = strcmp(v, "gated") && strcmp(v, "plain");
            o->kind = strcmp(v, "plain") == 0 ? FMLP_MLP_PLAIN : FMLP_MLP_GATED;
        } else if (!strcmp(a, "--act")) {
            int act = parse_activation(v);
            bad = act < 0;
            o->act = (fmlp_activation)(act < 0 ? 0 : act);
        } else if (!strcmp(a, "--weights")) {
            bad = (o->nweights = parse_formats(v, o->weights, MAX_FORMATS, 0)) < 0;
        } else if (!strcmp(a, "--acts")) {
            bad = (o->nacts = parse_formats(v, o->acts, MAX_FORMATS, 1)) < 0;
        } else if (!strcmp(a, "--group")) {
            bad = parse_size(v, &one) || (one != 32 && one != 64 && one != 128);
            if (!bad) o->group = (unsigned)one;
        } else if (!strcmp(a, "--precision")) {
            bad = strcmp(v, "exact") != 0 && strcmp(v, "int8") != 0;
            o->precision = !strcmp(v, "int8") ? FMLP_PRECISION_INT8_DOT : FMLP_PRECISION_EXACT;
        } else if (!strcmp(a, "--batch")) {
            bad = (o->nbatches = parse_list(v, o->batches, MAX_BATCHES)) < 0;
        } else if (!strcmp(a, "--budget") || !strcmp(a, "--total-budget")) {
            char *end = NULL;
            double s = strtod(v, &end);
            bad = end == v || *end || !(s >= 0);
            *(!strcmp(a, "--budget") ? &o->budget : &o->total_budget) = s;
        } else if (!strcmp(a, "--max-candidates") || !strcmp(a, "--reps") ||
                   !strcmp(a, "--seed")) {
            /* --max-candidates 0: no limit */
            int zero = !strcmp(a, "--max-candidates") && !strcmp(v, "0");
            if (zero) one = 0;
            bad = !zero && (parse_size(v, &one) != 0 || one > 1000000);
            if (!bad && !strcmp(a, "--max-candidates")) o->max_candidates = (int)one;
            else if (!bad && !strcmp(a, "--reps")) o->reps = (int)one;
            else if (!bad) o->seed = one;
        } else if (!strcmp(a, "--out")) {
            bad = snprintf(o->out, sizeof o->out, "%s", v) >= (int)sizeof o->out;
        } else if (!strcmp(a, "--match")) {
            bad = strcmp(v, "device") && strcmp(v, "arch") && strcmp(v, "vendor");
            o->match = v;
        } else if (!strcmp(a, "--strategies")) {
            o->strategies = v;
        } else if (!strcmp(a, "--try")) {
            bad = o->ntries == MAX_TRIES;
            if (!bad) o->tries[o->ntries++] = v;
        } else if (!strcmp(a, "--report-coverage")) {
            o->coverage = v;
        } else {
            fprintf(stderr, "flashmlp-tune: unknown option '%s' (see --help)\n", a);
            return 2;
        }
        if (bad) {
            /* a list longer than the options hold says so: its items may all be fine */
            int items = 1;
            for (const char *c = v; *c; ++c) items += *c == ',';
            const int most = !strcmp(a, "--batch") ? MAX_BATCHES
                             : !strcmp(a, "--weights") || !strcmp(a, "--acts") ? MAX_FORMATS
                                                                                 : 0;
            if (most && items > most)
                fprintf(stderr, "flashmlp-tune: %s takes at most %d values, not %d\n", a, most,
                        items);
            else
                fprintf(stderr, "flashmlp-tune: bad value '%s' for %s (see --help)\n", v, a);
            return 2;
        }
    }
    if (!o->nshapes) {
        o->shapes[0][0] = 4096;
        o->shapes[0][1] = 14336;
        o->nshapes = 1;
    }
    if (!o->nweights) o->weights[o->nweights++] = FMLP_DTYPE_F32;
    if (!o->nacts) o->acts[o->nacts++] = FMLP_DTYPE_F32;
    if (!o->group) o->group = 32;
    if (!o->nbatches) {
        const size_t def[] = {1, 16, 256, 4096};
        memcpy(o->batches, def, sizeof def);
        o->nbatches = 4;
    }
    qsort(o->batches, (size_t)o->nbatches, sizeof *o->batches, cmp_size);
    int n = 1;
    for (int i = 1; i < o->nbatches; ++i)
        if (o->batches[i] != o->batches[n - 1]) o->batches[n++] = o->batches[i];
    o->nbatches = n;
    return 0;
}

long tune_entry_top(const char *params, long measured, long bucket_hi)
{
    fmlp_params p;
    char err[128];
    if (fmlp_params_parse_overrides(params, &p, err, sizeof err) != FMLP_SUCCESS) return bucket_hi;
    for (const tune_space *sp = tune_spaces; sp->strategy; ++sp) {
        if (strcmp(sp->strategy, p.strategy) != 0 || !sp->rows_param) continue;
        long rows = fmlp_params_get(&p, sp->rows_param, 0) * sp->rows_scale;
        long top = rows > measured ? rows : measured;
        return top < bucket_hi ? top : bucket_hi;
    }
    return bucket_hi;
}

/* Batch ranges: each batch covers up to half the next one, the last one up to twice itself,
 * and the first one down to just above half itself (1,16,256,4096: 1-8, 9-128, 129-2048,
 * 2049-8192; 64: 33-128): batches far from every tuned one keep the other databases' entries
 * (a one-batch tune at 64 once claimed every batch above it). */
static void bucket_range(const options *o, int i, long *lo, long *hi)
{
    long prev_hi = (long)o->batches[0] / 2;
    for (int k = 0; k <= i; ++k) {
        long h = k + 1 < o->nbatches ? (long)o->batches[k + 1] / 2 : 2 * (long)o->batches[k];
        if (h < (long)o->batches[k]) h = (long)o->batches[k];
        *lo = prev_hi + 1;
        *hi = h;
        prev_hi = h;
    }
}

/* ------------------------------------------------------------------ plan-creation timing */

/* The configurations tuned: every shape in every (weight format, activation format). */
static int nconfigs(const options *o) { return o->nshapes * o->nweights * o->nacts; }

static fmlp_plan_desc config_desc(const options *o, int config)
{
    const int shape = config / (o->nweights * o->nacts);
    const int w = config / o->nacts % o->nweights, a = config % o->nacts;
    fmlp_plan_desc d;
    fmlp_plan_desc_init(&d);
    d.hidden = o->shapes[shape][0];
    d.intermediate = o->shapes[shape][1];
    d.kind = o->kind;
    d.activation = o->act;
    d.weight_dtype = o->weights[w];
    d.act_dtype = o->acts[a];
    d.group_size = d.weight_dtype >= FMLP_DTYPE_AFFINE_Q2 ? o->group : 0;
    d.precision = o->precision;
    return d;
}

/* In a fresh process: open the device, then create the plan, and say how long each took. */
static int plan_timing_child(const options *o)
{
    fmlp_context *ctx = NULL;
    fmlp_plan *plan = NULL;
    double a = now();
    fmlp_status st = fmlp_context_create_default(o->device, &ctx);
    double ctx_s = now() - a;
    if (st != FMLP_SUCCESS) {
        printf("plan-timing error=\"%s\"\n", fmlp_status_string(st));
        return 1;
    }
    fmlp_plan_desc d = config_desc(o, 0);
    d.max_batch = o->batches[o->nbatches - 1];
    fmlp_program_stats before, after;
    fmlp_program_stats_get(&before);
    a = now();
    st = fmlp_plan_create(ctx, &d, &plan);
    double plan_s = now() - a;
    fmlp_program_stats_get(&after);
    if (st == FMLP_SUCCESS)
        printf("plan-timing context_s=%.6f plan_s=%.6f variants=%d built=%lu loaded=%lu "
               "written=%lu rejected=%lu\n",
               ctx_s, plan_s, plan->nvariants, after.source_builds - before.source_builds,
               after.disk_hits - before.disk_hits, after.disk_writes - before.disk_writes,
               after.disk_rejected - before.disk_rejected);
    else
        printf("plan-timing error=\"%s\"\n", fmlp_status_string(st));
    fmlp_plan_release(plan);
    fmlp_context_release(ctx);
    return st == FMLP_SUCCESS ? 0 : 1;
}

typedef struct child_result {
    int ok, variants;
    double context_s, plan_s;
    unsigned long built, loaded, written, rejected;
} child_result;

static void run_child(const options *o, const char *self, const char *dir, int cache_on,
                      child_result *res)
{
    memset(res, 0, sizeof *res);
    /* the first configuration, as config_desc(o, 0) makes it in the child */
    char shape[64], maxb[32], kind[16], act[32], group[16];
    snprintf(shape, sizeof shape, "%zux%zu", o->shapes[0][0], o->shapes[0][1]);
    snprintf(maxb, sizeof maxb, "%zu", o->batches[o->nbatches - 1]);
    snprintf(kind, sizeof kind, "%s", o->kind == FMLP_MLP_PLAIN ? "plain" : "gated");
    snprintf(act, sizeof act, "%s", fmlp_activation_name(o->act));
    snprintf(group, sizeof group, "%u", o->group);
    char *args[22] = {(char *)self, "--plan-timing-child", "--shape", shape, "--batch", maxb,
                      "--kind", kind, "--act", act,
                      "--weights", (char *)fmlp_dtype_name(o->weights[0]),
                      "--acts", (char *)fmlp_dtype_name(o->acts[0]), "--group", group,
                      "--precision",
                      (char *)(o->precision == FMLP_PRECISION_INT8_DOT ? "int8" : "exact")};
    int na = 18;
    if (o->device) {
        args[na++] = "--device";
        args[na++] = (char *)o->device;
    }
    args[na] = NULL;
    int fds[2];
    if (pipe(fds) != 0) return;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        setenv("FLASHMLP_CACHE_DIR", dir, 1);
        setenv("FLASHMLP_CACHE", cache_on ? "1" : "0", 1);
        execv(self, args);
        _exit(127);
    }
    close(fds[1]);
    char buf[4096], spill[512];
    size_t n = 0;
    ssize_t got = 1;
    /* read to the end (what does not fit is dropped) so that the child never blocks */
    while (pid > 0 && got > 0) {
        got = n + 1 < sizeof buf ? read(fds[0], buf + n, sizeof buf - 1 - n)
                                 : read(fds[0], spill, sizeof spill);
        if (got > 0 && n + 1 < sizeof buf) n += (size_t)got;
    }
    buf[n] = '\0';
    close(fds[0]);
    int status = 0;
    if (pid > 0) waitpid(pid, &status, 0);
    const char *line = strstr(buf, "plan-timing ");
    res->ok = line && sscanf(line,
                             "plan-timing context_s=%lf plan_s=%lf variants=%d built=%lu "
                             "loaded=%lu written=%lu rejected=%lu",
                             &res->context_s, &res->plan_s, &res->variants, &res->built,
                             &res->loaded, &res->written, &res->rejected) == 7;
    if (!res->ok) printf("  child failed: %s\n", line ? line : buf);
}

/* The temporary cache folder: only the entries the children wrote are in it. */
static void remove_dir(const char *dir)
{
    char path[1400];
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d) closedir(d);
    rmdir(dir);
}

static int report_cache(const options *o)
{
    char self[1024];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        fprintf(stderr, "flashmlp-tune: cannot find its own executable\n");
        return 1;
    }
    self[n] = '\0';
    const char *tmp = getenv("TMPDIR");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/flashmlp-cache-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        fprintf(stderr, "flashmlp-tune: cannot create a folder under %s\n", dir);
        return 1;
    }
    printf("plan creation for %zux%zu %s %s, weights %s, activations %s, max_batch %zu, each "
           "in a fresh process\n(disk cache in %s, removed afterwards)\n\n",
           o->shapes[0][0], o->shapes[0][1], o->kind == FMLP_MLP_PLAIN ? "plain" : "gated",
           fmlp_activation_name(o->act), fmlp_dtype_name(o->weights[0]),
           fmlp_dtype_name(o->acts[0]), o->batches[o->nbatches - 1], dir);
    static const struct {
        const char *label;
        int cache;
    } runs[] = {{"cold (empty disk cache)", 1}, {"warm 1", 1}, {"warm 2", 1},
                {"warm 3", 1},                  {"no disk cache", 0}};
    printf("%-24s %12s %12s %9s %6s %7s %8s\n", "run", "context ms", "plan ms", "variants",
           "built", "loaded", "written");
    double warm_best = 0, cold = 0;
    int rc = 0;
    for (size_t i = 0; i < sizeof runs / sizeof *runs; ++i) {
        child_result r;
        run_child(o, self, dir, runs[i].cache, &r);
        if (!r.ok) {
            rc = 1;
            continue;
        }
        printf("%-24s %12.1f %12.1f %9d %6lu %7lu %8lu\n", runs[i].label, r.context_s * 1e3,
               r.plan_s * 1e3, r.variants, r.built, r.loaded, r.written);
        if (i == 0) cold = r.plan_s;
        else if (runs[i].cache && (warm_best == 0 || r.plan_s < warm_best)) warm_best = r.plan_s;
    }
    if (rc == 0)
        printf("\nplan ready in %.1f ms warm vs %.1f ms cold (%.0fx); under 50 ms: %s\n",
               warm_best * 1e3, cold * 1e3, warm_best > 0 ? cold / warm_best : 0,
               warm_best < 0.050 ? "yes" : "no");
    remove_dir(dir);
    return rc;
}

/* ------------------------------------------------------------------ the run */

static void state_path(const char *out, char *buf, size_t n)
{
    size_t l = strlen(out);
    if (l > 3 && strcmp(out + l - 3, ".db") == 0) l -= 3;
    snprintf(buf, n, "%.*s.state", (int)l, out);
}

static int make_parent(const char *path)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) return 0;
    *slash = '\0';
    for (char *p = dir + 1; *p; ++p) {
        if (*p != '/') continue;
        *p = '\0';
        mkdir(dir, 0700);
        *p = '/';
    }
    mkdir(dir, 0700);
    struct stat st;
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* "12.3456" ms and the ratio to the tuned time, or dashes when not measured. */
static void fmt_base(double base, double best, char *ms, size_t nms, char *ratio, size_t nr)
{
    if (base > 0 && best > 0) {
        snprintf(ms, nms, "%.4f", base * 1e3);
        snprintf(ratio, nr, "%.2fx", base / best);
    } else {
        snprintf(ms, nms, "-");
        snprintf(ratio, nr, "-");
    }
}

/* The table of results; "entry B" is the batch range the written entry covers. */
static void print_table(const search *all, int n)
{
    printf("\n%-24s %6s %-12s %10s %11s %7s %11s %7s  %s\n", "shape (formats)", "B", "entry B",
           "tuned ms", "generic ms", "ratio", "shipped ms", "ratio", "tuned choice");
    for (int i = 0; i < n; ++i) {
        const search *s = &all[i];
        char shape[64], range[32], gms[32], gr[16], bms[32], br[16];
        if (s->desc.weight_dtype == FMLP_DTYPE_F32 && s->desc.act_dtype == FMLP_DTYPE_F32)
            snprintf(shape, sizeof shape, "%zux%zu", s->desc.hidden, s->desc.intermediate);
        else
            snprintf(shape, sizeof shape, "%zux%zu %s/%s", s->desc.hidden, s->desc.intermediate,
                     fmlp_dtype_name(s->desc.weight_dtype), fmlp_dtype_name(s->desc.act_dtype));
        long hi = s->best >= 0 ? tune_entry_top(s->done[s->best].ran, (long)s->batch, s->b_hi)
                               : s->b_hi;
        tune_batch_range(s->b_lo, hi, range, sizeof range);
        if (s->best < 0) {
            printf("%-24s %6zu %-12s %10s  (%s)\n", shape, s->batch, range, "-",
                   s->ndone ? "nothing passed the check" : "nothing measured: stopped first");
            continue;
        }
        double best = s->final_best > 0 ? s->final_best : s->done[s->best].time_s;
        fmt_base(s->final_gen, s->final_best, gms, sizeof gms, gr, sizeof gr);
        fmt_base(s->final_base, s->final_best, bms, sizeof bms, br, sizeof br);
        printf("%-24s %6zu %-12s %10.4f %11s %7s %11s %7s  %s\n", shape, s->batch, range,
               best * 1e3, gms, gr, bms, br, s->done[s->best].ran + 9);
    }
    printf("\nbaselines (what plan creation picks without this run's database):\n");
    for (int i = 0; i < n; ++i) {
        const search *s = &all[i];
        printf("  B=%-5zu generic: %s (%s)\n", s->batch,
               s->gen >= 0 ? s->done[s->gen].tried + 9 : "?", s->gen_origin);
        printf("  %-7s shipped: %s (%s)\n", "", s->base >= 0 ? s->done[s->base].tried + 9 : "?",
               s->base_origin);
    }
}

/* Whether a cell whose database entries are found[0..n) starts from one measured for this
 * device (its own database or the user's). */
static int own_entry(const fmlp_params *found, int n)
{
    return n > 0 && (!strncmp(found[0].origin, "device:", 7) ||
                     !strncmp(found[0].origin, "user:", 5));
}

/* The length of origin without the lookup's fp32-x mark (FMLP_FP32_X) at its end, if any:
 * strlen(origin) where it has none. */
static size_t origin_unmarked(const char *origin)
{
    const size_t n = strlen(origin), m = strlen(FMLP_FP32_X);
    return n > m && !strcmp(origin + n - m, FMLP_FP32_X) ? n - m : n;
}

/* Where the cell d at batch b starts from, its entries in found[0..*n): '*' not an entry of
 * this device or the user's; '=' one, but (16-bit activations only) the same one the cell with
 * fp32 activations starts from, an entry without at= or (through the fp32-x rule) at=f32 that
 * was tuned with fp32 x; ' ' its own. --report-coverage prints the mark, --uncovered tunes the
 * marked cells. */
static char cell_mark(fmlp_context *ctx, const fmlp_plan_desc *d, long b, fmlp_params found[8],
                      int *n)
{
    *n = fmlp_tuning_candidates(ctx, d, b, found, 8);
    if (!own_entry(found, *n)) return '*';
    if (d->act_dtype == FMLP_DTYPE_F32) return ' ';
    fmlp_plan_desc d32 = *d;
    d32.act_dtype = FMLP_DTYPE_F32;
    fmlp_params f32[8];
    const int n32 = fmlp_tuning_candidates(ctx, &d32, b, f32, 8);
    if (n32 == 0) return ' ';
    const size_t len = origin_unmarked(found[0].origin);
    return len == strlen(f32[0].origin) && !strncmp(found[0].origin, f32[0].origin, len) ? '='
                                                                                          : ' ';
}

/* --uncovered: the range [*lo, *hi] of the cell d tuned at `batch`, cut short of the nearest
 * batches on either side that start from an entry of this device or the user's, so that the
 * entry written claims none of them (a tune of B=2 alone, range 2-4, once wrote over the 70B
 * shard's B=3-4 entries tuned at 4). */
static void clip_to_uncovered(fmlp_context *ctx, fmlp_plan_desc d, long batch, long *lo, long *hi)
{
    fmlp_params found[8];
    int n = 0;
    for (long b = batch + 1; b <= *hi; ++b) {
        d.min_batch = d.max_batch = (size_t)b;
        if (cell_mark(ctx, &d, b, found, &n) == ' ') {
            *hi = b - 1;
            break;
        }
    }
    for (long b = batch - 1; b >= *lo; --b) {
        d.min_batch = d.max_batch = (size_t)b;
        if (cell_mark(ctx, &d, b, found, &n) == ' ') {
            *lo = b + 1;
            break;
        }
    }
}

/* The batches of the buckets' ranges that no entry of this run covers, because the winner
 * streams the weights once per group of rows and its entry stops at max(batch, one group): those
 * batches keep the other databases' entries until they are tuned themselves (a tune at 1, 4, 16,
 * 32 whose B=4 winner was a 4-row stream tile left 5-8 on sm_90's 16-row tile, 1.52x slower on
 * the 70B shard: bench/results/2026-11-29-h200-s42-c). */
static void print_left_over(const search *all, int n)
{
    int shown = 0;
    for (int i = 0; i < n; ++i) {
        const search *s = &all[i];
        if (s->best < 0) continue;
        const long top = tune_entry_top(s->done[s->best].ran, (long)s->batch, s->b_hi);
        if (top >= s->b_hi || s->filled) continue;
        if (!shown++)
            printf("\nbatches left to the other databases (the winner's entry stops at its batch "
                   "or one group of rows; add them to --batch, or run with --fill, to tune them):\n");
        char left[48], own[48];
        tune_batch_range(top + 1, s->b_hi, left, sizeof left);
        tune_batch_range(s->b_lo, top, own, sizeof own);
        printf("  %zux%zu %s %s, weights %s, activations %s: B=%s (B=%zu's entry covers %s)\n",
               s->desc.hidden, s->desc.intermediate,
               s->desc.kind == FMLP_MLP_PLAIN ? "plain" : "gated",
               fmlp_activation_name(s->desc.activation), fmlp_dtype_name(s->desc.weight_dtype),
               fmlp_dtype_name(s->desc.act_dtype), left, s->batch, own);
    }
}

/* A bucket of configuration d at `batch` over the range lo..hi of case c, nothing measured yet;
 * returns s. */
static search *bucket_init(search *s, const fmlp_plan_desc *d, size_t batch, mlp_case *c, long lo,
                           long hi)
{
    s->desc = *d;
    s->batch = batch;
    s->desc.min_batch = s->desc.max_batch = batch;
    s->c = c;
    s->best = s->base = s->gen = -1;
    s->b_lo = lo;
    s->b_hi = hi;
    return s;
}

/* Searches bucket s (its desc, batch, range and case set): its key, its budget (the share of
 * --total-budget left), the search and the confirming rounds, and what it ran past its budget. */
static void run_bucket(tuner *t, search *s, double *overrun, int *nbudgeted)
{
    const options *o = t->o;
    const fmlp_plan_desc *d = &s->desc;
    snprintf(s->key, sizeof s->key, "kind=%s act=%s wt=%s at=%s H=%zu I=%zu B=%zu",
             d->kind == FMLP_MLP_PLAIN ? "plain" : "gated", fmlp_activation_name(d->activation),
             fmlp_dtype_name(d->weight_dtype), fmlp_dtype_name(d->act_dtype), d->hidden,
             d->intermediate, s->batch);
    s->budget = o->budget;
    if (o->total_budget > 0) {
        double left = o->total_budget - (now() - t->t0);
        double share = tune_bucket_share(left, t->nbuckets - t->bucket, *overrun, *nbudgeted);
        if (s->budget <= 0 || share < s->budget) s->budget = share;
    }
    s->t_start = now();
    char range[48], budget[32];
    if (s->b_hi == LONG_MAX) snprintf(range, sizeof range, "%ld-", s->b_lo);
    else snprintf(range, sizeof range, "%ld-%ld", s->b_lo, s->b_hi);
    if (s->budget > 0) snprintf(budget, sizeof budget, "%.0f s", s->budget);
    else snprintf(budget, sizeof budget, "none");
    printf("\n== [%d/%d] %zux%zu %s %s, weights %s, activations %s, B=%zu (entry for "
           "B=%s), budget %s\n",
           t->bucket + 1, t->nbuckets, d->hidden, d->intermediate,
           d->kind == FMLP_MLP_PLAIN ? "plain" : "gated", fmlp_activation_name(d->activation),
           fmlp_dtype_name(d->weight_dtype), fmlp_dtype_name(d->act_dtype), s->batch, range,
           budget);
    tune_bucket(t, s);
    if (s->best >= 0 && !interrupted) confirm(t, s);
    if (s->budget > 0) { /* what the bucket took past its budget (--total-budget) */
        const double past = now() - s->t_start - s->budget;
        *overrun += past > 0 ? past : 0;
        (*nbudgeted)++;
    }
    t->bucket++;
}

static int run_tuner(const options *o)
{
    tuner t;
    memset(&t, 0, sizeof t);
    t.o = o;
    t.t0 = now();
    search *all = NULL;
    tune_entry *entries = NULL;
    unsigned char *covered = NULL; /* --uncovered: per (config, batch), skipped */
    long *ranges = NULL;            /* per (config, batch), its range (--uncovered: clipped) */
    mlp_case c;
    memset(&c, 0, sizeof c);
    int rc = 1, nall = 0, cap = 0, nentries = 0;
    char err[1024], path_state[1100];
    fmlp_status st = reopen(&t);
    if (st != FMLP_SUCCESS) {
        fprintf(stderr, "flashmlp-tune: opening the device: %s\n", fmlp_status_string(st));
        goto done;
    }
    mlp_warn_skipped_dbs(t.ctx, "flashmlp-tune");
    /* t.ctx is reopened after a runtime error (and may then be gone): keep the identity */
    const fmlp_device ident = t.ctx->dev, *dev = &ident;
    char out[1024];
    if (o->out[0]) snprintf(out, sizeof out, "%s", o->out);
    else {
        char folder[900], name[256];
        if (!fmlp_user_folder("FLASHMLP_TUNING_DIR", "tuning", folder, sizeof folder)) {
            fprintf(stderr, "flashmlp-tune: no user folder (HOME unset): give --out\n");
            goto done;
        }
        tune_device_file_name(dev, name, sizeof name);
        snprintf(out, sizeof out, "%s/%s", folder, name);
    }
    state_path(out, path_state, sizeof path_state);
    if (make_parent(out) != 0) {
        fprintf(stderr, "flashmlp-tune: cannot create the folder of %s\n", out);
        goto done;
    }
    if (tune_check_output(out, dev, o->match, err, sizeof err) != 0) {
        fprintf(stderr, "flashmlp-tune: %s\n", err);
        goto done;
    }
    if (tune_state_open(&t.state, path_state, dev, o->resume, err, sizeof err) != 0) {
        fprintf(stderr, "flashmlp-tune: %s\n", err);
        goto done;
    }
    printf("device: %s (%s), vendor=%s arch=%s, %u compute units, driver %s\n", dev->name,
           dev->platform_name, dev->vendor, dev->arch[0] ? dev->arch : "-",
           dev->info.compute_units, dev->driver);
    printf("output: %s\nstate:  %s%s\n", out, path_state,
           o->resume ? (t.state.count ? " (resuming)" : " (nothing to resume)") : "");
    check_spaces(o);

    nall = nconfigs(o) * o->nbatches;
    /* --fill adds at most one bucket for each */
    cap = o->fill ? 2 * nall : nall;
    all = calloc((size_t)cap, sizeof *all);
    t.all = all;
    entries = calloc((size_t)cap, sizeof *entries);
    covered = calloc((size_t)nall, 1);
    ranges = calloc((size_t)nall * 2, sizeof *ranges);
    if (!all || !entries || !covered || !ranges) {
        fprintf(stderr, "flashmlp-tune: out of host memory\n");
        goto done;
    }
    t.nbuckets = nall;
    for (int i = 0; i < nall; ++i)
        bucket_range(o, i % o->nbatches, &ranges[2 * i], &ranges[2 * i + 1]);
    if (o->uncovered) {
        /* the cells that already have an entry of this device keep it; the others' batch
         * ranges are what the whole --batch list gives them, cut short of the batches between
         * that have one, so that no entry written here claims a covered cell's batches */
        for (int i = 0; i < nall; ++i) {
            fmlp_plan_desc d = config_desc(o, i / o->nbatches);
            d.max_batch = o->batches[i % o->nbatches];
            fmlp_params found[8];
            int n = 0;
            covered[i] = cell_mark(t.ctx, &d, (long)d.max_batch, found, &n) == ' ';
            t.nbuckets -= covered[i];
            if (!covered[i])
                clip_to_uncovered(t.ctx, d, (long)d.max_batch, &ranges[2 * i], &ranges[2 * i + 1]);
            else
                printf("skipped (--uncovered): %zux%zu %s/%s B=%zu has %s\n", d.hidden,
                       d.intermediate, fmlp_dtype_name(d.weight_dtype),
                       fmlp_dtype_name(d.act_dtype), d.max_batch, found[0].origin);
        }
        if (t.nbuckets == 0) {
            printf("every cell has an entry of this device or the user's: nothing to tune\n");
            rc = 0;
            goto done;
        }
    }
    double overrun = 0; /* seconds the budgeted buckets so far took past their budgets */
    int nbudgeted = 0;
    for (int sh = 0; sh < nconfigs(o) && !interrupted; ++sh) {
        int todo = 0;
        for (int bi = 0; bi < o->nbatches; ++bi) todo += !covered[sh * o->nbatches + bi];
        if (!todo) continue;
        fmlp_plan_desc d = config_desc(o, sh);
        size_t maxb = o->batches[o->nbatches - 1];
        mlp_case_free(&c);
        const int ci = mlp_case_init(&c, &d, maxb, o->seed + (uint64_t)sh);
        if (ci != 0) {
            if (ci < 0)
                fprintf(stderr, "flashmlp-tune: out of host memory for %zux%zu\n", d.hidden,
                        d.intermediate);
            else /* the format cannot hold the shape: a row length not a multiple of its block */
                fprintf(stderr, "flashmlp-tune: %s weights do not fit %zux%zu: %s\n",
                        fmlp_dtype_name(d.weight_dtype), d.hidden, d.intermediate,
                        fmlp_status_string((fmlp_status)ci));
            goto done;
        }
        const int first = t.bucket; /* this configuration's first bucket */
        for (int bi = 0; bi < o->nbatches && !interrupted; ++bi) {
            if (covered[sh * o->nbatches + bi]) continue;
            search *s = bucket_init(&all[t.bucket], &d, o->batches[bi], &c,
                                    ranges[2 * (sh * o->nbatches + bi)],
                                    ranges[2 * (sh * o->nbatches + bi) + 1]);
            run_bucket(&t, s, &overrun, &nbudgeted);
        }
        /* --fill: a bucket whose winner's entry stops short of its range (one group of rows)
         * leaves the batches past it to the other databases; tune the top of that range too,
         * within the rows of this case (the last bucket's range reaches past them: listed) */
        for (int k = first; o->fill && k < t.bucket && !interrupted; ++k) {
            search *p = &all[k];
            if (p->best < 0 || p->b_hi > (long)maxb) continue;
            const long top = tune_entry_top(p->done[p->best].ran, (long)p->batch, p->b_hi);
            if (top >= p->b_hi) continue;
            search *s = bucket_init(&all[t.bucket], &d, (size_t)p->b_hi, &c, top + 1, p->b_hi);
            t.nbuckets++;
            char range[48];
            tune_batch_range(s->b_lo, s->b_hi, range, sizeof range);
            printf("\n(--fill: B=%s, which B=%zu's entry leaves)", range, p->batch);
            run_bucket(&t, s, &overrun, &nbudgeted);
            p->filled = s->best >= 0;
        }
    }
    if (interrupted) printf("\ninterrupted: writing what was found; --resume continues\n");
    for (int i = 0; i < t.bucket; ++i) {
        search *s = &all[i];
        if (s->best < 0) continue;
        tune_entry *e = &entries[nentries++];
        e->desc = s->desc;
        e->b_lo = s->b_lo;
        e->b_hi = tune_entry_top(s->done[s->best].ran, (long)s->batch, s->b_hi);
        snprintf(e->params, sizeof e->params, "%s", s->done[s->best].ran);
        if (s->final_base > 0 && s->final_gen > 0)
            snprintf(e->comment, sizeof e->comment,
                     "B=%zu: %.4f ms; generic (%s) %.4f ms: %.2fx; shipped (%s) %.4f ms: %.2fx",
                     s->batch, s->final_best * 1e3, s->gen_origin, s->final_gen * 1e3,
                     s->final_gen / s->final_best, s->base_origin, s->final_base * 1e3,
                     s->final_base / s->final_best);
        else if (s->final_base > 0)
            snprintf(e->comment, sizeof e->comment,
                     "B=%zu: %.4f ms; the shipped databases' choice (%s) %.4f ms: %.2fx",
                     s->batch, s->final_best * 1e3, s->base_origin, s->final_base * 1e3,
                     s->final_base / s->final_best);
        else
            snprintf(e->comment, sizeof e->comment, "B=%zu: %.4f ms (%d candidates)", s->batch,
                     (s->final_best > 0 ? s->final_best : s->done[s->best].time_s) * 1e3,
                     s->ndone);
    }
    print_table(all, t.bucket);
    print_left_over(all, t.bucket);
    printf("\ncandidates: %d ok", t.counts[TUNE_OK]);
    for (int k = 1; k < TUNE_NOUTCOMES; ++k)
        if (t.counts[k]) printf(", %d %s", t.counts[k], tune_outcome_name(k));
    printf(" (%d taken from the state file); %.0f s\n", t.resumed, now() - t.t0);
    if (nentries == 0) {
        fprintf(stderr, "flashmlp-tune: no candidate passed the check: nothing written\n");
        goto done;
    }
    if (tune_write_db(out, dev, o->match, o->command, entries, nentries, err, sizeof err) != 0) {
        fprintf(stderr, "flashmlp-tune: %s\n", err);
        goto done;
    }
    if (err[0]) printf("%s\n", err);
    printf("wrote %s (%d entr%s)\n", out, nentries, nentries == 1 ? "y" : "ies");
    /* its entries name the x formats tuned: other x formats reach them only through the
     * lookup's fp32-x rule (src/tuning_lookup.c), on shapes with no entry of their own */
    int x16 = 0;
    for (int a = 0; a < o->nacts; ++a) x16 |= o->acts[a] != FMLP_DTYPE_F32;
    if (!x16)
        printf("these entries are for fp32 activations; plans with f16 or bf16 activations start "
               "from them where no entry for their own format and shape exists, and run faster "
               "on entries tuned for it (--acts f16 or bf16)\n");
    rc = interrupted ? 130 : 0;
done:
    if (all)
        for (int i = 0; i < cap; ++i) free(all[i].done);
    free(all);
    free(entries);
    free(covered);
    free(ranges);
    mlp_case_free(&c);
    tune_state_close(&t.state);
    if (t.q) clReleaseCommandQueue(t.q);
    fmlp_context_release(t.ctx);
    return rc;
}

/* Environment the tuner changes for itself and puts back on return (the tests call it
 * in-process): overrides would silently change every candidate, and candidates must not
 * fill the disk program cache. */
static const char *const env_names[] = {"FLASHMLP_OVERRIDES", "FLASHMLP_CACHE"};

/* The batch tiles of an entry's kernels: the rows of the batch each work-group of the gate/up
 * (or only) kernel and of the down kernel takes, as the strategies size their grids (mma and
 * tiled: mt and dmt; mmav and mmaq: 8 fb and 8 dfb; stream: bt, both phases). */
static const struct {
    const char *strategy, *gateup, *down;
    long scale;
} batch_tiles[] = {{"mma", "mt", "dmt", 1},  {"tiled", "mt", "dmt", 1}, {"unfused", "mt", "dmt", 1},
                   {"mmav", "fb", "dfb", 8}, {"mmaq", "fb", "dfb", 8},  {"stream", "bt", "bt", 1}};

/* Appends to line (of size n) the rows of tiles the entry p runs at batch b for each kernel
 * whose tile it names, with the share of them past the batch; returns 1 when a kernel runs more
 * than one tile and at least a fifth of its rows past the batch (rows computed and dropped in
 * the batches where the arithmetic, not the weight stream, sets the time), else 0. */
static int tile_rows(const fmlp_params *p, long b, char *line, size_t n)
{
    int flagged = 0;
    for (size_t i = 0; i < sizeof batch_tiles / sizeof *batch_tiles; ++i) {
        if (strcmp(batch_tiles[i].strategy, p->strategy) != 0) continue;
        const char *keys[2] = {batch_tiles[i].gateup, batch_tiles[i].down};
        const char *names[2] = {"gate/up", "down"};
        for (int k = 0; k < 2; ++k) {
            const long t = fmlp_params_get(p, keys[k], 0) * batch_tiles[i].scale;
            if (t <= 0) continue;
            const long rows = (b + t - 1) / t * t, idle = rows - b;
            const size_t used = strlen(line);
            snprintf(line + used, n - used, "%s%s %ld rows in tiles of %ld (%ld%% past B)",
                     used ? ", " : "; ", names[k], rows, t, 100 * idle / rows);
            flagged |= b > t && 5 * idle >= rows;
        }
    }
    return flagged;
}

/* Whether the first entry plans of d start from at batch b (the entry --report-coverage
 * names) holds for any shape: no H or I of its own. */
static int entry_names_no_shape(const fmlp_context *ctx, const fmlp_plan_desc *d, long b)
{
    const fmlp_db_entry *e = fmlp_tuning_first_entry(ctx, d, b);
    return e && e->hidden == 0 && e->inter == 0;
}

/* --report-coverage: the databases that would apply to a device described as "vendor,arch[,
 * name[,compute units]]" (no OpenCL device is opened), and for every shape, weight and
 * activation format and batch of the options, the entries a plan would start from, most
 * specific database first. A cell whose first entry comes from an arch, vendor or generic
 * database has no entry measured for that device: marked "*". A cell of 16-bit activations
 * whose first entry is the one the same cell with fp32 activations starts from was not tuned
 * for its activations (entries without at= serve all three): marked "=". */
static int report_coverage(const options *o)
{
    char spec[512];
    if (snprintf(spec, sizeof spec, "%s", o->coverage) >= (int)sizeof spec) {
        fprintf(stderr, "flashmlp-tune: --report-coverage: too long\n");
        return 2;
    }
    int commas = 0;
    for (const char *c = spec; *c; ++c) commas += *c == ',';
    char *field[4] = {NULL, NULL, NULL, NULL};
    int nf = 0;
    for (char *p = spec; nf < 4;) {
        field[nf++] = p;
        char *c = strchr(p, ',');
        if (!c) break;
        *c = 0;
        p = c + 1;
    }
    size_t cus = 0;
    if (commas > 3 || nf < 2 || !*field[0] || (nf == 4 && parse_size(field[3], &cus) != 0)) {
        fprintf(stderr, "flashmlp-tune: --report-coverage takes \"vendor,arch[,name[,compute "
                        "units]]\", not '%s'\n", o->coverage);
        return 2;
    }
    fmlp_context *ctx = calloc(1, sizeof *ctx);
    if (!ctx) return 1;
    fmlp_device *d = &ctx->dev;
    snprintf(d->vendor, sizeof d->vendor, "%s", field[0]);
    snprintf(d->arch, sizeof d->arch, "%s", field[1]);
    snprintf(d->name, sizeof d->name, "%s", nf > 2 ? field[2] : "");
    d->info.vendor = d->vendor;
    d->info.arch = d->arch;
    d->info.name = d->name;
    d->info.compute_units = (unsigned)cus;
    fmlp_databases_load(ctx);
    char info[4096];
    if (fmlp_context_tuning_info(ctx, info, sizeof info) == FMLP_SUCCESS)
        printf("device: vendor=%s arch=%s name=\"%s\" cus=%zu\ndatabases, in lookup order:\n%s\n",
               d->vendor, d->arch, d->name, cus, info);
    int uncovered = 0, shared = 0, cells = 0, cells16 = 0, padded = 0, shapeless = 0;
    for (int c = 0; c < nconfigs(o); ++c)
        for (int b = 0; b < o->nbatches; ++b) {
            fmlp_plan_desc desc = config_desc(o, c);
            desc.max_batch = o->batches[b];
            fmlp_params found[8];
            int n = 0;
            const char mark = cell_mark(ctx, &desc, (long)o->batches[b], found, &n);
            ++cells;
            cells16 += desc.act_dtype != FMLP_DTYPE_F32;
            uncovered += mark == '*';
            shared += mark == '=';
            printf("%c %zux%zu %s/%s %s B=%zu: ", mark, desc.hidden, desc.intermediate,
                   fmlp_dtype_name(desc.weight_dtype), fmlp_dtype_name(desc.act_dtype),
                   desc.precision == FMLP_PRECISION_INT8_DOT ? "int8" : "exact", o->batches[b]);
            if (n == 0) {
                printf("no entry (the strategy's portable defaults)\n");
                continue;
            }
            char tiles[256] = "";
            padded += tile_rows(&found[0], (long)o->batches[b], tiles, sizeof tiles);
            /* a format on an entry for any shape where fp32 weights (same x) have one for
             * this shape: tiles tuned for fp32 weights that the format never got */
            fmlp_plan_desc d32 = desc;
            d32.weight_dtype = FMLP_DTYPE_F32;
            d32.group_size = 0;
            d32.precision = FMLP_PRECISION_EXACT;
            const int no_shape = desc.weight_dtype != FMLP_DTYPE_F32 &&
                                 entry_names_no_shape(ctx, &desc, (long)o->batches[b]) &&
                                 !entry_names_no_shape(ctx, &d32, (long)o->batches[b]);
            shapeless += no_shape;
            /* the entry the shape's fp32-x one went ahead of (16-bit x), for comparisons */
            const int over =
                n > 1 && origin_unmarked(found[0].origin) < strlen(found[0].origin);
            printf("%s (%s%s%s)%s%s%s\n", found[0].strategy, found[0].origin,
                   over ? " over " : "", over ? found[1].origin : "",
                   n > 1 ? ", then more" : "", tiles,
                   no_shape ? "; its entry names no shape, fp32 weights' does" : "");
        }
    printf("\n%d of %d cells start from an arch, vendor or generic entry (*)\n", uncovered, cells);
    if (cells16)
        printf("%d of %d cells of 16-bit activations start from the entry of this device that "
               "fp32 activations take (=)\n", shared, cells16);
    printf("%d of %d cells run a kernel over more than one batch tile with at least a fifth of "
           "its rows past the batch\n", padded, cells);
    printf("%d of %d cells take an entry for any shape where fp32 weights with the same "
           "activations take one for this shape\n", shapeless, cells);
    fmlp_databases_free(ctx);
    free(ctx);
    return 0;
}

int fmlp_tune_main(int argc, char **argv)
{
    options o;
    int rc = parse_options(argc, argv, &o);
    if (rc) return rc == 1 ? 0 : 2;
    if (o.child) return plan_timing_child(&o);
    if (o.report_cache) return report_cache(&o);
    if (o.coverage) return report_coverage(&o);

    char *saved[2] = {NULL, NULL};
    for (int i = 0; i < 2; ++i) {
        const char *v = getenv(env_names[i]);
        saved[i] = v ? fmlp_strdup(v) : NULL;
    }
    if (saved[0]) printf("note: FLASHMLP_OVERRIDES is ignored while tuning\n");
    unsetenv("FLASHMLP_OVERRIDES");
    setenv("FLASHMLP_CACHE", "0", 1);
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sa.sa_flags = SA_RESETHAND; /* a second Ctrl-C stops at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    interrupted = 0;

    rc = run_tuner(&o);

    sigaction(SIGINT, &old, NULL);
    for (int i = 0; i < 2; ++i) {
        if (saved[i]) setenv(env_names[i], saved[i], 1);
        else unsetenv(env_names[i]);
        free(saved[i]);
    }
    return rc;
}
