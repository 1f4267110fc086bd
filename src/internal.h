/* FlashMLP internals shared by the host-layer files. Not installed. */
#ifndef FLASHMLP_INTERNAL_H
#define FLASHMLP_INTERNAL_H

#include "flashmlp/flashmlp.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>

/* ------------------------------------------------------------------ small utilities */
typedef struct fmlp_strbuf {
    char *data;
    size_t len, cap;
    bool failed; /* an allocation failed: the content is incomplete */
} fmlp_strbuf;

void fmlp_strbuf_append(fmlp_strbuf *sb, const char *text);
void fmlp_strbuf_appendn(fmlp_strbuf *sb, const char *text, size_t n);
void fmlp_strbuf_printf(fmlp_strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void fmlp_strbuf_free(fmlp_strbuf *sb);

uint64_t fmlp_hash64(uint64_t h, const void *data, size_t n); /* FNV-1a, h = 0 to start */
char *fmlp_strdup(const char *s);
int fmlp_strcasestr_contains(const char *hay, const char *needle);
size_t fmlp_dtype_size(fmlp_dtype t); /* bytes per element for F32/F16/BF16, else 0 */
const char *fmlp_dtype_name(fmlp_dtype t);
const char *fmlp_activation_name(fmlp_activation a);

/* ------------------------------------------------------------------ number formats (quant.c)
 * Scalar conversions with the rounding the weight formats define (flashmlp.h): fp32 to fp16
 * and bf16 round to nearest even, overflow to infinity, keep subnormals (fp16), and keep NaN
 * a (quiet) NaN; the conversions back are exact. */
uint16_t fmlp_f32_to_f16(float f);
float fmlp_f16_to_f32(uint16_t h);
uint16_t fmlp_f32_to_bf16(float f);
float fmlp_bf16_to_f32(uint16_t h);
/* A weight format's block: weights per block (1 for F32, F16, BF16; 32 for Q8_0 and Q4_0;
 * group_size for the affine formats) and bytes per block (4, 2, 34, 18, 4 + group_size * bits
 * / 8). FMLP_ERROR_INVALID_ENUM for an unknown dtype, FMLP_ERROR_INVALID_SIZE for a group size
 * the format does not take (affine: 32, 64, 128; others: 0). Either output may be NULL. */
fmlp_status fmlp_weight_format(fmlp_dtype t, unsigned group_size, unsigned *block_weights,
                               unsigned *block_bytes);

/* The bytes of a block's scale fields: 2 for Q8_0 and Q4_0 (an fp16 scale), 4 for the affine
 * formats (fp16 scale and zero point), 0 for the others (cl/formats.cl's SB). */
unsigned fmlp_weight_scale_bytes(fmlp_dtype t);

/* Whether the stream kernel computes desc's dot products in int8 (FMLP_PRECISION_INT8_DOT with
 * a block format). */
int fmlp_int8_dot(const fmlp_plan_desc *desc);

/* Whether desc's AFFINE_Q3 weights are kept regrouped on the device (FMLP_Q3G in cl/formats.cl):
 * for the integer dot products, which need four fields a word; every kernel of the plan reads
 * that layout. */
int fmlp_q3_grouped(const fmlp_plan_desc *desc);

/* Read a whole file; *out is NUL-terminated. FMLP_ERROR_IO when it cannot be read. */
fmlp_status fmlp_read_file(const char *path, char **out, size_t *len);

/* ------------------------------------------------------------------ embedded sources */
/* The .cl files and shipped tuning databases, by file name ("common.cl", "generic.db").
 * NULL when unknown. In builds with FLASHMLP_EMBED_KERNELS off they are read from the
 * source tree (or $FLASHMLP_KERNEL_DIR) and cached for the life of the process. */
const char *fmlp_source_get(const char *name);

/* ------------------------------------------------------------------ parameters */
/* A plan's parameters: one strategy's (the stream strategy has the most: 27 with sk; test
 * database/params_hold_every_key checks every strategy's) or, parsed, at most the tokens a line
 * may hold (tuning_db.c). fmlp_params_set drops a key past this many. */
#define FMLP_MAX_PARAMS 40
#define FMLP_NAME_LEN 16
#define FMLP_ORIGIN_LEN 192

typedef struct fmlp_params {
    char strategy[FMLP_NAME_LEN];
    int count;
    struct {
        char key[FMLP_NAME_LEN];
        long value;
    } kv[FMLP_MAX_PARAMS];
    char origin[FMLP_ORIGIN_LEN]; /* where these values came from */
} fmlp_params;

long fmlp_params_get(const fmlp_params *p, const char *key, long fallback);
void fmlp_params_set(fmlp_params *p, const char *key, long value);
/* 1 when a and b name the same strategy with the same keys and values (origins not compared). */
int fmlp_params_same(const fmlp_params *a, const fmlp_params *b);
/* "key=value ..." appended to sb in the order stored. */
void fmlp_params_format(const fmlp_params *p, fmlp_strbuf *sb);
/* Parse "strategy=NAME key=value ..." into p (only keys the strategy knows).
 * On error returns FMLP_ERROR_INVALID_PARAMETER and a message in err. */
fmlp_status fmlp_params_parse_overrides(const char *text, fmlp_params *p, char *err,
                                        size_t errlen);

/* ------------------------------------------------------------------ device */
typedef struct fmlp_device {
    cl_platform_id platform;
    cl_device_id device;
    fmlp_device_info info;
    /* storage behind info's strings */
    char platform_name[128], name[128], vendor[16], arch[96], driver[64], cl_version[96];
    char platform_version[128];
    size_t max_wg_dims[3];
    cl_uint base_align_bits; /* CL_DEVICE_MEM_BASE_ADDR_ALIGN: where buffers start, in bits */
} fmlp_device;

fmlp_status fmlp_device_query(cl_device_id dev, fmlp_device *out);

/* An NVIDIA device's compute capability from its arch "sm_XY" (XY), 0 for any other device. */
int fmlp_nvidia_sm(const fmlp_device *dev);
/* Whether the kernels load x by vectors of four (formats.cl, fmlp_x4): H a multiple of 4 and
 * buffers that start on 16 bytes at least. fmlp_forward then copies x whose offset is not a
 * multiple of 4 elements (plan.c). */
int fmlp_x_vectors(const fmlp_plan_desc *d, const fmlp_device *dev);
/* From an NVIDIA build log with ptxas's register counts (-cl-nv-verbose), or the lines
 * fmlp_ptx_thread_lines made: the most threads a work-group of kernel may have (at most
 * device_max), or 0 where they do not say. */
size_t fmlp_nv_log_threads(const char *log, const char *kernel, size_t device_max);
/* From NVIDIA's PTX: "ptx entry 'NAME' threads N" for each entry whose .reqntid or .maxntid
 * binds ptxas to fit N threads a work-group, as a new string (caller frees); NULL where none
 * does (program.c). */
char *fmlp_ptx_thread_lines(const char *ptx);
/* The lines of an NVIDIA build log that name a kernel or give its register count (ptxas,
 * -cl-nv-verbose), as a new string (caller frees); NULL where there are none (program.c). */
char *fmlp_register_lines(const char *log);
/* For tests (program.c): a disk cache entry for a key text, binary and notes (caller frees,
 * *len its bytes), and the check that reads one back: its binary, or NULL if unsound. */
unsigned char *fmlp_cache_entry_make(const char *key_text, const unsigned char *bin, size_t n,
                                     const char *notes, size_t *len);
const unsigned char *fmlp_cache_entry_check(const unsigned char *f, size_t n, const char *key_text,
                                            size_t *bin_len, const char **notes,
                                            size_t *notes_len);
/* The register lines of a program in the context's cache (from its build, or kept with its
 * disk cache entry), or NULL (program.c). */
const char *fmlp_program_registers(fmlp_context *ctx, cl_program prog);

/* The most work-items a one-dimensional work-group may have on this device: the smaller of
 * its work-group size limit and its first work-item dimension's. */
size_t fmlp_device_max_wg_1d(const fmlp_device *dev);

/* ------------------------------------------------------------------ tuning database */
typedef struct fmlp_db_entry {
    int kind, act, wdtype, adtype; /* -1: any */
    int prec;                      /* fmlp_precision, -1: any */
    long hidden, inter;            /* 0: any */
    long b_lo, b_hi;               /* inclusive */
    int line;
    fmlp_params params;
} fmlp_db_entry;

typedef enum fmlp_db_level {
    FMLP_DB_USER = 0,   /* the user overlay */
    FMLP_DB_DEVICE = 1, /* exact device (vendor, arch, name, compute units) */
    FMLP_DB_ARCH = 2,   /* vendor and architecture */
    FMLP_DB_VENDOR = 3, /* vendor only */
    FMLP_DB_GENERIC = 4 /* any device */
} fmlp_db_level;

typedef struct fmlp_db {
    char *source;          /* file name or "embedded:<name>" */
    char vendor[16], arch[96], name[128], driver[64];
    long compute_units;    /* 0: any */
    int measured;
    fmlp_db_entry *entries;
    int count;
} fmlp_db;

/* Parse database text. On damage returns FMLP_ERROR_DATABASE_INVALID with "source:line: why"
 * in err, and *out NULL. */
fmlp_status fmlp_db_parse(const char *text, const char *source, fmlp_db **out, char *err,
                          size_t errlen);
void fmlp_db_free(fmlp_db *db);
/* How closely the db's device line matches dev: the level, or -1 when it does not apply. */
int fmlp_db_match_level(const fmlp_db *db, const fmlp_device *dev);
/* The most specific entry of db for this op and batch, or NULL. Entries of baseline strategies
 * are left out unless `strategy` names one; a non-NULL `strategy` takes only its entries. */
const fmlp_db_entry *fmlp_db_lookup(const fmlp_db *db, const fmlp_plan_desc *desc, long batch);
const fmlp_db_entry *fmlp_db_lookup_strategy(const fmlp_db *db, const fmlp_plan_desc *desc,
                                             long batch, const char *strategy);

/* The entries the context's databases offer for this op and batch, one per database in
 * lookup order (origin set to "<level>:<source>:<line>"); the count. _from skips the
 * databases above min_level (FMLP_DB_DEVICE: what the shipped databases alone choose).
 * 16-bit x whose first entry names no shape takes, ahead of it, the entry of the same cell
 * with fp32 x (at=f32) that names the shape, from a database no lower than that first entry's
 * (its origin ends in FMLP_FP32_X; tuning_lookup.c says why). */
#define FMLP_FP32_X "+fp32-x"
int fmlp_tuning_candidates(const fmlp_context *ctx, const fmlp_plan_desc *desc,
                           long batch, fmlp_params *out, int max);
int fmlp_tuning_candidates_from(const fmlp_context *ctx, int min_level,
                                const fmlp_plan_desc *desc, long batch, fmlp_params *out,
                                int max);
/* The same, only entries of `strategy` (NULL: every strategy but the baselines). */
int fmlp_tuning_candidates_for(const fmlp_context *ctx, int min_level,
                               const fmlp_plan_desc *desc, long batch, const char *strategy,
                               fmlp_params *out, int max);
/* The entry the first of fmlp_tuning_candidates comes from, or NULL. */
const fmlp_db_entry *fmlp_tuning_first_entry(const fmlp_context *ctx, const fmlp_plan_desc *desc,
                                             long batch);
/* The parameters of other cells' entries that the context's databases at levels up to
 * max_level hold for this batch, nearest cell first: the tiles that won on a neighbouring
 * format, activation format, shape or MLP kind, which the tuner measures besides its seeds
 * (tuner.c; thirty-ninth session: such tiles moved 40-odd cells 1.1-1.3x where the tuner's
 * coordinate search, which walks one axis at a time, had not reached them). Entries of
 * baseline strategies and of another precision are left out, and so is the entry the cell
 * itself takes from each database; equal parameter sets come once (the nearest, origin set as
 * fmlp_tuning_candidates sets it). The distance: 4 for another MLP kind, 2 for another shape,
 * 1 each for another activation, weight format or activation format; ties by level, then
 * line. The count, at most max. */
int fmlp_tuning_neighbours(const fmlp_context *ctx, int max_level, const fmlp_plan_desc *desc,
                           long batch, fmlp_params *out, int max);
/* Append text to the context's build log (plan creation's reasons for rejecting a variant). */
void fmlp_build_log_note(fmlp_context *ctx, const char *text);
/* Parse text and keep it on ctx when its device line matches (at level USER when user is
 * set); a damaged text is noted on ctx ("skipped: ...") and not kept. */
void fmlp_databases_add_text(fmlp_context *ctx, const char *text, const char *source,
                             int user);
/* Every database that applies to ctx->dev (user overlays, then the shipped ones) onto ctx, and
 * their release (tuning_lookup.c); the tuner's --report-coverage calls them with a device
 * described, not opened. */
void fmlp_databases_load(fmlp_context *ctx);
void fmlp_databases_free(fmlp_context *ctx);

/* ------------------------------------------------------------------ context */
typedef struct fmlp_cached_program {
    uint64_t key;
    char *text; /* the full assembled source + options, compared on hit */
    cl_program program;
    char *registers; /* NVIDIA: ptxas's lines naming kernels and their register counts */
} fmlp_cached_program;

/* A program that one thread is building (fmlp_program_get); others that want it wait. */
typedef struct fmlp_building {
    uint64_t key;
    const char *text;
    struct fmlp_building *next;
} fmlp_building;

/* A disk cache entry's name: two hashes of its key text and the text's length (program.c). */
typedef struct fmlp_entry_key {
    uint64_t fnv, murmur, len;
} fmlp_entry_key;

/* A program that fmlp_program_prebuild found in the disk cache and left there, with its disk
 * key, so that the fmlp_program_get that follows does not hash its text a second time. */
typedef struct fmlp_on_disk {
    uint64_t key;
    char *text;
    fmlp_entry_key disk;
    struct fmlp_on_disk *next;
} fmlp_on_disk;

typedef struct fmlp_loaded_db {
    fmlp_db *db;
    int level;
} fmlp_loaded_db;

struct fmlp_context {
    atomic_int refs;
    cl_context cl_ctx;
    fmlp_device dev;
    pthread_mutex_t lock; /* guards the program cache, the builds under way and the build log */
    pthread_cond_t built; /* signalled when a build under way ends */
    fmlp_cached_program *programs;
    int nprograms, capprograms;
    fmlp_building *building; /* builds under way, each on its builder's stack */
    fmlp_on_disk *on_disk;   /* noted by prebuilds, taken by the gets that follow */
    int n_on_disk;           /* how many notes (at most 64) */
    char *build_log;
    /* "-cl-std=CL1.2", -cl-nv-verbose on NVIDIA, then $FLASHMLP_BUILD_OPTIONS (experiments)
     * when set; with those, the logs of all builds are kept (keep_logs) */
    char build_options[512];
    int keep_logs;
    fmlp_loaded_db *dbs; /* applicable databases, most specific first */
    int ndbs;
    char *db_errors;     /* messages of databases that were skipped as damaged */
};

void fmlp_context_retain(fmlp_context *ctx);

/* Build (or take from the cache) the program made of `defines` followed by the named
 * embedded sources. *out is a new reference. */
fmlp_status fmlp_program_get(fmlp_context *ctx, const char *defines, const char *const *files,
                             int nfiles, cl_program *out);

/* The text of the program made of `defines` followed by the named embedded sources, as
 * fmlp_program_get builds it for dev (its quirks first; the build options' comment line
 * aside), appended to sb. */
fmlp_status fmlp_program_text(const fmlp_device *dev, const char *defines,
                              const char *const *files, int nfiles, fmlp_strbuf *sb);

/* The text of the program that a plan of desc would build on dev for the whole parameter set
 * `params` ("strategy=... key=value ..."; absent keys take the strategy's defaults), appended
 * to sb; with FMLP_IZ where the variant takes that build too (iz: 1 for it). For tests that
 * compile the texts of devices they do not have (tests/program_text.c). */
fmlp_status fmlp_variant_program_text(const fmlp_plan_desc *desc, const fmlp_device *dev,
                                      const char *params, int iz, fmlp_strbuf *sb);

/* fmlp_program_get for a program wanted soon, from one of several threads: built into the
 * context's cache unless it is there, under way, or held by the disk cache (loads are not
 * faster in threads); errors are left for fmlp_program_get to report. */
void fmlp_program_prebuild(fmlp_context *ctx, const char *defines, const char *const *files,
                           int nfiles);

/* Build, several at once (FLASHMLP_BUILD_THREADS), the programs that plans of desc with each of
 * the given override texts would start from at batch min_batch: the tuner's next candidates.
 * Failures are left for those plans to report. */
void fmlp_programs_prebuild(fmlp_context *ctx, const fmlp_plan_desc *desc,
                            const char *const *overrides, int n);

/* Process-wide counts of what fmlp_program_get did on memory-cache misses: programs built
 * from source, loaded from the disk cache, written to it, and disk entries rejected as
 * damaged, foreign or unloadable (deleted, then rebuilt). */
typedef struct fmlp_program_stats {
    unsigned long source_builds, disk_hits, disk_writes, disk_rejected;
    unsigned long ahead_builds; /* of source_builds, those fmlp_program_prebuild made */
} fmlp_program_stats;
void fmlp_program_stats_get(fmlp_program_stats *out);

/* The affine formats' bits a weight (2, 3, 4, 8); 0 for the other formats (quant.c). */
unsigned fmlp_affine_bits(fmlp_dtype t);

/* A per-user folder: $<env> when set and not empty, else $XDG_CACHE_HOME/flashmlp/<leaf>,
 * else $HOME/.cache/flashmlp/<leaf>. Returns 0 when none can be named. */
int fmlp_user_folder(const char *env, const char *leaf, char *buf, size_t size);
/* The disk program cache's folder (FLASHMLP_CACHE_DIR, else <user cache>/programs);
 * returns 0 when the disk cache is off (FLASHMLP_CACHE=0|off|no|false) or has no folder.
 * (PoCL devices use it only with FLASHMLP_CACHE=1|on|yes|true: program.c says why.) */
int fmlp_program_cache_folder(char *buf, size_t size);

/* ------------------------------------------------------------------ strategies */
typedef struct fmlp_variant fmlp_variant;
typedef struct fmlp_weights_layout fmlp_weights_layout;

/* Device buffers a forward call works on. */
typedef struct fmlp_io {
    cl_mem x, y, workspace;
    size_t x_elem, y_elem; /* offsets of x and y, in elements of the activation dtype */
} fmlp_io;

typedef struct fmlp_strategy {
    const char *name;
    int baseline; /* a benchmark baseline: used only when an override names it */
    const char *const *param_names; /* NULL-terminated */
    /* Check p against the op and the device, filling in missing values; may shrink values
     * that exceed device limits. FMLP_ERROR_INVALID_PARAMETER for inconsistent values,
     * FMLP_ERROR_NO_FITTING_KERNEL when they cannot fit the device, and
     * FMLP_ERROR_EXTENSION_MISSING when the device lacks what the strategy needs. */
    fmlp_status (*configure)(const fmlp_plan_desc *desc, const fmlp_device *dev, fmlp_params *p);
    /* Append the #defines of p (tuning values) to sb. */
    void (*defines)(const fmlp_plan_desc *desc, const fmlp_params *p, fmlp_strbuf *sb);
    const char *const *files;        /* sources after common.cl, NULL-terminated */
    const char *const *kernel_names; /* NULL-terminated, at most FMLP_MAX_KERNELS */
    size_t (*workspace)(const fmlp_plan_desc *desc, const fmlp_params *p, size_t batch);
    cl_int (*enqueue)(const fmlp_plan *plan, const fmlp_variant *v, const fmlp_weights *w,
                      cl_command_queue q, size_t batch, const fmlp_io *io, cl_uint nwait,
                      const cl_event *wait, cl_event *event);
    /* nonzero: its sources take FMLP_IZ (integer zero points) when the plan's iw is 1 */
    int izero;
    /* which layout of down its kernels read (FMLP_DOWN_T or FMLP_DOWN_ROWS) with p; NULL:
     * FMLP_DOWN_T */
    int (*down_layout)(const fmlp_params *p);
} fmlp_strategy;

/* The layouts of the down matrix the weights keep: down^T [I][H] (packed: the block formats'
 * tiles), the one every strategy reads; or the caller's rows [H][I] (fp32 and 16-bit formats),
 * which the stream strategy's dk=2 form reads. A plan's weights keep one of them: plan.c turns
 * a rows variant into a down^T one where the plan has both. */
#define FMLP_DOWN_T 1
#define FMLP_DOWN_ROWS 2
int fmlp_variant_down_layout(const fmlp_variant *v);
/* 1 where mma's hp=1 needs the weight rows' scales (fmlp_weights s_gate, s_up, s_down) */
int fmlp_hp_row_scales(const fmlp_plan_desc *d);

const fmlp_strategy *fmlp_strategy_find(const char *name);
/* na (stream, mma, mmav, mmaq): the weights' loads as PTX with cache qualifiers (cl/formats.cl,
 * FMLP_LDNA): 0 plain loads; 1 ld.global.nc.L1::no_allocate, NVIDIA from compute capability
 * 7.0; 2 the same with an L2 evict-first cache policy (createpolicy), from 8.0. Out of range:
 * FMLP_ERROR_INVALID_PARAMETER; elsewhere FMLP_ERROR_EXTENSION_MISSING. */
fmlp_status fmlp_load_hint_check(const fmlp_device *dev, long na);
/* Whether key is one of strategy s's parameters. */
int fmlp_strategy_knows(const fmlp_strategy *s, const char *key);
extern const fmlp_strategy *const fmlp_strategies[]; /* NULL-terminated */
extern const fmlp_strategy fmlp_strategy_stream;
extern const fmlp_strategy fmlp_strategy_tiled;
extern const fmlp_strategy fmlp_strategy_mma;
extern const fmlp_strategy fmlp_strategy_mmav;
extern const fmlp_strategy fmlp_strategy_mmaq;
extern const fmlp_strategy fmlp_strategy_unfused;

#define FMLP_MAX_KERNELS 4

struct fmlp_variant {
    size_t b_lo, b_hi; /* batch sizes this variant serves, inclusive */
    const fmlp_strategy *strategy;
    fmlp_params params;
    cl_program program;
    cl_kernel kernels[FMLP_MAX_KERNELS];
    /* the same kernels built with FMLP_IZ (strategies with izero, iw=1, affine formats): for
     * weights whose zero points are all small integers (fmlp_weights.int_zeros); else NULL */
    cl_program program_iz;
    cl_kernel kernels_iz[FMLP_MAX_KERNELS];
    /* the stream strategy's fused reduction (fr=1): its counters, zero between launches, and
     * the last launch that used them with its queue (created and kept under the plan's lock) */
    cl_mem counters;
    size_t ncounters;
    cl_event counters_last;
    cl_command_queue counters_queue;
};

struct fmlp_plan {
    atomic_int refs;
    fmlp_context *ctx;
    fmlp_plan_desc desc;
    char *overrides;
    pthread_mutex_t lock; /* guards kernel arguments between set and enqueue */
    fmlp_variant *variants;
    int nvariants;
    int down_layout; /* FMLP_DOWN_T or FMLP_DOWN_ROWS: what the weights keep */
    /* a variant takes fp16 pairs (mma's hp=1): the weights keep their rows' scales */
    int row_scales;
};

void fmlp_plan_retain(fmlp_plan *plan);
const fmlp_variant *fmlp_plan_variant(const fmlp_plan *plan, size_t batch);

/* Packed weights in the plan's weight format (cl/formats.cl): gate [I, H], up [I, H], down^T
 * ([I, H] by element, or block rows for the block formats); biases fp32. */
struct fmlp_weights {
    fmlp_plan *plan;
    cl_mem gate, up, down_t, b_gate, b_up, b_down;
    cl_mem down; /* the rows layout (FMLP_DOWN_ROWS plans), instead of down_t */
    /* plans with row_scales: each row's power-of-two scale (cl/pack.cl fmlp_pack_row_scales),
     * gate's and up's by unit [I], down's by output [H]; else NULL */
    cl_mem s_gate, s_up, s_down;
    size_t bytes;
    /* the affine formats: every zero point an integer in [-1024, 1024], so the variants'
     * FMLP_IZ kernels (kernels_iz) run with these weights */
    int int_zeros;
};

/* A chain of kernel launches that behaves as one command: the first waits for the caller's
 * events, each next one waits for the previous (also on out-of-order queues), and the last
 * one's event is the caller's. */
typedef struct fmlp_seq {
    cl_command_queue q;
    int out_of_order;
    cl_uint nwait;
    const cl_event *wait;
    cl_event prev;   /* owned; the previous launch's event on out-of-order queues */
    cl_event *event; /* the caller's output event, or NULL */
    cl_event extra;  /* not owned: one more event the next launch waits for, or NULL */
    cl_event *keep;  /* where the next launch leaves a retained event of its own, or NULL */
} fmlp_seq;

/* While fmlp_forward_profile runs on a thread, every launch of that thread keeps its event
 * here (at most FMLP_PROFILE_MAX); NULL otherwise. */
#define FMLP_PROFILE_MAX 256
typedef struct fmlp_profile_sink {
    cl_event events[FMLP_PROFILE_MAX];
    cl_kernel kernels[FMLP_PROFILE_MAX];
    int count;
} fmlp_profile_sink;
extern _Thread_local fmlp_profile_sink *fmlp_profile;

cl_int fmlp_seq_begin(fmlp_seq *s, cl_command_queue q, cl_uint nwait, const cl_event *wait,
                      cl_event *event);
cl_int fmlp_seq_launch(fmlp_seq *s, cl_kernel k, cl_uint dims, const size_t *global,
                       const size_t *local, int last);
void fmlp_seq_end(fmlp_seq *s);

/* reduce.cl's arguments other than y's offset and the rows (4, 5): the partial sums from p_off
 * (elements) on in the workspace, the down bias, y. */
cl_int fmlp_set_reduce_args(cl_kernel r, const fmlp_io *io, const fmlp_weights *w, cl_ulong p_off);

/* The arguments every gate/up kernel takes, in this order: x, x_off, gate, up, b_gate, b_up,
 * h (h_buf at element h_off), batch. */
cl_int fmlp_set_gateup_args(cl_kernel k, const fmlp_io *io, const fmlp_weights *w, cl_mem h_buf,
                            cl_ulong h_off, size_t batch);

/* reduce.cl, shared by the strategies that split a sum: its work-group shape for this device
 * and the variant's parameters re and rg where it has them (defines), and its launch for
 * `batch` rows (arguments already set; last: the final launch of the forward pass, which
 * signals the caller's event). */
void fmlp_reduce_defines(const fmlp_device *dev, const fmlp_params *p, fmlp_strbuf *sb);
cl_int fmlp_reduce_launch(fmlp_seq *seq, cl_kernel k, const fmlp_plan *plan,
                          const fmlp_params *p, size_t batch, int last);

#define FMLP_ARG(k, i, v) clSetKernelArg((k), (i), sizeof(v), &(v))
static inline size_t fmlp_ceil_div(size_t a, size_t b) { return (a + b - 1) / b; }

/* Whether v is one of set[0..n-1] (a parameter's allowed values). */
static inline int fmlp_in_set(long v, const long *set, int n)
{
    for (int i = 0; i < n; ++i)
        if (set[i] == v) return 1;
    return 0;
}

#endif /* FLASHMLP_INTERNAL_H */
