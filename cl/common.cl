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

// A loop bound the compiler cannot see through: on NVIDIA an empty inline asm, so that the trip
// count is unknown and the loop is not unrolled whole; NVIDIA's compiler ignores `#pragma
// unroll 1` on these loops (bench/results/2026-11-29-h200-s35-b, -c, -d). mma's hp=0 gate/up
// kernel uses it by default for short loops (mlp_mma.cl, G_K_END). FMLP_K_ROLLED (experiments
// only, FLASHMLP_BUILD_OPTIONS=-DFMLP_K_ROLLED) applies it, with `#pragma unroll 1` for other
// compilers (FMLP_K_LOOP), to every loop over H or I with a compile-time trip count (the
// tensor-core and tiled kernels' k-tiles, mmav's chunks); on the H200 that made mmav 1.15x
// slower (s35-d).
#ifdef FMLP_VENDOR_NVIDIA
inline int fmlp_k_opaque(int n)
{
    asm volatile("" : "+r"(n));
    return n;
}
#else
#define fmlp_k_opaque(n) (n)
#endif
#ifdef FMLP_K_ROLLED
#define FMLP_K_END(n) fmlp_k_opaque(n)
#define FMLP_K_LOOP _Pragma("unroll 1")
#else
#define FMLP_K_END(n) (n)
#define FMLP_K_LOOP
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

// fmlp_hidden of row n of I from its sums g (gate) and u (up) with the biases the op has; a
// plain MLP's g is not read (the kernels pass their up sum as both: sums[0], sums[FMLP_GATED])
inline float fmlp_hidden_biased(float g, float u, __global const float *b_gate,
                                __global const float *b_up, const int n) {
#if FMLP_GATED && FMLP_HAS_BG
    g += b_gate[n];
#endif
#if FMLP_HAS_BU
    u += b_up[n];
#endif
    return fmlp_hidden(g, u);
}

// Four floats from p, which must be 16-byte aligned. vload4 only assumes 4-byte alignment, and
// NVIDIA's compiler (driver 580) then splits it into four scalar loads (seen in the PTX:
// ld.global.nc.f32 only); a float4 access is one 16-byte load. The kernels use it for packed
// weights and workspaces, whose buffers FlashMLP allocates (base addresses aligned to at least
// 128 bytes by OpenCL) and whose rows are multiples of 4 floats where they use it.
#define FMLP_LOAD4(p) (*(const __global float4 *)(p))

// The power of two that scales values whose largest magnitude has the bits m (an fp32 bit
// pattern, sign cleared) into [2^14, 2^15), clamped to [2^-100, 2^100] (zero rows, subnormal
// and non-finite ones): the fp16 pairs of the tensor-core kernels (mma_common.cl, hp=1) for
// x's k-tiles, and for the weights' rows when they are packed (pack.cl).
inline float fmlp_hp_scale(const uint m)
{
    const int eb = clamp((int)(m >> 23), 41, 241);
    return as_float((uint)(268 - eb) << 23);
}

// ---------------------------------------------------------------- tensor-core kernels
// For the strategies that use mma.sync (mma, mmav, mmaq: FMLP_MMA_EMULATE defined).
#ifdef FMLP_MMA_EMULATE
// The line holding p asked into L2 ahead of its load (PTX prefetch.global.L2, which holds no
// register); the portable emulation reads its first byte instead, so that Oclgrind checks the
// address.
inline void fmlp_l2_prefetch(__global const uchar *p)
{
#if FMLP_MMA_EMULATE
    (void)*(volatile __global const uchar *)p;
#else
    asm volatile("prefetch.global.L2 [%0];" ::"l"(p));
#endif
}

#if FMLP_MMA_EMULATE
// The emulated mma's fragments: a warp's A (a[0..3]) and B (b[0..1]) registers meet in local
// memory x[6 * 32], which its lanes then read as whole matrices
inline void fmlp_emu_fragments(const uint *a, const uint *b, __local uint *x, const int lane)
{
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int r = 0; r < 4; ++r) x[r * 32 + lane] = a[r];
    x[4 * 32 + lane] = b[0];
    x[5 * 32 + lane] = b[1];
    barrier(CLK_LOCAL_MEM_FENCE);
}
#endif
#endif
