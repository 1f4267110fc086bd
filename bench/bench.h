/* flashmlp-bench: FlashMLP, the CLBlast chain and the unfused chain of FlashMLP's own kernels,
 * side by side on one device in one process, each result set against the device's floors
 * measured in the same run. Shared declarations of the benchmark's parts (see README.md). */
#ifndef FLASHMLP_BENCH_H
#define FLASHMLP_BENCH_H

#include "flashmlp/flashmlp.h"
#include "mlp_case.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The program: flashmlp-bench and `flashmlp bench` both call this. prog names the program in
 * messages and in the CSV's command line. Exit status: 0 all checks passed, 1 a check or an
 * implementation failed, 2 bad usage. */
int bench_main(int argc, char **argv, const char *prog);

/* ------------------------------------------------------------------ shapes and ops (shapes.c) */
#define BENCH_NAME 40

typedef struct bench_op {
    char name[BENCH_NAME]; /* as written in tables and CSV: "swiglu", "gelu_tanh+bias", ... */
    fmlp_mlp_kind kind;
    fmlp_activation act;
    unsigned biases; /* FMLP_BIAS_* */
} bench_op;

typedef struct bench_shape {
    char name[BENCH_NAME]; /* "llama3-8b", ..., "custom:64x160" */
    size_t hidden, intermediate;
    const char *native_op; /* the op the model uses */
    int in_all;            /* part of --all */
} bench_shape;

/* A known shape name or "custom:HxI" (native op swiglu). 0, or -1 when unknown/malformed. */
int bench_shape_parse(const char *text, bench_shape *out);
/* "NAME" or "NAME+bias" (NAME: swiglu geglu geglu_tanh reglu relu2glu relu relu2 gelu gelu_tanh
 * silu). 0, or -1 when unknown. */
int bench_op_parse(const char *text, bench_op *out);
/* The i-th known shape, NULL past the end. */
const bench_shape *bench_shape_at(size_t i);
/* Print the known shapes and ops. */
void bench_list_shapes(FILE *f);
/* Fill a plan description for this shape and op (max_batch and overrides left at defaults;
 * fp32 weights and activations). */
void bench_desc(const bench_shape *s, const bench_op *op, fmlp_plan_desc *d);
/* Bytes an MLP run must move at least: the weights in d's weight format (fmlp_weight_bytes of
 * each matrix), the fp32 biases, and x and y in d's activation format; NAN when the format does
 * not fit the shape. FLOPs it must do, whatever the formats. */
double bench_bytes(const fmlp_plan_desc *d, size_t batch);
double bench_flops(const fmlp_plan_desc *d, size_t batch);

/* Storage formats by the names the command line and the CSV use: f32 f16 bf16 q8_0 q4_0
 * affine_q2 affine_q3 affine_q4 affine_q8 (as `flashmlp run --weights`). */
const char *bench_dtype_name(fmlp_dtype t);

/* The dtype of a name, or -1 when unknown. */
int bench_dtype_parse(const char *name);

/* ------------------------------------------------------------------ bench kernels (kernels.c) */
/* A whole file as a NUL-terminated string (caller frees), or NULL (clblast_params.c). */
char *bench_read_text(const char *path);

/* Build bench/cl/<file> for the device with extra build options. On failure prints the build
 * log to stderr and returns the OpenCL error; *out is NULL then. */
cl_int bench_build_program(cl_context ctx, cl_device_id dev, const char *file,
                           const char *options, cl_program *out);

/* ------------------------------------------------------------------ device floors (floors.c) */
typedef struct bench_floors {
    double read_gbs;   /* streaming float4 reads, GB/s (1e9): the bandwidth floor */
    double copy_gbs;   /* float4 copy, read + write bytes counted, GB/s: for information */
    double fma_gflops; /* fp32 FMA rate, GFLOP/s (2 per FMA): the compute floor */
    double launch_us;  /* one empty kernel, enqueue to clFinish return, median: information */
    size_t read_bytes; /* size of the buffer read */
} bench_floors;

/* Measure the floors on the queue's device. 0, or an OpenCL error (message printed). */
cl_int bench_measure_floors(cl_context ctx, cl_device_id dev, cl_command_queue q,
                            const fmlp_device_info *info, bench_floors *out);
/* The monotonic clock in seconds, and qsort's comparison of doubles (ascending), for the
 * benchmark's timings (floors.c). */
double bench_now(void);
int bench_cmp_double(const void *a, const void *b);
/* Floor time in seconds of a run: max(bytes / read bandwidth, flops / FMA rate). */
double bench_floor_seconds(const bench_floors *f, double bytes, double flops);

/* ------------------------------------------------------------------ implementations */
/* What every implementation shares for one (shape, op): the device, the host data, the batch
 * sizes it will be asked for, how many weight copies to rotate, and the x and y buffers. */
typedef struct bench_env {
    fmlp_context *ctx;
    cl_context cl;
    cl_device_id dev;
    cl_command_queue q;
    const mlp_case *c;      /* host weights in PyTorch layout */
    const size_t *batches;  /* the batch sizes of this run */
    int nbatches;
    size_t min_batch, max_batch; /* the plans build kernels for these batches only */
    int copies;             /* weight copies, cycled through run by run */
    cl_mem x, y;            /* [max_batch, H] each */
} bench_env;

typedef enum bench_status {
    BENCH_OK = 0,
    BENCH_NOT_AVAILABLE = 1, /* not an error: the row says n/a and why */
    BENCH_FAILED = 2         /* an error: the row says why and the exit status is 1 */
} bench_status;

typedef struct bench_impl {
    char name[16]; /* "flashmlp", "unfused", "clblast" */
    void *state;
    /* Enqueue one whole MLP of `batch` rows, env->x to env->y, with weight copy `copy`.
     * Does not wait. Returns CL_SUCCESS, an OpenCL or CLBlast code, or an fmlp_status. */
    int (*run)(void *state, const bench_env *env, size_t batch, int copy);
    /* One line on how a batch runs (strategy, parameters, where they came from). */
    void (*describe)(void *state, size_t batch, char *buf, size_t size);
    void (*release)(void *state);
} bench_impl;

/* FlashMLP through the public API, as a plan with the given overrides (NULL for none). The
 * unfused chain is the same with overrides "strategy=unfused". On BENCH_NOT_AVAILABLE or
 * BENCH_FAILED, why says why and *impl holds nothing. */
bench_status bench_flashmlp_create(const bench_env *env, const char *name, const char *overrides,
                                   bench_impl *impl, char *why, size_t whysize);

/* CLBlast tuner results, loaded from a folder of clblast_*.json files. */
#define BENCH_CLBLAST_KERNELS 16
#define BENCH_CLBLAST_PARAMS 32
typedef struct bench_clblast_kernel {
    char kernel[32];  /* CLBlast's kernel name: "Xgemm", "XgemvFastRot", ... */
    char family[32];  /* the tuner's kernel_family: "xgemm_2", ... */
    char file[256];   /* the file it came from */
    double best_time; /* ms, as the tuner measured it */
    int nparams;
    char names[BENCH_CLBLAST_PARAMS][16];
    size_t values[BENCH_CLBLAST_PARAMS];
} bench_clblast_kernel;

typedef struct bench_clblast_tuning {
    int count;
    char device[128]; /* the device the files were tuned on */
    bench_clblast_kernel k[BENCH_CLBLAST_KERNELS];
} bench_clblast_tuning;

/* Read every clblast_*.json in dir; where several tuner families give parameters for one kernel
 * (xgemm_1, xgemm_2 and xgemm_11 all tune "Xgemm"), keep the fastest. 0, or -1 (message in err). */
int bench_clblast_load(const char *dir, bench_clblast_tuning *t, char *err, size_t errsize);
/* Hand them to CLBlast with CLBlastOverrideParameters. 0, or -1 (message in err). */
int bench_clblast_apply(cl_device_id dev, const bench_clblast_tuning *t, char *err,
                        size_t errsize);

/* The CLBlast chain: GEMM (GEMV at B = 1) for gate and up, one elementwise kernel for the
 * activation, the gate*up product and the biases, GEMM (GEMV) for down. tuned: NULL when
 * CLBlast runs on its own database. */
bench_status bench_clblast_create(const bench_env *env, const bench_clblast_tuning *tuned,
                                  bench_impl *impl, char *why, size_t whysize);
/* Free CLBlast's compiled-program cache (at exit). */
void bench_clblast_shutdown(void);

/* ------------------------------------------------------------------ results (report.c) */
typedef struct bench_result {
    char shape[BENCH_NAME], op[BENCH_NAME], impl[16];
    char weights[16], acts[8]; /* storage formats: bench_dtype_name() */
    size_t hidden, intermediate, batch;
    double time_us, min_us; /* median and minimum of the timed runs; NAN when none */
    int reps, burst, copies; /* burst: runs per timed sample (their time / burst) */
    double gbs, gflops, floor_us, pct_floor; /* pct: floor / time * 100 */
    double speedup;   /* CLBlast chain time / this time; NAN without a CLBlast result */
    double vs_f32;    /* FlashMLP's time with f32 weights and activations / this time, on
                         FlashMLP's rows; NAN without that result */
    double rel_error; /* on the sample rows; NAN when not checked */
    char check[8];    /* "ok", "FAIL", "n/a", "error" */
    char strategy[512];
} bench_result;

void bench_table_header(FILE *f);
void bench_table_row(FILE *f, const bench_result *r);
/* CSV: comment lines first ("# key: value"), then the header row. */
void bench_csv_header(FILE *f);
void bench_csv_row(FILE *f, const bench_result *r);
/* The closing pivot: one line per (shape, op, B), the implementations side by side (f32
 * weights and activations); then, when other formats ran, one line per (shape, op, B, format)
 * of FlashMLP's rows. */
void bench_summary(FILE *f, const bench_result *r, size_t n);

#endif
