/* flashmlp-mmaprobe: the rate this NVIDIA device (compute capability 8.0+) reaches with each
 * warp-level mma.sync shape, issued back to back from OpenCL through inline PTX
 * (bench/cl/mma_probe.cl): tf32 m16n8k8 (the 3xTF32 kernels' instruction, three of them a
 * product), f16 and bf16 m16n8k16 (twice the k a instruction), s8 m16n8k32 (mmaq's). It says
 * whether a design that forms fp32-class products from fp16 pairs instead of tf32 pairs
 * (half as many instructions a product, if the instruction rates are equal) is worth building:
 * bench/PERFLOG.md, twenty-third session. Then the rates of the conversions those pairs take
 * (cvt.rn.f16x2.f32, cvt.f32.f16) and of an fp32 FMA for reference, in dependent chains
 * (twenty-seventh session).
 * Every work-item's result is checked (the operands' products and sums are exact). Profiled:
 * the median of the runs' event times.
 *
 *   flashmlp-mmaprobe [--device SEL] [--runs N] [--iters N] [--groups-per-cu N] */
#include "bench.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NACC 8       /* independent accumulator fragments a warp (bench/cl/mma_probe.cl) */
#define THREADS 256  /* a work-group: 8 warps */

typedef struct kind {
    const char *name, *kernel, *options;
    double flops;    /* a warp-level instruction's multiply-adds, times two (0: cvt_probe) */
    double per_item; /* what a work-item's accumulators gain a round: 4 NACC k a b */
    unsigned value;  /* cvt_probe: its CVT_TYPE (cvt_replay) */
} kind;

static const kind kinds[] = {
    {"tf32 m16n8k8", "mma_float", "-DMMA_TYPE=0", 2.0 * 16 * 8 * 8, 4.0 * NACC * 8 / 1024.0, 0},
    {"f16 m16n8k16", "mma_float", "-DMMA_TYPE=1", 2.0 * 16 * 8 * 16, 4.0 * NACC * 16 / 1024.0, 0},
    {"bf16 m16n8k16", "mma_float", "-DMMA_TYPE=2", 2.0 * 16 * 8 * 16, 4.0 * NACC * 16 / 1024.0, 0},
    {"s8 m16n8k32", "mma_s8", "", 2.0 * 16 * 8 * 32, 4.0 * NACC * 32, 0},
    /* the fp16 pairs' conversions in dependent chains (twenty-seventh session), fma.rn.f32 as
     * the reference (value: the kind's CVT_TYPE) */
    {"cvt.rn.f16x2.f32", "cvt_probe", "-DCVT_TYPE=0", 0, 0, 0},
    {"cvt.f32.f16", "cvt_probe", "-DCVT_TYPE=1", 0, 0, 1},
    {"fma.rn.f32", "cvt_probe", "-DCVT_TYPE=2", 0, 0, 2},
};

/* cvt_probe's result, replayed: the sum over NACC chains of each chain's last value
 * (bench/cl/mma_probe.cl), with FlashMLP's own f16 conversions (round to nearest even) */
static unsigned cvt_replay(unsigned type, int iters)
{
    unsigned sum = 0;
    for (unsigned j = 0; j < NACC; ++j) {
        uint32_t v = type == 1 ? 0x3c00u + j : 0x3f800000u + (j << 12);
        for (int i = 0; i < iters; ++i) {
            float f;
            uint16_t h;
            if (type == 0) {
                memcpy(&f, &v, sizeof f);
                fmlp_quantize(FMLP_DTYPE_F16, 0, &f, 1, 1, &h, sizeof h);
                v = h | 0x3f800000u;
            } else if (type == 1) {
                h = (uint16_t)v;
                fmlp_dequantize(FMLP_DTYPE_F16, 0, &h, 1, 1, &f);
                uint32_t u;
                memcpy(&u, &f, sizeof u);
                v = ((u >> 13) & 0x3ffu) | 0x3c00u;
            } else {
                memcpy(&f, &v, sizeof f);
                f = fmaf(f, 0.5f, 0.75f);
                memcpy(&v, &f, sizeof v);
            }
        }
        sum += v;
    }
    return sum;
}

/* Time one kind: median microseconds of `runs` launches; *ok when every result is right. */
static cl_int run_kind(cl_context cl, cl_device_id dev, cl_command_queue q, const kind *k,
                       size_t global, int iters, int runs, double *us, int *ok)
{
    char opts[64];
    snprintf(opts, sizeof opts, "-DNACC=%d %s", NACC, k->options);
    cl_program prog = NULL;
    cl_kernel kern = NULL;
    cl_mem out = NULL;
    double *t = calloc((size_t)runs, sizeof *t);
    float *v = malloc(global * sizeof *v);
    cl_int err = t && v ? bench_build_program(cl, dev, "mma_probe.cl", opts, &prog)
                        : CL_OUT_OF_HOST_MEMORY;
    if (!err) kern = clCreateKernel(prog, k->kernel, &err);
    if (!err) out = clCreateBuffer(cl, CL_MEM_READ_WRITE, global * sizeof(float), NULL, &err);
    if (!err) err = clSetKernelArg(kern, 0, sizeof out, &out);
    if (!err) err = clSetKernelArg(kern, 1, sizeof iters, &iters);
    const size_t local = THREADS;
    for (int i = -1; i < runs && !err; ++i) { /* run -1 warms up */
        cl_event ev = NULL;
        err = clEnqueueNDRangeKernel(q, kern, 1, NULL, &global, &local, 0, NULL, &ev);
        if (!err) err = clWaitForEvents(1, &ev);
        cl_ulong t0 = 0, t1 = 0;
        if (!err) err = clGetEventProfilingInfo(ev, CL_PROFILING_COMMAND_START, sizeof t0, &t0, NULL);
        if (!err) err = clGetEventProfilingInfo(ev, CL_PROFILING_COMMAND_END, sizeof t1, &t1, NULL);
        if (ev) clReleaseEvent(ev);
        if (i >= 0) t[i] = (double)(t1 - t0) * 1e-3;
    }
    if (!err) err = clEnqueueReadBuffer(q, out, CL_TRUE, 0, global * sizeof *v, v, 0, NULL, NULL);
    if (!err) {
        qsort(t, (size_t)runs, sizeof *t, bench_cmp_double);
        *us = t[runs / 2];
        const double want = k->per_item * iters;
        const unsigned want_bits = k->flops > 0 ? 0u : cvt_replay(k->value, iters);
        *ok = 1;
        for (size_t i = 0; i < global; ++i) {
            unsigned bits;
            memcpy(&bits, &v[i], sizeof bits);
            if (k->flops > 0 ? (double)v[i] != want : bits != want_bits) *ok = 0;
        }
    }
    free(t);
    free(v);
    if (out) clReleaseMemObject(out);
    if (kern) clReleaseKernel(kern);
    if (prog) clReleaseProgram(prog);
    return err;
}

int main(int argc, char **argv)
{
    const char *device = NULL;
    int runs = 20, iters = 4096, per_cu = 2;
    for (int i = 1; i < argc; ++i) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(argv[i], "--device") && v) device = argv[++i];
        else if (!strcmp(argv[i], "--runs") && v) runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--iters") && v) iters = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--groups-per-cu") && v) per_cu = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: %s [--device SEL] [--runs N] [--iters N] "
                            "[--groups-per-cu N]\n", argv[0]);
            return 2;
        }
    }
    /* iters up to 2^16 keeps every accumulator and sum exact (s8 sums: 1024 iters) */
    if (runs < 3 || runs > 10000 || iters < 1 || iters > 65536 || per_cu < 1 || per_cu > 64) {
        fprintf(stderr, "%s: --runs takes 3-10000, --iters 1-65536, --groups-per-cu 1-64\n",
                argv[0]);
        return 2;
    }
    fmlp_context *ctx = NULL;
    cl_command_queue q = NULL;
    fmlp_device_info info;
    int rc = 1;
    fmlp_status st = fmlp_context_create_default(device, &ctx);
    if (!st) st = fmlp_context_create_queue(ctx, &q);
    if (!st) st = fmlp_context_device_info(ctx, &info);
    if (st) {
        fprintf(stderr, "%s: opening the device: %s\n", argv[0], fmlp_status_string(st));
        goto done;
    }
    const int sm = !strcmp(info.vendor, "nvidia") && !strncmp(info.arch, "sm_", 3)
                       ? atoi(info.arch + 3) : 0;
    if (sm < 80) {
        fprintf(stderr, "%s: %s is not an NVIDIA device of compute capability 8.0 or newer: "
                        "the probe's mma.sync shapes need one\n", argv[0], info.name);
        rc = 3;
        goto done;
    }
    if (info.max_work_group_size < THREADS) {
        fprintf(stderr, "%s: work-groups of %d work-items do not fit\n", argv[0], THREADS);
        goto done;
    }
    const size_t global = (size_t)info.compute_units * (size_t)per_cu * THREADS;
    const double warps = (double)global / 32.0;
    printf("device: %s (%s, %u compute units); %zu work-groups of %d, %d rounds of %d "
           "mma a warp; median of %d runs\n\n", info.name, info.arch, info.compute_units,
           global / THREADS, THREADS, iters, NACC, runs);
    printf("| instruction | us | TFLOP/s (TOP/s for s8) | instructions/ns | check |\n"
           "| --- | --- | --- | --- | --- |\n");
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; ++k) {
        double us = 0;
        int ok = 0;
        cl_int err = run_kind(fmlp_context_cl_context(ctx), fmlp_context_cl_device(ctx), q,
                              &kinds[k], global, iters, runs, &us, &ok);
        if (err) {
            fprintf(stderr, "%s: %s: OpenCL error %d\n", argv[0], kinds[k].name, (int)err);
            goto done;
        }
        const double n = warps * iters * NACC;
        printf("| %s | %.1f | %.1f | %.1f | %s |\n", kinds[k].name, us,
               n * kinds[k].flops / (us * 1e-6) / 1e12, n / (us * 1e3), ok ? "ok" : "WRONG");
        if (kinds[k].flops == 0) /* conversions: also per compute unit, thread-level */
            printf("|   (%s: %.1f results a ns a compute unit, each with one logic "
                   "instruction but fma's) | | | | |\n", kinds[k].name,
                   n * 32 / (us * 1e3) / info.compute_units);
        fflush(stdout);
        if (!ok) {
            fprintf(stderr, "%s: %s: results read back are wrong\n", argv[0], kinds[k].name);
            goto done;
        }
    }
    rc = 0;
done:
    if (q) clReleaseCommandQueue(q);
    if (ctx) fmlp_context_release(ctx);
    return rc;
}
