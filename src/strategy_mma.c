/* "mma": tensor-core GEMMs through inline PTX for NVIDIA GPUs of compute capability 8.0 and
 * newer (cl/mlp_mma.cl), fp32-accurate through the 3xTF32 split. Elsewhere the strategy
 * reports FMLP_ERROR_EXTENSION_MISSING, unless emu=1 asks for the portable emulation that
 * exists so the suite can test the kernels' tiling on any device. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const names[] = {"mt", "nt", "kt", "wm", "wn", "dmt", "dnt", "dkt",
                                    "dwm", "dwn", "splits", "emu", NULL};
static const char *const files[] = {"mlp_mma.cl", "reduce.cl", NULL};
static const char *const kernels[] = {"fmlp_mma_gateup", "fmlp_mma_down", "fmlp_reduce_splits",
                                      NULL};

/* Compute capability from the arch string "sm_XY"; 0 when unknown. */
static int sm_version(const fmlp_device *dev)
{
    if (strcmp(dev->vendor, "nvidia") != 0 || strncmp(dev->arch, "sm_", 3) != 0) return 0;
    return atoi(dev->arch + 3);
}

/* One GEMM's tile: m x n outputs in k steps, wm x wn warps; np weight matrices share it. */
static fmlp_status check_tile(const fmlp_device *dev, long m, long n, long k, long wm, long wn,
                              long np, long bpad, int emu)
{
    if (m < 16 || n < 8 || k < 8 || wm < 1 || wn < 1 || m % (16 * wm) || n % (8 * wn) || k % 8)
        return FMLP_ERROR_INVALID_PARAMETER;
    if (m > 256 || n > 256 || k > 128) return FMLP_ERROR_INVALID_PARAMETER;
    long accs = np * (m / wm / 16) * (n / wn / 8) * 4; /* fp32 accumulators per thread */
    if (accs > 128) return FMLP_ERROR_INVALID_PARAMETER;
    long threads = 32 * wm * wn;
    if (threads > (long)dev->info.max_work_group_size || threads > (long)dev->max_wg_dims[0])
        return FMLP_ERROR_NO_FITTING_KERNEL;
    size_t local = (size_t)(4 * (m * (k + 4) + np * (bpad ? k * (n + 8) : n * (k + 4))));
    if (emu) local += (size_t)(threads / 32 * 6 * 32 * 4);
    return local <= dev->info.local_mem_size ? FMLP_SUCCESS : FMLP_ERROR_NO_FITTING_KERNEL;
}

/* Missing values take one small tile per kernel (128 threads) that fits any sm_80+ GPU. */
static fmlp_status configure(const fmlp_plan_desc *d, const fmlp_device *dev, fmlp_params *p)
{
    long emu = fmlp_params_get(p, "emu", 0);
    if (emu != 0 && emu != 1) return FMLP_ERROR_INVALID_PARAMETER;
    if (!emu && sm_version(dev) < 80) return FMLP_ERROR_EXTENSION_MISSING;
    static const char *const keys[2][5] = {{"mt", "nt", "kt", "wm", "wn"},
                                           {"dmt", "dnt", "dkt", "dwm", "dwn"}};
    static const long defaults[5] = {16, 64, 32, 1, 4};
    for (int g = 0; g < 2; ++g) {
        long v[5];
        for (int i = 0; i < 5; ++i) v[i] = fmlp_params_get(p, keys[g][i], defaults[i]);
        long np = g == 0 ? (d->kind == FMLP_MLP_GATED ? 2 : 1) : 1;
        fmlp_status st = check_tile(dev, v[0], v[1], v[2], v[3], v[4], np, g == 1, (int)emu);
        if (st != FMLP_SUCCESS) return st;
        for (int i = 0; i < 5; ++i) fmlp_params_set(p, keys[g][i], v[i]);
    }
    long splits = fmlp_params_get(p, "splits", 1);
    if (splits < 1 || splits > 64) return FMLP_ERROR_INVALID_PARAMETER;
    fmlp_params_set(p, "splits", splits);
    fmlp_params_set(p, "emu", emu);
    return FMLP_SUCCESS;
}

static void defines(const fmlp_plan_desc *d, const fmlp_params *p, fmlp_strbuf *sb)
{
    (void)d;
    static const char *const keys[] = {"mt", "nt", "kt", "wm", "wn", "dmt", "dnt", "dkt",
                                       "dwm", "dwn", "splits", "splits", "emu"};
    static const char *const macros[] = {"MT", "NT", "KT", "WM", "WN", "DMT", "DNT", "DKT",
                                         "DWM", "DWN", "MMA_SPLITS", "FMLP_SPLITS",
                                         "FMLP_MMA_EMULATE"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; ++i)
        fmlp_strbuf_printf(sb, "#define %s %ld\n", macros[i], fmlp_params_get(p, keys[i], 0));
}

static size_t workspace(const fmlp_plan_desc *d, const fmlp_params *p, size_t batch)
{
    size_t splits = (size_t)fmlp_params_get(p, "splits", 1);
    size_t h = batch * d->intermediate * sizeof(float);
    return h + (splits > 1 ? splits * batch * d->hidden * sizeof(float) : 0);
}

static cl_int enqueue(const fmlp_plan *plan, const fmlp_variant *v, const fmlp_weights *w,
                      cl_command_queue q, size_t batch, const fmlp_io *io, cl_uint nwait,
                      const cl_event *wait, cl_event *event)
{
    const fmlp_plan_desc *d = &plan->desc;
    const fmlp_params *p = &v->params;
#define P(k) ((size_t)fmlp_params_get(p, (k), 0))
    const size_t threads = 32 * P("wm") * P("wn"), dthreads = 32 * P("dwm") * P("dwn");
    const size_t splits = P("splits");
    cl_kernel g = v->kernels[0], k = v->kernels[1], r = v->kernels[2];
    cl_ulong x_off = io->x_offset / sizeof(float), y_off = io->y_offset / sizeof(float);
    cl_ulong part_off = batch * d->intermediate; /* partial sums follow h in the workspace */
    cl_int nb = (cl_int)batch;
    cl_int err = 0;
    err |= FMLP_ARG(g, 0, io->x);
    err |= FMLP_ARG(g, 1, x_off);
    err |= FMLP_ARG(g, 2, w->gate);
    err |= FMLP_ARG(g, 3, w->up);
    err |= FMLP_ARG(g, 4, w->b_gate);
    err |= FMLP_ARG(g, 5, w->b_up);
    err |= FMLP_ARG(g, 6, io->workspace);
    err |= FMLP_ARG(g, 7, nb);
    err |= FMLP_ARG(k, 0, io->workspace);
    err |= FMLP_ARG(k, 1, w->down_t);
    err |= FMLP_ARG(k, 2, w->b_down);
    cl_mem down_out = splits > 1 ? io->workspace : io->y;
    cl_ulong down_off = splits > 1 ? part_off : y_off;
    err |= FMLP_ARG(k, 3, down_out);
    err |= FMLP_ARG(k, 4, down_off);
    err |= FMLP_ARG(k, 5, nb);
    if (splits > 1) {
        err |= FMLP_ARG(r, 0, io->workspace);
        err |= FMLP_ARG(r, 1, part_off);
        err |= FMLP_ARG(r, 2, w->b_down);
        err |= FMLP_ARG(r, 3, io->y);
        err |= FMLP_ARG(r, 4, y_off);
        err |= FMLP_ARG(r, 5, nb);
    }
    if (err) return CL_INVALID_ARG_VALUE;
    fmlp_seq seq;
    if ((err = fmlp_seq_begin(&seq, q, nwait, wait, event)) != CL_SUCCESS) return err;
    size_t g1[2] = {fmlp_ceil_div(d->intermediate, P("nt")) * threads,
                    fmlp_ceil_div(batch, P("mt"))};
    size_t l1[2] = {threads, 1};
    err = fmlp_seq_launch(&seq, g, 2, g1, l1, 0);
    if (err == CL_SUCCESS) {
        size_t g2[3] = {fmlp_ceil_div(d->hidden, P("dnt")) * dthreads,
                        fmlp_ceil_div(batch, P("dmt")), splits};
        size_t l2[3] = {dthreads, 1, 1};
        err = fmlp_seq_launch(&seq, k, 3, g2, l2, splits == 1);
    }
    if (err == CL_SUCCESS && splits > 1) {
        size_t g3 = batch * d->hidden;
        err = fmlp_seq_launch(&seq, r, 1, &g3, NULL, 1);
    }
#undef P
    fmlp_seq_end(&seq);
    return err;
}

const fmlp_strategy fmlp_strategy_mma = {
    .name = "mma",
    .param_names = names,
    .configure = configure,
    .defines = defines,
    .files = files,
    .kernel_names = kernels,
    .workspace = workspace,
    .enqueue = enqueue,
};
