/* Sixteenth session: the sm_90 bulk copies from OpenCL on NVIDIA's driver. The fifteenth
 * session's cp.async probe (cpasync.c) topped out near 3.8 TB/s; plain reads through registers
 * reach 4.2-4.3 TB/s only with two or more work-groups of 256 a compute unit, and the mmav
 * kernels (B=2-16) have about 434 threads a compute unit and read 3.44 TB/s. Two sm_90 paths
 * keep bytes in flight without registers and were not tried:
 *   pf:   plain float4 reads through registers, with one thread of the work-group issuing
 *         cp.async.bulk.prefetch.L2 for the part P steps ahead (no local memory, no waits);
 *   bulk: one thread copies each step (U float4s a thread) into a ring of S steps in local
 *         memory with cp.async.bulk ... mbarrier::complete_tx::bytes; the threads wait on the
 *         step's mbarrier (try_wait.parity), add up their float4s, and a barrier frees the slot.
 * Each work-group reads its own contiguous part of the buffer (as a stream kernel's slice
 * does), for 1, 2 and 4 work-groups of T threads a compute unit; sums checked against the
 * host's; medians of 20 profiled runs. Off NVIDIA the PTX is replaced by plain copies, so that
 * the kernels' indexing can be checked on PoCL.
 * Build: cc -O2 bulk.c -lOpenCL -lm -o bulk; run: bulk [MB] */
#define CL_TARGET_OPENCL_VERSION 120
#include <CL/cl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *src =
    "__kernel __attribute__((reqd_work_group_size(T, 1, 1)))\n"
    "void read_plain(__global const float4 *a, const ulong per, __global float *out)\n"
    "{\n"
    "    const int lid = get_local_id(0);\n"
    "    __global const float4 *p = a + get_group_id(0) * per;\n"
    "    float4 s = (float4)(0.0f);\n"
    "    for (ulong i = 0; i < per; i += U * T) {\n"
    "        float4 v[U];\n"
    "#pragma unroll\n"
    "        for (int u = 0; u < U; ++u) v[u] = p[i + u * T + lid];\n"
    "#pragma unroll\n"
    "        for (int u = 0; u < U; ++u) s += v[u];\n"
    "    }\n"
    "    out[get_global_id(0)] = s.x + s.y + s.z + s.w;\n"
    "}\n"
    "#ifdef NV\n"
    "inline void prefetch_l2(__global const float4 *g, uint bytes)\n"
    "{\n"
    "    asm volatile(\"cp.async.bulk.prefetch.L2.global [%0], %1;\" :: \"l\"(g), \"r\"(bytes) : \"memory\");\n"
    "}\n"
    "inline uint smem(__local const void *p) { return (uint)(size_t)p; }\n"
    "inline void bar_init(__local ulong *b)\n"
    "{\n"
    "    asm volatile(\"mbarrier.init.shared::cta.b64 [%0], 1;\" :: \"r\"(smem(b)) : \"memory\");\n"
    "    asm volatile(\"fence.proxy.async.shared::cta;\" ::: \"memory\");\n"
    "}\n"
    "inline void bulk_copy(__local float4 *d, __global const float4 *g, uint bytes, __local ulong *b)\n"
    "{\n"
    "    asm volatile(\"fence.proxy.async.shared::cta;\" ::: \"memory\");\n"
    "    asm volatile(\"{ .reg .b64 st; mbarrier.arrive.expect_tx.shared::cta.b64 st, [%0], %1; }\"\n"
    "                 :: \"r\"(smem(b)), \"r\"(bytes) : \"memory\");\n"
    "    asm volatile(\"cp.async.bulk.shared::cluster.global.mbarrier::complete_tx::bytes [%0], [%1], %2, [%3];\"\n"
    "                 :: \"r\"(smem(d)), \"l\"(g), \"r\"(bytes), \"r\"(smem(b)) : \"memory\");\n"
    "}\n"
    "inline void bar_wait(__local ulong *b, uint parity)\n"
    "{\n"
    "    uint done = 0;\n"
    "    while (!done)\n"
    "        asm volatile(\"{ .reg .pred p; mbarrier.try_wait.parity.shared::cta.b64 p, [%1], %2; selp.u32 %0, 1, 0, p; }\"\n"
    "                     : \"=r\"(done) : \"r\"(smem(b)), \"r\"(parity) : \"memory\");\n"
    "}\n"
    "#else\n"
    "inline void prefetch_l2(__global const float4 *g, uint bytes) {}\n"
    "inline void bar_init(__local ulong *b) {}\n"
    "inline void bulk_copy(__local float4 *d, __global const float4 *g, uint bytes, __local ulong *b)\n"
    "{\n"
    "    for (uint i = 0; i < bytes / 16; ++i) d[i] = g[i];\n"
    "}\n"
    "inline void bar_wait(__local ulong *b, uint parity) { barrier(CLK_LOCAL_MEM_FENCE); }\n"
    "#endif\n"
    "__kernel __attribute__((reqd_work_group_size(T, 1, 1)))\n"
    "void read_pf(__global const float4 *a, const ulong per, __global float *out)\n"
    "{\n"
    "    const int lid = get_local_id(0);\n"
    "    __global const float4 *p = a + get_group_id(0) * per;\n"
    "    const ulong step = U * T, ahead = (ulong)P * step;\n"
    "    if (lid == 0) prefetch_l2(p, (uint)(min(ahead, per) * 16));\n"
    "    float4 s = (float4)(0.0f);\n"
    "    for (ulong i = 0; i < per; i += step) {\n"
    "        if (lid == 0 && i + ahead < per) prefetch_l2(p + i + ahead, (uint)(step * 16));\n"
    "        float4 v[U];\n"
    "#pragma unroll\n"
    "        for (int u = 0; u < U; ++u) v[u] = p[i + u * T + lid];\n"
    "#pragma unroll\n"
    "        for (int u = 0; u < U; ++u) s += v[u];\n"
    "    }\n"
    "    out[get_global_id(0)] = s.x + s.y + s.z + s.w;\n"
    "}\n"
    "__kernel __attribute__((reqd_work_group_size(T, 1, 1)))\n"
    "void read_bulk(__global const float4 *a, const ulong per, __global float *out)\n"
    "{\n"
    "    __local float4 buf[S][U * T];\n"
    "    __local ulong bar[S];\n"
    "    const int lid = get_local_id(0);\n"
    "    __global const float4 *p = a + get_group_id(0) * per;\n"
    "    const ulong step = U * T, steps = per / step;\n"
    "    if (lid == 0)\n"
    "        for (int s = 0; s < S; ++s) bar_init(&bar[s]);\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    if (lid == 0)\n"
    "        for (int s = 0; s < S && s < steps; ++s) bulk_copy(buf[s], p + s * step, step * 16, &bar[s]);\n"
    "    float4 t = (float4)(0.0f);\n"
    "    for (ulong j = 0; j < steps; ++j) {\n"
    "        const int slot = j % S;\n"
    "        bar_wait(&bar[slot], (uint)(j / S) & 1u);\n"
    "#pragma unroll\n"
    "        for (int u = 0; u < U; ++u) t += buf[slot][u * T + lid];\n"
    "        barrier(CLK_LOCAL_MEM_FENCE);\n"
    "        if (lid == 0 && j + S < steps) bulk_copy(buf[slot], p + (j + S) * step, step * 16, &bar[slot]);\n"
    "    }\n"
    "    out[get_global_id(0)] = t.x + t.y + t.z + t.w;\n"
    "}\n";

static int cmp(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

struct cfg {
    const char *kernel;
    int t, u, s, p; /* threads, float4s a thread a step, ring steps (bulk), steps ahead (pf) */
};

int main(int argc, char **argv)
{
    const double mb = argc > 1 ? atof(argv[1]) : 469.7;
    const size_t n4 = (size_t)(mb * 1e6 / 16);
    cl_platform_id plat;
    cl_device_id dev;
    if (clGetPlatformIDs(1, &plat, NULL) || clGetDeviceIDs(plat, CL_DEVICE_TYPE_ALL, 1, &dev, NULL))
        return 1;
    cl_int err = 0;
    cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    cl_command_queue q = clCreateCommandQueue(ctx, dev, CL_QUEUE_PROFILING_ENABLE, &err);
    float *h = malloc(n4 * 16);
    for (size_t i = 0; i < n4 * 4; ++i) h[i] = (float)(i % 7) * 0.125f;
    cl_mem a = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, n4 * 16, h, &err);
    if (err) return fprintf(stderr, "buffer: %d\n", err), 1;
    cl_uint cus = 0;
    clGetDeviceInfo(dev, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof cus, &cus, NULL);
    char vendor[64] = "";
    clGetDeviceInfo(dev, CL_DEVICE_VENDOR, sizeof vendor, vendor, NULL);
    const int nv = strstr(vendor, "NVIDIA") != NULL;
    static const struct cfg cfgs[] = {
        {"read_plain", 256, 2, 0, 0}, {"read_pf", 256, 2, 0, 4},   {"read_pf", 256, 2, 0, 8},
        {"read_pf", 256, 2, 0, 16},   {"read_pf", 128, 2, 0, 16},  {"read_bulk", 256, 2, 2, 0},
        {"read_bulk", 256, 2, 4, 0},  {"read_bulk", 256, 1, 8, 0}, {"read_bulk", 128, 4, 4, 0},
        {"read_bulk", 128, 2, 8, 0},  {"read_bulk", 256, 4, 2, 0}, {"read_bulk", 64, 8, 4, 0},
    };
    const int ncfg = argc > 2 ? atoi(argv[2]) : (int)(sizeof cfgs / sizeof *cfgs);
    printf("| kernel | T | U | S | P | work-groups | MB read | us (median of 20) | GB/s | sum ok |\n"
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (int c = 0; c < ncfg; ++c) {
        const struct cfg *f = &cfgs[c];
        char opts[160];
        snprintf(opts, sizeof opts, "-cl-std=CL1.2 -DT=%d -DU=%d -DS=%d -DP=%d%s", f->t, f->u,
                 f->s ? f->s : 2, f->p ? f->p : 1, nv ? " -DNV" : "");
        cl_program pr = clCreateProgramWithSource(ctx, 1, &src, NULL, &err);
        err = clBuildProgram(pr, 1, &dev, opts, NULL, NULL);
        if (err) {
            static char log[65536];
            log[0] = 0;
            clGetProgramBuildInfo(pr, dev, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
            printf("build %s: %d\n%s\n", opts, err, log);
            clReleaseProgram(pr);
            err = 0;
            continue;
        }
        cl_kernel k = clCreateKernel(pr, f->kernel, &err);
        const unsigned mult[] = {1, 2, 4};
        for (int m = 0; m < 3; ++m) {
            const size_t groups = (size_t)cus * mult[m], unit = (size_t)f->u * f->t;
            const cl_ulong per = (cl_ulong)(n4 / groups / unit * unit);
            const size_t global = groups * f->t, local = f->t;
            cl_mem out = clCreateBuffer(ctx, CL_MEM_WRITE_ONLY, global * sizeof(float), NULL, &err);
            clSetKernelArg(k, 0, sizeof a, &a);
            clSetKernelArg(k, 1, sizeof per, &per);
            clSetKernelArg(k, 2, sizeof out, &out);
            double t[20];
            for (int r = -3; r < 20 && !err; ++r) {
                cl_event ev;
                err = clEnqueueNDRangeKernel(q, k, 1, NULL, &global, &local, 0, NULL, &ev);
                if (err) break;
                err = clWaitForEvents(1, &ev);
                cl_ulong t0 = 0, t1 = 0;
                clGetEventProfilingInfo(ev, CL_PROFILING_COMMAND_START, sizeof t0, &t0, NULL);
                clGetEventProfilingInfo(ev, CL_PROFILING_COMMAND_END, sizeof t1, &t1, NULL);
                clReleaseEvent(ev);
                if (r >= 0) t[r] = (double)(t1 - t0) * 1e-3;
            }
            if (err) {
                printf("launch %s T=%d S=%d groups %zu: %d\n", f->kernel, f->t, f->s, groups, err);
                clReleaseMemObject(out);
                clReleaseKernel(k);
                clReleaseProgram(pr);
                return 1; /* a failed launch leaves the context unusable */
            }
            qsort(t, 20, sizeof *t, cmp);
            float *o = malloc(global * sizeof(float));
            clEnqueueReadBuffer(q, out, CL_TRUE, 0, global * sizeof(float), o, 0, NULL, NULL);
            double got = 0, want = 0;
            for (size_t i = 0; i < global; ++i) got += o[i];
            for (size_t g = 0; g < groups; ++g)
                for (size_t i = g * per * 4; i < (g * per + per) * 4; ++i) want += h[i];
            const double bytes = (double)groups * (double)per * 16.0;
            printf("| %s | %d | %d | %d | %d | %zu | %.1f | %.2f | %.0f | %s |\n", f->kernel + 5,
                   f->t, f->u, f->s, f->p, groups, bytes / 1e6, t[10],
                   bytes / (t[10] * 1e-6) / 1e9, fabs(got - want) <= 1e-4 * want ? "yes" : "NO");
            fflush(stdout);
            free(o);
            clReleaseMemObject(out);
        }
        clReleaseKernel(k);
        clReleaseProgram(pr);
    }
    return 0;
}
