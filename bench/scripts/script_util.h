/* What the GPU call scripts' C programs (launchcost.c, residual.c) share: wall time, medians,
 * an OpenCL status check that ends the program, and random weights in any format. Each
 * program is one file built on the GPU machine against the library: cc -O2 X.c -I include
 * -L<build> -lflashmlp -lOpenCL -lm (the header is found beside it). */
#ifndef FLASHMLP_SCRIPT_UTIL_H
#define FLASHMLP_SCRIPT_UTIL_H

#include <flashmlp/flashmlp.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmpd(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* the median of v[0..n) (sorts v) */
static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmpd);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* an OpenCL or FlashMLP call that must succeed: else its status, and the program ends */
#define CK(e)                                                                   \
    do {                                                                        \
        cl_int e_ = (e);                                                        \
        if (e_) {                                                               \
            fprintf(stderr, "%s:%d: %s = %d\n", __FILE__, __LINE__, #e, (int)e_); \
            exit(1);                                                            \
        }                                                                       \
    } while (0)

/* uniform in [-1, 1), one xorshift stream for the program */
static uint64_t rng = 0x9E3779B97F4A7C15ull;
static float frand(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (float)((double)(rng >> 11) / 9007199254740992.0 * 2.0 - 1.0);
}

/* a rows x cols matrix of frand() * scale in format wt (the affine formats in groups of 32),
 * malloc'ed: fp32 values, or the packed bytes */
static void *random_weights(fmlp_dtype wt, size_t rows, size_t cols, float scale)
{
    const size_t n = rows * cols;
    float *f = malloc(n * sizeof *f);
    if (!f) exit(1);
    for (size_t i = 0; i < n; ++i) f[i] = frand() * scale;
    if (wt == FMLP_DTYPE_F32) return f;
    const unsigned gs = wt >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
    size_t bytes = 0;
    CK(fmlp_weight_bytes(wt, gs, rows, cols, &bytes));
    void *q = malloc(bytes);
    if (!q) exit(1);
    CK(fmlp_quantize(wt, gs, f, rows, cols, q, bytes));
    free(f);
    return q;
}

/* a plan for one batch size: the MLP kind, activation, biases, weight format (the affine ones
 * in groups of 32) and precision of a script's case */
static fmlp_plan_desc script_desc(size_t H, size_t I, fmlp_mlp_kind kind, fmlp_activation act,
                                  unsigned biases, fmlp_dtype wt, fmlp_precision pr, size_t B)
{
    fmlp_plan_desc d;
    fmlp_plan_desc_init(&d);
    d.hidden = H;
    d.intermediate = I;
    d.kind = kind;
    d.activation = act;
    d.biases = biases;
    d.weight_dtype = wt;
    d.group_size = wt >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
    d.precision = pr;
    d.max_batch = d.min_batch = B;
    return d;
}

/* n biases of frand() * 0.1, malloc'ed, or NULL when the bias is off */
static float *random_biases(int on, size_t n)
{
    if (!on) return NULL;
    float *b = malloc(n * sizeof *b);
    if (!b) exit(1);
    for (size_t i = 0; i < n; ++i) b[i] = frand() * 0.1f;
    return b;
}

/* copies weight sets of random values (frand() * 0.03) in format wt for plan p, each with the
 * biases given, into w[0..copies) (an MLP's layers, used in turn) */
static void random_weight_sets(fmlp_plan *p, cl_command_queue q, fmlp_mlp_kind kind,
                               fmlp_dtype wt, size_t H, size_t I, const float *bg,
                               const float *bu, const float *bd, int copies, fmlp_weights **w)
{
    for (int k = 0; k < copies; ++k) {
        void *g = kind == FMLP_MLP_GATED ? random_weights(wt, I, H, 0.03f) : NULL;
        void *u = random_weights(wt, I, H, 0.03f), *dn = random_weights(wt, H, I, 0.03f);
        fmlp_host_weights hw = {g, u, dn, bg, bu, bd};
        CK(fmlp_weights_create_host(p, q, &hw, &w[k]));
        free(g), free(u), free(dn);
    }
}

#endif
