/* Program assembly, compilation and the per-context in-memory program cache.
 *
 * A program's text is, in this order: device quirk defines, the op and tuning defines given
 * by the caller, then common.cl, then the op's own sources (STYLE.md: source assembly is
 * explicit). The cache key is a hash of that text and the build options; on a hit the full
 * text is compared too, so a hash collision can never hand out the wrong program. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define BUILD_OPTIONS "-cl-std=CL1.2"

/* Each quirk says which device needs it and why. */
static void quirk_defines(const fmlp_device *dev, fmlp_strbuf *sb)
{
    fmlp_strbuf_printf(sb, "#define FMLP_VENDOR_%s 1\n",
                       strcmp(dev->vendor, "nvidia") == 0   ? "NVIDIA"
                       : strcmp(dev->vendor, "amd") == 0    ? "AMD"
                       : strcmp(dev->vendor, "intel") == 0  ? "INTEL"
                       : strcmp(dev->vendor, "pocl") == 0   ? "POCL"
                                                            : "OTHER");
}

static void set_log(fmlp_context *ctx, cl_program prog)
{
    size_t n = 0;
    free(ctx->build_log);
    ctx->build_log = NULL;
    if (clGetProgramBuildInfo(prog, ctx->dev.device, CL_PROGRAM_BUILD_LOG, 0, NULL, &n) !=
            CL_SUCCESS || n == 0)
        return;
    char *log = malloc(n + 1);
    if (!log) return;
    if (clGetProgramBuildInfo(prog, ctx->dev.device, CL_PROGRAM_BUILD_LOG, n, log, NULL) !=
        CL_SUCCESS) {
        free(log);
        return;
    }
    log[n] = '\0';
    ctx->build_log = log;
}

static fmlp_status build(fmlp_context *ctx, const char *text, cl_program *out)
{
    cl_int err = CL_SUCCESS;
    const char *srcs[] = {text};
    cl_program prog = clCreateProgramWithSource(ctx->cl_ctx, 1, srcs, NULL, &err);
    if (!prog) return (fmlp_status)(err ? err : CL_OUT_OF_HOST_MEMORY);
    err = clBuildProgram(prog, 1, &ctx->dev.device, BUILD_OPTIONS, NULL, NULL);
    set_log(ctx, prog);
    if (err != CL_SUCCESS) {
        clReleaseProgram(prog);
        return err == CL_BUILD_PROGRAM_FAILURE ? FMLP_ERROR_BUILD_FAILED : (fmlp_status)err;
    }
    *out = prog;
    return FMLP_SUCCESS;
}

fmlp_status fmlp_program_get(fmlp_context *ctx, const char *defines, const char *const *files,
                             int nfiles, cl_program *out)
{
    *out = NULL;
    fmlp_strbuf sb = {0};
    quirk_defines(&ctx->dev, &sb);
    fmlp_strbuf_append(&sb, defines);
    const char *common = fmlp_source_get("common.cl");
    if (!common) {
        fmlp_strbuf_free(&sb);
        return FMLP_ERROR_IO;
    }
    fmlp_strbuf_append(&sb, "#line 1 \"common.cl\"\n");
    fmlp_strbuf_append(&sb, common);
    for (int i = 0; i < nfiles; ++i) {
        const char *src = fmlp_source_get(files[i]);
        if (!src) {
            fmlp_strbuf_free(&sb);
            return FMLP_ERROR_IO;
        }
        fmlp_strbuf_printf(&sb, "\n#line 1 \"%s\"\n", files[i]);
        fmlp_strbuf_append(&sb, src);
    }
    fmlp_strbuf_append(&sb, "\n// options: " BUILD_OPTIONS "\n");
    if (sb.failed) {
        fmlp_strbuf_free(&sb);
        return FMLP_ERROR_OUT_OF_HOST_MEMORY;
    }
    uint64_t key = fmlp_hash64(0, sb.data, sb.len);

    fmlp_status st = FMLP_SUCCESS;
    pthread_mutex_lock(&ctx->lock);
    for (int i = 0; i < ctx->nprograms; ++i) {
        if (ctx->programs[i].key == key && strcmp(ctx->programs[i].text, sb.data) == 0) {
            clRetainProgram(ctx->programs[i].program);
            *out = ctx->programs[i].program;
            goto done;
        }
    }
    if (ctx->nprograms == ctx->capprograms) {
        int cap = ctx->capprograms ? ctx->capprograms * 2 : 8;
        fmlp_cached_program *p = realloc(ctx->programs, sizeof *p * (size_t)cap);
        if (!p) {
            st = FMLP_ERROR_OUT_OF_HOST_MEMORY;
            goto done;
        }
        ctx->programs = p;
        ctx->capprograms = cap;
    }
    cl_program prog = NULL;
    if ((st = build(ctx, sb.data, &prog)) != FMLP_SUCCESS) goto done;
    fmlp_cached_program *slot = &ctx->programs[ctx->nprograms];
    slot->key = key;
    slot->text = sb.data; /* ownership moves to the cache */
    slot->program = prog;
    sb.data = NULL;
    ctx->nprograms++;
    clRetainProgram(prog);
    *out = prog;
done:
    pthread_mutex_unlock(&ctx->lock);
    fmlp_strbuf_free(&sb);
    return st;
}
