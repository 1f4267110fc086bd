/* What a transformer block's residual add costs after the MLP, and what desc.accumulate saves
 * (forty-fifth session; built on the GPU machine by gpu_s45_b.sh against the library built
 * there).
 *
 *   residual [rounds]
 *
 * For each MLP below, three forms of a decode loop's burst of N calls, timed as the wall time
 * of the enqueue loop closed by clFinish, a call:
 *   mlp    : fmlp_forward into y (y = MLP(x)), the MLP alone;
 *   + add  : fmlp_forward into y, then an elementwise kernel r += y, what a caller does
 *            without accumulate (the residual stream r);
 *   acc    : fmlp_forward of a plan with desc.accumulate into r (r = r + MLP(x)), sharing
 *            the first plan's weights.
 * Weights rotated through copies as a model's layers are. The rounds alternate the forms'
 * order; medians over rounds. Before timing, "+ add" and "acc" are run once each from the same
 * residual, and their outputs must be bit-identical (fp32: both are r + the MLP's value). */
#include "script_util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N 200

static const char *add_src =
    "__kernel void add(__global float *r, __global const float *y) {\n"
    "    const size_t i = get_global_id(0); r[i] += y[i]; }\n";

typedef struct {
    const char *name;
    size_t H, I;
    fmlp_mlp_kind kind;
    fmlp_activation act;
    unsigned biases;
    fmlp_dtype wt;
    fmlp_precision pr;
    size_t B;
    int copies;
} mlp_case;

typedef struct {
    fmlp_context *ctx;
    cl_context cl;
    cl_command_queue q;
    cl_kernel add;
} env;

/* one burst of form f (0 mlp, 1 + add, 2 acc): us a call */
static double burst(env *E, int f, fmlp_plan *p, fmlp_plan *pa, fmlp_weights **w, int copies,
                    size_t B, cl_mem x, cl_mem y, cl_mem r, cl_mem ws, size_t n, int *cp)
{
    const double t0 = now();
    for (int k = 0; k < N; ++k) {
        fmlp_weights *wk = w[(*cp)++ % copies];
        if (f == 2) {
            CK(fmlp_forward(pa, wk, E->q, B, x, 0, r, 0, ws, 0, NULL, NULL));
            continue;
        }
        CK(fmlp_forward(p, wk, E->q, B, x, 0, y, 0, ws, 0, NULL, NULL));
        if (f == 1) CK(clEnqueueNDRangeKernel(E->q, E->add, 1, NULL, &n, NULL, 0, NULL, NULL));
    }
    CK(clFinish(E->q));
    return (now() - t0) / N * 1e6;
}

static void run_case(env *E, const mlp_case *c, int rounds)
{
    fmlp_plan_desc d = script_desc(c->H, c->I, c->kind, c->act, c->biases, c->wt, c->pr, c->B);
    fmlp_plan *p = NULL, *pa = NULL;
    CK(fmlp_plan_create(E->ctx, &d, &p));
    d.accumulate = 1;
    CK(fmlp_plan_create(E->ctx, &d, &pa));
    char how[512];
    if (fmlp_plan_describe(p, c->B, how, sizeof how) == FMLP_SUCCESS)
        fprintf(stderr, "%s: %s\n", c->name, how);
    float *bg = random_biases(c->biases & FMLP_BIAS_GATE, c->I);
    float *bu = random_biases(c->biases & FMLP_BIAS_UP, c->I);
    float *bd = random_biases(c->biases & FMLP_BIAS_DOWN, c->H);
    fmlp_weights **w = calloc((size_t)c->copies, sizeof *w);
    random_weight_sets(p, E->q, c->kind, c->wt, c->H, c->I, bg, bu, bd, c->copies, w);
    const size_t n = c->B * c->H, io = n * sizeof(float);
    float *xh = malloc(io), *r0 = malloc(io), *ra = malloc(io), *rb = malloc(io);
    if (!xh || !r0 || !ra || !rb) exit(1);
    for (size_t i = 0; i < n; ++i) xh[i] = frand(), r0[i] = frand();
    cl_int err;
    cl_mem x = clCreateBuffer(E->cl, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, io, xh, &err);
    CK(err);
    cl_mem y = clCreateBuffer(E->cl, CL_MEM_READ_WRITE, io, NULL, &err);
    CK(err);
    cl_mem r = clCreateBuffer(E->cl, CL_MEM_READ_WRITE, io, NULL, &err);
    CK(err);
    size_t wsb = 0, wsa = 0;
    CK(fmlp_plan_workspace_size(p, c->B, &wsb));
    CK(fmlp_plan_workspace_size(pa, c->B, &wsa));
    cl_mem ws = NULL;
    if (wsb || wsa) {
        ws = clCreateBuffer(E->cl, CL_MEM_READ_WRITE, wsb > wsa ? wsb : wsa, NULL, &err);
        CK(err);
    }
    CK(clSetKernelArg(E->add, 0, sizeof r, &r));
    CK(clSetKernelArg(E->add, 1, sizeof y, &y));

    /* the check: "+ add" and "acc" once each from r0, on the first weights */
    CK(clEnqueueWriteBuffer(E->q, r, CL_TRUE, 0, io, r0, 0, NULL, NULL));
    CK(fmlp_forward(p, w[0], E->q, c->B, x, 0, y, 0, ws, 0, NULL, NULL));
    CK(clEnqueueNDRangeKernel(E->q, E->add, 1, NULL, &n, NULL, 0, NULL, NULL));
    CK(clEnqueueReadBuffer(E->q, r, CL_TRUE, 0, io, rb, 0, NULL, NULL));
    CK(clEnqueueWriteBuffer(E->q, r, CL_TRUE, 0, io, r0, 0, NULL, NULL));
    CK(fmlp_forward(pa, w[0], E->q, c->B, x, 0, r, 0, ws, 0, NULL, NULL));
    CK(clEnqueueReadBuffer(E->q, r, CL_TRUE, 0, io, ra, 0, NULL, NULL));
    size_t diff = 0;
    for (size_t i = 0; i < n; ++i) diff += memcmp(&ra[i], &rb[i], sizeof *ra) != 0;

    int cp = 0;
    for (int f = 0; f < 3; ++f) burst(E, f, p, pa, w, c->copies, c->B, x, y, r, ws, n, &cp); /* warm-up */
    double *t[3];
    for (int f = 0; f < 3; ++f) t[f] = calloc((size_t)rounds, sizeof(double));
    for (int k = 0; k < rounds; ++k)
        for (int j = 0; j < 3; ++j) {
            const int f = k % 2 ? 2 - j : j; /* mlp, + add, acc; then acc, + add, mlp */
            t[f][k] = burst(E, f, p, pa, w, c->copies, c->B, x, y, r, ws, n, &cp);
        }
    const double m0 = median(t[0], rounds), m1 = median(t[1], rounds), m2 = median(t[2], rounds);
    printf("| %s | %.2f | %.2f | %.2f | %.2f | %.2fx | %s |\n", c->name, m0, m1, m2, m1 - m2,
           m1 / m2, diff ? "DIFFER" : "identical");
    if (diff) fprintf(stderr, "%s: %zu of %zu outputs differ between + add and acc\n", c->name, diff, n);
    fflush(stdout);
    for (int f = 0; f < 3; ++f) free(t[f]);
    for (int k = 0; k < c->copies; ++k) fmlp_weights_release(w[k]);
    free(w), free(bg), free(bu), free(bd), free(xh), free(r0), free(ra), free(rb);
    clReleaseMemObject(x), clReleaseMemObject(y), clReleaseMemObject(r);
    if (ws) clReleaseMemObject(ws);
    fmlp_plan_release(p);
    fmlp_plan_release(pa);
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 7;
    if (rounds < 1) rounds = 1;
    env E = {0};
    CK(fmlp_context_create_default(NULL, &E.ctx));
    E.cl = fmlp_context_cl_context(E.ctx);
    cl_device_id dev = fmlp_context_cl_device(E.ctx);
    cl_int err;
    E.q = clCreateCommandQueue(E.cl, dev, 0, &err);
    CK(err);
    cl_program prog = clCreateProgramWithSource(E.cl, 1, &add_src, NULL, &err);
    CK(err);
    CK(clBuildProgram(prog, 1, &dev, "", NULL, NULL));
    E.add = clCreateKernel(prog, "add", &err);
    CK(err);
    char name[256] = "";
    clGetDeviceInfo(dev, CL_DEVICE_NAME, sizeof name, name, NULL);
    printf("device: %s; %d rounds of %d calls; us a call (burst)\n\n", name, rounds, N);
    printf("| MLP | mlp | + add kernel | accumulate | saved | + add / acc | check |\n"
           "| --- | --- | --- | --- | --- | --- | --- |\n");
    const unsigned gb = FMLP_BIAS_UP | FMLP_BIAS_DOWN;
    const fmlp_mlp_kind P = FMLP_MLP_PLAIN, G = FMLP_MLP_GATED;
    const fmlp_activation gt = FMLP_ACT_GELU_TANH, si = FMLP_ACT_SILU;
    const fmlp_precision ex = FMLP_PRECISION_EXACT, i8 = FMLP_PRECISION_INT8_DOT;
    const mlp_case cases[] = {
        {"GPT-2 f32 B=1", 768, 3072, P, gt, gb, FMLP_DTYPE_F32, ex, 1, 4},
        {"GPT-2 q4_0+int8 B=1", 768, 3072, P, gt, gb, FMLP_DTYPE_Q4_0, i8, 1, 4},
        {"GPT-2 f32 B=16", 768, 3072, P, gt, gb, FMLP_DTYPE_F32, ex, 16, 4},
        {"Llama-3-8B q4_0+int8 B=1", 4096, 14336, G, si, 0, FMLP_DTYPE_Q4_0, i8, 1, 2},
        {"Llama-3-8B f32 B=1", 4096, 14336, G, si, 0, FMLP_DTYPE_F32, ex, 1, 1},
        {"Llama-3-8B f32 B=16", 4096, 14336, G, si, 0, FMLP_DTYPE_F32, ex, 16, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) run_case(&E, &cases[i], rounds);
    clReleaseKernel(E.add);
    clReleaseProgram(prog);
    clReleaseCommandQueue(E.q);
    fmlp_context_release(E.ctx);
    return 0;
}
