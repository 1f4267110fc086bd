/* Tuning databases: the format is parsed strictly, damage is reported with file and line
 * and the whole file rejected, and lookups pick the most specific matching entry. */
#include "common.h"
#include "internal.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

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
    db = parse_ok(GENERIC "entry B=2-4 strategy=stream\n");
    cr_expect_null(fmlp_db_lookup(db, &d, 1));
    cr_expect_not_null(fmlp_db_lookup(db, &d, 4));
    cr_expect_null(fmlp_db_lookup(db, &d, 5));
    fmlp_db_free(db);
}

Test(database, device_matching)
{
    fmlp_device dev;
    memset(&dev, 0, sizeof dev);
    strcpy(dev.vendor, "nvidia");
    strcpy(dev.arch, "sm_90");
    strcpy(dev.name, "NVIDIA H200");
    dev.info.compute_units = 132;
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
