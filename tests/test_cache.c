/* The on-disk program cache: a second context loads what the first built, damaged or foreign
 * entries are detected, deleted and rebuilt (and the results stay right), the environment
 * moves or disables the cache, and cache trouble never fails a plan. Each test works in a
 * fresh folder of its own (FLASHMLP_CACHE_DIR), never in the user's home. */
#include "common.h"
#include "internal.h"

#include <criterion/parameterized.h>

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[64], cache[128];

static void setup(void)
{
    snprintf(root, sizeof root, "/tmp/fmlp-test-cache-XXXXXX");
    cr_assert_not_null(mkdtemp(root));
    snprintf(cache, sizeof cache, "%s/programs", root);
    setenv("FLASHMLP_CACHE_DIR", cache, 1);
    /* on: PoCL, the CI device, uses the disk cache only when asked */
    setenv("FLASHMLP_CACHE", "1", 1);
    setenv("FLASHMLP_TUNING_DIR", root, 1); /* no user overlay: the folder holds no *.db */
}

static void teardown(void)
{
    remove_tree(root);
    leak_check();
}

TestSuite(cache, .init = setup, .fini = teardown);

#define STREAM "strategy=stream wgs=64 kl=8 ti=16 bt=2 vw=4 xc=64"
#define STREAM2 "strategy=stream wgs=64 kl=16 ti=8 bt=1 vw=2 xc=64"
#define H 48
#define I 80

/* Entries (*.clbin) in the cache folder; the name of the last one seen in first (optional).
 * Temporary files left behind count as -1000 so that a test notices them. */
static int entries(char *first, size_t n)
{
    DIR *d = opendir(cache);
    if (!d) return 0;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (strstr(e->d_name, ".tmp")) count -= 1000;
        if (l < 6 || strcmp(e->d_name + l - 6, ".clbin") != 0) continue;
        if (first) snprintf(first, n, "%s/%s", cache, e->d_name);
        ++count;
    }
    closedir(d);
    return count;
}

/* Create (and release) one plan with these overrides (and the user database text db, if any)
 * in a fresh context; returns how the program counts moved. */
static fmlp_program_stats plan_with(const char *overrides, const char *db)
{
    fmlp_program_stats a, b;
    test_env e;
    env_open(&e);
    if (db) fmlp_databases_add_text(e.ctx, db, "test-cache.db", 1);
    fmlp_program_stats_get(&a);
    fmlp_plan_desc d = make_desc(H, I, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.overrides = overrides;
    d.max_batch = 3;
    fmlp_plan *plan = NULL;
    fmlp_status st = fmlp_plan_create(e.ctx, &d, &plan);
    cr_assert_eq(st, FMLP_SUCCESS, "plan: %s", fmlp_status_string(st));
    fmlp_program_stats_get(&b);
    fmlp_plan_release(plan);
    env_close(&e);
    b.source_builds -= a.source_builds;
    b.disk_hits -= a.disk_hits;
    b.disk_writes -= a.disk_writes;
    b.disk_rejected -= a.disk_rejected;
    b.ahead_builds -= a.ahead_builds;
    return b;
}

static fmlp_program_stats plan_in_new_context(const char *overrides)
{
    return plan_with(overrides, NULL);
}

/* A full run in a fresh context: correct results from whatever the cache gave. */
static void check_results(const char *overrides)
{
    test_env e;
    env_open(&e);
    check_case(&e, make_desc(H, I, FMLP_MLP_GATED, FMLP_ACT_SILU, 0), 3, overrides, TOL_F32);
    env_close(&e);
}

Test(cache, miss_then_hit_in_a_new_context)
{
    fmlp_program_stats s = plan_in_new_context(STREAM);
    cr_expect_eq(s.source_builds, 1);
    cr_expect_eq(s.disk_hits, 0);
    cr_expect_eq(s.disk_writes, 1);
    cr_expect_eq(entries(NULL, 0), 1, "one entry expected in %s", cache);
    struct stat st;
    cr_expect_eq(stat(cache, &st), 0);
    cr_expect_eq(st.st_mode & 0077, 0, "the cache folder should be private to its user");

    s = plan_in_new_context(STREAM);
    cr_expect_eq(s.source_builds, 0, "built again instead of loading the cached binary");
    cr_expect_eq(s.disk_hits, 1);
    cr_expect_eq(s.disk_writes, 0);
    cr_expect_eq(s.disk_rejected, 0);

    /* another program: another entry */
    s = plan_in_new_context(STREAM2);
    cr_expect_eq(s.source_builds, 1);
    cr_expect_eq(entries(NULL, 0), 2);
    check_results(STREAM);
    check_results(STREAM2);
}

/* One context builds once, whatever the disk holds: the memory cache answers first. */
Test(cache, memory_cache_first)
{
    test_env e;
    env_open(&e);
    fmlp_program_stats a, b;
    fmlp_program_stats_get(&a);
    check_case(&e, make_desc(H, I, FMLP_MLP_GATED, FMLP_ACT_SILU, 0), 3, STREAM, TOL_F32);
    fmlp_program_stats_get(&b);
    cr_expect_gt(b.source_builds, a.source_builds);
    /* the plan's program and the weight packing's: all answered from memory now */
    check_case(&e, make_desc(H, I, FMLP_MLP_GATED, FMLP_ACT_SILU, 0), 3, STREAM, TOL_F32);
    fmlp_program_stats_get(&a);
    cr_expect_eq(a.source_builds, b.source_builds);
    cr_expect_eq(a.disk_hits, b.disk_hits);
    env_close(&e);
}

typedef enum damage { TRUNCATE, FLIP_BINARY, FLIP_HEADER, FOREIGN, EMPTY, GARBAGE, EXTEND } damage;

static void apply_damage(const char *path, const char *other, damage how)
{
    char *data = NULL;
    size_t n = 0;
    cr_assert_eq(fmlp_read_file(how == FOREIGN ? other : path, &data, &n), FMLP_SUCCESS);
    cr_assert_gt(n, 80);
    switch (how) {
    case TRUNCATE: n = n / 2; break;
    case FLIP_BINARY: data[n - 7] ^= 0x10; break;
    case FLIP_HEADER: data[20] ^= 0x01; break; /* inside the key hash */
    case FOREIGN: break;                       /* a whole, sound entry of another program */
    case EMPTY: n = 0; break;
    case GARBAGE: memset(data, 'x', n); break;
    case EXTEND: break;
    }
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    if (n) cr_assert_eq(fwrite(data, 1, n, f), n);
    if (how == EXTEND) fputs("trailing junk", f);
    fclose(f);
    free(data);
}

ParameterizedTestParameters(cache, damaged_entries_are_rebuilt)
{
    static damage kinds[] = {TRUNCATE, FLIP_BINARY, FLIP_HEADER, FOREIGN, EMPTY, GARBAGE, EXTEND};
    return cr_make_param_array(damage, kinds, sizeof kinds / sizeof *kinds);
}

ParameterizedTest(damage *how, cache, damaged_entries_are_rebuilt)
{
    char path[512] = "", other[512] = "";
    plan_in_new_context(STREAM2);
    cr_assert_eq(entries(other, sizeof other), 1);
    plan_in_new_context(STREAM);
    cr_assert_eq(entries(NULL, 0), 2);
    /* which file is STREAM's: the one that is not STREAM2's */
    DIR *d = opendir(cache);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", cache, e->d_name);
        if (strstr(e->d_name, ".clbin") && strcmp(p, other) != 0) snprintf(path, sizeof path, "%s", p);
    }
    closedir(d);
    cr_assert(path[0]);
    char *other_before = NULL, *other_after = NULL;
    size_t other_len = 0, other_len_after = 0;
    cr_assert_eq(fmlp_read_file(other, &other_before, &other_len), FMLP_SUCCESS);
    apply_damage(path, other, *how);

    fmlp_program_stats s = plan_in_new_context(STREAM);
    cr_expect_eq(s.disk_rejected, 1, "damage %d not detected", (int)*how);
    cr_expect_eq(s.disk_hits, 0);
    cr_expect_eq(s.source_builds, 1, "not rebuilt");
    cr_expect_eq(s.disk_writes, 1, "the rebuilt program was not stored again");
    check_results(STREAM);
    /* the entry is sound again, and the other one was never touched */
    s = plan_in_new_context(STREAM);
    cr_expect_eq(s.disk_hits, 1);
    cr_expect_eq(s.disk_rejected, 0);
    s = plan_in_new_context(STREAM2);
    cr_expect_eq(s.disk_hits, 1);
    cr_assert_eq(fmlp_read_file(other, &other_after, &other_len_after), FMLP_SUCCESS);
    cr_expect(other_len == other_len_after && memcmp(other_before, other_after, other_len) == 0,
              "another program's entry changed");
    free(other_before);
    free(other_after);
}

Test(cache, disabled_by_environment)
{
    const char *off[] = {"0", "off", "OFF", "no", "false"};
    for (size_t i = 0; i < sizeof off / sizeof *off; ++i) {
        setenv("FLASHMLP_CACHE", off[i], 1);
        fmlp_program_stats s = plan_in_new_context(STREAM);
        cr_expect_eq(s.source_builds, 1, "FLASHMLP_CACHE=%s", off[i]);
        cr_expect_eq(s.disk_writes + s.disk_hits, 0, "FLASHMLP_CACHE=%s", off[i]);
    }
    cr_expect_eq(entries(NULL, 0), 0);
    struct stat st;
    cr_expect_neq(stat(cache, &st), 0, "the disabled cache created its folder");
    setenv("FLASHMLP_CACHE", "1", 1);
    fmlp_program_stats s = plan_in_new_context(STREAM);
    cr_expect_eq(s.disk_writes, 1);
    /* unset: on, except on PoCL (program.c says why) */
    unsetenv("FLASHMLP_CACHE");
    test_env e;
    env_open(&e);
    int pocl = strcmp(e.ctx->dev.vendor, "pocl") == 0;
    env_close(&e);
    s = plan_in_new_context(STREAM2);
    cr_expect_eq(s.disk_writes, pocl ? 0 : 1);
}

/* A cache that cannot be written is simply not used. */
Test(cache, unwritable_folder_is_not_an_error)
{
    char file[256];
    snprintf(file, sizeof file, "%s/a-file", root);
    FILE *f = fopen(file, "w");
    cr_assert_not_null(f);
    fclose(f);
    const char *bad[] = {file, "/proc/flashmlp-cannot-be-here"};
    for (size_t i = 0; i < 2; ++i) {
        char dir[300];
        snprintf(dir, sizeof dir, "%s/programs", bad[i]);
        setenv("FLASHMLP_CACHE_DIR", i == 0 ? dir : bad[i], 1);
        fmlp_program_stats s = plan_in_new_context(STREAM);
        cr_expect_eq(s.source_builds, 1);
        cr_expect_eq(s.disk_writes, 0);
    }
    setenv("FLASHMLP_CACHE_DIR", cache, 1);
    check_results(STREAM);
}

/* Without FLASHMLP_CACHE_DIR: $XDG_CACHE_HOME/flashmlp/programs, else ~/.cache/flashmlp/programs. */
Test(cache, default_folders)
{
    unsetenv("FLASHMLP_CACHE_DIR");
    char xdg[256], home[256];
    snprintf(xdg, sizeof xdg, "%s/xdg", root);
    snprintf(home, sizeof home, "%s/home", root);
    setenv("XDG_CACHE_HOME", xdg, 1);
    setenv("HOME", home, 1);
    plan_in_new_context(STREAM);
    snprintf(cache, sizeof cache, "%s/flashmlp/programs", xdg);
    cr_expect_eq(entries(NULL, 0), 1, "nothing in %s", cache);
    unsetenv("XDG_CACHE_HOME");
    plan_in_new_context(STREAM);
    snprintf(cache, sizeof cache, "%s/.cache/flashmlp/programs", home);
    cr_expect_eq(entries(NULL, 0), 1, "nothing in %s", cache);
}

static void *make_plan(void *arg)
{
    fmlp_plan *plan = NULL;
    fmlp_plan_desc d = make_desc(H, I, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.overrides = STREAM;
    intptr_t st = fmlp_plan_create(arg, &d, &plan);
    fmlp_plan_release(plan);
    return (void *)st;
}

/* Contexts racing to store the same program leave one sound entry and no temporary file. */
Test(cache, concurrent_writers)
{
    pthread_t th[4];
    fmlp_context *ctx[4];
    /* contexts are opened one at a time: PoCL 3.1 crashes when several threads list its
     * devices at once */
    for (int i = 0; i < 4; ++i) cr_assert_eq(fmlp_context_create_default(NULL, &ctx[i]), 0);
    for (int i = 0; i < 4; ++i) cr_assert_eq(pthread_create(&th[i], NULL, make_plan, ctx[i]), 0);
    for (int i = 0; i < 4; ++i) {
        void *st = NULL;
        pthread_join(th[i], &st);
        cr_expect_eq((intptr_t)st, FMLP_SUCCESS);
        fmlp_context_release(ctx[i]);
    }
    cr_expect_eq(entries(NULL, 0), 1);
    fmlp_program_stats s = plan_in_new_context(STREAM);
    cr_expect_eq(s.disk_hits, 1);
    cr_expect_eq(s.disk_rejected, 0);
}

/* The entry format with notes (NVIDIA's register lines, kept because a program built from a
 * cached binary has none in its log): they come back as written, and a changed, cut or
 * lengthened entry, or one for another key, is refused. */
Test(cache, entry_notes)
{
    static const unsigned char bin[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    static const char notes[] = "ptxas info    : Compiling entry function 'k' for 'sm_90a'\n"
                                "ptxas info    : Used 40 registers, used 1 barriers\n";
    size_t n = 0, bl = 0, nl = 0;
    const char *got = NULL;
    unsigned char *e = fmlp_cache_entry_make("key text", bin, sizeof bin, notes, &n);
    cr_assert_not_null(e);
    const unsigned char *b = fmlp_cache_entry_check(e, n, "key text", &bl, &got, &nl);
    cr_assert_not_null(b);
    cr_expect_eq(bl, sizeof bin);
    cr_expect_eq(memcmp(b, bin, sizeof bin), 0);
    cr_expect_eq(nl, strlen(notes));
    cr_expect_eq(memcmp(got, notes, nl), 0);
    cr_expect_null(fmlp_cache_entry_check(e, n, "other key", &bl, &got, &nl));
    cr_expect_null(fmlp_cache_entry_check(e, n - 1, "key text", &bl, &got, &nl));
    e[n - 3] ^= 0x20; /* inside the notes */
    cr_expect_null(fmlp_cache_entry_check(e, n, "key text", &bl, &got, &nl));
    e[n - 3] ^= 0x20;
    unsigned char *longer = malloc(n + 1);
    cr_assert_not_null(longer);
    memcpy(longer, e, n);
    longer[n] = 'x';
    cr_expect_null(fmlp_cache_entry_check(longer, n + 1, "key text", &bl, &got, &nl));
    free(longer);
    free(e);
    /* no notes (every device but NVIDIA) */
    e = fmlp_cache_entry_make("key text", bin, sizeof bin, NULL, &n);
    cr_assert_not_null(e);
    cr_expect_not_null(fmlp_cache_entry_check(e, n, "key text", &bl, &got, &nl));
    cr_expect_eq(nl, 0);
    free(e);
}

/* Programs wanted by a plan of several batch ranges are built in threads ahead of the plan
 * (FLASHMLP_BUILD_THREADS), but only those the disk cache lacks: what it holds is loaded, one
 * program after another, as the plan needs it. */
static fmlp_program_stats two_range_plan(void)
{
    static const char db[] =
        "flashmlp-tuning 1\ndevice vendor=generic measured=no\n"
        "entry H=48 I=80 B=1-2 " STREAM "\n"
        "entry H=48 I=80 B=3- " STREAM2 "\n";
    return plan_with(NULL, db);
}

Test(cache, ranges_built_ahead_only_when_not_on_disk)
{
    cr_assert_eq(setenv("FLASHMLP_BUILD_THREADS", "2", 1), 0);
    fmlp_program_stats s = two_range_plan();
    cr_expect_eq(s.source_builds, 2);
    cr_expect_eq(s.ahead_builds, 2, "built ahead: %lu of 2", s.ahead_builds);
    cr_expect_eq(s.disk_writes, 2);
    cr_expect_eq(entries(NULL, 0), 2);

    s = two_range_plan();
    cr_expect_eq(s.source_builds, 0);
    cr_expect_eq(s.ahead_builds, 0);
    cr_expect_eq(s.disk_hits, 2);

    /* one entry gone: that program alone is built ahead, the other loaded */
    char path[512];
    cr_assert_eq(entries(path, sizeof path), 2);
    cr_assert_eq(unlink(path), 0);
    s = two_range_plan();
    cr_expect_eq(s.ahead_builds, 1);
    cr_expect_eq(s.source_builds, 1);
    cr_expect_eq(s.disk_hits, 1);

    /* one thread: nothing ahead */
    cr_assert_eq(setenv("FLASHMLP_BUILD_THREADS", "1", 1), 0);
    remove_tree(cache);
    s = two_range_plan();
    cr_expect_eq(s.source_builds, 2);
    cr_expect_eq(s.ahead_builds, 0);
    check_results(STREAM);
    check_results(STREAM2);
}
