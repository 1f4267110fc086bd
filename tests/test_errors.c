/* Every bad input gets its precise status, no crash, and leaves outputs untouched. */
#include "common.h"

#include <stdlib.h>
#include <string.h>

TestSuite(errors, .fini = leak_check);

/* A small SwiGLU plan with weights, x, y (filled with a sentinel) and a workspace. */
typedef struct fixture {
    test_env e;
    mlp_case c;
    mlp_run r;
    float *sentinel; /* what y holds before each bad call */
    size_t n;        /* elements of y */
} fixture;

static void setup(fixture *f, fmlp_plan_desc d, size_t max_batch)
{
    env_open(&f->e);
    cr_assert_eq(mlp_case_init(&f->c, &d, max_batch, fresh_seed()), 0);
    fmlp_status st = mlp_run_setup(&f->r, f->e.ctx, f->e.queue, &f->c, max_batch);
    cr_assert_eq(st, FMLP_SUCCESS, "%s", fmlp_status_string(st));
    f->n = max_batch * d.hidden;
    f->sentinel = malloc(sizeof(float) * f->n);
    cr_assert_not_null(f->sentinel);
    mlp_poison(f->sentinel, f->n);
    cl_int err = clEnqueueWriteBuffer(f->e.queue, f->r.y, CL_TRUE, 0, sizeof(float) * f->n,
                                      f->sentinel, 0, NULL, NULL);
    cr_assert_eq(err, CL_SUCCESS);
}

static void teardown(fixture *f)
{
    free(f->sentinel);
    mlp_run_free(&f->r);
    mlp_case_free(&f->c);
    env_close(&f->e);
}

static void assert_y_untouched(fixture *f)
{
    clFinish(f->e.queue);
    float *now = malloc(sizeof(float) * f->n);
    cr_assert_not_null(now);
    read_floats(f->e.queue, f->r.y, f->n, now);
    cr_assert_eq(memcmp(now, f->sentinel, sizeof(float) * f->n), 0,
                 "a failing call modified the output buffer");
    free(now);
}

#define EXPECT(call, status)                                                                   \
    do {                                                                                       \
        fmlp_status st_ = (call);                                                              \
        cr_expect_eq(st_, (status), "%s returned %s (%d), expected %s (%d)", #call,            \
                     fmlp_status_string(st_), st_, fmlp_status_string(status), status);        \
    } while (0)

static fmlp_plan_desc small(void) { return make_desc(40, 72, FMLP_MLP_GATED, FMLP_ACT_SILU, 0); }

/* ---- forward */

Test(errors, forward_null_pointers)
{
    fixture f;
    setup(&f, small(), 4);
    fmlp_plan *p = f.r.plan;
    fmlp_weights *w = f.r.weights;
    cl_command_queue q = f.e.queue;
    cl_mem x = f.r.x, y = f.r.y, ws = f.r.workspace;
    EXPECT(fmlp_forward(NULL, w, q, 1, x, 0, y, 0, ws, 0, NULL, NULL), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_forward(p, NULL, q, 1, x, 0, y, 0, ws, 0, NULL, NULL), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_forward(p, w, NULL, 1, x, 0, y, 0, ws, 0, NULL, NULL), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_forward(p, w, q, 1, NULL, 0, y, 0, ws, 0, NULL, NULL), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_forward(p, w, q, 1, x, 0, NULL, 0, ws, 0, NULL, NULL), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_forward(p, w, q, 1, x, 0, y, 0, ws, 2, NULL, NULL), FMLP_ERROR_NULL_POINTER);
    assert_y_untouched(&f);
    teardown(&f);
}

Test(errors, forward_sizes)
{
    fixture f;
    setup(&f, small(), 4);
    fmlp_plan *p = f.r.plan;
    fmlp_weights *w = f.r.weights;
    cl_command_queue q = f.e.queue;
    cl_mem x = f.r.x, y = f.r.y, ws = f.r.workspace;
    EXPECT(fmlp_forward(p, w, q, 0, x, 0, y, 0, ws, 0, NULL, NULL), FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_forward(p, w, q, 5, x, 0, y, 0, ws, 0, NULL, NULL), FMLP_ERROR_BATCH_TOO_LARGE);
    /* a plan from B=3: B=2 is refused and y left alone */
    fmlp_plan_desc d3 = small();
    d3.min_batch = 3, d3.max_batch = 4;
    fmlp_plan *p3 = NULL;
    cr_assert_eq(fmlp_plan_create(f.e.ctx, &d3, &p3), FMLP_SUCCESS);
    fmlp_weights *w3 = NULL;
    fmlp_host_weights hw = mlp_case_host_weights(&f.c);
    cr_assert_eq(fmlp_weights_create_host(p3, q, &hw, &w3), FMLP_SUCCESS);
    EXPECT(fmlp_forward(p3, w3, q, 2, x, 0, y, 0, ws, 0, NULL, NULL), FMLP_ERROR_BATCH_TOO_SMALL);
    assert_y_untouched(&f);
    fmlp_weights_release(w3);
    fmlp_plan_release(p3);
    /* buffers smaller than the shape needs: x and y hold 4 rows of 40 floats */
    cl_mem tiny = make_buffer(&f.e, 40 * 4 * 3, NULL);
    EXPECT(fmlp_forward(p, w, q, 4, tiny, 0, y, 0, ws, 0, NULL, NULL), FMLP_ERROR_BUFFER_TOO_SMALL);
    EXPECT(fmlp_forward(p, w, q, 4, x, 0, tiny, 0, ws, 0, NULL, NULL), FMLP_ERROR_BUFFER_TOO_SMALL);
    /* an offset that pushes the rows past the end */
    EXPECT(fmlp_forward(p, w, q, 4, x, 4, y, 0, ws, 0, NULL, NULL), FMLP_ERROR_BUFFER_TOO_SMALL);
    EXPECT(fmlp_forward(p, w, q, 1, x, 0, y, 1u << 20, ws, 0, NULL, NULL),
           FMLP_ERROR_BUFFER_TOO_SMALL);
    EXPECT(fmlp_forward(p, w, q, 1, x, 2, y, 0, ws, 0, NULL, NULL), FMLP_ERROR_MISALIGNED);
    EXPECT(fmlp_forward(p, w, q, 1, x, 0, y, 6, ws, 0, NULL, NULL), FMLP_ERROR_MISALIGNED);
    /* workspace too small for the batch's strategy */
    size_t need = 0;
    cr_assert_eq(fmlp_plan_workspace_size(p, 4, &need), FMLP_SUCCESS);
    cr_assert_gt(need, 4, "this shape's stream strategy should need a workspace");
    cl_mem small_ws = make_buffer(&f.e, need - 4, NULL);
    EXPECT(fmlp_forward(p, w, q, 4, x, 0, y, 0, small_ws, 0, NULL, NULL),
           FMLP_ERROR_BUFFER_TOO_SMALL);
    /* output overlapping the input, or the workspace being the output */
    EXPECT(fmlp_forward(p, w, q, 1, x, 0, x, 80, ws, 0, NULL, NULL), FMLP_ERROR_ALIASING);
    EXPECT(fmlp_forward(p, w, q, 1, x, 0, y, 0, y, 0, NULL, NULL), FMLP_ERROR_ALIASING);
    clReleaseMemObject(tiny);
    clReleaseMemObject(small_ws);
    assert_y_untouched(&f);
    teardown(&f);
}

Test(errors, forward_foreign_objects)
{
    fixture f;
    setup(&f, small(), 4);
    /* a second context: its queue and buffers do not belong to the plan's */
    test_env other;
    env_open(&other);
    cl_mem ox = make_buffer(&other, 4 * 40 * 4, NULL);
    EXPECT(fmlp_forward(f.r.plan, f.r.weights, other.queue, 1, f.r.x, 0, f.r.y, 0, f.r.workspace,
                        0, NULL, NULL),
           FMLP_ERROR_CONTEXT_MISMATCH);
    EXPECT(fmlp_forward(f.r.plan, f.r.weights, f.e.queue, 1, ox, 0, f.r.y, 0, f.r.workspace, 0,
                        NULL, NULL),
           FMLP_ERROR_CONTEXT_MISMATCH);
    /* weights packed for a different shape */
    mlp_case c2;
    fmlp_plan_desc d2 = make_desc(40, 80, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    cr_assert_eq(mlp_case_init(&c2, &d2, 1, fresh_seed()), 0);
    mlp_run r2;
    cr_assert_eq(mlp_run_setup(&r2, f.e.ctx, f.e.queue, &c2, 1), FMLP_SUCCESS);
    EXPECT(fmlp_forward(f.r.plan, r2.weights, f.e.queue, 1, f.r.x, 0, f.r.y, 0, f.r.workspace, 0,
                        NULL, NULL),
           FMLP_ERROR_WEIGHTS_MISMATCH);
    mlp_run_free(&r2);
    mlp_case_free(&c2);
    clReleaseMemObject(ox);
    env_close(&other);
    assert_y_untouched(&f);
    teardown(&f);
}

/* Weights from a plan of the same shape and format whose kernels read another device layout:
 * AFFINE_Q3 packed for exact arithmetic (the caller's bit stream) given to an int8 plan (fields
 * regrouped), and fp32 weights with down transposed given to a plan that keeps down in rows
 * (dk=2); refused, y untouched. Layouts that agree (Q4_0's, the same for exact and int8) are
 * accepted and compute the right result. */
/* Weights packed by a plan for desc w, given to a plan for desc pd: refused, y untouched */
static void expect_foreign_weights(fixture *f, fmlp_plan_desc w, fmlp_plan_desc pd)
{
    setup(f, w, 1);
    fmlp_plan *p = NULL;
    cr_assert_eq(fmlp_plan_create(f->e.ctx, &pd, &p), FMLP_SUCCESS);
    EXPECT(fmlp_forward(p, f->r.weights, f->e.queue, 1, f->r.x, 0, f->r.y, 0, f->r.workspace, 0,
                        NULL, NULL),
           FMLP_ERROR_WEIGHTS_MISMATCH);
    fmlp_plan_release(p);
    assert_y_untouched(f);
    teardown(f);
}

Test(errors, forward_weights_of_another_layout)
{
    fixture f;
    fmlp_plan_desc d = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.weight_dtype = FMLP_DTYPE_AFFINE_Q3;
    d.group_size = 32;
    fmlp_plan_desc d8 = d;
    d8.precision = FMLP_PRECISION_INT8_DOT;
    d8.overrides = "strategy=stream wgs=32 kl=2 ti=32 bt=1 xc=64";
    expect_foreign_weights(&f, d, d8);

    fmlp_plan_desc rows = make_desc(640, 392, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    fmlp_plan_desc rows_dk = rows;
    rows_dk.overrides = "strategy=stream wgs=64 kl=8 ti=32 bt=2 vw=4 xc=256 dk=2 dc=16 dw=64 dr=16";
    expect_foreign_weights(&f, rows, rows_dk);

    /* fp32 weights of a plan without fp16 pairs, given to one with them (hp=1 needs the rows'
     * scales that only its own weights carry) */
    fmlp_plan_desc f32 = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    fmlp_plan_desc f32_hp = f32;
    f32.overrides = "strategy=mma emu=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 dnt=32 dkt=16 dwm=1 dwn=2";
    f32_hp.overrides = "strategy=mma emu=1 hp=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 dnt=32 dkt=16 dwm=1 dwn=2";
    expect_foreign_weights(&f, f32, f32_hp);

    /* Q4_0 weights of an exact plan run by an int8 plan: accepted, and right to int8's bound */
    d.weight_dtype = FMLP_DTYPE_Q4_0;
    d.group_size = 0;
    d.precision = FMLP_PRECISION_EXACT;
    d.overrides = NULL;
    setup(&f, d, 1);
    d.precision = FMLP_PRECISION_INT8_DOT;
    d.overrides = "strategy=stream wgs=32 kl=2 ti=32 bt=1 xc=64";
    fmlp_plan *p = NULL;
    cr_assert_eq(fmlp_plan_create(f.e.ctx, &d, &p), FMLP_SUCCESS);
    fmlp_plan *exact = f.r.plan;
    cl_mem ws = f.r.workspace; /* sized for the exact plan: the call allocates its own */
    f.r.plan = p;
    f.r.workspace = NULL;
    float *y = malloc(sizeof(float) * f.n);
    cr_assert_not_null(y);
    cr_assert_eq(mlp_run_forward(&f.r, &f.c, y), FMLP_SUCCESS);
    const double err = mlp_rel_error(&f.c, y, NULL, 0);
    cr_expect_lt(err, mlp_tolerance(&d), "error %g", err);
    free(y);
    f.r.plan = exact;
    f.r.workspace = ws;
    fmlp_plan_release(p);
    teardown(&f);
}

/* ---- plans */

Test(errors, plan_description)
{
    test_env e;
    env_open(&e);
    fmlp_plan *p = (fmlp_plan *)0x1;
    fmlp_plan_desc d = small();
    EXPECT(fmlp_plan_create(NULL, &d, &p), FMLP_ERROR_NULL_POINTER);
    cr_expect_null(p, "*out must be NULL on failure");
    EXPECT(fmlp_plan_create(e.ctx, NULL, &p), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_plan_create(e.ctx, &d, NULL), FMLP_ERROR_NULL_POINTER);
    d = small(), d.hidden = 0;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_SIZE);
    d = small(), d.intermediate = 0;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_SIZE);
    d = small(), d.max_batch = 0;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_SIZE);
    d = small(), d.max_batch = 4, d.min_batch = 5;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_SIZE);
    d = small(), d.kind = (fmlp_mlp_kind)7;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_ENUM);
    d = small(), d.activation = (fmlp_activation)99;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_ENUM);
    d = small(), d.biases = 8;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_ENUM);
    d = small(), d.weight_dtype = (fmlp_dtype)42;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_ENUM);
    d = small(), d.precision = (fmlp_precision)2;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_ENUM);
    d = small(), d.kind = FMLP_MLP_PLAIN, d.biases = FMLP_BIAS_GATE;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_UNEXPECTED_WEIGHT);
    cr_expect_null(p);
    env_close(&e);
}

Test(errors, plan_dtypes)
{
    test_env e;
    env_open(&e);
    fmlp_plan *p = NULL;
    fmlp_plan_desc d = small();
    /* activations are never quantized */
    d.act_dtype = FMLP_DTYPE_Q4_0;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_UNSUPPORTED_DTYPE);
    d = small(), d.act_dtype = FMLP_DTYPE_AFFINE_Q8, d.group_size = 0;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_UNSUPPORTED_DTYPE);
    /* group sizes only for the affine formats, and only 32, 64 or 128 */
    d = small(), d.weight_dtype = FMLP_DTYPE_AFFINE_Q4, d.group_size = 48;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_SIZE);
    d = small(), d.weight_dtype = FMLP_DTYPE_AFFINE_Q4, d.group_size = 0;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_SIZE);
    d = small(), d.weight_dtype = FMLP_DTYPE_Q8_0, d.group_size = 32;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_SIZE);
    d = small(), d.group_size = 32;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_SIZE);
    /* block formats need rows that are whole blocks: H = 40 is not a multiple of 32 */
    d = small(), d.weight_dtype = FMLP_DTYPE_Q4_0;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_SIZE);
    d = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, 0), d.weight_dtype = FMLP_DTYPE_AFFINE_Q4;
    d.group_size = 64; /* I = 96 is not a multiple of 64 */
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_SIZE);
    cr_expect_null(p);
    env_close(&e);
}

Test(errors, plan_device_limit)
{
    test_env e;
    env_open(&e);
    fmlp_device_info info;
    cr_assert_eq(fmlp_context_device_info(e.ctx, &info), FMLP_SUCCESS);
    fmlp_plan_desc d = small();
    /* one weight matrix larger than the device's largest allocation */
    d.hidden = 1u << 20;
    d.intermediate = (size_t)(info.max_alloc_size / 4 / d.hidden) + 1;
    fmlp_plan *p = NULL;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_DEVICE_LIMIT);
    cr_expect_null(p);
    env_close(&e);
}

/* Every override in the list is refused as FMLP_ERROR_INVALID_PARAMETER, with no plan. */
static void expect_invalid(test_env *e, fmlp_plan_desc d, const char *const *bad, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        fmlp_plan *p = NULL;
        d.overrides = bad[i];
        fmlp_status st = fmlp_plan_create(e->ctx, &d, &p);
        cr_expect_eq(st, FMLP_ERROR_INVALID_PARAMETER, "'%s' gave %s", bad[i],
                     fmlp_status_string(st));
        cr_expect_null(p);
        fmlp_plan_release(p);
    }
}

Test(errors, plan_overrides)
{
    test_env e;
    env_open(&e);
    fmlp_plan *p = NULL;
    fmlp_plan_desc d = small();
    const char *const bad[] = {"bogus=1", "strategy=nope", "wgs=abc", "wgs", "=4",
                               "wgs=1 wgs=2", "strategy=stream mt=4", "ti=\"8"};
    expect_invalid(&e, d, bad, sizeof bad / sizeof *bad);
    /* consistent values, but more work-items than a work-group holds (512 x 512) */
    d.overrides = "strategy=tiled mt=512 nt=512 kt=8 tm=1 tn=1";
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_NO_FITTING_KERNEL);
    /* consistent values, but more local memory than the device has: the largest tiled tile
     * takes 1575936 bytes (gated), so only a device with less can be asked for too much; PoCL
     * reports 1.5 MB on some hosts and 2 MB on others */
    fmlp_device_info info;
    EXPECT(fmlp_context_device_info(e.ctx, &info), FMLP_SUCCESS);
    d.overrides = "strategy=tiled mt=512 nt=512 kt=256 tm=16 tn=8";
    if (info.local_mem_size < 1575936)
        EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_NO_FITTING_KERNEL);
    else
        cr_log_info("local memory %zu bytes: no tiled tile exceeds it, that check not run",
                    info.local_mem_size);
    /* the mma kernels' accumulation orders, iw, hp, se and fw are 0 or 1 (emu=1: checked on
     * any device) */
    const char *const bad_order[] = {"strategy=mma emu=1 order=2", "strategy=mma emu=1 dorder=2",
                                     "strategy=mma emu=1 iw=2", "strategy=mma emu=1 hp=2",
                                     "strategy=mma emu=1 hp=-1", "strategy=mma emu=1 hp=1 se=2",
                                     "strategy=mma emu=1 se=-1", "strategy=mma emu=1 fw=2",
                                     "strategy=mma emu=1 iw=1 hp=1 fw=-1"};
    expect_invalid(&e, d, bad_order, sizeof bad_order / sizeof *bad_order);
    /* hp=1 (fp32 weights, H and I multiples of 4) takes k-tiles of 16, 32, 64 or 128 */
    fmlp_plan_desc d4 = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    const char *const bad_hp[] = {"strategy=mma emu=1 hp=1 kt=8", "strategy=mma emu=1 hp=1 dkt=24",
                                  "strategy=mma emu=1 hp=1 kt=48"};
    expect_invalid(&e, d4, bad_hp, 3);
    /* mmav's hp and dhp are 0 or 1, and dhp=1 (missing: as hp) takes k16 steps of down: an
     * even dku */
    const char *const bad_vhp[] = {"strategy=mmav emu=1 hp=2", "strategy=mmav emu=1 hp=-1",
                                   "strategy=mmav emu=1 hp=1 dku=1", "strategy=mmav emu=1 dhp=2",
                                   "strategy=mmav emu=1 hp=0 dhp=1 dku=1"};
    expect_invalid(&e, d4, bad_vhp, 5);
    /* iw=1 with GGML weights needs k-tiles that divide their 32-weight blocks */
    fmlp_plan_desc dq = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    dq.weight_dtype = FMLP_DTYPE_Q8_0;
    const char *const bad_iw[] = {"strategy=mma emu=1 iw=1 kt=64", "strategy=mma emu=1 iw=1 dkt=24"};
    expect_invalid(&e, dq, bad_iw, 2);
    /* mmav's iw=1 reads down^T along k, 8 * dku inputs within a block: dku 2 or 4 for 32-weight
     * blocks; iw itself is 0 or 1 */
    const char *const bad_viw[] = {"strategy=mmav emu=1 iw=1 dku=1", "strategy=mmav emu=1 iw=1 dku=8",
                                   "strategy=mmav emu=1 iw=2"};
    expect_invalid(&e, dq, bad_viw, 3);
    /* mmav's wl is 0 or 1, and wl=1 (where it applies: blocks of 32 weights, H a multiple of
     * 128) loads four blocks a step: ku 4 */
    fmlp_plan_desc dw = make_desc(128, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    dw.weight_dtype = FMLP_DTYPE_Q4_0;
    const char *const bad_wl[] = {"strategy=mmav emu=1 iw=1 dku=2 wl=2",
                                  "strategy=mmav emu=1 iw=1 dku=2 wl=1 ku=2",
                                  "strategy=mmav emu=1 iw=1 dku=2 wl=-1"};
    expect_invalid(&e, dw, bad_wl, 3);
    /* so are the mmav kernels' load-ahead switches */
    const char *const bad_pf[] = {"strategy=mmav emu=1 pf=2", "strategy=mmav emu=1 dpf=-1"};
    expect_invalid(&e, d, bad_pf, 2);
    /* the tensor-core strategies' load hints: 0, 1 or 2 */
    const char *const bad_na[] = {"strategy=mmav emu=1 na=3", "strategy=mma emu=1 na=-1",
                                  "strategy=mma emu=1 na=3"};
    expect_invalid(&e, d, bad_na, 3);
    /* inconsistent: xc must be a multiple of kl * vw */
    d.overrides = "strategy=stream wgs=64 kl=8 ti=8 vw=4 xc=12";
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_PARAMETER);
    /* dp4a asked for: plans without integer dot products ignore it; an int8 plan needs an
     * NVIDIA GPU of compute capability 6.1 or newer (not PoCL, not Oclgrind) */
    const int dp4a = nvidia_sm(&info) >= 61;
    d.overrides = "strategy=stream wgs=64 kl=8 dp=1";
    d.hidden = 64, d.intermediate = 96, d.weight_dtype = FMLP_DTYPE_Q4_0;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS);
    fmlp_plan_release(p);
    p = NULL;
    d.precision = FMLP_PRECISION_INT8_DOT;
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), dp4a ? FMLP_SUCCESS : FMLP_ERROR_EXTENSION_MISSING);
    fmlp_plan_release(p);
    p = NULL;
    d.overrides = "strategy=stream wgs=64 kl=8 dp=0";
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS);
    fmlp_plan_release(p);
    p = NULL;
    /* the stream kernel's staging width, reduction shape and fused reduction: out-of-range
     * values are the caller's error; the fused reduction needs an NVIDIA GPU (PTX fences,
     * work-groups dispatched in order), so PoCL and Oclgrind refuse it */
    d.precision = FMLP_PRECISION_EXACT;
    const char *const bad_stream[] = {"strategy=stream xv=2",   "strategy=stream xv=0",
                                      "strategy=stream re=24",  "strategy=stream rg=0",
                                      "strategy=stream rg=128", "strategy=stream fr=-1",
                                      "strategy=stream dl=9",   "strategy=stream dl=-1",
                                      "strategy=stream ps=2",   "strategy=stream ps=-1",
                                      "strategy=stream dk=2",   "strategy=stream dk=1 dsp=0",
                                      "strategy=stream dk=1 dc=0",
                                      "strategy=stream dk=1 dw=0",
                                      "strategy=stream dk=1 dr=17",
                                      "strategy=stream dk=1 fr=1",
                                      "strategy=stream na=3",   "strategy=stream na=-1"};
    expect_invalid(&e, d, bad_stream, sizeof bad_stream / sizeof *bad_stream);
    const int nvidia = nvidia_sm(&info) >= 60;
    d.overrides = "strategy=stream wgs=64 kl=8 ti=32 fr=1";
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), nvidia ? FMLP_SUCCESS : FMLP_ERROR_EXTENSION_MISSING);
    fmlp_plan_release(p);
    p = NULL;
    d.overrides = "strategy=stream wgs=64 kl=8 ti=32 xv=1 re=8 rg=4 fr=0";
    EXPECT(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS);
    fmlp_plan_release(p);
    env_close(&e);
}

Test(errors, plan_queries)
{
    fixture f;
    setup(&f, small(), 4);
    size_t bytes = 0;
    char buf[256];
    EXPECT(fmlp_plan_workspace_size(NULL, 1, &bytes), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_plan_workspace_size(f.r.plan, 1, NULL), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_plan_workspace_size(f.r.plan, 0, &bytes), FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_plan_workspace_size(f.r.plan, 5, &bytes), FMLP_ERROR_BATCH_TOO_LARGE);
    EXPECT(fmlp_plan_describe(f.r.plan, 1, NULL, 10), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_plan_describe(f.r.plan, 1, buf, 0), FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_plan_describe(f.r.plan, 9, buf, sizeof buf), FMLP_ERROR_BATCH_TOO_LARGE);
    cr_expect_null(fmlp_plan_get_desc(NULL));
    teardown(&f);
}

/* ---- weights */

Test(errors, weights_presence)
{
    fixture f;
    fmlp_plan_desc d = make_desc(40, 72, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
    setup(&f, d, 2);
    fmlp_weights *w = (fmlp_weights *)0x1;
    fmlp_host_weights hw = mlp_case_host_weights(&f.c);
    EXPECT(fmlp_weights_create_host(f.r.plan, f.e.queue, &hw, NULL), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_weights_create_host(NULL, f.e.queue, &hw, &w), FMLP_ERROR_NULL_POINTER);
    cr_expect_null(w);
    EXPECT(fmlp_weights_create_host(f.r.plan, NULL, &hw, &w), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_weights_create_host(f.r.plan, f.e.queue, NULL, &w), FMLP_ERROR_NULL_POINTER);
    fmlp_host_weights bad = hw;
    bad.gate = NULL;
    EXPECT(fmlp_weights_create_host(f.r.plan, f.e.queue, &bad, &w), FMLP_ERROR_MISSING_WEIGHT);
    bad = hw, bad.down_bias = NULL;
    EXPECT(fmlp_weights_create_host(f.r.plan, f.e.queue, &bad, &w), FMLP_ERROR_MISSING_WEIGHT);
    bad = hw, bad.up_bias = hw.down_bias;
    EXPECT(fmlp_weights_create_host(f.r.plan, f.e.queue, &bad, &w), FMLP_ERROR_UNEXPECTED_WEIGHT);
    cr_expect_null(w);
    teardown(&f);
}

Test(errors, weights_buffers)
{
    fixture f;
    fmlp_plan_desc d = make_desc(40, 72, FMLP_MLP_PLAIN, FMLP_ACT_RELU, 0);
    setup(&f, d, 2);
    size_t mat = 40 * 72 * sizeof(float);
    cl_mem up = make_buffer(&f.e, mat, f.c.up), down = make_buffer(&f.e, mat, f.c.down);
    cl_mem small_buf = make_buffer(&f.e, mat - 4, NULL);
    fmlp_weights *w = NULL;
    fmlp_buffer_weights bw = {0};
    bw.up = up, bw.down = down;
    fmlp_buffer_weights bad = bw;
    bad.up = small_buf;
    EXPECT(fmlp_weights_create_buffers(f.r.plan, f.e.queue, &bad, &w), FMLP_ERROR_BUFFER_TOO_SMALL);
    bad = bw, bad.down_offset = 4;
    EXPECT(fmlp_weights_create_buffers(f.r.plan, f.e.queue, &bad, &w), FMLP_ERROR_BUFFER_TOO_SMALL);
    bad = bw, bad.up_offset = 2;
    EXPECT(fmlp_weights_create_buffers(f.r.plan, f.e.queue, &bad, &w), FMLP_ERROR_MISALIGNED);
    bad = bw, bad.gate = up;
    EXPECT(fmlp_weights_create_buffers(f.r.plan, f.e.queue, &bad, &w), FMLP_ERROR_UNEXPECTED_WEIGHT);
    bad = bw, bad.down = NULL;
    EXPECT(fmlp_weights_create_buffers(f.r.plan, f.e.queue, &bad, &w), FMLP_ERROR_MISSING_WEIGHT);
    cr_expect_null(w);
    /* and the good call works */
    EXPECT(fmlp_weights_create_buffers(f.r.plan, f.e.queue, &bw, &w), FMLP_SUCCESS);
    fmlp_weights_release(w);
    clReleaseMemObject(up);
    clReleaseMemObject(down);
    clReleaseMemObject(small_buf);
    teardown(&f);
}

/* ---- contexts and devices */

Test(errors, context_selectors)
{
    fmlp_context *c = (fmlp_context *)0x1;
    EXPECT(fmlp_context_create_default("no-such-device-anywhere", &c), FMLP_ERROR_DEVICE_NOT_FOUND);
    cr_expect_null(c);
    EXPECT(fmlp_context_create_default("17:3", &c), FMLP_ERROR_DEVICE_NOT_FOUND);
    EXPECT(fmlp_context_create_default("1:", &c), FMLP_ERROR_INVALID_SELECTOR);
    EXPECT(fmlp_context_create_default(":0", &c), FMLP_ERROR_INVALID_SELECTOR);
    EXPECT(fmlp_context_create_default("   ", &c), FMLP_ERROR_INVALID_SELECTOR);
    EXPECT(fmlp_context_create_default(NULL, NULL), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_context_create(NULL, NULL, &c), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_context_create(NULL, NULL, NULL), FMLP_ERROR_NULL_POINTER);
    /* the environment variable is a selector too */
    setenv("FLASHMLP_DEVICE", "no-such-device-anywhere", 1);
    EXPECT(fmlp_context_create_default(NULL, &c), FMLP_ERROR_DEVICE_NOT_FOUND);
    unsetenv("FLASHMLP_DEVICE");
    /* and the good ones work */
    EXPECT(fmlp_context_create_default("0:0", &c), FMLP_SUCCESS);
    fmlp_context_release(c);
    EXPECT(fmlp_context_create_default(NULL, &c), FMLP_SUCCESS);
    fmlp_context_release(c);
}

Test(errors, context_queries)
{
    fmlp_device_info info;
    cl_command_queue q = NULL;
    char buf[64];
    EXPECT(fmlp_context_device_info(NULL, &info), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_context_create_queue(NULL, &q), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_context_tuning_info(NULL, buf, sizeof buf), FMLP_ERROR_NULL_POINTER);
    cr_expect_null(fmlp_context_cl_context(NULL));
    cr_expect_null(fmlp_context_cl_device(NULL));
    cr_expect_str_eq(fmlp_context_build_log(NULL), "");
    /* releasing NULL is allowed everywhere */
    fmlp_context_release(NULL);
    fmlp_plan_release(NULL);
    fmlp_weights_release(NULL);
}

Test(errors, status_strings)
{
    const int codes[] = {FMLP_SUCCESS, FMLP_ERROR_NULL_POINTER, FMLP_ERROR_INVALID_SIZE,
                         FMLP_ERROR_BATCH_TOO_LARGE, FMLP_ERROR_BUFFER_TOO_SMALL,
                         FMLP_ERROR_INVALID_ENUM, FMLP_ERROR_CONTEXT_MISMATCH,
                         FMLP_ERROR_MISSING_WEIGHT, FMLP_ERROR_UNEXPECTED_WEIGHT,
                         FMLP_ERROR_INVALID_PARAMETER, FMLP_ERROR_INVALID_SELECTOR,
                         FMLP_ERROR_MISALIGNED, FMLP_ERROR_WEIGHTS_MISMATCH, FMLP_ERROR_ALIASING,
                         FMLP_ERROR_BATCH_TOO_SMALL,
                         FMLP_ERROR_UNSUPPORTED_DTYPE, FMLP_ERROR_DEVICE_NOT_FOUND,
                         FMLP_ERROR_EXTENSION_MISSING, FMLP_ERROR_DEVICE_LIMIT,
                         FMLP_ERROR_NO_FITTING_KERNEL, FMLP_ERROR_BUILD_FAILED,
                         FMLP_ERROR_DATABASE_INVALID, FMLP_ERROR_DATABASE_NO_ENTRY,
                         FMLP_ERROR_OUT_OF_HOST_MEMORY, FMLP_ERROR_IO, FMLP_ERROR_CACHE_INVALID,
                         FMLP_ERROR_INTERNAL};
    const size_t n = sizeof codes / sizeof *codes;
    for (size_t i = 0; i < n; ++i) {
        const char *s = fmlp_status_string((fmlp_status)codes[i]);
        cr_assert_not_null(s);
        cr_expect_neq(strncmp(s, "unknown", 7), 0, "code %d has no name", codes[i]);
        for (size_t j = 0; j < i; ++j)
            cr_expect_str_neq(s, fmlp_status_string((fmlp_status)codes[j]));
    }
    cr_expect_str_eq(fmlp_status_string((fmlp_status)CL_OUT_OF_RESOURCES), "CL_OUT_OF_RESOURCES");
    cr_expect_str_eq(fmlp_status_string((fmlp_status)-9999), "unknown OpenCL error");
    cr_expect_str_eq(fmlp_status_string((fmlp_status)77777), "unknown FlashMLP status");
    const char *text = NULL;
    cr_expect_eq(fmlp_version(&text), FMLP_VERSION);
    cr_expect_str_eq(text, FMLP_VERSION_STRING);
}
