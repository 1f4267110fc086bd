/* Fourteenth session: does NVIDIA's OpenCL driver (1) leave ptxas's register counts out of the
 * build log when it serves a program from its own compute cache (~/.nv/ComputeCache), and
 * (2) write reqd_work_group_size into the PTX as .reqntid, so that ptxas caps a kernel's
 * registers to fit it? A register-hungry kernel is built with reqd_work_group_size 256 and
 * 1024, twice in this process, and launched at 1024 with its outputs checked.
 * Build: cc nvlog.c -lOpenCL -lm -o nvlog; run: nvlog TOKEN (the token makes the source new). */
#define _GNU_SOURCE
#define CL_TARGET_OPENCL_VERSION 120
#include <CL/cl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 96
#define BODY                                                                                 \
    "{ float a[N]; const int g = get_global_id(0);\n"                                        \
    "  for (int i = 0; i < N; ++i) a[i] = in[(g + i * 4099) % 65536];\n"                     \
    "  float s = 0.0f;\n"                                                                    \
    "  for (int r = 1; r < 5; ++r) for (int i = 0; i < N; ++i) s = fma(a[i], a[(i + r) % N], s);\n" \
    "  o[g] = s; }\n"

static const char *src_fmt =
    "// token %s\n#define N 96\n"
    "__kernel __attribute__((reqd_work_group_size(256,1,1))) void heavy256(__global const float * restrict in, __global float * restrict o)\n" BODY
    "__kernel __attribute__((reqd_work_group_size(1024,1,1))) void heavy1024(__global const float * restrict in, __global float * restrict o)\n" BODY;

static void lines_with(const char *text, const char *const *keys, int nkeys, const char *tag)
{
    for (const char *l = text; l && *l;) {
        const char *e = strchr(l, '\n');
        size_t n = e ? (size_t)(e - l) : strlen(l);
        for (int k = 0; k < nkeys; ++k)
            if (memmem(l, n, keys[k], strlen(keys[k]))) {
                printf("  %s| %.*s\n", tag, (int)(n > 150 ? 150 : n), l);
                break;
            }
        l = e ? e + 1 : NULL;
    }
}

int main(int argc, char **argv)
{
    char src[4096];
    snprintf(src, sizeof src, src_fmt, argc > 1 ? argv[1] : "none");
    const char *s = src;
    cl_platform_id plat;
    cl_device_id dev;
    if (clGetPlatformIDs(1, &plat, NULL) || clGetDeviceIDs(plat, CL_DEVICE_TYPE_ALL, 1, &dev, NULL))
        return 1;
    cl_int err = 0;
    cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    for (int pass = 0; pass < 2; ++pass) {
        cl_program prog = clCreateProgramWithSource(ctx, 1, &s, NULL, &err);
        char vendor[64] = "";
        clGetDeviceInfo(dev, CL_DEVICE_VENDOR, sizeof vendor, vendor, NULL);
        const char *opts = strstr(vendor, "NVIDIA") ? "-cl-std=CL1.2 -cl-nv-verbose" : "-cl-std=CL1.2";
        err = clBuildProgram(prog, 1, &dev, opts, NULL, NULL);
        size_t n = 0;
        clGetProgramBuildInfo(prog, dev, CL_PROGRAM_BUILD_LOG, 0, NULL, &n);
        char *log = calloc(n + 1, 1);
        clGetProgramBuildInfo(prog, dev, CL_PROGRAM_BUILD_LOG, n, log, NULL);
        printf("pass %d: build %d, log %zu bytes, register lines %s\n", pass, err, n,
               strstr(log, " registers") ? "present" : "ABSENT");
        if (err != CL_SUCCESS) {
            printf("%s\n", log);
            return 1;
        }
        const char *lk[] = {"entry function", "registers", "spill"};
        lines_with(log, lk, 3, "log");
        size_t bs = 0;
        clGetProgramInfo(prog, CL_PROGRAM_BINARY_SIZES, sizeof bs, &bs, NULL);
        unsigned char *bin = calloc(bs + 1, 1);
        clGetProgramInfo(prog, CL_PROGRAM_BINARIES, sizeof bin, &bin, NULL);
        const char *pk[] = {".entry", ".reqntid", ".maxntid", ".maxnreg", ".minnctapersm", ".target"};
        if (pass == 0) lines_with((const char *)bin, pk, 6, "ptx");
        if (pass == 1) {
            const size_t global = 65536, local = 1024;
            float *in = malloc(sizeof(float) * global), *out = malloc(sizeof(float) * global);
            for (size_t i = 0; i < global; ++i) in[i] = (float)((i * 2654435761u) % 1000) / 1000.0f;
            cl_command_queue q = clCreateCommandQueue(ctx, dev, 0, &err);
            cl_mem bi = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof(float) * global, in, &err);
            cl_mem bo = clCreateBuffer(ctx, CL_MEM_WRITE_ONLY, sizeof(float) * global, NULL, &err);
            cl_kernel k = clCreateKernel(prog, "heavy1024", &err);
            clSetKernelArg(k, 0, sizeof bi, &bi);
            clSetKernelArg(k, 1, sizeof bo, &bo);
            cl_int le = clEnqueueNDRangeKernel(q, k, 1, NULL, &global, &local, 0, NULL, NULL);
            cl_int fe = clFinish(q);
            clEnqueueReadBuffer(q, bo, CL_TRUE, 0, sizeof(float) * global, out, 0, NULL, NULL);
            int bad = 0;
            for (size_t g = 0; g < global; ++g) {
                float a[N], r = 0.0f;
                for (int i = 0; i < N; ++i) a[i] = in[(g + (size_t)i * 4099) % 65536];
                for (int rr = 1; rr < 5; ++rr)
                    for (int i = 0; i < N; ++i) r = fmaf(a[i], a[(i + rr) % N], r);
                if (fabsf(out[g] - r) > 1e-4f * fabsf(r) + 1e-6f) bad++;
            }
            printf("heavy1024 launched at 1024: enqueue %d, finish %d, %d of %zu outputs wrong\n",
                   le, fe, bad, global);
        }
        free(bin);
        free(log);
        clReleaseProgram(prog);
    }
    return 0;
}
