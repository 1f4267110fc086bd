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

// The conversions that the fp16-pair kernels (hp) issue, in NACC dependent chains a work-item
// (each round's input is the last round's result, so that no compiler can move an instruction
// out of the loop: a first version with loop-invariant inputs measured only its adds). CVT_TYPE
// 0: cvt.rn.f16x2.f32, the chain's float f -> the pair p = (f16(f), f16(f)), f = bits of p
// with 0x3f80 in the upper half (1 <= f < 2); 1: cvt.f32.f16, the chain's half h -> f = float
// of h, h = f's mantissa bits 13..22 under the exponent of 1 (0x3c00 | ...); 2: fma.rn.f32, f =
// f * 0.5 + 0.75, the reference. One logic instruction a round besides, in 0 and 1. Each
// work-item writes the chains' sum of bits; the host replays the chains.
#ifndef CVT_TYPE
#define CVT_TYPE 0
#endif
__kernel void cvt_probe(__global uint *out, const int iters)
{
    uint v[NACC];
    for (int j = 0; j < NACC; ++j) v[j] = CVT_TYPE == 1 ? 0x3c00u + (uint)j : 0x3f800000u + ((uint)j << 12);
    for (int i = 0; i < iters; ++i)
#pragma unroll
        for (int j = 0; j < NACC; ++j) {
#if CVT_TYPE == 0
            uint p;
            asm volatile("cvt.rn.f16x2.f32 %0, %1, %1;" : "=r"(p) : "f"(as_float(v[j])));
            v[j] = (p & 0x0000ffffu) | 0x3f800000u;
#elif CVT_TYPE == 1
            float f;
            asm volatile("{\n\t.reg .b16 lo, hi;\n\tmov.b32 {lo, hi}, %1;\n\tcvt.f32.f16 %0, lo;\n\t}"
                         : "=f"(f) : "r"(v[j]));
            v[j] = ((as_uint(f) >> 13) & 0x3ffu) | 0x3c00u;
#else
            float f;
            asm volatile("fma.rn.f32 %0, %1, 0f3F000000, 0f3F400000;" : "=f"(f) : "f"(as_float(v[j])));
            v[j] = as_uint(f);
#endif
        }
    uint s = 0u;
    for (int j = 0; j < NACC; ++j) s += v[j];
    out[get_global_id(0)] = s;
}
