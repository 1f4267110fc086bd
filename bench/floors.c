/* The device's floors, measured in the same run as the MLPs (bench/cl/floors.cl): the streaming
 * read bandwidth over a buffer far larger than the last-level cache, the copy bandwidth, the
 * fp32 FMA rate, and the cost of one empty kernel. Kernel times come from profiling events;
 * each figure is the best of several runs, as a peak should be. */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Run k over global items (local size `local`) and return its device time in seconds. */
static cl_int timed(cl_command_queue q, cl_kernel k, size_t global, size_t local, double *sec)
{
    cl_event ev = NULL;
    cl_int err = clEnqueueNDRangeKernel(q, k, 1, NULL, &global, &local, 0, NULL, &ev);
    if (err == CL_SUCCESS) err = clWaitForEvents(1, &ev);
    cl_ulong t0 = 0, t1 = 0;
    if (err == CL_SUCCESS)
        err = clGetEventProfilingInfo(ev, CL_PROFILING_COMMAND_START, sizeof t0, &t0, NULL);
    if (err == CL_SUCCESS)
        err = clGetEventProfilingInfo(ev, CL_PROFILING_COMMAND_END, sizeof t1, &t1, NULL);
    if (ev) clReleaseEvent(ev);
    *sec = (double)(t1 - t0) * 1e-9;
    return err;
}

/* Best (smallest) of n timed runs. */
static cl_int best_of(cl_command_queue q, cl_kernel k, size_t global, size_t local, int n,
                      double *sec)
{
    double best = INFINITY;
    cl_int err = CL_SUCCESS;
    for (int i = 0; i < n && err == CL_SUCCESS; ++i) {
        double t = 0;
        err = timed(q, k, global, local, &t);
        if (t > 0 && t < best) best = t;
    }
    *sec = best;
    return err;
}

int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_floor_seconds(const bench_floors *f, double bytes, double flops)
{
    double tb = bytes / (f->read_gbs * 1e9), tf = flops / (f->fma_gflops * 1e9);
    return tb > tf ? tb : tf;
}

cl_int bench_measure_floors(cl_context ctx, cl_device_id dev, cl_command_queue q,
                            const fmlp_device_info *info, bench_floors *out)
{
    memset(out, 0, sizeof *out);
    cl_program prog = NULL;
    cl_kernel kread = NULL, kcopy = NULL, kfma = NULL, kempty = NULL;
    cl_mem a = NULL, b = NULL, o = NULL;
    const char *what = "building the floor kernels";
    /* CPUs read in contiguous chunks and need wide vectors to reach their FMA rate */
    const int vw = info->is_gpu ? 4 : 16;
    char opts[96];
    snprintf(opts, sizeof opts, "-DREAD_CHUNKED=%d -DFMA_VEC=float%d", !info->is_gpu, vw);
    cl_int err = bench_build_program(ctx, dev, "floors.cl", opts, &prog);
    if (err != CL_SUCCESS) goto fail;
    if (!(kread = clCreateKernel(prog, "read_f4", &err))) goto fail;
    if (!(kcopy = clCreateKernel(prog, "copy_f4", &err))) goto fail;
    if (!(kfma = clCreateKernel(prog, "fma_rate", &err))) goto fail;
    if (!(kempty = clCreateKernel(prog, "empty", &err))) goto fail;

    /* Read buffer: much larger than any last-level cache (2 GiB on a GPU, 512 MiB on a CPU
     * whose bandwidth is lower), within the allocation limits. */
    uint64_t bytes = info->is_gpu ? (2ull << 30) : (512ull << 20);
    if (bytes > info->max_alloc_size) bytes = info->max_alloc_size;
    if (bytes > info->global_mem_size / 4) bytes = info->global_mem_size / 4;
    bytes &= ~(uint64_t)((1u << 20) - 1);
    const size_t local = info->max_work_group_size < 256 ? info->max_work_group_size : 256;
    const size_t global = (size_t)(info->compute_units ? info->compute_units : 1) * 8 * local;
    what = "allocating the floor buffers";
    if (!(a = clCreateBuffer(ctx, CL_MEM_READ_WRITE, (size_t)bytes, NULL, &err))) goto fail;
    if (!(b = clCreateBuffer(ctx, CL_MEM_READ_WRITE, (size_t)bytes / 2, NULL, &err))) goto fail;
    if (!(o = clCreateBuffer(ctx, CL_MEM_READ_WRITE, global * sizeof(float), NULL, &err)))
        goto fail;
    const float one = 1.0f;
    what = "filling the floor buffers";
    if ((err = clEnqueueFillBuffer(q, a, &one, sizeof one, 0, (size_t)bytes, 0, NULL, NULL)))
        goto fail;
    if ((err = clFinish(q))) goto fail;

    what = "measuring the read bandwidth";
    cl_ulong n4 = bytes / 16;
    double t = 0;
    if ((err = clSetKernelArg(kread, 0, sizeof a, &a)) ||
        (err = clSetKernelArg(kread, 1, sizeof n4, &n4)) ||
        (err = clSetKernelArg(kread, 2, sizeof o, &o)))
        goto fail;
    if ((err = best_of(q, kread, global, local, info->is_gpu ? 10 : 4, &t))) goto fail;
    out->read_gbs = (double)bytes / t / 1e9;
    out->read_bytes = (size_t)bytes;

    what = "measuring the copy bandwidth";
    cl_ulong c4 = bytes / 32;
    if ((err = clSetKernelArg(kcopy, 0, sizeof a, &a)) ||
        (err = clSetKernelArg(kcopy, 1, sizeof b, &b)) ||
        (err = clSetKernelArg(kcopy, 2, sizeof c4, &c4)))
        goto fail;
    if ((err = best_of(q, kcopy, global, local, info->is_gpu ? 10 : 4, &t))) goto fail;
    out->copy_gbs = (double)bytes / t / 1e9; /* bytes/2 read + bytes/2 written */

    /* FMA rate: more work-items than the device has lanes, the round count grown until a
     * run lasts long enough to time (~20 ms on the device clock). */
    what = "measuring the FMA rate";
    const float fa = 0.999f, fb = 0.001f;
    cl_int iters = 64;
    if ((err = clSetKernelArg(kfma, 0, sizeof o, &o)) ||
        (err = clSetKernelArg(kfma, 1, sizeof fa, &fa)) ||
        (err = clSetKernelArg(kfma, 2, sizeof fb, &fb)))
        goto fail;
    for (;;) {
        if ((err = clSetKernelArg(kfma, 3, sizeof iters, &iters))) goto fail;
        if ((err = timed(q, kfma, global, local, &t))) goto fail;
        if (t >= 0.02 || iters >= (1 << 24)) break;
        double grow = t > 0 ? 0.025 / t : 64.0;
        iters = (cl_int)(iters * (grow > 64.0 ? 64.0 : grow < 2.0 ? 2.0 : grow));
    }
    if ((err = best_of(q, kfma, global, local, info->is_gpu ? 5 : 3, &t))) goto fail;
    out->fma_gflops = 16.0 * vw * (double)global * (double)iters / t / 1e9;

    /* One empty kernel, enqueue to clFinish return: the host-side cost of any kernel. */
    what = "measuring the launch cost";
    double lat[64];
    if ((err = clSetKernelArg(kempty, 0, sizeof o, &o))) goto fail;
    for (int i = 0; i < 64; ++i) {
        size_t g1 = local;
        double s = bench_now();
        if ((err = clEnqueueNDRangeKernel(q, kempty, 1, NULL, &g1, &local, 0, NULL, NULL)) ||
            (err = clFinish(q)))
            goto fail;
        lat[i] = bench_now() - s;
    }
    qsort(lat, 64, sizeof lat[0], bench_cmp_double);
    out->launch_us = 0.5 * (lat[31] + lat[32]) * 1e6;
    err = CL_SUCCESS;
    goto done;
fail:
    fprintf(stderr, "bench: %s: OpenCL error %d\n", what, (int)err);
done:
    if (kread) clReleaseKernel(kread);
    if (kcopy) clReleaseKernel(kcopy);
    if (kfma) clReleaseKernel(kfma);
    if (kempty) clReleaseKernel(kempty);
    if (prog) clReleaseProgram(prog);
    if (a) clReleaseMemObject(a);
    if (b) clReleaseMemObject(b);
    if (o) clReleaseMemObject(o);
    return err;
}
