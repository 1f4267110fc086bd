// Tensor-core MLP for NVIDIA GPUs of compute capability 8.0 and newer ("mma" strategy).
//
// Two GEMM kernels through warp-level mma.sync.m16n8k8 with tf32 inputs and fp32
// accumulation, reached from OpenCL through inline PTX:
//   fmlp_mma_gateup: h[B, I] = hidden(x gate^T + b_gate, x up^T + b_up)  (gate, up: [I, H])
//   fmlp_mma_down:   y[B, H] = h down + b_down, down stored transposed [I, H], split over I
//                    into MMA_SPLITS partial sums that reduce.cl adds in a fixed order.
// Every fp32 operand v is split into tf32 parts big + small (mma_common.cl), and each product
// is formed as big*big + big*small + small*big ("3xTF32"), each k-tile's sum added to the fp32
// accumulator with round-to-nearest adds: fp32-class results, checked against the same
// reference and tolerance as the fp32 kernels.
//
// A work-group of WM x WN warps computes an MT x NT tile; each warp an (MT/WM) x (NT/WN) tile of
// m16n8 fragments. Tiles of x (or h) and of the weights go global -> registers -> local memory,
// the next k-step's loads being issued before the current one is computed. Local-memory rows
// are padded so that every fragment load of a warp hits 32 distinct banks.
//
// The tf32 split and the mma itself are in mma_common.cl.

#ifndef MT
#define MT 16
#endif
#ifndef NT
#define NT 64
#endif
#ifndef KT
#define KT 32
#endif
#ifndef WM
#define WM 1
#endif
#ifndef WN
#define WN 4
#endif
#ifndef DMT
#define DMT 16
#endif
#ifndef DNT
#define DNT 64
#endif
#ifndef DKT
#define DKT 32
#endif
#ifndef DWM
#define DWM 1
#endif
#ifndef DWN
#define DWN 4
#endif
#ifndef MMA_SPLITS
#define MMA_SPLITS 1
#endif
#ifndef MMA_ORDER
#define MMA_ORDER 0 // gate/up: 0 all fragments' k-tile sums live at once; 1 one fragment at a time
#endif
#ifndef MMA_DORDER
#define MMA_DORDER 0 // the same choice for the down kernel
#endif

#define NP (FMLP_GATED + 1)
#define THREADS (WM * WN * 32)
#define DTHREADS (DWM * DWN * 32)

#if (MT % (16 * WM)) || (NT % (8 * WN)) || (KT % 8) || (DMT % (16 * DWM)) || (DNT % (8 * DWN)) || \
    (DKT % 8)
#error "mma tiles must be whole m16n8k8 fragments per warp"
#endif

// Vector widths of the global loads: 4 where rows are multiples of 4 floats.
#if (FMLP_H % 4) == 0
#define VH 4
#else
#define VH 1
#endif
#if (FMLP_I % 4) == 0
#define VI 4
#else
#define VI 1
#endif

// packed weights and h rows are 16-byte aligned whenever their row length is a multiple of 4;
// formats.cl turns every weight and activation format into fp32
#if VH == 4
#define LDX(x, i) fmlp_x4((x), (i))
#else
#define LDX(x, i) fmlp_x1((x), (i))
#endif
// the weights' prefetch registers hold them undecoded (formats.cl, raw loads)
#if VH == 4
typedef fmlp_wraw4 WRAW_T;
#define LDW_ROW_RAW(row, k) fmlp_w4_raw((row), (k))
#define WRAW_ZERO fmlp_wraw4_zero()
#define WDEC(r) fmlp_wdec4(r)
// The block formats' down^T tile is read along k: a thread's four weights are four fields of
// one block (one word, one scale) rather than one field of four blocks.
#define D_ALONG_K (!FMLP_W_ELEMENTWISE)
#if D_ALONG_K
#define D_LOAD_W(k, n) fmlp_dtk4_raw(down_t, (k), (n))
#else
#define D_LOAD_W(k, n) fmlp_dt4_raw(down_t, (k), (n))
#endif
#else
typedef float WRAW_T;
#define LDW_ROW_RAW(row, k) fmlp_w1((row), (k))
#define D_LOAD_W(k, n) fmlp_dt1(down_t, (k), (n))
#define WRAW_ZERO 0.0f
#define WDEC(r) (r)
#define D_ALONG_K 0
#endif
// iw=1 (MMA_IW), GGML Q8_0/Q4_0 and the affine formats: the weights' fields
// go into the mma as they are, small integers that tf32 holds exactly: two products instead of
// three and no split of the weights. Each k-tile lies within one block (32 weights or a
// group), so a fragment's k-tile sum is one block's, multiplied by that block's scale when it
// is flushed (FLUSH_S; scales per tile column in local memory). The affine formats' zero
// points z need the k-tile's sum of the other operand per row: sum s (q - z) x =
// s (sum q x - z sum x), the sum x formed by the mma against a column of ones (FLUSH_SZ).
// The fp32 and 16-bit formats ignore iw. FMLP_IZ (the host's second build of an affine iw
// plan, used with weights whose zero points are all integers in [-1024, 1024]): each field less
// its zero point is an integer below 2^11 in magnitude, exact in tf32, so it goes into the mma
// as q - z (decoded into local memory once a work-group) and the k-tile sums are only scaled,
// as for Q4_0: no mma against ones, no zero-point term in the flush.
#ifndef MMA_IW
#define MMA_IW 0
#endif
#ifndef FMLP_IZ
#define FMLP_IZ 0
#endif
#define G_IW (MMA_IW && VH == 4 && FMLP_WT >= 3)
#define G_IWZ (G_IW && FMLP_WT >= 5 && !FMLP_IZ)
#if G_IW && FMLP_WT >= 5 && FMLP_IZ
#define IW_DEC(r) (fmlp_wdecq4(r) - fmlp_wzero(r))
#else
#define IW_DEC(r) fmlp_wdecq4(r)
#endif
#if G_IW && ((32 % KT) || (32 % DKT))
#error "iw=1 needs k-tiles that divide the 32-weight block"
#endif
#define IW_ONES {0x3f800000u, 0x3f800000u} // two fp32 ones: a B fragment column of ones
// A fragment's k-tile sum t into acc: with iw, scaled by the scales sc (less the zero points zc
// times the rows' sums xs) of the fragment's columns c and c + 1. Names that a build does not
// declare only appear in the branches it does not expand.
#if G_IWZ
#define FLUSH_W(acc, t, sc, zc, c, xs) \
    FLUSH_SZ(acc, t, (sc)[c], (sc)[(c) + 1], (zc)[c], (zc)[(c) + 1], xs)
#elif G_IW
#define FLUSH_W(acc, t, sc, zc, c, xs) FLUSH_S(acc, t, (sc)[c], (sc)[(c) + 1])
#else
#define FLUSH_W(acc, t, sc, zc, c, xs) FLUSH(acc, t)
#endif

#if VI == 4
#define LDW_I(p) FMLP_LOAD4(p)
#else
#define LDW_I(p) (*(p))
#endif

#define FLOATV_(n) float##n
#define FLOATV(n) FLOATV_(n)
#define VLOADN_(n) vload##n
#define VLOADN(n) VLOADN_(n)
typedef float float1;
#define vload1(o, p) (*((p) + (o)))

// ---------------------------------------------------------------- gate and up
// Local layout: xs[MT][KT + 4] and ws[p][NT][KT + 4], both k-contiguous as in global memory.
#define GS (KT + 4)
#define G_FM (MT / WM / 16)
#define G_FN (NT / WN / 8)
#define G_AV (MT * KT / VH)          // vectors per x tile
#define G_BV (NT * KT / VH)          // vectors per weight tile
#define G_AP ((G_AV + THREADS - 1) / THREADS)
#define G_BP ((G_BV + THREADS - 1) / THREADS)

// hp=1 with x in f16 loaded as vectors (G_XRAW): x goes into gate/up's tensor cores as it is,
// its f16 bits staged without a k-tile scale (an f16 times an f16 weight, field or fp32
// weight's hi or lo word is exact in the fp32 accumulator, whatever the magnitudes f16 allows),
// so the k-tile maxima, the scaling and the conversions are left out, and so are the flushes
// that only applied x's scale: fp32 and 16-bit weights accumulate straight into the totals,
// and iw's flush is one FMA an accumulator (its block's scale) instead of two operations.
// bf16 x (a wider range than f16's) does the same in bf16 tensor cores where the weights are
// bf16 values too (G_XBF below) and keeps its scales otherwise. -DFMLP_HP_XRAW=0 in the build
// options keeps the scaled path for both (A/B measurements). On an H200 (bench/results/2026-11-28-h200-s30-xraw,
// Llama-3-8B, f16 x): fp32 weights 1.09-1.14x faster at B = 48-1024, f16 and bf16 weights
// 1.18-1.25x at 128-256. FMLP_HP_XBLK=1 flushes iw's sums once a block (32 weights or a group)
// rather than once a k-tile; the block formats took 0.83-0.87x with it (the same call; likely
// because the k-tile's sums then stay live through the next k-tile's staging); off by default.
#ifndef MMA_HP
#define MMA_HP 0
#endif
#ifndef FMLP_HP_XRAW
#define FMLP_HP_XRAW 1
#endif
#ifndef FMLP_HP_XBLK
#define FMLP_HP_XBLK 0
#endif
#ifndef HP_XLO
#define HP_XLO 0
#endif
#ifndef FMLP_FW
#define FMLP_FW 0
#endif
// bf16 x as loaded (G_XBF) where the weights are exact in bf16 as well: the block formats'
// fields without fw (integers of at most 8 bits; FMLP_IZ's field less zero point within 256,
// src/weights.c) and bf16 weights (their rows' powers of two kept). Both operands go into
// bf16 tensor cores (mma.sync .bf16) as they are: no k-tile scales, no flushes of x's scale,
// the same as G_XRAW's f16 x. fp32 and f16 weights (and fw's pairs) are not bf16 values, so
// with bf16 x they keep the scaled path.
#define G_XBF (MMA_HP && FMLP_HP_XRAW && FMLP_AT == 2 && FMLP_XW && FMLP_XW_OK && !HP_XLO && \
               VH == 4 && (FMLP_WT == 2 || (G_IW && !(FMLP_FW && (FMLP_WT < 5 || FMLP_IZ)))))
#define G_XRAW (G_XBF || (MMA_HP && FMLP_HP_XRAW && FMLP_AT == 1 && FMLP_XW && FMLP_XW_OK && \
                          !HP_XLO && VH == 4))
#if G_XRAW
typedef uint2 g_xv; // four f16 (bf16) of x, as loaded
#define G_LDX(i) (*(__global const uint2 *)(x + (i)))
#define G_XZERO ((uint2)(0u, 0u))
#else
typedef FLOATV(VH) g_xv;
#define G_LDX(i) LDX(x, (i))
#define G_XZERO ((FLOATV(VH))(0.0f))
#endif

// ca (MMA_CA; G_CA below, where the ring is): the weights reach local memory without registers
#ifndef MMA_CA
#define MMA_CA 0
#endif
#define G_CA \
    (MMA_CA && MMA_HP && G_IW && FMLP_WT >= 5 && (KT == 32 || (KT == 16 && FMLP_WT != 6)))

// the loads of k-tile k0 into registers: x into ra, the weights undecoded into rb (G_LOAD_W;
// with G_CA none: they go to local memory instead, G_CA_ISSUE below)
#define G_LOAD_X(k0)                                                                        \
    do {                                                                                    \
        for (int q = 0; q < G_AP; ++q) {                                 \
            const int e = lid + q * THREADS, m = e / (KT / VH), k = (k0) + e % (KT / VH) * VH; \
            ra[q] = (e < G_AV && m0 + m < batch && k < FMLP_H)                             \
                        ? G_LDX((size_t)(m0 + m) * FMLP_H + k)                              \
                        : G_XZERO;                                                          \
        }                                                                                   \
    } while (0)
#if G_CA
#define G_LOAD_W(k0) (void)0
#else
#define G_LOAD_W(k0)                                                                        \
    do {                                                                                    \
        for (int q = 0; q < G_BP; ++q) {                                 \
            const int e = lid + q * THREADS, n = e / (KT / VH), k = (k0) + e % (KT / VH) * VH; \
            const int ok = e < G_BV && n0 + n < FMLP_I && k < FMLP_H;                       \
            for (int p = 0; p < NP; ++p) rb[p][q] =                      \
                ok ? LDW_ROW_RAW(FMLP_ROW(w[p], n0 + n), k) : WRAW_ZERO;                   \
        }                                                                                   \
    } while (0)
#endif
#define G_LOAD(k0)     \
    do {               \
        G_LOAD_X(k0);  \
        G_LOAD_W(k0);  \
    } while (0)

#if MMA_HP
// ---------------------------------------------------------------- fp16 pairs (hp=1)
// H and I multiples of 4, k-tiles of 16, 32, 64 or 128 inputs (the host sees to it). Each
// k-tile of x (or h) is split once into fp16 pairs as it is staged (mma_common.cl), its rows
// scaled per k-tile, and the products go to a zeroed fragment whose sum is flushed into the
// fp32 accumulator times the x row's inverse scale. The weights:
//   fp32 (HP_RS): each row scaled by a power of two kept at packing (src/weights.c: gate and
//     up by unit, down by output), split into pairs too, three f16 products; the rows' scales
//     come out in the epilogue;
//   bf16 (HP_RS and HP_WX): its rows scaled the same way, then one f16 each, two products.
//     Exact for every weight down to 2^-28 of its row's largest (the row's largest in
//     [2^14, 2^15), bf16's 8 bits inside f16's 11 wherever f16 is normal); smaller ones are
//     rounded to f16's subnormal step, 2^-24, an error below 2^-38 of the row's largest, far
//     under fp32's rounding of the sum;
//   f16, and with iw=1 the block formats' integer fields (HP_WX): exact in f16 as they are,
//     two products (x's hi and lo by the weight); iw's block scales and zero points are
//     applied at the flush as in the tf32 path.
// order and dorder do not apply.
#define HP_WX (FMLP_WT == 1 || FMLP_WT == 2 || G_IW) // the weights one f16 each
#define HP_RS (FMLP_WT == 0 || FMLP_WT == 2)         // the weights' rows scaled at packing
// fw=1 (FMLP_FW; gate/up only, GGML Q8_0/Q4_0 and, in the FMLP_IZ build, the affine formats):
// each block's scale folded into its weights as they are staged, as fp16 pairs of exact sums:
// the fields q (integers of at most 8 bits, q - z in the IZ build) times d s, d the block's
// scale and s the row's power of two kept at packing (src/weights.c: the rows' largest
// magnitude, bounded from the blocks' scales, into [2^14, 2^15)); hi = d s q rounded to f16
// and lo = d s q - hi, exact (at most 8 bits past hi's 11), by f16x2 arithmetic and one
// conversion a vector (d s): no scales in local memory and no flush with them. Two products a
// step (x by hi and lo), as fp32 weights take; with f16 x as loaded (G_XRAW) the sums go
// straight into the totals. Weights below 2^-17 of the row's largest lose lo's low bits to
// f16's subnormal step (an error below 2^-39 of the row's largest). Down keeps iw's flushes.
#define G_FW (G_IW && FMLP_FW && (FMLP_WT < 5 || FMLP_IZ))
#define G_IWS (G_IW && !G_FW)  // gate/up: iw's block scales in local memory, applied at the flush
#define G_RS (HP_RS || G_FW)   // gate/up: the weights' rows scaled at packing
#define G_WX (HP_WX && !G_FW)  // gate/up: the weights one f16 each
#if (FMLP_WT > 2 && !G_IW) || VH != 4 || VI != 4 || (KT % 16) || (DKT % 16) || \
    (KT & (KT - 1)) || (DKT & (DKT - 1)) || KT > 128 || DKT > 128
#error "hp=1 needs fp32/16-bit weights or iw=1, H and I multiples of 4, k-tiles of 16 to 128"
#endif
#define HQ (KT / 4)   // uint4 per staged row, gate/up
#define DHQ (DKT / 4) // the same, down
#define HP_ONES {0x3c003c00u, 0x3c003c00u} // a B fragment column of f16 ones

// c += a b where a is in fp16 pairs and b exact in f16 (HP_WX) or in pairs too
#if HP_WX
#define HP_MMA(c, ah, al, bh, bl) \
    do {                          \
        (void)(bl);               \
        MMA16((c), (al), (bh));   \
        MMA16((c), (ah), (bh));   \
    } while (0)
#else
#define HP_MMA(c, ah, al, bh, bl) MMA16_3(c, ah, al, bh, bl)
#endif

// Four staged weights as the fragments read them: one f16 each (HP_WX: a uint2, in local memory
// rows swizzled by HP_SWZ2) or fp16 pairs (hi, hi, lo, lo: a uint4, HP_SWZ); bh and bl the
// B fragment's hi and lo words from the staged v (lo none with HP_WX)
#if HP_WX
typedef uint2 hp_wv;
#define HP_WSWZ HP_SWZ2
#define HP_BFRAG(v, bh, bl) const uint bh[2] = {(v).x, (v).y}, bl[2] = {0u, 0u}
#else
typedef uint4 hp_wv;
#define HP_WSWZ HP_SWZ
#define HP_BFRAG(v, bh, bl) const uint bh[2] = {(v).x, (v).y}, bl[2] = {(v).z, (v).w}
#endif

// gate/up's staged weights, as hp_wv but pairs with G_FW
#if G_WX
typedef uint2 g_wv;
#define G_WSWZ HP_SWZ2
#define G_BFRAG(v, bh, bl) const uint bh[2] = {(v).x, (v).y}, bl[2] = {0u, 0u}
#else
typedef uint4 g_wv;
#define G_WSWZ HP_SWZ
#define G_BFRAG(v, bh, bl) const uint bh[2] = {(v).x, (v).y}, bl[2] = {(v).z, (v).w}
#endif

#if G_FW
// Four fields of a block (raw r) times its scale and the row's power of two s, as fp16 pairs
// {hi(k, k+1), hi(k+2, k+3), lo(k, k+1), lo(k+2, k+3)} (G_FW above)
inline uint4 fmlp_hp_fold4(const fmlp_wraw4 r, const float s)
{
    const uint2 f = fmlp_hp_iw4(r);
    const uint d = fmlp_hp_dup(fmlp_wscale(r) * s);
    const uint h0 = fmlp_hp_mul2(f.x, d), h1 = fmlp_hp_mul2(f.y, d);
    return (uint4)(h0, h1, fmlp_hp_fma2(f.x, d, h0 ^ 0x80008000u),
                   fmlp_hp_fma2(f.y, d, h1 ^ 0x80008000u));
}
#endif

// Four staged weights: scaled by s where rows are (HP_RS), then one f16 each or split into pairs
inline hp_wv fmlp_hp_weights(const float4 v, const float s)
{
#if HP_WX && HP_RS
    return fmlp_hp_pack4(v * s);
#elif HP_WX
    return fmlp_hp_pack4(v);
#else
    return fmlp_hp_split4(v * s);
#endif
}

// Four gate/up weights as loaded (WRAW_T) into what the fragments read: iw's fields as f16 words
// without conversions (mma_common.cl's fmlp_hp_iw4; bf16 words for G_XBF, fmlp_bf_iw4); f16's
// words are the fragments' words already; fp32 and bf16 as fmlp_hp_weights (bf16 with G_XBF:
// its words times the row's power of two, still bf16 values)
#if G_FW
#define HP_GU_WEIGHTS(r, s) fmlp_hp_fold4((r), (s))
#elif G_XBF && G_IW
#define HP_GU_WEIGHTS(r, s) fmlp_bf_iw4(r)
#elif G_XBF
#define HP_GU_WEIGHTS(r, s) fmlp_bf_pack4(WDEC(r) * (s))
#elif G_IW
#define HP_GU_WEIGHTS(r, s) fmlp_hp_iw4(r)
#elif FMLP_WT == 1
#define HP_GU_WEIGHTS(r, s) (r)
#else
#define HP_GU_WEIGHTS(r, s) fmlp_hp_weights(WDEC(r), (s))
#endif

// The flush's operands of a k-tile, read from local memory into registers: the inverse scales
// of a thread's fragment rows g and g + 8, and with iw the block scales (zero points) of its
// fragment columns 2t and 2t + 1, one float2 a pair (the scales are stored as float2 pairs).
// HP_SCE (the plan's se) 1: read right after the k-tile is staged, so that the reads are in
// flight through the mma steps; 0: at the flush (fewer registers live through them).
#ifndef HP_SCE
#define HP_SCE 1
#endif
#if G_IWZ
#define HP_ZC_READ(ZP, Z2, i) (ZP) = (Z2)[i]
#else
#define HP_ZC_READ(ZP, Z2, i) (void)0
#endif
// The inverse scales INV of a warp's FM fragment row pairs (rows wr + 16 i + g and + 8) into SX
#define HP_SX_READS(SX, FM, INV)              \
    for (int i_ = 0; i_ < (FM); ++i_)         \
        for (int r_ = 0; r_ < 2; ++r_) (SX)[i_][r_] = (INV)[wr + i_ * 16 + g + 8 * r_]
// (S2, Z2: the float2 arrays of one weight matrix's scales and zero points; C2: the pair's index)
#define HP_SC_READ(SP, ZP, S2, Z2, C2) \
    do {                               \
        (SP) = (S2)[C2];               \
        HP_ZC_READ(ZP, Z2, C2);        \
    } while (0)

// The flush's reads of a k-tile in one kernel: the inverse scales INV into sx (FM fragment row
// pairs), then SC_READS, the kernel's reads of iw's scales (and zero points) into registers
#define HP_FLUSH_READS(FM, INV, SC_READS) \
    do {                                  \
        HP_SX_READS(sx, FM, INV);         \
        SC_READS;                         \
    } while (0)

// A fragment's k-tile sum into acc: times the inverse scales of x's rows g (s0) and g + 8 (s1),
// then as FLUSH_W with the block scales sp and zero points zp of the fragment's columns 2t and
// 2t + 1 as float2 pairs (iw; names that a build does not declare are not expanded); xs the x
// rows' k-tile sums, the caller's pairs-against-ones sums already times the same inverse scales
#if G_IWZ
#define HP_FLUSH_W(acc, t, sp, zp, xs) FLUSH_SZ(acc, t, (sp).x, (sp).y, (zp).x, (zp).y, xs)
#elif G_IW
#define HP_FLUSH_W(acc, t, sp, zp, xs) FLUSH_S(acc, t, (sp).x, (sp).y)
#else
#define HP_FLUSH_W(acc, t, sp, zp, xs) FLUSH(acc, t)
#endif
#define HP_FLUSH_BY(W, acc, t, s0, s1, sp, zp, xs)                          \
    do {                                                                    \
        for (int r_ = 0; r_ < 4; ++r_) (t)[r_] *= (r_ & 2) ? (s1) : (s0); \
        W(acc, t, sp, zp, xs);                                              \
    } while (0)
#define HP_FLUSH(acc, t, s0, s1, sp, zp, xs) HP_FLUSH_BY(HP_FLUSH_W, acc, t, s0, s1, sp, zp, xs)

// Staging of the A operand (x or h): every work-item takes part in the rows' k-tile maxima
// (groups of Q lanes within a warp); the loops stay in the kernels, as in mlp_mmav.cl (NVIDIA's
// compiler ignores _Pragma("unroll") in a macro).
// One staged vector of row R at uint4 column C of A, scaled by its row's maximum bits M and
// made a uint4 of words by SPLIT (fmlp_hp_split4, or G_XSPLIT for gate/up's x), and the row's
// inverse scale into INV[R] by the row's first work-item
#define HP_STAGE_ROW(A, Q, R, C, V, M, INV, SPLIT)                           \
    do {                                                                     \
        (A)[(R) * (Q) + HP_SWZ(R, C, Q)] = SPLIT((V) * fmlp_hp_scale(M));    \
        if ((C) == 0) (INV)[R] = fmlp_hp_unscale(M);                         \
    } while (0)

// x in f16 or bf16 (FMLP_AT 1 or 2): after its k-tile's power of two each value is one f16
// (exact down to f16's subnormal step, within 2^-38 of the k-tile's largest below it, where the
// pairs keep 2^-39), so gate/up stages x's hi words only (the lo words zero) and leaves out the
// products of x's lo words: one product instead of two with f16, bf16 and iw's fields, two
// instead of three with fp32 weights. HP_XLO=1 keeps the pairs (for A/B measurements). On an
// H200, f16 weights and activations at B=256: gate/up 856 -> 822 us (twenty-seventh session,
// bench/results/2026-11-28-h200-s27-actsprof; the same in mlp_mmav.cl made its gate/up slower,
// 90 -> 104 us at B=16, and was left out there).
#define G_X16 (FMLP_AT != 0 && !HP_XLO)
#if G_X16
// four scaled values of x as one f16 each, in the hi words of a staged uint4
inline uint4 fmlp_hp_hi4(const float4 v)
{
    const uint2 p = fmlp_hp_pack4(v);
    return (uint4)(p.x, p.y, 0u, 0u);
}
#define G_XSPLIT fmlp_hp_hi4
// gate/up's products of 16-bit x: bf16 tensor cores for G_XBF, f16 ones otherwise
#if G_XBF
#define G_MMA16 MMA16BF
#define G_ONES {BF_ONES2, BF_ONES2}
#else
#define G_MMA16 MMA16
#define G_ONES HP_ONES
#endif
#if G_WX
#define G_HP_MMA(c, ah, al, bh, bl) \
    do {                            \
        (void)(al);                 \
        (void)(bl);                 \
        G_MMA16((c), (ah), (bh));   \
    } while (0)
#else
#define G_HP_MMA(c, ah, al, bh, bl) \
    do {                            \
        (void)(al);                 \
        MMA16((c), (ah), (bl));     \
        MMA16((c), (ah), (bh));     \
    } while (0)
#endif
#define G_XSUM(XS, AH, AL)                  \
    do {                                    \
        const uint ones_[2] = G_ONES;       \
        (void)(AL);                         \
        G_MMA16((XS), (AH), ones_);         \
    } while (0)
#else
#define G_XSPLIT fmlp_hp_split4
#if G_WX == HP_WX
#define G_HP_MMA HP_MMA
#else
#define G_HP_MMA(c, ah, al, bh, bl) MMA16_3(c, ah, al, bh, bl)
#endif
#define G_XSUM HP_XSUM
#endif

// G_XRAW (above G_LOAD): no x scales to apply, so fp32 and 16-bit weights sum straight into the
// totals (G_DIRECT), and with FMLP_HP_XBLK iw's flushes come once a block of G_BLK inputs
#define G_DIRECT (G_XRAW && !G_IWS)
#define G_XBLK (G_XRAW && FMLP_HP_XBLK)
#if G_DIRECT
#define G_SUMS acc
#else
#define G_SUMS tile
#endif
#define G_BLK (FMLP_WT >= 5 ? FMLP_GS : 32)
// gate/up's flush: as HP_FLUSH, but with G_FW the block scales are in the weights already
#if G_FW
#define G_FLUSH_W(acc, t, sp, zp, xs) FLUSH(acc, t)
#define G_FLUSH(acc, t, s0, s1, sp, zp, xs) HP_FLUSH_BY(G_FLUSH_W, acc, t, s0, s1, sp, zp, xs)
#else
#define G_FLUSH HP_FLUSH
#endif
#if G_XRAW
#define G_FLUSH_READS()                                                   \
    do {                                                                  \
        for (int i_ = 0; i_ < G_FM; ++i_) sx[i_][0] = sx[i_][1] = 1.0f; \
        G_SC_READS();                                                     \
    } while (0)
#else
#define G_FLUSH_READS() HP_FLUSH_READS(G_FM, xinv, G_SC_READS())
#endif

// ca (MMA_CA, 2-4; the affine formats with iw=1, k-tiles of 32, or of 16 but for AFFINE_Q3):
// gate/up's weights reach local memory by asynchronous copies (PTX cp.async, compute capability
// 8.0 and newer) into a ring of MMA_CA k-tiles, MMA_CA - 1 k-tiles ahead of the one staged,
// instead of through registers one k-tile ahead (rb). A k-tile of a row is one chunk of its
// group: KT * WBITS / 32 words of fields (KT fields of WBITS bits: whole words, in the packed
// layout's order; 16 3-bit fields would not be) and the group's scale field, CA_RW words in the
// ring. The staging then reads its four fields from the ring
// as the raw loads would have given them (fmlp_ca_raw), and decodes them as before. The
// portable emulation copies synchronously, so that PoCL and Oclgrind check the ring's indexing.
#if G_CA
#define CA_FW (KT * WBITS / 32)       // words of fields a row a k-tile
#define CA_RW (CA_FW + 1)             // words a row a k-tile: the fields, then the scale field
#define CA_V (NP * NT * CA_RW)        // words a k-tile of the ring
#define CA_P ((CA_V + THREADS - 1) / THREADS)
#if FMLP_MMA_EMULATE
#define fmlp_cp4(d, src) (*(d) = *(src))
#define FMLP_CP_COMMIT() (void)0
#define FMLP_CP_WAIT() (void)0
#else
inline void fmlp_cp4(__local uint *d, __global const uint *src)
{
    asm volatile("cp.async.ca.shared.global [%0], [%1], 4;" ::"r"((uint)(size_t)d), "l"(src)
                 : "memory");
}
#define FMLP_CP_STR_(x) #x
#define FMLP_CP_STR(x) FMLP_CP_STR_(x)
#define FMLP_CP_COMMIT() asm volatile("cp.async.commit_group;" ::: "memory")
// the copies of all but the newest MMA_CA - 1 groups done (this thread's)
#define FMLP_CP_WAIT() \
    asm volatile("cp.async.wait_group " FMLP_CP_STR(MMA_CA) " - 1;" ::: "memory")
#endif
// k-tile k0 of the work-group's weight rows into ring slot SLOT, as one group of copies (rows
// past I are left as they are: the staging reads them as zeros)
#define G_CA_ISSUE(k0, SLOT)                                                                  \
    do {                                                                                      \
        for (int q = 0; q < CA_P; ++q) {                                                      \
            const int e = lid + q * THREADS, p = e / (NT * CA_RW), r = e % (NT * CA_RW);     \
            const int n = r / CA_RW, wd = r % CA_RW;                                          \
            if (e < CA_V && n0 + n < FMLP_I) {                                                \
                const fmlp_wrow row_ = FMLP_ROW(w[p], n0 + n);                                \
                const size_t i_ = row_.b + (size_t)((k0) / WB);                               \
                __global const uchar *src_ =                                                  \
                    wd < CA_FW ? fmlp_bq(row_.w, i_) + (k0) % WB * WBITS / 8 + 4 * wd         \
                               : fmlp_bsf(row_.w, i_);                                        \
                fmlp_cp4(&wring[SLOT][e], (__global const uint *)src_);                       \
            }                                                                                 \
        }                                                                                     \
        FMLP_CP_COMMIT();                                                                     \
    } while (0)
// The k-tile's ring words of one row: elements e..e+3 (e a multiple of 4) as fmlp_block_raw4
// gives them for the chunk (the chunk starts a whole word of fields, so RAW_WORD counts from it)
inline fmlp_wraw4 fmlp_ca_raw(__local const uint *rw, const int e)
{
    fmlp_wraw4 r;
    r.v = rw[RAW_WORD(e) / 4];
#if FMLP_WT == 6
    r.v2 = RAW_HAS_V2(e) ? rw[RAW_WORD2(e) / 4] : 0u;
#endif
    r.s = rw[CA_FW];
    r.sh = RAW_SHIFT(e);
    return r;
}
// the four weights the staging takes: from the ring (rows past I as zeros) or from rb
#define G_STAGED_RAW(p, q, n, c)                                                        \
    (n0 + (n) < FMLP_I ? fmlp_ca_raw(wring[ca_slot] + ((p) * NT + (n)) * CA_RW, 4 * (c)) \
                       : WRAW_ZERO)
#else
#define G_STAGED_RAW(p, q, n, c) rb[p][q]
#endif

// Lane (g, t)'s A fragment registers (hi AH, lo AL) of rows R0 and R0 + 8 at uint4 column C
#define HP_AFRAG(A, Q, R0, C, AH, AL)                                                       \
    do {                                                                                    \
        const int r0_ = (R0), r1_ = r0_ + 8;                                                \
        const uint4 u0_ = (A)[r0_ * (Q) + HP_SWZ(r0_, C, Q)];                               \
        const uint4 u1_ = (A)[r1_ * (Q) + HP_SWZ(r1_, C, Q)];                               \
        (AH)[0] = u0_.x; (AH)[1] = u1_.x; (AH)[2] = u0_.y; (AH)[3] = u1_.y;                 \
        (AL)[0] = u0_.z; (AL)[1] = u1_.z; (AL)[2] = u0_.w; (AL)[3] = u1_.w;                 \
    } while (0)

// The sums of x (h) over a k16 step into XS, for iw's zero points: the pairs against ones
#define HP_XSUM(XS, AH, AL)                 \
    do {                                    \
        const uint ones_[2] = HP_ONES;      \
        MMA16((XS), (AL), ones_);           \
        MMA16((XS), (AH), ones_);           \
    } while (0)

__kernel __attribute__((reqd_work_group_size(THREADS, 1, 1)))
void fmlp_mma_gateup(__global const A_T *restrict x, const ulong x_off,
                     __global const W_T *restrict gate,
                     __global const W_T *restrict up,
                     __global const float *restrict b_gate,
                     __global const float *restrict b_up,
                     __global float *restrict h, const ulong h_off,
                     const int batch
#if G_RS
                     , __global const float *restrict s_gate,
                     __global const float *restrict s_up
#endif
                     )
{
    __local uint4 xs[MT * HQ];
    __local g_wv ws[NP][NT * HQ];
    __local float xinv[MT]; // this k-tile's inverse scale of each x row
#if G_CA
    __local uint wring[MMA_CA][CA_V];
#endif
#if G_IWS
    __local float2 wsc2[NP][NT / 2]; // this k-tile's block scale of each weight row, in pairs
#endif
#if G_IWZ
    __local float2 wzc2[NP][NT / 2]; // and its zero point
#endif
#if FMLP_MMA_EMULATE
    __local uint emu[THREADS / 32 * 6 * 32];
#else
    __local uint *emu = 0;
#endif
    x += x_off;
    h += h_off;
    const int lid = (int)get_local_id(0), warp = lid / 32, lane = lid % 32;
    const int g = lane >> 2, t = lane & 3;
    const int wr = (warp / WN) * (MT / WM), wc = (warp % WN) * (NT / WN);
    const int n0 = (int)get_group_id(0) * NT, m0 = (int)get_group_id(1) * MT;
    __global const W_T *w[NP];
#if FMLP_GATED
    w[0] = gate;
    w[1] = up;
#else
    w[0] = up;
#endif

    float acc[NP][G_FM][G_FN][4], tile[NP][G_FM][G_FN][4];
#pragma unroll
    for (int p = 0; p < NP; ++p)
#pragma unroll
        for (int i = 0; i < G_FM; ++i)
#pragma unroll
            for (int j = 0; j < G_FN; ++j)
#pragma unroll
                for (int r = 0; r < 4; ++r) acc[p][i][j][r] = tile[p][i][j][r] = 0.0f;

    // a thread stages the same weight rows at every k-tile: their scales, once
    float rsc[NP][G_BP];
#if G_RS
    __global const float *sw[NP];
#if FMLP_GATED
    sw[0] = s_gate;
    sw[1] = s_up;
#else
    sw[0] = s_up;
#endif
#endif
#pragma unroll
    for (int q = 0; q < G_BP; ++q) {
        const int n = n0 + (lid + q * THREADS) / HQ;
#pragma unroll
        for (int p = 0; p < NP; ++p) {
#if G_RS
            rsc[p][q] = n < FMLP_I ? sw[p][n] : 1.0f;
#else
            rsc[p][q] = 1.0f;
#endif
        }
    }

    g_xv ra[G_AP];
#if G_IWZ
    float xsum[G_FM][4]; // the k-tile's (G_XBLK: the block's) scaled sums of x, rows g and g + 8
#endif
#if G_CA
    for (int s_ = 0; s_ < MMA_CA - 1; ++s_) {
        if (s_ * KT < FMLP_H) G_CA_ISSUE(s_ * KT, s_);
        else FMLP_CP_COMMIT();
    }
#else
    WRAW_T rb[NP][G_BP];
#endif
    G_LOAD(0);
    FMLP_K_LOOP
    for (int k0 = 0, k_end = FMLP_K_END(FMLP_H); k0 < k_end; k0 += KT) {
#if G_CA
        // k-tile k0 / KT is in slot (k0 / KT) % MMA_CA; the one MMA_CA - 1 ahead goes into the
        // slot the previous k-tile was staged from (every thread is past its staging: the
        // barrier after it)
        const int ca_slot = (k0 / KT) % MMA_CA;
        {
            const int ka = k0 + (MMA_CA - 1) * KT;
            if (ka < FMLP_H) G_CA_ISSUE(ka, (ca_slot + MMA_CA - 1) % MMA_CA);
            else FMLP_CP_COMMIT();
        }
        FMLP_CP_WAIT();
#endif
#if G_XRAW
        barrier(CLK_LOCAL_MEM_FENCE);
#pragma unroll
        for (int q = 0; q < G_AP; ++q) {
            const int e = lid + q * THREADS, r = e / HQ, c = e % HQ;
            if (e < G_AV) xs[r * HQ + HP_SWZ(r, c, HQ)] = (uint4)(ra[q].x, ra[q].y, 0u, 0u);
        }
#else
        uint xm[G_AP];
#pragma unroll
        for (int q = 0; q < G_AP; ++q) xm[q] = fmlp_group_max(fmlp_absmax4(ra[q]), HQ, emu, lid);
        barrier(CLK_LOCAL_MEM_FENCE);
#pragma unroll
        for (int q = 0; q < G_AP; ++q) {
            const int e = lid + q * THREADS;
            if (e < G_AV) HP_STAGE_ROW(xs, HQ, e / HQ, e % HQ, ra[q], xm[q], xinv, G_XSPLIT);
        }
#endif
#pragma unroll
        for (int q = 0; q < G_BP; ++q) {
            const int e = lid + q * THREADS, n = e / HQ, c = e % HQ;
            if (e < G_BV) {
#pragma unroll
                for (int p = 0; p < NP; ++p) {
                    const WRAW_T r_ = G_STAGED_RAW(p, q, n, c);
                    ws[p][n * HQ + G_WSWZ(n, c, HQ)] = HP_GU_WEIGHTS(r_, rsc[p][q]);
#if G_IWS
                    if (c == 0) {
                        ((__local float *)wsc2[p])[n] = fmlp_wscale(r_);
#if G_IWZ
                        ((__local float *)wzc2[p])[n] = fmlp_wzero(r_);
#endif
                    }
#endif
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (k0 + KT < FMLP_H) G_LOAD(k0 + KT);
        float sx[G_FM][2]; // the flush's operands (HP_SCE above)
#if G_IWS
        float2 scp[NP][G_FN];
#endif
#if G_IWZ
        float2 zcp[NP][G_FN];
#endif
#if G_IWS
#define G_SC_READS()                                                                      \
    for (int p = 0; p < NP; ++p)                                                          \
        for (int j = 0; j < G_FN; ++j) HP_SC_READ(scp[p][j], zcp[p][j], wsc2[p], wzc2[p], \
                                                  wc / 2 + 4 * j + t)
#else
#define G_SC_READS() (void)0
#endif
        // whether this k-tile ends what the flush sums: with G_XBLK a block (the last k-tile
        // of H ends one too: H is a multiple of the block for the block formats), else itself
        const int flush = !G_XBLK || (k0 + KT) % G_BLK == 0 || k0 + KT >= FMLP_H;
#if HP_SCE
        if (flush) G_FLUSH_READS();
#endif
#if G_IWZ
        if (!G_XBLK || k0 % G_BLK == 0)
#pragma unroll
            for (int i = 0; i < G_FM; ++i)
#pragma unroll
                for (int r = 0; r < 4; ++r) xsum[i][r] = 0.0f;
#endif
#pragma unroll
        for (int kk = 0; kk < HQ; kk += 4) {
            uint ah[G_FM][4], al[G_FM][4];
#pragma unroll
            for (int i = 0; i < G_FM; ++i) {
                HP_AFRAG(xs, HQ, wr + i * 16 + g, kk + t, ah[i], al[i]);
#if G_IWZ
                G_XSUM(xsum[i], ah[i], al[i]);
#endif
            }
#pragma unroll
            for (int j = 0; j < G_FN; ++j) {
                const int n = wc + j * 8 + g;
#pragma unroll
                for (int p = 0; p < NP; ++p) {
                    const g_wv v = ws[p][n * HQ + G_WSWZ(n, kk + t, HQ)];
                    G_BFRAG(v, bh, bl);
#pragma unroll
                    for (int i = 0; i < G_FM; ++i) G_HP_MMA(G_SUMS[p][i][j], ah[i], al[i], bh, bl);
                }
            }
        }
#if !G_DIRECT
        if (!flush) continue;
#if !HP_SCE
        G_FLUSH_READS();
#endif
#pragma unroll
        for (int i = 0; i < G_FM; ++i) {
            const float s0 = sx[i][0], s1 = sx[i][1];
#if G_IWZ
            xsum[i][0] *= s0;
            xsum[i][2] *= s1;
#endif
#pragma unroll
            for (int p = 0; p < NP; ++p)
#pragma unroll
                for (int j = 0; j < G_FN; ++j)
                    G_FLUSH(acc[p][i][j], tile[p][i][j], s0, s1, scp[p][j], zcp[p][j], xsum[i]);
        }
#endif
    }

#pragma unroll
    for (int j = 0; j < G_FN; ++j)
#pragma unroll
        for (int c = 0; c < 2; ++c) {
            const int n = n0 + wc + j * 8 + 2 * t + c;
            if (n >= FMLP_I) continue;
            float inv[NP];
#pragma unroll
            for (int p = 0; p < NP; ++p) {
#if G_RS
                inv[p] = fmlp_pow2_inv(sw[p][n]);
#else
                inv[p] = 1.0f;
#endif
            }
#pragma unroll
            for (int i = 0; i < G_FM; ++i)
#pragma unroll
                for (int r = c; r < 4; r += 2) {
                    const int m = m0 + wr + i * 16 + g + 8 * (r >> 1);
                    if (m < batch)
                        h[(size_t)m * FMLP_I + n] = fmlp_hidden_biased(
                            acc[0][i][j][r] * inv[0], acc[FMLP_GATED][i][j][r] * inv[FMLP_GATED],
                            b_gate, b_up, n);
                }
        }
}
#else
// The loop over H: with a short compile-time trip count (GPT-2's 24 k-tiles) NVIDIA's compiler
// unrolled it whole, 2304 mma.sync in 1.3 MB of PTX that took 15 s to build and ran 1.16-1.31x
// slower than the loop kept rolled (bench/results/2026-11-29-h200-s35-d); up to 32 k-tiles its
// bound is kept opaque to the compiler. FMLP_K_FULL (experiments) lets it unroll again.
#if !defined(FMLP_K_FULL) && FMLP_H / KT <= 32
#define G_K_END fmlp_k_opaque(FMLP_H)
#else
#define G_K_END FMLP_K_END(FMLP_H)
#endif
__kernel __attribute__((reqd_work_group_size(THREADS, 1, 1)))
void fmlp_mma_gateup(__global const A_T *restrict x, const ulong x_off,
                     __global const W_T *restrict gate,
                     __global const W_T *restrict up,
                     __global const float *restrict b_gate,
                     __global const float *restrict b_up,
                     __global float *restrict h, const ulong h_off,
                     const int batch)
{
    __local float xs[MT * GS];
    __local float ws[NP][NT * GS];
#if G_IW
    __local float wsc[NP][NT]; // this k-tile's block scale of each weight row
#endif
#if G_IWZ
    __local float wzc[NP][NT]; // and its zero point
#endif
#if FMLP_MMA_EMULATE
    __local uint emu[THREADS / 32 * 6 * 32];
#endif
    x += x_off;
    h += h_off;
    const int lid = (int)get_local_id(0), warp = lid / 32, lane = lid % 32;
    const int g = lane >> 2, t = lane & 3;
    const int wr = (warp / WN) * (MT / WM), wc = (warp % WN) * (NT / WN);
    const int n0 = (int)get_group_id(0) * NT, m0 = (int)get_group_id(1) * MT;
    __global const W_T *w[NP];
#if FMLP_GATED
    w[0] = gate;
    w[1] = up;
#else
    w[0] = up;
#endif

    float acc[NP][G_FM][G_FN][4];
#if MMA_ORDER == 0
    float tile[NP][G_FM][G_FN][4]; /* this k-tile's sums (FLUSH) */
#endif
#pragma unroll
    for (int p = 0; p < NP; ++p)
#pragma unroll
        for (int i = 0; i < G_FM; ++i)
#pragma unroll
            for (int j = 0; j < G_FN; ++j)
#pragma unroll
                for (int r = 0; r < 4; ++r) {
                    acc[p][i][j][r] = 0.0f;
#if MMA_ORDER == 0
                    tile[p][i][j][r] = 0.0f;
#endif
                }

    g_xv ra[G_AP];
    WRAW_T rb[NP][G_BP];

    G_LOAD(0);
    FMLP_K_LOOP
    for (int k0 = 0, k_end = G_K_END; k0 < k_end; k0 += KT) {
        barrier(CLK_LOCAL_MEM_FENCE);
#pragma unroll
        for (int q = 0; q < G_AP; ++q) {
            const int e = lid + q * THREADS;
            if (e < G_AV) {
                __local float *d = xs + e / (KT / VH) * GS + e % (KT / VH) * VH;
#if VH == 4
                vstore4(ra[q], 0, d);
#else
                *d = ra[q];
#endif
            }
        }
#pragma unroll
        for (int q = 0; q < G_BP; ++q) {
            const int e = lid + q * THREADS;
            if (e < G_BV) {
#pragma unroll
                for (int p = 0; p < NP; ++p) {
                    __local float *d = ws[p] + e / (KT / VH) * GS + e % (KT / VH) * VH;
#if G_IW
                    vstore4(IW_DEC(rb[p][q]), 0, d);
                    if (e % (KT / VH) == 0) {
                        wsc[p][e / (KT / VH)] = fmlp_wscale(rb[p][q]);
#if G_IWZ
                        wzc[p][e / (KT / VH)] = fmlp_wzero(rb[p][q]);
#endif
                    }
#elif VH == 4
                    vstore4(WDEC(rb[p][q]), 0, d);
#else
                    *d = rb[p][q];
#endif
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (k0 + KT < FMLP_H) G_LOAD(k0 + KT);
#if MMA_ORDER == 0
#if G_IWZ
        float xsum[G_FM][4]; // this k-tile's sums of x over k, rows g and g + 8 (xsum[i][0], [2])
#pragma unroll
        for (int i = 0; i < G_FM; ++i)
#pragma unroll
            for (int r = 0; r < 4; ++r) xsum[i][r] = 0.0f;
#endif
#pragma unroll
        for (int kk = 0; kk < KT; kk += 8) {
            uint ab[G_FM][4], as[G_FM][4];
#pragma unroll
            for (int i = 0; i < G_FM; ++i) {
                const __local float *s = xs + (wr + i * 16 + g) * GS + kk + t;
                fmlp_split(s[0], &ab[i][0], &as[i][0]);
                fmlp_split(s[8 * GS], &ab[i][1], &as[i][1]);
                fmlp_split(s[4], &ab[i][2], &as[i][2]);
                fmlp_split(s[8 * GS + 4], &ab[i][3], &as[i][3]);
#if G_IWZ
                const uint ones[2] = IW_ONES;
                MMA2_WB(xsum[i], ab[i], as[i], ones);
#endif
            }
#pragma unroll
            for (int j = 0; j < G_FN; ++j) {
#pragma unroll
                for (int p = 0; p < NP; ++p) {
                    const __local float *s = ws[p] + (wc + j * 8 + g) * GS + kk + t;
#if G_IW
                    const uint bb[2] = {as_uint(s[0]), as_uint(s[4])};
#pragma unroll
                    for (int i = 0; i < G_FM; ++i) MMA2_WB(tile[p][i][j], ab[i], as[i], bb);
#else
                    uint bb[2], bs[2];
                    fmlp_split(s[0], &bb[0], &bs[0]);
                    fmlp_split(s[4], &bb[1], &bs[1]);
#pragma unroll
                    for (int i = 0; i < G_FM; ++i) MMA3_WB(tile[p][i][j], ab[i], as[i], bb, bs);
#endif
                }
            }
        }
#pragma unroll
        for (int p = 0; p < NP; ++p)
#pragma unroll
            for (int i = 0; i < G_FM; ++i)
#pragma unroll
                for (int j = 0; j < G_FN; ++j)
                    FLUSH_W(acc[p][i][j], tile[p][i][j], wsc[p], wzc[p], wc + j * 8 + 2 * t,
                            xsum[i]);
#else
        // one m16 tile's A fragments for the whole k-tile stay in registers; each fragment's
        // k-tile sum is flushed before the next starts, so only four of them are live
#pragma unroll
        for (int i = 0; i < G_FM; ++i) {
            uint ab[KT / 8][4], as[KT / 8][4];
#pragma unroll
            for (int q = 0; q < KT / 8; ++q) {
                const __local float *s = xs + (wr + i * 16 + g) * GS + 8 * q + t;
                fmlp_split(s[0], &ab[q][0], &as[q][0]);
                fmlp_split(s[8 * GS], &ab[q][1], &as[q][1]);
                fmlp_split(s[4], &ab[q][2], &as[q][2]);
                fmlp_split(s[8 * GS + 4], &ab[q][3], &as[q][3]);
            }
#if G_IWZ
            float xsum[4] = {0.0f, 0.0f, 0.0f, 0.0f};
#pragma unroll
            for (int q = 0; q < KT / 8; ++q) {
                const uint ones[2] = IW_ONES;
                MMA2_WB(xsum, ab[q], as[q], ones);
            }
#endif
#pragma unroll
            for (int j = 0; j < G_FN; ++j)
#pragma unroll
                for (int p = 0; p < NP; ++p) {
                    float part[4] = {0.0f, 0.0f, 0.0f, 0.0f};
#pragma unroll
                    for (int q = 0; q < KT / 8; ++q) {
                        const __local float *s = ws[p] + (wc + j * 8 + g) * GS + 8 * q + t;
#if G_IW
                        const uint bb[2] = {as_uint(s[0]), as_uint(s[4])};
                        MMA2_WB(part, ab[q], as[q], bb);
#else
                        uint bb[2], bs[2];
                        fmlp_split(s[0], &bb[0], &bs[0]);
                        fmlp_split(s[4], &bb[1], &bs[1]);
                        MMA3_WB(part, ab[q], as[q], bb, bs);
#endif
                    }
                    FLUSH_W(acc[p][i][j], part, wsc[p], wzc[p], wc + j * 8 + 2 * t, xsum);
                }
        }
#endif
    }

#pragma unroll
    for (int i = 0; i < G_FM; ++i)
#pragma unroll
        for (int j = 0; j < G_FN; ++j)
#pragma unroll
            for (int r = 0; r < 4; ++r) {
                const int m = m0 + wr + i * 16 + g + 8 * (r >> 1);
                const int n = n0 + wc + j * 8 + 2 * t + (r & 1);
                if (m < batch && n < FMLP_I) {
                    h[(size_t)m * FMLP_I + n] = fmlp_hidden_biased(
                        acc[0][i][j][r], acc[FMLP_GATED][i][j][r], b_gate, b_up, n);
                }
            }
}

#endif // MMA_HP

// ---------------------------------------------------------------- down
// Local layout: hs[DMT][DKT + 4] (k-contiguous) and ds[DKT][DNT + 8] (n-contiguous, as down^T).
#define DS_A (DKT + 4)
#define DS_B (DNT + 8)
#define D_FM (DMT / DWM / 16)
#define D_FN (DNT / DWN / 8)
#define D_AV (DMT * DKT / VI)
#define D_BV (DKT * DNT / VH)
#define D_AP ((D_AV + DTHREADS - 1) / DTHREADS)
#define D_BP ((D_BV + DTHREADS - 1) / DTHREADS)
// each split covers a whole number of k-steps
#define D_KCH (((FMLP_I + MMA_SPLITS - 1) / MMA_SPLITS + DKT - 1) / DKT * DKT)

// With the down projection split, its partial sums go to the workspace in fp32; else y.
#if MMA_SPLITS == 1
typedef A_T MMA_OUT_T;
#else
typedef float MMA_OUT_T;
#endif

#if MMA_HP
// down: h's k-tile rows staged as x's; down^T's k-tile read along k (four inputs of one output
// column a thread, four coalesced loads a warp, or one block's four fields) so that a column's
// four inputs are one uint4.
__kernel __attribute__((reqd_work_group_size(DTHREADS, 1, 1)))
void fmlp_mma_down(__global const float *restrict h,
                   __global const W_T *restrict down_t,
                   __global const float *restrict b_down,
                   __global MMA_OUT_T *restrict out, const ulong out_off,
                   const int batch
#if HP_RS
                   , __global const float *restrict s_down
#endif
                   )
{
    __local uint4 as[DMT * DHQ];
    __local hp_wv bs[DNT * DHQ];
    __local float hinv[DMT];
#if G_IW
    __local float2 dsc2[DNT / 2]; // this k-tile's block scale of each output column, in pairs
#endif
#if G_IWZ
    __local float2 dzc2[DNT / 2]; // and its zero point
#endif
#if FMLP_MMA_EMULATE
    __local uint emu[DTHREADS / 32 * 6 * 32];
#else
    __local uint *emu = 0;
#endif
    out += out_off;
    const int lid = (int)get_local_id(0), warp = lid / 32, lane = lid % 32;
    const int g = lane >> 2, t = lane & 3;
    const int wr = (warp / DWN) * (DMT / DWM), wc = (warp % DWN) * (DNT / DWN);
    const int n0 = (int)get_group_id(0) * DNT, m0 = (int)get_group_id(1) * DMT;
    const int split = (int)get_group_id(2);
    const int kb = split * D_KCH, ke = min(FMLP_I, kb + D_KCH);

    float acc[D_FM][D_FN][4], tile[D_FM][D_FN][4];
#pragma unroll
    for (int i = 0; i < D_FM; ++i)
#pragma unroll
        for (int j = 0; j < D_FN; ++j)
#pragma unroll
            for (int r = 0; r < 4; ++r) acc[i][j][r] = tile[i][j][r] = 0.0f;

    float csc[D_BP]; // the scale of the output column a thread stages, the same at every k-tile
#pragma unroll
    for (int q = 0; q < D_BP; ++q) {
#if HP_RS
        const int n = n0 + (lid + q * DTHREADS) % DNT;
        csc[q] = n < FMLP_H ? s_down[n] : 1.0f;
#else
        csc[q] = 1.0f;
#endif
    }

    float4 ra[D_AP];
#if G_IW
    WRAW_T rb[D_BP];
#define HD_LOAD_W(q, k, n) rb[q] = D_LOAD_W(k, n)
#define HD_ZERO_W(q) rb[q] = WRAW_ZERO
#else
    float4 rb[D_BP];
#define HD_LOAD_W(q, k, n)                                                               \
    rb[q] = (float4)(fmlp_dt1(down_t, (k), (n)), fmlp_dt1(down_t, (k) + 1, (n)),         \
                     fmlp_dt1(down_t, (k) + 2, (n)), fmlp_dt1(down_t, (k) + 3, (n)))
#define HD_ZERO_W(q) rb[q] = (float4)(0.0f)
#endif
#define HD_LOAD(k0)                                                                         \
    do {                                                                                    \
        for (int q = 0; q < D_AP; ++q) {                                                    \
            const int e = lid + q * DTHREADS, m = e / DHQ, k = (k0) + e % DHQ * 4;          \
            ra[q] = (e < D_AV && m0 + m < batch && k < ke)                                 \
                        ? FMLP_LOAD4(h + (size_t)(m0 + m) * FMLP_I + k)                     \
                        : (float4)(0.0f);                                                   \
        }                                                                                   \
        for (int q = 0; q < D_BP; ++q) {                                                    \
            const int e = lid + q * DTHREADS, k = (k0) + e / DNT * 4, n = n0 + e % DNT;     \
            if (e < D_BV && k < ke && n < FMLP_H)                                           \
                HD_LOAD_W(q, k, n);                                                         \
            else                                                                            \
                HD_ZERO_W(q);                                                               \
        }                                                                                   \
    } while (0)

    if (kb < ke) HD_LOAD(kb);
    for (int k0 = kb; k0 < ke; k0 += DKT) {
        uint hm[D_AP];
#pragma unroll
        for (int q = 0; q < D_AP; ++q) hm[q] = fmlp_group_max(fmlp_absmax4(ra[q]), DHQ, emu, lid);
        barrier(CLK_LOCAL_MEM_FENCE);
#pragma unroll
        for (int q = 0; q < D_AP; ++q) {
            const int e = lid + q * DTHREADS;
            if (e < D_AV)
                HP_STAGE_ROW(as, DHQ, e / DHQ, e % DHQ, ra[q], hm[q], hinv, fmlp_hp_split4);
        }
#pragma unroll
        for (int q = 0; q < D_BP; ++q) {
            const int e = lid + q * DTHREADS, n = e % DNT, c = e / DNT;
            if (e < D_BV) {
#if G_IW
                bs[n * DHQ + HP_WSWZ(n, c, DHQ)] = fmlp_hp_iw4(rb[q]);
                if (c == 0) {
                    ((__local float *)dsc2)[n] = fmlp_wscale(rb[q]);
#if G_IWZ
                    ((__local float *)dzc2)[n] = fmlp_wzero(rb[q]);
#endif
                }
#else
                bs[n * DHQ + HP_WSWZ(n, c, DHQ)] = fmlp_hp_weights(rb[q], csc[q]);
#endif
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (k0 + DKT < ke) HD_LOAD(k0 + DKT);
        float sx[D_FM][2]; // the flush's operands (HP_SCE)
#if G_IW
        float2 scp[D_FN];
#endif
#if G_IWZ
        float2 zcp[D_FN];
#endif
#if G_IW
#define D_SC_READS() \
    for (int j = 0; j < D_FN; ++j) HP_SC_READ(scp[j], zcp[j], dsc2, dzc2, wc / 2 + 4 * j + t)
#else
#define D_SC_READS() (void)0
#endif
#if HP_SCE
        HP_FLUSH_READS(D_FM, hinv, D_SC_READS());
#endif
#if G_IWZ
        float xsum[D_FM][4]; // this k-tile's scaled sums of h over k, rows g and g + 8
#pragma unroll
        for (int i = 0; i < D_FM; ++i)
#pragma unroll
            for (int r = 0; r < 4; ++r) xsum[i][r] = 0.0f;
#endif
#pragma unroll
        for (int kk = 0; kk < DHQ; kk += 4) {
            uint ah[D_FM][4], al[D_FM][4];
#pragma unroll
            for (int i = 0; i < D_FM; ++i) {
                HP_AFRAG(as, DHQ, wr + i * 16 + g, kk + t, ah[i], al[i]);
#if G_IWZ
                HP_XSUM(xsum[i], ah[i], al[i]);
#endif
            }
#pragma unroll
            for (int j = 0; j < D_FN; ++j) {
                const int n = wc + j * 8 + g;
                const hp_wv v = bs[n * DHQ + HP_WSWZ(n, kk + t, DHQ)];
                HP_BFRAG(v, bh, bl);
#pragma unroll
                for (int i = 0; i < D_FM; ++i) HP_MMA(tile[i][j], ah[i], al[i], bh, bl);
            }
        }
#if !HP_SCE
        HP_FLUSH_READS(D_FM, hinv, D_SC_READS());
#endif
#pragma unroll
        for (int i = 0; i < D_FM; ++i) {
            const float s0 = sx[i][0], s1 = sx[i][1];
#if G_IWZ
            xsum[i][0] *= s0;
            xsum[i][2] *= s1;
#endif
#pragma unroll
            for (int j = 0; j < D_FN; ++j)
                HP_FLUSH(acc[i][j], tile[i][j], s0, s1, scp[j], zcp[j], xsum[i]);
        }
    }

#pragma unroll
    for (int j = 0; j < D_FN; ++j)
#pragma unroll
        for (int c = 0; c < 2; ++c) {
            const int n = n0 + wc + j * 8 + 2 * t + c;
            if (n >= FMLP_H) continue;
#if HP_RS
            const float inv = fmlp_pow2_inv(s_down[n]);
#else
            const float inv = 1.0f;
#endif
#pragma unroll
            for (int i = 0; i < D_FM; ++i)
#pragma unroll
                for (int r = c; r < 4; r += 2) {
                    const int m = m0 + wr + i * 16 + g + 8 * (r >> 1);
                    if (m >= batch) continue;
#if MMA_SPLITS == 1
#if FMLP_HAS_BD
                    fmlp_y1(out, (size_t)m * FMLP_H + n, acc[i][j][r] * inv + b_down[n]);
#else
                    fmlp_y1(out, (size_t)m * FMLP_H + n, acc[i][j][r] * inv);
#endif
#else
                    out[((size_t)split * batch + m) * FMLP_H + n] = acc[i][j][r] * inv;
#endif
                }
        }
}
#else
__kernel __attribute__((reqd_work_group_size(DTHREADS, 1, 1)))
void fmlp_mma_down(__global const float *restrict h,
                   __global const W_T *restrict down_t,
                   __global const float *restrict b_down,
                   __global MMA_OUT_T *restrict out, const ulong out_off,
                   const int batch)
{
    __local float as[DMT * DS_A];
    __local float bs[DKT * DS_B];
#if G_IW
    __local float dsc[DNT]; // this k-tile's block scale of each output column
#endif
#if G_IWZ
    __local float dzc[DNT]; // and its zero point
#endif
#if FMLP_MMA_EMULATE
    __local uint emu[DTHREADS / 32 * 6 * 32];
#endif
    out += out_off;
    const int lid = (int)get_local_id(0), warp = lid / 32, lane = lid % 32;
    const int g = lane >> 2, t = lane & 3;
    const int wr = (warp / DWN) * (DMT / DWM), wc = (warp % DWN) * (DNT / DWN);
    const int n0 = (int)get_group_id(0) * DNT, m0 = (int)get_group_id(1) * DMT;
    const int split = (int)get_group_id(2);
    const int kb = split * D_KCH, ke = min(FMLP_I, kb + D_KCH);

    float acc[D_FM][D_FN][4];
#if MMA_DORDER == 0
    float tile[D_FM][D_FN][4];
#endif
#pragma unroll
    for (int i = 0; i < D_FM; ++i)
#pragma unroll
        for (int j = 0; j < D_FN; ++j)
#pragma unroll
            for (int r = 0; r < 4; ++r) {
                acc[i][j][r] = 0.0f;
#if MMA_DORDER == 0
                tile[i][j][r] = 0.0f;
#endif
            }

    FLOATV(VI) ra[D_AP];
    WRAW_T rb[D_BP];
#define D_LOAD(k0)                                                                          \
    do {                                                                                    \
        for (int q = 0; q < D_AP; ++q) {                                 \
            const int e = lid + q * DTHREADS, m = e / (DKT / VI), k = (k0) + e % (DKT / VI) * VI; \
            ra[q] = (e < D_AV && m0 + m < batch && k < ke)                                 \
                        ? LDW_I(h + (size_t)(m0 + m) * FMLP_I + k)                          \
                        : (FLOATV(VI))(0.0f);                                               \
        }                                                                                   \
        for (int q = 0; q < D_BP; ++q) {                                 \
            const int e = lid + q * DTHREADS;                                               \
            const int k = (k0) + (D_ALONG_K ? e / DNT * 4 : e / (DNT / VH));                \
            const int n = D_ALONG_K ? e % DNT : e % (DNT / VH) * VH;                        \
            rb[q] = (e < D_BV && k < ke && n0 + n < FMLP_H)                                 \
                        ? D_LOAD_W(k, n0 + n)                                               \
                        : WRAW_ZERO;                                                        \
        }                                                                                   \
    } while (0)

    if (kb < ke) D_LOAD(kb);
    for (int k0 = kb; k0 < ke; k0 += DKT) {
        barrier(CLK_LOCAL_MEM_FENCE);
#pragma unroll
        for (int q = 0; q < D_AP; ++q) {
            const int e = lid + q * DTHREADS;
            if (e < D_AV) {
                __local float *d = as + e / (DKT / VI) * DS_A + e % (DKT / VI) * VI;
#if VI == 4
                vstore4(ra[q], 0, d);
#else
                *d = ra[q];
#endif
            }
        }
#pragma unroll
        for (int q = 0; q < D_BP; ++q) {
            const int e = lid + q * DTHREADS;
            if (e < D_BV) {
#if D_ALONG_K
#if G_IW
                const float4 v = IW_DEC(rb[q]);
                if (e / DNT == 0) {
                    dsc[e] = fmlp_wscale(rb[q]);
#if G_IWZ
                    dzc[e] = fmlp_wzero(rb[q]);
#endif
                }
#else
                const float4 v = WDEC(rb[q]);
#endif
                __local float *d = bs + e / DNT * 4 * DS_B + e % DNT;
                d[0] = v.x;
                d[DS_B] = v.y;
                d[2 * DS_B] = v.z;
                d[3 * DS_B] = v.w;
#elif VH == 4
                __local float *d = bs + e / (DNT / VH) * DS_B + e % (DNT / VH) * VH;
                vstore4(WDEC(rb[q]), 0, d);
#else
                __local float *d = bs + e / (DNT / VH) * DS_B + e % (DNT / VH) * VH;
                *d = rb[q];
#endif
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (k0 + DKT < ke) D_LOAD(k0 + DKT);
#if MMA_DORDER == 0
#if G_IWZ
        float xsum[D_FM][4]; // this k-tile's sums of h over k, rows g and g + 8
#pragma unroll
        for (int i = 0; i < D_FM; ++i)
#pragma unroll
            for (int r = 0; r < 4; ++r) xsum[i][r] = 0.0f;
#endif
#pragma unroll
        for (int kk = 0; kk < DKT; kk += 8) {
            uint ab[D_FM][4], asm_[D_FM][4];
#pragma unroll
            for (int i = 0; i < D_FM; ++i) {
                const __local float *s = as + (wr + i * 16 + g) * DS_A + kk + t;
                fmlp_split(s[0], &ab[i][0], &asm_[i][0]);
                fmlp_split(s[8 * DS_A], &ab[i][1], &asm_[i][1]);
                fmlp_split(s[4], &ab[i][2], &asm_[i][2]);
                fmlp_split(s[8 * DS_A + 4], &ab[i][3], &asm_[i][3]);
#if G_IWZ
                const uint ones[2] = IW_ONES;
                MMA2_WB(xsum[i], ab[i], asm_[i], ones);
#endif
            }
#pragma unroll
            for (int j = 0; j < D_FN; ++j) {
                const __local float *s = bs + (kk + t) * DS_B + wc + j * 8 + g;
#if G_IW
                const uint bb[2] = {as_uint(s[0]), as_uint(s[4 * DS_B])};
#pragma unroll
                for (int i = 0; i < D_FM; ++i) MMA2_WB(tile[i][j], ab[i], asm_[i], bb);
#else
                uint bb[2], bsm[2];
                fmlp_split(s[0], &bb[0], &bsm[0]);
                fmlp_split(s[4 * DS_B], &bb[1], &bsm[1]);
#pragma unroll
                for (int i = 0; i < D_FM; ++i) MMA3_WB(tile[i][j], ab[i], asm_[i], bb, bsm);
#endif
            }
        }
#pragma unroll
        for (int i = 0; i < D_FM; ++i)
#pragma unroll
            for (int j = 0; j < D_FN; ++j)
                FLUSH_W(acc[i][j], tile[i][j], dsc, dzc, wc + j * 8 + 2 * t, xsum[i]);
#else
#pragma unroll
        for (int i = 0; i < D_FM; ++i) {
            uint ab[DKT / 8][4], asm_[DKT / 8][4];
#pragma unroll
            for (int q = 0; q < DKT / 8; ++q) {
                const __local float *s = as + (wr + i * 16 + g) * DS_A + 8 * q + t;
                fmlp_split(s[0], &ab[q][0], &asm_[q][0]);
                fmlp_split(s[8 * DS_A], &ab[q][1], &asm_[q][1]);
                fmlp_split(s[4], &ab[q][2], &asm_[q][2]);
                fmlp_split(s[8 * DS_A + 4], &ab[q][3], &asm_[q][3]);
            }
#if G_IWZ
            float xsum[4] = {0.0f, 0.0f, 0.0f, 0.0f};
#pragma unroll
            for (int q = 0; q < DKT / 8; ++q) {
                const uint ones[2] = IW_ONES;
                MMA2_WB(xsum, ab[q], asm_[q], ones);
            }
#endif
#pragma unroll
            for (int j = 0; j < D_FN; ++j) {
                float part[4] = {0.0f, 0.0f, 0.0f, 0.0f};
#pragma unroll
                for (int q = 0; q < DKT / 8; ++q) {
                    const __local float *s = bs + (8 * q + t) * DS_B + wc + j * 8 + g;
#if G_IW
                    const uint bb[2] = {as_uint(s[0]), as_uint(s[4 * DS_B])};
                    MMA2_WB(part, ab[q], asm_[q], bb);
#else
                    uint bb[2], bsm[2];
                    fmlp_split(s[0], &bb[0], &bsm[0]);
                    fmlp_split(s[4 * DS_B], &bb[1], &bsm[1]);
                    MMA3_WB(part, ab[q], asm_[q], bb, bsm);
#endif
                }
                FLUSH_W(acc[i][j], part, dsc, dzc, wc + j * 8 + 2 * t, xsum);
            }
        }
#endif
    }

#pragma unroll
    for (int i = 0; i < D_FM; ++i)
#pragma unroll
        for (int j = 0; j < D_FN; ++j)
#pragma unroll
            for (int r = 0; r < 4; ++r) {
                const int m = m0 + wr + i * 16 + g + 8 * (r >> 1);
                const int n = n0 + wc + j * 8 + 2 * t + (r & 1);
                if (m < batch && n < FMLP_H) {
#if MMA_SPLITS == 1
#if FMLP_HAS_BD
                    fmlp_y1(out, (size_t)m * FMLP_H + n, acc[i][j][r] + b_down[n]);
#else
                    fmlp_y1(out, (size_t)m * FMLP_H + n, acc[i][j][r]);
#endif
#else
                    out[((size_t)split * batch + m) * FMLP_H + n] = acc[i][j][r];
#endif
                }
            }
}
#endif // MMA_HP
