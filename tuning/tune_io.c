/* The tuner's files: the state file that makes a run resumable (every candidate measured or
 * rejected, appended as it happens) and the database it writes (tuning/README.md). */
#include "tuner.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define STATE_HEADER "flashmlp-tune-state 1"

static const char *const outcome_names[TUNE_NOUTCOMES] = {
    "ok", "invalid", "no_fit", "unsupported", "build_failed", "wrong_result", "runtime_error"};

const char *tune_outcome_name(int outcome)
{
    return outcome >= 0 && outcome < TUNE_NOUTCOMES ? outcome_names[outcome] : "?";
}

int tune_outcome_parse(const char *name)
{
    for (int i = 0; i < TUNE_NOUTCOMES; ++i)
        if (strcmp(name, outcome_names[i]) == 0) return i;
    return -1;
}

/* Quoted values hold no quotes and no control characters. */
static void clean(char *s)
{
    for (; *s; ++s)
        if (*s == '"') *s = '\'';
        else if ((unsigned char)*s < 0x20) *s = ' ';
}

void tune_device_line(const fmlp_device *dev, const char *match, fmlp_strbuf *sb)
{
    char name[sizeof dev->name], driver[sizeof dev->driver];
    snprintf(name, sizeof name, "%s", dev->name);
    snprintf(driver, sizeof driver, "%s", dev->driver);
    clean(name);
    clean(driver);
    fmlp_strbuf_printf(sb, "vendor=%s", dev->vendor);
    if (strcmp(match, "vendor") != 0 && dev->arch[0]) fmlp_strbuf_printf(sb, " arch=%s", dev->arch);
    if (strcmp(match, "device") == 0)
        fmlp_strbuf_printf(sb, " name=\"%s\" cus=%u", name, dev->info.compute_units);
    fmlp_strbuf_printf(sb, " driver=\"%s\"", driver);
}

void tune_device_file_name(const fmlp_device *dev, char *buf, size_t size)
{
    char raw[512];
    snprintf(raw, sizeof raw, "%s-%s-%s-%ucu", dev->vendor, dev->arch[0] ? dev->arch : "any",
             dev->name, dev->info.compute_units);
    size_t n = 0;
    for (const char *c = raw; *c && n + 4 < size; ++c) {
        int ok = isalnum((unsigned char)*c) || *c == '.' || *c == '-' || *c == '_';
        if (ok) buf[n++] = *c;
        else if (n && buf[n - 1] != '_') buf[n++] = '_';
    }
    buf[n] = '\0';
    snprintf(buf + n, size - n, ".db");
}

/* ------------------------------------------------------------------ state file */

/* Next key=value (value optionally quoted) from *p; 0 at the end of the line, -1 malformed. */
static int next_field(const char **p, char *key, size_t kn, char *val, size_t vn)
{
    const char *s = *p;
    while (isspace((unsigned char)*s)) ++s;
    if (!*s) return 0;
    size_t k = 0, v = 0;
    while (*s && *s != '=' && !isspace((unsigned char)*s))
        if (k + 1 < kn) key[k++] = *s++;
        else return -1;
    key[k] = '\0';
    if (*s != '=' || k == 0) return -1;
    ++s;
    if (*s == '"') {
        ++s;
        while (*s && *s != '"')
            if (v + 1 < vn) val[v++] = *s++;
            else return -1;
        if (*s != '"') return -1;
        ++s;
    } else {
        while (*s && !isspace((unsigned char)*s))
            if (v + 1 < vn) val[v++] = *s++;
            else return -1;
    }
    val[v] = '\0';
    *p = s;
    return 1;
}

static int parse_record(const char *line, tune_record *r)
{
    memset(r, 0, sizeof *r);
    r->outcome = -1;
    const char *p = line;
    char key[32], val[600];
    int st;
    while ((st = next_field(&p, key, sizeof key, val, sizeof val)) == 1) {
        if (strcmp(key, "bucket") == 0) snprintf(r->bucket, sizeof r->bucket, "%s", val);
        else if (strcmp(key, "tried") == 0) snprintf(r->tried, sizeof r->tried, "%s", val);
        else if (strcmp(key, "ran") == 0) snprintf(r->ran, sizeof r->ran, "%s", val);
        else if (strcmp(key, "why") == 0) snprintf(r->why, sizeof r->why, "%s", val);
        else if (strcmp(key, "outcome") == 0) r->outcome = tune_outcome_parse(val);
        else if (strcmp(key, "time_us") == 0) r->time_s = strtod(val, NULL) * 1e-6;
        else if (strcmp(key, "error") == 0) r->error = strtod(val, NULL);
        else return -1;
    }
    if (st < 0 || r->outcome < 0 || !r->bucket[0] || !r->tried[0]) return -1;
    if (r->outcome == TUNE_OK && !(r->time_s > 0)) return -1;
    return 0;
}

static int keep_record(tune_state *s, const tune_record *r)
{
    if (s->count == s->cap) {
        int cap = s->cap ? s->cap * 2 : 64;
        tune_record *g = realloc(s->records, sizeof *g * (size_t)cap);
        if (!g) return -1;
        s->records = g;
        s->cap = cap;
    }
    s->records[s->count++] = *r;
    return 0;
}

/* Read an existing state file into s. 0 on success (also when there is none). */
static int read_state(tune_state *s, const char *want_device, char *err, size_t errlen)
{
    char *text = NULL;
    if (fmlp_read_file(s->path, &text, NULL) != FMLP_SUCCESS) return 0; /* nothing to resume */
    int rc = -1, lineno = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        ++lineno;
        if (lineno == 1) {
            if (strcmp(line, STATE_HEADER) != 0) {
                snprintf(err, errlen, "%s:1: not a flashmlp-tune state file", s->path);
                goto done;
            }
            continue;
        }
        if (lineno == 2) {
            if (strncmp(line, "device ", 7) != 0 || strcmp(line + 7, want_device) != 0) {
                snprintf(err, errlen,
                         "%s:2: measured on another device or driver:\n  %s\n"
                         "this device:\n  device %s\n(remove the file, or choose another --out)",
                         s->path, line, want_device);
                goto done;
            }
            continue;
        }
        tune_record r;
        /* a line cut short by an interrupted write is the only damage expected: skip it */
        if (strncmp(line, "r ", 2) != 0 || parse_record(line + 2, &r) != 0) continue;
        if (keep_record(s, &r) != 0) {
            snprintf(err, errlen, "out of host memory");
            goto done;
        }
    }
    if (lineno < 2 && lineno > 0) {
        snprintf(err, errlen, "%s: truncated state file (no device line)", s->path);
        goto done;
    }
    rc = 0;
done:
    free(text);
    return rc;
}

int tune_state_open(tune_state *s, const char *path, const fmlp_device *dev, int resume,
                    char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    snprintf(s->path, sizeof s->path, "%s", path);
    fmlp_strbuf dl = {0};
    tune_device_line(dev, "device", &dl);
    int rc = -1;
    if (dl.failed) {
        snprintf(err, errlen, "out of host memory");
        goto done;
    }
    if (resume && read_state(s, dl.data, err, errlen) != 0) goto done;
    int fresh = s->count == 0;
    if (fresh) {
        /* a resumed state without records starts afresh too (it may be cut short) */
        s->f = fopen(path, "w");
        if (s->f) fprintf(s->f, STATE_HEADER "\ndevice %s\n", dl.data);
    } else {
        s->f = fopen(path, "a");
    }
    if (!s->f || fflush(s->f) != 0) {
        snprintf(err, errlen, "%s: cannot be written: %s", path, strerror(errno));
        goto done;
    }
    rc = 0;
done:
    fmlp_strbuf_free(&dl);
    if (rc != 0) tune_state_close(s);
    return rc;
}

const tune_record *tune_state_find(const tune_state *s, const char *bucket, const char *tried)
{
    for (int i = 0; i < s->count; ++i)
        if (strcmp(s->records[i].bucket, bucket) == 0 && strcmp(s->records[i].tried, tried) == 0)
            return &s->records[i];
    return NULL;
}

int tune_state_add(tune_state *s, const tune_record *r)
{
    tune_record c = *r;
    clean(c.why);
    if (keep_record(s, &c) != 0) return -1;
    if (!s->f) return -1;
    fprintf(s->f, "r bucket=\"%s\" outcome=%s time_us=%.3f error=%.3e tried=\"%s\" ran=\"%s\" "
                  "why=\"%s\"\n",
            c.bucket, tune_outcome_name(c.outcome), c.time_s * 1e6, c.error, c.tried, c.ran,
            c.why);
    return fflush(s->f) == 0 ? 0 : -1;
}

void tune_state_close(tune_state *s)
{
    if (s->f) fclose(s->f);
    free(s->records);
    s->f = NULL;
    s->records = NULL;
    s->count = s->cap = 0;
}

/* ------------------------------------------------------------------ database file */

static const char *kind_name(int k) { return k == FMLP_MLP_PLAIN ? "plain" : "gated"; }

static void entry_key_text(const tune_entry *e, fmlp_strbuf *sb)
{
    fmlp_strbuf_printf(sb, "kind=%s act=%s wt=%s at=%s pr=%s H=%zu I=%zu",
                       kind_name(e->desc.kind), fmlp_activation_name(e->desc.activation),
                       fmlp_dtype_name(e->desc.weight_dtype), fmlp_dtype_name(e->desc.act_dtype),
                       e->desc.precision == FMLP_PRECISION_INT8_DOT ? "int8" : "exact",
                       e->desc.hidden, e->desc.intermediate);
}

void tune_batch_range(long lo, long hi, char *buf, size_t n)
{
    if (hi == LONG_MAX) snprintf(buf, n, "%ld-", lo);
    else if (lo == hi) snprintf(buf, n, "%ld", lo);
    else snprintf(buf, n, "%ld-%ld", lo, hi);
}

static void batch_text(long lo, long hi, fmlp_strbuf *sb)
{
    char range[48];
    tune_batch_range(lo, hi, range, sizeof range);
    fmlp_strbuf_printf(sb, " B=%s", range);
}

/* An existing entry, written back as it was read. */
static void old_entry_text(const fmlp_db_entry *e, fmlp_strbuf *sb)
{
    fmlp_strbuf_append(sb, "entry");
    if (e->kind >= 0) fmlp_strbuf_printf(sb, " kind=%s", kind_name(e->kind));
    if (e->act >= 0) fmlp_strbuf_printf(sb, " act=%s", fmlp_activation_name(e->act));
    if (e->wdtype >= 0) fmlp_strbuf_printf(sb, " wt=%s", fmlp_dtype_name(e->wdtype));
    if (e->adtype >= 0) fmlp_strbuf_printf(sb, " at=%s", fmlp_dtype_name(e->adtype));
    if (e->prec >= 0) fmlp_strbuf_printf(sb, " pr=%s", e->prec ? "int8" : "exact");
    if (e->hidden) fmlp_strbuf_printf(sb, " H=%ld", e->hidden);
    if (e->inter) fmlp_strbuf_printf(sb, " I=%ld", e->inter);
    if (e->b_lo != 1 || e->b_hi != LONG_MAX) batch_text(e->b_lo, e->b_hi, sb);
    fmlp_strbuf_append(sb, " ");
    fmlp_params_format(&e->params, sb);
    fmlp_strbuf_append(sb, "\n");
}

/* Whether the run's entries of e's op, shape and formats cover every batch of e's range, so
 * that e could never be chosen again (the new entries come first in the file): such an entry
 * is dropped; one with batches of its own left is kept, after the new ones. */
static int replaced(const fmlp_db_entry *e, const tune_entry *entries, int n)
{
    long next = e->b_lo; /* the lowest batch of e's range not yet known to be covered */
    for (int again = 1; again;) {
        again = 0;
        for (int i = 0; i < n; ++i) {
            const fmlp_plan_desc *d = &entries[i].desc;
            if (e->kind != (int)d->kind || e->act != (int)d->activation ||
                e->wdtype != (int)d->weight_dtype || e->adtype != (int)d->act_dtype ||
                e->prec != (int)d->precision || e->hidden != (long)d->hidden ||
                e->inter != (long)d->intermediate)
                continue;
            if (entries[i].b_lo <= next && entries[i].b_hi >= next) {
                if (entries[i].b_hi >= e->b_hi) return 1;
                next = entries[i].b_hi + 1;
                again = 1;
            }
        }
    }
    return 0;
}

int tune_check_output(const char *path, const fmlp_device *dev, const char *match, char *err,
                      size_t errlen)
{
    char *text = NULL;
    fmlp_db *old = NULL;
    if (fmlp_read_file(path, &text, NULL) != FMLP_SUCCESS) return 0; /* new file */
    char perr[512];
    int rc = 0;
    if (fmlp_db_parse(text, path, &old, perr, sizeof perr) == FMLP_SUCCESS) {
        /* compare identities, not driver versions: a new driver re-tunes the same device */
        const char *arch = strcmp(match, "vendor") == 0 ? "" : dev->arch;
        const char *name = strcmp(match, "device") == 0 ? dev->name : "";
        if (strcmp(old->vendor, dev->vendor) != 0 || strcmp(old->arch, arch) != 0 ||
            strcmp(old->name, name) != 0) {
            snprintf(err, errlen,
                     "%s exists for vendor=%s arch=%s name=\"%s\", and this run writes one for "
                     "vendor=%s arch=%s name=\"%s\": choose another --out (or --match)",
                     path, old->vendor, old->arch, old->name, dev->vendor, arch, name);
            rc = -1;
        }
    }
    fmlp_db_free(old);
    free(text);
    return rc;
}

int tune_write_db(const char *path, const fmlp_device *dev, const char *match,
                  const char *command, const tune_entry *entries, int n, char *err,
                  size_t errlen)
{
    fmlp_strbuf sb = {0}, dl = {0};
    char *text = NULL, tmp[1100] = "";
    fmlp_db *old = NULL;
    FILE *f = NULL;
    int rc = -1;
    err[0] = '\0';
    if (fmlp_read_file(path, &text, NULL) == FMLP_SUCCESS) {
        char perr[512];
        if (fmlp_db_parse(text, path, &old, perr, sizeof perr) != FMLP_SUCCESS) {
            /* never trusted, never silently lost: set aside for the user to look at */
            char bad[1100];
            snprintf(bad, sizeof bad, "%s.damaged", path);
            rename(path, bad);
            snprintf(err, errlen, "note: the existing file was damaged (%s); moved to %s", perr,
                     bad);
        }
    }
    time_t now = time(NULL);
    struct tm tmv;
    char date[64] = "?";
    if (gmtime_r(&now, &tmv)) strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", &tmv);
    tune_device_line(dev, match, &dl);
    fmlp_strbuf_append(&sb, "flashmlp-tuning 1\n");
    fmlp_strbuf_printf(&sb, "# Measured by flashmlp-tune (FlashMLP %s) on %s:\n#   %s\n",
                       FMLP_VERSION_STRING, date, command);
    fmlp_strbuf_append(&sb,
                       "# Each entry is the fastest candidate that passed the reference check for"
                       " its batch\n# bucket; the comment above it gives its time and those of"
                       " the generic database's\n# choice and the shipped databases' choice,"
                       " measured back to back in this run.\n");
    fmlp_strbuf_printf(&sb, "device %s measured=yes\n", dl.data ? dl.data : "");
    for (int i = 0; i < n; ++i) {
        fmlp_strbuf_printf(&sb, "\n# %s\nentry ", entries[i].comment);
        entry_key_text(&entries[i], &sb);
        batch_text(entries[i].b_lo, entries[i].b_hi, &sb);
        fmlp_strbuf_printf(&sb, " %s\n", entries[i].params);
    }
    int kept = 0;
    for (int i = 0; old && i < old->count; ++i) {
        if (replaced(&old->entries[i], entries, n)) continue;
        if (!kept++) fmlp_strbuf_append(&sb, "\n# Kept from the previous version of this file:\n");
        old_entry_text(&old->entries[i], &sb);
    }
    if (sb.failed || dl.failed) {
        snprintf(err, errlen, "out of host memory");
        goto done;
    }
    /* check what we wrote with the library's own parser before it replaces anything */
    fmlp_db *check = NULL;
    char perr[512];
    if (fmlp_db_parse(sb.data, path, &check, perr, sizeof perr) != FMLP_SUCCESS) {
        snprintf(err, errlen, "internal error: the database written does not parse: %s", perr);
        goto done;
    }
    fmlp_db_free(check);
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    if (!(f = fopen(tmp, "w")) || fwrite(sb.data, 1, sb.len, f) != sb.len) {
        snprintf(err, errlen, "%s: cannot be written: %s", tmp, strerror(errno));
        goto done;
    }
    int closed = fclose(f);
    f = NULL;
    if (closed != 0 || rename(tmp, path) != 0) {
        snprintf(err, errlen, "%s: cannot be written: %s", path, strerror(errno));
        goto done;
    }
    tmp[0] = '\0';
    rc = 0;
done:
    if (f) fclose(f);
    if (tmp[0]) unlink(tmp);
    fmlp_db_free(old);
    free(text);
    fmlp_strbuf_free(&sb);
    fmlp_strbuf_free(&dl);
    return rc;
}
