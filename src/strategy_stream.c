/* "stream": the fused weight-streaming kernel for small batches (cl/mlp_stream.cl). */
#include "internal.h"

#include <stdio.h>

static const char *const names[] = {"wgs", "kl", "ti", "bt", "vw", "xc", "ch", "dp", "cu", "re", "rg", "xv", "fr", "pb", "dl", "ps", "dk", "dsp", "dc", "dw", "dr", "dg", "rs", "pu", "na", "rb", "sk", "xp", NULL};
static const char *const files[] = {"formats.cl", "reduce.cl", "mlp_stream.cl", "mlp_down.cl", NULL};
static const char *const kernels[] = {"fmlp_stream_mlp", "fmlp_reduce_splits", "fmlp_stream_down",
                                      NULL};

static long round_up(long a, long b) { return (a + b - 1) / b * b; }

static long gcd(long a, long b) { return b ? gcd(b, a % b) : a; }

/* Weights per block of the weight format: 1 for f32/f16/bf16. */
static long block_weights(const fmlp_plan_desc *d)
{
    unsigned wb = 1;
    if (fmlp_weight_format(d->weight_dtype, d->group_size, &wb, NULL) != FMLP_SUCCESS) wb = 1;
    return (long)wb;
}

/* cl/mlp_stream.cl's local arrays: the staged x chunk (padded by 4 floats a block for the
 * block formats) sharing space with the reduction scratch, and the tile; with integer dot
 * products, the chunk and the tile quantized too (20 words per run of 32). */
static size_t local_bytes(const fmlp_plan_desc *d, long wgs, long kl, long ti, long bt, long xc,
                          int dg, long rs, long vw)
{
    long np = d->kind == FMLP_MLP_GATED ? 2 : 1;
    long rpt = ti / (wgs / kl), wb = block_weights(d);
    long xs = wb > 1 ? bt * (xc / wb) * (wb + 4) : bt * xc, red = rpt * np * wgs, xq = 0;
    if (fmlp_int8_dot(d)) xq = bt * (xc / 32) * 20 + bt * (ti / 32) * 20;
    /* phase 2's row groups' sums (rs > 1) share the scratch space too */
    long scratch = xs > red ? xs : red, p2 = (rs - 1) * bt * (wgs / rs) * vw;
    if (p2 > scratch) scratch = p2;
    /* the fused rows form's lane sums (fmlp_down_rows) */
    return (size_t)(4 * (scratch + bt * ti + xq + (dg ? bt * wgs : 0)));
}

/* Two kernels (dk=1): the units of I a split of the down kernel takes, whole runs of 32 and
 * whole blocks (dsp is the split count asked for; configure stores the count this gives). */
static size_t dk_rows(const fmlp_plan_desc *d, const fmlp_params *p)
{
    const size_t wb = (size_t)block_weights(d), unit = wb > 1 ? wb : 1;
    const size_t dsp = (size_t)fmlp_params_get(p, "dsp", 1);
    return fmlp_ceil_div(fmlp_ceil_div(d->intermediate, dsp ? dsp : 1), unit) * unit;
}

/* The stream kernel's slices of I (ti units a slice): its work-groups along I. */
static size_t ti_slices(const fmlp_plan_desc *d, const fmlp_params *p)
{
    return fmlp_ceil_div(d->intermediate, (size_t)fmlp_params_get(p, "ti", 1));
}

/* The partial sums of y a row has: one a slice, or with two kernels one a split of the down
 * kernel. */
static size_t splits(const fmlp_plan_desc *d, const fmlp_params *p)
{
    const long dk = fmlp_params_get(p, "dk", 0);
    if (dk == 2) return 1; /* down as rows: whole dot products, no partial sums */
    if (dk) return fmlp_ceil_div(d->intermediate, dk_rows(d, p));
    return ti_slices(d, p);
}

/* Missing values take portable minimums that fit any device with 64 work-items and 4 KB of
 * local memory; the tuning databases hold the real choices. */
static fmlp_status configure(const fmlp_plan_desc *d, const fmlp_device *dev, fmlp_params *p)
{
    long wgs = fmlp_params_get(p, "wgs", 64), kl = fmlp_params_get(p, "kl", 8);
    long ti = fmlp_params_get(p, "ti", 0), bt = fmlp_params_get(p, "bt", 1);
    long vw = fmlp_params_get(p, "vw", 1), xc = fmlp_params_get(p, "xc", 0);
    long ch = fmlp_params_get(p, "ch", 0); /* rows per launch; 0: as the workspace cap allows */
    /* integer dot products through PTX dp4a (compute capability 6.1 on), else portable code;
     * plans without them ignore dp */
    const int dp4a = fmlp_nvidia_sm(dev) >= 61;
    long dp = fmlp_params_get(p, "dp", dp4a);
    if (dp != 0 && dp != 1) return FMLP_ERROR_INVALID_PARAMETER;
    if (!fmlp_int8_dot(d)) dp = 0;
    if (dp && !dp4a) return FMLP_ERROR_EXTENSION_MISSING;
    /* block formats: output columns a thread loads together in phase 2 */
    long cu = fmlp_params_get(p, "cu", 4);
    if (cu < 1 || cu > 8) return FMLP_ERROR_INVALID_PARAMETER;
    /* the split reduction's work-group: re outputs by rg groups of slices (powers of two);
     * 16 x 16 reads the 448 slices of Llama-3-8B at B = 1 in 7.4 us where 32 x 8 took 9.3
     * (H100, bench/scripts/gpu_reduce.sh) */
    long re = fmlp_params_get(p, "re", 16), rg = fmlp_params_get(p, "rg", 16);
    if (re < 1 || re > 1024 || (re & (re - 1)) || rg < 1 || rg > 64 || (rg & (rg - 1)))
        return FMLP_ERROR_INVALID_PARAMETER;
    /* x staged 4 inputs a thread (where H, the chunk and the block allow) or 1: on the H200,
     * 4 took 0.5-3.6 us off most formats at B = 1 but added 9 us to affine_q2 with int8 dot
     * products (the compiler kept fewer registers for phase 1; bench/PERFLOG.md) */
    long xv = fmlp_params_get(p, "xv", 4);
    if (xv != 1 && xv != 4) return FMLP_ERROR_INVALID_PARAMETER;
    /* the split reduction in the stream kernel instead of a second kernel: 0 off, 1 by as many
     * work-groups as the device has compute units (at most one a slice), N > 1 by at most N.
     * NVIDIA only: it relies on PTX fences and on work-groups being dispatched in order. */
    long fr = fmlp_params_get(p, "fr", 0);
    if (fr < 0 || fr > 65536) return FMLP_ERROR_INVALID_PARAMETER;
    /* (the two-kernel form, dk below, has no split reduction of slices to fuse) */
    if (fr && fmlp_params_get(p, "dk", 0)) return FMLP_ERROR_INVALID_PARAMETER;
    if (fr && fmlp_nvidia_sm(dev) < 60) return FMLP_ERROR_EXTENSION_MISSING;

    /* the next step's weights loaded a step ahead (held undecoded in registers meanwhile):
     * the block formats' blocks, or the fp32 and 16-bit formats' vectors, whose first loads
     * then go out before x is staged */
    long pb = fmlp_params_get(p, "pb", 0);
    if (pb != 0 && pb != 1) return FMLP_ERROR_INVALID_PARAMETER;

    /* phase 1's first xp steps of weights asked into L2 before x is staged (0 off, at most
     * 8): a PTX prefetch, so NVIDIA only, like fr */
    long xp = fmlp_params_get(p, "xp", 0);
    if (xp < 0 || xp > 8) return FMLP_ERROR_INVALID_PARAMETER;
    if (xp && fmlp_nvidia_sm(dev) < 60) return FMLP_ERROR_EXTENSION_MISSING;

    /* phase 2's first loads issued before phase 1's lane reduction: 0 off, else that many
     * rows of down^T (at most 8; the block formats load their first block row for any n) */
    long dl = fmlp_params_get(p, "dl", 0);
    if (dl < 0 || dl > 8) return FMLP_ERROR_INVALID_PARAMETER;

    /* the split partial sums stored as bf16 (half the bytes written and read back): for the
     * int8 plans only, whose error is far larger than bf16's rounding, and not with the
     * fused reduction; other plans keep fp32 */
    long ps = fmlp_params_get(p, "ps", 0);
    if (ps != 0 && ps != 1) return FMLP_ERROR_INVALID_PARAMETER;
    if (!fmlp_int8_dot(d)) ps = 0;
    if (ps && fr) return FMLP_ERROR_INVALID_PARAMETER;

    /* the block formats' exact plans with several batch rows: each 8 inputs of a batch row
     * read from local memory once for every weight row (column, in phase 2) a thread takes,
     * the weights decoded to their values first (1); 0 decodes 32 at a time and reads the
     * inputs again for each. Other plans (and bt=1) map it to 0. */
    long rb = fmlp_params_get(p, "rb", 0);
    if (rb != 0 && rb != 1) return FMLP_ERROR_INVALID_PARAMETER;

    /* several batch rows: the last tile's rows past the batch neither staged nor computed (1);
     * 0 computes them as zeros. Plans of one row map it to 0. */
    long sk = fmlp_params_get(p, "sk", 0);
    if (sk != 0 && sk != 1) return FMLP_ERROR_INVALID_PARAMETER;

    /* two kernels: phase 1 writes the activation tile, fmlp_stream_down (mlp_down.cl) streams
     * down^T in blocks of dc columns, split over I in dsp parts (1: it writes y), with dw
     * threads, dr rows of down^T loaded together (fp32 and 16-bit formats) */
    long dk = fmlp_params_get(p, "dk", 0);
    long dsp = fmlp_params_get(p, "dsp", 8), dc = fmlp_params_get(p, "dc", 128);
    long dw = fmlp_params_get(p, "dw", 256), dr = fmlp_params_get(p, "dr", 4);
    if (dk < 0 || dk > 2) return FMLP_ERROR_INVALID_PARAMETER;
    if (dk == 1 && (dsp < 1 || dsp > 1024 || dc < 1 || dc > 8192 || dw < 1 || dw > 4096 || dr < 1 ||
                    dr > 16))
        return FMLP_ERROR_INVALID_PARAMETER;
    /* dk=2: down as rows (mlp_stream.cl's fmlp_down_rows), fp32 and 16-bit weights with exact
     * products only: dc rows of down a work-group of the down kernel, dw its threads, dr lanes
     * a row (a power of two); dg=1 (NVIDIA) fuses it into this kernel after a device-wide
     * wait, with this kernel's work-groups (one per compute unit at most) */
    long dg = fmlp_params_get(p, "dg", 0);
    if (dk == 2) {
        /* 0 (as dk=0 plans print them) takes the default */
        dc = fmlp_params_get(p, "dc", 0) ? fmlp_params_get(p, "dc", 0) : 32;
        dr = fmlp_params_get(p, "dr", 0) ? fmlp_params_get(p, "dr", 0) : 32;
        if (!dw) dw = 256;
        if (dc < 1 || dc > 65536 || dw < 1 || dw > 4096 || dr < 1 || dr > 1024 || (dr & (dr - 1)) ||
            (dg != 0 && dg != 1))
            return FMLP_ERROR_INVALID_PARAMETER;
        if (block_weights(d) > 1 || fmlp_int8_dot(d)) return FMLP_ERROR_INVALID_PARAMETER;
        if (dg && fmlp_nvidia_sm(dev) < 60) return FMLP_ERROR_EXTENSION_MISSING;
    } else if (dg) {
        return FMLP_ERROR_INVALID_PARAMETER;
    }

    /* fp32 and 16-bit formats, phase 2: rs groups of threads along the slice's rows (their
     * sums added in local memory), pu rows of down^T loaded together; 1 and 1 is the plain
     * loop. Where a work-group's threads times vw exceed H (1024 threads of 8 f16 values
     * for H = 4096), one group leaves threads without columns. */
    long rs = fmlp_params_get(p, "rs", 1), pu = fmlp_params_get(p, "pu", 1);
    if (rs < 1 || rs > 16 || pu < 1 || pu > 16) return FMLP_ERROR_INVALID_PARAMETER;

    /* the weights' vector loads as PTX with cache qualifiers (fmlp_load_hint_check) */
    long na = fmlp_params_get(p, "na", 0);
    fmlp_status nst = fmlp_load_hint_check(dev, na);
    if (nst != FMLP_SUCCESS) return nst;

    long maxwg = (long)fmlp_device_max_wg_1d(dev);
    /* inconsistent values are the caller's error; values too large for the device are not */
    if (wgs < 1 || kl < 1 || bt < 1 || bt > 64 || ti < 0 || xc < 0 || ch < 0 || wgs > 4096 ||
        kl > wgs || wgs % kl)
        return FMLP_ERROR_INVALID_PARAMETER;
    if (vw != 1 && vw != 2 && vw != 4 && vw != 8) return FMLP_ERROR_INVALID_PARAMETER;
    long nrg = wgs / kl;
    if (ti == 0) ti = nrg;
    if (ti % nrg || ti / nrg > 64 || ti > 8192) return FMLP_ERROR_INVALID_PARAMETER;
    if (xc % (kl * vw)) return FMLP_ERROR_INVALID_PARAMETER;
    /* fit the work-group to the device, keeping its lanes and units per thread */
    while (wgs > maxwg && wgs % 2 == 0 && wgs / 2 >= kl && (wgs / 2) % kl == 0) {
        wgs /= 2;
        ti /= 2;
    }
    if (wgs > maxwg) return FMLP_ERROR_NO_FITTING_KERNEL;
    nrg = wgs / kl;
    while (wgs % rs) rs /= 2; /* the groups divide the (fitted) work-group */
    const long wb = block_weights(d);
    const int wide16 = d->weight_dtype == FMLP_DTYPE_F16 || d->weight_dtype == FMLP_DTYPE_BF16;
    long step;
    if (wb > 1) {
        /* block formats: a lane takes whole blocks (no vectors), a slice whole block rows */
        vw = 1;
        long unit = nrg / gcd(nrg, wb) * wb;
        ti = round_up(ti, unit);
        if (ti / nrg > 64 || ti > 8192) return FMLP_ERROR_NO_FITTING_KERNEL;
        step = kl * wb;
        /* the block loop is unrolled over units, projections, batch rows and runs of 32 in a
         * block: past 128 of them the code grows past what compilers handle (PoCL's took 22 s
         * at 256, 90 s at 512 and did not finish at 1024, for group-128 weights whose rounding
         * gave 16 units a thread): fewer batch rows a tile then */
        while (bt > 1 && (ti / nrg) * (d->kind == FMLP_MLP_GATED ? 2 : 1) * bt * (wb / 32) > 128)
            bt = (bt + 1) / 2;
    } else {
        /* 8 (one 16-byte load) is for the 16-bit formats, fp32 takes 4 (16 bytes too) */
        if (vw == 8 && !wide16) vw = 4;
        while ((long)d->hidden % vw) vw /= 2; /* vector loads need H to be a multiple of vw */
        while (dk == 2 && (long)d->intermediate % vw) vw /= 2; /* and the rows of down, I */
        /* pairs exist for fp32 only; other formats take 4 (blocks hold multiples of 4) or 1 */
        if (vw == 2 && (d->weight_dtype != FMLP_DTYPE_F32 || d->act_dtype != FMLP_DTYPE_F32))
            vw = 1;
        step = kl * vw;
    }
    if (xc == 0 || xc % step) xc = round_up(xc ? xc : step, step);
    if (xc > round_up((long)d->hidden, step)) xc = round_up((long)d->hidden, step);
    /* phase 2 is in this kernel for dk=0 only, and the block formats have their own (cu) */
    if (wb > 1 || dk) rs = pu = 1;
    /* shrink the staged x chunk, then the batch tile, until local memory fits */
    while (local_bytes(d, wgs, kl, ti, bt, xc, dk == 2 && dg, rs, vw) > dev->info.local_mem_size) {
        if (xc > step && (xc / 2) % step == 0) xc /= 2;
        else if (bt > 1) bt = (bt + 1) / 2;
        else return FMLP_ERROR_NO_FITTING_KERNEL;
    }
    fmlp_params_set(p, "wgs", wgs);
    fmlp_params_set(p, "kl", kl);
    fmlp_params_set(p, "ti", ti);
    fmlp_params_set(p, "bt", bt);
    fmlp_params_set(p, "vw", vw);
    fmlp_params_set(p, "xc", xc);
    fmlp_params_set(p, "ch", ch);
    fmlp_params_set(p, "dp", dp);
    fmlp_params_set(p, "cu", wb > 1 ? cu : 1);
    fmlp_params_set(p, "re", re);
    fmlp_params_set(p, "rg", rg);
    fmlp_params_set(p, "xv", xv);
    fmlp_params_set(p, "pb", pb);
    fmlp_params_set(p, "dl", dk ? 0 : wb > 1 ? (dl > 0) : (dl < ti ? dl : ti));
    fmlp_params_set(p, "ps", ps);
    fmlp_params_set(p, "rs", rs);
    fmlp_params_set(p, "pu", pu);
    fmlp_params_set(p, "na", na);
    fmlp_params_set(p, "rb", wb > 1 && bt > 1 && !fmlp_int8_dot(d) ? rb : 0);
    fmlp_params_set(p, "sk", bt > 1 ? sk : 0);
    fmlp_params_set(p, "xp", xp);
    if (dk == 2) {
        if (dg) {
            /* every slice resident at once: no more work-groups than compute units, one batch
             * tile a launch (chunk_rows) */
            if ((long)ti_slices(d, p) > (long)dev->info.compute_units)
                return FMLP_ERROR_NO_FITTING_KERNEL;
            dw = wgs;
            while (dw % dr) dr /= 2; /* the lanes of a row divide the work-group */
        }
        if (dw > maxwg) dw = maxwg;
        if (dr > dw) dr = dw;
        dw = dw / dr * dr;
        if (dc > (long)d->hidden) dc = (long)d->hidden;
        /* the down kernel's staged tile chunk (xc units a batch row) and lane sums */
        if ((size_t)(4 * bt * (xc + dw)) > dev->info.local_mem_size)
            return FMLP_ERROR_NO_FITTING_KERNEL;
        dsp = 0;
    } else if (dk) {
        /* columns a thread of the down kernel takes: cu blocks, or vw values side by side */
        const long unit = wb > 1 ? cu : vw;
        dc = round_up(dc, unit);
        if (dc > round_up((long)d->hidden, unit)) dc = round_up((long)d->hidden, unit);
        const long dct = dc / unit; /* column threads; the rest of dw are row groups */
        if (dct > maxwg) return FMLP_ERROR_NO_FITTING_KERNEL;
        if (dw > maxwg) dw = maxwg;
        dw = dw < dct ? dct : dw / dct * dct;
        /* the row groups' sums in local memory */
        while (dw > dct && (size_t)(4 * (dw / dct) * bt * dc) > dev->info.local_mem_size)
            dw -= dct;
        if ((size_t)(4 * bt * dc) > dev->info.local_mem_size) return FMLP_ERROR_NO_FITTING_KERNEL;
        fmlp_params_set(p, "dsp", dsp);
        dsp = (long)splits(d, p); /* the count whole runs and blocks give */
        if (wb > 1) dr = 1;
    } else {
        dsp = dc = dw = dr = 0;
    }
    fmlp_params_set(p, "dg", dk == 2 ? dg : 0);
    fmlp_params_set(p, "dk", dk);
    fmlp_params_set(p, "dsp", dsp);
    fmlp_params_set(p, "dc", dc);
    fmlp_params_set(p, "dw", dw);
    fmlp_params_set(p, "dr", dr);
    if (fr) {
        const long slices = (long)splits(d, p); /* ti is set above */
        const long cus = (long)dev->info.compute_units;
        if (wgs % 32) return FMLP_ERROR_NO_FITTING_KERNEL;
        if (fr == 1 || fr > cus) fr = cus;
        if (fr > slices) fr = slices;
        if (slices == 1) fr = 0; /* one slice writes y itself */
    }
    fmlp_params_set(p, "fr", fr);
    return FMLP_SUCCESS;
}

static void defines(const fmlp_plan_desc *d, const fmlp_params *p, fmlp_strbuf *sb)
{
    fmlp_strbuf_printf(sb, "#define WGS %ld\n#define KL %ld\n#define TI %ld\n#define BT %ld\n"
                           "#define VW %ld\n#define XC %ld\n#define FMLP_SPLITS %zu\n",
                       fmlp_params_get(p, "wgs", 0), fmlp_params_get(p, "kl", 0),
                       fmlp_params_get(p, "ti", 0), fmlp_params_get(p, "bt", 0),
                       fmlp_params_get(p, "vw", 0), fmlp_params_get(p, "xc", 0), splits(d, p));
    fmlp_strbuf_printf(sb, "#define FMLP_XQ %d\n#define FMLP_DP4A %ld\n#define DCU %ld\n#define XV %ld\n",
                       fmlp_int8_dot(d), fmlp_params_get(p, "dp", 0),
                       fmlp_params_get(p, "cu", 1), fmlp_params_get(p, "xv", 4));
    fmlp_strbuf_printf(sb, "#define FR_WGS %ld\n#define PB %ld\n#define DL %ld\n#define PART_BF16 %ld\n",
                       fmlp_params_get(p, "fr", 0), fmlp_params_get(p, "pb", 0),
                       fmlp_params_get(p, "dl", 0), fmlp_params_get(p, "ps", 0));
    fmlp_strbuf_printf(sb, "#define RS %ld\n#define PU %ld\n#define FMLP_LDNA %ld\n#define RB %ld\n",
                       fmlp_params_get(p, "rs", 1), fmlp_params_get(p, "pu", 1),
                       fmlp_params_get(p, "na", 0), fmlp_params_get(p, "rb", 0));
    fmlp_strbuf_printf(sb, "#define SK %ld\n#define XP %ld\n", fmlp_params_get(p, "sk", 0),
                       fmlp_params_get(p, "xp", 0));
    const long dk = fmlp_params_get(p, "dk", 0);
    if (dk == 2)
        fmlp_strbuf_printf(sb, "#define DK 2\n#define DT %ld\n#define RL %ld\n#define DRR %ld\n"
                               "#define DG %ld\n#define DG_SLICES %zu\n",
                           fmlp_params_get(p, "dw", 0), fmlp_params_get(p, "dr", 0),
                           fmlp_params_get(p, "dc", 0), fmlp_params_get(p, "dg", 0),
                           ti_slices(d, p));
    else if (dk)
        fmlp_strbuf_printf(sb, "#define DK 1\n#define DC %ld\n#define DW %ld\n#define DR %ld\n"
                               "#define DKS %zu\n",
                           fmlp_params_get(p, "dc", 0), fmlp_params_get(p, "dw", 0),
                           fmlp_params_get(p, "dr", 0), dk_rows(d, p));
}

static int down_layout(const fmlp_params *p)
{
    return fmlp_params_get(p, "dk", 0) == 2 ? FMLP_DOWN_ROWS : FMLP_DOWN_T;
}

/* The partial sums of every slice for every row would grow with the batch without bound
 * (224 slices x 4096 rows x H=4096 is 15 GB), so large batches run in chunks of rows whose
 * partial sums fit 128 MB, the least allocation OpenCL guarantees; in whole batch tiles where
 * a tile fits. Each chunk reads the weights as the whole batch would (once per batch tile). */
#define WORKSPACE_CAP ((size_t)128 << 20)

/* Bytes of one partial sum: fp32, or bf16 with ps=1 (mlp_stream.cl's PART_BF16). */
static size_t part_bytes(const fmlp_params *p) { return fmlp_params_get(p, "ps", 0) ? 2 : 4; }

/* Two kernels: the bytes of one batch row's activation tile in the workspace (fp32, or
 * quantized runs of HG_PITCH = 12 words, mlp_stream.cl), and where the partial sums start. */
static size_t h_row_bytes(const fmlp_plan_desc *d)
{
    return fmlp_int8_dot(d) ? d->intermediate / 32 * 48 : d->intermediate * 4;
}

static size_t h_bytes(const fmlp_plan_desc *d, size_t rows)
{
    return fmlp_ceil_div(rows * h_row_bytes(d), 256) * 256;
}

static size_t chunk_rows(const fmlp_plan_desc *d, const fmlp_params *p)
{
    const int dk = fmlp_params_get(p, "dk", 0) != 0;
    const size_t s = splits(d, p);
    const size_t parts = s * d->hidden * part_bytes(p);
    const size_t row = dk ? h_row_bytes(d) + (s > 1 ? parts : 0) : parts;
    const size_t bt = (size_t)fmlp_params_get(p, "bt", 1);
    const size_t ch = (size_t)fmlp_params_get(p, "ch", 0); /* a smaller chunk, if given */
    /* the fused rows form: one batch tile a launch, its slices all resident */
    if (fmlp_params_get(p, "dg", 0)) return ch && ch < bt ? ch : bt;
    size_t rows = WORKSPACE_CAP / row;
    if (rows == 0) rows = 1;
    if (rows >= bt) rows -= rows % bt;
    return ch && ch < rows ? ch : rows;
}

static size_t workspace(const fmlp_plan_desc *d, const fmlp_params *p, size_t batch)
{
    size_t s = splits(d, p), rows = chunk_rows(d, p);
    if (batch > rows) batch = rows;
    const size_t parts = s == 1 ? 0 : s * batch * d->hidden * part_bytes(p);
    return fmlp_params_get(p, "dk", 0) ? h_bytes(d, batch) + parts : parts;
}

/* The fused reduction's counters (two per batch tile of a launch), created and zeroed on the
 * first launch, and the wait that keeps launches sharing them in order. On the in-order queue
 * that ran the previous launch, queue order is enough: no event is made (one a launch cost
 * NVIDIA's driver time at every launch; bench/PERFLOG.md, forty-third session). On another
 * queue, a launch waits for a marker enqueued on the previous one, which completes once
 * everything enqueued there has; on an out-of-order queue, for the previous launch's own
 * event. Called under the plan's lock, which guards the variant's counter fields. */
static cl_int counters_ready(const fmlp_plan *plan, fmlp_variant *v, cl_command_queue q,
                             fmlp_seq *seq, size_t tiles)
{
    if (!v->counters) {
        cl_int err = CL_SUCCESS;
        const size_t bytes = 2 * tiles * sizeof(cl_uint);
        v->counters = clCreateBuffer(plan->ctx->cl_ctx, CL_MEM_READ_WRITE, bytes, NULL, &err);
        if (!v->counters) return err ? err : CL_MEM_OBJECT_ALLOCATION_FAILURE;
        v->ncounters = 2 * tiles;
        const cl_uint zero = 0;
        cl_event filled = NULL;
        err = clEnqueueFillBuffer(q, v->counters, &zero, sizeof zero, 0, bytes, seq->nwait,
                                  seq->wait, &filled);
        if (err != CL_SUCCESS) {
            clReleaseMemObject(v->counters);
            v->counters = NULL;
            return err;
        }
        v->counters_last = filled; /* the first launch waits for the zeroing */
    }
    if (2 * tiles > v->ncounters) return CL_INVALID_VALUE; /* the launches are fixed per variant */
    if (v->counters_queue && v->counters_queue != q && !v->counters_last) {
        /* the previous launch was on another in-order queue, with no event kept */
        cl_int err = clEnqueueMarkerWithWaitList(v->counters_queue, 0, NULL, &v->counters_last);
        if (err != CL_SUCCESS) return err;
        /* the marker must reach the device even if that queue is never flushed again */
        if ((err = clFlush(v->counters_queue)) != CL_SUCCESS) return err;
    }
    if (v->counters_last && (q != v->counters_queue || seq->out_of_order))
        seq->extra = v->counters_last;
    return CL_SUCCESS;
}

/* After a launch that used the counters: remember its queue, and its event (NULL when the
 * launch made none: an in-order queue). */
static void counters_used(fmlp_variant *v, cl_command_queue q, cl_event ev)
{
    if (v->counters_last) clReleaseEvent(v->counters_last);
    v->counters_last = ev;
    if (v->counters_queue != q) {
        if (v->counters_queue) clReleaseCommandQueue(v->counters_queue);
        clRetainCommandQueue(q);
        v->counters_queue = q;
    }
}

/* A launch of the stream kernel k that shares the variant's counters (the fused reduction,
 * fr, and the fused rows form, dg): counters for `tiles` batch tiles, y's offset and the
 * counters as its arguments 12 and 13; on an out-of-order queue the launch's event is kept
 * for the next one that uses them. */
static cl_int launch_counted(const fmlp_plan *plan, const fmlp_variant *v, cl_command_queue q,
                             fmlp_seq *seq, cl_kernel k, size_t tiles, cl_ulong y_off,
                             const size_t *global, const size_t *local, int last)
{
    fmlp_variant *mv = (fmlp_variant *)v; /* the counters: under the plan's lock */
    cl_event ev = NULL;
    cl_int err = counters_ready(plan, mv, q, seq, tiles);
    if (err == CL_SUCCESS && (FMLP_ARG(k, 12, y_off) || FMLP_ARG(k, 13, mv->counters)))
        err = CL_INVALID_ARG_VALUE;
    if (err == CL_SUCCESS) {
        if (seq->out_of_order) seq->keep = &ev;
        err = fmlp_seq_launch(seq, k, 2, global, local, last);
    }
    if (err == CL_SUCCESS) counters_used(mv, q, ev);
    seq->extra = NULL;
    seq->keep = NULL;
    return err;
}

/* The stream kernel's arguments other than the chunk's (x_off, out_off, rows): x, the
 * weights and biases, and where it writes (y, the workspace's partial sums or, with two
 * kernels, its tile). */
static cl_int stream_args(cl_kernel k, const fmlp_io *io, const fmlp_weights *w, cl_mem out)
{
    cl_int err = 0;
    err |= FMLP_ARG(k, 0, io->x);
    err |= FMLP_ARG(k, 2, w->gate);
    err |= FMLP_ARG(k, 3, w->up);
    err |= FMLP_ARG(k, 4, w->down_t);
    err |= FMLP_ARG(k, 5, w->b_gate);
    err |= FMLP_ARG(k, 6, w->b_up);
    err |= FMLP_ARG(k, 7, w->b_down);
    err |= FMLP_ARG(k, 8, out);
    return err;
}

/* reduce.cl's launch for a chunk of nb rows whose outputs start at y_off. */
static cl_int reduce_chunk(fmlp_seq *seq, cl_kernel r, const fmlp_plan *plan,
                           const fmlp_params *p, cl_ulong y_off, size_t nb, int last)
{
    cl_int nbi = (cl_int)nb;
    if (FMLP_ARG(r, 4, y_off) || FMLP_ARG(r, 5, nbi)) return CL_INVALID_ARG_VALUE;
    return fmlp_reduce_launch(seq, r, plan, p, nb, last);
}

/* Two kernels per chunk of rows: phase 1 writes the tile to the workspace's start, and
 * fmlp_stream_down reads it: down^T split over I (dk=1), writing y (one split) or the partial
 * sums after the tiles, which reduce.cl adds up; or whole rows of down (dk=2), writing y. Or,
 * for dk=2 with dg=1, the stream kernel does both, one batch tile a launch, its counters as the
 * fused reduction's. Both down kernels take (tiles, weights, down bias, out, its offset, rows);
 * dk=1's has the splits as its second dimension. */
static cl_int enqueue_two(const fmlp_plan *plan, const fmlp_variant *v, const fmlp_weights *w,
                          cl_command_queue q, size_t batch, const fmlp_io *io, cl_uint nwait,
                          const cl_event *wait, cl_event *event)
{
    const fmlp_plan_desc *d = &plan->desc;
    const fmlp_params *p = &v->params;
    const int rows_form = fmlp_params_get(p, "dk", 0) == 2;
    const int fused = rows_form && fmlp_params_get(p, "dg", 0) != 0;
    const size_t s = splits(d, p), rows = chunk_rows(d, p); /* 1 for the rows form */
    const size_t slices = ti_slices(d, p);
    const size_t wgs = (size_t)fmlp_params_get(p, "wgs", 0), bt = (size_t)fmlp_params_get(p, "bt", 0);
    const size_t dc = (size_t)fmlp_params_get(p, "dc", 0), dw = (size_t)fmlp_params_get(p, "dw", 0);
    /* the partial sums start after the tiles of a whole chunk (workspace() sizes the same) */
    const cl_ulong p_off = h_bytes(d, batch < rows ? batch : rows) / part_bytes(p);
    cl_kernel k = v->kernels[0], r = v->kernels[1], dn = v->kernels[2];
    cl_ulong zero = 0;
    cl_int err = stream_args(k, io, w, io->workspace);
    err |= FMLP_ARG(k, 9, zero);
    if (fused) {
        err |= FMLP_ARG(k, 11, io->y);
        err |= FMLP_ARG(k, 14, w->down);
    } else {
        cl_mem weights = rows_form ? w->down : w->down_t, out = s > 1 ? io->workspace : io->y;
        err |= FMLP_ARG(dn, 0, io->workspace);
        err |= FMLP_ARG(dn, 1, weights);
        err |= FMLP_ARG(dn, 2, w->b_down);
        err |= FMLP_ARG(dn, 3, out);
        if (s > 1) {
            err |= FMLP_ARG(dn, 4, p_off);
            err |= fmlp_set_reduce_args(r, io, w, p_off);
        }
    }
    if (err) return CL_INVALID_ARG_VALUE;
    fmlp_seq seq;
    if ((err = fmlp_seq_begin(&seq, q, nwait, wait, event)) != CL_SUCCESS) return err;
    for (size_t b0 = 0; b0 < batch && err == CL_SUCCESS; b0 += rows) {
        const size_t nb = batch - b0 < rows ? batch - b0 : rows;
        const int last = b0 + nb == batch;
        cl_ulong x_off = io->x_elem + b0 * d->hidden, y_off = io->y_elem + b0 * d->hidden;
        cl_int nbi = (cl_int)nb;
        err |= FMLP_ARG(k, 1, x_off);
        err |= FMLP_ARG(k, 10, nbi);
        if (!fused) {
            err |= FMLP_ARG(dn, 5, nbi);
            if (s == 1) err |= FMLP_ARG(dn, 4, y_off);
        }
        if (err) {
            err = CL_INVALID_ARG_VALUE;
            break;
        }
        const size_t tiles = fmlp_ceil_div(nb, bt);
        size_t g1[2] = {slices * wgs, tiles}, l1[2] = {wgs, 1};
        if (fused) {
            err = launch_counted(plan, v, q, &seq, k, tiles, y_off, g1, l1, last);
            continue;
        }
        err = fmlp_seq_launch(&seq, k, 2, g1, l1, 0);
        const size_t cols = fmlp_ceil_div(d->hidden, dc) * dw;
        size_t g2[3] = {cols, rows_form ? tiles : s, tiles}, l2[3] = {dw, 1, 1};
        if (err == CL_SUCCESS)
            err = fmlp_seq_launch(&seq, dn, rows_form ? 2 : 3, g2, l2, s == 1 && last);
        if (err == CL_SUCCESS && s > 1) err = reduce_chunk(&seq, r, plan, p, y_off, nb, last);
    }
    fmlp_seq_end(&seq);
    return err;
}

static cl_int enqueue(const fmlp_plan *plan, const fmlp_variant *v, const fmlp_weights *w,
                      cl_command_queue q, size_t batch, const fmlp_io *io, cl_uint nwait,
                      const cl_event *wait, cl_event *event)
{
    if (fmlp_params_get(&v->params, "dk", 0))
        return enqueue_two(plan, v, w, q, batch, io, nwait, wait, event);
    const fmlp_plan_desc *d = &plan->desc;
    const size_t s = splits(d, &v->params);
    const size_t wgs = (size_t)fmlp_params_get(&v->params, "wgs", 0);
    const size_t bt = (size_t)fmlp_params_get(&v->params, "bt", 0);
    const size_t rows = s == 1 ? batch : chunk_rows(d, &v->params);
    cl_kernel k = v->kernels[0], r = v->kernels[1];
    const int fused = s > 1 && fmlp_params_get(&v->params, "fr", 0) > 0;
    cl_ulong zero = 0;
    cl_mem out = s == 1 ? io->y : io->workspace;
    cl_int err = stream_args(k, io, w, out);
    if (fused) {
        err |= FMLP_ARG(k, 11, io->y);
    } else if (s > 1) {
        err |= fmlp_set_reduce_args(r, io, w, zero);
    }
    if (err) return CL_INVALID_ARG_VALUE;
    fmlp_seq seq;
    if ((err = fmlp_seq_begin(&seq, q, nwait, wait, event)) != CL_SUCCESS) return err;
    /* chunks of rows in order; in-order through fmlp_seq, so the workspace is reused */
    for (size_t b0 = 0; b0 < batch && err == CL_SUCCESS; b0 += rows) {
        const size_t nb = batch - b0 < rows ? batch - b0 : rows;
        const int last = b0 + nb == batch;
        cl_ulong x_off = io->x_elem + b0 * d->hidden, y_off = io->y_elem + b0 * d->hidden;
        cl_int nbi = (cl_int)nb;
        err |= FMLP_ARG(k, 1, x_off);
        err |= s == 1 ? FMLP_ARG(k, 9, y_off) : FMLP_ARG(k, 9, zero);
        err |= FMLP_ARG(k, 10, nbi);
        if (err) {
            err = CL_INVALID_ARG_VALUE;
            break;
        }
        size_t global[2] = {s * wgs, fmlp_ceil_div(nb, bt)}, local[2] = {wgs, 1};
        if (fused) {
            err = launch_counted(plan, v, q, &seq, k, fmlp_ceil_div(rows, bt), y_off, global,
                                 local, last);
            continue;
        }
        err = fmlp_seq_launch(&seq, k, 2, global, local, s == 1 && last);
        if (err == CL_SUCCESS && s > 1)
            err = reduce_chunk(&seq, r, plan, &v->params, y_off, nb, last);
    }
    fmlp_seq_end(&seq);
    return err;
}

const fmlp_strategy fmlp_strategy_stream = {
    .name = "stream",
    .param_names = names,
    .configure = configure,
    .defines = defines,
    .files = files,
    .kernel_names = kernels,
    .workspace = workspace,
    .enqueue = enqueue,
    .down_layout = down_layout,
};
