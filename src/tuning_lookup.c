/* Which tuning databases apply to a context's device, in lookup order:
 * user overlay, exact device, architecture, vendor, generic (DESIGN.md, tuning/README.md).
 * Damaged databases are skipped and their messages kept on the context. */
#include "internal.h"

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
    if (user) level = FMLP_DB_USER;
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

void fmlp_databases_load(fmlp_context *ctx)
{
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
    int n = 0;
    for (int i = 0; i < ctx->ndbs && n < max; ++i) {
        const fmlp_db_entry *e = fmlp_db_lookup(ctx->dbs[i].db, desc, batch);
        if (!e) continue;
        out[n] = e->params;
        snprintf(out[n].origin, FMLP_ORIGIN_LEN, "%s:%s:%d", level_name(ctx->dbs[i].level),
                 ctx->dbs[i].db->source, e->line);
        ++n;
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
