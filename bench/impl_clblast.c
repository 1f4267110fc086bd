/* The CLBlast chain: what a user without FlashMLP would run on an OpenCL device.
 *   gated:  g = x W_gate^T, u = x W_up^T (CLBlast SGEMM, or SGEMV at B = 1),
 *           one elementwise kernel (bench/cl/chain_act.cl): g = act(g + b_gate) * (u + b_up),
 *           y = b_down (or 0), then y += g W_down^T (SGEMM/SGEMV with beta = 1)
 *   plain:  the same without the gate: u = act(u + b_up), y += u W_down^T.
 * Weights stay in PyTorch layout (row-major [out, in]): the GEMMs use a transposed B operand.
 * SGEMM gets a temporary buffer allocated once (CLBlastSgemmWithTempBuffer), as FlashMLP gets
 * its workspace, so neither side pays for allocation inside the timed runs. Writing y's start
 * value in the elementwise kernel costs B x H stores and keeps the chain at one extra kernel;
 * it also means CLBlast's GEMV, which reads y even when beta = 0, never sees stale data. */
#include "bench.h"

#include <clblast_c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct chain {
    int gated, copies;
    size_t H, I;
    cl_mem *gate, *up, *down; /* [copies] */
    cl_mem bg, bu, bd;        /* biases, NULL where the op has none */
    cl_mem g, u;              /* [max_batch, I] */
    cl_mem temp;              /* SGEMM's temporary buffer */
    cl_program prog;
    cl_kernel act;
    char tuned[256];
} chain;

static void release(void *p)
{
    chain *s = p;
    if (!s) return;
    for (int i = 0; i < s->copies; ++i) {
        if (s->gate && s->gate[i]) clReleaseMemObject(s->gate[i]);
        if (s->up && s->up[i]) clReleaseMemObject(s->up[i]);
        if (s->down && s->down[i]) clReleaseMemObject(s->down[i]);
    }
    free(s->gate);
    free(s->up);
    free(s->down);
    cl_mem other[] = {s->bg, s->bu, s->bd, s->g, s->u, s->temp};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; ++i)
        if (other[i]) clReleaseMemObject(other[i]);
    if (s->act) clReleaseKernel(s->act);
    if (s->prog) clReleaseProgram(s->prog);
    free(s);
}

/* c[rows, n] (+)= a[rows, k] w[n, k]^T */
static int project(cl_command_queue q, size_t rows, size_t n, size_t k, cl_mem a, cl_mem w,
                   float beta, cl_mem c, cl_mem temp)
{
    if (rows == 1)
        return (int)CLBlastSgemv(CLBlastLayoutRowMajor, CLBlastTransposeNo, n, k, 1.0f, w, 0, k,
                                 a, 0, 1, beta, c, 0, 1, &q, NULL);
    return (int)CLBlastSgemmWithTempBuffer(CLBlastLayoutRowMajor, CLBlastTransposeNo,
                                           CLBlastTransposeYes, rows, n, k, 1.0f, a, 0, k, w, 0,
                                           k, beta, c, 0, n, &q, NULL, temp);
}

static int run(void *p, const bench_env *env, size_t batch, int copy)
{
    chain *s = p;
    const int w = copy % s->copies;
    int rc = CL_SUCCESS;
    if (s->gated && (rc = project(env->q, batch, s->I, s->H, env->x, s->gate[w], 0.0f, s->g,
                                  s->temp)) != CL_SUCCESS)
        return rc;
    if ((rc = project(env->q, batch, s->I, s->H, env->x, s->up[w], 0.0f, s->u, s->temp)) !=
        CL_SUCCESS)
        return rc;
    const cl_uint rows = (cl_uint)batch;
    size_t work = batch * (s->I > s->H ? s->I : s->H);
    size_t global = work < (1u << 20) ? work : (1u << 20);
    if ((rc = clSetKernelArg(s->act, 6, sizeof rows, &rows)) != CL_SUCCESS ||
        (rc = clEnqueueNDRangeKernel(env->q, s->act, 1, NULL, &global, NULL, 0, NULL, NULL)) !=
            CL_SUCCESS)
        return rc;
    return project(env->q, batch, s->H, s->I, s->gated ? s->g : s->u, s->down[w], 1.0f, env->y,
                   s->temp);
}

static void describe(void *p, size_t batch, char *buf, size_t size)
{
    chain *s = p;
    snprintf(buf, size, "CLBlast %s x%d + act kernel, %s", batch == 1 ? "sgemv" : "sgemm",
             s->gated ? 3 : 2, s->tuned);
}

static cl_mem upload(cl_context ctx, const float *host, size_t n, cl_int *err)
{
    return clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, n * sizeof(float),
                          (void *)host, err);
}

/* dst[i] = a new buffer holding src's bytes */
static cl_mem duplicate(cl_context ctx, cl_command_queue q, cl_mem src, size_t bytes,
                        cl_int *err)
{
    cl_mem m = clCreateBuffer(ctx, CL_MEM_READ_ONLY, bytes, NULL, err);
    if (m && (*err = clEnqueueCopyBuffer(q, src, m, 0, 0, bytes, 0, NULL, NULL)) != CL_SUCCESS) {
        clReleaseMemObject(m);
        m = NULL;
    }
    return m;
}

bench_status bench_clblast_create(const bench_env *env, const bench_clblast_tuning *tuned,
                                  bench_impl *impl, char *why, size_t whysize)
{
    memset(impl, 0, sizeof *impl);
    const mlp_case *c = env->c;
    const size_t H = c->desc.hidden, I = c->desc.intermediate;
    const int n = env->copies;
    cl_int err = CL_SUCCESS;
    const char *what = "allocating";
    chain *s = calloc(1, sizeof *s);
    if (!s || !(s->gate = calloc((size_t)n, sizeof(cl_mem))) ||
        !(s->up = calloc((size_t)n, sizeof(cl_mem))) ||
        !(s->down = calloc((size_t)n, sizeof(cl_mem)))) {
        err = CL_OUT_OF_HOST_MEMORY;
        goto fail;
    }
    s->gated = c->desc.kind == FMLP_MLP_GATED;
    s->H = H;
    s->I = I;
    s->copies = n;
    /* the parameters themselves are in the CSV's comment lines */
    snprintf(s->tuned, sizeof s->tuned, "%s",
             tuned ? "tuned parameters (--clblast-params)" : "CLBlast's own database");

    what = "uploading the weights";
    const size_t nw = H * I;
    for (int i = 0; i < n; ++i) {
        if (s->gated && !(s->gate[i] = i ? duplicate(env->cl, env->q, s->gate[0], nw * 4, &err)
                                         : upload(env->cl, c->gate, nw, &err)))
            goto fail;
        if (!(s->up[i] = i ? duplicate(env->cl, env->q, s->up[0], nw * 4, &err)
                           : upload(env->cl, c->up, nw, &err)))
            goto fail;
        if (!(s->down[i] = i ? duplicate(env->cl, env->q, s->down[0], nw * 4, &err)
                             : upload(env->cl, c->down, nw, &err)))
            goto fail;
    }
    if ((c->b_gate && !(s->bg = upload(env->cl, c->b_gate, I, &err))) ||
        (c->b_up && !(s->bu = upload(env->cl, c->b_up, I, &err))) ||
        (c->b_down && !(s->bd = upload(env->cl, c->b_down, H, &err))))
        goto fail;

    /* the intermediates start at zero: GEMV reads them (times beta = 0) before writing */
    what = "allocating the intermediates";
    const size_t inter = env->max_batch * I * sizeof(float);
    const float zero = 0.0f;
    if ((s->gated && !(s->g = clCreateBuffer(env->cl, CL_MEM_READ_WRITE, inter, NULL, &err))) ||
        !(s->u = clCreateBuffer(env->cl, CL_MEM_READ_WRITE, inter, NULL, &err)))
        goto fail;
    if ((s->g && (err = clEnqueueFillBuffer(env->q, s->g, &zero, sizeof zero, 0, inter, 0, NULL,
                                            NULL)) != CL_SUCCESS) ||
        (err = clEnqueueFillBuffer(env->q, s->u, &zero, sizeof zero, 0, inter, 0, NULL, NULL)) !=
            CL_SUCCESS)
        goto fail;

    /* one SGEMM temporary buffer, as large as the largest GEMM of this run needs */
    what = "sizing SGEMM's temporary buffer";
    size_t temp = 16;
    cl_command_queue q = env->q;
    for (int b = 0; b < env->nbatches; ++b) {
        const size_t B = env->batches[b];
        if (B == 1) continue;
        size_t t1 = 0, t2 = 0;
        if ((err = (cl_int)CLBlastSGemmTempBufferSize(CLBlastLayoutRowMajor, CLBlastTransposeNo,
                                                      CLBlastTransposeYes, B, I, H, 0, H, 0, H, 0,
                                                      I, &q, &t1)) != CL_SUCCESS ||
            (err = (cl_int)CLBlastSGemmTempBufferSize(CLBlastLayoutRowMajor, CLBlastTransposeNo,
                                                      CLBlastTransposeYes, B, H, I, 0, I, 0, I, 0,
                                                      H, &q, &t2)) != CL_SUCCESS)
            goto fail;
        if (t1 > temp) temp = t1;
        if (t2 > temp) temp = t2;
    }
    if (!(s->temp = clCreateBuffer(env->cl, CL_MEM_READ_WRITE, temp, NULL, &err))) goto fail;

    what = "checking sizes (the elementwise kernel indexes with 32 bits)";
    if (env->max_batch * (H > I ? H : I) + (1u << 20) >= (1ull << 32)) {
        err = CL_INVALID_BUFFER_SIZE;
        goto fail;
    }
    what = "building the elementwise kernel";
    char opts[256];
    snprintf(opts, sizeof opts,
             "-DCHAIN_H=%zu -DCHAIN_I=%zu -DCHAIN_ACT=%d -DCHAIN_GATED=%d -DCHAIN_BG=%d "
             "-DCHAIN_BU=%d -DCHAIN_BD=%d",
             H, I, (int)c->desc.activation, s->gated, s->bg != NULL, s->bu != NULL,
             s->bd != NULL);
    if ((err = bench_build_program(env->cl, env->dev, "chain_act.cl", opts, &s->prog)) !=
        CL_SUCCESS)
        goto fail;
    if (!(s->act = clCreateKernel(s->prog, "chain_act_kernel", &err))) goto fail;
    /* absent biases and the plain MLP's absent gate: any valid buffer, never read */
    cl_mem g = s->g ? s->g : s->u, bg = s->bg ? s->bg : s->u, bu = s->bu ? s->bu : s->u,
           bd = s->bd ? s->bd : s->u;
    if ((err = clSetKernelArg(s->act, 0, sizeof g, &g)) ||
        (err = clSetKernelArg(s->act, 1, sizeof s->u, &s->u)) ||
        (err = clSetKernelArg(s->act, 2, sizeof bg, &bg)) ||
        (err = clSetKernelArg(s->act, 3, sizeof bu, &bu)) ||
        (err = clSetKernelArg(s->act, 4, sizeof env->y, &env->y)) ||
        (err = clSetKernelArg(s->act, 5, sizeof bd, &bd)))
        goto fail;
    if ((err = clFinish(env->q)) != CL_SUCCESS) goto fail;

    snprintf(impl->name, sizeof impl->name, "clblast");
    impl->state = s;
    impl->run = run;
    impl->describe = describe;
    impl->release = release;
    return BENCH_OK;
fail:
    snprintf(why, whysize, "%s: error %d", what, (int)err);
    release(s);
    return BENCH_FAILED;
}

void bench_clblast_shutdown(void)
{
    CLBlastClearCache();
}
