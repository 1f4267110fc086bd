// Storage formats of weights and activations, seen by every kernel as fp32 values.
//
// FMLP_WT, the weight format (fmlp_dtype): 0 f32, 1 f16, 2 bf16, 3 GGML Q8_0, 4 GGML Q4_0,
// 5..8 group-wise affine with 2, 3, 4, 8 bits (group size FMLP_GS); FMLP_AT, the activations'
// (x and y): 0 f32, 1 f16, 2 bf16. The byte layouts are the ones include/flashmlp/flashmlp.h
// documents; arithmetic is always fp32.
//
// Weights are addressed by rows of their input dimension: gate and up as [I][H] (a row of H
// inputs), down^T as [I][H] for f32/f16/bf16 (row k holds down[.][k]) and, for the block
// formats, as block rows: block row k/B holds, for every output n, the block of down[n] that
// contains input k (so that neighbouring outputs' blocks are neighbours in memory); the block
// formats' blocks are packed in tiles (below).
//   FMLP_ROW(w, n)     row n of gate/up matrix w, an fmlp_wrow
//   fmlp_w4(row, k)    inputs k..k+3 of a row (k a multiple of 4: never across a block)
//   fmlp_w1(row, k)    input k of a row
//   fmlp_dt4(d, k, n)  down[n..n+3][k];   fmlp_dt1(d, k, n)  down[n][k]
//   fmlp_x1(x, i), fmlp_x4(x, i)  activations as fp32;   fmlp_y1(y, i, v)  store one output

#ifndef FMLP_WT
#define FMLP_WT 0
#endif
#ifndef FMLP_AT
#define FMLP_AT 0
#endif
#ifndef FMLP_GS
#define FMLP_GS 32
#endif

// ---------------------------------------------------------------- scalar conversions
inline float fmlp_bf16(const ushort u) { return as_float((uint)u << 16); }

// four bf16 values in two words, the first in the low half of u.x
inline float4 fmlp_bf16x4(const uint2 u)
{
    return (float4)(as_float(u.x << 16), as_float(u.x & 0xffff0000u), as_float(u.y << 16),
                    as_float(u.y & 0xffff0000u));
}

inline ushort fmlp_to_bf16(const float v)
{
    const uint u = as_uint(v);
    if ((u & 0x7fffffffu) > 0x7f800000u) return (ushort)((u >> 16) | 0x40u); // NaN stays NaN
    return (ushort)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);                  // nearest even
}

// ---------------------------------------------------------------- weight loads
// The vector loads of weights (16, 8 and 4 bytes, aligned). FMLP_LDNA (the parameter na of the
// strategies; NVIDIA only) writes each as one PTX load:
//   1: ld.global.nc.L1::no_allocate: the weights are read once a pass and never written while
//      a kernel runs, so they go through the read-only path without taking L1 lines. The read
//      probe (flashmlp-readprobe --load) measured the stream kernel's row walk so 3-4% faster
//      than plain loads on an H200 (compute capability 7.0 and newer);
//   2: the same with an L2 cache policy that evicts the weights' lines first (createpolicy,
//      compute capability 8.0), leaving L2 to x, h and the partial sums.
#if FMLP_LDNA
#if FMLP_LDNA == 2
#define FMLP_LDNA_Q "ld.global.nc.L1::no_allocate.L2::cache_hint"
#define FMLP_LDNA_P5 ", %5" // the policy operand after 4, 2 and 1 outputs and the address
#define FMLP_LDNA_P3 ", %3"
#define FMLP_LDNA_P2 ", %2"
#define FMLP_LDNA_IN , "l"(fmlp_l2_evict_first())
// one policy register for the kernel: the asm has no side effects, so the compiler may share it
inline ulong fmlp_l2_evict_first(void)
{
    ulong pol;
    asm("createpolicy.fractional.L2::evict_first.b64 %0, 1.0;" : "=l"(pol));
    return pol;
}
#else
#define FMLP_LDNA_Q "ld.global.nc.L1::no_allocate"
#define FMLP_LDNA_P5 ""
#define FMLP_LDNA_P3 ""
#define FMLP_LDNA_P2 ""
#define FMLP_LDNA_IN
#endif
inline uint4 fmlp_ldw16(__global const void *p)
{
    uint a, b, c, d;
    asm(FMLP_LDNA_Q ".v4.u32 {%0, %1, %2, %3}, [%4]" FMLP_LDNA_P5 ";"
        : "=r"(a), "=r"(b), "=r"(c), "=r"(d)
        : "l"(p) FMLP_LDNA_IN);
    return (uint4)(a, b, c, d);
}
inline uint2 fmlp_ldw8(__global const void *p)
{
    uint a, b;
    asm(FMLP_LDNA_Q ".v2.u32 {%0, %1}, [%2]" FMLP_LDNA_P3 ";" : "=r"(a), "=r"(b) : "l"(p) FMLP_LDNA_IN);
    return (uint2)(a, b);
}
inline uint fmlp_ldw4(__global const void *p)
{
    uint a;
    asm(FMLP_LDNA_Q ".u32 %0, [%1]" FMLP_LDNA_P2 ";" : "=r"(a) : "l"(p) FMLP_LDNA_IN);
    return a;
}
#else
#define fmlp_ldw16(p) (*(__global const uint4 *)(p))
#define fmlp_ldw8(p) (*(__global const uint2 *)(p))
#define fmlp_ldw4(p) (*(__global const uint *)(p))
#endif

// ---------------------------------------------------------------- weights
#if FMLP_WT == 0
typedef float W_T;
#define FMLP_W_ELEMENTWISE 1
#elif FMLP_WT == 1
typedef half W_T;
#define FMLP_W_ELEMENTWISE 1
#elif FMLP_WT == 2
typedef ushort W_T;
#define FMLP_W_ELEMENTWISE 1
#else
typedef uchar W_T;
#define FMLP_W_ELEMENTWISE 0
#if FMLP_WT == 3
#define WB 32                    // weights per block
#define WBYTES 34                // fp16 d, 32 x int8
#elif FMLP_WT == 4
#define WB 32
#define WBYTES 18                // fp16 d, 16 bytes of nibbles
#else
#define WBITS (FMLP_WT == 5 ? 2 : FMLP_WT == 6 ? 3 : FMLP_WT == 7 ? 4 : 8)
#define WB FMLP_GS
#define WBYTES (4 + FMLP_GS * WBITS / 8) // fp16 scale, fp16 zero, packed q
#endif
#endif

#if FMLP_W_ELEMENTWISE
// a row of a gate/up matrix: a pointer
typedef __global const W_T *fmlp_wrow;
#define FMLP_ROW(w, n) ((w) + (size_t)(n) * FMLP_H)

inline float fmlp_w1(fmlp_wrow row, const int k)
{
#if FMLP_WT == 0
    return row[k];
#elif FMLP_WT == 1
    return vload_half(k, row);
#else
    return fmlp_bf16(row[k]);
#endif
}

// k is a multiple of 4 and rows are multiples of 4 elements where the kernels use this, so
// the vector is aligned (one 16- or 8-byte load, fmlp_ldw16 / fmlp_ldw8)
inline float4 fmlp_w4(fmlp_wrow row, const int k)
{
#if FMLP_WT == 0
    return as_float4(fmlp_ldw16(row + k));
#elif FMLP_WT == 1
    // one 8-byte load, converted in registers (vload_half4 from global memory becomes four
    // 2-byte loads on NVIDIA's compiler, which has no cl_khr_fp16 to load half4 directly)
    const ushort4 u = as_ushort4(fmlp_ldw8(row + k));
    return vload_half4(0, (const __private half *)&u);
#else
    const ushort4 u = as_ushort4(fmlp_ldw8(row + k));
    return (float4)(fmlp_bf16(u.x), fmlp_bf16(u.y), fmlp_bf16(u.z), fmlp_bf16(u.w));
#endif
}

#if FMLP_WT != 0
// inputs k..k+7 of a row of a 16-bit format as one 16-byte load (k a multiple of 8, rows
// multiples of 8 elements: aligned)
// (fmlp_w8_raw: the load, its words undecoded; fmlp_wdec8 decodes them. Kernels that issue
// loads ahead keep the raw words until the values are used)
inline uint4 fmlp_w8_raw(fmlp_wrow row, const int k) { return fmlp_ldw16(row + k); }

inline float8 fmlp_wdec8(const uint4 u)
{
#if FMLP_WT == 1
    return vload_half8(0, (const __private half *)&u);
#else
    return (float8)(as_float(u.x << 16), as_float(u.x & 0xffff0000u), as_float(u.y << 16),
                    as_float(u.y & 0xffff0000u), as_float(u.z << 16), as_float(u.z & 0xffff0000u),
                    as_float(u.w << 16), as_float(u.w & 0xffff0000u));
#endif
}

inline float8 fmlp_w8(fmlp_wrow row, const int k)
{
    return fmlp_wdec8(fmlp_w8_raw(row, k));
}

inline float8 fmlp_dt8(__global const W_T *d, const int k, const int n)
{
    return fmlp_w8(d + (size_t)k * FMLP_H, n);
}
#endif

inline float fmlp_dt1(__global const W_T *d, const int k, const int n)
{
    return fmlp_w1(d + (size_t)k * FMLP_H, n);
}

inline float4 fmlp_dt4(__global const W_T *d, const int k, const int n)
{
    return fmlp_w4(d + (size_t)k * FMLP_H, n);
}
#else
// Block formats, packed in tiles (src/weights.c): the blocks of a matrix are numbered (gate
// and up row by row, H / WB a row; down^T by block rows, H a block row) and go in tiles of
// FMLP_TB consecutive blocks, each tile holding its blocks' value bytes (QB each) and then
// their scale fields (SB each: fp16 d; fp16 scale and zero). Lanes that read neighbouring
// blocks so read neighbouring words: one 128-byte line serves 8 lanes' Q4_0 values.
//   QB   value bytes per block;   QFW  32-bit words of fields per block (GGML: one a byte)
//   FOFF what GGML fields count from (Q8_0's int8 read as offset binary: x ^ 0x80)
#if FMLP_WT == 3
#define QB 32
#define SB 2
#define QFW 8
#define FOFF 128
#elif FMLP_WT == 4
#define QB 16
#define SB 2
#define QFW 8
#define FOFF 8
#else
#define QB (WB * WBITS / 8)
#define SB 4
#define QFW (QB / 4)
#define FOFF 0
#endif
#define QW (QB / 4)
#define FMLP_TB 32

// AFFINE_Q3 has two layouts on the device. Plans with integer dot products (FMLP_Q3G, the
// host's fmlp_q3_grouped) regroup its fields (cl/pack.cl's fmlp_pack_blocks): every run of 32
// fields is three words w0, w1, w2 whose bytes hold groups of four elements, element 4g + j of
// the run in byte j of the group's word: groups 0-2 in bits 0-2 of w0-w2, groups 3-5 in bits 3-5
// of w0-w2, groups 6 and 7 with their low two bits in bits 6-7 of w0 and w1 and their high bit
// in bits 6 and 7 of w2, stored XOR the bit that w0 >> 6 (w1 >> 6) brings into the same place
// (bit 0 of the next byte; none for byte 3). A group's word of one field a byte is then
// (p >> min(sh, 6)) ^ ((w2 >> (sh - 2)) & 0x04040404) with w2 taken as 0 for groups 0-5: the
// same operations for every group, the bits above each field left for the reader to mask. The
// other plans keep the caller's bit stream (field e at bits 3e..3e+2), whose fields a shift (a
// funnel shift across words) takes out more cheaply one at a time: the exact kernels measured
// 5-9% slower on the regrouped layout (bench/results/2026-11-27-h200-s17-q3).
#if FMLP_WT == 6 && defined(FMLP_Q3G) && FMLP_Q3G
#define Q3G 1
// Q3_PW(g): the word (0-2) of group g's fields (its low bits for groups 6 and 7); Q3_SH(g): the
// first field's bit in it, 6 and 7 marking groups 6 and 7 (whose high bits are in w2)
#define Q3_PW(g) ((g) < 6 ? (g) % 3 : (g) - 6)
#define Q3_SH(g) ((g) < 3 ? 0 : (g) < 6 ? 3 : (g))

// group g's fields from its word p (Q3_PW) and w2 (the run's third word for groups 6 and 7,
// else 0), one a byte from bit 0, the bits above each field undefined
inline uint fmlp_q3_group(const uint p, const uint w2, const int sh)
{
    return (p >> min(sh, 6)) ^ ((w2 >> ((sh - 2) & 31)) & 0x04040404u);
}

// the same from a run's three words, for group g
inline uint fmlp_q3_group_of(const uint *run, const int g)
{
    return fmlp_q3_group(run[Q3_PW(g)], Q3_SH(g) >= 6 ? run[2] : 0u, Q3_SH(g));
}
#else
#define Q3G 0
#endif

// the value bytes and the scale fields of block i of matrix w
inline __global const uchar *fmlp_bq(__global const uchar *w, const size_t i)
{
    return w + i / FMLP_TB * (FMLP_TB * WBYTES) + i % FMLP_TB * QB;
}

inline __global const uchar *fmlp_bsf(__global const uchar *w, const size_t i)
{
    return w + i / FMLP_TB * (FMLP_TB * WBYTES) + FMLP_TB * QB + i % FMLP_TB * SB;
}

// block i's scale field(s) as one word: GGML's fp16 d in the low 16 bits; affine: scale, zero
// (one 4-byte load)
inline uint fmlp_block_sfield(__global const uchar *w, const size_t i)
{
#if SB == 2
    return (uint)*(__global const ushort *)fmlp_bsf(w, i);
#else
    return *(__global const uint *)fmlp_bsf(w, i);
#endif
}

// the scale that word holds, and in *off what the fields count from (the zero point, or FOFF)
inline float fmlp_sfield_scale(const uint f, float *off)
{
#if SB == 2
    *off = (float)FOFF;
    return vload_half(0, (const __private half *)&f);
#else
    const float2 sz = vload_half2(0, (const __private half *)&f);
    *off = sz.y;
    return sz.x;
#endif
}

// block i's scale, and in *off what its fields count from
inline float fmlp_block_scale(__global const uchar *w, const size_t i, float *off)
{
    return fmlp_sfield_scale(fmlp_block_sfield(w, i), off);
}

// a row of a gate/up matrix: the matrix and the row's first block
typedef struct {
    __global const uchar *w;
    size_t b;
} fmlp_wrow;

inline fmlp_wrow fmlp_row(__global const uchar *w, const size_t n)
{
    fmlp_wrow r;
    r.w = w;
    r.b = n * (FMLP_H / WB);
    return r;
}
#define FMLP_ROW(w, n) fmlp_row((w), (n))

// element e (0 <= e < WB) of block i
inline float fmlp_block_elem(__global const uchar *w, const size_t i, const int e)
{
    float z;
    const float s = fmlp_block_scale(w, i, &z);
    __global const uchar *q = fmlp_bq(w, i);
#if FMLP_WT == 3
    return s * (float)(char)q[e];
#elif FMLP_WT == 4
    const uchar v = q[e & 15];
    return s * (float)((e < 16 ? (v & 15) : (v >> 4)) - 8);
#elif Q3G
    __global const uint *qw = (__global const uint *)q + 3 * (e >> 5);
    const uint run[3] = {qw[0], qw[1], qw[2]};
    const uint v = (fmlp_q3_group_of(run, (e >> 2) & 7) >> (8 * (e & 3))) & 7u;
    return s * ((float)v - z);
#else
    const int bit = e * WBITS, at = bit >> 3, sh = bit & 7;
    uint v = q[at];
    if (sh + WBITS > 8) v |= (uint)q[at + 1] << 8; // q3 crosses a byte boundary
    v = (v >> sh) & ((1u << WBITS) - 1u);
    return s * ((float)v - z);
#endif
}

inline float fmlp_w1(const fmlp_wrow row, const int k)
{
    return fmlp_block_elem(row.w, row.b + (size_t)(k / WB), k % WB);
}

// Whole blocks, for kernels whose threads take one block at a time (mlp_stream.cl):
//   fmlp_block_words(w, i, q, off)  block i's fields into q[QFW] with the widest aligned loads;
//                            returns its scale, *off what the fields count from
//   fmlp_block_dot(q, x, e0) the sum over the block's elements e0..e0+31 of
//                            (1 + field / 2^FW) * x[e - e0], x in registers
//   FMLP_BLOCK_VALUE         from that and sum(x): the block's contribution, scale * the sum
//                            of (field - offset) * x
// GGML blocks are spread to one field per byte when loaded (Q4_0: low nibbles, then high
// nibbles, masked), so every field is the low bits of a byte of a word.
// A block as loaded: its QW value words (the widest aligned loads), then its scale field(s)
// as one word (GGML: d in the low 16 bits; affine: scale, zero). The stream kernel's
// prefetch (parameter pb) holds the next blocks so, and takes fields from them where used.
#define QRAW (QW + 1)
inline void fmlp_block_load(__global const uchar *w, const size_t i, uint *raw)
{
    __global const uchar *b = fmlp_bq(w, i);
#if (QB % 16) == 0
#pragma unroll
    for (int j = 0; j < QW / 4; ++j) {
        const uint4 v = fmlp_ldw16(b + 16 * j);
        raw[4 * j] = v.x;
        raw[4 * j + 1] = v.y;
        raw[4 * j + 2] = v.z;
        raw[4 * j + 3] = v.w;
    }
#elif (QB % 8) == 0
#pragma unroll
    for (int j = 0; j < QW / 2; ++j) {
        const uint2 v = fmlp_ldw8(b + 8 * j);
        raw[2 * j] = v.x;
        raw[2 * j + 1] = v.y;
    }
#else
#pragma unroll
    for (int j = 0; j < QW; ++j) raw[j] = fmlp_ldw4(b + 4 * j);
#endif
    raw[QW] = fmlp_block_sfield(w, i);
}

// a loaded block's fields as QFW words, one field a byte for GGML (Q4_0: low nibbles, then
// high nibbles; Q8_0's int8 as offset binary), the value words themselves for affine
inline void fmlp_raw_words(const uint *raw, uint *q)
{
#if FMLP_WT == 4
#pragma unroll
    for (int j = 0; j < 4; ++j) {
        q[j] = raw[j] & 0x0f0f0f0fu;
        q[4 + j] = (raw[j] >> 4) & 0x0f0f0f0fu;
    }
#elif FMLP_WT == 3
#pragma unroll
    for (int j = 0; j < QW; ++j) q[j] = raw[j] ^ 0x80808080u;
#else
#pragma unroll
    for (int j = 0; j < QW; ++j) q[j] = raw[j];
#endif
}

// block i's fields into q[QFW]; returns its scale, *off what the fields count from
inline float fmlp_block_words(__global const uchar *w, const size_t i, uint *q, float *off)
{
    uint raw[QRAW];
    fmlp_block_load(w, i, raw);
    fmlp_raw_words(raw, q);
    return fmlp_sfield_scale(raw[QW], off);
}

// Field e of the block's words as the float 1 + field / 2^FW (FW: the field's width), built by
// moving the field to the top of the mantissa of 1.0: one shift and one logic op, exact. The
// kernels then need one FMA a weight: sum(field * x) = 2^FW * (sum(v * x) - sum(x)), where the
// subtraction loses nothing that matters, v being within [1, 2).
#if FMLP_WT == 3
#define FW 8
#elif FMLP_WT == 4
#define FW 4
#else
#define FW WBITS
#endif
#define FMLP_FIELD_SCALE ((float)(1 << FW))

// 1 + f / 2^FW for the FW-bit field f of v that starts at bit `bit` (a constant once unrolled)
inline float fmlp_unit_field(const uint v, const int bit)
{
    const int sh = 23 - FW - bit;
    return as_float(((sh >= 0 ? v << sh : v >> -sh) & (((1u << FW) - 1u) << (23 - FW))) |
                    0x3f800000u);
}

inline float fmlp_field_v(const uint *q, const int e)
{
#if FMLP_WT <= 4 || WBITS == 8
    // byte (e & 3) of word e >> 2 holds the field in its low FW bits
    return fmlp_unit_field(q[e >> 2], (e & 3) * 8);
#elif Q3G
    // groups 0-5: the field straight from its word; 6 and 7: from the group's word
    const int r = 3 * (e >> 5), g = (e >> 2) & 7, sh = Q3_SH(g);
    if (sh < 6) return fmlp_unit_field(q[r + Q3_PW(g)], 8 * (e & 3) + sh);
    return fmlp_unit_field(fmlp_q3_group_of(q + r, g), 8 * (e & 3));
#else
    const int bit = e * WBITS, w = bit >> 5, sh = bit & 31;
    uint v = q[w] >> sh;
    if (sh + WBITS > 32) v |= q[w + 1] << (32 - sh); // 3-bit fields cross words
    return fmlp_unit_field(v, 0);
#endif
}

// sum over elements e0..e0+31 of (1 + field / 2^FW) * x[e - e0]
inline float fmlp_block_dot(const uint *q, const float *x, const int e0)
{
    float d0 = 0.0f, d1 = 0.0f;
#pragma unroll
    for (int e = 0; e < 32; e += 2) {
        d0 = mad(fmlp_field_v(q, e0 + e), x[e], d0);
        d1 = mad(fmlp_field_v(q, e0 + e + 1), x[e + 1], d1);
    }
    return d0 + d1;
}

// The same from a loaded block's words (fmlp_block_load) without spreading them first: Q4_0's
// element e is nibble (e >= 16) of byte e % 16, Q8_0's byte e as offset binary.
inline float fmlp_field_raw(const uint *raw, const int e)
{
#if FMLP_WT == 4
    return fmlp_unit_field(raw[(e & 15) >> 2], (e & 3) * 8 + ((e & 16) >> 2));
#elif FMLP_WT == 3
    return fmlp_unit_field(raw[e >> 2] ^ 0x80808080u, (e & 3) * 8);
#else
    return fmlp_field_v(raw, e);
#endif
}

inline float fmlp_block_dot_raw(const uint *raw, const float *x, const int e0)
{
    float d0 = 0.0f, d1 = 0.0f;
#pragma unroll
    for (int e = 0; e < 32; e += 2) {
        d0 = mad(fmlp_field_raw(raw, e0 + e), x[e], d0);
        d1 = mad(fmlp_field_raw(raw, e0 + e + 1), x[e + 1], d1);
    }
    return d0 + d1;
}

// For several batch rows: elements e0..e0+31 decoded once into v[32] (1 + field / 2^FW), then
// dotted with each row's inputs in local memory (16-byte aligned).
inline void fmlp_block_decode32(const uint *q, const int e0, float *v)
{
#pragma unroll
    for (int e = 0; e < 32; ++e) v[e] = fmlp_field_v(q, e0 + e);
}

inline float fmlp_dot32_local(const float *v, __local const float *x)
{
    float d0 = 0.0f, d1 = 0.0f;
#pragma unroll
    for (int e = 0; e < 32; e += 4) {
        const float4 a = *(__local const float4 *)(x + e);
        d0 = mad(v[e], a.x, d0);
        d1 = mad(v[e + 1], a.y, d1);
        d0 = mad(v[e + 2], a.z, d0);
        d1 = mad(v[e + 3], a.w, d1);
    }
    return d0 + d1;
}

inline float fmlp_sum32_local(__local const float *x)
{
    float t = 0.0f;
#pragma unroll
    for (int e = 0; e < 32; e += 4) {
        const float4 a = *(__local const float4 *)(x + e);
        t += (a.x + a.y) + (a.z + a.w);
    }
    return t;
}

// sum(scale * (field - offset) * x) over a block from d = fmlp_block_dot's sums and sx = sum(x)
#define FMLP_BLOCK_VALUE(scale, offset, d, sx) \
    ((scale) * mad(FMLP_FIELD_SCALE, (d) - (sx), -(offset) * (sx)))

// For several batch rows with their inputs in registers (the stream kernel's rb): the values
// of elements e0..e0+7 of a block, A v - B with A = scale * 2^FW and B = scale * (2^FW +
// offset) (one FMA a weight), and 8 inputs from 16-byte aligned local memory.
inline void fmlp_block_values8(const uint *q, const int e0, const float scale, const float offset,
                               float *w)
{
    const float A = scale * FMLP_FIELD_SCALE, B = scale * (FMLP_FIELD_SCALE + offset);
#pragma unroll
    for (int j = 0; j < 8; ++j) w[j] = mad(A, fmlp_field_v(q, e0 + j), -B);
}

inline void fmlp_load8_local(__local const float *src, float *v)
{
    const float4 a = *(__local const float4 *)src, b = *(__local const float4 *)(src + 4);
    v[0] = a.x, v[1] = a.y, v[2] = a.z, v[3] = a.w;
    v[4] = b.x, v[5] = b.y, v[6] = b.z, v[7] = b.w;
}

// x[0..31] from 16-byte aligned local memory into registers, returning their sum
inline float fmlp_load_x32(__local const float *src, float *x)
{
    float t = 0.0f;
#pragma unroll
    for (int e = 0; e < 32; e += 4) {
        const float4 a = *(__local const float4 *)(src + e);
        x[e] = a.x;
        x[e + 1] = a.y;
        x[e + 2] = a.z;
        x[e + 3] = a.w;
        t += (a.x + a.y) + (a.z + a.w);
    }
    return t;
}

// ---------------------------------------------------------------- integer dot products
// FMLP_XQ (the plan's FMLP_PRECISION_INT8_DOT, for the block formats):
// activations are rounded to int8 per run of 32 inputs (scale max|x| / 127), and a block's
// fields meet them in 4-byte integer dot products, four weights an instruction:
//   sum(scale * (field - offset) * x) = scale * dx * (sum(field * xq) - offset * sum(xq)).
// A run of 32 quantized inputs is 8 words whose bytes are ordered to match the field words
// that fmlp_fields8 cuts from the block (fmlp_xslot: the input of byte b of word j).
// FMLP_DP4A: 1 uses PTX dp4a (NVIDIA, compute capability 6.1 and newer), 0 portable code.
#ifndef FMLP_XQ
#define FMLP_XQ 0
#endif
#ifndef FMLP_DP4A
#define FMLP_DP4A 0
#endif
#if FMLP_XQ
#if FMLP_WT == 6 && !Q3G
#error "AFFINE_Q3's integer dot products read the regrouped layout (FMLP_Q3G)"
#endif

// The affine 2- and 4-bit formats pack FPB = 8 / WBITS fields a byte, little end first: field
// s of every byte of a word, masked, is one word of one field a byte, and the run's WBITS words
// give 8 of them. Every other format already has one field a byte (Q4_0 spread by
// fmlp_block_words) or gives one such word a group of four elements (AFFINE_Q3).
#if FMLP_WT == 5 || FMLP_WT == 7
#define FPB (8 / WBITS)
#else
#define FPB 1
#endif

// the input (0..31 within a run of 32) that byte b of quantized word j holds: word j is field
// j % FPB of word j / FPB, whose byte b holds inputs (j / FPB) * 4 * FPB + b * FPB + 0..FPB-1
inline int fmlp_xslot(const int j, const int b)
{
    return 4 * FPB * (j / FPB) + FPB * b + j % FPB;
}

// the fields of elements e0..e0+31 of a block (its words q from fmlp_block_words) as 8 words
// of one unsigned field a byte, in fmlp_xslot's order
inline void fmlp_fields8(const uint *q, const int e0, uint *f)
{
#if FPB > 1
    const uint m = ((1u << WBITS) - 1u) * 0x01010101u; // the low field of every byte
#pragma unroll
    for (int w = 0; w < 8 / FPB; ++w) {
        const uint v = q[e0 / (4 * FPB) + w];
#pragma unroll
        for (int s = 0; s < FPB; ++s) f[FPB * w + s] = (v >> (WBITS * s)) & m;
    }
#elif Q3G
#pragma unroll
    for (int g = 0; g < 8; ++g) f[g] = fmlp_q3_group_of(q + 3 * (e0 >> 5), g) & 0x07070707u;
#else
#pragma unroll
    for (int w = 0; w < 8; ++w) f[w] = q[e0 / 4 + w];
#endif
}

// c + the sum over the four bytes of a (unsigned) times those of b (signed)
inline int fmlp_dot4(const uint a, const uint b, const int c)
{
#if FMLP_DP4A
    int d;
    asm("dp4a.u32.s32 %0, %1, %2, %3;" : "=r"(d) : "r"(a), "r"(b), "r"(c));
    return d;
#else
    return c + (int)(a & 255u) * (int)(char)(b & 255u) +
           (int)((a >> 8) & 255u) * (int)(char)((b >> 8) & 255u) +
           (int)((a >> 16) & 255u) * (int)(char)((b >> 16) & 255u) +
           (int)(a >> 24) * (int)(char)(b >> 24);
#endif
}

// sum(field * xq) over a run: f from fmlp_fields8, a and b the run's 8 quantized words
inline int fmlp_dot32_q(const uint *f, const uint4 a, const uint4 b)
{
    int d = fmlp_dot4(f[0], a.x, 0);
    d = fmlp_dot4(f[1], a.y, d);
    d = fmlp_dot4(f[2], a.z, d);
    d = fmlp_dot4(f[3], a.w, d);
    d = fmlp_dot4(f[4], b.x, d);
    d = fmlp_dot4(f[5], b.y, d);
    d = fmlp_dot4(f[6], b.z, d);
    return fmlp_dot4(f[7], b.w, d);
}

// Quantizing a run of 32 fp32 values (16-byte aligned in local memory) takes 8 threads, one a
// word: each finds max|v| itself (broadcast reads), rounds its 4 values to int8 with scale
// max|v| / 127 (nearest, ties to even) and stores the word, the scale (word 0's thread) and
// its values' sum into the run's slots; fmlp_quantize_sum then adds the 8 sums (after a
// barrier). A run's slots: [0..7] the int8 words in fmlp_xslot's order, [8] the scale's bits,
// [9] the sum of the 32 values, [10..17] the words' sums, [18..19] padding (a pitch of 20 words
// keeps lanes that read neighbouring runs' words on distinct banks).
#define XQ_PITCH 20

inline void fmlp_quantize_word(__local const float *src, const int j, __local uint *run)
{
    float amax = 0.0f;
#pragma unroll
    for (int e = 0; e < 32; e += 4) {
        const float4 a = fabs(*(__local const float4 *)(src + e));
        amax = fmax(amax, fmax(fmax(a.x, a.y), fmax(a.z, a.w)));
    }
    const float id = amax > 0.0f ? 127.0f / amax : 0.0f;
    uint w = 0;
    int sum = 0;
#pragma unroll
    for (int b = 0; b < 4; ++b) {
        const int q = clamp((int)rint(src[fmlp_xslot(j, b)] * id), -127, 127);
        sum += q;
        w |= ((uint)q & 255u) << (8 * b);
    }
    run[j] = w;
    run[10 + j] = (uint)sum;
    if (j == 0) run[8] = as_uint(amax / 127.0f);
}

inline void fmlp_quantize_sum(__local uint *run)
{
    int sum = 0;
#pragma unroll
    for (int j = 0; j < 8; ++j) sum += (int)run[10 + j];
    run[9] = (uint)sum;
}
#endif

// down^T's block rows: block (k / WB) * H + n holds down[n][k]
inline float fmlp_dt1(__global const W_T *d, const int k, const int n)
{
    return fmlp_block_elem(d, (size_t)(k / WB) * FMLP_H + n, k % WB);
}

inline float4 fmlp_dt4(__global const W_T *d, const int k, const int n)
{
    const size_t i = (size_t)(k / WB) * FMLP_H + n;
    const int e = k % WB;
    return (float4)(fmlp_block_elem(d, i, e), fmlp_block_elem(d, i + 1, e),
                    fmlp_block_elem(d, i + 2, e), fmlp_block_elem(d, i + 3, e));
}
#endif

// ---------------------------------------------------------------- raw loads
// For kernels that load the next tile while computing this one (mlp_mma.cl): fmlp_w4_raw,
// fmlp_dt4_raw (16-bit formats) and fmlp_dtk4_raw (block formats: down^T along k) load what
// fmlp_w4 and fmlp_dt4 would, leaving it undecoded, and fmlp_wdec4 decodes it where the values
// are stored. Decoding right after the load would make the
// thread wait for the load there, before the computation the load was meant to overlap.
#if FMLP_WT == 0
typedef float4 fmlp_wraw4;
#define fmlp_w4_raw(row, k) fmlp_w4((row), (k))
#define fmlp_dt4_raw(d, k, n) fmlp_dt4((d), (k), (n))
#define fmlp_wdec4(r) (r)
#define fmlp_wraw4_zero() ((float4)(0.0f))
#elif FMLP_W_ELEMENTWISE
typedef uint2 fmlp_wraw4; // four 16-bit weights
inline fmlp_wraw4 fmlp_w4_raw(fmlp_wrow row, const int k)
{
    return fmlp_ldw8(row + k);
}
inline fmlp_wraw4 fmlp_dt4_raw(__global const W_T *d, const int k, const int n)
{
    return fmlp_w4_raw(d + (size_t)k * FMLP_H, n);
}
inline float4 fmlp_wdec4(const fmlp_wraw4 u)
{
#if FMLP_WT == 1
    return vload_half4(0, (const __private half *)&u);
#else
    return fmlp_bf16x4(u);
#endif
}
#define fmlp_wraw4_zero() ((uint2)(0u))
#else
// Four weights of a block's elements e..e+3 (e a multiple of 4): the 32-bit word that holds
// their fields, the block's scale field(s), and the first field's bit in the word. AFFINE_Q3's
// 12 bits cross into the next word where they start past bit 20 (elements 8..11 and 20..23 of
// every 32): that word too, loaded only there (a block's values are whole words, and the last
// word of a block's values is never read past). Regrouped (Q3G), groups 6 and 7 of every 32
// take the run's third word as well, and the others 0 in its place.
typedef struct {
    uint v;  // the word
#if FMLP_WT == 6
    uint v2; // the next word where the fields cross into it (Q3G: the run's third word)
#endif
    uint s;  // GGML's d in the low 16 bits; affine: scale, zero
    int sh;  // the first field's bit
} fmlp_wraw4;

// the byte offset of the word holding element e's field, and that field's first bit in it
#if FMLP_WT == 4
#define RAW_WORD(e) ((e) & 12)                 // Q4_0: byte j holds elements j and j + 16
#define RAW_SHIFT(e) (((e) & 16) ? 4 : 0)
#elif Q3G
#define RAW_WORD(e) (12 * ((e) >> 5) + 4 * Q3_PW(((e) >> 2) & 7))
#define RAW_SHIFT(e) Q3_SH(((e) >> 2) & 7)
#define RAW_HAS_V2(e) (RAW_SHIFT(e) >= 6)        // groups 6 and 7 need the third word
#define RAW_WORD2(e) (12 * ((e) >> 5) + 8)
#else
#if FMLP_WT == 3
#define FBITS 8
#else
#define FBITS WBITS
#endif
#define RAW_WORD(e) ((e) * FBITS / 32 * 4)
#define RAW_SHIFT(e) ((e) * FBITS % 32)
#if FMLP_WT == 6
#define RAW_HAS_V2(e) (RAW_SHIFT(e) > 32 - 4 * WBITS) // the fields cross into the next word
#define RAW_WORD2(e) (RAW_WORD(e) + 4)
#endif
#endif

// elements e..e+3 (e a multiple of 4) of block i of matrix w
inline fmlp_wraw4 fmlp_block_raw4(__global const uchar *w, const size_t i, const int e)
{
    fmlp_wraw4 r;
    __global const uint *p = (__global const uint *)(fmlp_bq(w, i) + RAW_WORD(e));
    r.v = fmlp_ldw4(p);
#if FMLP_WT == 6
    r.v2 = RAW_HAS_V2(e) ? fmlp_ldw4(fmlp_bq(w, i) + RAW_WORD2(e)) : 0u;
#endif
    r.s = fmlp_block_sfield(w, i);
    r.sh = RAW_SHIFT(e);
    return r;
}

inline fmlp_wraw4 fmlp_w4_raw(const fmlp_wrow row, const int k)
{
    return fmlp_block_raw4(row.w, row.b + (size_t)(k / WB), k % WB);
}

#if FMLP_WT == 6 && !Q3G
// AFFINE_Q3 in the caller's bit stream: elements e..e+7 of block i (e a multiple of 8) as two
// raw groups of four, *a (e..e+3) and *b (e+4..e+7). Their 24 bits start at bit 24 (e / 8) % 32
// of a word and cross into the next where they start past bit 8: one word, or two and one
// funnel shift, where fmlp_block_raw4 twice issues four loads (two of them predicated) and two
// shifts. The groups come out shifted to bit 0 (sh = 0) with no second word.
inline void fmlp_block_raw8_q3(__global const uchar *w, const size_t i, const int e,
                               fmlp_wraw4 *a, fmlp_wraw4 *b)
{
    const int bit = 3 * e, sh = bit & 31;
    __global const uchar *q = fmlp_bq(w, i) + 4 * (bit >> 5);
    const uint w0 = fmlp_ldw4(q), w1 = sh > 8 ? fmlp_ldw4(q + 4) : 0u;
    const uint v = sh ? (w0 >> sh) | (w1 << (32 - sh)) : w0;
    a->v = v;
    b->v = v >> 12;
    a->v2 = b->v2 = 0u;
    a->s = b->s = fmlp_block_sfield(w, i);
    a->sh = b->sh = 0;
}

// inputs k..k+7 of a row (k a multiple of 8), as fmlp_w4_raw at k and k + 4
inline void fmlp_w8_raw_q3(const fmlp_wrow row, const int k, fmlp_wraw4 *a, fmlp_wraw4 *b)
{
    fmlp_block_raw8_q3(row.w, row.b + (size_t)(k / WB), k % WB, a, b);
}
#endif

// down^T: inputs k..k+3 (k a multiple of 4) of output n, four fields of one block
inline fmlp_wraw4 fmlp_dtk4_raw(__global const W_T *d, const int k, const int n)
{
    return fmlp_block_raw4(d, (size_t)(k / WB) * FMLP_H + n, k % WB);
}

#if FMLP_WT == 6 && !Q3G
// the same for inputs k..k+7 (k a multiple of 8), as fmlp_dtk4_raw at k and k + 4
inline void fmlp_dtk8_raw_q3(__global const W_T *d, const int k, const int n, fmlp_wraw4 *a,
                             fmlp_wraw4 *b)
{
    fmlp_block_raw8_q3(d, (size_t)(k / WB) * FMLP_H + n, k % WB, a, b);
}
#endif

// field f (0..3) of the word, from bit sh on, as a float
inline float fmlp_raw_field(const uint w, const int sh, const int f)
{
#if FMLP_WT == 4
    return (float)((w >> (sh + 8 * f)) & 15u);
#elif FMLP_WT == 3
    return (float)(char)((w >> (8 * f)) & 255u);
#elif Q3G
    return (float)((w >> (sh + 8 * f)) & 7u); // a group's word: one field a byte
#else
    return (float)((w >> (sh + WBITS * f)) & ((1u << WBITS) - 1u));
#endif
}

// The four fields as floats, small integers that tf32 holds exactly (GGML's less their offset:
// Q4_0's 8; Q8_0's fields are read signed), and the block's scale and zero point apart (GGML's
// zero point is 0: its offset is in the fields). mlp_mma.cl's iw=1 path takes them as they
// are; fmlp_wdec4 combines them.
#if Q3G
// AFFINE_Q3 regrouped: the group's four fields, one a byte from bit 0 (bits above undefined)
inline uint fmlp_raw_q3(const fmlp_wraw4 r)
{
    return fmlp_q3_group(r.v, r.v2, r.sh);
}
#elif FMLP_WT == 6
// AFFINE_Q3: the 12 bits from bit sh of the word pair, from bit 0 (a funnel shift; sh is never
// 0 where v2 counts)
inline uint fmlp_raw_q3(const fmlp_wraw4 r)
{
    return r.sh > 32 - 4 * WBITS ? (r.v >> r.sh) | (r.v2 << (32 - r.sh)) : r.v >> r.sh;
}
#endif

inline float4 fmlp_wdecq4(const fmlp_wraw4 r)
{
    const float off = FMLP_WT == 4 ? 8.0f : 0.0f;
#if FMLP_WT == 6
    const uint v = fmlp_raw_q3(r);
    const int sh = 0;
#else
    const uint v = r.v;
    const int sh = r.sh;
#endif
    return (float4)(fmlp_raw_field(v, sh, 0), fmlp_raw_field(v, sh, 1), fmlp_raw_field(v, sh, 2),
                    fmlp_raw_field(v, sh, 3)) -
           off;
}

inline float fmlp_wscale(const fmlp_wraw4 r)
{
    return vload_half(0, (const __private half *)&r.s);
}

inline float fmlp_wzero(const fmlp_wraw4 r)
{
#if SB == 2
    (void)r;
    return 0.0f;
#else
    return vload_half(1, (const __private half *)&r.s);
#endif
}

inline float4 fmlp_wdec4(const fmlp_wraw4 r)
{
    return fmlp_wscale(r) * (fmlp_wdecq4(r) - fmlp_wzero(r));
}

// For the tensor cores without conversions (mlp_mmav.cl's iw=1): the four fields as
// (field - FOFF) / 2^FW (GGML) or field / 2^FW (affine; the zero point is applied with the
// sum of x), each built as 1 + field / 2^FW by moving the field to the top of the mantissa of
// 1.0 (a shift and a logic op) less a constant: exact, and exact in tf32 (at most 8 field bits
// and the leading one). The block's contribution is then scale * 2^FW * (the mma's sum).
// Fields of the word are FSTEP bits apart from bit sh (Q8_0: its int8 bytes as offset binary;
// AFFINE_Q3 regrouped: its group's word, one field a byte).
#if FMLP_WT <= 4 || Q3G
#define FSTEP 8
#else
#define FSTEP WBITS
#endif
#define FMLP_IW_C (FMLP_WT <= 4 ? 1.0f + (float)FOFF / FMLP_FIELD_SCALE : 1.0f)

// The four fields of r as (1 + field / 2^FW) - c. With c = FMLP_IW_C: (field - offset) / 2^FW
// for the GGML formats, field / 2^FW for the affine ones (their zero points applied where the
// sums are flushed). The affine formats with an integer zero point z (|z| <= 1024, the host's
// FMLP_IZ build) take c = 1 + z / 2^FW (fmlp_iw_zc): (field - z) / 2^FW, the operands and the
// difference exact, and |field - z| < 2^11 keeps it exact in tf32.
// The word that holds r's four fields, field 0 from bit 0 and the others FSTEP bits apart (Q8_0's
// signed bytes as offset binary, FOFF above the value; bits above each field undefined)
inline uint fmlp_iw_word(const fmlp_wraw4 r)
{
#if FMLP_WT == 6
    return fmlp_raw_q3(r);
#elif FMLP_WT == 3
    return r.v ^ 0x80808080u;
#else
    return r.v >> r.sh;
#endif
}

inline float4 fmlp_wiw4_c(const fmlp_wraw4 r, const float c)
{
    const uint v = fmlp_iw_word(r);
    return (float4)(fmlp_unit_field(v, 0), fmlp_unit_field(v, FSTEP),
                    fmlp_unit_field(v, 2 * FSTEP), fmlp_unit_field(v, 3 * FSTEP)) - c;
}

#if FMLP_WT >= 5
inline float fmlp_iw_zc(const fmlp_wraw4 r)
{
    return 1.0f + fmlp_wzero(r) * (1.0f / FMLP_FIELD_SCALE);
}
#endif

inline fmlp_wraw4 fmlp_wraw4_zero(void)
{
    fmlp_wraw4 r;
    r.v = 0u;
#if FMLP_WT == 6
    r.v2 = 0u;
#endif
    r.s = 0u; // scale 0: decodes to zeros
    r.sh = 0;
    return r;
}

// inputs k..k+3 of a row, decoded where they are loaded
inline float4 fmlp_w4(const fmlp_wrow row, const int k)
{
    return fmlp_wdec4(fmlp_w4_raw(row, k));
}
#endif

// ---------------------------------------------------------------- activations
#if FMLP_AT == 0
typedef float A_T;
#elif FMLP_AT == 1
typedef half A_T;
#else
typedef ushort A_T;
#endif

inline float fmlp_x1(__global const A_T *x, const size_t i)
{
#if FMLP_AT == 0
    return x[i];
#elif FMLP_AT == 1
    return vload_half(i, x);
#else
    return fmlp_bf16(x[i]);
#endif
}

// x[i..i+3] (i a multiple of 4 where the kernels use it). With FMLP_XW (plan.c: H a multiple
// of 4 and buffers that start on 16 bytes at least) the four are one 16- (fp32) or 8-byte
// (16-bit) vector, loaded at once and converted in registers: fmlp_forward copies x first where
// the caller's offset is not a multiple of 4 elements. Otherwise element by element (vload4 and
// vload_half4 may assume element alignment only, and NVIDIA's compiler loads them an element at
// a time). The choice is made when the program is built, not per load: a test on the address
// cost x the read-only path (ld.global.nc) on NVIDIA, and one on the indices put a branch
// around every load (bench/results/2026-11-28-h200-s28-xw, -xw2). -DFMLP_XW=0 in the build
// options keeps the element loads (A/B builds).
#ifndef FMLP_XW
#define FMLP_XW 1
#endif
#ifndef FMLP_XW_OK
#define FMLP_XW_OK 0
#endif
inline float4 fmlp_x4(__global const A_T *x, const size_t i)
{
    __global const A_T *p = x + i;
#if FMLP_XW && FMLP_XW_OK && FMLP_AT == 0
    return *(__global const float4 *)p;
#elif FMLP_XW && FMLP_XW_OK
    const uint2 u = *(__global const uint2 *)p;
#if FMLP_AT == 1
    return vload_half4(0, (const __private half *)&u);
#else
    return fmlp_bf16x4(u);
#endif
#elif FMLP_AT == 0
    return vload4(0, p);
#elif FMLP_AT == 1
    return vload_half4(0, p);
#else
    return (float4)(fmlp_bf16(p[0]), fmlp_bf16(p[1]), fmlp_bf16(p[2]), fmlp_bf16(p[3]));
#endif
}

// The store of output i of y, the one write each output gets in a forward pass (every kernel
// that writes y writes it here). With FMLP_ACC (the plan's accumulate) it adds v to what y
// holds, in fp32, rounded once to y's type.
#ifndef FMLP_ACC
#define FMLP_ACC 0
#endif
inline void fmlp_y1(__global A_T *y, const size_t i, float v)
{
#if FMLP_ACC
    v = fmlp_x1(y, i) + v;
#endif
#if FMLP_AT == 0
    y[i] = v;
#elif FMLP_AT == 1
    vstore_half_rte(v, i, y);
#else
    y[i] = fmlp_to_bf16(v);
#endif
}
