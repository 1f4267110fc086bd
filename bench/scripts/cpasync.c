/* Fifteenth session: can OpenCL kernels on NVIDIA's driver use PTX cp.async (sm_80 and newer:
 * global -> local memory copies that hold no registers while in flight), and does a read that
 * keeps its bytes in flight that way reach the copy bandwidth with few threads a compute unit,
 * where a read through registers does not (bench/results/2026-11-27-h200-s15-narrow: 224
 * work-groups of 256 read 3.6-3.7 TB/s, 448 read 4.2-4.3)?
 *
 * Each work-group reads its own contiguous part of a buffer (as a stream kernel's slice does):
 *   plain: float4s through registers, U a thread a step;
 *   async: U float4s a thread a step copied into a ring of S steps in local memory by
 *          cp.async.cg.shared.global, S - 1 steps ahead; each thread adds up the float4s it
 *          copied itself (its own copies are complete and visible to it after
 *          cp.async.wait_group), so no barrier is needed.
 * For several work-group counts. The sums are checked against the host's.
 * Build: cc -O2 cpasync.c -lOpenCL -lm -o cpasync; run: cpasync [MB] */
#define CL_TARGET_OPENCL_VERSION 120
#include <CL/cl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *src =
    "#define T 256\n"
    "__kernel __attribute__((reqd_work_group_size(T, 1, 1)))\n"
    "void read_plain(__global const float4 *a, const ulong per, __global float *out)\n"
    "{\n"
    "    const int lid = get_local_id(0);\n"
    "    __global const float4 *p = a + get_group_id(0) * per;\n"
    "    float4 s[U];\n"
    "    for (int u = 0; u < U; ++u) s[u] = (float4)(0.0f);\n"
    "    for (ulong i = 0; i < per; i += U * T) {\n"
    "        float4 v[U];\n"
    "#pragma unroll\n"
    "        for (int u = 0; u < U; ++u) v[u] = p[i + u * T + lid];\n"
    "#pragma unroll\n"
    "        for (int u = 0; u < U; ++u) s[u] += v[u];\n"
    "    }\n"
    "    float4 t = (float4)(0.0f);\n"
    "    for (int u = 0; u < U; ++u) t += s[u];\n"
    "    out[get_global_id(0)] = t.x + t.y + t.z + t.w;\n"
    "}\n"
    "#define STR_(x) #x\n"
    "#define STR(x) STR_(x)\n"
    "#ifdef NV\n"
    "inline void cp16(__local float4 *d, __global const float4 *g)\n"
    "{\n"
    "    asm volatile(\"cp.async.cg.shared.global [%0], [%1], 16;\" :: \"r\"((uint)(size_t)d), \"l\"(g) : \"memory\");\n"
    "}\n"
    "#define COMMIT() asm volatile(\"cp.async.commit_group;\" ::: \"memory\")\n"
    "#define WAIT() asm volatile(\"cp.async.wait_group \" STR(S) \" - 1;\" ::: \"memory\")\n"
    "#else\n"
    "inline void cp16(__local float4 *d, __global const float4 *g) { *d = *g; }\n"
    "#define COMMIT()\n"
    "#define WAIT()\n"
    "#endif\n"
    "__kernel __attribute__((reqd_work_group_size(T, 1, 1)))\n"
    "void read_async(__global const float4 *a, const ulong per, __global float *out)\n"
    "{\n"
    "    __local float4 buf[S][U][T];\n"
    "    const int lid = get_local_id(0);\n"
    "    __global const float4 *p = a + get_group_id(0) * per;\n"
    "    const ulong steps = per / (U * T);\n"
    "    for (int s = 0; s < S - 1; ++s) {\n"
    "        if (s < steps)\n"
    "            for (int u = 0; u < U; ++u) cp16(&buf[s][u][lid], p + (ulong)s * U * T + u * T + lid);\n"
    "        COMMIT();\n"
    "    }\n"
    "    float4 t = (float4)(0.0f);\n"
    "    for (ulong j = 0; j < steps; ++j) {\n"
    "        const ulong n = j + S - 1;\n"
    "        if (n < steps)\n"
    "            for (int u = 0; u < U; ++u) cp16(&buf[n % S][u][lid], p + n * U * T + u * T + lid);\n"
    "        COMMIT();\n"
    "        WAIT();\n"
    "        for (int u = 0; u < U; ++u) t += buf[j % S][u][lid];\n"
    "    }\n"
    "    out[get_global_id(0)] = t.x + t.y + t.z + t.w;\n"
    "}\n";

static int cmp(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

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
    static const struct {
        int s, u;
    } cfg[] = {{0, 2}, {0, 4}, {4, 2}, {6, 1}, {3, 2}, {8, 1}};
    printf("| kernel | S | U | work-groups | MB read | us (median of 20) | GB/s | sum ok |\n"
           "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (size_t c = 0; c < sizeof cfg / sizeof *cfg; ++c) {
        char opts[128];
        char vendor[64] = "";
        clGetDeviceInfo(dev, CL_DEVICE_VENDOR, sizeof vendor, vendor, NULL);
        snprintf(opts, sizeof opts, "-cl-std=CL1.2 -DS=%d -DU=%d%s", cfg[c].s ? cfg[c].s : 2,
                 cfg[c].u, strstr(vendor, "NVIDIA") ? " -DNV" : "");
        cl_program pr = clCreateProgramWithSource(ctx, 1, &src, NULL, &err);
        err = clBuildProgram(pr, 1, &dev, opts, NULL, NULL);
        if (err) {
            char log[8192] = "";
            clGetProgramBuildInfo(pr, dev, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
            printf("build %s: %d\n%s\n", opts, err, log);
            clReleaseProgram(pr);
            continue;
        }
        if (c == 0) { /* the PTX header (the program's binary on NVIDIA) */
            size_t bs = 0;
            clGetProgramInfo(pr, CL_PROGRAM_BINARY_SIZES, sizeof bs, &bs, NULL);
            unsigned char *bin = malloc(bs + 1);
            clGetProgramInfo(pr, CL_PROGRAM_BINARIES, sizeof bin, &bin, NULL);
            bin[bs] = 0;
            for (const char *l = (const char *)bin; l && *l && l < (const char *)bin + bs;) {
                const char *e = strchr(l, '\n');
                if (!strncmp(l, ".version", 8) || !strncmp(l, ".target", 7))
                    printf("ptx: %.*s\n", (int)(e ? e - l : 40), l);
                l = e ? e + 1 : NULL;
            }
            free(bin);
        }
        cl_kernel k = clCreateKernel(pr, cfg[c].s ? "read_async" : "read_plain", &err);
        const unsigned mult[] = {1, 2, 4, 8};
        for (int m = 0; m < 4; ++m) {
            const size_t groups = (size_t)cus * mult[m], unit = (size_t)cfg[c].u * 256;
            const cl_ulong per = (cl_ulong)(n4 / groups / unit * unit);
            const size_t global = groups * 256, local = 256;
            cl_mem out = clCreateBuffer(ctx, CL_MEM_WRITE_ONLY, global * sizeof(float), NULL, &err);
            clSetKernelArg(k, 0, sizeof a, &a);
            clSetKernelArg(k, 1, sizeof per, &per);
            clSetKernelArg(k, 2, sizeof out, &out);
            double t[20];
            for (int r = -3; r < 20 && !err; ++r) {
                cl_event ev;
                err = clEnqueueNDRangeKernel(q, k, 1, NULL, &global, &local, 0, NULL, &ev);
                if (err) break;
                clWaitForEvents(1, &ev);
                cl_ulong t0 = 0, t1 = 0;
                clGetEventProfilingInfo(ev, CL_PROFILING_COMMAND_START, sizeof t0, &t0, NULL);
                clGetEventProfilingInfo(ev, CL_PROFILING_COMMAND_END, sizeof t1, &t1, NULL);
                clReleaseEvent(ev);
                if (r >= 0) t[r] = (double)(t1 - t0) * 1e-3;
            }
            if (err) {
                printf("launch S=%d U=%d groups %zu: %d\n", cfg[c].s, cfg[c].u, groups, err);
                err = 0;
                clReleaseMemObject(out);
                continue;
            }
            qsort(t, 20, sizeof *t, cmp);
            float *o = malloc(global * sizeof(float));
            clEnqueueReadBuffer(q, out, CL_TRUE, 0, global * sizeof(float), o, 0, NULL, NULL);
            double got = 0, want = 0;
            for (size_t i = 0; i < global; ++i) got += o[i];
            for (size_t g = 0; g < groups; ++g)
                for (size_t i = g * per * 4; i < (g * per + per) * 4; ++i) want += h[i];
            const double bytes = (double)groups * (double)per * 16.0;
            printf("| %s | %d | %d | %zu | %.1f | %.2f | %.0f | %s |\n", cfg[c].s ? "async" : "plain",
                   cfg[c].s, cfg[c].u, groups, bytes / 1e6, t[10], bytes / (t[10] * 1e-6) / 1e9,
                   fabs(got - want) <= 1e-4 * want ? "yes" : "NO");
            fflush(stdout);
            free(o);
            clReleaseMemObject(out);
        }
        clReleaseKernel(k);
        clReleaseProgram(pr);
    }
    return 0;
}
