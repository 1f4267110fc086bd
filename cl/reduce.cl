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

__kernel __attribute__((reqd_work_group_size(RED_E * RED_G, 1, 1)))
void fmlp_reduce_splits(__global const float *restrict partial, const ulong p_off,
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
    // four running sums a thread (t0 takes s, t1 s + RED_G, ...), so four loads are in flight
    float t0 = 0.0f, t1 = 0.0f, t2 = 0.0f, t3 = 0.0f;
    if (e < n) {
        __global const float *p = partial + e;
        int s = q;
        for (; s + 3 * RED_G < FMLP_SPLITS; s += 4 * RED_G) {
            t0 += p[(size_t)s * n];
            t1 += p[(size_t)(s + RED_G) * n];
            t2 += p[(size_t)(s + 2 * RED_G) * n];
            t3 += p[(size_t)(s + 3 * RED_G) * n];
        }
        for (; s < FMLP_SPLITS; s += RED_G) t0 += p[(size_t)s * n];
    }
    sums[q][el] = (t0 + t1) + (t2 + t3);
    barrier(CLK_LOCAL_MEM_FENCE);
    if (q == 0 && e < n) {
#if FMLP_HAS_BD
        float r = b_down[e % FMLP_H];
#else
        float r = 0.0f;
#endif
        for (int g = 0; g < RED_G; ++g) r += sums[g][el];
        fmlp_y1(y, e, r);
    }
}
