/* The tensor-core strategies for NVIDIA GPUs of compute capability 8.0 and newer, through
 * inline PTX mma.sync, fp32-accurate through the 3xTF32 split (cl/mma_common.cl):
 *   "mma"  tiled GEMMs through local memory, for larger batches (cl/mlp_mma.cl);
 *   "mmav" weights streamed straight into fragments, for small batches (cl/mlp_mmav.cl).
 * Elsewhere they report FMLP_ERROR_EXTENSION_MISSING, unless emu=1 asks for the portable
 * emulation that exists so the suite can test the kernels' tiling on any device. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const names[] = {"mt",     "nt",    "kt",     "wm", "wn",  "dmt",
                                    "dnt",    "dkt",   "dwm",    "dwn", "splits", "order",
                                    "dorder", "iw",    "na",     "hp",  "se",     "emu",
                                    "fw",     "ca",  NULL};
static const char *const files[] = {"formats.cl", "mma_common.cl", "mlp_mma.cl", "reduce.cl",
                                    NULL};
static const char *const kernels[] = {"fmlp_mma_gateup", "fmlp_mma_down", "fmlp_reduce_splits",
                                      NULL};

/* One GEMM's tile: m x n outputs in k steps, wm x wn warps; np weight matrices share it, each
 * with per_col floats of local memory per weight row (column): iw's scale, and for the affine
 * formats a zero point. */
static fmlp_status check_tile(const fmlp_device *dev, long m, long n, long k, long wm, long wn,
                              long np, long bpad, int emu, int per_col, int hp_wbytes,
                              size_t extra)
{
    if (m < 16 || n < 8 || k < 8 || wm < 1 || wn < 1 || m % (16 * wm) || n % (8 * wn) || k % 8)
        return FMLP_ERROR_INVALID_PARAMETER;
    if (m > 256 || n > 256 || k > 128) return FMLP_ERROR_INVALID_PARAMETER;
    long accs = np * (m / wm / 16) * (n / wn / 8) * 4; /* fp32 accumulators per thread */
    if (accs > 128) return FMLP_ERROR_INVALID_PARAMETER;
    long threads = 32 * wm * wn;
    if (threads > (long)fmlp_device_max_wg_1d(dev))
        return FMLP_ERROR_NO_FITTING_KERNEL;
    /* hp (hp_wbytes > 0): fp16 pairs of x (h), 4 bytes a value, unpadded, and x's scales; the
     * weights hp_wbytes a value (4 in pairs, 2 as one f16 each) */
    size_t local = hp_wbytes ? (size_t)(4 * (m * k + m) + hp_wbytes * np * n * k)
                      : (size_t)(4 * (m * (k + 4) + np * (bpad ? k * (n + 8) : n * (k + 4))));
    if (emu) local += (size_t)(threads / 32 * 6 * 32 * 4);
    local += (size_t)(4 * per_col * np * n) + extra;
    return local <= dev->info.local_mem_size ? FMLP_SUCCESS : FMLP_ERROR_NO_FITTING_KERNEL;
}

/* The formats iw (both strategies) applies to, the block formats (GGML Q8_0/Q4_0 and the
 * affine ones, whose zero points need the sums of the other operand): their block (group) of
 * weights; 0 for the others. */
static unsigned iw_block(const fmlp_plan_desc *d)
{
    unsigned block = 0;
    if (fmlp_weight_format(d->weight_dtype, d->group_size, &block, NULL) != FMLP_SUCCESS) return 0;
    return block > 1 ? block : 0;
}

/* Missing values take one small tile per kernel (128 threads) that fits any sm_80+ GPU.
 * iw=1 (GGML Q8_0/Q4_0 and the affine weights; the 16-bit and fp32 formats ignore it and
 * get iw=0): the weights' integer fields go into the mma as they are and each k-tile's sums
 * are scaled by their block's scale (less the zero point times the k-tile's sum of x), so
 * k-tiles must divide the 32-weight block. na: the weights' loads' cache qualifiers
 * (fmlp_load_hint_check; both tensor-core strategies).
 * hp=1 (fp32, f16 or bf16 weights, or the block formats with iw=1; H and I multiples of 4;
 * other plans get hp=0): x (h) in fp16 pairs instead of tf32 splits (cl/mma_common.cl, the
 * f16 m16n8k16 instruction), k-tiles (kt, dkt) of 16, 32, 64 or 128; order and dorder do not
 * apply (0). se (hp only; default 1, 0 elsewhere): the flush's scales read into registers as
 * soon as a k-tile is staged (1) or at the flush (0): cl/mlp_mma.cl's HP_SCE, which costs
 * some tiles registers through the mma steps (twenty-sixth session: q8_0's one-fragment-row
 * tile 7-10% slower with it, q4_0's 3% faster). fw=1 (hp=1 with iw=1; other plans get fw=0):
 * gate/up folds each block's scale into its weights as fp16 pairs as it stages them
 * (cl/mlp_mma.cl's G_FW: GGML Q8_0/Q4_0, and the affine formats in their FMLP_IZ build), with
 * the rows' powers of two kept with the weights (src/weights.c's row_scales); down keeps
 * iw. ca (0, or 2-4: the affine formats with hp=1, iw=1 and kt=32, or kt=16 but for
 * AFFINE_Q3, whose 16 fields are not whole words; other plans get 0):
 * gate/up's weights copied asynchronously into a ring of ca k-tiles in local memory, ca - 1
 * k-tiles ahead (cl/mlp_mma.cl's G_CA; cp.async on NVIDIA, plain copies in the emulation). */
static fmlp_status configure(const fmlp_plan_desc *d, const fmlp_device *dev, fmlp_params *p)
{
    long emu = fmlp_params_get(p, "emu", 0), iw = fmlp_params_get(p, "iw", 0);
    long na = fmlp_params_get(p, "na", 0), hp = fmlp_params_get(p, "hp", 0);
    long se = fmlp_params_get(p, "se", 1), fw = fmlp_params_get(p, "fw", 0);
    long ca = fmlp_params_get(p, "ca", 0);
    if ((emu != 0 && emu != 1) || (iw != 0 && iw != 1) || (hp != 0 && hp != 1) ||
        (se != 0 && se != 1) || (fw != 0 && fw != 1) || ca < 0 || ca == 1 || ca > 4)
        return FMLP_ERROR_INVALID_PARAMETER;
    if (d->hidden % 4 || d->intermediate % 4) hp = 0;
    fmlp_status nst = fmlp_load_hint_check(dev, na);
    if (nst != FMLP_SUCCESS) return nst;
    const int zero_points = d->weight_dtype >= FMLP_DTYPE_AFFINE_Q2;
    if (!iw_block(d)) iw = 0;
    if (d->weight_dtype > FMLP_DTYPE_BF16 && !iw) hp = 0; /* block formats: through iw only */
    if (!emu && fmlp_nvidia_sm(dev) < 80) return FMLP_ERROR_EXTENSION_MISSING;
    static const char *const keys[2][5] = {{"mt", "nt", "kt", "wm", "wn"},
                                           {"dmt", "dnt", "dkt", "dwm", "dwn"}};
    static const long defaults[5] = {16, 64, 32, 1, 4};
    if (!hp || !iw) fw = 0;
    /* ca: k-tiles of 32, or of 16 where 16 fields are whole words (not AFFINE_Q3's 48 bits) */
    const long ca_kt = fmlp_params_get(p, "kt", defaults[2]);
    const unsigned bits = zero_points ? fmlp_affine_bits(d->weight_dtype) : 0;
    if (!hp || !iw || !zero_points || !(ca_kt == 32 || (ca_kt == 16 && bits != 3))) ca = 0;
    /* ca's ring: a row's k-tile of fields (kt * bits / 32 words) and the group's scale field */
    const size_t ring = ca ? (size_t)(4 * ca * (d->kind == FMLP_MLP_GATED ? 2 : 1) *
                                      fmlp_params_get(p, "nt", defaults[1]) *
                                      (ca_kt * bits / 32 + 1))
                           : 0;
    /* hp's staged weights: one f16 each for f16, bf16 and iw's fields, else fp16 pairs (and
     * gate/up's folded fields, fw) */
    const int hp_wbytes = !hp ? 0
                          : iw || d->weight_dtype == FMLP_DTYPE_F16 ||
                                    d->weight_dtype == FMLP_DTYPE_BF16
                              ? 2
                              : 4;
    for (int g = 0; g < 2; ++g) {
        long v[5];
        for (int i = 0; i < 5; ++i) v[i] = fmlp_params_get(p, keys[g][i], defaults[i]);
        long np = g == 0 ? (d->kind == FMLP_MLP_GATED ? 2 : 1) : 1;
        fmlp_status st = check_tile(dev, v[0], v[1], v[2], v[3], v[4], np, g == 1, (int)emu,
                                    iw ? 1 + zero_points : 0, g == 0 && fw ? 4 : hp_wbytes,
                                    g == 0 ? ring : 0);
        if (st != FMLP_SUCCESS) return st;
        if (iw && 32 % v[2]) return FMLP_ERROR_INVALID_PARAMETER;
        if (hp && (v[2] < 16 || v[2] & (v[2] - 1))) return FMLP_ERROR_INVALID_PARAMETER;
        for (int i = 0; i < 5; ++i) fmlp_params_set(p, keys[g][i], v[i]);
    }
    /* order (gate/up kernel), dorder (down kernel): 0 keeps every fragment's k-tile sum live
     * at once, 1 one fragment at a time (fewer registers: no spills in large tiles) */
    long splits = fmlp_params_get(p, "splits", 1), order = fmlp_params_get(p, "order", 0);
    long dorder = fmlp_params_get(p, "dorder", 0);
    if (splits < 1 || splits > 64 || (order != 0 && order != 1) || (dorder != 0 && dorder != 1))
        return FMLP_ERROR_INVALID_PARAMETER;
    fmlp_params_set(p, "splits", splits);
    fmlp_params_set(p, "order", hp ? 0 : order);
    fmlp_params_set(p, "dorder", hp ? 0 : dorder);
    fmlp_params_set(p, "hp", hp);
    fmlp_params_set(p, "se", hp ? se : 0);
    fmlp_params_set(p, "iw", iw);
    fmlp_params_set(p, "na", na);
    fmlp_params_set(p, "emu", emu);
    fmlp_params_set(p, "fw", fw);
    fmlp_params_set(p, "ca", ca);
    return FMLP_SUCCESS;
}

static void defines(const fmlp_plan_desc *d, const fmlp_params *p, fmlp_strbuf *sb)
{
    (void)d;
    static const char *const keys[] = {"mt",  "nt",     "kt",     "wm",    "wn",     "dmt",
                                       "dnt", "dkt",    "dwm",    "dwn",   "splits", "splits",
                                       "order", "dorder", "iw",   "na",     "hp",     "se",
                                       "emu",   "fw",     "ca"};
    static const char *const macros[] = {"MT",        "NT",          "KT",        "WM",
                                         "WN",        "DMT",         "DNT",       "DKT",
                                         "DWM",       "DWN",         "MMA_SPLITS", "FMLP_SPLITS",
                                         "MMA_ORDER", "MMA_DORDER",  "MMA_IW",    "FMLP_LDNA",
                                         "MMA_HP",    "HP_SCE",      "FMLP_MMA_EMULATE", "FMLP_FW",
                                         "MMA_CA"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; ++i)
        fmlp_strbuf_printf(sb, "#define %s %ld\n", macros[i], fmlp_params_get(p, keys[i], 0));
}

/* h [B, I], then the partial sums of the down projection when it is split. */
static size_t workspace(const fmlp_plan_desc *d, const fmlp_params *p, size_t batch)
{
    size_t splits = (size_t)fmlp_params_get(p, "splits", 1);
    size_t h = batch * d->intermediate * sizeof(float);
    return h + (splits > 1 ? splits * batch * d->hidden * sizeof(float) : 0);
}

/* fp16 pairs (hp=1) scale the weights' rows by powers of two kept with the weights for fp32
 * and bf16 weights; f16 weights and integer fields are exact in f16 as they are. */
int fmlp_hp_row_scales(const fmlp_plan_desc *d)
{
    return d->weight_dtype == FMLP_DTYPE_F32 || d->weight_dtype == FMLP_DTYPE_BF16;
}

/* Whether variant v's gate/up kernel takes the rows' scales: hp=1 with fp32 or bf16 weights,
 * or fw=1 with the block formats (fw folds where the build has G_FW: the GGML formats, and the
 * affine ones in their FMLP_IZ build, iz). */
static int gateup_row_scales(const fmlp_plan_desc *d, const fmlp_variant *v, int iz)
{
    const long hp = fmlp_params_get(&v->params, "hp", 0);
    if (hp == 1 && fmlp_hp_row_scales(d)) return 1;
    return fmlp_params_get(&v->params, "fw", 0) == 1 &&
           (d->weight_dtype < FMLP_DTYPE_AFFINE_Q2 || iz);
}

/* Both tensor-core strategies run gate/up -> h, down (-> partial sums) and, with splits, the
 * fixed-order reduction; only their grids differ. */
static cl_int enqueue3(const fmlp_plan *plan, const fmlp_variant *v, const fmlp_weights *w,
                       cl_command_queue q, size_t batch, const fmlp_io *io, cl_uint nwait,
                       const cl_event *wait, cl_event *event, const size_t g1[2],
                       const size_t l1[2], const size_t g2[3], const size_t l2[3])
{
    const fmlp_plan_desc *d = &plan->desc;
    const size_t splits = (size_t)fmlp_params_get(&v->params, "splits", 1);
    /* weights whose zero points are all small integers take the FMLP_IZ build where it exists */
    const int iz = w->int_zeros && v->kernels_iz[0];
    const cl_kernel *ks = iz ? v->kernels_iz : v->kernels;
    cl_kernel g = ks[0], k = ks[1], r = ks[2];
    cl_ulong y_off = io->y_elem;
    cl_ulong part_off = batch * d->intermediate; /* partial sums follow h in the workspace */
    cl_mem down_out = splits > 1 ? io->workspace : io->y;
    cl_ulong down_off = splits > 1 ? part_off : y_off;
    cl_int nb = (cl_int)batch;
    cl_int err = fmlp_set_gateup_args(g, io, w, io->workspace, 0, batch);
    err |= FMLP_ARG(k, 0, io->workspace);
    err |= FMLP_ARG(k, 1, w->down_t);
    err |= FMLP_ARG(k, 2, w->b_down);
    err |= FMLP_ARG(k, 3, down_out);
    err |= FMLP_ARG(k, 4, down_off);
    err |= FMLP_ARG(k, 5, nb);
    /* fp16 pairs' row scales: hp for gate/up, and for down (mmav's dhp, else hp) */
    const long hp = fmlp_params_get(&v->params, "hp", 0);
    if (gateup_row_scales(d, v, iz)) {
        cl_mem sg = w->s_gate ? w->s_gate : w->s_up; /* plain MLPs: unused */
        err |= FMLP_ARG(g, 9, sg);
        err |= FMLP_ARG(g, 10, w->s_up);
    }
    if (fmlp_params_get(&v->params, "dhp", hp) == 1 && fmlp_hp_row_scales(d))
        err |= FMLP_ARG(k, 6, w->s_down);
    if (splits > 1) {
        err |= fmlp_set_reduce_args(r, io, w, part_off);
        err |= FMLP_ARG(r, 4, y_off);
        err |= FMLP_ARG(r, 5, nb);
    }
    if (err) return CL_INVALID_ARG_VALUE;
    fmlp_seq seq;
    if ((err = fmlp_seq_begin(&seq, q, nwait, wait, event)) != CL_SUCCESS) return err;
    err = fmlp_seq_launch(&seq, g, 2, g1, l1, 0);
    if (err == CL_SUCCESS) err = fmlp_seq_launch(&seq, k, 3, g2, l2, splits == 1);
    if (err == CL_SUCCESS && splits > 1) err = fmlp_reduce_launch(&seq, r, plan, &v->params, batch, 1);
    fmlp_seq_end(&seq);
    return err;
}

#define P(k) ((size_t)fmlp_params_get(&v->params, (k), 0))

static cl_int enqueue(const fmlp_plan *plan, const fmlp_variant *v, const fmlp_weights *w,
                      cl_command_queue q, size_t batch, const fmlp_io *io, cl_uint nwait,
                      const cl_event *wait, cl_event *event)
{
    const fmlp_plan_desc *d = &plan->desc;
    const size_t threads = 32 * P("wm") * P("wn"), dthreads = 32 * P("dwm") * P("dwn");
    const size_t g1[2] = {fmlp_ceil_div(d->intermediate, P("nt")) * threads,
                          fmlp_ceil_div(batch, P("mt"))};
    const size_t l1[2] = {threads, 1};
    const size_t g2[3] = {fmlp_ceil_div(d->hidden, P("dnt")) * dthreads,
                          fmlp_ceil_div(batch, P("dmt")), P("splits")};
    const size_t l2[3] = {dthreads, 1, 1};
    return enqueue3(plan, v, w, q, batch, io, nwait, wait, event, g1, l1, g2, l2);
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
    .izero = 1,
};

/* ---- "mmav": the tensor-core weight stream for small batches (cl/mlp_mmav.cl) */

static const char *const v_names[] = {"wg",  "kw",  "fm",     "fb", "ku", "pf", "dwg", "dkw",
                                      "dfb", "dku", "dpf", "splits", "iw", "wl", "na", "hp",
                                      "dhp", "emu", NULL};
static const char *const v_files[] = {"formats.cl", "mma_common.cl", "mlp_mmav.cl", "reduce.cl",
                                      NULL};
static const char *const v_kernels[] = {"fmlp_mmav_gateup", "fmlp_mmav_down",
                                        "fmlp_reduce_splits", NULL};

/* Missing values: 4 warps per work-group, one tile each, two 32-wide k-chunks in flight, no
 * loads issued a step ahead (pf, dpf: 1 holds the next step's weights in registers while this
 * step's are used, which helps where registers allow it).
 * iw=1 (GGML Q8_0/Q4_0 and the affine weights; other formats get iw=0): the weights' fields go
 * into the mma exactly, without conversions, and each block's sums are scaled by its scale;
 * down^T is then read along k, 8 * dku inputs of a column within one block (dku 2 or 4, or 8
 * for groups of 64 and more).
 * wl=1 (with iw=1; blocks of 32 weights: GGML Q8_0/Q4_0 and the affine formats in groups of
 * 32; ku 4): a lane loads whole blocks and the words reach the lanes that use them through
 * local memory. Other formats and groups, iw=0, and H not a multiple of 128 get wl=0.
 * hp=1 (fp32, f16 or bf16 weights, or a block format with iw=1; H and I multiples of 4; other
 * plans get hp=0): the gate/up kernel's products from fp16 pairs, the f16 m16n8k16 instruction
 * (cl/mlp_mmav.cl); dhp (missing: as hp; fp32, f16 and bf16 only, else 0) the same for the down
 * kernel, with dku 2, 4 or 8. */
static fmlp_status v_configure(const fmlp_plan_desc *d, const fmlp_device *dev, fmlp_params *p)
{
    static const long pow124[] = {1, 2, 4}, pow1248[] = {1, 2, 4, 8};
    long emu = fmlp_params_get(p, "emu", 0), iw = fmlp_params_get(p, "iw", 0);
    long wg = fmlp_params_get(p, "wg", 4), fm = fmlp_params_get(p, "fm", 1);
    long fb = fmlp_params_get(p, "fb", 1), ku = fmlp_params_get(p, "ku", 2);
    long dwg = fmlp_params_get(p, "dwg", 4), dfb = fmlp_params_get(p, "dfb", 1);
    long dku = fmlp_params_get(p, "dku", 4), splits = fmlp_params_get(p, "splits", 1);
    long kw = fmlp_params_get(p, "kw", 1), dkw = fmlp_params_get(p, "dkw", 1);
    long pf = fmlp_params_get(p, "pf", 0), dpf = fmlp_params_get(p, "dpf", 0);
    long wl = fmlp_params_get(p, "wl", 0), na = fmlp_params_get(p, "na", 0);
    long hp = fmlp_params_get(p, "hp", 0), dhp = fmlp_params_get(p, "dhp", hp);
    if ((wl != 0 && wl != 1) || (hp != 0 && hp != 1) || (dhp != 0 && dhp != 1))
        return FMLP_ERROR_INVALID_PARAMETER;
    if ((emu != 0 && emu != 1) || (pf != 0 && pf != 1) || (dpf != 0 && dpf != 1) || wg < 1 ||
        wg > 16 || dwg < 1 || dwg > 16 || kw < 1 || dkw < 1 || wg % kw || dwg % dkw ||
        !fmlp_in_set(fm, pow124, 3) || !fmlp_in_set(fb, pow124, 3) ||
        !fmlp_in_set(ku, pow1248, 4) || !fmlp_in_set(dfb, pow124, 3) ||
        !fmlp_in_set(dku, pow1248, 4) || splits < 1 || splits > 64 || (iw != 0 && iw != 1))
        return FMLP_ERROR_INVALID_PARAMETER;
    const long block = (long)iw_block(d);
    if (!block) iw = 0;
    if (iw && (dku % 2 || block % (8 * dku))) return FMLP_ERROR_INVALID_PARAMETER;
    /* blocks of 32 weights (GGML, and the affine formats in groups of 32) */
    if (!iw || block != 32 || d->hidden % 128) wl = 0;
    if (wl && ku != 4) return FMLP_ERROR_INVALID_PARAMETER;
    /* the block formats: hp with iw only, and not in the down kernel */
    if (d->hidden % 4 || d->intermediate % 4) hp = dhp = 0;
    if (d->weight_dtype > FMLP_DTYPE_BF16) {
        if (!iw) hp = 0;
        dhp = 0;
    }
    if (dhp && dku % 2) return FMLP_ERROR_INVALID_PARAMETER;
    if (!emu && fmlp_nvidia_sm(dev) < 80) return FMLP_ERROR_EXTENSION_MISSING;
    fmlp_status nst = fmlp_load_hint_check(dev, na);
    if (nst != FMLP_SUCCESS) return nst;
    long most = (wg > dwg ? wg : dwg) * 32;
    if (most > (long)fmlp_device_max_wg_1d(dev))
        return FMLP_ERROR_NO_FITTING_KERNEL;
    long np = d->kind == FMLP_MLP_GATED ? 2 : 1;
    /* wl's local memory, per warp two halves of 16 rows: four blocks' value words (a block's
     * bytes less its scale fields) and 4 more */
    unsigned bw = 0, bb = 0;
    fmlp_weight_format(d->weight_dtype, d->group_size, &bw, &bb);
    const long value_bytes = (long)bb - (long)fmlp_weight_scale_bytes(d->weight_dtype);
    const long wl_row = 4 * (value_bytes / 4) + 4;
    size_t local1 = (size_t)((kw > 1 ? wg * np * fm * fb * 4 * 32 * 4 : 0) + (emu ? wg * 6 * 32 * 4 : 0) +
                             (wl ? wg * 2 * 16 * wl_row * 4 : 0));
    size_t local2 = (size_t)((dkw > 1 ? dwg * 4 * dfb * 4 * 32 * 4 : 0) + (emu ? dwg * 6 * 32 * 4 : 0));
    if (local1 > dev->info.local_mem_size || local2 > dev->info.local_mem_size)
        return FMLP_ERROR_NO_FITTING_KERNEL;
    const long vals[] = {wg, kw, fm, fb, ku, pf, dwg, dkw, dfb, dku, dpf, splits, iw, wl, na, hp, dhp, emu};
    _Static_assert(sizeof vals / sizeof *vals == sizeof v_names / sizeof *v_names - 1, "names");
    for (size_t i = 0; v_names[i]; ++i) fmlp_params_set(p, v_names[i], vals[i]);
    return FMLP_SUCCESS;
}

static void v_defines(const fmlp_plan_desc *d, const fmlp_params *p, fmlp_strbuf *sb)
{
    (void)d;
    static const char *const keys[] = {"wg",  "kw",  "fm",  "fb",  "ku",     "pf",     "dwg",
                                       "dkw", "dfb", "dku", "dpf", "splits", "splits", "iw",
                                       "wl",  "na",  "hp",  "dhp", "emu"};
    static const char *const macros[] = {"SWARPS", "SKW",        "SFM",         "SFB",
                                         "SKU",    "SPF",        "DWARPS",      "DKW",
                                         "DFB",    "DKU",        "DPF",         "MMA_SPLITS",
                                         "FMLP_SPLITS", "MMAV_IW", "MMAV_WL", "FMLP_LDNA",
                                         "MMAV_HP", "MMAV_DHP", "FMLP_MMA_EMULATE"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; ++i)
        fmlp_strbuf_printf(sb, "#define %s %ld\n", macros[i], fmlp_params_get(p, keys[i], 0));
}

static cl_int v_enqueue(const fmlp_plan *plan, const fmlp_variant *v, const fmlp_weights *w,
                        cl_command_queue q, size_t batch, const fmlp_io *io, cl_uint nwait,
                        const cl_event *wait, cl_event *event)
{
    const fmlp_plan_desc *d = &plan->desc;
    const size_t wg = P("wg"), dwg = P("dwg");
    /* each work-group covers wg / kw row groups (dwg / dkw column groups) */
    const size_t g1[2] = {fmlp_ceil_div(d->intermediate, 16 * P("fm") * (wg / P("kw"))) * wg * 32,
                          fmlp_ceil_div(batch, 8 * P("fb"))};
    const size_t l1[2] = {wg * 32, 1};
    const size_t g2[3] = {fmlp_ceil_div(d->hidden, 64 * (dwg / P("dkw"))) * dwg * 32,
                          fmlp_ceil_div(batch, 8 * P("dfb")), P("splits")};
    const size_t l2[3] = {dwg * 32, 1, 1};
    return enqueue3(plan, v, w, q, batch, io, nwait, wait, event, g1, l1, g2, l2);
}

const fmlp_strategy fmlp_strategy_mmav = {
    .name = "mmav",
    .param_names = v_names,
    .configure = v_configure,
    .defines = v_defines,
    .files = v_files,
    .kernel_names = v_kernels,
    .workspace = workspace,
    .enqueue = v_enqueue,
    .izero = 1,
};
#undef P
