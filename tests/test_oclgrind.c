/* A small subset run under Oclgrind (run_oclgrind.sh): each strategy on shapes with partial
 * tiles on every edge, so out-of-bounds accesses, data races and reads of uninitialized
 * memory in the kernels are caught. Outside Oclgrind these are ordinary correctness tests. */
#include "common.h"

TestSuite(oclgrind, .fini = leak_check);

static const unsigned all = FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN;

Test(oclgrind, stream_split)
{
    test_env e;
    env_open(&e);
    check_case(&e, make_desc(36, 70, FMLP_MLP_GATED, FMLP_ACT_SILU, all), 3,
               "strategy=stream wgs=32 kl=8 ti=8 bt=2 vw=4 xc=32", TOL_F32);
    env_close(&e);
}

Test(oclgrind, stream_single_slice)
{
    test_env e;
    env_open(&e);
    check_case(&e, make_desc(33, 21, FMLP_MLP_PLAIN, FMLP_ACT_GELU_ERF, FMLP_BIAS_UP | FMLP_BIAS_DOWN),
               2, "strategy=stream wgs=16 kl=4 ti=24 bt=4 vw=1 xc=8", TOL_F32);
    env_close(&e);
}

/* The block formats' inner loops (Q4_0, and affine with its block sums of the tile) and the
 * 16-bit formats' loads: a chunk ending inside H, two slices, a partial batch tile. One case a
 * test: Oclgrind 21.10's --uninitialized checker reports the local tile of a second kernel
 * object made from an already-run program as uninitialized (seen with fp32 too), and it
 * crashes on the 16-bit formats' vw=8 loads, which test_ops covers. */
static void stream_format_with(fmlp_dtype w, unsigned group, fmlp_precision precision,
                               const char *override)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(96, 64, FMLP_MLP_GATED, FMLP_ACT_SILU, all);
    d.weight_dtype = w;
    d.group_size = group;
    d.precision = precision;
    check_case(&e, d, 3, override, mlp_tolerance(&d));
    env_close(&e);
}

static void stream_format(fmlp_dtype w, unsigned group, fmlp_precision precision)
{
    stream_format_with(w, group, precision, "strategy=stream wgs=32 kl=2 ti=32 bt=2 vw=4 xc=64");
}

Test(oclgrind, stream_q4_0) { stream_format(FMLP_DTYPE_Q4_0, 0, FMLP_PRECISION_EXACT); }
Test(oclgrind, stream_affine_q3) { stream_format(FMLP_DTYPE_AFFINE_Q3, 32, FMLP_PRECISION_EXACT); }
Test(oclgrind, stream_bf16) { stream_format(FMLP_DTYPE_BF16, 0, FMLP_PRECISION_EXACT); }
/* integer dot products: the quantized x chunk and tile, 8 threads a run */
Test(oclgrind, stream_q4_0_int8) { stream_format(FMLP_DTYPE_Q4_0, 0, FMLP_PRECISION_INT8_DOT); }
Test(oclgrind, stream_affine_q2_int8)
{
    stream_format(FMLP_DTYPE_AFFINE_Q2, 32, FMLP_PRECISION_INT8_DOT);
}
/* AFFINE_Q3's groups 6 and 7 (high bits in the run's third word) into integer dot products */
Test(oclgrind, stream_affine_q3_int8)
{
    stream_format(FMLP_DTYPE_AFFINE_Q3, 32, FMLP_PRECISION_INT8_DOT);
}
/* blocks loaded a step ahead (pb=1): one batch row a tile (the words used as loaded), and
 * the integer path with a tile of two */
Test(oclgrind, stream_q4_0_prefetch)
{
    stream_format_with(FMLP_DTYPE_Q4_0, 0, FMLP_PRECISION_EXACT,
                       "strategy=stream wgs=32 kl=2 ti=32 bt=1 xc=64 pb=1");
}
Test(oclgrind, stream_q8_0_int8_prefetch)
{
    stream_format_with(FMLP_DTYPE_Q8_0, 0, FMLP_PRECISION_INT8_DOT,
                       "strategy=stream wgs=32 kl=2 ti=32 bt=2 xc=64 pb=1");
}

/* the block formats' inputs in registers across rows (rb=1), with the loads a step ahead:
 * their local reads of x and of the activation tile against the barriers that stage them */
Test(oclgrind, stream_affine_q4_rows_in_registers)
{
    stream_format_with(FMLP_DTYPE_AFFINE_Q4, 32, FMLP_PRECISION_EXACT,
                       "strategy=stream wgs=32 kl=2 ti=32 bt=2 xc=64 pb=1 rb=1");
}

/* the last batch tile's rows past the batch skipped (sk=1): nothing reads the rows of x and
 * of the tile that are then never staged (--uninitialized), exact with rb=1, int8, and fp32
 * with phase 2's row groups */
Test(oclgrind, stream_affine_q4_skip_rows)
{
    stream_format_with(FMLP_DTYPE_AFFINE_Q4, 32, FMLP_PRECISION_EXACT,
                       "strategy=stream wgs=32 kl=2 ti=32 bt=2 xc=64 pb=1 rb=1 sk=1");
}
Test(oclgrind, stream_q4_0_int8_skip_rows)
{
    stream_format_with(FMLP_DTYPE_Q4_0, 0, FMLP_PRECISION_INT8_DOT,
                       "strategy=stream wgs=32 kl=2 ti=32 bt=2 xc=64 sk=1");
}
Test(oclgrind, stream_f32_skip_rows)
{
    test_env e;
    env_open(&e);
    check_case(&e, make_desc(36, 70, FMLP_MLP_GATED, FMLP_ACT_SILU, all), 3,
               "strategy=stream wgs=32 kl=4 ti=16 bt=2 vw=2 xc=32 rs=4 pu=2 dl=2 sk=1", TOL_F32);
    env_close(&e);
}

/* fp32 weights a step ahead (pb=1): the next chunk's first loads in flight across the
 * barriers that stage it, a chunk ending inside H */
Test(oclgrind, stream_f32_prefetch)
{
    stream_format_with(FMLP_DTYPE_F32, 0, FMLP_PRECISION_EXACT,
                       "strategy=stream wgs=32 kl=2 ti=32 bt=2 vw=4 xc=40 pb=1");
}

/* phase 2's first loads before phase 1's end (dl): rows of down^T, and a block row */
Test(oclgrind, stream_f32_phase2_ahead)
{
    stream_format_with(FMLP_DTYPE_F32, 0, FMLP_PRECISION_EXACT,
                       "strategy=stream wgs=32 kl=2 ti=32 bt=2 vw=4 xc=64 dl=4");
}
Test(oclgrind, stream_q4_0_int8_phase2_ahead)
{
    stream_format_with(FMLP_DTYPE_Q4_0, 0, FMLP_PRECISION_INT8_DOT,
                       "strategy=stream wgs=32 kl=2 ti=32 bt=1 xc=64 dl=1");
}
/* phase 2 in row groups (rs) whose sums meet in local memory, rows loaded together (pu),
 * dl's first rows spread over the groups: a race between the groups' stores and the adding
 * group's reads, or between passes, shows here */
Test(oclgrind, stream_f32_phase2_row_groups)
{
    test_env e;
    env_open(&e);
    check_case(&e, make_desc(36, 70, FMLP_MLP_GATED, FMLP_ACT_SILU, all), 3,
               "strategy=stream wgs=32 kl=4 ti=16 bt=2 vw=2 xc=32 rs=4 pu=2 dl=2", TOL_F32);
    env_close(&e);
}
/* the int8 plans' partial sums in bf16 (ps), written by the stream kernel, read by reduce.cl,
 * in chunks of two rows (the workspace sized for bf16: an overrun would be an invalid access) */
Test(oclgrind, stream_q8_0_int8_bf16_partials)
{
    stream_format_with(FMLP_DTYPE_Q8_0, 0, FMLP_PRECISION_INT8_DOT,
                       "strategy=stream wgs=32 kl=2 ti=32 bt=2 xc=64 ps=1 ch=2");
}

/* two kernels (dk=1): the tile through the workspace, the down kernel's column blocks ending
 * inside H, splits ending inside I and their reduction; and with one split writing y, for
 * the int8 runs of the tile */
Test(oclgrind, stream_f32_two_kernels)
{
    test_env e;
    env_open(&e);
    check_case(&e, make_desc(36, 70, FMLP_MLP_GATED, FMLP_ACT_SILU, all), 3,
               "strategy=stream wgs=32 kl=8 ti=8 bt=2 vw=4 xc=32 dk=1 dsp=3 dc=16 dw=32 dr=3",
               TOL_F32);
    env_close(&e);
}
Test(oclgrind, stream_q4_0_int8_two_kernels)
{
    stream_format_with(FMLP_DTYPE_Q4_0, 0, FMLP_PRECISION_INT8_DOT,
                       "strategy=stream wgs=32 kl=2 ti=32 bt=2 xc=64 dk=1 dsp=1 dc=40 dw=32");
}

/* down as rows (dk=2): the tile through the workspace, the down kernel's rows of down [H][I]
 * in work-groups ending inside H, a row's last step ending inside I (70 inputs, steps of 64),
 * lanes summed in local memory; and 16-bit weights. One case a test, as above. */
Test(oclgrind, stream_down_rows)
{
    test_env e;
    env_open(&e);
    check_case(&e, make_desc(36, 70, FMLP_MLP_GATED, FMLP_ACT_SILU, all), 3,
               "strategy=stream wgs=32 kl=8 ti=8 bt=2 vw=2 xc=32 dk=2 dc=5 dw=32 dr=8", TOL_F32);
    env_close(&e);
}
Test(oclgrind, stream_down_rows_f16)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(36, 72, FMLP_MLP_PLAIN, FMLP_ACT_RELU, FMLP_BIAS_DOWN);
    d.weight_dtype = FMLP_DTYPE_F16;
    check_case(&e, d, 2, "strategy=stream wgs=32 kl=2 ti=32 bt=2 vw=8 xc=64 dk=2 dc=16 dw=64 dr=4",
               mlp_tolerance(&d));
    env_close(&e);
}

Test(oclgrind, tiled)
{
    test_env e;
    env_open(&e);
    check_case(&e, make_desc(36, 70, FMLP_MLP_GATED, FMLP_ACT_GELU_TANH, all), 5,
               "strategy=tiled mt=8 nt=16 kt=4 tm=2 tn=4 dmt=8 dnt=8 dkt=3 dtm=2 dtn=2", TOL_F32);
    env_close(&e);
}

Test(oclgrind, pack_from_buffers)
{
    test_env e;
    env_open(&e);
    const size_t H = 19, I = 23;
    fmlp_plan_desc d = make_desc(H, I, FMLP_MLP_PLAIN, FMLP_ACT_RELU2, 0);
    mlp_case c;
    cr_assert_eq(mlp_case_init(&c, &d, 1, fresh_seed()), 0);
    fmlp_plan *p = NULL;
    cr_assert_eq(fmlp_plan_create(e.ctx, &d, &p), FMLP_SUCCESS);
    cl_mem up = make_buffer(&e, H * I * 4, c.up), down = make_buffer(&e, H * I * 4, c.down);
    fmlp_buffer_weights bw = {0};
    bw.up = up;
    bw.down = down;
    fmlp_weights *w = NULL;
    cr_assert_eq(fmlp_weights_create_buffers(p, e.queue, &bw, &w), FMLP_SUCCESS);
    cl_mem x = make_buffer(&e, H * 4, c.x), y = make_buffer(&e, H * 4, NULL);
    cr_assert_eq(fmlp_forward(p, w, e.queue, 1, x, 0, y, 0, NULL, 0, NULL, NULL), FMLP_SUCCESS);
    float out[19];
    read_floats(e.queue, y, H, out);
    cr_expect(mlp_rel_error(&c, out, NULL, 0) <= TOL_F32);
    clReleaseMemObject(up);
    clReleaseMemObject(down);
    clReleaseMemObject(x);
    clReleaseMemObject(y);
    fmlp_weights_release(w);
    fmlp_plan_release(p);
    mlp_case_free(&c);
    env_close(&e);
}

Test(oclgrind, mma_emulated)
{
    test_env e;
    env_open(&e);
    check_case(&e, make_desc(36, 70, FMLP_MLP_GATED, FMLP_ACT_SILU, all), 17,
               "strategy=mma emu=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 dnt=16 dkt=8 dwm=1 dwn=2 splits=2",
               TOL_F32);
    env_close(&e);
}

/* hp=1: the fp16 pairs staged in local memory (swizzled uint4 rows) and the k-tile maxima
 * through local memory (the emulation's group maximum) */
Test(oclgrind, mma_fp16_pairs)
{
    test_env e;
    env_open(&e);
    check_case(&e, make_desc(36, 72, FMLP_MLP_GATED, FMLP_ACT_SILU, all), 17,
               "strategy=mma emu=1 hp=1 mt=16 nt=32 kt=32 wm=1 wn=2 dmt=16 dnt=16 dkt=16 dwm=1 dwn=2 "
               "splits=2",
               TOL_F32);
    env_close(&e);
}

Test(oclgrind, mmav_emulated)
{
    test_env e;
    env_open(&e);
    check_case(&e, make_desc(36, 70, FMLP_MLP_GATED, FMLP_ACT_SILU, all), 17,
               "strategy=mmav emu=1 wg=2 kw=2 fm=1 fb=2 ku=1 dwg=2 dkw=2 dfb=2 dku=2 splits=2", TOL_F32);
    env_close(&e);
}

/* mmav with fp16 pairs (hp, dhp): the quad's maxima and the columns' inverse scales pass
 * through local memory in the emulation, between barriers every work-item reaches; h's float4
 * loads of down stop at the split's end. */
Test(oclgrind, mmav_emulated_fp16_pairs)
{
    test_env e;
    env_open(&e);
    check_case(&e, make_desc(36, 72, FMLP_MLP_GATED, FMLP_ACT_SILU, all), 17,
               "strategy=mmav emu=1 hp=1 wg=2 kw=2 fm=1 fb=2 ku=1 pf=1 dwg=2 dfb=2 dku=2 splits=3",
               TOL_F32);
    env_close(&e);
}

static void check_integer_weights(fmlp_dtype weights, unsigned group, const char *overrides);

/* mmav's hp with Q8_0's fields as f16 integers in gate/up; a test of its own, as
 * check_integer_weights below says why */
Test(oclgrind, mmav_emulated_fp16_pairs_fields)
{
    check_integer_weights(FMLP_DTYPE_Q8_0, 0,
                          "strategy=mmav emu=1 iw=1 hp=1 wg=2 kw=2 fm=1 fb=1 ku=4 dwg=2 dfb=1 "
                          "dku=2 splits=2");
}

/* The load-ahead switches of mmav (pf, dpf): registers only, but the extra step reads past the
 * end of k, which must stay inside the buffers. */
Test(oclgrind, mmav_emulated_load_ahead)
{
    test_env e;
    env_open(&e);
    check_case(&e, make_desc(36, 70, FMLP_MLP_GATED, FMLP_ACT_SILU, all), 9,
               "strategy=mmav emu=1 wg=2 fm=1 fb=1 ku=2 pf=1 dwg=2 dfb=1 dku=2 dpf=1 splits=2",
               TOL_F32);
    env_close(&e);
}

/* iw=1: the integer fields and the per-tile scales (and zero points) in local memory, GGML
 * and affine, both accumulation orders. One plan of a block format per test: under Oclgrind
 * 21.10 the weights of a second block-format plan in the same process are reported as
 * uninitialized when a kernel reads them (any strategy, iw or not), although that plan's
 * results match the reference; Criterion runs each test in its own process. */
static void check_integer_weights_acts(fmlp_dtype weights, unsigned group, fmlp_dtype acts,
                                       const char *overrides)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
    d.weight_dtype = weights;
    d.group_size = group;
    d.act_dtype = acts;
    check_case(&e, d, 9, overrides, mlp_tolerance(&d));
    env_close(&e);
}

static void check_integer_weights(fmlp_dtype weights, unsigned group, const char *overrides)
{
    check_integer_weights_acts(weights, group, FMLP_DTYPE_F32, overrides);
}

Test(oclgrind, mma_emulated_integer_weights_ggml)
{
    check_integer_weights(FMLP_DTYPE_Q4_0, 0,
                          "strategy=mma emu=1 iw=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 dnt=32 "
                          "dkt=32 dwm=1 dwn=2 splits=2");
}

Test(oclgrind, mma_emulated_integer_weights_affine)
{
    check_integer_weights(FMLP_DTYPE_AFFINE_Q4, 32,
                          "strategy=mma emu=1 iw=1 order=1 dorder=1 mt=16 nt=32 kt=32 wm=1 wn=2 "
                          "dmt=16 dnt=32 dkt=16 dwm=1 dwn=2 splits=2");
}

/* hp=1 with the affine fields: zero points moved by 0.5 keep the general build, whose sums of
 * x (h) for the zero points come from the fp16 pairs against ones, and whose block scales and
 * zero points sit in local memory per k-tile; x in acts */
static void check_fp16_pairs_fields(fmlp_dtype acts, const char *overrides)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
    d.weight_dtype = FMLP_DTYPE_AFFINE_Q4;
    d.group_size = 32;
    d.act_dtype = acts;
    check_case_zeros(&e, d, 9, overrides, mlp_tolerance(&d), 0.5f, 0);
    env_close(&e);
}

Test(oclgrind, mma_fp16_pairs_fields)
{
    check_fp16_pairs_fields(FMLP_DTYPE_F32, "strategy=mma emu=1 iw=1 hp=1 mt=16 nt=32 kt=32 wm=1 "
                                            "wn=2 dmt=16 dnt=32 dkt=16 dwm=1 dwn=2 splits=2");
}

/* hp=1 with f16 x staged as loaded (G_XRAW, no k-tile maxima): fp32 weights summing straight
 * into the totals, then the affine fields with their flushes and sums of x */
Test(oclgrind, mma_raw_f16_activations)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(36, 72, FMLP_MLP_GATED, FMLP_ACT_SILU, all);
    d.act_dtype = FMLP_DTYPE_F16;
    check_case(&e, d, 17,
               "strategy=mma emu=1 hp=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 dnt=16 dkt=16 dwm=1 dwn=2 "
               "splits=2",
               mlp_tolerance(&d));
    env_close(&e);
}

Test(oclgrind, mma_raw_f16_activations_fields)
{
    check_fp16_pairs_fields(FMLP_DTYPE_F16, "strategy=mma emu=1 iw=1 hp=1 mt=16 nt=32 kt=16 wm=1 "
                                            "wn=2 dmt=16 dnt=32 dkt=16 dwm=1 dwn=2 splits=2");
}

/* fw=1: Q4_0's block scales folded into fp16 pairs as gate/up stages them, with the rows'
 * scales the packing bounds from the blocks (f16 x as loaded) */
Test(oclgrind, mma_folded_block_scales)
{
    check_integer_weights_acts(FMLP_DTYPE_Q4_0, 0, FMLP_DTYPE_F16,
                               "strategy=mma emu=1 iw=1 hp=1 fw=1 mt=16 nt=32 kt=16 wm=1 wn=2 "
                               "dmt=16 dnt=32 dkt=16 dwm=1 dwn=2 splits=2");
}

/* ca=3: gate/up's affine_q3 weights through a ring of three k-tiles in local memory (plain
 * copies in the emulation), four k-tiles of H so the ring wraps, and a weight tile (48 rows)
 * past I = 64: a slot refilled before every thread has staged from it, or a row past I read,
 * shows here */
Test(oclgrind, mma_async_weight_ring)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(128, 64, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
    d.weight_dtype = FMLP_DTYPE_AFFINE_Q3;
    d.group_size = 32;
    check_case(&e, d, 3,
               "strategy=mma emu=1 iw=1 hp=1 mt=16 nt=48 kt=32 wm=1 wn=2 dmt=16 dnt=32 dkt=16 "
               "dwm=1 dwn=2 splits=1 ca=3",
               mlp_tolerance(&d));
    env_close(&e);
}

/* mmaq: integer tensor cores (emulated) for an int8 plan; down in two slices */
Test(oclgrind, mmaq_emulated_int8)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
    d.weight_dtype = FMLP_DTYPE_Q4_0;
    d.precision = FMLP_PRECISION_INT8_DOT;
    check_case(&e, d, 9, "strategy=mmaq emu=1 wg=4 kw=2 fb=1 ku=2 pf=1 dwg=2 dfb=2 dku=2 splits=2",
               mlp_tolerance(&d));
    env_close(&e);
}

/* mmaq with a row tile's batch tiles together in the grid (bo=1: two in gate/up), a 64-row
 * batch tile in down (dfb=8), which writes y itself (one slice), and L2 prefetches four steps
 * ahead (emulated: the addresses are read, so one past the weights is an invalid read) */
Test(oclgrind, mmaq_emulated_int8_batch_tiles)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(64, 96, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_UP);
    d.weight_dtype = FMLP_DTYPE_AFFINE_Q4;
    d.group_size = 32;
    d.precision = FMLP_PRECISION_INT8_DOT;
    check_case(&e, d, 9,
               "strategy=mmaq emu=1 wg=2 kw=2 fb=1 ku=2 pl=4 dwg=2 dfb=8 dku=2 splits=1 bo=1",
               mlp_tolerance(&d));
    env_close(&e);
}

/* AFFINE_Q3's fields, which cross into the next word for 4 of every 8 loads */
Test(oclgrind, mma_emulated_integer_weights_q3)
{
    check_integer_weights(FMLP_DTYPE_AFFINE_Q3, 32,
                          "strategy=mma emu=1 iw=1 mt=16 nt=32 kt=32 wm=1 wn=2 dmt=16 dnt=32 "
                          "dkt=8 dwm=1 dwn=2 splits=2");
}

/* mmav's iw=1: GGML fields, and the affine zero points with the sums of x and h by the mma
 * against ones (AFFINE_Q3: fields crossing words) */
Test(oclgrind, mmav_emulated_integer_weights_ggml)
{
    check_integer_weights(FMLP_DTYPE_Q4_0, 0,
                          "strategy=mmav emu=1 iw=1 wg=2 kw=2 fm=1 fb=1 ku=2 dwg=2 dkw=2 dfb=1 "
                          "dku=2 splits=2");
}

/* mmav's wl=1: whole Q4_0 blocks through a warp's local memory (H = 384 with two warps
 * sharing k: a step past H that loads nothing) */
Test(oclgrind, mmav_emulated_wide_loads)
{
    test_env e;
    env_open(&e);
    fmlp_plan_desc d = make_desc(384, 32, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
    d.weight_dtype = FMLP_DTYPE_Q4_0;
    check_case(&e, d, 9,
               "strategy=mmav emu=1 iw=1 wl=1 wg=2 kw=2 fm=1 fb=1 ku=4 dwg=2 dfb=1 dku=2 "
               "splits=2",
               mlp_tolerance(&d));
    env_close(&e);
}

/* AFFINE_Q3 in mmav: a lane's eight fields of a block loaded as one pair, whose second word
 * (fields crossing into it) is read only where they do, in gate/up and in down (dku=4) */
Test(oclgrind, mmav_emulated_integer_weights_affine)
{
    check_integer_weights(FMLP_DTYPE_AFFINE_Q3, 32,
                          "strategy=mmav emu=1 iw=1 wg=2 fm=1 fb=1 ku=1 pf=1 dwg=2 dfb=1 dku=4 "
                          "dpf=1 splits=2");
}

/* desc.accumulate (common.c), each plan alone and each in its own process: y read and written
 * once by the work-item that stores it. (Oclgrind 21.10 reports the weights as uninitialized
 * in a plan whose context had run another plan's programs, or a second plan on them.) */
static void accumulate_alone(fmlp_dtype act, const char *overrides)
{
    test_env e;
    env_open(&e);
    const acc_case k = {act, FMLP_DTYPE_F32, FMLP_PRECISION_EXACT, overrides, 1};
    check_accumulate(&e, &k);
    env_close(&e);
}

/* after slices (reduce.cl) */
Test(oclgrind, accumulate_split)
{
    accumulate_alone(FMLP_DTYPE_F32, "strategy=stream wgs=64 kl=8 ti=16 bt=2 vw=4 xc=64");
}

/* from an emulated tensor-core kernel, with 16-bit y */
Test(oclgrind, accumulate_mma_f16)
{
    accumulate_alone(FMLP_DTYPE_F16, "strategy=mma emu=1 mt=16 nt=32 kt=16 wm=1 wn=2 dmt=16 "
                                     "dnt=32 dkt=16 dwm=1 dwn=2");
}
