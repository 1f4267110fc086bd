// Deterministic split reduction: y[b][c] = b_down[c] + the sum of partial[s][b][c] over the
// splits s. Each work-group takes RED_E consecutive outputs; its RED_G thread groups sum the
// splits s = q, q + RED_G, ... (four interleaved running sums, added at the end), and the group
// sums are added in the order q = 0, 1, ...
// The order never changes, so results are bit-identical from run to run, while enough threads
// run to read the partial sums at full bandwidth even for one batch row.

#ifndef FMLP_SPLITS
#define FMLP_SPLITS 1
#endif
#ifndef RED_E
#define RED_E 32
#endif
#ifndef RED_G
#define RED_G 8
#endif
// PART_BF16 (the stream strategy's parameter ps, for its int8 plans only): the partial sums
// are stored as bf16, rounded to nearest even, half the bytes written and read back; their
// rounding (2^-9 relative) is far inside the int8 plans' error. Otherwise fp32.
#ifndef PART_BF16
#define PART_BF16 0
#endif
#if PART_BF16
typedef ushort PART_T;
#define PART_VALUE(v) fmlp_bf16(v) // formats.cl, which every program puts first
#else
typedef float PART_T;
#define PART_VALUE(v) (v)
#endif

// The two steps of a split reduction, shared with the stream kernel's own (mlp_stream.cl, FR_WGS):
// the sum of p[s * stride] over the splits s = q, q + groups, ... (four interleaved running
// sums, the i-th split of the group into sum i % 4), and output e from the groups' sums
// (sums[g * pitch], g = 0, 1, ... in order) plus its down bias. The loop's count is a
// compile-time constant (groups is one where this inlines), so it unrolls and every load of a
// thread is issued before the first sum waits: a B=1 reduction of 448 splits took 7.4 us on an
// H200 with four loads in flight a thread and seven rounds of them.
inline float fmlp_splits_sum(__global const PART_T *p, const size_t stride, const int q,
                             const int groups)
{
    float t[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    const int n = (FMLP_SPLITS + groups - 1) / groups; // the most splits a group takes
#pragma unroll
    for (int i = 0; i < n; ++i) {
        const int s = q + i * groups;
        if (s < FMLP_SPLITS) t[i & 3] += PART_VALUE(p[(size_t)s * stride]);
    }
    return (t[0] + t[1]) + (t[2] + t[3]);
}

inline void fmlp_splits_store(__global A_T *y, __global const float *b_down, const size_t e,
                              __local const float *sums, const int pitch, const int groups)
{
#if FMLP_HAS_BD
    float r = b_down[e % FMLP_H];
#else
    float r = 0.0f;
#endif
    for (int g = 0; g < groups; ++g) r += sums[g * pitch];
    fmlp_y1(y, e, r);
}

__kernel __attribute__((reqd_work_group_size(RED_E * RED_G, 1, 1)))
void fmlp_reduce_splits(__global const PART_T *restrict partial, const ulong p_off,
                        __global const float *restrict b_down,
                        __global A_T *restrict y, const ulong y_off,
                        const int batch)
{
    __local float sums[RED_G][RED_E];
    partial += p_off;
    y += y_off;
    const size_t n = (size_t)batch * FMLP_H;
    const int lid = (int)get_local_id(0), el = lid % RED_E, q = lid / RED_E;
    const size_t e = get_group_id(0) * RED_E + el;
    sums[q][el] = e < n ? fmlp_splits_sum(partial + e, n, q, RED_G) : 0.0f;
    barrier(CLK_LOCAL_MEM_FENCE);
    if (q == 0 && e < n) fmlp_splits_store(y, b_down, e, &sums[0][el], RED_E, RED_G);
}
