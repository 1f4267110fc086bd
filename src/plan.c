/* Plans: validate an MLP description, choose a kernel variant for every batch size up to
 * max_batch (from min_batch) from the tuning databases (and overrides), and build them. */
#include "internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int fmlp_tuning_candidates(const fmlp_context *ctx, const fmlp_plan_desc *desc, long batch,
                           fmlp_params *out, int max); /* tuning_lookup.c */

#define MAX_CANDIDATES 8 /* a batch range's candidates: the databases' best seven, then defaults */

void fmlp_plan_desc_init(fmlp_plan_desc *desc)
{
    if (!desc) return;
    memset(desc, 0, sizeof *desc);
    desc->kind = FMLP_MLP_GATED;
    desc->activation = FMLP_ACT_SILU;
    desc->biases = FMLP_BIAS_NONE;
    desc->act_dtype = FMLP_DTYPE_F32;
    desc->weight_dtype = FMLP_DTYPE_F32;
    desc->max_batch = 1;
    desc->min_batch = 1;
}

/* Dtype combinations: activations F32, F16 or BF16; weights in any format, whose blocks must
 * tile the rows of every matrix (gate and up rows are H long, down rows I long). */
static fmlp_status check_dtypes(const fmlp_plan_desc *d)
{
    unsigned block = 0;
    if ((unsigned)d->act_dtype > FMLP_DTYPE_AFFINE_Q8) return FMLP_ERROR_INVALID_ENUM;
    fmlp_status st = fmlp_weight_format(d->weight_dtype, d->group_size, &block, NULL);
    if (st != FMLP_SUCCESS) return st;
    /* activations are never quantized */
    if (d->act_dtype > FMLP_DTYPE_BF16) return FMLP_ERROR_UNSUPPORTED_DTYPE;
    if (d->hidden % block || d->intermediate % block) return FMLP_ERROR_INVALID_SIZE;
    return FMLP_SUCCESS;
}

int fmlp_int8_dot(const fmlp_plan_desc *d)
{
    if (d->precision != FMLP_PRECISION_INT8_DOT) return 0;
    switch (d->weight_dtype) {
    case FMLP_DTYPE_Q8_0:
    case FMLP_DTYPE_Q4_0:
    case FMLP_DTYPE_AFFINE_Q2:
    case FMLP_DTYPE_AFFINE_Q3:
    case FMLP_DTYPE_AFFINE_Q4:
    case FMLP_DTYPE_AFFINE_Q8: return 1;
    default: return 0;
    }
}

static fmlp_status validate(const fmlp_plan_desc *d, const fmlp_device *dev)
{
    if ((unsigned)d->kind > FMLP_MLP_GATED || (unsigned)d->activation > FMLP_ACT_RELU2 ||
        (unsigned)d->precision > FMLP_PRECISION_INT8_DOT)
        return FMLP_ERROR_INVALID_ENUM;
    if (d->hidden == 0 || d->intermediate == 0 || d->max_batch == 0) return FMLP_ERROR_INVALID_SIZE;
    if (d->hidden > INT_MAX / 4 || d->intermediate > INT_MAX / 4 || d->max_batch > INT_MAX / 4)
        return FMLP_ERROR_INVALID_SIZE;
    if (d->min_batch > d->max_batch) return FMLP_ERROR_INVALID_SIZE;
    if (d->accumulate != 0 && d->accumulate != 1) return FMLP_ERROR_INVALID_ENUM;
    if (d->biases & ~(FMLP_BIAS_GATE | FMLP_BIAS_UP | FMLP_BIAS_DOWN)) return FMLP_ERROR_INVALID_ENUM;
    if (d->kind == FMLP_MLP_PLAIN && (d->biases & FMLP_BIAS_GATE)) return FMLP_ERROR_UNEXPECTED_WEIGHT;
    fmlp_status st = check_dtypes(d);
    if (st != FMLP_SUCCESS) return st;
    /* each packed weight matrix is one allocation */
    size_t bytes = 0;
    if (fmlp_weight_bytes(d->weight_dtype, d->group_size, d->intermediate, d->hidden, &bytes) !=
            FMLP_SUCCESS ||
        bytes > dev->info.max_alloc_size)
        return FMLP_ERROR_DEVICE_LIMIT;
    return FMLP_SUCCESS;
}

int fmlp_q3_grouped(const fmlp_plan_desc *d)
{
    return d->weight_dtype == FMLP_DTYPE_AFFINE_Q3 && fmlp_int8_dot(d);
}

int fmlp_x_vectors(const fmlp_plan_desc *d, const fmlp_device *dev)
{
    return d->hidden % 4 == 0 && dev->base_align_bits >= 128;
}

static void op_defines(const fmlp_plan_desc *d, const fmlp_device *dev, fmlp_strbuf *sb)
{
    fmlp_strbuf_printf(sb, "#define FMLP_XW_OK %d\n", fmlp_x_vectors(d, dev));
    fmlp_strbuf_printf(sb,
                       "#define FMLP_H %zu\n#define FMLP_I %zu\n#define FMLP_GATED %d\n"
                       "#define FMLP_ACT %d\n#define FMLP_HAS_BG %d\n#define FMLP_HAS_BU %d\n"
                       "#define FMLP_HAS_BD %d\n#define FMLP_WT %d\n#define FMLP_AT %d\n"
                       "#define FMLP_GS %u\n#define FMLP_Q3G %d\n#define FMLP_ACC %d\n",
                       d->hidden, d->intermediate, d->kind == FMLP_MLP_GATED, (int)d->activation,
                       !!(d->biases & FMLP_BIAS_GATE), !!(d->biases & FMLP_BIAS_UP),
                       !!(d->biases & FMLP_BIAS_DOWN), (int)d->weight_dtype, (int)d->act_dtype,
                       d->group_size ? d->group_size : 32u, fmlp_q3_grouped(d), d->accumulate);
}

size_t fmlp_nv_log_threads(const char *log, const char *kernel, size_t device_max)
{
    char key[160];
    if (!log || !kernel || snprintf(key, sizeof key, "ptx entry '%s' threads ", kernel) >= (int)sizeof key)
        return 0;
    const char *at = strstr(log, key);
    if (at) { /* from the PTX (program.c): ptxas had to fit that many */
        char *end = NULL;
        const unsigned long t = strtoul(at + strlen(key), &end, 10);
        if (end == at + strlen(key) || t == 0) return 0;
        return t < device_max ? (size_t)t : device_max;
    }
    snprintf(key, sizeof key, "entry function '%s'", kernel);
    at = strstr(log, key);
    if (!at) return 0;
    at += strlen(key);
    const char *next = strstr(at, "entry function '"); /* the next kernel's report */
    const char *used = strstr(at, "Used ");
    if (!used || (next && used > next)) return 0;
    char *end = NULL;
    const long regs = strtol(used + 5, &end, 10);
    if (end == used + 5 || regs < 1 || regs > 255 || strncmp(end, " registers", 10) != 0) return 0;
    /* registers go to warps in units of 256 (8 a thread); an SM, and so a work-group, has
     * 65536 of them */
    const size_t per_warp = (size_t)(regs * 32 + 255) / 256 * 256;
    const size_t threads = 65536 / per_warp * 32;
    return threads < device_max ? threads : device_max;
}

/* NVIDIA's OpenCL driver (580) reports a work-group size of 256 for every kernel, even a
 * trivial one, yet runs the kernels' compiled 512 and 1024 (bench/scripts/wgsize.c,
 * bench/results/2026-11-27-h200-s13-wg). What does limit a work-group there is the registers
 * a thread uses, which ptxas writes into the build log (-cl-nv-verbose; program.c keeps
 * those lines with the program, and in its disk cache entry, since a program built from a
 * cached binary has none in its log): the limit they allow, or the reported one where the
 * counts are missing. */
static size_t nvidia_threads(fmlp_context *ctx, cl_kernel k, size_t reported)
{
    cl_program prog = NULL;
    char name[128] = "";
    if (clGetKernelInfo(k, CL_KERNEL_PROGRAM, sizeof prog, &prog, NULL) != CL_SUCCESS ||
        clGetKernelInfo(k, CL_KERNEL_FUNCTION_NAME, sizeof name - 1, name, NULL) != CL_SUCCESS)
        return reported;
    name[sizeof name - 1] = '\0';
    const size_t threads = fmlp_nv_log_threads(fmlp_program_registers(ctx, prog), name,
                                               ctx->dev.info.max_work_group_size);
    return threads > reported ? threads : reported;
}

/* Every kernel must accept its compiled work-group size and local memory on this device. A
 * kernel that does not is named in the context's build log with the numbers that ruled it out
 * (`flashmlp run --build-log`). */
static int kernels_fit(fmlp_context *ctx, const cl_kernel *kernels)
{
    for (int i = 0; i < FMLP_MAX_KERNELS && kernels[i]; ++i) {
        size_t reqd[3] = {0, 0, 0}, maxwg = 0;
        cl_ulong local = 0, priv = 0;
        cl_device_id dev = ctx->dev.device;
        if (clGetKernelWorkGroupInfo(kernels[i], dev, CL_KERNEL_COMPILE_WORK_GROUP_SIZE,
                                     sizeof reqd, reqd, NULL) != CL_SUCCESS ||
            clGetKernelWorkGroupInfo(kernels[i], dev, CL_KERNEL_WORK_GROUP_SIZE, sizeof maxwg,
                                     &maxwg, NULL) != CL_SUCCESS ||
            clGetKernelWorkGroupInfo(kernels[i], dev, CL_KERNEL_LOCAL_MEM_SIZE, sizeof local,
                                     &local, NULL) != CL_SUCCESS)
            return 0;
        size_t threads = reqd[0] * (reqd[1] ? reqd[1] : 1) * (reqd[2] ? reqd[2] : 1);
        if (threads > maxwg && fmlp_nvidia_sm(&ctx->dev) > 0)
            maxwg = nvidia_threads(ctx, kernels[i], maxwg);
        if (threads > maxwg || local > ctx->dev.info.local_mem_size) {
            char name[128] = "?", note[512];
            clGetKernelInfo(kernels[i], CL_KERNEL_FUNCTION_NAME, sizeof name - 1, name, NULL);
            name[sizeof name - 1] = '\0';
            clGetKernelWorkGroupInfo(kernels[i], dev, CL_KERNEL_PRIVATE_MEM_SIZE, sizeof priv,
                                     &priv, NULL);
            snprintf(note, sizeof note,
                     "flashmlp: %s does not fit: %zu work-items, the compiled kernel allows %zu; "
                     "local memory %llu of %llu bytes; private memory %llu bytes\n",
                     name, threads, maxwg, (unsigned long long)local,
                     (unsigned long long)ctx->dev.info.local_mem_size, (unsigned long long)priv);
            fmlp_build_log_note(ctx, note);
            return 0;
        }
    }
    return 1;
}

static void variant_clear(fmlp_variant *v)
{
    for (int i = 0; i < FMLP_MAX_KERNELS; ++i) {
        if (v->kernels[i]) clReleaseKernel(v->kernels[i]);
        if (v->kernels_iz[i]) clReleaseKernel(v->kernels_iz[i]);
    }
    if (v->program) clReleaseProgram(v->program);
    if (v->program_iz) clReleaseProgram(v->program_iz);
    if (v->counters) clReleaseMemObject(v->counters);
    if (v->counters_last) clReleaseEvent(v->counters_last);
    if (v->counters_queue) clReleaseCommandQueue(v->counters_queue);
    memset(v->kernels, 0, sizeof v->kernels);
    memset(v->kernels_iz, 0, sizeof v->kernels_iz);
    v->program = NULL;
    v->program_iz = NULL;
    v->counters = NULL;
    v->ncounters = 0;
    v->counters_last = NULL;
    v->counters_queue = NULL;
}

/* What a program's defines gain for its second build, of integer zero points (FMLP_IZ). */
#define IZ_DEFINE "#define FMLP_IZ 1\n"

/* Configure candidate p (in place) and write its program's defines into sb; *s its strategy,
 * *iz whether it takes a second build with IZ_DEFINE (the affine formats with iw=1: integer
 * zero points). */
static fmlp_status variant_text(const fmlp_plan_desc *desc, const fmlp_device *dev,
                                fmlp_params *p, fmlp_strbuf *sb, const fmlp_strategy **s,
                                int *iz)
{
    if (!(*s = fmlp_strategy_find(p->strategy))) return FMLP_ERROR_INTERNAL;
    fmlp_status st = (*s)->configure(desc, dev, p);
    if (st != FMLP_SUCCESS) return st;
    op_defines(desc, dev, sb);
    (*s)->defines(desc, p, sb);
    fmlp_reduce_defines(dev, p, sb); /* for the strategies that include reduce.cl */
    *iz = (*s)->izero && fmlp_params_get(p, "iw", 0) == 1 &&
          desc->weight_dtype >= FMLP_DTYPE_AFFINE_Q2;
    return sb->failed ? FMLP_ERROR_OUT_OF_HOST_MEMORY : FMLP_SUCCESS;
}

static int count_files(const fmlp_strategy *s)
{
    int n = 0;
    while (s->files[n]) ++n;
    return n;
}

fmlp_status fmlp_variant_program_text(const fmlp_plan_desc *desc, const fmlp_device *dev,
                                      const char *params, int iz, fmlp_strbuf *sb)
{
    char err[256];
    fmlp_params p;
    fmlp_status st = fmlp_params_parse_overrides(params, &p, err, sizeof err);
    if (st != FMLP_SUCCESS) return st;
    if (!p.strategy[0]) return FMLP_ERROR_INVALID_PARAMETER;
    fmlp_strbuf defs = {0};
    const fmlp_strategy *s = NULL;
    int has_iz = 0;
    st = variant_text(desc, dev, &p, &defs, &s, &has_iz);
    if (st == FMLP_SUCCESS && iz && !has_iz) st = FMLP_ERROR_INVALID_PARAMETER;
    if (st == FMLP_SUCCESS && iz) fmlp_strbuf_append(&defs, IZ_DEFINE);
    if (st == FMLP_SUCCESS && defs.failed) st = FMLP_ERROR_OUT_OF_HOST_MEMORY;
    if (st == FMLP_SUCCESS) st = fmlp_program_text(dev, defs.data, s->files, count_files(s), sb);
    fmlp_strbuf_free(&defs);
    return st;
}

/* Configure, build and check one candidate. */
static fmlp_status try_variant(fmlp_plan *plan, fmlp_params *p, fmlp_variant *v)
{
    const fmlp_strategy *s = NULL;
    fmlp_strbuf sb = {0};
    int iz = 0;
    fmlp_status st = variant_text(&plan->desc, &plan->ctx->dev, p, &sb, &s, &iz);
    if (st != FMLP_SUCCESS) {
        fmlp_strbuf_free(&sb);
        return st;
    }
    const int nfiles = count_files(s);
    memset(v, 0, sizeof *v);
    for (int b = 0; b <= iz && st == FMLP_SUCCESS; ++b) {
        if (b) fmlp_strbuf_append(&sb, IZ_DEFINE);
        if (sb.failed) {
            st = FMLP_ERROR_OUT_OF_HOST_MEMORY;
            break;
        }
        cl_program *prog = b ? &v->program_iz : &v->program;
        cl_kernel *ks = b ? v->kernels_iz : v->kernels;
        st = fmlp_program_get(plan->ctx, sb.data, s->files, nfiles, prog);
        for (int i = 0; st == FMLP_SUCCESS && s->kernel_names[i]; ++i) {
            cl_int err = CL_SUCCESS;
            ks[i] = clCreateKernel(*prog, s->kernel_names[i], &err);
            if (!ks[i]) st = (fmlp_status)(err ? err : FMLP_ERROR_INTERNAL);
        }
        if (st == FMLP_SUCCESS && !kernels_fit(plan->ctx, ks)) st = FMLP_ERROR_NO_FITTING_KERNEL;
    }
    fmlp_strbuf_free(&sb);
    if (st != FMLP_SUCCESS) {
        variant_clear(v);
        return st;
    }
    v->strategy = s;
    v->params = *p;
    return FMLP_SUCCESS;
}

int fmlp_variant_down_layout(const fmlp_variant *v)
{
    return v->strategy && v->strategy->down_layout ? v->strategy->down_layout(&v->params)
                                                   : FMLP_DOWN_T;
}

/* The weights keep one layout of down (internal.h): where the variants read both, those of the
 * rows layout are built again with dk=0, the stream strategy's form that reads down^T, so that
 * a plan never holds down twice. */
static fmlp_status one_down_layout(fmlp_plan *plan)
{
    int all = 0;
    for (int i = 0; i < plan->nvariants; ++i) all |= fmlp_variant_down_layout(&plan->variants[i]);
    plan->down_layout = all == FMLP_DOWN_ROWS ? FMLP_DOWN_ROWS : FMLP_DOWN_T;
    /* the weights keep their rows' powers of two for fp16 pairs of fp32 or bf16 weights, and for
     * the block formats' folded scales (mma's fw) */
    plan->row_scales = 0;
    for (int i = 0; i < plan->nvariants; ++i) {
        const fmlp_params *vp = &plan->variants[i].params;
        if (fmlp_hp_row_scales(&plan->desc))
            plan->row_scales |= fmlp_params_get(vp, "hp", 0) == 1 ||
                                fmlp_params_get(vp, "dhp", 0) == 1;
        plan->row_scales |= fmlp_params_get(vp, "fw", 0) == 1;
    }
    if (all != (FMLP_DOWN_T | FMLP_DOWN_ROWS)) return FMLP_SUCCESS;
    for (int i = 0; i < plan->nvariants; ++i) {
        fmlp_variant *v = &plan->variants[i];
        if (fmlp_variant_down_layout(v) != FMLP_DOWN_ROWS) continue;
        fmlp_params p = v->params;
        fmlp_params_set(&p, "dk", 0);
        fmlp_params_set(&p, "dg", 0);
        size_t n = strlen(p.origin);
        snprintf(p.origin + n, FMLP_ORIGIN_LEN - n, "%s", "+down^T");
        fmlp_variant nv;
        fmlp_status st = try_variant(plan, &p, &nv);
        if (st != FMLP_SUCCESS) return st;
        nv.b_lo = v->b_lo;
        nv.b_hi = v->b_hi;
        variant_clear(v);
        *v = nv;
    }
    return FMLP_SUCCESS;
}

/* Keys alone (no strategy=) may name parameters of any strategy, and each batch range's entry
 * takes those of its own strategy; the origin then lists the keys it left out, so that a plan
 * description never shows "+override" for keys that did nothing. */
static void apply_overrides(fmlp_params *p, const fmlp_params *ov)
{
    const fmlp_strategy *s = fmlp_strategy_find(p->strategy);
    char ignored[FMLP_ORIGIN_LEN] = "";
    size_t used = 0;
    for (int i = 0; i < ov->count; ++i) {
        if (fmlp_strategy_knows(s, ov->kv[i].key)) {
            fmlp_params_set(p, ov->kv[i].key, ov->kv[i].value);
        } else if (used < sizeof ignored) {
            int w = snprintf(ignored + used, sizeof ignored - used, "%s%s", used ? " " : "",
                             ov->kv[i].key);
            if (w > 0) used += (size_t)w;
        }
    }
    size_t n = strlen(p->origin);
    if (ignored[0])
        snprintf(p->origin + n, FMLP_ORIGIN_LEN - n, "+override (not %s's: %s)", s->name, ignored);
    else
        snprintf(p->origin + n, FMLP_ORIGIN_LEN - n, "%s", "+override");
}

/* The candidates for batch b in the order they are tried (overrides applied); at least one.
 * ov: merged overrides or NULL. */
static int candidates(const fmlp_plan *plan, long b, const fmlp_params *ov, fmlp_params *cands)
{
    int n = 0;
    if (ov && ov->strategy[0]) {
        /* a strategy named alone takes the databases' entry for it, if any; named with
         * parameters, it takes exactly those over its portable defaults */
        n = ov->count ? 0
                      : fmlp_tuning_candidates_for(plan->ctx, FMLP_DB_USER, &plan->desc, b,
                                                   ov->strategy, cands, 1);
        if (n == 0) {
            memset(&cands[0], 0, sizeof cands[0]);
            snprintf(cands[0].strategy, FMLP_NAME_LEN, "%s", ov->strategy);
            snprintf(cands[0].origin, FMLP_ORIGIN_LEN, "%s", "portable-defaults");
            n = 1;
        }
    } else {
        n = fmlp_tuning_candidates(plan->ctx, &plan->desc, b, cands, MAX_CANDIDATES - 1);
        /* last resort: the first candidate's strategy (or stream) at portable minimums */
        char first_strategy[FMLP_NAME_LEN];
        snprintf(first_strategy, sizeof first_strategy, "%s", n ? cands[0].strategy : "stream");
        memset(&cands[n], 0, sizeof cands[n]);
        memcpy(cands[n].strategy, first_strategy, sizeof first_strategy);
        snprintf(cands[n].origin, FMLP_ORIGIN_LEN, "%s", "portable-defaults");
        ++n;
    }
    if (ov && ov->count)
        for (int i = 0; i < n; ++i) apply_overrides(&cands[i], ov);
    return n;
}

/* Choose and build the variant for batch b. ov: merged overrides or NULL. */
static fmlp_status choose(fmlp_plan *plan, long b, const fmlp_params *ov, fmlp_variant *v)
{
    fmlp_params cands[MAX_CANDIDATES];
    const int n = candidates(plan, b, ov, cands);
    fmlp_status first = FMLP_SUCCESS;
    for (int i = 0; i < n; ++i) {
        fmlp_status st = try_variant(plan, &cands[i], v);
        if (st == FMLP_SUCCESS) return st;
        if (first == FMLP_SUCCESS) first = st;
        /* explicit overrides must not silently turn into something else */
        if (ov && (ov->count || ov->strategy[0])) return st;
    }
    return first;
}

/* ------------------------------------------------------------------ builds at once */
/* The programs of every batch range's first candidate, built in several threads before the
 * plan is assembled range by range (which then finds them in the context's cache). Only those
 * the disk cache lacks: loading binaries in threads was slower than one after another on NVIDIA
 * (fmlp_program_prebuild). A build that fails here is simply not cached: the assembly builds it
 * again and reports it. On an H200, a cold plan for B up to 4096 (8 programs): 7.9 -> 4.5 s
 * with 8 threads (bench/results/2026-11-28-h200-s32-b). */
typedef struct prebuild_job {
    char *defines;
    const fmlp_strategy *s;
} prebuild_job;

typedef struct prebuild_work {
    fmlp_context *ctx;
    const prebuild_job *jobs;
    int njobs;
    atomic_int next;
} prebuild_work;

static void *prebuild_worker(void *arg)
{
    prebuild_work *w = arg;
    for (int i; (i = atomic_fetch_add(&w->next, 1)) < w->njobs;) {
        const prebuild_job *j = &w->jobs[i];
        fmlp_program_prebuild(w->ctx, j->defines, j->s->files, count_files(j->s));
    }
    return NULL;
}

/* How many threads build a plan's programs: $FLASHMLP_BUILD_THREADS (1 builds them one after
 * another, as they are needed), else the processors online, at most 8. Oclgrind (21.10) builds
 * one at a time: two builds at once crash it. */
static int build_threads(const fmlp_context *ctx)
{
    if (strcmp(ctx->dev.vendor, "oclgrind") == 0) return 1;
    const char *v = getenv("FLASHMLP_BUILD_THREADS");
    if (v && *v) {
        char *end = NULL;
        long n = strtol(v, &end, 10);
        if (end && *end == '\0' && n >= 1) return n > 64 ? 64 : (int)n;
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

static int add_job(prebuild_job *jobs, int *njobs, const char *defines, const fmlp_strategy *s)
{
    for (int i = 0; i < *njobs; ++i)
        if (jobs[i].s == s && strcmp(jobs[i].defines, defines) == 0) return 0;
    if (!(jobs[*njobs].defines = fmlp_strdup(defines))) return -1;
    jobs[(*njobs)++].s = s;
    return 0;
}

/* The jobs (at most two) for the first of the candidates of batch b; jobs has room for them.
 * A candidate that does not configure adds none: the plan reports it. */
static void add_first_candidate(const fmlp_plan *plan, long b, const fmlp_params *ov,
                                prebuild_job *jobs, int *njobs)
{
    fmlp_params cands[MAX_CANDIDATES];
    candidates(plan, b, ov, cands);
    const fmlp_strategy *s = NULL;
    fmlp_strbuf sb = {0};
    int iz = 0;
    if (variant_text(&plan->desc, &plan->ctx->dev, &cands[0], &sb, &s, &iz) == FMLP_SUCCESS &&
        add_job(jobs, njobs, sb.data, s) == 0 && iz) {
        fmlp_strbuf_append(&sb, IZ_DEFINE);
        if (!sb.failed) add_job(jobs, njobs, sb.data, s);
    }
    fmlp_strbuf_free(&sb); /* a job left out is built later, when a plan needs it */
}

/* Build the jobs' programs in up to `threads` threads (this one among them), then free them. */
static void run_jobs(fmlp_context *ctx, prebuild_job *jobs, int njobs, int threads)
{
    if (njobs >= 2 && threads >= 2) {
        prebuild_work w = {ctx, jobs, njobs, 0};
        pthread_t tid[64];
        int started = 0;
        const int want = (threads < njobs ? threads : njobs) - 1;
        while (started < want && pthread_create(&tid[started], NULL, prebuild_worker, &w) == 0)
            ++started;
        prebuild_worker(&w);
        for (int i = 0; i < started; ++i) pthread_join(tid[i], NULL);
    }
    for (int i = 0; i < njobs; ++i) free(jobs[i].defines);
    free(jobs);
}

static void prebuild(fmlp_plan *plan, const long *cuts, int ncuts, const fmlp_params *ov)
{
    const int threads = build_threads(plan->ctx);
    if (threads < 2 || ncuts < 2) return;
    prebuild_job *jobs = calloc((size_t)ncuts * 2, sizeof *jobs);
    if (!jobs) return;
    int njobs = 0;
    for (int c = 0; c < ncuts; ++c)
        if (c == 0 || cuts[c] != cuts[c - 1]) add_first_candidate(plan, cuts[c], ov, jobs, &njobs);
    run_jobs(plan->ctx, jobs, njobs, threads);
}

static fmlp_status merged_overrides(const fmlp_plan_desc *d, fmlp_params *ov, int *have);

void fmlp_programs_prebuild(fmlp_context *ctx, const fmlp_plan_desc *desc,
                            const char *const *overrides, int n)
{
    if (!ctx || !desc) return;
    const int threads = build_threads(ctx);
    if (threads < 2 || n < 2 || validate(desc, &ctx->dev) != FMLP_SUCCESS)
        return;
    fmlp_plan plan;
    memset(&plan, 0, sizeof plan);
    plan.ctx = ctx;
    plan.desc = *desc;
    if (plan.desc.min_batch == 0) plan.desc.min_batch = 1;
    prebuild_job *jobs = calloc((size_t)n * 2, sizeof *jobs);
    if (!jobs) return;
    int njobs = 0;
    for (int i = 0; i < n; ++i) {
        fmlp_params ov;
        int have = 0;
        plan.desc.overrides = overrides[i];
        if (merged_overrides(&plan.desc, &ov, &have) == FMLP_SUCCESS)
            add_first_candidate(&plan, (long)plan.desc.min_batch, have ? &ov : NULL, jobs,
                                &njobs);
    }
    run_jobs(ctx, jobs, njobs, threads);
}

static fmlp_status merged_overrides(const fmlp_plan_desc *d, fmlp_params *ov, int *have)
{
    char err[256];
    *have = 0;
    memset(ov, 0, sizeof *ov);
    const char *texts[2] = {getenv("FLASHMLP_OVERRIDES"), d->overrides};
    for (int t = 0; t < 2; ++t) {
        if (!texts[t] || !*texts[t]) continue;
        fmlp_params p;
        fmlp_status st = fmlp_params_parse_overrides(texts[t], &p, err, sizeof err);
        if (st != FMLP_SUCCESS) return st;
        if (p.strategy[0]) snprintf(ov->strategy, FMLP_NAME_LEN, "%s", p.strategy);
        for (int i = 0; i < p.count; ++i) fmlp_params_set(ov, p.kv[i].key, p.kv[i].value);
        *have = 1;
    }
    return FMLP_SUCCESS;
}

/* the same parameters from the same origin */
static int same_params(const fmlp_params *a, const fmlp_params *b)
{
    return strcmp(a->origin, b->origin) == 0 && fmlp_params_same(a, b);
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

fmlp_status fmlp_plan_create(fmlp_context *ctx, const fmlp_plan_desc *desc, fmlp_plan **out)
{
    if (!out) return FMLP_ERROR_NULL_POINTER;
    *out = NULL;
    if (!ctx || !desc) return FMLP_ERROR_NULL_POINTER;
    fmlp_status st = validate(desc, &ctx->dev);
    if (st != FMLP_SUCCESS) return st;
    fmlp_params ov;
    int have_ov = 0;
    if ((st = merged_overrides(desc, &ov, &have_ov)) != FMLP_SUCCESS) return st;

    fmlp_plan *plan = calloc(1, sizeof *plan);
    long *cuts = NULL;
    if (!plan) return FMLP_ERROR_OUT_OF_HOST_MEMORY;
    atomic_init(&plan->refs, 1);
    plan->desc = *desc;
    if (plan->desc.min_batch == 0) plan->desc.min_batch = 1; /* 0 reads as 1 */
    plan->ctx = ctx;
    fmlp_context_retain(ctx);
    if (pthread_mutex_init(&plan->lock, NULL) != 0) {
        fmlp_context_release(ctx);
        free(plan);
        return FMLP_ERROR_INTERNAL;
    }
    if (desc->overrides && !(plan->overrides = fmlp_strdup(desc->overrides))) {
        st = FMLP_ERROR_OUT_OF_HOST_MEMORY;
        goto fail;
    }
    plan->desc.overrides = plan->overrides;

    /* Batch sizes where the database's choice can change: min_batch and every entry's range
     * edges above it. */
    int ncuts = 1, capcuts = 16;
    cuts = malloc(sizeof *cuts * (size_t)capcuts);
    if (!cuts) {
        st = FMLP_ERROR_OUT_OF_HOST_MEMORY;
        goto fail;
    }
    const long minb = (long)plan->desc.min_batch, maxb = (long)desc->max_batch;
    cuts[0] = minb;
    for (int i = 0; i < ctx->ndbs; ++i) {
        const fmlp_db *db = ctx->dbs[i].db;
        for (int j = 0; j < db->count; ++j) {
            long edges[2] = {db->entries[j].b_lo,
                             db->entries[j].b_hi == LONG_MAX ? LONG_MAX : db->entries[j].b_hi + 1};
            for (int e = 0; e < 2; ++e) {
                if (edges[e] <= minb || edges[e] > maxb) continue;
                if (ncuts == capcuts) {
                    long *c = realloc(cuts, sizeof *c * (size_t)(capcuts *= 2));
                    if (!c) {
                        st = FMLP_ERROR_OUT_OF_HOST_MEMORY;
                        goto fail;
                    }
                    cuts = c;
                }
                cuts[ncuts++] = edges[e];
            }
        }
    }
    qsort(cuts, (size_t)ncuts, sizeof *cuts, cmp_long);
    plan->variants = calloc((size_t)ncuts, sizeof *plan->variants);
    if (!plan->variants) {
        st = FMLP_ERROR_OUT_OF_HOST_MEMORY;
        goto fail;
    }
    prebuild(plan, cuts, ncuts, have_ov ? &ov : NULL);
    for (int c = 0; c < ncuts; ++c) {
        if (c > 0 && cuts[c] == cuts[c - 1]) continue;
        long lo = cuts[c], hi = maxb;
        for (int d = c + 1; d < ncuts; ++d)
            if (cuts[d] > lo) {
                hi = cuts[d] - 1;
                break;
            }
        fmlp_variant v;
        memset(&v, 0, sizeof v);
        if ((st = choose(plan, lo, have_ov ? &ov : NULL, &v)) != FMLP_SUCCESS) goto fail;
        fmlp_variant *prev = plan->nvariants ? &plan->variants[plan->nvariants - 1] : NULL;
        if (prev && same_params(&prev->params, &v.params)) {
            prev->b_hi = (size_t)hi;
            variant_clear(&v);
            continue;
        }
        v.b_lo = (size_t)lo;
        v.b_hi = (size_t)hi;
        plan->variants[plan->nvariants++] = v;
    }
    free(cuts);
    if ((st = one_down_layout(plan)) != FMLP_SUCCESS) {
        fmlp_plan_release(plan);
        return st;
    }
    *out = plan;
    return FMLP_SUCCESS;
fail:
    free(cuts);
    fmlp_plan_release(plan);
    return st;
}

void fmlp_plan_retain(fmlp_plan *plan) { atomic_fetch_add(&plan->refs, 1); }

void fmlp_plan_release(fmlp_plan *plan)
{
    if (!plan || atomic_fetch_sub(&plan->refs, 1) != 1) return;
    for (int i = 0; i < plan->nvariants; ++i) variant_clear(&plan->variants[i]);
    free(plan->variants);
    free(plan->overrides);
    pthread_mutex_destroy(&plan->lock);
    fmlp_context_release(plan->ctx);
    free(plan);
}

const fmlp_plan_desc *fmlp_plan_get_desc(const fmlp_plan *plan)
{
    return plan ? &plan->desc : NULL;
}

const fmlp_variant *fmlp_plan_variant(const fmlp_plan *plan, size_t batch)
{
    for (int i = 0; i < plan->nvariants; ++i)
        if (batch >= plan->variants[i].b_lo && batch <= plan->variants[i].b_hi)
            return &plan->variants[i];
    return NULL;
}

static fmlp_status batch_variant(const fmlp_plan *plan, size_t batch, const fmlp_variant **v)
{
    if (!plan) return FMLP_ERROR_NULL_POINTER;
    if (batch == 0) return FMLP_ERROR_INVALID_SIZE;
    if (batch > plan->desc.max_batch) return FMLP_ERROR_BATCH_TOO_LARGE;
    if (batch < plan->desc.min_batch) return FMLP_ERROR_BATCH_TOO_SMALL;
    *v = fmlp_plan_variant(plan, batch);
    return *v ? FMLP_SUCCESS : FMLP_ERROR_INTERNAL;
}

fmlp_status fmlp_plan_workspace_size(const fmlp_plan *plan, size_t batch, size_t *bytes)
{
    if (!bytes) return FMLP_ERROR_NULL_POINTER;
    const fmlp_variant *v = NULL;
    fmlp_status st = batch_variant(plan, batch, &v);
    if (st != FMLP_SUCCESS) return st;
    /* each variant's need grows with the batch: take the largest over the plan's batches up to
     * batch */
    size_t most = 0;
    for (int i = 0; i < plan->nvariants && plan->variants[i].b_lo <= batch; ++i) {
        const fmlp_variant *w = &plan->variants[i];
        size_t b = w->b_hi < batch ? w->b_hi : batch;
        size_t n = w->strategy->workspace(&plan->desc, &w->params, b);
        if (n > most) most = n;
    }
    *bytes = most;
    return FMLP_SUCCESS;
}

fmlp_status fmlp_plan_describe(const fmlp_plan *plan, size_t batch, char *buf, size_t size)
{
    if (!buf) return FMLP_ERROR_NULL_POINTER;
    if (size == 0) return FMLP_ERROR_INVALID_SIZE;
    const fmlp_variant *v = NULL;
    fmlp_status st = batch_variant(plan, batch, &v);
    if (st != FMLP_SUCCESS) return st;
    fmlp_strbuf sb = {0};
    fmlp_params_format(&v->params, &sb);
    fmlp_strbuf_printf(&sb, " (batch %zu-%zu, from %s)", v->b_lo, v->b_hi, v->params.origin);
    if (sb.failed) {
        fmlp_strbuf_free(&sb);
        return FMLP_ERROR_OUT_OF_HOST_MEMORY;
    }
    snprintf(buf, size, "%s", sb.data);
    fmlp_strbuf_free(&sb);
    return FMLP_SUCCESS;
}
