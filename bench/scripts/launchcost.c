/* Where a small MLP's time goes on a device: host time to enqueue, the kernels' own time and
 * the gaps between them (forty-third session's diagnostic; built on the GPU machine by
 * gpu_s43_a.sh against the library built there).
 *
 *   launchcost [rounds [small|flush|gate]]  (small: GPT-2's rows only; flush: some MLP rows
 *                                       only, each with clFlush after every forward, after
 *                                       every fourth, and without, in a second pass in the
 *                                       opposite order; gate: the same rows with the burst's
 *                                       forwards enqueued in groups of 12 or 32, a model's
 *                                       layers, each group behind a user event released once
 *                                       the group is enqueued)
 * (Commit 1e4e028's bind mode compared kernel objects bound to their weights with the usual
 * ones: forty-fourth session, gpu_s44_b.sh.)
 *
 * Empty kernels first (one work-group and 448 of 256 work-items, arguments set once or twelve
 * set before every launch), then fmlp_forward on GPT-2's MLP (768 x 3072, GELU-tanh, biases)
 * and Llama-3-8B's SwiGLU (4096 x 14336) with their shipped plans and some overrides. For each:
 *   host  : wall time of the enqueue loop alone, a launch (or forward)
 *   burst : the same loop closed by clFinish, a launch
 *   gpu   : the GPU's period in the burst (profiling events: last end - first end over n - 1)
 *   kern  : the kernels' own time (profiled, one forward at a time; sum of its kernels)
 *   single: one forward then clFinish, wall time
 *   held  : host time a launch (forward) while the queue is held by a barrier on a user event,
 *           so that the GPU cannot start: the host's own cost
 *   drain : the time from releasing that event to clFinish's return, a launch (forward): the
 *           GPU's (and the driver's submission) rate with no host in the way
 * And the host cost of single API calls (clGetCommandQueueInfo, clGetMemObjectInfo,
 * clSetKernelArg). All medians over rounds. Prints Markdown tables. */
#include "script_util.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N 200

static const char *src =
    "__kernel void e1(__global float *p) { if (p[0] == 12345.0f) p[1] = 0.0f; }\n"
    "__kernel void e12(__global float *p, ulong a, __global const float *b, __global const "
    "float *c, __global const float *d, __global const float *e, __global float *f, ulong g, "
    "int h, ulong i, int j, int k) { if (p[0] == 12345.0f) p[1] = (float)(a + g + i + h + j + k); }\n";

typedef struct {
    cl_context ctx;
    cl_device_id dev;
    cl_command_queue q, qp; /* plain, profiling */
} env;

static double ev_end(cl_event e)
{
    cl_ulong t = 0;
    CK(clGetEventProfilingInfo(e, CL_PROFILING_COMMAND_END, sizeof t, &t, NULL));
    return (double)t * 1e-3;
}

static double ev_len(cl_event e)
{
    cl_ulong a = 0, b = 0;
    CK(clGetEventProfilingInfo(e, CL_PROFILING_COMMAND_START, sizeof a, &a, NULL));
    CK(clGetEventProfilingInfo(e, CL_PROFILING_COMMAND_END, sizeof b, &b, NULL));
    return (double)(b - a) * 1e-3;
}

static void row(const char *name, double host, double burst, double gpu, double kern, double single,
                double held, double drain)
{
    printf("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", name, host, burst, gpu,
           kern, single, held, drain);
    fflush(stdout);
}

/* A barrier on a user event, so that nothing enqueued after it starts until release(). */
static cl_event hold(env *E)
{
    cl_int err;
    cl_event u = clCreateUserEvent(E->ctx, &err);
    CK(err);
    CK(clEnqueueBarrierWithWaitList(E->q, 1, &u, NULL));
    return u;
}

static double release(env *E, cl_event u)
{
    double t0 = now();
    CK(clSetUserEventStatus(u, CL_COMPLETE));
    CK(clFinish(E->q));
    double t = now() - t0;
    clReleaseEvent(u);
    return t;
}

/* Host cost (us) of single API calls, medians of rounds of 10000. */
static void api_rows(env *E, int rounds)
{
    cl_int err;
    cl_mem buf = clCreateBuffer(E->ctx, CL_MEM_READ_WRITE, 4096, NULL, &err);
    CK(err);
    cl_program p = clCreateProgramWithSource(E->ctx, 1, &src, NULL, &err);
    CK(err);
    CK(clBuildProgram(p, 1, &E->dev, "", NULL, NULL));
    cl_kernel k = clCreateKernel(p, "e12", &err);
    CK(err);
    enum { M = 10000 };
    const char *names[] = {"clGetCommandQueueInfo", "clGetMemObjectInfo", "clSetKernelArg (buffer)",
                           "clSetKernelArg (ulong)"};
    printf("\n| API call | host us |\n| --- | --- |\n");
    for (int c = 0; c < 4; ++c) {
        double *t = calloc((size_t)rounds, sizeof *t);
        for (int r = 0; r < rounds; ++r) {
            double t0 = now();
            for (cl_ulong m = 0; m < M; ++m) {
                cl_context qc;
                size_t sz;
                if (c == 0) CK(clGetCommandQueueInfo(E->q, CL_QUEUE_CONTEXT, sizeof qc, &qc, NULL));
                if (c == 1) CK(clGetMemObjectInfo(buf, CL_MEM_SIZE, sizeof sz, &sz, NULL));
                if (c == 2) CK(clSetKernelArg(k, 0, sizeof buf, &buf));
                if (c == 3) CK(clSetKernelArg(k, 1, sizeof m, &m));
            }
            t[r] = (now() - t0) / M * 1e6;
        }
        printf("| %s | %.3f |\n", names[c], median(t, rounds));
        free(t);
    }
    printf("\n");
    clReleaseKernel(k);
    clReleaseProgram(p);
    clReleaseMemObject(buf);
}

/* ---------------------------------------------------------------- empty kernels */
/* e12's arguments before a launch n: mode 0 none; 1 all twelve, the scalars changed; 2 all
 * twelve to the same values each time; 3 one ulong only, changed; 4 the six buffers swapped
 * between two (as a forward's weights change from one layer to the next) */
static void set_args(cl_kernel k, int mode, int n, cl_mem buf, cl_mem buf2)
{
    if (mode == 0) return;
    cl_ulong u = mode == 2 ? 0 : (cl_ulong)n;
    cl_int i = 0;
    cl_mem m = mode == 4 && (n & 1) ? buf2 : buf;
    if (mode == 3) {
        CK(clSetKernelArg(k, 1, sizeof u, &u));
        return;
    }
    for (int a = 0; a < 12; ++a) {
        const int is_mem = a == 0 || (a >= 2 && a <= 6), is_int = a == 8 || a == 10 || a == 11;
        if (mode == 4 && !is_mem) continue;
        /* argument 0 is the output: always the first buffer */
        cl_mem mm = a == 0 ? buf : m;
        CK(clSetKernelArg(k, (cl_uint)a, is_mem ? sizeof mm : is_int ? sizeof i : sizeof u,
                          is_mem ? (void *)&mm : is_int ? (void *)&i : (void *)&u));
    }
}

/* N launches of k on E's plain queue, arguments set as mode says before each, an event
 * returned and released by each when evs */
static void enqueue_n(env *E, cl_kernel k, int mode, int evs, cl_mem buf, cl_mem buf2,
                      size_t global, size_t local)
{
    for (int n = 0; n < N; ++n) {
        set_args(k, mode, n, buf, buf2);
        cl_event ev = NULL;
        CK(clEnqueueNDRangeKernel(E->q, k, 1, NULL, &global, &local, 0, NULL, evs ? &ev : NULL));
        if (ev) clReleaseEvent(ev);
    }
}

static void empty_rows(env *E, int rounds)
{
    cl_int err;
    cl_program p = clCreateProgramWithSource(E->ctx, 1, &src, NULL, &err);
    CK(err);
    CK(clBuildProgram(p, 1, &E->dev, "", NULL, NULL));
    cl_kernel k1 = clCreateKernel(p, "e1", &err);
    CK(err);
    cl_kernel k12 = clCreateKernel(p, "e12", &err);
    CK(err);
    cl_mem buf = clCreateBuffer(E->ctx, CL_MEM_READ_WRITE, 4096, NULL, &err);
    CK(err);
    float zero = 0;
    CK(clEnqueueFillBuffer(E->q, buf, &zero, 4, 0, 4096, 0, NULL, NULL));
    CK(clFinish(E->q));
    CK(clSetKernelArg(k1, 0, sizeof buf, &buf));
    cl_ulong u_ = 0;
    cl_int i = 0;
    for (int a = 0; a < 12; ++a) {
        int is_mem = a == 0 || (a >= 2 && a <= 6);
        int is_int = a == 8 || a == 10 || a == 11;
        CK(clSetKernelArg(k12, (cl_uint)a, is_mem ? sizeof buf : is_int ? sizeof i : sizeof u_,
                          is_mem ? (void *)&buf : is_int ? (void *)&i : (void *)&u_));
    }
    cl_mem buf2 = clCreateBuffer(E->ctx, CL_MEM_READ_WRITE, 4096, NULL, &err);
    CK(err);
    CK(clEnqueueFillBuffer(E->q, buf2, &zero, 4, 0, 4096, 0, NULL, NULL));
    CK(clFinish(E->q));
    /* forms: work-groups, kernel, how its arguments are set before each launch, an event */
    static const struct {
        size_t groups;
        int twelve, mode, evs;
        const char *what;
    } forms[] = {
        {1, 0, 0, 0, "1 arg set once"},
        {448, 0, 0, 0, "1 arg set once"},
        {1, 1, 1, 0, "12 args set each launch, all changed"},
        {448, 1, 1, 0, "12 args set each launch, all changed"},
        {1, 0, 0, 1, "1 arg set once, an event a launch"},
        {448, 1, 2, 0, "12 args set each launch to the same values"},
        {448, 1, 3, 0, "12 args, one ulong changed each launch"},
        {448, 1, 4, 0, "12 args, the six buffers swapped each launch"},
    };
    for (size_t form = 0; form < sizeof forms / sizeof *forms; ++form) {
        const size_t g = forms[form].groups, local = 256, global = g * local;
        const int twelve = forms[form].twelve, evs = forms[form].evs, mode = forms[form].mode;
        cl_kernel k = twelve ? k12 : k1;
        double *h = calloc((size_t)rounds, sizeof *h), *b = calloc((size_t)rounds, sizeof *b);
        double *gp = calloc((size_t)rounds, sizeof *gp), *kn = calloc((size_t)rounds, sizeof *kn);
        double *hd = calloc((size_t)rounds, sizeof *hd), *dr = calloc((size_t)rounds, sizeof *dr);
        for (int r = 0; r < rounds; ++r) {
            cl_event u = hold(E);
            double th = now();
            enqueue_n(E, k, mode, evs, buf, buf2, global, local);
            hd[r] = (now() - th) / N * 1e6;
            dr[r] = release(E, u) / N * 1e6;
            double t0 = now();
            enqueue_n(E, k, mode, evs, buf, buf2, global, local);
            double t1 = now();
            CK(clFinish(E->q));
            double t2 = now();
            h[r] = (t1 - t0) / N * 1e6;
            b[r] = (t2 - t0) / N * 1e6;
            cl_event first = NULL, last = NULL, one = NULL;
            for (int n = 0; n < N; ++n) {
                cl_event *e = n == 0 ? &first : n == N - 1 ? &last : NULL;
                set_args(k, mode, n, buf, buf2);
                CK(clEnqueueNDRangeKernel(E->qp, k, 1, NULL, &global, &local, 0, NULL, e));
            }
            CK(clFinish(E->qp));
            gp[r] = (ev_end(last) - ev_end(first)) / (N - 1);
            CK(clEnqueueNDRangeKernel(E->qp, k, 1, NULL, &global, &local, 0, NULL, &one));
            CK(clFinish(E->qp));
            kn[r] = ev_len(one);
            clReleaseEvent(first);
            clReleaseEvent(last);
            clReleaseEvent(one);
        }
        char name[96];
        snprintf(name, sizeof name, "empty kernel, %zu work-group%s, %s", g, g > 1 ? "s" : "",
                 forms[form].what);
        row(name, median(h, rounds), median(b, rounds), median(gp, rounds), median(kn, rounds),
            NAN, median(hd, rounds), median(dr, rounds));
        free(h), free(b), free(gp), free(kn), free(hd), free(dr);
    }
    clReleaseMemObject(buf);
    clReleaseMemObject(buf2);
    clReleaseKernel(k1);
    clReleaseKernel(k12);
    clReleaseProgram(p);
}

/* ---------------------------------------------------------------- MLPs */
typedef struct {
    const char *name;
    size_t H, I;
    fmlp_mlp_kind kind;
    fmlp_activation act;
    unsigned biases;
    fmlp_dtype wt;
    fmlp_precision pr;
    size_t B;
    const char *overrides;
    int copies;
    int flush; /* > 0: clFlush after every flush-th forward in the burst and the period loops */
    int gate;  /* > 0: the burst's forwards in groups of gate, each behind a user event */
} mlp_case;

static void mlp_row(env *E, fmlp_context *ctx, const mlp_case *c, int rounds)
{
    fmlp_plan_desc d = script_desc(c->H, c->I, c->kind, c->act, c->biases, c->wt, c->pr, c->B);
    d.overrides = c->overrides;
    fmlp_plan *plan = NULL;
    fmlp_status st = fmlp_plan_create(ctx, &d, &plan);
    if (st) {
        printf("| %s | plan: %s |\n", c->name, fmlp_status_string(st));
        return;
    }
    char desc[512];
    if (fmlp_plan_describe(plan, c->B, desc, sizeof desc) == FMLP_SUCCESS)
        fprintf(stderr, "%s: %s\n", c->name, desc);
    float *bg = random_biases(c->biases & FMLP_BIAS_GATE, c->I);
    float *bu = random_biases(c->biases & FMLP_BIAS_UP, c->I);
    float *bd = random_biases(c->biases & FMLP_BIAS_DOWN, c->H);
    fmlp_weights **w = calloc((size_t)c->copies, sizeof *w);
    random_weight_sets(plan, E->q, c->kind, c->wt, c->H, c->I, bg, bu, bd, c->copies, w);
    cl_int err;
    size_t io = c->B * c->H * sizeof(float), wsb = 0;
    float *xh = malloc(io);
    for (size_t i = 0; i < c->B * c->H; ++i) xh[i] = frand();
    cl_mem x = clCreateBuffer(E->ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, io, xh, &err);
    CK(err);
    cl_mem y = clCreateBuffer(E->ctx, CL_MEM_READ_WRITE, io, NULL, &err);
    CK(err);
    CK(fmlp_plan_workspace_size(plan, c->B, &wsb));
    cl_mem ws = NULL;
    if (wsb) {
        ws = clCreateBuffer(E->ctx, CL_MEM_READ_WRITE, wsb, NULL, &err);
        CK(err);
    }
    int cp = 0;
    for (int n = 0; n < 20; ++n)
        CK(fmlp_forward(plan, w[cp++ % c->copies], E->q, c->B, x, 0, y, 0, ws, 0, NULL, NULL));
    CK(clFinish(E->q));
    double *h = calloc((size_t)rounds, sizeof *h), *b = calloc((size_t)rounds, sizeof *b);
    double *gp = calloc((size_t)rounds, sizeof *gp), *kn = calloc((size_t)rounds, sizeof *kn);
    double *sg = calloc((size_t)rounds, sizeof *sg);
    double *hd = calloc((size_t)rounds, sizeof *hd), *dr = calloc((size_t)rounds, sizeof *dr);
    for (int r = 0; r < rounds; ++r) {
        cl_event u = hold(E);
        double th = now();
        for (int n = 0; n < N; ++n)
            CK(fmlp_forward(plan, w[cp++ % c->copies], E->q, c->B, x, 0, y, 0, ws, 0, NULL, NULL));
        hd[r] = (now() - th) / N * 1e6;
        dr[r] = release(E, u) / N * 1e6;
        double t0 = now();
        cl_event gate = NULL;
        for (int n = 0; n < N; ++n) {
            if (c->gate > 0 && n % c->gate == 0) gate = hold(E);
            CK(fmlp_forward(plan, w[cp++ % c->copies], E->q, c->B, x, 0, y, 0, ws, 0, NULL, NULL));
            if (c->flush > 0 && (n + 1) % c->flush == 0) CK(clFlush(E->q));
            if (gate && ((n + 1) % c->gate == 0 || n == N - 1)) {
                CK(clSetUserEventStatus(gate, CL_COMPLETE));
                clReleaseEvent(gate);
                gate = NULL;
            }
        }
        double t1 = now();
        CK(clFinish(E->q));
        double t2 = now();
        h[r] = (t1 - t0) / N * 1e6;
        b[r] = (t2 - t0) / N * 1e6;
        cl_event first = NULL, last = NULL;
        for (int n = 0; n < N; ++n) {
            cl_event *e = n == 0 ? &first : n == N - 1 ? &last : NULL;
            CK(fmlp_forward(plan, w[cp++ % c->copies], E->qp, c->B, x, 0, y, 0, ws, 0, NULL, e));
            if (c->flush > 0 && (n + 1) % c->flush == 0) CK(clFlush(E->qp));
        }
        CK(clFinish(E->qp));
        gp[r] = (ev_end(last) - ev_end(first)) / (N - 1);
        clReleaseEvent(first);
        clReleaseEvent(last);
        fmlp_kernel_time kt[8];
        int count = 8;
        CK(fmlp_forward_profile(plan, w[cp++ % c->copies], E->qp, c->B, x, 0, y, 0, ws, kt,
                                &count));
        kn[r] = 0;
        for (int k = 0; k < count && k < 8; ++k) kn[r] += kt[k].us;
        double s0 = now();
        CK(fmlp_forward(plan, w[cp++ % c->copies], E->q, c->B, x, 0, y, 0, ws, 0, NULL, NULL));
        CK(clFinish(E->q));
        sg[r] = (now() - s0) * 1e6;
    }
    char name[160];
    if (c->flush > 0) snprintf(name, sizeof name, "%s, clFlush every %d", c->name, c->flush);
    else if (c->gate > 0) snprintf(name, sizeof name, "%s, gated groups of %d", c->name, c->gate);
    else snprintf(name, sizeof name, "%s", c->name);
    row(name, median(h, rounds), median(b, rounds), median(gp, rounds), median(kn, rounds),
        median(sg, rounds), median(hd, rounds), median(dr, rounds));
    free(h), free(b), free(gp), free(kn), free(sg), free(xh), free(bg), free(bu), free(bd);
    free(hd), free(dr);
    for (int k = 0; k < c->copies; ++k) fmlp_weights_release(w[k]);
    free(w);
    if (ws) clReleaseMemObject(ws);
    clReleaseMemObject(x);
    clReleaseMemObject(y);
    fmlp_plan_release(plan);
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 7;
    const char *mode = argc > 2 ? argv[2] : "";
    const int small = !strcmp(mode, "small"); /* GPT-2's rows only */
    const int flush = !strcmp(mode, "flush"); /* flushed against not */
    const int gated = !strcmp(mode, "gate");  /* gated groups against not */
    const int variants = flush || gated;      /* only the MLP rows of fl, in those forms */
    if (rounds < 1) rounds = 1;
    fmlp_context *ctx = NULL;
    CK(fmlp_context_create_default(NULL, &ctx));
    env E = {fmlp_context_cl_context(ctx), fmlp_context_cl_device(ctx), NULL, NULL};
    cl_int err;
    E.q = clCreateCommandQueue(E.ctx, E.dev, 0, &err);
    CK(err);
    E.qp = clCreateCommandQueue(E.ctx, E.dev, CL_QUEUE_PROFILING_ENABLE, &err);
    CK(err);
    char name[256] = "";
    clGetDeviceInfo(E.dev, CL_DEVICE_NAME, sizeof name, name, NULL);
    printf("device: %s; %d rounds of %d launches or forwards; us a launch or forward\n\n", name,
           rounds, N);
    if (!variants) api_rows(&E, rounds);
    printf("| case | host | burst | gpu period | kernels | single | held | drain |\n"
           "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    if (!variants) empty_rows(&E, rounds);
    const unsigned gb = FMLP_BIAS_UP | FMLP_BIAS_DOWN;
    const fmlp_mlp_kind P = FMLP_MLP_PLAIN, G = FMLP_MLP_GATED;
    const fmlp_activation gt = FMLP_ACT_GELU_TANH, si = FMLP_ACT_SILU;
    const fmlp_precision ex = FMLP_PRECISION_EXACT, i8 = FMLP_PRECISION_INT8_DOT;
    const mlp_case cases[] = {
        {"GPT-2 f32 B=1", 768, 3072, P, gt, gb, FMLP_DTYPE_F32, ex, 1, NULL, 8, 0, 0},
        {"GPT-2 f32 B=1 fr=1", 768, 3072, P, gt, gb, FMLP_DTYPE_F32, ex, 1, "fr=1", 8, 0, 0},
        {"GPT-2 f32 B=1 fr=16", 768, 3072, P, gt, gb, FMLP_DTYPE_F32, ex, 1, "fr=16", 8, 0, 0},
        {"GPT-2 q4_0+int8 B=1", 768, 3072, P, gt, gb, FMLP_DTYPE_Q4_0, i8, 1, NULL, 8, 0, 0},
        /* the weights' arguments the same at every forward (1 copy) or changed (2 copies);
         * both fit in the last-level cache */
        {"GPT-2 f32 B=1 fr=1, 1 copy", 768, 3072, P, gt, gb, FMLP_DTYPE_F32, ex, 1, "fr=1", 1, 0, 0},
        {"GPT-2 f32 B=1 fr=1, 2 copies", 768, 3072, P, gt, gb, FMLP_DTYPE_F32, ex, 1, "fr=1", 2, 0, 0},
        {"GPT-2 q4_0+int8 B=1, 1 copy", 768, 3072, P, gt, gb, FMLP_DTYPE_Q4_0, i8, 1, NULL, 1, 0, 0},
        {"GPT-2 q4_0+int8 B=1, 2 copies", 768, 3072, P, gt, gb, FMLP_DTYPE_Q4_0, i8, 1, NULL, 2, 0, 0},
        {"GPT-2 f32 B=8, 1 copy", 768, 3072, P, gt, gb, FMLP_DTYPE_F32, ex, 8, NULL, 1, 0, 0},
        {"GPT-2 f32 B=8, 2 copies", 768, 3072, P, gt, gb, FMLP_DTYPE_F32, ex, 8, NULL, 2, 0, 0},
        {"GPT-2 f32 B=16", 768, 3072, P, gt, gb, FMLP_DTYPE_F32, ex, 16, NULL, 8, 0, 0},
        {"GPT-2 f32 B=32", 768, 3072, P, gt, gb, FMLP_DTYPE_F32, ex, 32, NULL, 8, 0, 0},
        {"Llama-3-8B f32 B=1", 4096, 14336, G, si, 0, FMLP_DTYPE_F32, ex, 1, NULL, 1, 0, 0},
        {"Llama-3-8B q4_0+int8 B=1", 4096, 14336, G, si, 0, FMLP_DTYPE_Q4_0, i8, 1, NULL, 1, 0, 0},
        {"Llama-3-8B affine_q2+int8 B=1", 4096, 14336, G, si, 0, FMLP_DTYPE_AFFINE_Q2, i8, 1, NULL, 1, 0, 0},
    };
    /* flush: clFlush after every forward, every fourth, or none: does a burst wait for the
     * driver to submit what it holds? (s44-a/b: GPT-2's q4_0+int8 at B=1 drained at 8.8 us a
     * forward and ran bursts at 15.4.) gate: the burst's forwards in groups of 12 (GPT-2's
     * layers) or 32 (Llama-3-8B's) behind user events, or none. Weights rotated as a model's
     * layers are. */
    const mlp_case fl[] = {
        {"GPT-2 q4_0+int8 B=1", 768, 3072, P, gt, gb, FMLP_DTYPE_Q4_0, i8, 1, NULL, 4, 0, 0},
        {"GPT-2 f16 B=1", 768, 3072, P, gt, gb, FMLP_DTYPE_F16, ex, 1, NULL, 4, 0, 0},
        {"GPT-2 f32 B=1", 768, 3072, P, gt, gb, FMLP_DTYPE_F32, ex, 1, NULL, 4, 0, 0},
        {"GPT-2 q8_0+int8 B=8", 768, 3072, P, gt, gb, FMLP_DTYPE_Q8_0, i8, 8, NULL, 4, 0, 0},
        {"Llama-3-8B q4_0+int8 B=1", 4096, 14336, G, si, 0, FMLP_DTYPE_Q4_0, i8, 1, NULL, 2, 0, 0},
        {"Llama-3-8B affine_q2+int8 B=1", 4096, 14336, G, si, 0, FMLP_DTYPE_AFFINE_Q2, i8, 1, NULL, 2, 0, 0},
    };
    static const int every[] = {0, 1, 4}, groups[] = {0, 12, 32};
    for (int pass = 0; variants && pass < 2; ++pass)
        for (size_t k = 0; k < sizeof fl / sizeof fl[0]; ++k)
            for (int o = 0; o < 3; ++o) {
                const int form = pass ? 2 - o : o; /* the second pass in the opposite order */
                mlp_case c = fl[k];
                c.flush = flush ? every[form] : 0;
                c.gate = gated ? groups[form] : 0;
                mlp_row(&E, ctx, &c, rounds);
            }
    for (size_t k = 0; !variants && k < sizeof cases / sizeof cases[0]; ++k)
        if (!small || cases[k].H < 1024) mlp_row(&E, ctx, &cases[k], rounds);
    clReleaseCommandQueue(E.q);
    clReleaseCommandQueue(E.qp);
    fmlp_context_release(ctx);
    return 0;
}
