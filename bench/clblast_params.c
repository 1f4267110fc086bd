/* CLBlast tuner results for the CLBlast chain: the JSON files that CLBlast's own tuners write
 * (clblast_tuner_xgemm, clblast_tuner_xgemv, ...), read and handed to CLBlastOverrideParameters.
 * Only the top-level fields are read: "kernel_family", "precision", "best_time",
 * "best_parameters" ("NAME=value ..."), "device". The tuner family names the database kernel
 * that the parameters belong to; CLBlast refuses a set that misses one of that kernel's
 * parameters, and ignores extra ones (PRECISION is dropped here). */
#include "bench.h"

#include <clblast_c.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tuner family (prefix) -> the kernel name in CLBlast's database. */
static const struct {
    const char *family;
    const char *kernel;
} family_kernels[] = {
    {"xgemm_direct", "XgemmDirect"}, /* before "xgemm": xgemm_direct_1, xgemm_direct_2 */
    {"xgemm", "Xgemm"},              /* xgemm_1, xgemm_2, xgemm_11, xgemm_12 */
    {"xgemv_fast_rot", "XgemvFastRot"},
    {"xgemv_fast", "XgemvFast"},
    {"xgemv", "Xgemv"},
    {"padtranspose", "Padtranspose"},
    {"transpose", "Transpose"},
    {"copy", "Copy"},
    {"pad", "Pad"},
    {"xaxpy", "Xaxpy"},
    {"xdot", "Xdot"},
    {"xger", "Xger"},
    {"invert", "Invert"},
    {"xconvgemm", "XConvGemm"},
};

/* The string value of a top-level "key": "value" pair, copied into out; -1 when absent. */
static int json_string(const char *text, const char *key, char *out, size_t size)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\"", key);
    const char *p = strstr(text, pat);
    if (!p) return -1;
    p += strlen(pat);
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') ++p;
    if (*p++ != ':') return -1;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') ++p;
    if (*p++ != '"') return -1;
    const char *end = strchr(p, '"');
    if (!end || (size_t)(end - p) >= size) return -1;
    memcpy(out, p, (size_t)(end - p));
    out[end - p] = '\0';
    return 0;
}

char *bench_read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *text = NULL;
    long n = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (text = malloc((size_t)n + 1)) && fread(text, 1, (size_t)n, f) == (size_t)n) {
        text[n] = '\0';
    } else {
        free(text);
        text = NULL;
    }
    fclose(f);
    return text;
}

/* Parse one file into *k. 1 when it is not for fp32 (skipped), 0 when read, -1 on damage. */
static int parse_file(const char *path, bench_clblast_kernel *k, char *device, size_t devsize,
                      char *err, size_t errsize)
{
    char *text = bench_read_text(path);
    char precision[16], params[1024], time[32];
    int rc = -1;
    memset(k, 0, sizeof *k);
    if (!text) {
        snprintf(err, errsize, "%s: cannot read", path);
        goto done;
    }
    if (json_string(text, "kernel_family", k->family, sizeof k->family) ||
        json_string(text, "precision", precision, sizeof precision) ||
        json_string(text, "best_time", time, sizeof time) ||
        json_string(text, "best_parameters", params, sizeof params)) {
        snprintf(err, errsize, "%s: no kernel_family, precision, best_time or best_parameters",
                 path);
        goto done;
    }
    if (strcmp(precision, "32") != 0) {
        rc = 1;
        goto done;
    }
    if (json_string(text, "device", device, devsize)) device[0] = '\0';
    for (size_t i = 0; i < sizeof family_kernels / sizeof family_kernels[0]; ++i)
        if (strncmp(k->family, family_kernels[i].family, strlen(family_kernels[i].family)) == 0) {
            snprintf(k->kernel, sizeof k->kernel, "%s", family_kernels[i].kernel);
            break;
        }
    if (!k->kernel[0]) {
        snprintf(err, errsize, "%s: unknown kernel family '%s'", path, k->family);
        goto done;
    }
    k->best_time = strtod(time, NULL);
    snprintf(k->file, sizeof k->file, "%s", path);
    /* "NAME=value NAME=value ..." */
    char *save = NULL;
    int bad = 0;
    for (char *tok = strtok_r(params, " ", &save); tok && !bad; tok = strtok_r(NULL, " ", &save)) {
        char *eq = strchr(tok, '=');
        char *end = NULL;
        bad = !eq || eq == tok || (size_t)(eq - tok) >= sizeof k->names[0] ||
              k->nparams == BENCH_CLBLAST_PARAMS;
        if (bad) break;
        *eq = '\0';
        unsigned long long v = strtoull(eq + 1, &end, 10);
        if ((bad = end == eq + 1 || *end)) break;
        if (strcmp(tok, "PRECISION") == 0) continue;
        snprintf(k->names[k->nparams], sizeof k->names[0], "%s", tok);
        k->values[k->nparams++] = (size_t)v;
    }
    if (bad || k->nparams == 0) {
        snprintf(err, errsize, "%s: cannot read best_parameters", path);
        goto done;
    }
    rc = 0;
done:
    free(text);
    return rc;
}

int bench_clblast_load(const char *dir, bench_clblast_tuning *t, char *err, size_t errsize)
{
    memset(t, 0, sizeof *t);
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errsize, "cannot open the folder %s", dir);
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (strncmp(e->d_name, "clblast_", 8) != 0 || n < 5 || strcmp(e->d_name + n - 5, ".json"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        bench_clblast_kernel k;
        int r = parse_file(path, &k, t->device, sizeof t->device, err, errsize);
        if (r < 0) {
            rc = -1;
            break;
        }
        if (r > 0) continue;
        int slot = 0;
        while (slot < t->count && strcmp(t->k[slot].kernel, k.kernel) != 0) ++slot;
        if (slot == t->count) {
            if (t->count == BENCH_CLBLAST_KERNELS) continue;
            t->k[t->count++] = k;
        } else if (k.best_time < t->k[slot].best_time) {
            t->k[slot] = k; /* the fastest family wins, as CLBlast's own database script does */
        }
    }
    closedir(d);
    if (rc == 0 && t->count == 0) {
        snprintf(err, errsize, "no fp32 clblast_*.json tuner files in %s", dir);
        rc = -1;
    }
    return rc;
}

int bench_clblast_apply(cl_device_id dev, const bench_clblast_tuning *t, char *err,
                        size_t errsize)
{
    for (int i = 0; i < t->count; ++i) {
        const bench_clblast_kernel *k = &t->k[i];
        const char *names[BENCH_CLBLAST_PARAMS];
        for (int j = 0; j < k->nparams; ++j) names[j] = k->names[j];
        CLBlastStatusCode s = CLBlastOverrideParameters(dev, k->kernel, CLBlastPrecisionSingle,
                                                        (size_t)k->nparams, names, k->values);
        if (s != CLBlastSuccess) {
            snprintf(err, errsize, "CLBlastOverrideParameters(%s) from %s failed: %d%s", k->kernel,
                     k->file, (int)s,
                     s == CLBlastMissingOverrideParameter ? " (a parameter is missing)" : "");
            return -1;
        }
    }
    return 0;
}
