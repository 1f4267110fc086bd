// The integer tensor-core strategy ("mmaq") for plans with integer dot products
// (FMLP_PRECISION_INT8_DOT, the block formats), at any batch: x and the hidden activations
// are rounded to int8 in runs of 32 (the stream kernel's rounding, formats.cl), and each
// 32-input run of a block's fields meets them in one mma.sync.m16n8k32 with 8-bit operands
// and 32-bit integer sums, which the kernel then scales by the block's scale and the run's
// scale (less the zero point times the run's sum) into fp32 accumulators, as llama.cpp's
// integer matrix kernels do. One warp takes 16 rows of a matrix (outputs) by 8 * FB batch
// rows, one run of 32 inputs a step, KU steps' loads issued before their mma.
//
// Kernels, in order: fmlp_mmaq_quant (x, then h, into runs: QP words a run), fmlp_mmaq_gateup
// (h = act(gate x + b) * (up x + b) in fp32), fmlp_mmaq_down (y, or partial sums of slices of
// I), fmlp_reduce_splits (reduce.cl).
//
// Fragments of m16n8k32 (lane = 4 g + t): A (16 x 32) a0 row g, inputs 4t..4t+3; a1 row g+8,
// the same inputs; a2 row g, inputs 16+4t..; a3 row g+8, 16+4t..; B (32 x 8) b0 column g,
// inputs 4t..4t+3; b1 column g, 16+4t..; C c0, c1 row g, columns 2t, 2t+1; c2, c3 row g+8.
// Which physical input a fragment position stands for is free as long as A and B agree: both
// take "inputs 4t..4t+3" as the run's word t in fmlp_xslot's order and "16+4t.." as word 4+t,
// so a lane's A words are fmlp_fields8's words t and 4+t and its B words the run's quantized
// words t and 4+t (stored side by side: QPOS).
//
// Parameters: QWARPS, QKW, QFB, QKU (gate/up: warps a work-group, warps that share a tile of
// rows and take every QKW-th step of its runs, adding their sums in local memory at the end,
// 8-row batch tiles a warp, runs a step; QPF loads a step ahead); DQWARPS, DQFB, DQKU (down);
// FMLP_SPLITS (slices of I in the down kernel); QBO (1: the grid's first dimension walks a row
// tile's batch tiles before the next row tile, so that the batch tiles reading one tile of
// weights run together and the weights come from the last-level cache after the first; 0: row
// tiles first, batch tiles outermost); QPL (both matmul kernels: the blocks that the step QPL
// steps ahead reads asked into L2 at each step, common.cl's fmlp_l2_prefetch); FMLP_MMA_EMULATE
// (portable code for the mma, for PoCL and Oclgrind).

#ifndef FMLP_MMA_EMULATE
#define FMLP_MMA_EMULATE 0
#endif
#ifndef QWARPS
#define QWARPS 4
#endif
#ifndef QKW
#define QKW 1
#endif
#ifndef QPF
#define QPF 0 // 1: the gate/up kernel issues the next step's loads before this step's mma
#endif
#ifndef QFB
#define QFB 1
#endif
#ifndef QKU
#define QKU 2
#endif
#ifndef DQWARPS
#define DQWARPS 4
#endif
#ifndef DQFB
#define DQFB 1
#endif
#ifndef DQKU
#define DQKU 2
#endif
#ifndef FMLP_SPLITS
#define FMLP_SPLITS 1
#endif
#ifndef QBO
#define QBO 0
#endif
#ifndef QPL
#define QPL 0 // the weight blocks of the step this many steps ahead asked into L2 (0: none)
#endif
#if QPL > 0 && QPF
#error "pl > 0 is for the gate/up kernel without loads a step ahead (pf=0)"
#endif
#if !FMLP_XQ || FMLP_W_ELEMENTWISE
#error "mmaq is for the block formats with integer dot products (FMLP_XQ)"
#endif

// A quantized run in global memory: its 8 words of int8 (fmlp_xslot's order) as pairs, words
// t and 4 + t at 2t and 2t + 1 (a lane's two B words, one 8-byte load), then the scale's bits
// and the sum of the 32 int8 values (one more)
#define QP 10
#define QPOS(j) (2 * ((j) & 3) + ((j) >> 2))
// words of a block's values per run of 32 fields
#if FMLP_WT == 3
#define QWR 8
#elif FMLP_WT == 4
#define QWR 4
#else
#define QWR WBITS
#endif
#define RUNS_PER_BLOCK (WB / 32)

// ---------------------------------------------------------------- the mma
// Q8_0's fields are signed bytes (GGML's int8 as stored); every other format's are unsigned.
#if FMLP_WT == 3
#define QMMA_A_SIGNED 1
#define QMMA_ATYPE "s8"
#else
#define QMMA_A_SIGNED 0
#define QMMA_ATYPE "u8"
#endif

#if FMLP_MMA_EMULATE
// c = a b for one m16n8k32 fragment: the warp's registers meet in local memory x[6 * 32]
inline int fmlp_qbyte(const uint w, const int i, const int sgn)
{
    const uint v = (w >> (8 * i)) & 255u;
    return sgn ? (int)(char)v : (int)v;
}

inline void fmlp_qmma(int *c, const uint *a, const uint *b, __local uint *x, const int lane)
{
    fmlp_emu_fragments(a, b, x, lane);
    const int g = lane >> 2, t = lane & 3;
    for (int j = 0; j < 4; ++j) {
        const int row = g + 8 * (j >> 1), col = 2 * t + (j & 1);
        int s = 0;
        for (int k = 0; k < 32; ++k) {
            const uint aw = x[((row >> 3) + 2 * (k >> 4)) * 32 + (row & 7) * 4 + ((k & 15) >> 2)];
            const uint bw = x[(4 + (k >> 4)) * 32 + col * 4 + ((k & 15) >> 2)];
            s += fmlp_qbyte(aw, k & 3, QMMA_A_SIGNED) * fmlp_qbyte(bw, k & 3, 1);
        }
        c[j] = s;
    }
}
// the warp's slice of the emulation's local memory and its lane, where the mma is called
#define QEMU_ARGS qemu, lane
#define QEMU_PARAMS , __local uint *qemu, const int lane
#define QMMA(c, a, b) fmlp_qmma((c), (a), (b), qemu, lane)
#else
inline void fmlp_qmma(int *c, const uint *a, const uint *b)
{
    asm volatile("mma.sync.aligned.m16n8k32.row.col.s32." QMMA_ATYPE ".s8.s32 "
                 "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%10, %10, %10, %10};"
                 : "=r"(c[0]), "=r"(c[1]), "=r"(c[2]), "=r"(c[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]), "r"(0));
}
#define QEMU_ARGS 0
#define QEMU_PARAMS , const int unused_
#define QMMA(c, a, b) fmlp_qmma((c), (a), (b))
#endif

// ---------------------------------------------------------------- weights
// Lane t's two A words of run r of block i of matrix w: the fields of fmlp_fields8's words t
// and 4 + t, one a byte, loaded as the few words they come from.
inline uint2 fmlp_q_slots(__global const uchar *w, const size_t i, const int r, const int t)
{
    __global const uint *q = (__global const uint *)fmlp_bq(w, i) + r * QWR;
#if FMLP_WT == 3 || FMLP_WT == 8
    return (uint2)(fmlp_ldw4(q + t), fmlp_ldw4(q + 4 + t));
#elif FMLP_WT == 4
    const uint v = fmlp_ldw4(q + t); // low nibbles: elements 4t.., high nibbles: 16 + 4t..
    return (uint2)(v & 0x0f0f0f0fu, (v >> 4) & 0x0f0f0f0fu);
#elif FMLP_WT == 5
    // four fields a byte: word j of fmlp_fields8 is field j % 4 of every byte of value word j / 4
    return (uint2)((fmlp_ldw4(q) >> (2 * t)) & 0x03030303u,
                   (fmlp_ldw4(q + 1) >> (2 * t)) & 0x03030303u);
#elif FMLP_WT == 7
    const int s = 4 * (t & 1);
    return (uint2)((fmlp_ldw4(q + (t >> 1)) >> s) & 0x0f0f0f0fu,
                   (fmlp_ldw4(q + 2 + (t >> 1)) >> s) & 0x0f0f0f0fu);
#else // AFFINE_Q3, regrouped (FMLP_Q3G): groups t (never 6 or 7) and 4 + t
    const int g1 = 4 + t;
    const uint lo = fmlp_q3_group(fmlp_ldw4(q + Q3_PW(t)), 0u, Q3_SH(t));
    const uint hi = fmlp_q3_group(fmlp_ldw4(q + Q3_PW(g1)), Q3_SH(g1) >= 6 ? fmlp_ldw4(q + 2) : 0u,
                                  Q3_SH(g1));
    return (uint2)(lo & 0x07070707u, hi & 0x07070707u);
#endif
}

// block i's scale, and in *z what its fields count from (Q8_0: 0, its fields being signed)
inline float fmlp_q_scale(__global const uchar *w, const size_t i, float *z)
{
    const float s = fmlp_block_scale(w, i, z);
#if FMLP_WT == 3
    *z = 0.0f;
#endif
    return s;
}

// A batch tile's share of run k of the quantized x (or h): the B words of column g (row at
// xb, ok: inside the batch) and the scales and sums of columns 2t and 2t + 1 (rows at xc[c],
// inside the batch where cok[c])
inline void fmlp_q_xrun(__global const uint *xb, const int ok, __global const uint *const *xc,
                        const int *cok, const int k, const int t, uint *bw, float *dx, float *sq)
{
    const uint2 bv = *(__global const uint2 *)(xb + (size_t)k * QP + 2 * t);
    bw[0] = ok ? bv.x : 0u;
    bw[1] = ok ? bv.y : 0u;
#pragma unroll
    for (int c = 0; c < 2; ++c) {
        const uint2 ds = *(__global const uint2 *)(xc[c] + (size_t)k * QP + 8);
        dx[c] = cok[c] ? as_float(ds.x) : 0.0f;
        sq[c] = (float)(int)ds.y;
    }
}

// The quantized rows (nr runs each, from q) that lane (g, t) reads for batch tile j of a tile
// of batch rows from b0: column g's (B) and columns 2t and 2t + 1's (C), clamped to the batch,
// with *ok and cok[] saying which are inside it
inline void fmlp_q_tile_rows(__global const uint *q, const int nr, const int b0, const int j,
                             const int g, const int t, const int batch,
                             __global const uint **xb, int *ok, __global const uint **xc,
                             int *cok)
{
    const int b = b0 + 8 * j + g;
    *ok = b < batch;
    *xb = q + (size_t)min(b, batch - 1) * nr * QP;
#pragma unroll
    for (int c = 0; c < 2; ++c) {
        const int bc = b0 + 8 * j + 2 * t + c;
        cok[c] = bc < batch;
        xc[c] = q + (size_t)min(bc, batch - 1) * nr * QP;
    }
}

// This work-group's row tile (*rt) and batch tile (*bt) of a grid of nbt batch tiles (QBO)
inline void fmlp_q_tiles(const int nbt, int *rt, int *bt)
{
#if QBO
    const int id = (int)get_group_id(0);
    *rt = id / nbt;
    *bt = id % nbt;
#else
    (void)nbt;
    *rt = (int)get_group_id(0);
    *bt = (int)get_group_id(1);
#endif
}

// block i (of FMLP_H / WB) of row r of gate or up; of down^T: block r (of FMLP_H) of row i
#define Q_GATEUP_BLK(r, i) ((size_t)(r) * (FMLP_H / WB) + (i))
#define Q_DOWN_BLK(r, i) ((size_t)(i) * FMLP_H + (r))

// QPL: lanes 0 and 1 of a row group (t = 0, 1) ask into L2 the first and the last block of the
// nk runs from run k of rows rr[] (block i of row r at blk(r) + i), each only where its run is
// before kend
#define Q_PREFETCH(w, blk, k, nk, kend)                                                  \
    do {                                                                                  \
        const int k_ = (k) + (t ? (nk) - 1 : 0);                                          \
        if (QPL > 0 && t < 2 && k_ < (kend))                                              \
            for (int hf_ = 0; hf_ < 2; ++hf_)                                             \
                fmlp_l2_prefetch(fmlp_bq((w), blk(rr[hf_], k_ / RUNS_PER_BLOCK)));        \
    } while (0)

// ---------------------------------------------------------------- quantizing x and h
// Run `run` of row b of an n-wide matrix (x in the activations' format, or h in fp32) into QP
// words at out[(b * n / 32 + run) * QP]: the stream kernel's rounding (scale max|v| / 127,
// nearest even, fmlp_xslot's order). A work-group of 256 takes 32 runs of one row, 8 threads a
// run: each loads 4 neighbouring values (the work-group's loads are one contiguous 4 KB), then
// builds one word of its run from local memory, as the stream kernel's fmlp_quantize_word does.
__kernel __attribute__((reqd_work_group_size(256, 1, 1)))
void fmlp_mmaq_quant(__global const A_T *restrict x, const ulong x_off,
                     __global const float *restrict h, const ulong h_off,
                     const int use_h, __global uint *restrict out, const ulong out_off,
                     const int n, const int rows)
{
    __local float4 v4[32 * 8]; // the runs' values (float4: 16-byte aligned for the reads)
    __local float *v = (__local float *)v4;
    __local uint words[32 * XQ_PITCH]; // a run's slots as fmlp_quantize_word leaves them
    const int lid = (int)get_local_id(0), r = lid / 8, j = lid % 8;
    const int nr = n / 32, run = (int)get_group_id(0) * 32 + r, b = (int)get_group_id(1);
    const int live = run < nr && b < rows;
    if (live) {
        const size_t at = (size_t)b * n + 32 * (size_t)run + 4 * j;
        // h rows are whole runs of fp32 in the workspace (16-byte aligned); x is the caller's
        const float4 q = use_h ? FMLP_LOAD4(h + h_off + at) : fmlp_x4(x, x_off + at);
        vstore4(q, 0, v + 32 * r + 4 * j);
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    __local uint *slots = words + XQ_PITCH * r;
    if (live) fmlp_quantize_word(v + 32 * r, j, slots);
    barrier(CLK_LOCAL_MEM_FENCE);
    if (!live) return;
    __global uint *o = out + out_off + ((size_t)b * nr + run) * QP;
    o[QPOS(j)] = slots[j];
    if (j == 0) {
        fmlp_quantize_sum(slots);
        o[8] = slots[8];
        o[9] = slots[9];
    }
}

// ---------------------------------------------------------------- scaling
// The fp32 accumulators of one fragment from its integer sums c: row halves with scales s[0]
// (row g) and s[1] (row g + 8) and zero points z[], columns with run scales dx[] and sums sq[]
inline void fmlp_q_flush(float *acc, const int *c, const float *s, const float *z,
                         const float *dx, const float *sq)
{
#pragma unroll
    for (int e = 0; e < 4; ++e) {
        const int r = e >> 1, col = e & 1;
        acc[e] = mad(s[r] * dx[col], mad(-z[r], sq[col], (float)c[e]), acc[e]);
    }
}

// ---------------------------------------------------------------- gate/up
// Work-group: QWARPS / QKW tiles of 16 rows of I, QKW warps a tile; batch rows b0 .. b0 +
// 8 QFB - 1.
#if FMLP_GATED
#define QNP 2
#else
#define QNP 1
#endif

// One step of the gate/up kernel: QKU runs of a warp's rows (both matrices) and of its batch
// tiles' quantized x, loaded (fmlp_qg_load) and then put through the mma (fmlp_qg_mma).
typedef struct {
    uint2 aw[QKU][QNP][2];                 // A words of rows g and g + 8
    float sc[QKU][QNP][2], zp[QKU][QNP][2]; // their blocks' scales and zero points
    uint bw[QKU][QFB][2];                  // B words
    float dx[QKU][QFB][2], sq[QKU][QFB][2]; // the runs' scales and sums, columns 2t, 2t + 1
} qstep_g;

inline void fmlp_qg_load(qstep_g *s, const int k0, __global const uchar *const *w,
                         const int *rr, const int t, __global const uint *const *xb,
                         __global const uint *const (*xc)[2], const int *bok,
                         const int (*cok)[2])
{
    const int nr = FMLP_H / 32;
#pragma unroll
    for (int u = 0; u < QKU; ++u) {
        const int live = k0 + u < nr;
        const int k = min(k0 + u, nr - 1); // a step past the end repeats the last run, scale 0
        const int kb = k / RUNS_PER_BLOCK, r = k % RUNS_PER_BLOCK;
#pragma unroll
        for (int p = 0; p < QNP; ++p)
#pragma unroll
            for (int hf = 0; hf < 2; ++hf) {
                const size_t bi = Q_GATEUP_BLK(rr[hf], kb);
                float z;
                s->aw[u][p][hf] = fmlp_q_slots(w[p], bi, r, t);
                const float sc = fmlp_q_scale(w[p], bi, &z);
                s->sc[u][p][hf] = live ? sc : 0.0f;
                s->zp[u][p][hf] = live ? z : 0.0f;
            }
#pragma unroll
        for (int j = 0; j < QFB; ++j)
            fmlp_q_xrun(xb[j], bok[j], xc[j], cok[j], k, t, s->bw[u][j], s->dx[u][j], s->sq[u][j]);
    }
}

inline void fmlp_qg_mma(const qstep_g *s, float (*acc)[QFB][4] QEMU_PARAMS)
{
#pragma unroll
    for (int u = 0; u < QKU; ++u)
#pragma unroll
        for (int p = 0; p < QNP; ++p) {
            const uint a[4] = {s->aw[u][p][0].x, s->aw[u][p][1].x, s->aw[u][p][0].y,
                               s->aw[u][p][1].y};
#pragma unroll
            for (int j = 0; j < QFB; ++j) {
                int c[4];
                QMMA(c, a, s->bw[u][j]);
                fmlp_q_flush(acc[p][j], c, s->sc[u][p], s->zp[u][p], s->dx[u][j], s->sq[u][j]);
            }
        }
}

__kernel __attribute__((reqd_work_group_size(QWARPS * 32, 1, 1)))
void fmlp_mmaq_gateup(__global const uint *restrict xq, const ulong xq_off,
                      __global const uchar *restrict gate,
                      __global const uchar *restrict up,
                      __global const float *restrict b_gate,
                      __global const float *restrict b_up,
                      __global float *restrict h, const ulong h_off,
                      const int batch)
{
    const int lid = (int)get_local_id(0), warp = lid / 32, lane = lid % 32;
#if FMLP_MMA_EMULATE
    __local uint emu[QWARPS * 6 * 32];
    __local uint *qemu = emu + warp * 6 * 32; // this warp's (QMMA)
#endif
    const int g = lane >> 2, t = lane & 3;
    const int kp = warp % QKW; // this warp's share of the runs: steps kp, kp + QKW, ...
    int rt, bt;
    fmlp_q_tiles((batch + 8 * QFB - 1) / (8 * QFB), &rt, &bt);
    const int row0 = (rt * (QWARPS / QKW) + warp / QKW) * 16;
    const int b0 = bt * 8 * QFB;
    const int nr = FMLP_H / 32;
    xq += xq_off;
    // rows g and g + 8 (clamped: rows past I load row I - 1 and store nothing)
    const int rr[2] = {min(row0 + g, FMLP_I - 1), min(row0 + g + 8, FMLP_I - 1)};
    __global const uchar *w[QNP];
#if FMLP_GATED
    w[0] = gate;
    w[1] = up;
#else
    w[0] = up;
#endif
    // the quantized x rows of this lane's B columns and C columns
    int bok[QFB], cok[QFB][2];
    __global const uint *xb[QFB], *xc[QFB][2];
#pragma unroll
    for (int j = 0; j < QFB; ++j)
        fmlp_q_tile_rows(xq, nr, b0, j, g, t, batch, &xb[j], &bok[j], xc[j], cok[j]);
    float acc[QNP][QFB][4];
#pragma unroll
    for (int p = 0; p < QNP; ++p)
#pragma unroll
        for (int j = 0; j < QFB; ++j)
#pragma unroll
            for (int e = 0; e < 4; ++e) acc[p][j][e] = 0.0f;

    // every warp of the work-group takes the same number of steps (the emulated mma needs the
    // whole work-group); runs past H load the last run and add nothing (scale 0)
#if QPF
    // loads a step ahead: the next step's issued before this step's mma (steps past the end
    // load the last run with scale 0)
    qstep_g s0, s1;
    fmlp_qg_load(&s0, kp * QKU, w, rr, t, xb, xc, bok, cok);
    for (int ks = 0; ks < nr; ks += 2 * QKU * QKW) {
        fmlp_qg_load(&s1, ks + (QKW + kp) * QKU, w, rr, t, xb, xc, bok, cok);
        fmlp_qg_mma(&s0, acc, QEMU_ARGS);
        fmlp_qg_load(&s0, ks + (2 * QKW + kp) * QKU, w, rr, t, xb, xc, bok, cok);
        fmlp_qg_mma(&s1, acc, QEMU_ARGS);
    }
#else
    for (int ks = 0; ks < nr; ks += QKU * QKW) {
        qstep_g s0;
#pragma unroll
        for (int p = 0; p < QNP; ++p)
            Q_PREFETCH(w[p], Q_GATEUP_BLK, ks + (QPL * QKW + kp) * QKU, QKU, nr);
        fmlp_qg_load(&s0, ks + kp * QKU, w, rr, t, xb, xc, bok, cok);
        fmlp_qg_mma(&s0, acc, QEMU_ARGS);
    }
#endif
#if QKW > 1
    // the tile's warps add their sums in a fixed order (warp kp = 0 first): one thread's
    // QNP * QFB * 4 values at red[((tile * QKW + kp) * QNP * QFB * 4 + v) * 32 + lane]
    __local float red[QWARPS * QNP * QFB * 4 * 32];
    {
        __local float *mine = red + (size_t)warp * QNP * QFB * 4 * 32 + lane;
#pragma unroll
        for (int p = 0; p < QNP; ++p)
#pragma unroll
            for (int j = 0; j < QFB; ++j)
#pragma unroll
                for (int e = 0; e < 4; ++e) mine[((p * QFB + j) * 4 + e) * 32] = acc[p][j][e];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    if (kp != 0) return;
    {
        __local const float *tile = red + (size_t)warp * QNP * QFB * 4 * 32 + lane;
#pragma unroll
        for (int p = 0; p < QNP; ++p)
#pragma unroll
            for (int j = 0; j < QFB; ++j)
#pragma unroll
                for (int e = 0; e < 4; ++e) {
                    float v = tile[((p * QFB + j) * 4 + e) * 32];
                    for (int q = 1; q < QKW; ++q)
                        v += tile[((q * QNP + p) * QFB + j) * 4 * 32 + e * 32];
                    acc[p][j][e] = v;
                }
    }
#endif
    // h = act(gate + b) * (up + b)
    h += h_off;
#pragma unroll
    for (int j = 0; j < QFB; ++j)
#pragma unroll
        for (int e = 0; e < 4; ++e) {
            const int row = row0 + g + 8 * (e >> 1), b = b0 + 8 * j + 2 * t + (e & 1);
            if (row >= FMLP_I || b >= batch) continue;
            h[(size_t)b * FMLP_I + row] =
                fmlp_hidden_biased(acc[0][j][e], acc[FMLP_GATED][j][e], b_gate, b_up, row);
        }
}

// ---------------------------------------------------------------- down
// Work-group: DQWARPS warps of 16 outputs (rows of down) each; batch rows b0 .. b0 + 8 DQFB - 1;
// slice get_group_id(2) of I's runs. With one slice, y (bias added, the activations' format);
// otherwise the slice's partial sums in fp32 for fmlp_reduce_splits.
#if FMLP_SPLITS == 1
typedef A_T MMAQ_OUT_T;
#else
typedef float MMAQ_OUT_T;
#endif
#define Q_NRI (FMLP_I / 32)
#define Q_KCH ((Q_NRI + FMLP_SPLITS - 1) / FMLP_SPLITS)

__kernel __attribute__((reqd_work_group_size(DQWARPS * 32, 1, 1)))
void fmlp_mmaq_down(__global const uint *restrict hq, const ulong hq_off,
                    __global const uchar *restrict down_t,
                    __global const float *restrict b_down,
                    __global MMAQ_OUT_T *restrict out, const ulong out_off,
                    const int batch)
{
    const int lid = (int)get_local_id(0), warp = lid / 32, lane = lid % 32;
#if FMLP_MMA_EMULATE
    __local uint emu[DQWARPS * 6 * 32];
    __local uint *qemu = emu + warp * 6 * 32; // this warp's (QMMA)
#endif
    const int g = lane >> 2, t = lane & 3;
    int rt, bt;
    fmlp_q_tiles((batch + 8 * DQFB - 1) / (8 * DQFB), &rt, &bt);
    const int row0 = (rt * DQWARPS + warp) * 16;
    const int b0 = bt * 8 * DQFB;
    const int split = (int)get_group_id(2);
    const int kbeg = split * Q_KCH, kend = min(Q_NRI, kbeg + Q_KCH);
    hq += hq_off;
    const int rr[2] = {min(row0 + g, FMLP_H - 1), min(row0 + g + 8, FMLP_H - 1)};
    int bok[DQFB], cok[DQFB][2];
    __global const uint *hb[DQFB], *hc[DQFB][2];
#pragma unroll
    for (int j = 0; j < DQFB; ++j)
        fmlp_q_tile_rows(hq, Q_NRI, b0, j, g, t, batch, &hb[j], &bok[j], hc[j], cok[j]);
    float acc[DQFB][4];
#pragma unroll
    for (int j = 0; j < DQFB; ++j)
#pragma unroll
        for (int e = 0; e < 4; ++e) acc[j][e] = 0.0f;

    for (int k0 = kbeg; k0 < kend; k0 += DQKU) {
        Q_PREFETCH(down_t, Q_DOWN_BLK, k0 + QPL * DQKU, DQKU, kend);
        uint2 aw[DQKU][2];
        float sc[DQKU][2], zp[DQKU][2];
        uint bw[DQKU][DQFB][2];
        float dx[DQKU][DQFB][2], sq[DQKU][DQFB][2];
#pragma unroll
        for (int u = 0; u < DQKU; ++u) {
            const int k = min(k0 + u, kend - 1);
            const int kb = k / RUNS_PER_BLOCK, r = k % RUNS_PER_BLOCK;
#pragma unroll
            for (int hf = 0; hf < 2; ++hf) {
                // down^T's block rows: block kb * H + n holds down[n][kb-th block of I]
                const size_t bi = Q_DOWN_BLK(rr[hf], kb);
                aw[u][hf] = fmlp_q_slots(down_t, bi, r, t);
                sc[u][hf] = fmlp_q_scale(down_t, bi, &zp[u][hf]);
            }
#pragma unroll
            for (int j = 0; j < DQFB; ++j)
                fmlp_q_xrun(hb[j], bok[j], hc[j], cok[j], k, t, bw[u][j], dx[u][j], sq[u][j]);
        }
#pragma unroll
        for (int u = 0; u < DQKU; ++u) {
            if (k0 + u < kend) { // the same for the whole work-group
                const uint a[4] = {aw[u][0].x, aw[u][1].x, aw[u][0].y, aw[u][1].y};
#pragma unroll
                for (int j = 0; j < DQFB; ++j) {
                    int c[4];
                    QMMA(c, a, bw[u][j]);
                    fmlp_q_flush(acc[j], c, sc[u], zp[u], dx[u][j], sq[u][j]);
                }
            }
        }
    }
    out += out_off;
#pragma unroll
    for (int j = 0; j < DQFB; ++j)
#pragma unroll
        for (int e = 0; e < 4; ++e) {
            const int n = row0 + g + 8 * (e >> 1), b = b0 + 8 * j + 2 * t + (e & 1);
            if (n >= FMLP_H || b >= batch) continue;
#if FMLP_SPLITS == 1
            float v = acc[j][e];
#if FMLP_HAS_BD
            v += b_down[n];
#endif
            fmlp_y1(out, (size_t)b * FMLP_H + n, v);
#else
            out[((size_t)split * batch + b) * FMLP_H + n] = acc[j][e];
#endif
        }
}
