/* FlashMLP in the benchmark, through the public API only: one plan, `copies` packed weight sets
 * (the same weights in different buffers, cycled through to defeat the last-level cache) and
 * one workspace. The unfused chain of FlashMLP's own kernels is the same with the override
 * "strategy=unfused". */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fmlp_state {
    fmlp_plan *plan;
    fmlp_weights **w;
    int copies;
    cl_mem ws;
} fmlp_state;

static void release(void *p)
{
    fmlp_state *s = p;
    if (!s) return;
    for (int i = 0; s->w && i < s->copies; ++i) fmlp_weights_release(s->w[i]);
    free(s->w);
    if (s->ws) clReleaseMemObject(s->ws);
    fmlp_plan_release(s->plan);
    free(s);
}

static int run(void *p, const bench_env *env, size_t batch, int copy)
{
    fmlp_state *s = p;
    return (int)fmlp_forward(s->plan, s->w[copy % s->copies], env->q, batch, env->x, 0, env->y, 0,
                             s->ws, 0, NULL, NULL);
}

static void describe(void *p, size_t batch, char *buf, size_t size)
{
    fmlp_state *s = p;
    if (fmlp_plan_describe(s->plan, batch, buf, size) != FMLP_SUCCESS) snprintf(buf, size, "?");
}

bench_status bench_flashmlp_create(const bench_env *env, const char *name, const char *overrides,
                                   bench_impl *impl, char *why, size_t whysize)
{
    memset(impl, 0, sizeof *impl);
    bench_status rc = BENCH_FAILED;
    fmlp_state *s = calloc(1, sizeof *s);
    fmlp_status st = FMLP_ERROR_OUT_OF_HOST_MEMORY;
    const char *what = "allocating";
    if (!s || !(s->w = calloc((size_t)env->copies, sizeof *s->w))) goto fail;
    fmlp_plan_desc d = env->c->desc;
    d.min_batch = env->min_batch;
    d.max_batch = env->max_batch;
    d.overrides = overrides;
    what = "creating the plan";
    if ((st = fmlp_plan_create(env->ctx, &d, &s->plan)) != FMLP_SUCCESS) {
        /* the unfused strategy may not exist yet in this build: a row of n/a, not a failure */
        if (st == FMLP_ERROR_INVALID_PARAMETER && overrides &&
            strstr(overrides, "strategy=unfused"))
            rc = BENCH_NOT_AVAILABLE;
        if (st == FMLP_ERROR_BUILD_FAILED)
            fprintf(stderr, "%s build log:\n%s\n", name, fmlp_context_build_log(env->ctx));
        goto fail;
    }
    what = "packing the weights";
    fmlp_host_weights hw = mlp_case_host_weights(env->c);
    s->copies = env->copies;
    for (int i = 0; i < env->copies; ++i)
        if ((st = fmlp_weights_create_host(s->plan, env->q, &hw, &s->w[i])) != FMLP_SUCCESS)
            goto fail;
    what = "allocating the workspace";
    size_t ws = 0;
    if ((st = fmlp_plan_workspace_size(s->plan, env->max_batch, &ws)) != FMLP_SUCCESS) goto fail;
    if (ws) {
        cl_int err = CL_SUCCESS;
        if (!(s->ws = clCreateBuffer(env->cl, CL_MEM_READ_WRITE, ws, NULL, &err))) {
            st = (fmlp_status)err;
            goto fail;
        }
    }
    snprintf(impl->name, sizeof impl->name, "%s", name);
    impl->state = s;
    impl->run = run;
    impl->describe = describe;
    impl->release = release;
    return BENCH_OK;
fail:
    if (rc == BENCH_NOT_AVAILABLE)
        snprintf(why, whysize, "strategy=unfused not available");
    else
        snprintf(why, whysize, "%s: %s (%d)", what, fmlp_status_string(st), (int)st);
    release(s);
    return rc;
}
