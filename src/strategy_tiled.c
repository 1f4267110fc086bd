/* "tiled": two register-blocked GEMM kernels for large batches (cl/mlp_tiled.cl). */
#include "internal.h"

static const char *const names[] = {"mt", "nt", "kt", "tm", "tn",
                                    "dmt", "dnt", "dkt", "dtm", "dtn", NULL};
static const char *const files[] = {"formats.cl", "mlp_tiled.cl", NULL};
static const char *const kernels[] = {"fmlp_tiled_gateup", "fmlp_tiled_down", NULL};

/* Check one GEMM's tile (m x n outputs, k deep, tm x tn per thread): consistent values,
 * then the device's limits. */
static fmlp_status fits(const fmlp_device *dev, long m, long n, long k, long tm, long tn, long nb)
{
    if (m < 1 || n < 1 || k < 1 || tm < 1 || tn < 1 || m % tm || n % tn)
        return FMLP_ERROR_INVALID_PARAMETER;
    if (tm * tn > 128 || m > 512 || n > 512 || k > 256) return FMLP_ERROR_INVALID_PARAMETER;
    long rx = n / tn, ry = m / tm;
    if (rx * ry > (long)dev->info.max_work_group_size) return FMLP_ERROR_NO_FITTING_KERNEL;
    if (rx > (long)dev->max_wg_dims[0] || ry > (long)dev->max_wg_dims[1])
        return FMLP_ERROR_NO_FITTING_KERNEL;
    size_t local = (size_t)(4 * (k * (m + 1) + nb * k * (n + 1)));
    return local <= dev->info.local_mem_size ? FMLP_SUCCESS : FMLP_ERROR_NO_FITTING_KERNEL;
}

/* Missing values take a small portable tile (64 work-items, under 4 KB of local memory). */
static fmlp_status configure(const fmlp_plan_desc *d, const fmlp_device *dev, fmlp_params *p)
{
    static const char *const keys[2][5] = {{"mt", "nt", "kt", "tm", "tn"},
                                           {"dmt", "dnt", "dkt", "dtm", "dtn"}};
    static const long defaults[5] = {16, 16, 8, 2, 2};
    for (int g = 0; g < 2; ++g) {
        long v[5];
        for (int i = 0; i < 5; ++i) v[i] = fmlp_params_get(p, keys[g][i], defaults[i]);
        long nb = g == 0 && d->kind == FMLP_MLP_GATED ? 2 : 1;
        fmlp_status st = fits(dev, v[0], v[1], v[2], v[3], v[4], nb);
        if (st != FMLP_SUCCESS) return st;
        for (int i = 0; i < 5; ++i) fmlp_params_set(p, keys[g][i], v[i]);
    }
    return FMLP_SUCCESS;
}

static void defines(const fmlp_plan_desc *d, const fmlp_params *p, fmlp_strbuf *sb)
{
    (void)d;
    static const char *const keys[] = {"mt", "nt", "kt", "tm", "tn",
                                       "dmt", "dnt", "dkt", "dtm", "dtn"};
    static const char *const macros[] = {"MT", "NT", "KT", "TM", "TN",
                                         "DMT", "DNT", "DKT", "DTM", "DTN"};
    for (int i = 0; i < 10; ++i)
        fmlp_strbuf_printf(sb, "#define %s %ld\n", macros[i], fmlp_params_get(p, keys[i], 0));
}

static size_t workspace(const fmlp_plan_desc *d, const fmlp_params *p, size_t batch)
{
    (void)p;
    return batch * d->intermediate * sizeof(float);
}

/* fmlp_tiled_down's arguments: h at element offset h_off of buf, the output y. */
static cl_int set_down_args(cl_kernel k, const fmlp_weights *w, cl_mem buf, cl_ulong h_off,
                            const fmlp_io *io, cl_int nb)
{
    cl_ulong y_off = io->y_elem;
    cl_int err = 0;
    err |= FMLP_ARG(k, 0, buf);
    err |= FMLP_ARG(k, 1, h_off);
    err |= FMLP_ARG(k, 2, w->down_t);
    err |= FMLP_ARG(k, 3, w->b_down);
    err |= FMLP_ARG(k, 4, io->y);
    err |= FMLP_ARG(k, 5, y_off);
    err |= FMLP_ARG(k, 6, nb);
    return err;
}

static cl_int launch_down(fmlp_seq *seq, const fmlp_plan *plan, const fmlp_variant *v,
                          cl_kernel k, size_t batch)
{
    const fmlp_params *p = &v->params;
    const size_t dmt = (size_t)fmlp_params_get(p, "dmt", 0);
    const size_t dnt = (size_t)fmlp_params_get(p, "dnt", 0);
    const size_t drx = dnt / (size_t)fmlp_params_get(p, "dtn", 0);
    const size_t dry = dmt / (size_t)fmlp_params_get(p, "dtm", 0);
    size_t g2[2] = {fmlp_ceil_div(plan->desc.hidden, dnt) * drx, fmlp_ceil_div(batch, dmt) * dry};
    size_t l2[2] = {drx, dry};
    return fmlp_seq_launch(seq, k, 2, g2, l2, 1);
}

static cl_int enqueue(const fmlp_plan *plan, const fmlp_variant *v, const fmlp_weights *w,
                      cl_command_queue q, size_t batch, const fmlp_io *io, cl_uint nwait,
                      const cl_event *wait, cl_event *event)
{
    const fmlp_plan_desc *d = &plan->desc;
    const fmlp_params *p = &v->params;
    const size_t mt = (size_t)fmlp_params_get(p, "mt", 0), nt = (size_t)fmlp_params_get(p, "nt", 0);
    const size_t rx = nt / (size_t)fmlp_params_get(p, "tn", 0);
    const size_t ry = mt / (size_t)fmlp_params_get(p, "tm", 0);
    cl_kernel g = v->kernels[0], k = v->kernels[1];
    cl_int nb = (cl_int)batch;
    cl_int err = fmlp_set_gateup_args(g, io, w, io->workspace, 0, batch);
    err |= set_down_args(k, w, io->workspace, 0, io, nb);
    if (err) return CL_INVALID_ARG_VALUE;
    fmlp_seq seq;
    if ((err = fmlp_seq_begin(&seq, q, nwait, wait, event)) != CL_SUCCESS) return err;
    size_t g1[2] = {fmlp_ceil_div(d->intermediate, nt) * rx, fmlp_ceil_div(batch, mt) * ry};
    size_t l1[2] = {rx, ry};
    err = fmlp_seq_launch(&seq, g, 2, g1, l1, 0);
    if (err == CL_SUCCESS) err = launch_down(&seq, plan, v, k, batch);
    fmlp_seq_end(&seq);
    return err;
}

const fmlp_strategy fmlp_strategy_tiled = {
    .name = "tiled",
    .param_names = names,
    .configure = configure,
    .defines = defines,
    .files = files,
    .kernel_names = kernels,
    .workspace = workspace,
    .enqueue = enqueue,
};

/* ---- "unfused": the same GEMM core as separate kernels, as a framework would chain them:
 * gate projection, up projection, the activation kernel, down projection. It exists as the
 * benchmark's unfused baseline made of FlashMLP's own kernels. */

static const char *const u_kernels[] = {"fmlp_tiled_gateup", "fmlp_act_mul", "fmlp_tiled_down",
                                        NULL};

static void u_defines(const fmlp_plan_desc *d, const fmlp_params *p, fmlp_strbuf *sb)
{
    defines(d, p, sb);
    fmlp_strbuf_append(sb, "#define TILED_PROJ_ONLY 1\n");
}

static fmlp_status u_configure(const fmlp_plan_desc *d, const fmlp_device *dev, fmlp_params *p)
{
    fmlp_plan_desc single = *d;
    single.kind = FMLP_MLP_PLAIN; /* each projection kernel holds one weight tile */
    return configure(&single, dev, p);
}

/* g (gated only) and u, each [B, I] */
static size_t u_workspace(const fmlp_plan_desc *d, const fmlp_params *p, size_t batch)
{
    (void)p;
    return (d->kind == FMLP_MLP_GATED ? 2 : 1) * batch * d->intermediate * sizeof(float);
}

static cl_int u_enqueue(const fmlp_plan *plan, const fmlp_variant *v, const fmlp_weights *w,
                        cl_command_queue q, size_t batch, const fmlp_io *io, cl_uint nwait,
                        const cl_event *wait, cl_event *event)
{
    const fmlp_plan_desc *d = &plan->desc;
    const fmlp_params *p = &v->params;
    const int gated = d->kind == FMLP_MLP_GATED;
    const size_t mt = (size_t)fmlp_params_get(p, "mt", 0), nt = (size_t)fmlp_params_get(p, "nt", 0);
    const size_t rx = nt / (size_t)fmlp_params_get(p, "tn", 0);
    const size_t ry = mt / (size_t)fmlp_params_get(p, "tm", 0);
    cl_kernel proj = v->kernels[0], act = v->kernels[1], down = v->kernels[2];
    cl_ulong x_off = io->x_elem;
    cl_ulong g_off = 0, u_off = gated ? batch * d->intermediate : 0;
    cl_int nb = (cl_int)batch, n = (cl_int)(batch * d->intermediate);
    cl_mem none = NULL;
    fmlp_seq seq;
    cl_int err = fmlp_seq_begin(&seq, q, nwait, wait, event);
    if (err != CL_SUCCESS) return err;
    size_t g1[2] = {fmlp_ceil_div(d->intermediate, nt) * rx, fmlp_ceil_div(batch, mt) * ry};
    size_t l1[2] = {rx, ry};
    /* one projection per launch: the kernel's "up" argument is the weight, its bias the bias */
    const cl_mem weights[2] = {w->gate, w->up}, biases[2] = {w->b_gate, w->b_up};
    const cl_ulong offs[2] = {g_off, u_off};
    for (int i = gated ? 0 : 1; i < 2 && err == CL_SUCCESS; ++i) {
        err |= FMLP_ARG(proj, 0, io->x);
        err |= FMLP_ARG(proj, 1, x_off);
        err |= FMLP_ARG(proj, 2, none);
        err |= FMLP_ARG(proj, 3, weights[i]);
        err |= FMLP_ARG(proj, 4, none);
        err |= FMLP_ARG(proj, 5, biases[i]);
        err |= FMLP_ARG(proj, 6, io->workspace);
        err |= FMLP_ARG(proj, 7, offs[i]);
        err |= FMLP_ARG(proj, 8, nb);
        err = err ? CL_INVALID_ARG_VALUE : fmlp_seq_launch(&seq, proj, 2, g1, l1, 0);
    }
    if (err == CL_SUCCESS) {
        err |= FMLP_ARG(act, 0, io->workspace);
        err |= FMLP_ARG(act, 1, io->workspace);
        err |= FMLP_ARG(act, 2, u_off);
        err |= FMLP_ARG(act, 3, n);
        size_t ga = (size_t)n;
        err = err ? CL_INVALID_ARG_VALUE : fmlp_seq_launch(&seq, act, 1, &ga, NULL, 0);
    }
    if (err == CL_SUCCESS) {
        err = set_down_args(down, w, io->workspace, u_off, io, nb);
        err = err ? CL_INVALID_ARG_VALUE : launch_down(&seq, plan, v, down, batch);
    }
    fmlp_seq_end(&seq);
    return err;
}

const fmlp_strategy fmlp_strategy_unfused = {
    .name = "unfused",
    .baseline = 1,
    .param_names = names,
    .configure = u_configure,
    .defines = u_defines,
    .files = files,
    .kernel_names = u_kernels,
    .workspace = u_workspace,
    .enqueue = u_enqueue,
};
