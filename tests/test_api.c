/* The API contract beyond single runs: determinism, offsets, caller buffers as weights,
 * events and wait lists, out-of-order queues, internal workspaces, threads, build logs. */
#include "common.h"
#include "internal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

TestSuite(api, .fini = leak_check);

static const char *const strategies[] = {
    "strategy=stream wgs=64 kl=8 ti=16 bt=2 vw=4 xc=64",
    "strategy=tiled mt=16 nt=16 kt=8 tm=2 tn=2 dmt=16 dnt=16 dkt=8 dtm=2 dtn=2",
    /* down as rows: the weights keep the caller's layout of down instead of down^T */
    "strategy=stream wgs=64 kl=8 ti=16 bt=2 vw=4 xc=64 dk=2 dc=8 dw=64 dr=16",
};
#define NSTRATEGIES ((int)(sizeof strategies / sizeof *strategies))

/* Two runs on the same inputs give bit-identical outputs, for each strategy. */
Test(api, deterministic)
{
    test_env e;
    env_open(&e);
    for (int s = 0; s < NSTRATEGIES; ++s) {
        fmlp_plan_desc d = make_desc(1000, 2731, FMLP_MLP_GATED, FMLP_ACT_SILU,
                                     FMLP_BIAS_UP | FMLP_BIAS_GATE | FMLP_BIAS_DOWN);
        d.overrides = strategies[s];
        mlp_case c;
        cr_assert_eq(mlp_case_init(&c, &d, 5, fresh_seed()), 0);
        mlp_run r;
        cr_assert_eq(mlp_run_setup(&r, e.ctx, e.queue, &c, 5), FMLP_SUCCESS);
        float *a = malloc(sizeof(float) * 5 * 1000), *b = malloc(sizeof(float) * 5 * 1000);
        cr_assert(a && b);
        cr_assert_eq(mlp_run_forward(&r, &c, a), FMLP_SUCCESS);
        cr_assert_eq(mlp_run_forward(&r, &c, b), FMLP_SUCCESS);
        cr_expect_eq(memcmp(a, b, sizeof(float) * 5 * 1000), 0, "%s: outputs differ between runs",
                     strategies[s]);
        cr_expect_eq(mlp_count_poison(a, 5 * 1000), 0);
        free(a);
        free(b);
        mlp_run_free(&r);
        mlp_case_free(&c);
    }
    env_close(&e);
}

/* x at element offsets that leave its vectors of four unaligned, in each activation format and
 * kernel family: where H is a multiple of 4 the kernels load x by vectors and fmlp_forward
 * copies x that starts off a multiple of 4 elements first; elsewhere they load it element by
 * element (formats.cl, fmlp_x4). H = 48 with offsets 1 and 3 (every row misaligned alike) and
 * H = 50 with offset 2 (rows alternately aligned). */
Test(api, unaligned_activations)
{
    test_env e;
    env_open(&e);
    static const char *const ovs[] = {
        "strategy=stream wgs=64 kl=8 ti=16 bt=2 vw=4 xc=64 xv=4",
        "strategy=tiled mt=16 nt=16 kt=8 tm=2 tn=2 dmt=16 dnt=16 dkt=8 dtm=2 dtn=2",
        "strategy=mma emu=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 dnt=32 dkt=16 dwm=1 dwn=2",
        "strategy=mmav emu=1",
    };
    static const fmlp_dtype acts[] = {FMLP_DTYPE_F32, FMLP_DTYPE_F16, FMLP_DTYPE_BF16};
    static const size_t shapes[][2] = {{48, 1}, {48, 3}, {50, 2}}; /* H, x offset (elements) */
    const size_t I = 40, B = 3;
    for (size_t o = 0; o < sizeof ovs / sizeof *ovs; ++o)
        for (size_t a = 0; a < sizeof acts / sizeof *acts; ++a)
            for (size_t s = 0; s < sizeof shapes / sizeof *shapes; ++s) {
                const size_t H = shapes[s][0], xo = shapes[s][1];
                fmlp_plan_desc d = make_desc(H, I, FMLP_MLP_GATED, FMLP_ACT_SILU,
                                             FMLP_BIAS_GATE | FMLP_BIAS_UP);
                d.act_dtype = acts[a];
                d.overrides = ovs[o];
                d.max_batch = B;
                mlp_case c;
                cr_assert_eq(mlp_case_init(&c, &d, B, fresh_seed()), 0);
                mlp_run r;
                const fmlp_status st = mlp_run_setup(&r, e.ctx, e.queue, &c, B);
                cr_assert_eq(st, FMLP_SUCCESS, "%s, H=%zu: %s", ovs[o], H, fmlp_status_string(st));
                const size_t es = mlp_dtype_size(acts[a]), n = B * H;
                unsigned char *xb = malloc((n + xo) * es);
                cr_assert_not_null(xb);
                memset(xb, 0x7f, xo * es); /* large values before x: read by mistake, they show */
                memcpy(xb + xo * es, mlp_case_x_data(&c), n * es);
                cl_mem x = make_buffer(&e, (n + xo) * es, xb);
                float *y = malloc(n * sizeof(float));
                cr_assert_not_null(y);
                cr_assert_eq(mlp_run_forward_x(&r, &c, x, xo * es, y), FMLP_SUCCESS);
                cr_expect_eq(mlp_count_poison(y, n), 0, "%s, H=%zu: outputs not written", ovs[o],
                             H);
                const double err_rel = mlp_rel_error(&c, y, NULL, 0), tol = mlp_tolerance(&d);
                cr_expect(err_rel <= tol, "%s, activations %zu bytes, H=%zu, x at +%zu: error %.3e",
                          ovs[o], es, H, xo, err_rel);
                clReleaseMemObject(x);
                free(xb);
                free(y);
                mlp_run_free(&r);
                mlp_case_free(&c);
            }
    env_close(&e);
}

/* Weights from the caller's buffers at byte offsets; x and y at offsets; no workspace given;
 * an out-of-order queue; a wait list and an output event. x at 2 rows, and at 2 rows and one
 * element, where fmlp_forward copies it first (the kernels load it by vectors of four): the
 * copy too waits for the list, and the kernels for the copy. */
Test(api, buffers_offsets_events)
{
    test_env e;
    env_open(&e);
    const size_t H = 48, I = 100, B = 3;
    for (int run = 0; run < 2 * NSTRATEGIES; ++run) {
        const int s = run / 2;
        fmlp_plan_desc d = make_desc(H, I, FMLP_MLP_GATED, FMLP_ACT_GELU_ERF,
                                     FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN);
        d.overrides = strategies[s];
        d.max_batch = B;
        mlp_case c;
        cr_assert_eq(mlp_case_init(&c, &d, B, fresh_seed()), 0);
        fmlp_plan *plan = NULL;
        cr_assert_eq(fmlp_plan_create(e.ctx, &d, &plan), FMLP_SUCCESS);

        /* all weights in one buffer, each at its own offset, like a checkpoint blob */
        const size_t mat = H * I, off[6] = {16, 16 + mat, 16 + 2 * mat, 16 + 3 * mat,
                                            16 + 3 * mat + I, 16 + 3 * mat + 2 * I};
        const size_t total = off[5] + H;
        float *blob = calloc(total, sizeof(float));
        cr_assert_not_null(blob);
        memcpy(blob + off[0], c.gate, mat * 4);
        memcpy(blob + off[1], c.up, mat * 4);
        memcpy(blob + off[2], c.down, mat * 4);
        memcpy(blob + off[3], c.b_gate, I * 4);
        memcpy(blob + off[4], c.b_up, I * 4);
        memcpy(blob + off[5], c.b_down, H * 4);
        cl_mem m = make_buffer(&e, total * 4, blob);
        fmlp_buffer_weights bw = {m, m, m, m, m, m, off[0] * 4, off[1] * 4, off[2] * 4,
                                  off[3] * 4, off[4] * 4, off[5] * 4};
        fmlp_weights *w = NULL;
        cr_assert_eq(fmlp_weights_create_buffers(plan, e.queue, &bw, &w), FMLP_SUCCESS);
        /* the source may change as soon as packing returns */
        float zeros[64] = {0};
        clEnqueueWriteBuffer(e.queue, m, CL_TRUE, off[2] * 4, sizeof zeros, zeros, 0, NULL, NULL);
        cr_expect_eq(fmlp_weights_device_bytes(w), (3 * mat + 2 * I + H) * 4);

        /* x at row offset 2 (and one element), y at offset 5 rows, in bigger buffers */
        const size_t xo = 2 * H + (size_t)(run % 2), yo = 5 * H;
        float *xbuf = calloc((B + 3) * H, sizeof(float));
        cr_assert_not_null(xbuf);
        memcpy(xbuf + xo, c.x, B * H * 4);
        cl_mem x = make_buffer(&e, (B + 3) * H * 4, xbuf);
        float *ybuf = malloc((B + 5) * H * sizeof(float));
        cr_assert_not_null(ybuf);
        mlp_poison(ybuf, (B + 5) * H);
        cl_mem y = make_buffer(&e, (B + 5) * H * 4, ybuf);

        cl_command_queue ooo = clCreateCommandQueue(
            fmlp_context_cl_context(e.ctx), fmlp_context_cl_device(e.ctx),
            CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, NULL);
        cl_command_queue q = ooo ? ooo : e.queue; /* PoCL supports out-of-order queues */
        cl_event gate = clCreateUserEvent(fmlp_context_cl_context(e.ctx), NULL);
        cr_assert_not_null(gate);
        cl_event done = NULL;
        cr_assert_eq(fmlp_forward(plan, w, q, B, x, xo * 4, y, yo * 4, NULL, 1, &gate, &done),
                     FMLP_SUCCESS);
        cr_assert_not_null(done);
        /* nothing may run before the wait list completes */
        cl_int status = 0;
        clGetEventInfo(done, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof status, &status, NULL);
        cr_expect_neq(status, CL_COMPLETE, "the forward pass ran before its wait list");
        clSetUserEventStatus(gate, CL_COMPLETE);
        cr_assert_eq(clWaitForEvents(1, &done), CL_SUCCESS);
        read_floats(e.queue, y, (B + 5) * H, ybuf);
        cr_expect_eq(mlp_count_poison(ybuf, yo), yo, "rows before the y offset were written");
        cr_expect_eq(mlp_count_poison(ybuf + yo, B * H), 0, "outputs not written");
        double err = mlp_rel_error(&c, ybuf + yo, NULL, 0);
        cr_expect(err <= TOL_F32, "%s, x at +%zu: error %.3e", strategies[s], xo, err);

        clReleaseEvent(done);
        clReleaseEvent(gate);
        if (ooo) clReleaseCommandQueue(ooo);
        clReleaseMemObject(x);
        clReleaseMemObject(y);
        clReleaseMemObject(m);
        free(blob);
        free(xbuf);
        free(ybuf);
        fmlp_weights_release(w);
        fmlp_plan_release(plan);
        mlp_case_free(&c);
    }
    env_close(&e);
}

/* mma's hp=1 plans keep their weight rows' power-of-two scales with the weights: packed here
 * from the caller's buffers at byte offsets (fp32 and bf16), counted in the device bytes, and
 * used by the forward pass (a wrong scale puts operands outside fp16's range: the error check
 * fails). */
Test(api, hp_weights_from_buffers)
{
    test_env e;
    env_open(&e);
    const size_t H = 48, I = 100, B = 5;
    static const fmlp_dtype wts[] = {FMLP_DTYPE_F32, FMLP_DTYPE_BF16};
    for (size_t k = 0; k < 2; ++k) {
        fmlp_plan_desc d = make_desc(H, I, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
        d.weight_dtype = wts[k];
        d.overrides = "strategy=mma emu=1 hp=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 dnt=16 dkt=16 dwm=1 "
                      "dwn=2 splits=2";
        d.max_batch = B;
        mlp_case c;
        cr_assert_eq(mlp_case_init(&c, &d, B, fresh_seed()), 0);
        /* rows far outside fp16's range: only their scales bring them back */
        for (size_t i = 0; i < H * I; ++i) {
            c.gate[i] *= 0x1p40f;
            c.up[i] *= 0x1p-40f;
            c.down[i] *= 0x1p30f;
        }
        const size_t es = k ? 2 : 4, mat = H * I * es, off[3] = {64, 64 + mat, 64 + 2 * mat};
        unsigned char *blob = calloc(off[2] + mat, 1);
        cr_assert_not_null(blob);
        const float *src[3] = {c.gate, c.up, c.down};
        for (int m = 0; m < 3; ++m)
            for (size_t i = 0; i < H * I; ++i) {
                if (k) { /* bf16: the values are exact in it when scaled by powers of two */
                    uint32_t b;
                    memcpy(&b, &src[m][i], 4);
                    const uint16_t h = (uint16_t)(b >> 16);
                    memcpy(blob + off[m] + 2 * i, &h, 2);
                } else {
                    memcpy(blob + off[m] + 4 * i, &src[m][i], 4);
                }
            }
        cl_mem m = make_buffer(&e, off[2] + mat, (const float *)(const void *)blob);
        fmlp_buffer_weights bw = {m, m, m, NULL, NULL, NULL, off[0], off[1], off[2], 0, 0, 0};
        fmlp_plan *plan = NULL;
        cr_assert_eq(fmlp_plan_create(e.ctx, &d, &plan), FMLP_SUCCESS);
        fmlp_weights *w = NULL;
        cr_assert_eq(fmlp_weights_create_buffers(plan, e.queue, &bw, &w), FMLP_SUCCESS);
        cr_expect_eq(fmlp_weights_device_bytes(w), 3 * mat + (2 * I + H) * 4);
        cl_mem x = make_buffer(&e, B * H * 4, c.x);
        float *y = malloc(B * H * sizeof(float));
        cr_assert_not_null(y);
        mlp_poison(y, B * H);
        cl_mem yb = make_buffer(&e, B * H * 4, y);
        cr_assert_eq(fmlp_forward(plan, w, e.queue, B, x, 0, yb, 0, NULL, 0, NULL, NULL),
                     FMLP_SUCCESS);
        read_floats(e.queue, yb, B * H, y);
        cr_expect_eq(mlp_count_poison(y, B * H), 0);
        const double err = mlp_rel_error(&c, y, NULL, 0);
        cr_expect(err <= mlp_tolerance(&d), "%s weights: error %.3e", k ? "bf16" : "f32", err);
        clReleaseMemObject(x);
        clReleaseMemObject(yb);
        clReleaseMemObject(m);
        free(y);
        free(blob);
        fmlp_weights_release(w);
        fmlp_plan_release(plan);
        mlp_case_free(&c);
    }
    env_close(&e);
}

/* mma's fw=1 plans fold the block formats' scales into gate/up's fp16 pairs with the rows'
 * powers of two bounded from the blocks at packing: here from the caller's buffers at byte
 * offsets (Q4_0, and affine 4-bit with its FMLP_IZ build), four bytes a row more than the same
 * weights for a plan without fw, and used by the forward pass (gate rows at 2^16: a scale
 * missing or wrong puts them outside fp16's range, and the error check fails). */
Test(api, folded_weights_from_buffers)
{
    test_env e;
    env_open(&e);
    const size_t H = 64, I = 96, B = 5;
    static const fmlp_dtype wts[] = {FMLP_DTYPE_Q4_0, FMLP_DTYPE_AFFINE_Q4};
    static const unsigned groups[] = {0, 32};
    for (size_t k = 0; k < 2; ++k) {
        fmlp_plan_desc d = make_desc(H, I, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
        d.weight_dtype = wts[k];
        d.group_size = groups[k];
        d.act_dtype = FMLP_DTYPE_F16;
        d.max_batch = B;
        mlp_case c;
        cr_assert_eq(mlp_case_init(&c, &d, B, fresh_seed()), 0);
        for (size_t i = 0; i < H * I; ++i) c.gate[i] *= 0x1p16f;
        cr_assert_eq(fmlp_quantize(d.weight_dtype, d.group_size, c.gate, I, H, c.gate_q,
                                   c.gate_q_bytes), FMLP_SUCCESS);
        cr_assert_eq(fmlp_dequantize(d.weight_dtype, d.group_size, c.gate_q, I, H, c.gate),
                     FMLP_SUCCESS);
        const size_t mat = c.gate_q_bytes, off[3] = {64, 64 + mat, 64 + 2 * mat};
        unsigned char *blob = calloc(off[2] + mat, 1);
        cr_assert_not_null(blob);
        memcpy(blob + off[0], c.gate_q, mat);
        memcpy(blob + off[1], c.up_q, mat);
        memcpy(blob + off[2], c.down_q, mat);
        cl_mem m = make_buffer(&e, off[2] + mat, blob);
        fmlp_buffer_weights bw = {m, m, m, NULL, NULL, NULL, off[0], off[1], off[2], 0, 0, 0};
        fmlp_plan *plan = NULL, *plain = NULL;
        d.overrides = "strategy=mma emu=1 iw=1 hp=1 fw=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 "
                      "dnt=32 dkt=16 dwm=1 dwn=2 splits=2";
        cr_assert_eq(fmlp_plan_create(e.ctx, &d, &plan), FMLP_SUCCESS);
        d.overrides = "strategy=mma emu=1 iw=1 hp=1 fw=0 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 "
                      "dnt=32 dkt=16 dwm=1 dwn=2 splits=2";
        cr_assert_eq(fmlp_plan_create(e.ctx, &d, &plain), FMLP_SUCCESS);
        fmlp_weights *w = NULL, *wp = NULL;
        cr_assert_eq(fmlp_weights_create_buffers(plan, e.queue, &bw, &w), FMLP_SUCCESS);
        cr_assert_eq(fmlp_weights_create_buffers(plain, e.queue, &bw, &wp), FMLP_SUCCESS);
        cr_expect_eq(fmlp_weights_device_bytes(w), fmlp_weights_device_bytes(wp) + (2 * I + H) * 4);
        /* weights without the rows' scales are refused by the plan that needs them */
        cl_mem x = make_buffer(&e, B * H * 2, mlp_case_x_data(&c));
        float *y = malloc(B * H * sizeof(float));
        cr_assert_not_null(y);
        cl_mem yb = make_buffer(&e, B * H * 2, NULL); /* y in f16, as x */
        cr_expect_eq(fmlp_forward(plan, wp, e.queue, B, x, 0, yb, 0, NULL, 0, NULL, NULL),
                     FMLP_ERROR_WEIGHTS_MISMATCH);
        cr_assert_eq(fmlp_forward(plan, w, e.queue, B, x, 0, yb, 0, NULL, 0, NULL, NULL),
                     FMLP_SUCCESS);
        uint16_t *yh = malloc(B * H * 2);
        cr_assert_not_null(yh);
        cr_assert_eq(clEnqueueReadBuffer(e.queue, yb, CL_TRUE, 0, B * H * 2, yh, 0, NULL, NULL),
                     CL_SUCCESS);
        cr_assert_eq(fmlp_dequantize(FMLP_DTYPE_F16, 0, yh, 1, B * H, y), FMLP_SUCCESS);
        free(yh);
        const double err = mlp_rel_error(&c, y, NULL, 0);
        cr_expect(err <= mlp_tolerance(&d), "format %zu: error %.3e", k, err);
        clReleaseMemObject(x);
        clReleaseMemObject(yb);
        clReleaseMemObject(m);
        free(y);
        free(blob);
        fmlp_weights_release(w);
        fmlp_weights_release(wp);
        fmlp_plan_release(plan);
        fmlp_plan_release(plain);
        mlp_case_free(&c);
    }
    env_close(&e);
}

/* Packing affine weights on an out-of-order queue: the zero-point check reads its flag only
 * after its kernels ran (integer zero points flagged as such; one block's moved by 0.5, not).
 * ops/integer_zero_points checks what each kind computes. */
Test(api, zero_point_check_out_of_order)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.weight_dtype = FMLP_DTYPE_AFFINE_Q4;
    d.group_size = 32;
    d.max_batch = 3;
    mlp_case c;
    cr_assert_eq(mlp_case_init(&c, &d, 3, fresh_seed()), 0);
    fmlp_plan *plan = NULL;
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &plan), FMLP_SUCCESS);
    cl_command_queue ooo = clCreateCommandQueue(fmlp_context_cl_context(e.ctx),
                                                fmlp_context_cl_device(e.ctx),
                                                CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, NULL);
    cl_command_queue q = ooo ? ooo : e.queue;
    for (int moved = 0; moved < 2; ++moved) {
        if (moved) { /* the last block of up: its zero point + 0.5, and the reference with it */
            const size_t nblk = d.intermediate * d.hidden / 32;
            uint8_t *f = (uint8_t *)c.up_q + (nblk - 1) * 20 + 2;
            const uint16_t z = fmlp_f32_to_f16(fmlp_f16_to_f32((uint16_t)(f[0] | f[1] << 8)) + 0.5f);
            f[0] = (uint8_t)z, f[1] = (uint8_t)(z >> 8);
            cr_assert_eq(fmlp_dequantize(d.weight_dtype, 32, c.up_q, d.intermediate, d.hidden,
                                         c.up),
                         FMLP_SUCCESS);
        }
        fmlp_host_weights hw = mlp_case_host_weights(&c);
        fmlp_weights *w = NULL;
        cr_assert_eq(fmlp_weights_create_host(plan, q, &hw, &w), FMLP_SUCCESS);
        cr_expect_eq(w->int_zeros, !moved, "int_zeros %d with %s zero points", w->int_zeros,
                     moved ? "a fractional" : "integer");
        fmlp_weights_release(w);
    }
    if (ooo) clReleaseCommandQueue(ooo);
    fmlp_plan_release(plan);
    mlp_case_free(&c);
    env_close(&e);
}

/* Objects may be released in any order: weights keep their plan, plans their context. */
Test(api, release_order)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(16, 24, FMLP_MLP_PLAIN, FMLP_ACT_RELU, 0);
    mlp_case c;
    cr_assert_eq(mlp_case_init(&c, &d, 1, fresh_seed()), 0);
    fmlp_plan *p = NULL;
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS);
    fmlp_host_weights hw = mlp_case_host_weights(&c);
    fmlp_weights *w = NULL;
    cr_assert_eq(fmlp_weights_create_host(p, e.queue, &hw, &w), FMLP_SUCCESS);
    cl_command_queue q = e.queue;
    clRetainCommandQueue(q);
    fmlp_context_release(e.ctx);
    fmlp_plan_release(p);
    /* w keeps its plan and the plan its context: both are still usable through w */
    cr_expect_gt(fmlp_weights_device_bytes(w), 0);
    fmlp_weights_release(w);
    clReleaseCommandQueue(e.queue);
    clReleaseCommandQueue(q);
    mlp_case_free(&c);
}

typedef struct thread_arg {
    test_env *e;
    mlp_run *r;
    mlp_case *c;
    int ok;
} thread_arg;

static void *worker(void *p)
{
    thread_arg *a = p;
    cl_command_queue q = NULL;
    a->ok = 0;
    if (fmlp_context_create_queue(a->e->ctx, &q) != FMLP_SUCCESS) return NULL;
    size_t n = a->c->batch * a->c->desc.hidden;
    float *y = malloc(sizeof(float) * n);
    cl_mem yb = clCreateBuffer(fmlp_context_cl_context(a->e->ctx), CL_MEM_READ_WRITE, n * 4, NULL,
                               NULL);
    cl_mem ws = NULL;
    size_t wsb = 0;
    fmlp_plan_workspace_size(a->r->plan, a->c->batch, &wsb);
    if (wsb)
        ws = clCreateBuffer(fmlp_context_cl_context(a->e->ctx), CL_MEM_READ_WRITE, wsb, NULL, NULL);
    int good = y && yb && (!wsb || ws);
    for (int k = 0; k < 8 && good; ++k) {
        good = fmlp_forward(a->r->plan, a->r->weights, q, a->c->batch, a->r->x, 0, yb, 0, ws, 0,
                            NULL, NULL) == FMLP_SUCCESS &&
               clEnqueueReadBuffer(q, yb, CL_TRUE, 0, n * 4, y, 0, NULL, NULL) == CL_SUCCESS &&
               mlp_rel_error(a->c, y, NULL, 0) <= TOL_F32;
    }
    a->ok = good;
    free(y);
    if (yb) clReleaseMemObject(yb);
    if (ws) clReleaseMemObject(ws);
    clReleaseCommandQueue(q);
    return NULL;
}

/* Several threads share one plan and weights, each with its own queue and output. */
Test(api, threads_share_a_plan)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(64, 160, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    mlp_case c;
    cr_assert_eq(mlp_case_init(&c, &d, 3, fresh_seed()), 0);
    mlp_run r;
    cr_assert_eq(mlp_run_setup(&r, e.ctx, e.queue, &c, 3), FMLP_SUCCESS);
    cr_assert_eq(clEnqueueWriteBuffer(e.queue, r.x, CL_TRUE, 0, 3 * 64 * 4, c.x, 0, NULL, NULL),
                 CL_SUCCESS);
    pthread_t t[4];
    thread_arg a[4];
    for (int i = 0; i < 4; ++i) {
        a[i] = (thread_arg){&e, &r, &c, 0};
        cr_assert_eq(pthread_create(&t[i], NULL, worker, &a[i]), 0);
    }
    for (int i = 0; i < 4; ++i) {
        pthread_join(t[i], NULL);
        cr_expect(a[i].ok, "thread %d computed a wrong result", i);
    }
    mlp_run_free(&r);
    mlp_case_free(&c);
    env_close(&e);
}

/* A plan reports where its parameters came from; the batch range picks the variant. */
Test(api, describe_and_overrides)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(64, 160, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.max_batch = 64;
    fmlp_plan *p = NULL;
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS);
    char buf[512];
    cr_assert_eq(fmlp_plan_describe(p, 1, buf, sizeof buf), FMLP_SUCCESS);
    cr_expect(strstr(buf, "strategy=") && strstr(buf, "from "), "%s", buf);
    cr_expect_eq(fmlp_plan_get_desc(p)->max_batch, 64);
    fmlp_plan_release(p);
    /* code overrides win and say so */
    d.overrides = "strategy=tiled mt=8 nt=8 kt=4 tm=2 tn=2";
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS);
    cr_assert_eq(fmlp_plan_describe(p, 1, buf, sizeof buf), FMLP_SUCCESS);
    cr_expect(strstr(buf, "strategy=tiled mt=8 nt=8 kt=4 tm=2 tn=2") != NULL, "%s", buf);
    cr_expect(strstr(buf, "override") != NULL, "%s", buf);
    cr_expect_str_eq(fmlp_plan_get_desc(p)->overrides, d.overrides);
    cr_expect_neq(fmlp_plan_get_desc(p)->overrides, d.overrides, "the plan must keep a copy");
    fmlp_plan_release(p);
    /* the environment variable applies too, under the code's overrides */
    setenv("FLASHMLP_OVERRIDES", "strategy=stream wgs=64 kl=4", 1);
    d.overrides = "ti=32";
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS);
    cr_assert_eq(fmlp_plan_describe(p, 1, buf, sizeof buf), FMLP_SUCCESS);
    cr_expect(strstr(buf, "strategy=stream") && strstr(buf, "kl=4") && strstr(buf, "ti=32"), "%s",
              buf);
    unsetenv("FLASHMLP_OVERRIDES");
    fmlp_plan_release(p);
    /* keys alone may belong to different strategies: an entry takes its own strategy's and its
     * origin names the ones it left out, instead of a bare "+override" */
    d.overrides = "rs=1 mt=64";
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS);
    cr_assert_eq(fmlp_plan_describe(p, 1, buf, sizeof buf), FMLP_SUCCESS);
    cr_expect(strstr(buf, "strategy=stream") && strstr(buf, "+override (not stream's: mt)"), "%s",
              buf);
    fmlp_plan_release(p);
    d.overrides = "rs=1";
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS);
    cr_assert_eq(fmlp_plan_describe(p, 1, buf, sizeof buf), FMLP_SUCCESS);
    cr_expect(strstr(buf, "+override") && !strstr(buf, "(not "), "%s", buf);
    fmlp_plan_release(p);
    env_close(&e);
}

/* A failed build says so and keeps its log; the next identical request builds again. */
Test(api, build_log)
{
    test_env e;
    env_open(&e);
    static const char *const files[] = {"pack.cl"};
    cl_program prog = NULL;
    fmlp_status st = fmlp_program_get(e.ctx, "#error forced_failure_for_the_test\n", files, 1, &prog);
    cr_expect_eq(st, FMLP_ERROR_BUILD_FAILED, "%s", fmlp_status_string(st));
    cr_expect_null(prog);
    cr_expect(strstr(fmlp_context_build_log(e.ctx), "forced_failure_for_the_test") != NULL,
              "build log: %s", fmlp_context_build_log(e.ctx));
    /* a good build is cached: the same request returns the same program */
    cl_program a = NULL, b = NULL;
    cr_assert_eq(fmlp_program_get(e.ctx, "", files, 1, &a), FMLP_SUCCESS);
    cr_assert_eq(fmlp_program_get(e.ctx, "", files, 1, &b), FMLP_SUCCESS);
    cr_expect_eq(a, b);
    clReleaseProgram(a);
    clReleaseProgram(b);
    env_close(&e);
}

/* The caller's own context and device. */
Test(api, borrowed_context)
{
    cl_platform_id plat;
    cl_device_id dev;
    cr_assert_eq(clGetPlatformIDs(1, &plat, NULL), CL_SUCCESS);
    cr_assert_eq(clGetDeviceIDs(plat, CL_DEVICE_TYPE_ALL, 1, &dev, NULL), CL_SUCCESS);
    cl_int err;
    cl_context cl = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    cr_assert_not_null(cl);
    fmlp_context *ctx = NULL;
    cr_assert_eq(fmlp_context_create(cl, dev, &ctx), FMLP_SUCCESS);
    clReleaseContext(cl); /* the FlashMLP context keeps its own reference */
    test_env e = {ctx, NULL};
    cr_assert_eq(fmlp_context_create_queue(ctx, &e.queue), FMLP_SUCCESS);
    check_case(&e, make_desc(24, 40, FMLP_MLP_PLAIN, FMLP_ACT_RELU2, FMLP_BIAS_DOWN), 2, NULL,
               TOL_F32);
    fmlp_device_info info;
    cr_assert_eq(fmlp_context_device_info(ctx, &info), FMLP_SUCCESS);
    cr_expect_gt(info.compute_units, 0);
    cr_expect_gt(strlen(info.vendor), 0);
    env_close(&e);
}

/* Profiling reports every kernel of the pass, and refuses queues without profiling. */
Test(api, forward_profile)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(48, 100, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
    d.overrides = strategies[0]; /* stream: the fused kernel and the split reduction */
    mlp_case c;
    cr_assert_eq(mlp_case_init(&c, &d, 2, fresh_seed()), 0);
    mlp_run r;
    cr_assert_eq(mlp_run_setup(&r, e.ctx, e.queue, &c, 2), FMLP_SUCCESS);
    fmlp_kernel_time t[4];
    int n = 4;
    cr_assert_eq(fmlp_forward_profile(r.plan, r.weights, e.queue, 2, r.x, 0, r.y, 0, r.workspace,
                                      t, &n),
                 FMLP_SUCCESS);
    cr_expect_eq(n, 2, "stream with splits launches two kernels, reported %d", n);
    cr_expect_str_eq(t[0].name, "fmlp_stream_mlp");
    cr_expect_str_eq(t[1].name, "fmlp_reduce_splits");
    cr_expect(t[0].us > 0 && t[1].us >= 0);
    n = 1; /* less room than kernels: the count still says how many ran */
    cr_assert_eq(fmlp_forward_profile(r.plan, r.weights, e.queue, 2, r.x, 0, r.y, 0, r.workspace,
                                      t, &n),
                 FMLP_SUCCESS);
    cr_expect_eq(n, 2);
    cl_command_queue plain = clCreateCommandQueue(fmlp_context_cl_context(e.ctx),
                                                  fmlp_context_cl_device(e.ctx), 0, NULL);
    cr_assert_not_null(plain);
    n = 4;
    cr_expect_eq(fmlp_forward_profile(r.plan, r.weights, plain, 2, r.x, 0, r.y, 0, r.workspace, t,
                                      &n),
                 (fmlp_status)CL_PROFILING_INFO_NOT_AVAILABLE);
    cr_expect_eq(fmlp_forward_profile(r.plan, r.weights, e.queue, 2, r.x, 0, r.y, 0, r.workspace,
                                      t, NULL),
                 FMLP_ERROR_NULL_POINTER);
    clReleaseCommandQueue(plain);
    mlp_run_free(&r);
    mlp_case_free(&c);
    env_close(&e);
}

/* NVIDIA's driver reports 256 work-items for every kernel, so the plan check reads ptxas's
 * register counts from the build log instead: 65536 registers a work-group, allocated 256 a
 * warp. The log is NVIDIA's (-cl-nv-verbose) as a driver 580 wrote it. */
Test(api, nvidia_register_limit)
{
    static const char log[] =
        "(): Warning: Function fmlp_stream_down is a kernel, so overriding noinline attribute.\n"
        "ptxas info    : 0 bytes gmem\n"
        "ptxas info    : Compiling entry function 'fmlp_stream_down' for 'sm_90a'\n"
        "ptxas info    : Function properties for fmlp_stream_down\n"
        "ptxas         .     0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads\n"
        "ptxas info    : Used 32 registers, used 1 barriers, 16400 bytes smem\n"
        "ptxas info    : Compiling entry function 'fmlp_stream_mlp' for 'sm_90a'\n"
        "ptxas info    : Function properties for fmlp_stream_mlp\n"
        "ptxas info    : Used 70 registers, used 1 barriers, 16528 bytes smem\n"
        "ptxas info    : Compiling entry function 'fmlp_mma_gateup' for 'sm_90a'\n"
        "ptxas info    : Used 246 registers, used 1 barriers, 30000 bytes smem\n"
        "ptxas info    : Compiling entry function 'fmlp_reduce_splits' for 'sm_90a'\n"
        "ptxas info    : Compiling entry function 'fmlp_other' for 'sm_90a'\n"
        "ptxas info    : Used 128 registers, used 0 barriers\n";
    cr_expect_eq(fmlp_nv_log_threads(log, "fmlp_stream_down", 1024), 1024);
    cr_expect_eq(fmlp_nv_log_threads(log, "fmlp_stream_down", 256), 256);
    /* 70 registers: 2304 a warp, 28 warps */
    cr_expect_eq(fmlp_nv_log_threads(log, "fmlp_stream_mlp", 1024), 896);
    /* 246: 7936 a warp, 8 warps */
    cr_expect_eq(fmlp_nv_log_threads(log, "fmlp_mma_gateup", 1024), 256);
    cr_expect_eq(fmlp_nv_log_threads(log, "fmlp_other", 1024), 512);
    /* no count of its own (the next kernel's is not taken), absent, a prefix of another name */
    cr_expect_eq(fmlp_nv_log_threads(log, "fmlp_reduce_splits", 1024), 0);
    cr_expect_eq(fmlp_nv_log_threads(log, "fmlp_absent", 1024), 0);
    cr_expect_eq(fmlp_nv_log_threads(log, "fmlp_stream", 1024), 0);
    cr_expect_eq(fmlp_nv_log_threads("", "fmlp_stream_mlp", 1024), 0);
    cr_expect_eq(fmlp_nv_log_threads(NULL, "fmlp_stream_mlp", 1024), 0);
    cr_expect_eq(fmlp_nv_log_threads("entry function 'k' Used many registers", "k", 1024), 0);

    /* what the program cache keeps of such a log (and stores with its disk entries): the
     * lines naming kernels and their counts, which give the same limits */
    char *lines = fmlp_register_lines(log);
    cr_assert_not_null(lines);
    cr_expect_null(strstr(lines, "Warning"));
    cr_expect_null(strstr(lines, "spill"));
    cr_expect_null(strstr(lines, "Function properties"));
    cr_expect_eq(fmlp_nv_log_threads(lines, "fmlp_stream_mlp", 1024), 896);
    cr_expect_eq(fmlp_nv_log_threads(lines, "fmlp_mma_gateup", 1024), 256);
    cr_expect_eq(fmlp_nv_log_threads(lines, "fmlp_reduce_splits", 1024), 0);
    free(lines);
    cr_expect_null(fmlp_register_lines("ptxas info    : 0 bytes gmem\n"));
    cr_expect_null(fmlp_register_lines(NULL));
}

/* Where NVIDIA's driver serves a program from its own compute cache, ptxas does not run and
 * the build log has no register counts; the PTX's .reqntid (or .maxntid) then says how many
 * threads ptxas had to fit (program.c keeps those as lines the plan check reads). */
Test(api, nvidia_ptx_threads)
{
    static const char ptx[] =
        "//\n.version 8.5\n.target sm_90a\n.address_size 64\n\n"
        "\t// .globl\tfmlp_stream_mlp\n"
        ".visible .entry fmlp_stream_mlp(\n"
        "\t.param .u64 .ptr .global .align 4 fmlp_stream_mlp_param_0,\n"
        "\t.param .u32 fmlp_stream_mlp_param_1\n)\n"
        ".reqntid 512, 1, 1\n{\n\t.reg .b32 %r<9>;\n\tret;\n}\n"
        ".entry fmlp_stream_mlp_tail(\n\t.param .u64 p0\n)\n.maxntid 1024\n{\n\tret;\n}\n"
        ".entry fmlp_reduce_splits(\n\t.param .u64 p0\n)\n{\n\t// .reqntid 64, 1, 1 inside a body is no directive\n}\n"
        ".entry fmlp_two_d(\n\t.param .u64 p0\n)\n.reqntid 16, 8\n{\n}\n"
        ".entry fmlp_bad(\n\t.param .u64 p0\n)\n.reqntid 0, 1, 1\n{\n}\n";
    char *lines = fmlp_ptx_thread_lines(ptx);
    cr_assert_not_null(lines);
    cr_expect_str_eq(lines, "ptx entry 'fmlp_stream_mlp' threads 512\n"
                            "ptx entry 'fmlp_stream_mlp_tail' threads 1024\n"
                            "ptx entry 'fmlp_two_d' threads 128\n");
    cr_expect_eq(fmlp_nv_log_threads(lines, "fmlp_stream_mlp", 1024), 512);
    cr_expect_eq(fmlp_nv_log_threads(lines, "fmlp_stream_mlp_tail", 1024), 1024);
    cr_expect_eq(fmlp_nv_log_threads(lines, "fmlp_stream_mlp_tail", 768), 768);
    cr_expect_eq(fmlp_nv_log_threads(lines, "fmlp_two_d", 1024), 128);
    cr_expect_eq(fmlp_nv_log_threads(lines, "fmlp_reduce_splits", 1024), 0);
    cr_expect_eq(fmlp_nv_log_threads(lines, "fmlp_bad", 1024), 0);
    cr_expect_eq(fmlp_nv_log_threads(lines, "fmlp_stream", 1024), 0);
    free(lines);
    cr_expect_null(fmlp_ptx_thread_lines(NULL));
    cr_expect_null(fmlp_ptx_thread_lines(""));
    cr_expect_null(fmlp_ptx_thread_lines(".entry k(\n)\n{\n}\n"));
    cr_expect_null(fmlp_ptx_thread_lines(".entry k(\n)\n.reqntid 64, 1, 1\n")); /* no body */
    cr_expect_null(fmlp_ptx_thread_lines(".entry k(\n)\n.reqntid 1024, 1024, 1\n{\n}\n"));
}

/* Programs built or loaded from disk between two readings of the counts. */
static long long programs_fetched(const fmlp_program_stats *a, const fmlp_program_stats *b)
{
    return (long long)(b->source_builds + b->disk_hits - a->source_builds - a->disk_hits);
}

/* min_batch: a plan builds kernels for min_batch..max_batch only. With a database whose B=1-4
 * and B=5- entries differ, a plan for 5-8 fetches one program, the one for 1-8 one more (the
 * first is in the context's memory by then); batches below min_batch are refused by every
 * batch query and by fmlp_forward, which leaves y alone; the batches it has are right. 0 reads
 * as 1. */
Test(api, min_batch)
{
    test_env e;
    env_open(&e);
    static const char db[] =
        "flashmlp-tuning 1\ndevice vendor=generic measured=no\n"
        "entry H=48 I=80 B=1-4 strategy=stream wgs=64 kl=8 ti=16 bt=2 vw=4 xc=64\n"
        "entry H=48 I=80 B=5- strategy=stream wgs=64 kl=16 ti=8 bt=1 vw=2 xc=64\n";
    fmlp_databases_add_text(e.ctx, db, "test-min-batch.db", 1);
    fmlp_plan_desc d = make_desc(48, 80, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.min_batch = 5;
    d.max_batch = 8;
    fmlp_program_stats a, b;
    fmlp_program_stats_get(&a);
    fmlp_plan *p5 = NULL, *p1 = NULL;
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p5), FMLP_SUCCESS);
    fmlp_program_stats_get(&b);
    cr_expect_eq(programs_fetched(&a, &b), 1, "a plan for B = 5-8 fetched %lld programs",
                 programs_fetched(&a, &b));
    d.min_batch = 0; /* reads as 1 */
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p1), FMLP_SUCCESS);
    fmlp_program_stats_get(&a);
    cr_expect_eq(programs_fetched(&b, &a), 1, "the plan for B = 1-8 fetched %lld more",
                 programs_fetched(&b, &a));
    cr_expect_eq(fmlp_plan_get_desc(p5)->min_batch, 5);
    cr_expect_eq(fmlp_plan_get_desc(p1)->min_batch, 1);
    char how[600];
    size_t bytes = 0;
    cr_expect_eq(fmlp_plan_describe(p5, 4, how, sizeof how), FMLP_ERROR_BATCH_TOO_SMALL);
    cr_expect_eq(fmlp_plan_workspace_size(p5, 4, &bytes), FMLP_ERROR_BATCH_TOO_SMALL);
    cr_expect_eq(fmlp_plan_workspace_size(p5, 8, &bytes), FMLP_SUCCESS);
    cr_assert_eq(fmlp_plan_describe(p5, 5, how, sizeof how), FMLP_SUCCESS);
    cr_expect(strstr(how, "kl=16") && strstr(how, "batch 5-8"), "B=5 of the 5-8 plan: %s", how);
    cr_assert_eq(fmlp_plan_describe(p1, 4, how, sizeof how), FMLP_SUCCESS);
    cr_expect(strstr(how, "kl=8") && strstr(how, "batch 1-4"), "B=4 of the 1-8 plan: %s", how);
    fmlp_plan_release(p5);
    fmlp_plan_release(p1);

    d.min_batch = 5;
    mlp_case c;
    const uint64_t seed = fresh_seed();
    cr_assert_eq(mlp_case_init(&c, &d, 8, seed), 0);
    mlp_run r;
    cr_assert_eq(mlp_run_setup(&r, e.ctx, e.queue, &c, 8), FMLP_SUCCESS);
    float y[4 * 48];
    c.batch = 4;
    const fmlp_status st = mlp_run_forward(&r, &c, y);
    cr_expect_eq(st, FMLP_ERROR_BATCH_TOO_SMALL, "B=4: %s", fmlp_status_string(st));
    for (size_t bt = 5; bt <= 8; ++bt) check_run(&r, &c, bt, TOL_F32, seed);
    mlp_run_free(&r);
    mlp_case_free(&c);
    env_close(&e);
}

/* A plan's programs are built in several threads at once (FLASHMLP_BUILD_THREADS), and several
 * threads creating plans on one context at once share its programs: each distinct program is
 * built once, whoever asks first, and every range gets its own entry and right results. */
typedef struct plan_arg {
    test_env *e;
    const fmlp_plan_desc *d;
    fmlp_plan *plan;
    fmlp_status st;
} plan_arg;

static void *plan_worker(void *p)
{
    plan_arg *a = p;
    a->st = fmlp_plan_create(a->e->ctx, a->d, &a->plan);
    return NULL;
}

Test(api, programs_built_at_once)
{
    cr_assert_eq(setenv("FLASHMLP_BUILD_THREADS", "3", 1), 0);
    test_env e;
    env_open(&e);
    /* four ranges with four different programs */
    static const char db[] =
        "flashmlp-tuning 1\ndevice vendor=generic measured=no\n"
        "entry H=48 I=80 B=1-2 strategy=stream wgs=64 kl=8 ti=16 bt=2 vw=4 xc=64\n"
        "entry H=48 I=80 B=3-4 strategy=stream wgs=64 kl=16 ti=8 bt=1 vw=2 xc=64\n"
        "entry H=48 I=80 B=5-6 strategy=stream wgs=64 kl=8 ti=8 bt=2 vw=2 xc=64\n"
        "entry H=48 I=80 B=7- strategy=stream wgs=64 kl=16 ti=16 bt=1 vw=4 xc=64\n";
    fmlp_databases_add_text(e.ctx, db, "test-build-threads.db", 1);
    fmlp_plan_desc d = make_desc(48, 80, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.max_batch = 8;
    fmlp_program_stats a, b;
    fmlp_program_stats_get(&a);
    pthread_t t[4];
    plan_arg pa[4];
    for (int i = 0; i < 4; ++i) {
        pa[i] = (plan_arg){&e, &d, NULL, FMLP_ERROR_INTERNAL};
        cr_assert_eq(pthread_create(&t[i], NULL, plan_worker, &pa[i]), 0);
    }
    for (int i = 0; i < 4; ++i) pthread_join(t[i], NULL);
    fmlp_program_stats_get(&b);
    cr_expect_eq(programs_fetched(&a, &b), 4,
                 "four plans of the same four programs, made at once, fetched %lld programs",
                 programs_fetched(&a, &b));
    static const char *const want[] = {"kl=8 ti=16 bt=2", "kl=16 ti=8 bt=1", "kl=8 ti=8 bt=2",
                                       "kl=16 ti=16 bt=1"};
    for (int i = 0; i < 4; ++i) {
        cr_assert_eq(pa[i].st, FMLP_SUCCESS, "plan %d: %s", i, fmlp_status_string(pa[i].st));
        for (size_t bt = 1; bt <= 8; ++bt) {
            char how[600];
            cr_assert_eq(fmlp_plan_describe(pa[i].plan, bt, how, sizeof how), FMLP_SUCCESS);
            cr_expect(strstr(how, want[(bt - 1) / 2]) != NULL, "plan %d, B=%zu: %s", i, bt, how);
        }
        fmlp_plan_release(pa[i].plan);
    }

    /* a fifth plan finds every program in the context: none is built again */
    fmlp_plan *p5 = NULL;
    fmlp_program_stats_get(&a);
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p5), FMLP_SUCCESS);
    fmlp_program_stats_get(&b);
    cr_expect_eq(programs_fetched(&a, &b), 0, "a fifth plan fetched %lld programs",
                 programs_fetched(&a, &b));
    fmlp_plan_release(p5);

    mlp_case c;
    const uint64_t seed = fresh_seed();
    cr_assert_eq(mlp_case_init(&c, &d, 8, seed), 0);
    mlp_run r;
    cr_assert_eq(mlp_run_setup(&r, e.ctx, e.queue, &c, 8), FMLP_SUCCESS);
    for (size_t bt = 1; bt <= 8; ++bt) check_run(&r, &c, bt, TOL_F32, seed);
    mlp_run_free(&r);
    mlp_case_free(&c);
    env_close(&e);
}

/* desc.accumulate (common.c, check_accumulate) where each kernel family stores y: the stream
 * kernel's single slice at each vector width, reduce.cl after slices (whole, and in chunks of
 * rows), the two-kernel forms'
 * down kernels, tiled, and the emulated tensor-core kernels with one split and with several;
 * on NVIDIA the fused reduction and the fused rows form too. Only 0 and 1 are accepted. */
Test(api, accumulate)
{
    test_env e;
    env_open(&e);
    const fmlp_dtype F32 = FMLP_DTYPE_F32, F16 = FMLP_DTYPE_F16, BF16 = FMLP_DTYPE_BF16;
    const fmlp_precision EX = FMLP_PRECISION_EXACT, I8 = FMLP_PRECISION_INT8_DOT;
    const acc_case cases[] = {
        /* the stream kernel, one slice: y stored by VW 1, 2, 4 (fp32) and 8 (f16 weights) */
        {F32, F32, EX, "strategy=stream wgs=64 kl=8 ti=96 bt=2 vw=1 xc=64", 0},
        {F32, F32, EX, "strategy=stream wgs=64 kl=8 ti=96 bt=2 vw=2 xc=64", 0},
        {F32, F32, EX, "strategy=stream wgs=64 kl=8 ti=96 bt=2 vw=4 xc=64", 0},
        {F32, FMLP_DTYPE_F16, EX, "strategy=stream wgs=64 kl=8 ti=96 bt=2 vw=8 xc=64", 0},
        /* slices and reduce.cl (also in chunks of two rows, one launch pair each); int8 dot
         * products with bf16 partial sums */
        {F32, F32, EX, "strategy=stream wgs=64 kl=8 ti=16 bt=2 vw=4 xc=64", 0},
        {F32, F32, EX, "strategy=stream wgs=64 kl=8 ti=16 bt=2 vw=4 xc=64 ch=2", 0},
        {F32, FMLP_DTYPE_Q4_0, I8, "strategy=stream wgs=64 kl=8 ti=32 bt=2 xc=64 ps=1", 0},
        /* two kernels: the down kernel over all of I (one split), over three, rows of down */
        {F32, F32, EX, "strategy=stream wgs=64 kl=4 ti=96 bt=2 vw=4 xc=64 dk=1 dsp=1 dc=32 dw=64 dr=1", 0},
        {F32, F32, EX, "strategy=stream wgs=64 kl=4 ti=32 bt=2 vw=4 xc=64 dk=1 dsp=3 dc=32 dw=64 dr=3", 0},
        {F32, F32, EX, "strategy=stream wgs=64 kl=8 ti=16 bt=2 vw=4 xc=64 dk=2 dc=8 dw=64 dr=16", 0},
        {F32, F32, EX, "strategy=tiled mt=16 nt=16 kt=8 tm=2 tn=2 dmt=16 dnt=16 dkt=8 dtm=2 dtn=2", 0},
        /* tensor cores (emulated off NVIDIA): one split writes y, two go through reduce.cl */
        {F32, F32, EX, "strategy=mma emu=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 dnt=32 dkt=16 dwm=1 dwn=2", 0},
        {F32, F32, EX, "strategy=mma emu=1 hp=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 dnt=32 dkt=16 "
                       "dwm=1 dwn=2 splits=2", 0},
        {F32, F32, EX, "strategy=mmav emu=1 splits=1", 0},
        {F32, F32, EX, "strategy=mmav emu=1 splits=2", 0},
        {F32, FMLP_DTYPE_Q4_0, I8, "strategy=mmaq emu=1 wg=2 kw=2 fb=1 ku=2 dwg=2 dfb=8 dku=2 splits=1", 0},
        /* 16-bit y */
        {F16, F32, EX, "strategy=stream wgs=64 kl=8 ti=96 bt=2 vw=4 xc=64", 0},
        {BF16, F32, EX, "strategy=stream wgs=64 kl=8 ti=16 bt=2 vw=4 xc=64", 0},
        {F16, F32, EX, "strategy=mma emu=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 dnt=32 dkt=16 dwm=1 dwn=2", 0},
        {BF16, F32, EX, "strategy=tiled mt=16 nt=16 kt=8 tm=2 tn=2 dmt=16 dnt=16 dkt=8 dtm=2 dtn=2", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) check_accumulate(&e, &cases[i]);
    if (env_nvidia_sm(&e)) { /* the fused reduction and the fused rows form: NVIDIA only */
        const acc_case nv[] = {
            {F32, F32, EX, "strategy=stream wgs=64 kl=8 ti=16 bt=2 vw=4 xc=64 fr=1", 0},
            {F32, F32, EX, "strategy=stream wgs=64 kl=8 ti=16 bt=2 vw=4 xc=64 dk=2 dg=1 dc=8 dw=64 dr=16", 0},
        };
        for (size_t i = 0; i < sizeof nv / sizeof *nv; ++i) check_accumulate(&e, &nv[i]);
    }
    /* only 0 and 1 */
    fmlp_plan_desc d = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    fmlp_plan *p = NULL;
    d.accumulate = 2;
    cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_ENUM);
    d.accumulate = -1;
    cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_ENUM);
    cr_expect_null(p);
    env_close(&e);
}
