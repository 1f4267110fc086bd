// FlashMLP common kernel helpers: the activation functions and the op's compile-time shape.
// The host prepends device quirks and tuning values as #defines; every value below is only a
// default so that each file also compiles on its own (e.g. with an offline compiler).

#ifndef FMLP_H
#define FMLP_H 64            // hidden size H
#endif
#ifndef FMLP_I
#define FMLP_I 256           // intermediate size I
#endif
#ifndef FMLP_GATED
#define FMLP_GATED 1         // 1: gated MLP (gate and up), 0: plain MLP (up only)
#endif
#ifndef FMLP_ACT
#define FMLP_ACT 3           // 0 relu, 1 gelu (erf), 2 gelu (tanh), 3 silu, 4 squared relu
#endif
#ifndef FMLP_HAS_BG
#define FMLP_HAS_BG 0        // gate bias
#endif
#ifndef FMLP_HAS_BU
#define FMLP_HAS_BU 0        // up bias
#endif
#ifndef FMLP_HAS_BD
#define FMLP_HAS_BD 0        // down bias
#endif

// Activations in fp32. Written so that large |v| gives the limit, never NaN:
// silu: exp(-v) overflows to inf for v < -88 and v / inf = -0.
inline float fmlp_act(const float v) {
#if FMLP_ACT == 0
    return fmax(v, 0.0f);
#elif FMLP_ACT == 1
    return 0.5f * v * (1.0f + erf(v * 0.70710678118654752f));
#elif FMLP_ACT == 2
    const float u = 0.79788456080286536f * (v + 0.044715f * v * v * v);
    return 0.5f * v * (1.0f + tanh(u));
#elif FMLP_ACT == 3
    return v / (1.0f + exp(-v));
#elif FMLP_ACT == 4
    const float r = fmax(v, 0.0f);
    return r * r;
#else
#error "unknown FMLP_ACT"
#endif
}

// The hidden value of one (row, i) from its projections, biases already added.
inline float fmlp_hidden(const float g, const float u) {
#if FMLP_GATED
    return fmlp_act(g) * u;
#else
    return fmlp_act(u);
#endif
}

// Four floats from p, which must be 16-byte aligned. vload4 only assumes 4-byte alignment, and
// NVIDIA's compiler (driver 580) then splits it into four scalar loads (seen in the PTX:
// ld.global.nc.f32 only); a float4 access is one 16-byte load. The kernels use it for packed
// weights and workspaces, whose buffers FlashMLP allocates (base addresses aligned to at least
// 128 bytes by OpenCL) and whose rows are multiples of 4 floats where they use it.
#define FMLP_LOAD4(p) (*(const __global float4 *)(p))
