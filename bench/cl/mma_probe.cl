// flashmlp-mmaprobe's kernels (NVIDIA compute capability 8.0+, inline PTX): the rate of each
// warp-level mma.sync shape the kernels use or could use, issued back to back. Every warp keeps
// NACC independent accumulator fragments (so no instruction waits on the one before it) and
// repeats `iters` rounds of NACC mma. The operands are constants whose products and sums are
// exact, so the host checks every work-item's result: tf32 and f16/bf16 A = 1, B = 2^-10; s8
// A = B = 1. Each work-item writes the sum of its accumulators. The fragment registers are made
// distinct by adding z, zero at run time (iters is positive) but unknown to the compiler.
#ifndef NACC
#define NACC 8
#endif

// tf32 m16n8k8, fp32 accumulation (the 3xTF32 kernels' instruction): 2048 flops
__kernel void mma_tf32(__global float *out, const int iters)
{
    float c[NACC][4];
    for (int j = 0; j < NACC; ++j) c[j][0] = c[j][1] = c[j][2] = c[j][3] = 0.0f;
    const uint a = 0x3f800000u, b = 0x3a800000u; // 1.0, 2^-10
    const uint z = (uint)(iters < 0), a1 = a + z, a2 = a + 2 * z, a3 = a + 3 * z, b1 = b + z;
    for (int i = 0; i < iters; ++i)
#pragma unroll
        for (int j = 0; j < NACC; ++j)
            asm volatile("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 "
                         "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%0, %1, %2, %3};"
                         : "+f"(c[j][0]), "+f"(c[j][1]), "+f"(c[j][2]), "+f"(c[j][3])
                         : "r"(a), "r"(a1), "r"(a2), "r"(a3), "r"(b), "r"(b1));
    float s = 0.0f;
    for (int j = 0; j < NACC; ++j) s += c[j][0] + c[j][1] + c[j][2] + c[j][3];
    out[get_global_id(0)] = s;
}

// f16 (or bf16 with -DMMA_BF16) m16n8k16, fp32 accumulation: 4096 flops
__kernel void mma_f16(__global float *out, const int iters)
{
    float c[NACC][4];
    for (int j = 0; j < NACC; ++j) c[j][0] = c[j][1] = c[j][2] = c[j][3] = 0.0f;
#ifdef MMA_BF16
    const uint a = 0x3f803f80u, b = 0x3a803a80u; // bf16 pairs of 1.0 and 2^-10
#define MMA_F16_TYPE "bf16"
#else
    const uint a = 0x3c003c00u, b = 0x14001400u; // f16 pairs of 1.0 and 2^-10
#define MMA_F16_TYPE "f16"
#endif
    const uint z = (uint)(iters < 0), a1 = a + z, a2 = a + 2 * z, a3 = a + 3 * z, b1 = b + z;
    for (int i = 0; i < iters; ++i)
#pragma unroll
        for (int j = 0; j < NACC; ++j)
            asm volatile("mma.sync.aligned.m16n8k16.row.col.f32." MMA_F16_TYPE "." MMA_F16_TYPE
                         ".f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%0, %1, %2, %3};"
                         : "+f"(c[j][0]), "+f"(c[j][1]), "+f"(c[j][2]), "+f"(c[j][3])
                         : "r"(a), "r"(a1), "r"(a2), "r"(a3), "r"(b), "r"(b1));
    float s = 0.0f;
    for (int j = 0; j < NACC; ++j) s += c[j][0] + c[j][1] + c[j][2] + c[j][3];
    out[get_global_id(0)] = s;
}

// s8 m16n8k32, int32 accumulation (mlp_mmaq.cl's instruction): 8192 ops
__kernel void mma_s8(__global float *out, const int iters)
{
    int c[NACC][4];
    for (int j = 0; j < NACC; ++j) c[j][0] = c[j][1] = c[j][2] = c[j][3] = 0;
    const uint a = 0x01010101u, b = 0x01010101u;
    const uint z = (uint)(iters < 0), a1 = a + z, a2 = a + 2 * z, a3 = a + 3 * z, b1 = b + z;
    for (int i = 0; i < iters; ++i)
#pragma unroll
        for (int j = 0; j < NACC; ++j)
            asm volatile("mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 "
                         "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%0, %1, %2, %3};"
                         : "+r"(c[j][0]), "+r"(c[j][1]), "+r"(c[j][2]), "+r"(c[j][3])
                         : "r"(a), "r"(a1), "r"(a2), "r"(a3), "r"(b), "r"(b1));
    int s = 0;
    for (int j = 0; j < NACC; ++j) s += c[j][0] + c[j][1] + c[j][2] + c[j][3];
    out[get_global_id(0)] = (float)s;
}
