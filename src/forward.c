/* fmlp_forward: validate everything first, so that a failing call changes nothing, then
 * enqueue the batch's kernel variant. */
#include "internal.h"

fmlp_status fmlp_check_buffer(const fmlp_context *ctx, cl_mem m, size_t offset, size_t bytes,
                              size_t align); /* weights.c */

static int overlap(cl_mem a, size_t ao, size_t an, cl_mem b, size_t bo, size_t bn)
{
    return a == b && ao < bo + bn && bo < ao + an;
}

static fmlp_status compatible(const fmlp_plan *plan, const fmlp_weights *w)
{
    const fmlp_plan_desc *a = &plan->desc, *b = &w->plan->desc;
    if (w->plan->ctx->cl_ctx != plan->ctx->cl_ctx) return FMLP_ERROR_CONTEXT_MISMATCH;
    if (a->hidden != b->hidden || a->intermediate != b->intermediate || a->kind != b->kind ||
        a->biases != b->biases || a->weight_dtype != b->weight_dtype ||
        a->group_size != b->group_size || plan->down_layout != w->plan->down_layout ||
        fmlp_q3_grouped(a) != fmlp_q3_grouped(b) || (plan->row_scales && !w->s_up))
        return FMLP_ERROR_WEIGHTS_MISMATCH;
    return FMLP_SUCCESS;
}

fmlp_status fmlp_forward(const fmlp_plan *plan, const fmlp_weights *weights,
                         cl_command_queue queue, size_t batch, cl_mem x, size_t x_offset, cl_mem y,
                         size_t y_offset, cl_mem workspace, cl_uint num_wait,
                         const cl_event *wait_list, cl_event *event)
{
    if (!plan || !weights || !queue || !x || !y) return FMLP_ERROR_NULL_POINTER;
    if (num_wait && !wait_list) return FMLP_ERROR_NULL_POINTER;
    if (batch == 0) return FMLP_ERROR_INVALID_SIZE;
    if (batch > plan->desc.max_batch) return FMLP_ERROR_BATCH_TOO_LARGE;
    if (batch < plan->desc.min_batch) return FMLP_ERROR_BATCH_TOO_SMALL;
    fmlp_status st = compatible(plan, weights);
    if (st != FMLP_SUCCESS) return st;

    const fmlp_context *ctx = plan->ctx;
    cl_context qc = NULL;
    cl_device_id qd = NULL;
    cl_int err = clGetCommandQueueInfo(queue, CL_QUEUE_CONTEXT, sizeof qc, &qc, NULL);
    if (err == CL_SUCCESS) err = clGetCommandQueueInfo(queue, CL_QUEUE_DEVICE, sizeof qd, &qd, NULL);
    if (err != CL_SUCCESS) return (fmlp_status)err;
    if (qc != ctx->cl_ctx || qd != ctx->dev.device) return FMLP_ERROR_CONTEXT_MISMATCH;

    const size_t esize = fmlp_dtype_size(plan->desc.act_dtype);
    const size_t io_bytes = batch * plan->desc.hidden * esize;
    if ((st = fmlp_check_buffer(ctx, x, x_offset, io_bytes, esize)) ||
        (st = fmlp_check_buffer(ctx, y, y_offset, io_bytes, esize)))
        return st;
    if (overlap(x, x_offset, io_bytes, y, y_offset, io_bytes)) return FMLP_ERROR_ALIASING;

    const fmlp_variant *v = fmlp_plan_variant(plan, batch);
    if (!v) return FMLP_ERROR_INTERNAL;
    size_t ws_bytes = v->strategy->workspace(&plan->desc, &v->params, batch);
    cl_mem ws = workspace, owned = NULL;
    if (ws_bytes && ws) {
        if ((st = fmlp_check_buffer(ctx, ws, 0, ws_bytes, 1))) return st;
        if (ws == x || ws == y) return FMLP_ERROR_ALIASING;
    }
    if (ws_bytes && !ws) {
        owned = clCreateBuffer(ctx->cl_ctx, CL_MEM_READ_WRITE, ws_bytes, NULL, &err);
        if (!owned) return (fmlp_status)(err ? err : CL_MEM_OBJECT_ALLOCATION_FAILURE);
        ws = owned;
    }
    fmlp_io io = {.x = x, .y = y, .workspace = ws, .x_elem = x_offset / esize,
                  .y_elem = y_offset / esize};
    /* the kernels load x by vectors of four elements (plan.c, fmlp_x_vectors): x at an offset
     * that is not a multiple of 4 elements is copied to the start of a buffer of its own first,
     * and the kernels wait for the copy instead of the caller's list */
    cl_mem xcopy = NULL;
    cl_event copied = NULL;
    if (fmlp_x_vectors(&plan->desc, &ctx->dev) && io.x_elem % 4) {
        xcopy = clCreateBuffer(ctx->cl_ctx, CL_MEM_READ_WRITE, io_bytes, NULL, &err);
        if (xcopy)
            err = clEnqueueCopyBuffer(queue, x, xcopy, x_offset, 0, io_bytes, num_wait, wait_list,
                                      &copied);
        if (!xcopy || err != CL_SUCCESS) {
            if (xcopy) clReleaseMemObject(xcopy);
            if (owned) clReleaseMemObject(owned);
            return (fmlp_status)(err ? err : CL_MEM_OBJECT_ALLOCATION_FAILURE);
        }
        io.x = xcopy;
        io.x_elem = 0;
        num_wait = 1;
        wait_list = &copied;
    }
    /* kernel arguments are per kernel object: keep set-and-enqueue atomic per plan */
    pthread_mutex_lock(&((fmlp_plan *)plan)->lock);
    err = v->strategy->enqueue(plan, v, weights, queue, batch, &io, num_wait, wait_list, event);
    pthread_mutex_unlock(&((fmlp_plan *)plan)->lock);
    /* OpenCL keeps a released buffer alive until the commands using it have finished */
    if (owned) clReleaseMemObject(owned);
    if (xcopy) clReleaseMemObject(xcopy);
    if (copied) clReleaseEvent(copied);
    return (fmlp_status)err;
}

fmlp_status fmlp_forward_profile(const fmlp_plan *plan, const fmlp_weights *weights,
                                 cl_command_queue queue, size_t batch, cl_mem x, size_t x_offset,
                                 cl_mem y, size_t y_offset, cl_mem workspace,
                                 fmlp_kernel_time *times, int *count)
{
    if (!count || (*count > 0 && !times)) return FMLP_ERROR_NULL_POINTER;
    if (!queue) return FMLP_ERROR_NULL_POINTER;
    cl_command_queue_properties props = 0;
    cl_int err = clGetCommandQueueInfo(queue, CL_QUEUE_PROPERTIES, sizeof props, &props, NULL);
    if (err != CL_SUCCESS) return (fmlp_status)err;
    if (!(props & CL_QUEUE_PROFILING_ENABLE)) return (fmlp_status)CL_PROFILING_INFO_NOT_AVAILABLE;
    fmlp_profile_sink sink;
    sink.count = 0;
    fmlp_profile = &sink;
    cl_event done = NULL;
    fmlp_status st = fmlp_forward(plan, weights, queue, batch, x, x_offset, y, y_offset, workspace,
                                  0, NULL, &done);
    fmlp_profile = NULL;
    if (st == FMLP_SUCCESS) st = (fmlp_status)clWaitForEvents(1, &done);
    int room = *count;
    for (int i = 0; i < sink.count; ++i) {
        cl_ulong t0 = 0, t1 = 0;
        if (st == FMLP_SUCCESS && i < room) {
            cl_int e1 = clGetEventProfilingInfo(sink.events[i], CL_PROFILING_COMMAND_START,
                                                sizeof t0, &t0, NULL);
            cl_int e2 = clGetEventProfilingInfo(sink.events[i], CL_PROFILING_COMMAND_END,
                                                sizeof t1, &t1, NULL);
            if (e1 != CL_SUCCESS || e2 != CL_SUCCESS) st = (fmlp_status)(e1 ? e1 : e2);
            times[i].us = (double)(t1 - t0) / 1e3;
            times[i].name[0] = '\0';
            clGetKernelInfo(sink.kernels[i], CL_KERNEL_FUNCTION_NAME, sizeof times[i].name,
                            times[i].name, NULL);
            times[i].name[sizeof times[i].name - 1] = '\0';
        }
        clReleaseEvent(sink.events[i]);
    }
    if (done) clReleaseEvent(done);
    *count = sink.count;
    return st;
}
