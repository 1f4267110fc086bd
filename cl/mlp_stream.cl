// Fused weight-streaming MLP for small batches ("stream" strategy).
//
// Each work-group owns a slice of TI intermediate units and up to BT rows of the batch.
// Phase 1 streams the slice's gate/up rows once, dotting them with x chunks staged in local
// memory; the activation tile h[BT][TI] is formed in local memory and never leaves it.
// Phase 2 streams the matching TI rows of down^T and writes this slice's partial y[BT][H].
// reduce.cl adds the partials of all slices in a fixed order (deterministic, no atomics)
// plus the down bias. With a single slice the kernel writes y directly.
//
// Tunables (host-validated): WGS threads = KL lanes along H x (WGS/KL) row groups;
// TI a multiple of WGS/KL; VW in {1,2,4,8} divides H (2: fp32 only; 8: one 16-byte load of
// f16/bf16 weights); XC a multiple of KL*VW; XV (parameter xv) inputs a thread stages at a
// time. Block formats (FMLP_BLOCKS below): VW 1, a lane takes whole blocks of WB weights, so
// XC is a multiple of KL*WB and TI of WB; DCU (parameter cu) output columns a thread in phase 2. FMLP_XQ (the plan's int8 precision): x and the tile
// rounded to int8, integer dot products (FMLP_DP4A, parameter dp: PTX dp4a). The host runs
// large batches in chunks of rows (its parameter ch) so the partial sums stay within 128 MB.
// The split reduction is reduce.cl (parameters re, rg: its work-group shape) or, with FR_WGS
// (parameter fr, NVIDIA only), the last slices of this kernel (below). PB (parameter pb): each
// step's weights (blocks, or VW values a row) loaded a step ahead in phase 1; for the fp32 and
// 16-bit formats (fifteenth session) the first loads go out before x is staged. DL (parameter dl): phase 2's
// first loads issued before phase 1's lane reduction and the activation (their barriers), so
// that they are in flight through them: DL rows of down^T for the first columns (fp32 and
// 16-bit formats), or the first block row of the first DCU columns (block formats, any DL > 0).
// XP (parameter xp, NVIDIA only): phase 1's first XP steps of weights asked into L2 before x
// is staged (forty-sixth session: fp32 at B=1 1.02x with 2, the int8 block plans slower).
// RS and PU (parameters rs, pu; fp32 and 16-bit formats): phase 2's threads in RS groups
// along the slice's rows, their sums added in local memory, and PU rows of down^T loaded
// together (fifteenth session). RB (parameter rb; block formats, exact, BT > 1): each 8
// weights of every row (phase 2: column) a thread takes decoded to their values once, and each
// batch row's 8 inputs read from local memory once for all of them (twenty-first session).
// DK (parameter dk): two kernels instead of one. This one stops after phase 1 and writes the
// activation tile to the workspace; fmlp_stream_down (mlp_down.cl) streams down^T by column
// blocks, each work-group over all of I or one of a few splits of it, so there are no
// partial sums of hundreds of slices to write and add up (bench/PERFLOG.md, thirteenth session).
// DK 2 (parameter dk=2, fp32 and 16-bit weights, exact): the down projection as rows of down
// [H][I], the caller's layout, which the weights then keep instead of down^T: y[b][c] =
// dot(down[c], h[b]) + b_down[c], no split over I, so no partial sums and no reduction.
// fmlp_down_rows (below) is the down kernel (mlp_down.cl) or, with DG (parameter dg, NVIDIA
// only), this kernel's second part after a device-wide wait for every slice's units: one
// kernel, no second launch (fourteenth session).

#ifndef WGS
#define WGS 64
#endif
#ifndef KL
#define KL 8
#endif
#ifndef TI
#define TI 8
#endif
#ifndef BT
#define BT 1
#endif
#ifndef VW
#define VW 1
#endif
#ifndef XC
#define XC 64
#endif
#ifndef RB
#define RB 0 // block formats, BT > 1, exact: inputs in registers across rows (parameter rb)
#endif
#ifndef DCU
#define DCU 4 // block formats: output columns a thread takes at a time in phase 2
#endif
#ifndef XV
#define XV 4 // inputs a thread stages at a time (4 where H, XC and the block allow, or 1)
#endif
#ifndef PB
#define PB 0 // block formats: 1 issues the next step's block loads before this step's arithmetic
#endif
#ifndef DL
#define DL 0 // > 0: phase 2's first loads issued before the end of phase 1 (see above)
#endif
#ifndef XP
#define XP 0 // NVIDIA: phase 1's first XP steps of weights asked into L2 before x is staged
#endif
#ifndef RS
#define RS 1 // fp32 and 16-bit formats: phase 2's row groups (parameter rs, see phase 2)
#endif
#ifndef PU
#define PU 1 // fp32 and 16-bit formats: rows of down^T a thread loads together in phase 2
#endif
#ifndef SK
#define SK 0 // BT > 1: 1 skips the tile's rows past the batch (parameter sk, see below)
#endif
#ifndef DK
#define DK 0 // 1: phase 1 only, the tile to global memory for fmlp_stream_down (mlp_down.cl)
#endif      // 2: the same, down as rows (fmlp_down_rows)
#ifndef DG
#define DG 0 // DK 2: 1 for the fused form (this kernel waits, then does the down rows)
#endif
#define HG_PITCH 12 // words a quantized run of the tile takes in global memory (DK, int8)
#ifndef FR_WGS
#define FR_WGS 0 // > 0: the split reduction in this kernel, by its last FR_WGS work-groups
#endif
#ifndef FMLP_SPLITS
#define FMLP_SPLITS ((FMLP_I + TI - 1) / TI)
#endif

#define NRG (WGS / KL)        // row groups
#define RPT (TI / NRG)        // intermediate units per thread
#define NP (FMLP_GATED + 1)   // projections per unit (gate and up, or up)
// SK (parameter sk): a tile's rows past the batch (b >= nb, the last tile of a batch that is
// not a multiple of BT) are neither staged nor computed; without it they are computed as zeros
// and dropped at the store. nb is the same for the whole work-group, so the branches are uniform.
#define LIVE_ROWS (SK ? nb : BT)
#define FMLP_LIVE(b) (!SK || (b) < nb)

// WLOAD(row, k): VW weights of a row from input k; DLOAD(k, n): down^T[k][n..n+VW-1];
// STORE_Y writes VW outputs (formats.cl converts everything to and from fp32)
#if VW == 1
#define VBIAS(v, p) ((v) = *(p))
typedef float floatv;
#define WLOAD(row, k) fmlp_w1((row), (k))
#define DLOAD(k, n) fmlp_dt1(down_t, (k), (n))
#define VLOADL(p) (*(p))
#define VSTORE(v, p) (*(p) = (v))
#define STORE_Y(v, dst, i) fmlp_y1((dst), (i), (v))
#define VDOT(acc, a, b) ((acc) = mad((a), (b), (acc)))
#elif VW == 2
#if FMLP_WT != 0 || FMLP_AT != 0
#error "VW 2 is for fp32 weights and activations only"
#endif
#define VBIAS(v, p) ((v) = vload2(0, (p)))
typedef float2 floatv;
#define WLOAD(row, k) vload2(0, (row) + (k))
#define DLOAD(k, n) vload2(0, down_t + (size_t)(k) * FMLP_H + (n))
#define VLOADL(p) vload2(0, (p))
#define VSTORE(v, p) vstore2((v), 0, (p))
#if FMLP_ACC
#define STORE_Y(v, dst, i) vstore2(vload2(0, (dst) + (i)) + (v), 0, (dst) + (i))
#else
#define STORE_Y(v, dst, i) vstore2((v), 0, (dst) + (i))
#endif
#define VDOT(acc, a, b) ((acc) = mad((a).y, (b).y, mad((a).x, (b).x, (acc))))
#elif VW == 4
#define VBIAS(v, p) ((v) = vload4(0, (p)))
typedef float4 floatv;
// weights, down^T and the x chunk in local memory are aligned here (H % 4 == 0)
#define WLOAD(row, k) fmlp_w4((row), (k))
#define DLOAD(k, n) fmlp_dt4(down_t, (k), (n))
#define VLOADL(p) (*(const __local float4 *)(p))
#define VSTORE(v, p) vstore4((v), 0, (p))
// (the output is "dst": a parameter named y would replace the component name in (v).y)
#define STORE_Y(v, dst, i)                \
    do {                                  \
        fmlp_y1((dst), (i), (v).x);       \
        fmlp_y1((dst), (i) + 1, (v).y);   \
        fmlp_y1((dst), (i) + 2, (v).z);   \
        fmlp_y1((dst), (i) + 3, (v).w);   \
    } while (0)
#define VDOT(acc, a, b) \
    ((acc) = mad((a).w, (b).w, mad((a).z, (b).z, mad((a).y, (b).y, mad((a).x, (b).x, (acc))))))
#elif VW == 8
#if FMLP_WT != 1 && FMLP_WT != 2
#error "VW 8 is for 16-bit weights only (one 16-byte load of 8 weights)"
#endif
#define VBIAS(v, p) ((v) = vload8(0, (p)))
typedef float8 floatv;
#define WLOAD(row, k) fmlp_w8((row), (k))
#define DLOAD(k, n) fmlp_dt8(down_t, (k), (n))
#define VLOADL(p) ((float8)(*(const __local float4 *)(p), *(const __local float4 *)((p) + 4)))
#define VSTORE(v, p) vstore8((v), 0, (p))
#define STORE_Y(v, dst, i)                                                    \
    do {                                                                      \
        fmlp_y1((dst), (i), (v).s0);                                          \
        fmlp_y1((dst), (i) + 1, (v).s1);                                      \
        fmlp_y1((dst), (i) + 2, (v).s2);                                      \
        fmlp_y1((dst), (i) + 3, (v).s3);                                      \
        fmlp_y1((dst), (i) + 4, (v).s4);                                      \
        fmlp_y1((dst), (i) + 5, (v).s5);                                      \
        fmlp_y1((dst), (i) + 6, (v).s6);                                      \
        fmlp_y1((dst), (i) + 7, (v).s7);                                      \
    } while (0)
#define VDOT(acc, a, b)                                                                     \
    ((acc) = mad((a).s7, (b).s7, mad((a).s6, (b).s6, mad((a).s5, (b).s5, mad((a).s4, (b).s4, \
             mad((a).s3, (b).s3, mad((a).s2, (b).s2, mad((a).s1, (b).s1,                    \
             mad((a).s0, (b).s0, (acc))))))))))
#else
#error "VW must be 1, 2, 4 or 8"
#endif
// Phase 1's weights loaded a step ahead (PB, fp32 and 16-bit formats): WRAW_T holds a step's
// VW weights of a row as loaded, WRAW_LOAD loads them, WRAW_DEC decodes them where they are
// used (decoding at the load would make the thread wait for it there).
#if FMLP_WT == 0 || VW == 1
typedef floatv WRAW_T;
#define WRAW_LOAD(row, k) WLOAD((row), (k))
#define WRAW_DEC(r) (r)
#elif VW == 4
typedef fmlp_wraw4 WRAW_T;
#define WRAW_LOAD(row, k) fmlp_w4_raw((row), (k))
#define WRAW_DEC(r) fmlp_wdec4(r)
#else
typedef uint4 WRAW_T;
#define WRAW_LOAD(row, k) fmlp_w8_raw((row), (k))
#define WRAW_DEC(r) fmlp_wdec8(r)
#endif

// Block formats (Q8_0, Q4_0, affine): each lane takes whole blocks of WB weights, reading a
// block's scale once and its values as 32-bit words (formats.cl), and the x chunk is staged
// with 4 floats of padding after every block so that lanes reading neighbouring blocks hit
// different local-memory banks. Phase 2 gives each thread whole output rows of down (one block
// per block row of the slice: down^T's block rows put neighbouring outputs side by side).
#define FMLP_BLOCKS (!FMLP_W_ELEMENTWISE)
#if FMLP_BLOCKS
#if VW != 1 || (XC % (KL * WB)) != 0 || (TI % WB) != 0
#error "block formats need VW 1, XC a multiple of KL * WB and TI a multiple of WB"
#endif
#define XPITCH (WB + 4)                 // floats per staged block
#define XROW (XC / WB * XPITCH)         // floats per staged batch row
#define XS_INDEX(k) ((k) / WB * XPITCH + (k) % WB)
#else
#define XROW XC
#define XS_INDEX(k) (k)
#endif

#if (WGS % KL) != 0 || (TI % (WGS / KL)) != 0 || (XC % (KL * VW)) != 0 || (FMLP_H % VW) != 0
#error "inconsistent stream parameters"
#endif

#if FMLP_XQ && !FMLP_BLOCKS
#error "integer dot products are for the block formats"
#endif

// Local memory: the x chunk (phase 1) and the reduction scratch (end of phase 1) share space;
// with integer dot products (FMLP_XQ) the chunk is quantized from there into xq, and the
// activation tile into hq for phase 2.
#define XS_SIZE (BT * XROW)
#if FMLP_XQ
#define XQ_RUNS (XC / 32) // runs of 32 inputs per staged batch row
#define HQ_RUNS (TI / 32)
// the staged x chunk's run r and the tile's, as fp32 values in local memory
#define X_RUN(r) (scratch + (r) / XQ_RUNS * XROW + XS_INDEX((r) % XQ_RUNS * 32))
#define H_RUN(r) (hs + (r) * 32)
// runs of 32 values (run r at SRC(r)) quantized into dst, XQ_PITCH words a run, by the whole
// work-group: 8 threads a run, then the runs' sums (formats.cl, fmlp_quantize_word)
#define QUANTIZE_RUNS(runs, dst, SRC)                                                    \
    do {                                                                                 \
        for (int e_ = lid; e_ < (runs) * 8; e_ += WGS)                                   \
            fmlp_quantize_word(SRC(e_ / 8), e_ % 8, (dst) + e_ / 8 * XQ_PITCH);          \
        barrier(CLK_LOCAL_MEM_FENCE);                                                    \
        for (int r_ = lid; r_ < (runs); r_ += WGS) fmlp_quantize_sum((dst) + r_ * XQ_PITCH); \
        barrier(CLK_LOCAL_MEM_FENCE);                                                    \
    } while (0)
#endif
#define RED_SIZE (RPT * NP * WGS)
#define NCT (WGS / RS) // phase 2 (fp32 and 16-bit formats): the threads of a row group (RS)
#if RS > 1
#if FMLP_BLOCKS || (WGS % RS) != 0
#error "phase 2's row groups are for the fp32 and 16-bit formats, and divide the work-group"
#endif
#define P2_SIZE ((RS - 1) * BT * NCT * VW) // the row groups' sums, one pass of columns
#else
#define P2_SIZE 0
#endif
#define SCRATCH_SIZE0 (XS_SIZE > RED_SIZE ? XS_SIZE : RED_SIZE)
#define SCRATCH_SIZE (SCRATCH_SIZE0 > P2_SIZE ? SCRATCH_SIZE0 : P2_SIZE)

// With one slice the kernel writes y itself, else partial sums into the workspace: fp32, or
// bf16 (PART_BF16, parameter ps: int8 plans, whose block formats store one value at a time).
#if FMLP_SPLITS == 1
typedef A_T OUT_T;
#else
typedef PART_T OUT_T;
#endif
#if PART_BF16
#if !FMLP_XQ || VW != 1 || FR_WGS > 0
#error "bf16 partial sums are for the int8 plans, without the fused reduction"
#endif
#define PSTORE(v, p) (*(p) = fmlp_to_bf16(v))
#else
#define PSTORE(v, p) VSTORE((v), (p))
#endif

// Phase 2's sums s[b] of VW outputs from column c for the tile's rows b0 + b (b < nb): y with
// the down bias where the slice is the only one, else this slice's partial sums.
inline void fmlp_store_sums(const floatv *s, const int c, __global OUT_T *out,
                            __global const float *b_down, const int b0, const int nb,
                            const int slice, const int batch)
{
#if FMLP_SPLITS == 1
#if FMLP_HAS_BD
    floatv bias;
    VBIAS(bias, b_down + c);
#else
    const floatv bias = (floatv)(0.0f);
#endif
#pragma unroll
    for (int b = 0; b < BT; ++b)
        if (b < nb) STORE_Y(s[b] + bias, out, (size_t)(b0 + b) * FMLP_H + c);
#else
#pragma unroll
    for (int b = 0; b < BT; ++b)
        if (b < nb) PSTORE(s[b], out + ((size_t)slice * batch + b0 + b) * FMLP_H + c);
#endif
}

// The split reduction in the kernel (FR_WGS > 0, parameter fr; NVIDIA only, PTX fences): every
// work-group stores its partial sums, makes them visible device-wide and counts itself done
// (counters[0] of its batch tile). The last FR_WGS slices of the tile, the last work-groups
// dispatched (NVIDIA dispatches in order of group id, so every other one has started and
// finishes without waiting), then wait for the count to reach the number of slices and each
// add up their share of the tile's outputs, slices in a fixed order as reduce.cl does: results
// stay bit-identical from run to run. FR_WGS is at most the compute units, so the waiting ones
// fit the device together. The last of them to finish (counters[1]) sets both counters back to
// zero for the next launch (the host keeps launches that share them in order).
#if FR_WGS > 0
#if FMLP_SPLITS == 1 || FR_WGS > FMLP_SPLITS || (WGS % 32) != 0
#error "the fused reduction needs several slices, at most that many reducers, and WGS % 32 == 0"
#endif
#define FR_G (WGS / 32) // groups of slices a reducing work-group sums side by side
#endif
#if FR_WGS > 0 || DG
inline void fmlp_fence_device(void) { asm volatile("membar.gl;" ::: "memory"); }
#endif
#if XP > 0
// the line holding p asked into L2 (XP below; the host builds XP > 0 for NVIDIA only)
inline void fmlp_stream_l2_prefetch(__global const uchar *p)
{
    asm volatile("prefetch.global.L2 [%0];" ::"l"(p));
}
#endif

#if DK == 2
// ---- down as rows (DK 2 above): rows r0..r1-1 of y for batch rows b0..b0+nb-1. RL lanes take
// a row, DT / RL rows at a time; a lane takes VW inputs at a time, DU loads of its row issued
// together. h[b][I] is staged in local memory XC units at a time (hl, BT * XC floats: the
// weights streaming through the first-level cache would evict it there). The lanes' sums meet
// in red (DT * BT floats) and are added in lane order: deterministic. DT: the work-group's
// threads (DW in the two-kernel form, WGS in the fused one).
#ifndef RL
#define RL 32
#endif
#ifndef DU
#define DU 4
#endif
#define DNG (DT / RL) // rows at a time
#if (DT % RL) != 0 || (FMLP_I % VW) != 0 || (XC % VW) != 0 || FMLP_BLOCKS || FMLP_XQ
#error "inconsistent parameters of the rows form"
#endif
inline void fmlp_down_rows(__global const float *restrict h, __global const W_T *restrict down,
                           __global const float *restrict b_down, __global A_T *restrict dst,
                           const int b0, const int nb, const int r0, const int r1,
                           __local float *hl, __local float *red, const int lid)
{
    const int lane = lid % RL, g = lid / RL;
    for (int base = r0; base < r1; base += DNG) { // the same for the whole work-group
        // rows past r1 are clamped onto valid memory and their sums not stored
        const fmlp_wrow row = down + (size_t)min(base + g, FMLP_H - 1) * FMLP_I;
        float a[BT];
#pragma unroll
        for (int b = 0; b < BT; ++b) a[b] = 0.0f;
        for (int kc = 0; kc < FMLP_I; kc += XC) {
            const int n = min(XC, FMLP_I - kc);
            barrier(CLK_LOCAL_MEM_FENCE);
            for (int e = lid; e < BT * n; e += DT) {
                const int b = e / n, j = e % n;
                hl[b * XC + j] = h[(size_t)(b0 + min(b, nb - 1)) * FMLP_I + kc + j];
            }
            barrier(CLK_LOCAL_MEM_FENCE);
            for (int k = lane * VW; k < n; k += RL * VW * DU) {
                floatv w[DU];
#pragma unroll
                for (int u = 0; u < DU; ++u) {
                    const int kk = k + u * RL * VW;
                    w[u] = kk < n ? WLOAD(row, kc + kk) : (floatv)(0.0f);
                }
#pragma unroll
                for (int b = 0; b < BT; ++b)
#pragma unroll
                    for (int u = 0; u < DU; ++u) {
                        const int kk = k + u * RL * VW;
                        if (kk < n) VDOT(a[b], VLOADL(hl + b * XC + kk), w[u]);
                    }
            }
        }
#pragma unroll
        for (int b = 0; b < BT; ++b) red[(g * BT + b) * RL + lane] = a[b];
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int e = lid; e < DNG * BT; e += DT) {
            const int c = base + e / BT, b = e % BT;
            if (c < r1 && b < nb) {
                __local const float *sums = red + e * RL;
                float t = 0.0f;
                for (int l = 0; l < RL; ++l) t += sums[l];
#if FMLP_HAS_BD
                t += b_down[c];
#endif
                fmlp_y1(dst, (size_t)(b0 + b) * FMLP_H + c, t);
            }
        }
    }
}
#endif
#if DG && (DK != 2 || FR_WGS > 0 || DT != WGS)
#error "the fused rows form needs DK 2, no fused reduction and DT = WGS"
#endif

__kernel __attribute__((reqd_work_group_size(WGS, 1, 1)))
void fmlp_stream_mlp(__global const A_T *restrict x, const ulong x_off,
                     __global const W_T *restrict gate,
                     __global const W_T *restrict up,
                     __global const W_T *restrict down_t,
                     __global const float *restrict b_gate,
                     __global const float *restrict b_up,
                     __global const float *restrict b_down,
                     __global OUT_T *restrict out, const ulong out_off,
                     const int batch
#if FR_WGS > 0 || DG
                     , __global A_T *restrict y, const ulong y_off,
                     __global volatile uint *counters
#endif
#if DG
                     , __global const W_T *restrict down
#endif
                     )
{
    x += x_off;
    out += out_off;
    __local float scratch[SCRATCH_SIZE] __attribute__((aligned(16)));
    __local float hs[BT * TI] __attribute__((aligned(16)));
#if DG
    __local float dred[WGS * BT] __attribute__((aligned(16))); // the rows form's lane sums
#endif
#if FMLP_XQ
    __local uint xq[BT * XQ_RUNS * XQ_PITCH] __attribute__((aligned(16)));
    __local uint hq[BT * HQ_RUNS * XQ_PITCH] __attribute__((aligned(16)));
#endif

    const int lid = (int)get_local_id(0);
    const int lane = lid % KL;
    const int rg = lid / KL;
    const int slice = (int)get_group_id(0);
    const int i0 = slice * TI;
    const int b0 = (int)get_group_id(1) * BT;
    const int nb = min(BT, batch - b0);

    // ---- phase 1: gate/up dot products of this slice for BT rows
    float acc[BT][RPT][NP];
#pragma unroll
    for (int b = 0; b < BT; ++b)
#pragma unroll
        for (int r = 0; r < RPT; ++r)
#pragma unroll
            for (int p = 0; p < NP; ++p) acc[b][r][p] = 0.0f;

    // Rows past I are clamped onto row I-1 (valid memory) and their results discarded.
    fmlp_wrow wrow[RPT][NP];
#pragma unroll
    for (int r = 0; r < RPT; ++r) {
        const int i = min(i0 + rg + r * NRG, FMLP_I - 1);
#if FMLP_GATED
        wrow[r][0] = FMLP_ROW(gate, i);
        wrow[r][1] = FMLP_ROW(up, i);
#else
        wrow[r][0] = FMLP_ROW(up, i);
#endif
    }

#if FMLP_BLOCKS && PB
    // The next step's blocks, loaded a step ahead: a lane's steps take block columns lane,
    // lane + KL, ... of each x chunk in turn, so the loads of the next one (in this chunk or
    // the next) are in flight while this one's arithmetic runs. Without this, every warp of a
    // work-group loaded and then computed in step with the others, and the two added up
    // (bench/results/2026-11-26-h200-s9-diag).
    uint nx[RPT][NP][QRAW];
    if (lane < min(XC, FMLP_H) / WB) {
#pragma unroll
        for (int r = 0; r < RPT; ++r)
#pragma unroll
            for (int p = 0; p < NP; ++p) fmlp_block_load(wrow[r][p].w, wrow[r][p].b + lane, nx[r][p]);
    }
#endif
#if !FMLP_BLOCKS && PB
    // the fp32 and 16-bit formats' weights a step ahead (PB): the first step's loads are
    // issued before x is staged, and each chunk's first ones before the barriers that stage it
    WRAW_T nw[RPT][NP];
    if (lane * VW < FMLP_H) {
#pragma unroll
        for (int r = 0; r < RPT; ++r)
#pragma unroll
            for (int p = 0; p < NP; ++p) nw[r][p] = WRAW_LOAD(wrow[r][p], lane * VW);
    }
#endif
#if XP > 0
    // XP (parameter xp, NVIDIA only): the weights of this thread's first XP steps asked into
    // L2 (PTX prefetch.global.L2, which holds no register and does not wait) before x is
    // staged, so that the slice's first reads are under way while x is loaded (and, for int8
    // plans, quantized) instead of starting after it. Only steps within the first x chunk.
#pragma unroll
    for (int s = 0; s < XP; ++s) {
#if FMLP_BLOCKS
        const int col = lane + s * KL; // a block column of the first chunk
        if (col < min(XC, FMLP_H) / WB) {
#pragma unroll
            for (int r = 0; r < RPT; ++r)
#pragma unroll
                for (int p = 0; p < NP; ++p) {
                    fmlp_stream_l2_prefetch(fmlp_bq(wrow[r][p].w, wrow[r][p].b + col));
                    fmlp_stream_l2_prefetch(fmlp_bsf(wrow[r][p].w, wrow[r][p].b + col));
                }
        }
#else
        const int k = (lane + s * KL) * VW; // an input of the first chunk
        if (k < min(XC, FMLP_H)) {
#pragma unroll
            for (int r = 0; r < RPT; ++r)
#pragma unroll
                for (int p = 0; p < NP; ++p)
                    fmlp_stream_l2_prefetch((__global const uchar *)(wrow[r][p] + k));
        }
#endif
    }
#endif
    for (int kc = 0; kc < FMLP_H; kc += XC) {
        barrier(CLK_LOCAL_MEM_FENCE);
#if XV == 4 && (FMLP_H % 4) == 0 && (XC % 4) == 0 && (!FMLP_BLOCKS || (WB % 4) == 0)
        // four inputs a thread at a time (they never straddle H, a chunk or a padded block)
        for (int e = 4 * lid; e < LIVE_ROWS * XC; e += 4 * WGS) {
            const int b = e / XC, k = kc + e % XC;
            const float4 v =
                (b < nb && k < FMLP_H) ? fmlp_x4(x, (size_t)(b0 + b) * FMLP_H + k) : (float4)(0.0f);
            *(__local float4 *)(scratch + b * XROW + XS_INDEX(e % XC)) = v;
        }
#else
        for (int e = lid; e < LIVE_ROWS * XC; e += WGS) {
            const int b = e / XC, k = kc + e % XC;
            scratch[b * XROW + XS_INDEX(e % XC)] =
                (b < nb && k < FMLP_H) ? fmlp_x1(x, (size_t)(b0 + b) * FMLP_H + k) : 0.0f;
        }
#endif
        barrier(CLK_LOCAL_MEM_FENCE);
#if FMLP_XQ
        // the chunk quantized in runs of 32 inputs (H is a multiple of the block: whole runs)
        QUANTIZE_RUNS(LIVE_ROWS * XQ_RUNS, xq, X_RUN);
#endif
#if FMLP_BLOCKS
        for (int kb = lane; kb < XC / WB; kb += KL) {
#if (FMLP_H % XC) != 0
            if (kc + kb * WB >= FMLP_H) break;
#endif
            // every row's block first (the loads in flight together), then the dot products
            // with 32 inputs at a time held in registers for all rows
            float sc[RPT][NP], off[RPT][NP];
#if PB
            // this step's blocks (loaded a step ago); then the next step's loads
            uint cur[RPT][NP][QRAW];
#pragma unroll
            for (int r = 0; r < RPT; ++r)
#pragma unroll
                for (int p = 0; p < NP; ++p) {
#pragma unroll
                    for (int j = 0; j < QRAW; ++j) cur[r][p][j] = nx[r][p][j];
                    sc[r][p] = fmlp_sfield_scale(cur[r][p][QW], &off[r][p]);
                }
            {
                const int nk = kb + KL;
                const int ncol = nk < XC / WB ? kc / WB + nk : (kc + XC) / WB + lane;
                if (ncol < FMLP_H / WB) {
#pragma unroll
                    for (int r = 0; r < RPT; ++r)
#pragma unroll
                        for (int p = 0; p < NP; ++p)
                            fmlp_block_load(wrow[r][p].w, wrow[r][p].b + ncol, nx[r][p]);
                }
            }
#if FMLP_XQ || BT > 1
            uint q[RPT][NP][QFW];
#pragma unroll
            for (int r = 0; r < RPT; ++r)
#pragma unroll
                for (int p = 0; p < NP; ++p) fmlp_raw_words(cur[r][p], q[r][p]);
#endif
#else
            uint q[RPT][NP][QFW];
#pragma unroll
            for (int r = 0; r < RPT; ++r)
#pragma unroll
                for (int p = 0; p < NP; ++p)
                    sc[r][p] = fmlp_block_words(wrow[r][p].w, wrow[r][p].b + kc / WB + kb,
                                                q[r][p], &off[r][p]);
#endif
#if FMLP_XQ
#pragma unroll
            for (int e0 = 0; e0 < WB; e0 += 32) {
                // every row's fields once; then each batch row's quantized inputs once, for all
                uint f[RPT][NP][8];
#pragma unroll
                for (int r = 0; r < RPT; ++r)
#pragma unroll
                    for (int p = 0; p < NP; ++p) fmlp_fields8(q[r][p], e0, f[r][p]);
#pragma unroll
                for (int b = 0; b < BT; ++b) if (FMLP_LIVE(b)) {
                    __local const uint *xr = xq + (b * XQ_RUNS + (kb * WB + e0) / 32) * XQ_PITCH;
                    const uint4 xa = *(__local const uint4 *)xr, xb = *(__local const uint4 *)(xr + 4);
                    const float dx = as_float(xr[8]), sq = (float)(int)xr[9];
#pragma unroll
                    for (int r = 0; r < RPT; ++r)
#pragma unroll
                        for (int p = 0; p < NP; ++p) {
                            const int d = fmlp_dot32_q(f[r][p], xa, xb);
                            acc[b][r][p] += sc[r][p] * dx * mad(-off[r][p], sq, (float)d);
                        }
                }
            }
#elif BT > 1 && RB
            // several batch rows, their inputs in registers (RB, parameter rb): each 8 weights
            // of every row this thread takes are decoded once to their values, A v - B (A =
            // scale * 2^FW, B = scale * (2^FW + offset): one FMA a weight), and each batch row's
            // 8 inputs are read from local memory once for all of them
#pragma unroll
            for (int e0 = 0; e0 < WB; e0 += 8) {
                float w[RPT][NP][8];
#pragma unroll
                for (int r = 0; r < RPT; ++r)
#pragma unroll
                    for (int p = 0; p < NP; ++p)
                        fmlp_block_values8(q[r][p], e0, sc[r][p], off[r][p], w[r][p]);
#pragma unroll
                for (int b = 0; b < BT; ++b) if (FMLP_LIVE(b)) {
                    float xv[8];
                    fmlp_load8_local(scratch + b * XROW + kb * XPITCH + e0, xv);
#pragma unroll
                    for (int r = 0; r < RPT; ++r)
#pragma unroll
                        for (int p = 0; p < NP; ++p)
#pragma unroll
                            for (int j = 0; j < 8; ++j)
                                acc[b][r][p] = mad(w[r][p][j], xv[j], acc[b][r][p]);
                }
            }
#elif BT > 1
            // several batch rows: each sub-block of 32 weights is decoded once and dotted with
            // every row; sum(scale * (field - offset) * x) = A * sum(v * x) - B * sum(x) with
            // A = scale * 2^FW and B = scale * (2^FW + offset), linear in both sums
#pragma unroll
            for (int e0 = 0; e0 < WB; e0 += 32) {
                float sx[BT];
#pragma unroll
                for (int b = 0; b < BT; ++b)
                    if (FMLP_LIVE(b)) sx[b] = fmlp_sum32_local(scratch + b * XROW + kb * XPITCH + e0);
#pragma unroll
                for (int r = 0; r < RPT; ++r)
#pragma unroll
                    for (int p = 0; p < NP; ++p) {
                        float v[32];
                        fmlp_block_decode32(q[r][p], e0, v);
                        const float A = sc[r][p] * FMLP_FIELD_SCALE;
                        const float B = sc[r][p] * (FMLP_FIELD_SCALE + off[r][p]);
#pragma unroll
                        for (int b = 0; b < BT; ++b) if (FMLP_LIVE(b)) {
                            const float d =
                                fmlp_dot32_local(v, scratch + b * XROW + kb * XPITCH + e0);
                            acc[b][r][p] += mad(A, d, -B * sx[b]);
                        }
                    }
            }
#else
#pragma unroll
            for (int b = 0; b < BT; ++b) if (FMLP_LIVE(b)) {
                float d[RPT][NP], sx = 0.0f;
#pragma unroll
                for (int r = 0; r < RPT; ++r)
#pragma unroll
                    for (int p = 0; p < NP; ++p) d[r][p] = 0.0f;
#pragma unroll
                for (int e0 = 0; e0 < WB; e0 += 32) {
                    float xr[32];
                    sx += fmlp_load_x32(scratch + b * XROW + kb * XPITCH + e0, xr);
#pragma unroll
                    for (int r = 0; r < RPT; ++r)
#pragma unroll
                        for (int p = 0; p < NP; ++p)
#if PB
                            d[r][p] += fmlp_block_dot_raw(cur[r][p], xr, e0);
#else
                            d[r][p] += fmlp_block_dot(q[r][p], xr, e0);
#endif
                }
#pragma unroll
                for (int r = 0; r < RPT; ++r)
#pragma unroll
                    for (int p = 0; p < NP; ++p)
                        acc[b][r][p] += FMLP_BLOCK_VALUE(sc[r][p], off[r][p], d[r][p], sx);
            }
#endif
        }
#else
        for (int k = lane * VW; k < XC; k += KL * VW) {
#if (FMLP_H % XC) != 0
            if (kc + k >= FMLP_H) break;
#endif
            floatv w[RPT][NP];
#if PB
            // this step's weights (loaded a step ago), then the next step's loads: the next
            // k of this chunk, or the first of the next chunk
            WRAW_T cur[RPT][NP];
#pragma unroll
            for (int r = 0; r < RPT; ++r)
#pragma unroll
                for (int p = 0; p < NP; ++p) cur[r][p] = nw[r][p];
            {
                const int nk = k + KL * VW < XC ? kc + k + KL * VW : kc + XC + lane * VW;
                if (nk < FMLP_H) {
#pragma unroll
                    for (int r = 0; r < RPT; ++r)
#pragma unroll
                        for (int p = 0; p < NP; ++p) nw[r][p] = WRAW_LOAD(wrow[r][p], nk);
                }
            }
#pragma unroll
            for (int r = 0; r < RPT; ++r)
#pragma unroll
                for (int p = 0; p < NP; ++p) w[r][p] = WRAW_DEC(cur[r][p]);
#else
#pragma unroll
            for (int r = 0; r < RPT; ++r)
#pragma unroll
                for (int p = 0; p < NP; ++p) w[r][p] = WLOAD(wrow[r][p], kc + k);
#endif
#pragma unroll
            for (int b = 0; b < BT; ++b) if (FMLP_LIVE(b)) {
                const floatv xv = VLOADL(scratch + b * XC + k);
#pragma unroll
                for (int r = 0; r < RPT; ++r)
#pragma unroll
                    for (int p = 0; p < NP; ++p) VDOT(acc[b][r][p], xv, w[r][p]);
            }
        }
#endif
    }

#if DL > 0
    // phase 2's first loads (DL above): the columns of this thread's first pass, clamped onto
    // valid memory (a thread without columns, or a slice shorter than DL, never uses them)
#if FMLP_BLOCKS
    uint dpre[DCU][QRAW];
#pragma unroll
    for (int u = 0; u < DCU; ++u)
        fmlp_block_load(down_t, (size_t)(i0 / WB) * FMLP_H + min(lid + u * WGS, FMLP_H - 1),
                        dpre[u]);
#else
#define DLN (DL < TI ? DL : TI)
    // (with row groups, RS > 1: rows g, g + RS, ... of the group's first pass of columns)
    floatv dpre[DLN];
#pragma unroll
    for (int u = 0; u < DLN; ++u)
        dpre[u] = DLOAD(min(i0 + lid / NCT + u * RS, FMLP_I - 1), min(lid % NCT * VW, FMLP_H - VW));
#endif
#endif

    // ---- reduce over the KL lanes of each row group, one batch row at a time, and apply
    // the activation into the local tile hs. Fixed summation order: deterministic.
    // (with SK too: rows past the batch get zeros here, their barriers kept out of branches)
#pragma unroll
    for (int b = 0; b < BT; ++b) {
        barrier(CLK_LOCAL_MEM_FENCE);
#pragma unroll
        for (int r = 0; r < RPT; ++r)
#pragma unroll
            for (int p = 0; p < NP; ++p) scratch[(r * NP + p) * WGS + lid] = acc[b][r][p];
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int q = lid; q < TI; q += WGS) {
            const int g = q % NRG, r = q / NRG, i = i0 + q;
            float s[NP];
#pragma unroll
            for (int p = 0; p < NP; ++p) {
                __local const float *src = scratch + (r * NP + p) * WGS + g * KL;
                float t = 0.0f;
                for (int l = 0; l < KL; ++l) t += src[l];
                s[p] = t;
            }
            float h = 0.0f;
            if (i < FMLP_I && b < nb) {
                h = fmlp_hidden_biased(s[0], s[FMLP_GATED], b_gate, b_up, i);
            }
            hs[b * TI + q] = h;
        }
    }
    barrier(CLK_LOCAL_MEM_FENCE);
#if FMLP_XQ
    // the tile quantized in runs of 32 units (a slice starts at a multiple of the block)
    QUANTIZE_RUNS(LIVE_ROWS * HQ_RUNS, hq, H_RUN);
#endif

#if DK
    // ---- two kernels (DK, parameter dk): the tile goes to global memory for
    // fmlp_stream_down (mlp_down.cl), fp32 units h[row][I] at out, or with integer dot
    // products its quantized runs, HG_PITCH words each: [0..7] the int8 words, [8] the scale's
    // bits, [9] the sum (fmlp_quantize_word's slots). Units and rows past I or the batch are
    // not written.
#if FMLP_XQ
    __global uint *hg = (__global uint *)out;
    for (int e = lid; e < nb * HQ_RUNS * 10; e += WGS) {
        const int run = e / 10, j = e % 10, b = run / HQ_RUNS, r = run % HQ_RUNS;
        if (i0 + r * 32 < FMLP_I)
            hg[((size_t)(b0 + b) * (FMLP_I / 32) + i0 / 32 + r) * HG_PITCH + j] =
                hq[run * XQ_PITCH + j];
    }
#else
    __global float *hg = (__global float *)out;
    for (int e = lid; e < nb * TI; e += WGS) {
        const int b = e / TI, q = e % TI;
        if (i0 + q < FMLP_I) hg[(size_t)(b0 + b) * FMLP_I + i0 + q] = hs[b * TI + q];
    }
#endif
#if DG
    // ---- the fused rows form (DG): every slice of this batch tile counts itself done once its
    // units are visible device-wide; the work-groups wait for all of them (the host launches
    // no more slices than the device has compute units, so they are all resident together),
    // then each takes an even share of down's rows. The last to leave sets the counters back
    // to zero for the next launch (the host keeps launches that share them in order). Plain
    // loads of h after the fence: no compute unit read those addresses before in this launch.
    {
        __global volatile uint *ctr = counters + 2 * get_group_id(1);
        fmlp_fence_device();
        barrier(CLK_GLOBAL_MEM_FENCE | CLK_LOCAL_MEM_FENCE);
        if (lid == 0) {
            atomic_inc(ctr);
            while (atomic_add(ctr, 0u) < (uint)DG_SLICES) {
            }
            fmlp_fence_device();
            if (atomic_inc(ctr + 1) == DG_SLICES - 1) {
                atomic_xchg(ctr, 0u);
                atomic_xchg(ctr + 1, 0u);
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        fmlp_fence_device();
        const int r0 = (int)((long)slice * FMLP_H / DG_SLICES);
        const int r1 = (int)((long)(slice + 1) * FMLP_H / DG_SLICES);
        fmlp_down_rows((__global const float *)out, down, b_down, y + y_off, b0, nb, r0, r1,
                       scratch, dred, lid);
    }
#endif
#else

    // ---- phase 2: this slice's contribution to y, streaming TI rows of down^T
    const int rows = min(TI, FMLP_I - i0);
#if FMLP_BLOCKS
    // I is a multiple of WB (plan validation) and so is i0: the slice holds whole blocks
    const int nblk = rows / WB;
#endif
    // A thread takes CU columns of VW outputs at a time. The block formats take DCU: their
    // blocks for all of them are loaded before any is used, since one small block a column is
    // too little memory-level parallelism to cover the latency.
#if FMLP_BLOCKS
#define CU DCU
#else
#define CU 1
#endif
#if !FMLP_BLOCKS && (RS > 1 || PU > 1)
    // fp32 and 16-bit formats with row groups (RS, parameter rs) or rows loaded together (PU,
    // parameter pu): the work-group's threads form RS groups of WGS / RS; thread t of group g
    // takes VW columns of a pass over H and rows g, g + RS, ... of the slice, PU rows' loads
    // issued before their products. Where WGS * VW exceeds H, a single group would leave
    // threads without columns and the others fewer loads in flight. Group 0 adds the other
    // groups' sums in group order (deterministic) and stores.
    {
        const int g = lid / NCT, ct = lid % NCT;
        for (int cb = 0; cb < FMLP_H; cb += NCT * VW) { // the same for the whole work-group
            const int c0 = cb + ct * VW, cl = min(c0, FMLP_H - VW); // past H: clamped, not stored
            floatv a[BT];
#pragma unroll
            for (int b = 0; b < BT; ++b) a[b] = (floatv)(0.0f);
            int i = g;
#if DL > 0
            if (cb == 0) { // the first rows, loaded before phase 1's end
#pragma unroll
                for (int u = 0; u < DLN; ++u)
                    if (g + u * RS < rows)
#pragma unroll
                        for (int b = 0; b < BT; ++b)
                            if (FMLP_LIVE(b))
                                a[b] = mad((floatv)(hs[b * TI + g + u * RS]), dpre[u], a[b]);
                i = g + DLN * RS;
            }
#endif
#if PU > 1
            for (; i + (PU - 1) * RS < rows; i += PU * RS) {
                floatv w[PU];
#pragma unroll
                for (int u = 0; u < PU; ++u) w[u] = DLOAD(i0 + i + u * RS, cl);
#pragma unroll
                for (int u = 0; u < PU; ++u)
#pragma unroll
                    for (int b = 0; b < BT; ++b)
                        if (FMLP_LIVE(b))
                            a[b] = mad((floatv)(hs[b * TI + i + u * RS]), w[u], a[b]);
            }
#endif
            for (; i < rows; i += RS) {
                const floatv w = DLOAD(i0 + i, cl);
#pragma unroll
                for (int b = 0; b < BT; ++b)
                    if (FMLP_LIVE(b)) a[b] = mad((floatv)(hs[b * TI + i]), w, a[b]);
            }
#if RS > 1
            barrier(CLK_LOCAL_MEM_FENCE); // the previous pass's sums read
            if (g > 0)
#pragma unroll
                for (int b = 0; b < BT; ++b)
                    VSTORE(a[b], scratch + ((g - 1) * BT + b) * (NCT * VW) + ct * VW);
            barrier(CLK_LOCAL_MEM_FENCE);
            if (g > 0) continue;
#pragma unroll
            for (int b = 0; b < BT; ++b)
                for (int q = 1; q < RS; ++q)
                    a[b] += VLOADL(scratch + ((q - 1) * BT + b) * (NCT * VW) + ct * VW);
#endif
            if (c0 < FMLP_H) fmlp_store_sums(a, c0, out, b_down, b0, nb, slice, batch);
        }
    }
#else
    for (int c0 = lid * VW; c0 < FMLP_H; c0 += WGS * VW * CU) {
        floatv a[CU][BT];
#pragma unroll
        for (int u = 0; u < CU; ++u)
#pragma unroll
            for (int b = 0; b < BT; ++b) a[u][b] = (floatv)(0.0f);
#if FMLP_BLOCKS
        for (int kb = 0; kb < nblk; ++kb) {
            uint q[CU][QFW];
            float sc[CU], off[CU];
#if DL > 0
            if (kb == 0 && c0 == lid) { // loaded before phase 1's end
#pragma unroll
                for (int u = 0; u < CU; ++u) {
                    fmlp_raw_words(dpre[u], q[u]);
                    sc[u] = fmlp_sfield_scale(dpre[u][QW], &off[u]);
                }
            } else {
#else
            {
#endif
#pragma unroll
                for (int u = 0; u < CU; ++u) {
                    const int c = min(c0 + u * WGS, FMLP_H - 1); // past H: clamped, not stored
                    sc[u] = fmlp_block_words(down_t, (size_t)(i0 / WB + kb) * FMLP_H + c, q[u],
                                             &off[u]);
                }
            }
#if FMLP_XQ
            // every column's fields once; then each batch row's quantized tile run once, for all
#pragma unroll
            for (int e0 = 0; e0 < WB; e0 += 32) {
                uint f[CU][8];
#pragma unroll
                for (int u = 0; u < CU; ++u) fmlp_fields8(q[u], e0, f[u]);
#pragma unroll
                for (int b = 0; b < BT; ++b) if (FMLP_LIVE(b)) {
                    // the same for every thread: broadcast reads
                    __local const uint *r = hq + (b * HQ_RUNS + (kb * WB + e0) / 32) * XQ_PITCH;
                    const uint4 ha = *(__local const uint4 *)r, hb = *(__local const uint4 *)(r + 4);
                    const float dh = as_float(r[8]), sq = (float)(int)r[9];
#pragma unroll
                    for (int u = 0; u < CU; ++u)
                        a[u][b] += sc[u] * dh * mad(-off[u], sq, (float)fmlp_dot32_q(f[u], ha, hb));
                }
            }
#else
#if BT > 1 && RB
            // inputs in registers (RB): each 8 weights of every column decoded once to their
            // values, each batch row's 8 tile values read once for all columns (broadcast reads)
#pragma unroll
            for (int e0 = 0; e0 < WB; e0 += 8) {
                float w[CU][8];
#pragma unroll
                for (int u = 0; u < CU; ++u) fmlp_block_values8(q[u], e0, sc[u], off[u], w[u]);
#pragma unroll
                for (int b = 0; b < BT; ++b) if (FMLP_LIVE(b)) {
                    float hv[8];
                    fmlp_load8_local(hs + b * TI + kb * WB + e0, hv);
#pragma unroll
                    for (int u = 0; u < CU; ++u)
#pragma unroll
                        for (int j = 0; j < 8; ++j) a[u][b] = mad(w[u][j], hv[j], a[u][b]);
                }
            }
#else
#pragma unroll
            for (int u = 0; u < CU; ++u) {
#if BT > 1
                // decoded once for all batch rows, as in phase 1
                const float A = sc[u] * FMLP_FIELD_SCALE, B = sc[u] * (FMLP_FIELD_SCALE + off[u]);
#pragma unroll
                for (int e0 = 0; e0 < WB; e0 += 32) {
                    float v[32];
                    fmlp_block_decode32(q[u], e0, v);
#pragma unroll
                    for (int b = 0; b < BT; ++b) if (FMLP_LIVE(b)) {
                        __local const float *h = hs + b * TI + kb * WB + e0; // broadcast reads
                        a[u][b] += mad(A, fmlp_dot32_local(v, h), -B * fmlp_sum32_local(h));
                    }
                }
#else
                float d = 0.0f, sh = 0.0f;
#pragma unroll
                for (int e0 = 0; e0 < WB; e0 += 32) {
                    float hr[32]; // the same for every thread: broadcast reads
                    sh += fmlp_load_x32(hs + kb * WB + e0, hr);
                    d += fmlp_block_dot(q[u], hr, e0);
                }
                a[u][0] += FMLP_BLOCK_VALUE(sc[u], off[u], d, sh);
#endif
            }
#endif
#endif
        }
#else
        int i = 0;
#if DL > 0
        if (c0 == lid * VW) { // the first rows, loaded before phase 1's end
#pragma unroll
            for (int u = 0; u < DLN; ++u)
                if (u < rows)
#pragma unroll
                    for (int b = 0; b < BT; ++b)
                        if (FMLP_LIVE(b)) a[0][b] = mad((floatv)(hs[b * TI + u]), dpre[u], a[0][b]);
            i = DLN;
        }
#endif
        for (; i < rows; ++i) {
            const floatv w = DLOAD(i0 + i, c0);
#pragma unroll
            for (int b = 0; b < BT; ++b)
                if (FMLP_LIVE(b)) a[0][b] = mad((floatv)(hs[b * TI + i]), w, a[0][b]);
        }
#endif
#pragma unroll
        for (int u = 0; u < CU; ++u) {
            const int c = c0 + u * WGS * VW;
            if (c >= FMLP_H) break;
            fmlp_store_sums(a[u], c, out, b_down, b0, nb, slice, batch);
        }
    }
#endif // row groups
#if FR_WGS > 0
    // ---- the split reduction of this batch tile (see FR_WGS above)
    __global volatile uint *ctr = counters + 2 * get_group_id(1);
    fmlp_fence_device(); // this thread's partial sums, visible to the whole device
    barrier(CLK_GLOBAL_MEM_FENCE);
    if (lid == 0) atomic_inc(ctr);
    const int part = slice - (FMLP_SPLITS - FR_WGS);
    if (part >= 0) { // the same for the whole work-group
        if (lid == 0)
            while (atomic_add(ctr, 0u) < (uint)FMLP_SPLITS) {
            }
        barrier(CLK_LOCAL_MEM_FENCE);
        fmlp_fence_device();
        // this work-group's outputs: a share of the tile's nb rows x H, 32 at a time, thread
        // (el, q) summing slices q, q + FR_G, ... of output el (reduce.cl's two steps). Plain
        // loads: the fence keeps them after the wait, and no compute unit has read these
        // addresses before in this launch (nothing stale in a first-level cache).
        const int n = nb * FMLP_H, per = (n + FR_WGS - 1) / FR_WGS;
        const int lo = part * per, hi = min(n, lo + per);
        const int el = lid % 32, q = lid / 32;
        __global const float *p = (__global const float *)out + (size_t)b0 * FMLP_H;
        const size_t stride = (size_t)batch * FMLP_H; // one slice's partial sums
        for (int e0 = lo; e0 < hi; e0 += 32) {
            const int e = e0 + el;
            const float t = e < hi ? fmlp_splits_sum(p + e, stride, q, FR_G) : 0.0f;
            barrier(CLK_LOCAL_MEM_FENCE);
            scratch[q * 32 + el] = t;
            barrier(CLK_LOCAL_MEM_FENCE);
            if (q == 0 && e < hi)
                fmlp_splits_store(y + y_off + (size_t)b0 * FMLP_H, b_down, e, scratch + el, 32, FR_G);
        }
        // the last reducer of the tile leaves its counters at zero
        if (lid == 0 && atomic_inc(ctr + 1) == FR_WGS - 1) {
            atomic_xchg(ctr, 0u);
            atomic_xchg(ctr + 1, 0u);
        }
    }
#endif
#endif // DK
}
