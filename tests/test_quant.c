/* The weight formats on the host: each quantizer against blocks computed by hand (and GGML's
 * own output for one block of each GGML format), round-trip error bounds, every bad input with
 * its status, and the shared MLP case in every format. Needs no device. */
#include "common.h"
#include "internal.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

TestSuite(quant, .fini = leak_check);

static const fmlp_dtype affine[4] = {FMLP_DTYPE_AFFINE_Q2, FMLP_DTYPE_AFFINE_Q3,
                                     FMLP_DTYPE_AFFINE_Q4, FMLP_DTYPE_AFFINE_Q8};
static const unsigned affine_bits[4] = {2, 3, 4, 8};
static const unsigned groups[3] = {32, 64, 128};

static void expect_bytes(const uint8_t *got, const uint8_t *want, size_t n, const char *what)
{
    for (size_t i = 0; i < n; ++i)
        cr_expect_eq(got[i], want[i], "%s: byte %zu is 0x%02x, expected 0x%02x", what, i, got[i],
                     want[i]);
}

/* Quantize one block (one row of `cols`), compare its bytes, and dequantize to `values`. */
static void check_block(fmlp_dtype t, unsigned g, const float *x, size_t cols,
                        const uint8_t *want, size_t nbytes, const float *values, const char *what)
{
    uint8_t out[128];
    size_t bytes = 0;
    cr_assert_eq(fmlp_weight_bytes(t, g, 1, cols, &bytes), FMLP_SUCCESS, "%s", what);
    cr_assert_eq(bytes, nbytes, "%s: %zu bytes, expected %zu", what, bytes, nbytes);
    cr_assert_eq(fmlp_quantize(t, g, x, 1, cols, out, sizeof out), FMLP_SUCCESS, "%s", what);
    expect_bytes(out, want, nbytes, what);
    if (!values) return;
    float back[128];
    cr_assert_eq(fmlp_dequantize(t, g, want, 1, cols, back), FMLP_SUCCESS, "%s", what);
    for (size_t j = 0; j < cols; ++j)
        cr_expect_eq(back[j], values[j], "%s: weight %zu dequantizes to %a, expected %a", what, j,
                     back[j], values[j]);
}

/* ---- fp16 and bf16 */

static float from_bits(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

Test(quant, fp16_rounding)
{
    static const struct {
        float x;
        uint16_t h;
    } cases[] = {
        {1.0f, 0x3c00},
        {-2.0f, 0xc000},
        {0.0f, 0x0000},
        {-0.0f, 0x8000},
        {0.1f, 0x2e66},
        {0x1p-14f, 0x0400},                   /* least normal */
        {65504.0f, 0x7bff},                   /* largest finite */
        /* ties go to the even neighbour */
        {1.0f + 0x1p-11f, 0x3c00},            /* between 0x3c00 and 0x3c01 */
        {1.0f + 3 * 0x1p-11f, 0x3c02},        /* between 0x3c01 and 0x3c02 */
        {1.0f + 0x1p-11f + 0x1p-20f, 0x3c01}, /* just above the tie */
        {2.0f - 0x1p-11f, 0x4000},            /* tie; the carry moves into the exponent */
        {-(1.0f + 0x1p-11f), 0xbc00},
        /* overflow: 65520 is the tie between 65504 and 65536, and goes to infinity */
        {65519.996f, 0x7bff},
        {65520.0f, 0x7c00},
        {1e6f, 0x7c00},
        {-1e6f, 0xfc00},
        {INFINITY, 0x7c00},
        {-INFINITY, 0xfc00},
        /* subnormals are kept, in units of 2^-24 */
        {0x1p-24f, 0x0001},
        {1023 * 0x1p-24f, 0x03ff},
        {0x1p-14f - 0x1p-25f, 0x0400},        /* tie between 0x03ff and 0x0400 */
        {0x1p-25f, 0x0000},                   /* tie between 0 and 0x0001 */
        {1.5f * 0x1p-25f, 0x0001},
        {3 * 0x1p-25f, 0x0002},               /* tie between 0x0001 and 0x0002 */
        {5 * 0x1p-25f, 0x0002},               /* tie between 0x0002 and 0x0003 */
        {-0x1p-24f, 0x8001},
        {0x1p-26f, 0x0000},
        {1e-40f, 0x0000},                     /* an fp32 subnormal */
        {-1e-40f, 0x8000},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
        cr_expect_eq(fmlp_f32_to_f16(cases[i].x), cases[i].h, "%a -> 0x%04x, expected 0x%04x",
                     cases[i].x, fmlp_f32_to_f16(cases[i].x), cases[i].h);
        uint8_t b[2];
        cr_assert_eq(fmlp_quantize(FMLP_DTYPE_F16, 0, &cases[i].x, 1, 1, b, 2), FMLP_SUCCESS);
        cr_expect(b[0] == (cases[i].h & 0xff) && b[1] == cases[i].h >> 8, "%a: bytes %02x %02x",
                  cases[i].x, b[0], b[1]);
    }
    /* NaN stays NaN, also with a payload that lives only in the low bits */
    const float nans[] = {NAN, -NAN, from_bits(0x7f800001u), from_bits(0xff800100u)};
    for (size_t i = 0; i < sizeof nans / sizeof *nans; ++i) {
        uint16_t h = fmlp_f32_to_f16(nans[i]);
        cr_expect((h & 0x7c00) == 0x7c00 && (h & 0x03ff), "NaN became 0x%04x", h);
        cr_expect(isnan(fmlp_f16_to_f32(h)));
    }
}

Test(quant, fp16_to_fp32_exact)
{
    cr_expect_eq(fmlp_f16_to_f32(0x0001), 0x1p-24f);
    cr_expect_eq(fmlp_f16_to_f32(0x03ff), 1023 * 0x1p-24f);
    cr_expect_eq(fmlp_f16_to_f32(0x0400), 0x1p-14f);
    cr_expect_eq(fmlp_f16_to_f32(0x3555), 0.333251953125f);
    cr_expect_eq(fmlp_f16_to_f32(0x7bff), 65504.0f);
    cr_expect_eq(fmlp_f16_to_f32(0xc000), -2.0f);
    cr_expect_eq(fmlp_f16_to_f32(0x7c00), INFINITY);
    cr_expect_eq(fmlp_f16_to_f32(0xfc00), -INFINITY);
    cr_expect(isnan(fmlp_f16_to_f32(0x7e00)));
    cr_expect(signbit(fmlp_f16_to_f32(0x8000)) && fmlp_f16_to_f32(0x8000) == 0.0f);
    /* every finite half survives the trip through fp32 and back */
    for (uint32_t h = 0; h < 0x10000; ++h) {
        if ((h & 0x7c00) == 0x7c00) continue;
        cr_assert_eq(fmlp_f32_to_f16(fmlp_f16_to_f32((uint16_t)h)), h, "0x%04x", h);
    }
}

Test(quant, bf16_rounding)
{
    static const struct {
        uint32_t x;
        uint16_t h;
    } cases[] = {
        {0x3f800000u, 0x3f80}, /* 1 */
        {0xbfc00000u, 0xbfc0}, /* -1.5 */
        {0x3f808000u, 0x3f80}, /* 1 + 2^-8: tie, to even */
        {0x3f818000u, 0x3f82}, /* 1 + 3 * 2^-8: tie, to even */
        {0x3f808001u, 0x3f81}, /* just above the tie */
        {0x3f807fffu, 0x3f80}, /* just below */
        {0x7f7fffffu, 0x7f80}, /* FLT_MAX rounds to infinity */
        {0x7f800000u, 0x7f80}, /* infinity */
        {0xff800000u, 0xff80},
        {0x00012345u, 0x0001}, /* subnormals round like any other value */
        {0x80000000u, 0x8000},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
        float x = from_bits(cases[i].x);
        cr_expect_eq(fmlp_f32_to_bf16(x), cases[i].h, "0x%08x -> 0x%04x, expected 0x%04x",
                     cases[i].x, fmlp_f32_to_bf16(x), cases[i].h);
        uint8_t b[2];
        cr_assert_eq(fmlp_quantize(FMLP_DTYPE_BF16, 0, &x, 1, 1, b, 2), FMLP_SUCCESS);
        cr_expect(b[0] == (cases[i].h & 0xff) && b[1] == cases[i].h >> 8);
        cr_expect_eq(fmlp_bf16_to_f32(cases[i].h), from_bits((uint32_t)cases[i].h << 16));
    }
    /* a NaN whose payload lies only in the low half stays NaN (not infinity) */
    cr_expect(isnan(fmlp_bf16_to_f32(fmlp_f32_to_bf16(from_bits(0x7f800001u)))));
    cr_expect(isnan(fmlp_bf16_to_f32(fmlp_f32_to_bf16(NAN))));
}

/* ---- GGML blocks, computed by hand */

Test(quant, q8_0_by_hand)
{
    /* max |x| = 127: d = 1 (fp16 0x3c00), quants round(x) half away from zero */
    float x[32];
    uint8_t want[34] = {0x00, 0x3c};
    float values[32];
    const float head[7] = {127, -127, 2.5f, -2.5f, 0.49f, -0.5f, 1.5f};
    const int8_t qhead[7] = {127, -127, 3, -3, 0, -1, 2};
    for (int j = 0; j < 32; ++j) {
        x[j] = j < 7 ? head[j] : (float)(j - 20);
        int8_t q = j < 7 ? qhead[j] : (int8_t)(j - 20);
        want[2 + j] = (uint8_t)q;
        values[j] = q;
    }
    check_block(FMLP_DTYPE_Q8_0, 0, x, 32, want, 34, values, "q8_0, d = 1");

    /* max |x| = 1: d = 1/127 = 0.0078740157 -> fp16 2^-7 * (1 + 8/1024) = 0x2008, while the
     * quants use the fp32 reciprocal of the unrounded d (~127): 0.25 -> 31.75 -> 32,
     * 0.1 -> 12.7 -> 13, -0.3 -> -38.1 -> -38 */
    memset(x, 0, sizeof x);
    x[0] = 1.0f, x[1] = -1.0f, x[2] = 0.25f, x[3] = 0.1f, x[4] = -0.3f;
    uint8_t want2[34] = {0x08, 0x20, 127, (uint8_t)-127, 32, 13, (uint8_t)-38};
    const float d = 0.00787353515625f; /* the stored scale */
    const int q2[5] = {127, -127, 32, 13, -38};
    for (int j = 0; j < 32; ++j) values[j] = j < 5 ? d * (float)q2[j] : 0.0f;
    check_block(FMLP_DTYPE_Q8_0, 0, x, 32, want2, 34, values, "q8_0, d = 1/127");

    /* all zero: d = 0 and every quant 0 */
    memset(x, 0, sizeof x);
    uint8_t zero[34] = {0};
    check_block(FMLP_DTYPE_Q8_0, 0, x, 32, zero, 34, x, "q8_0, zeros");
}

Test(quant, q4_0_by_hand)
{
    /* The largest magnitude is -8 (x[0]); x[16] = 8 ties with it but comes later, so the
     * signed max stays -8: d = -8 / -8 = 1 (0x3c00), id = 1, q = min(15, trunc(x + 8.5)).
     * x: -8 -> 0; 7 -> 15; 6.4 -> 14; 0.5 -> 9 (halves round up); -0.5 -> 8; 1.49 -> 9;
     * -1.5 -> 7; -7.6 -> 0; 8 -> 16, capped at 15; -2 -> 6; 3 -> 11; 2.5 -> 11; -2.5 -> 6;
     * 0 -> 8. Byte j holds q[j] in its low nibble and q[j + 16] in its high nibble. */
    float x[32] = {0};
    const float lo[8] = {-8, 7, 6.4f, 0.5f, -0.5f, 1.49f, -1.5f, -7.6f};
    const float hi[5] = {8, -2, 3, 2.5f, -2.5f};
    memcpy(x, lo, sizeof lo);
    memcpy(x + 16, hi, sizeof hi);
    const uint8_t want[18] = {0x00, 0x3c, 0xf0, 0x6f, 0xbe, 0xb9, 0x68, 0x89, 0x87, 0x80,
                              0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88};
    float values[32];
    const int q[32] = {0, 15, 14, 9, 8, 9, 7, 0, 8, 8, 8, 8, 8, 8, 8, 8,
                       15, 6, 11, 11, 6, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8};
    for (int j = 0; j < 32; ++j) values[j] = (float)(q[j] - 8);
    check_block(FMLP_DTYPE_Q4_0, 0, x, 32, want, 18, values, "q4_0, negative max");

    /* The largest magnitude is +4 (x[0]) and -4 comes later: d = 4 / -8 = -0.5 (0xb800),
     * id = -2. 4 -> 0; -4 -> 16.5 -> 15 (capped: -3.5); 1 -> 6; -1 -> 10; 0.25 -> 8;
     * -0.25 -> 9; 0 -> 8. */
    float x2[32] = {4, -4, 1, -1, 0.25f, -0.25f};
    const uint8_t want2[18] = {0x00, 0xb8, 0x80, 0x8f, 0x86, 0x8a, 0x88, 0x89, 0x88, 0x88,
                               0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88};
    const float v2[6] = {4, -3.5f, 1, -1, 0, -0.5f};
    for (int j = 0; j < 32; ++j) values[j] = j < 6 ? v2[j] : 0.0f;
    check_block(FMLP_DTYPE_Q4_0, 0, x2, 32, want2, 18, values, "q4_0, positive max");

    /* all zero: d = 0 / -8 = -0 (0x8000, as GGML stores it), every quant trunc(8.5) = 8 */
    float z[32] = {0};
    uint8_t wz[18] = {0x00, 0x80};
    for (int j = 2; j < 18; ++j) wz[j] = 0x88;
    check_block(FMLP_DTYPE_Q4_0, 0, z, 32, wz, 18, z, "q4_0, zeros");
}

/* One block of each, as GGML's own reference quantizers (quantize_row_q8_0_ref and
 * quantize_row_q4_0_ref of ggml-org/ggml, commit d99724f2, ggml/src/ggml-quants.c) wrote them
 * for x[j] = sinf(0.7 j + 0.3) * (1 + 0.05 j); the same run found FlashMLP's bytes equal to
 * GGML's on 1.2 million further blocks (wide exponents, ties) and its fp16 conversion equal to
 * GGML's on every fp32 bit pattern. */
Test(quant, ggml_vectors)
{
    static const float x[32] = {
        0x1.2e9cdap-2f, 0x1.c45ffp-1f,  0x1.1740b8p+0f,  0x1.8db678p-1f,  0x1.98c16ap-5f,
        -0x1.8796cap-1f, -0x1.45527p+0f, -0x1.315266p+0f, -0x1.0bfea6p-1f, 0x1.ce9394p-2f,
        0x1.469156p+0f, 0x1.8893ccp+0f,  0x1.0f8d6p+0f,   0x1.4ee3cp-5f,   -0x1.1007e8p+0f,
        -0x1.b775ap+0f, -0x1.93688ap+0f, -0x1.5350ap-1f,  0x1.3e911ap-1f,  0x1.ace4cap+0f,
        0x1.f93a2cp+0f, 0x1.554568p+0f,  0x1.11fdb4p-6f,  -0x1.5f36bap+0f, -0x1.151cd6p+1f,
        -0x1.f3823ap+0f, -0x1.934eaep-1f, 0x1.9d134p-1f,  0x1.0a8a4cp+1f,  0x1.348dap+1f,
        0x1.97f368p+0f, -0x1.71b89p-6f};
    static const uint8_t q8[34] = {
        0xdc, 0x24, 0x10, 0x2f, 0x39, 0x29, 0x03, 0xd8, 0xbd, 0xc1, 0xe4, 0x18, 0x43, 0x51,
        0x38, 0x02, 0xc8, 0xa6, 0xad, 0xdd, 0x21, 0x58, 0x68, 0x46, 0x01, 0xb8, 0x8e, 0x99,
        0xd6, 0x2b, 0x6e, 0x7f, 0x54, 0xff};
    static const uint8_t q4[18] = {0xd2, 0xb4, 0xd7, 0xa5, 0x64, 0x25, 0x18, 0x4b, 0x8c,
                                   0xdc, 0xfa, 0xe7, 0xb4, 0x53, 0x14, 0x08, 0x3c, 0x8e};
    check_block(FMLP_DTYPE_Q8_0, 0, x, 32, q8, 34, NULL, "q8_0, GGML's bytes");
    check_block(FMLP_DTYPE_Q4_0, 0, x, 32, q4, 18, NULL, "q4_0, GGML's bytes");
}

/* ---- affine blocks, computed by hand */

Test(quant, affine_q4_by_hand)
{
    /* lo = -1.5, hi = 6: scale = 7.5 / 15 = 0.5 (0x3800), zero = round((15 - 12 + 3) / 2) = 3
     * (0x4200, the integer that centres [-3 + z, 12 + z] on [0, 15]),
     * q = round(2x + 3): -1.5 -> 0; 6 -> 15; 0 -> 3; 1 -> 5; 0.25 -> 3.5 -> 4 (half away from
     * zero); -0.25 -> 2.5 -> 3; 2.2 -> 7.4 -> 7; 4.9 -> 12.8 -> 13. Weight 2k in the low
     * nibble of byte k, 2k + 1 in the high nibble. */
    float x[32] = {-1.5f, 6, 0, 1, 0.25f, -0.25f, 2.2f, 4.9f};
    uint8_t want[20] = {0x00, 0x38, 0x00, 0x42, 0xf0, 0x53, 0x34, 0xd7};
    for (int k = 8; k < 20; ++k) want[k] = 0x33;
    const int q[8] = {0, 15, 3, 5, 4, 3, 7, 13};
    float values[32];
    for (int j = 0; j < 32; ++j) values[j] = 0.5f * ((float)(j < 8 ? q[j] : 3) - 3.0f);
    check_block(FMLP_DTYPE_AFFINE_Q4, 32, x, 32, want, 20, values, "affine q4, G = 32");

    /* a constant group: scale 0.7 -> fp16 0x399a (0.7001953125), zero -1 (0xbc00), every q
     * 0; the group dequantizes to 0.7001953125; -0.7 the same with zero 1 (0x3c00) */
    for (int j = 0; j < 32; ++j) x[j] = 0.7f, values[j] = 0.7001953125f;
    uint8_t flat[20] = {0x9a, 0x39, 0x00, 0xbc};
    check_block(FMLP_DTYPE_AFFINE_Q4, 32, x, 32, flat, 20, values, "affine q4, constant");
    for (int j = 0; j < 32; ++j) x[j] = -0.7f, values[j] = -0.7001953125f;
    flat[3] = 0x3c;
    check_block(FMLP_DTYPE_AFFINE_Q4, 32, x, 32, flat, 20, values, "affine q4, negative constant");

    /* all zero: scale 1, zero +0 (0x0000, not -0) */
    memset(x, 0, sizeof x);
    uint8_t zeros[20] = {0x00, 0x3c, 0x00, 0x00};
    check_block(FMLP_DTYPE_AFFINE_Q4, 32, x, 32, zeros, 20, x, "affine q4, zeros");
}

Test(quant, affine_q2_by_hand)
{
    /* lo = 0, hi = 3: scale 1 (0x3c00), zero 0; q = round(x): 0, 1, 2, 3, 0.5 -> 1,
     * 1.49 -> 1, 2.5 -> 3, 1.5 -> 2, the rest 1 -> 1. Four per byte from the lowest bits:
     * byte 0 = 0 | 1 << 2 | 2 << 4 | 3 << 6 = 0xe4, byte 1 = 1 | 1 << 2 | 3 << 4 | 2 << 6 =
     * 0xb5, the rest 0x55. */
    float x[64];
    for (int j = 0; j < 32; ++j) x[j] = 1.0f;
    const float head[8] = {0, 1, 2, 3, 0.5f, 1.49f, 2.5f, 1.5f};
    memcpy(x, head, sizeof head);
    uint8_t want[20] = {0x00, 0x3c, 0x00, 0x00, 0xe4, 0xb5, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55};
    const float v[8] = {0, 1, 2, 3, 1, 1, 3, 2};
    float values[64];
    for (int j = 0; j < 32; ++j) values[j] = j < 8 ? v[j] : 1.0f;
    check_block(FMLP_DTYPE_AFFINE_Q2, 32, x, 32, want, 12, values, "affine q2, G = 32");

    /* G = 64, a zero point rounded to an integer: lo = -0.3, hi = 0.9: scale = 1.2 / 3 = 0.4
     * -> fp16 0x3666 (0.39990234375); zero = round((3 + 0.75018 - 2.25055) / 2) = round(0.7498)
     * = 1 (0x3c00); q = round(x / 0.39990234375 + 1): -0.3 -> 0.2498 -> 0; 0.9 -> 3.2505 -> 3;
     * 0 -> 1; 0.1 -> 1.2501 -> 1; 0.5 -> 2.2503 -> 2; the rest 0 -> 1.
     * byte 0 = 0 | 3 << 2 | 1 << 4 | 1 << 6 = 0x5c, byte 1 = 2 | 1 << 2 | 1 << 4 | 1 << 6 =
     * 0x56, the rest 0x55. */
    memset(x, 0, sizeof x);
    x[0] = -0.3f, x[1] = 0.9f, x[2] = 0, x[3] = 0.1f, x[4] = 0.5f;
    uint8_t want64[20] = {0x66, 0x36, 0x00, 0x3c, 0x5c, 0x56};
    for (int k = 6; k < 20; ++k) want64[k] = 0x55;
    const int q[5] = {0, 3, 1, 1, 2};
    for (int j = 0; j < 64; ++j) values[j] = 0.39990234375f * ((float)(j < 5 ? q[j] : 1) - 1.0f);
    check_block(FMLP_DTYPE_AFFINE_Q2, 64, x, 64, want64, 20, values, "affine q2, G = 64");
}

Test(quant, affine_q3_by_hand)
{
    /* lo = 0, hi = 7: scale 1, zero 0, q = round(x). Weights 0..7 are 0..7, weights 8..15
     * are 7..0, the rest 2.5 -> 3. Each 3 bytes hold 8 weights, weight j at bits 3j..3j+2 of
     * their little-endian 24-bit word: 0..7 is octal 076543210 = 0xfac688; 7..0 is octal
     * 01234567 = 0x053977; eight 3s are octal 33333333 = 0x6db6db. */
    float x[32];
    for (int j = 0; j < 32; ++j) x[j] = j < 8 ? (float)j : j < 16 ? (float)(15 - j) : 2.5f;
    const uint8_t want[16] = {0x00, 0x3c, 0x00, 0x00, 0x88, 0xc6, 0xfa, 0x77,
                              0x39, 0x05, 0xdb, 0xb6, 0x6d, 0xdb, 0xb6, 0x6d};
    float values[32];
    for (int j = 0; j < 32; ++j) values[j] = j < 16 ? x[j] : 3.0f;
    check_block(FMLP_DTYPE_AFFINE_Q3, 32, x, 32, want, 16, values, "affine q3, G = 32");
}

Test(quant, affine_q8_by_hand)
{
    /* lo = -1, hi = 1.55: scale = 2.55 / 255 = 0.01 -> fp16 0x211f (0.01000213623046875);
     * zero = round((255 + 99.9786 - 154.9669) / 2) = round(100.006) = 100 (0x5640);
     * q = round(x / s + 100):
     * -1 -> 0.02 -> 0; 1.55 -> 254.97 -> 255; 0 -> 100; 0.5 -> 149.99 -> 150;
     * -0.004 -> 99.60 -> 100; 0.3 -> 129.99 -> 130; one byte each. */
    float x[32] = {-1, 1.55f, 0, 0.5f, -0.004f, 0.3f};
    uint8_t want[36] = {0x1f, 0x21, 0x40, 0x56, 0x00, 0xff, 0x64, 0x96, 0x64, 0x82};
    for (int k = 10; k < 36; ++k) want[k] = 0x64;
    const int q[6] = {0, 255, 100, 150, 100, 130};
    const float s = 0.01000213623046875f;
    float values[32];
    for (int j = 0; j < 32; ++j) values[j] = s * ((float)(j < 6 ? q[j] : 100) - 100.0f);
    check_block(FMLP_DTYPE_AFFINE_Q8, 32, x, 32, want, 36, values, "affine q8, G = 32");
}

/* ---- matrices */

Test(quant, sizes)
{
    static const struct {
        fmlp_dtype t;
        unsigned g;
        size_t rows, cols, bytes;
    } cases[] = {
        {FMLP_DTYPE_F32, 0, 3, 5, 60},          {FMLP_DTYPE_F16, 0, 3, 5, 30},
        {FMLP_DTYPE_BF16, 0, 3, 5, 30},         {FMLP_DTYPE_Q8_0, 0, 2, 64, 136},
        {FMLP_DTYPE_Q4_0, 0, 2, 64, 72},        {FMLP_DTYPE_AFFINE_Q2, 32, 1, 128, 48},
        {FMLP_DTYPE_AFFINE_Q3, 64, 1, 128, 56}, {FMLP_DTYPE_AFFINE_Q3, 32, 3, 32, 48},
        {FMLP_DTYPE_AFFINE_Q4, 128, 1, 128, 68}, {FMLP_DTYPE_AFFINE_Q8, 32, 2, 64, 144},
        {FMLP_DTYPE_AFFINE_Q8, 128, 4096, 14336, 4096ull * 112 * 132},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
        size_t b = 0;
        cr_expect_eq(fmlp_weight_bytes(cases[i].t, cases[i].g, cases[i].rows, cases[i].cols, &b),
                     FMLP_SUCCESS);
        cr_expect_eq(b, cases[i].bytes, "%s g=%u [%zu, %zu]: %zu bytes, expected %zu",
                     fmlp_dtype_name(cases[i].t), cases[i].g, cases[i].rows, cases[i].cols, b,
                     cases[i].bytes);
    }
}

static void fill_random(float *x, size_t n, uint64_t seed)
{
    for (size_t i = 0; i < n; ++i) x[i] = mlp_rand_uniform(&seed);
}

/* Rows are contiguous runs of whole blocks: a matrix quantizes as its rows do one by one. */
/* fmlp_weight_block: each format's block, by hand, and the bytes of one row of it agreeing
 * with fmlp_weight_bytes */
Test(quant, blocks)
{
    static const struct {
        fmlp_dtype t;
        unsigned g, weights, bytes;
    } cases[] = {
        {FMLP_DTYPE_F32, 0, 1, 4},          {FMLP_DTYPE_F16, 0, 1, 2},
        {FMLP_DTYPE_BF16, 0, 1, 2},         {FMLP_DTYPE_Q8_0, 0, 32, 34},
        {FMLP_DTYPE_Q4_0, 0, 32, 18},       {FMLP_DTYPE_AFFINE_Q2, 32, 32, 12},
        {FMLP_DTYPE_AFFINE_Q3, 64, 64, 28}, {FMLP_DTYPE_AFFINE_Q4, 128, 128, 68},
        {FMLP_DTYPE_AFFINE_Q8, 32, 32, 36},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
        unsigned w = 0, b = 0;
        size_t row = 0;
        cr_assert_eq(fmlp_weight_block(cases[i].t, cases[i].g, &w, &b), FMLP_SUCCESS);
        cr_expect_eq(w, cases[i].weights, "%s g=%u: %u weights", fmlp_dtype_name(cases[i].t),
                     cases[i].g, w);
        cr_expect_eq(b, cases[i].bytes, "%s g=%u: %u bytes", fmlp_dtype_name(cases[i].t),
                     cases[i].g, b);
        cr_assert_eq(fmlp_weight_bytes(cases[i].t, cases[i].g, 1, 3 * (size_t)w, &row),
                     FMLP_SUCCESS);
        cr_expect_eq(row, 3 * (size_t)b, "%s: a row of three blocks", fmlp_dtype_name(cases[i].t));
    }
}

Test(quant, rows_are_consecutive_blocks)
{
    const size_t rows = 3, cols = 256;
    float x[3 * 256];
    fill_random(x, rows * cols, fresh_seed());
    fmlp_dtype types[6] = {FMLP_DTYPE_F16, FMLP_DTYPE_BF16, FMLP_DTYPE_Q8_0, FMLP_DTYPE_Q4_0,
                           FMLP_DTYPE_AFFINE_Q3, FMLP_DTYPE_AFFINE_Q2};
    unsigned gs[6] = {0, 0, 0, 0, 64, 128};
    for (int t = 0; t < 6; ++t) {
        size_t all = 0, one = 0;
        cr_assert_eq(fmlp_weight_bytes(types[t], gs[t], rows, cols, &all), FMLP_SUCCESS);
        cr_assert_eq(fmlp_weight_bytes(types[t], gs[t], 1, cols, &one), FMLP_SUCCESS);
        cr_assert_eq(all, rows * one);
        uint8_t *m = malloc(all), *r = malloc(one);
        cr_assert(m && r);
        cr_assert_eq(fmlp_quantize(types[t], gs[t], x, rows, cols, m, all), FMLP_SUCCESS);
        for (size_t i = 0; i < rows; ++i) {
            cr_assert_eq(fmlp_quantize(types[t], gs[t], x + i * cols, 1, cols, r, one),
                         FMLP_SUCCESS);
            cr_expect_eq(memcmp(m + i * one, r, one), 0, "%s: row %zu differs",
                         fmlp_dtype_name(types[t]), i);
        }
        free(m);
        free(r);
    }
}

/* dequantize(quantize(x)) within each format's bound, on fresh random data. */
Test(quant, round_trip_bounds)
{
    enum { ROWS = 4, COLS = 384 };
    static float x[ROWS * COLS], y[ROWS * COLS];
    static uint8_t buf[ROWS * COLS * 4];
    const uint64_t seed = fresh_seed();
    fill_random(x, ROWS * COLS, seed);
    for (size_t i = 0; i < ROWS * COLS; i += 97) x[i] *= 1e-3f; /* a few small values */

    /* fp32: exact; fp16 and bf16: half an ulp, 2^-11 and 2^-8 relative */
    cr_assert_eq(fmlp_quantize(FMLP_DTYPE_F32, 0, x, ROWS, COLS, buf, sizeof buf), FMLP_SUCCESS);
    cr_assert_eq(fmlp_dequantize(FMLP_DTYPE_F32, 0, buf, ROWS, COLS, y), FMLP_SUCCESS);
    cr_expect_eq(memcmp(x, y, sizeof x), 0);
    const fmlp_dtype halves[2] = {FMLP_DTYPE_F16, FMLP_DTYPE_BF16};
    const float rel[2] = {0x1p-11f, 0x1p-8f};
    for (int h = 0; h < 2; ++h) {
        cr_assert_eq(fmlp_quantize(halves[h], 0, x, ROWS, COLS, buf, sizeof buf), FMLP_SUCCESS);
        cr_assert_eq(fmlp_dequantize(halves[h], 0, buf, ROWS, COLS, y), FMLP_SUCCESS);
        for (size_t i = 0; i < ROWS * COLS; ++i)
            cr_assert(fabsf(y[i] - x[i]) <= rel[h] * fabsf(x[i]) + 0x1p-25f,
                      "%s: %a -> %a (seed %llu)", fmlp_dtype_name(halves[h]), x[i], y[i],
                      (unsigned long long)seed);
    }

    /* Q8_0: |x - d16 q| <= d / 2 + |d - d16| * 127 <= d (0.5 + 127 * 2^-11) with d = amax/127.
     * Q4_0: half a step, d = amax / 8, except the value opposite the signed max, capped at 7
     * steps where 8 were due: one step. */
    const fmlp_dtype ggml[2] = {FMLP_DTYPE_Q8_0, FMLP_DTYPE_Q4_0};
    for (int t = 0; t < 2; ++t) {
        cr_assert_eq(fmlp_quantize(ggml[t], 0, x, ROWS, COLS, buf, sizeof buf), FMLP_SUCCESS);
        cr_assert_eq(fmlp_dequantize(ggml[t], 0, buf, ROWS, COLS, y), FMLP_SUCCESS);
        for (size_t b = 0; b < ROWS * COLS / 32; ++b) {
            float amax = 0;
            for (int j = 0; j < 32; ++j) amax = fmaxf(amax, fabsf(x[b * 32 + j]));
            const float bound = t == 0 ? amax / 127 * (0.5f + 127 * 0x1p-11f) * 1.0001f
                                       : amax / 8 * (1.0f + 8 * 0x1p-11f) * 1.0001f;
            for (int j = 0; j < 32; ++j) {
                const size_t i = b * 32 + j;
                cr_assert(fabsf(y[i] - x[i]) <= bound, "%s: %a -> %a, bound %a (seed %llu)",
                          fmlp_dtype_name(ggml[t]), x[i], y[i], bound,
                          (unsigned long long)seed);
            }
        }
    }

    /* affine: q = round(x / s + z) with the stored s and an integer z that centres the range
     * on [0, 2^b - 1], so |x - s (q - z)| <= s / 2 plus half the range's growth by the fp16
     * rounding of s (2^-12 (2^b - 1) steps) and fp32 rounding of x / s + z (below 1e-4 of a
     * step); every zero point an integer */
    for (int a = 0; a < 4; ++a) {
        for (int gi = 0; gi < 3; ++gi) {
            const unsigned g = groups[gi];
            size_t bytes = 0;
            cr_assert_eq(fmlp_weight_bytes(affine[a], g, ROWS, COLS, &bytes), FMLP_SUCCESS);
            cr_assert_eq(bytes, ROWS * COLS / g * (4 + g * affine_bits[a] / 8));
            cr_assert_eq(fmlp_quantize(affine[a], g, x, ROWS, COLS, buf, sizeof buf),
                         FMLP_SUCCESS);
            cr_assert_eq(fmlp_dequantize(affine[a], g, buf, ROWS, COLS, y), FMLP_SUCCESS);
            const size_t bb = 4 + g * affine_bits[a] / 8;
            for (size_t b = 0; b < ROWS * COLS / g; ++b) {
                const uint16_t sh = (uint16_t)(buf[b * bb] | buf[b * bb + 1] << 8);
                const float s = fmlp_f16_to_f32(sh);
                float lo = INFINITY, hi = -INFINITY;
                for (unsigned j = 0; j < g; ++j) {
                    lo = fminf(lo, x[b * g + j]);
                    hi = fmaxf(hi, x[b * g + j]);
                }
                /* the stored scale is the range over 2^b - 1, rounded to fp16 */
                const float exact = (hi - lo) / (float)((1 << affine_bits[a]) - 1);
                cr_assert(fabsf(s - exact) <= 0x1p-11f * exact, "scale %a for %a", s, exact);
                const float z = fmlp_f16_to_f32((uint16_t)(buf[b * bb + 2] | buf[b * bb + 3] << 8));
                cr_assert(z == rintf(z), "zero point %a is not an integer", z);
                const float slack = 0x1p-12f * (float)((1 << affine_bits[a]) - 1) + 1e-4f;
                for (unsigned j = 0; j < g; ++j) {
                    const size_t i = b * g + j;
                    cr_assert(fabsf(y[i] - x[i]) <= s * (0.5f + slack),
                              "affine q%u g=%u: %a -> %a, step %a (seed %llu)", affine_bits[a],
                              g, x[i], y[i], s, (unsigned long long)seed);
                }
            }
        }
    }
}

/* ---- bad inputs: the precise status, and nothing written */

#define EXPECT(call, status)                                                                   \
    do {                                                                                       \
        fmlp_status st_ = (call);                                                              \
        cr_expect_eq(st_, (status), "%s returned %s (%d), expected %s (%d)", #call,            \
                     fmlp_status_string(st_), st_, fmlp_status_string(status), status);        \
    } while (0)

Test(quant, bad_inputs)
{
    float x[256] = {0}, y[256];
    uint8_t dst[1024];
    memset(dst, 0xa5, sizeof dst);
    for (size_t i = 0; i < 256; ++i) y[i] = 42.0f;
    size_t bytes = 12345;
    const fmlp_dtype bad = (fmlp_dtype)42;

    /* NULL pointers (checked first) */
    unsigned bw = 77, bb = 77;
    EXPECT(fmlp_weight_bytes(FMLP_DTYPE_F32, 0, 2, 3, NULL), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_weight_block(FMLP_DTYPE_Q4_0, 0, NULL, &bb), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_weight_block(FMLP_DTYPE_Q4_0, 0, &bw, NULL), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_weight_block(bad, 0, &bw, &bb), FMLP_ERROR_INVALID_ENUM);
    EXPECT(fmlp_weight_block(FMLP_DTYPE_AFFINE_Q4, 48, &bw, &bb), FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_weight_block(FMLP_DTYPE_Q8_0, 32, &bw, &bb), FMLP_ERROR_INVALID_SIZE);
    cr_expect(bw == 77 && bb == 77, "failed calls wrote %u, %u", bw, bb);
    EXPECT(fmlp_quantize(FMLP_DTYPE_Q8_0, 0, NULL, 1, 32, dst, sizeof dst),
           FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_quantize(FMLP_DTYPE_Q8_0, 0, x, 1, 32, NULL, sizeof dst), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_dequantize(FMLP_DTYPE_Q8_0, 0, NULL, 1, 32, y), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_dequantize(FMLP_DTYPE_Q8_0, 0, dst, 1, 32, NULL), FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_quantize(bad, 0, NULL, 0, 0, dst, 0), FMLP_ERROR_NULL_POINTER);

    /* unknown dtypes */
    EXPECT(fmlp_weight_bytes(bad, 0, 1, 32, &bytes), FMLP_ERROR_INVALID_ENUM);
    EXPECT(fmlp_weight_bytes((fmlp_dtype)-1, 0, 1, 32, &bytes), FMLP_ERROR_INVALID_ENUM);
    EXPECT(fmlp_quantize(bad, 0, x, 1, 32, dst, sizeof dst), FMLP_ERROR_INVALID_ENUM);
    EXPECT(fmlp_dequantize(bad, 32, dst, 1, 32, y), FMLP_ERROR_INVALID_ENUM);

    /* group sizes: 32, 64, 128 for the affine formats, 0 for the others */
    const unsigned wrong_affine[] = {0, 16, 48, 96, 256};
    for (int a = 0; a < 4; ++a)
        for (size_t k = 0; k < sizeof wrong_affine / sizeof *wrong_affine; ++k) {
            EXPECT(fmlp_weight_bytes(affine[a], wrong_affine[k], 1, 256, &bytes),
                   FMLP_ERROR_INVALID_SIZE);
            EXPECT(fmlp_quantize(affine[a], wrong_affine[k], x, 1, 256, dst, sizeof dst),
                   FMLP_ERROR_INVALID_SIZE);
            EXPECT(fmlp_dequantize(affine[a], wrong_affine[k], dst, 1, 256, y),
                   FMLP_ERROR_INVALID_SIZE);
        }
    const fmlp_dtype plain[5] = {FMLP_DTYPE_F32, FMLP_DTYPE_F16, FMLP_DTYPE_BF16,
                                 FMLP_DTYPE_Q8_0, FMLP_DTYPE_Q4_0};
    for (int t = 0; t < 5; ++t) {
        EXPECT(fmlp_weight_bytes(plain[t], 32, 1, 64, &bytes), FMLP_ERROR_INVALID_SIZE);
        EXPECT(fmlp_quantize(plain[t], 32, x, 1, 64, dst, sizeof dst), FMLP_ERROR_INVALID_SIZE);
        EXPECT(fmlp_dequantize(plain[t], 32, dst, 1, 64, y), FMLP_ERROR_INVALID_SIZE);
    }

    /* zero sizes, rows that are not whole blocks, sizes that overflow */
    EXPECT(fmlp_weight_bytes(FMLP_DTYPE_F32, 0, 0, 32, &bytes), FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_weight_bytes(FMLP_DTYPE_F16, 0, 32, 0, &bytes), FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_quantize(FMLP_DTYPE_Q8_0, 0, x, 0, 32, dst, sizeof dst), FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_dequantize(FMLP_DTYPE_Q4_0, 0, dst, 1, 0, y), FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_weight_bytes(FMLP_DTYPE_Q8_0, 0, 1, 48, &bytes), FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_weight_bytes(FMLP_DTYPE_Q4_0, 0, 2, 33, &bytes), FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_quantize(FMLP_DTYPE_Q4_0, 0, x, 1, 40, dst, sizeof dst), FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_quantize(FMLP_DTYPE_AFFINE_Q4, 64, x, 1, 96, dst, sizeof dst),
           FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_dequantize(FMLP_DTYPE_AFFINE_Q3, 128, dst, 1, 192, y), FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_weight_bytes(FMLP_DTYPE_F32, 0, SIZE_MAX / 8, 4, &bytes), FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_weight_bytes(FMLP_DTYPE_Q4_0, 0, SIZE_MAX / 64, 64, &bytes),
           FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_dequantize(FMLP_DTYPE_F16, 0, dst, SIZE_MAX / 2, 2, y), FMLP_ERROR_INVALID_SIZE);

    /* a destination one byte short, for every format */
    for (int t = 0; t < 5; ++t) {
        size_t need = 0;
        cr_assert_eq(fmlp_weight_bytes(plain[t], 0, 2, 64, &need), FMLP_SUCCESS);
        EXPECT(fmlp_quantize(plain[t], 0, x, 2, 64, dst, need - 1), FMLP_ERROR_BUFFER_TOO_SMALL);
        EXPECT(fmlp_quantize(plain[t], 0, x, 2, 64, dst, 0), FMLP_ERROR_BUFFER_TOO_SMALL);
    }
    for (int a = 0; a < 4; ++a) {
        size_t need = 0;
        cr_assert_eq(fmlp_weight_bytes(affine[a], 64, 2, 128, &need), FMLP_SUCCESS);
        EXPECT(fmlp_quantize(affine[a], 64, x, 2, 128, dst, need - 1),
               FMLP_ERROR_BUFFER_TOO_SMALL);
    }

    /* nothing was written by any failing call */
    cr_expect_eq(bytes, 12345, "a failing fmlp_weight_bytes wrote *bytes");
    for (size_t i = 0; i < sizeof dst; ++i)
        cr_assert_eq(dst[i], 0xa5, "a failing fmlp_quantize wrote dst[%zu]", i);
    for (size_t i = 0; i < 256; ++i)
        cr_assert_eq(y[i], 42.0f, "a failing fmlp_dequantize wrote dst[%zu]", i);
}

/* ---- the shared MLP case in every format */

typedef struct format {
    fmlp_dtype t;
    unsigned g;
} format;

static const format formats[] = {
    {FMLP_DTYPE_F16, 0},         {FMLP_DTYPE_BF16, 0},        {FMLP_DTYPE_Q8_0, 0},
    {FMLP_DTYPE_Q4_0, 0},        {FMLP_DTYPE_AFFINE_Q2, 32},  {FMLP_DTYPE_AFFINE_Q3, 64},
    {FMLP_DTYPE_AFFINE_Q4, 128}, {FMLP_DTYPE_AFFINE_Q8, 32},  {FMLP_DTYPE_AFFINE_Q2, 128},
    {FMLP_DTYPE_AFFINE_Q3, 32},  {FMLP_DTYPE_AFFINE_Q4, 64},  {FMLP_DTYPE_AFFINE_Q8, 128},
};

/* q holds [rows, cols] in the case's format and w its values. */
static void expect_packed(const mlp_case *c, const void *q, size_t qbytes, const float *w,
                          size_t rows, size_t cols, const char *name)
{
    const fmlp_plan_desc *d = &c->desc;
    cr_assert_not_null(q, "%s: no packed copy", name);
    size_t bytes = 0;
    cr_assert_eq(fmlp_weight_bytes(d->weight_dtype, d->group_size, rows, cols, &bytes),
                 FMLP_SUCCESS);
    cr_expect_eq(qbytes, bytes, "%s: %zu bytes, expected %zu", name, qbytes, bytes);
    float *back = malloc(sizeof(float) * rows * cols);
    cr_assert_not_null(back);
    cr_assert_eq(fmlp_dequantize(d->weight_dtype, d->group_size, q, rows, cols, back),
                 FMLP_SUCCESS);
    cr_expect_eq(memcmp(back, w, sizeof(float) * rows * cols), 0,
                 "%s (%s): the fp32 array is not the dequantized packed one", name,
                 fmlp_dtype_name(d->weight_dtype));
    free(back);
}

/* Each format: the packed weights are the fp32 draw quantized, the fp32 arrays hold their
 * dequantized values, x is rounded to the activation format, and the reference runs on them. */
Test(quant, mlp_case_formats)
{
    const size_t H = 128, I = 256, B = 3;
    const fmlp_dtype acts[3] = {FMLP_DTYPE_F32, FMLP_DTYPE_F16, FMLP_DTYPE_BF16};
    for (size_t f = 0; f < sizeof formats / sizeof *formats; ++f) {
        const fmlp_dtype act = acts[f % 3];
        fmlp_plan_desc d = make_desc(H, I, FMLP_MLP_GATED, FMLP_ACT_SILU,
                                     FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN);
        fmlp_plan_desc d32 = d;
        d.weight_dtype = formats[f].t;
        d.group_size = formats[f].g;
        d.act_dtype = act;
        const uint64_t seed = fresh_seed();
        mlp_case c, ref;
        cr_assert_eq(mlp_case_init(&c, &d, B, seed), 0, "%s", fmlp_dtype_name(d.weight_dtype));
        cr_assert_eq(mlp_case_init(&ref, &d32, B, seed), 0);
        expect_packed(&c, c.gate_q, c.gate_q_bytes, c.gate, I, H, "gate");
        expect_packed(&c, c.up_q, c.up_q_bytes, c.up, I, H, "up");
        expect_packed(&c, c.down_q, c.down_q_bytes, c.down, H, I, "down");
        fmlp_host_weights hw = mlp_case_host_weights(&c);
        cr_expect(hw.gate == c.gate_q && hw.up == c.up_q && hw.down == c.down_q);
        cr_expect(hw.gate_bias == c.b_gate && hw.up_bias == c.b_up && hw.down_bias == c.b_down);

        /* the packed weights are the same fp32 draw quantized */
        float *q = malloc(c.up_q_bytes + 64);
        cr_assert_not_null(q);
        cr_assert_eq(fmlp_quantize(d.weight_dtype, d.group_size, ref.up, I, H, q,
                                   c.up_q_bytes), FMLP_SUCCESS);
        cr_expect_eq(memcmp(q, c.up_q, c.up_q_bytes), 0, "%s: up_q is not the fp32 draw's",
                     fmlp_dtype_name(d.weight_dtype));
        free(q);
        cr_expect_eq(memcmp(ref.b_down, c.b_down, sizeof(float) * H), 0, "biases stay fp32");

        /* x rounded to the activation format, the packed copy matching it */
        if (act == FMLP_DTYPE_F32) {
            cr_expect_null(c.x_q);
            cr_expect_eq(memcmp(c.x, ref.x, sizeof(float) * B * H), 0);
        } else {
            cr_assert_not_null(c.x_q);
            cr_expect_eq(mlp_case_x_data(&c), c.x_q);
            float *xb = malloc(sizeof(float) * B * H);
            cr_assert_not_null(xb);
            cr_assert_eq(fmlp_dequantize(act, 0, c.x_q, B, H, xb), FMLP_SUCCESS);
            cr_expect_eq(memcmp(xb, c.x, sizeof(float) * B * H), 0);
            for (size_t i = 0; i < B * H; ++i)
                cr_assert(fabsf(c.x[i] - ref.x[i]) <= fabsf(ref.x[i]) * 0x1p-8f + 0x1p-24f);
            /* a redraw keeps the two in step */
            mlp_case_redraw_x(&c, seed + 1);
            cr_assert_eq(fmlp_dequantize(act, 0, c.x_q, B, H, xb), FMLP_SUCCESS);
            cr_expect_eq(memcmp(xb, c.x, sizeof(float) * B * H), 0);
            free(xb);
        }

        /* the reference runs on these values and stays close to the fp32 one */
        double *y = malloc(sizeof(double) * H), *y32 = malloc(sizeof(double) * H);
        cr_assert(y && y32);
        mlp_case_redraw_x(&c, seed + 2);
        memcpy(ref.x, c.x, sizeof(float) * B * H);
        mlp_reference_row(&c, B - 1, y);
        mlp_reference_row(&ref, B - 1, y32);
        double num = 0, den = 0;
        for (size_t o = 0; o < H; ++o) {
            cr_assert(isfinite(y[o]));
            num += (y[o] - y32[o]) * (y[o] - y32[o]);
            den += y32[o] * y32[o];
        }
        /* 2-bit weights are coarse: the 4 levels of a group leave about 30% of each weight */
        const double loose = d.weight_dtype == FMLP_DTYPE_AFFINE_Q2 ? 0.6 : 0.2;
        cr_expect(sqrt(num / den) < loose, "%s: reference moved by %.3f",
                  fmlp_dtype_name(d.weight_dtype), sqrt(num / den));
        free(y);
        free(y32);
        mlp_case_free(&c);
        mlp_case_free(&ref);
    }
}

Test(quant, mlp_case_rejects_shapes_the_format_cannot_hold)
{
    mlp_case c;
    fmlp_plan_desc d = make_desc(40, 64, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    d.weight_dtype = FMLP_DTYPE_Q4_0; /* gate and up rows of H = 40 are not whole blocks */
    cr_expect_eq(mlp_case_init(&c, &d, 2, fresh_seed()), FMLP_ERROR_INVALID_SIZE);
    d = make_desc(64, 40, FMLP_MLP_PLAIN, FMLP_ACT_RELU, 0);
    d.weight_dtype = FMLP_DTYPE_AFFINE_Q4, d.group_size = 32; /* down rows of I = 40 */
    cr_expect_eq(mlp_case_init(&c, &d, 2, fresh_seed()), FMLP_ERROR_INVALID_SIZE);
    d.group_size = 48;
    cr_expect_eq(mlp_case_init(&c, &d, 2, fresh_seed()), FMLP_ERROR_INVALID_SIZE);
    /* fp32 is unchanged: no packed copies */
    d = make_desc(40, 72, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    cr_assert_eq(mlp_case_init(&c, &d, 2, fresh_seed()), 0);
    cr_expect(!c.gate_q && !c.up_q && !c.down_q && !c.x_q);
    fmlp_host_weights hw = mlp_case_host_weights(&c);
    cr_expect(hw.gate == c.gate && hw.up == c.up && hw.down == c.down);
    cr_expect_eq(mlp_case_x_data(&c), c.x);
    mlp_case_free(&c);
}

Test(quant, tolerances)
{
    fmlp_plan_desc d = make_desc(64, 64, FMLP_MLP_GATED, FMLP_ACT_SILU, 0);
    cr_expect_eq(mlp_tolerance(&d), 1e-5);
    cr_expect_eq(TOL_F32, 1e-5);
    d.weight_dtype = FMLP_DTYPE_Q4_0; /* the weight format adds nothing */
    cr_expect_eq(mlp_tolerance(&d), 1e-5);
    d.act_dtype = FMLP_DTYPE_F16;
    cr_expect_eq(mlp_tolerance(&d), 1e-5 + 0x1p-11);
    d.act_dtype = FMLP_DTYPE_BF16;
    cr_expect_eq(mlp_tolerance(&d), 1e-5 + 0x1p-8);
    cr_expect_eq(mlp_dtype_size(FMLP_DTYPE_F32), 4);
    cr_expect_eq(mlp_dtype_size(FMLP_DTYPE_F16), 2);
    cr_expect_eq(mlp_dtype_size(FMLP_DTYPE_BF16), 2);
    cr_expect_eq(mlp_dtype_size(FMLP_DTYPE_Q4_0), 0);
}

/* ---- the error measure */

/* ||y - ref|| / ||ref|| over one row, the measure before the error scale (for comparison) */
static double plain_rel_error(const mlp_case *c, const float *y)
{
    const size_t H = c->desc.hidden;
    double *ref = malloc(sizeof(double) * H), num = 0, den = 0;
    cr_assert_not_null(ref);
    mlp_reference_row(c, 0, ref);
    for (size_t o = 0; o < H; ++o) {
        num += (y[o] - ref[o]) * (y[o] - ref[o]);
        den += ref[o] * ref[o];
    }
    free(ref);
    return sqrt(num / den);
}

Test(quant, error_measure_where_terms_cancel)
{
    /* H = I = 1 with every bias: the down bias set to minus h, rounded to fp32, so the output is
     * the rounding of that bias (about 1e-8) while fp32 arithmetic leaves an error of about
     * 1e-7 in it. The relative error of that one output measures the cancellation; the measure
     * has to pass fp32's own result and still fail a wrong one. (ops/strategy_parameters' 1x1
     * case drew such data once in CI.) */
    fmlp_plan_desc d = make_desc(1, 1, FMLP_MLP_GATED, FMLP_ACT_SILU,
                                 FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN);
    mlp_case c;
    cr_assert_eq(mlp_case_init(&c, &d, 1, fresh_seed()), 0);
    c.x[0] = 1.0f, c.gate[0] = 1.5f, c.b_gate[0] = 0.5f, c.up[0] = 0.75f, c.b_up[0] = 0.25f;
    c.down[0] = 1.0f;
    const double g = 2.0, h = g / (1.0 + exp(-g));
    c.b_down[0] = (float)-h;
    float gf = c.gate[0] * c.x[0] + c.b_gate[0], uf = c.up[0] * c.x[0] + c.b_up[0];
    float y = c.down[0] * (gf / (1.0f + expf(-gf)) * uf) + c.b_down[0];
    double ref = 0, s2 = 0;
    mlp_reference_row_scale(&c, 0, &ref, &s2);
    cr_assert(fabs(ref) < 1e-6 && s2 > 1.0, "ref %g, s2 %g", ref, s2);
    cr_expect_gt(plain_rel_error(&c, &y), 1e-2, "the case should be ill-conditioned");
    cr_expect_leq(mlp_rel_error(&c, &y, NULL, 0), 1e-6, "fp32's own result: %g",
                  mlp_rel_error(&c, &y, NULL, 0));
    float wrong = y + 1e-3f;
    cr_expect_gt(mlp_rel_error(&c, &wrong, NULL, 0), 1e-4);
    const size_t row = 0;
    cr_expect_eq(mlp_rel_error_ref(&c, &y, &row, 1, &ref, &s2), mlp_rel_error(&c, &y, NULL, 0));
    mlp_case_free(&c);

    /* on random data of order one the measure stays within a small factor of ||y - ref|| /
     * ||ref||: it does not loosen the tests where nothing cancels */
    d = make_desc(96, 160, FMLP_MLP_GATED, FMLP_ACT_SILU, FMLP_BIAS_DOWN);
    cr_assert_eq(mlp_case_init(&c, &d, 1, fresh_seed()), 0);
    double r96[96];
    float y96[96];
    mlp_reference_row(&c, 0, r96);
    for (int o = 0; o < 96; ++o) y96[o] = (float)(r96[o] * (1.0 + 1e-6 * ((o % 7) - 3)));
    const double plain = plain_rel_error(&c, y96), scaled = mlp_rel_error(&c, y96, NULL, 0);
    cr_expect(scaled <= plain && scaled >= plain / 2, "scaled %g against plain %g", scaled, plain);
    mlp_case_free(&c);
}

/* ---- GPTQ checkpoints */

enum { GIN = 64, GOUT = 16, GG = 32 };

/* A GPTQ layer with q(i, o) = (i + 3 o) % 16, stored zero (5 g + o) % 16 and scale
 * (o + 1) / 4 * (g + 1), packed as GPTQ packs them. */
static void gptq_layer(int32_t qweight[GIN / 8][GOUT], int32_t qzeros[GIN / GG][GOUT / 8],
                       uint16_t scales[GIN / GG][GOUT])
{
    memset(qweight, 0, sizeof(int32_t) * GIN / 8 * GOUT);
    memset(qzeros, 0, sizeof(int32_t) * GIN / GG * GOUT / 8);
    for (int i = 0; i < GIN; ++i)
        for (int o = 0; o < GOUT; ++o)
            qweight[i / 8][o] = (int32_t)((uint32_t)qweight[i / 8][o] |
                                          (uint32_t)((i + 3 * o) % 16) << (4 * (i % 8)));
    for (int g = 0; g < GIN / GG; ++g)
        for (int o = 0; o < GOUT; ++o) {
            qzeros[g][o / 8] = (int32_t)((uint32_t)qzeros[g][o / 8] |
                                         (uint32_t)((5 * g + o) % 16) << (4 * (o % 8)));
            scales[g][o] = fmlp_f32_to_f16((float)(o + 1) / 4 * (float)(g + 1));
        }
}

Test(quant, gptq_q4)
{
    int32_t qweight[GIN / 8][GOUT], qzeros[GIN / GG][GOUT / 8];
    uint16_t scales[GIN / GG][GOUT];
    gptq_layer(qweight, qzeros, scales);
    size_t bytes = 0;
    cr_assert_eq(fmlp_weight_bytes(FMLP_DTYPE_AFFINE_Q4, GG, GOUT, GIN, &bytes), FMLP_SUCCESS);
    cr_assert_eq(bytes, GOUT * 2 * 20);
    uint8_t out[GOUT * 2 * 20];
    float w[GOUT * GIN];
    for (int v = 0; v < 2; ++v) {
        const fmlp_gptq_format fmt = v ? FMLP_GPTQ_V2 : FMLP_GPTQ_V1;
        cr_assert_eq(fmlp_convert_gptq_q4(fmt, GG, &qweight[0][0], &qzeros[0][0], &scales[0][0],
                                          NULL, GIN, GOUT, out, sizeof out),
                     FMLP_SUCCESS);
        /* output 0, group 0: scale 0.25 (0x3400), zero 0 (+ 1 in v1), q(i) = i % 16 for
         * i = 0..31, two per byte, the lower input in the low nibble */
        const uint8_t want[20] = {0x00, 0x34, 0x00, v ? 0x00 : 0x3c, 0x10, 0x32, 0x54, 0x76,
                                  0x98, 0xba, 0xdc, 0xfe, 0x10, 0x32, 0x54, 0x76,
                                  0x98, 0xba, 0xdc, 0xfe};
        expect_bytes(out, want, 20, v ? "gptq v2, block (0, 0)" : "gptq v1, block (0, 0)");
        /* every weight is scale * (q - zero) exactly */
        cr_assert_eq(fmlp_dequantize(FMLP_DTYPE_AFFINE_Q4, GG, out, GOUT, GIN, w), FMLP_SUCCESS);
        for (int o = 0; o < GOUT; ++o)
            for (int i = 0; i < GIN; ++i) {
                const int g = i / GG, q = (i + 3 * o) % 16, z = (5 * g + o) % 16 + (v ? 0 : 1);
                const float want_w = fmlp_f16_to_f32(scales[g][o]) * (float)(q - z);
                cr_assert_eq(w[o * GIN + i], want_w, "v%d: weight (%d, %d) is %a, expected %a",
                             v + 1, o, i, w[o * GIN + i], want_w);
            }
    }
    /* a g_idx in order is accepted, an act-order one is not */
    int32_t g_idx[GIN];
    for (int i = 0; i < GIN; ++i) g_idx[i] = i / GG;
    EXPECT(fmlp_convert_gptq_q4(FMLP_GPTQ_V1, GG, &qweight[0][0], &qzeros[0][0], &scales[0][0],
                                g_idx, GIN, GOUT, out, sizeof out),
           FMLP_SUCCESS);
    g_idx[3] = 1, g_idx[40] = 0;
    memset(out, 0xa5, sizeof out);
    EXPECT(fmlp_convert_gptq_q4(FMLP_GPTQ_V1, GG, &qweight[0][0], &qzeros[0][0], &scales[0][0],
                                g_idx, GIN, GOUT, out, sizeof out),
           FMLP_ERROR_UNSUPPORTED_DTYPE);
    g_idx[3] = -1, g_idx[40] = 1;
    EXPECT(fmlp_convert_gptq_q4(FMLP_GPTQ_V1, GG, &qweight[0][0], &qzeros[0][0], &scales[0][0],
                                g_idx, GIN, GOUT, out, sizeof out),
           FMLP_ERROR_UNSUPPORTED_DTYPE);
    for (size_t i = 0; i < sizeof out; ++i) cr_assert_eq(out[i], 0xa5, "written on error");
}

Test(quant, gptq_q4_bad_inputs)
{
    int32_t qweight[GIN / 8][GOUT], qzeros[GIN / GG][GOUT / 8];
    uint16_t scales[GIN / GG][GOUT];
    gptq_layer(qweight, qzeros, scales);
    const int32_t *qw = &qweight[0][0], *qz = &qzeros[0][0];
    const uint16_t *sc = &scales[0][0];
    uint8_t out[GOUT * 2 * 20 + 64];
    memset(out, 0xa5, sizeof out);
    const size_t n = GOUT * 2 * 20;
    EXPECT(fmlp_convert_gptq_q4(FMLP_GPTQ_V1, GG, NULL, qz, sc, NULL, GIN, GOUT, out, n),
           FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_convert_gptq_q4(FMLP_GPTQ_V1, GG, qw, NULL, sc, NULL, GIN, GOUT, out, n),
           FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_convert_gptq_q4(FMLP_GPTQ_V1, GG, qw, qz, NULL, NULL, GIN, GOUT, out, n),
           FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_convert_gptq_q4(FMLP_GPTQ_V1, GG, qw, qz, sc, NULL, GIN, GOUT, NULL, n),
           FMLP_ERROR_NULL_POINTER);
    EXPECT(fmlp_convert_gptq_q4((fmlp_gptq_format)2, GG, qw, qz, sc, NULL, GIN, GOUT, out, n),
           FMLP_ERROR_INVALID_ENUM);
    EXPECT(fmlp_convert_gptq_q4(FMLP_GPTQ_V1, 0, qw, qz, sc, NULL, GIN, GOUT, out, n),
           FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_convert_gptq_q4(FMLP_GPTQ_V1, 48, qw, qz, sc, NULL, GIN, GOUT, out, n),
           FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_convert_gptq_q4(FMLP_GPTQ_V1, GG, qw, qz, sc, NULL, 0, GOUT, out, n),
           FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_convert_gptq_q4(FMLP_GPTQ_V1, GG, qw, qz, sc, NULL, GIN, 0, out, n),
           FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_convert_gptq_q4(FMLP_GPTQ_V1, GG, qw, qz, sc, NULL, 48, GOUT, out, n),
           FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_convert_gptq_q4(FMLP_GPTQ_V1, GG, qw, qz, sc, NULL, GIN, 12, out, n),
           FMLP_ERROR_INVALID_SIZE);
    EXPECT(fmlp_convert_gptq_q4(FMLP_GPTQ_V1, GG, qw, qz, sc, NULL, GIN, GOUT, out, n - 1),
           FMLP_ERROR_BUFFER_TOO_SMALL);
    for (size_t i = 0; i < sizeof out; ++i) cr_assert_eq(out[i], 0xa5, "written on error");
}
