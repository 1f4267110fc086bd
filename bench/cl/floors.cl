// The device's own limits, measured by flashmlp-bench in the same run as the MLPs:
// streaming reads (the weight stream's floor), copies (for information), fp32 FMA rate
// (the compute floor) and the cost of one empty kernel. Each kernel writes one value per
// work-item so that the compiler cannot drop the work.

// Sum of a buffer, read as float4. GPUs (the default): a grid-stride loop, consecutive
// work-items reading consecutive float4s so that every access is coalesced. CPUs
// (READ_CHUNKED=1): each work-item reads one contiguous chunk; a grid-stride loop there runs
// one work-item after another with a stride of the global size, and PoCL then reads 2 cores'
// memory at under 1 GB/s instead of 15.
#ifndef READ_CHUNKED
#define READ_CHUNKED 0
#endif
__kernel void read_f4(__global const float4 *a, const ulong n, __global float *out) {
    const size_t gs = get_global_size(0), id = get_global_id(0);
    float4 s0 = (float4)(0.0f), s1 = (float4)(0.0f);
#if READ_CHUNKED
    const size_t per = (n + gs - 1) / gs, lo = id * per, hi = min(lo + per, (size_t)n);
    size_t i = lo;
    for (; i + 2 <= hi; i += 2) {
        s0 += a[i];
        s1 += a[i + 1];
    }
    if (i < hi) s0 += a[i];
#else
    size_t i = id;
    // two loads in flight per iteration
    for (; i + gs < n; i += 2 * gs) {
        s0 += a[i];
        s1 += a[i + gs];
    }
    if (i < n) s0 += a[i];
#endif
    const float4 s = s0 + s1;
    out[id] = s.x + s.y + s.z + s.w;
}

// b = a, with the same access pattern as read_f4
__kernel void copy_f4(__global const float4 *a, __global float4 *b, const ulong n) {
    const size_t gs = get_global_size(0), id = get_global_id(0);
#if READ_CHUNKED
    const size_t per = (n + gs - 1) / gs, hi = min(id * per + per, (size_t)n);
    for (size_t i = id * per; i < hi; ++i) b[i] = a[i];
#else
    for (size_t i = id; i < n; i += gs) b[i] = a[i];
#endif
}

// 8 independent fma chains of FMA_VEC (float4 on GPUs, float16 on CPUs, whose vector units
// need the width: float4 gives PoCL half the rate) per work-item, `iters` rounds:
// 8 x FMA_VW FMAs, 16 x FMA_VW FLOPs per work-item and round. x -> x * a + b with a < 1 stays
// finite.
#ifndef FMA_VEC
#define FMA_VEC float4
#endif
__kernel void fma_rate(__global float *out, const float a, const float b, const int iters) {
    const float g = (float)get_global_id(0);
    FMA_VEC x0 = (FMA_VEC)(g) * 1e-6f, x1 = x0 + 0.125f, x2 = x0 + 0.25f, x3 = x0 + 0.375f;
    FMA_VEC x4 = x0 + 0.5f, x5 = x0 + 0.625f, x6 = x0 + 0.75f, x7 = x0 + 0.875f;
    const FMA_VEC va = (FMA_VEC)(a), vb = (FMA_VEC)(b);
    for (int k = 0; k < iters; ++k) {
        x0 = fma(x0, va, vb);
        x1 = fma(x1, va, vb);
        x2 = fma(x2, va, vb);
        x3 = fma(x3, va, vb);
        x4 = fma(x4, va, vb);
        x5 = fma(x5, va, vb);
        x6 = fma(x6, va, vb);
        x7 = fma(x7, va, vb);
    }
    const FMA_VEC s = ((x0 + x1) + (x2 + x3)) + ((x4 + x5) + (x6 + x7));
    out[get_global_id(0)] = dot(s.s0123, (float4)(1.0f));
}

__kernel void empty(__global float *out) {
    if (get_global_id(0) == 1u << 30) out[0] = 0.0f;
}
