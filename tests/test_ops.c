/* Correctness of every op, activation and bias setting against the double-precision
 * reference, on shapes that are not multiples of any tile, for each strategy. */
#include "common.h"
#include "internal.h"

#include <criterion/parameterized.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(ops, .fini = leak_check);

typedef struct op_param {
    fmlp_mlp_kind kind;
    fmlp_activation act;
    unsigned biases;
} op_param;

static const char *op_name(const op_param *p)
{
    static char buf[64];
    static const char *const acts[] = {"relu", "gelu_erf", "gelu_tanh", "silu", "relu2"};
    snprintf(buf, sizeof buf, "%s %s %s", p->kind == FMLP_MLP_GATED ? "gated" : "plain",
             acts[p->act], p->biases ? "with biases" : "no biases");
    return buf;
}

ParameterizedTestParameters(ops, every_op)
{
    static op_param params[20];
    int n = 0;
    for (int kind = 0; kind < 2; ++kind)
        for (int act = 0; act < 5; ++act)
            for (int bias = 0; bias < 2; ++bias) {
                unsigned b = 0;
                if (bias) b = FMLP_BIAS_UP | FMLP_BIAS_DOWN | (kind ? FMLP_BIAS_GATE : 0);
                params[n++] = (op_param){(fmlp_mlp_kind)kind, (fmlp_activation)act, b};
            }
    return cr_make_param_array(op_param, params, n);
}

/* H = 1000, I = 2731 at B = 1 and 7 with the database's choice, the tiled strategy forced at
 * B = 7 and 40, and a scaled-down Llama shape at B = 3. */
ParameterizedTest(op_param *p, ops, every_op)
{
    test_env e;
    env_open(&e);
    cr_log_info("%s", op_name(p));
    fmlp_plan_desc d = make_desc(1000, 2731, p->kind, p->act, p->biases);
    check_case(&e, d, 1, NULL, TOL_F32);
    check_case(&e, d, 7, NULL, TOL_F32);
    check_case(&e, d, 7, "strategy=tiled mt=32 nt=32 kt=8 tm=4 tn=4 dmt=32 dnt=32 dkt=8 dtm=4 dtn=4",
               TOL_F32);
    check_case(&e, d, 40, "strategy=tiled mt=32 nt=32 kt=8 tm=4 tn=4 dmt=32 dnt=32 dkt=8 dtm=4 dtn=4",
               TOL_F32);
    d = make_desc(256, 896, p->kind, p->act, p->biases);
    check_case(&e, d, 3, NULL, TOL_F32);
    env_close(&e);
}

typedef struct strat_param {
    size_t h, i, batch;
    char overrides[128]; /* inline: Criterion re-executes the binary, pointers do not survive */
} strat_param;

ParameterizedTestParameters(ops, strategy_parameters)
{
    static strat_param params[] = {
        /* stream: vector widths, lanes, odd tiles, several batch tiles, partial chunks */
        {1000, 2731, 7, "strategy=stream wgs=64 kl=8 ti=8 bt=1 vw=1 xc=8"},
        {1000, 2731, 7, "strategy=stream wgs=128 kl=32 ti=12 bt=3 vw=2 xc=192"},
        {1000, 2731, 9, "strategy=stream wgs=32 kl=4 ti=24 bt=5 vw=4 xc=48"},
        {1000, 2731, 6, "strategy=stream wgs=64 kl=8 ti=16 bt=4 vw=4 xc=96 xv=1 re=4 rg=2"},
        {1000, 2731, 3, "strategy=stream wgs=64 kl=16 ti=8 bt=2 vw=4 xc=1024 re=64 rg=4"},
        {1000, 2731, 1, "strategy=stream wgs=256 kl=16 ti=64 bt=1 vw=4 xc=1024"},
        {33, 70, 5, "strategy=stream wgs=64 kl=8 ti=72 bt=2 vw=4 xc=64"},  /* one slice */
        {33, 70, 1, "strategy=stream wgs=16 kl=16 ti=1 bt=1 vw=1 xc=16"},  /* one unit per slice */
        {2, 3, 2, "strategy=stream wgs=8 kl=2 ti=4 bt=4 vw=2 xc=4"},
        {1, 1, 1, "strategy=stream"},
        /* tiled: tile shapes, uneven per-thread tiles, k steps that do not divide H or I */
        {1000, 2731, 33, "strategy=tiled mt=16 nt=16 kt=8 tm=2 tn=2 dmt=16 dnt=16 dkt=8 dtm=2 dtn=2"},
        {1000, 2731, 7, "strategy=tiled mt=32 nt=64 kt=4 tm=4 tn=8 dmt=64 dnt=32 dkt=16 dtm=8 dtn=4"},
        {33, 70, 13, "strategy=tiled mt=8 nt=8 kt=3 tm=1 tn=1 dmt=8 dnt=8 dkt=5 dtm=1 dtn=1"},
        {2, 3, 2, "strategy=tiled"},
        {1, 1, 1, "strategy=tiled"},
        /* unfused: the benchmark's chain of separate kernels */
        {100, 70, 9, "strategy=unfused mt=16 nt=16 kt=8 tm=2 tn=2 dmt=16 dnt=16 dkt=8 dtm=2 dtn=2"},
        {1, 1, 1, "strategy=unfused"},
        /* mma through its portable emulation: fragment layouts, split-K, every edge */
        {100, 70, 5, "strategy=mma emu=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 dnt=32 dkt=8 dwm=1 dwn=2"},
        {37, 70, 19, "strategy=mma emu=1 mt=32 nt=16 kt=8 wm=2 wn=1 dmt=32 dnt=16 dkt=16 dwm=1 dwn=2 splits=3"},
        {64, 45, 33, "strategy=mma emu=1 mt=16 nt=64 kt=32 wm=1 wn=4 dmt=16 dnt=64 dkt=32 dwm=1 dwn=4 splits=2"},
        {40, 50, 35, "strategy=mma emu=1 order=1 mt=32 nt=16 kt=16 wm=2 wn=1 dmt=32 dnt=16 dkt=16 dwm=1 dwn=2 splits=2"},
        {33, 50, 20, "strategy=mma emu=1 dorder=1 mt=32 nt=16 kt=16 wm=2 wn=1 dmt=32 dnt=16 dkt=16 dwm=1 dwn=2 splits=2"},
        {1, 1, 1, "strategy=mma emu=1"},
        /* four warps along the batch, of which the last batch tile's last two hold no row of
         * the batch, in both kernels, hp=0 and hp=1 */
        {37, 70, 21, "strategy=mma emu=1 mt=64 nt=16 kt=8 wm=4 wn=1 dmt=64 dnt=16 dkt=16 dwm=4 dwn=1 splits=2"},
        {100, 72, 85, "strategy=mma emu=1 hp=1 mt=64 nt=32 kt=16 wm=4 wn=1 dmt=64 dnt=32 dkt=16 dwm=4 dwn=1"},
        /* hp=1 (fp16 pairs): k-tiles of 16, 32 and 64 (each with its bank swizzle), split-K;
         * the shapes whose H or I is not a multiple of 4 above run it as hp=0 */
        {100, 72, 5, "strategy=mma emu=1 hp=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 dnt=32 dkt=16 dwm=1 dwn=2"},
        {68, 76, 19, "strategy=mma emu=1 hp=1 mt=32 nt=16 kt=32 wm=2 wn=1 dmt=32 dnt=16 dkt=32 dwm=1 dwn=2 splits=3"},
        {132, 200, 37, "strategy=mma emu=1 hp=1 mt=32 nt=32 kt=64 wm=2 wn=2 dmt=32 dnt=32 dkt=16 dwm=1 dwn=2 splits=2"},
        {100, 70, 5, "strategy=mmav emu=1 wg=2 fm=1 fb=1 ku=1 pf=1 dwg=1 dfb=1 dku=2 dpf=1"},
        {37, 70, 19, "strategy=mmav emu=1 wg=1 fm=2 fb=2 ku=2 dwg=2 dfb=2 dku=1 splits=3"},
        {72, 70, 9, "strategy=mmav emu=1 wg=4 kw=2 fm=1 fb=1 ku=1 pf=1 dwg=4 dkw=4 dfb=1 dku=1 dpf=1 splits=2"},
        {66, 45, 3, "strategy=mmav emu=1 wg=3 fm=4 fb=1 ku=1 dwg=1 dfb=1 dku=8 splits=2"},
        /* hp=1 (fp16 pairs, m16n8k16 steps): loads a step ahead, warps sharing k, split-K,
         * dku 2, 4 and 8, batches and rows past every tile */
        {100, 72, 5, "strategy=mmav emu=1 hp=1 wg=2 fm=1 fb=1 ku=1 pf=1 dwg=1 dfb=1 dku=2 dpf=1"},
        {68, 76, 19, "strategy=mmav emu=1 hp=1 wg=4 kw=2 fm=2 fb=2 ku=2 dwg=4 dkw=2 dfb=2 dku=4 splits=3"},
        {132, 200, 37, "strategy=mmav emu=1 hp=1 wg=3 fm=1 fb=4 ku=1 dwg=2 dfb=4 dku=8 dpf=1 splits=2"},
        /* fp16 pairs in one kernel only: gate/up (dku odd is then allowed) or down */
        {68, 76, 9, "strategy=mmav emu=1 hp=1 dhp=0 wg=2 fm=1 fb=2 ku=2 dwg=2 dfb=1 dku=1 splits=2"},
        {68, 76, 9, "strategy=mmav emu=1 hp=0 dhp=1 wg=2 fm=2 fb=1 ku=1 pf=1 dwg=2 dfb=2 dku=2"},
        /* (ku=4 with fm=4 is left out: the emulation unrolls into code that overflows the stack
         * of PoCL 3.1's LLVM 15 in ScalarEvolution; the real tensor-core path is not affected) */
        {1, 1, 1, "strategy=mmav emu=1"},
    };
    return cr_make_param_array(strat_param, params, sizeof params / sizeof *params);
}

ParameterizedTest(strat_param *p, ops, strategy_parameters)
{
    test_env e;
    env_open(&e);
    cr_log_info("H=%zu I=%zu B=%zu %s", p->h, p->i, p->batch, p->overrides);
    unsigned all = FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN;
    check_case(&e, make_desc(p->h, p->i, FMLP_MLP_GATED, FMLP_ACT_SILU, all), p->batch,
               p->overrides, TOL_F32);
    check_case(&e, make_desc(p->h, p->i, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH, 0), p->batch,
               p->overrides, TOL_F32);
    env_close(&e);
}

typedef struct model_param {
    char name[32];
    size_t h, i;
    fmlp_mlp_kind kind;
    fmlp_activation act;
    unsigned biases;
} model_param;

ParameterizedTestParameters(ops, scaled_models)
{
    /* real model shapes divided by 16 (GPT-2 by 4), with their real ops */
    static model_param params[] = {
        {"llama-3-8b/16", 256, 896, FMLP_MLP_GATED, FMLP_ACT_SILU, 0},
        {"qwen2.5-7b/16", 224, 1184, FMLP_MLP_GATED, FMLP_ACT_SILU, 0},
        {"gemma-2b/16", 128, 1024, FMLP_MLP_GATED, FMLP_ACT_GELU_TANH, 0},
        {"gpt2/4", 192, 768, FMLP_MLP_PLAIN, FMLP_ACT_GELU_ERF, FMLP_BIAS_UP | FMLP_BIAS_DOWN},
        {"llama-3-70b-shard/16", 512, 224, FMLP_MLP_GATED, FMLP_ACT_SILU, 0},
    };
    return cr_make_param_array(model_param, params, sizeof params / sizeof *params);
}

ParameterizedTest(model_param *p, ops, scaled_models)
{
    test_env e;
    env_open(&e);
    cr_log_info("%s", p->name);
    fmlp_plan_desc d = make_desc(p->h, p->i, p->kind, p->act, p->biases);
    static const size_t batches[] = {1, 2, 16, 64};
    for (size_t b = 0; b < sizeof batches / sizeof *batches; ++b)
        check_case(&e, d, batches[b], NULL, TOL_F32);
    env_close(&e);
}

/* The real tensor-core path, on devices that have it (NVIDIA, compute capability 8.0+). */
Test(ops, mma_tensor_cores)
{
    test_env e;
    env_open(&e);
    fmlp_device_info info;
    cr_assert_eq(fmlp_context_device_info(e.ctx, &info), FMLP_SUCCESS);
    if (nvidia_sm(&info) < 80) {
        char why[300]; /* info's strings belong to the context: copy them before closing it */
        snprintf(why, sizeof why, "no mma.sync tensor cores on %s (%s)", info.name, info.arch);
        env_close(&e);
        cr_skip_test("%s", why);
    }
    static const char *const configs[] = {
        "strategy=mmav wg=4 fm=1 fb=1 ku=2 pf=1 dwg=4 dfb=1 dku=4 dpf=1 splits=4",
        "strategy=mmav wg=2 fm=2 fb=2 ku=1 dwg=2 dfb=2 dku=2 splits=1",
        "strategy=mmav wg=8 kw=4 fm=1 fb=2 ku=2 dwg=8 dkw=2 dfb=2 dku=4 splits=4",
        "strategy=mma mt=16 nt=64 kt=32 wm=1 wn=4 dmt=16 dnt=64 dkt=32 dwm=1 dwn=4",
        "strategy=mma mt=64 nt=64 kt=16 wm=2 wn=2 dmt=64 dnt=64 dkt=16 dwm=2 dwn=2 splits=3",
        "strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=2",
        "strategy=mma order=1 mt=64 nt=128 kt=32 wm=2 wn=4 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4",
        "strategy=mma order=1 dorder=1 mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4",
        /* fp16 pairs (the shapes with H and I multiples of 4) */
        "strategy=mma hp=1 mt=64 nt=128 kt=16 wm=1 wn=8 dmt=32 dnt=128 dkt=32 dwm=2 dwn=2 splits=4",
        "strategy=mma hp=1 mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2",
    };
    static const size_t shapes[][3] = {{1000, 2731, 1}, {1000, 2731, 7}, {33, 70, 130}, {4096, 1000, 64}};
    for (size_t c = 0; c < sizeof configs / sizeof *configs; ++c)
        for (size_t s = 0; s < sizeof shapes / sizeof *shapes; ++s) {
            unsigned all = FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN;
            check_case(&e, make_desc(shapes[s][0], shapes[s][1], FMLP_MLP_GATED, FMLP_ACT_SILU, all),
                       shapes[s][2], configs[c], TOL_F32);
            check_case(&e, make_desc(shapes[s][0], shapes[s][1], FMLP_MLP_PLAIN, FMLP_ACT_GELU_ERF, 0),
                       shapes[s][2], configs[c], TOL_F32);
        }
    env_close(&e);
}

typedef struct format_param {
    fmlp_dtype weights, acts;
    unsigned group;
} format_param;

ParameterizedTestParameters(ops, formats)
{
    static format_param params[] = {
        {FMLP_DTYPE_F16, FMLP_DTYPE_F32, 0},       {FMLP_DTYPE_BF16, FMLP_DTYPE_F32, 0},
        {FMLP_DTYPE_Q8_0, FMLP_DTYPE_F32, 0},      {FMLP_DTYPE_Q4_0, FMLP_DTYPE_F32, 0},
        {FMLP_DTYPE_AFFINE_Q2, FMLP_DTYPE_F32, 32}, {FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_F32, 64},
        {FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_F32, 128}, {FMLP_DTYPE_AFFINE_Q8, FMLP_DTYPE_F32, 32},
        {FMLP_DTYPE_F32, FMLP_DTYPE_F16, 0},       {FMLP_DTYPE_F32, FMLP_DTYPE_BF16, 0},
        {FMLP_DTYPE_F16, FMLP_DTYPE_F16, 0},       {FMLP_DTYPE_BF16, FMLP_DTYPE_BF16, 0},
        {FMLP_DTYPE_Q4_0, FMLP_DTYPE_F16, 0},      {FMLP_DTYPE_Q8_0, FMLP_DTYPE_BF16, 0},
        {FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_BF16, 32},
    };
    return cr_make_param_array(format_param, params, sizeof params / sizeof *params);
}

/* Every weight and activation format, against the reference run on the dequantized weights
 * (and the rounded inputs), with the tolerance of its output format (mlp_tolerance): the
 * databases' choice at B = 1 and 7, the tiled kernels at B = 40, a plain and a gated op. */
ParameterizedTest(format_param *p, ops, formats)
{
    test_env e;
    env_open(&e);
    static const char *const names[] = {"f32", "f16", "bf16", "q8_0", "q4_0",
                                        "affine_q2", "affine_q3", "affine_q4", "affine_q8"};
    cr_log_info("weights %s (group %u), activations %s", names[p->weights], p->group,
                names[p->acts]);
    fmlp_plan_desc d = make_desc(256, 384, FMLP_MLP_GATED, FMLP_ACT_SILU,
                                 FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN);
    d.weight_dtype = p->weights;
    d.act_dtype = p->acts;
    d.group_size = p->group;
    const double tol = mlp_tolerance(&d);
    check_case(&e, d, 1, NULL, tol);
    check_case(&e, d, 7, NULL, tol);
    check_case(&e, d, 40, "strategy=tiled mt=32 nt=32 kt=8 tm=4 tn=4 dmt=32 dnt=32 dkt=8 dtm=4 dtn=4",
               tol);
    d.kind = FMLP_MLP_PLAIN;
    d.activation = FMLP_ACT_GELU_TANH;
    d.biases = FMLP_BIAS_DOWN;
    check_case(&e, d, 3, NULL, tol);
    env_close(&e);
}

/* Batches larger than one launch's workspace run in chunks of rows (ch= forces small ones):
 * chunks that end inside a batch tile, a last chunk shorter than the others, one slice (y
 * written directly) and several (reduced per chunk), each chunk at its offset into x and y. */
Test(ops, stream_chunks)
{
    test_env e;
    env_open(&e);
    static const char *const ovs[] = {
        "strategy=stream wgs=32 kl=8 ti=8 bt=2 vw=4 xc=32 ch=3",
        "strategy=stream wgs=32 kl=8 ti=96 bt=4 vw=4 xc=32 ch=4",
        "strategy=stream wgs=32 kl=4 ti=32 bt=2 xc=64 ch=5",
    };
    for (size_t o = 0; o < sizeof ovs / sizeof *ovs; ++o) {
        fmlp_plan_desc d = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU,
                                     FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN);
        if (o == 2) d.weight_dtype = FMLP_DTYPE_Q4_0;
        check_case(&e, d, 7, ovs[o], mlp_tolerance(&d));
        check_case(&e, d, 1, ovs[o], mlp_tolerance(&d));
    }
    env_close(&e);
}

/* Each override with each format, H = 640 (x chunks ending inside it) and I = 384: the gated op
 * at B = 5 and a plain one at B = 1, each with the tolerance of its formats and precision; a
 * format without the integer path is held to the exact tolerance whatever the precision. */
static void stream_matrix(test_env *e, const char *const *ovs, size_t novs,
                          const format_param *fmts, size_t nfmts, fmlp_precision precision)
{
    for (size_t o = 0; o < novs; ++o)
        for (size_t f = 0; f < nfmts; ++f) {
            fmlp_plan_desc d = make_desc(640, 384, FMLP_MLP_GATED, FMLP_ACT_SILU,
                                         FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN);
            d.weight_dtype = fmts[f].weights;
            d.act_dtype = fmts[f].acts;
            d.group_size = fmts[f].group;
            d.precision = precision;
            const double tol = mlp_tolerance(&d);
            fmlp_plan_desc exact = d;
            exact.precision = FMLP_PRECISION_EXACT;
            if (!mlp_int8_dot(&d))
                cr_expect_eq(tol, mlp_tolerance(&exact), "format %zu: tolerance %g", f, tol);
            check_case(e, d, 5, ovs[o], tol);
            d.kind = FMLP_MLP_PLAIN;
            d.activation = FMLP_ACT_GELU_TANH;
            d.biases = FMLP_BIAS_DOWN;
            check_case(e, d, 1, ovs[o], mlp_tolerance(&d));
        }
}

/* Each override with a spread of formats: fp32, 16-bit weights (bf16 with f16 activations),
 * Q4_0, affine 3- and 8-bit exactly, and Q8_0 and affine 4-bit (groups of 128) with integer
 * dot products. */
static void stream_matrix_formats(test_env *e, const char *const *ovs, size_t novs)
{
    static const format_param exact[] = {
        {FMLP_DTYPE_F32, FMLP_DTYPE_F32, 0},        {FMLP_DTYPE_F16, FMLP_DTYPE_F32, 0},
        {FMLP_DTYPE_BF16, FMLP_DTYPE_F16, 0},       {FMLP_DTYPE_Q4_0, FMLP_DTYPE_F32, 0},
        {FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_F32, 32}, {FMLP_DTYPE_AFFINE_Q8, FMLP_DTYPE_F32, 64},
    };
    static const format_param int8[] = {
        {FMLP_DTYPE_Q8_0, FMLP_DTYPE_F32, 0},
        {FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_F32, 128},
    };
    stream_matrix(e, ovs, novs, exact, sizeof exact / sizeof *exact, FMLP_PRECISION_EXACT);
    stream_matrix(e, ovs, novs, int8, sizeof int8 / sizeof *int8, FMLP_PRECISION_INT8_DOT);
}

/* The stream kernel's per-format inner loops: whole blocks per lane for the block formats
 * (x chunks that end inside H, partial slices, a single slice writing y directly, batch tiles
 * with fewer rows than the tile) and 16-byte loads of 8 weights for the 16-bit formats. */
Test(ops, stream_formats)
{
    test_env e;
    env_open(&e);
    static const char *const ovs[] = {
        "strategy=stream wgs=256 kl=8 ti=256 bt=3 vw=8 xc=256", /* slices of 256 and 128 */
        "strategy=stream wgs=64 kl=4 ti=384 bt=1 vw=8 xc=192",  /* one slice */
    };
    static const format_param fmts[] = {
        {FMLP_DTYPE_F16, FMLP_DTYPE_F32, 0},        {FMLP_DTYPE_BF16, FMLP_DTYPE_F16, 0},
        {FMLP_DTYPE_Q8_0, FMLP_DTYPE_F32, 0},       {FMLP_DTYPE_Q4_0, FMLP_DTYPE_BF16, 0},
        {FMLP_DTYPE_AFFINE_Q2, FMLP_DTYPE_F32, 32}, {FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_F32, 32},
        {FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_F32, 128}, {FMLP_DTYPE_AFFINE_Q8, FMLP_DTYPE_F32, 64},
    };
    stream_matrix(&e, ovs, sizeof ovs / sizeof *ovs, fmts, sizeof fmts / sizeof *fmts,
                  FMLP_PRECISION_EXACT);
    env_close(&e);
}

/* FMLP_PRECISION_INT8_DOT: every format with the integer path (and group sizes whose blocks
 * hold several runs of 32), x in f32 and f16, chunks of x that end inside H, two slices and
 * one, batch tiles fuller and emptier than the batch, several columns a thread in phase 2
 * (cu), and partial sums in bf16 (ps); the 16-bit formats ignore both and stay exact. Against
 * the reference on the exact inputs, with the tolerance of the rounding (MLP_TOL_INT8). */
Test(ops, stream_int8)
{
    test_env e;
    env_open(&e);
    static const char *const ovs[] = {
        "strategy=stream wgs=64 kl=4 ti=128 bt=3 xc=256 cu=3",  /* slices of 128 and 128 */
        "strategy=stream wgs=32 kl=2 ti=384 bt=1 xc=512 cu=1",  /* one slice */
        /* the partial sums in bf16 (ps; the exact formats here keep fp32): a tile of three
         * rows and one row, three slices */
        "strategy=stream wgs=64 kl=4 ti=128 bt=3 xc=256 cu=2 ps=1",
        "strategy=stream wgs=64 kl=8 ti=128 bt=1 xc=128 ps=1 dl=1",
    };
    static const format_param fmts[] = {
        {FMLP_DTYPE_Q8_0, FMLP_DTYPE_F32, 0},       {FMLP_DTYPE_Q4_0, FMLP_DTYPE_F16, 0},
        {FMLP_DTYPE_AFFINE_Q2, FMLP_DTYPE_F32, 64}, {FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_F32, 32},
        {FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_F32, 128}, {FMLP_DTYPE_AFFINE_Q8, FMLP_DTYPE_BF16, 32},
        {FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_F32, 32}, {FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_F16, 64},
        {FMLP_DTYPE_F16, FMLP_DTYPE_F32, 0},
    };
    stream_matrix(&e, ovs, sizeof ovs / sizeof *ovs, fmts, sizeof fmts / sizeof *fmts,
                  FMLP_PRECISION_INT8_DOT);
    env_close(&e);
}

/* With bf16 partial sums (ps=1) the workspace holds half the bytes, for the same batch: 2
 * bytes a partial sum against 4 (what the kernels index; Oclgrind's stream_q8_0_int8_bf16_
 * partials would report a write past it). Plans that ignore ps keep fp32's size. */
Test(ops, stream_bf16_partials_workspace)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(640, 384, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.weight_dtype = FMLP_DTYPE_Q4_0;
    d.precision = FMLP_PRECISION_INT8_DOT;
    d.max_batch = 5;
    static const char *const ov[2] = {"strategy=stream wgs=64 kl=4 ti=128 bt=1 xc=256 ps=0",
                                      "strategy=stream wgs=64 kl=4 ti=128 bt=1 xc=256 ps=1"};
    size_t bytes[2][2] = {{0, 0}, {0, 0}};
    for (int exact = 0; exact < 2; ++exact)
        for (int v = 0; v < 2; ++v) {
            d.precision = exact ? FMLP_PRECISION_EXACT : FMLP_PRECISION_INT8_DOT;
            d.overrides = ov[v];
            fmlp_plan *p = NULL;
            cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS, "%s", ov[v]);
            cr_assert_eq(fmlp_plan_workspace_size(p, 5, &bytes[exact][v]), FMLP_SUCCESS);
            fmlp_plan_release(p);
        }
    /* 3 slices x 5 rows x 640 outputs */
    cr_expect_eq(bytes[0][0], (size_t)3 * 5 * 640 * 4, "int8, fp32 partial sums: %zu", bytes[0][0]);
    cr_expect_eq(bytes[0][1], (size_t)3 * 5 * 640 * 2, "int8, bf16 partial sums: %zu", bytes[0][1]);
    cr_expect_eq(bytes[1][0], bytes[1][1], "exact plans ignore ps: %zu against %zu", bytes[1][0],
                 bytes[1][1]);
    env_close(&e);
}

/* The block formats' loads a step ahead (pb=1), exact and with integer dot products: steps
 * that go on in the same x chunk and into the next, a last chunk that ends inside H (lanes
 * with no step in it), one slice and several, one batch row and a tile of three. */
Test(ops, stream_prefetch)
{
    test_env e;
    env_open(&e);
    static const char *const ovs[] = {
        "strategy=stream wgs=64 kl=4 ti=128 bt=1 xc=256 pb=1", /* 2 steps a chunk, 3 slices */
        "strategy=stream wgs=64 kl=8 ti=384 bt=3 xc=512 pb=1", /* one slice */
    };
    static const format_param exact[] = {
        {FMLP_DTYPE_Q8_0, FMLP_DTYPE_F32, 0},       {FMLP_DTYPE_Q4_0, FMLP_DTYPE_BF16, 0},
        {FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_F32, 32}, {FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_F32, 128},
    };
    static const format_param int8[] = {
        {FMLP_DTYPE_Q4_0, FMLP_DTYPE_F32, 0},
        {FMLP_DTYPE_AFFINE_Q2, FMLP_DTYPE_F32, 32},
        {FMLP_DTYPE_AFFINE_Q8, FMLP_DTYPE_F16, 64},
    };
    const size_t no = sizeof ovs / sizeof *ovs;
    stream_matrix(&e, ovs, no, exact, sizeof exact / sizeof *exact, FMLP_PRECISION_EXACT);
    stream_matrix(&e, ovs, no, int8, sizeof int8 / sizeof *int8, FMLP_PRECISION_INT8_DOT);
    env_close(&e);
}

/* A plan made with override ov (precision pr, up to 4 rows) describes itself with `want` among
 * its parameters: how configure() kept or mapped a parameter. */
static void expect_plan_keeps(test_env *e, fmlp_plan_desc d, const char *ov, fmlp_precision pr,
                              const char *want)
{
    fmlp_plan *p = NULL;
    d.overrides = ov;
    d.precision = pr;
    d.max_batch = 4;
    cr_assert_eq(fmlp_plan_create(e->ctx, &d, &p), FMLP_SUCCESS, "%s", ov);
    char buf[1024];
    cr_assert_eq(fmlp_plan_describe(p, 2, buf, sizeof buf), FMLP_SUCCESS);
    cr_expect_not_null(strstr(buf, want), "%s: %s", ov, buf);
    fmlp_plan_release(p);
}

/* rb=1: the block formats' exact plans with several batch rows read each 8 inputs of a row
 * (phase 1: x; phase 2: the activation tile) once for every weight row or column a thread
 * takes, the weights decoded to their values first. Every block format, groups of 32, 64 and
 * 128, batch tiles of 2 and 3 rows with a last tile part-filled (B = 5, and B = 1 in a tile of
 * 2), one and several slices, with and without the loads a step ahead and phase 2's first
 * loads early; int8 plans take rb=0. */
Test(ops, stream_rows_in_registers)
{
    test_env e;
    env_open(&e);
    static const char *const ovs[] = {
        "strategy=stream wgs=64 kl=4 ti=128 bt=2 xc=256 rb=1",
        "strategy=stream wgs=64 kl=8 ti=384 bt=3 xc=512 pb=1 dl=1 cu=2 rb=1",
    };
    static const format_param exact[] = {
        {FMLP_DTYPE_Q8_0, FMLP_DTYPE_F32, 0},       {FMLP_DTYPE_Q4_0, FMLP_DTYPE_BF16, 0},
        {FMLP_DTYPE_AFFINE_Q2, FMLP_DTYPE_F32, 32}, {FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_F16, 32},
        {FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_F32, 128}, {FMLP_DTYPE_AFFINE_Q8, FMLP_DTYPE_F32, 64},
    };
    stream_matrix(&e, ovs, sizeof ovs / sizeof *ovs, exact, sizeof exact / sizeof *exact,
                  FMLP_PRECISION_EXACT);
    /* the parameter as the plan keeps it: 1 where it applies, 0 for int8 plans and bt=1 */
    fmlp_plan_desc d = make_desc(640, 384, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.weight_dtype = FMLP_DTYPE_Q4_0;
    static const struct {
        const char *ov;
        fmlp_precision pr;
        const char *want;
    } kept[] = {
        {"strategy=stream wgs=64 kl=4 ti=128 bt=2 xc=256 rb=1", FMLP_PRECISION_EXACT, " rb=1"},
        {"strategy=stream wgs=64 kl=4 ti=128 bt=2 xc=256 rb=1", FMLP_PRECISION_INT8_DOT, " rb=0"},
        {"strategy=stream wgs=64 kl=4 ti=128 bt=1 xc=256 rb=1", FMLP_PRECISION_EXACT, " rb=0"},
    };
    for (size_t k = 0; k < sizeof kept / sizeof *kept; ++k)
        expect_plan_keeps(&e, d, kept[k].ov, kept[k].pr, kept[k].want);
    d.overrides = "strategy=stream rb=2";
    fmlp_plan *p = NULL;
    cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_PARAMETER);
    cr_expect_null(p);
    env_close(&e);
}

/* The same inputs through two plans whose summation order is the same: identical outputs, each
 * within tolerance of the reference. has[v], where not NULL, is text plan v's description must
 * hold (the parameter that differs, as the plan took it). */
static void expect_identical_has(test_env *e, const fmlp_plan_desc *desc, size_t batch,
                                 const char *a, const char *b, const char *const has[2])
{
    fmlp_plan_desc d = *desc;
    d.max_batch = batch;
    mlp_case c;
    const uint64_t seed = fresh_seed();
    cr_assert_eq(mlp_case_init(&c, &d, batch, seed), 0);
    const char *ovs[2] = {a, b};
    float *y[2];
    for (int v = 0; v < 2; ++v) {
        c.desc.overrides = ovs[v];
        mlp_run r;
        const fmlp_status st = mlp_run_setup(&r, e->ctx, e->queue, &c, batch);
        cr_assert_eq(st, FMLP_SUCCESS, "setup (%s): %s\n%s", ovs[v], fmlp_status_string(st),
                     fmlp_context_build_log(e->ctx));
        if (has && has[v]) {
            char how[512] = "";
            cr_assert_eq(fmlp_plan_describe(r.plan, batch, how, sizeof how), FMLP_SUCCESS);
            cr_expect(strstr(how, has[v]) != NULL, "%s: %s", ovs[v], how);
        }
        check_run(&r, &c, batch, mlp_tolerance(&c.desc), seed);
        y[v] = malloc(sizeof(float) * batch * d.hidden);
        cr_assert_not_null(y[v]);
        cr_assert_eq(mlp_run_forward(&r, &c, y[v]), FMLP_SUCCESS);
        mlp_run_free(&r);
    }
    cr_expect_eq(memcmp(y[0], y[1], sizeof(float) * batch * d.hidden), 0,
                 "outputs differ (seed %llu): %s against %s", (unsigned long long)seed, a, b);
    free(y[0]);
    free(y[1]);
    mlp_case_free(&c);
}

static void expect_identical(test_env *e, const fmlp_plan_desc *desc, size_t batch,
                             const char *a, const char *b)
{
    expect_identical_has(e, desc, batch, a, b, NULL);
}

/* sk=1: the last batch tile's rows past the batch are neither staged nor computed. The rows
 * that are computed add up in the same order either way, so the outputs must be identical to
 * sk=0's, and right against the reference: fp32 with vectors, phase 2's first rows early (dl),
 * row groups (rs) and rows loaded together (pu); f16 with 8 weights a load; the block formats
 * exactly (32 weights decoded at a time, and rb=1 with the loads a step ahead) and with integer
 * dot products; last tiles of one row and of several, a batch of one in a tile of four. */
Test(ops, stream_skip_rows)
{
    test_env e;
    env_open(&e);
    static const struct {
        fmlp_dtype w;
        unsigned group;
        fmlp_precision pr;
        size_t batch;
        const char *ov;
    } cases[] = {
        {FMLP_DTYPE_F32, 0, FMLP_PRECISION_EXACT, 5, "strategy=stream wgs=64 kl=4 ti=32 bt=4 vw=4 xc=128 dl=2"},
        {FMLP_DTYPE_F32, 0, FMLP_PRECISION_EXACT, 4, "strategy=stream wgs=64 kl=4 ti=32 bt=3 vw=2 xc=64 rs=2 pu=2"},
        {FMLP_DTYPE_F16, 0, FMLP_PRECISION_EXACT, 7, "strategy=stream wgs=64 kl=4 ti=32 bt=4 vw=8 xc=64"},
        {FMLP_DTYPE_Q4_0, 0, FMLP_PRECISION_EXACT, 5, "strategy=stream wgs=64 kl=4 ti=128 bt=4 xc=256"},
        {FMLP_DTYPE_AFFINE_Q3, 32, FMLP_PRECISION_EXACT, 4, "strategy=stream wgs=64 kl=8 ti=384 bt=3 xc=512 pb=1 dl=1 cu=2 rb=1"},
        {FMLP_DTYPE_AFFINE_Q4, 128, FMLP_PRECISION_EXACT, 1, "strategy=stream wgs=64 kl=4 ti=128 bt=4 xc=256 rb=1"},
        {FMLP_DTYPE_Q8_0, 0, FMLP_PRECISION_INT8_DOT, 6, "strategy=stream wgs=64 kl=4 ti=128 bt=4 xc=256"},
        {FMLP_DTYPE_AFFINE_Q8, 64, FMLP_PRECISION_INT8_DOT, 4, "strategy=stream wgs=64 kl=8 ti=384 bt=3 xc=512 pb=1 dl=1 ps=1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
        fmlp_plan_desc d = make_desc(640, 384, FMLP_MLP_GATED, FMLP_ACT_SILU,
                                     FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN);
        d.weight_dtype = cases[i].w;
        d.group_size = cases[i].group;
        d.precision = cases[i].pr;
        char on[256], off[256];
        snprintf(on, sizeof on, "%s sk=1", cases[i].ov);
        snprintf(off, sizeof off, "%s sk=0", cases[i].ov);
        check_case(&e, d, cases[i].batch, on, mlp_tolerance(&d));
        expect_identical(&e, &d, cases[i].batch, on, off);
    }
    /* the parameter as the plan keeps it: 1 with several rows a tile, 0 with one; 2 refused */
    fmlp_plan_desc d = make_desc(640, 384, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    static const struct {
        const char *ov, *want;
    } kept[] = {
        {"strategy=stream wgs=64 kl=4 ti=32 bt=2 xc=64 sk=1", " sk=1"},
        {"strategy=stream wgs=64 kl=4 ti=32 bt=1 xc=64 sk=1", " sk=0"},
    };
    for (size_t k = 0; k < sizeof kept / sizeof *kept; ++k)
        expect_plan_keeps(&e, d, kept[k].ov, FMLP_PRECISION_EXACT, kept[k].want);
    d.overrides = "strategy=stream sk=2";
    fmlp_plan *p = NULL;
    cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_PARAMETER);
    cr_expect_null(p);
    env_close(&e);
}

/* The fp32 and 16-bit formats' loads a step ahead (pb=1): vectors of 1, 2, 4 and 8 weights,
 * steps that go on in the same x chunk and into the next, a last chunk that ends inside H
 * (H = 36 in chunks of 16 or 32: lanes with no step in it), one and several slices, batch tiles
 * of one and three rows; the summation order is pb=0's, so the outputs must be identical. */
Test(ops, stream_prefetch_vectors)
{
    test_env e;
    env_open(&e);
    const int all = FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN;
    static const struct {
        fmlp_dtype w;
        const char *ov;
    } cases[] = {
        {FMLP_DTYPE_F32, "strategy=stream wgs=64 kl=4 ti=16 bt=2 vw=4 xc=32 dl=2"},
        {FMLP_DTYPE_F32, "strategy=stream wgs=32 kl=8 ti=8 bt=1 vw=2 xc=16"},
        {FMLP_DTYPE_F32, "strategy=stream wgs=32 kl=2 ti=96 bt=3 vw=1 xc=8"},
        {FMLP_DTYPE_F16, "strategy=stream wgs=64 kl=2 ti=32 bt=1 vw=4 xc=16 rs=2"},
        {FMLP_DTYPE_BF16, "strategy=stream wgs=32 kl=2 ti=16 bt=2 vw=1 xc=8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
        fmlp_plan_desc d = make_desc(36, 70, FMLP_MLP_GATED, FMLP_ACT_SILU, all);
        d.weight_dtype = cases[i].w;
        char ov[256];
        snprintf(ov, sizeof ov, "%s pb=1", cases[i].ov);
        check_case(&e, d, 3, ov, mlp_tolerance(&d));
        expect_identical(&e, &d, 3, ov, cases[i].ov);
    }
    /* 8 f16 or bf16 weights a load (H a multiple of 8): chunks ending inside H = 200 */
    static const char *const wide[] = {"strategy=stream wgs=64 kl=4 ti=32 bt=1 vw=8 xc=64",
                                       "strategy=stream wgs=128 kl=8 ti=128 bt=3 vw=8 xc=128"};
    static const fmlp_dtype wide_fmts[] = {FMLP_DTYPE_F16, FMLP_DTYPE_BF16};
    for (size_t i = 0; i < 2; ++i)
        for (size_t f = 0; f < 2; ++f) {
            fmlp_plan_desc d = make_desc(200, 392, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH,
                                         FMLP_BIAS_UP | FMLP_BIAS_DOWN);
            d.weight_dtype = wide_fmts[f];
            char ov[256];
            snprintf(ov, sizeof ov, "%s pb=1", wide[i]);
            check_case(&e, d, 1, ov, mlp_tolerance(&d));
            check_case(&e, d, 4, ov, mlp_tolerance(&d));
            expect_identical(&e, &d, 2, ov, wide[i]);
        }
    env_close(&e);
}

/* Phase 2's first loads issued before phase 1's end (dl): rows of down^T for the fp32 and
 * 16-bit formats (vectors of 1, 4 and 8), the first block row for the block formats, exact
 * and with integer dot products; slices shorter than dl, threads with no output columns (H
 * smaller than the work-group's columns), batch tiles of one row and of three. The summation
 * order is the same as without dl, so the results are compared with those of the plan
 * without it too: they must be identical. */
Test(ops, stream_phase2_ahead)
{
    test_env e;
    env_open(&e);
    static const char *const ovs[] = {
        "strategy=stream wgs=64 kl=4 ti=96 bt=1 vw=4 xc=256 dl=4", /* 4 slices */
        "strategy=stream wgs=64 kl=8 ti=64 bt=3 vw=8 xc=128 dl=8",
    };
    stream_matrix_formats(&e, ovs, sizeof ovs / sizeof *ovs);

    /* H = 36: threads 9-63 (vw 4) and 36-63 (vw 1) have no columns; I = 70 in slices of 16
     * and 32 ends with slices of 6 rows, fewer than dl */
    const int all = FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN;
    static const char *const small[][2] = {
        {"strategy=stream wgs=64 kl=4 ti=16 bt=2 vw=4 xc=48 dl=8",
         "strategy=stream wgs=64 kl=4 ti=16 bt=2 vw=4 xc=48 dl=0"},
        {"strategy=stream wgs=64 kl=2 ti=32 bt=1 vw=1 xc=36 dl=2",
         "strategy=stream wgs=64 kl=2 ti=32 bt=1 vw=1 xc=36 dl=0"},
    };
    for (size_t o = 0; o < sizeof small / sizeof *small; ++o) {
        fmlp_plan_desc d = make_desc(36, 70, FMLP_MLP_GATED, FMLP_ACT_SILU, all);
        check_case(&e, d, 3, small[o][0], TOL_F32);
        /* the same inputs through both plans: identical outputs */
        expect_identical(&e, &d, 3, small[o][0], small[o][1]);
    }
    env_close(&e);
}

/* Phase 2 in row groups (rs) with rows of down^T loaded together (pu), fp32 and 16-bit
 * formats: the groups' sums meet in local memory. With every format (the block formats and
 * int8 plans map both to 1), dl's first rows spread over the groups; H = 36 gives threads
 * without columns, several passes over H (wgs / rs * vw < H) and a last pass ending inside H,
 * and I = 70 slices shorter than pu * rs. */
Test(ops, stream_phase2_row_groups)
{
    test_env e;
    env_open(&e);
    static const char *const ovs[] = {
        "strategy=stream wgs=128 kl=4 ti=96 bt=1 vw=8 xc=256 rs=2 pu=4 dl=4",
        "strategy=stream wgs=64 kl=8 ti=64 bt=3 vw=4 xc=128 rs=4 pu=3",
    };
    stream_matrix_formats(&e, ovs, sizeof ovs / sizeof *ovs);

    const int all = FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN;
    static const char *const small[] = {
        "strategy=stream wgs=64 kl=4 ti=16 bt=2 vw=4 xc=48 rs=2 pu=2 dl=3",
        "strategy=stream wgs=64 kl=2 ti=32 bt=1 vw=1 xc=36 rs=8 pu=5",
        "strategy=stream wgs=32 kl=4 ti=16 bt=3 vw=2 xc=32 rs=16 pu=2 dl=1",
        "strategy=stream wgs=64 kl=8 ti=64 bt=2 vw=4 xc=32 rs=1 pu=8 dl=2",
    };
    for (size_t o = 0; o < sizeof small / sizeof *small; ++o) {
        fmlp_plan_desc d = make_desc(36, 70, FMLP_MLP_GATED, FMLP_ACT_SILU, all);
        check_case(&e, d, 1, small[o], TOL_F32);
        check_case(&e, d, 5, small[o], TOL_F32);
        d.kind = FMLP_MLP_PLAIN;
        d.activation = FMLP_ACT_RELU;
        d.biases = FMLP_BIAS_DOWN;
        d.weight_dtype = FMLP_DTYPE_F16;
        check_case(&e, d, 2, small[o], mlp_tolerance(&d));
    }

    /* what configure keeps: rs divides the work-group, the block formats take 1 and 1, bad
     * values are refused */
    static const struct {
        fmlp_dtype w;
        const char *ov, *want;
    } kept[] = {
        {FMLP_DTYPE_F32, "strategy=stream wgs=72 kl=4 ti=36 vw=4 xc=64 rs=16 pu=4", " rs=8 pu=4"},
        {FMLP_DTYPE_F16, "strategy=stream wgs=64 kl=4 ti=16 vw=8 xc=64 rs=3 pu=2", " rs=1 pu=2"},
        {FMLP_DTYPE_Q4_0, "strategy=stream wgs=64 kl=2 ti=32 xc=64 rs=4 pu=4", " rs=1 pu=1"},
    };
    for (size_t k = 0; k < sizeof kept / sizeof *kept; ++k) {
        fmlp_plan_desc d = make_desc(96, 64, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
        d.weight_dtype = kept[k].w;
        d.overrides = kept[k].ov;
        fmlp_plan *p = NULL;
        cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS, "%s", kept[k].ov);
        char buf[512];
        cr_assert_eq(fmlp_plan_describe(p, 1, buf, sizeof buf), FMLP_SUCCESS);
        cr_expect_not_null(strstr(buf, kept[k].want), "%s: %s", kept[k].ov, buf);
        fmlp_plan_release(p);
    }
    static const char *const bad[] = {"strategy=stream wgs=64 kl=4 rs=0",
                                      "strategy=stream wgs=64 kl=4 rs=17",
                                      "strategy=stream wgs=64 kl=4 pu=0",
                                      "strategy=stream wgs=64 kl=4 pu=17"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; ++k) {
        fmlp_plan_desc d = make_desc(96, 64, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
        d.overrides = bad[k];
        fmlp_plan *p = NULL;
        cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_PARAMETER, "%s", bad[k]);
        cr_expect_null(p);
    }
    env_close(&e);
}

/* The two-kernel form (dk=1): phase 1 writes the tile (fp32, or int8 runs) to the workspace
 * and fmlp_stream_down streams down^T by column blocks (H = 640: blocks of 64 and 48 columns,
 * the latter ending inside H), over three splits of I = 384 (reduced by reduce.cl, with bf16
 * partial sums for an int8 plan) or one (y written by the down kernel); several batch tiles,
 * a last tile with fewer rows, chunks of rows; the workspace holds the tile and the partial
 * sums. */
Test(ops, stream_two_kernels)
{
    test_env e;
    env_open(&e);
    static const char *const ovs[] = {
        "strategy=stream wgs=64 kl=4 ti=96 bt=2 vw=4 xc=256 dk=1 dsp=3 dc=64 dw=128 dr=3",
        "strategy=stream wgs=64 kl=8 ti=64 bt=1 vw=8 xc=128 dk=1 dsp=1 dc=48 dw=64 dr=1",
    };
    stream_matrix_formats(&e, ovs, sizeof ovs / sizeof *ovs);

    fmlp_plan_desc d = make_desc(640, 384, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
    d.weight_dtype = FMLP_DTYPE_Q4_0;
    d.precision = FMLP_PRECISION_INT8_DOT;
    check_case(&e, d, 5, "strategy=stream wgs=64 kl=4 ti=64 bt=2 dk=1 dsp=3 dc=32 dw=64 ps=1 ch=2",
               mlp_tolerance(&d));
    d.weight_dtype = FMLP_DTYPE_F32;
    d.precision = FMLP_PRECISION_EXACT;
    check_case(&e, d, 5, "strategy=stream wgs=64 kl=4 ti=64 bt=2 vw=4 dk=1 dsp=1 dc=128 ch=3",
               TOL_F32);

    /* the workspace: the tile of every row (fp32, 256-byte aligned) and 3 x rows x H partial
     * sums; one split needs the tile only */
    d.max_batch = 5;
    static const struct {
        const char *ov;
        size_t bytes;
    } ws[] = {
        {"strategy=stream wgs=64 kl=4 ti=64 vw=4 dk=1 dsp=3 dc=64", 7680 + 3 * 5 * 640 * 4},
        {"strategy=stream wgs=64 kl=4 ti=64 vw=4 dk=1 dsp=1 dc=64", 7680},
    };
    for (size_t i = 0; i < sizeof ws / sizeof *ws; ++i) {
        d.overrides = ws[i].ov;
        fmlp_plan *p = NULL;
        cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS, "%s", ws[i].ov);
        size_t bytes = 0;
        cr_assert_eq(fmlp_plan_workspace_size(p, 5, &bytes), FMLP_SUCCESS);
        cr_expect_eq(bytes, ws[i].bytes, "%s: workspace %zu, expected %zu", ws[i].ov, bytes,
                     ws[i].bytes);
        fmlp_plan_release(p);
    }
    env_close(&e);
}

/* Down as rows (dk=2): the weights keep down as the caller's rows [H][I] and the down kernel
 * takes whole rows of it, so there are no partial sums. Rows of I that end inside a step
 * (I = 392, steps of 256 or 1024 inputs), work-groups of rows that end inside H, several batch
 * tiles and a last one with fewer rows, chunks of rows, the fp32 and 16-bit formats with each
 * activation format, the gated and plain MLPs. The fused form (dg=1) waits for every slice in
 * the kernel: NVIDIA only, refused elsewhere, as dk=2 is for the block formats and int8. */
Test(ops, stream_down_rows)
{
    test_env e;
    env_open(&e);
    const int nvidia = env_nvidia_sm(&e) >= 60;
    static const char *const ovs[] = {
        "strategy=stream wgs=64 kl=8 ti=32 bt=2 vw=4 xc=256 dk=2 dc=16 dw=64 dr=16",
        "strategy=stream wgs=64 kl=4 ti=64 bt=1 vw=8 xc=128 dk=2 dc=7 dw=96 dr=32 ch=3",
    };
    static const format_param fmts[] = {
        {FMLP_DTYPE_F32, FMLP_DTYPE_F32, 0},
        {FMLP_DTYPE_F16, FMLP_DTYPE_F32, 0},
        {FMLP_DTYPE_BF16, FMLP_DTYPE_F16, 0},
        {FMLP_DTYPE_F32, FMLP_DTYPE_BF16, 0},
    };
    for (size_t o = 0; o < sizeof ovs / sizeof *ovs; ++o)
        for (size_t f = 0; f < sizeof fmts / sizeof *fmts; ++f) {
            fmlp_plan_desc d = make_desc(640, 392, FMLP_MLP_GATED, FMLP_ACT_SILU,
                                         FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN);
            d.weight_dtype = fmts[f].weights;
            d.act_dtype = fmts[f].acts;
            check_case(&e, d, 1, ovs[o], mlp_tolerance(&d));
            check_case(&e, d, 5, ovs[o], mlp_tolerance(&d));
            d.kind = FMLP_MLP_PLAIN;
            d.activation = FMLP_ACT_RELU;
            d.biases = FMLP_BIAS_DOWN;
            check_case(&e, d, 3, ovs[o], mlp_tolerance(&d));
        }

    /* the workspace holds the tile of every row of a chunk (fp32, 256-byte aligned) only */
    fmlp_plan_desc d = make_desc(640, 392, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.max_batch = 5;
    d.overrides = ovs[0];
    fmlp_plan *p = NULL;
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS);
    size_t bytes = 0;
    cr_assert_eq(fmlp_plan_workspace_size(p, 5, &bytes), FMLP_SUCCESS);
    cr_expect_eq(bytes, (5 * 392 * 4 + 255) / 256 * 256, "workspace %zu", bytes);
    cr_expect_eq(p->down_layout, FMLP_DOWN_ROWS);
    fmlp_plan_release(p);

    /* not for the block formats, nor for integer dot products */
    static const struct {
        fmlp_dtype w;
        fmlp_precision pr;
    } refused[] = {{FMLP_DTYPE_Q4_0, FMLP_PRECISION_EXACT},
                   {FMLP_DTYPE_AFFINE_Q8, FMLP_PRECISION_EXACT},
                   {FMLP_DTYPE_Q8_0, FMLP_PRECISION_INT8_DOT}};
    d.intermediate = 384; /* whole blocks */
    for (size_t i = 0; i < sizeof refused / sizeof *refused; ++i) {
        d.weight_dtype = refused[i].w;
        d.group_size = refused[i].w >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
        d.precision = refused[i].pr;
        p = NULL;
        const fmlp_status st = fmlp_plan_create(e.ctx, &d, &p);
        cr_expect_eq(st, FMLP_ERROR_INVALID_PARAMETER, "weights %d, precision %d: %s", (int)d.weight_dtype,
                     (int)d.precision, fmlp_status_string(st));
        cr_expect_null(p);
        fmlp_plan_release(p);
    }

    /* the fused form: one work-group a compute unit at most */
    static const char *const fused[] = {
        "strategy=stream wgs=64 kl=8 ti=128 bt=1 vw=4 xc=256 dk=2 dg=1 dr=16",
        "strategy=stream wgs=128 kl=8 ti=256 bt=3 vw=4 xc=128 dk=2 dg=1 dr=64 ch=2",
    };
    for (size_t o = 0; o < sizeof fused / sizeof *fused; ++o) {
        d = make_desc(640, 392, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_UP | FMLP_BIAS_DOWN);
        if (!nvidia) {
            expect_refused(&e, d, fused[o]);
            continue;
        }
        check_case(&e, d, 1, fused[o], TOL_F32);
        check_case(&e, d, 7, fused[o], TOL_F32);
        d.weight_dtype = FMLP_DTYPE_F16;
        check_case(&e, d, 4, fused[o], mlp_tolerance(&d));
    }
    env_close(&e);
}

/* The weights keep one layout of down. A plan whose database gives B=1 the rows form (dk=2)
 * and larger batches a form that reads down^T builds its B=1 variant with dk=0 instead; a plan
 * for B=1 alone keeps the rows form. Both give the reference's results. */
Test(ops, one_down_layout)
{
    test_env e;
    env_open(&e);
    static const char db[] =
        "flashmlp-tuning 1\ndevice vendor=generic measured=no\n"
        "entry H=640 I=392 B=1 strategy=stream wgs=64 kl=8 ti=32 bt=1 vw=4 xc=256 dk=2 dc=16 dw=64 dr=16\n"
        "entry H=640 I=392 B=2- strategy=stream wgs=64 kl=8 ti=32 bt=4 vw=4 xc=256\n";
    fmlp_databases_add_text(e.ctx, db, "test-layouts.db", 1);
    fmlp_plan_desc d = make_desc(640, 392, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
    char how[600];
    for (size_t maxb = 1; maxb <= 4; maxb += 3) {
        d.max_batch = maxb;
        fmlp_plan *p = NULL;
        cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS);
        cr_assert_eq(fmlp_plan_describe(p, 1, how, sizeof how), FMLP_SUCCESS);
        if (maxb == 1) {
            cr_expect_eq(p->down_layout, FMLP_DOWN_ROWS);
            cr_expect(strstr(how, " dk=2") != NULL, "B=1 alone: %s", how);
        } else {
            cr_expect_eq(p->down_layout, FMLP_DOWN_T);
            cr_expect(strstr(how, " dk=0") != NULL && strstr(how, "+down^T") != NULL,
                      "B=1 of a plan up to 4: %s", how);
        }
        fmlp_plan_release(p);
    }
    check_case(&e, d, 1, NULL, TOL_F32);
    /* check_case's plan covers its batch only: B=3 reads down^T, B=1 the rows */
    d.max_batch = 3;
    mlp_case c;
    const uint64_t seed = fresh_seed();
    cr_assert_eq(mlp_case_init(&c, &d, 3, seed), 0);
    mlp_run r;
    cr_assert_eq(mlp_run_setup(&r, e.ctx, e.queue, &c, 3), FMLP_SUCCESS);
    cr_expect_eq(r.plan->down_layout, FMLP_DOWN_T);
    for (size_t b = 1; b <= 3; b += 2) check_run(&r, &c, b, TOL_F32, seed);
    mlp_run_free(&r);
    mlp_case_free(&c);
    env_close(&e);
}

/* The stream kernel's split reduction done in the kernel (fr): the last slices wait for the
 * others, so it is for NVIDIA GPUs only (in-order dispatch, PTX fences). There it must give
 * the reference's results for several batch tiles, chunks of rows, reducer counts (all of the
 * slices among them) and formats; elsewhere plans asking for it are refused. */
Test(ops, stream_fused_reduction)
{
    test_env e;
    env_open(&e);
    const int nvidia = env_nvidia_sm(&e) >= 60;
    static const char *const ovs[] = {
        "strategy=stream wgs=64 kl=8 ti=32 bt=1 xc=256 fr=1",
        "strategy=stream wgs=128 kl=8 ti=48 bt=3 xc=512 fr=3",
        "strategy=stream wgs=64 kl=4 ti=64 bt=2 xc=64 fr=1 ch=3",
        "strategy=stream wgs=96 kl=8 ti=24 bt=4 xc=320 fr=1000", /* every slice reduces */
    };
    static const format_param fmts[] = {
        {FMLP_DTYPE_F32, FMLP_DTYPE_F32, 0},
        {FMLP_DTYPE_F16, FMLP_DTYPE_BF16, 0},
        {FMLP_DTYPE_Q4_0, FMLP_DTYPE_F32, 0},
    };
    for (size_t o = 0; o < sizeof ovs / sizeof *ovs; ++o)
        for (size_t f = 0; f < sizeof fmts / sizeof *fmts; ++f) {
            fmlp_plan_desc d = make_desc(640, 384 * 5, FMLP_MLP_GATED, FMLP_ACT_SILU,
                                         FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN);
            d.weight_dtype = fmts[f].weights;
            d.act_dtype = fmts[f].acts;
            if (!nvidia) {
                expect_refused(&e, d, ovs[o]);
                continue;
            }
            check_case(&e, d, 1, ovs[o], mlp_tolerance(&d));
            check_case(&e, d, 7, ovs[o], mlp_tolerance(&d));
            if (fmts[f].weights == FMLP_DTYPE_Q4_0) {
                d.precision = FMLP_PRECISION_INT8_DOT;
                check_case(&e, d, 3, ovs[o], mlp_tolerance(&d));
            }
            d.kind = FMLP_MLP_PLAIN;
            d.activation = FMLP_ACT_RELU;
            d.biases = FMLP_BIAS_DOWN;
            d.precision = FMLP_PRECISION_EXACT;
            check_case(&e, d, 5, ovs[o], mlp_tolerance(&d));
        }
    env_close(&e);
}

/* The fused reduction's counters are shared by a variant's launches, which must therefore run
 * one after another. On the queue of the previous launch (in order) nothing else is needed; a
 * launch on another queue waits for a marker on the previous one, and one on an out-of-order
 * queue for the previous launch's event. Nine forwards alternate between two in-order queues
 * and an out-of-order one without waiting in between, each into a y of its own; every y must
 * be the reference's. Elsewhere than NVIDIA the plan is refused. */
Test(ops, stream_fused_reduction_queues)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(640, 384 * 5, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
    d.max_batch = 2;
    d.overrides = "strategy=stream wgs=64 kl=8 ti=32 bt=1 xc=256 fr=1";
    if (env_nvidia_sm(&e) < 60) {
        expect_refused(&e, d, d.overrides);
        env_close(&e);
        return;
    }
    mlp_case c;
    cr_assert_eq(mlp_case_init(&c, &d, 2, 4301), 0);
    mlp_run r;
    cr_assert_eq(mlp_run_setup(&r, e.ctx, e.queue, &c, 2), FMLP_SUCCESS);
    const size_t n = 2 * d.hidden;
    cl_context cl = fmlp_context_cl_context(e.ctx);
    cl_device_id dev = fmlp_context_cl_device(e.ctx);
    cl_int err;
    cl_command_queue q2 = clCreateCommandQueue(cl, dev, 0, &err);
    cr_assert_not_null(q2);
    cl_command_queue q3 =
        clCreateCommandQueue(cl, dev, CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, &err);
    cr_assert_not_null(q3, "NVIDIA's OpenCL takes out-of-order queues");
    cr_assert_eq(clEnqueueWriteBuffer(e.queue, r.x, CL_TRUE, 0, n * sizeof(float),
                                      mlp_case_x_data(&c), 0, NULL, NULL), CL_SUCCESS);
    cl_command_queue order[] = {e.queue, e.queue, q2, q2, e.queue, q3, q3, q2, e.queue};
    enum { K = sizeof order / sizeof *order };
    cl_mem y[K];
    float *yh = malloc(n * sizeof *yh);
    cr_assert_not_null(yh);
    for (int k = 0; k < K; ++k) {
        y[k] = clCreateBuffer(cl, CL_MEM_READ_WRITE, n * sizeof(float), NULL, &err);
        cr_assert_not_null(y[k]);
        mlp_poison(yh, n);
        cr_assert_eq(clEnqueueWriteBuffer(e.queue, y[k], CL_TRUE, 0, n * sizeof(float), yh, 0,
                                          NULL, NULL), CL_SUCCESS);
    }
    for (int k = 0; k < K; ++k)
        cr_assert_eq(fmlp_forward(r.plan, r.weights, order[k], 2, r.x, 0, y[k], 0, NULL, 0, NULL,
                                  NULL), FMLP_SUCCESS, "forward %d", k);
    cr_assert_eq(clFinish(q3), CL_SUCCESS);
    cr_assert_eq(clFinish(q2), CL_SUCCESS);
    cr_assert_eq(clFinish(e.queue), CL_SUCCESS);
    const size_t rows[] = {0, 1};
    for (int k = 0; k < K; ++k) {
        read_floats(e.queue, y[k], n, yh);
        cr_expect_eq(mlp_count_poison(yh, n), 0, "forward %d", k);
        const double rel = mlp_rel_error(&c, yh, rows, 2);
        cr_expect(rel <= mlp_tolerance(&d), "forward %d: relative error %g", k, rel);
        clReleaseMemObject(y[k]);
    }
    free(yh);
    clReleaseCommandQueue(q2);
    clReleaseCommandQueue(q3);
    mlp_run_free(&r);
    mlp_case_free(&c);
    env_close(&e);
}

/* na=1: the stream kernel's weight loads as PTX ld.global.nc.L1::no_allocate (NVIDIA from
 * compute capability 7.0; na=2 adds an L2 evict-first policy, 8.0). There every weight format
 * (and the int8 plans of the block formats) must give the reference's results, phase 1 and
 * phase 2 both reading through it; elsewhere plans asking for it are refused. */
Test(ops, stream_load_hint)
{
    test_env e;
    env_open(&e);
    const int nvidia = env_nvidia_sm(&e) >= 70;
    static const char *const ovs[] = {
        "strategy=stream wgs=64 kl=8 ti=32 bt=1 xc=256 na=1",
        "strategy=stream wgs=128 kl=16 ti=48 bt=3 xc=512 vw=8 pb=1 na=1",
        "strategy=stream wgs=128 kl=16 ti=32 bt=2 xc=256 vw=4 dl=1 na=2",
    };
    static const fmlp_dtype wts[] = {FMLP_DTYPE_F32,       FMLP_DTYPE_F16,       FMLP_DTYPE_BF16,
                                     FMLP_DTYPE_Q8_0,      FMLP_DTYPE_Q4_0,      FMLP_DTYPE_AFFINE_Q2,
                                     FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_AFFINE_Q8};
    for (size_t o = 0; o < sizeof ovs / sizeof *ovs; ++o)
        for (size_t w = 0; w < sizeof wts / sizeof *wts; ++w) {
            fmlp_plan_desc d = make_desc(640, 384 * 5, FMLP_MLP_GATED, FMLP_ACT_SILU,
                                         FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN);
            d.weight_dtype = wts[w];
            /* the affine formats' groups: 32, 64 (q8) and 128 (q4) */
            if (wts[w] >= FMLP_DTYPE_AFFINE_Q2)
                d.group_size = wts[w] == FMLP_DTYPE_AFFINE_Q8   ? 64
                               : wts[w] == FMLP_DTYPE_AFFINE_Q4 ? 128
                                                                : 32;
            if (!nvidia) {
                expect_refused(&e, d, ovs[o]);
                continue;
            }
            check_case(&e, d, 1, ovs[o], mlp_tolerance(&d));
            check_case(&e, d, 5, ovs[o], mlp_tolerance(&d));
            if (wts[w] != FMLP_DTYPE_F32 && wts[w] != FMLP_DTYPE_F16 && wts[w] != FMLP_DTYPE_BF16) {
                d.precision = FMLP_PRECISION_INT8_DOT;
                check_case(&e, d, 3, ovs[o], mlp_tolerance(&d));
            }
        }
    env_close(&e);
}

/* The stream kernel's first weights asked into L2 before x is staged (xp): PTX prefetches, so
 * NVIDIA only. There every format must give the reference's results with one step, several,
 * more steps than a lane has in the first x chunk (xc below H: the prefetches stop at the
 * chunk), several batch rows, int8 dot products and the fused reduction; elsewhere the plans
 * are refused. xp past 8 is refused everywhere. */
Test(ops, stream_start_prefetch)
{
    test_env e;
    env_open(&e);
    const int nvidia = env_nvidia_sm(&e) >= 60;
    static const char *const ovs[] = {
        "strategy=stream wgs=64 kl=8 ti=32 bt=1 xc=256 xp=1",
        "strategy=stream wgs=128 kl=16 ti=48 bt=3 xc=512 vw=4 pb=1 xp=3",
        "strategy=stream wgs=64 kl=4 ti=32 bt=1 xc=128 dl=1 xp=8 fr=1",
    };
    static const fmlp_dtype wts[] = {FMLP_DTYPE_F32, FMLP_DTYPE_F16, FMLP_DTYPE_Q4_0,
                                     FMLP_DTYPE_AFFINE_Q3};
    for (size_t o = 0; o < sizeof ovs / sizeof *ovs; ++o)
        for (size_t w = 0; w < sizeof wts / sizeof *wts; ++w) {
            fmlp_plan_desc d = make_desc(640, 384 * 5, FMLP_MLP_GATED, FMLP_ACT_SILU,
                                         FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN);
            d.weight_dtype = wts[w];
            d.group_size = wts[w] == FMLP_DTYPE_AFFINE_Q3 ? 64 : 0;
            if (!nvidia) {
                expect_refused(&e, d, ovs[o]);
                continue;
            }
            check_case(&e, d, 1, ovs[o], mlp_tolerance(&d));
            check_case(&e, d, 6, ovs[o], mlp_tolerance(&d));
            if (wts[w] == FMLP_DTYPE_Q4_0 || wts[w] == FMLP_DTYPE_AFFINE_Q3) {
                d.precision = FMLP_PRECISION_INT8_DOT;
                check_case(&e, d, 2, ovs[o], mlp_tolerance(&d));
            }
        }
    fmlp_plan_desc d = make_desc(640, 384 * 5, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.overrides = "strategy=stream wgs=64 kl=8 ti=32 xp=9";
    fmlp_plan *p = NULL;
    cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_PARAMETER);
    cr_expect_null(p);
    env_close(&e);
}

/* ca (cl/mlp_mma.cl's G_CA): gate/up's affine weights through a ring of 2-4 k-tiles in local
 * memory, filled by asynchronous copies (cp.async on NVIDIA from compute capability 8.0; plain
 * copies in the emulation elsewhere). Every field width and group size, k-tiles of 32 and (but
 * for 3-bit fields) 16, fp32, f16 and bf16 x, integer zero points (FMLP_IZ) and fractional ones,
 * folded scales (fw=1), a plain MLP, an int8 plan's regrouped 3-bit fields, and shapes whose rows
 * (I = 224, 320, 640 against 48-row tiles) and batches end inside a tile and whose k (6-16
 * k-tiles) runs past the ring's depth and wraps it: within tolerance, and bit for bit what the
 * same plan gives through registers (ca=0). Plans where ca does not apply get ca=0; 1 and 5 are
 * refused. */
Test(ops, mma_async_weight_ring)
{
    test_env e;
    env_open(&e);
    const int emu = env_nvidia_sm(&e) < 80;
    static const struct {
        fmlp_dtype w;
        unsigned group;
        fmlp_dtype x;
        int ca;
        int fw;
        int fractional; /* also with every zero point moved by 0.5 (the general build) */
        int kt;
    } cells[] = {{FMLP_DTYPE_AFFINE_Q3, 32, FMLP_DTYPE_F32, 2, 0, 1, 32},
                 {FMLP_DTYPE_AFFINE_Q3, 64, FMLP_DTYPE_F16, 3, 0, 0, 32},
                 {FMLP_DTYPE_AFFINE_Q3, 32, FMLP_DTYPE_BF16, 4, 0, 0, 32},
                 {FMLP_DTYPE_AFFINE_Q2, 32, FMLP_DTYPE_F32, 3, 0, 0, 32},
                 {FMLP_DTYPE_AFFINE_Q4, 128, FMLP_DTYPE_F16, 2, 1, 1, 32},
                 {FMLP_DTYPE_AFFINE_Q8, 32, FMLP_DTYPE_BF16, 2, 0, 0, 32},
                 /* k-tiles of 16, as the 16-bit-x entries mostly have */
                 {FMLP_DTYPE_AFFINE_Q2, 64, FMLP_DTYPE_F16, 2, 1, 0, 16},
                 {FMLP_DTYPE_AFFINE_Q4, 32, FMLP_DTYPE_F16, 3, 1, 1, 16},
                 {FMLP_DTYPE_AFFINE_Q8, 128, FMLP_DTYPE_BF16, 4, 0, 0, 16}};
    for (size_t i = 0; i < sizeof cells / sizeof *cells; ++i) {
        char a[256], b[256], has[16];
        const int n = snprintf(a, sizeof a,
                               "strategy=mma emu=%d iw=1 hp=1 mt=16 nt=48 kt=%d wm=1 wn=2 dmt=16 "
                               "dnt=32 dkt=16 dwm=1 dwn=2 splits=2 fw=%d",
                               emu, cells[i].kt, cells[i].fw);
        cr_assert(n > 0 && (size_t)n < sizeof a);
        snprintf(b, sizeof b, "%s ca=%d", a, cells[i].ca);
        snprintf(has, sizeof has, " ca=%d", cells[i].ca);
        const size_t inter = cells[i].group == 32 ? 224 : cells[i].group == 64 ? 320 : 640;
        const size_t hidden = cells[i].group == 128 ? 256 : 192;
        fmlp_plan_desc d = make_desc(hidden, inter, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
        d.weight_dtype = cells[i].w;
        d.group_size = cells[i].group;
        d.act_dtype = cells[i].x;
        const char *const want[2] = {" ca=0", has};
        expect_identical_has(&e, &d, 9, a, b, want);
        if (cells[i].fractional) check_case_zeros(&e, d, 5, b, mlp_tolerance(&d), 0.5f, 0);
    }
    /* a plain MLP: one weight matrix in the ring */
    fmlp_plan_desc d = make_desc(128, 160, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH, FMLP_BIAS_UP);
    d.weight_dtype = FMLP_DTYPE_AFFINE_Q3;
    d.group_size = 32;
    char a[256], b[256];
    snprintf(a, sizeof a,
             "strategy=mma emu=%d iw=1 hp=1 mt=16 nt=48 kt=32 wm=1 wn=2 dmt=16 dnt=32 dkt=16 "
             "dwm=1 dwn=2 splits=1",
             emu);
    snprintf(b, sizeof b, "%s ca=3", a);
    const char *const want3[2] = {" ca=0", " ca=3"}, *const want2[2] = {" ca=0", " ca=2"};
    expect_identical_has(&e, &d, 5, a, b, want3);
    /* an int8 plan's affine_q3 weights keep the regrouped fields (FMLP_Q3G), which the tensor-
     * core tiles of large batches read too */
    d = make_desc(128, 160, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.weight_dtype = FMLP_DTYPE_AFFINE_Q3;
    d.group_size = 32;
    d.precision = FMLP_PRECISION_INT8_DOT;
    snprintf(b, sizeof b, "%s ca=2", a);
    expect_identical_has(&e, &d, 5, a, b, want2);
    /* where ca does not apply (k-tiles of 16; Q4_0; fp32 weights) the plan takes ca=0 */
    static const struct {
        fmlp_dtype w;
        unsigned group;
        const char *kt;
    } off[] = {{FMLP_DTYPE_AFFINE_Q3, 32, "kt=16"},
               {FMLP_DTYPE_Q4_0, 0, "kt=32"},
               {FMLP_DTYPE_F32, 0, "kt=32"}};
    for (size_t i = 0; i < sizeof off / sizeof *off; ++i) {
        d = make_desc(128, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
        d.weight_dtype = off[i].w;
        d.group_size = off[i].group;
        snprintf(b, sizeof b,
                 "strategy=mma emu=%d iw=1 hp=1 mt=16 nt=32 %s wm=1 wn=2 dmt=16 dnt=32 dkt=16 "
                 "dwm=1 dwn=2 ca=2",
                 emu, off[i].kt);
        expect_plan_keeps(&e, d, b, FMLP_PRECISION_EXACT, " ca=0");
    }
    for (int bad = 1; bad <= 5; bad += 4) {
        d = make_desc(128, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
        d.weight_dtype = FMLP_DTYPE_AFFINE_Q3;
        d.group_size = 32;
        snprintf(b, sizeof b, "strategy=mma emu=%d iw=1 hp=1 kt=32 ca=%d", emu, bad);
        d.overrides = b;
        fmlp_plan *p = NULL;
        cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_PARAMETER, "%s", b);
        cr_expect_null(p);
    }
    env_close(&e);
}

/* bf16 x into the mma kernel's gate/up as loaded (cl/mlp_mma.cl's G_XBF): bf16 tensor cores
 * (emulated here) against the block formats' fields and bf16 weights, with no k-tile scales.
 * Every field width (2, 3, 4 and 8 bits), GGML's offsets, the affine zero points both as
 * integers (FMLP_IZ: field less zero point as one bf16) and moved by 0.5 (the sums of x against
 * bf16 ones), and integer zero points beyond bf16's exact range for IZ (|z| > 256: the weights
 * then take the general build, where fp32 and f16 x take IZ). Batches and shapes off the tiles. */
Test(ops, mma_raw_bf16_activations)
{
    test_env e;
    env_open(&e);
    static const char ov[] = "strategy=mma emu=1 iw=1 hp=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 "
                             "dnt=32 dkt=16 dwm=1 dwn=2 splits=2";
    static const struct {
        fmlp_dtype w;
        unsigned group;
    } fmts[] = {{FMLP_DTYPE_BF16, 0},       {FMLP_DTYPE_Q8_0, 0},       {FMLP_DTYPE_Q4_0, 0},
                {FMLP_DTYPE_AFFINE_Q2, 32}, {FMLP_DTYPE_AFFINE_Q3, 32}, {FMLP_DTYPE_AFFINE_Q4, 64},
                {FMLP_DTYPE_AFFINE_Q8, 32}};
    for (size_t f = 0; f < sizeof fmts / sizeof *fmts; ++f) {
        fmlp_plan_desc d = make_desc(128, 192, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
        d.weight_dtype = fmts[f].w;
        d.group_size = fmts[f].group;
        d.act_dtype = FMLP_DTYPE_BF16;
        if (fmts[f].w < FMLP_DTYPE_AFFINE_Q2) {
            check_case(&e, d, 19, ov, mlp_tolerance(&d));
            continue;
        }
        check_case_zeros(&e, d, 19, ov, mlp_tolerance(&d), 0.0f, 1);
        check_case_zeros(&e, d, 7, ov, mlp_tolerance(&d), 0.5f, 0);
        check_case_zeros(&e, d, 7, ov, mlp_tolerance(&d), 300.0f, 0);
        /* the same zero points with fp32 x stay within the other kernels' IZ range (f16 x's
         * too, whose outputs these weights would take past f16's range) */
        d.act_dtype = FMLP_DTYPE_F32;
        check_case_zeros(&e, d, 7, ov, mlp_tolerance(&d), 300.0f, 1);
    }
    /* a plain MLP (one weight matrix in gate/up) */
    fmlp_plan_desc d = make_desc(64, 96, FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH, FMLP_BIAS_UP);
    d.weight_dtype = FMLP_DTYPE_Q4_0;
    d.act_dtype = FMLP_DTYPE_BF16;
    check_case(&e, d, 5, ov, mlp_tolerance(&d));
    env_close(&e);
}

/* na=1 and na=2 in the tensor-core strategies (mma, mmav, mmaq): their weight loads as PTX
 * ld.global.nc.L1::no_allocate, and with an L2 evict-first policy (NVIDIA from compute
 * capability 8.0, as the tensor cores). There every weight format must give the reference's
 * results through both; elsewhere the emulation (emu=1) builds without the hint and refuses
 * it as missing, so the refusal is the hint's and not the tensor cores'. */
Test(ops, tensor_core_load_hint)
{
    test_env e;
    env_open(&e);
    const int nvidia = env_nvidia_sm(&e) >= 80;
    static const char *const ovs[] = {
        "strategy=mmav wg=2 kw=2 fm=1 fb=1 ku=2 dwg=2 dfb=1 dku=2 splits=3",
        "strategy=mmav wg=4 kw=4 fm=2 fb=2 ku=4 dwg=4 dkw=2 dfb=2 dku=2 splits=2 iw=1 wl=1",
        "strategy=mma mt=16 nt=32 kt=32 wm=1 wn=2 dmt=16 dnt=64 dkt=32 dwm=1 dwn=2 splits=3",
        "strategy=mma mt=32 nt=32 kt=16 wm=2 wn=1 dmt=32 dnt=32 dkt=16 dwm=2 dwn=1 splits=1 iw=1",
        "strategy=mmaq wg=4 kw=2 fb=1 ku=4 dwg=2 dfb=2 dku=4 splits=3",
    };
    static const fmlp_dtype wts[] = {FMLP_DTYPE_F32,  FMLP_DTYPE_BF16,      FMLP_DTYPE_Q8_0,
                                     FMLP_DTYPE_Q4_0, FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_AFFINE_Q4};
    for (int na = 1; na <= 2; ++na)
        for (size_t o = 0; o < sizeof ovs / sizeof *ovs; ++o)
            for (size_t w = 0; w < sizeof wts / sizeof *wts; ++w) {
                const int mmaq = strstr(ovs[o], "mmaq") != NULL;
                if (mmaq && wts[w] <= FMLP_DTYPE_BF16) continue; /* integer dot products only */
                char ov[256];
                snprintf(ov, sizeof ov, "%s na=%d emu=%d", ovs[o], na, nvidia ? 0 : 1);
                fmlp_plan_desc d = make_desc(256, 128 * (3 + o % 2),
                                             o % 2 ? FMLP_MLP_PLAIN : FMLP_MLP_GATED,
                                             o % 2 ? FMLP_ACT_GELU_TANH : FMLP_ACT_SILU,
                                             FMLP_BIAS_UP | FMLP_BIAS_DOWN);
                d.weight_dtype = wts[w];
                d.group_size = wts[w] == FMLP_DTYPE_AFFINE_Q4 ? 128 : wts[w] > FMLP_DTYPE_Q4_0 ? 32 : 0;
                if (mmaq) d.precision = FMLP_PRECISION_INT8_DOT;
                if (!nvidia) {
                    expect_refused(&e, d, ov);
                    fmlp_plan *p = NULL;
                    /* the same plan without the hint builds (the refusal is na's) */
                    snprintf(ov, sizeof ov, "%s emu=1", ovs[o]);
                    d.overrides = ov;
                    cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS, "%s", ov);
                    fmlp_plan_release(p);
                    continue;
                }
                check_case(&e, d, 1 + 6 * (w % 2), ov, mlp_tolerance(&d));
                check_case(&e, d, 19, ov, mlp_tolerance(&d));
            }
    env_close(&e);
}

/* c's MLP on a plan of its own (c->desc), y poisoned and then checked row by row against the
 * reference: each row's relative error within tol (an error measure over all rows would see
 * only the largest), the message naming what ran and row r's power of two of x,
 * 2^(step * (r % 5) + base). */
static void check_rows(test_env *e, mlp_case *c, double tol, const char *what, int step, int base,
                       uint64_t seed)
{
    const size_t B = c->batch, H = c->desc.hidden;
    mlp_run r;
    fmlp_status st = mlp_run_setup(&r, e->ctx, e->queue, c, B);
    cr_assert_eq(st, FMLP_SUCCESS, "%s: %s", what, fmlp_status_string(st));
    float *y = malloc(sizeof(float) * B * H);
    cr_assert_not_null(y);
    cr_assert_eq(mlp_run_forward(&r, c, y), FMLP_SUCCESS);
    cr_assert_eq(mlp_count_poison(y, B * H), 0);
    for (size_t row = 0; row < B; ++row) {
        const double err = mlp_rel_error(c, y, &row, 1);
        cr_assert(err <= tol, "%s: row %zu (x scaled by 2^%d) relative error %.3e (seed %llu)",
                  what, row, step * (int)(row % 5) + base, err, (unsigned long long)seed);
    }
    free(y);
    mlp_run_free(&r);
}

/* hp=1 (fp16 pairs; mma and mmav) with operands far outside fp16's range: x rows scaled by
 * 2^-40 .. 2^40, gate and up rows by 2^-16 .. 2^16, down rows by 2^-30 .. 2^30, so that every
 * k-tile and weight row needs its own power-of-two scale, and within each weight row by 2^0 ..
 * 2^-39 along k, so that a row's smallest weights fall below f16's normal range after its
 * scale (bf16 weights go in as one f16 each: exact down to 2^-28 of the row's largest); each
 * output row checked on its own against the reference (an error measure over all rows would
 * see only the largest).
 * fp32 and bf16 weights; the emulation on any device, and the tensor cores where they exist;
 * 3xTF32 (hp=0) on the same data alongside. */
Test(ops, mma_fp16_pairs_wide_range)
{
    test_env e;
    env_open(&e);
    const int sm = env_nvidia_sm(&e);
    static const char *const tiles[] = {
        "strategy=mma hp=%d emu=%d mt=16 nt=32 kt=32 wm=1 wn=2 dmt=16 dnt=32 dkt=16 dwm=1 dwn=2 splits=2",
        "strategy=mma hp=%d emu=%d mt=32 nt=16 kt=16 wm=2 wn=1 dmt=32 dnt=32 dkt=32 dwm=2 dwn=1",
        "strategy=mmav hp=%d emu=%d wg=2 fm=1 fb=2 ku=2 dwg=2 dfb=2 dku=2 splits=2",
    };
    const size_t H = 68, I = 132, B = 19;
    for (int emu = 1; emu >= (sm >= 80 ? 0 : 1); --emu)
        for (int bf = 0; bf <= 1; ++bf)
            for (size_t t = 0; t < sizeof tiles / sizeof *tiles; ++t)
                for (int hp = 1; hp >= 0; --hp) {
                    char ov[200];
                    snprintf(ov, sizeof ov, tiles[t], hp, emu);
                    fmlp_plan_desc desc = make_desc(H, I, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
                    desc.overrides = ov;
                    desc.max_batch = B;
                    desc.weight_dtype = bf ? FMLP_DTYPE_BF16 : FMLP_DTYPE_F32;
                    mlp_case c;
                    const uint64_t seed = fresh_seed();
                    cr_assert_eq(mlp_case_init(&c, &desc, B, seed), 0);
                    for (size_t r = 0; r < B; ++r)
                        for (size_t k = 0; k < H; ++k) c.x[r * H + k] = ldexpf(c.x[r * H + k], 20 * (int)(r % 5) - 40);
                    for (size_t i = 0; i < I; ++i)
                        for (size_t k = 0; k < H; ++k) {
                            const int in_row = -3 * (int)(k % 14);
                            c.gate[i * H + k] = ldexpf(c.gate[i * H + k], 16 * ((int)(i % 3) - 1) + in_row);
                            c.up[i * H + k] = ldexpf(c.up[i * H + k], -16 * ((int)(i % 3) - 1) + in_row);
                        }
                    for (size_t h = 0; h < H; ++h)
                        for (size_t i = 0; i < I; ++i)
                            c.down[h * I + i] = ldexpf(c.down[h * I + i], 30 * ((int)(h % 3) - 1) - 3 * (int)(i % 14));
                    if (bf) { /* powers of two keep bf16 values bf16: the packed bytes again */
                        cr_assert_eq(fmlp_quantize(FMLP_DTYPE_BF16, 0, c.gate, I, H, c.gate_q, c.gate_q_bytes), FMLP_SUCCESS);
                        cr_assert_eq(fmlp_quantize(FMLP_DTYPE_BF16, 0, c.up, I, H, c.up_q, c.up_q_bytes), FMLP_SUCCESS);
                        cr_assert_eq(fmlp_quantize(FMLP_DTYPE_BF16, 0, c.down, H, I, c.down_q, c.down_q_bytes), FMLP_SUCCESS);
                    }
                    char what[240];
                    snprintf(what, sizeof what, "%s, %s weights", ov, bf ? "bf16" : "fp32");
                    check_rows(&e, &c, TOL_F32, what, 20, -40, seed);
                    mlp_case_free(&c);
                }
    env_close(&e);
}

/* hp=1 with 16-bit weights: f16 exact in f16 (two products), bf16 scaled by its rows' powers
 * of two into one f16 each (two); f16 and bf16 activations with fp32 and 16-bit weights; in
 * mma the flush's scales read early (se=1) and at the flush (se=0); mma and mmav, through the
 * emulation and on tensor cores where they exist. */
Test(ops, mma_fp16_pairs_formats)
{
    test_env e;
    env_open(&e);
    const int tensor_cores = env_nvidia_sm(&e) >= 80;
    /* x in f16 or bf16 goes into mma's gate/up as one f16 a value (G_X16): one product with
     * 16-bit weights, two with fp32 ones */
    static const fmlp_dtype wts[] = {FMLP_DTYPE_F16, FMLP_DTYPE_BF16, FMLP_DTYPE_F32,
                                     FMLP_DTYPE_F32, FMLP_DTYPE_F16, FMLP_DTYPE_BF16};
    static const fmlp_dtype acts[] = {FMLP_DTYPE_F32, FMLP_DTYPE_F32, FMLP_DTYPE_F16,
                                      FMLP_DTYPE_BF16, FMLP_DTYPE_F16, FMLP_DTYPE_BF16};
    for (int emu = tensor_cores ? 0 : 1; emu <= 1; ++emu)
        for (size_t w = 0; w < sizeof wts / sizeof *wts; ++w)
            for (int v = 0; v <= 1; ++v) {
                char ov[200];
                if (v)
                    snprintf(ov, sizeof ov,
                             "strategy=mmav hp=1 emu=%d wg=2 fm=%d fb=2 ku=%d dwg=2 dfb=2 dku=%d "
                             "splits=%d",
                             emu, 1 + (int)(w % 2), 1 + (int)(w % 2), 2 << (w % 2), 1 + (int)(w % 3));
                else
                    snprintf(ov, sizeof ov,
                             "strategy=mma hp=1 emu=%d mt=32 nt=32 kt=%d wm=2 wn=2 dmt=32 dnt=32 "
                             "dkt=16 dwm=1 dwn=2 splits=%d se=%d",
                             emu, w % 2 ? 32 : 16, 1 + (int)(w % 3), (int)(w / 2 % 2));
                fmlp_plan_desc d = make_desc(132, 200, w % 2 ? FMLP_MLP_PLAIN : FMLP_MLP_GATED,
                                             w % 2 ? FMLP_ACT_RELU : FMLP_ACT_SILU, FMLP_BIAS_DOWN);
                d.weight_dtype = wts[w];
                d.act_dtype = acts[w];
                check_case(&e, d, v ? 19 : 37, ov, mlp_tolerance(&d));
            }
    env_close(&e);
}

/* hp=1 in mma with f16 activations (G_XRAW): x's f16 bits go into gate/up's tensor cores
 * without a k-tile scale, fp32 and 16-bit weights sum straight into the totals and the block
 * formats' flush is one FMA (from formats[first] on). Rows of x scaled by 2^-17 (into f16's subnormals) to 2^3
 * (y, stored in f16 too, overflows beyond), so that a scale left out or applied twice shows in
 * some row; k-tiles of 16 (two to eight a block: groups of 32, 64 and 128) and 32; the
 * flush's scales read early and late; each row checked on its own, through the emulation and
 * on tensor cores where they exist. */
/* The raw-f16 and folded tests' plan for their format f: gated SiLU (f even) or plain GELU
 * with an up bias (f odd), a down bias, the weights and activations of fp, at most B rows. */
static fmlp_plan_desc format_desc(size_t H, size_t I, size_t B, size_t f, format_param fp,
                                  const char *overrides)
{
    fmlp_plan_desc d = make_desc(H, I, f % 2 ? FMLP_MLP_PLAIN : FMLP_MLP_GATED,
                                 f % 2 ? FMLP_ACT_GELU_TANH : FMLP_ACT_SILU,
                                 FMLP_BIAS_DOWN | (f % 2 ? FMLP_BIAS_UP : 0));
    d.overrides = overrides;
    d.max_batch = B;
    d.weight_dtype = fp.weights;
    d.group_size = fp.group;
    d.act_dtype = fp.acts;
    return d;
}

#define RAW_X_STEP 5
#define RAW_X_BASE (-17)
static void raw_f16_activations(size_t first)
{
    test_env e;
    env_open(&e);
    const int tensor_cores = env_nvidia_sm(&e) >= 80;
    static const format_param fmts[] = {
        {FMLP_DTYPE_F32, FMLP_DTYPE_F16, 0},         {FMLP_DTYPE_BF16, FMLP_DTYPE_F16, 0},
        {FMLP_DTYPE_F16, FMLP_DTYPE_F16, 0},         {FMLP_DTYPE_Q8_0, FMLP_DTYPE_F16, 0},
        {FMLP_DTYPE_Q4_0, FMLP_DTYPE_F16, 0},        {FMLP_DTYPE_AFFINE_Q2, FMLP_DTYPE_F16, 32},
        {FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_F16, 64},  {FMLP_DTYPE_AFFINE_Q8, FMLP_DTYPE_F16, 128},
    };
    const size_t H = 256, B = 19;
    for (int emu = tensor_cores ? 0 : 1; emu <= 1; ++emu)
        for (size_t f = first; f < sizeof fmts / sizeof *fmts; ++f) {
            /* I a multiple of the block (down's rows are blocks along I), of no tile where it
             * can be */
            const size_t I = fmts[f].group > 32 ? 3 * fmts[f].group : f < 3 ? 200 : 288;
            char ov[200];
            snprintf(ov, sizeof ov,
                     "strategy=mma iw=1 hp=1 emu=%d mt=32 nt=32 kt=%d wm=2 wn=2 dmt=32 dnt=32 "
                     "dkt=16 dwm=1 dwn=2 splits=%d se=%d",
                     emu, f % 3 == 2 ? 32 : 16, 1 + (int)(f % 2), (int)(f / 2 % 2));
            fmlp_plan_desc d = format_desc(H, I, B, f, fmts[f], ov);
            mlp_case c;
            const uint64_t seed = fresh_seed();
            cr_assert_eq(mlp_case_init(&c, &d, B, seed), 0);
            for (size_t r = 0; r < B; ++r)
                for (size_t k = 0; k < H; ++k)
                    c.x[r * H + k] = ldexpf(c.x[r * H + k], RAW_X_STEP * (int)(r % 5) + RAW_X_BASE);
            mlp_case_round_x(&c);
            char what[240];
            snprintf(what, sizeof what, "%s, format %zu", ov, f);
            check_rows(&e, &c, mlp_tolerance(&d), what, RAW_X_STEP, RAW_X_BASE, seed);
            mlp_case_free(&c);
            /* the affine formats both ways: integer zero points (the FMLP_IZ build: the flush
             * only scales) above, and here zero points moved by 0.5 (the general build: sums
             * of x against ones and the zero-point term in the flush) */
            if (fmts[f].weights >= FMLP_DTYPE_AFFINE_Q2) {
                d.overrides = NULL;
                check_case_zeros(&e, d, B, ov, mlp_tolerance(&d), 0.5f, 0);
            }
        }
    env_close(&e);
}

Test(ops, mma_raw_f16_activations) { raw_f16_activations(0); }

/* The block formats with -DFMLP_HP_XBLK=1 (their flushes once a block, not once a k-tile; off
 * by default, kept for A/B measurements). The options are read when the context is made, and
 * each test runs in a process of its own. */
Test(ops, mma_raw_f16_activations_block_flush)
{
    cr_assert_eq(setenv("FLASHMLP_BUILD_OPTIONS", "-DFMLP_HP_XBLK=1", 1), 0);
    raw_f16_activations(3);
}

/* fw=1: gate/up folds each block's scale into its fields as fp16 pairs (cl/mlp_mma.cl's G_FW),
 * with the rows' powers of two bounded from the blocks' scales at packing. GGML Q8_0/Q4_0 and
 * the affine formats with integer zero points (their FMLP_IZ build) fold; affine zero points
 * moved by 0.5 keep the general build, which does not, in the same plan. Gate and up rows
 * scaled by 2^-16 .. 2^16 before quantizing (every row its own power of two; the small ones'
 * scales are f16 subnormals), fp32, f16 and bf16 x, k-tiles of 16 and 32, the flush's scales
 * early and late, each row checked on its own; the emulation, and the tensor cores where they
 * exist. */
Test(ops, mma_folded_block_scales)
{
    test_env e;
    env_open(&e);
    const int tensor_cores = env_nvidia_sm(&e) >= 80;
    /* x rotates through fp32, f16 and bf16 */
    static const format_param fmts[] = {
        {FMLP_DTYPE_Q8_0, FMLP_DTYPE_F32, 0},        {FMLP_DTYPE_Q4_0, FMLP_DTYPE_F16, 0},
        {FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_BF16, 32}, {FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_F32, 64},
        {FMLP_DTYPE_AFFINE_Q8, FMLP_DTYPE_F16, 128}, {FMLP_DTYPE_AFFINE_Q2, FMLP_DTYPE_BF16, 32}};
    const size_t H = 256, B = 19;
    for (int emu = tensor_cores ? 0 : 1; emu <= 1; ++emu)
        for (size_t f = 0; f < sizeof fmts / sizeof *fmts; ++f) {
            const size_t I = fmts[f].group > 32 ? 3 * fmts[f].group : 288;
            char ov[200];
            snprintf(ov, sizeof ov,
                     "strategy=mma iw=1 hp=1 fw=1 emu=%d mt=32 nt=32 kt=%d wm=2 wn=2 dmt=32 "
                     "dnt=32 dkt=16 dwm=1 dwn=2 splits=%d se=%d",
                     emu, f % 2 ? 32 : 16, 1 + (int)(f % 3), (int)(f / 2 % 2));
            fmlp_plan_desc d = format_desc(H, I, B, f, fmts[f], ov);
            const double tol = mlp_tolerance(&d);
            if (f == sizeof fmts / sizeof *fmts - 1) { /* the general affine build */
                d.overrides = NULL;
                check_case_zeros(&e, d, B, ov, tol, 0.5f, 0);
                continue;
            }
            mlp_case c;
            const uint64_t seed = fresh_seed();
            cr_assert_eq(mlp_case_init(&c, &d, B, seed), 0);
            float *m[2] = {c.gate, c.up};
            void *q[2] = {c.gate_q, c.up_q};
            const size_t qb[2] = {c.gate_q_bytes, c.up_q_bytes};
            for (int p = 0; p < 2; ++p) {
                if (!m[p]) continue;
                for (size_t i = 0; i < I; ++i)
                    for (size_t k = 0; k < H; ++k)
                        m[p][i * H + k] = ldexpf(m[p][i * H + k], 16 * ((int)((i + p) % 3) - 1));
                cr_assert_eq(fmlp_quantize(d.weight_dtype, d.group_size, m[p], I, H, q[p], qb[p]),
                             FMLP_SUCCESS);
                cr_assert_eq(fmlp_dequantize(d.weight_dtype, d.group_size, q[p], I, H, m[p]),
                             FMLP_SUCCESS);
            }
            char what[240];
            snprintf(what, sizeof what, "%s, format %zu, x %d", ov, f, (int)d.act_dtype);
            check_rows(&e, &c, tol, what, 0, 0, seed);
            mlp_case_free(&c);
        }
    env_close(&e);
}

/* iw=1: GGML Q8_0/Q4_0 and affine fields straight into the mma, each k-tile's sums scaled by
 * its block's scale (less the zero point times the k-tile's sum of x), through the emulation
 * (any device) and on NVIDIA tensor cores where they exist; both accumulation orders, k-tiles
 * of 8, 16 and 32, groups of 32, 64 and 128, batches and rows that are not multiples of any
 * tile. */
Test(ops, mma_integer_weights)
{
    test_env e;
    env_open(&e);
    const int tensor_cores = env_nvidia_sm(&e) >= 80;
    static const char *const ovs[] = {
        "strategy=mma iw=1 mt=32 nt=32 kt=16 wm=1 wn=2 dmt=32 dnt=64 dkt=32 dwm=1 dwn=2 splits=3",
        "strategy=mma iw=1 order=1 dorder=1 mt=16 nt=32 kt=32 wm=1 wn=2 dmt=16 dnt=32 dkt=8 dwm=1 dwn=2",
        /* x in fp16 pairs, the fields as f16 (hp=1), the flush's scales read at the flush */
        "strategy=mma iw=1 hp=1 mt=32 nt=32 kt=32 wm=2 wn=2 dmt=32 dnt=32 dkt=16 dwm=1 dwn=2 splits=2 "
        "se=0",
    };
    static const fmlp_dtype weights[] = {FMLP_DTYPE_Q8_0, FMLP_DTYPE_Q4_0, FMLP_DTYPE_AFFINE_Q2,
                                         FMLP_DTYPE_AFFINE_Q8, FMLP_DTYPE_AFFINE_Q3};
    static const unsigned groups[] = {0, 0, 32, 128, 64};
    for (int emu = tensor_cores ? 0 : 1; emu <= 1; ++emu)
        for (size_t o = 0; o < sizeof ovs / sizeof *ovs; ++o)
            for (size_t w = 0; w < sizeof weights / sizeof *weights; ++w) {
                char ov[200];
                snprintf(ov, sizeof ov, "%s emu=%d", ovs[o], emu);
                fmlp_plan_desc d = make_desc(128, 256 + 128 * (w % 2), w % 2 ? FMLP_MLP_PLAIN
                                                                           : FMLP_MLP_GATED,
                                             w % 2 ? FMLP_ACT_GELU_TANH : FMLP_ACT_SILU,
                                             FMLP_BIAS_DOWN);
                d.weight_dtype = weights[w];
                d.group_size = groups[w];
                d.act_dtype = (o + w) % 2 ? FMLP_DTYPE_BF16 : FMLP_DTYPE_F32;
                check_case(&e, d, 19, ov, mlp_tolerance(&d));
            }
    env_close(&e);
}

/* mmav's iw=1: the fields built as exact tf32 values without conversions, each 32-wide chunk
 * of gate/up and each 8 * dku inputs of down scaled by their block's scale (less the zero
 * point times the chunk's sum of x or h), through the emulation and on NVIDIA tensor cores
 * where they exist; loads a step ahead or not, warps sharing k, down split over I, groups of
 * 32, 64 and 128, batches and I that are not multiples of any tile. */
Test(ops, mmav_integer_weights)
{
    test_env e;
    env_open(&e);
    const int tensor_cores = env_nvidia_sm(&e) >= 80;
    static const char *const ovs[] = {
        "strategy=mmav iw=1 wg=2 kw=2 fm=1 fb=1 ku=2 dwg=2 dkw=2 dfb=1 dku=2 splits=3",
        "strategy=mmav iw=1 wg=2 fm=2 fb=2 ku=1 pf=1 dwg=4 dkw=2 dfb=2 dku=4 dpf=1 splits=2",
        /* groups of 64 and 128: 64 inputs of down a step */
        "strategy=mmav iw=1 wg=4 kw=2 fm=1 fb=1 ku=2 dwg=2 dfb=1 dku=8 splits=2",
        /* the fields as f16 integers against x in fp16 pairs (hp=1, gate/up) */
        "strategy=mmav iw=1 hp=1 wg=2 kw=2 fm=2 fb=2 ku=2 pf=1 dwg=2 dfb=1 dku=2 splits=3",
    };
    static const fmlp_dtype weights[] = {FMLP_DTYPE_Q8_0, FMLP_DTYPE_Q4_0, FMLP_DTYPE_AFFINE_Q2,
                                         FMLP_DTYPE_AFFINE_Q8, FMLP_DTYPE_AFFINE_Q3,
                                         FMLP_DTYPE_AFFINE_Q4};
    static const unsigned groups[] = {0, 0, 32, 128, 64, 32};
    /* each format with one of the shapes of kernel (a plan each: PoCL's builds are most of
     * this test's time) */
    for (int emu = tensor_cores ? 0 : 1; emu <= 1; ++emu)
        for (size_t w = 0; w < sizeof weights / sizeof *weights; ++w) {
            const size_t o = groups[w] >= 64 ? 2 : w / 2 % 2;
            char ov[200];
            snprintf(ov, sizeof ov, "%s emu=%d", ovs[o], emu);
            /* I a multiple of the block, not of the 64- or 128-row tiles where it can be */
            const size_t inter = groups[w] >= 64 ? 384 : w % 2 ? 352 : 288;
            fmlp_plan_desc d = make_desc(128, inter, w % 2 ? FMLP_MLP_PLAIN : FMLP_MLP_GATED,
                                         w % 2 ? FMLP_ACT_GELU_TANH : FMLP_ACT_SILU,
                                         FMLP_BIAS_DOWN | (w % 2 ? FMLP_BIAS_UP : 0));
            d.weight_dtype = weights[w];
            d.group_size = groups[w];
            d.act_dtype = (o + w) % 2 ? FMLP_DTYPE_BF16 : FMLP_DTYPE_F32;
            check_case(&e, d, 13, ov, mlp_tolerance(&d));
            check_case(&e, d, 3, ov, mlp_tolerance(&d));
        }
    env_close(&e);
}

/* AFFINE_Q3 in a plan with integer dot products is kept regrouped on the device (FMLP_Q3G),
 * and every kernel of such a plan reads that layout: mma and mmav with the fields into the
 * tensor cores (iw=1) and decoded to fp32 (iw=0), the tiled kernels, groups of 32 and 64,
 * through the emulation and on tensor cores where they exist. Those kernels compute exactly,
 * so the exact path's tolerance holds them. */
Test(ops, q3_regrouped_other_kernels)
{
    test_env e;
    env_open(&e);
    const int tensor_cores = env_nvidia_sm(&e) >= 80;
    static const char *const ovs[] = {
        "strategy=mma iw=1 mt=32 nt=32 kt=16 wm=1 wn=2 dmt=32 dnt=64 dkt=32 dwm=1 dwn=2 splits=3",
        "strategy=mma iw=0 mt=16 nt=32 kt=32 wm=1 wn=2 dmt=16 dnt=32 dkt=8 dwm=1 dwn=2",
        "strategy=mmav iw=1 wg=2 kw=2 fm=1 fb=1 ku=2 dwg=2 dkw=2 dfb=1 dku=2 splits=3",
        "strategy=mmav iw=0 wg=2 fm=2 fb=2 ku=1 pf=1 dwg=4 dkw=2 dfb=2 dku=4 dpf=1 splits=2",
        "strategy=tiled mt=32 nt=32 kt=8 tm=4 tn=4 dmt=32 dnt=32 dkt=8 dtm=4 dtn=4",
    };
    for (int emu = tensor_cores ? 0 : 1; emu <= 1; ++emu)
        for (size_t o = 0; o < sizeof ovs / sizeof *ovs; ++o) {
            if (emu == 0 && o == 4) continue; /* no tensor cores in the tiled kernels */
            char ov[200];
            snprintf(ov, sizeof ov, o == 4 ? "%s" : "%s emu=%d", ovs[o], emu);
            fmlp_plan_desc d = make_desc(128, 256 + 128 * (o % 2), FMLP_MLP_GATED, FMLP_ACT_SILU,
                                         FMLP_BIAS_DOWN);
            d.weight_dtype = FMLP_DTYPE_AFFINE_Q3;
            d.group_size = o % 2 ? 64 : 32;
            const double tol = mlp_tolerance(&d); /* exact */
            d.precision = FMLP_PRECISION_INT8_DOT;
            check_case(&e, d, 19, ov, tol);
        }
    env_close(&e);
}

/* mmaq: integer tensor cores for plans with integer dot products. Every block format (groups
 * of 32, 64 and 128: runs of one block and blocks of several runs), gated and plain ops with
 * every bias, f32, f16 and bf16 activations, down in one slice (y written directly) and in
 * several (partial sums reduced), batches that fill no 8-row tile and several tiles, I whose
 * 16-row tiles leave a work-group's last warps past its end, runs a step past the end of H and
 * I, warps sharing a tile's runs (kw: one of them with none left), loads a step ahead (pf),
 * 64-row batch tiles, a row tile's batch tiles together in the grid (bo), L2 prefetches (pl);
 * through the emulation and on tensor cores where they exist; to int8's tolerance. */
Test(ops, mmaq_int8)
{
    test_env e;
    env_open(&e);
    const int tensor_cores = env_nvidia_sm(&e) >= 80;
    static const char *const ovs[] = {
        "strategy=mmaq wg=4 kw=2 fb=1 ku=4 dwg=2 dfb=2 dku=4 splits=3",
        "strategy=mmaq wg=2 fb=2 ku=4 pf=1 dwg=4 dfb=1 dku=2 splits=1",
    };
    static const struct {
        fmlp_dtype w, a;
        unsigned group;
    } fmts[] = {
        {FMLP_DTYPE_Q8_0, FMLP_DTYPE_F32, 0},       {FMLP_DTYPE_Q4_0, FMLP_DTYPE_F16, 0},
        {FMLP_DTYPE_AFFINE_Q2, FMLP_DTYPE_F32, 64}, {FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_BF16, 32},
        {FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_F32, 128}, {FMLP_DTYPE_AFFINE_Q8, FMLP_DTYPE_F32, 32},
    };
    for (int emu = tensor_cores ? 0 : 1; emu <= 1; ++emu)
        for (size_t f = 0; f < sizeof fmts / sizeof *fmts; ++f) {
            const size_t o = f % 2;
            char ov[200];
            snprintf(ov, sizeof ov, "%s emu=%d", ovs[o], emu);
            fmlp_plan_desc d = make_desc(128 + 128 * o, fmts[f].group >= 64 ? 384 : 352,
                                         f % 3 == 2 ? FMLP_MLP_PLAIN : FMLP_MLP_GATED,
                                         f % 3 == 2 ? FMLP_ACT_GELU_TANH : FMLP_ACT_SILU,
                                         f % 2 ? FMLP_BIAS_DOWN
                                         : f % 3 == 2
                                             ? FMLP_BIAS_UP | FMLP_BIAS_DOWN
                                             : FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN);
            d.weight_dtype = fmts[f].w;
            d.act_dtype = fmts[f].a;
            d.group_size = fmts[f].group;
            d.precision = FMLP_PRECISION_INT8_DOT;
            check_case(&e, d, 5, ov, mlp_tolerance(&d));
            check_case(&e, d, 19, ov, mlp_tolerance(&d));
        }
    /* a row tile's batch tiles together in the grid (bo=1): 64-row batch tiles (fb=8), the
     * second one 6 rows, and three 8-row tiles with down in three slices */
    static const char *const big[] = {
        "strategy=mmaq wg=4 kw=2 fb=8 ku=1 dwg=2 dfb=8 dku=2 splits=2 bo=1",
        "strategy=mmaq wg=2 fb=1 ku=2 pl=2 dwg=4 dfb=2 dku=2 splits=3 bo=1",
    };
    for (int emu = tensor_cores ? 0 : 1; emu <= 1; ++emu)
        for (size_t f = 1; f < sizeof fmts / sizeof *fmts; f += 2) {
            char ov[200];
            fmlp_plan_desc d = make_desc(128, 352, FMLP_MLP_GATED, FMLP_ACT_SILU,
                                         FMLP_BIAS_UP | FMLP_BIAS_DOWN);
            d.weight_dtype = fmts[f].w;
            d.act_dtype = fmts[f].a;
            d.group_size = fmts[f].group;
            d.precision = FMLP_PRECISION_INT8_DOT;
            snprintf(ov, sizeof ov, "%s emu=%d", big[0], emu);
            check_case(&e, d, 70, ov, mlp_tolerance(&d));
            snprintf(ov, sizeof ov, "%s emu=%d", big[1], emu);
            check_case(&e, d, 19, ov, mlp_tolerance(&d));
        }

    /* only for plans with integer dot products; the tensor cores need sm_80 or the emulation */
    fmlp_plan_desc d = make_desc(128, 352, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.weight_dtype = FMLP_DTYPE_Q4_0;
    d.overrides = "strategy=mmaq emu=1";
    fmlp_plan *p = NULL;
    cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_PARAMETER, "exact plan");
    d.precision = FMLP_PRECISION_INT8_DOT;
    d.weight_dtype = FMLP_DTYPE_F16;
    cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_PARAMETER, "f16 weights");
    d.weight_dtype = FMLP_DTYPE_Q4_0;
    d.overrides = "strategy=mmaq emu=0";
    cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p),
                 tensor_cores ? FMLP_SUCCESS : FMLP_ERROR_EXTENSION_MISSING, "tensor cores");
    fmlp_plan_release(p);
    p = NULL;
    d.overrides = "strategy=mmaq emu=1 fb=3";
    cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_PARAMETER, "fb=3");
    cr_expect_null(p);
    d.overrides = "strategy=mmaq emu=1 pl=2 pf=1";
    cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_PARAMETER, "pl with pf");
    cr_expect_null(p);
    d.overrides = "strategy=mmaq emu=1 bo=2";
    cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_PARAMETER, "bo=2");
    cr_expect_null(p);
    d.overrides = "strategy=mmaq emu=1 na=3";
    cr_expect_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_ERROR_INVALID_PARAMETER, "na=3");
    cr_expect_null(p);
    env_close(&e);
}

/* The affine formats' integer zero points (the FMLP_IZ builds of mma and mmav with iw=1: each
 * field less its zero point goes into the mma as one exact value, no sums of x): the
 * quantizer's weights (integer zero points) take them; zero points moved by 0.5, or out of
 * [-1024, 1024], keep the general kernels; all three against the reference on the weights as
 * they dequantize, through the emulation and on tensor cores where they exist. */
Test(ops, integer_zero_points)
{
    test_env e;
    env_open(&e);
    const int tensor_cores = env_nvidia_sm(&e) >= 80;
    static const char *const ovs[] = {
        "strategy=mma iw=1 mt=32 nt=32 kt=16 wm=1 wn=2 dmt=32 dnt=64 dkt=32 dwm=1 dwn=2 splits=3",
        "strategy=mmav iw=1 wg=2 kw=2 fm=1 fb=1 ku=2 dwg=2 dkw=2 dfb=1 dku=2 splits=3",
        /* groups of 64 and 128: 64 inputs of down a step */
        "strategy=mmav iw=1 wg=4 kw=2 fm=1 fb=1 ku=2 dwg=2 dfb=1 dku=8 splits=2",
        /* hp=1: x in fp16 pairs, q - z as f16 (FMLP_IZ) or the fields and the sums of x */
        "strategy=mma iw=1 hp=1 mt=32 nt=32 kt=16 wm=2 wn=2 dmt=32 dnt=32 dkt=32 dwm=1 dwn=2 splits=2",
        /* mmav's hp (gate/up): q - z as f16 with FMLP_IZ, the tf32 fields and sums without */
        "strategy=mmav iw=1 hp=1 wg=2 kw=2 fm=1 fb=2 ku=2 dwg=2 dfb=1 dku=2 splits=2",
    };
    static const fmlp_dtype weights[] = {FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_AFFINE_Q3,
                                         FMLP_DTYPE_AFFINE_Q8};
    static const unsigned groups[] = {128, 64, 32};
    static const float shifts[] = {0.0f, 0.5f, -1300.0f};
    for (int emu = tensor_cores ? 0 : 1; emu <= 1; ++emu)
        for (size_t o = 0; o < 4; ++o)
            for (size_t w = 0; w < sizeof weights / sizeof *weights; ++w) {
                char ov[200];
                /* o: mma, mmav (its dku by group), mma's hp, mmav's hp; with mma's hp
                 * AFFINE_Q3's flush scales and zero points read at the flush (se=0) */
                const size_t oi = o == 3 ? 4 : o == 2 ? 3 : o ? 1 + (groups[w] >= 64) : 0;
                snprintf(ov, sizeof ov, "%s emu=%d%s", ovs[oi], emu, o == 2 && w == 1 ? " se=0" : "");
                fmlp_plan_desc d = make_desc(128, 384, w % 2 ? FMLP_MLP_PLAIN : FMLP_MLP_GATED,
                                             w % 2 ? FMLP_ACT_GELU_TANH : FMLP_ACT_SILU,
                                             FMLP_BIAS_DOWN);
                d.weight_dtype = weights[w];
                d.group_size = groups[w];
                d.act_dtype = (o + w) % 2 ? FMLP_DTYPE_BF16 : FMLP_DTYPE_F32;
                /* the integer case with every format, a moved one with one format each */
                for (size_t z = 0; z < 3; ++z)
                    if (z == 0 || z == 1 + (o + w) % 2)
                        check_case_zeros(&e, d, o == 1 ? 11 : 37, ov, mlp_tolerance(&d), shifts[z],
                                         z == 0);
            }
    env_close(&e);
}

/* AFFINE_Q3 in the caller's bit stream in mmav: a lane's eight inputs of a block come as one
 * paired load (formats.cl's fmlp_block_raw8_q3: one word, or two and a funnel shift, for the
 * four offsets 0, 24, 16 and 8 of their first bit) in gate/up, and in down where dku is 4 or 8;
 * dku 2 keeps single groups. iw=1 and iw=0, groups of 32, 64 and 128, through the emulation and
 * on tensor cores where they exist, against the reference on the dequantized weights. */
Test(ops, mmav_q3_paired_loads)
{
    test_env e;
    env_open(&e);
    const int tensor_cores = env_nvidia_sm(&e) >= 80;
    static const struct {
        const char *ov;
        unsigned group;
    } cases[] = {
        {"strategy=mmav iw=1 wg=2 kw=2 fm=2 fb=2 ku=1 dwg=2 dkw=2 dfb=2 dku=4 splits=3", 32},
        {"strategy=mmav iw=0 wg=2 fm=1 fb=1 ku=2 pf=1 dwg=2 dfb=1 dku=2 dpf=1 splits=2", 64},
        {"strategy=mmav iw=1 wg=2 kw=1 fm=1 fb=2 ku=2 dwg=2 dkw=2 dfb=1 dku=8 dpf=1 splits=2", 128},
    };
    for (int emu = tensor_cores ? 0 : 1; emu <= 1; ++emu)
        for (size_t c = 0; c < sizeof cases / sizeof *cases; ++c) {
            char ov[200];
            snprintf(ov, sizeof ov, "%s emu=%d", cases[c].ov, emu);
            fmlp_plan_desc d = make_desc(256, 384, c % 2 ? FMLP_MLP_PLAIN : FMLP_MLP_GATED,
                                         c % 2 ? FMLP_ACT_GELU_ERF : FMLP_ACT_SILU, FMLP_BIAS_DOWN);
            d.weight_dtype = FMLP_DTYPE_AFFINE_Q3;
            d.group_size = cases[c].group;
            check_case(&e, d, c ? 11 : 19, ov, mlp_tolerance(&d));
        }
    env_close(&e);
}

/* mmav's wl=1 (with iw=1; blocks of 32 weights): whole blocks loaded by a lane and handed to
 * the lanes that use them through local memory; warps sharing k (steps past H that load
 * nothing), loads a step ahead or not, two fragments a warp, batches and I that are not
 * multiples of any tile, through the emulation and on tensor cores where they exist: Q4_0
 * (two words a lane from one 16-byte block), Q8_0 (32-byte blocks) and affine_q3 (12-byte
 * blocks, fields crossing words, the zero points). H = 160 (not a multiple of 128) and a
 * format without 32-weight blocks get wl=0, and say so. */
Test(ops, mmav_wide_loads)
{
    test_env e;
    env_open(&e);
    const int tensor_cores = env_nvidia_sm(&e) >= 80;
    static const char *const ovs[] = {
        "strategy=mmav iw=1 wl=1 wg=4 kw=2 fm=2 fb=2 ku=4 dwg=2 dkw=2 dfb=1 dku=2 splits=3",
        "strategy=mmav iw=1 wl=1 wg=2 kw=1 fm=1 fb=1 ku=4 pf=1 dwg=4 dfb=2 dku=4 splits=2",
        "strategy=mmav iw=1 wl=1 hp=1 wg=2 kw=2 fm=2 fb=2 ku=4 dwg=2 dfb=1 dku=2 splits=2",
    };
    for (int emu = tensor_cores ? 0 : 1; emu <= 1; ++emu) {
        for (size_t o = 0; o < sizeof ovs / sizeof *ovs; ++o) {
            char ov[200];
            snprintf(ov, sizeof ov, "%s emu=%d", ovs[o], emu);
            fmlp_plan_desc d = make_desc(384, 160 + 96 * o, o ? FMLP_MLP_PLAIN : FMLP_MLP_GATED,
                                         o ? FMLP_ACT_GELU_TANH : FMLP_ACT_SILU,
                                         FMLP_BIAS_DOWN | (o ? FMLP_BIAS_UP : 0));
            d.weight_dtype = FMLP_DTYPE_Q4_0;
            d.act_dtype = o ? FMLP_DTYPE_BF16 : FMLP_DTYPE_F32;
            check_case(&e, d, 19, ov, mlp_tolerance(&d));
            check_case(&e, d, 5, ov, mlp_tolerance(&d));
            d.weight_dtype = FMLP_DTYPE_Q8_0;
            check_case(&e, d, 19 - 8 * o, ov, mlp_tolerance(&d));
        }
        /* affine_q3 (scale and zero words, fields crossing words, the zero points' mma
         * against ones), one plan */
        char ov[200];
        snprintf(ov, sizeof ov, "%s emu=%d", ovs[0], emu);
        fmlp_plan_desc d = make_desc(256, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
        d.weight_dtype = FMLP_DTYPE_AFFINE_Q3;
        d.group_size = 32;
        check_case(&e, d, 11, ov, mlp_tolerance(&d));
    }
    /* shapes and formats wl cannot serve get wl=0 */
    static const struct {
        size_t hidden;
        fmlp_dtype w;
        unsigned group;
    } off[] = {{160, FMLP_DTYPE_Q4_0, 0}, {256, FMLP_DTYPE_F16, 0},
               {256, FMLP_DTYPE_AFFINE_Q2, 64}};
    for (size_t i = 0; i < sizeof off / sizeof *off; ++i) {
        fmlp_plan_desc d = make_desc(off[i].hidden, 128, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
        d.weight_dtype = off[i].w;
        d.group_size = off[i].group;
        d.overrides = "strategy=mmav iw=1 wl=1 ku=4 dku=2 emu=1";
        fmlp_plan *p = NULL;
        cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS, "case %zu", i);
        char how[512];
        cr_assert_eq(fmlp_plan_describe(p, 1, how, sizeof how), FMLP_SUCCESS);
        cr_expect(strstr(how, " wl=0") != NULL, "case %zu: %s", i, how);
        fmlp_plan_release(p);
    }
    env_close(&e);
}

/* The tensor-core kernels' formats through their emulation, and the unfused chain. */
Test(ops, formats_other_strategies)
{
    test_env e;
    env_open(&e);
    static const char *const ovs[] = {
        "strategy=unfused",
        "strategy=mma emu=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 dnt=32 dkt=8 dwm=1 dwn=2 splits=2",
        "strategy=mmav emu=1 wg=2 kw=2 fm=1 fb=1 ku=1 dwg=2 dkw=2 dfb=1 dku=2 splits=2",
        "strategy=mmav emu=1 wg=2 fm=1 fb=1 ku=2 pf=1 dwg=2 dfb=1 dku=2 dpf=1 splits=2",
    };
    static const fmlp_dtype weights[] = {FMLP_DTYPE_BF16, FMLP_DTYPE_Q4_0, FMLP_DTYPE_AFFINE_Q3};
    for (size_t o = 0; o < sizeof ovs / sizeof *ovs; ++o)
        for (size_t w = 0; w < sizeof weights / sizeof *weights; ++w) {
            fmlp_plan_desc d = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
            d.weight_dtype = weights[w];
            d.group_size = weights[w] == FMLP_DTYPE_AFFINE_Q3 ? 32 : 0;
            d.act_dtype = w == 1 ? FMLP_DTYPE_F16 : FMLP_DTYPE_F32;
            check_case(&e, d, 5, ovs[o], mlp_tolerance(&d));
        }
    env_close(&e);
}
