/* The tuner: flashmlp-tune and `flashmlp tune` (tuning/README.md). It searches each
 * strategy's parameters for one device, a set of MLP shapes and batch buckets, verifies every
 * candidate against the double-precision reference of the shared harness (harness/mlp_case.h)
 * before timing it, and writes the device's tuning database. Linked against the library's
 * internal objects: it prunes candidates through each strategy's own configure(). */
#ifndef FLASHMLP_TUNING_TUNER_H
#define FLASHMLP_TUNING_TUNER_H

#include "internal.h"

#include <stdio.h>

/* ------------------------------------------------------------------ candidate spaces */
#define TUNE_MAX_SEEDS 32
#define TUNE_MAX_AXES 20
#define TUNE_MAX_VALUES 10
#define TUNE_END (-1L) /* ends an axis's values */

typedef struct tune_seed {
    long b_lo, b_hi;    /* batches this starting point is tried for, inclusive */
    const char *params; /* "key=value ..." without strategy=; NULL ends the list */
} tune_seed;

typedef struct tune_axis {
    const char *param;              /* NULL ends the list */
    long values[TUNE_MAX_VALUES];   /* most promising first, ended by TUNE_END */
} tune_axis;

typedef struct tune_space {
    const char *strategy; /* NULL ends the table */
    long b_lo, b_hi;      /* batches where this strategy's seeds go first (order only) */
    /* Strategies that stream the weights once per group of rows: the parameter giving the rows
     * of one pass (times rows_scale). A winner's entry then covers no batch above
     * max(measured batch, rows of one pass): beyond that it would read the weights again, and
     * the lookup falls through to the next database instead. NULL for GEMM-like strategies. */
    const char *rows_param;
    long rows_scale;
    /* one more than the most a space may hold: the last stays empty and ends the list
     * (test_tuner checks every space; a full array once ran the tuner past its end) */
    tune_seed seeds[TUNE_MAX_SEEDS + 1];
    tune_axis axes[TUNE_MAX_AXES + 1];
} tune_space;

extern const tune_space tune_spaces[]; /* spaces.c */

/* A bucket's search budget under --total-budget: the seconds left shared by the buckets left
 * (remaining, this one included), less what each is expected to take past its budget (the
 * baselines, the neighbours' builds and the confirming rounds run whatever the budget), which
 * the done buckets measured: overrun seconds in all over done buckets. At least 1 s. Without
 * that allowance the first buckets' overruns left the last ones 1-4 s of a 20-30 s share
 * (bench/results/2026-11-29-h200-s41-a). */
double tune_bucket_share(double left, int remaining, double overrun, int done);

/* The highest batch a winner's entry (params, its parameter text) may cover: its bucket's top
 * bucket_hi, but for the strategies that stream the weights once per group of rows (a space's
 * rows_param: stream's bt, mmav's 8 fb) no further than max(measured batch, one group's rows):
 * past that it would read the weights again. */
long tune_entry_top(const char *params, long measured, long bucket_hi);

/* A batch range as the databases write it after B=: "LO-HI", "LO" when one batch, "LO-" when
 * open (hi LONG_MAX), into buf (n bytes; tune_io.c). */
void tune_batch_range(long lo, long hi, char *buf, size_t n);

/* ------------------------------------------------------------------ files (tune_io.c) */
/* What happened to one candidate. */
typedef enum tune_outcome {
    TUNE_OK = 0,          /* verified and timed */
    TUNE_INVALID,         /* configure(): inconsistent parameters */
    TUNE_NO_FIT,          /* configure() or the built kernel: does not fit the device */
    TUNE_UNSUPPORTED,     /* the device lacks what the strategy needs */
    TUNE_BUILD_FAILED,    /* the kernel did not compile */
    TUNE_WRONG,           /* wrong or unwritten outputs */
    TUNE_RUNTIME,         /* an OpenCL error while setting up or running */
    TUNE_NOUTCOMES
} tune_outcome;

const char *tune_outcome_name(int outcome);
int tune_outcome_parse(const char *name); /* -1 when unknown */

/* One measured (or rejected) candidate, as kept in the state file. */
typedef struct tune_record {
    char bucket[128];  /* "kind=gated act=silu wt=f32 at=f32 H=4096 I=14336 B=16" */
    char tried[512];   /* the candidate as enumerated: "strategy=stream wgs=256 ..." */
    char ran[512];     /* after configure(): what was built and timed ("" when pruned) */
    int outcome;
    double time_s;     /* median seconds per forward (TUNE_OK only) */
    double error;      /* relative error of the verified run (TUNE_OK only) */
    char why[256];     /* why it was rejected */
} tune_record;

/* The identity line written into state and database files, as key=value text. */
void tune_device_line(const fmlp_device *dev, const char *match, fmlp_strbuf *sb);
/* A file name from the device identity: "nvidia-sm_90-NVIDIA_H200-132cu.db". */
void tune_device_file_name(const fmlp_device *dev, char *buf, size_t size);

/* State file: a header, the device line, then one line per record (appended as it is
 * measured, so an interrupted run loses at most the candidate in flight). */
typedef struct tune_state {
    char path[1024];
    FILE *f;              /* open for appending, or NULL */
    tune_record *records; /* read back by --resume */
    int count, cap;
} tune_state;

/* Open path for this device. resume: read its records first (a state for another device or
 * driver is refused with a message in err); otherwise start it afresh. 0 on success. */
int tune_state_open(tune_state *s, const char *path, const fmlp_device *dev, int resume,
                    char *err, size_t errlen);
/* The earlier record of this candidate in this bucket, or NULL. */
const tune_record *tune_state_find(const tune_state *s, const char *bucket, const char *tried);
/* Append a record (and keep it in memory). 0 on success. */
int tune_state_add(tune_state *s, const tune_record *r);
void tune_state_close(tune_state *s);

/* One database entry to write: its key, the parameters, and the comment above it. */
typedef struct tune_entry {
    fmlp_plan_desc desc; /* kind, activation, dtypes, H, I */
    long b_lo, b_hi;
    char params[512];    /* "strategy=... k=v ..." */
    char comment[512];
} tune_entry;

/* Before a run: 0 when path is absent, damaged (it will be set aside) or a database of the
 * same device identity at this match level; -1 with a message when it belongs to another. */
int tune_check_output(const char *path, const fmlp_device *dev, const char *match, char *err,
                      size_t errlen);
/* Write the database atomically (temporary file, then rename): `entries` first, then the
 * entries of an existing valid file for the same device that keep batches of their own (an
 * entry of another op, shape or formats, or one whose batch range the new entries of its op,
 * shape and formats do not cover whole; those cover it where they overlap, coming first).
 * 0 on success; a message in err otherwise. */
int tune_write_db(const char *path, const fmlp_device *dev, const char *match,
                  const char *command, const tune_entry *entries, int n, char *err,
                  size_t errlen);

/* ------------------------------------------------------------------ entry point */
/* The whole program: `flashmlp-tune --help` lists the options. Returns the exit status. */
int fmlp_tune_main(int argc, char **argv);

#endif
