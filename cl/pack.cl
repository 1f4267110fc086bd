// Weight packing: PyTorch-layout weights into the layouts the MLP kernels read.
// down [H, I] becomes down^T [I, H] so that a slice of intermediate units is a block of
// contiguous rows. A 16 x 16 tile goes through local memory so both sides coalesce.

#define PT 16

__kernel __attribute__((reqd_work_group_size(PT, PT, 1)))
void fmlp_pack_transpose(__global const float *restrict src, const ulong src_offset,
                         __global float *restrict dst, const int rows, const int cols)
{
    // src is [rows, cols] starting at element src_offset; dst is [cols, rows].
    __local float tile[PT][PT + 1];
    const int tx = (int)get_local_id(0), ty = (int)get_local_id(1);
    const int c0 = (int)get_group_id(0) * PT, r0 = (int)get_group_id(1) * PT;
    if (r0 + ty < rows && c0 + tx < cols)
        tile[ty][tx] = src[src_offset + (size_t)(r0 + ty) * cols + c0 + tx];
    barrier(CLK_LOCAL_MEM_FENCE);
    if (c0 + ty < cols && r0 + tx < rows)
        dst[(size_t)(c0 + ty) * rows + r0 + tx] = tile[tx][ty];
}

// The same for 16-bit elements (f16, bf16 weights).
__kernel __attribute__((reqd_work_group_size(PT, PT, 1)))
void fmlp_pack_transpose16(__global const ushort *restrict src, const ulong src_offset,
                           __global ushort *restrict dst, const int rows, const int cols)
{
    __local ushort tile[PT][PT + 1];
    const int tx = (int)get_local_id(0), ty = (int)get_local_id(1);
    const int c0 = (int)get_group_id(0) * PT, r0 = (int)get_group_id(1) * PT;
    if (r0 + ty < rows && c0 + tx < cols)
        tile[ty][tx] = src[src_offset + (size_t)(r0 + ty) * cols + c0 + tx];
    barrier(CLK_LOCAL_MEM_FENCE);
    if (c0 + ty < cols && r0 + tx < rows)
        dst[(size_t)(c0 + ty) * rows + r0 + tx] = tile[tx][ty];
}

// Block formats: a matrix [rows][nblk blocks of `bytes` bytes, the first `sbytes` of them
// its scale fields] into the tiles that cl/formats.cl reads. Blocks are numbered row by row
// (gate, up), or, with transpose, by block rows [nblk][rows] (down^T: the blocks of
// neighbouring outputs for the same inputs are neighbours). Tiles of 32 consecutive blocks
// hold the 32 blocks' value bytes, then their scale fields. With q3 (AFFINE_Q3 for plans with
// integer dot products) each run of 32 fields (12 bytes of the caller's bit stream, field e at
// bits 3e..3e+2) is regrouped as cl/formats.cl describes at FMLP_Q3G: byte j of word w holds
// field 4w + j in bits 0-2, field 12 + 4w + j in bits 3-5, and in bits 6-7 the low bits of
// field 24 + 4w + j (w = 0, 1) or, for w = 2, the high bits of fields 24 + j and 28 + j, each
// XOR bit 0 of byte j + 1 of w0 (w1), which a shift of that word by 6 brings there (0 for byte
// 3). One work-item per block; src_offset in bytes.
__kernel void fmlp_pack_blocks(__global const uchar *restrict src, const ulong src_offset,
                               __global uchar *restrict dst, const int rows, const int nblk,
                               const int bytes, const int sbytes, const int transpose,
                               const int q3)
{
    const int kb = (int)get_global_id(0), r = (int)get_global_id(1);
    if (kb >= nblk || r >= rows) return;
    __global const uchar *s = src + src_offset + ((size_t)r * nblk + kb) * bytes;
    const size_t i = transpose ? (size_t)kb * rows + r : (size_t)r * nblk + kb;
    const int qb = bytes - sbytes, j = (int)(i % 32);
    __global uchar *tile = dst + i / 32 * 32 * (size_t)bytes;
    if (q3) {
        for (int run = 0; run < qb / 12; ++run) {
            __global const uchar *b = s + sbytes + 12 * run;
            uchar f[32];
            for (int e = 0; e < 32; ++e) {
                const int bit = 3 * e, at = bit >> 3, sh = bit & 7;
                uint v = b[at];
                if (sh > 5) v |= (uint)b[at + 1] << 8;
                f[e] = (uchar)((v >> sh) & 7u);
            }
            for (int w = 0; w < 3; ++w)
                for (int l = 0; l < 4; ++l) {
                    uint v = f[4 * w + l] | (uint)f[12 + 4 * w + l] << 3;
                    if (w < 2) {
                        v |= (uint)(f[24 + 4 * w + l] & 3) << 6;
                    } else {
                        const uint n0 = l < 3 ? f[l + 1] & 1 : 0, n1 = l < 3 ? f[l + 5] & 1 : 0;
                        v |= ((uint)(f[24 + l] >> 2) ^ n0) << 6 |
                             ((uint)(f[28 + l] >> 2) ^ n1) << 7;
                    }
                    tile[j * qb + 12 * run + 4 * w + l] = (uchar)v;
                }
        }
    } else {
        for (int e = 0; e < qb; ++e) tile[j * qb + e] = s[sbytes + e];
    }
    for (int e = 0; e < sbytes; ++e) tile[32 * qb + j * sbytes + e] = s[e];
}

// After packing an affine matrix: flag[0] = 1 when a block's zero point (the fp16 after its
// scale, in the tile's scale fields) is not an integer in [-1024, 1024] (NaN included); the
// tensor-core kernels' FMLP_IZ builds need every one to be. One work-item per block; blocks of
// `bytes` bytes with 4-byte scale fields.
__kernel void fmlp_pack_check_zeros(__global const uchar *restrict packed, const int nblocks,
                                    const int bytes, __global uint *restrict flag,
                                    const float lo, const float hi)
{
    const int i = (int)get_global_id(0);
    if (i >= nblocks) return;
    const int qb = bytes - 4, j = i % 32;
    __global const uchar *f = packed + (size_t)(i / 32) * 32 * bytes + 32 * qb + 4 * j + 2;
    const float z = vload_half(0, (__global const half *)f);
    if (!(z == rint(z) && z >= lo && z <= hi)) flag[0] = 1u;
}

// Row scales of an fp32 (bf16) matrix [rows][cols] (src_offset in elements) for the tensor-core
// kernels' fp16 pairs (cl/mma_common.cl, hp=1): the power of two that brings the row's largest
// magnitude into [2^14, 2^15) (common.cl's fmlp_hp_scale). One work-group of RS per row;
// T_BITS(v) is v's fp32 bit pattern.
#define RS 64
#define ROW_SCALES(name, T, T_BITS)                                                         \
    __kernel __attribute__((reqd_work_group_size(RS, 1, 1)))                                \
    void name(__global const T *restrict src, const ulong src_offset,                       \
              __global float *restrict dst, const int cols)                                 \
    {                                                                                       \
        __local uint m[RS];                                                                 \
        const int lid = (int)get_local_id(0);                                               \
        const size_t r = get_group_id(0);                                                   \
        __global const T *row = src + src_offset + r * (size_t)cols;                        \
        uint v = 0;                                                                         \
        for (int c = lid; c < cols; c += RS) v = max(v, T_BITS(row[c]) & 0x7fffffffu);      \
        m[lid] = v;                                                                         \
        barrier(CLK_LOCAL_MEM_FENCE);                                                       \
        for (int s = RS / 2; s > 0; s >>= 1) {                                              \
            if (lid < s) m[lid] = max(m[lid], m[lid + s]);                                  \
            barrier(CLK_LOCAL_MEM_FENCE);                                                   \
        }                                                                                   \
        if (lid == 0) dst[r] = fmlp_hp_scale(m[0]);                                         \
    }
#define F32_BITS(v) as_uint(v)
#define BF16_BITS(v) ((uint)(v) << 16)
ROW_SCALES(fmlp_pack_row_scales, float, F32_BITS)
ROW_SCALES(fmlp_pack_row_scales_bf16, ushort, BF16_BITS)

// Row scales of a block-format matrix [rows][nblk blocks of `bytes` bytes] in the caller's
// layout (src_offset in bytes) for mma's folded block scales (fw=1, cl/mlp_mma.cl's G_FW): a
// bound of the row's largest magnitude made a power of two as above. Each block bounds its
// weights by |d| qmax (GGML: d the fp16 scale its first two bytes hold, qmax the largest field
// magnitude), or with zero points (zp: the fp16 after the scale) by |s| max(|z|, |qmax - z|),
// qmax the largest field. One work-group of RS per row.
inline float fmlp_pack_half(__global const uchar *p)
{
    const ushort u = (ushort)(p[0] | p[1] << 8);
    return vload_half(0, (const __private half *)&u);
}
__kernel __attribute__((reqd_work_group_size(RS, 1, 1)))
void fmlp_pack_row_scales_blocks(__global const uchar *restrict src, const ulong src_offset,
                                 __global float *restrict dst, const int nblk, const int bytes,
                                 const float qmax, const int zp)
{
    __local uint m[RS];
    const int lid = (int)get_local_id(0);
    const size_t r = get_group_id(0);
    __global const uchar *row = src + src_offset + r * (size_t)nblk * bytes;
    uint v = 0;
    for (int b = lid; b < nblk; b += RS) {
        __global const uchar *blk = row + (size_t)b * bytes;
        const float d = fabs(fmlp_pack_half(blk));
        float bound = d * qmax;
        if (zp) {
            const float z = fmlp_pack_half(blk + 2);
            bound = d * fmax(fabs(z), fabs(qmax - z));
        }
        v = max(v, as_uint(bound) & 0x7fffffffu);
    }
    m[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = RS / 2; s > 0; s >>= 1) {
        if (lid < s) m[lid] = max(m[lid], m[lid + s]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) dst[r] = fmlp_hp_scale(m[0]);
}
