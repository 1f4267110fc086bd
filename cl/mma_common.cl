// Shared by the tensor-core kernels (mlp_mma.cl, mlp_mmav.cl): the 3xTF32 split of fp32
// operands and one warp-wide mma.sync.m16n8k8 with tf32 inputs and fp32 accumulation.
//
// Fragment layout of m16n8k8 (lane = 4 g + t): a0 (row g, k t), a1 (g+8, t), a2 (g, t+4),
// a3 (g+8, t+4); b0 (k t, col g), b1 (k t+4, col g); c0 (g, 2t), c1 (g, 2t+1), c2 (g+8, 2t),
// c3 (g+8, 2t+1). Which physical k a lane's "t" stands for is free, as long as A and B agree,
// and so is which physical column a "g" stands for: the kernels use that to make each lane's
// loads contiguous.
//
// FMLP_MMA_EMULATE replaces the PTX instruction by portable code (a warp's fragments meet in
// local memory), so that PoCL and Oclgrind can test everything else; it needs the work-group's
// warps to call MMA together, which the kernels do.

#ifndef FMLP_MMA_EMULATE
#define FMLP_MMA_EMULATE 0
#endif

// v = big + small, both tf32 (10 mantissa bits): big is v truncated, so v - big is exact, and
// small is that rest rounded to nearest (ties away from zero). Products of splits carry about
// 22 bits of each operand. Four operations a value: the kernels split every weight they use,
// so this is their main integer work (an Inf weight gives NaN, as a rounded split does too).
// Rounding both parts took about eleven operations and made the tensor-core GEMMs 1.2-1.3x
// slower (bench/results/2026-11-26-h100-split/). The rounding is done by integer operations:
// cvt.rna.tf32.f32 was seen on the H200 (driver 580.159.04) to leave the low 13 bits in place.
inline void fmlp_split(const float v, uint *big, uint *small)
{
    const uint b = as_uint(v) & 0xffffe000u;
    *big = b;
    *small = (as_uint(v - as_float(b)) + 0x1000u) & 0xffffe000u;
}

#if FMLP_MMA_EMULATE
// c += a b for one m16n8k8 fragment: the warp's registers meet in local memory x[6 * 32].
inline void fmlp_mma(float *c, const uint *a, const uint *b, __local uint *x, const int lane)
{
    fmlp_emu_fragments(a, b, x, lane);
    const int g = lane >> 2, t = lane & 3;
    for (int j = 0; j < 4; ++j) {
        const int row = g + 8 * (j >> 1), col = 2 * t + (j & 1);
        float s = c[j];
        for (int k = 0; k < 8; ++k)
            s = mad(as_float(x[((row >> 3) + 2 * (k >> 2)) * 32 + (row & 7) * 4 + (k & 3)]),
                    as_float(x[(4 + (k >> 2)) * 32 + col * 4 + (k & 3)]), s);
        c[j] = s;
    }
}
// kernels using MMA declare: __local uint emu[warps * 6 * 32]; and int warp, lane
#define MMA(c, a, b) fmlp_mma((c), (a), (b), emu + warp * 6 * 32, lane)
#else
inline void fmlp_mma(float *c, const uint *a, const uint *b)
{
    asm volatile("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 "
                 "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%0, %1, %2, %3};"
                 : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}
#define MMA(c, a, b) fmlp_mma((c), (a), (b))
#endif

// c += a b in 3xTF32, accumulated by the tensor cores; the small terms first, so they are not
// lost against the big one.
//
// The tensor cores round each mma's sum toward zero, a bias of about 2^-24 per instruction: a
// sum carried through them over thousands of k-steps drifts (measured on the H200: 1e-5 to
// 1e-4 relative error, no better than plain tf32), as Ootomo and Yokota (2022) describe. So
// kernels accumulate one k-tile of products into a zeroed fragment with MMA3 and add that to
// their fp32 accumulator with ordinary round-to-nearest adds (FLUSH), once per tile.
#define MMA3(c, ab, as_, bb, bs_) \
    do {                          \
        MMA((c), (as_), (bb));    \
        MMA((c), (ab), (bs_));    \
        MMA((c), (ab), (bb));     \
    } while (0)

// c += a b where the B operand (bb) is exact in tf32: two products (its small part is zero).
#define MMA2_WB(c, ab, as_, bb) \
    do {                        \
        MMA((c), (as_), (bb));  \
        MMA((c), (ab), (bb));   \
    } while (0)

// Weights that tf32 holds exactly, fp16 (11 significant bits) and bf16 (8), or the integer
// fields of mlp_mma.cl's iw=1 path, have a zero small part: their product with the other
// operand's big part is left out, two mma instead of three, with bit-identical sums. MMA3_WB
// takes the weights as the B operand, MMA3_WA as A.
#if FMLP_WT == 1 || FMLP_WT == 2
#define MMA3_WB(c, ab, as_, bb, bs_) MMA2_WB(c, ab, as_, bb)
#define MMA3_WA(c, ab, as_, bb, bs_) \
    do {                             \
        MMA((c), (ab), (bs_));       \
        MMA((c), (ab), (bb));        \
    } while (0)
#else
#define MMA3_WB(c, ab, as_, bb, bs_) MMA3((c), (ab), (as_), (bb), (bs_))
#define MMA3_WA(c, ab, as_, bb, bs_) MMA3((c), (ab), (as_), (bb), (bs_))
#endif

// FLUSH_SZ also takes zero points z0, z1 and the fragment rows' sums of the other operand over
// the k-tile (xs[0]: row g, xs[2]: row g + 8): acc += s (t - z sum)
#define FLUSH_SZ(acc, t, s0, s1, z0, z1, xs)                                               \
    do {                                                                                   \
        for (int r_ = 0; r_ < 4; ++r_) {                                                   \
            (acc)[r_] += ((t)[r_] - ((r_ & 1) ? (z1) : (z0)) * (xs)[r_ & 2]) *             \
                         ((r_ & 1) ? (s1) : (s0));                                         \
            (t)[r_] = 0.0f;                                                                \
        }                                                                                  \
    } while (0)

// FLUSH for a fragment whose accumulators r with (r & sel) != 0 have scale s1, the others s0
#define FLUSH_SEL(acc, t, s0, s1, sel)                          \
    do {                                                        \
        for (int r_ = 0; r_ < 4; ++r_) {                        \
            (acc)[r_] += (t)[r_] * ((r_ & (sel)) ? (s1) : (s0)); \
            (t)[r_] = 0.0f;                                     \
        }                                                       \
    } while (0)
// scales by column: columns 2t and 2t + 1 (c0, c2 and c1, c3) have scales s0 and s1
#define FLUSH_S(acc, t, s0, s1) FLUSH_SEL(acc, t, s0, s1, 1)

#define MMA_ONES4 {0x3f800000u, 0x3f800000u, 0x3f800000u, 0x3f800000u} // an A fragment of ones
// The same with the scales by fragment row (mlp_mmav.cl, weights as the A operand):
// acc += t scaled by the scales of rows g (s0) and g + 8 (s1: c2, c3), less (FLUSH_RSZ) their
// zero-point terms z0, z1 (scale * zero point) times the columns' sums xs (xs[0]: column 2t,
// xs[1]: 2t + 1)
#define FLUSH_RS(acc, t, s0, s1) FLUSH_SEL(acc, t, s0, s1, 2)
#define FLUSH_RSZ(acc, t, s0, s1, z0, z1, xs)                                          \
    do {                                                                               \
        for (int r_ = 0; r_ < 4; ++r_) {                                               \
            (acc)[r_] += mad((t)[r_], (r_ & 2) ? (s1) : (s0),                          \
                             -((r_ & 2) ? (z1) : (z0)) * (xs)[r_ & 1]);                \
            (t)[r_] = 0.0f;                                                            \
        }                                                                              \
    } while (0)
// c += a b where the A operand (ab) is exact in tf32 and b is split (bb + bs)
#define MMA2_WA(c, ab, bb, bs_) \
    do {                        \
        MMA((c), (ab), (bs_));  \
        MMA((c), (ab), (bb));   \
    } while (0)

#define FLUSH(acc, t)                    \
    do {                                 \
        for (int r_ = 0; r_ < 4; ++r_) { \
            (acc)[r_] += (t)[r_];        \
            (t)[r_] = 0.0f;              \
        }                                \
    } while (0)

// ---------------------------------------------------------------- fp16 pairs (mlp_mma.cl, hp=1)
// fp32-class products from f16 tensor-core instructions: a k-tile of a row v (x or h; the
// weights' rows were scaled once, src/weights.c) is scaled by a power of two s that puts its
// largest magnitude in [2^14, 2^15), and each v s is split into hi = f16(v s) and lo =
// f16(v s - hi), 11 + 11 significant bits (v s - hi is exact in fp32). An element 2^-17 or more
// of the tile's largest keeps all 22 bits; below that lo is an fp16 subnormal, an absolute error
// under 2^-39 of the largest. hi hi + hi lo + lo hi are three f16 m16n8k16 for 16 inputs, where
// 3xTF32 takes six m16n8k8: the same instruction rate on sm_90 (flashmlp-mmaprobe,
// bench/results/2026-11-28-h200-s24-probe), so half the tensor-core instructions, and no split
// in the loop: each value is split once, where it is staged in local memory.
//
// Four consecutive inputs k..k+3 of a row are one uint4 {hi(k, k+1), hi(k+2, k+3), lo(k, k+1),
// lo(k+2, k+3)} (the lower input in the lower half). Fragment layout of m16n8k16 with f16
// inputs (lane = 4 g + t): a0 (row g, k 2t..2t+1), a1 (g+8, 2t..), a2 (g, 2t+8..), a3 (g+8,
// 2t+8..); b0 (k 2t..2t+1, col g), b1 (k 2t+8.., col g); c as in m16n8k8. With the logical k
// 2t, 2t+1, 2t+8, 2t+9 standing for the physical 4t..4t+3, a lane's A and B registers of one
// k16 step are the hi and lo words of one such uint4 per row.

// 1 / s for a power of two s in [2^-126, 2^126], exactly
inline float fmlp_pow2_inv(const float s) { return as_float((254u << 23) - as_uint(s)); }
// the inverse of fmlp_hp_scale(m) (common.cl)
inline float fmlp_hp_unscale(const uint m) { return fmlp_pow2_inv(fmlp_hp_scale(m)); }

inline uint fmlp_absmax4(const float4 v)
{
    return max(max(as_uint(v.x) & 0x7fffffffu, as_uint(v.y) & 0x7fffffffu),
               max(as_uint(v.z) & 0x7fffffffu, as_uint(v.w) & 0x7fffffffu));
}

#if FMLP_MMA_EMULATE
inline uint fmlp_f2h(const float v)
{
    ushort u;
    vstore_half_rte(v, 0, (__private half *)&u);
    return u;
}
inline float fmlp_h2f(const uint h)
{
    const ushort u = (ushort)h;
    return vload_half(0, (const __private half *)&u);
}
// v (already scaled) as fp16 pairs
inline uint4 fmlp_hp_split4(const float4 v)
{
    const uint h0 = fmlp_f2h(v.x), h1 = fmlp_f2h(v.y), h2 = fmlp_f2h(v.z), h3 = fmlp_f2h(v.w);
    const uint l0 = fmlp_f2h(v.x - fmlp_h2f(h0)), l1 = fmlp_f2h(v.y - fmlp_h2f(h1));
    const uint l2 = fmlp_f2h(v.z - fmlp_h2f(h2)), l3 = fmlp_f2h(v.w - fmlp_h2f(h3));
    return (uint4)(h0 | h1 << 16, h2 | h3 << 16, l0 | l1 << 16, l2 | l3 << 16);
}
inline uint2 fmlp_hp_pack4(const float4 v)
{
    return (uint2)(fmlp_f2h(v.x) | fmlp_f2h(v.y) << 16, fmlp_f2h(v.z) | fmlp_f2h(v.w) << 16);
}
inline uint fmlp_hp_sub2(const uint a, const uint c)
{
    return fmlp_f2h(fmlp_h2f(a) - fmlp_h2f(c)) | fmlp_f2h(fmlp_h2f(a >> 16) - fmlp_h2f(c >> 16)) << 16;
}
inline uint fmlp_hp_add2(const uint a, const uint c)
{
    return fmlp_f2h(fmlp_h2f(a) + fmlp_h2f(c)) | fmlp_f2h(fmlp_h2f(a >> 16) + fmlp_h2f(c >> 16)) << 16;
}
// (the products of two f16 are exact in fp32, and so is a product less an f16 near it: one
// rounding each, as the f16x2 instructions below)
inline uint fmlp_hp_mul2(const uint a, const uint b)
{
    return fmlp_f2h(fmlp_h2f(a) * fmlp_h2f(b)) | fmlp_f2h(fmlp_h2f(a >> 16) * fmlp_h2f(b >> 16)) << 16;
}
inline uint fmlp_hp_fma2(const uint a, const uint b, const uint c)
{
    return fmlp_f2h(fmlp_h2f(a) * fmlp_h2f(b) + fmlp_h2f(c)) |
           fmlp_f2h(fmlp_h2f(a >> 16) * fmlp_h2f(b >> 16) + fmlp_h2f(c >> 16)) << 16;
}
inline uint fmlp_hp_dup(const float v) { return fmlp_f2h(v) * 0x10001u; }
// The largest m of groups of n consecutive work-items (n a power of two up to 32, groups
// within a warp), through local memory scr[work-group size]; every work-item calls it.
inline uint fmlp_group_max(const uint m, const int n, __local uint *scr, const int lid)
{
    barrier(CLK_LOCAL_MEM_FENCE);
    scr[lid] = m;
    barrier(CLK_LOCAL_MEM_FENCE);
    uint r = 0;
    for (int i = 0; i < n; ++i) r = max(r, scr[(lid & ~(n - 1)) + i]);
    return r;
}
// v of lane src of the calling work-item's warp, through local memory scr[work-group size];
// every work-item calls it
inline uint fmlp_lane_read(const uint v, const int src, __local uint *scr, const int lid)
{
    barrier(CLK_LOCAL_MEM_FENCE);
    scr[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    return scr[(lid & ~31) + src];
}
// c += a b for one m16n8k16 fragment with f16 inputs: the warp's registers meet in local
// memory x[6 * 32], as fmlp_mma's.
// (bf: the inputs are bf16 instead, as fmlp_mma16bf's)
inline float fmlp_emu16(const uint w, const int bf)
{
    return bf ? fmlp_bf16((ushort)w) : fmlp_h2f(w);
}
inline void fmlp_mma16_emu(float *c, const uint *a, const uint *b, __local uint *x,
                           const int lane, const int bf)
{
    fmlp_emu_fragments(a, b, x, lane);
    const int g = lane >> 2, t = lane & 3;
    for (int j = 0; j < 4; ++j) {
        const int row = g + 8 * (j >> 1), col = 2 * t + (j & 1);
        float s = c[j];
        for (int k = 0; k < 16; ++k) {
            const uint aw = x[((row >> 3) + 2 * (k >> 3)) * 32 + (row & 7) * 4 + ((k & 7) >> 1)];
            const uint bw = x[(4 + (k >> 3)) * 32 + col * 4 + ((k & 7) >> 1)];
            s = mad(fmlp_emu16((k & 1) ? aw >> 16 : aw, bf), fmlp_emu16((k & 1) ? bw >> 16 : bw, bf),
                    s);
        }
        c[j] = s;
    }
}
#define MMA16(c, a, b) fmlp_mma16_emu((c), (a), (b), emu + warp * 6 * 32, lane, 0)
#define MMA16BF(c, a, b) fmlp_mma16_emu((c), (a), (b), emu + warp * 6 * 32, lane, 1)
// a b + c, half by half in bf16 (where the results are exact, as fmlp_bf_iw4 uses it)
inline uint fmlp_bf_fma2(const uint a, const uint b, const uint c)
{
    return fmlp_to_bf16(fmlp_emu16(a, 1) * fmlp_emu16(b, 1) + fmlp_emu16(c, 1)) |
           (uint)fmlp_to_bf16(fmlp_emu16(a >> 16, 1) * fmlp_emu16(b >> 16, 1) +
                              fmlp_emu16(c >> 16, 1))
               << 16;
}
// v as one bf16 each (values that bf16 holds)
inline uint2 fmlp_bf_pack4(const float4 v)
{
    return (uint2)(fmlp_to_bf16(v.x) | (uint)fmlp_to_bf16(v.y) << 16,
                   fmlp_to_bf16(v.z) | (uint)fmlp_to_bf16(v.w) << 16);
}
#else
// (cvt.rn.f16x2.f32 d, a, b puts a in the upper half: the lower input goes second)
inline uint4 fmlp_hp_split4(const float4 v)
{
    uint4 r;
    asm("{\n\t.reg .b16 h0, h1, h2, h3;\n\t.reg .b32 p, q;\n\t.reg .f32 f0, f1, f2, f3;\n\t"
        "cvt.rn.f16x2.f32 p, %5, %4;\n\tcvt.rn.f16x2.f32 q, %7, %6;\n\t"
        "mov.b32 {h0, h1}, p;\n\tmov.b32 {h2, h3}, q;\n\t"
        "cvt.f32.f16 f0, h0;\n\tcvt.f32.f16 f1, h1;\n\tcvt.f32.f16 f2, h2;\n\tcvt.f32.f16 f3, h3;\n\t"
        "sub.rn.f32 f0, %4, f0;\n\tsub.rn.f32 f1, %5, f1;\n\t"
        "sub.rn.f32 f2, %6, f2;\n\tsub.rn.f32 f3, %7, f3;\n\t"
        "mov.b32 %0, p;\n\tmov.b32 %1, q;\n\t"
        "cvt.rn.f16x2.f32 %2, f1, f0;\n\tcvt.rn.f16x2.f32 %3, f3, f2;\n\t}"
        : "=r"(r.x), "=r"(r.y), "=r"(r.z), "=r"(r.w)
        : "f"(v.x), "f"(v.y), "f"(v.z), "f"(v.w));
    return r;
}
// v as one f16 each (values that f16 holds, or where one f16 is enough): two conversions
inline uint2 fmlp_hp_pack4(const float4 v)
{
    uint a, b;
    asm("cvt.rn.f16x2.f32 %0, %3, %2;\n\tcvt.rn.f16x2.f32 %1, %5, %4;"
        : "=r"(a), "=r"(b)
        : "f"(v.x), "f"(v.y), "f"(v.z), "f"(v.w));
    return (uint2)(a, b);
}
// a - c, half by half (where the differences are exact)
inline uint fmlp_hp_sub2(const uint a, const uint c)
{
    uint r;
    asm("sub.rn.f16x2 %0, %1, %2;" : "=r"(r) : "r"(a), "r"(c));
    return r;
}
// a + c, half by half (where the sums are exact)
inline uint fmlp_hp_add2(const uint a, const uint c)
{
    uint r;
    asm("add.rn.f16x2 %0, %1, %2;" : "=r"(r) : "r"(a), "r"(c));
    return r;
}
// a b, half by half, rounded to f16
inline uint fmlp_hp_mul2(const uint a, const uint b)
{
    uint r;
    asm("mul.rn.f16x2 %0, %1, %2;" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
// a b + c, half by half, one rounding
inline uint fmlp_hp_fma2(const uint a, const uint b, const uint c)
{
    uint r;
    asm("fma.rn.f16x2 %0, %1, %2, %3;" : "=r"(r) : "r"(a), "r"(b), "r"(c));
    return r;
}
// v rounded to f16, in both halves
inline uint fmlp_hp_dup(const float v)
{
    uint r;
    asm("cvt.rn.f16x2.f32 %0, %1, %1;" : "=r"(r) : "f"(v));
    return r;
}
inline uint fmlp_group_max(uint m, const int n, __local uint *scr, const int lid)
{
    (void)scr;
    (void)lid;
    for (int o = 1; o < n; o <<= 1) {
        uint other;
        asm volatile("shfl.sync.bfly.b32 %0, %1, %2, 0x1f, 0xffffffff;"
                     : "=r"(other)
                     : "r"(m), "r"(o));
        m = max(m, other);
    }
    return m;
}
inline uint fmlp_lane_read(const uint v, const int src, __local uint *scr, const int lid)
{
    (void)scr;
    (void)lid;
    uint r;
    asm volatile("shfl.sync.idx.b32 %0, %1, %2, 0x1f, 0xffffffff;" : "=r"(r) : "r"(v), "r"(src));
    return r;
}
inline void fmlp_mma16(float *c, const uint *a, const uint *b)
{
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 "
                 "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%0, %1, %2, %3};"
                 : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}
#define MMA16(c, a, b) fmlp_mma16((c), (a), (b))
// c += a b for one m16n8k16 fragment with bf16 inputs (sm_80 and later, as the mma kernels)
inline void fmlp_mma16bf(float *c, const uint *a, const uint *b)
{
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 "
                 "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%0, %1, %2, %3};"
                 : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}
#define MMA16BF(c, a, b) fmlp_mma16bf((c), (a), (b))
// a b + c, half by half in bf16
inline uint fmlp_bf_fma2(const uint a, const uint b, const uint c)
{
    uint r;
    asm("fma.rn.bf16x2 %0, %1, %2, %3;" : "=r"(r) : "r"(a), "r"(b), "r"(c));
    return r;
}
// v as one bf16 each (values that bf16 holds): two conversions
inline uint2 fmlp_bf_pack4(const float4 v)
{
    uint a, b;
    asm("cvt.rn.bf16x2.f32 %0, %3, %2;\n\tcvt.rn.bf16x2.f32 %1, %5, %4;"
        : "=r"(a), "=r"(b)
        : "f"(v.x), "f"(v.y), "f"(v.z), "f"(v.w));
    return (uint2)(a, b);
}
#endif

// c += a b from fp16 pairs (ah + al, bh + bl): the small terms first
#define MMA16_3(c, ah, al, bh, bl) \
    do {                           \
        MMA16((c), (al), (bh));    \
        MMA16((c), (ah), (bl));    \
        MMA16((c), (ah), (bh));    \
    } while (0)

// v's bf16 bits where bf16 holds v exactly (its low 16 bits zero)
inline uint fmlp_f2bf_exact(const float v) { return as_uint(v) >> 16; }
#define BF_ONES2 0x3f803f80u // two bf16 ones

#if FMLP_WT >= 3 // the block formats (mlp_mma.cl's and mlp_mmav.cl's iw with hp)
// iw's four fields of r into f16 words without conversions: a field f as the low bits of the
// half 0x6400 | f, which is 1024 + f (exact for f < 1024), less 1024 + the fields' offset in one
// f16x2 subtraction a word: FOFF (Q4_0's 8; Q8_0's 128, its bytes as offset binary; the affine
// formats' 0, their zero points applied at the flush) or, with FMLP_IZ, the zero point. Each
// difference is an integer below 2^11 in magnitude, so exact.
inline uint fmlp_hp_field_pair(const uint u) // fields 0 and 1 of u as 1024 + f, low half first
{
    const uint m = (1u << FW) - 1u;
    return (u & m) | ((u << (16 - FSTEP)) & (m << 16)) | 0x64006400u;
}
inline uint2 fmlp_hp_iw4(const fmlp_wraw4 r)
{
    const uint u = fmlp_iw_word(r);
#if FMLP_WT >= 5 && FMLP_IZ
    // 1024 + z from the zero point's f16 bits (the scale word's upper half) by one f16x2
    // addition, exact for an integer z in [-1024, 1024]: no conversions (twenty-seventh
    // session: level with converting z to fp32 and back, bench/results/2026-11-28-h200-s27-zh)
    const uint c = fmlp_hp_add2((r.s >> 16) * 0x10001u, 0x64006400u);
#else
    const uint c = (0x6400u + FOFF) * 0x10001u;
#endif
    return (uint2)(fmlp_hp_sub2(fmlp_hp_field_pair(u), c),
                   fmlp_hp_sub2(fmlp_hp_field_pair(u >> (2 * FSTEP)), c));
}

// The same four fields as bf16 words, for bf16 x (mlp_mma.cl's G_XBF): exact, bf16 holding
// every integer up to 256 in magnitude. Fields of up to 7 bits as the low bits of the bf16
// 0x4300 | f, which is 128 + f, less 128 + FOFF by one bf16x2 FMA a word (with FMLP_IZ less 128,
// then less the zero point z: two, each result an integer within 256 since the host takes
// FMLP_IZ with bf16 x only for z in [2^bits - 257, 256], src/weights.c); 8-bit fields by
// conversions to fp32, less FOFF (+ z), then to bf16.
inline uint fmlp_bf_field_pair(const uint u) // fields 0 and 1 of u as 128 + f, low half first
{
    const uint m = (1u << FW) - 1u;
    return (u & m) | ((u << (16 - FSTEP)) & (m << 16)) | 0x43004300u;
}
inline uint2 fmlp_bf_iw4(const fmlp_wraw4 r)
{
    const uint u = fmlp_iw_word(r);
#if FW <= 7
#if FMLP_WT >= 5 && FMLP_IZ
    const uint nz = fmlp_f2bf_exact(-fmlp_wzero(r)) * 0x10001u, c = 0xc300c300u; // -128
    return (uint2)(fmlp_bf_fma2(fmlp_bf_fma2(fmlp_bf_field_pair(u), BF_ONES2, c), BF_ONES2, nz),
                   fmlp_bf_fma2(fmlp_bf_fma2(fmlp_bf_field_pair(u >> (2 * FSTEP)), BF_ONES2, c),
                                BF_ONES2, nz));
#else
    const uint c = fmlp_f2bf_exact(-128.0f - (float)FOFF) * 0x10001u;
    return (uint2)(fmlp_bf_fma2(fmlp_bf_field_pair(u), BF_ONES2, c),
                   fmlp_bf_fma2(fmlp_bf_field_pair(u >> (2 * FSTEP)), BF_ONES2, c));
#endif
#else
#if FMLP_WT >= 5 && FMLP_IZ
    const float off = (float)FOFF + fmlp_wzero(r);
#else
    const float off = (float)FOFF;
#endif
    return fmlp_bf_pack4((float4)((float)(u & 0xffu), (float)((u >> FSTEP) & 0xffu),
                                  (float)((u >> (2 * FSTEP)) & 0xffu),
                                  (float)((u >> (3 * FSTEP)) & 0xffu)) - off);
#endif
}
#endif

// Where a row's uint4 c (of q per row in local memory) sits: the rows' pairs that a warp's
// fragment loads and its staging stores touch together fall on different banks.
#define HP_SWZ(row, c, q) \
    ((q) >= 8 ? (c) ^ ((((row) & 1) << 2) | (((row) >> 1) & 3)) : (c) ^ (((row) >> 1) & 3))
// The same for rows of uint2 (weights one f16 each: mlp_mma.cl's HP_WX). 64-bit accesses go by
// half-warps: a fragment's four rows of four columns, a staging store's run along a row and the
// down kernel's store of 16 rows at one column each meet 16 different pairs of banks.
#define HP_SWZ2(row, c, q)                                             \
    ((q) >= 16  ? (c) ^ ((((row) & 3) << 2) | (((row) >> 2) & 3))      \
     : (q) == 8 ? (c) ^ (((((row) >> 1) & 1) << 2) | (((row) >> 2) & 3)) \
                : (c) ^ (((row) >> 2) & 3))
