/* flashmlp run: the main job. A Llama-3-8B-shaped SwiGLU MLP (H=4096, I=14336) at B=1 and
 * B=16 on the default device: time, bandwidth, FLOP rate, and the error against the
 * double-precision reference on sample rows. */
#include "cli.h"
#include "mlp_case.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(void)
{
    printf("usage: flashmlp run [options]\n\n"
           "Runs y = down(silu(gate x) * up x) with random weights on one device, checks\n"
           "sample rows against a double-precision CPU reference, and prints the median time,\n"
           "the weight-stream bandwidth and the FLOP rate. Exit status 1 if any check fails.\n\n"
           "options:\n"
           "  --device SEL         device selector (see `flashmlp devices`); default: $FLASHMLP_DEVICE,\n"
           "                       else the first GPU, else the first device\n"
           "  --batch LIST         comma-separated batch sizes (default 1,16)\n"
           "  --hidden H           (default 4096)\n"
           "  --intermediate I     (default 14336)\n"
           "  --act NAME           relu, gelu_erf, gelu_tanh, silu, relu2 (default silu)\n"
           "  --plain              plain MLP down(act(up x)) instead of the gated one\n"
           "  --bias               add biases to every projection\n"
           "  --reps N             timed repetitions per batch, median reported (default 5)\n"
           "  --check-rows N       rows checked against the reference per batch (default 2)\n"
           "  --seed S             random seed (default 1)\n"
           "  --weights FMT        weight format: f32 (default), f16, bf16, q8_0, q4_0, affine_q2,\n"
           "                       affine_q3, affine_q4, affine_q8\n"
           "  --group G            group size of the affine formats: 32, 64 or 128 (default 32)\n"
           "  --acts FMT           activation (x, y) format: f32 (default), f16, bf16\n"
           "  --precision P        exact (default) or int8 (integer dot products for the block\n"
           "                       formats at small batches: FMLP_PRECISION_INT8_DOT)\n"
           "  --accumulate         a plan with desc.accumulate: y holds a residual and each call\n"
           "                       adds the MLP to it (y = y + MLP(x)); checked as y - residual\n"
           "  --profile            also report each kernel's time (OpenCL profiling events)\n"
           "  --build-log          print the log of the last program built (on NVIDIA it\n"
           "                       gives each kernel's register use; every build's log with\n"
           "                       FLASHMLP_BUILD_OPTIONS set)\n");
}

/* Median of n values (sorts v). */
static double median(double *v, int n)
{
    for (int i = 1; i < n; ++i)
        for (int j = i; j > 0 && v[j] < v[j - 1]; --j) {
            double t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Median time of each kernel over reps profiled runs, one line per kernel: the launches of a
 * kernel in one run (a large batch may run in several chunks) are added up. */
static int print_profile(mlp_run *r, cl_command_queue q, size_t b, int reps)
{
    enum { MAXL = 256, MAXK = 8, MAXR = 64 };
    static fmlp_kernel_time t[MAXL];
    char names[MAXK][sizeof t[0].name];
    double us[MAXK][MAXR];
    int nk = 0;
    if (reps > MAXR) reps = MAXR;
    if (reps < 1) reps = 1;
    for (int k = 0; k < reps; ++k) {
        int count = MAXL;
        fmlp_status st = fmlp_forward_profile(r->plan, r->weights, q, b, r->x, 0, r->y, 0,
                                              r->workspace, t, &count);
        if (st != FMLP_SUCCESS) return cli_fail("profiling", st);
        if (count > MAXL) count = MAXL;
        for (int i = 0; i < nk; ++i) us[i][k] = 0;
        for (int i = 0; i < count; ++i) {
            int j = 0;
            while (j < nk && strcmp(names[j], t[i].name) != 0) ++j;
            if (j == nk) {
                if (nk == MAXK) continue;
                snprintf(names[nk], sizeof names[nk], "%s", t[i].name);
                for (int m = 0; m <= k; ++m) us[nk][m] = 0;
                ++nk;
            }
            us[j][k] += t[i].us;
        }
    }
    double total = 0;
    for (int i = 0; i < nk; ++i) {
        double m = median(us[i], reps);
        total += m;
        printf("        %-24s %10.1f us\n", names[i], m);
    }
    printf("        %-24s %10.1f us\n", "(sum of kernels)", total);
    return 0;
}

/* The checked run of a plan with accumulate: a residual on the scale of the reference's first
 * row (a thousandth of it, so that y - residual keeps the MLP's precision) in y's type, x
 * uploaded, one forward; y_out receives y - residual, and *unchanged the outputs left equal to
 * their residual. With fp32 y every output counts: a written one moves unless the MLP's value
 * is below 2^-24 of the residual. With 16-bit y a written output whose MLP value is below half
 * the residual's last place rounds back to it (a few in a million at this scale), so only the
 * rows[0..nrows) are counted, where the reference's value is over 2^-7 of the residual plus
 * twice the format's tolerance times the row scale (the value computed may be that far off). */
static fmlp_status accumulate_run(mlp_run *r, const mlp_case *c, const size_t *rows, int nrows,
                                  double tol, float *y_out, size_t *unchanged)
{
    const fmlp_plan_desc *d = &c->desc;
    const size_t n = c->batch * d->hidden;
    const int y16 = d->act_dtype != FMLP_DTYPE_F32;
    double *ref = malloc(sizeof(double) * d->hidden);
    float *res = malloc(sizeof(float) * n);
    fmlp_status st = FMLP_ERROR_OUT_OF_HOST_MEMORY;
    if (!ref || !res) goto out;
    const double m = mlp_reference_row_max(c, 0, ref);
    if ((st = mlp_run_forward_residual(r, NULL, c, (float)(1e-3 * m), 0x5eed, res, y_out)))
        goto out;
    *unchanged = 0;
    for (size_t i = 0; i < n; ++i) {
        if (!y16) *unchanged += y_out[i] == res[i];
        y_out[i] -= res[i];
    }
    for (int k = 0; y16 && k < nrows; ++k) {
        mlp_reference_row(c, rows[k], ref);
        for (size_t j = 0; j < d->hidden; ++j) {
            const size_t i = rows[k] * d->hidden + j;
            *unchanged += y_out[i] == 0.0f && fabs(ref[j]) > 0x1p-7 * fabs(res[i]) + 2 * tol * m;
        }
    }
out:
    free(ref);
    free(res);
    return st;
}

int cmd_run(int argc, char **argv)
{
    const char *device = NULL;
    size_t batches[32] = {1, 16};
    int nbatches = 2, reps = 5, check_rows = 2, profile = 0, show_log = 0;
    unsigned long long seed = 1;
    fmlp_plan_desc desc;
    fmlp_plan_desc_init(&desc);
    desc.hidden = 4096;
    desc.intermediate = 14336;
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            help();
            return 0;
        } else if (!strcmp(a, "--plain")) {
            desc.kind = FMLP_MLP_PLAIN;
            continue;
        } else if (!strcmp(a, "--bias")) {
            desc.biases = FMLP_BIAS_UP | FMLP_BIAS_DOWN;
            continue;
        } else if (!strcmp(a, "--profile")) {
            profile = 1;
            continue;
        } else if (!strcmp(a, "--accumulate")) {
            desc.accumulate = 1;
            continue;
        } else if (!strcmp(a, "--build-log")) {
            show_log = 1;
            continue;
        }
        if (!v) {
            fprintf(stderr, "flashmlp run: %s needs a value (see --help)\n", a);
            return 2;
        }
        ++i;
        size_t one[1];
        if (!strcmp(a, "--device")) device = v;
        else if (!strcmp(a, "--batch")) {
            if ((nbatches = cli_parse_list(v, batches, 32)) < 0) {
                fprintf(stderr, "flashmlp run: bad batch list '%s'\n", v);
                return 2;
            }
        } else if (!strcmp(a, "--hidden") || !strcmp(a, "--intermediate") ||
                   !strcmp(a, "--reps") || !strcmp(a, "--check-rows") || !strcmp(a, "--seed")) {
            if (cli_parse_list(v, one, 1) != 1) {
                fprintf(stderr, "flashmlp run: bad value '%s' for %s\n", v, a);
                return 2;
            }
            if (!strcmp(a, "--hidden")) desc.hidden = one[0];
            else if (!strcmp(a, "--intermediate")) desc.intermediate = one[0];
            else if (!strcmp(a, "--reps")) reps = one[0] > 1000 ? 1000 : (int)one[0];
            else if (!strcmp(a, "--check-rows")) check_rows = (int)one[0];
            else seed = one[0];
        } else if (!strcmp(a, "--weights") || !strcmp(a, "--acts")) {
            int t = cli_parse_dtype(v);
            if (t < 0 || (!strcmp(a, "--acts") && t > FMLP_DTYPE_BF16)) {
                fprintf(stderr, "flashmlp run: unknown format '%s' for %s\n", v, a);
                return 2;
            }
            if (!strcmp(a, "--weights")) desc.weight_dtype = (fmlp_dtype)t;
            else desc.act_dtype = (fmlp_dtype)t;
        } else if (!strcmp(a, "--group")) {
            if (cli_parse_list(v, one, 1) != 1) {
                fprintf(stderr, "flashmlp run: bad value '%s' for %s\n", v, a);
                return 2;
            }
            desc.group_size = (unsigned)one[0];
        } else if (!strcmp(a, "--precision")) {
            int pr = cli_parse_precision(v);
            if (pr < 0) {
                fprintf(stderr, "flashmlp run: unknown precision '%s' (exact, int8)\n", v);
                return 2;
            }
            desc.precision = (fmlp_precision)pr;
        } else if (!strcmp(a, "--act")) {
            int act = cli_parse_activation(v);
            if (act < 0) {
                fprintf(stderr, "flashmlp run: unknown activation '%s'\n", v);
                return 2;
            }
            desc.activation = (fmlp_activation)act;
        } else {
            fprintf(stderr, "flashmlp run: unknown option '%s' (see --help)\n", a);
            return 2;
        }
    }
    if (desc.kind == FMLP_MLP_GATED && (desc.biases & FMLP_BIAS_UP))
        desc.biases |= FMLP_BIAS_GATE;
    if (desc.weight_dtype >= FMLP_DTYPE_AFFINE_Q2 && desc.group_size == 0) desc.group_size = 32;
    size_t wbytes = 0; /* one weight matrix in its format */
    size_t dbytes = 0; /* down, whose rows are I long */
    fmlp_status fst =
        fmlp_weight_bytes(desc.weight_dtype, desc.group_size, desc.intermediate, desc.hidden, &wbytes);
    if (fst == FMLP_SUCCESS)
        fst = fmlp_weight_bytes(desc.weight_dtype, desc.group_size, desc.hidden,
                                desc.intermediate, &dbytes);
    if (fst != FMLP_SUCCESS) {
        /* the block formats need rows (H for gate/up, I for down) of whole blocks */
        unsigned block = 0, block_bytes = 0;
        char what[160];
        if (fmlp_weight_block(desc.weight_dtype, desc.group_size, &block, &block_bytes) ==
                FMLP_SUCCESS &&
            block > 1)
            snprintf(what, sizeof what,
                     "%s weights (group %u) need H and I that are multiples of %u, not %zu and %zu",
                     cli_dtype_name(desc.weight_dtype), block, block, desc.hidden,
                     desc.intermediate);
        else
            snprintf(what, sizeof what, "H=%zu I=%zu", desc.hidden, desc.intermediate);
        return cli_fail(what, fst);
    }
    const size_t abytes = desc.act_dtype == FMLP_DTYPE_F32 ? 4 : 2;

    size_t maxb = 1, minb = batches[0];
    for (int i = 0; i < nbatches; ++i) {
        maxb = batches[i] > maxb ? batches[i] : maxb;
        minb = batches[i] < minb ? batches[i] : minb;
    }
    desc.min_batch = minb; /* the plan builds kernels for the batches asked for, no smaller */

    fmlp_context *ctx = NULL;
    cl_command_queue q = NULL;
    mlp_case c;
    mlp_run r;
    memset(&c, 0, sizeof c);
    memset(&r, 0, sizeof r);
    float *y = NULL;
    double *times = NULL;
    int rc = 1;
    fmlp_status st = fmlp_context_create_default(device, &ctx);
    if (st != FMLP_SUCCESS) return cli_fail("opening the device", st);
    if ((st = fmlp_context_create_queue(ctx, &q)) != FMLP_SUCCESS) {
        cli_fail("creating a queue", st);
        goto done;
    }
    mlp_warn_skipped_dbs(ctx, "flashmlp");
    fmlp_device_info info;
    fmlp_context_device_info(ctx, &info);
    const int np = desc.kind == FMLP_MLP_GATED ? 3 : 2;
    printf("device: %s (%s, vendor=%s arch=%s, %u compute units)\n", info.name, info.platform,
           info.vendor, info.arch[0] ? info.arch : "-", info.compute_units);
    printf("op: %s MLP, %s, H=%zu I=%zu, weights %s (%.1f MB), activations %s%s\n",
           desc.kind == FMLP_MLP_GATED ? "gated" : "plain", cli_activation_name(desc.activation),
           desc.hidden, desc.intermediate, cli_dtype_name(desc.weight_dtype),
           np * (double)wbytes / 1e6, cli_dtype_name(desc.act_dtype),
           desc.accumulate ? ", y += MLP(x) (accumulate)" : "");

    const int ci = mlp_case_init(&c, &desc, maxb, seed);
    if (ci != 0) {
        cli_fail("allocating host data", ci < 0 ? FMLP_ERROR_OUT_OF_HOST_MEMORY : (fmlp_status)ci);
        goto done;
    }
    double t0 = cli_now();
    st = mlp_run_setup(&r, ctx, q, &c, maxb);
    if (show_log && st != FMLP_ERROR_BUILD_FAILED)
        printf("build log:\n%s\n", fmlp_context_build_log(ctx));
    if (st != FMLP_SUCCESS) {
        cli_fail("creating the plan and weights", st);
        if (st == FMLP_ERROR_BUILD_FAILED) fprintf(stderr, "%s\n", fmlp_context_build_log(ctx));
        goto done;
    }
    printf("plan and weights ready in %.2f s\n", cli_now() - t0);
    y = malloc(sizeof(float) * maxb * desc.hidden);
    times = malloc(sizeof(double) * (size_t)(reps > 0 ? reps : 1));
    if (!y || !times) {
        cli_fail("allocating host data", FMLP_ERROR_OUT_OF_HOST_MEMORY);
        goto done;
    }
    printf("\n%6s  %12s  %10s  %10s  %10s  %s\n", "batch", "time (ms)", "GB/s", "GFLOP/s",
           "rel. error", "strategy");
    rc = 0;
    for (int bi = 0; bi < nbatches; ++bi) {
        const size_t b = batches[bi];
        c.batch = b;
        /* checked run: poisoned output, fresh inputs, every element must be written (with
         * accumulate: y holds a residual first, and every element must have moved from it) */
        mlp_case_redraw_x(&c, seed + bi);
        size_t rows[64];
        int nr = check_rows < (int)b ? check_rows : (int)b;
        if (nr > 64) nr = 64;
        for (int i = 0; i < nr; ++i) rows[i] = nr == 1 ? 0 : (size_t)i * (b - 1) / (size_t)(nr - 1);
        size_t unwritten = 0;
        if (desc.accumulate)
            st = accumulate_run(&r, &c, rows, nr, mlp_tolerance(&desc), y, &unwritten);
        else if ((st = mlp_run_forward(&r, &c, y)) == FMLP_SUCCESS)
            unwritten = mlp_count_poison(y, b * desc.hidden);
        if (st != FMLP_SUCCESS) {
            rc = cli_fail("forward", st);
            break;
        }
        double err = nr ? mlp_rel_error(&c, y, rows, (size_t)nr) : 0.0;
        /* timed runs: each forward waited for on its own, median reported */
        fmlp_forward(r.plan, r.weights, q, b, r.x, 0, r.y, 0, r.workspace, 0, NULL, NULL);
        clFinish(q);
        for (int k = 0; k < reps; ++k) {
            double s = cli_now();
            st = fmlp_forward(r.plan, r.weights, q, b, r.x, 0, r.y, 0, r.workspace, 0, NULL, NULL);
            clFinish(q);
            times[k] = cli_now() - s;
            if (st != FMLP_SUCCESS) break;
        }
        if (st != FMLP_SUCCESS) {
            rc = cli_fail("forward", st);
            break;
        }
        double t = reps > 0 ? median(times, reps) : NAN;
        double bytes = np * (double)wbytes + 2.0 * abytes * b * desc.hidden;
        double flops = 2.0 * np * b * desc.hidden * desc.intermediate;
        char how[512];
        fmlp_plan_describe(r.plan, b, how, sizeof how);
        const double tol = mlp_tolerance(&desc);
        int ok = unwritten == 0 && err <= tol;
        printf("%6zu  %12.3f  %10.1f  %10.1f  %10.2e  %s\n", b, t * 1e3, bytes / t / 1e9,
               flops / t / 1e9, err, how);
        if (!ok) {
            rc = 1;
            printf("        FAILED: %zu elements %s, error %.2e (tolerance %.0e)\n",
                   unwritten, desc.accumulate ? "left at their residual" : "unwritten", err, tol);
        }
        if (profile && print_profile(&r, q, b, reps) != 0) rc = 1;
    }
    if (rc == 0) printf("\nall checks passed\n");
done:
    free(y);
    free(times);
    mlp_run_free(&r);
    mlp_case_free(&c);
    if (q) clReleaseCommandQueue(q);
    fmlp_context_release(ctx);
    return rc;
}
