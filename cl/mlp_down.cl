// The down projection as its own kernel, for the stream strategy's two-kernel form (DK,
// parameter dk; mlp_stream.cl writes the activation tile h to the workspace first).
//
// Work-group (column block, split, batch tile): DC consecutive outputs of y, over the units
// s * DKS .. s * DKS + DKS - 1 of I (all of I with one split), for BT batch rows. Its DW threads
// are DCT column threads by DRG row groups: a column thread takes VW outputs side by side
// (fp32 and 16-bit formats) or DCU outputs DCT apart (block formats, one block of down^T's
// block rows each), and row group g takes rows (block rows) g, g + DRG, ... of the split, DR
// rows at a time for the elementwise formats, so that DR loads are in flight. The row groups'
// sums are added in local memory in a fixed order (deterministic), then stored to y with the
// down bias (one split) or as the split's partial sums for reduce.cl. h is read from global
// memory: the DCT threads of a row share each value (cached), and all of it is 57 KB at fp32
// for Llama-3's I, too much to stage in local memory when one split takes all of I.
//
// Tunables (host-validated): DC (parameter dc), DW (dw), DR (dr), FMLP_SPLITS (dsp, after
// rounding DKS up to whole runs of 32 and blocks), DKS (from the host).
//
// DK 2 (parameter dk=2): the down kernel takes DRR whole rows of down [H][I] a work-group
// (parameter dc), DW threads (dw), RL lanes a row (dr): mlp_stream.cl's fmlp_down_rows.
#if DK == 1
#ifndef DC
#define DC 128
#endif
#ifndef DW
#define DW 256
#endif
#ifndef DR
#define DR 4
#endif
#ifndef DKS
#define DKS FMLP_I
#endif
#if FMLP_BLOCKS
#define DCT (DC / DCU)
#else
#define DCT (DC / VW)
#endif
#define DRG (DW / DCT)
#if (DW % DCT) != 0 || DRG < 1 || (FMLP_BLOCKS && (DC % DCU) != 0) || (DC % VW) != 0 || \
    FR_WGS > 0 || DL > 0 || (FMLP_BLOCKS && (DKS % WB) != 0)
#error "inconsistent parameters of the two-kernel stream form"
#endif

#if FMLP_SPLITS == 1
typedef A_T DOUT_T;
#else
typedef PART_T DOUT_T;
#endif
#if PART_BF16
#define DSTORE(v, p) (*(p) = fmlp_to_bf16(v))
#else
#define DSTORE(v, p) (*(p) = (v))
#endif

__kernel __attribute__((reqd_work_group_size(DW, 1, 1)))
void fmlp_stream_down(__global const uint *restrict hg,
                      __global const W_T *restrict down_t,
                      __global const float *restrict b_down,
                      __global DOUT_T *restrict out, const ulong out_off,
                      const int batch)
{
    out += out_off;
    __local float red[DRG * BT * DC] __attribute__((aligned(16)));
    const int lid = (int)get_local_id(0);
    const int ct = lid % DCT, g = lid / DCT;
    const int c0 = (int)get_group_id(0) * DC;
    const int s = (int)get_group_id(1);
    const int b0 = (int)get_group_id(2) * BT;
    const int nb = min(BT, batch - b0);
    const int k0 = s * DKS, k1 = min(FMLP_I, k0 + DKS);

#if FMLP_BLOCKS
    float a[DCU][BT];
#pragma unroll
    for (int u = 0; u < DCU; ++u)
#pragma unroll
        for (int b = 0; b < BT; ++b) a[u][b] = 0.0f;
    for (int kb = k0 / WB + g; kb < k1 / WB; kb += DRG) {
        uint q[DCU][QFW];
        float sc[DCU], off[DCU];
#pragma unroll
        for (int u = 0; u < DCU; ++u) {
            const int c = min(c0 + ct + u * DCT, FMLP_H - 1); // past H: clamped, not stored
            sc[u] = fmlp_block_words(down_t, (size_t)kb * FMLP_H + c, q[u], &off[u]);
        }
#if FMLP_XQ
#pragma unroll
        for (int e0 = 0; e0 < WB; e0 += 32) {
            uint f[DCU][8];
#pragma unroll
            for (int u = 0; u < DCU; ++u) fmlp_fields8(q[u], e0, f[u]);
#pragma unroll
            for (int b = 0; b < BT; ++b) {
                const int bb = min(b, nb - 1); // rows past the batch: a valid row, not stored
                __global const uint *r =
                    hg + ((size_t)(b0 + bb) * (FMLP_I / 32) + (kb * WB + e0) / 32) * HG_PITCH;
                const uint4 ha = *(__global const uint4 *)r, hb = *(__global const uint4 *)(r + 4);
                const float dh = as_float(r[8]), sq = (float)(int)r[9];
#pragma unroll
                for (int u = 0; u < DCU; ++u)
                    a[u][b] += sc[u] * dh * mad(-off[u], sq, (float)fmlp_dot32_q(f[u], ha, hb));
            }
        }
#else
        __global const float *h = (__global const float *)hg;
#pragma unroll
        for (int b = 0; b < BT; ++b) {
            const int bb = min(b, nb - 1);
            float d[DCU], sh = 0.0f;
#pragma unroll
            for (int u = 0; u < DCU; ++u) d[u] = 0.0f;
#pragma unroll
            for (int e0 = 0; e0 < WB; e0 += 32) {
                float hr[32];
                __global const float4 *src =
                    (__global const float4 *)(h + (size_t)(b0 + bb) * FMLP_I + kb * WB + e0);
#pragma unroll
                for (int e = 0; e < 8; ++e) {
                    const float4 v = src[e];
                    hr[4 * e] = v.x;
                    hr[4 * e + 1] = v.y;
                    hr[4 * e + 2] = v.z;
                    hr[4 * e + 3] = v.w;
                    sh += (v.x + v.y) + (v.z + v.w);
                }
#pragma unroll
                for (int u = 0; u < DCU; ++u) d[u] += fmlp_block_dot(q[u], hr, e0);
            }
#pragma unroll
            for (int u = 0; u < DCU; ++u) a[u][b] += FMLP_BLOCK_VALUE(sc[u], off[u], d[u], sh);
        }
#endif
    }
#pragma unroll
    for (int u = 0; u < DCU; ++u)
#pragma unroll
        for (int b = 0; b < BT; ++b) red[(g * BT + b) * DC + ct + u * DCT] = a[u][b];
#else
    __global const float *h = (__global const float *)hg;
    const int cc = min(c0 + ct * VW, FMLP_H - VW); // past H: clamped, not stored
    floatv a[BT];
#pragma unroll
    for (int b = 0; b < BT; ++b) a[b] = (floatv)(0.0f);
    for (int i = k0 + g * DR; i < k1; i += DRG * DR) {
        floatv w[DR];
#pragma unroll
        for (int j = 0; j < DR; ++j) w[j] = DLOAD(min(i + j, k1 - 1), cc);
#pragma unroll
        for (int b = 0; b < BT; ++b) {
            const int bb = min(b, nb - 1);
#pragma unroll
            for (int j = 0; j < DR; ++j) {
                const float hv = i + j < k1 ? h[(size_t)(b0 + bb) * FMLP_I + i + j] : 0.0f;
                a[b] = mad((floatv)(hv), w[j], a[b]);
            }
        }
    }
#pragma unroll
    for (int b = 0; b < BT; ++b) VSTORE(a[b], red + (g * BT + b) * DC + ct * VW);
#endif
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int e = lid; e < nb * DC; e += DW) {
        const int b = e / DC, col = e % DC, c = c0 + col;
        if (c >= FMLP_H) continue;
        float t = 0.0f;
        for (int q = 0; q < DRG; ++q) t += red[(q * BT + b) * DC + col];
#if FMLP_SPLITS == 1
#if FMLP_HAS_BD
        t += b_down[c];
#endif
        fmlp_y1(out, (size_t)(b0 + b) * FMLP_H + c, t);
#else
        DSTORE(t, out + ((size_t)s * batch + b0 + b) * FMLP_H + c);
#endif
    }
}
#elif DK == 2
#ifndef DRR
#define DRR 32
#endif
__kernel __attribute__((reqd_work_group_size(DT, 1, 1)))
void fmlp_stream_down(__global const uint *restrict hg, __global const W_T *restrict down,
                      __global const float *restrict b_down, __global A_T *restrict y,
                      const ulong y_off, const int batch)
{
    __local float hl[BT * XC] __attribute__((aligned(16)));
    __local float red[DT * BT] __attribute__((aligned(16)));
    const int r0 = (int)get_group_id(0) * DRR;
    const int b0 = (int)get_group_id(1) * BT;
    fmlp_down_rows((__global const float *)hg, down, b_down, y + y_off, b0, min(BT, batch - b0),
                   r0, min(FMLP_H, r0 + DRR), hl, red, (int)get_local_id(0));
}
#else
// the one-kernel form: never launched, present so that every build has the same kernels
__kernel void fmlp_stream_down(__global uint *unused) { (void)unused; }
#endif
