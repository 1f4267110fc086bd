// Tensor-core weight streaming for small batches ("mmav" strategy), NVIDIA sm_80 and newer.
//
// At small B the MLP is a weight stream: every weight is used by at most 8 * FB batch rows,
// once. So weights go from global memory straight into mma.sync fragments, with no local
// memory and no barriers; only the small x (or h) is re-read, from the caches. The weights are
// the mma's 16-row A operand and the batch its 8-column B operand (a small batch wastes
// columns, not registers). Two kernels:
//   fmlp_mmav_gateup: h[B, I] = hidden(x gate^T + b_gate, x up^T + b_up); each warp owns
//     16 * SFM rows of gate and up ([I, H], k-contiguous). In each 32-wide k-chunk lane (g, t)
//     loads 8 consecutive floats of rows g and g + 8: the mma's k-step s takes elements 2s and
//     2s + 1 as "k = t" and "k = t + 4" (a permutation of k that x follows too), so a warp
//     reads whole 128-byte lines.
//   fmlp_mmav_down: y[B, H] (or partial sums over I-splits) = h down, down stored as
//     down^T [I, H]; each warp owns 64 columns as four m16 tiles interleaved so that lane g
//     loads the float4s at columns 4g and 32 + 4g of a row: again whole 128-byte lines.
// SKW (DKW) warps of a work-group can share the same rows, each taking every SKW-th step of k;
// their sums meet in local memory at the end, added in warp order (deterministic). That keeps
// enough loads in flight when there are few rows per warp.
// Products are 3xTF32 (mma_common.cl), each step's sum flushed to fp32: fp32-accurate.

// Sum the accumulators of the kw warps that share rows into the first of them: v values per
// lane, added in warp order so the result never depends on timing.
#define SHARE_K(acc, nv, kw, red)                                                       \
    do {                                                                                \
        if ((kw) > 1) {                                                                 \
            float *a_ = (float *)(acc);                                                 \
            for (int v_ = 0; v_ < (nv); ++v_) (red)[(warp * (nv) + v_) * 32 + lane] = a_[v_]; \
            barrier(CLK_LOCAL_MEM_FENCE);                                               \
            if (kp == 0)                                                                \
                for (int w_ = 1; w_ < (kw); ++w_)                                       \
                    for (int v_ = 0; v_ < (nv); ++v_)                                   \
                        a_[v_] += (red)[((warp + w_) * (nv) + v_) * 32 + lane];         \
        }                                                                               \
    } while (0)

#ifndef SWARPS
#define SWARPS 4     // warps per work-group, gate/up kernel
#endif
#ifndef SFM
#define SFM 1        // m16 tiles (16 rows of gate and of up) per warp
#endif
#ifndef SFB
#define SFB 1        // n8 tiles (8 batch rows) per work-group
#endif
#ifndef SKU
#define SKU 2        // 32-wide k-chunks loaded per step
#endif
#ifndef SKW
#define SKW 1        // warps of a work-group that share rows, each taking every SKW-th step
#endif
#ifndef SPF
#define SPF 0        // 1: the next step's loads issued before this step's mma (gate/up)
#endif
#ifndef DWARPS
#define DWARPS 4     // warps per work-group, down kernel
#endif
#ifndef DFB
#define DFB 1        // n8 tiles (8 batch rows) per work-group, down kernel
#endif
#ifndef DKU
#define DKU 4        // k8 steps loaded per step
#endif
#ifndef DKW
#define DKW 1        // warps of a work-group that share columns, down kernel
#endif
#ifndef DPF
#define DPF 0        // 1: the next step's loads issued before this step's mma (down)
#endif
#ifndef MMA_SPLITS
#define MMA_SPLITS 1 // partial sums over I, added by reduce.cl
#endif

#define NP (FMLP_GATED + 1)

// Lane t's eight values of a 32-wide k-chunk: offsets V_KQ(0) + 0..3 and V_KQ(1) + 0..3.
// (Four lanes reading 64 contiguous bytes a load instead, 4t and 16 + 4t, was measured slower:
// H100, fp32 B=4-16 up to 11%, q4_0 B=16 8%; again with iw=1 on an H200, q4_0 B=16 15%, B=4 3%,
// though it makes Q4_0's eight fields one word, one load.)
#define V_KQ(q) (8 * t + 4 * (q))

// x[k..k+3] of an activation row of n elements, zero past its end (formats.cl converts).
inline float4 fmlp_ldx4(__global const A_T *p, const int k, const int n)
{
    if (k + 4 <= n) return fmlp_x4(p, k);
    float4 v = (float4)(0.0f);
    if (k < n) v.x = fmlp_x1(p, k);
    if (k + 1 < n) v.y = fmlp_x1(p, k + 1);
    if (k + 2 < n) v.z = fmlp_x1(p, k + 2);
    return v;
}

// Four weights of a row (or down^T columns n..n+3 at input k), zero past the end: one load
// (fmlp_w4 / fmlp_dt4) where rows are multiples of 4, element by element elsewhere.
// The gate/up weights are loaded undecoded (formats.cl, raw loads) where rows are multiples of
// 4 and decoded when a chunk's computation starts, after every chunk's loads were issued.
#if (FMLP_H % 4) == 0
typedef fmlp_wraw4 VWRAW_T;
#define FMLP_LDW_H(row, k, n) ((k) < (n) ? fmlp_w4_raw((row), (k)) : fmlp_wraw4_zero())
#define VWDEC(r) fmlp_wdec4(r)
// down^T: undecoded for the 16-bit formats (a block format's four columns are four blocks)
#if FMLP_W_ELEMENTWISE
typedef fmlp_wraw4 DWRAW_T;
#define FMLP_LDDT(k, c) ((c) < FMLP_H ? fmlp_dt4_raw(down_t, (k), (c)) : fmlp_wraw4_zero())
#define DWDEC(r) fmlp_wdec4(r)
#define DW_ZERO fmlp_wraw4_zero()
#else
typedef float4 DWRAW_T;
#define FMLP_LDDT(k, c) ((c) < FMLP_H ? fmlp_dt4(down_t, (k), (c)) : (float4)(0.0f))
#define DWDEC(r) (r)
#define DW_ZERO ((float4)(0.0f))
#endif
#else
inline float4 fmlp_ldw_h(const fmlp_wrow row, const int k, const int n)
{
    float4 v = (float4)(0.0f);
    if (k < n) v.x = fmlp_w1(row, k);
    if (k + 1 < n) v.y = fmlp_w1(row, k + 1);
    if (k + 2 < n) v.z = fmlp_w1(row, k + 2);
    if (k + 3 < n) v.w = fmlp_w1(row, k + 3);
    return v;
}
inline float4 fmlp_lddt(__global const W_T *d, const int k, const int c)
{
    float4 v = (float4)(0.0f);
    if (c < FMLP_H) v.x = fmlp_dt1(d, k, c);
    if (c + 1 < FMLP_H) v.y = fmlp_dt1(d, k, c + 1);
    if (c + 2 < FMLP_H) v.z = fmlp_dt1(d, k, c + 2);
    if (c + 3 < FMLP_H) v.w = fmlp_dt1(d, k, c + 3);
    return v;
}
typedef float4 VWRAW_T;
#define FMLP_LDW_H(row, k, n) fmlp_ldw_h((row), (k), (n))
#define VWDEC(r) (r)
#define FMLP_LDDT(k, c) fmlp_lddt(down_t, (k), (c))
typedef float4 DWRAW_T;
#define DWDEC(r) (r)
#define DW_ZERO ((float4)(0.0f))
#endif

#define ELEM8(lo, hi, e) ((e) < 4 ? ((e) == 0 ? (lo).x : (e) == 1 ? (lo).y : (e) == 2 ? (lo).z : (lo).w) \
                                  : ((e) == 4 ? (hi).x : (e) == 5 ? (hi).y : (e) == 6 ? (hi).z : (hi).w))
#define ELEM4(v, e) ((e) == 0 ? (v).x : (e) == 1 ? (v).y : (e) == 2 ? (v).z : (v).w)

// the block formats' down^T read along k (below), where a lane's inputs make whole words
#define V_ALONG_K (!FMLP_W_ELEMENTWISE && (FMLP_H % 4) == 0 && (DKU % 2) == 0)

// iw=1 (MMAV_IW; GGML Q8_0/Q4_0 and the affine formats, host-checked): the weights go into
// the mma as formats.cl's fmlp_wiw4_c gives them, (field - offset) / 2^FW or field / 2^FW, exact
// in tf32 and built without conversions: two products instead of three, and no split of the
// weights. Every 32-wide k-chunk of gate/up (every 8 * DKU inputs of down, read along k) lies
// in one block, so its sums are flushed scaled by the rows' block scales (FLUSH_RS); the
// affine formats' zero points take the chunk's sum of x (of h) per batch column, formed by an
// mma against a tile of ones (FLUSH_RSZ).
#ifndef MMAV_IW
#define MMAV_IW 0
#endif
// FMLP_IZ (the host's second build of an affine iw plan, for weights whose zero points are all
// integers in [-1024, 1024]): the weights go in as (field - z) / 2^FW (fmlp_wiw4_c), exact in
// tf32, and the sums are only scaled, as for Q4_0 (no mma against ones).
#ifndef FMLP_IZ
#define FMLP_IZ 0
#endif
#define V_IW (MMAV_IW && !FMLP_W_ELEMENTWISE && (FMLP_H % 4) == 0)
#define V_IWZ (V_IW && FMLP_WT >= 5 && !FMLP_IZ)
// what fmlp_wiw4_c subtracts from the fields of raw weights r: 1 + z / 2^FW for the block's
// zero point z (FMLP_IZ), else the format's constant
#if V_IW && FMLP_WT >= 5 && FMLP_IZ
#define V_ZC(r) fmlp_iw_zc(r)
#else
#define V_ZC(r) FMLP_IW_C
#endif
// AFFINE_Q3 in the caller's bit stream: a lane's eight inputs of a block (gate/up's V_KQ(0) and
// V_KQ(1); down's chunks ch and ch + 1 along k where DKU / 2 is even) loaded as one group
// (formats.cl's fmlp_block_raw8_q3)
#define V_Q3_PAIRS (FMLP_WT == 6 && !Q3G && (FMLP_H % 4) == 0)
#define V_Q3_DPAIRS (V_Q3_PAIRS && V_ALONG_K && (DKU % 4) == 0)
#if V_IW && (!V_ALONG_K || (WB % (8 * DKU)) != 0)
#error "iw=1 needs down^T read along k with 8 * DKU inputs within a block"
#endif

// wl=1 (MMAV_WL; with iw=1, blocks of 32 weights: GGML Q8_0/Q4_0 and the affine formats in
// groups of 32; ku 4; H a multiple of 128; host-checked): a lane's weight loads are whole
// blocks (a row's four blocks of a step are contiguous in a tile), one or two 16-byte loads
// for 32 weights where the fragment order takes two to eight 4-byte loads a chunk, plus the
// step's four scale fields at once; the words reach the lanes that use them through local
// memory. Measured on an H200 and an H100 for q4_0 (B=4/16/32, bench/results/2026-11-26-
// h200-s9-wide and h100-s9-wl): the gate/up kernel 1.4-1.6x faster.
#ifndef MMAV_WL
#define MMAV_WL 0
#endif
#define V_WL (MMAV_WL && V_IW)
#if V_WL
#if WB != 32 || SKU != 4 || (FMLP_H % 128) != 0
#error "wl=1 needs blocks of 32 weights, SKU 4 and H a multiple of 128"
#endif
// a row's four blocks in local memory: QW words each, and 4 words of padding that put the
// eight rows a load instruction reads on different banks
#define WL_ROW (4 * QW + 4)
#if SB == 2 // the four blocks' fp16 scales: 8 bytes
typedef uint2 WL_SCALES_T;
#define WL_SCALE(v, c) ((((c) & 2) ? (v).y : (v).x) >> (16 * ((c) & 1)) & 0xffffu)
#else // the four blocks' scale and zero words: 16 bytes
typedef uint4 WL_SCALES_T;
#define WL_SCALE(v, c) ((c) == 0 ? (v).x : (c) == 1 ? (v).y : (c) == 2 ? (v).z : (v).w)
#endif
// a warp's local words written by some lanes and read by others: the warp synchronized (PTX
// bar.warp.sync); emulated, the whole work-group, whose warps all run the same steps
#if FMLP_MMA_EMULATE
#define WL_SYNC() barrier(CLK_LOCAL_MEM_FENCE)
#else
#define WL_SYNC() asm volatile("bar.warp.sync -1;" ::: "memory")
#endif
#endif

// hp=1 (MMAV_HP, the gate/up kernel; fp32, f16 or bf16 weights, H and I multiples of 4; host-checked):
// fp16 pairs as in mlp_mma.cl's hp (mma_common.cl), the f16 m16n8k16 instruction: 16 inputs a
// step where 3xTF32 takes two m16n8k8 steps, so half the tensor-core instructions. The
// weights: fp32 rows scaled by the powers of two kept with them (src/weights.c) and split into
// pairs, three products; bf16 rows scaled the same way, one f16 each; f16 as they are; two
// products for both. The activations (x, h) are scaled per batch column and step by a power of
// two from their largest magnitude in the step (across the quad of lanes that holds the
// column's inputs), split into pairs, and each step's sums are flushed times the columns'
// inverse scales. Logical inputs 2t, 2t + 1, 2t + 8, 2t + 9 of a k16 step stand for four
// consecutive physical ones of lane t, so a lane's float4 of a row gives its A words (and x's
// float4 its B words) directly.
// dhp (MMAV_DHP) the same for the down kernel. With iw=1 (the block formats, gate/up only):
// the fields as f16 integers (mma_common.cl's fmlp_hp_iw4), two products, each chunk's sums
// flushed times its rows' block scales and the x columns' inverse scales; the affine formats'
// build for zero points that are not all small integers (V_IWZ) keeps the tf32 path.
#ifndef MMAV_HP
#define MMAV_HP 0
#endif
#ifndef MMAV_DHP
#define MMAV_DHP 0
#endif
#define V_HP (MMAV_HP && !V_IWZ)
#define V_DHP MMAV_DHP
#if V_HP || V_DHP
#if (FMLP_WT > 2 && !V_IW) || (FMLP_H % 4) || (FMLP_I % 4) || \
    (V_DHP && ((DKU % 2) || FMLP_WT > 2))
#error "hp=1 needs fp32, f16 or bf16 weights or iw=1, H and I multiples of 4 (dhp=1 an even dku and no block format)"
#endif
#define V_HP_RS (FMLP_WT == 0 || FMLP_WT == 2) // the rows scaled at packing
#define V_HP_WX (FMLP_WT != 0) // one f16 a weight (or field): two products
// four weights (float4, decoded) of a row, its scale s applied where rows are scaled, as the
// A operand's words (V_HPW): one f16 each (a uint2) or fp16 pairs (hi, hi, lo, lo: a uint4);
// V_HPR the same from the loaded (raw) words; V_HP_MMA c += the A words of rows g (w0) and
// g + 8 (w1) times the B pair xb (hi, hi, lo, lo)
#if V_HP_WX
typedef uint2 v_hpw;
#if V_HP_RS
#define V_HPW(v, s) fmlp_hp_pack4((v) * (s))
#else
#define V_HPW(v, s) fmlp_hp_pack4(v)
#endif
#define V_HP_MMA(c, w0, w1, xb)                                                 \
    do {                                                                        \
        const uint a_[4] = {(w0).x, (w1).x, (w0).y, (w1).y};                     \
        const uint bh_[2] = {(xb).x, (xb).y}, bl_[2] = {(xb).z, (xb).w};          \
        MMA16((c), a_, bl_);                                                    \
        MMA16((c), a_, bh_);                                                    \
    } while (0)
#else
typedef uint4 v_hpw;
#define V_HPW(v, s) fmlp_hp_split4((v) * (s))
#define V_HP_MMA(c, w0, w1, xb)                                                 \
    do {                                                                        \
        const uint ah_[4] = {(w0).x, (w1).x, (w0).y, (w1).y};                    \
        const uint al_[4] = {(w0).z, (w1).z, (w0).w, (w1).w};                    \
        const uint bh_[2] = {(xb).x, (xb).y}, bl_[2] = {(xb).z, (xb).w};          \
        MMA16_3((c), ah_, al_, bh_, bl_);                                       \
    } while (0)
#endif
#if FMLP_WT == 1
#define V_HPR(r, s) (r) // f16's loaded words are the A words already
#elif V_IW
#define V_HPR(r, s) fmlp_hp_iw4(r)
#else
#define V_HPR(r, s) V_HPW(VWDEC(r), (s))
#endif
// The scale of batch column g's inputs in a step from m, the largest magnitude of the lane's
// inputs (bits), into SC; the inverse scales of the fragment's columns 2t and 2t + 1 (lanes
// 8t and 8t + 4 hold them) into INV[0], INV[1]. Every work-item calls it.
#define V_HP_SCALES(m, SC, INV)                                                   \
    do {                                                                          \
        const uint mq_ = fmlp_group_max((m), 4, scr, lid);                        \
        (SC) = fmlp_hp_scale(mq_);                                                \
        (INV)[0] = fmlp_hp_unscale(fmlp_lane_read(mq_, 8 * t, scr, lid));         \
        (INV)[1] = fmlp_hp_unscale(fmlp_lane_read(mq_, 8 * t + 4, scr, lid));     \
    } while (0)
#endif

__kernel __attribute__((reqd_work_group_size(SWARPS * 32, 1, 1)))
void fmlp_mmav_gateup(__global const A_T *restrict x, const ulong x_off,
                      __global const W_T *restrict gate,
                      __global const W_T *restrict up,
                      __global const float *restrict b_gate,
                      __global const float *restrict b_up,
                      __global float *restrict h, const ulong h_off,
                      const int batch
#if V_HP && V_HP_RS
                      , __global const float *restrict s_gate,
                      __global const float *restrict s_up
#endif
                      )
{
#if FMLP_MMA_EMULATE
    __local uint emu[SWARPS * 6 * 32];
    __local uint *scr = emu; // hp's lane exchanges, emulated (a work-group's words)
#else
    __local uint *scr = 0;
#endif
    x += x_off;
    h += h_off;
    const int lid = (int)get_local_id(0), warp = lid / 32, lane = lid % 32;
    const int g = lane >> 2, t = lane & 3;
    const int kp = warp % SKW; // which share of k this warp takes
    const int n0 = ((int)get_group_id(0) * (SWARPS / SKW) + warp / SKW) * 16 * SFM;
    const int b0 = (int)get_group_id(1) * 8 * SFB;
#if SKW > 1
    __local float red[SWARPS * NP * SFM * SFB * 4 * 32];
#endif
#if V_WL
    __local uint wbuf[SWARPS * 2 * 16 * WL_ROW] __attribute__((aligned(16)));
#endif

    // rows past I or past the batch are clamped onto valid memory; their results are dropped
    fmlp_wrow wrow[NP][SFM][2];
#pragma unroll
    for (int i = 0; i < SFM; ++i)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            const int row = min(n0 + i * 16 + g + 8 * r, FMLP_I - 1);
#if FMLP_GATED
            wrow[0][i][r] = FMLP_ROW(gate, row);
            wrow[1][i][r] = FMLP_ROW(up, row);
#else
            wrow[0][i][r] = FMLP_ROW(up, row);
#endif
        }
#if V_HP
    // hp: the rows' scales (1 where rows are not scaled)
    float rsc[NP][SFM][2];
#pragma unroll
    for (int i = 0; i < SFM; ++i)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            const int row = min(n0 + i * 16 + g + 8 * r, FMLP_I - 1);
#if V_HP_RS && FMLP_GATED
            rsc[0][i][r] = s_gate[row];
            rsc[1][i][r] = s_up[row];
#elif V_HP_RS
            rsc[0][i][r] = s_up[row];
#else
            for (int p = 0; p < NP; ++p) rsc[p][i][r] = 1.0f;
#endif
        }
#endif
    __global const A_T *xrow[SFB];
    int xok[SFB];
#pragma unroll
    for (int j = 0; j < SFB; ++j) {
        const int b = b0 + j * 8 + g;
        xok[j] = b < batch;
        xrow[j] = x + (size_t)min(b, batch - 1) * FMLP_H;
    }

    float acc[NP][SFM][SFB][4], tile[NP][SFM][SFB][4];
#pragma unroll
    for (int p = 0; p < NP; ++p)
#pragma unroll
        for (int i = 0; i < SFM; ++i)
#pragma unroll
            for (int j = 0; j < SFB; ++j)
#pragma unroll
                for (int r = 0; r < 4; ++r) acc[p][i][j][r] = tile[p][i][j][r] = 0.0f;

    // every warp runs the same number of steps (past the end, loads give zeros): warps of a
    // work-group then meet at the same barriers, which the emulated mma needs. With
    // SPF a step issues the next chunk's loads before it computes the one loaded in
    // the step before (one step more, which computes nothing in its first).
    const int kstep = SKW * 32 * SKU;
    VWRAW_T w[SKU][NP][SFM][2][2];
    float4 xv[SKU][SFB][2];
    FMLP_K_LOOP
    for (int kc0 = 0, k_end = FMLP_K_END(FMLP_H + SPF * kstep); kc0 < k_end; kc0 += kstep) {
        const int kc = kc0 + kp * 32 * SKU;
#if SPF
        VWRAW_T wu[SKU][NP][SFM][2][2];
        float4 xu[SKU][SFB][2];
#pragma unroll
        for (int c = 0; c < SKU; ++c) {
#pragma unroll
            for (int p = 0; p < NP; ++p)
#pragma unroll
                for (int i = 0; i < SFM; ++i)
#pragma unroll
                    for (int r = 0; r < 2; ++r) {
                        wu[c][p][i][r][0] = w[c][p][i][r][0];
                        wu[c][p][i][r][1] = w[c][p][i][r][1];
                    }
#pragma unroll
            for (int j = 0; j < SFB; ++j) {
                xu[c][j][0] = xv[c][j][0];
                xu[c][j][1] = xv[c][j][1];
            }
        }
#else
#define wu w
#define xu xv
#endif
#if V_WL
        // wl=1: lane t loads all of block kc / 32 + t of each of its two rows and the step's
        // four scale fields of the row at once; the words reach the lanes that take them into
        // the mma through this warp's part of local memory (two halves, used in turn)
#pragma unroll
        for (int p = 0; p < NP; ++p)
#pragma unroll
            for (int i = 0; i < SFM; ++i) {
                __local uint *wb = wbuf + (warp * 2 + ((p * SFM + i) & 1)) * 16 * WL_ROW;
                WL_SCALES_T sf[2];
#pragma unroll
                for (int r = 0; r < 2; ++r) {
                    const fmlp_wrow wr = wrow[p][i][r];
                    const size_t b0 = wr.b + (size_t)(kc / 32);
                    const int in = kc < FMLP_H; // past the end (the same steps for every warp)
                    uint raw[QRAW];
                    if (in) {
                        fmlp_block_load(wr.w, b0 + t, raw);
                        sf[r] = *(__global const WL_SCALES_T *)fmlp_bsf(wr.w, b0);
                    } else {
#pragma unroll
                        for (int j = 0; j < QRAW; ++j) raw[j] = 0u;
                        sf[r] = (WL_SCALES_T)(0u);
                    }
                    __local uint *dst = wb + (g + 8 * r) * WL_ROW + QW * t;
#if (QW % 4) == 0
#pragma unroll
                    for (int j = 0; j < QW; j += 4)
                        *(__local uint4 *)(dst + j) = (uint4)(raw[j], raw[j + 1], raw[j + 2], raw[j + 3]);
#else
#pragma unroll
                    for (int j = 0; j < QW; ++j) dst[j] = raw[j];
#endif
                }
                WL_SYNC();
#pragma unroll
                for (int c = 0; c < 4; ++c)
#pragma unroll
                    for (int r = 0; r < 2; ++r) {
                        __local const uint *src = wb + (g + 8 * r) * WL_ROW + QW * c;
                        const uint s = WL_SCALE(sf[r], c);
#pragma unroll
                        for (int q = 0; q < 2; ++q) {
                            const int wi = RAW_WORD(V_KQ(q)) / 4;
                            w[c][p][i][r][q].v = src[wi];
#if FMLP_WT == 6 // groups 6 and 7: their high bits in the run's third word
                            w[c][p][i][r][q].v2 =
                                RAW_HAS_V2(V_KQ(q)) ? src[RAW_WORD2(V_KQ(q)) / 4] : 0u;
#endif
                            w[c][p][i][r][q].s = s;
                            w[c][p][i][r][q].sh = RAW_SHIFT(V_KQ(q));
                        }
                    }
                WL_SYNC();
            }
#endif
#pragma unroll
        for (int c = 0; c < SKU; ++c) {
            const int k = kc + c * 32;
#if !V_WL
#pragma unroll
            for (int p = 0; p < NP; ++p)
#pragma unroll
                for (int i = 0; i < SFM; ++i)
#pragma unroll
                    for (int r = 0; r < 2; ++r) {
#if V_Q3_PAIRS
                        // V_KQ(1) = V_KQ(0) + 4: one paired load (formats.cl)
                        if (k < FMLP_H) {
                            fmlp_w8_raw_q3(wrow[p][i][r], k + V_KQ(0), &w[c][p][i][r][0],
                                           &w[c][p][i][r][1]);
                        } else {
                            w[c][p][i][r][0] = w[c][p][i][r][1] = fmlp_wraw4_zero();
                        }
#else
                        w[c][p][i][r][0] = FMLP_LDW_H(wrow[p][i][r], k + V_KQ(0), FMLP_H);
                        w[c][p][i][r][1] = FMLP_LDW_H(wrow[p][i][r], k + V_KQ(1), FMLP_H);
#endif
                    }
#endif
#pragma unroll
            for (int j = 0; j < SFB; ++j) {
                xv[c][j][0] = xok[j] ? fmlp_ldx4(xrow[j], k + V_KQ(0), FMLP_H) : (float4)(0.0f);
                xv[c][j][1] = xok[j] ? fmlp_ldx4(xrow[j], k + V_KQ(1), FMLP_H) : (float4)(0.0f);
            }
        }
#if SPF
        if (kc0 == 0) continue;
#endif
#if V_HP
        // hp: the step's x columns scaled (V_HP_SCALES over all SKU chunks) and then split;
        // the weights as the A words (the block formats' fields as f16 integers), two k16 steps
        // a chunk (the lane's float4s q = 0, 1); with iw each chunk lies in one block a row and
        // is flushed times the rows' block scales and the columns' inverse scales, else the
        // step once, times the columns' inverse scales
        float xsc[SFB], xinv[SFB][2];
#pragma unroll
        for (int j = 0; j < SFB; ++j) {
            uint m = 0u;
#pragma unroll
            for (int c = 0; c < SKU; ++c)
                m = max(m, max(fmlp_absmax4(xu[c][j][0]), fmlp_absmax4(xu[c][j][1])));
            V_HP_SCALES(m, xsc[j], xinv[j]);
        }
#pragma unroll
        for (int c = 0; c < SKU; ++c) {
#if V_IW
            float sa[NP][SFM][2];
#pragma unroll
            for (int p = 0; p < NP; ++p)
#pragma unroll
                for (int i = 0; i < SFM; ++i)
#pragma unroll
                    for (int r = 0; r < 2; ++r) sa[p][i][r] = fmlp_wscale(wu[c][p][i][r][0]);
#endif
#pragma unroll
            for (int q = 0; q < 2; ++q) {
                uint4 xb[SFB];
#pragma unroll
                for (int j = 0; j < SFB; ++j) xb[j] = fmlp_hp_split4(xu[c][j][q] * xsc[j]);
#pragma unroll
                for (int p = 0; p < NP; ++p)
#pragma unroll
                    for (int i = 0; i < SFM; ++i) {
                        const v_hpw w0 = V_HPR(wu[c][p][i][0][q], rsc[p][i][0]);
                        const v_hpw w1 = V_HPR(wu[c][p][i][1][q], rsc[p][i][1]);
#pragma unroll
                        for (int j = 0; j < SFB; ++j) V_HP_MMA(tile[p][i][j], w0, w1, xb[j]);
                    }
            }
#if V_IW
#pragma unroll
            for (int p = 0; p < NP; ++p)
#pragma unroll
                for (int i = 0; i < SFM; ++i)
#pragma unroll
                    for (int j = 0; j < SFB; ++j)
#pragma unroll
                        for (int r = 0; r < 4; ++r) {
                            acc[p][i][j][r] += tile[p][i][j][r] * (sa[p][i][r >> 1] * xinv[j][r & 1]);
                            tile[p][i][j][r] = 0.0f;
                        }
#endif
        }
#if !V_IW
#pragma unroll
        for (int p = 0; p < NP; ++p)
#pragma unroll
            for (int i = 0; i < SFM; ++i)
#pragma unroll
                for (int j = 0; j < SFB; ++j)
                    FLUSH_S(acc[p][i][j], tile[p][i][j], xinv[j][0], xinv[j][1]);
#endif
#elif V_IW
#pragma unroll
        for (int c = 0; c < SKU; ++c) {
            // the chunk's weights as exact tf32 values, the rows' scales (times 2^FW) and
            // zero-point terms (both fields of a lane's row are in one block)
            float4 wd[NP][SFM][2][2];
            float sa[NP][SFM][2];
#if V_IWZ
            float sz[NP][SFM][2], xs[SFB][4];
#pragma unroll
            for (int j = 0; j < SFB; ++j) xs[j][0] = xs[j][1] = xs[j][2] = xs[j][3] = 0.0f;
#endif
#pragma unroll
            for (int p = 0; p < NP; ++p)
#pragma unroll
                for (int i = 0; i < SFM; ++i)
#pragma unroll
                    for (int r = 0; r < 2; ++r) {
                        const float zc = V_ZC(wu[c][p][i][r][0]);
                        wd[p][i][r][0] = fmlp_wiw4_c(wu[c][p][i][r][0], zc);
                        wd[p][i][r][1] = fmlp_wiw4_c(wu[c][p][i][r][1], zc);
                        const float s = fmlp_wscale(wu[c][p][i][r][0]);
                        sa[p][i][r] = s * FMLP_FIELD_SCALE;
#if V_IWZ
                        sz[p][i][r] = s * fmlp_wzero(wu[c][p][i][r][0]);
#endif
                    }
#pragma unroll
            for (int s = 0; s < 4; ++s) {
                uint bb[SFB][2], bs[SFB][2];
#pragma unroll
                for (int j = 0; j < SFB; ++j) {
                    fmlp_split(ELEM8(xu[c][j][0], xu[c][j][1], 2 * s), &bb[j][0], &bs[j][0]);
                    fmlp_split(ELEM8(xu[c][j][0], xu[c][j][1], 2 * s + 1), &bb[j][1], &bs[j][1]);
#if V_IWZ
                    const uint ones[4] = MMA_ONES4;
                    MMA2_WA(xs[j], ones, bb[j], bs[j]);
#endif
                }
#pragma unroll
                for (int p = 0; p < NP; ++p)
#pragma unroll
                    for (int i = 0; i < SFM; ++i) {
                        const uint ab[4] = {as_uint(ELEM8(wd[p][i][0][0], wd[p][i][0][1], 2 * s)),
                                            as_uint(ELEM8(wd[p][i][1][0], wd[p][i][1][1], 2 * s)),
                                            as_uint(ELEM8(wd[p][i][0][0], wd[p][i][0][1], 2 * s + 1)),
                                            as_uint(ELEM8(wd[p][i][1][0], wd[p][i][1][1], 2 * s + 1))};
#pragma unroll
                        for (int j = 0; j < SFB; ++j) MMA2_WA(tile[p][i][j], ab, bb[j], bs[j]);
                    }
            }
#pragma unroll
            for (int p = 0; p < NP; ++p)
#pragma unroll
                for (int i = 0; i < SFM; ++i)
#pragma unroll
                    for (int j = 0; j < SFB; ++j)
#if V_IWZ
                        FLUSH_RSZ(acc[p][i][j], tile[p][i][j], sa[p][i][0], sa[p][i][1],
                                  sz[p][i][0], sz[p][i][1], xs[j]);
#else
                        FLUSH_RS(acc[p][i][j], tile[p][i][j], sa[p][i][0], sa[p][i][1]);
#endif
        }
#else
#pragma unroll
        for (int c = 0; c < SKU; ++c) {
            float4 wd[NP][SFM][2][2];
#pragma unroll
            for (int p = 0; p < NP; ++p)
#pragma unroll
                for (int i = 0; i < SFM; ++i)
#pragma unroll
                    for (int r = 0; r < 2; ++r) {
                        wd[p][i][r][0] = VWDEC(wu[c][p][i][r][0]);
                        wd[p][i][r][1] = VWDEC(wu[c][p][i][r][1]);
                    }
#pragma unroll
            for (int s = 0; s < 4; ++s) {
                uint bb[SFB][2], bs[SFB][2];
#pragma unroll
                for (int j = 0; j < SFB; ++j) {
                    fmlp_split(ELEM8(xu[c][j][0], xu[c][j][1], 2 * s), &bb[j][0], &bs[j][0]);
                    fmlp_split(ELEM8(xu[c][j][0], xu[c][j][1], 2 * s + 1), &bb[j][1], &bs[j][1]);
                }
#pragma unroll
                for (int p = 0; p < NP; ++p)
#pragma unroll
                    for (int i = 0; i < SFM; ++i) {
                        uint ab[4], as[4];
                        fmlp_split(ELEM8(wd[p][i][0][0], wd[p][i][0][1], 2 * s), &ab[0], &as[0]);
                        fmlp_split(ELEM8(wd[p][i][1][0], wd[p][i][1][1], 2 * s), &ab[1], &as[1]);
                        fmlp_split(ELEM8(wd[p][i][0][0], wd[p][i][0][1], 2 * s + 1), &ab[2], &as[2]);
                        fmlp_split(ELEM8(wd[p][i][1][0], wd[p][i][1][1], 2 * s + 1), &ab[3], &as[3]);
#pragma unroll
                        for (int j = 0; j < SFB; ++j) MMA3_WA(tile[p][i][j], ab, as, bb[j], bs[j]);
                    }
            }
        }
#pragma unroll
        for (int p = 0; p < NP; ++p)
#pragma unroll
            for (int i = 0; i < SFM; ++i)
#pragma unroll
                for (int j = 0; j < SFB; ++j) FLUSH(acc[p][i][j], tile[p][i][j]);
#endif
    }
#undef wu
#undef xu

#if SKW > 1
    SHARE_K(acc, NP * SFM * SFB * 4, SKW, red);
    if (kp != 0) return;
#endif

    // lane (g, t): rows g and g + 8 of the m16 tile (units of I), batch columns 2t and 2t + 1
#pragma unroll
    for (int i = 0; i < SFM; ++i)
#pragma unroll
        for (int j = 0; j < SFB; ++j)
#pragma unroll
            for (int r = 0; r < 4; ++r) {
                const int n = n0 + i * 16 + g + 8 * (r >> 1);
                const int b = b0 + j * 8 + 2 * t + (r & 1);
                if (b < batch && n < FMLP_I) {
#if V_HP
                    // the rows' scales out (exact: powers of two)
                    const float ug = fmlp_pow2_inv(rsc[0][i][r >> 1]);
                    const float uu = fmlp_pow2_inv(rsc[FMLP_GATED][i][r >> 1]);
#else
                    const float ug = 1.0f, uu = 1.0f;
#endif
                    h[(size_t)b * FMLP_I + n] = fmlp_hidden_biased(
                        acc[0][i][j][r] * ug, acc[FMLP_GATED][i][j][r] * uu, b_gate, b_up, n);
                }
            }
}

// With the down projection split, its partial sums go to the workspace in fp32; else y.
#if MMA_SPLITS == 1
typedef A_T MMAV_OUT_T;
#else
typedef float MMAV_OUT_T;
#endif

// Each split covers a whole number of 8 * DKU-row steps of I.
#define V_KCH (((FMLP_I + MMA_SPLITS - 1) / MMA_SPLITS + 8 * DKU - 1) / (8 * DKU) * (8 * DKU))

__kernel __attribute__((reqd_work_group_size(DWARPS * 32, 1, 1)))
void fmlp_mmav_down(__global const float *restrict h,
                    __global const W_T *restrict down_t,
                    __global const float *restrict b_down,
                    __global MMAV_OUT_T *restrict out, const ulong out_off,
                    const int batch
#if V_DHP && V_HP_RS
                    , __global const float *restrict s_down
#endif
                    )
{
#if FMLP_MMA_EMULATE
    __local uint emu[DWARPS * 6 * 32];
    __local uint *scr = emu; // hp's lane exchanges, emulated (a work-group's words)
#else
    __local uint *scr = 0;
#endif
    out += out_off;
    const int lid = (int)get_local_id(0), warp = lid / 32, lane = lid % 32;
    const int g = lane >> 2, t = lane & 3;
    // 64 columns per warp: row g of m16 tile j is column c0 + 4g + j, row g + 8 is c0 + 32 + 4g + j
    const int kp = warp % DKW;
    const int c0 = ((int)get_group_id(0) * (DWARPS / DKW) + warp / DKW) * 64;
    const int b0 = (int)get_group_id(1) * 8 * DFB;
#if DKW > 1
    __local float red[DWARPS * 4 * DFB * 4 * 32];
#endif
    const int split = (int)get_group_id(2);
    const int kb = split * V_KCH, ke = min(FMLP_I, kb + V_KCH);

    __global const float *hrow[DFB];
    int hok[DFB];
#pragma unroll
    for (int j = 0; j < DFB; ++j) {
        const int b = b0 + j * 8 + g;
        hok[j] = b < batch;
        hrow[j] = h + (size_t)min(b, batch - 1) * FMLP_I;
    }

    float acc[4][DFB][4], tile[4][DFB][4];
#pragma unroll
    for (int i = 0; i < 4; ++i)
#pragma unroll
        for (int j = 0; j < DFB; ++j)
#pragma unroll
            for (int r = 0; r < 4; ++r) acc[i][j][r] = tile[i][j][r] = 0.0f;

#if V_DHP
    // hp: a step's 8 * DKU inputs as DKU / 2 k16 steps; in step u lane t takes inputs
    // k0 + 16 u + 4 t .. + 3 (the logical 2t, 2t + 1, 2t + 8, 2t + 9) of its columns c0 + 4g..
    // and c0 + 32 + 4g.. (a float4 load each a input) and of h's rows (one float4). The
    // columns' scales (1 where rows are not scaled) come out in the epilogue.
    float4 sd[2];
#pragma unroll
    for (int hf = 0; hf < 2; ++hf) {
        const int col = c0 + 32 * hf + 4 * g;
#if V_HP_RS
        sd[hf] = col < FMLP_H ? FMLP_LOAD4(s_down + col) : (float4)(1.0f);
#else
        sd[hf] = (float4)(1.0f);
#endif
    }
    DWRAW_T w[DKU / 2][4][2];
    float4 hv[DKU / 2][DFB];
    const int kstep = DKW * 8 * DKU;
    for (int k00 = kb; k00 < ke + DPF * kstep; k00 += kstep) {
        const int k0 = k00 + kp * 8 * DKU;
#if DPF
        DWRAW_T wu[DKU / 2][4][2];
        float4 hu[DKU / 2][DFB];
#pragma unroll
        for (int u = 0; u < DKU / 2; ++u) {
#pragma unroll
            for (int e = 0; e < 4; ++e) {
                wu[u][e][0] = w[u][e][0];
                wu[u][e][1] = w[u][e][1];
            }
#pragma unroll
            for (int j = 0; j < DFB; ++j) hu[u][j] = hv[u][j];
        }
#else
#define wu w
#define hu hv
#endif
#pragma unroll
        for (int u = 0; u < DKU / 2; ++u) {
#pragma unroll
            for (int e = 0; e < 4; ++e) {
                const int k = k0 + 16 * u + 4 * t + e;
                w[u][e][0] = k < ke ? FMLP_LDDT(k, c0 + 4 * g) : DW_ZERO;
                w[u][e][1] = k < ke ? FMLP_LDDT(k, c0 + 32 + 4 * g) : DW_ZERO;
            }
            const int k = k0 + 16 * u + 4 * t;
#pragma unroll
            for (int j = 0; j < DFB; ++j)
                hv[u][j] = hok[j] && k < ke ? FMLP_LOAD4(hrow[j] + k) : (float4)(0.0f);
        }
#if DPF
        if (k00 == kb) continue;
#endif
        float hsc[DFB], hinv[DFB][2];
#pragma unroll
        for (int j = 0; j < DFB; ++j) {
            uint m = 0u;
#pragma unroll
            for (int u = 0; u < DKU / 2; ++u) m = max(m, fmlp_absmax4(hu[u][j]));
            V_HP_SCALES(m, hsc[j], hinv[j]);
        }
#pragma unroll
        for (int u = 0; u < DKU / 2; ++u) {
            uint4 hb[DFB];
#pragma unroll
            for (int j = 0; j < DFB; ++j) hb[j] = fmlp_hp_split4(hu[u][j] * hsc[j]);
            float4 wd[4][2];
#pragma unroll
            for (int e = 0; e < 4; ++e) {
                wd[e][0] = DWDEC(wu[u][e][0]);
                wd[e][1] = DWDEC(wu[u][e][1]);
            }
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                // tile i's rows g and g + 8 (columns c0 + 4g + i, c0 + 32 + 4g + i), four inputs
                const float4 v0 = (float4)(ELEM4(wd[0][0], i), ELEM4(wd[1][0], i),
                                           ELEM4(wd[2][0], i), ELEM4(wd[3][0], i));
                const float4 v1 = (float4)(ELEM4(wd[0][1], i), ELEM4(wd[1][1], i),
                                           ELEM4(wd[2][1], i), ELEM4(wd[3][1], i));
                const v_hpw w0 = V_HPW(v0, ELEM4(sd[0], i)), w1 = V_HPW(v1, ELEM4(sd[1], i));
#pragma unroll
                for (int j = 0; j < DFB; ++j) V_HP_MMA(tile[i][j], w0, w1, hb[j]);
            }
        }
#pragma unroll
        for (int i = 0; i < 4; ++i)
#pragma unroll
            for (int j = 0; j < DFB; ++j) FLUSH_S(acc[i][j], tile[i][j], hinv[j][0], hinv[j][1]);
#undef wu
#undef hu
    }
#else
#if V_ALONG_K
    // Block formats: lane t takes inputs k0 + 2 DKU t .. k0 + 2 DKU t + 2 DKU - 1 of each of
    // its 8 columns, whole fields of one block at a time (one word, one scale); step u's
    // fragment inputs t and t + 4 stand for k0 + 2 DKU t + 2u and + 2u + 1 (which physical
    // input a fragment's t stands for is free, as long as both operands agree). All are
    // decoded before the steps.
#define V_K(u, q) (k0 + 2 * DKU * t + 2 * (u) + (q))
    fmlp_wraw4 w[DKU / 2][2][4]; // [4 inputs][columns 4g + i, 32 + 4g + i][i]
#define V_WDECL(name) fmlp_wraw4 name[DKU / 2][2][4]
    // decoded after every load is issued (below the h loads)
// step u's weight of fragment input q (t, t + 4), column half hf (rows g, g + 8), m16 tile i
#define V_W(u, q, hf, i) ELEM4(wd[(2 * (u) + (q)) / 4][hf][i], (2 * (u) + (q)) % 4)
#define V_STEP_DECODE(u)
#else
    // step u: inputs t and t + 4 of an 8-input step, four columns 4g.. and 32 + 4g.. a load,
    // decoded at the step
#define V_K(u, q) (k0 + 8 * (u) + t + 4 * (q))
    DWRAW_T w[DKU][2][2]; // [step][k row t, t + 4][columns 4g, 32 + 4g]
#define V_WDECL(name) DWRAW_T name[DKU][2][2]
#define V_W(u, q, hf, i) ELEM4(wd[q][hf], i)
#define V_STEP_DECODE(u)                                                    \
    const float4 wd[2][2] = {{DWDEC(wu[u][0][0]), DWDEC(wu[u][0][1])}, \
                             {DWDEC(wu[u][1][0]), DWDEC(wu[u][1][1])}}
#endif
    float hv[DKU][DFB][2];
    // As in the gate/up kernel, DPF issues the next step's loads before this step's
    // mma: one step more, which computes nothing in its first. (Loops stay out of macros:
    // NVIDIA's compiler ignores _Pragma("unroll") there.)
    const int kstep = DKW * 8 * DKU;
    for (int k00 = kb; k00 < ke + DPF * kstep; k00 += kstep) {
        const int k0 = k00 + kp * 8 * DKU;
#if DPF
        V_WDECL(wu);
        float hu[DKU][DFB][2];
#if V_ALONG_K
#pragma unroll
        for (int ch = 0; ch < DKU / 2; ++ch)
#pragma unroll
            for (int hf = 0; hf < 2; ++hf)
#pragma unroll
                for (int i = 0; i < 4; ++i) wu[ch][hf][i] = w[ch][hf][i];
#else
#pragma unroll
        for (int u = 0; u < DKU; ++u)
#pragma unroll
            for (int q = 0; q < 2; ++q) {
                wu[u][q][0] = w[u][q][0];
                wu[u][q][1] = w[u][q][1];
            }
#endif
#pragma unroll
        for (int u = 0; u < DKU; ++u)
#pragma unroll
            for (int j = 0; j < DFB; ++j) {
                hu[u][j][0] = hv[u][j][0];
                hu[u][j][1] = hv[u][j][1];
            }
#else
#define wu w
#define hu hv
#endif
#if V_ALONG_K
#pragma unroll
        for (int ch = 0; ch < DKU / 2; ch += 1 + V_Q3_DPAIRS) {
            const int kk = k0 + 2 * DKU * t + 4 * ch;
#pragma unroll
            for (int hf = 0; hf < 2; ++hf)
#pragma unroll
                for (int i = 0; i < 4; ++i) {
                    const int col = c0 + 32 * hf + 4 * g + i;
#if V_Q3_DPAIRS
                    // inputs kk..kk+7 of the column, one block: one paired load (formats.cl)
                    if (kk < ke && col < FMLP_H) {
                        fmlp_dtk8_raw_q3(down_t, kk, col, &w[ch][hf][i], &w[ch + 1][hf][i]);
                    } else {
                        w[ch][hf][i] = w[ch + 1][hf][i] = fmlp_wraw4_zero();
                    }
#else
                    w[ch][hf][i] = kk < ke && col < FMLP_H ? fmlp_dtk4_raw(down_t, kk, col)
                                                           : fmlp_wraw4_zero();
#endif
                }
        }
#else
#pragma unroll
        for (int u = 0; u < DKU; ++u)
#pragma unroll
            for (int q = 0; q < 2; ++q) {
                const int k = V_K(u, q);
                w[u][q][0] = k < ke ? FMLP_LDDT(k, c0 + 4 * g) : DW_ZERO;
                w[u][q][1] = k < ke ? FMLP_LDDT(k, c0 + 32 + 4 * g) : DW_ZERO;
            }
#endif
#pragma unroll
        for (int u = 0; u < DKU; ++u)
#pragma unroll
            for (int q = 0; q < 2; ++q) {
                const int k = V_K(u, q);
#pragma unroll
                for (int j = 0; j < DFB; ++j) hv[u][j][q] = hok[j] && k < ke ? hrow[j][k] : 0.0f;
            }
#if DPF
        if (k00 == kb) continue;
#endif
#if V_IW
        // the step's weights as exact tf32 values; every input of a column is in one block,
        // whose scale (times 2^FW) and zero-point term scale its sums
        float4 wd[DKU / 2][2][4];
        float sa[2][4];
#if V_IWZ
        float sz[2][4], xs[DFB][4];
#pragma unroll
        for (int j = 0; j < DFB; ++j) xs[j][0] = xs[j][1] = xs[j][2] = xs[j][3] = 0.0f;
#endif
#pragma unroll
        for (int hf = 0; hf < 2; ++hf)
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                const float zc = V_ZC(wu[0][hf][i]);
#pragma unroll
                for (int ch = 0; ch < DKU / 2; ++ch) wd[ch][hf][i] = fmlp_wiw4_c(wu[ch][hf][i], zc);
                const float sc = fmlp_wscale(wu[0][hf][i]);
                sa[hf][i] = sc * FMLP_FIELD_SCALE;
#if V_IWZ
                sz[hf][i] = sc * fmlp_wzero(wu[0][hf][i]);
#endif
            }
#pragma unroll
        for (int u = 0; u < DKU; ++u) {
            uint bb[DFB][2], bs[DFB][2];
#pragma unroll
            for (int j = 0; j < DFB; ++j) {
#pragma unroll
                for (int q = 0; q < 2; ++q) fmlp_split(hu[u][j][q], &bb[j][q], &bs[j][q]);
#if V_IWZ
                const uint ones[4] = MMA_ONES4;
                MMA2_WA(xs[j], ones, bb[j], bs[j]);
#endif
            }
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                const uint ab[4] = {as_uint(V_W(u, 0, 0, i)), as_uint(V_W(u, 0, 1, i)),
                                    as_uint(V_W(u, 1, 0, i)), as_uint(V_W(u, 1, 1, i))};
#pragma unroll
                for (int j = 0; j < DFB; ++j) MMA2_WA(tile[i][j], ab, bb[j], bs[j]);
            }
        }
#pragma unroll
        for (int i = 0; i < 4; ++i)
#pragma unroll
            for (int j = 0; j < DFB; ++j)
#if V_IWZ
                FLUSH_RSZ(acc[i][j], tile[i][j], sa[0][i], sa[1][i], sz[0][i], sz[1][i], xs[j]);
#else
                FLUSH_RS(acc[i][j], tile[i][j], sa[0][i], sa[1][i]);
#endif
#else
#if V_ALONG_K
        float4 wd[DKU / 2][2][4];
#pragma unroll
        for (int ch = 0; ch < DKU / 2; ++ch)
#pragma unroll
            for (int hf = 0; hf < 2; ++hf)
#pragma unroll
                for (int i = 0; i < 4; ++i) wd[ch][hf][i] = fmlp_wdec4(wu[ch][hf][i]);
#endif
#pragma unroll
        for (int u = 0; u < DKU; ++u) {
            uint bb[DFB][2], bs[DFB][2];
#pragma unroll
            for (int j = 0; j < DFB; ++j)
#pragma unroll
                for (int q = 0; q < 2; ++q) fmlp_split(hu[u][j][q], &bb[j][q], &bs[j][q]);
            V_STEP_DECODE(u);
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                uint ab[4], as[4];
                fmlp_split(V_W(u, 0, 0, i), &ab[0], &as[0]); // row g,     k t
                fmlp_split(V_W(u, 0, 1, i), &ab[1], &as[1]); // row g + 8, k t
                fmlp_split(V_W(u, 1, 0, i), &ab[2], &as[2]); // row g,     k t + 4
                fmlp_split(V_W(u, 1, 1, i), &ab[3], &as[3]); // row g + 8, k t + 4
#pragma unroll
                for (int j = 0; j < DFB; ++j) MMA3_WA(tile[i][j], ab, as, bb[j], bs[j]);
            }
        }
#pragma unroll
        for (int i = 0; i < 4; ++i)
#pragma unroll
            for (int j = 0; j < DFB; ++j) FLUSH(acc[i][j], tile[i][j]);
#endif
#undef wu
#undef hu
    }
#undef V_K
#undef V_W
#undef V_STEP_DECODE
#undef V_WDECL
#endif

#if DKW > 1
    SHARE_K(acc, 4 * DFB * 4, DKW, red);
    if (kp != 0) return;
#endif

    // lane (g, t): columns c0 + 4g + i (rows g) and c0 + 32 + 4g + i (rows g + 8) of tile i,
    // batch rows 2t and 2t + 1 of each n8 tile
#pragma unroll
    for (int j = 0; j < DFB; ++j)
#pragma unroll
        for (int r = 0; r < 4; ++r) {
            const int b = b0 + j * 8 + 2 * t + (r & 1);
            if (b >= batch) continue;
            const int cb = c0 + 32 * (r >> 1) + 4 * g;
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                const int n = cb + i;
                if (n >= FMLP_H) continue;
#if V_DHP
                const float a = acc[i][j][r] * fmlp_pow2_inv(ELEM4(sd[r >> 1], i));
#else
                const float a = acc[i][j][r];
#endif
#if MMA_SPLITS == 1
#if FMLP_HAS_BD
                fmlp_y1(out, (size_t)b * FMLP_H + n, a + b_down[n]);
#else
                fmlp_y1(out, (size_t)b * FMLP_H + n, a);
#endif
#else
                out[((size_t)split * batch + b) * FMLP_H + n] = a;
#endif
            }
        }
}
