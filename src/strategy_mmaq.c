/* "mmaq": integer tensor cores (mma.sync.m16n8k32 with 8-bit operands, NVIDIA compute
 * capability 8.0 and newer) for plans with integer dot products (FMLP_PRECISION_INT8_DOT) and
 * block-format weights, at any batch (cl/mlp_mmaq.cl). x and h are rounded to int8 in runs
 * of 32 as the stream kernel's integer path rounds them. emu=1 asks for the portable emulation
 * of the mma (any device), which exists so the suite can test the kernels. */
#include "internal.h"

/* the parameters, in the order of configure's values and of their macros (defines) */
static const char *const names[] = {"wg",  "kw",  "fb",     "ku", "pf",  "pl",  "dwg",
                                    "dfb", "dku", "splits", "bo", "na",  "emu", NULL};
static const char *const files[] = {"formats.cl", "mlp_mmaq.cl", "reduce.cl", NULL};
static const char *const kernels[] = {"fmlp_mmaq_quant", "fmlp_mmaq_gateup", "fmlp_mmaq_down",
                                      "fmlp_reduce_splits", NULL};

/* Missing values: 4 warps a work-group, each its own 16 rows (kw=1; kw > 1: that many warps
 * share a tile of rows, each taking every kw-th step of the runs, and add their sums in local
 * memory), one 8-row batch tile a warp, two runs of loads a step (pf=1: the next step's loads
 * issued before this step's mma), down in one slice, row tiles first in the grids (bo=1: a row
 * tile's batch tiles first, so that they read its weights together), no L2 prefetches (pl =
 * 1, 2, 4 or 8: both matmul kernels ask the weight blocks of the step that many steps ahead
 * into L2; not with pf=1), plain weight loads (na: fmlp_load_hint_check). Only for plans with
 * integer dot products (the block formats). */
static fmlp_status configure(const fmlp_plan_desc *d, const fmlp_device *dev, fmlp_params *p)
{
    static const long pow1248[] = {1, 2, 4, 8};
    long emu = fmlp_params_get(p, "emu", 0);
    long wg = fmlp_params_get(p, "wg", 4), fb = fmlp_params_get(p, "fb", 1);
    long kw = fmlp_params_get(p, "kw", 1), pf = fmlp_params_get(p, "pf", 0);
    long ku = fmlp_params_get(p, "ku", 2), dwg = fmlp_params_get(p, "dwg", 4);
    long dfb = fmlp_params_get(p, "dfb", 1), dku = fmlp_params_get(p, "dku", 2);
    long splits = fmlp_params_get(p, "splits", 1), bo = fmlp_params_get(p, "bo", 0);
    long pl = fmlp_params_get(p, "pl", 0), na = fmlp_params_get(p, "na", 0);
    if ((emu != 0 && emu != 1) || wg < 1 || wg > 16 || dwg < 1 || dwg > 16 ||
        !fmlp_in_set(fb, pow1248, 4) || !fmlp_in_set(dfb, pow1248, 4) ||
        !fmlp_in_set(ku, pow1248, 4) || !fmlp_in_set(dku, pow1248, 4) ||
        !fmlp_in_set(kw, pow1248, 4) || wg % kw || splits < 1 || splits > 64 ||
        (pf != 0 && pf != 1) || (bo != 0 && bo != 1) ||
        (pl != 0 && (!fmlp_in_set(pl, pow1248, 4) || pf)))
        return FMLP_ERROR_INVALID_PARAMETER;
    if (!fmlp_int8_dot(d)) return FMLP_ERROR_INVALID_PARAMETER;
    if (!emu && fmlp_nvidia_sm(dev) < 80) return FMLP_ERROR_EXTENSION_MISSING;
    fmlp_status nst = fmlp_load_hint_check(dev, na);
    if (nst != FMLP_SUCCESS) return nst;
    /* the widest work-group: gate/up's, down's, or the quantizer's 256 */
    const long most = (wg > dwg ? wg : dwg) * 32;
    if ((most > 256 ? most : 256) > (long)fmlp_device_max_wg_1d(dev))
        return FMLP_ERROR_NO_FITTING_KERNEL;
    /* local memory: the emulation's fragments, kw's sums (np matrices, fb tiles, 4 a lane) */
    const long np = d->kind == FMLP_MLP_GATED ? 2 : 1;
    const size_t local = (size_t)((emu ? most / 32 * 6 * 32 * 4 : 0) +
                                  (kw > 1 ? wg * np * fb * 4 * 32 * 4 : 0));
    if (local > dev->info.local_mem_size) return FMLP_ERROR_NO_FITTING_KERNEL;
    const long vals[] = {wg, kw, fb, ku, pf, pl, dwg, dfb, dku, splits, bo, na, emu};
    _Static_assert(sizeof vals / sizeof *vals == sizeof names / sizeof *names - 1, "names");
    for (size_t i = 0; names[i]; ++i) fmlp_params_set(p, names[i], vals[i]);
    return FMLP_SUCCESS;
}

static void defines(const fmlp_plan_desc *d, const fmlp_params *p, fmlp_strbuf *sb)
{
    (void)d;
    static const char *const macros[] = {"QWARPS", "QKW",  "QFB",         "QKU", "QPF", "QPL",
                                         "DQWARPS", "DQFB", "DQKU", "FMLP_SPLITS", "QBO",
                                         "FMLP_LDNA", "FMLP_MMA_EMULATE"};
    _Static_assert(sizeof macros / sizeof *macros == sizeof names / sizeof *names - 1, "names");
    fmlp_strbuf_printf(sb, "#define FMLP_XQ 1\n");
    for (size_t i = 0; names[i]; ++i)
        fmlp_strbuf_printf(sb, "#define %s %ld\n", macros[i], fmlp_params_get(p, names[i], 0));
}

/* The workspace, in 4-byte words: h [B, I] (fp32), the quantized runs of x [B, H / 32] and of h
 * [B, I / 32] (10 words a run: cl/mlp_mmaq.cl's QP), then the partial sums of the slices of I
 * [splits, B, H] when there are several. */
#define QP 10
typedef struct layout {
    size_t xq, hq, part, words;
} layout;

static layout lay(const fmlp_plan_desc *d, size_t splits, size_t batch)
{
    layout l;
    l.xq = batch * d->intermediate;
    l.hq = l.xq + batch * (d->hidden / 32) * QP;
    l.part = l.hq + batch * (d->intermediate / 32) * QP;
    l.words = l.part + (splits > 1 ? splits * batch * d->hidden : 0);
    return l;
}

static size_t workspace(const fmlp_plan_desc *d, const fmlp_params *p, size_t batch)
{
    return 4 * lay(d, (size_t)fmlp_params_get(p, "splits", 1), batch).words;
}

#define P(k) ((size_t)fmlp_params_get(&v->params, (k), 0))

static cl_int enqueue(const fmlp_plan *plan, const fmlp_variant *v, const fmlp_weights *w,
                      cl_command_queue q, size_t batch, const fmlp_io *io, cl_uint nwait,
                      const cl_event *wait, cl_event *event)
{
    const fmlp_plan_desc *d = &plan->desc;
    const size_t splits = P("splits"), wg = P("wg"), dwg = P("dwg");
    const layout l = lay(d, splits, batch);
    cl_kernel kq = v->kernels[0], kg = v->kernels[1], kd = v->kernels[2], kr = v->kernels[3];
    cl_ulong x_off = io->x_elem, zero = 0, xq_off = l.xq, hq_off = l.hq, part_off = l.part;
    cl_ulong y_off = io->y_elem;
    cl_int nb = (cl_int)batch, use_x = 0, use_h = 1;
    cl_int nh = (cl_int)d->hidden, ni = (cl_int)d->intermediate;
    cl_mem down_out = splits > 1 ? io->workspace : io->y;
    cl_ulong down_off = splits > 1 ? part_off : y_off;
    cl_int err = 0;
    /* gate/up */
    err |= FMLP_ARG(kg, 0, io->workspace);
    err |= FMLP_ARG(kg, 1, xq_off);
    err |= FMLP_ARG(kg, 2, w->gate);
    err |= FMLP_ARG(kg, 3, w->up);
    err |= FMLP_ARG(kg, 4, w->b_gate);
    err |= FMLP_ARG(kg, 5, w->b_up);
    err |= FMLP_ARG(kg, 6, io->workspace);
    err |= FMLP_ARG(kg, 7, zero);
    err |= FMLP_ARG(kg, 8, nb);
    /* down */
    err |= FMLP_ARG(kd, 0, io->workspace);
    err |= FMLP_ARG(kd, 1, hq_off);
    err |= FMLP_ARG(kd, 2, w->down_t);
    err |= FMLP_ARG(kd, 3, w->b_down);
    err |= FMLP_ARG(kd, 4, down_out);
    err |= FMLP_ARG(kd, 5, down_off);
    err |= FMLP_ARG(kd, 6, nb);
    if (splits > 1) {
        err |= fmlp_set_reduce_args(kr, io, w, part_off);
        err |= FMLP_ARG(kr, 4, y_off);
        err |= FMLP_ARG(kr, 5, nb);
    }
    /* the quantizer's arguments other than what differs between x and h */
    err |= FMLP_ARG(kq, 0, io->x);
    err |= FMLP_ARG(kq, 1, x_off);
    err |= FMLP_ARG(kq, 2, io->workspace);
    err |= FMLP_ARG(kq, 3, zero);
    err |= FMLP_ARG(kq, 5, io->workspace);
    err |= FMLP_ARG(kq, 8, nb);
    if (err) return CL_INVALID_ARG_VALUE;
    /* the quantizer: 32 runs of a row a work-group of 256 */
    const size_t lq[2] = {256, 1};
    const size_t gqx[2] = {fmlp_ceil_div(d->hidden / 32, 32) * 256, batch};
    const size_t gqh[2] = {fmlp_ceil_div(d->intermediate / 32, 32) * 256, batch};
    /* row tiles by batch tiles, or both in the first dimension (bo=1) */
    const size_t bo = P("bo");
    const size_t nbt1 = fmlp_ceil_div(batch, 8 * P("fb")), nbt2 = fmlp_ceil_div(batch, 8 * P("dfb"));
    const size_t g1[2] = {fmlp_ceil_div(d->intermediate, 16 * (wg / P("kw"))) * wg * 32 *
                              (bo ? nbt1 : 1),
                          bo ? 1 : nbt1};
    const size_t l1[2] = {wg * 32, 1};
    const size_t g2[3] = {fmlp_ceil_div(d->hidden, 16 * dwg) * dwg * 32 * (bo ? nbt2 : 1),
                          bo ? 1 : nbt2, splits};
    const size_t l2[3] = {dwg * 32, 1, 1};
    fmlp_seq seq;
    if ((err = fmlp_seq_begin(&seq, q, nwait, wait, event)) != CL_SUCCESS) return err;
    /* x's runs (the kernel's arguments are read when it is enqueued, so the same kernel then
     * takes h's) */
    err = FMLP_ARG(kq, 4, use_x);
    err |= FMLP_ARG(kq, 6, xq_off);
    err |= FMLP_ARG(kq, 7, nh);
    if (err != CL_SUCCESS) err = CL_INVALID_ARG_VALUE;
    if (err == CL_SUCCESS) err = fmlp_seq_launch(&seq, kq, 2, gqx, lq, 0);
    if (err == CL_SUCCESS) err = fmlp_seq_launch(&seq, kg, 2, g1, l1, 0);
    if (err == CL_SUCCESS) {
        err = FMLP_ARG(kq, 4, use_h);
        err |= FMLP_ARG(kq, 6, hq_off);
        err |= FMLP_ARG(kq, 7, ni);
        if (err != CL_SUCCESS) err = CL_INVALID_ARG_VALUE;
    }
    if (err == CL_SUCCESS) err = fmlp_seq_launch(&seq, kq, 2, gqh, lq, 0);
    if (err == CL_SUCCESS) err = fmlp_seq_launch(&seq, kd, 3, g2, l2, splits == 1);
    if (err == CL_SUCCESS && splits > 1)
        err = fmlp_reduce_launch(&seq, kr, plan, &v->params, batch, 1);
    fmlp_seq_end(&seq);
    return err;
}
#undef P

const fmlp_strategy fmlp_strategy_mmaq = {
    .name = "mmaq",
    .param_names = names,
    .configure = configure,
    .defines = defines,
    .files = files,
    .kernel_names = kernels,
    .workspace = workspace,
    .enqueue = enqueue,
};
