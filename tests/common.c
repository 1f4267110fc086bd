/* Shared test helpers (see common.h). */
#include "common.h"
#include "internal.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

void leak_check(void)
{
#if defined(__SANITIZE_ADDRESS__)
    cr_assert_eq(__lsan_do_recoverable_leak_check(), 0, "LeakSanitizer found leaks (above)");
#endif
}

void env_open(test_env *e)
{
    memset(e, 0, sizeof *e);
    fmlp_status st = fmlp_context_create_default(NULL, &e->ctx);
    cr_assert_eq(st, FMLP_SUCCESS, "no OpenCL device: %s", fmlp_status_string(st));
    st = fmlp_context_create_queue(e->ctx, &e->queue);
    cr_assert_eq(st, FMLP_SUCCESS, "no queue: %s", fmlp_status_string(st));
}

void env_close(test_env *e)
{
    if (e->queue) clReleaseCommandQueue(e->queue);
    fmlp_context_release(e->ctx);
    memset(e, 0, sizeof *e);
}

uint64_t fresh_seed(void)
{
    /* FLASHMLP_TEST_SEED replays a failure: every draw then uses the seed its message gave */
    const char *replay = getenv("FLASHMLP_TEST_SEED");
    if (replay && *replay) return strtoull(replay, NULL, 0);
    static uint64_t counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t s = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ ((uint64_t)getpid() << 40);
    return s + 0x9e3779b97f4a7c15ull * ++counter;
}

fmlp_plan_desc make_desc(size_t h, size_t i, fmlp_mlp_kind kind, fmlp_activation act,
                         unsigned biases)
{
    fmlp_plan_desc d;
    fmlp_plan_desc_init(&d);
    d.hidden = h;
    d.intermediate = i;
    d.kind = kind;
    d.activation = act;
    d.biases = biases;
    return d;
}

/* Add dz to the zero point of every block of c's affine matrices (fp16, so dz must keep them
 * exact: 0.5, or an integer below 1024) and refresh the dequantized values the reference uses. */
static void shift_zeros(mlp_case *c, float dz)
{
    const fmlp_plan_desc *d = &c->desc;
    unsigned block = 0, bb = 0;
    cr_assert_eq(fmlp_weight_format(d->weight_dtype, d->group_size, &block, &bb), FMLP_SUCCESS);
    cr_assert(d->weight_dtype >= FMLP_DTYPE_AFFINE_Q2 && block > 1);
    void *q[3] = {c->gate_q, c->up_q, c->down_q};
    float *w[3] = {c->gate, c->up, c->down};
    const size_t rows[3] = {d->intermediate, d->intermediate, d->hidden};
    const size_t n = d->intermediate * d->hidden;
    for (int m = 0; m < 3; ++m) {
        if (!q[m]) continue;
        uint8_t *b = q[m];
        for (size_t k = 0; k < n / block; ++k) {
            uint8_t *f = b + k * bb + 2;
            const float z = fmlp_f16_to_f32((uint16_t)(f[0] | f[1] << 8)) + dz;
            const uint16_t h = fmlp_f32_to_f16(z);
            cr_assert_eq(fmlp_f16_to_f32(h), z, "zero point %a not exact in fp16", z);
            f[0] = (uint8_t)h, f[1] = (uint8_t)(h >> 8);
        }
        cr_assert_eq(fmlp_dequantize(d->weight_dtype, d->group_size, q[m], rows[m], n / rows[m],
                                     w[m]),
                     FMLP_SUCCESS);
    }
}

void expect_refused(test_env *e, fmlp_plan_desc desc, const char *overrides)
{
    fmlp_plan *p = NULL;
    desc.overrides = overrides;
    const fmlp_status st = fmlp_plan_create(e->ctx, &desc, &p);
    cr_expect_eq(st, FMLP_ERROR_EXTENSION_MISSING, "%s, weights %s: %s", overrides,
                 fmlp_dtype_name(desc.weight_dtype), fmlp_status_string(st));
    cr_expect_null(p);
    fmlp_plan_release(p);
}

double check_case(test_env *e, fmlp_plan_desc desc, size_t batch, const char *overrides,
                  double tol)
{
    return check_case_zeros(e, desc, batch, overrides, tol, 0.0f, -1);
}

double check_case_zeros(test_env *e, fmlp_plan_desc desc, size_t batch, const char *overrides,
                        double tol, float zero_shift, int int_zeros)
{
    desc.overrides = overrides;
    desc.max_batch = batch;
    mlp_case c;
    uint64_t seed = fresh_seed();
    const int ci = mlp_case_init(&c, &desc, batch, seed);
    cr_assert_eq(ci, 0, "test data: %s",
                 ci < 0 ? "out of host memory" : fmlp_status_string((fmlp_status)ci));
    if (zero_shift != 0.0f) shift_zeros(&c, zero_shift);
    mlp_run r;
    fmlp_status st = mlp_run_setup(&r, e->ctx, e->queue, &c, batch);
    cr_assert_eq(st, FMLP_SUCCESS, "setup failed: %s (%d)\n%s", fmlp_status_string(st), st,
                 fmlp_context_build_log(e->ctx));
    if (int_zeros >= 0)
        cr_assert_eq(r.weights->int_zeros, int_zeros, "integer zero points: %d, expected %d",
                     r.weights->int_zeros, int_zeros);
    const double err = check_run(&r, &c, batch, tol, seed);
    mlp_run_free(&r);
    mlp_case_free(&c);
    return err;
}

double check_run(mlp_run *r, mlp_case *c, size_t batch, double tol, uint64_t seed)
{
    const size_t H = c->desc.hidden;
    c->batch = batch;
    float *y = malloc(sizeof(float) * batch * H);
    cr_assert_not_null(y);
    fmlp_status st = mlp_run_forward(r, c, y);
    cr_assert_eq(st, FMLP_SUCCESS, "forward failed: %s", fmlp_status_string(st));
    size_t unwritten = mlp_count_poison(y, batch * H);
    cr_assert_eq(unwritten, 0, "%zu of %zu outputs were never written", unwritten, batch * H);
    double err = mlp_rel_error(c, y, NULL, 0);
    char how[512] = "";
    fmlp_plan_describe(r->plan, batch, how, sizeof how);
    cr_assert(err <= tol, "relative error %.3e > %.1e (H=%zu I=%zu B=%zu seed=%llu, %s)", err, tol,
              H, c->desc.intermediate, batch, (unsigned long long)seed, how);
    free(y);
    return err;
}

void read_floats(cl_command_queue q, cl_mem m, size_t n, float *out)
{
    cl_int err = clEnqueueReadBuffer(q, m, CL_TRUE, 0, n * sizeof(float), out, 0, NULL, NULL);
    cr_assert_eq(err, CL_SUCCESS, "read failed: %d", err);
}

cl_mem make_buffer(test_env *e, size_t bytes, const void *init)
{
    cl_int err = CL_SUCCESS;
    cl_mem m = clCreateBuffer(fmlp_context_cl_context(e->ctx),
                              CL_MEM_READ_WRITE | (init ? CL_MEM_COPY_HOST_PTR : 0), bytes,
                              (void *)init, &err);
    cr_assert_not_null(m, "clCreateBuffer failed: %d", err);
    return m;
}

void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[512];
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (unlink(path) != 0) remove_tree(path);
    }
    if (d) closedir(d);
    rmdir(dir);
}

int nvidia_sm(const fmlp_device_info *info)
{
    if (strcmp(info->vendor, "nvidia") != 0 || strncmp(info->arch, "sm_", 3) != 0) return 0;
    return atoi(info->arch + 3);
}

int env_nvidia_sm(const test_env *e)
{
    fmlp_device_info info;
    cr_assert_eq(fmlp_context_device_info(e->ctx, &info), FMLP_SUCCESS);
    return nvidia_sm(&info);
}

/* desc.accumulate: y = y + MLP(x). A plan without accumulate writes y0; a second plan with it,
 * sharing the first plan's weights, runs on y holding a random residual r. With fp32 y every
 * output must be r + y0 exactly (the MLP's value rounded once, then one fp32 add: an output
 * added twice or not at all shows); with 16-bit y (rounded once, from r + the unrounded value)
 * y - r must match the reference within the format's tolerance. Alone (k->alone), only the
 * plan with accumulate runs, and y - r is held to the tolerance whatever y's type: a second
 * plan on the same weights makes Oclgrind 21.10 report the stream kernel's loads as
 * uninitialized, with or without accumulate. */
void check_accumulate(test_env *e, const acc_case *k)
{
    const size_t H = 64, I = 96, B = 3, n = B * H;
    fmlp_plan_desc d = make_desc(H, I, FMLP_MLP_GATED, FMLP_ACT_SILU,
                                 FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN);
    d.act_dtype = k->act;
    d.weight_dtype = k->weights;
    d.group_size = k->weights >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
    d.precision = k->precision;
    d.overrides = k->overrides;
    d.max_batch = B;
    d.accumulate = k->alone;
    const uint64_t seed = fresh_seed();
    mlp_case c;
    cr_assert_eq(mlp_case_init(&c, &d, B, seed), 0);
    mlp_run r;
    fmlp_status st = mlp_run_setup(&r, e->ctx, e->queue, &c, B);
    cr_assert_eq(st, FMLP_SUCCESS, "%s: %s", k->overrides, fmlp_status_string(st));
    float *y0 = malloc(n * sizeof(float)), *res = malloc(n * sizeof(float)),
          *y1 = malloc(n * sizeof(float));
    cr_assert(y0 && res && y1);

    /* the residual's scale: y0's, or alone the reference's first row's */
    float m = 0.0f;
    if (k->alone) {
        double *ref = malloc(H * sizeof(double));
        cr_assert_not_null(ref);
        m = (float)mlp_reference_row_max(&c, 0, ref);
        free(ref);
    } else {
        cr_assert_eq(mlp_run_forward(&r, &c, y0), FMLP_SUCCESS);
        cr_assert_eq(mlp_count_poison(y0, n), 0);
        for (size_t i = 0; i < n; ++i) m = fmaxf(m, fabsf(y0[i]));
    }
    fmlp_plan *pa = NULL;
    if (!k->alone) {
        fmlp_plan_desc da = d;
        da.accumulate = 1;
        st = fmlp_plan_create(e->ctx, &da, &pa);
        cr_assert_eq(st, FMLP_SUCCESS, "%s, accumulate: %s", k->overrides, fmlp_status_string(st));
    }
    st = mlp_run_forward_residual(&r, pa, &c, m, seed ^ 0x5eed, res, y1);
    cr_assert_eq(st, FMLP_SUCCESS, "%s, accumulate: %s", k->overrides, fmlp_status_string(st));
    if (k->act == FMLP_DTYPE_F32 && !k->alone) {
        size_t bad = 0, first = n;
        for (size_t i = 0; i < n; ++i) {
            const float want = res[i] + y0[i];
            if (memcmp(&want, &y1[i], sizeof want) != 0 && bad++ == 0) first = i;
        }
        cr_expect_eq(bad, 0,
                     "%s: %zu of %zu outputs are not r + MLP(x) (first %zu: %a, want %a + %a)",
                     k->overrides, bad, n, first, first < n ? y1[first] : 0.0f,
                     first < n ? res[first] : 0.0f, first < n ? y0[first] : 0.0f);
    } else {
        for (size_t i = 0; i < n; ++i) y1[i] -= res[i]; /* exact where r and y share a scale */
        const double rel = mlp_rel_error(&c, y1, NULL, 0), tol = 2 * mlp_tolerance(&d);
        cr_expect(rel <= tol,
                  "%s, %zu-byte y: y - r off the reference by %.3e (tolerance %.1e, seed %llu)",
                  k->overrides, mlp_dtype_size(k->act), rel, tol, (unsigned long long)seed);
    }
    fmlp_plan_release(pa);
    free(y0);
    free(res);
    free(y1);
    mlp_run_free(&r);
    mlp_case_free(&c);
}
