/* Weight formats on the host: fp16/bf16 conversion, GGML Q8_0/Q4_0 blocks and group-wise
 * affine blocks (quantize, dequantize, sizes). The byte layouts are documented in flashmlp.h;
 * the kernels read exactly these bytes, so every rounding rule here is part of the format.
 *
 * This file is built with -ffp-contract=off (CMakeLists.txt): GGML's reference quantizers
 * round x * id + 8.5f as a product followed by a sum, and a fused multiply-add (which GCC
 * forms on hosts where FMA is baseline, such as AArch64) would change the rare ties. */
#include "internal.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ scalar conversions */

static uint32_t f32_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static float bits_f32(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

uint16_t fmlp_f32_to_f16(float f)
{
    const uint32_t x = f32_bits(f);
    const uint16_t sign = (uint16_t)((x >> 16) & 0x8000u);
    const uint32_t ax = x & 0x7fffffffu;
    if (ax > 0x7f800000u) /* NaN: quiet, with the top payload bits */
        return (uint16_t)(sign | 0x7e00u | ((ax >> 13) & 0x3ffu));
    /* 65520 = 65504 + half an ulp ties to the even neighbour 65536, i.e. infinity */
    if (ax >= 0x477ff000u) return (uint16_t)(sign | 0x7c00u);
    if (ax >= 0x38800000u) { /* normal in fp16 (>= 2^-14): rebias the exponent by 127 - 15 */
        const uint32_t r = ax - 0x38000000u;
        uint32_t h = r >> 13;
        const uint32_t rem = r & 0x1fffu;
        h += rem > 0x1000u || (rem == 0x1000u && (h & 1u)); /* a carry moves into the exponent */
        return (uint16_t)(sign | h);
    }
    /* below 2^-25 (fp32 subnormals included) rounds to zero; 2^-25 itself ties to even 0 */
    if (ax <= 0x33000000u) return sign;
    /* fp16 subnormal: the value in units of 2^-24 is m * 2^(e - 126), e in 103..112 */
    const uint32_t e = ax >> 23, m = (ax & 0x7fffffu) | 0x800000u;
    const unsigned shift = 126u - e; /* 14..23 */
    uint32_t h = m >> shift;
    const uint32_t rem = m & ((1u << shift) - 1u), half = 1u << (shift - 1u);
    h += rem > half || (rem == half && (h & 1u)); /* may become 0x400, the least normal */
    return (uint16_t)(sign | h);
}

float fmlp_f16_to_f32(uint16_t h)
{
    const uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
    const uint32_t e = (h >> 10) & 0x1fu, m = h & 0x3ffu;
    if (e == 0x1f) return bits_f32(sign | 0x7f800000u | (m << 13)); /* inf, NaN */
    if (e != 0) return bits_f32(sign | ((e + 112u) << 23) | (m << 13));
    /* zero or subnormal: m * 2^-24, exact in fp32 */
    const float v = (float)m * 0x1p-24f;
    return sign ? -v : v;
}

uint16_t fmlp_f32_to_bf16(float f)
{
    const uint32_t x = f32_bits(f);
    if ((x & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((x >> 16) | 0x0040u); /* quiet NaN */
    /* round to nearest even on the low half; a carry may reach infinity, as it should */
    return (uint16_t)((x + 0x7fffu + ((x >> 16) & 1u)) >> 16);
}

float fmlp_bf16_to_f32(uint16_t h) { return bits_f32((uint32_t)h << 16); }

/* ------------------------------------------------------------------ formats */

unsigned fmlp_affine_bits(fmlp_dtype t)
{
    switch (t) {
    case FMLP_DTYPE_AFFINE_Q2: return 2;
    case FMLP_DTYPE_AFFINE_Q3: return 3;
    case FMLP_DTYPE_AFFINE_Q4: return 4;
    case FMLP_DTYPE_AFFINE_Q8: return 8;
    default: return 0;
    }
}

unsigned fmlp_weight_scale_bytes(fmlp_dtype t)
{
    if (t == FMLP_DTYPE_Q8_0 || t == FMLP_DTYPE_Q4_0) return 2; /* the fp16 scale */
    return fmlp_affine_bits(t) ? 4 : 0; /* fp16 scale and zero point */
}

fmlp_status fmlp_weight_format(fmlp_dtype t, unsigned group_size, unsigned *block_weights,
                               unsigned *block_bytes)
{
    unsigned n = 0, bytes = 0;
    const unsigned sb = fmlp_weight_scale_bytes(t);
    switch (t) {
    case FMLP_DTYPE_F32: n = 1, bytes = 4; break;
    case FMLP_DTYPE_F16:
    case FMLP_DTYPE_BF16: n = 1, bytes = 2; break;
    case FMLP_DTYPE_Q8_0: n = 32, bytes = sb + 32; break;
    case FMLP_DTYPE_Q4_0: n = 32, bytes = sb + 16; break;
    case FMLP_DTYPE_AFFINE_Q2:
    case FMLP_DTYPE_AFFINE_Q3:
    case FMLP_DTYPE_AFFINE_Q4:
    case FMLP_DTYPE_AFFINE_Q8:
        if (group_size != 32 && group_size != 64 && group_size != 128)
            return FMLP_ERROR_INVALID_SIZE;
        n = group_size, bytes = sb + group_size * fmlp_affine_bits(t) / 8;
        break;
    default: return FMLP_ERROR_INVALID_ENUM;
    }
    /* as in fmlp_plan_desc: a group size belongs to the affine formats only */
    if (!fmlp_affine_bits(t) && group_size != 0) return FMLP_ERROR_INVALID_SIZE;
    if (block_weights) *block_weights = n;
    if (block_bytes) *block_bytes = bytes;
    return FMLP_SUCCESS;
}

fmlp_status fmlp_weight_block(fmlp_dtype dtype, unsigned group_size, unsigned *weights,
                              unsigned *bytes)
{
    if (!weights || !bytes) return FMLP_ERROR_NULL_POINTER;
    return fmlp_weight_format(dtype, group_size, weights, bytes);
}

/* Checks shared by the three public calls; the matrix's byte count in *bytes. */
static fmlp_status matrix_bytes(fmlp_dtype t, unsigned group_size, size_t rows, size_t cols,
                                size_t *bytes)
{
    unsigned bw = 0, bb = 0;
    fmlp_status st = fmlp_weight_format(t, group_size, &bw, &bb);
    if (st != FMLP_SUCCESS) return st;
    if (rows == 0 || cols == 0 || cols % bw) return FMLP_ERROR_INVALID_SIZE;
    /* the fp32 side of every call holds rows * cols floats; no format is larger than that */
    if (rows > SIZE_MAX / sizeof(float) / cols) return FMLP_ERROR_INVALID_SIZE;
    *bytes = rows * (cols / bw) * bb;
    return FMLP_SUCCESS;
}

fmlp_status fmlp_weight_bytes(fmlp_dtype dtype, unsigned group_size, size_t rows, size_t cols,
                              size_t *bytes)
{
    if (!bytes) return FMLP_ERROR_NULL_POINTER;
    size_t b = 0;
    fmlp_status st = matrix_bytes(dtype, group_size, rows, cols, &b);
    if (st == FMLP_SUCCESS) *bytes = b;
    return st;
}

/* ------------------------------------------------------------------ blocks */

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v & 0xffu);
    p[1] = (uint8_t)(v >> 8);
}

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

/* GGML's quantize_row_q8_0_ref (ggml/src/ggml-quants.c, ggml-org/ggml and llama.cpp): the
 * scale is max|x| / 127 stored as fp16, but the quants use the fp32 reciprocal of the unrounded
 * scale, rounded half away from zero. Bit-identical to it for finite inputs; NaN quantizes to 0
 * here (GGML's float-to-int8 conversion is undefined there). */
static void q8_0_block(const float *x, uint8_t *out)
{
    float amax = 0.0f;
    for (int j = 0; j < 32; ++j) {
        const float a = fabsf(x[j]);
        if (a > amax) amax = a;
    }
    const float d = amax / 127.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    put16(out, fmlp_f32_to_f16(d));
    for (int j = 0; j < 32; ++j) {
        const float r = roundf(x[j] * id); /* within [-127, 127] when finite */
        const int q = r >= -127.0f && r <= 127.0f ? (int)r : 0;
        out[2 + j] = (uint8_t)(int8_t)q;
    }
}

/* GGML's quantize_row_q4_0_ref (same file): the scale is the block's signed value of largest
 * magnitude (the first such value when two tie) divided by -8, so that value maps to quant 0
 * exactly; quants are trunc(x / d + 8.5) capped at 15, weight j in the low nibble of byte j
 * and weight j + 16 in its high nibble. NaN quantizes to 8 (zero) here. */
static void q4_0_block(const float *x, uint8_t *out)
{
    float amax = 0.0f, max = 0.0f;
    for (int j = 0; j < 32; ++j) {
        if (amax < fabsf(x[j])) {
            amax = fabsf(x[j]);
            max = x[j];
        }
    }
    const float d = max / -8.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    put16(out, fmlp_f32_to_f16(d));
    for (int j = 0; j < 16; ++j) {
        int q[2];
        for (int h = 0; h < 2; ++h) {
            const float t = x[j + 16 * h] * id + 8.5f; /* >= 0.5 when finite */
            q[h] = t >= 15.0f ? 15 : t >= 0.0f ? (int)t : t < 0.0f ? 0 : 8;
        }
        out[2 + j] = (uint8_t)(q[0] | (q[1] << 4));
    }
}

/* fp16 of v, with values beyond the fp16 range saturated to +-65504 (see the header). */
static uint16_t f16_saturate(float v)
{
    uint16_t h = fmlp_f32_to_f16(v);
    if ((h & 0x7fffu) == 0x7c00u) h = (uint16_t)((h & 0x8000u) | 0x7bffu);
    return h;
}

/* Group-wise affine, min-max, integer zero points (as GPTQ and AWQ checkpoints have them):
 * scale = (max - min) / (2^bits - 1) and zero = the integer that centres [min / scale + zero,
 * max / scale + zero] on [0, 2^bits - 1], both stored as fp16, and the quants computed from the
 * stored values. |x - scale (q - zero)| stays within half a step plus the fp16 rounding of the
 * scale over the range (2^-12 (2^bits - 1) steps at most). Integer zero points in [-1024, 1024]
 * let the tensor-core kernels take q - zero as one exact tf32 value (cl/mlp_mma.cl, FMLP_IZ). A
 * constant group c (or a range below fp16's least subnormal) gets scale |c| and zero -1 or 1 with
 * every quant 0 (c rounded to fp16), or scale 1 and zero 0 for c = 0. */
static void affine_block(const float *x, unsigned g, unsigned bits, uint8_t *out)
{
    const int qmax = (1 << bits) - 1;
    float lo = INFINITY, hi = -INFINITY;
    for (unsigned j = 0; j < g; ++j) {
        if (x[j] < lo) lo = x[j];
        if (x[j] > hi) hi = x[j];
    }
    if (!(hi >= lo)) lo = hi = 0.0f; /* every value NaN */
    uint16_t sh = f16_saturate((hi - lo) / (float)qmax), zh = 0;
    const int flat = fmlp_f16_to_f32(sh) == 0.0f;
    if (flat) {
        const uint16_t ch = f16_saturate(fabsf(lo));
        const int zero = fmlp_f16_to_f32(ch) == 0.0f;
        sh = zero ? 0x3c00u : ch;
        zh = zero ? 0x0000u : lo > 0.0f ? 0xbc00u : 0x3c00u; /* -1 or 1 */
    } else {
        const float s = fmlp_f16_to_f32(sh);
        /* + 0.0f: +0, not -0, for a zero point that rounds to zero */
        zh = f16_saturate(roundf(((float)qmax - lo / s - hi / s) * 0.5f) + 0.0f);
    }
    const float s = fmlp_f16_to_f32(sh), z = fmlp_f16_to_f32(zh);
    put16(out, sh);
    put16(out + 2, zh);
    uint8_t *p = out + 4;
    memset(p, 0, g * bits / 8);
    for (unsigned j = 0; j < g; ++j) {
        const float r = roundf(x[j] / s + z);
        unsigned q = r >= (float)qmax ? (unsigned)qmax : r >= 0.0f ? (unsigned)r : 0u; /* NaN: 0 */
        if (flat) q = 0;
        /* a little-endian bit stream: weight j at bits j*bits .. j*bits + bits - 1 */
        const unsigned pos = j * bits, byte = pos / 8, shift = pos % 8;
        p[byte] |= (uint8_t)(q << shift);
        if (shift + bits > 8) p[byte + 1] |= (uint8_t)(q >> (8 - shift));
    }
}

static void affine_block_dequant(const uint8_t *in, unsigned g, unsigned bits, float *y)
{
    const float s = fmlp_f16_to_f32(get16(in)), z = fmlp_f16_to_f32(get16(in + 2));
    const uint8_t *p = in + 4;
    const unsigned mask = (1u << bits) - 1u;
    for (unsigned j = 0; j < g; ++j) {
        const unsigned pos = j * bits, byte = pos / 8, shift = pos % 8;
        unsigned v = p[byte] >> shift;
        if (shift + bits > 8) v |= (unsigned)p[byte + 1] << (8 - shift);
        y[j] = s * ((float)(v & mask) - z);
    }
}

/* ------------------------------------------------------------------ matrices */

fmlp_status fmlp_quantize(fmlp_dtype dtype, unsigned group_size, const float *src, size_t rows,
                          size_t cols, void *dst, size_t dst_bytes)
{
    if (!src || !dst) return FMLP_ERROR_NULL_POINTER;
    size_t bytes = 0;
    fmlp_status st = matrix_bytes(dtype, group_size, rows, cols, &bytes);
    if (st != FMLP_SUCCESS) return st;
    if (dst_bytes < bytes) return FMLP_ERROR_BUFFER_TOO_SMALL;
    const size_t n = rows * cols;
    uint8_t *out = dst;
    unsigned bw = 0, bb = 0;
    fmlp_weight_format(dtype, group_size, &bw, &bb);
    switch (dtype) {
    case FMLP_DTYPE_F32: memmove(dst, src, bytes); break;
    case FMLP_DTYPE_F16:
        for (size_t i = 0; i < n; ++i) put16(out + 2 * i, fmlp_f32_to_f16(src[i]));
        break;
    case FMLP_DTYPE_BF16:
        for (size_t i = 0; i < n; ++i) put16(out + 2 * i, fmlp_f32_to_bf16(src[i]));
        break;
    default:
        /* rows are contiguous and every row holds whole blocks, so the blocks of the matrix
         * are simply the blocks of the flat array */
        for (size_t b = 0; b < n / bw; ++b) {
            const float *x = src + b * bw;
            uint8_t *o = out + b * bb;
            if (dtype == FMLP_DTYPE_Q8_0) q8_0_block(x, o);
            else if (dtype == FMLP_DTYPE_Q4_0) q4_0_block(x, o);
            else affine_block(x, bw, fmlp_affine_bits(dtype), o);
        }
    }
    return FMLP_SUCCESS;
}

fmlp_status fmlp_dequantize(fmlp_dtype dtype, unsigned group_size, const void *src, size_t rows,
                            size_t cols, float *dst)
{
    if (!src || !dst) return FMLP_ERROR_NULL_POINTER;
    size_t bytes = 0;
    fmlp_status st = matrix_bytes(dtype, group_size, rows, cols, &bytes);
    if (st != FMLP_SUCCESS) return st;
    const size_t n = rows * cols;
    const uint8_t *in = src;
    unsigned bw = 0, bb = 0;
    fmlp_weight_format(dtype, group_size, &bw, &bb);
    switch (dtype) {
    case FMLP_DTYPE_F32: memmove(dst, src, bytes); break;
    case FMLP_DTYPE_F16:
        for (size_t i = 0; i < n; ++i) dst[i] = fmlp_f16_to_f32(get16(in + 2 * i));
        break;
    case FMLP_DTYPE_BF16:
        for (size_t i = 0; i < n; ++i) dst[i] = fmlp_bf16_to_f32(get16(in + 2 * i));
        break;
    case FMLP_DTYPE_Q8_0:
        for (size_t b = 0; b < n / 32; ++b) {
            const uint8_t *p = in + b * 34;
            const float d = fmlp_f16_to_f32(get16(p));
            for (int j = 0; j < 32; ++j) dst[b * 32 + j] = d * (float)(int8_t)p[2 + j];
        }
        break;
    case FMLP_DTYPE_Q4_0:
        for (size_t b = 0; b < n / 32; ++b) {
            const uint8_t *p = in + b * 18;
            const float d = fmlp_f16_to_f32(get16(p));
            for (int j = 0; j < 16; ++j) {
                dst[b * 32 + j] = d * (float)((p[2 + j] & 0x0f) - 8);
                dst[b * 32 + j + 16] = d * (float)((p[2 + j] >> 4) - 8);
            }
        }
        break;
    default:
        for (size_t b = 0; b < n / bw; ++b)
            affine_block_dequant(in + b * bb, bw, fmlp_affine_bits(dtype), dst + b * bw);
    }
    return FMLP_SUCCESS;
}

/* ------------------------------------------------------------------ GPTQ checkpoints */

fmlp_status fmlp_convert_gptq_q4(fmlp_gptq_format format, unsigned group_size,
                                 const int32_t *qweight, const int32_t *qzeros,
                                 const uint16_t *scales, const int32_t *g_idx,
                                 size_t in_features, size_t out_features, void *dst,
                                 size_t dst_bytes)
{
    if (!qweight || !qzeros || !scales || !dst) return FMLP_ERROR_NULL_POINTER;
    if (format != FMLP_GPTQ_V1 && format != FMLP_GPTQ_V2) return FMLP_ERROR_INVALID_ENUM;
    size_t bytes = 0;
    fmlp_status st = matrix_bytes(FMLP_DTYPE_AFFINE_Q4, group_size, out_features, in_features,
                                  &bytes);
    if (st != FMLP_SUCCESS) return st;
    if (out_features % 8) return FMLP_ERROR_INVALID_SIZE; /* qzeros pack 8 columns a word */
    if (dst_bytes < bytes) return FMLP_ERROR_BUFFER_TOO_SMALL;
    /* act-order checkpoints (desc_act) permute the input rows among the groups; a group here
     * is a run of consecutive inputs */
    if (g_idx)
        for (size_t i = 0; i < in_features; ++i)
            if (g_idx[i] < 0 || (size_t)g_idx[i] != i / group_size)
                return FMLP_ERROR_UNSUPPORTED_DTYPE;
    const size_t groups = in_features / group_size, block = 4 + group_size / 2;
    const unsigned offset = format == FMLP_GPTQ_V1 ? 1 : 0; /* v1 stores each zero minus one */
    uint8_t *out = dst;
    for (size_t o = 0; o < out_features; ++o) {
        for (size_t g = 0; g < groups; ++g) {
            uint8_t *b = out + (o * groups + g) * block;
            const uint32_t zw = (uint32_t)qzeros[g * (out_features / 8) + o / 8];
            const unsigned zero = ((zw >> (4 * (o % 8))) & 0xfu) + offset; /* exact in fp16 */
            put16(b, scales[g * out_features + o]);
            put16(b + 2, fmlp_f32_to_f16((float)zero));
            for (unsigned j = 0; j < group_size; j += 2) {
                const size_t i = g * group_size + j; /* even: i and i + 1 share a word */
                const uint32_t w = (uint32_t)qweight[(i / 8) * out_features + o];
                const unsigned sh = 4 * (unsigned)(i % 8);
                b[4 + j / 2] = (uint8_t)(((w >> sh) & 0xfu) | (((w >> (sh + 4)) & 0xfu) << 4));
            }
        }
    }
    return FMLP_SUCCESS;
}
