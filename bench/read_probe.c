/* flashmlp-readprobe: how long this device takes to read N bytes once, as one kernel, as two
 * kernels back to back (2/3 and 1/3 of the bytes: the gate/up and down passes of an MLP), and
 * as one kernel with a device-wide wait between those parts (bench/cl/probe.cl). Profiled
 * (event start to end, median of the runs) and in a burst (back-to-back launches, wall time /
 * count, as a decode loop issues them). Each run reads a fresh window of a 2 GiB buffer, so
 * nothing comes from the last-level cache. The sizes default to Llama-3-8B's MLP weights in
 * fp32, f16, q8_0, q4_0 and 2-bit affine form.
 *
 * With --rows KL:U:RPT,... it times instead the first size read as a matrix of --row-bytes
 * rows (default 16384, fp32's H = 4096) in the stream kernel's gate/up pattern: work-groups
 * of 256 threads, KL lanes along a row, each thread RPT rows and U consecutive float4s a step.
 *
 * With --load NAME,... (NVIDIA only) it times each table again with the loads written as one
 * PTX ld.global.v4 carrying cache qualifiers: plain (OpenCL loads, the default), nc, nc-na
 * (.nc.L1::no_allocate), l2-256 (.L2::256B), nc-na-256, nc-256, l2-128, na
 * (.L1::no_allocate), cs, lu.
 *
 *   flashmlp-readprobe [--device SEL] [--sizes MB,MB,...] [--groups-per-cu N] [--runs N]
 *                      [--rows KL:U:RPT,...] [--row-bytes N] [--load NAME,...] */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct probe {
    cl_command_queue q;
    cl_kernel one, wait;
    cl_mem a, out, bar;
    size_t global, local;
    cl_ulong windows, n; /* windows of n float4s in the buffer */
    cl_kernel rows;      /* --rows: the pattern being timed (mode 3), its grid and sums */
    size_t rows_global;
    cl_mem rows_out;
    /* --tails: read_parts and reduce_parts (mode 4) or read_red (mode 5), their grid */
    cl_kernel tparts, treduce, tred;
    cl_mem parts, acc, ctr, y;
    size_t tglobal, tlocal, tred_global;
} probe;

/* Enqueue one read of window w: mode 0 one kernel, 1 two kernels, 2 one kernel with the wait,
 * 3 the rows pattern, 4 the read with partial sums and their reduction (two kernels), 5 the
 * read with reductions into acc. With evs, the events of the kernels (two for modes 1, 4). */
static cl_int launch(probe *p, int mode, cl_ulong w, cl_event *evs)
{
    const cl_ulong off = (w % p->windows) * p->n, n1 = p->n * 2 / 3, n2 = p->n - n1;
    cl_int err = CL_SUCCESS;
    if (mode == 4 || mode == 5) {
        cl_kernel k = mode == 4 ? p->tparts : p->tred;
        if ((err = clSetKernelArg(k, 1, sizeof off, &off))) return err;
        err = clEnqueueNDRangeKernel(p->q, k, 1, NULL, &p->tglobal, &p->tlocal, 0, NULL,
                                     evs ? &evs[0] : NULL);
        if (err || mode == 5) return err;
        const size_t rl = 256;
        return clEnqueueNDRangeKernel(p->q, p->treduce, 1, NULL, &p->tred_global, &rl, 0, NULL,
                                      evs ? &evs[1] : NULL);
    }
    if (mode == 3) {
        const size_t local = 256;
        if ((err = clSetKernelArg(p->rows, 1, sizeof off, &off))) return err;
        return clEnqueueNDRangeKernel(p->q, p->rows, 1, NULL, &p->rows_global, &local, 0, NULL,
                                      evs ? &evs[0] : NULL);
    }
    if (mode == 0 || mode == 1) {
        const cl_ulong len = mode == 0 ? p->n : n1;
        err |= clSetKernelArg(p->one, 1, sizeof off, &off);
        err |= clSetKernelArg(p->one, 2, sizeof len, &len);
        if (err) return CL_INVALID_ARG_VALUE;
        err = clEnqueueNDRangeKernel(p->q, p->one, 1, NULL, &p->global, &p->local, 0, NULL,
                                     evs ? &evs[0] : NULL);
        if (err || mode == 0) return err;
        const cl_ulong off2 = off + n1;
        err |= clSetKernelArg(p->one, 1, sizeof off2, &off2);
        err |= clSetKernelArg(p->one, 2, sizeof n2, &n2);
        if (err) return CL_INVALID_ARG_VALUE;
        return clEnqueueNDRangeKernel(p->q, p->one, 1, NULL, &p->global, &p->local, 0, NULL,
                                      evs ? &evs[1] : NULL);
    }
    err |= clSetKernelArg(p->wait, 1, sizeof off, &off);
    err |= clSetKernelArg(p->wait, 2, sizeof n1, &n1);
    err |= clSetKernelArg(p->wait, 3, sizeof n2, &n2);
    if (err) return CL_INVALID_ARG_VALUE;
    return clEnqueueNDRangeKernel(p->q, p->wait, 1, NULL, &p->global, &p->local, 0, NULL,
                                  evs ? &evs[0] : NULL);
}

/* The last run's per-work-item sums, added up: every float of the buffer is 1, so a run that
 * read what it should gives 4 x its float4 count (the last kernel's part in mode 1). */
static cl_int check_sum(probe *p, int mode, int *ok)
{
    const size_t items = mode == 3 ? p->rows_global : mode >= 4 ? p->tglobal : p->global;
    float *v = malloc(sizeof *v * items);
    if (!v) return CL_OUT_OF_HOST_MEMORY;
    cl_int err = clEnqueueReadBuffer(p->q, mode == 3 ? p->rows_out : p->out, CL_TRUE, 0,
                                     sizeof *v * items, v, 0, NULL, NULL);
    double sum = 0;
    for (size_t i = 0; err == CL_SUCCESS && i < items; ++i) sum += v[i];
    const cl_ulong n1 = p->n * 2 / 3;
    const double want = 4.0 * (double)(mode == 1 ? p->n - n1 : p->n);
    *ok = err == CL_SUCCESS && sum == want;
    free(v);
    return err;
}

/* Median profiled time (us, first to last kernel of a run) and burst time (us a run). */
static cl_int measure(probe *p, int mode, int runs, double *prof_us, double *burst_us)
{
    double *t = malloc(sizeof *t * (size_t)runs);
    if (!t) return CL_OUT_OF_HOST_MEMORY;
    cl_int err = CL_SUCCESS;
    cl_ulong w = 0;
    for (int i = 0; i < 3 && !err; ++i) err = launch(p, mode, w++, NULL); /* warm-up */
    if (!err) err = clFinish(p->q);
    for (int i = 0; i < runs && !err; ++i) {
        cl_event ev[2] = {NULL, NULL};
        err = launch(p, mode, w++, ev);
        const int two = mode == 1 || mode == 4; /* two kernels a run */
        if (!err) err = clWaitForEvents(two ? 2 : 1, ev);
        cl_ulong t0 = 0, t1 = 0;
        if (!err) err = clGetEventProfilingInfo(ev[0], CL_PROFILING_COMMAND_START, sizeof t0, &t0, NULL);
        if (!err)
            err = clGetEventProfilingInfo(ev[two], CL_PROFILING_COMMAND_END, sizeof t1, &t1, NULL);
        t[i] = (double)(t1 - t0) * 1e-3;
        for (int e = 0; e < 2; ++e)
            if (ev[e]) clReleaseEvent(ev[e]);
    }
    if (!err) {
        qsort(t, (size_t)runs, sizeof *t, bench_cmp_double);
        *prof_us = t[runs / 2];
        double s = bench_now();
        for (int i = 0; i < runs && !err; ++i) err = launch(p, mode, w++, NULL);
        if (!err) err = clFinish(p->q);
        *burst_us = (bench_now() - s) * 1e6 / runs;
    }
    free(t);
    return err;
}

/* The --load names, in the order of PROBE_LD's numbers in bench/cl/probe.cl. */
static const char *const load_names[] = {"plain", "nc", "nc-na", "l2-256", "nc-na-256",
                                         "nc-256", "l2-128", "na", "cs", "lu"};
enum { N_LOADS = (int)(sizeof load_names / sizeof load_names[0]) };

/* The number of the load name at s (up to a comma or the end), or -1. */
static int load_number(const char *s)
{
    const size_t len = strcspn(s, ",");
    for (int i = 0; i < N_LOADS; ++i)
        if (strlen(load_names[i]) == len && !strncmp(s, load_names[i], len)) return i;
    return -1;
}

/* The rows pattern (bench/cl/probe.cl, read_rows) over mb MB in rows of row_bytes, for each
 * KL:U:RPT of spec: one table row each, its sums checked; ld is the load's PROBE_LD. */
static int rows_probe(cl_context cl, cl_device_id dev, probe *p, double mb, size_t row_bytes,
                      const char *spec, int runs, int ld, const char *prog)
{
    const cl_uint rowlen = (cl_uint)(row_bytes / 16), rows = (cl_uint)(mb * 1e6 / (double)row_bytes);
    printf("| KL:U:RPT (%zu-byte rows, %u rows) | work-groups | prof us | burst us | GB/s burst |\n"
           "| --- | --- | --- | --- | --- |\n", row_bytes, rows);
    for (const char *s = spec; s && *s;) {
        int kl = 0, u = 0, rpt = 0, used = 0;
        if (sscanf(s, "%d:%d:%d%n", &kl, &u, &rpt, &used) != 3 || kl < 1 || kl > 256 ||
            256 % kl || u < 1 || u > 8 || rpt < 1 || rpt > 16 || rowlen % (cl_uint)(kl * u)) {
            fprintf(stderr, "%s: bad --rows pattern at %s (KL divides 256, U 1-8, RPT 1-16, "
                            "KL * U divides the row's float4s)\n", prog, s);
            return 2;
        }
        s += used;
        s = *s == ',' ? s + 1 : NULL;
        char opts[96];
        snprintf(opts, sizeof opts, "-DRKL=%d -DRU=%d -DRPT=%d -DPROBE_LD=%d", kl, u, rpt, ld);
        cl_program pr = NULL;
        const size_t per_group = (size_t)(256 / kl) * (size_t)rpt;
        const size_t groups = (rows + per_group - 1) / per_group;
        double prof = 0, burst = 0;
        int ok = 0;
        p->rows_global = groups * 256;
        cl_int err = bench_build_program(cl, dev, "probe.cl", opts, &pr);
        if (!err) p->rows = clCreateKernel(pr, "read_rows", &err);
        if (!err)
            p->rows_out = clCreateBuffer(cl, CL_MEM_READ_WRITE, p->rows_global * sizeof(float),
                                         NULL, &err);
        if (!err)
            err = clSetKernelArg(p->rows, 0, sizeof p->a, &p->a) |
                  clSetKernelArg(p->rows, 2, sizeof rows, &rows) |
                  clSetKernelArg(p->rows, 3, sizeof rowlen, &rowlen) |
                  clSetKernelArg(p->rows, 4, sizeof p->rows_out, &p->rows_out);
        if (!err) err = measure(p, 3, runs, &prof, &burst);
        if (!err) err = check_sum(p, 3, &ok);
        if (p->rows_out) clReleaseMemObject(p->rows_out);
        if (p->rows) clReleaseKernel(p->rows);
        if (pr) clReleaseProgram(pr);
        p->rows_out = NULL;
        p->rows = NULL;
        if (err) {
            fprintf(stderr, "%s: --rows %d:%d:%d: OpenCL error %d\n", prog, kl, u, rpt, (int)err);
            return 1;
        }
        if (!ok) {
            fprintf(stderr, "%s: --rows %d:%d:%d: the sums read back are wrong\n", prog, kl, u, rpt);
            return 1;
        }
        printf("| %d:%d:%d %s | %zu | %.2f | %.2f | %.0f |\n", kl, u, rpt, load_names[ld], groups, prof, burst,
               (double)p->n * 16.0 / (burst * 1e-6) / 1e9);
        fflush(stdout);
    }
    return 0;
}

/* The tail forms (bench/cl/probe.cl, TAIL_W): the first size read by G work-groups of W threads,
 * each of which then hands on a vector of `outputs` floats, for each G:W of spec: the read
 * alone, with partial sums and a reduction kernel, with scalar float reductions and (NVIDIA)
 * vector ones. One table row each; the reads' sums and y (every value the group count) are
 * checked. */
static int tails_probe(cl_context cl, cl_device_id dev, probe *p, const char *spec, int outputs,
                       int runs, int nvidia, const char *prog)
{
    printf("| G:W | read alone prof / burst us | + parts + reduce | + red.f32 | + red.v4.f32 |\n"
           "| --- | --- | --- | --- | --- |\n");
    for (const char *s = spec; s && *s;) {
        int g = 0, wsz = 0, used = 0;
        if (sscanf(s, "%d:%d%n", &g, &wsz, &used) != 2 || g < 1 || g > 65536 || wsz < 32 ||
            wsz > 1024 || (wsz & (wsz - 1))) {
            fprintf(stderr,
                    "%s: bad --tails form at %s (G 1-65536 work-groups, W a power of "
                    "two in 32-1024 threads)\n",
                    prog, s);
            return 2;
        }
        s += used;
        s = *s == ',' ? s + 1 : NULL;
        double r[4][2] = {{0}};
        int built[4] = {0};
        p->tglobal = (size_t)g * (size_t)wsz;
        p->tlocal = (size_t)wsz;
        p->tred_global = (size_t)outputs / 64 * 256; /* 16 float4 columns a work-group */
        cl_int err = CL_SUCCESS;
        cl_mem out = clCreateBuffer(cl, CL_MEM_READ_WRITE, p->tglobal * sizeof(float), NULL, &err);
        if (out)
            p->parts = clCreateBuffer(cl, CL_MEM_READ_WRITE, (size_t)g * outputs * sizeof(float),
                                      NULL, &err);
        if (p->parts)
            p->acc =
                clCreateBuffer(cl, CL_MEM_READ_WRITE, (size_t)outputs * sizeof(float), NULL, &err);
        if (p->acc) p->ctr = clCreateBuffer(cl, CL_MEM_READ_WRITE, sizeof(cl_uint), NULL, &err);
        if (p->ctr)
            p->y =
                clCreateBuffer(cl, CL_MEM_READ_WRITE, (size_t)outputs * sizeof(float), NULL, &err);
        cl_mem saved_out = p->out;
        p->out = out;
        /* two builds: scalar reductions (TAIL_RED 1) for forms 0-2, then on NVIDIA the v4 ones
         * for form 3, if the driver's PTX has them */
        for (int red = 1; red <= 4 && !err; red += 3) {
            if (red == 4 && !nvidia) break;
            char opts[160];
            snprintf(opts, sizeof opts, "-DPROBE_LD=0 -DTAIL_W=%d -DTAIL_H=%d -DTAIL_RED=%d%s", wsz,
                     outputs, red, nvidia ? " -DPROBE_NVIDIA" : "");
            cl_program pr = NULL;
            const float zf = 0.0f;
            const cl_uint zu = 0, gu = (cl_uint)g;
            err = bench_build_program(cl, dev, "probe.cl", opts, &pr);
            if (err && red == 4) { /* the vector reduction needs PTX 8.1 */
                err = CL_SUCCESS;
                break;
            }
            cl_kernel one = NULL;
            if (!err) one = clCreateKernel(pr, "read_range", &err);
            if (!err) p->tparts = clCreateKernel(pr, "read_parts", &err);
            if (!err) p->treduce = clCreateKernel(pr, "reduce_parts", &err);
            if (!err) p->tred = clCreateKernel(pr, "read_red", &err);
            if (!err)
                err = clSetKernelArg(one, 0, sizeof p->a, &p->a) |
                      clSetKernelArg(one, 3, sizeof out, &out) |
                      clSetKernelArg(p->tparts, 0, sizeof p->a, &p->a) |
                      clSetKernelArg(p->tparts, 2, sizeof p->n, &p->n) |
                      clSetKernelArg(p->tparts, 3, sizeof out, &out) |
                      clSetKernelArg(p->tparts, 4, sizeof p->parts, &p->parts) |
                      clSetKernelArg(p->treduce, 0, sizeof p->parts, &p->parts) |
                      clSetKernelArg(p->treduce, 1, sizeof gu, &gu) |
                      clSetKernelArg(p->treduce, 2, sizeof p->y, &p->y) |
                      clSetKernelArg(p->tred, 0, sizeof p->a, &p->a) |
                      clSetKernelArg(p->tred, 2, sizeof p->n, &p->n) |
                      clSetKernelArg(p->tred, 3, sizeof out, &out) |
                      clSetKernelArg(p->tred, 4, sizeof p->acc, &p->acc) |
                      clSetKernelArg(p->tred, 5, sizeof p->ctr, &p->ctr) |
                      clSetKernelArg(p->tred, 6, sizeof p->y, &p->y);
            /* read_red's vector and count start at zero; its last work-group leaves them so */
            if (!err)
                err = clEnqueueFillBuffer(p->q, p->acc, &zf, sizeof zf, 0,
                                          (size_t)outputs * sizeof zf, 0, NULL, NULL);
            if (!err)
                err =
                    clEnqueueFillBuffer(p->q, p->ctr, &zu, sizeof zu, 0, sizeof zu, 0, NULL, NULL);
            /* form 0, the read alone, is read_range (mode 0) over this grid */
            const size_t sg = p->global, sl = p->local;
            cl_kernel so = p->one;
            p->global = p->tglobal;
            p->local = p->tlocal;
            p->one = one;
            static const int modes[4] = {0, 4, 5, 5};
            for (int form = red == 1 ? 0 : 3; form < (red == 1 ? 3 : 4) && !err; ++form) {
                int ok = 0;
                err = measure(p, modes[form], runs, &r[form][0], &r[form][1]);
                if (!err) err = check_sum(p, modes[form], &ok);
                if (!err && ok && form > 0) { /* y: every value the group count */
                    float *yv = malloc(sizeof *yv * (size_t)outputs);
                    if (!yv) err = CL_OUT_OF_HOST_MEMORY;
                    if (!err)
                        err = clEnqueueReadBuffer(p->q, p->y, CL_TRUE, 0,
                                                  sizeof *yv * (size_t)outputs, yv, 0, NULL, NULL);
                    for (int c = 0; !err && c < outputs; ++c)
                        if (yv[c] != (float)g) ok = 0;
                    free(yv);
                }
                if (!err && !ok) {
                    fprintf(stderr, "%s: --tails %d:%d form %d: the sums read back are wrong\n",
                            prog, g, wsz, form);
                    err = CL_INVALID_VALUE;
                }
                built[form] = !err;
            }
            p->global = sg;
            p->local = sl;
            p->one = so;
            if (one) clReleaseKernel(one);
            if (p->tparts) clReleaseKernel(p->tparts);
            if (p->treduce) clReleaseKernel(p->treduce);
            if (p->tred) clReleaseKernel(p->tred);
            if (pr) clReleaseProgram(pr);
            p->tparts = p->treduce = p->tred = NULL;
        }
        p->out = saved_out;
        cl_mem bufs[5] = {out, p->parts, p->acc, p->ctr, p->y};
        for (int i = 0; i < 5; ++i)
            if (bufs[i]) clReleaseMemObject(bufs[i]);
        p->parts = p->acc = p->ctr = p->y = NULL;
        if (err) {
            fprintf(stderr, "%s: --tails %d:%d: OpenCL error %d\n", prog, g, wsz, (int)err);
            return 1;
        }
        printf("| %d:%d |", g, wsz);
        for (int f = 0; f < 4; ++f)
            if (built[f])
                printf(" %.2f / %.2f |", r[f][0], r[f][1]);
            else
                printf(" - |");
        printf("\n");
        fflush(stdout);
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *device = NULL, *sizes = "704.6,352.3,187.2,99.1,66.1";
    int per_cu = 8, runs = 40;
    const char *rows_spec = NULL, *loads = "plain", *tails = NULL;
    int outputs = 4096;
    size_t row_bytes = 16384;
    for (int i = 1; i < argc; ++i) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(argv[i], "--device") && v) device = argv[++i];
        else if (!strcmp(argv[i], "--sizes") && v) sizes = argv[++i];
        else if (!strcmp(argv[i], "--groups-per-cu") && v) per_cu = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--runs") && v) runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--rows") && v) rows_spec = argv[++i];
        else if (!strcmp(argv[i], "--row-bytes") && v) row_bytes = (size_t)atol(argv[++i]);
        else if (!strcmp(argv[i], "--load") && v) loads = argv[++i];
        else if (!strcmp(argv[i], "--tails") && v) tails = argv[++i];
        else if (!strcmp(argv[i], "--outputs") && v) outputs = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: %s [--device SEL] [--sizes MB,MB,...] [--groups-per-cu N] "
                            "[--runs N] [--rows KL:U:RPT,...] [--row-bytes N] "
                            "[--load NAME,...] [--tails G:W,...] [--outputs N]\n", argv[0]);
            return 2;
        }
    }
    if (per_cu < 1 || per_cu > 64 || runs < 3 || runs > 100000 || row_bytes < 16 ||
        row_bytes % 16 || row_bytes > (64u << 20) || outputs < 64 || outputs % 64 ||
        outputs > (1 << 20)) {
        fprintf(stderr, "%s: --groups-per-cu takes 1-64, --runs 3-100000, --row-bytes a multiple "
                        "of 16 up to 64 MiB, --outputs a multiple of 64 up to 2^20\n", argv[0]);
        return 2;
    }
    for (const char *l = loads; l; l = strchr(l, ',') ? strchr(l, ',') + 1 : NULL)
        if (load_number(l) < 0) {
            fprintf(stderr, "%s: unknown --load name at '%s' (plain, nc, nc-na, l2-256, "
                            "nc-na-256, nc-256, l2-128, na, cs, lu)\n", argv[0], l);
            return 2;
        }
    fmlp_context *ctx = NULL;
    fmlp_device_info info;
    probe p;
    memset(&p, 0, sizeof p);
    cl_program prog = NULL;
    int rc = 1;
    cl_int err = CL_SUCCESS;
    fmlp_status st = fmlp_context_create_default(device, &ctx);
    if (!st) st = fmlp_context_create_queue(ctx, &p.q);
    if (!st) st = fmlp_context_device_info(ctx, &info);
    if (st) {
        fprintf(stderr, "%s: opening the device: %s\n", argv[0], fmlp_status_string(st));
        goto done;
    }
    cl_context cl = fmlp_context_cl_context(ctx);
    cl_device_id dev = fmlp_context_cl_device(ctx);
    if (strcmp(loads, "plain") && strcmp(info.vendor, "nvidia")) {
        fprintf(stderr, "%s: --load other than plain writes PTX: NVIDIA devices only\n", argv[0]);
        goto done;
    }
    cl_ulong bytes = 2ull << 30;
    if (bytes > info.max_alloc_size) bytes = info.max_alloc_size;
    p.local = info.max_work_group_size < 256 ? info.max_work_group_size : 256;
    p.global = (size_t)(info.compute_units ? info.compute_units : 1) * (size_t)per_cu * p.local;
    if (!(p.a = clCreateBuffer(cl, CL_MEM_READ_WRITE, (size_t)bytes, NULL, &err))) goto fail;
    if (!(p.out = clCreateBuffer(cl, CL_MEM_READ_WRITE, p.global * sizeof(float), NULL, &err)))
        goto fail;
    if (!(p.bar = clCreateBuffer(cl, CL_MEM_READ_WRITE, 4 * sizeof(cl_uint), NULL, &err)))
        goto fail;
    const float one = 1.0f;
    const cl_uint zero = 0;
    if ((err = clEnqueueFillBuffer(p.q, p.a, &one, sizeof one, 0, (size_t)bytes, 0, NULL, NULL)) ||
        (err = clEnqueueFillBuffer(p.q, p.bar, &zero, sizeof zero, 0, 4 * sizeof zero, 0, NULL,
                                   NULL)) ||
        (err = clFinish(p.q)))
        goto fail;
    printf("device: %s; %d runs a figure\n", info.name, runs);
    if (tails) {
        const double mb = strtod(sizes, NULL);
        p.n = (cl_ulong)(mb * 1e6 / 16.0);
        if (mb <= 0 || p.n == 0 || p.n * 16 > bytes) {
            fprintf(stderr, "%s: bad first size in --sizes for --tails: %s\n", argv[0], sizes);
            goto done;
        }
        p.windows = bytes / 16 / p.n;
        printf("tails: %.1f MB read, then %d outputs a work-group\n", mb, outputs);
        rc = tails_probe(cl, dev, &p, tails, outputs, runs, !strcmp(info.vendor, "nvidia"), argv[0]);
        goto done;
    }
    for (const char *l = loads; l; l = strchr(l, ',') ? strchr(l, ',') + 1 : NULL) {
        const int ld = load_number(l);
        if (rows_spec) {
            const double mb = strtod(sizes, NULL);
            p.n = (cl_ulong)(mb * 1e6 / (double)row_bytes) * (row_bytes / 16);
            if (mb <= 0 || p.n == 0 || p.n * 16 > bytes) {
                fprintf(stderr, "%s: bad first size in --sizes for --rows: %s\n", argv[0], sizes);
                goto done;
            }
            p.windows = bytes / 16 / p.n;
            if ((rc = rows_probe(cl, dev, &p, mb, row_bytes, rows_spec, runs, ld, argv[0])))
                goto done;
            rc = 1;
            continue;
        }
        char opts[32];
        snprintf(opts, sizeof opts, "-DPROBE_LD=%d", ld);
        if ((err = bench_build_program(cl, dev, "probe.cl", opts, &prog))) goto fail;
        if (!(p.one = clCreateKernel(prog, "read_range", &err))) goto fail;
        if (!(p.wait = clCreateKernel(prog, "read_wait", &err))) goto fail;
        if ((err = clSetKernelArg(p.one, 0, sizeof p.a, &p.a)) ||
            (err = clSetKernelArg(p.one, 3, sizeof p.out, &p.out)) ||
            (err = clSetKernelArg(p.wait, 0, sizeof p.a, &p.a)) ||
            (err = clSetKernelArg(p.wait, 4, sizeof p.out, &p.out)) ||
            (err = clSetKernelArg(p.wait, 5, sizeof p.bar, &p.bar)))
            goto fail;
        printf("\nloads: %s; %zu work-groups of %zu (%d a compute unit)\n", load_names[ld],
               p.global / p.local, p.local, per_cu);
        printf("| MB | floor-rate us | one kernel prof / burst us | two kernels prof / burst us | "
               "one kernel + wait prof / burst us |\n| --- | --- | --- | --- | --- |\n");
        double rate = 0; /* GB/s of one kernel over the largest window, for the first column */
        for (const char *s = sizes; s && *s;) {
            char *end = NULL;
            const double mb = strtod(s, &end);
            if (end == s || mb <= 0) {
                fprintf(stderr, "%s: bad size in --sizes: %s\n", argv[0], s);
                goto done;
            }
            s = *end == ',' ? end + 1 : NULL;
            p.n = (cl_ulong)(mb * 1e6 / 16.0);
            if (p.n == 0 || p.n * 16 > bytes) {
                fprintf(stderr, "%s: %.1f MB does not fit the %llu-byte buffer\n", argv[0], mb,
                        (unsigned long long)bytes);
                goto done;
            }
            p.windows = bytes / 16 / p.n;
            double r[3][2];
            for (int m = 0; m < 3; ++m) {
                int ok = 0;
                if ((err = measure(&p, m, runs, &r[m][0], &r[m][1])) ||
                    (err = check_sum(&p, m, &ok)))
                    goto fail;
                if (!ok) {
                    fprintf(stderr, "%s: %.1f MB, %s: the sums read back are wrong\n", argv[0],
                            mb, m == 0 ? "one kernel" : m == 1 ? "two kernels" : "one kernel + wait");
                    goto done;
                }
            }
            cl_uint flag = 0;
            if ((err = clEnqueueReadBuffer(p.q, p.bar, CL_TRUE, 2 * sizeof flag, sizeof flag,
                                           &flag, 0, NULL, NULL)))
                goto fail;
            if (rate == 0) rate = mb * 1e6 / (r[0][0] * 1e-6) / 1e9;
            printf("| %.1f | %.2f | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f%s |\n", mb,
                   mb * 1e6 / (rate * 1e9) * 1e6, r[0][0], r[0][1], r[1][0], r[1][1], r[2][0],
                   r[2][1], flag ? " (a wait gave up: not all groups resident)" : "");
            fflush(stdout);
        }
        printf("floor-rate: the first size's one-kernel rate (%.1f GB/s) applied to each size\n",
               rate);
        clReleaseKernel(p.one);
        clReleaseKernel(p.wait);
        clReleaseProgram(prog);
        p.one = p.wait = NULL;
        prog = NULL;
    }
    rc = 0;
    goto done;
fail:
    fprintf(stderr, "%s: OpenCL error %d\n", argv[0], (int)err);
done:
    if (p.one) clReleaseKernel(p.one);
    if (p.wait) clReleaseKernel(p.wait);
    if (prog) clReleaseProgram(prog);
    if (p.a) clReleaseMemObject(p.a);
    if (p.out) clReleaseMemObject(p.out);
    if (p.bar) clReleaseMemObject(p.bar);
    if (p.q) clReleaseCommandQueue(p.q);
    if (ctx) fmlp_context_release(ctx);
    return rc;
}
