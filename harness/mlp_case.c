/* The shared MLP case: random data, double-precision reference, error measure, device run. */
#include "mlp_case.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint64_t mlp_rand_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

float mlp_rand_uniform(uint64_t *s)
{
    return (float)((double)(mlp_rand_next(s) >> 40) * (2.0 / 16777216.0) - 1.0);
}

static void fill(float *p, size_t n, float scale, uint64_t *s)
{
    for (size_t i = 0; i < n; ++i) p[i] = scale * mlp_rand_uniform(s);
}

void mlp_case_free(mlp_case *c)
{
    free(c->x);
    free(c->gate);
    free(c->up);
    free(c->down);
    free(c->b_gate);
    free(c->b_up);
    free(c->b_down);
    free(c->gate_q);
    free(c->up_q);
    free(c->down_q);
    free(c->x_q);
    memset(c, 0, sizeof *c);
}

size_t mlp_dtype_size(fmlp_dtype t)
{
    switch (t) {
    case FMLP_DTYPE_F32: return 4;
    case FMLP_DTYPE_F16:
    case FMLP_DTYPE_BF16: return 2;
    default: return 0;
    }
}

int mlp_int8_dot(const fmlp_plan_desc *d)
{
    if (d->precision != FMLP_PRECISION_INT8_DOT) return 0;
    return d->weight_dtype == FMLP_DTYPE_Q8_0 || d->weight_dtype == FMLP_DTYPE_Q4_0 ||
           d->weight_dtype >= FMLP_DTYPE_AFFINE_Q2;
}

double mlp_tolerance(const fmlp_plan_desc *d)
{
    const double base = mlp_int8_dot(d) ? MLP_TOL_INT8 : MLP_TOL_F32;
    switch (d->act_dtype) {
    case FMLP_DTYPE_F16: return base + 0x1p-11;
    case FMLP_DTYPE_BF16: return base + 0x1p-8;
    default: return base;
    }
}

static int act_packed(const mlp_case *c)
{
    return c->desc.act_dtype == FMLP_DTYPE_F16 || c->desc.act_dtype == FMLP_DTYPE_BF16;
}

void mlp_case_round_x(mlp_case *c)
{
    if (!act_packed(c) || !c->x_q || c->batch == 0) return;
    const size_t n = c->batch * c->desc.hidden;
    /* a conversion cannot fail on the sizes mlp_case_init accepted */
    fmlp_quantize(c->desc.act_dtype, 0, c->x, 1, n, c->x_q, n * 2);
    fmlp_dequantize(c->desc.act_dtype, 0, c->x_q, 1, n, c->x);
}

const void *mlp_case_x_data(const mlp_case *c) { return c->x_q ? c->x_q : c->x; }

/* w [rows, cols] into the weight format: *q holds the packed bytes, w their values. */
static int quantize_matrix(const fmlp_plan_desc *d, float *w, size_t rows, size_t cols,
                           void **q, size_t *bytes)
{
    fmlp_status st = fmlp_weight_bytes(d->weight_dtype, d->group_size, rows, cols, bytes);
    if (st != FMLP_SUCCESS) return (int)st;
    if (!(*q = malloc(*bytes))) return -1;
    st = fmlp_quantize(d->weight_dtype, d->group_size, w, rows, cols, *q, *bytes);
    if (st == FMLP_SUCCESS) st = fmlp_dequantize(d->weight_dtype, d->group_size, *q, rows, cols, w);
    return (int)st;
}

int mlp_case_init(mlp_case *c, const fmlp_plan_desc *d, size_t batch, uint64_t seed)
{
    memset(c, 0, sizeof *c);
    c->desc = *d;
    c->batch = batch;
    const size_t H = d->hidden, I = d->intermediate;
    const int gated = d->kind == FMLP_MLP_GATED;
    c->x = malloc(sizeof(float) * batch * H);
    c->up = malloc(sizeof(float) * I * H);
    c->down = malloc(sizeof(float) * H * I);
    if (gated) c->gate = malloc(sizeof(float) * I * H);
    if (d->biases & FMLP_BIAS_GATE) c->b_gate = malloc(sizeof(float) * I);
    if (d->biases & FMLP_BIAS_UP) c->b_up = malloc(sizeof(float) * I);
    if (d->biases & FMLP_BIAS_DOWN) c->b_down = malloc(sizeof(float) * H);
    if (!c->x || !c->up || !c->down || (gated && !c->gate) ||
        ((d->biases & FMLP_BIAS_GATE) && !c->b_gate) || ((d->biases & FMLP_BIAS_UP) && !c->b_up) ||
        ((d->biases & FMLP_BIAS_DOWN) && !c->b_down)) {
        mlp_case_free(c);
        return -1;
    }
    uint64_t s = seed * 0x2545f4914f6cdd1dull + 1;
    const float sh = 1.0f / sqrtf((float)H), si = 1.0f / sqrtf((float)I);
    fill(c->x, batch * H, 1.0f, &s);
    fill(c->up, I * H, sh, &s);
    if (c->gate) fill(c->gate, I * H, sh, &s);
    fill(c->down, H * I, si, &s);
    /* biases of the same order as the projections, so that a missing bias shows */
    if (c->b_gate) fill(c->b_gate, I, 0.5f, &s);
    if (c->b_up) fill(c->b_up, I, 0.5f, &s);
    if (c->b_down) fill(c->b_down, H, 0.5f, &s);
    int rc = 0;
    if (d->weight_dtype != FMLP_DTYPE_F32) {
        if ((rc = quantize_matrix(d, c->up, I, H, &c->up_q, &c->up_q_bytes)) ||
            (c->gate && (rc = quantize_matrix(d, c->gate, I, H, &c->gate_q, &c->gate_q_bytes))) ||
            (rc = quantize_matrix(d, c->down, H, I, &c->down_q, &c->down_q_bytes))) {
            mlp_case_free(c);
            return rc;
        }
    }
    if (act_packed(c)) {
        if (!(c->x_q = malloc(2 * batch * H))) {
            mlp_case_free(c);
            return -1;
        }
        mlp_case_round_x(c);
    }
    return 0;
}

void mlp_case_redraw_x(mlp_case *c, uint64_t seed)
{
    uint64_t s = seed * 0x9e3779b97f4a7c15ull + 7;
    fill(c->x, c->batch * c->desc.hidden, 1.0f, &s);
    mlp_case_round_x(c);
}

fmlp_host_weights mlp_case_host_weights(const mlp_case *c)
{
    fmlp_host_weights w = {c->gate_q ? c->gate_q : (const void *)c->gate,
                           c->up_q ? c->up_q : (const void *)c->up,
                           c->down_q ? c->down_q : (const void *)c->down,
                           c->b_gate, c->b_up, c->b_down};
    return w;
}

double mlp_activation(fmlp_activation a, double v)
{
    switch (a) {
    case FMLP_ACT_RELU: return v > 0 ? v : 0;
    case FMLP_ACT_GELU_ERF: return 0.5 * v * (1.0 + erf(v / sqrt(2.0)));
    case FMLP_ACT_GELU_TANH:
        return 0.5 * v * (1.0 + tanh(sqrt(2.0 / M_PI) * (v + 0.044715 * v * v * v)));
    case FMLP_ACT_SILU: return v / (1.0 + exp(-v));
    case FMLP_ACT_RELU2: return v > 0 ? v * v : 0;
    }
    return NAN;
}

void mlp_reference_row_scale(const mlp_case *c, size_t row, double *y, double *s2)
{
    const size_t H = c->desc.hidden, I = c->desc.intermediate;
    const float *x = c->x + row * H;
    for (size_t o = 0; o < H; ++o) y[o] = c->b_down ? c->b_down[o] : 0.0;
    double *h = malloc(sizeof(double) * I);
    if (!h) {
        for (size_t o = 0; o < H; ++o) y[o] = NAN;
        if (s2)
            for (size_t o = 0; o < H; ++o) s2[o] = NAN;
        return;
    }
    for (size_t i = 0; i < I; ++i) {
        double u = c->b_up ? c->b_up[i] : 0.0;
        const float *wu = c->up + i * H;
        for (size_t k = 0; k < H; ++k) u += (double)wu[k] * x[k];
        if (c->desc.kind == FMLP_MLP_GATED) {
            double g = c->b_gate ? c->b_gate[i] : 0.0;
            const float *wg = c->gate + i * H;
            for (size_t k = 0; k < H; ++k) g += (double)wg[k] * x[k];
            h[i] = mlp_activation(c->desc.activation, g) * u;
        } else {
            h[i] = mlp_activation(c->desc.activation, u);
        }
    }
    for (size_t o = 0; o < H; ++o) {
        const float *wd = c->down + o * I;
        double t = 0, t2 = y[o] * y[o];
        for (size_t i = 0; i < I; ++i) {
            const double p = (double)wd[i] * h[i];
            t += p, t2 += p * p;
        }
        y[o] += t;
        if (s2) s2[o] = t2;
    }
    free(h);
}

void mlp_reference_row(const mlp_case *c, size_t row, double *y)
{
    mlp_reference_row_scale(c, row, y, NULL);
}

double mlp_reference_row_max(const mlp_case *c, size_t row, double *y)
{
    mlp_reference_row(c, row, y);
    double m = 0;
    for (size_t j = 0; j < c->desc.hidden; ++j) m = fabs(y[j]) > m ? fabs(y[j]) : m;
    return m;
}

/* One row's share of the error measure: its squared error into *num, the sum over its
 * outputs of max(ref^2, s2) into *den (ref^2 alone where s2 is NULL); returns 0 when an
 * output is NaN or infinite. */
static int measure_row(const float *y, const double *ref, const double *s2, size_t H,
                       double *num, double *den)
{
    int ok = 1;
    for (size_t o = 0; o < H; ++o) {
        const double v = y[o], r2 = ref[o] * ref[o];
        if (!isfinite(v)) ok = 0;
        *num += (v - ref[o]) * (v - ref[o]);
        *den += s2 && s2[o] > r2 ? s2[o] : r2;
    }
    return ok;
}

double mlp_rel_error(const mlp_case *c, const float *y, const size_t *rows, size_t nrows)
{
    const size_t H = c->desc.hidden;
    if (!rows) nrows = c->batch;
    double *ref = malloc(sizeof(double) * H * 2), *s2 = ref ? ref + H : NULL;
    if (!ref) return NAN;
    double num = 0, den = 0;
    int bad = 0;
    for (size_t r = 0; r < nrows; ++r) {
        size_t row = rows ? rows[r] : r;
        mlp_reference_row_scale(c, row, ref, s2);
        bad |= !measure_row(y + row * H, ref, s2, H, &num, &den);
    }
    free(ref);
    if (bad) return NAN;
    return den > 0 ? sqrt(num / den) : sqrt(num);
}

double mlp_rel_error_ref(const mlp_case *c, const float *y, const size_t *rows, size_t nrows,
                         const double *ref, const double *s2)
{
    const size_t H = c->desc.hidden;
    double num = 0, den = 0;
    int bad = 0;
    for (size_t r = 0; r < nrows; ++r)
        bad |= !measure_row(y + rows[r] * H, ref + r * H, s2 ? s2 + r * H : NULL, H, &num, &den);
    if (bad) return NAN;
    return den > 0 ? sqrt(num / den) : sqrt(num);
}

void mlp_poison(float *p, size_t n)
{
    const uint32_t bits = MLP_POISON_BITS;
    for (size_t i = 0; i < n; ++i) memcpy(&p[i], &bits, sizeof bits);
}

size_t mlp_count_poison(const float *p, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; ++i) {
        uint32_t b;
        memcpy(&b, &p[i], sizeof b);
        k += b == MLP_POISON_BITS;
    }
    return k;
}

/* ---- device run */

static cl_mem make_buffer(fmlp_context *ctx, size_t bytes, cl_int *err)
{
    return clCreateBuffer(fmlp_context_cl_context(ctx), CL_MEM_READ_WRITE, bytes ? bytes : 4, NULL,
                          err);
}

void mlp_run_free(mlp_run *r)
{
    if (r->x) clReleaseMemObject(r->x);
    if (r->y) clReleaseMemObject(r->y);
    if (r->workspace) clReleaseMemObject(r->workspace);
    fmlp_weights_release(r->weights);
    fmlp_plan_release(r->plan);
    memset(r, 0, sizeof *r);
}

fmlp_status mlp_run_setup(mlp_run *r, fmlp_context *ctx, cl_command_queue q, const mlp_case *c,
                          size_t max_batch)
{
    memset(r, 0, sizeof *r);
    r->ctx = ctx;
    r->queue = q;
    r->max_batch = max_batch;
    fmlp_plan_desc d = c->desc;
    d.max_batch = max_batch;
    fmlp_status st = fmlp_plan_create(ctx, &d, &r->plan);
    if (st != FMLP_SUCCESS) goto fail;
    fmlp_host_weights hw = mlp_case_host_weights(c);
    if ((st = fmlp_weights_create_host(r->plan, q, &hw, &r->weights)) != FMLP_SUCCESS) goto fail;
    const size_t esz = mlp_dtype_size(d.act_dtype);
    size_t ws = 0, io = (esz ? esz : sizeof(float)) * max_batch * d.hidden;
    if ((st = fmlp_plan_workspace_size(r->plan, max_batch, &ws)) != FMLP_SUCCESS) goto fail;
    cl_int err = CL_SUCCESS;
    if (!(r->x = make_buffer(ctx, io, &err)) || !(r->y = make_buffer(ctx, io, &err)) ||
        !(r->workspace = make_buffer(ctx, ws, &err))) {
        st = (fmlp_status)err;
        goto fail;
    }
    return FMLP_SUCCESS;
fail:
    mlp_run_free(r);
    return st;
}

/* y_host (c->batch rows of y in its storage type) written to y, one forward of plan with x at
 * x_offset, and y read back into y_host. Blocking. */
static fmlp_status forward_on_y(mlp_run *r, const fmlp_plan *plan, const mlp_case *c, cl_mem x,
                                size_t x_offset, void *y_host)
{
    const size_t bytes = c->batch * c->desc.hidden * mlp_dtype_size(c->desc.act_dtype);
    fmlp_status st = (fmlp_status)clEnqueueWriteBuffer(r->queue, r->y, CL_TRUE, 0, bytes, y_host,
                                                       0, NULL, NULL);
    if (st == FMLP_SUCCESS)
        st = fmlp_forward(plan, r->weights, r->queue, c->batch, x, x_offset, r->y, 0,
                          r->workspace, 0, NULL, NULL);
    if (st == FMLP_SUCCESS)
        st = (fmlp_status)clEnqueueReadBuffer(r->queue, r->y, CL_TRUE, 0, bytes, y_host, 0, NULL,
                                              NULL);
    return st;
}

fmlp_status mlp_run_forward_x(mlp_run *r, const mlp_case *c, cl_mem x, size_t x_offset,
                              float *y_out)
{
    const size_t n = c->batch * c->desc.hidden;
    const fmlp_dtype t = c->desc.act_dtype;
    mlp_poison(y_out, n);
    /* y in its storage type: y_out itself for fp32, else a 16-bit copy converted afterwards */
    uint16_t *y16 = NULL;
    if (act_packed(c)) {
        if (!(y16 = malloc(2 * n))) return FMLP_ERROR_OUT_OF_HOST_MEMORY;
        for (size_t i = 0; i < n; ++i) y16[i] = MLP_POISON_BITS16;
    }
    fmlp_status st = forward_on_y(r, r->plan, c, x, x_offset, y16 ? (void *)y16 : (void *)y_out);
    if (st == FMLP_SUCCESS && y16) {
        st = fmlp_dequantize(t, 0, y16, 1, n, y_out);
        for (size_t i = 0; i < n; ++i)
            if (y16[i] == MLP_POISON_BITS16) mlp_poison(&y_out[i], 1);
    }
    free(y16);
    return st;
}

fmlp_status mlp_run_forward_residual(mlp_run *r, const fmlp_plan *plan, const mlp_case *c,
                                     float scale, uint64_t seed, float *residual, float *y_out)
{
    const size_t n = c->batch * c->desc.hidden;
    const fmlp_dtype t = c->desc.act_dtype;
    uint16_t *y16 = NULL;
    if (act_packed(c) && !(y16 = malloc(2 * n))) return FMLP_ERROR_OUT_OF_HOST_MEMORY;
    for (size_t i = 0; i < n; ++i) residual[i] = scale * mlp_rand_uniform(&seed);
    fmlp_status st = FMLP_SUCCESS;
    if (y16 && ((st = fmlp_quantize(t, 0, residual, 1, n, y16, 2 * n)) ||
                (st = fmlp_dequantize(t, 0, y16, 1, n, residual)))) {
        free(y16);
        return st;
    }
    if (!y16) memcpy(y_out, residual, n * sizeof *y_out);
    const size_t xbytes = n * mlp_dtype_size(t);
    st = (fmlp_status)clEnqueueWriteBuffer(r->queue, r->x, CL_TRUE, 0, xbytes, mlp_case_x_data(c),
                                           0, NULL, NULL);
    if (st == FMLP_SUCCESS)
        st = forward_on_y(r, plan ? plan : r->plan, c, r->x, 0, y16 ? (void *)y16 : (void *)y_out);
    if (st == FMLP_SUCCESS && y16) st = fmlp_dequantize(t, 0, y16, 1, n, y_out);
    free(y16);
    return st;
}

fmlp_status mlp_run_forward(mlp_run *r, const mlp_case *c, float *y_out)
{
    const size_t bytes = c->batch * c->desc.hidden * mlp_dtype_size(c->desc.act_dtype);
    const cl_int err = clEnqueueWriteBuffer(r->queue, r->x, CL_TRUE, 0, bytes,
                                            mlp_case_x_data(c), 0, NULL, NULL);
    if (err != CL_SUCCESS) {
        mlp_poison(y_out, c->batch * c->desc.hidden);
        return (fmlp_status)err;
    }
    return mlp_run_forward_x(r, c, r->x, 0, y_out);
}

int mlp_warn_skipped_dbs(const fmlp_context *ctx, const char *prog)
{
    static char info[65536];
    if (fmlp_context_tuning_info(ctx, info, sizeof info) != FMLP_SUCCESS) return 0;
    int n = 0;
    for (const char *p = info; *p;) {
        const char *e = strchr(p, '\n');
        const int len = (int)(e ? (size_t)(e - p) : strlen(p));
        if (strncmp(p, "skipped: ", 9) == 0 && len > 9) {
            fprintf(stderr, "%s: tuning database skipped: %.*s\n", prog, len - 9, p + 9);
            ++n;
        }
        p += len + (e != NULL);
    }
    return n;
}
