// Tensor-core weight streaming for small batches ("mmav" strategy), NVIDIA sm_80 and newer.
//
// At small B the MLP is a weight stream: every weight is used by at most 16 * FM batch rows,
// once. So weights go from global memory straight into mma.sync fragments, with no local
// memory and no barriers; only the small x (or h) is re-read, from the caches. Two kernels:
//   fmlp_mmav_gateup: h[B, I] = hidden(x gate^T + b_gate, x up^T + b_up); each warp owns
//     8 * SFN rows of gate and up ([I, H], k-contiguous). In each 32-wide k-chunk lane (g, t)
//     loads 8 consecutive floats of row g: the mma's k-step s takes its elements 2s and 2s+1
//     as "k = t" and "k = t + 4" (a permutation of k that A follows too), so a warp reads
//     whole 128-byte lines.
//   fmlp_mmav_down: y[B, H] (or partial sums over I-splits) = h down, down stored as
//     down^T [I, H]; each warp owns 32 columns as four n8 tiles interleaved so that lane g
//     loads the float4 at columns 4g..4g+3 of a row: again whole 128-byte lines.
// Products are 3xTF32 (mma_common.cl): fp32-accurate.

#ifndef SWARPS
#define SWARPS 4     // warps per work-group, gate/up kernel
#endif
#ifndef SFN
#define SFN 1        // n8 tiles (8 rows of gate and of up) per warp
#endif
#ifndef SFM
#define SFM 1        // m16 tiles (16 batch rows) per warp
#endif
#ifndef SKU
#define SKU 2        // 32-wide k-chunks loaded per step
#endif
#ifndef DWARPS
#define DWARPS 4     // warps per work-group, down kernel
#endif
#ifndef DFM
#define DFM 1
#endif
#ifndef DKU
#define DKU 4        // k8 steps loaded per step
#endif
#ifndef MMA_SPLITS
#define MMA_SPLITS 1 // partial sums over I, added by reduce.cl
#endif

#define NP (FMLP_GATED + 1)

// Four consecutive floats p[k..k+3] of a row of n floats, zero past its end.
inline float4 fmlp_ld4(__global const float *p, const int k, const int n)
{
    if (k + 4 <= n) return vload4(0, p + k);
    float4 v = (float4)(0.0f);
    if (k < n) v.x = p[k];
    if (k + 1 < n) v.y = p[k + 1];
    if (k + 2 < n) v.z = p[k + 2];
    return v;
}

#define ELEM8(lo, hi, e) ((e) < 4 ? ((e) == 0 ? (lo).x : (e) == 1 ? (lo).y : (e) == 2 ? (lo).z : (lo).w) \
                                  : ((e) == 4 ? (hi).x : (e) == 5 ? (hi).y : (e) == 6 ? (hi).z : (hi).w))
#define ELEM4(v, e) ((e) == 0 ? (v).x : (e) == 1 ? (v).y : (e) == 2 ? (v).z : (v).w)

__kernel __attribute__((reqd_work_group_size(SWARPS * 32, 1, 1)))
void fmlp_mmav_gateup(__global const float *restrict x, const ulong x_off,
                      __global const float *restrict gate,
                      __global const float *restrict up,
                      __global const float *restrict b_gate,
                      __global const float *restrict b_up,
                      __global float *restrict h,
                      const int batch)
{
#if FMLP_MMA_EMULATE
    __local uint emu[SWARPS * 6 * 32];
#endif
    x += x_off;
    const int lid = (int)get_local_id(0), warp = lid / 32, lane = lid % 32;
    const int g = lane >> 2, t = lane & 3;
    const int n0 = ((int)get_group_id(0) * SWARPS + warp) * 8 * SFN;
    const int m0 = (int)get_group_id(1) * 16 * SFM;

    // rows past I or past the batch are clamped onto valid memory; their results are dropped
    __global const float *wrow[NP][SFN];
#pragma unroll
    for (int j = 0; j < SFN; ++j) {
        const size_t row = (size_t)min(n0 + j * 8 + g, FMLP_I - 1) * FMLP_H;
#if FMLP_GATED
        wrow[0][j] = gate + row;
        wrow[1][j] = up + row;
#else
        wrow[0][j] = up + row;
#endif
    }
    __global const float *xrow[SFM][2];
    int xok[SFM][2];
#pragma unroll
    for (int i = 0; i < SFM; ++i)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            const int m = m0 + i * 16 + g + 8 * r;
            xok[i][r] = m < batch;
            xrow[i][r] = x + (size_t)min(m, batch - 1) * FMLP_H;
        }

    float acc[NP][SFM][SFN][4];
#pragma unroll
    for (int p = 0; p < NP; ++p)
#pragma unroll
        for (int i = 0; i < SFM; ++i)
#pragma unroll
            for (int j = 0; j < SFN; ++j)
#pragma unroll
                for (int r = 0; r < 4; ++r) acc[p][i][j][r] = 0.0f;

    for (int kc = 0; kc < FMLP_H; kc += 32 * SKU) {
        float4 w[SKU][NP][SFN][2], xv[SKU][SFM][2][2];
#pragma unroll
        for (int c = 0; c < SKU; ++c) {
            const int k = kc + c * 32 + 8 * t;
#pragma unroll
            for (int p = 0; p < NP; ++p)
#pragma unroll
                for (int j = 0; j < SFN; ++j) {
                    w[c][p][j][0] = fmlp_ld4(wrow[p][j], k, FMLP_H);
                    w[c][p][j][1] = fmlp_ld4(wrow[p][j], k + 4, FMLP_H);
                }
#pragma unroll
            for (int i = 0; i < SFM; ++i)
#pragma unroll
                for (int r = 0; r < 2; ++r) {
                    xv[c][i][r][0] = xok[i][r] ? fmlp_ld4(xrow[i][r], k, FMLP_H) : (float4)(0.0f);
                    xv[c][i][r][1] = xok[i][r] ? fmlp_ld4(xrow[i][r], k + 4, FMLP_H) : (float4)(0.0f);
                }
        }
#pragma unroll
        for (int c = 0; c < SKU; ++c)
#pragma unroll
            for (int s = 0; s < 4; ++s) {
                uint ab[SFM][4], as[SFM][4];
#pragma unroll
                for (int i = 0; i < SFM; ++i) {
                    fmlp_split(ELEM8(xv[c][i][0][0], xv[c][i][0][1], 2 * s), &ab[i][0], &as[i][0]);
                    fmlp_split(ELEM8(xv[c][i][1][0], xv[c][i][1][1], 2 * s), &ab[i][1], &as[i][1]);
                    fmlp_split(ELEM8(xv[c][i][0][0], xv[c][i][0][1], 2 * s + 1), &ab[i][2], &as[i][2]);
                    fmlp_split(ELEM8(xv[c][i][1][0], xv[c][i][1][1], 2 * s + 1), &ab[i][3], &as[i][3]);
                }
#pragma unroll
                for (int p = 0; p < NP; ++p)
#pragma unroll
                    for (int j = 0; j < SFN; ++j) {
                        uint bb[2], bs[2];
                        fmlp_split(ELEM8(w[c][p][j][0], w[c][p][j][1], 2 * s), &bb[0], &bs[0]);
                        fmlp_split(ELEM8(w[c][p][j][0], w[c][p][j][1], 2 * s + 1), &bb[1], &bs[1]);
#pragma unroll
                        for (int i = 0; i < SFM; ++i) MMA3(acc[p][i][j], ab[i], as[i], bb, bs);
                    }
            }
    }

#pragma unroll
    for (int i = 0; i < SFM; ++i)
#pragma unroll
        for (int j = 0; j < SFN; ++j)
#pragma unroll
            for (int r = 0; r < 4; ++r) {
                const int m = m0 + i * 16 + g + 8 * (r >> 1);
                const int n = n0 + j * 8 + 2 * t + (r & 1);
                if (m < batch && n < FMLP_I) {
#if FMLP_GATED
                    float gv = acc[0][i][j][r], uv = acc[1][i][j][r];
#if FMLP_HAS_BG
                    gv += b_gate[n];
#endif
#else
                    float gv = 0.0f, uv = acc[0][i][j][r];
#endif
#if FMLP_HAS_BU
                    uv += b_up[n];
#endif
                    h[(size_t)m * FMLP_I + n] = fmlp_hidden(gv, uv);
                }
            }
}

// Each split covers a whole number of 8 * DKU-row steps of I.
#define V_KCH (((FMLP_I + MMA_SPLITS - 1) / MMA_SPLITS + 8 * DKU - 1) / (8 * DKU) * (8 * DKU))

__kernel __attribute__((reqd_work_group_size(DWARPS * 32, 1, 1)))
void fmlp_mmav_down(__global const float *restrict h,
                    __global const float *restrict down_t,
                    __global const float *restrict b_down,
                    __global float *restrict out, const ulong out_off,
                    const int batch)
{
#if FMLP_MMA_EMULATE
    __local uint emu[DWARPS * 6 * 32];
#endif
    out += out_off;
    const int lid = (int)get_local_id(0), warp = lid / 32, lane = lid % 32;
    const int g = lane >> 2, t = lane & 3;
    const int c0 = ((int)get_group_id(0) * DWARPS + warp) * 32;
    const int col = c0 + 4 * g; // this lane's four B columns, one per n8 tile
    const int m0 = (int)get_group_id(1) * 16 * DFM;
    const int split = (int)get_group_id(2);
    const int kb = split * V_KCH, ke = min(FMLP_I, kb + V_KCH);

    __global const float *hrow[DFM][2];
    int hok[DFM][2];
#pragma unroll
    for (int i = 0; i < DFM; ++i)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            const int m = m0 + i * 16 + g + 8 * r;
            hok[i][r] = m < batch;
            hrow[i][r] = h + (size_t)min(m, batch - 1) * FMLP_I;
        }

    float acc[DFM][4][4];
#pragma unroll
    for (int i = 0; i < DFM; ++i)
#pragma unroll
        for (int j = 0; j < 4; ++j)
#pragma unroll
            for (int r = 0; r < 4; ++r) acc[i][j][r] = 0.0f;

    for (int k0 = kb; k0 < ke; k0 += 8 * DKU) {
        float4 w[DKU][2];
        float a[DKU][DFM][4];
#pragma unroll
        for (int u = 0; u < DKU; ++u) {
            const int r0 = k0 + 8 * u + t, r1 = r0 + 4;
            w[u][0] = r0 < ke ? fmlp_ld4(down_t + (size_t)r0 * FMLP_H, col, FMLP_H) : (float4)(0.0f);
            w[u][1] = r1 < ke ? fmlp_ld4(down_t + (size_t)r1 * FMLP_H, col, FMLP_H) : (float4)(0.0f);
#pragma unroll
            for (int i = 0; i < DFM; ++i) {
                a[u][i][0] = hok[i][0] && r0 < ke ? hrow[i][0][r0] : 0.0f;
                a[u][i][1] = hok[i][1] && r0 < ke ? hrow[i][1][r0] : 0.0f;
                a[u][i][2] = hok[i][0] && r1 < ke ? hrow[i][0][r1] : 0.0f;
                a[u][i][3] = hok[i][1] && r1 < ke ? hrow[i][1][r1] : 0.0f;
            }
        }
#pragma unroll
        for (int u = 0; u < DKU; ++u) {
            uint ab[DFM][4], as[DFM][4];
#pragma unroll
            for (int i = 0; i < DFM; ++i)
#pragma unroll
                for (int r = 0; r < 4; ++r) fmlp_split(a[u][i][r], &ab[i][r], &as[i][r]);
#pragma unroll
            for (int j = 0; j < 4; ++j) {
                uint bb[2], bs[2];
                fmlp_split(ELEM4(w[u][0], j), &bb[0], &bs[0]);
                fmlp_split(ELEM4(w[u][1], j), &bb[1], &bs[1]);
#pragma unroll
                for (int i = 0; i < DFM; ++i) MMA3(acc[i][j], ab[i], as[i], bb, bs);
            }
        }
    }

    // lane (g, t) holds rows g and g + 8, columns c0 + 8t + j (c0, c2) and c0 + 8t + 4 + j (c1, c3)
#pragma unroll
    for (int i = 0; i < DFM; ++i)
#pragma unroll
        for (int r = 0; r < 4; ++r) {
            const int m = m0 + i * 16 + g + 8 * (r >> 1);
            const int cb = c0 + 8 * t + 4 * (r & 1);
            if (m >= batch) continue;
#pragma unroll
            for (int j = 0; j < 4; ++j) {
                const int n = cb + j;
                if (n >= FMLP_H) continue;
#if MMA_SPLITS == 1
#if FMLP_HAS_BD
                out[(size_t)m * FMLP_H + n] = acc[i][j][r] + b_down[n];
#else
                out[(size_t)m * FMLP_H + n] = acc[i][j][r];
#endif
#else
                out[((size_t)split * batch + m) * FMLP_H + n] = acc[i][j][r];
#endif
            }
        }
}
