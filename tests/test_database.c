/* Tuning databases: the format is parsed strictly, damage is reported with file and line
 * and the whole file rejected, and lookups pick the most specific matching entry. */
#include "common.h"
#include "internal.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

TestSuite(database, .fini = leak_check);

#define HEADER "flashmlp-tuning 1\n"
#define GENERIC HEADER "device vendor=generic measured=no\n"

static fmlp_db *parse_ok(const char *text)
{
    fmlp_db *db = NULL;
    char err[512] = "";
    fmlp_status st = fmlp_db_parse(text, "test.db", &db, err, sizeof err);
    cr_assert_eq(st, FMLP_SUCCESS, "valid text rejected: %s", err);
    cr_assert_not_null(db);
    return db;
}

static void expect_damage(const char *text, const char *where, const char *why)
{
    fmlp_db *db = (fmlp_db *)0x1;
    char err[512] = "";
    fmlp_status st = fmlp_db_parse(text, "test.db", &db, err, sizeof err);
    cr_expect_eq(st, FMLP_ERROR_DATABASE_INVALID, "damaged text accepted: %s", text);
    cr_expect_null(db);
    cr_expect(strstr(err, where) != NULL, "message '%s' lacks '%s'", err, where);
    cr_expect(strstr(err, why) != NULL, "message '%s' lacks '%s'", err, why);
}

Test(database, valid_file)
{
    fmlp_db *db = parse_ok("# a comment\n\n" HEADER
                           "device vendor=nvidia arch=sm_90 name=\"NVIDIA H200\" cus=132 "
                           "driver=\"580.159.04\" measured=yes\r\n"
                           "entry kind=gated act=silu wt=f32 at=f32 H=4096 I=14336 B=1-16 "
                           "strategy=stream wgs=256 kl=8 ti=64 bt=8 vw=4 xc=512  # trailing\n"
                           "entry B=17- strategy=tiled mt=64\n");
    cr_expect_str_eq(db->vendor, "nvidia");
    cr_expect_str_eq(db->arch, "sm_90");
    cr_expect_str_eq(db->name, "NVIDIA H200");
    cr_expect_eq(db->compute_units, 132);
    cr_expect_eq(db->measured, 1);
    cr_assert_eq(db->count, 2);
    const fmlp_db_entry *e = &db->entries[0];
    cr_expect_eq(e->kind, FMLP_MLP_GATED);
    cr_expect_eq(e->act, FMLP_ACT_SILU);
    cr_expect_eq(e->hidden, 4096);
    cr_expect_eq(e->b_lo, 1);
    cr_expect_eq(e->b_hi, 16);
    cr_expect_eq(e->line, 5);
    cr_expect_eq(fmlp_params_get(&e->params, "ti", -1), 64);
    cr_expect_eq(db->entries[1].b_lo, 17);
    cr_expect_eq(db->entries[1].b_hi, LONG_MAX);
    cr_expect_eq(db->entries[1].kind, -1);
    fmlp_db_free(db);
}

Test(database, damage_is_reported_with_its_line)
{
    expect_damage("", "test.db", "empty");
    expect_damage("hello\n", "test.db:1", "not a FlashMLP tuning database");
    expect_damage("flashmlp-tuning 2\n", "test.db:1", "version");
    expect_damage(HEADER "entry B=1 strategy=stream\n", "test.db:2", "before the device");
    expect_damage(HEADER, "test.db", "no device line");
    expect_damage(HEADER "device arch=sm_90\n", "test.db:2", "without vendor");
    expect_damage(HEADER "device vendor=nvidia colour=green\n", "test.db:2", "unknown device field");
    expect_damage(GENERIC "device vendor=amd\n", "test.db:3", "second device");
    expect_damage(GENERIC "entry B=1\n", "test.db:3", "without strategy");
    expect_damage(GENERIC "entry strategy=warp\n", "test.db:3", "unknown strategy");
    expect_damage(GENERIC "entry strategy=stream mt=4\n", "test.db:3", "not a field");
    expect_damage(GENERIC "entry strategy=stream wgs=-4\n", "test.db:3", "bad value");
    expect_damage(GENERIC "entry strategy=stream wgs=12x\n", "test.db:3", "bad value");
    expect_damage(GENERIC "entry strategy=stream B=9-3\n", "test.db:3", "bad value");
    expect_damage(GENERIC "entry strategy=stream H=0\n", "test.db:3", "bad value");
    expect_damage(GENERIC "entry strategy=stream kind=triple\n", "test.db:3", "bad value");
    expect_damage(GENERIC "entry strategy=stream at=q4_0\n", "test.db:3", "bad value");
    expect_damage(GENERIC "entry strategy=stream wgs=1 wgs=2\n", "test.db:3", "twice");
    expect_damage(GENERIC "entry strategy=stream wgs\n", "test.db:3", "key=value");
    expect_damage(GENERIC "thing a=b\n", "test.db:3", "unknown line");
    expect_damage(HEADER "device vendor=\"nvidia\n", "test.db:2", "unterminated");
    expect_damage(GENERIC "entry strategy=stream\001\n", "test.db:3", "control character");
    /* a truncated file: the last line cut in the middle of a value */
    expect_damage(GENERIC "entry strategy=stream wgs=", "test.db:3", "bad value");
}

Test(database, lookup_prefers_specific_entries)
{
    fmlp_db *db = parse_ok(GENERIC
                           "entry strategy=stream wgs=1\n"
                           "entry kind=gated strategy=stream wgs=2\n"
                           "entry kind=gated H=4096 I=14336 strategy=stream wgs=3\n"
                           "entry kind=gated H=4096 I=14336 B=17- strategy=tiled mt=8\n"
                           "entry kind=plain act=relu strategy=stream wgs=5\n");
    fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(db, &d, 1)->params, "wgs", 0), 3);
    cr_expect_str_eq(fmlp_db_lookup(db, &d, 17)->params.strategy, "tiled");
    d.hidden = 1024;
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(db, &d, 1)->params, "wgs", 0), 2);
    d.kind = FMLP_MLP_PLAIN;
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(db, &d, 1)->params, "wgs", 0), 1);
    d.activation = FMLP_ACT_RELU;
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(db, &d, 1)->params, "wgs", 0), 5);
    fmlp_db_free(db);
    /* precision: an int8 entry serves int8 plans only, an exact one exact plans only */
    db = parse_ok(GENERIC "entry wt=q4_0 strategy=stream wgs=1\n"
                          "entry wt=q4_0 pr=int8 strategy=stream wgs=2\n"
                          "entry pr=exact strategy=stream wgs=3\n");
    d.weight_dtype = FMLP_DTYPE_Q4_0;
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(db, &d, 1)->params, "wgs", 0), 1);
    d.precision = FMLP_PRECISION_INT8_DOT;
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(db, &d, 1)->params, "wgs", 0), 2);
    d.weight_dtype = FMLP_DTYPE_F32;
    cr_expect_null(fmlp_db_lookup(db, &d, 1));
    d.precision = FMLP_PRECISION_EXACT;
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(db, &d, 1)->params, "wgs", 0), 3);
    fmlp_db_free(db);
    db = parse_ok(GENERIC "entry B=2-4 strategy=stream\n");
    cr_expect_null(fmlp_db_lookup(db, &d, 1));
    cr_expect_not_null(fmlp_db_lookup(db, &d, 4));
    cr_expect_null(fmlp_db_lookup(db, &d, 5));
    fmlp_db_free(db);
}

/* fmlp_tuning_neighbours: other cells' entries at the batch, nearest cell first (another
 * format 1, another shape 2, another MLP kind 4), each parameter set once, without the cell's
 * own entry, baseline strategies, other precisions, batch ranges without the batch or
 * databases past the level asked. */
Test(database, tuning_neighbours)
{
    fmlp_db *dev_db = parse_ok(HEADER "device vendor=nvidia arch=sm_90 name=\"NVIDIA H200\" measured=yes\n"
                               "entry kind=gated wt=f32 H=4096 I=14336 B=129-256 strategy=mma mt=1\n"
                               "entry kind=gated wt=q8_0 H=4096 I=14336 B=129-256 strategy=mma mt=2\n"
                               "entry kind=plain wt=f32 H=4096 I=14336 B=193-512 strategy=mma mt=3\n"
                               "entry kind=gated wt=f32 H=3584 I=18944 B=129-512 strategy=mma mt=4\n"
                               "entry kind=gated wt=q4_0 H=4096 I=14336 B=1-128 strategy=mma mt=5\n"
                               "entry kind=gated wt=q4_0 pr=int8 H=4096 I=14336 B=256 strategy=mmaq wg=6\n"
                               "entry kind=gated wt=f16 H=4096 I=14336 B=256 strategy=unfused mt=7\n"
                               "entry kind=gated wt=f16 H=4096 I=14336 B=256 strategy=mma mt=2\n");
    fmlp_db *arch_db = parse_ok(HEADER "device vendor=nvidia arch=sm_90 measured=yes\n"
                                "entry kind=gated wt=bf16 H=4096 I=14336 B=256 strategy=mma mt=8\n");
    fmlp_db *vendor_db = parse_ok(HEADER "device vendor=nvidia measured=no\n"
                                  "entry kind=gated wt=bf16 B=256 strategy=mma mt=9\n");
    fmlp_loaded_db dbs[] = {{dev_db, FMLP_DB_DEVICE}, {arch_db, FMLP_DB_ARCH}, {vendor_db, FMLP_DB_VENDOR}};
    fmlp_context ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.dbs = dbs;
    ctx.ndbs = 3;
    fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    fmlp_params out[8];
    int n = fmlp_tuning_neighbours(&ctx, FMLP_DB_ARCH, &d, 256, out, 8);
    /* q8_0's (1, and f16's equal one dropped), bf16's of the arch file (1), Qwen's (2), the
     * plain MLP's (4); not the cell's own (mt=1), B=1-128's, int8's, the baseline's or the
     * vendor file's */
    static const long want[] = {2, 8, 4, 3};
    cr_assert_eq(n, 4, "%d neighbours", n);
    for (int i = 0; i < n; ++i)
        cr_expect_eq(fmlp_params_get(&out[i], "mt", 0), want[i], "neighbour %d: mt=%ld", i,
                     fmlp_params_get(&out[i], "mt", 0));
    cr_expect(strstr(out[0].origin, "device:test.db:4") != NULL, "origin %s", out[0].origin);
    cr_expect(strncmp(out[1].origin, "arch:", 5) == 0, "origin %s", out[1].origin);
    cr_expect_eq(fmlp_tuning_neighbours(&ctx, FMLP_DB_ARCH, &d, 256, out, 2), 2);
    cr_expect_eq(fmlp_tuning_neighbours(&ctx, FMLP_DB_DEVICE, &d, 256, out, 8), 3);
    n = fmlp_tuning_neighbours(&ctx, FMLP_DB_VENDOR, &d, 256, out, 8);
    cr_expect_eq(n, 5, "with the vendor file: %d", n);
    /* its shape-less bf16 entry is another format's (1), after the two files before it */
    cr_expect_eq(fmlp_params_get(&out[2], "mt", 0), 9);
    /* at B=64 only q4_0's entry is near (the others' ranges lack the batch) */
    n = fmlp_tuning_neighbours(&ctx, FMLP_DB_ARCH, &d, 64, out, 8);
    cr_expect_eq(n, 1);
    cr_expect_eq(fmlp_params_get(&out[0], "mt", 0), 5);
    /* the int8 cell: mmaq's entry is its own (not a neighbour); the exact entries are other
     * formats' with no precision given, so they count */
    d.weight_dtype = FMLP_DTYPE_Q4_0;
    d.precision = FMLP_PRECISION_INT8_DOT;
    n = fmlp_tuning_neighbours(&ctx, FMLP_DB_ARCH, &d, 256, out, 8);
    for (int i = 0; i < n; ++i) cr_expect_str_neq(out[i].strategy, "mmaq");
    fmlp_db_free(dev_db);
    fmlp_db_free(arch_db);
    fmlp_db_free(vendor_db);
}

Test(database, device_matching)
{
    fmlp_device dev;
    fake_device(&dev, "nvidia", "sm_90", "NVIDIA H200", 132, 1024, 48 * 1024);
    const struct {
        const char *line;
        int level;
    } cases[] = {
        {"device vendor=generic", FMLP_DB_GENERIC},
        {"device vendor=nvidia", FMLP_DB_VENDOR},
        {"device vendor=amd", -1},
        {"device vendor=nvidia arch=sm_90", FMLP_DB_ARCH},
        {"device vendor=nvidia arch=sm_80", -1},
        {"device vendor=nvidia arch=sm_90 name=\"NVIDIA H200\" cus=132", FMLP_DB_DEVICE},
        {"device vendor=nvidia arch=sm_90 name=\"NVIDIA H200\" cus=114", -1},
        {"device vendor=nvidia arch=sm_90 name=\"NVIDIA H100 80GB HBM3\"", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
        char text[256];
        snprintf(text, sizeof text, HEADER "%s\n", cases[i].line);
        fmlp_db *db = parse_ok(text);
        cr_expect_eq(fmlp_db_match_level(db, &dev), cases[i].level, "%s", cases[i].line);
        fmlp_db_free(db);
    }
}

/* Every database shipped in tuning/ parses. */
Test(database, shipped_databases_parse)
{
    const char *names[64];
    int fmlp_source_list(const char *suffix, const char **names, int max);
    int n = fmlp_source_list(".db", names, 64);
    cr_assert_gt(n, 0);
    for (int i = 0; i < n; ++i) {
        const char *text = fmlp_source_get(names[i]);
        cr_assert_not_null(text, "%s", names[i]);
        fmlp_db *db = NULL;
        char err[512] = "";
        cr_expect_eq(fmlp_db_parse(text, names[i], &db, err, sizeof err), FMLP_SUCCESS, "%s", err);
        fmlp_db_free(db);
    }
}

/* The Hopper databases' B=2 choices for the Llama-3-8B MLP (fifteenth session): fp32 from each
 * card's own file, f16 and bf16 from the arch file, since neither card's file has an entry
 * for them at B=2 (the card file's entries come first, bench/results/2026-11-27-h*-s15-b2*). */
Test(database, shipped_hopper_b2)
{
    static const char *const cards[] = {"nvidia-h200.db", "nvidia-h100.db"};
    fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    for (int c = 0; c < 2; ++c) {
        fmlp_db *db = parse_ok(fmlp_source_get(cards[c]));
        d.weight_dtype = FMLP_DTYPE_F32;
        const fmlp_db_entry *e = fmlp_db_lookup(db, &d, 2);
        cr_assert_not_null(e, "%s", cards[c]);
        cr_expect_str_eq(e->params.strategy, "stream");
        cr_expect_eq(fmlp_params_get(&e->params, "wgs", 0), 512, "%s", cards[c]);
        cr_expect_eq(fmlp_params_get(&e->params, "bt", 0), 2, "%s", cards[c]);
        d.weight_dtype = FMLP_DTYPE_F16;
        cr_expect_null(fmlp_db_lookup(db, &d, 2), "%s has an f16 entry at B=2", cards[c]);
        d.weight_dtype = FMLP_DTYPE_BF16;
        cr_expect_null(fmlp_db_lookup(db, &d, 2), "%s has a bf16 entry at B=2", cards[c]);
        fmlp_db_free(db);
    }
    fmlp_db *arch = parse_ok(fmlp_source_get("nvidia-sm_90.db"));
    static const fmlp_dtype sixteen[] = {FMLP_DTYPE_F16, FMLP_DTYPE_BF16};
    for (int w = 0; w < 2; ++w) {
        d.weight_dtype = sixteen[w];
        const fmlp_db_entry *e = fmlp_db_lookup(arch, &d, 2);
        cr_assert_not_null(e);
        cr_expect_str_eq(e->params.strategy, "stream");
        cr_expect_eq(fmlp_params_get(&e->params, "bt", 0), 2);
        cr_expect_eq(fmlp_params_get(&e->params, "vw", 0), 8);
        /* B=3 keeps the tensor-core plan */
        cr_expect_str_eq(fmlp_db_lookup(arch, &d, 3)->params.strategy, "mmav");
    }
    /* other Hopper cards: int8 at B >= 33 on the integer tensor cores, whatever the format or
     * shape; the Llama shape's exact block formats at B >= 513 on the large iw=1 tile */
    d.precision = FMLP_PRECISION_INT8_DOT;
    static const fmlp_dtype blocks[] = {FMLP_DTYPE_Q4_0, FMLP_DTYPE_AFFINE_Q3};
    static const size_t big[] = {33, 256, 4096};
    for (int w = 0; w < 2; ++w)
        for (size_t b = 0; b < sizeof big / sizeof *big; ++b) {
            d.weight_dtype = blocks[w];
            d.group_size = w ? 32 : 0;
            const fmlp_db_entry *e = fmlp_db_lookup(arch, &d, big[b]);
            cr_assert_not_null(e);
            cr_expect_str_eq(e->params.strategy, "mmaq", "B=%zu", big[b]);
        }
    d.precision = FMLP_PRECISION_EXACT;
    const fmlp_db_entry *e = fmlp_db_lookup(arch, &d, 1024);
    cr_assert_not_null(e);
    cr_expect_eq(fmlp_params_get(&e->params, "iw", 0), 1);
    cr_expect_eq(fmlp_params_get(&e->params, "nt", 0), 128);
    fmlp_db_free(arch);
}

/* The Hopper cards' own entries from the sixteenth session (bench/results/2026-11-27-h*-s16-*):
 * f16 and bf16 from B=9 up have tiles of their own in each card's file (they had taken the
 * arch file's fp32 tiles, 1.13-1.47x slower); the H100 sends int8 at B=9-16 to the exact
 * tensor-core plans for q4_0, q8_0 and affine_q8, as the H200 does; and the block formats'
 * B=1 int8 entries have the wider work-groups that won. */
Test(database, shipped_hopper_own_entries)
{
    static const char *const cards[] = {"nvidia-h200.db", "nvidia-h100.db"};
    static const struct {
        size_t batch;
        const char *strategy;
    } sixteen[] = {{16, "mmav"}, {32, "mmav"}, {64, "mma"}, {128, "mma"}, {256, "mma"},
                   {1024, "mma"}};
    static const fmlp_dtype formats16[] = {FMLP_DTYPE_F16, FMLP_DTYPE_BF16};
    fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    for (int c = 0; c < 2; ++c) {
        fmlp_db *db = parse_ok(fmlp_source_get(cards[c]));
        d.precision = FMLP_PRECISION_EXACT;
        for (int w = 0; w < 2; ++w)
            for (size_t i = 0; i < sizeof sixteen / sizeof *sixteen; ++i) {
                d.weight_dtype = formats16[w];
                const fmlp_db_entry *e = fmlp_db_lookup(db, &d, sixteen[i].batch);
                cr_assert_not_null(e, "%s: no %s entry at B=%zu", cards[c],
                                   w ? "bf16" : "f16", sixteen[i].batch);
                cr_expect_str_eq(e->params.strategy, sixteen[i].strategy, "%s B=%zu", cards[c],
                                 sixteen[i].batch);
            }
        /* the fp32 entries are not the 16-bit ones' */
        d.weight_dtype = FMLP_DTYPE_F16;
        const fmlp_db_entry *e16 = fmlp_db_lookup(db, &d, 64);
        d.weight_dtype = FMLP_DTYPE_F32;
        cr_expect_neq(fmlp_db_lookup(db, &d, 64), e16);
        /* int8 dot products at B=1 for the block formats: each card's own, 512 threads or more
         * for affine_q2 */
        d.precision = FMLP_PRECISION_INT8_DOT;
        d.weight_dtype = FMLP_DTYPE_AFFINE_Q2;
        d.group_size = 32;
        const fmlp_db_entry *e = fmlp_db_lookup(db, &d, 1);
        cr_assert_not_null(e, "%s", cards[c]);
        cr_expect_str_eq(e->params.strategy, "stream");
        cr_expect_geq(fmlp_params_get(&e->params, "wgs", 0), 512, "%s", cards[c]);
        /* int8 at B=16 on the integer tensor cores (mmaq; 1.10-1.26x on the H200, 1.14-1.64x
         * on the H100 over the exact tensor-core plans) */
        static const fmlp_dtype blocks[] = {FMLP_DTYPE_Q4_0, FMLP_DTYPE_Q8_0};
        d.group_size = 0;
        for (int b = 0; b < 2; ++b) {
            d.weight_dtype = blocks[b];
            e = fmlp_db_lookup(db, &d, 16);
            cr_assert_not_null(e, "%s", cards[c]);
            cr_expect_str_eq(e->params.strategy, "mmaq", "%s", cards[c]);
        }
        /* int8 at B >= 33 on the integer tensor cores too, every block format (1.4-2.0x over
         * the exact tensor-core tiles at B = 256-4096 on both cards, eighteenth session) */
        static const fmlp_dtype all[] = {FMLP_DTYPE_Q4_0,      FMLP_DTYPE_Q8_0,
                                         FMLP_DTYPE_AFFINE_Q2, FMLP_DTYPE_AFFINE_Q3,
                                         FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_AFFINE_Q8};
        static const size_t big[] = {64, 256, 1024, 4096};
        for (size_t f = 0; f < sizeof all / sizeof *all; ++f)
            for (size_t b = 0; b < sizeof big / sizeof *big; ++b) {
                d.weight_dtype = all[f];
                d.group_size = all[f] >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
                e = fmlp_db_lookup(db, &d, big[b]);
                cr_assert_not_null(e);
                cr_expect_str_eq(e->params.strategy, "mmaq", "format %zu B=%zu", f, big[b]);
            }
        /* the exact block formats at B=4096 on the tensor cores with their fields straight
         * into the mma (iw=1: the generic tiles were slower than fp32 there; fp32's large tile
         * until the H200's twenty-fifth session tuned affine_q3's own) */
        d.precision = FMLP_PRECISION_EXACT;
        for (size_t f = 0; f < sizeof all / sizeof *all; ++f) {
            d.weight_dtype = all[f];
            d.group_size = all[f] >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
            e = fmlp_db_lookup(db, &d, 4096);
            cr_assert_not_null(e);
            cr_expect_str_eq(e->params.strategy, "mma", "format %zu", f);
            cr_expect_eq(fmlp_params_get(&e->params, "iw", 0), 1, "format %zu", f);
        }
        fmlp_db_free(db);
    }
}

/* The H200's entries of the nineteenth session: fp32 on GPT-2, Qwen2.5-7B and the Llama-3-70B
 * shard at the batches tuned (1.05-2.07x over the generic tiles they took), each for its own
 * shape and op only, and q4_0/q8_0 int8 at B=33-64 with L2 prefetches (pl=2), which the affine
 * formats do not take (they lost with it). GPT-2 at B = 40-64 has since moved from the stream
 * kernel to a tensor-core tile with 16 splits (thirty-sixth session: 1.19-1.33x, s36-f, -h), and
 * at B = 9-16 to mmav (forty-third session: 26.4 -> 19.9 us in the tuner, s43-c). */
Test(database, shipped_h200_shapes_and_prefetch)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    static const struct {
        size_t h, i;
        fmlp_mlp_kind kind;
        fmlp_activation act;
        size_t batch;
        const char *strategy;
    } cells[] = {
        {768, 3072, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH, 16, "mmav"},
        {768, 3072, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH, 36, "stream"},
        {768, 3072, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH, 48, "mma"},
        {768, 3072, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH, 256, "mma"},
        {3584, 18944, FMLP_MLP_GATED, FMLP_ACT_SILU, 64, "mma"},
        {3584, 18944, FMLP_MLP_GATED, FMLP_ACT_SILU, 256, "mma"},
        {8192, 3584, FMLP_MLP_GATED, FMLP_ACT_SILU, 16, "mmav"},
        {8192, 3584, FMLP_MLP_GATED, FMLP_ACT_SILU, 128, "mma"},
        {8192, 3584, FMLP_MLP_GATED, FMLP_ACT_SILU, 256, "mma"},
    };
    for (size_t c = 0; c < sizeof cells / sizeof *cells; ++c) {
        fmlp_plan_desc d = make_desc(cells[c].h, cells[c].i, cells[c].kind, cells[c].act, 0);
        const fmlp_db_entry *e = fmlp_db_lookup(db, &d, cells[c].batch);
        cr_assert_not_null(e, "cell %zu", c);
        cr_expect_str_eq(e->params.strategy, cells[c].strategy, "cell %zu", c);
        cr_expect_eq(e->hidden, (long)cells[c].h, "cell %zu: its own shape's entry", c);
        /* another op on the same shape does not take it */
        d.kind = cells[c].kind == FMLP_MLP_GATED ? FMLP_MLP_PLAIN : FMLP_MLP_GATED;
        d.activation = FMLP_ACT_RELU;
        cr_expect_neq(fmlp_db_lookup(db, &d, cells[c].batch), e, "cell %zu", c);
    }
    fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.precision = FMLP_PRECISION_INT8_DOT;
    static const fmlp_dtype formats[] = {FMLP_DTYPE_Q4_0, FMLP_DTYPE_Q8_0, FMLP_DTYPE_AFFINE_Q2,
                                         FMLP_DTYPE_AFFINE_Q4};
    for (size_t f = 0; f < sizeof formats / sizeof *formats; ++f) {
        d.weight_dtype = formats[f];
        d.group_size = formats[f] >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
        const fmlp_db_entry *e = fmlp_db_lookup(db, &d, 64);
        cr_assert_not_null(e);
        cr_expect_str_eq(e->params.strategy, "mmaq");
        cr_expect_eq(fmlp_params_get(&e->params, "pl", 0), f < 2 ? 2 : 0, "format %zu", f);
        /* B=16 and B=128 keep no prefetch */
        cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(db, &d, 16)->params, "pl", 0), 0);
        cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(db, &d, 128)->params, "pl", 0), 0);
    }
    fmlp_db_free(db);
}

/* A B=1 cell of Llama-3-8B and whether its entry loads the weights past L1 (na). */
typedef struct na_cell {
    fmlp_dtype wt;
    fmlp_precision pr;
    int na;
} na_cell;

/* Each cell finds Llama-3-8B's own stream entry in db, with the na value given. */
static void expect_llama_b1_na(const fmlp_db *db, const na_cell *cells, size_t n, const char *card)
{
    fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    for (size_t c = 0; c < n; ++c) {
        d.weight_dtype = cells[c].wt;
        d.precision = cells[c].pr;
        d.group_size = cells[c].wt >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
        const fmlp_db_entry *e = fmlp_db_lookup(db, &d, 1);
        cr_assert_not_null(e, "%s B=1 cell %zu", card, c);
        cr_expect_str_eq(e->params.strategy, "stream", "%s B=1 cell %zu", card, c);
        cr_expect_eq(e->hidden, 4096, "%s B=1 cell %zu: Llama's own entry", card, c);
        cr_expect_eq(fmlp_params_get(&e->params, "na", 0), cells[c].na, "%s B=1 cell %zu", card, c);
    }
}

/* The twentieth session's H200 entries: na=1 on the B=1 stream entries it made faster (not on
 * affine_q3+int8, which it slowed), and the cells found below fp32 at B = 2-8, 32 and 128 sent
 * to their tuned plans. The lookups go through the whole file, so an entry earlier in it that
 * took the cell would fail them. */
Test(database, shipped_h200_load_hint_and_gaps)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    static const na_cell b1[] = {
        {FMLP_DTYPE_F32, FMLP_PRECISION_EXACT, 1},        {FMLP_DTYPE_F16, FMLP_PRECISION_EXACT, 1},
        {FMLP_DTYPE_BF16, FMLP_PRECISION_EXACT, 1},       {FMLP_DTYPE_Q8_0, FMLP_PRECISION_EXACT, 1},
        {FMLP_DTYPE_Q4_0, FMLP_PRECISION_INT8_DOT, 1},    {FMLP_DTYPE_Q8_0, FMLP_PRECISION_INT8_DOT, 1},
        {FMLP_DTYPE_AFFINE_Q2, FMLP_PRECISION_INT8_DOT, 1}, {FMLP_DTYPE_AFFINE_Q4, FMLP_PRECISION_INT8_DOT, 1},
        {FMLP_DTYPE_AFFINE_Q3, FMLP_PRECISION_INT8_DOT, 0},
    };
    expect_llama_b1_na(db, b1, sizeof b1 / sizeof *b1, "H200");
    static const struct {
        fmlp_dtype wt;
        fmlp_precision pr;
        size_t batch;
        const char *strategy;
        long bt, iw; /* the batch tile (stream) or iw (mmav, mma); -1 not checked */
    } gaps[] = {
        {FMLP_DTYPE_AFFINE_Q3, FMLP_PRECISION_INT8_DOT, 2, "stream", 2, -1},
        {FMLP_DTYPE_AFFINE_Q3, FMLP_PRECISION_INT8_DOT, 4, "stream", 4, -1},
        {FMLP_DTYPE_AFFINE_Q3, FMLP_PRECISION_INT8_DOT, 8, "stream", 8, -1},
        {FMLP_DTYPE_AFFINE_Q3, FMLP_PRECISION_INT8_DOT, 32, "mmaq", -1, -1},
        {FMLP_DTYPE_AFFINE_Q8, FMLP_PRECISION_INT8_DOT, 32, "mmaq", -1, -1},
        {FMLP_DTYPE_AFFINE_Q3, FMLP_PRECISION_EXACT, 2, "stream", 2, -1},
        {FMLP_DTYPE_AFFINE_Q3, FMLP_PRECISION_EXACT, 3, "stream", 4, -1},
        {FMLP_DTYPE_AFFINE_Q3, FMLP_PRECISION_EXACT, 8, "stream", 8, -1}, /* rb=1: below */
        {FMLP_DTYPE_AFFINE_Q8, FMLP_PRECISION_EXACT, 2, "stream", 2, -1},
        {FMLP_DTYPE_AFFINE_Q8, FMLP_PRECISION_EXACT, 6, "mmav", -1, 1},
        {FMLP_DTYPE_AFFINE_Q3, FMLP_PRECISION_EXACT, 32, "mmav", -1, 1},
        {FMLP_DTYPE_AFFINE_Q8, FMLP_PRECISION_EXACT, 17, "mmav", -1, 1},
        {FMLP_DTYPE_Q8_0, FMLP_PRECISION_EXACT, 128, "mma", -1, 1},
        {FMLP_DTYPE_Q4_0, FMLP_PRECISION_EXACT, 65, "mma", -1, 1},
    };
    for (size_t c = 0; c < sizeof gaps / sizeof *gaps; ++c) {
        d.weight_dtype = gaps[c].wt;
        d.precision = gaps[c].pr;
        d.group_size = gaps[c].wt >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
        const fmlp_db_entry *e = fmlp_db_lookup(db, &d, gaps[c].batch);
        cr_assert_not_null(e, "cell %zu", c);
        cr_expect_str_eq(e->params.strategy, gaps[c].strategy, "cell %zu", c);
        if (gaps[c].bt >= 0) cr_expect_eq(fmlp_params_get(&e->params, "bt", 0), gaps[c].bt, "cell %zu", c);
        if (gaps[c].iw >= 0) cr_expect_eq(fmlp_params_get(&e->params, "iw", 0), gaps[c].iw, "cell %zu", c);
        cr_expect_eq(e->hidden, 4096, "cell %zu: Llama's own entry", c);
    }
    d.weight_dtype = FMLP_DTYPE_AFFINE_Q3;
    d.precision = FMLP_PRECISION_EXACT;
    d.group_size = 32;
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(db, &d, 6)->params, "rb", 0), 1);
    /* the B=9-16 exact entries were not taken over by the B=5-8 ones */
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(db, &d, 16)->params, "fm", 0), 4);
    cr_expect_str_eq(fmlp_db_lookup(db, &d, 9)->params.strategy, "mmav");
    /* q8_0 exact at 256 keeps its B = 129-512 entry */
    d.weight_dtype = FMLP_DTYPE_Q8_0;
    d.group_size = 0;
    cr_expect_neq(fmlp_db_lookup(db, &d, 256), fmlp_db_lookup(db, &d, 128));
    fmlp_db_free(db);
}

/* The twenty-second session's entries of nvidia-h200.db: exact affine_q3 at B = 5-8 on the stream
 * plan of 8 rows with rb=1 for Gemma-2B, GPT-2, Qwen2.5-7B and the 70B shard as for Llama-3-8B
 * (the shard in slices of 32 units); B=9 and B=4 are not taken over. GPT-2 with fp32 x has its
 * own entry since the forty-third session (s43-e); its 16-bit x keeps this one. */
Test(database, shipped_h200_affine_q3_rows_in_registers)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    static const struct {
        size_t h, i;
        fmlp_mlp_kind kind;
        fmlp_activation act;
        unsigned biases;
    } shapes[] = {
        {2048, 16384, FMLP_MLP_GATED, FMLP_ACT_GELU_TANH, 0},
        {768, 3072, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH, FMLP_BIAS_UP | FMLP_BIAS_DOWN},
        {3584, 18944, FMLP_MLP_GATED, FMLP_ACT_SILU, 0},
        {4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, 0},
        {8192, 3584, FMLP_MLP_GATED, FMLP_ACT_SILU, 0},
    };
    for (size_t sh = 0; sh < sizeof shapes / sizeof *shapes; ++sh) {
        fmlp_plan_desc d = make_desc(shapes[sh].h, shapes[sh].i, shapes[sh].kind, shapes[sh].act,
                                     shapes[sh].biases);
        d.weight_dtype = FMLP_DTYPE_AFFINE_Q3;
        d.group_size = 32;
        for (size_t b = 5; b <= 8; ++b) {
            const fmlp_db_entry *e = fmlp_db_lookup(db, &d, b);
            cr_assert_not_null(e, "shape %zu B=%zu", sh, b);
            cr_expect_str_eq(e->params.strategy, "stream", "shape %zu B=%zu", sh, b);
            if (shapes[sh].h == 768) {
                /* GPT-2 with fp32 x: s43-e's tune (tiles of 4 rows, 1.34x in the tuner) */
                cr_expect_eq(fmlp_params_get(&e->params, "bt", 0), 4, "GPT-2 B=%zu", b);
                cr_expect_eq(e->adtype, (int)FMLP_DTYPE_F32, "GPT-2 B=%zu", b);
                /* 16-bit x keeps this test's entry */
                d.act_dtype = FMLP_DTYPE_F16;
                e = fmlp_db_lookup(db, &d, b);
                d.act_dtype = FMLP_DTYPE_F32;
                cr_assert_not_null(e, "GPT-2 f16 x B=%zu", b);
            }
            cr_expect_eq(fmlp_params_get(&e->params, "bt", 0), 8, "shape %zu B=%zu", sh, b);
            cr_expect_eq(fmlp_params_get(&e->params, "rb", 0), 1, "shape %zu B=%zu", sh, b);
            cr_expect_eq(e->hidden, shapes[sh].h, "shape %zu B=%zu: its own entry", sh, b);
            cr_expect_eq(fmlp_params_get(&e->params, "ti", 0), shapes[sh].h == 8192 ? 32 : 64,
                         "shape %zu B=%zu", sh, b);
        }
        const fmlp_db_entry *e9 = fmlp_db_lookup(db, &d, 9);
        cr_expect(e9 == NULL || fmlp_params_get(&e9->params, "rb", 0) == 0, "shape %zu B=9", sh);
        const fmlp_db_entry *e4 = fmlp_db_lookup(db, &d, 4);
        cr_expect(e4 == NULL || fmlp_params_get(&e4->params, "bt", 0) != 8, "shape %zu B=4", sh);
    }
    fmlp_db_free(db);
}

/* The twenty-second session's B = 17-32 entries of nvidia-h200.db: fp32, q8_0 and the affine
 * formats exactly on mmav tiles of 32 rows (fb=4), where 16-row tiles (or fp32's mma tile) were
 * slower; f16 and bf16 keep theirs. The H100's file and nvidia-sm_90.db the same for the cells
 * measured on the H100. */
Test(database, shipped_h200_tiles_of_32_rows)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    static const struct {
        fmlp_dtype wt;
        long fb;
    } cells[] = {
        {FMLP_DTYPE_F32, 4},       {FMLP_DTYPE_AFFINE_Q2, 4}, {FMLP_DTYPE_AFFINE_Q3, 4},
        {FMLP_DTYPE_AFFINE_Q4, 4}, {FMLP_DTYPE_AFFINE_Q8, 4}, {FMLP_DTYPE_F16, 2},
        {FMLP_DTYPE_BF16, 2},      {FMLP_DTYPE_Q8_0, 4},      {FMLP_DTYPE_Q4_0, 4},
    };
    for (size_t c = 0; c < sizeof cells / sizeof *cells; ++c)
        for (size_t b = 17; b <= 32; b += 15) {
            d.weight_dtype = cells[c].wt;
            d.group_size = cells[c].wt >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
            const fmlp_db_entry *e = fmlp_db_lookup(db, &d, b);
            cr_assert_not_null(e, "cell %zu B=%zu", c, b);
            cr_expect_str_eq(e->params.strategy, "mmav", "cell %zu B=%zu", c, b);
            cr_expect_eq(fmlp_params_get(&e->params, "fb", 0), cells[c].fb, "cell %zu B=%zu", c, b);
            cr_expect_eq(e->b_lo, 17, "cell %zu", c);
            cr_expect_eq(e->b_hi, 32, "cell %zu", c);
            /* the twenty-third session's tunes: both kernels on 32 rows, fp32 with two
             * k-chunks of weights a step (ku=2), the block formats' fields into the mma (iw=1) */
            if (cells[c].fb == 4) {
                cr_expect_eq(fmlp_params_get(&e->params, "dfb", 0), 4, "cell %zu B=%zu", c, b);
                if (cells[c].wt == FMLP_DTYPE_F32)
                    cr_expect_eq(fmlp_params_get(&e->params, "ku", 0), 2, "B=%zu", b);
                else
                    cr_expect_eq(fmlp_params_get(&e->params, "iw", 0), 1, "cell %zu B=%zu", c, b);
            }
        }
    /* Q4_0's 16-row tile with whole blocks a lane (wl=1) keeps B = 5-16 */
    d.weight_dtype = FMLP_DTYPE_Q4_0;
    d.group_size = 0;
    const fmlp_db_entry *q4 = fmlp_db_lookup(db, &d, 16);
    cr_assert_not_null(q4);
    cr_expect_eq(fmlp_params_get(&q4->params, "wl", 0), 1);
    cr_expect_eq(q4->b_hi, 16);
    fmlp_db_free(db);
    /* the H100's file and the arch file: fp32 and every exact block format measured on both
     * cards with the same tiles (twenty-third session: both kernels on 32 rows) */
    static const char *const files[] = {"nvidia-h100.db", "nvidia-sm_90.db"};
    static const fmlp_dtype both[] = {FMLP_DTYPE_F32,       FMLP_DTYPE_Q8_0,
                                      FMLP_DTYPE_Q4_0,      FMLP_DTYPE_AFFINE_Q2,
                                      FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_AFFINE_Q4,
                                      FMLP_DTYPE_AFFINE_Q8};
    for (size_t f = 0; f < 2; ++f) {
        db = parse_ok(fmlp_source_get(files[f]));
        for (size_t c = 0; c < sizeof both / sizeof *both; ++c) {
            d.weight_dtype = both[c];
            d.group_size = both[c] >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
            const fmlp_db_entry *e = fmlp_db_lookup(db, &d, 24);
            cr_assert_not_null(e, "%s cell %zu", files[f], c);
            cr_expect_str_eq(e->params.strategy, "mmav", "%s cell %zu", files[f], c);
            cr_expect_eq(fmlp_params_get(&e->params, "fb", 0), 4, "%s cell %zu", files[f], c);
            cr_expect_eq(fmlp_params_get(&e->params, "dfb", 0), 4, "%s cell %zu", files[f], c);
            cr_expect_eq(e->b_lo, 17, "%s cell %zu", files[f], c);
            cr_expect_eq(e->b_hi, 32, "%s cell %zu", files[f], c);
        }
        fmlp_db_free(db);
    }
}

/* The thirty-seventh session's rule for the H200's fp32 weights: every benchmark shape, at every
 * batch the tensor-core kernels serve, takes an entry of its own shape, and each mma entry
 * multiplies through fp16 pairs (hp=1). Tiles without hp had been left on the ReLU MLP, Qwen,
 * Gemma and the 70B shard, 1.08-1.43x slower (bench/results/2026-11-29-h200-s37-{a,b}). The one
 * exception is the shard at B = 33-64, where hp measured level (s37-b). The ReLU MLP's small
 * batches also take their own entries now (s37-e/f; B = 9-16 tuned in s40-j, 1.15x, fp16 pairs in
 * both kernels); B = 3-4 keep sm_90's. */
Test(database, shipped_h200_fp32_cells_on_fp16_pairs)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    static const struct {
        size_t h, i;
        fmlp_mlp_kind kind;
        fmlp_activation act;
    } shapes[] = {
        {4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU},      {4096, 14336, FMLP_MLP_PLAIN, FMLP_ACT_RELU},
        {3584, 18944, FMLP_MLP_GATED, FMLP_ACT_SILU},      {2048, 16384, FMLP_MLP_GATED, FMLP_ACT_GELU_TANH},
        {768, 3072, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH},   {8192, 3584, FMLP_MLP_GATED, FMLP_ACT_SILU},
    };
    static const size_t batches[] = {48, 64, 80, 128, 160, 256, 300, 512, 600, 1024, 2048, 4096};
    int mma_cells = 0;
    for (size_t s = 0; s < sizeof shapes / sizeof *shapes; ++s)
        for (size_t b = 0; b < sizeof batches / sizeof *batches; ++b) {
            fmlp_plan_desc d = make_desc(shapes[s].h, shapes[s].i, shapes[s].kind, shapes[s].act, 0);
            const fmlp_db_entry *e = fmlp_db_lookup(db, &d, batches[b]);
            cr_assert_not_null(e, "shape %zu B=%zu", s, batches[b]);
            cr_expect_eq(e->hidden, (long)shapes[s].h, "shape %zu B=%zu: its own entry", s, batches[b]);
            cr_expect_str_eq(e->params.strategy, "mma", "shape %zu B=%zu", s, batches[b]);
            int shard_small = shapes[s].h == 8192 && batches[b] <= 64;
            cr_expect_eq(fmlp_params_get(&e->params, "hp", 0), shard_small ? 0 : 1, "shape %zu B=%zu",
                         s, batches[b]);
            ++mma_cells;
        }
    cr_expect_eq(mma_cells, 72);
    /* the ReLU MLP at B = 1-32 */
    fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_PLAIN, FMLP_ACT_RELU, 0);
    static const struct {
        size_t batch;
        const char *strategy; /* NULL: no entry in this file (sm_90's serves) */
    } relu[] = {{1, "stream"}, {2, "mmav"}, {3, NULL}, {4, NULL}, {5, "mmav"},
                {8, "mmav"},   {9, "mmav"}, {16, "mmav"}, {17, "mmav"}, {32, "mmav"}};
    for (size_t c = 0; c < sizeof relu / sizeof *relu; ++c) {
        const fmlp_db_entry *e = fmlp_db_lookup(db, &d, relu[c].batch);
        if (!relu[c].strategy) {
            cr_expect_null(e, "ReLU B=%zu", relu[c].batch);
            continue;
        }
        cr_assert_not_null(e, "ReLU B=%zu", relu[c].batch);
        cr_expect_str_eq(e->params.strategy, relu[c].strategy, "ReLU B=%zu", relu[c].batch);
        cr_expect_eq(e->hidden, 4096, "ReLU B=%zu", relu[c].batch);
        cr_expect_eq(e->kind, FMLP_MLP_PLAIN, "ReLU B=%zu: not SwiGLU's entry", relu[c].batch);
        if (relu[c].batch >= 9 && relu[c].batch <= 16)
            cr_expect_eq(fmlp_params_get(&e->params, "hp", 0), 1, "ReLU B=%zu: fp16 pairs",
                         relu[c].batch);
    }
    fmlp_db_free(db);
}

/* Decode cells of one shape and MLP kind: by weight format, the batches tuned ("" none). */
enum { F32, F16, BF16, Q80, Q40, A2, A3, A4, A8 };
typedef struct decode_cells {
    size_t h, i;
    fmlp_mlp_kind kind;
    fmlp_activation act;
    const char *batches[9]; /* by format (the enum above), e.g. "1,4,16" */
} decode_cells;

/* The nine weight formats, by the enum above. */
static const fmlp_dtype formats[] = {FMLP_DTYPE_F32,       FMLP_DTYPE_F16,       FMLP_DTYPE_BF16,
                                     FMLP_DTYPE_Q8_0,      FMLP_DTYPE_Q4_0,      FMLP_DTYPE_AFFINE_Q2,
                                     FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_AFFINE_Q8};

/* Each listed (shape, format, batch) with x in format `at` takes an entry of db for its own
 * shape, MLP kind, format and (16-bit x) x format, with the parameters of the cell's entry for
 * fp32 x (exact; the affine formats in groups of 32); returns how many were checked. */
static int expect_own_entries(const fmlp_db *db, const decode_cells *cells, size_t ncells,
                              fmlp_dtype at)
{
    int n = 0;
    for (size_t c = 0; c < ncells; ++c)
        for (int f = F32; f <= A8; ++f)
            for (const char *p = cells[c].batches[f]; *p;) {
                char *end;
                const size_t batch = strtoul(p, &end, 10);
                p = *end ? end + 1 : end;
                fmlp_plan_desc d = make_desc(cells[c].h, cells[c].i, cells[c].kind, cells[c].act, 0);
                d.weight_dtype = formats[f];
                d.group_size = f >= A2 ? 32 : 0;
                const fmlp_db_entry *e32 = fmlp_db_lookup(db, &d, batch);
                d.act_dtype = at;
                const fmlp_db_entry *e = fmlp_db_lookup(db, &d, batch);
                const char *w = fmlp_dtype_name(formats[f]), *x = fmlp_dtype_name(at);
                cr_assert(e && e32, "%zux%zu %s/%s B=%zu", cells[c].h, cells[c].i, w, x, batch);
                cr_expect(e->hidden == (long)cells[c].h && e->inter == (long)cells[c].i &&
                              e->kind == (int)cells[c].kind && e->wdtype == (int)formats[f] &&
                              (at == FMLP_DTYPE_F32 || e->adtype == (int)at),
                          "%zux%zu %s/%s B=%zu: line %d is not the cell's own entry", cells[c].h,
                          cells[c].i, w, x, batch, e->line);
                cr_expect(fmlp_params_same(&e->params, &e32->params),
                          "%zux%zu %s B=%zu: %s x (line %d) and fp32 x (line %d) differ",
                          cells[c].h, cells[c].i, w, batch, x, e->line, e32->line);
                ++n;
            }
    return n;
}

/* The forty-first session's decode cells (bench/results/2026-11-29-h200-s41-{a,b,c}): the
 * Llama-3-8B ReLU MLP's, Qwen2.5-7B's and Gemma-2B's cells at B = 1-32 that had taken sm_90's
 * entries without a shape take the H200 file's own, each for its shape, MLP kind and format:
 * 57 cells, at the batches tuned. */
Test(database, shipped_h200_decode_cells_of_three_shapes)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    static const decode_cells cells[] = {
        {4096, 14336, FMLP_MLP_PLAIN, FMLP_ACT_RELU,
         {"", "1,4,16,32", "1,16,32", "1,16,32", "1", "1,4,16,32", "1,16,32", "1,16,32", "1"}},
        {3584, 18944, FMLP_MLP_GATED, FMLP_ACT_SILU,
         {"4,16", "4,16,32", "4,16,32", "1,16", "1", "1,16", "1", "1", ""}},
        {2048, 16384, FMLP_MLP_GATED, FMLP_ACT_GELU_TANH,
         {"1,4,16", "1,4,16,32", "4,16,32", "1,16", "1", "1,16", "1,16", "1,16", "1"}},
    };
    cr_expect_eq(expect_own_entries(db, cells, sizeof cells / sizeof *cells, FMLP_DTYPE_F32), 57);
    fmlp_db_free(db);
}

/* The forty-second session's decode cells (bench/results/2026-11-29-h200-s42-{a,b,c,e}): the
 * 70B shard's and GPT-2's cells at B = 1-32, every shape's B=2 cells, the affine formats' cells
 * left behind fp32 weights, and block formats' cells at 5-8 (the shard, Qwen2.5-7B, Gemma-2B),
 * which had taken sm_90's entries without a shape: 105 cells, each now the H200 file's own. And the shape-less line for q8_0
 * at B = 9-16 with fp32 x (sm_90's tile with hp=1, 1.06x on two shapes no tune had seen, s42-b)
 * serves a shape of no entry's. */
Test(database, shipped_h200_decode_cells_of_five_shapes)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    static const decode_cells cells[] = {
        {4096, 14336, FMLP_MLP_PLAIN, FMLP_ACT_RELU, {"", "", "", "2", "16,32", "", "", "", "2,16,32"}},
        {3584, 18944, FMLP_MLP_GATED, FMLP_ACT_SILU,
         {"2", "", "2", "2,8", "2", "2", "2,16", "2,16", "1,2,16"}},
        {2048, 16384, FMLP_MLP_GATED, FMLP_ACT_GELU_TANH,
         {"2", "2", "2", "2,8", "2,8", "2,8", "2", "2,8", "2,16"}},
        {8192, 3584, FMLP_MLP_GATED, FMLP_ACT_SILU,
         {"1,2,4", "1,4,16,32", "1,2,4,16,32", "1,2,4,8,16", "1,2,4,8,32", "1,2,4,16",
          "1,2,4,16,32", "1,2,4,16", "1,2,4,16,32"}},
        {768, 3072, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH,
         {"1,2,4,32", "2,4,32", "1,4,32", "1,2,4,16,32", "4,16,32", "16", "1,2,4,16,32",
          "2,16,32", "1,2,4,16,32"}},
    };
    cr_expect_eq(expect_own_entries(db, cells, sizeof cells / sizeof *cells, FMLP_DTYPE_F32), 105);
    fmlp_plan_desc d = make_desc(5120, 13824, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.weight_dtype = FMLP_DTYPE_Q8_0;
    for (size_t b = 9; b <= 16; b += 7) {
        const fmlp_db_entry *e = fmlp_db_lookup(db, &d, b);
        cr_assert_not_null(e, "q8_0 B=%zu", b);
        cr_expect(e->hidden == 0 && e->inter == 0 && e->wdtype == (int)FMLP_DTYPE_Q8_0 &&
                      e->b_lo == 9 && e->b_hi == 16,
                  "q8_0 B=%zu: line %d", b, e->line);
        cr_expect_str_eq(e->params.strategy, "mmav");
        cr_expect_eq(fmlp_params_get(&e->params, "hp", 0), 1);
    }
    fmlp_db_free(db);
}

/* The twenty-first session's entries of nvidia-sm_90.db: every block format at B = 2-4 on the
 * stream kernel with a batch tile of 2 (B=2) or 4 (B = 3-4), exact and int8, any shape
 * (measured on Llama-3-8B, Qwen2.5-7B, Gemma-2B, the 70B shard and GPT-2); the shard keeps its
 * mmav tiles for exact q8_0, q4_0 and affine_q4 (0.90-0.98x there), GPT-2 its 8-row int8 plan
 * for affine_q2 at B=2; B=5 keeps the entries before them. */
Test(database, shipped_sm90_small_batch_stream)
{
    fmlp_db *arch = parse_ok(fmlp_source_get("nvidia-sm_90.db"));
    static const fmlp_dtype fmts[] = {FMLP_DTYPE_Q8_0,      FMLP_DTYPE_Q4_0,
                                      FMLP_DTYPE_AFFINE_Q2, FMLP_DTYPE_AFFINE_Q3,
                                      FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_AFFINE_Q8};
    static const struct {
        size_t h, i;
        fmlp_activation act;
    } shapes[] = {{4096, 14336, FMLP_ACT_SILU}, {3584, 18944, FMLP_ACT_SILU},
                  {2048, 16384, FMLP_ACT_GELU_TANH}, {8192, 3584, FMLP_ACT_SILU}};
    for (size_t sh = 0; sh < sizeof shapes / sizeof *shapes; ++sh)
        for (size_t f = 0; f < sizeof fmts / sizeof *fmts; ++f)
            for (int pr = 0; pr < 2; ++pr) {
                fmlp_plan_desc d = make_desc(shapes[sh].h, shapes[sh].i, FMLP_MLP_GATED,
                                             shapes[sh].act, 0);
                d.weight_dtype = fmts[f];
                d.precision = pr ? FMLP_PRECISION_INT8_DOT : FMLP_PRECISION_EXACT;
                d.group_size = fmts[f] >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
                const int kept = sh == 3 && !pr &&
                                 (fmts[f] == FMLP_DTYPE_Q8_0 || fmts[f] == FMLP_DTYPE_Q4_0 ||
                                  fmts[f] == FMLP_DTYPE_AFFINE_Q4);
                for (long b = 2; b <= 4; ++b) {
                    const fmlp_db_entry *e = fmlp_db_lookup(arch, &d, b);
                    cr_assert_not_null(e);
                    cr_expect_str_eq(e->params.strategy, kept ? "mmav" : "stream",
                                     "shape %zu format %zu pr %d B=%ld", sh, f, pr, b);
                    if (!kept)
                        cr_expect_eq(fmlp_params_get(&e->params, "bt", 0), b == 2 ? 2 : 4,
                                     "shape %zu format %zu pr %d B=%ld", sh, f, pr, b);
                }
                const fmlp_db_entry *e5 = fmlp_db_lookup(arch, &d, 5);
                cr_assert_not_null(e5);
                cr_expect(strcmp(e5->params.strategy, "stream") != 0 ||
                              fmlp_params_get(&e5->params, "bt", 0) >= 8,
                          "shape %zu format %zu pr %d B=5", sh, f, pr);
            }
    /* GPT-2 (a plain MLP) too, but affine_q2+int8 at B=2 (the 8-row plan) */
    fmlp_plan_desc g = make_desc(768, 3072, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH,
                                 FMLP_BIAS_UP | FMLP_BIAS_DOWN);
    g.weight_dtype = FMLP_DTYPE_Q4_0;
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(arch, &g, 2)->params, "bt", 0), 2);
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(arch, &g, 4)->params, "bt", 0), 4);
    g.weight_dtype = FMLP_DTYPE_AFFINE_Q2;
    g.group_size = 32;
    g.precision = FMLP_PRECISION_INT8_DOT;
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(arch, &g, 2)->params, "bt", 0), 8);
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(arch, &g, 3)->params, "bt", 0), 4);
    fmlp_db_free(arch);
    /* the H200's file has no entry of its own there (its q4_0 entries stop at B=5 and at B=1),
     * so nvidia-sm_90.db's apply on that card too */
    fmlp_db *h200 = parse_ok(fmlp_source_get("nvidia-h200.db"));
    for (size_t f = 0; f < sizeof fmts / sizeof *fmts; ++f)
        for (int pr = 0; pr < 2; ++pr)
            for (long b = 2; b <= 4; ++b) {
                fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
                d.weight_dtype = fmts[f];
                d.precision = pr ? FMLP_PRECISION_INT8_DOT : FMLP_PRECISION_EXACT;
                d.group_size = fmts[f] >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
                const fmlp_db_entry *e = fmlp_db_lookup(h200, &d, b);
                /* the twentieth session's affine_q3 / affine_q8 entries are the same plans */
                if (e) {
                    cr_expect_str_eq(e->params.strategy, "stream", "format %zu pr %d B=%ld", f, pr, b);
                    cr_expect_eq(fmlp_params_get(&e->params, "bt", 0), b == 2 ? 2 : 4,
                                 "format %zu pr %d B=%ld", f, pr, b);
                }
            }
    fmlp_db_free(h200);
}

/* The same session's entries for other sm_90 cards and the H100: the gap plans as Llama-3-8B
 * entries of nvidia-sm_90.db (the H100 measured them against the entries before them), na=1
 * on the int8 stream entries at B = 2-8 and f16/bf16 at B=2 there, and na=1 on the H100's own B=1
 * entries where that card measured it faster, not on affine_q8+int8 (0.95x). */
Test(database, shipped_sm90_h100_load_hint_and_gaps)
{
    fmlp_db *arch = parse_ok(fmlp_source_get("nvidia-sm_90.db"));
    fmlp_db *h100 = parse_ok(fmlp_source_get("nvidia-h100.db"));
    fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.precision = FMLP_PRECISION_INT8_DOT;
    d.weight_dtype = FMLP_DTYPE_AFFINE_Q3;
    d.group_size = 32;
    for (size_t b = 2; b <= 8; b *= 2) {
        const fmlp_db_entry *e = fmlp_db_lookup(arch, &d, b);
        cr_assert_not_null(e);
        cr_expect_str_eq(e->params.strategy, "stream", "B=%zu", b);
        cr_expect_eq(fmlp_params_get(&e->params, "bt", 0), (long)b, "B=%zu", b);
    }
    static const fmlp_dtype b32[] = {FMLP_DTYPE_Q8_0, FMLP_DTYPE_AFFINE_Q2, FMLP_DTYPE_AFFINE_Q3,
                                     FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_AFFINE_Q8};
    for (size_t f = 0; f < sizeof b32 / sizeof *b32; ++f) {
        d.weight_dtype = b32[f];
        d.group_size = b32[f] >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
        cr_expect_str_eq(fmlp_db_lookup(arch, &d, 32)->params.strategy, "mmaq", "format %zu", f);
    }
    /* na=1 on the int8 stream entries at B = 2-8 (q4_0, q8_0, affine_q2, affine_q4, affine_q8) */
    static const fmlp_dtype small[] = {FMLP_DTYPE_Q4_0, FMLP_DTYPE_Q8_0, FMLP_DTYPE_AFFINE_Q2,
                                       FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_AFFINE_Q8};
    for (size_t f = 0; f < sizeof small / sizeof *small; ++f) {
        d.weight_dtype = small[f];
        d.group_size = small[f] >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
        const fmlp_db_entry *e = fmlp_db_lookup(arch, &d, 8);
        cr_assert_not_null(e);
        cr_expect_str_eq(e->params.strategy, "stream", "format %zu", f);
        cr_expect_eq(fmlp_params_get(&e->params, "na", 0), 1, "format %zu", f);
    }
    d.precision = FMLP_PRECISION_EXACT;
    d.group_size = 0;
    d.weight_dtype = FMLP_DTYPE_F16;
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(arch, &d, 2)->params, "na", 0), 1);
    cr_expect_eq(fmlp_params_get(&fmlp_db_lookup(arch, &d, 1)->params, "na", 0), 0);
    /* the H100's B=1 entries */
    static const na_cell b1[] = {
        {FMLP_DTYPE_F32, FMLP_PRECISION_EXACT, 1},        {FMLP_DTYPE_F16, FMLP_PRECISION_EXACT, 1},
        {FMLP_DTYPE_BF16, FMLP_PRECISION_EXACT, 1},       {FMLP_DTYPE_Q8_0, FMLP_PRECISION_EXACT, 1},
        {FMLP_DTYPE_Q4_0, FMLP_PRECISION_EXACT, 1},       {FMLP_DTYPE_Q4_0, FMLP_PRECISION_INT8_DOT, 1},
        {FMLP_DTYPE_Q8_0, FMLP_PRECISION_INT8_DOT, 1},    {FMLP_DTYPE_AFFINE_Q8, FMLP_PRECISION_INT8_DOT, 0},
        {FMLP_DTYPE_AFFINE_Q3, FMLP_PRECISION_EXACT, 0},
    };
    expect_llama_b1_na(h100, b1, sizeof b1 / sizeof *b1, "H100");
    fmlp_db_free(h100);
    fmlp_db_free(arch);
}

/* More damage, each reported with its line: what a hand edit, a bad copy or the wrong file
 * produces. */
Test(database, more_damage_is_reported)
{
    expect_damage("# only a comment\n\n", "test.db", "empty");
    expect_damage("flashmlp-tuning 1 x\n", "test.db:1", "version");
    expect_damage("flashmlp-tun", "test.db:1", "not a FlashMLP tuning database");
    expect_damage("flashmlp-tune-state 1\ndevice vendor=pocl\n", "test.db:1",
                  "not a FlashMLP tuning database");
    expect_damage("\x7f" "ELF\x02\x01\x01", "test.db:1", "control character");
    expect_damage(HEADER "device vendor=nvidia cus=0\n", "test.db:2", "compute unit");
    expect_damage(HEADER "device vendor=nvidia cus=many\n", "test.db:2", "compute unit");
    expect_damage(HEADER "device vendor=nvidia measured=maybe\n", "test.db:2", "measured");
    expect_damage(HEADER "device vendor=nvidia vendor=amd\n", "test.db:2", "twice");
    expect_damage(HEADER "device vendor=\"\"\n", "test.db:2", "without vendor");
    expect_damage(GENERIC "entry strategy=stream B=0\n", "test.db:3", "bad value");
    expect_damage(GENERIC "entry strategy=stream B=abc\n", "test.db:3", "bad value");
    expect_damage(GENERIC "entry strategy=stream B=4-x\n", "test.db:3", "bad value");
    expect_damage(GENERIC "entry strategy=stream H=-1\n", "test.db:3", "bad value");
    expect_damage(GENERIC "entry strategy=stream I=1e3\n", "test.db:3", "bad value");
    expect_damage(GENERIC "entry strategy=stream act=swish\n", "test.db:3", "bad value");
    expect_damage(GENERIC "entry strategy=stream Q=3\n", "test.db:3", "not a field");
    expect_damage(GENERIC "entry strategy=stream wgs=99999999999999999999\n", "test.db:3",
                  "bad value");
    expect_damage(GENERIC "entry strategy=stream strategy=tiled\n", "test.db:3", "twice");
    expect_damage(GENERIC "entry =4 strategy=stream\n", "test.db:3", "key=value");
    /* a line longer than any real one (a file of binary junk, or a runaway paste) */
    char long_line[2000];
    snprintf(long_line, sizeof long_line, GENERIC "# %01900d\n", 0);
    expect_damage(long_line, "test.db:3", "too long");
    /* damage after valid entries still rejects the whole file */
    expect_damage(GENERIC "entry strategy=stream wgs=64\nentry strategy=stream wgs=64 bt=\n",
                  "test.db:4", "bad value");
}

/* Everything the format allows, read back exactly. */
Test(database, valid_forms)
{
    fmlp_db *db = parse_ok("\n   # indented comment\n\tflashmlp-tuning 1\r\n"
                           "device vendor=amd arch=gfx1100 measured=no  \n"
                           "\n"
                           "entry\tB=* H=* I=* kind=* act=* wt=* at=* pr=* strategy=stream\n"
                           "entry B=7 strategy=tiled mt=32 # a comment after the fields\n"
                           "entry B=3-3 strategy=stream\n"
                           "entry H=\"1024\" strategy=stream wgs=\"128\"\n");
    cr_expect_str_eq(db->vendor, "amd");
    cr_expect_str_eq(db->arch, "gfx1100");
    cr_expect_eq(db->measured, 0);
    cr_assert_eq(db->count, 4);
    cr_expect_eq(db->entries[0].kind, -1);
    cr_expect_eq(db->entries[0].hidden, 0);
    cr_expect_eq(db->entries[0].b_lo, 1);
    cr_expect_eq(db->entries[0].b_hi, LONG_MAX);
    cr_expect_eq(db->entries[1].b_lo, 7);
    cr_expect_eq(db->entries[1].b_hi, 7);
    cr_expect_eq(db->entries[1].line, 7);
    cr_expect_eq(fmlp_params_get(&db->entries[1].params, "mt", 0), 32);
    cr_expect_eq(db->entries[2].b_hi, 3);
    cr_expect_eq(db->entries[3].hidden, 1024);
    cr_expect_eq(fmlp_params_get(&db->entries[3].params, "wgs", 0), 128);
    fmlp_db_free(db);
}

/* ---- the lookup order on a real context: user overlay, device, arch, vendor, generic */

static void make_temp_dir(char *buf, size_t n)
{
    snprintf(buf, n, "/tmp/fmlp-test-db-XXXXXX");
    cr_assert_not_null(mkdtemp(buf), "mkdtemp failed");
}

static void write_text(const char *dir, const char *name, const char *text, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    cr_assert_eq(fwrite(text, 1, len, f), len);
    fclose(f);
}

/* A database for this device at one level, with one entry for H=64 I=96 marked by bt. */
static void level_db(const fmlp_device *dev, int level, int bt, char *out, size_t n)
{
    char line[512];
    switch (level) {
    case FMLP_DB_DEVICE:
        snprintf(line, sizeof line, "vendor=%s arch=%s name=\"%s\" cus=%u", dev->vendor,
                 dev->arch[0] ? dev->arch : "", dev->name, dev->info.compute_units);
        if (!dev->arch[0])
            snprintf(line, sizeof line, "vendor=%s name=\"%s\" cus=%u", dev->vendor, dev->name,
                     dev->info.compute_units);
        break;
    case FMLP_DB_ARCH: snprintf(line, sizeof line, "vendor=%s arch=%s", dev->vendor, dev->arch); break;
    case FMLP_DB_VENDOR: snprintf(line, sizeof line, "vendor=%s", dev->vendor); break;
    default: snprintf(line, sizeof line, "vendor=generic"); break;
    }
    snprintf(out, n,
             HEADER "device %s measured=yes\n"
                    "entry H=64 I=96 strategy=stream wgs=64 kl=8 ti=8 bt=%d vw=4 xc=64\n",
             line, bt);
}

static const char *const level_names[] = {"user", "device", "arch", "vendor", "generic"};

/* With databases from `from` down to generic, a plan takes its parameters from `from`. */
static void expect_level(const char *overlay, int from)
{
    test_env e;
    char text[1024], user_path[600], how[600];
    snprintf(user_path, sizeof user_path, "%s/mine.db", overlay);
    unlink(user_path);
    /* the user file must exist before the context reads the overlay */
    env_open(&e);
    const fmlp_device dev = e.ctx->dev;
    env_close(&e);
    if (from == FMLP_DB_USER) {
        level_db(&dev, FMLP_DB_VENDOR, 1 + FMLP_DB_USER, text, sizeof text);
        write_text(overlay, "mine.db", text, strlen(text));
    }
    env_open(&e);
    /* only the overlay and our own databases: the shipped ones would take part too on devices
     * they describe (e.g. nvidia-sm_90.db on an H100 or H200) */
    int kept = 0;
    for (int i = 0; i < e.ctx->ndbs; ++i) {
        if (e.ctx->dbs[i].level == FMLP_DB_USER) e.ctx->dbs[kept++] = e.ctx->dbs[i];
        else fmlp_db_free(e.ctx->dbs[i].db);
    }
    e.ctx->ndbs = kept;
    for (int level = FMLP_DB_DEVICE; level <= FMLP_DB_GENERIC; ++level) {
        if (level < from || (level == FMLP_DB_ARCH && !dev.arch[0])) continue;
        level_db(&dev, level, 1 + level, text, sizeof text);
        char source[32];
        snprintf(source, sizeof source, "test-%s.db", level_names[level]);
        fmlp_databases_add_text(e.ctx, text, source, 0);
    }
    /* the candidates come in lookup order; ours are in the order of their levels */
    fmlp_plan_desc d = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    fmlp_params cands[16];
    int n = fmlp_tuning_candidates(e.ctx, &d, 1, cands, 16), last = 0, ours = 0;
    for (int i = 0; i < n; ++i) {
        if (!strstr(cands[i].origin, "test-") && !strstr(cands[i].origin, "mine.db")) continue;
        int bt = (int)fmlp_params_get(&cands[i], "bt", 0);
        cr_expect_gt(bt, last, "candidate %d (%s) out of order", i, cands[i].origin);
        cr_expect(strncmp(cands[i].origin, level_names[bt - 1], strlen(level_names[bt - 1])) == 0,
                  "candidate from %s reported at the wrong level", cands[i].origin);
        last = bt;
        ++ours;
    }
    cr_expect_eq(ours, 5 - from - (from <= FMLP_DB_ARCH && !dev.arch[0]),
                 "%d of our databases offered an entry", ours);
    fmlp_plan *plan = NULL;
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &plan), FMLP_SUCCESS);
    cr_assert_eq(fmlp_plan_describe(plan, 1, how, sizeof how), FMLP_SUCCESS);
    char want[64];
    snprintf(want, sizeof want, "from %s:", level_names[from]);
    cr_expect(strstr(how, want) != NULL, "expected the %s level, got: %s", level_names[from], how);
    fmlp_plan_release(plan);
    env_close(&e);
}

Test(database, lookup_order)
{
    char overlay[64];
    make_temp_dir(overlay, sizeof overlay);
    setenv("FLASHMLP_TUNING_DIR", overlay, 1);
    setenv("FLASHMLP_CACHE", "0", 1);
    for (int from = FMLP_DB_USER; from <= FMLP_DB_GENERIC; ++from) expect_level(overlay, from);
    remove_tree(overlay);
}

/* A context on the test device holding only the given databases: text[i] at level[i]. */
static void only_databases(test_env *e, int n, const int *level, const char *const *text)
{
    for (int i = 0; i < e->ctx->ndbs; ++i) fmlp_db_free(e->ctx->dbs[i].db);
    e->ctx->ndbs = 0;
    const fmlp_device *dev = &e->ctx->dev;
    for (int i = 0; i < n; ++i) {
        char line[256], db[1024], source[32];
        if (level[i] <= FMLP_DB_DEVICE)
            snprintf(line, sizeof line, "vendor=%s name=\"%s\" cus=%u", dev->vendor, dev->name,
                     dev->info.compute_units);
        else
            snprintf(line, sizeof line, "vendor=%s",
                     level[i] == FMLP_DB_GENERIC ? "generic" : dev->vendor);
        snprintf(db, sizeof db, HEADER "device %s measured=yes\n%s", line, text[i]);
        snprintf(source, sizeof source, "test-%d.db", i);
        fmlp_databases_add_text(e->ctx, db, source, level[i] == FMLP_DB_USER);
    }
}

static int ends_with(const char *s, const char *tail)
{
    const size_t n = strlen(s), m = strlen(tail);
    return n >= m && !strcmp(s + n - m, tail);
}

/* 16-bit x whose first entry names no shape takes the shape's fp32-x entry (at=f32) ahead of
 * it, from a database no lower than that entry's; its own x format's entry, or a shaped first
 * entry, keeps the lookup as it was. */
Test(database, fp32_x_entry_serves_16_bit_x)
{
    setenv("FLASHMLP_CACHE", "0", 1);
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    fmlp_params c[4];
    const char *shaped32 = "entry at=f32 H=64 I=96 strategy=stream wgs=64 kl=8 ti=8 bt=7 vw=4 xc=64\n";
    const char *anyx = "entry strategy=stream wgs=64 kl=8 ti=8 bt=3 vw=4 xc=64\n";
    const int dev_vendor[] = {FMLP_DB_DEVICE, FMLP_DB_VENDOR};
    const char *t1[] = {shaped32, anyx};
    only_databases(&e, 2, dev_vendor, t1);
    for (int x = 0; x < 3; ++x) {
        d.act_dtype = x == 0 ? FMLP_DTYPE_F32 : x == 1 ? FMLP_DTYPE_F16 : FMLP_DTYPE_BF16;
        const int n = fmlp_tuning_candidates(e.ctx, &d, 1, c, 4);
        /* fp32 x: the device's entry, then the vendor's; 16-bit x: the vendor's alone, with
         * the device's fp32-x entry put ahead of it */
        cr_assert_eq(n, 2, "x format %d: %d candidates", x, n);
        cr_expect_eq(fmlp_params_get(&c[0], "bt", 0), 7, "x format %d: %s", x, c[0].origin);
        cr_expect_eq(ends_with(c[0].origin, "+fp32-x"), x != 0, "x format %d: %s", x, c[0].origin);
        cr_expect_eq(fmlp_params_get(&c[1], "bt", 0), 3);
        /* one candidate asked for: the fp32-x entry alone */
        cr_expect_eq(fmlp_tuning_candidates(e.ctx, &d, 1, c, 1), 1);
        cr_expect_eq(fmlp_params_get(&c[0], "bt", 0), 7);
    }
    /* the plan says where its parameters came from */
    fmlp_plan *plan = NULL;
    char how[600];
    d.act_dtype = FMLP_DTYPE_F16;
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &plan), FMLP_SUCCESS);
    cr_assert_eq(fmlp_plan_describe(plan, 1, how, sizeof how), FMLP_SUCCESS);
    cr_expect(strstr(how, "+fp32-x") && strstr(how, "bt=7"), "%s", how);
    fmlp_plan_release(plan);

    /* an entry for the cell's own x format goes first, and nothing is put ahead of it */
    const char *t2[] = {"entry at=f16 H=64 I=96 strategy=stream wgs=64 kl=8 ti=8 bt=5 vw=4 xc=64\n"
                        "entry at=f32 H=64 I=96 strategy=stream wgs=64 kl=8 ti=8 bt=7 vw=4 xc=64\n",
                        anyx};
    only_databases(&e, 2, dev_vendor, t2);
    cr_assert_eq(fmlp_tuning_candidates(e.ctx, &d, 1, c, 4), 2);
    cr_expect_eq(fmlp_params_get(&c[0], "bt", 0), 5, "%s", c[0].origin);
    cr_expect_not(ends_with(c[1].origin, "+fp32-x"), "%s", c[1].origin);

    /* the shaped fp32-x entry of a lower database does not go ahead of a higher one's entry */
    const char *t3[] = {anyx, shaped32};
    only_databases(&e, 2, dev_vendor, t3);
    cr_assert_eq(fmlp_tuning_candidates(e.ctx, &d, 1, c, 4), 1);
    cr_expect_eq(fmlp_params_get(&c[0], "bt", 0), 3, "%s", c[0].origin);
    cr_expect_not(ends_with(c[0].origin, "+fp32-x"), "%s", c[0].origin);

    /* fp32-x parameters meant for fp32 x alone adapt to 16-bit x as the kernel's own choice
     * would (stream's vw=2, pairs of fp32 values, becomes 1) */
    const char *t4[] = {"entry at=f32 H=64 I=96 strategy=stream wgs=64 kl=8 ti=8 bt=7 vw=2 xc=64\n",
                        anyx};
    only_databases(&e, 2, dev_vendor, t4);
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &plan), FMLP_SUCCESS);
    cr_assert_eq(fmlp_plan_describe(plan, 1, how, sizeof how), FMLP_SUCCESS);
    cr_expect(strstr(how, "bt=7 vw=1 ") && strstr(how, "+fp32-x"), "%s", how);
    fmlp_plan_release(plan);
    env_close(&e);
}

/* Damaged overlay files are reported with file and line and never used; files that are not
 * *.db, and databases of other devices, are ignored. */
Test(database, damaged_user_files_are_skipped)
{
    char overlay[64], text[1024], info[4096], how[600];
    make_temp_dir(overlay, sizeof overlay);
    setenv("FLASHMLP_TUNING_DIR", overlay, 1);
    setenv("FLASHMLP_CACHE", "0", 1);
    test_env e;
    env_open(&e);
    const fmlp_device dev = e.ctx->dev;
    env_close(&e);
    const char *bad = HEADER "device vendor=generic\nentry H=64 I=96 strategy=stream bt=99x\n";
    write_text(overlay, "a-bad.db", bad, strlen(bad));
    const char nul[] = HEADER "device vendor=generic\n\0entry strategy=stream\n";
    write_text(overlay, "b-nul.db", nul, sizeof nul - 1);
    const char *junk = "not a database at all\n";
    write_text(overlay, "notes.txt", junk, strlen(junk));
    write_text(overlay, "x.state", junk, strlen(junk));
    const char *other = HEADER "device vendor=no-such-vendor measured=yes\n"
                               "entry H=64 I=96 strategy=stream bt=7\n";
    write_text(overlay, "c-other.db", other, strlen(other));
    level_db(&dev, FMLP_DB_VENDOR, 3, text, sizeof text);
    write_text(overlay, "d-good.db", text, strlen(text));

    env_open(&e);
    cr_assert_eq(fmlp_context_tuning_info(e.ctx, info, sizeof info), FMLP_SUCCESS);
    char want[600];
    snprintf(want, sizeof want, "skipped: %s/a-bad.db:3: bad value", overlay);
    cr_expect(strstr(info, want) != NULL, "no '%s' in:\n%s", want, info);
    snprintf(want, sizeof want, "skipped: %s/b-nul.db:3: NUL byte", overlay);
    cr_expect(strstr(info, want) != NULL, "no '%s' in:\n%s", want, info);
    snprintf(want, sizeof want, "user %s/d-good.db (measured)", overlay);
    cr_expect(strncmp(info, want, strlen(want)) == 0, "overlay not first:\n%s", info);
    cr_expect(strstr(info, "c-other.db") == NULL, "another device's file listed:\n%s", info);
    cr_expect(strstr(info, "notes.txt") == NULL && strstr(info, "x.state") == NULL,
              "a file that is not *.db was read:\n%s", info);
    fmlp_plan_desc d = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    fmlp_plan *plan = NULL;
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &plan), FMLP_SUCCESS);
    cr_assert_eq(fmlp_plan_describe(plan, 1, how, sizeof how), FMLP_SUCCESS);
    snprintf(want, sizeof want, "from user:%s/d-good.db:3", overlay);
    cr_expect(strstr(how, want) != NULL && strstr(how, "bt=3"), "plan: %s", how);
    fmlp_plan_release(plan);
    env_close(&e);
    remove_tree(overlay);
}

/* Without FLASHMLP_TUNING_DIR the overlay is $XDG_CACHE_HOME/flashmlp/tuning, else
 * $HOME/.cache/flashmlp/tuning (a relative XDG_CACHE_HOME is ignored, as XDG says). */
Test(database, default_overlay_folders)
{
    char root[64], dir[256], text[1024], info[4096];
    make_temp_dir(root, sizeof root);
    unsetenv("FLASHMLP_TUNING_DIR");
    setenv("FLASHMLP_CACHE", "0", 1);
    test_env e;
    env_open(&e);
    const fmlp_device dev = e.ctx->dev;
    env_close(&e);
    level_db(&dev, FMLP_DB_VENDOR, 3, text, sizeof text);
    const char *layouts[2] = {"xdg/flashmlp/tuning", "home/.cache/flashmlp/tuning"};
    for (int k = 0; k < 2; ++k) {
        char part[256];
        snprintf(part, sizeof part, "%s", layouts[k]);
        snprintf(dir, sizeof dir, "%s", root);
        for (char *tok = strtok(part, "/"); tok; tok = strtok(NULL, "/")) {
            strcat(dir, "/");
            strcat(dir, tok);
            mkdir(dir, 0700);
        }
        write_text(dir, "mine.db", text, strlen(text));
        char xdg[256], home[256];
        snprintf(xdg, sizeof xdg, "%s/xdg", root);
        snprintf(home, sizeof home, "%s/home", root);
        if (k == 0) setenv("XDG_CACHE_HOME", xdg, 1);
        else setenv("XDG_CACHE_HOME", "relative/is/ignored", 1);
        setenv("HOME", home, 1);
        env_open(&e);
        cr_assert_eq(fmlp_context_tuning_info(e.ctx, info, sizeof info), FMLP_SUCCESS);
        char want[512];
        snprintf(want, sizeof want, "user %s/mine.db", dir);
        cr_expect(strncmp(info, want, strlen(want)) == 0, "expected '%s' first:\n%s", want, info);
        env_close(&e);
        unlink(strcat(dir, "/mine.db"));
    }
    remove_tree(root);
}

/* The vendor defaults apply to any device of their vendor, say they are not measured, and
 * every entry fits the limits they were written for. */
Test(database, vendor_defaults)
{
    static const struct {
        const char *file, *vendor;
        size_t max_wg, local;
    } vendors[] = {{"amd.db", "amd", 256, 65536}, {"intel.db", "intel", 512, 65536}};
    for (size_t v = 0; v < sizeof vendors / sizeof *vendors; ++v) {
        const char *text = fmlp_source_get(vendors[v].file);
        cr_assert_not_null(text, "%s is not shipped", vendors[v].file);
        fmlp_db *db = parse_ok(text);
        fmlp_device dev;
        fake_device(&dev, vendors[v].vendor, "an-unknown-arch", "An Unknown GPU", 7,
                    vendors[v].max_wg, vendors[v].local);
        cr_expect_eq(fmlp_db_match_level(db, &dev), FMLP_DB_VENDOR, "%s", vendors[v].file);
        cr_expect_eq(db->measured, 0, "%s claims to be measured", vendors[v].file);
        cr_expect_gt(db->count, 0);
        const size_t batches[] = {1, 4, 16, 64, 256, 4096};
        for (size_t b = 0; b < sizeof batches / sizeof *batches; ++b) {
            fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
            d.max_batch = batches[b];
            const fmlp_db_entry *e = fmlp_db_lookup(db, &d, (long)batches[b]);
            cr_assert_not_null(e, "%s: no entry for B=%zu", vendors[v].file, batches[b]);
            fmlp_params p = e->params;
            const fmlp_strategy *s = fmlp_strategy_find(p.strategy);
            cr_assert_not_null(s);
            cr_expect_eq(s->configure(&d, &dev, &p), FMLP_SUCCESS,
                         "%s:%d does not fit a %zu-work-item, %zu-byte device", vendors[v].file,
                         e->line, vendors[v].max_wg, vendors[v].local);
        }
        fmlp_db_free(db);
    }
}

/* A plan's parameters hold every key of its strategy: fmlp_params keeps FMLP_MAX_PARAMS of
 * them and drops the rest, so a strategy whose list outgrew it lost its last-set keys (the
 * stream strategy's 26th, dr, left the two-kernel form's down kernel looping forever on PoCL
 * in the twenty-first session). Every parameter set on one fmlp_params must read back. */
Test(database, params_hold_every_key)
{
    for (const fmlp_strategy *const *s = fmlp_strategies; *s; ++s) {
        fmlp_params p;
        memset(&p, 0, sizeof p);
        long n = 0;
        for (const char *const *k = (*s)->param_names; *k; ++k, ++n) fmlp_params_set(&p, *k, n + 1);
        cr_expect_lt(n, FMLP_MAX_PARAMS, "%s: %ld parameters", (*s)->name, n);
        n = 0;
        for (const char *const *k = (*s)->param_names; *k; ++k, ++n)
            cr_expect_eq(fmlp_params_get(&p, *k, 0), n + 1, "%s: %s", (*s)->name, *k);
    }
}

/* The tiled kernels' local memory against the device's: the largest tile a gated plan may ask
 * for takes 4 * (256 * 513 + 2 * 256 * 513) = 1575936 bytes, refused one byte short of that and
 * taken from there up. test_errors asks the same through the API only where the default
 * device has less (PoCL reports 1.5 MB on some hosts, 2 MB on others). */
Test(database, tiled_local_memory_limit)
{
    const fmlp_strategy *s = fmlp_strategy_find("tiled");
    cr_assert_not_null(s);
    static const struct {
        size_t local;
        fmlp_status want;
    } cases[] = {{1536 * 1024, FMLP_ERROR_NO_FITTING_KERNEL},
                 {1575935, FMLP_ERROR_NO_FITTING_KERNEL},
                 {1575936, FMLP_SUCCESS},
                 {2048 * 1024, FMLP_SUCCESS}};
    static const char *const keys[] = {"mt", "nt", "kt", "tm", "tn"};
    static const long values[] = {512, 512, 256, 16, 8};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; ++c) {
        fmlp_device dev;
        fake_device(&dev, "pocl", "an-unknown-arch", "A CPU", 2, 4096, cases[c].local);
        fmlp_plan_desc d = make_desc(64, 256, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
        fmlp_params p;
        memset(&p, 0, sizeof p);
        snprintf(p.strategy, sizeof p.strategy, "tiled");
        for (size_t i = 0; i < 5; ++i) fmlp_params_set(&p, keys[i], values[i]);
        cr_expect_eq(s->configure(&d, &dev, &p), cases[c].want, "%zu bytes of local memory",
                     cases[c].local);
    }
}

/* The forty-third session's decode cells (bench/results/2026-11-29-h200-s43-a, -e): Qwen2.5-7B's
 * and Gemma-2B's q4_0 at B = 9-16 (1.04x and 1.17x over sm_90's entry) and affine_q8 at 5-8
 * (1.23x and 1.35x, which put both ahead of fp32 weights: they were 0.96x and 0.81x), and
 * GPT-2's seven formats at 5-8 that gained in the tuner and in bursts (stream plans of one or two
 * launches where sm_90's mmav took three), each now the H200 file's own at both ends of its
 * range. */
Test(database, shipped_h200_decode_cells_s43)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    static const decode_cells cells[] = {
        {3584, 18944, FMLP_MLP_GATED, FMLP_ACT_SILU, {"", "", "", "", "9,16", "", "", "", "5,8"}},
        {2048, 16384, FMLP_MLP_GATED, FMLP_ACT_GELU_TANH,
         {"", "", "", "", "9,16", "", "", "", "5,8"}},
        {768, 3072, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH,
         {"", "5,8", "5,8", "5,8", "", "5,8", "5,8", "5,8", "5,8"}},
    };
    cr_expect_eq(expect_own_entries(db, cells, sizeof cells / sizeof *cells, FMLP_DTYPE_F32), 22);
    fmlp_db_free(db);
}

/* GPT-2's (768 x 3072, GELU-tanh) entry of db for weights t (affine: groups of 32) with
 * precision pr at `batch`, which must be GPT-2's own for that format; returns it. */
static const fmlp_db_entry *gpt2_own_entry(const fmlp_db *db, fmlp_dtype t, fmlp_precision pr,
                                           size_t batch)
{
    fmlp_plan_desc d = make_desc(768, 3072, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH, 0);
    d.weight_dtype = t;
    d.group_size = t >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
    d.precision = pr;
    const char *p = pr == FMLP_PRECISION_INT8_DOT ? "+int8" : "";
    const fmlp_db_entry *e = fmlp_db_lookup(db, &d, batch);
    cr_assert_not_null(e, "%s%s B=%zu", fmlp_dtype_name(t), p, batch);
    cr_expect(e->hidden == 768 && e->wdtype == (int)t, "%s%s B=%zu: line %d", fmlp_dtype_name(t),
              p, batch, e->line);
    return e;
}

/* The forty-fourth session's cells (bench/results/2026-11-29-h200-s44-{a,c,e}): the 70B
 * shard's f32 and q8_0 at 32 and three affine formats at 8, the ReLU MLP's five block formats at
 * 8 (affine_q3 and affine_q8 had been behind fp32 weights there), its bf16 at 4 and 8 and q4_0
 * at 4, Llama-3-8B SwiGLU's q8_0 and q4_0 at 2, each on its own entry; and
 * GPT-2's int8 plans of q8_0 and affine_q2 at 2, affine_q3 and affine_q8 at 8, which the
 * tuner and two rounds of bursts both put ahead of sm_90's entries. */
Test(database, shipped_h200_decode_cells_s44)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    static const decode_cells cells[] = {
        {8192, 3584, FMLP_MLP_GATED, FMLP_ACT_SILU, {"32", "", "", "32", "", "8", "", "8", "8"}},
        {4096, 14336, FMLP_MLP_PLAIN, FMLP_ACT_RELU, {"", "", "4,8", "8", "4", "8", "8", "8", "8"}},
        /* s44-e */
        {4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, {"", "", "", "2", "2", "", "", "", ""}},
    };
    cr_expect_eq(expect_own_entries(db, cells, sizeof cells / sizeof *cells, FMLP_DTYPE_F32), 15);
    static const struct {
        fmlp_dtype t;
        size_t batch;
    } i8[] = {{FMLP_DTYPE_Q8_0, 2}, {FMLP_DTYPE_AFFINE_Q2, 2}, {FMLP_DTYPE_AFFINE_Q3, 8},
              {FMLP_DTYPE_AFFINE_Q8, 8}};
    for (size_t c = 0; c < sizeof i8 / sizeof *i8; ++c) {
        const fmlp_db_entry *e =
            gpt2_own_entry(db, i8[c].t, FMLP_PRECISION_INT8_DOT, i8[c].batch);
        cr_expect_str_eq(e->params.strategy, "stream", "%s+int8 B=%zu",
                         fmlp_dtype_name(i8[c].t), i8[c].batch);
    }
    fmlp_db_free(db);
}

/* The forty-fifth session's cells (bench/results/2026-11-30-h200-s45-a): the three decode cells
 * that no tune had measured until then, each now on its own entry: GPT-2's f16 and bf16 at 16
 * (1.19x and 1.33x through an overlay against the file, two rounds) and the 70B shard's q4_0 at
 * 16 (1.22x). */
Test(database, shipped_h200_decode_cells_s45)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    static const decode_cells cells[] = {
        {768, 3072, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH, {"", "16", "16", "", "", "", "", "", ""}},
        {8192, 3584, FMLP_MLP_GATED, FMLP_ACT_SILU, {"", "", "", "", "16", "", "", "", ""}},
    };
    cr_expect_eq(expect_own_entries(db, cells, sizeof cells / sizeof *cells, FMLP_DTYPE_F32), 3);
    fmlp_db_free(db);
}

/* The forty-sixth session's cells (bench/results/2026-11-30-h200-s46-{a,b,c}): GPT-2's q4_0 at
 * B = 5-8 on the stream kernel with 4 batch rows a tile (1.8-1.97x sm_90's mmav entry in bursts,
 * from behind fp32 weights to 1.7x ahead), its affine_q2 at 17-32 on an mmav tile of its own
 * (1.03-1.19x), each the file's own entry, and Llama-3-8B's q4_0+int8 at B=1 with phase 2's
 * first loads ahead (dl=1) instead of phase 1's (pb=1), 1.01-1.02x. Its fp32 at B=1 asks its
 * first two steps of weights into L2 before x is staged (xp=2, 1.02x, s46-g), which made the
 * q4_0+int8 plan 1.05-1.17x slower: that one keeps xp=0. */
Test(database, shipped_h200_cells_s46)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    static const decode_cells cells[] = {
        {768, 3072, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH, {"", "", "", "", "5,8", "17,32", "", "", ""}},
    };
    cr_expect_eq(expect_own_entries(db, cells, sizeof cells / sizeof *cells, FMLP_DTYPE_F32), 4);
    const fmlp_db_entry *e = gpt2_own_entry(db, FMLP_DTYPE_Q4_0, FMLP_PRECISION_EXACT, 8);
    cr_expect_str_eq(e->params.strategy, "stream");
    cr_expect_eq(fmlp_params_get(&e->params, "bt", 0), 4, "line %d", e->line);
    fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.weight_dtype = FMLP_DTYPE_Q4_0;
    d.precision = FMLP_PRECISION_INT8_DOT;
    e = fmlp_db_lookup(db, &d, 1);
    cr_assert_not_null(e);
    cr_expect(fmlp_params_get(&e->params, "dl", 0) == 1 && fmlp_params_get(&e->params, "pb", 1) == 0,
              "line %d is not s46-b's entry", e->line);
    cr_expect_eq(fmlp_params_get(&e->params, "xp", 0), 0, "line %d", e->line);
    d.weight_dtype = FMLP_DTYPE_F32;
    d.precision = FMLP_PRECISION_EXACT;
    e = fmlp_db_lookup(db, &d, 1);
    cr_assert_not_null(e);
    cr_expect_eq(fmlp_params_get(&e->params, "xp", 0), 2, "line %d", e->line);
    fmlp_db_free(db);
}

/* The forty-seventh session's cells (bench/results/2026-11-30-h200-s47-{a,b,d}): eleven cells
 * that took sm_90's shape-less entries, tuned one at a time, each with fp32, f16 and bf16 x
 * (1.01-1.6x in bursts). Each takes its own entry for its x format, told by one parameter the
 * shape-less entry it replaced does not have. */
Test(database, shipped_h200_cells_s47)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    static const struct {
        size_t h, i, batch;
        fmlp_mlp_kind kind;
        fmlp_activation act;
        fmlp_dtype wt;
        const char *param;
        long value;
    } cells[] = {
        {4096, 14336, 2, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_DTYPE_AFFINE_Q2, "xc", 4096},
        {4096, 14336, 2, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_DTYPE_AFFINE_Q4, "wgs", 512},
        {768, 3072, 2, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH, FMLP_DTYPE_Q4_0, "dl", 1},
        {768, 3072, 4, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH, FMLP_DTYPE_AFFINE_Q2, "fr", 96},
        {768, 3072, 3, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH, FMLP_DTYPE_AFFINE_Q4, "bt", 2},
        {4096, 14336, 4, FMLP_MLP_PLAIN, FMLP_ACT_RELU, FMLP_DTYPE_AFFINE_Q3, "kl", 32},
        {4096, 14336, 3, FMLP_MLP_PLAIN, FMLP_ACT_RELU, FMLP_DTYPE_AFFINE_Q4, "kl", 32},
        {4096, 14336, 4, FMLP_MLP_PLAIN, FMLP_ACT_RELU, FMLP_DTYPE_AFFINE_Q8, "xc", 1024},
        {4096, 14336, 4, FMLP_MLP_PLAIN, FMLP_ACT_RELU, FMLP_DTYPE_Q8_0, "kl", 32},
        {4096, 14336, 8, FMLP_MLP_PLAIN, FMLP_ACT_RELU, FMLP_DTYPE_Q4_0, "kw", 2},
        {3584, 18944, 8, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_DTYPE_Q4_0, "dwg", 16},
    };
    static const fmlp_dtype acts[] = {FMLP_DTYPE_F32, FMLP_DTYPE_F16, FMLP_DTYPE_BF16};
    for (size_t c = 0; c < sizeof cells / sizeof *cells; ++c)
        for (size_t a = 0; a < sizeof acts / sizeof *acts; ++a) {
            fmlp_plan_desc d = make_desc(cells[c].h, cells[c].i, cells[c].kind, cells[c].act, 0);
            d.weight_dtype = cells[c].wt;
            d.group_size = cells[c].wt >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
            d.act_dtype = acts[a];
            const char *w = fmlp_dtype_name(cells[c].wt), *x = fmlp_dtype_name(acts[a]);
            const fmlp_db_entry *e = fmlp_db_lookup(db, &d, cells[c].batch);
            cr_assert_not_null(e, "%zux%zu %s/%s B=%zu", cells[c].h, cells[c].i, w, x,
                               cells[c].batch);
            cr_expect(e->hidden == (long)cells[c].h && e->kind == (int)cells[c].kind &&
                          e->wdtype == (int)cells[c].wt && e->adtype == (int)acts[a],
                      "%zux%zu %s/%s B=%zu: line %d is not the cell's own entry", cells[c].h,
                      cells[c].i, w, x, cells[c].batch, e->line);
            cr_expect_eq(fmlp_params_get(&e->params, cells[c].param, -1), cells[c].value,
                         "%zux%zu %s/%s B=%zu: %s (line %d)", cells[c].h, cells[c].i, w, x,
                         cells[c].batch, cells[c].param, e->line);
        }
    /* the ReLU MLP's new q4_0 entry stops at 8, the batches measured (the tuner wrote 5-16):
     * B=9-16 keep the forty-first session's entry (kw=4 hp=1; sm_90's has hp=0) */
    fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_PLAIN, FMLP_ACT_RELU, 0);
    d.weight_dtype = FMLP_DTYPE_Q4_0;
    const fmlp_db_entry *e = fmlp_db_lookup(db, &d, 12);
    cr_assert_not_null(e);
    cr_expect(e->hidden == 4096 && fmlp_params_get(&e->params, "kw", -1) == 4 &&
                  fmlp_params_get(&e->params, "hp", -1) == 1,
              "B=12: line %d is not the forty-first session's entry", e->line);
    fmlp_db_free(db);
}

/* f16 x on three shapes (bench/results/2026-11-30-h200-s47-e): where its cells took sm_90's
 * shape-less entries, the shape's fp32-x entries measured 1.05-2.3x faster (95 cells, one run
 * each; the 13 below 1.05x, and one that shared its entry's batches with one of them, were left
 * to the lookup). Each cell kept takes an f16-x entry of its own shape with the fp32-x cell's
 * parameters. */
Test(database, shipped_h200_f16_x_s47)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    static const decode_cells cells[] = {
        {3584, 18944, FMLP_MLP_GATED, FMLP_ACT_SILU,
         {"", "4,8,16", "2,16", "1,2,8", "1,2", "1,2,16", "1,2,16", "1,2,16", "1,2,8,16"}},
        {2048, 16384, FMLP_MLP_GATED, FMLP_ACT_GELU_TANH,
         {"1,2,4,8", "2,4,8", "2,4,8", "1,2,8", "1,2,8", "1,2,8", "1,2", "1,2,8", "1,2,8"}},
        {8192, 3584, FMLP_MLP_GATED, FMLP_ACT_SILU,
         {"1,2,4,8,32", "4,8,16", "1,2,4,8,16,32", "1,2,4,8,32", "1,2,4,8,16", "1,2,4,8,16",
          "1,2,4,16,32", "1,2,4,8,16", "1,2,4,8,16,32"}},
    };
    cr_expect_eq(expect_own_entries(db, cells, sizeof cells / sizeof *cells, FMLP_DTYPE_F16), 95);
    fmlp_db_free(db);
}

/* The forty-eighth session measured the lookup's fp32-x rule for bf16 x against the entries it
 * went ahead of (bench/results/2026-11-30-h200-s48-{a,b}): faster or level in all but three
 * cells, where sm_90's shape-less entry ran 1.02-1.05x faster in all five runs. Those three
 * take sm_90's parameters as at=bf16 entries of their own, only at the batch measured (the
 * batches around them keep the rule). */
Test(database, shipped_h200_bf16_x_s48)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    fmlp_db *sm90 = parse_ok(fmlp_source_get("nvidia-sm_90.db"));
    static const struct {
        size_t h, i;
        fmlp_mlp_kind kind;
        fmlp_activation act;
        fmlp_dtype wt;
        size_t batch;
    } cells[] = {{3584, 18944, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_DTYPE_F32, 2},
                 {3584, 18944, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_DTYPE_F32, 16},
                 {4096, 14336, FMLP_MLP_PLAIN, FMLP_ACT_RELU, FMLP_DTYPE_BF16, 8}};
    for (size_t c = 0; c < sizeof cells / sizeof *cells; ++c) {
        fmlp_plan_desc d = make_desc(cells[c].h, cells[c].i, cells[c].kind, cells[c].act, 0);
        d.weight_dtype = cells[c].wt;
        const fmlp_db_entry *e32 = fmlp_db_lookup(db, &d, cells[c].batch);
        d.act_dtype = FMLP_DTYPE_BF16;
        const fmlp_db_entry *e = fmlp_db_lookup(db, &d, cells[c].batch);
        const fmlp_db_entry *arch = fmlp_db_lookup(sm90, &d, cells[c].batch);
        cr_assert(e && e32 && arch, "cell %zu", c);
        cr_expect(e->hidden == (long)cells[c].h && e->inter == (long)cells[c].i &&
                      e->kind == (int)cells[c].kind && e->wdtype == (int)cells[c].wt &&
                      e->adtype == FMLP_DTYPE_BF16 && e->b_lo == (long)cells[c].batch &&
                      e->b_hi == (long)cells[c].batch,
                  "cell %zu: line %d is not the cell's own bf16-x entry", c, e->line);
        cr_expect(arch->hidden == 0, "cell %zu: sm_90's line %d names a shape", c, arch->line);
        cr_expect(fmlp_params_same(&e->params, &arch->params),
                  "cell %zu: line %d and sm_90's line %d differ", c, e->line, arch->line);
        cr_expect(!fmlp_params_same(&e->params, &e32->params),
                  "cell %zu: line %d is the fp32-x entry's tile (line %d)", c, e->line, e32->line);
    }
    fmlp_db_free(sm90);
    fmlp_db_free(db);
}

/* Exact affine_q3 at the batches where it ran behind fp32 weights (0.93-0.96x) takes gate/up
 * weights through the cp.async ring (ca=2, cl/mlp_mma.cl's G_CA): 1.02-1.05x over the tiles it
 * had, in all four pairs of each cell (bench/results/2026-11-30-h200-s48-{e,f}); Llama-3-8B at
 * 193-256 on Gemma-2B's 128 x 64 tile with four warps along n. */
Test(database, shipped_h200_affine_q3_ring_s48)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    static const struct {
        size_t h, i;
        fmlp_activation act;
        size_t batches[4];
        long mt, nt, wn;
    } cells[] = {{4096, 14336, FMLP_ACT_SILU, {193, 200, 256, 0}, 128, 64, 4},
                 {2048, 16384, FMLP_ACT_GELU_TANH, {321, 385, 448, 512}, 128, 64, 4},
                 {8192, 3584, FMLP_ACT_SILU, {65, 80, 96, 0}, 64, 32, 2}};
    for (size_t c = 0; c < sizeof cells / sizeof *cells; ++c)
        for (int k = 0; k < 4 && cells[c].batches[k]; ++k) {
            fmlp_plan_desc d = make_desc(cells[c].h, cells[c].i, FMLP_MLP_GATED, cells[c].act, 0);
            d.weight_dtype = FMLP_DTYPE_AFFINE_Q3;
            d.group_size = 32;
            const size_t b = cells[c].batches[k];
            const fmlp_db_entry *e = fmlp_db_lookup(db, &d, b);
            cr_assert_not_null(e, "cell %zu B=%zu", c, b);
            cr_expect(e->hidden == (long)cells[c].h && e->wdtype == FMLP_DTYPE_AFFINE_Q3,
                      "cell %zu B=%zu: line %d", c, b, e->line);
            cr_expect_str_eq(e->params.strategy, "mma", "cell %zu B=%zu", c, b);
            cr_expect_eq(fmlp_params_get(&e->params, "ca", 0), 2, "cell %zu B=%zu (line %d)", c, b,
                         e->line);
            cr_expect(fmlp_params_get(&e->params, "mt", 0) == cells[c].mt &&
                          fmlp_params_get(&e->params, "nt", 0) == cells[c].nt &&
                          fmlp_params_get(&e->params, "wn", 0) == cells[c].wn &&
                          fmlp_params_get(&e->params, "kt", 0) == 32,
                      "cell %zu B=%zu: line %d has another tile", c, b, e->line);
        }
    /* the batches past each range keep their tiles without the ring */
    const size_t past[][3] = {{4096, 14336, 257}, {2048, 16384, 513}, {8192, 3584, 97}};
    for (size_t c = 0; c < 3; ++c) {
        fmlp_plan_desc d = make_desc(past[c][0], past[c][1], FMLP_MLP_GATED, cells[c].act, 0);
        d.weight_dtype = FMLP_DTYPE_AFFINE_Q3;
        d.group_size = 32;
        const fmlp_db_entry *e = fmlp_db_lookup(db, &d, past[c][2]);
        cr_assert_not_null(e);
        cr_expect_eq(fmlp_params_get(&e->params, "ca", 0), 0, "line %d", e->line);
    }
    fmlp_db_free(db);
}

/* Llama-3-8B's fp32 (SwiGLU and ReLU) and q4_0+int8 plans at B=1 on the H200 run 112 slices
 * of 1024 threads (ti=128): half the partial sums of the 224 slices they ran before, 1.02-1.04x
 * in bursts (bench/results/2026-11-30-h200-s45-{c,d}). */
Test(database, shipped_h200_b1_112_slices)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    static const struct {
        fmlp_mlp_kind kind;
        fmlp_activation act;
        fmlp_dtype wt;
        fmlp_precision pr;
    } cells[] = {{FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_DTYPE_F32, FMLP_PRECISION_EXACT},
                 {FMLP_MLP_PLAIN, FMLP_ACT_RELU, FMLP_DTYPE_F32, FMLP_PRECISION_EXACT},
                 {FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_DTYPE_Q4_0, FMLP_PRECISION_INT8_DOT}};
    for (size_t c = 0; c < sizeof cells / sizeof *cells; ++c) {
        fmlp_plan_desc d = make_desc(4096, 14336, cells[c].kind, cells[c].act, 0);
        d.weight_dtype = cells[c].wt;
        d.precision = cells[c].pr;
        const fmlp_db_entry *e = fmlp_db_lookup(db, &d, 1);
        cr_assert_not_null(e, "cell %zu", c);
        cr_expect(e->hidden == 4096 && e->kind == (int)cells[c].kind && e->wdtype == (int)cells[c].wt,
                  "cell %zu: line %d is not the cell's own entry", c, e->line);
        cr_expect_str_eq(e->params.strategy, "stream", "cell %zu", c);
        cr_expect_eq(fmlp_params_get(&e->params, "wgs", 0), 1024, "cell %zu (line %d)", c, e->line);
        cr_expect_eq(fmlp_params_get(&e->params, "ti", 0), 128, "cell %zu (line %d)", c, e->line);
    }
    fmlp_db_free(db);
}

/* GPT-2's decode cells are launch-bound on the H200 (bench/scripts/launchcost.c: about 5 us a
 * kernel on NVIDIA's OpenCL whatever it does), so the H200 file gives them the split reduction
 * in the stream kernel (fr=1: one launch a forward instead of two) where it measured faster in
 * bursts on two cards (s43-c): all nine formats at B=1 (1.15-1.77x), affine_q2 at 2 and q4_0 at
 * 3-4, and the block formats' int8 plans at B=1. The other shapes' stream cells keep two launches
 * (fr=0). */
Test(database, shipped_h200_gpt2_one_launch)
{
    fmlp_db *db = parse_ok(fmlp_source_get("nvidia-h200.db"));
    static const struct {
        fmlp_dtype t;
        size_t batch;
    } cells[] = {{FMLP_DTYPE_F32, 1},       {FMLP_DTYPE_F16, 1},       {FMLP_DTYPE_BF16, 1},
                 {FMLP_DTYPE_Q8_0, 1},      {FMLP_DTYPE_Q4_0, 1},      {FMLP_DTYPE_AFFINE_Q2, 1},
                 {FMLP_DTYPE_AFFINE_Q3, 1}, {FMLP_DTYPE_AFFINE_Q4, 1}, {FMLP_DTYPE_AFFINE_Q8, 1},
                 {FMLP_DTYPE_AFFINE_Q2, 2}, {FMLP_DTYPE_Q4_0, 3},      {FMLP_DTYPE_Q4_0, 4}};
    for (size_t c = 0; c < sizeof cells / sizeof *cells; ++c) {
        const fmlp_dtype t = cells[c].t;
        const size_t b = cells[c].batch;
        const fmlp_db_entry *e = gpt2_own_entry(db, t, FMLP_PRECISION_EXACT, b);
        cr_expect_str_eq(e->params.strategy, "stream", "%s B=%zu", fmlp_dtype_name(t), b);
        cr_expect_eq(fmlp_params_get(&e->params, "fr", 0), 1, "%s B=%zu", fmlp_dtype_name(t), b);
        /* Llama-3-8B's cell of the same format and batch keeps two launches (where this file
         * has one; sm_90's file has no fr=1 entry) */
        fmlp_plan_desc d = make_desc(4096, 14336, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
        d.weight_dtype = t;
        d.group_size = t >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
        const fmlp_db_entry *l = fmlp_db_lookup(db, &d, b);
        if (l)
            cr_expect_eq(fmlp_params_get(&l->params, "fr", 0), 0, "Llama-3-8B %s B=%zu",
                         fmlp_dtype_name(t), b);
    }
    /* and the six block formats with int8 dot products at B=1 (s43-f: 1.50-1.58x in the tuner
     * over sm_90's shape-less entries; fr needs ps=0) */
    for (size_t f = 3; f < sizeof formats / sizeof *formats; ++f) {
        const fmlp_db_entry *e = gpt2_own_entry(db, formats[f], FMLP_PRECISION_INT8_DOT, 1);
        cr_expect_gt(fmlp_params_get(&e->params, "fr", 0), 0, "%s+int8", fmlp_dtype_name(formats[f]));
        cr_expect_eq(fmlp_params_get(&e->params, "ps", 1), 0, "%s+int8", fmlp_dtype_name(formats[f]));
    }
    fmlp_db_free(db);
}
