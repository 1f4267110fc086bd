/* The tuner, run in-process on a tiny shape: it writes a database that parses, that matches
 * this device, and that a plan then uses (from the user overlay); a resumed run measures
 * nothing twice; failures are recorded; bad options and another device's file are refused.
 * Each test works in fresh folders of its own (output, overlay, program cache). */
#include "common.h"
#include "internal.h"
#include "tuner.h"

#include <criterion/redirect.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[64], out[256], state[256];

static void setup(void)
{
    snprintf(root, sizeof root, "/tmp/fmlp-test-tuner-XXXXXX");
    cr_assert_not_null(mkdtemp(root));
    snprintf(out, sizeof out, "%s/tiny.db", root);
    snprintf(state, sizeof state, "%s/tiny.state", root);
    char dir[200];
    snprintf(dir, sizeof dir, "%s/programs", root);
    setenv("FLASHMLP_CACHE_DIR", dir, 1);
    snprintf(dir, sizeof dir, "%s/empty-overlay", root);
    setenv("FLASHMLP_TUNING_DIR", dir, 1);
    unsetenv("FLASHMLP_OVERRIDES");
}

static void teardown(void)
{
    remove_tree(root);
    leak_check();
}

TestSuite(tuner, .init = setup, .fini = teardown);

/* Run the tuner on H=64 I=160 for the given batches, at most max_cand candidates per batch,
 * with the options in `more` (NULL-terminated; NULL for none) after the others. */
static int tune_run(const char *batches, int max_cand, const char *const *more)
{
    char maxc[16];
    snprintf(maxc, sizeof maxc, "%d", max_cand);
    char *argv[32] = {"flashmlp-tune", "--shape", "64x160", "--batch", (char *)batches,
                      "--budget", "60", "--reps", "3", "--max-candidates", maxc, "--out", out};
    int argc = 13;
    for (; more && *more && argc < 31; ++more) argv[argc++] = (char *)*more;
    argv[argc] = NULL;
    return fmlp_tune_main(argc, argv);
}

/* Batches 8 and 1, with --resume and a --try candidate where given. */
static int tune(int max_cand, int resume, const char *extra)
{
    const char *more[4] = {NULL, NULL, NULL, NULL};
    int k = 0;
    if (resume) more[k++] = "--resume";
    if (extra) {
        more[k++] = "--try";
        more[k++] = extra;
    }
    return tune_run("8,1", max_cand, more);
}

/* Records in the state file that hold `what` (NULL: all) in the part of their line from the
 * first `from` on (NULL: the whole line). */
static int records_holding(const char *from, const char *what)
{
    char *text = NULL;
    if (fmlp_read_file(state, &text, NULL) != FMLP_SUCCESS) return -1;
    int n = 0;
    for (char *p = text; (p = strstr(p, "\nr ")) != NULL; ++p) {
        char *eol = strchr(p + 1, '\n');
        if (eol) *eol = '\0';
        const char *part = from ? strstr(p, from) : p;
        if (!what || (part && strstr(part, what))) ++n;
        if (eol) *eol = '\n';
    }
    free(text);
    return n;
}

/* Records in the state file, by outcome name (NULL: all). */
static int records(const char *outcome)
{
    char want[64];
    snprintf(want, sizeof want, "outcome=%s ", outcome ? outcome : "");
    return records_holding(NULL, outcome ? want : NULL);
}

/* No candidate of a bucket appears twice in the state file. */
static void expect_no_repeats(void)
{
    char *text = NULL;
    cr_assert_eq(fmlp_read_file(state, &text, NULL), FMLP_SUCCESS);
    char *lines[512];
    int n = 0;
    char *save = NULL;
    for (char *l = strtok_r(text, "\n", &save); l && n < 512; l = strtok_r(NULL, "\n", &save)) {
        if (strncmp(l, "r ", 2) != 0) continue;
        /* bucket= and tried= identify a candidate; the rest is its outcome */
        char *o = strstr(l, " outcome="), *t = strstr(l, " tried="), *r = strstr(l, " ran=");
        cr_assert(o && t && r, "malformed state line: %s", l);
        memmove(o, t, (size_t)(r - t));
        o[r - t] = '\0';
        lines[n++] = l;
    }
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j)
            cr_expect_str_neq(lines[i], lines[j], "measured twice: %s", lines[i]);
    free(text);
}

/* The database the tuner wrote to out, which must parse. */
static fmlp_db *written_db(void)
{
    char *text = NULL, err[512];
    cr_assert_eq(fmlp_read_file(out, &text, NULL), FMLP_SUCCESS, "no %s", out);
    fmlp_db *db = NULL;
    cr_assert_eq(fmlp_db_parse(text, out, &db, err, sizeof err), FMLP_SUCCESS, "%s", err);
    free(text);
    return db;
}

Test(tuner, tiny_run_writes_a_database_that_plans_use)
{
    cr_assert_eq(tune(4, 0, "strategy=stream wgs=100000"), 0);
    /* the database parses, is measured, and is for this device exactly */
    fmlp_db *db = written_db();
    cr_expect_eq(db->measured, 1);
    test_env e;
    env_open(&e);
    cr_expect_eq(fmlp_db_match_level(db, &e.ctx->dev), FMLP_DB_DEVICE);
    env_close(&e);
    cr_assert_eq(db->count, 2);
    long lo[2], hi[2]; /* the entries' batch ranges, for the plans below */
    /* batches 1 and 8 cover 1-4 and 5-16, except that a kernel streaming the weights once per
     * group of rows (stream: bt rows, mmav: 8 fb) covers no batch above max(measured, group) */
    for (int i = 0; i < 2; ++i) {
        const fmlp_db_entry *en = &db->entries[i];
        cr_expect_eq(en->hidden, 64);
        cr_expect_eq(en->inter, 160);
        cr_expect_eq(en->kind, FMLP_MLP_GATED);
        cr_expect_eq(en->act, FMLP_ACT_SILU);
        cr_expect_eq(en->wdtype, FMLP_DTYPE_F32);
        cr_expect_eq(en->adtype, FMLP_DTYPE_F32);
        cr_expect_eq(en->b_lo, i == 0 ? 1 : 5);
        const fmlp_params *pp = &en->params;
        long rows = !strcmp(pp->strategy, "stream") ? fmlp_params_get(pp, "bt", 0)
                    : !strcmp(pp->strategy, "mmav") ? 8 * fmlp_params_get(pp, "fb", 0)
                                                    : 0;
        long measured = i == 0 ? 1 : 8, bucket_hi = i == 0 ? 4 : 16;
        long top = rows > measured ? rows : measured;
        long want = rows == 0 || top > bucket_hi ? bucket_hi : top;
        cr_expect_eq(en->b_hi, want, "entry %d (%s): top %ld, expected %ld", i, pp->strategy,
                     en->b_hi, want);
        lo[i] = en->b_lo;
        hi[i] = en->b_hi;
    }
    fmlp_db_free(db);
    /* the candidate that cannot be valid was recorded, not built */
    cr_expect_eq(records("invalid"), 2, "one invalid record per batch expected");
    cr_expect_eq(records(NULL), 8);
    expect_no_repeats();

    /* from the overlay, plans take the tuned entries where they apply and say so; other
     * batches fall through to the shipped databases */
    setenv("FLASHMLP_TUNING_DIR", root, 1);
    env_open(&e);
    fmlp_plan_desc d = make_desc(64, 160, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.max_batch = 8;
    fmlp_plan *plan = NULL;
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &plan), FMLP_SUCCESS);
    const size_t batches[] = {1, 4, 5, 8};
    for (size_t i = 0; i < 4; ++i) {
        char how[600], want[400];
        cr_assert_eq(fmlp_plan_describe(plan, batches[i], how, sizeof how), FMLP_SUCCESS);
        snprintf(want, sizeof want, "from user:%s:", out);
        long b = (long)batches[i];
        int covered = (b >= lo[0] && b <= hi[0]) || (b >= lo[1] && b <= hi[1]);
        cr_expect((strstr(how, want) != NULL) == covered, "B=%zu (%s by the tuned entries): %s",
                  batches[i], covered ? "covered" : "not covered", how);
    }
    fmlp_plan_release(plan);
    check_case(&e, d, 1, NULL, TOL_F32);
    check_case(&e, d, 8, NULL, TOL_F32);
    /* other shapes are not affected */
    d.hidden = 72;
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &plan), FMLP_SUCCESS);
    char how[600];
    cr_assert_eq(fmlp_plan_describe(plan, 1, how, sizeof how), FMLP_SUCCESS);
    cr_expect(strstr(how, "user:") == NULL, "%s", how);
    fmlp_plan_release(plan);
    env_close(&e);
}

/* Records in the state file whose candidate text (tried= and what follows) holds `what`. */
static int records_with(const char *what) { return records_holding(" tried=", what); }

/* fmlp_tune_main's standard output for argv, into text (size bytes, NUL-terminated). */
static void tune_main_stdout(int argc, char **argv, char *text, size_t size)
{
    cr_redirect_stdout();
    cr_assert_eq(fmlp_tune_main(argc, argv), 0);
    fflush(stdout);
    FILE *f = cr_get_redirected_stdout();
    cr_assert_not_null(f);
    size_t n = fread(text, 1, size - 1, f);
    text[n] = 0;
}

/* A user overlay folder (FLASHMLP_TUNING_DIR set to it) and its database opened for writing,
 * its header written: the caller adds entries and closes it. */
static FILE *user_overlay(void)
{
    char overlay[300], path[400];
    snprintf(overlay, sizeof overlay, "%s/overlay", root);
    cr_assert_eq(mkdir(overlay, 0700), 0);
    snprintf(path, sizeof path, "%s/mine.db", overlay);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("flashmlp-tuning 1\ndevice vendor=pocl measured=yes\n", f);
    setenv("FLASHMLP_TUNING_DIR", overlay, 1);
    return f;
}

/* Other cells' entries at the batch are measured after --try and before the seeds, nearest
 * first (fmlp_tuning_neighbours): here the user's entries of f16 weights (another format)
 * and of the plain MLP (another kind) for the gated fp32 cell, and not with --no-neighbours. */
Test(tuner, measures_neighbouring_cells_tiles)
{
    FILE *f = user_overlay();
    fputs("entry kind=plain H=64 I=160 B=1-16 strategy=stream wgs=64 kl=8 ti=8 bt=8 vw=4 xc=64\n"
          "entry kind=gated wt=f16 H=64 I=160 B=5-16 strategy=stream wgs=32 kl=8 ti=8 bt=8 vw=4 "
          "xc=64\n"
          "entry kind=gated wt=f16 H=64 I=160 B=1-4 strategy=stream wgs=16 kl=8 ti=8 bt=1 vw=4 "
          "xc=64\n",
          f);
    fclose(f);
    const char *more[] = {"--strategies", "stream", NULL};
    /* the two baselines and the two neighbours at B=8 */
    cr_assert_eq(tune_run("8", 4, more), 0);
    cr_expect_eq(records_with("wgs=32 "), 1, "f16's tile not measured");
    cr_expect_eq(records_with("wgs=64 kl=8 ti=8 bt=8 "), 1, "the plain MLP's tile not measured");
    cr_expect_eq(records_with("wgs=16 "), 0, "a tile for other batches measured");
    expect_no_repeats();
    remove(state);
    remove(out);
    const char *none[] = {"--strategies", "stream", "--no-neighbours", NULL};
    cr_assert_eq(tune_run("8", 4, none), 0);
    cr_expect_eq(records_with("wgs=32 "), 0, "--no-neighbours measured f16's tile");
}

/* --total-budget's share of a bucket allows for what the done buckets took past theirs. */
Test(tuner, total_budget_share_allows_for_overruns)
{
    cr_expect_float_eq(tune_bucket_share(300, 15, 0, 0), 20, 1e-9, "nothing done yet");
    cr_expect_float_eq(tune_bucket_share(300, 15, 9, 1), 11, 1e-9, "9 s past in one bucket");
    cr_expect_float_eq(tune_bucket_share(300, 15, 18, 3), 14, 1e-9, "6 s past each");
    cr_expect_float_eq(tune_bucket_share(30, 15, 40, 2), 1, 1e-9, "at least a second");
    cr_expect_float_eq(tune_bucket_share(-5, 0, 0, 0), 1, 1e-9, "past the total");
}

/* A winner's entry stops at max(its batch, one group of rows) for the strategies that stream
 * the weights once per group (stream's bt, mmav's 8 fb); others reach the bucket's top. */
Test(tuner, entry_top_stops_at_one_group_of_rows)
{
    cr_expect_eq(tune_entry_top("strategy=stream wgs=256 kl=16 ti=64 bt=4", 4, 8), 4);
    cr_expect_eq(tune_entry_top("strategy=stream wgs=256 kl=16 ti=64 bt=1", 1, 8), 1);
    cr_expect_eq(tune_entry_top("strategy=stream wgs=256 kl=16 ti=64 bt=2", 4, 8), 4,
                 "the measured batch, above one group");
    cr_expect_eq(tune_entry_top("strategy=stream wgs=256 kl=16 ti=64 bt=16", 8, 16), 16);
    cr_expect_eq(tune_entry_top("strategy=mmav wg=4 fb=1", 4, 8), 8, "8 fb rows");
    cr_expect_eq(tune_entry_top("strategy=mmav wg=4 fb=1", 8, 16), 8);
    cr_expect_eq(tune_entry_top("strategy=mmav wg=4 fb=2", 8, 16), 16);
    cr_expect_eq(tune_entry_top("strategy=mma mt=64 nt=64", 64, 128), 128, "no rows parameter");
    cr_expect_eq(tune_entry_top("not a parameter string", 4, 8), 8);
}

/* The end of a run names the batches of a bucket's range that its winner's entry does not
 * cover, which keep the other databases' entries (one bucket at 8, range 5-16: a stream winner
 * of bt < 16 stops at 8). */
Test(tuner, names_the_batches_left_to_other_databases)
{
    char *argv[] = {"flashmlp-tune", "--shape", "64x160", "--batch", "8", "--budget", "60",
                    "--reps", "3", "--max-candidates", "3", "--strategies", "stream", "--out",
                    out, NULL};
    char text[32768];
    tune_main_stdout(15, argv, text, sizeof text);
    fmlp_db *db = written_db();
    cr_assert_eq(db->count, 1);
    const fmlp_db_entry *e = &db->entries[0];
    cr_expect_eq(e->b_lo, 5);
    char line[160], left[16];
    if (e->b_hi == 15) snprintf(left, sizeof left, "16");
    else snprintf(left, sizeof left, "%ld-16", e->b_hi + 1);
    snprintf(line, sizeof line, "64x160 gated silu, weights f32, activations f32: B=%s (B=8's "
             "entry covers 5-%ld)", left, e->b_hi);
    if (e->b_hi < 16) cr_expect_not_null(strstr(text, line), "%s", text);
    else cr_expect_null(strstr(text, "batches left to the other databases"), "%s", text);
    fmlp_db_free(db);
}

/* --strategies filters the neighbours before their cap of twelve: twelve nearer tiles of
 * another strategy (the user's tiled entries for f16 weights) leave the stream tile of the
 * plain MLP, the thirteenth nearest, still measured. */
Test(tuner, neighbours_filtered_before_their_cap)
{
    FILE *f = user_overlay();
    for (int i = 0; i < 12; ++i)
        fprintf(f, "entry kind=gated wt=f16 H=64 I=160 B=5-16 strategy=tiled mt=%d nt=%d kt=8 "
                   "tm=2 tn=2 dmt=16 dnt=16 dkt=8 dtm=2 dtn=2\n",
                16 << (i % 3), 16 << (i / 3));
    fputs("entry kind=plain H=64 I=160 B=1-16 strategy=stream wgs=64 kl=8 ti=8 bt=8 vw=4 "
          "xc=64\n",
          f);
    fclose(f);
    const char *more[] = {"--strategies", "stream", NULL};
    /* the two baselines and the one stream neighbour at B=8 */
    cr_assert_eq(tune_run("8", 3, more), 0);
    cr_expect_eq(records_with("wgs=64 kl=8 ti=8 bt=8 "), 1, "the plain MLP's tile not measured");
    cr_expect_eq(records_with("strategy=tiled"), 0, "a tile of another strategy measured");
    expect_no_repeats();
}

/* The smallest tuned batch covers down to just above half itself, not to 1: tuning B=6
 * alone writes B=4-..., and int8 plans get entries keyed pr=int8. */
Test(tuner, smallest_batch_starts_above_its_half)
{
    char *argv[] = {"flashmlp-tune", "--shape", "64x160", "--batch", "6", "--weights", "q4_0",
                    "--precision", "int8", "--budget", "60", "--reps", "3",
                    "--max-candidates", "2", "--out", out, NULL};
    cr_assert_eq(fmlp_tune_main(17, argv), 0);
    fmlp_db *db = written_db();
    cr_assert_eq(db->count, 1);
    cr_expect_eq(db->entries[0].b_lo, 4);
    cr_expect_leq(db->entries[0].b_hi, 12); /* twice the batch at most */
    cr_expect_eq(db->entries[0].prec, FMLP_PRECISION_INT8_DOT);
    cr_expect_eq(db->entries[0].wdtype, FMLP_DTYPE_Q4_0);
    fmlp_db_free(db);
}

/* Weight and activation formats: one entry per (format pair, batch), each keyed by its
 * formats, and a plan in each format takes its own entry from the overlay. */
Test(tuner, formats_each_get_their_entries)
{
    char *argv[] = {"flashmlp-tune", "--shape", "64x160", "--batch", "1", "--weights",
                    "q4_0,affine_q3", "--acts", "f32,f16", "--group", "32", "--budget", "60",
                    "--reps", "3", "--max-candidates", "2", "--out", out, NULL};
    cr_assert_eq(fmlp_tune_main(19, argv), 0);
    fmlp_db *db = written_db();
    cr_assert_eq(db->count, 4);
    const fmlp_dtype w[] = {FMLP_DTYPE_Q4_0, FMLP_DTYPE_AFFINE_Q3};
    const fmlp_dtype a[] = {FMLP_DTYPE_F32, FMLP_DTYPE_F16};
    for (int i = 0; i < 4; ++i) {
        cr_expect_eq(db->entries[i].wdtype, w[i / 2], "entry %d", i);
        cr_expect_eq(db->entries[i].adtype, a[i % 2], "entry %d", i);
        cr_expect_eq(db->entries[i].b_lo, 1);
    }
    fmlp_db_free(db);
    setenv("FLASHMLP_TUNING_DIR", root, 1);
    test_env e;
    env_open(&e);
    for (int i = 0; i < 4; ++i) {
        fmlp_plan_desc d = make_desc(64, 160, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
        d.weight_dtype = w[i / 2];
        d.act_dtype = a[i % 2];
        d.group_size = d.weight_dtype == FMLP_DTYPE_AFFINE_Q3 ? 32 : 0;
        d.max_batch = 1;
        fmlp_plan *plan = NULL;
        cr_assert_eq(fmlp_plan_create(e.ctx, &d, &plan), FMLP_SUCCESS);
        char how[600], want[400];
        cr_assert_eq(fmlp_plan_describe(plan, 1, how, sizeof how), FMLP_SUCCESS);
        snprintf(want, sizeof want, "from user:%s:", out); /* any line of the file */
        cr_expect(strstr(how, want) != NULL, "formats %d: %s", i, how);
        fmlp_plan_release(plan);
        check_case(&e, d, 1, NULL, mlp_tolerance(&d));
    }
    env_close(&e);
}

/* The entry of the written database for batch b (the first that covers it), asserting one. */
static const fmlp_db_entry *entry_for(const fmlp_db *db, long b)
{
    for (int i = 0; i < db->count; ++i)
        if (db->entries[i].b_lo <= b && db->entries[i].b_hi >= b) return &db->entries[i];
    cr_assert_fail("no entry for B=%ld", b);
    return NULL;
}

/* No entry of the file (one shape and format here) is shadowed whole by the entries before it:
 * each has a batch that it is the first to cover. */
static void expect_none_shadowed(const fmlp_db *db)
{
    for (int i = 0; i < db->count; ++i) {
        const fmlp_db_entry *e = &db->entries[i];
        int own = 0;
        for (long b = e->b_lo; b <= e->b_hi && b <= 256 && !own; ++b)
            own = entry_for(db, b) == e;
        cr_expect(own, "entry %d (B=%ld-%ld) can never be chosen", i, e->b_lo, e->b_hi);
    }
}

/* --fill: every batch from 1 to the largest tuned takes an entry written by the run, whatever
 * the winners' groups of rows (without it, a B=1 winner of bt=1 leaves 2 of the range 1-2 to
 * the other databases), and a bucket at B=2 runs exactly when B=1's entry left 2. */
Test(tuner, fill_covers_every_batch_up_to_the_largest)
{
    static const char *const fill[] = {"--fill", NULL};
    cr_assert_eq(tune_run("1,4", 3, fill), 0);
    fmlp_db *db = written_db();
    for (long b = 1; b <= 4; ++b) (void)entry_for(db, b);
    expect_none_shadowed(db);
    const int at2 = records_holding(" bucket=", " B=2\"");
    if (entry_for(db, 1)->b_hi < 2) cr_expect_gt(at2, 0, "B=1's entry leaves 2, and nothing tuned it");
    else cr_expect_eq(at2, 0, "a bucket at B=2 though B=1's entry covers it");
    fmlp_db_free(db);
}

/* A tune_run that finds every cell covered: success, and the output file as it was. */
static void expect_nothing_to_tune(const char *batches, const char *const *more)
{
    char *before = NULL, *after = NULL;
    cr_assert_eq(fmlp_read_file(out, &before, NULL), FMLP_SUCCESS);
    cr_assert_eq(tune_run(batches, 2, more), 0);
    cr_assert_eq(fmlp_read_file(out, &after, NULL), FMLP_SUCCESS);
    cr_expect_str_eq(after, before);
    free(before);
    free(after);
}

/* Runs for other batches of the same shape keep the file's entries for the batches they do
 * not cover (a run used to replace every entry of the shapes it tuned), and --uncovered tunes
 * only the cells without an entry of this device or the user's, with the batch ranges of the
 * whole --batch list. (An entry's range depends on its plan: a stream plan of batch tile bt
 * tuned at B=1 covers B=1 to bt, so counts of entries are not fixed; what is fixed is that
 * every batch tuned keeps an entry and none is kept that could never be chosen.) */
Test(tuner, later_runs_keep_other_batches_and_uncovered_skips)
{
    static const char *const uncovered[] = {"--uncovered", NULL};
    cr_assert_eq(tune_run("1", 2, NULL), 0);
    fmlp_db *db = written_db();
    cr_assert_eq(db->count, 1);
    cr_expect_eq(db->entries[0].b_lo, 1);
    fmlp_db_free(db);

    cr_assert_eq(tune_run("16", 2, NULL), 0);
    db = written_db();
    cr_expect_eq(db->count, 2, "the B=1 entry was dropped");
    cr_expect_eq(entry_for(db, 1)->b_lo, 1);
    cr_expect_eq(entry_for(db, 16)->b_lo, 9);
    expect_none_shadowed(db);
    fmlp_db_free(db);

    /* B=1 again: the new entry comes first, B=16's stays, the old B=1 entry only where it still
     * has batches of its own */
    cr_assert_eq(tune_run("1", 2, NULL), 0);
    db = written_db();
    cr_expect_eq(entry_for(db, 1), &db->entries[0]);
    cr_expect_eq(entry_for(db, 16)->b_lo, 9);
    cr_expect_leq(db->count, 3);
    expect_none_shadowed(db);
    const int before_uncovered = db->count;
    fmlp_db_free(db);

    /* with the file in the user overlay, B=1 and 16 are covered: only B=64 is searched, and
     * its entry starts above 32 (the ranges of 1,16,64), leaving B=16's in place */
    setenv("FLASHMLP_TUNING_DIR", root, 1);
    cr_assert_eq(tune_run("1,16,64", 2, uncovered), 0);
    cr_expect_gt(records(NULL), 0);
    char *text = NULL;
    cr_assert_eq(fmlp_read_file(state, &text, NULL), FMLP_SUCCESS);
    cr_expect_null(strstr(text, " B=1\""), "B=1 was searched again");
    cr_expect_null(strstr(text, " B=16\""), "B=16 was searched again");
    cr_expect_not_null(strstr(text, " B=64\""), "B=64 was not searched");
    free(text);
    db = written_db();
    cr_expect_eq(db->count, before_uncovered + 1);
    cr_expect_eq(entry_for(db, 64), &db->entries[0]);
    cr_expect_eq(entry_for(db, 64)->b_lo, 33);
    cr_expect_eq(entry_for(db, 16)->b_lo, 9);
    cr_expect_eq(entry_for(db, 1)->b_lo, 1);
    expect_none_shadowed(db);
    fmlp_db_free(db);

    /* and with every cell covered, nothing to do: success, the file as it was */
    expect_nothing_to_tune("1,16,64", uncovered);
}

/* --uncovered cuts a bucket's range short of the batches on either side that start from an
 * entry of this device or the user's: B=3 alone would cover 2-6, but the user's entries hold
 * 1-2 and 5-8, so its entry covers at most 3-4 (a tune of B=2 alone once wrote 2-4 over the
 * 70B shard's B=3-4 entries tuned at 4, and those cells ran the B=2 tile). Fails without
 * clip_to_uncovered. */
Test(tuner, uncovered_ranges_stop_at_covered_batches)
{
    FILE *f = user_overlay();
    fputs("entry kind=gated wt=f32 H=64 I=160 B=1-2 strategy=stream wgs=64 kl=8 ti=8 bt=8 vw=4 xc=64\n"
          "entry kind=gated wt=f32 H=64 I=160 B=5-8 strategy=stream wgs=64 kl=8 ti=8 bt=8 vw=4 xc=64\n",
          f);
    fclose(f);
    char *argv[] = {"flashmlp-tune", "--shape", "64x160", "--batch", "3", "--budget", "60",
                    "--reps", "3", "--max-candidates", "2", "--out", out, "--uncovered", NULL};
    char text[16384];
    tune_main_stdout(14, argv, text, sizeof text);
    cr_expect_not_null(strstr(text, "B=3 (entry for B=3-4)"), "%s", text);
    fmlp_db *db = written_db();
    cr_assert_eq(db->count, 1);
    cr_expect_geq(db->entries[0].b_lo, 3);
    cr_expect_leq(db->entries[0].b_hi, 4);
    fmlp_db_free(db);
}

/* --uncovered with 16-bit activations tunes a cell whose entry of this device has no at= (so
 * the same as fp32 activations take: tuned with fp32 x), and skips it once an entry named for
 * its activations exists. */
Test(tuner, uncovered_tunes_16bit_cells_on_fp32_entries)
{
    static const char *const f16[] = {"--uncovered", "--acts", "f16", NULL};
    cr_assert_eq(tune_run("1", 2, NULL), 0);
    char *text = NULL;
    cr_assert_eq(fmlp_read_file(out, &text, NULL), FMLP_SUCCESS);
    char *at = strstr(text, " at=f32");
    cr_assert_not_null(at, "%s", text);
    memmove(at, at + 7, strlen(at + 7) + 1); /* the entry now serves every activation format */
    cr_assert_null(strstr(text, " at="), "%s", text);
    FILE *f = fopen(out, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    free(text);
    setenv("FLASHMLP_TUNING_DIR", root, 1);
    cr_assert_eq(tune_run("1", 2, f16), 0);
    cr_assert_eq(fmlp_read_file(state, &text, NULL), FMLP_SUCCESS);
    cr_expect_not_null(strstr(text, "at=f16"), "the f16 cell was not searched: %s", text);
    free(text);
    fmlp_db *db = written_db();
    int named = 0;
    for (int i = 0; i < db->count; ++i) named += db->entries[i].adtype == (int)FMLP_DTYPE_F16;
    cr_expect_eq(named, 1);
    fmlp_db_free(db);
    /* now covered: nothing to tune, the file as it was */
    expect_nothing_to_tune("1", f16);
}

Test(tuner, resume_measures_nothing_twice)
{
    cr_assert_eq(tune(2, 0, NULL), 0);
    int first = records(NULL);
    cr_assert_eq(first, 4);
    /* the same search again: everything comes from the state */
    cr_assert_eq(tune(2, 1, NULL), 0);
    cr_expect_eq(records(NULL), first, "a resumed run measured again");
    /* a longer search goes on from there */
    cr_assert_eq(tune(3, 1, NULL), 0);
    cr_expect_eq(records(NULL), first + 2);
    expect_no_repeats();
    /* without --resume the state starts afresh */
    cr_assert_eq(tune(1, 0, NULL), 0);
    cr_expect_eq(records(NULL), 2);
}

Test(tuner, refuses_bad_options_and_other_devices_files)
{
    char *bad[][4] = {
        {"flashmlp-tune", "--shape", "64", NULL},
        {"flashmlp-tune", "--shape", "0x5", NULL},
        {"flashmlp-tune", "--batch", "1,,2", NULL},
        {"flashmlp-tune", "--batch", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17", NULL},
        {"flashmlp-tune", "--act", "swish", NULL},
        {"flashmlp-tune", "--match", "planet", NULL},
        {"flashmlp-tune", "--budget", "-1", NULL},
        {"flashmlp-tune", "--no-such-option", NULL, NULL},
        {"flashmlp-tune", "--weights", "q5_0", NULL},
        {"flashmlp-tune", "--weights", "f32,f32", NULL},
        {"flashmlp-tune", "--weights", "q4_0,", NULL},
        {"flashmlp-tune", "--acts", "q8_0", NULL},
        {"flashmlp-tune", "--group", "48", NULL},
        {"flashmlp-tune", "--out", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
        int argc = 0;
        while (bad[i][argc]) ++argc;
        cr_expect_eq(fmlp_tune_main(argc, bad[i]), 2, "accepted: %s %s", bad[i][1],
                     bad[i][2] ? bad[i][2] : "");
    }
    /* an existing database of another device is not overwritten */
    const char *other = "flashmlp-tuning 1\ndevice vendor=amd arch=gfx1100 measured=yes\n";
    FILE *f = fopen(out, "w");
    cr_assert_not_null(f);
    fputs(other, f);
    fclose(f);
    cr_expect_neq(tune(1, 0, NULL), 0);
    char *text = NULL;
    cr_assert_eq(fmlp_read_file(out, &text, NULL), FMLP_SUCCESS);
    cr_expect_str_eq(text, other);
    free(text);
    /* a state file of another device is not resumed */
    remove(out);
    f = fopen(state, "w");
    cr_assert_not_null(f);
    fputs("flashmlp-tune-state 1\ndevice vendor=amd arch=gfx1100 name=\"X\" cus=1 driver=\"1\"\n",
          f);
    fclose(f);
    cr_expect_neq(tune(1, 1, NULL), 0);
}

/* --report-coverage: the entries a described device (no OpenCL device opened) would start
 * from, cells without an entry of that device marked; the shipped H200 database has f16 B=3
 * of its own and takes f16 B=2 from the arch file (the overlay folder is empty here). */
Test(tuner, coverage_report_without_a_device)
{
    char *argv[] = {"flashmlp-tune", "--report-coverage", "nvidia,sm_90,NVIDIA H200,132",
                    "--weights", "f16", "--batch", "2,3", NULL};
    char text[8192];
    tune_main_stdout(7, argv, text, sizeof text);
    cr_expect_not_null(strstr(text, "device tuning/nvidia-h200.db"), "%s", text);
    cr_expect_not_null(strstr(text, "* 4096x14336 f16/f32 exact B=2: stream (arch:tuning/nvidia-sm_90.db:"),
                       "%s", text);
    cr_expect_not_null(strstr(text, "  4096x14336 f16/f32 exact B=3: mmav (device:tuning/nvidia-h200.db:"),
                       "%s", text);
    cr_expect_not_null(strstr(text, "1 of 2 cells"), "%s", text);
    /* malformed descriptions are refused */
    static const char *const bad[] = {"nvidia", ",sm_90", "nvidia,sm_90,X,lots", "nvidia,sm_90,X,1,2"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
        char *a[] = {"flashmlp-tune", "--report-coverage", (char *)bad[i], NULL};
        cr_expect_eq(fmlp_tune_main(3, a), 2, "accepted: %s", bad[i]);
    }
}

/* A user overlay folder (its path into dir) holding one H200 database of the given entries,
 * made the tuning overlay of this process. */
static void h200_overlay(char *dir, size_t n, const char *entries)
{
    char path[260];
    snprintf(dir, n, "%s/overlay", root);
    cr_assert_eq(mkdir(dir, 0700), 0);
    snprintf(path, sizeof path, "%s/h200.db", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fprintf(f, "flashmlp-tuning 1\n"
               "device vendor=nvidia arch=sm_90 name=\"NVIDIA H200\" cus=132 driver=\"1\" "
               "measured=yes\n%s", entries);
    fclose(f);
    setenv("FLASHMLP_TUNING_DIR", dir, 1);
}

/* --report-coverage marks "=" the cells of 16-bit activations that start from the entry the
 * same cell with fp32 activations takes (an entry without at=, tuned with fp32 x), and counts
 * them; a cell with an at=f16 entry of its own is left unmarked. */
Test(tuner, coverage_report_marks_entries_shared_with_fp32_activations)
{
    char dir[200], path[260];
    const char *tile = "strategy=tiled mt=64 nt=64 kt=16 tm=4 tn=4 dmt=64 dnt=64 dkt=16 dtm=4 dtn=4";
    char entries[400];
    snprintf(entries, sizeof entries,
             "entry kind=gated act=silu wt=f32 H=64 I=160 B=1-8 %s\n"
             "entry kind=gated act=silu wt=f32 at=f16 H=64 I=160 B=1-4 %s\n", tile, tile);
    h200_overlay(dir, sizeof dir, entries);
    char *argv[] = {"flashmlp-tune", "--report-coverage", "nvidia,sm_90,NVIDIA H200,132",
                    "--shape", "64x160", "--acts", "f32,f16", "--batch", "2,6", NULL};
    char text[8192];
    tune_main_stdout(9, argv, text, sizeof text);
    snprintf(path, sizeof path, "  64x160 f32/f32 exact B=6: tiled (user:%s/h200.db:3)", dir);
    cr_expect_not_null(strstr(text, path), "%s", text);
    snprintf(path, sizeof path, "  64x160 f32/f16 exact B=2: tiled (user:%s/h200.db:4)", dir);
    cr_expect_not_null(strstr(text, path), "%s", text);
    snprintf(path, sizeof path, "= 64x160 f32/f16 exact B=6: tiled (user:%s/h200.db:3)", dir);
    cr_expect_not_null(strstr(text, path), "%s", text);
    cr_expect_null(strstr(text, "= 64x160 f32/f32"), "%s", text);
    cr_expect_not_null(strstr(text, "0 of 4 cells start from"), "%s", text);
    cr_expect_not_null(strstr(text, "1 of 2 cells of 16-bit activations"), "%s", text);
}

/* --report-coverage gives each cell the rows its kernels' batch tiles run and counts the cells
 * where a kernel runs more than one tile and at least a fifth of its rows lie past the batch:
 * B=70 on 64-row gate/up tiles runs 128 rows (45% past it) and on 32-row down tiles 96 (27%);
 * B=40 runs one 64-row tile (not counted: one tile, however empty) and two 32-row ones (37%); B=64
 * runs whole tiles. */
Test(tuner, coverage_report_counts_padded_batch_tiles)
{
    char dir[200];
    h200_overlay(dir, sizeof dir,
                 "entry kind=gated act=silu wt=f32 H=64 I=160 B=33-200 strategy=tiled mt=64 nt=64 "
                 "kt=16 tm=4 tn=4 dmt=32 dnt=64 dkt=16 dtm=4 dtn=4\n");
    char *argv[] = {"flashmlp-tune", "--report-coverage", "nvidia,sm_90,NVIDIA H200,132",
                    "--shape", "64x160", "--batch", "40,64,70", NULL};
    char text[8192];
    tune_main_stdout(7, argv, text, sizeof text);
    cr_expect_not_null(strstr(text, "B=70: tiled (user:"), "%s", text);
    cr_expect_not_null(strstr(text, "gate/up 128 rows in tiles of 64 (45% past B), down 96 rows "
                                    "in tiles of 32 (27% past B)"), "%s", text);
    cr_expect_not_null(strstr(text, "gate/up 64 rows in tiles of 64 (37% past B), down 64 rows "
                                    "in tiles of 32 (37% past B)"), "%s", text);
    cr_expect_not_null(strstr(text, "gate/up 64 rows in tiles of 64 (0% past B), down 64 rows "
                                    "in tiles of 32 (0% past B)"), "%s", text);
    cr_expect_not_null(strstr(text, "2 of 3 cells run a kernel over more than one batch tile"),
                       "%s", text);
}

/* Every candidate space ends its lists inside their arrays: a seed list that filled its array
 * once sent the tuner past the end (a crash at the first batch that read it). */
Test(tuner, spaces_end_their_lists)
{
    int nspaces = 0;
    for (const tune_space *sp = tune_spaces; sp->strategy; ++sp, ++nspaces) {
        cr_expect_null(sp->seeds[TUNE_MAX_SEEDS].params, "%s: more than %d seeds",
                       sp->strategy, TUNE_MAX_SEEDS);
        cr_expect_null(sp->axes[TUNE_MAX_AXES].param, "%s: more than %d axes", sp->strategy,
                       TUNE_MAX_AXES);
        int nseeds = 0;
        while (nseeds <= TUNE_MAX_SEEDS && sp->seeds[nseeds].params) ++nseeds;
        cr_expect_gt(nseeds, 0, "%s has no seed", sp->strategy);
        for (const tune_axis *a = sp->axes; a->param; ++a) {
            int n = 0;
            while (n < TUNE_MAX_VALUES && a->values[n] != TUNE_END) ++n;
            cr_expect(n > 0 && n < TUNE_MAX_VALUES, "%s: axis %s has %d values, unended",
                      sp->strategy, a->param, n);
        }
    }
    cr_expect_geq(nspaces, 3);
}

/* Every seed of the NVIDIA-only strategies fits an NVIDIA device: its OpenCL gives a
 * work-group 48 KB of local memory and 1024 work-items. mmav's B = 17-64 seed once asked for
 * 64 KB (32 batch rows in 8 down warps) and was refused as "does not fit" at every tune on an
 * H200 or H100, so no tune started from a tile of 32 rows. A seed counts as fitting where the
 * gated or the plain MLP takes it (mma's 128 x 128 tiles with kt=32 are the plain MLP's), for
 * fp32 and a block format with its fields into the mma (iw=1), or for mmaq, whose only plans
 * they are, with int8 dot products. (The portable strategies shrink their seeds to fit.) */
Test(tuner, nvidia_seeds_fit_an_sm_90_device)
{
    fmlp_device dev;
    fake_device(&dev, "nvidia", "sm_90", "NVIDIA H200", 132, 1024, 48 * 1024);
    static const struct {
        fmlp_dtype w;
        fmlp_precision pr;
    } formats[] = {{FMLP_DTYPE_F32, FMLP_PRECISION_EXACT},
                   {FMLP_DTYPE_AFFINE_Q3, FMLP_PRECISION_EXACT},
                   {FMLP_DTYPE_Q4_0, FMLP_PRECISION_INT8_DOT}};
    static const char *const nvidia_only[] = {"mma", "mmav", "mmaq"};
    int checked = 0;
    for (size_t n = 0; n < sizeof nvidia_only / sizeof *nvidia_only; ++n) {
        const tune_space *sp = tune_spaces;
        while (sp->strategy && strcmp(sp->strategy, nvidia_only[n]) != 0) ++sp;
        cr_assert_not_null(sp->strategy, "no space for %s", nvidia_only[n]);
        const fmlp_strategy *st = fmlp_strategy_find(sp->strategy);
        cr_assert_not_null(st, "no strategy %s", sp->strategy);
        const int int8_only = strcmp(sp->strategy, "mmaq") == 0;
        for (const tune_seed *sd = sp->seeds; sd->params; ++sd)
            for (size_t f = 0; f < sizeof formats / sizeof *formats; ++f) {
                if (int8_only != (formats[f].pr == FMLP_PRECISION_INT8_DOT)) continue;
                char text[600], err[256];
                snprintf(text, sizeof text, "strategy=%s %s", sp->strategy, sd->params);
                int fits = 0;
                for (int kind = 0; kind < 2; ++kind) {
                    fmlp_plan_desc d = make_desc(4096, 14336, kind ? FMLP_MLP_PLAIN : FMLP_MLP_GATED,
                                                 kind ? FMLP_ACT_RELU : FMLP_ACT_SILU, 0);
                    d.weight_dtype = formats[f].w;
                    d.precision = formats[f].pr;
                    if (formats[f].w == FMLP_DTYPE_AFFINE_Q3) d.group_size = 32;
                    d.max_batch = (size_t)sd->b_lo;
                    fmlp_params p;
                    memset(&p, 0, sizeof p);
                    cr_assert_eq(fmlp_params_parse_overrides(text, &p, err, sizeof err),
                                 FMLP_SUCCESS, "%s: %s", text, err);
                    fits |= st->configure(&d, &dev, &p) == FMLP_SUCCESS;
                }
                cr_expect(fits, "%s (weights %d) fits no MLP in 48 KB and 1024 work-items", text,
                          (int)formats[f].w);
                ++checked;
            }
    }
    cr_expect_gt(checked, 40, "%d seeds checked", checked);
}

/* --report-coverage names the cells whose format takes an entry for any shape where fp32
 * weights with the same activations take one for this shape: the 70B shard's and GPT-2's
 * block formats on the H200 ran such tiles at 0.55-0.84x of fp32 weights (s34-a to s34-d). */
Test(tuner, coverage_report_marks_entries_for_any_shape)
{
    char dir[200];
    h200_overlay(dir, sizeof dir,
                 "entry kind=gated act=silu wt=f32 H=64 I=160 B=33-200 strategy=tiled mt=64 nt=64 "
                 "kt=16 tm=4 tn=4 dmt=32 dnt=64 dkt=16 dtm=4 dtn=4\n"
                 "entry wt=q4_0 B=33-200 strategy=tiled mt=32 nt=64 kt=16 tm=4 tn=4 dmt=32 "
                 "dnt=64 dkt=16 dtm=4 dtn=4\n"
                 "entry wt=q8_0 H=64 I=160 B=33-200 strategy=tiled mt=32 nt=64 kt=16 tm=4 tn=4 "
                 "dmt=32 dnt=64 dkt=16 dtm=4 dtn=4\n");
    char *argv[] = {"flashmlp-tune", "--report-coverage", "nvidia,sm_90,NVIDIA H200,132",
                    "--shape", "64x160", "--batch", "40", "--weights", "f32,q4_0,q8_0", NULL};
    char text[8192];
    tune_main_stdout(9, argv, text, sizeof text);
    const char *q4 = strstr(text, "64x160 q4_0/f32 exact B=40: tiled (user:");
    cr_assert_not_null(q4, "%s", text);
    const char *eol = strchr(q4, '\n');
    const char *mark = strstr(q4, "its entry names no shape, fp32 weights' does");
    cr_expect(mark && eol && mark < eol, "q4_0's line not marked:\n%s", text);
    cr_expect_not_null(strstr(text, "1 of 3 cells take an entry for any shape where fp32 weights"),
                       "%s", text);
}

/* A budget spent before the first candidate (on the H200, building GPT-2's 16 seeds ahead took
 * 80 s of a 20 s budget) still measures the generic and shipped databases' choices, so the
 * bucket gets an entry and its ratios; the seeds are neither built nor measured. */
Test(tuner, spent_budget_still_measures_the_baselines)
{
    char *argv[] = {"flashmlp-tune", "--shape", "64x160", "--batch", "3", "--budget", "1e-9",
                    "--reps", "1", "--out", out, NULL};
    static char text[1 << 16];
    setenv("FLASHMLP_BUILD_THREADS", "2", 1); /* so that programs are built ahead */
    tune_main_stdout(11, argv, text, sizeof text);
    unsetenv("FLASHMLP_BUILD_THREADS");
    cr_expect(strstr(text, "building the programs of 2 candidates ahead") != NULL, "%s", text);
    int lines = 0;
    for (const char *p = text; (p = strstr(p, "programs ahead")) != NULL; ++p) ++lines;
    cr_expect_eq(lines, 1, "only the baselines' build reported expected:\n%s", text);
    cr_expect_eq(records(NULL), 2, "the two baselines, and nothing else, expected");
    fmlp_db *db = written_db();
    cr_expect_eq(db->count, 1);
    fmlp_db_free(db);
}

/* A list longer than the options hold is refused with the limit, not as a bad value (its items
 * may all be fine). */
Test(tuner, too_long_a_list_says_the_limit)
{
    char *argv[] = {"flashmlp-tune", "--batch", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17", NULL};
    cr_redirect_stderr();
    cr_assert_eq(fmlp_tune_main(3, argv), 2);
    fflush(stderr);
    FILE *f = cr_get_redirected_stderr();
    cr_assert_not_null(f);
    char text[512];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = 0;
    cr_expect_not_null(strstr(text, "--batch takes at most 16 values, not 17"), "%s", text);
}

/* The tile that won a format's bucket is measured next among the neighbours of the same
 * shape's and batch's buckets of the formats after it in the run (here f16 after f32 at B=8),
 * before any database's. */
Test(tuner, measures_this_runs_winners_of_other_formats)
{
    char *argv[] = {"flashmlp-tune", "--shape", "64x160", "--batch", "8", "--weights", "f32,f16",
                    "--budget", "60", "--reps", "3", "--max-candidates", "3", "--out", out, NULL};
    char text[65536];
    tune_main_stdout(15, argv, text, sizeof text);
    cr_expect_not_null(strstr(text, "(1 from this run's other formats)"), "%s", text);
    cr_expect_null(strstr(text, "(2 from this run's other formats)"), "%s", text);
    /* f32's winner (its entry) measured in f16's bucket, which holds three candidates: the two
     * baselines and, unless the winner is one of them, the winner as the first neighbour */
    fmlp_db *db = written_db();
    cr_assert_eq(db->count, 2);
    const fmlp_db_entry *e32 = db->entries[0].wdtype == FMLP_DTYPE_F32 ? &db->entries[0]
                                                                       : &db->entries[1];
    fmlp_strbuf sb = {0};
    fmlp_params_format(&e32->params, &sb);
    cr_assert(!sb.failed && sb.data);
    char want[700];
    snprintf(want, sizeof want, " tried=\"%s\"", sb.data);
    cr_expect_eq(records_holding(" wt=f16 ", want), 1, "f32's winner %s not measured for f16",
                 sb.data);
    cr_expect_eq(records_holding(NULL, " wt=f16 "), 3, "f16's bucket's candidates");
    fmlp_strbuf_free(&sb);
    fmlp_db_free(db);
}
