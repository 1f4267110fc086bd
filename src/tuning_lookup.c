/* Which tuning databases apply to a context's device, in lookup order:
 * user overlay, exact device, architecture, vendor, generic (DESIGN.md, tuning/README.md).
 * The user overlay is every *.db file in $FLASHMLP_TUNING_DIR, else in the per-user cache
 * folder (<cache>/flashmlp/tuning), whose device line matches the device; the shipped
 * databases are embedded in the library. Damaged databases are skipped and their messages
 * ("file:line: why") kept on the context. */
#include "internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fmlp_source_list(const char *suffix, const char **names, int max); /* sources.c */

static void note_error(fmlp_context *ctx, const char *msg)
{
    fmlp_strbuf sb = {0};
    if (ctx->db_errors) fmlp_strbuf_append(&sb, ctx->db_errors);
    fmlp_strbuf_append(&sb, msg);
    fmlp_strbuf_append(&sb, "\n");
    if (sb.failed) {
        fmlp_strbuf_free(&sb);
        return;
    }
    free(ctx->db_errors);
    ctx->db_errors = sb.data;
}

/* Keep db (ownership moves to ctx) at level, after the databases already kept at that level. */
static void add_db(fmlp_context *ctx, fmlp_db *db, int level)
{
    fmlp_loaded_db *grown = realloc(ctx->dbs, sizeof *grown * (size_t)(ctx->ndbs + 1));
    if (!grown) {
        fmlp_db_free(db);
        return;
    }
    ctx->dbs = grown;
    /* insertion keeps the list sorted by level, stable within a level */
    int at = ctx->ndbs;
    while (at > 0 && ctx->dbs[at - 1].level > level) {
        ctx->dbs[at] = ctx->dbs[at - 1];
        --at;
    }
    ctx->dbs[at].db = db;
    ctx->dbs[at].level = level;
    ctx->ndbs++;
}

/* Parse text and keep it when it applies to the device. user: level forced to USER. */
void fmlp_databases_add_text(fmlp_context *ctx, const char *text, const char *source, int user)
{
    fmlp_db *db = NULL;
    char err[512];
    if (fmlp_db_parse(text, source, &db, err, sizeof err) != FMLP_SUCCESS) {
        note_error(ctx, err);
        return;
    }
    int level = fmlp_db_match_level(db, &ctx->dev);
    if (level < 0) {
        fmlp_db_free(db);
        return;
    }
    add_db(ctx, db, user ? FMLP_DB_USER : level);
}

typedef struct user_db {
    fmlp_db *db;
    int level; /* how the file's device line matches: orders files within the user level */
    char *name;
} user_db;

static int cmp_user_db(const void *a, const void *b)
{
    const user_db *x = a, *y = b;
    if (x->level != y->level) return x->level - y->level;
    return strcmp(x->name, y->name);
}

static int is_db_name(const char *n)
{
    size_t l = strlen(n);
    return n[0] != '.' && l > 3 && strcmp(n + l - 3, ".db") == 0;
}

/* Read one overlay file; a damaged one is noted, never used. */
static fmlp_db *read_user_db(fmlp_context *ctx, const char *path)
{
    char *text = NULL, err[512];
    size_t len = 0;
    fmlp_db *db = NULL;
    if (fmlp_read_file(path, &text, &len) != FMLP_SUCCESS) {
        snprintf(err, sizeof err, "%s: cannot be read", path);
        note_error(ctx, err);
        return NULL;
    }
    if (strlen(text) != len) {
        /* a NUL byte would silently cut the text short: report its line */
        int line = 1;
        for (const char *c = text; *c; ++c) line += *c == '\n';
        snprintf(err, sizeof err, "%s:%d: NUL byte in text", path, line);
        note_error(ctx, err);
    } else if (fmlp_db_parse(text, path, &db, err, sizeof err) != FMLP_SUCCESS) {
        note_error(ctx, err);
    }
    free(text);
    return db;
}

/* The user overlay: files whose device line matches, most specific first, then by name. */
static void load_user_dbs(fmlp_context *ctx)
{
    char folder[1024];
    if (!fmlp_user_folder("FLASHMLP_TUNING_DIR", "tuning", folder, sizeof folder)) return;
    DIR *dir = opendir(folder);
    if (!dir) return; /* no overlay: the usual case */
    user_db *found = NULL;
    int n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        if (!is_db_name(de->d_name)) continue;
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", folder, de->d_name);
        fmlp_db *db = read_user_db(ctx, path);
        if (!db) continue;
        int level = fmlp_db_match_level(db, &ctx->dev);
        if (level < 0) {
            fmlp_db_free(db);
            continue;
        }
        if (n == cap) {
            int c = cap ? cap * 2 : 8;
            user_db *g = realloc(found, sizeof *g * (size_t)c);
            if (!g) {
                fmlp_db_free(db);
                break;
            }
            found = g;
            cap = c;
        }
        found[n].db = db;
        found[n].level = level;
        found[n].name = db->source;
        ++n;
    }
    closedir(dir);
    if (n) qsort(found, (size_t)n, sizeof *found, cmp_user_db);
    for (int i = 0; i < n; ++i) add_db(ctx, found[i].db, FMLP_DB_USER);
    free(found);
}

void fmlp_databases_load(fmlp_context *ctx)
{
    load_user_dbs(ctx);
    const char *names[64];
    int n = fmlp_source_list(".db", names, 64);
    for (int i = 0; i < n; ++i) {
        const char *text = fmlp_source_get(names[i]);
        char source[160];
        snprintf(source, sizeof source, "tuning/%s", names[i]);
        if (text) fmlp_databases_add_text(ctx, text, source, 0);
    }
}

void fmlp_databases_free(fmlp_context *ctx)
{
    for (int i = 0; i < ctx->ndbs; ++i) fmlp_db_free(ctx->dbs[i].db);
    free(ctx->dbs);
    free(ctx->db_errors);
    ctx->dbs = NULL;
    ctx->db_errors = NULL;
    ctx->ndbs = 0;
}

static const char *level_name(int level)
{
    static const char *const names[] = {"user", "device", "arch", "vendor", "generic"};
    return names[level];
}

int fmlp_tuning_candidates(const fmlp_context *ctx, const fmlp_plan_desc *desc, long batch,
                           fmlp_params *out, int max)
{
    return fmlp_tuning_candidates_from(ctx, FMLP_DB_USER, desc, batch, out, max);
}

int fmlp_tuning_candidates_from(const fmlp_context *ctx, int min_level,
                                const fmlp_plan_desc *desc, long batch, fmlp_params *out, int max)
{
    return fmlp_tuning_candidates_for(ctx, min_level, desc, batch, NULL, out, max);
}

static int names_shape(const fmlp_db_entry *e)
{
    return e->hidden || e->inter;
}

/* For 16-bit x whose first entry `head` (from database `first`) names no shape: the entry for
 * the same cell with fp32 x (at=f32) that names the shape, in the first database from min_level
 * up to `first` that has one, or NULL; *where its database's index. The tuner writes its
 * entries for the x format it tuned, so a shape tuned with fp32 x alone left its 16-bit-x cells
 * on shape-less tiles, themselves tuned with fp32 x: the shape's fp32-x tiles measured faster
 * for them in 107 of 109 f16-x cells of three shapes at B = 1-32 (1.01-2.3x; the other two
 * 0.99x and 1.00x; bench/results/2026-11-30-h200-s47-e), in all 22 f16/bf16-x cells of s47-d,
 * and (entries then without at=) at B = 32-256 in the twenty-seventh session. */
static const fmlp_db_entry *fp32_x_ahead(const fmlp_context *ctx, int min_level, int first,
                                         const fmlp_db_entry *head, const fmlp_plan_desc *desc,
                                         long batch, const char *strategy, int *where)
{
    if (desc->act_dtype == FMLP_DTYPE_F32 || names_shape(head)) return NULL;
    fmlp_plan_desc d32 = *desc;
    d32.act_dtype = FMLP_DTYPE_F32;
    for (int i = 0; i <= first; ++i) {
        if (ctx->dbs[i].level < min_level) continue;
        const fmlp_db_entry *e = fmlp_db_lookup_strategy(ctx->dbs[i].db, &d32, batch, strategy);
        if (e && names_shape(e) && e->adtype == (int)FMLP_DTYPE_F32) {
            *where = i;
            return e;
        }
    }
    return NULL;
}

int fmlp_tuning_candidates_for(const fmlp_context *ctx, int min_level,
                               const fmlp_plan_desc *desc, long batch, const char *strategy,
                               fmlp_params *out, int max)
{
    int n = 0, first = -1;
    const fmlp_db_entry *head = NULL;
    for (int i = 0; i < ctx->ndbs && n < max; ++i) {
        if (ctx->dbs[i].level < min_level) continue;
        const fmlp_db_entry *e = fmlp_db_lookup_strategy(ctx->dbs[i].db, desc, batch, strategy);
        if (!e) continue;
        if (!head) head = e, first = i;
        out[n] = e->params;
        snprintf(out[n].origin, FMLP_ORIGIN_LEN, "%s:%s:%d", level_name(ctx->dbs[i].level),
                 ctx->dbs[i].db->source, e->line);
        ++n;
    }
    /* the shape's fp32-x entry ahead of a shape-less first entry for 16-bit x */
    int i = 0;
    const fmlp_db_entry *e =
        head ? fp32_x_ahead(ctx, min_level, first, head, desc, batch, strategy, &i) : NULL;
    if (e && max > 0) {
        n -= n == max;
        memmove(out + 1, out, sizeof *out * (size_t)n);
        out[0] = e->params;
        snprintf(out[0].origin, FMLP_ORIGIN_LEN, "%s:%s:%d" FMLP_FP32_X,
                 level_name(ctx->dbs[i].level), ctx->dbs[i].db->source, e->line);
        ++n;
    }
    return n;
}

const fmlp_db_entry *fmlp_tuning_first_entry(const fmlp_context *ctx, const fmlp_plan_desc *desc,
                                             long batch)
{
    for (int i = 0; i < ctx->ndbs; ++i) {
        const fmlp_db_entry *e = fmlp_db_lookup(ctx->dbs[i].db, desc, batch);
        if (!e) continue;
        int where = 0;
        const fmlp_db_entry *f = fp32_x_ahead(ctx, FMLP_DB_USER, i, e, desc, batch, NULL, &where);
        return f ? f : e;
    }
    return NULL;
}

/* How far entry e's cell is from the cell desc describes (fmlp_tuning_neighbours), or -1 when
 * it cannot serve it: another precision, or a batch range without the batch. */
static int neighbour_distance(const fmlp_db_entry *e, const fmlp_plan_desc *d, long batch)
{
    if (batch < e->b_lo || batch > e->b_hi) return -1;
    if (e->prec >= 0 && e->prec != (int)d->precision) return -1;
    int dist = 0;
    if (e->kind >= 0 && e->kind != (int)d->kind) dist += 4;
    if ((e->hidden && (size_t)e->hidden != d->hidden) ||
        (e->inter && (size_t)e->inter != d->intermediate))
        dist += 2;
    dist += e->act >= 0 && e->act != (int)d->activation;
    dist += e->wdtype >= 0 && e->wdtype != (int)d->weight_dtype;
    dist += e->adtype >= 0 && e->adtype != (int)d->act_dtype;
    return dist;
}

int fmlp_tuning_neighbours(const fmlp_context *ctx, int max_level, const fmlp_plan_desc *desc,
                           long batch, fmlp_params *out, int max)
{
    int n = 0;
    /* distance by distance (at most 4 + 2 + 3), database by database in lookup order (the
     * levels ascending), entry by entry in file order */
    for (int dist = 0; dist <= 9 && n < max; ++dist)
        for (int i = 0; i < ctx->ndbs && n < max; ++i) {
            const fmlp_db *db = ctx->dbs[i].db;
            if (ctx->dbs[i].level > max_level) continue;
            const fmlp_db_entry *own = fmlp_db_lookup(db, desc, batch);
            for (int k = 0; k < db->count && n < max; ++k) {
                const fmlp_db_entry *e = &db->entries[k];
                const fmlp_strategy *st = fmlp_strategy_find(e->params.strategy);
                if (e == own || !st || st->baseline || neighbour_distance(e, desc, batch) != dist)
                    continue;
                int seen = 0;
                for (int j = 0; j < n && !seen; ++j) seen = fmlp_params_same(&out[j], &e->params);
                if (seen) continue;
                out[n] = e->params;
                snprintf(out[n].origin, FMLP_ORIGIN_LEN, "%s:%s:%d", level_name(ctx->dbs[i].level),
                         db->source, e->line);
                ++n;
            }
        }
    return n;
}

fmlp_status fmlp_context_tuning_info(const fmlp_context *ctx, char *buf, size_t size)
{
    if (!ctx || !buf) return FMLP_ERROR_NULL_POINTER;
    if (size == 0) return FMLP_ERROR_INVALID_SIZE;
    fmlp_strbuf sb = {0};
    fmlp_strbuf_append(&sb, "");
    for (int i = 0; i < ctx->ndbs; ++i)
        fmlp_strbuf_printf(&sb, "%s %s (%s)\n", level_name(ctx->dbs[i].level),
                           ctx->dbs[i].db->source,
                           ctx->dbs[i].db->measured ? "measured" : "not measured");
    if (ctx->db_errors) {
        const char *p = ctx->db_errors;
        while (*p) {
            const char *e = strchr(p, '\n');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            fmlp_strbuf_append(&sb, "skipped: ");
            fmlp_strbuf_appendn(&sb, p, n);
            fmlp_strbuf_append(&sb, "\n");
            p += n + (e != NULL);
        }
    }
    if (sb.failed) {
        fmlp_strbuf_free(&sb);
        return FMLP_ERROR_OUT_OF_HOST_MEMORY;
    }
    snprintf(buf, size, "%s", sb.data);
    fmlp_strbuf_free(&sb);
    return FMLP_SUCCESS;
}
