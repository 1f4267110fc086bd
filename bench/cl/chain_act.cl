// The one elementwise kernel of the CLBlast chain (flashmlp-bench): between the gate/up GEMMs
// and the down GEMM it applies the activation, the gate*up product and the gate/up biases,
// and writes y's starting value (the down bias, or zero) so that the down GEMM can add to it
// with beta = 1. The activations are those of include/flashmlp/flashmlp.h, in fp32.
// Compile-time: CHAIN_H, CHAIN_I, CHAIN_ACT (the fmlp_activation value), CHAIN_GATED,
// CHAIN_BG, CHAIN_BU, CHAIN_BD (0/1: which biases exist).

#ifndef CHAIN_H
#define CHAIN_H 64
#endif
#ifndef CHAIN_I
#define CHAIN_I 256
#endif
#ifndef CHAIN_ACT
#define CHAIN_ACT 3
#endif
#ifndef CHAIN_GATED
#define CHAIN_GATED 1
#endif
#ifndef CHAIN_BG
#define CHAIN_BG 0
#endif
#ifndef CHAIN_BU
#define CHAIN_BU 0
#endif
#ifndef CHAIN_BD
#define CHAIN_BD 0
#endif

inline float chain_act(const float v) {
#if CHAIN_ACT == 0
    return fmax(v, 0.0f);
#elif CHAIN_ACT == 1
    return 0.5f * v * (1.0f + erf(v * 0.70710678118654752f));
#elif CHAIN_ACT == 2
    return 0.5f * v * (1.0f + tanh(0.79788456080286536f * (v + 0.044715f * v * v * v)));
#elif CHAIN_ACT == 3
    return v / (1.0f + exp(-v));
#elif CHAIN_ACT == 4
    const float r = fmax(v, 0.0f);
    return r * r;
#else
#error "unknown CHAIN_ACT"
#endif
}

// h (in place of g for a gated MLP, of u for a plain one) = act(g + bg) * (u + bu) or act(u + bu),
// for rows x CHAIN_I values; y = bd (or 0) for rows x CHAIN_H values. Grid-stride loops over
// 32-bit indices (the host checks that rows x max(H, I) fits), so that the column is a cheap
// remainder by a constant.
__kernel void chain_act_kernel(__global float *g, __global float *u, __global const float *bg,
                               __global const float *bu, __global float *y,
                               __global const float *bd, const uint rows) {
    const uint gs = (uint)get_global_size(0);
    const uint n = rows * CHAIN_I, ny = rows * CHAIN_H;
    for (uint k = (uint)get_global_id(0); k < n; k += gs) {
        float v = u[k];
#if CHAIN_BU
        v += bu[k % CHAIN_I];
#endif
#if CHAIN_GATED
        float a = g[k];
#if CHAIN_BG
        a += bg[k % CHAIN_I];
#endif
        g[k] = chain_act(a) * v;
#else
        u[k] = chain_act(v);
#endif
    }
    for (uint k = (uint)get_global_id(0); k < ny; k += gs) {
#if CHAIN_BD
        y[k] = bd[k % CHAIN_H];
#else
        y[k] = 0.0f;
#endif
    }
}
