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

// The float-accumulating shapes, chosen by MMA_TYPE: 0 tf32 m16n8k8 (the 3xTF32 kernels'
// instruction, 2048 flops), 1 f16 m16n8k16 and 2 bf16 m16n8k16 (4096 flops); A holds 1.0 and
// B 2^-10 in each element (f16 and bf16: two elements a register)
#ifndef MMA_TYPE
#define MMA_TYPE 0
#endif
#if MMA_TYPE == 0
#define MMA_SHAPE "m16n8k8.row.col.f32.tf32.tf32.f32"
#define MMA_A 0x3f800000u
#define MMA_B 0x3a800000u
#elif MMA_TYPE == 1
#define MMA_SHAPE "m16n8k16.row.col.f32.f16.f16.f32"
#define MMA_A 0x3c003c00u
#define MMA_B 0x14001400u
#else
#define MMA_SHAPE "m16n8k16.row.col.f32.bf16.bf16.f32"
#define MMA_A 0x3f803f80u
#define MMA_B 0x3a803a80u
#endif
__kernel void mma_float(__global float *out, const int iters)
{
    float c[NACC][4];
    for (int j = 0; j < NACC; ++j) c[j][0] = c[j][1] = c[j][2] = c[j][3] = 0.0f;
    const uint a = MMA_A, b = MMA_B;
    const uint z = (uint)(iters < 0), a1 = a + z, a2 = a + 2 * z, a3 = a + 3 * z, b1 = b + z;
    for (int i = 0; i < iters; ++i)
#pragma unroll
        for (int j = 0; j < NACC; ++j)
            asm volatile("mma.sync.aligned." MMA_SHAPE
                         " {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%0, %1, %2, %3};"
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

// The conversion and f16x2 instructions that the fp16-pair kernels (hp) issue, at the same
// structure: NACC independent chains a work-item, each adding (integer add) one instruction's
// result a round, so that the instruction's own rate shows wherever it is below the adds'.
// CVT_TYPE 0: cvt.rn.f16x2.f32 (two floats into one f16 pair; 1.0, 1.0 -> 0x3c003c00), 1:
// cvt.f32.f16 (0x3c00 -> 1.0f), 2: add.rn.f16x2 (1 + 1 in both halves: 0x40004000), 3:
// fma.rn.f32 (1 * 1 + 1 = 2.0f), the reference. Each work-item writes the chains' sum (bits).
#ifndef CVT_TYPE
#define CVT_TYPE 0
#endif
__kernel void cvt_probe(__global uint *out, const int iters)
{
    uint acc[NACC];
    float fin[NACC];
    uint hin[NACC];
    const uint z = (uint)(iters < 0);
    for (int j = 0; j < NACC; ++j) {
        acc[j] = 0u;
        fin[j] = as_float(0x3f800000u + z * (uint)j);
        hin[j] = 0x3c003c00u + z * (uint)j;
    }
    for (int i = 0; i < iters; ++i)
#pragma unroll
        for (int j = 0; j < NACC; ++j) {
            uint r;
#if CVT_TYPE == 0
            asm volatile("cvt.rn.f16x2.f32 %0, %1, %1;" : "=r"(r) : "f"(fin[j]));
#elif CVT_TYPE == 1
            float f;
            asm volatile("{\n\t.reg .b16 lo, hi;\n\tmov.b32 {lo, hi}, %1;\n\tcvt.f32.f16 %0, lo;\n\t}"
                         : "=f"(f) : "r"(hin[j]));
            r = as_uint(f);
#elif CVT_TYPE == 2
            asm volatile("add.rn.f16x2 %0, %1, %1;" : "=r"(r) : "r"(hin[j]));
#else
            float f;
            asm volatile("fma.rn.f32 %0, %1, %1, %1;" : "=f"(f) : "f"(fin[j]));
            r = as_uint(f);
#endif
            acc[j] += r;
        }
    uint s = 0u;
    for (int j = 0; j < NACC; ++j) s += acc[j];
    out[get_global_id(0)] = s;
}
