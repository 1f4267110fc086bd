/*
 * FlashMLP: fused transformer MLP blocks for any OpenCL device.
 *
 * This is the only header users include. It computes
 *
 *   plain MLP:  y = down( act( up x + b_up ) ) + b_down
 *   gated MLP:  y = down( act( gate x + b_gate ) * ( up x + b_up ) ) + b_down
 *
 * for x [B, H] and y [B, H] row-major, with weights in PyTorch nn.Linear layout
 * (row-major [out, in]): gate and up are [I, H], down is [H, I].
 *
 * Objects and ownership
 *   fmlp_context  one OpenCL device (and its cl_context); owns the compiled-program cache.
 *   fmlp_plan     one MLP description on one context, with its kernels built. Immutable.
 *   fmlp_weights  one set of weights packed for one plan, in device memory owned by it.
 * Each object is created by fmlp_<object>_create*() and freed by fmlp_<object>_release().
 * A plan keeps its context alive and weights keep their plan alive, so objects may be released
 * in any order. On failure every create function sets *out to NULL and leaves nothing behind.
 *
 * Errors
 *   Every function that can fail returns an fmlp_status. OpenCL's own (negative) error codes
 *   pass through unchanged; FlashMLP's own codes are positive, in bands of a thousand.
 *   On failure nothing the caller owns is modified: output buffers are left untouched.
 *   The library never prints, never exits and never aborts.
 *
 * Threads
 *   Contexts, plans and weights may be shared between threads once created; fmlp_forward()
 *   may be called concurrently on one plan. Creating and releasing an object must not race
 *   with other uses of that same object.
 */
#ifndef FLASHMLP_FLASHMLP_H
#define FLASHMLP_FLASHMLP_H

#include <stddef.h>
#include <stdint.h>

#ifndef CL_TARGET_OPENCL_VERSION
#define CL_TARGET_OPENCL_VERSION 120
#endif
#ifdef __APPLE__
#include <OpenCL/opencl.h>
#else
#include <CL/cl.h>
#endif

/* The library is built with hidden visibility; only FMLP_API symbols are exported. */
#if defined(_WIN32) && defined(FLASHMLP_BUILDING)
#define FMLP_API __declspec(dllexport)
#elif defined(__GNUC__)
#define FMLP_API __attribute__((visibility("default")))
#else
#define FMLP_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ version */
#define FMLP_VERSION_MAJOR 0
#define FMLP_VERSION_MINOR 1
#define FMLP_VERSION_PATCH 0
#define FMLP_VERSION_STRING "0.1.0"
/* Encoded as major * 10000 + minor * 100 + patch. */
#define FMLP_VERSION (FMLP_VERSION_MAJOR * 10000 + FMLP_VERSION_MINOR * 100 + FMLP_VERSION_PATCH)

/* The version of the library actually linked, encoded as FMLP_VERSION; string form in *text
 * when text is not NULL (static storage). */
FMLP_API int fmlp_version(const char **text);

/* ------------------------------------------------------------------ status */
typedef enum fmlp_status {
    FMLP_SUCCESS = 0,
    /* Negative values are OpenCL error codes (CL_OUT_OF_RESOURCES, ...) passed through. */

    /* 1000: invalid arguments */
    FMLP_ERROR_NULL_POINTER = 1001,     /* a required pointer or handle is NULL */
    FMLP_ERROR_INVALID_SIZE = 1002,     /* a size (H, I, batch, max batch) is zero or too big */
    FMLP_ERROR_BATCH_TOO_LARGE = 1003,  /* batch exceeds the plan's max_batch */
    FMLP_ERROR_BUFFER_TOO_SMALL = 1004, /* a cl_mem is smaller than the shape needs */
    FMLP_ERROR_INVALID_ENUM = 1005,     /* an enum field holds no known value */
    FMLP_ERROR_CONTEXT_MISMATCH = 1006, /* a queue or buffer belongs to another context/device */
    FMLP_ERROR_MISSING_WEIGHT = 1007,   /* a weight or bias the plan needs was not given */
    FMLP_ERROR_UNEXPECTED_WEIGHT = 1008,/* a weight or bias was given that the plan does not use */
    FMLP_ERROR_INVALID_PARAMETER = 1009,/* a tuning parameter is malformed, unknown, out of range
                                           or not valid with the strategy's others */
    FMLP_ERROR_INVALID_SELECTOR = 1010, /* a device selector string cannot be parsed */
    FMLP_ERROR_MISALIGNED = 1011,       /* a byte offset is not a multiple of the element size */
    FMLP_ERROR_WEIGHTS_MISMATCH = 1012, /* weights were packed for an incompatible plan */
    FMLP_ERROR_ALIASING = 1013,         /* output, input and workspace ranges overlap */
    FMLP_ERROR_BATCH_TOO_SMALL = 1014,  /* batch is below the plan's min_batch */

    /* 2000: not supported on this device or in this build */
    FMLP_ERROR_UNSUPPORTED_DTYPE = 2001,   /* this dtype combination is not implemented */
    FMLP_ERROR_DEVICE_NOT_FOUND = 2002,    /* no OpenCL device matches the selector */
    FMLP_ERROR_EXTENSION_MISSING = 2003,   /* the device lacks an extension this path needs */
    FMLP_ERROR_DEVICE_LIMIT = 2004,        /* the shape exceeds a device limit (allocation size) */
    FMLP_ERROR_NO_FITTING_KERNEL = 2005,   /* no kernel variant fits the device's limits */

    /* 3000: kernel compilation */
    FMLP_ERROR_BUILD_FAILED = 3001,        /* clBuildProgram failed: see fmlp_context_build_log */

    /* 4000: tuning database */
    FMLP_ERROR_DATABASE_INVALID = 4001,    /* a database file is damaged (see the message) */
    FMLP_ERROR_DATABASE_NO_ENTRY = 4002,   /* no entry matches (not even a generic one) */

    /* 5000: memory */
    FMLP_ERROR_OUT_OF_HOST_MEMORY = 5001,

    /* 6000: files */
    FMLP_ERROR_IO = 6001,                  /* a file could not be read or written */
    FMLP_ERROR_CACHE_INVALID = 6002,       /* a program-cache entry is damaged (rebuilt) */

    /* 9000: bugs */
    FMLP_ERROR_INTERNAL = 9001
} fmlp_status;

/* A static, human-readable name for any status, OpenCL codes included. Never NULL. */
FMLP_API const char *fmlp_status_string(fmlp_status status);

/* ------------------------------------------------------------------ op description */
typedef enum fmlp_mlp_kind {
    FMLP_MLP_PLAIN = 0, /* y = down(act(up x + b_up)) + b_down */
    FMLP_MLP_GATED = 1  /* y = down(act(gate x + b_gate) * (up x + b_up)) + b_down */
} fmlp_mlp_kind;

typedef enum fmlp_activation {
    FMLP_ACT_RELU = 0,      /* max(v, 0); gated: ReGLU */
    FMLP_ACT_GELU_ERF = 1,  /* 0.5 v (1 + erf(v / sqrt 2)); gated: GeGLU */
    FMLP_ACT_GELU_TANH = 2, /* 0.5 v (1 + tanh(sqrt(2/pi) (v + 0.044715 v^3))); gated: GeGLU-tanh */
    FMLP_ACT_SILU = 3,      /* v / (1 + exp(-v)); gated: SwiGLU */
    FMLP_ACT_RELU2 = 4      /* max(v, 0)^2 (squared ReLU) */
} fmlp_activation;

/* Storage types. Activations (x, y) may be F32, F16 or BF16; weights may be any. */
typedef enum fmlp_dtype {
    FMLP_DTYPE_F32 = 0,
    FMLP_DTYPE_F16 = 1,   /* IEEE half, stored as 16-bit words */
    FMLP_DTYPE_BF16 = 2,  /* bfloat16, stored as 16-bit words */
    FMLP_DTYPE_Q8_0 = 3,  /* GGML Q8_0 blocks: 32 weights, fp16 scale */
    FMLP_DTYPE_Q4_0 = 4,  /* GGML Q4_0 blocks: 32 weights, fp16 scale */
    FMLP_DTYPE_AFFINE_Q2 = 5, /* group-wise affine, fp16 scale and zero point per group */
    FMLP_DTYPE_AFFINE_Q3 = 6,
    FMLP_DTYPE_AFFINE_Q4 = 7,
    FMLP_DTYPE_AFFINE_Q8 = 8
} fmlp_dtype;

/* The arithmetic the kernels may use (fmlp_plan_desc.precision). */
typedef enum fmlp_precision {
    /* fp32 arithmetic on the stored values of weights and activations (the default) */
    FMLP_PRECISION_EXACT = 0,
    /* For the block formats (Q8_0, Q4_0, AFFINE_Q2, _Q3, _Q4, _Q8) in the small-batch kernel (the
     * "stream" strategy) and, on NVIDIA GPUs of compute capability 8.0 and newer, the integer
     * tensor cores ("mmaq"): the kernel's inputs (x, and the hidden activations before the down
     * projection) are rounded to int8 in runs of 32 along the dot product, with scale
     * max|v| / 127 per run, and multiplied with the weights' integer fields by 4-byte integer
     * dot products (dp4a on NVIDIA) or 8-bit mma, as llama.cpp's integer kernels do. Several
     * times fewer instructions per weight; relative output error about 1e-2 instead of 1e-6
     * (mlp_tolerance in harness/mlp_case.h states the bound the tests hold it to). Where the
     * tuning data says so (stream parameter ps), the partial sums of the slices of I are also
     * stored as bf16 before they are added, which adds about 2e-3 to that error. The 32- and
     * 16-bit formats and the other strategies compute exactly as with FMLP_PRECISION_EXACT. */
    FMLP_PRECISION_INT8_DOT = 1
} fmlp_precision;

/* Which biases exist (bit flags). For a plain MLP only UP and DOWN are meaningful. */
#define FMLP_BIAS_NONE 0u
#define FMLP_BIAS_GATE 1u
#define FMLP_BIAS_UP 2u
#define FMLP_BIAS_DOWN 4u

typedef struct fmlp_plan_desc {
    size_t hidden;              /* H: model width, elements of x and y per row. Required. */
    size_t intermediate;        /* I: width of the hidden layer. Required. */
    fmlp_mlp_kind kind;         /* default FMLP_MLP_GATED */
    fmlp_activation activation; /* default FMLP_ACT_SILU (SwiGLU with the default kind) */
    unsigned biases;            /* FMLP_BIAS_* flags; default FMLP_BIAS_NONE */
    fmlp_dtype act_dtype;       /* x and y storage; default FMLP_DTYPE_F32 */
    fmlp_dtype weight_dtype;    /* weight storage; default FMLP_DTYPE_F32 */
    unsigned group_size;        /* affine formats: weights per group (32, 64, 128); else 0 */
    size_t max_batch;           /* largest batch fmlp_forward will be given; default 1 */
    const char *overrides;      /* tuning overrides, "key=value ..." (see tuning/README.md);
                                   NULL for none. Copied at plan creation. */
    fmlp_precision precision;   /* default FMLP_PRECISION_EXACT */
    size_t min_batch;           /* smallest batch fmlp_forward will be given; default 1, and 0
                                   reads as 1. The plan builds kernels for min_batch..max_batch
                                   only: an engine that runs prefill alone need not compile
                                   the decode kernels. */
    int accumulate;             /* 0 (default): fmlp_forward writes y = MLP(x). 1: it adds the
                                   MLP to what y holds, y = y + MLP(x) (a transformer block's
                                   residual connection, or cuBLAS's beta = 1), in the kernel
                                   that writes y: no launch of its own. Each output is read and
                                   written once, rounded once to y's type. Any other value is
                                   FMLP_ERROR_INVALID_ENUM. Plans that differ only here share
                                   weights. */
} fmlp_plan_desc;

/* Fill *desc with the defaults above (hidden and intermediate set to 0). */
FMLP_API void fmlp_plan_desc_init(fmlp_plan_desc *desc);

/* ------------------------------------------------------------------ context */
typedef struct fmlp_context fmlp_context;

/* Wrap the caller's context and device. Both are retained (clRetain*) and released with the
 * FlashMLP context, so the caller may release its own references at any time.
 * Queries the device; does not block on device work. */
FMLP_API fmlp_status fmlp_context_create(cl_context context, cl_device_id device,
                                         fmlp_context **out);

/* Pick a device and create an OpenCL context for it. selector, when not NULL and not empty,
 * chooses the device; otherwise the environment variable FLASHMLP_DEVICE does; otherwise the
 * first GPU of any platform, else the first device of any kind (a CPU through PoCL).
 * Selector forms: "gpu", "cpu", "accelerator", "P:D" (platform and device index as
 * `flashmlp devices` lists them), or any other text, matched case-insensitively as a
 * substring of "platform name / device name". Unknown selectors give
 * FMLP_ERROR_DEVICE_NOT_FOUND, malformed ones FMLP_ERROR_INVALID_SELECTOR. */
FMLP_API fmlp_status fmlp_context_create_default(const char *selector, fmlp_context **out);

FMLP_API void fmlp_context_release(fmlp_context *ctx);

/* Borrowed handles (not retained for the caller). */
FMLP_API cl_context fmlp_context_cl_context(const fmlp_context *ctx);
FMLP_API cl_device_id fmlp_context_cl_device(const fmlp_context *ctx);

/* Create an in-order command queue on the context's device (profiling enabled), for callers
 * that have none. The caller owns it (clReleaseCommandQueue). */
FMLP_API fmlp_status fmlp_context_create_queue(const fmlp_context *ctx, cl_command_queue *out);

/* The identity used for tuning-database lookups. Strings are owned by the context. */
typedef struct fmlp_device_info {
    const char *platform;     /* platform name */
    const char *name;         /* device name as the driver reports it */
    const char *vendor;       /* normalized: "nvidia", "amd", "intel", "arm", "qualcomm",
                                 "apple", "pocl", "oclgrind" or "other" */
    const char *arch;         /* "sm_90", "gfx1100", an Intel IP version, a CPU's LLVM target,
                                 or "" when the device does not say */
    const char *driver;       /* driver version */
    const char *cl_version;   /* device OpenCL version string */
    unsigned compute_units;
    int is_gpu;
    size_t max_work_group_size;
    size_t local_mem_size;    /* bytes */
    uint64_t max_alloc_size;  /* bytes */
    uint64_t global_mem_size; /* bytes */
    int has_fp16;             /* cl_khr_fp16 */
} fmlp_device_info;

FMLP_API fmlp_status fmlp_context_device_info(const fmlp_context *ctx, fmlp_device_info *out);

/* Which tuning databases apply to this device, in lookup order, one per line as
 * "<level> <source> (measured|not measured)", followed by a line for each database that was
 * skipped as damaged ("skipped: <file>:<line>: <why>"). Written NUL-terminated into buf,
 * truncated to size. */
FMLP_API fmlp_status fmlp_context_tuning_info(const fmlp_context *ctx, char *buf, size_t size);

/* The log of the most recent kernel build on this context (successful or not); "" when none.
 * The string is owned by the context and valid until the next build on it. Not thread-safe
 * against concurrent plan creation on the same context. */
FMLP_API const char *fmlp_context_build_log(const fmlp_context *ctx);

/* ------------------------------------------------------------------ plan */
typedef struct fmlp_plan fmlp_plan;

/* Validate desc against the device, look up tuned parameters for every batch size up to
 * desc->max_batch (from desc->min_batch), and build (or fetch from the cache) the kernels.
 * Blocks while compiling. min_batch above max_batch is FMLP_ERROR_INVALID_SIZE.
 * Keeps a reference to ctx.
 *
 * Tuned parameters come from the first of these that has an entry for the op and batch and
 * fits the device (tuning/README.md): the user overlay (every *.db file in
 * $FLASHMLP_TUNING_DIR, else $XDG_CACHE_HOME/flashmlp/tuning, else ~/.cache/flashmlp/tuning,
 * whose device line matches), then the shipped databases for the exact device, its
 * architecture, its vendor, and any device. desc->overrides and $FLASHMLP_OVERRIDES replace
 * them ($FLASHMLP_OVERRIDES first, desc->overrides over it): parameters alone change the
 * chosen entries' values; "strategy=NAME" alone takes the databases' entry for that strategy
 * (e.g. "strategy=unfused"); a strategy with parameters takes exactly those, over that
 * strategy's portable defaults. An override that does not fit fails the call rather than
 * being replaced. fmlp_plan_describe() says which was used.
 *
 * Compiled programs are cached on disk across processes, in $FLASHMLP_CACHE_DIR, else
 * $XDG_CACHE_HOME/flashmlp/programs, else ~/.cache/flashmlp/programs; FLASHMLP_CACHE=0 turns
 * the disk cache off (on PoCL, which caches compiled kernels itself, it is off unless
 * FLASHMLP_CACHE=1). Damaged entries are deleted and rebuilt, and a cache that cannot be
 * read or written is not used: cache trouble never makes this call fail. */
FMLP_API fmlp_status fmlp_plan_create(fmlp_context *ctx, const fmlp_plan_desc *desc,
                                      fmlp_plan **out);
FMLP_API void fmlp_plan_release(fmlp_plan *plan);

/* The description the plan was created with (overrides pointer points to the plan's copy). */
FMLP_API const fmlp_plan_desc *fmlp_plan_get_desc(const fmlp_plan *plan);

/* Bytes of workspace that fmlp_forward needs for every batch size from min_batch up to `batch`
 * (0 when none needs any): allocate once for max_batch and reuse it for any batch. */
FMLP_API fmlp_status fmlp_plan_workspace_size(const fmlp_plan *plan, size_t batch, size_t *bytes);

/* How the plan runs a given batch: the strategy, its parameters, and where the database entry
 * came from ("override", "user:<file>:<line>", "device:<file>:<line>", "arch:...",
 * "vendor:...", "generic:..."). Writes a NUL-terminated line into buf (truncated to size). */
FMLP_API fmlp_status fmlp_plan_describe(const fmlp_plan *plan, size_t batch, char *buf,
                                        size_t size);

/* ------------------------------------------------------------------ weights */
/* Host arrays in PyTorch layout, in the plan's weight dtype (biases: see below).
 * gate: [I, H] (gated plans only), up: [I, H], down: [H, I].
 * Biases are float32 for every weight dtype: gate_bias [I], up_bias [I], down_bias [H];
 * each must be given exactly when the plan's desc.biases says so. */
typedef struct fmlp_host_weights {
    const void *gate;
    const void *up;
    const void *down;
    const float *gate_bias;
    const float *up_bias;
    const float *down_bias;
} fmlp_host_weights;

/* The same, in the caller's device buffers (same context), each at a byte offset. */
typedef struct fmlp_buffer_weights {
    cl_mem gate, up, down, gate_bias, up_bias, down_bias;
    size_t gate_offset, up_offset, down_offset;
    size_t gate_bias_offset, up_bias_offset, down_bias_offset;
} fmlp_buffer_weights;

typedef struct fmlp_weights fmlp_weights;

/* Pack weights into the layout the plan's kernels read. Uses queue (same context and device)
 * and blocks until packing has finished, so the source arrays or buffers may be freed or
 * changed as soon as the call returns. Keeps a reference to the plan. */
FMLP_API fmlp_status fmlp_weights_create_host(const fmlp_plan *plan, cl_command_queue queue,
                                              const fmlp_host_weights *src, fmlp_weights **out);
FMLP_API fmlp_status fmlp_weights_create_buffers(const fmlp_plan *plan, cl_command_queue queue,
                                                 const fmlp_buffer_weights *src,
                                                 fmlp_weights **out);
FMLP_API void fmlp_weights_release(fmlp_weights *weights);

/* Device bytes held by the packed weights. */
FMLP_API size_t fmlp_weights_device_bytes(const fmlp_weights *weights);

/* ------------------------------------------------------------------ weight formats
 * Every weight matrix keeps PyTorch nn.Linear orientation, [rows = out, cols = in] row-major
 * (gate, up: [I, H]; down: [H, I]), in every format. The block formats split each row, along
 * the input dimension, into consecutive blocks of 32 (GGML) or group_size (affine) weights;
 * a row's length must be a multiple of that size, and row r starts at byte
 * r * (cols / block) * block_bytes. Multi-byte fields are little-endian; "fp16" is an IEEE
 * binary16 bit pattern.
 *
 *   F32    4 bytes per weight, the host's float.
 *   F16    2 bytes per weight: IEEE binary16. From fp32: round to nearest even, overflow to
 *          infinity, subnormals kept, NaN stays NaN.
 *   BF16   2 bytes per weight: the upper 16 bits of the fp32 pattern after round to nearest
 *          even on the lower 16 (NaN stays NaN).
 *   Q8_0   GGML's block_q8_0, 34 bytes per 32 weights: { fp16 d; int8 qs[32]; }
 *          weight j = d * qs[j]. Quantized as GGML's quantize_row_q8_0_ref: d = max|x| / 127,
 *          qs[j] = round(x[j] * (1 / d)) (half away from zero; fp32 1/d of the unrounded d).
 *   Q4_0   GGML's block_q4_0, 18 bytes per 32 weights: { fp16 d; uint8 qs[16]; }
 *          weight j = d * ((qs[j] & 0x0F) - 8), weight j + 16 = d * ((qs[j] >> 4) - 8),
 *          j = 0..15. Quantized as GGML's quantize_row_q4_0_ref: m = the block's value of
 *          largest magnitude, with its sign (the first one on a tie), d = m / -8,
 *          q = min(15, trunc(x * (1 / d) + 8.5)).
 *          Q8_0 and Q4_0 data from llama.cpp's GGUF files can be used as they are; for finite
 *          inputs fmlp_quantize gives the same bytes as GGML's reference quantizers.
 *   AFFINE_Q2, _Q3, _Q4, _Q8 (bits b = 2, 3, 4, 8; group_size G = 32, 64 or 128), the
 *          group-wise layout of GPTQ/AWQ-style checkpoints: 4 + G * b / 8 bytes per group,
 *            { fp16 scale; fp16 zero; uint8 q[G * b / 8]; }
 *          weight j = scale * (q_j - zero), computed in fp32 as scale * ((float)q_j - zero);
 *          q_j unsigned in [0, 2^b - 1]; zero may be fractional (the zero * scale offsets of
 *          AWQ-style checkpoints divided by their scale). The q_j form a little-endian bit
 *          stream: q_j occupies bits j*b .. j*b + b - 1 counted from bit 0 of q[0]. So Q8 is
 *          one byte per weight; Q4 holds weight 2k in the low nibble of byte k and 2k + 1 in
 *          the high nibble; Q2 holds four weights per byte from the lowest bits up; Q3 holds
 *          eight weights in each 3 bytes, weight j of the eight at bits 3j .. 3j + 2 of the
 *          24-bit little-endian word those bytes form.
 *          Quantized min-max per group with an integer zero point (as GPTQ and AWQ store
 *          them): lo = min x, hi = max x, s = fp16((hi - lo) / (2^b - 1)) (fp32 division);
 *          zero = fp16(round((2^b - 1 - lo / s - hi / s) / 2)), the integer that centres
 *          [lo / s + zero, hi / s + zero] on [0, 2^b - 1]; q_j = clamp(round(x_j / s + zero),
 *          0, 2^b - 1), rounds half away from zero, with the stored fp16 values: |x_j - w_j|
 *          is at most half a step plus 2^-12 (2^b - 1) steps (the scale's fp16 rounding). A
 *          group whose s is 0 (constant c, or a range below fp16's least subnormal) gets
 *          scale fp16(|c|) and zero -1 (c > 0) or 1 (c < 0) with every q_j = 0, so it
 *          dequantizes to c rounded to fp16; c = 0 (or all NaN) gets scale 1, zero 0. Scale and
 *          zero saturate at +-65504, and zero points beyond 2048 lose their units digit to
 *          fp16: only a group whose values lie in a band far narrower than their distance from
 *          0 (|lo| > 2048 * s), which trained weights never are, loses accuracy there. Integer
 *          zero points in [-1024, 1024] also let the tensor-core kernels run faster (the
 *          weights are checked when packed; fractional ones run the general kernels); with
 *          bf16 activations the range is [2^bits - 257, 256].
 *
 * The group size argument below is 32, 64 or 128 for the affine formats and 0 for all others,
 * as in fmlp_plan_desc. These functions are thread-safe, allocate nothing and never block.
 * Errors, checked in this order: FMLP_ERROR_NULL_POINTER (a pointer argument is NULL),
 * FMLP_ERROR_INVALID_ENUM (dtype unknown), FMLP_ERROR_INVALID_SIZE (group size wrong for the
 * format; rows or cols 0; cols not a multiple of the block; sizes that overflow),
 * FMLP_ERROR_BUFFER_TOO_SMALL (dst_bytes below fmlp_weight_bytes()). On error nothing is
 * written. */

/* A format's block: the weights it holds into *weights and its bytes into *bytes (F32, F16 and
 * BF16: 1 weight of 4, 2, 2 bytes; Q8_0 32 of 34; Q4_0 32 of 18; affine G of 4 + G * b / 8).
 * Rows (cols of fmlp_weight_bytes; H for gate and up, I for down) must be whole blocks. */
FMLP_API fmlp_status fmlp_weight_block(fmlp_dtype dtype, unsigned group_size, unsigned *weights,
                                       unsigned *bytes);

/* Bytes of a [rows, cols] matrix in dtype (F32, F16 and BF16 included) into *bytes. */
FMLP_API fmlp_status fmlp_weight_bytes(fmlp_dtype dtype, unsigned group_size, size_t rows,
                                       size_t cols, size_t *bytes);

/* Convert (F32, F16, BF16) or quantize the fp32 matrix src [rows, cols] into dst, which holds
 * dst_bytes bytes (at least fmlp_weight_bytes()); src is not modified. For tests, tools and
 * users who hold fp32 weights; the result is what fmlp_weights_create_host() takes. */
FMLP_API fmlp_status fmlp_quantize(fmlp_dtype dtype, unsigned group_size, const float *src,
                                   size_t rows, size_t cols, void *dst, size_t dst_bytes);

/* The fp32 values of the matrix src [rows, cols] in dtype (fmlp_weight_bytes() bytes) into
 * dst [rows, cols]: exactly the values the kernels compute with. */
FMLP_API fmlp_status fmlp_dequantize(fmlp_dtype dtype, unsigned group_size, const void *src,
                                     size_t rows, size_t cols, float *dst);

/* GPTQ checkpoints store 4-bit weights as int32 tensors transposed to [in, out]; which zero
 * convention they follow is their checkpoint_format. */
typedef enum fmlp_gptq_format {
    FMLP_GPTQ_V1 = 0, /* "gptq" (AutoGPTQ's default): each zero is stored minus one */
    FMLP_GPTQ_V2 = 1  /* "gptq_v2": zeros stored as they are */
} fmlp_gptq_format;

/* Convert one 4-bit GPTQ linear layer into AFFINE_Q4 with the checkpoint's group size (32, 64
 * or 128), [out_features, in_features], without any rounding: the weight of output o and
 * input i (row o, column i of the result) is scales[g][o] * (q - z), g = i / group_size, with
 *   qweight  int32 [in_features / 8, out_features]: input i of column o in bits 4 (i % 8) ..
 *            4 (i % 8) + 3 of qweight[i / 8][o];
 *   qzeros   int32 [in_features / group_size, out_features / 8]: z of column o in group g in
 *            bits 4 (o % 8) .. of qzeros[g][o / 8], plus one for FMLP_GPTQ_V1;
 *   scales   fp16 [in_features / group_size, out_features];
 *   g_idx    int32 [in_features], or NULL: the group of each input. Checkpoints quantized with
 *            act-order (desc_act) put inputs into groups out of order, which AFFINE_Q4 cannot
 *            hold: FMLP_ERROR_UNSUPPORTED_DTYPE unless g_idx[i] == i / group_size for all i.
 * dst holds dst_bytes (at least fmlp_weight_bytes(FMLP_DTYPE_AFFINE_Q4, group_size,
 * out_features, in_features)). Errors, in this order: FMLP_ERROR_NULL_POINTER (qweight,
 * qzeros, scales or dst NULL), FMLP_ERROR_INVALID_ENUM (format), FMLP_ERROR_INVALID_SIZE
 * (group size; a size 0; in_features not a multiple of group_size; out_features not a multiple
 * of 8), FMLP_ERROR_BUFFER_TOO_SMALL, FMLP_ERROR_UNSUPPORTED_DTYPE (g_idx). Thread-safe, no
 * allocation, nothing written on error. */
FMLP_API fmlp_status fmlp_convert_gptq_q4(fmlp_gptq_format format, unsigned group_size,
                                          const int32_t *qweight, const int32_t *qzeros,
                                          const uint16_t *scales, const int32_t *g_idx,
                                          size_t in_features, size_t out_features, void *dst,
                                          size_t dst_bytes);

/* ------------------------------------------------------------------ forward */
/* Enqueue y = MLP(x) for `batch` rows on queue (same context and device as the plan).
 *   x:  at least batch * H elements of desc.act_dtype, starting at byte x_offset. Where H is
 *     a multiple of 4, the kernels read x four elements at a time: an x_offset that is not a
 *     multiple of 4 elements costs a copy of x into a buffer the call allocates (correct, but
 *     slower).
 *   y:  at least batch * H elements, starting at byte y_offset; must not overlap x. With
 *     desc.accumulate the call reads them too (y = y + MLP(x)): they must hold values.
 *   workspace: NULL, or a buffer of at least fmlp_plan_workspace_size() bytes that no other
 *     command uses until this one completes. With NULL the call allocates one and releases it
 *     (OpenCL keeps it alive until the kernels finish): correct, but slower.
 *   wait_list / num_wait: events to wait for, as in clEnqueueNDRangeKernel.
 *   event: when not NULL, receives an event that completes when y is written (caller releases).
 * weights may come from another plan of the same shape, biases and weight format whose
 * kernels read the same device layout (FMLP_ERROR_WEIGHTS_MISMATCH otherwise: AFFINE_Q3 with
 * FMLP_PRECISION_INT8_DOT and without are laid out differently, as are plans that keep down
 * in rows and those that keep it transposed). Does not block. Results are deterministic: the same inputs on the same device and plan give
 * bit-identical y. Thread-safe on a shared plan. */
FMLP_API fmlp_status fmlp_forward(const fmlp_plan *plan, const fmlp_weights *weights,
                                  cl_command_queue queue, size_t batch,
                                  cl_mem x, size_t x_offset, cl_mem y, size_t y_offset,
                                  cl_mem workspace, cl_uint num_wait, const cl_event *wait_list,
                                  cl_event *event);

/* One kernel of a profiled forward pass. */
typedef struct fmlp_kernel_time {
    char name[48]; /* the OpenCL kernel's name */
    double us;     /* its execution time (profiling end - start), microseconds */
} fmlp_kernel_time;

/* fmlp_forward, then wait for it, and report each kernel's execution time from OpenCL
 * profiling events; the queue must have CL_QUEUE_PROFILING_ENABLE (fmlp_context_create_queue
 * makes such queues). times has room for *count entries; on return *count holds the number of
 * kernels launched (entries past the room are not reported). For tools and tuning: blocking. */
FMLP_API fmlp_status fmlp_forward_profile(const fmlp_plan *plan, const fmlp_weights *weights,
                                          cl_command_queue queue, size_t batch, cl_mem x,
                                          size_t x_offset, cl_mem y, size_t y_offset,
                                          cl_mem workspace, fmlp_kernel_time *times, int *count);

#ifdef __cplusplus
}
#endif

#endif /* FLASHMLP_FLASHMLP_H */
