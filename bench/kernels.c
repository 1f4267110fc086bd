/* The benchmark's own OpenCL kernels (bench/cl/: device floors, the CLBlast chain's
 * elementwise step), embedded at build time by the library's cmake/embed.cmake under a name of
 * their own, or read from the source tree when FLASHMLP_EMBED_KERNELS is OFF. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* embed.cmake names its table fmlp_embedded_files, as the library's is: rename this one */
#define fmlp_embedded_files bench_embedded_files
#define fmlp_embedded_file bench_embedded_file
#include "bench_embedded.c"

/* The text of one kernel file; *owned is set when it was read from disk (caller frees). */
static const char *source_of(const char *file, char **owned)
{
    *owned = NULL;
    for (const bench_embedded_file *e = bench_embedded_files; e->name; ++e) {
        if (strcmp(e->name, file) != 0) continue;
        if (e->text) return e->text;
        return *owned = bench_read_text(e->path);
    }
    return NULL;
}

cl_int bench_build_program(cl_context ctx, cl_device_id dev, const char *file,
                           const char *options, cl_program *out)
{
    *out = NULL;
    char *owned = NULL;
    cl_program p = NULL;
    cl_int err = CL_SUCCESS;
    const char *src = source_of(file, &owned);
    if (!src) {
        fprintf(stderr, "bench: kernel file %s not found\n", file);
        err = CL_INVALID_VALUE;
        goto fail;
    }
    p = clCreateProgramWithSource(ctx, 1, &src, NULL, &err);
    if (err != CL_SUCCESS) goto fail;
    err = clBuildProgram(p, 1, &dev, options, NULL, NULL);
    if (err != CL_SUCCESS) {
        size_t n = 0;
        clGetProgramBuildInfo(p, dev, CL_PROGRAM_BUILD_LOG, 0, NULL, &n);
        char *log = malloc(n + 1);
        if (log &&
            clGetProgramBuildInfo(p, dev, CL_PROGRAM_BUILD_LOG, n, log, NULL) == CL_SUCCESS) {
            log[n] = '\0';
            fprintf(stderr, "bench: building %s (%s) failed:\n%s\n", file, options, log);
        }
        free(log);
        goto fail;
    }
    *out = p;
    p = NULL;
fail:
    if (p) clReleaseProgram(p);
    free(owned);
    return err;
}
