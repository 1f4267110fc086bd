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
