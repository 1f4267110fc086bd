// Deterministic split reduction: y[b][c] = b_down[c] + sum over s = 0, 1, ... of
// partial[s][b][c], always in that order, so results are bit-identical from run to run.

#ifndef FMLP_SPLITS
#define FMLP_SPLITS 1
#endif

__kernel void fmlp_reduce_splits(__global const float *restrict partial, const ulong p_off,
                                 __global const float *restrict b_down,
                                 __global float *restrict y, const ulong y_off,
                                 const int batch)
{
    partial += p_off;
    y += y_off;
    const size_t n = (size_t)batch * FMLP_H;
    const size_t e = get_global_id(0);
    if (e >= n) return;
#if FMLP_HAS_BD
    float t = b_down[e % FMLP_H];
#else
    float t = 0.0f;
#endif
    for (int s = 0; s < FMLP_SPLITS; ++s) t += partial[(size_t)s * n + e];
    y[e] = t;
}
