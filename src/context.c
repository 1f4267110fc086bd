/* Contexts: the caller's (or a picked) OpenCL device, its identity, program cache and the
 * tuning databases that apply to it. */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fmlp_build_options_init(fmlp_context *ctx); /* program.c */

static fmlp_status context_new(cl_context clctx, cl_device_id dev, fmlp_context **out)
{
    fmlp_context *ctx = calloc(1, sizeof *ctx);
    if (!ctx) return FMLP_ERROR_OUT_OF_HOST_MEMORY;
    fmlp_status st = fmlp_device_query(dev, &ctx->dev);
    if (st != FMLP_SUCCESS) {
        free(ctx);
        return st;
    }
    if (pthread_mutex_init(&ctx->lock, NULL) != 0) {
        free(ctx);
        return FMLP_ERROR_INTERNAL;
    }
    if (pthread_cond_init(&ctx->built, NULL) != 0) {
        pthread_mutex_destroy(&ctx->lock);
        free(ctx);
        return FMLP_ERROR_INTERNAL;
    }
    atomic_init(&ctx->refs, 1);
    fmlp_build_options_init(ctx);
    ctx->cl_ctx = clctx;
    clRetainContext(clctx);
    clRetainDevice(dev);
    fmlp_databases_load(ctx);
    *out = ctx;
    return FMLP_SUCCESS;
}

fmlp_status fmlp_context_create(cl_context context, cl_device_id device, fmlp_context **out)
{
    if (!out) return FMLP_ERROR_NULL_POINTER;
    *out = NULL;
    if (!context || !device) return FMLP_ERROR_NULL_POINTER;
    /* The device must belong to the context. */
    cl_uint n = 0;
    cl_int err = clGetContextInfo(context, CL_CONTEXT_NUM_DEVICES, sizeof n, &n, NULL);
    if (err != CL_SUCCESS) return (fmlp_status)err;
    cl_device_id devs[64];
    if (n == 0 || n > 64) return FMLP_ERROR_CONTEXT_MISMATCH;
    err = clGetContextInfo(context, CL_CONTEXT_DEVICES, sizeof(cl_device_id) * n, devs, NULL);
    if (err != CL_SUCCESS) return (fmlp_status)err;
    int found = 0;
    for (cl_uint i = 0; i < n; ++i) found |= devs[i] == device;
    if (!found) return FMLP_ERROR_CONTEXT_MISMATCH;
    return context_new(context, device, out);
}

/* ---- device selection */

typedef struct candidate {
    cl_platform_id platform;
    cl_device_id device;
    cl_device_type type;
    unsigned pi, di;
    char label[300]; /* "platform / device" */
} candidate;

static fmlp_status list_devices(candidate **out, int *count)
{
    *out = NULL;
    *count = 0;
    cl_uint np = 0;
    cl_int err = clGetPlatformIDs(0, NULL, &np);
    if (err == -1001 /* CL_PLATFORM_NOT_FOUND_KHR: the ICD loader found no platform */ || np == 0) return FMLP_ERROR_DEVICE_NOT_FOUND;
    if (err != CL_SUCCESS) return (fmlp_status)err;
    cl_platform_id plats[32];
    if (np > 32) np = 32;
    if ((err = clGetPlatformIDs(np, plats, NULL)) != CL_SUCCESS) return (fmlp_status)err;
    candidate *c = NULL;
    int nc = 0;
    for (cl_uint p = 0; p < np; ++p) {
        cl_uint nd = 0;
        if (clGetDeviceIDs(plats[p], CL_DEVICE_TYPE_ALL, 0, NULL, &nd) != CL_SUCCESS || !nd)
            continue;
        cl_device_id devs[64];
        if (nd > 64) nd = 64;
        if (clGetDeviceIDs(plats[p], CL_DEVICE_TYPE_ALL, nd, devs, NULL) != CL_SUCCESS) continue;
        candidate *grown = realloc(c, sizeof *c * (size_t)(nc + (int)nd));
        if (!grown) {
            free(c);
            return FMLP_ERROR_OUT_OF_HOST_MEMORY;
        }
        c = grown;
        char pname[128] = "";
        clGetPlatformInfo(plats[p], CL_PLATFORM_NAME, sizeof pname, pname, NULL);
        pname[sizeof pname - 1] = '\0';
        for (cl_uint d = 0; d < nd; ++d) {
            candidate *k = &c[nc++];
            k->platform = plats[p];
            k->device = devs[d];
            k->pi = p;
            k->di = d;
            k->type = 0;
            clGetDeviceInfo(devs[d], CL_DEVICE_TYPE, sizeof k->type, &k->type, NULL);
            char dname[128] = "";
            clGetDeviceInfo(devs[d], CL_DEVICE_NAME, sizeof dname, dname, NULL);
            dname[sizeof dname - 1] = '\0';
            snprintf(k->label, sizeof k->label, "%s / %s", pname, dname);
        }
    }
    *out = c;
    *count = nc;
    return nc ? FMLP_SUCCESS : FMLP_ERROR_DEVICE_NOT_FOUND;
}

static int all_digits(const char *s, size_t n)
{
    if (n == 0) return 0;
    for (size_t i = 0; i < n; ++i)
        if (!isdigit((unsigned char)s[i])) return 0;
    return 1;
}

/* Choose among the listed devices; index into c or a status. */
static fmlp_status pick(const candidate *c, int nc, const char *sel, int *index)
{
    if (sel && *sel) {
        while (isspace((unsigned char)*sel)) ++sel;
        if (!*sel) return FMLP_ERROR_INVALID_SELECTOR; /* blank is not "no selector" */
    }
    if (!sel || !*sel) {
        for (int i = 0; i < nc; ++i)
            if (c[i].type & CL_DEVICE_TYPE_GPU) return *index = i, FMLP_SUCCESS;
        return *index = 0, FMLP_SUCCESS;
    }
    static const struct {
        const char *word;
        cl_device_type type;
    } kinds[] = {{"gpu", CL_DEVICE_TYPE_GPU},
                 {"cpu", CL_DEVICE_TYPE_CPU},
                 {"accelerator", CL_DEVICE_TYPE_ACCELERATOR}};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; ++k) {
        if (strcasecmp(sel, kinds[k].word) != 0) continue;
        for (int i = 0; i < nc; ++i)
            if (c[i].type & kinds[k].type) return *index = i, FMLP_SUCCESS;
        return FMLP_ERROR_DEVICE_NOT_FOUND;
    }
    const char *colon = strchr(sel, ':');
    size_t len = strlen(sel);
    if (colon && strchr(colon + 1, ':') == NULL) {
        size_t a = (size_t)(colon - sel), b = len - a - 1;
        int da = all_digits(sel, a), db = all_digits(colon + 1, b);
        if (da && db) {
            unsigned p = (unsigned)strtoul(sel, NULL, 10), d = (unsigned)strtoul(colon + 1, NULL, 10);
            for (int i = 0; i < nc; ++i)
                if (c[i].pi == p && c[i].di == d) return *index = i, FMLP_SUCCESS;
            return FMLP_ERROR_DEVICE_NOT_FOUND;
        }
        /* "1:" ":0" "x:1": looks like an index pair but is not one */
        if ((a == 0 || da) && (b == 0 || db)) return FMLP_ERROR_INVALID_SELECTOR;
        if ((da && b == 0) || (db && a == 0)) return FMLP_ERROR_INVALID_SELECTOR;
    }
    for (int i = 0; i < nc; ++i)
        if (fmlp_strcasestr_contains(c[i].label, sel)) return *index = i, FMLP_SUCCESS;
    return FMLP_ERROR_DEVICE_NOT_FOUND;
}

/* PoCL 3.1 crashed inside libpocl when several threads listed devices at once (seen while
 * testing concurrent context creation): listing is serialized process-wide. */
static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;

fmlp_status fmlp_context_create_default(const char *selector, fmlp_context **out)
{
    if (!out) return FMLP_ERROR_NULL_POINTER;
    *out = NULL;
    if (!selector || !*selector) selector = getenv("FLASHMLP_DEVICE");
    candidate *c = NULL;
    int nc = 0, index = -1;
    pthread_mutex_lock(&list_lock);
    fmlp_status st = list_devices(&c, &nc);
    pthread_mutex_unlock(&list_lock);
    if (st == FMLP_SUCCESS) st = pick(c, nc, selector, &index);
    if (st != FMLP_SUCCESS) {
        free(c);
        return st;
    }
    cl_context_properties props[] = {CL_CONTEXT_PLATFORM,
                                     (cl_context_properties)c[index].platform, 0};
    cl_device_id dev = c[index].device;
    free(c);
    cl_int err = CL_SUCCESS;
    cl_context clctx = clCreateContext(props, 1, &dev, NULL, NULL, &err);
    if (!clctx) return (fmlp_status)(err ? err : CL_OUT_OF_HOST_MEMORY);
    st = context_new(clctx, dev, out);
    clReleaseContext(clctx); /* the FlashMLP context holds its own reference */
    return st;
}

void fmlp_context_retain(fmlp_context *ctx) { atomic_fetch_add(&ctx->refs, 1); }

void fmlp_context_release(fmlp_context *ctx)
{
    if (!ctx || atomic_fetch_sub(&ctx->refs, 1) != 1) return;
    for (int i = 0; i < ctx->nprograms; ++i) {
        clReleaseProgram(ctx->programs[i].program);
        free(ctx->programs[i].text);
        free(ctx->programs[i].registers);
    }
    free(ctx->programs);
    while (ctx->on_disk) {
        fmlp_on_disk *n = ctx->on_disk;
        ctx->on_disk = n->next;
        free(n->text);
        free(n);
    }
    free(ctx->build_log);
    fmlp_databases_free(ctx);
    clReleaseDevice(ctx->dev.device);
    clReleaseContext(ctx->cl_ctx);
    pthread_cond_destroy(&ctx->built);
    pthread_mutex_destroy(&ctx->lock);
    free(ctx);
}

cl_context fmlp_context_cl_context(const fmlp_context *ctx) { return ctx ? ctx->cl_ctx : NULL; }
cl_device_id fmlp_context_cl_device(const fmlp_context *ctx)
{
    return ctx ? ctx->dev.device : NULL;
}

fmlp_status fmlp_context_create_queue(const fmlp_context *ctx, cl_command_queue *out)
{
    if (!out) return FMLP_ERROR_NULL_POINTER;
    *out = NULL;
    if (!ctx) return FMLP_ERROR_NULL_POINTER;
    cl_int err = CL_SUCCESS;
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
    /* The 1.2 entry point: NVIDIA's and every other driver still provide it. */
    cl_command_queue q =
        clCreateCommandQueue(ctx->cl_ctx, ctx->dev.device, CL_QUEUE_PROFILING_ENABLE, &err);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
    if (!q) return (fmlp_status)(err ? err : CL_OUT_OF_HOST_MEMORY);
    *out = q;
    return FMLP_SUCCESS;
}

fmlp_status fmlp_context_device_info(const fmlp_context *ctx, fmlp_device_info *out)
{
    if (!ctx || !out) return FMLP_ERROR_NULL_POINTER;
    *out = ctx->dev.info;
    return FMLP_SUCCESS;
}

const char *fmlp_context_build_log(const fmlp_context *ctx)
{
    return ctx && ctx->build_log ? ctx->build_log : "";
}
