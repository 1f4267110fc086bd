/* Tuning databases: strict parsing of the versioned text format (tuning/README.md),
 * device matching and entry lookup. A damaged file is reported with its line and rejected
 * whole: nothing from it is used. */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- parameters */

long fmlp_params_get(const fmlp_params *p, const char *key, long fallback)
{
    for (int i = 0; i < p->count; ++i)
        if (strcmp(p->kv[i].key, key) == 0) return p->kv[i].value;
    return fallback;
}

void fmlp_params_set(fmlp_params *p, const char *key, long value)
{
    for (int i = 0; i < p->count; ++i)
        if (strcmp(p->kv[i].key, key) == 0) {
            p->kv[i].value = value;
            return;
        }
    if (p->count == FMLP_MAX_PARAMS) return; /* callers only set keys of a strategy's list */
    snprintf(p->kv[p->count].key, FMLP_NAME_LEN, "%s", key);
    p->kv[p->count++].value = value;
}

int fmlp_params_same(const fmlp_params *a, const fmlp_params *b)
{
    if (strcmp(a->strategy, b->strategy) != 0 || a->count != b->count) return 0;
    for (int i = 0; i < a->count; ++i)
        if (fmlp_params_get(b, a->kv[i].key, LONG_MIN) != a->kv[i].value) return 0;
    return 1;
}

void fmlp_params_format(const fmlp_params *p, fmlp_strbuf *sb)
{
    fmlp_strbuf_printf(sb, "strategy=%s", p->strategy);
    for (int i = 0; i < p->count; ++i)
        fmlp_strbuf_printf(sb, " %s=%ld", p->kv[i].key, p->kv[i].value);
}

/* ---- tokenizer: key=value pairs, values optionally "quoted" */

typedef struct token {
    char key[32];
    char value[160];
} token;

/* Split one line into its first word and key=value tokens. Returns the token count, or -1
 * with a message in err. */
static int tokenize(const char *line, char *word, size_t wordlen, token *toks, int maxtoks,
                    char *err, size_t errlen)
{
    const char *p = line;
    while (isspace((unsigned char)*p)) ++p;
    size_t n = 0;
    while (*p && !isspace((unsigned char)*p)) {
        if (n + 1 < wordlen) word[n++] = *p;
        ++p;
    }
    word[n] = '\0';
    int nt = 0;
    for (;;) {
        while (isspace((unsigned char)*p)) ++p;
        if (!*p || *p == '#') break;
        if (nt == maxtoks) {
            snprintf(err, errlen, "too many fields");
            return -1;
        }
        token *t = &toks[nt++];
        size_t k = 0;
        while (*p && *p != '=' && !isspace((unsigned char)*p)) {
            if (k + 1 >= sizeof t->key) {
                snprintf(err, errlen, "field name too long");
                return -1;
            }
            t->key[k++] = *p++;
        }
        t->key[k] = '\0';
        if (*p != '=' || k == 0) {
            snprintf(err, errlen, "expected key=value, found '%s'", t->key);
            return -1;
        }
        ++p;
        size_t v = 0;
        if (*p == '"') {
            ++p;
            while (*p && *p != '"') {
                if (v + 1 >= sizeof t->value) {
                    snprintf(err, errlen, "value of '%s' too long", t->key);
                    return -1;
                }
                t->value[v++] = *p++;
            }
            if (*p != '"') {
                snprintf(err, errlen, "unterminated quote in '%s'", t->key);
                return -1;
            }
            ++p;
        } else {
            while (*p && !isspace((unsigned char)*p)) {
                if (v + 1 >= sizeof t->value) {
                    snprintf(err, errlen, "value of '%s' too long", t->key);
                    return -1;
                }
                t->value[v++] = *p++;
            }
        }
        t->value[v] = '\0';
        for (int j = 0; j < nt - 1; ++j)
            if (strcmp(toks[j].key, t->key) == 0) {
                snprintf(err, errlen, "field '%s' given twice", t->key);
                return -1;
            }
    }
    return nt;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    if (!*s) return 0;
    errno = 0;
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

static int parse_enum(const char *s, const char *const *names, int n, int *out)
{
    if (strcmp(s, "*") == 0) return *out = -1, 1;
    for (int i = 0; i < n; ++i)
        if (strcmp(s, names[i]) == 0) return *out = i, 1;
    return 0;
}

static const char *const kind_names[] = {"plain", "gated"};
static const char *const act_names[] = {"relu", "gelu_erf", "gelu_tanh", "silu", "relu2"};
static const char *const precision_names[] = {"exact", "int8"};
static const char *const dtype_names[] = {"f32", "f16", "bf16", "q8_0", "q4_0",
                                          "affine_q2", "affine_q3", "affine_q4", "affine_q8"};

static int parse_batch(const char *s, long *lo, long *hi)
{
    if (strcmp(s, "*") == 0) return *lo = 1, *hi = LONG_MAX, 1;
    char buf[64];
    snprintf(buf, sizeof buf, "%s", s);
    char *dash = strchr(buf, '-');
    if (!dash) return parse_long(buf, 1, LONG_MAX, lo) && (*hi = *lo, 1);
    *dash = '\0';
    if (!parse_long(buf, 1, LONG_MAX, lo)) return 0;
    if (dash[1] == '\0') return *hi = LONG_MAX, 1;
    return parse_long(dash + 1, *lo, LONG_MAX, hi);
}

static int parse_entry(const token *t, int nt, fmlp_db_entry *e, char *err, size_t errlen)
{
    memset(e, 0, sizeof *e);
    e->kind = e->act = e->wdtype = e->adtype = e->prec = -1;
    e->b_lo = 1;
    e->b_hi = LONG_MAX;
    const fmlp_strategy *s = NULL;
    for (int i = 0; i < nt; ++i)
        if (strcmp(t[i].key, "strategy") == 0) {
            s = fmlp_strategy_find(t[i].value);
            if (!s) {
                snprintf(err, errlen, "unknown strategy '%s'", t[i].value);
                return 0;
            }
            snprintf(e->params.strategy, FMLP_NAME_LEN, "%s", s->name);
        }
    if (!s) {
        snprintf(err, errlen, "entry without strategy=");
        return 0;
    }
    for (int i = 0; i < nt; ++i) {
        const char *k = t[i].key, *v = t[i].value;
        int ok = 1;
        if (strcmp(k, "strategy") == 0) continue;
        else if (strcmp(k, "kind") == 0) ok = parse_enum(v, kind_names, 2, &e->kind);
        else if (strcmp(k, "act") == 0) ok = parse_enum(v, act_names, 5, &e->act);
        else if (strcmp(k, "wt") == 0) ok = parse_enum(v, dtype_names, 9, &e->wdtype);
        else if (strcmp(k, "at") == 0) ok = parse_enum(v, dtype_names, 3, &e->adtype);
        else if (strcmp(k, "pr") == 0) ok = parse_enum(v, precision_names, 2, &e->prec);
        else if (strcmp(k, "H") == 0)
            ok = strcmp(v, "*") == 0 ? (e->hidden = 0, 1) : parse_long(v, 1, INT_MAX, &e->hidden);
        else if (strcmp(k, "I") == 0)
            ok = strcmp(v, "*") == 0 ? (e->inter = 0, 1) : parse_long(v, 1, INT_MAX, &e->inter);
        else if (strcmp(k, "B") == 0) ok = parse_batch(v, &e->b_lo, &e->b_hi);
        else if (fmlp_strategy_knows(s, k)) {
            long x;
            ok = parse_long(v, 0, 1L << 30, &x);
            if (ok) fmlp_params_set(&e->params, k, x);
        } else {
            snprintf(err, errlen, "'%s' is not a field of strategy %s", k, s->name);
            return 0;
        }
        if (!ok) {
            snprintf(err, errlen, "bad value '%s' for '%s'", v, k);
            return 0;
        }
    }
    return 1;
}

static int parse_device(const token *t, int nt, fmlp_db *db, char *err, size_t errlen)
{
    int have_vendor = 0;
    for (int i = 0; i < nt; ++i) {
        const char *k = t[i].key, *v = t[i].value;
        if (strcmp(k, "vendor") == 0) {
            snprintf(db->vendor, sizeof db->vendor, "%s", v);
            have_vendor = 1;
        } else if (strcmp(k, "arch") == 0) snprintf(db->arch, sizeof db->arch, "%s", v);
        else if (strcmp(k, "name") == 0) snprintf(db->name, sizeof db->name, "%s", v);
        else if (strcmp(k, "driver") == 0) snprintf(db->driver, sizeof db->driver, "%s", v);
        else if (strcmp(k, "cus") == 0) {
            if (!parse_long(v, 1, 1 << 20, &db->compute_units)) {
                snprintf(err, errlen, "bad compute unit count '%s'", v);
                return 0;
            }
        } else if (strcmp(k, "measured") == 0) {
            if (strcmp(v, "yes") && strcmp(v, "no")) {
                snprintf(err, errlen, "measured must be yes or no");
                return 0;
            }
            db->measured = strcmp(v, "yes") == 0;
        } else {
            snprintf(err, errlen, "unknown device field '%s'", k);
            return 0;
        }
    }
    if (!have_vendor || !db->vendor[0]) {
        snprintf(err, errlen, "device line without vendor=");
        return 0;
    }
    return 1;
}

fmlp_status fmlp_db_parse(const char *text, const char *source, fmlp_db **out, char *err,
                          size_t errlen)
{
    *out = NULL;
    fmlp_db *db = calloc(1, sizeof *db);
    char why[256] = "";
    int line = 0, have_header = 0, have_device = 0, cap = 0;
    token toks[FMLP_MAX_PARAMS];
    if (!db || !(db->source = fmlp_strdup(source))) {
        free(db);
        return FMLP_ERROR_OUT_OF_HOST_MEMORY;
    }
    const char *p = text;
    while (*p) {
        ++line;
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        char buf[1024];
        if (n >= sizeof buf) {
            snprintf(why, sizeof why, "line too long");
            goto bad;
        }
        memcpy(buf, p, n);
        buf[n] = '\0';
        if (n && buf[n - 1] == '\r') buf[n - 1] = '\0';
        p = eol ? eol + 1 : p + n;
        for (const char *c = buf; *c; ++c)
            if ((unsigned char)*c < 0x20 && *c != '\t') {
                snprintf(why, sizeof why, "control character in text");
                goto bad;
            }
        const char *s = buf;
        while (isspace((unsigned char)*s)) ++s;
        if (!*s || *s == '#') continue;
        if (!have_header) {
            /* "flashmlp-tuning <version>": the version is a bare word, not key=value */
            const char *h = "flashmlp-tuning";
            if (strncmp(s, h, strlen(h)) != 0 || !isspace((unsigned char)s[strlen(h)])) {
                snprintf(why, sizeof why, "not a FlashMLP tuning database (no header)");
                goto bad;
            }
            const char *v = s + strlen(h);
            while (isspace((unsigned char)*v)) ++v;
            if (strcmp(v, "1") != 0) {
                snprintf(why, sizeof why, "unsupported format version '%.32s' (this library reads 1)",
                         v);
                goto bad;
            }
            have_header = 1;
            continue;
        }
        char word[32];
        int nt = tokenize(s, word, sizeof word, toks, FMLP_MAX_PARAMS, why, sizeof why);
        if (nt < 0) goto bad;
        if (strcmp(word, "device") == 0) {
            if (have_device) {
                snprintf(why, sizeof why, "second device line");
                goto bad;
            }
            if (!parse_device(toks, nt, db, why, sizeof why)) goto bad;
            have_device = 1;
        } else if (strcmp(word, "entry") == 0) {
            if (!have_device) {
                snprintf(why, sizeof why, "entry before the device line");
                goto bad;
            }
            if (db->count == cap) {
                cap = cap ? cap * 2 : 16;
                fmlp_db_entry *e = realloc(db->entries, sizeof *e * (size_t)cap);
                if (!e) {
                    fmlp_db_free(db);
                    return FMLP_ERROR_OUT_OF_HOST_MEMORY;
                }
                db->entries = e;
            }
            fmlp_db_entry *e = &db->entries[db->count];
            if (!parse_entry(toks, nt, e, why, sizeof why)) goto bad;
            e->line = line;
            db->count++;
        } else {
            snprintf(why, sizeof why, "unknown line kind '%s'", word);
            goto bad;
        }
    }
    if (!have_header) {
        snprintf(why, sizeof why, "empty file");
        goto bad;
    }
    if (!have_device) {
        snprintf(why, sizeof why, "no device line");
        goto bad;
    }
    *out = db;
    return FMLP_SUCCESS;
bad:
    if (err) snprintf(err, errlen, "%s:%d: %s", source, line, why);
    fmlp_db_free(db);
    return FMLP_ERROR_DATABASE_INVALID;
}

void fmlp_db_free(fmlp_db *db)
{
    if (!db) return;
    free(db->entries);
    free(db->source);
    free(db);
}

int fmlp_db_match_level(const fmlp_db *db, const fmlp_device *dev)
{
    if (strcmp(db->vendor, "generic") == 0) return FMLP_DB_GENERIC;
    if (strcmp(db->vendor, dev->vendor) != 0) return -1;
    if (db->arch[0] && strcmp(db->arch, dev->arch) != 0) return -1;
    if (db->name[0]) {
        if (strcmp(db->name, dev->name) != 0) return -1;
        if (db->compute_units && (unsigned long)db->compute_units != dev->info.compute_units)
            return -1;
        return FMLP_DB_DEVICE;
    }
    return db->arch[0] ? FMLP_DB_ARCH : FMLP_DB_VENDOR;
}

static int entry_score(const fmlp_db_entry *e, const fmlp_plan_desc *d, long batch)
{
    if (e->kind >= 0 && e->kind != (int)d->kind) return -1;
    if (e->act >= 0 && e->act != (int)d->activation) return -1;
    if (e->wdtype >= 0 && e->wdtype != (int)d->weight_dtype) return -1;
    if (e->adtype >= 0 && e->adtype != (int)d->act_dtype) return -1;
    if (e->prec >= 0 && e->prec != (int)d->precision) return -1;
    if (e->hidden && (size_t)e->hidden != d->hidden) return -1;
    if (e->inter && (size_t)e->inter != d->intermediate) return -1;
    if (batch < e->b_lo || batch > e->b_hi) return -1;
    /* shape first, then op, then dtypes, then an explicit batch range; ties: first in file */
    return 32 * (e->hidden != 0) + 32 * (e->inter != 0) + 8 * (e->kind >= 0) +
           8 * (e->act >= 0) + 2 * (e->wdtype >= 0) + 2 * (e->adtype >= 0) + 2 * (e->prec >= 0) +
           (e->b_lo != 1 || e->b_hi != LONG_MAX);
}

const fmlp_db_entry *fmlp_db_lookup_strategy(const fmlp_db *db, const fmlp_plan_desc *desc,
                                             long batch, const char *strategy)
{
    const fmlp_db_entry *best = NULL;
    int best_score = -1;
    for (int i = 0; i < db->count; ++i) {
        const fmlp_db_entry *e = &db->entries[i];
        if (strategy ? strcmp(e->params.strategy, strategy) != 0
                     : fmlp_strategy_find(e->params.strategy)->baseline)
            continue;
        int s = entry_score(e, desc, batch);
        if (s > best_score) best = e, best_score = s;
    }
    return best;
}

const fmlp_db_entry *fmlp_db_lookup(const fmlp_db *db, const fmlp_plan_desc *desc, long batch)
{
    return fmlp_db_lookup_strategy(db, desc, batch, NULL);
}

fmlp_status fmlp_params_parse_overrides(const char *text, fmlp_params *p, char *err,
                                        size_t errlen)
{
    memset(p, 0, sizeof *p);
    token toks[FMLP_MAX_PARAMS];
    char word[32];
    /* tokenize() expects a leading word: give it one */
    fmlp_strbuf sb = {0};
    fmlp_strbuf_append(&sb, "override ");
    fmlp_strbuf_append(&sb, text);
    if (sb.failed) return FMLP_ERROR_OUT_OF_HOST_MEMORY;
    int nt = tokenize(sb.data, word, sizeof word, toks, FMLP_MAX_PARAMS, err, errlen);
    fmlp_strbuf_free(&sb);
    if (nt < 0) return FMLP_ERROR_INVALID_PARAMETER;
    for (int i = 0; i < nt; ++i) {
        if (strcmp(toks[i].key, "strategy") == 0) {
            const fmlp_strategy *s = fmlp_strategy_find(toks[i].value);
            if (!s) {
                snprintf(err, errlen, "unknown strategy '%s'", toks[i].value);
                return FMLP_ERROR_INVALID_PARAMETER;
            }
            snprintf(p->strategy, FMLP_NAME_LEN, "%s", s->name);
        }
    }
    for (int i = 0; i < nt; ++i) {
        if (strcmp(toks[i].key, "strategy") == 0) continue;
        int known = 0;
        for (const fmlp_strategy *const *s = fmlp_strategies; *s; ++s)
            if ((!p->strategy[0] || strcmp((*s)->name, p->strategy) == 0) &&
                fmlp_strategy_knows(*s, toks[i].key))
                known = 1;
        long v;
        if (!known) {
            snprintf(err, errlen, "unknown parameter '%s'", toks[i].key);
            return FMLP_ERROR_INVALID_PARAMETER;
        }
        if (!parse_long(toks[i].value, 0, 1L << 30, &v)) {
            snprintf(err, errlen, "bad value '%s' for '%s'", toks[i].value, toks[i].key);
            return FMLP_ERROR_INVALID_PARAMETER;
        }
        fmlp_params_set(p, toks[i].key, v);
    }
    return FMLP_SUCCESS;
}
