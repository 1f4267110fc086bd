/* Weight packing: PyTorch-layout weights (host arrays or the caller's buffers), in any weight
 * format, into the layout the kernels read (cl/formats.cl): gate and up as given; down
 * transposed to [I, H] element by element, or, for the block formats, block by block into block
 * rows [I / block][H]; the block formats' blocks in tiles of 32 (values, then scale fields).
 * Blocking, all-or-nothing. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* What the plan needs: 1 = required, 0 = must be absent. Order: gate, up, down, gb, ub, db. */
static void needed(const fmlp_plan_desc *d, int need[6])
{
    need[0] = d->kind == FMLP_MLP_GATED;
    need[1] = need[2] = 1;
    need[3] = (d->biases & FMLP_BIAS_GATE) != 0;
    need[4] = (d->biases & FMLP_BIAS_UP) != 0;
    need[5] = (d->biases & FMLP_BIAS_DOWN) != 0;
}

static fmlp_status check_presence(const fmlp_plan_desc *d, const int given[6])
{
    int need[6];
    needed(d, need);
    for (int i = 0; i < 6; ++i)
        if (need[i] && !given[i]) return FMLP_ERROR_MISSING_WEIGHT;
    for (int i = 0; i < 6; ++i)
        if (!need[i] && given[i]) return FMLP_ERROR_UNEXPECTED_WEIGHT;
    return FMLP_SUCCESS;
}

static fmlp_status check_queue(const fmlp_context *ctx, cl_command_queue q)
{
    cl_context qc = NULL;
    cl_device_id qd = NULL;
    cl_int err = clGetCommandQueueInfo(q, CL_QUEUE_CONTEXT, sizeof qc, &qc, NULL);
    if (err == CL_SUCCESS) err = clGetCommandQueueInfo(q, CL_QUEUE_DEVICE, sizeof qd, &qd, NULL);
    if (err != CL_SUCCESS) return (fmlp_status)err;
    return qc == ctx->cl_ctx && qd == ctx->dev.device ? FMLP_SUCCESS : FMLP_ERROR_CONTEXT_MISMATCH;
}

/* A caller buffer must be in our context and hold [offset, offset + bytes). */
fmlp_status fmlp_check_buffer(const fmlp_context *ctx, cl_mem m, size_t offset, size_t bytes,
                              size_t align)
{
    cl_context mc = NULL;
    size_t size = 0;
    cl_int err = clGetMemObjectInfo(m, CL_MEM_CONTEXT, sizeof mc, &mc, NULL);
    if (err == CL_SUCCESS) err = clGetMemObjectInfo(m, CL_MEM_SIZE, sizeof size, &size, NULL);
    if (err != CL_SUCCESS) return (fmlp_status)err;
    if (mc != ctx->cl_ctx) return FMLP_ERROR_CONTEXT_MISMATCH;
    if (offset % align) return FMLP_ERROR_MISALIGNED;
    if (offset > size || size - offset < bytes) return FMLP_ERROR_BUFFER_TOO_SMALL;
    return FMLP_SUCCESS;
}

static fmlp_status alloc(cl_context c, size_t bytes, cl_mem *out)
{
    cl_int err = CL_SUCCESS;
    *out = clCreateBuffer(c, CL_MEM_READ_WRITE, bytes, NULL, &err);
    return *out ? FMLP_SUCCESS : (fmlp_status)(err ? err : CL_MEM_OBJECT_ALLOCATION_FAILURE);
}

void fmlp_weights_release(fmlp_weights *w)
{
    if (!w) return;
    cl_mem *all[] = {&w->gate,   &w->up,   &w->down_t, &w->down,  &w->b_gate,
                     &w->b_up,   &w->b_down, &w->s_gate, &w->s_up, &w->s_down};
    for (size_t i = 0; i < sizeof all / sizeof *all; ++i)
        if (*all[i]) clReleaseMemObject(*all[i]);
    if (w->plan) fmlp_plan_release(w->plan);
    free(w);
}

size_t fmlp_weights_device_bytes(const fmlp_weights *w) { return w ? w->bytes : 0; }

/* Bytes of one weight matrix of the plan (all three have the same size in every format). */
static size_t matrix_bytes(const fmlp_plan_desc *d)
{
    size_t bytes = 0;
    /* the plan validated the format and shape, so this cannot fail */
    fmlp_weight_bytes(d->weight_dtype, d->group_size, d->intermediate, d->hidden, &bytes);
    return bytes;
}

/* Device bytes of one packed matrix: the block formats' tiles of 32 blocks are whole. */
static size_t packed_bytes(const fmlp_plan_desc *d)
{
    unsigned block = 1, block_bytes = 0;
    fmlp_weight_format(d->weight_dtype, d->group_size, &block, &block_bytes);
    if (block == 1) return matrix_bytes(d);
    const size_t nblk = d->intermediate * d->hidden / block;
    return fmlp_ceil_div(nblk, 32) * 32 * block_bytes;
}

/* Alignment a caller's weight buffer offset needs: the element (or a block's fp16 fields). */
static size_t weight_align(const fmlp_plan_desc *d)
{
    return d->weight_dtype == FMLP_DTYPE_F32 ? 4 : 2;
}

/* Allocate the packed buffers for plan's desc. */
static fmlp_status weights_new(const fmlp_plan *plan, fmlp_weights **out)
{
    const fmlp_plan_desc *d = &plan->desc;
    cl_context c = plan->ctx->cl_ctx;
    size_t mat = packed_bytes(d);
    fmlp_weights *w = calloc(1, sizeof *w);
    if (!w) return FMLP_ERROR_OUT_OF_HOST_MEMORY;
    fmlp_plan_retain((fmlp_plan *)plan);
    w->plan = (fmlp_plan *)plan;
    fmlp_status st = FMLP_SUCCESS;
    if (d->kind == FMLP_MLP_GATED && (st = alloc(c, mat, &w->gate))) goto fail;
    /* down as down^T, or as the caller's rows where every variant reads those (plan.c) */
    cl_mem *down = plan->down_layout == FMLP_DOWN_ROWS ? &w->down : &w->down_t;
    if ((st = alloc(c, mat, &w->up)) || (st = alloc(c, mat, down))) goto fail;
    w->bytes = mat * (d->kind == FMLP_MLP_GATED ? 3 : 2);
    if ((d->biases & FMLP_BIAS_GATE) && (st = alloc(c, d->intermediate * 4, &w->b_gate))) goto fail;
    if ((d->biases & FMLP_BIAS_UP) && (st = alloc(c, d->intermediate * 4, &w->b_up))) goto fail;
    if ((d->biases & FMLP_BIAS_DOWN) && (st = alloc(c, d->hidden * 4, &w->b_down))) goto fail;
    w->bytes += 4 * (d->intermediate * (!!w->b_gate + !!w->b_up) + d->hidden * !!w->b_down);
    if (plan->row_scales) {
        if (d->kind == FMLP_MLP_GATED && (st = alloc(c, d->intermediate * 4, &w->s_gate))) goto fail;
        if ((st = alloc(c, d->intermediate * 4, &w->s_up)) || (st = alloc(c, d->hidden * 4, &w->s_down)))
            goto fail;
        w->bytes += 4 * (d->intermediate * (1 + !!w->s_gate) + d->hidden);
    }
    *out = w;
    return FMLP_SUCCESS;
fail:
    fmlp_weights_release(w);
    return st;
}

/* Kernel `name` of cl/pack.cl (the program stays alive as long as the kernel). */
static fmlp_status pack_kernel(const fmlp_plan *plan, const char *name, cl_kernel *out)
{
    static const char *const files[] = {"pack.cl"};
    cl_program prog = NULL;
    fmlp_status st = fmlp_program_get(plan->ctx, "", files, 1, &prog);
    if (st != FMLP_SUCCESS) return st;
    cl_int err = CL_SUCCESS;
    *out = clCreateKernel(prog, name, &err);
    clReleaseProgram(prog);
    return *out ? FMLP_SUCCESS : (fmlp_status)(err ? err : FMLP_ERROR_INTERNAL);
}

/* One matrix at byte offset off of src into dst, the layout cl/formats.cl reads: gate and up
 * as given and down transposed to [I, H] for the element formats; for the block formats,
 * tiles of 32 blocks (values, then scale fields), down's blocks in block rows [I / block][H]. */
static fmlp_status pack_matrix(const fmlp_plan *plan, cl_command_queue q, cl_mem src, size_t off,
                               cl_mem dst, int down)
{
    const fmlp_plan_desc *d = &plan->desc;
    const size_t esize = fmlp_dtype_size(d->weight_dtype); /* 0 for the block formats */
    if (esize && !down)
        return (fmlp_status)clEnqueueCopyBuffer(q, src, dst, off, 0, matrix_bytes(d), 0, NULL,
                                                NULL);
    unsigned block = 1, block_bytes = 0;
    fmlp_weight_format(d->weight_dtype, d->group_size, &block, &block_bytes);
    const char *name = esize == 4 ? "fmlp_pack_transpose"
                       : esize == 2 ? "fmlp_pack_transpose16"
                                    : "fmlp_pack_blocks";
    cl_kernel k = NULL;
    fmlp_status st = pack_kernel(plan, name, &k);
    if (st != FMLP_SUCCESS) return st;
    cl_int err = CL_SUCCESS;
    if (esize) {
        cl_ulong o = off / esize;
        cl_int rows = (cl_int)d->hidden, cols = (cl_int)d->intermediate;
        err = FMLP_ARG(k, 0, src);
        err |= FMLP_ARG(k, 1, o);
        err |= FMLP_ARG(k, 2, dst);
        err |= FMLP_ARG(k, 3, rows);
        err |= FMLP_ARG(k, 4, cols);
        if (err == CL_SUCCESS) {
            size_t local[2] = {16, 16};
            size_t global[2] = {fmlp_ceil_div((size_t)cols, 16) * 16,
                                fmlp_ceil_div((size_t)rows, 16) * 16};
            err = clEnqueueNDRangeKernel(q, k, 2, NULL, global, local, 0, NULL, NULL);
        } else {
            err = CL_INVALID_ARG_VALUE;
        }
    } else {
        /* gate/up [I][H / block], down [H][I / block]; the scale fields: fp16 d (GGML), fp16
         * scale and zero (affine) */
        cl_ulong o = off;
        cl_int rows = (cl_int)(down ? d->hidden : d->intermediate);
        cl_int nblk = (cl_int)((down ? d->intermediate : d->hidden) / block);
        cl_int bytes = (cl_int)block_bytes, tr = down;
        cl_int q3 = fmlp_q3_grouped(d); /* regrouped: cl/pack.cl, cl/formats.cl */
        cl_int sbytes = (cl_int)fmlp_weight_scale_bytes(d->weight_dtype);
        err = FMLP_ARG(k, 0, src);
        err |= FMLP_ARG(k, 1, o);
        err |= FMLP_ARG(k, 2, dst);
        err |= FMLP_ARG(k, 3, rows);
        err |= FMLP_ARG(k, 4, nblk);
        err |= FMLP_ARG(k, 5, bytes);
        err |= FMLP_ARG(k, 6, sbytes);
        err |= FMLP_ARG(k, 7, tr);
        err |= FMLP_ARG(k, 8, q3);
        if (err == CL_SUCCESS) {
            size_t global[2] = {(size_t)nblk, (size_t)rows};
            err = clEnqueueNDRangeKernel(q, k, 2, NULL, global, NULL, 0, NULL, NULL);
        } else {
            err = CL_INVALID_ARG_VALUE;
        }
    }
    clReleaseKernel(k);
    return (fmlp_status)err;
}

/* Plans with row_scales: the scales of matrix i (0 gate, 1 up, 2 down, in the caller's layout
 * at byte offset off of src) into w's s_gate, s_up or s_down, one work-group of 64 a row.
 * - fp32 or bf16 weights in fp16 pairs: cl/pack.cl's fmlp_pack_row_scales(_bf16) over the
 *   row's values.
 * - the block formats' folded scales (mma's fw): fmlp_pack_row_scales_blocks, each block's
 *   weights bounded by its scale times qmax (GGML: the largest field magnitude, 128 for Q8_0's
 *   signed bytes and 8 for Q4_0's q - 8) or, with zero points, by its scale times the larger of
 *   |z| and |qmax - z| (qmax = 2^bits - 1). */
static fmlp_status row_scales(const fmlp_plan *plan, cl_command_queue q, cl_mem src, size_t off,
                              fmlp_weights *w, int i)
{
    const fmlp_plan_desc *d = &plan->desc;
    cl_mem dst = i == 0 ? w->s_gate : i == 1 ? w->s_up : w->s_down;
    if (!dst) return FMLP_SUCCESS;
    const int blocks = d->weight_dtype > FMLP_DTYPE_BF16, bf16 = d->weight_dtype == FMLP_DTYPE_BF16;
    unsigned bw = 1, bb = 0;
    fmlp_status st = blocks ? fmlp_weight_format(d->weight_dtype, d->group_size, &bw, &bb)
                            : FMLP_SUCCESS;
    if (st != FMLP_SUCCESS) return st;
    cl_kernel k = NULL;
    st = pack_kernel(plan,
                     blocks ? "fmlp_pack_row_scales_blocks"
                     : bf16 ? "fmlp_pack_row_scales_bf16"
                            : "fmlp_pack_row_scales",
                     &k);
    if (st != FMLP_SUCCESS) return st;
    /* the offset in bytes (block formats) or in values */
    cl_ulong o = blocks ? off : off / (bf16 ? 2 : 4);
    const cl_int cols = (cl_int)(i == 2 ? d->intermediate : d->hidden);
    size_t rows = i == 2 ? d->hidden : d->intermediate, local = 64, global = rows * local;
    cl_int err = FMLP_ARG(k, 0, src);
    err |= FMLP_ARG(k, 1, o);
    err |= FMLP_ARG(k, 2, dst);
    if (blocks) {
        const cl_int zp = d->weight_dtype >= FMLP_DTYPE_AFFINE_Q2;
        const unsigned bits = zp ? (bb - 4) * 8 / bw : 0;
        const cl_float qmax = zp ? (cl_float)((1u << bits) - 1u)
                                 : d->weight_dtype == FMLP_DTYPE_Q8_0 ? 128.0f : 8.0f;
        const cl_int nblk = cols / (cl_int)bw, bytes = (cl_int)bb;
        err |= FMLP_ARG(k, 3, nblk);
        err |= FMLP_ARG(k, 4, bytes);
        err |= FMLP_ARG(k, 5, qmax);
        err |= FMLP_ARG(k, 6, zp);
    } else {
        err |= FMLP_ARG(k, 3, cols);
    }
    err = err ? CL_INVALID_ARG_VALUE
              : clEnqueueNDRangeKernel(q, k, 1, NULL, &global, &local, 0, NULL, NULL);
    clReleaseKernel(k);
    return (fmlp_status)err;
}

/* The affine formats: w->int_zeros = 1 when every packed zero point is an integer in
 * [-1024, 1024] (cl/pack.cl's fmlp_pack_check_zeros), so that the plan's FMLP_IZ kernels may
 * run with these weights; 0 for the other formats. With bf16 activations the range is
 * [2^bits - 257, 256]: the mma kernels then take each field less its zero point as one bf16
 * (cl/mlp_mma.cl's G_XBF), exact for integers up to 256 in magnitude. Blocking. */
static fmlp_status check_zeros(const fmlp_plan *plan, cl_command_queue q, fmlp_weights *w)
{
    const fmlp_plan_desc *d = &plan->desc;
    w->int_zeros = 0;
    if (d->weight_dtype < FMLP_DTYPE_AFFINE_Q2) return FMLP_SUCCESS;
    unsigned block = 1, block_bytes = 0;
    fmlp_weight_format(d->weight_dtype, d->group_size, &block, &block_bytes);
    cl_uint flag = 0;
    cl_int err = CL_SUCCESS;
    cl_mem f = clCreateBuffer(plan->ctx->cl_ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR,
                              sizeof flag, &flag, &err);
    if (!f) return (fmlp_status)(err ? err : CL_MEM_OBJECT_ALLOCATION_FAILURE);
    cl_kernel k = NULL;
    fmlp_status st = pack_kernel(plan, "fmlp_pack_check_zeros", &k);
    const cl_int nblk = (cl_int)(d->intermediate * d->hidden / block), bytes = (cl_int)block_bytes;
    const int bits = (int)fmlp_affine_bits(d->weight_dtype);
    const cl_float lo = d->act_dtype == FMLP_DTYPE_BF16 ? (cl_float)((1 << bits) - 257) : -1024.0f,
                   hi = d->act_dtype == FMLP_DTYPE_BF16 ? 256.0f : 1024.0f;
    const cl_mem mats[4] = {w->gate, w->up, w->down_t, w->down};
    for (int i = 0; i < 4 && st == FMLP_SUCCESS; ++i) {
        if (!mats[i]) continue;
        err = FMLP_ARG(k, 0, mats[i]);
        err |= FMLP_ARG(k, 1, nblk);
        err |= FMLP_ARG(k, 2, bytes);
        err |= FMLP_ARG(k, 3, f);
        err |= FMLP_ARG(k, 4, lo);
        err |= FMLP_ARG(k, 5, hi);
        if (err != CL_SUCCESS) {
            st = FMLP_ERROR_INTERNAL;
            break;
        }
        size_t global = fmlp_ceil_div((size_t)nblk, 64) * 64, local = 64;
        err = clEnqueueNDRangeKernel(q, k, 1, NULL, &global, &local, 0, NULL, NULL);
        if (err != CL_SUCCESS) st = (fmlp_status)err;
    }
    /* the kernels done before the flag is read, on out-of-order queues too */
    if (st == FMLP_SUCCESS && (err = clFinish(q)) != CL_SUCCESS) st = (fmlp_status)err;
    if (st == FMLP_SUCCESS) {
        err = clEnqueueReadBuffer(q, f, CL_TRUE, 0, sizeof flag, &flag, 0, NULL, NULL);
        if (err != CL_SUCCESS) st = (fmlp_status)err;
        else w->int_zeros = flag == 0;
    }
    if (k) clReleaseKernel(k);
    clReleaseMemObject(f); /* OpenCL keeps it until any command still using it is done */
    return st;
}

static fmlp_status common_checks(const fmlp_plan *plan, cl_command_queue q, const void *src,
                                 fmlp_weights **out)
{
    if (!out) return FMLP_ERROR_NULL_POINTER;
    *out = NULL;
    if (!plan || !q || !src) return FMLP_ERROR_NULL_POINTER;
    return check_queue(plan->ctx, q);
}

fmlp_status fmlp_weights_create_host(const fmlp_plan *plan, cl_command_queue q,
                                     const fmlp_host_weights *src, fmlp_weights **out)
{
    fmlp_status st = common_checks(plan, q, src, out);
    if (st != FMLP_SUCCESS) return st;
    const fmlp_plan_desc *d = &plan->desc;
    int given[6] = {!!src->gate, !!src->up, !!src->down,
                    !!src->gate_bias, !!src->up_bias, !!src->down_bias};
    if ((st = check_presence(d, given)) != FMLP_SUCCESS) return st;

    fmlp_weights *w = NULL;
    cl_mem tmp = NULL;
    if ((st = weights_new(plan, &w)) != FMLP_SUCCESS) return st;
    size_t mat = matrix_bytes(d);
    cl_int err = CL_SUCCESS;
    if (w->b_gate)
        err = clEnqueueWriteBuffer(q, w->b_gate, CL_FALSE, 0, d->intermediate * 4, src->gate_bias,
                                   0, NULL, NULL);
    if (!err && w->b_up)
        err = clEnqueueWriteBuffer(q, w->b_up, CL_FALSE, 0, d->intermediate * 4, src->up_bias, 0,
                                   NULL, NULL);
    if (!err && w->b_down)
        err = clEnqueueWriteBuffer(q, w->b_down, CL_FALSE, 0, d->hidden * 4, src->down_bias, 0,
                                   NULL, NULL);
    if (err) {
        st = (fmlp_status)err;
        goto fail;
    }
    /* each matrix through one staging buffer, packed from there (finished before reuse) */
    if ((st = alloc(plan->ctx->cl_ctx, mat, &tmp)) != FMLP_SUCCESS) goto fail;
    const void *host[4] = {src->gate, src->up, src->down, src->down};
    cl_mem dst[4] = {w->gate, w->up, w->down_t, w->down};
    for (int i = 0; i < 4; ++i) {
        if (!dst[i]) continue;
        /* blocking: on an out-of-order queue the packing kernels below would not wait for a
         * non-blocking write, and could pack the previous matrix's bytes */
        err = clEnqueueWriteBuffer(q, tmp, CL_TRUE, 0, mat, host[i], 0, NULL, NULL);
        if (err) {
            st = (fmlp_status)err;
            goto fail;
        }
        /* down^T is packed from the caller's rows; the rows layout is theirs as it is */
        if ((st = pack_matrix(plan, q, tmp, 0, dst[i], i == 2)) != FMLP_SUCCESS) goto fail;
        if ((st = row_scales(plan, q, tmp, 0, w, i < 3 ? i : 2)) != FMLP_SUCCESS) goto fail;
        /* blocking: the caller may free its arrays when we return */
        if ((err = clFinish(q)) != CL_SUCCESS) {
            st = (fmlp_status)err;
            goto fail;
        }
    }
    clReleaseMemObject(tmp);
    tmp = NULL;
    if ((st = check_zeros(plan, q, w)) != FMLP_SUCCESS) goto fail;
    *out = w;
    return FMLP_SUCCESS;
fail:
    clFinish(q); /* never free memory a pending write still reads from */
    if (tmp) clReleaseMemObject(tmp);
    fmlp_weights_release(w);
    return st;
}

fmlp_status fmlp_weights_create_buffers(const fmlp_plan *plan, cl_command_queue q,
                                        const fmlp_buffer_weights *src, fmlp_weights **out)
{
    fmlp_status st = common_checks(plan, q, src, out);
    if (st != FMLP_SUCCESS) return st;
    const fmlp_plan_desc *d = &plan->desc;
    int given[6] = {!!src->gate, !!src->up, !!src->down,
                    !!src->gate_bias, !!src->up_bias, !!src->down_bias};
    if ((st = check_presence(d, given)) != FMLP_SUCCESS) return st;
    size_t mat = matrix_bytes(d), walign = weight_align(d);
    const struct {
        cl_mem m;
        size_t off, bytes;
    } bufs[6] = {{src->gate, src->gate_offset, mat},
                 {src->up, src->up_offset, mat},
                 {src->down, src->down_offset, mat},
                 {src->gate_bias, src->gate_bias_offset, d->intermediate * 4},
                 {src->up_bias, src->up_bias_offset, d->intermediate * 4},
                 {src->down_bias, src->down_bias_offset, d->hidden * 4}};
    for (int i = 0; i < 6; ++i)
        if (bufs[i].m && (st = fmlp_check_buffer(plan->ctx, bufs[i].m, bufs[i].off, bufs[i].bytes,
                                                 i < 3 ? walign : 4)))
            return st;

    fmlp_weights *w = NULL;
    if ((st = weights_new(plan, &w)) != FMLP_SUCCESS) return st;
    cl_mem dst[6] = {w->gate, w->up, w->down_t, w->b_gate, w->b_up, w->b_down};
    cl_int err = CL_SUCCESS;
    for (int i = 3; i < 6 && !err; ++i)
        if (dst[i])
            err = clEnqueueCopyBuffer(q, bufs[i].m, dst[i], bufs[i].off, 0, bufs[i].bytes, 0, NULL,
                                      NULL);
    if (err) {
        st = (fmlp_status)err;
        goto fail;
    }
    for (int i = 0; i < 3; ++i)
        if (dst[i] && (st = pack_matrix(plan, q, bufs[i].m, bufs[i].off, dst[i], i == 2)))
            goto fail;
    for (int i = 0; i < 3; ++i)
        if (bufs[i].m && (st = row_scales(plan, q, bufs[i].m, bufs[i].off, w, i))) goto fail;
    /* the rows layout: the caller's down as it is */
    if (w->down && (st = pack_matrix(plan, q, bufs[2].m, bufs[2].off, w->down, 0))) goto fail;
    if ((err = clFinish(q)) != CL_SUCCESS) {
        st = (fmlp_status)err;
        goto fail;
    }
    if ((st = check_zeros(plan, q, w)) != FMLP_SUCCESS) goto fail;
    *out = w;
    return FMLP_SUCCESS;
fail:
    clFinish(q);
    fmlp_weights_release(w);
    return st;
}
