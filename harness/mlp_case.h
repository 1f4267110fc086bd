/* The one description of an MLP run, shared by the tests, the benchmark, the tuner and the
 * command-line program: random inputs in PyTorch layout, the double-precision reference, the
 * error measure, and the device set-up that runs it through the public API. */
#ifndef FLASHMLP_HARNESS_MLP_CASE_H
#define FLASHMLP_HARNESS_MLP_CASE_H

#include "flashmlp/flashmlp.h"

#include <stddef.h>
#include <stdint.h>

typedef struct mlp_case {
    fmlp_plan_desc desc;
    size_t batch;
    /* host data, fp32, PyTorch layout; gate and biases NULL where the op has none */
    float *x;      /* [batch, H] */
    float *gate;   /* [I, H] */
    float *up;     /* [I, H] */
    float *down;   /* [H, I] */
    float *b_gate; /* [I] */
    float *b_up;   /* [I] */
    float *b_down; /* [H] */
} mlp_case;

/* Allocate and fill with fresh random data from seed: x ~ U(-1, 1), weights and biases
 * ~ U(-1, 1) / sqrt(fan_in), so that every stage has values of order one.
 * Returns 0, or -1 when out of memory (nothing left allocated). */
int mlp_case_init(mlp_case *c, const fmlp_plan_desc *desc, size_t batch, uint64_t seed);
void mlp_case_free(mlp_case *c);

/* Redraw x only (fresh inputs for the same weights). */
void mlp_case_redraw_x(mlp_case *c, uint64_t seed);

fmlp_host_weights mlp_case_host_weights(const mlp_case *c);

/* y_row[H] = the MLP of x row `row`, in double precision. */
void mlp_reference_row(const mlp_case *c, size_t row, double *y_row);

/* ||y - ref|| / ||ref|| over the given rows (all rows when rows is NULL), y being [batch, H].
 * Returns NAN when any compared y is NaN or infinite. */
double mlp_rel_error(const mlp_case *c, const float *y, const size_t *rows, size_t nrows);

/* The same measure against reference rows computed beforehand: ref [nrows, H], row r being
 * mlp_reference_row(c, rows[r]). Lets several results for one input share one reference. */
double mlp_rel_error_ref(const mlp_case *c, const float *y, const size_t *rows, size_t nrows,
                         const double *ref);

/* The activation in double precision, as the kernels define it. */
double mlp_activation(fmlp_activation a, double v);

/* Bit pattern written into outputs before a run; none of it may survive. */
#define MLP_POISON_BITS 0x7fc0dead
void mlp_poison(float *p, size_t n);
/* Number of elements still holding the poison pattern. */
size_t mlp_count_poison(const float *p, size_t n);

/* ---- running a case on a device through the public API */
typedef struct mlp_run {
    fmlp_context *ctx; /* borrowed */
    cl_command_queue queue; /* borrowed */
    fmlp_plan *plan;
    fmlp_weights *weights;
    cl_mem x, y, workspace;
    size_t max_batch;
} mlp_run;

/* Create the plan (desc with max_batch), pack the case's weights and allocate x, y and the
 * workspace for max_batch rows. On failure everything is released. */
fmlp_status mlp_run_setup(mlp_run *r, fmlp_context *ctx, cl_command_queue q, const mlp_case *c,
                          size_t max_batch);
/* Upload c->x, poison y on the device, run the forward pass for c->batch rows and read y
 * back into y_out [batch, H]. Blocking. */
fmlp_status mlp_run_forward(mlp_run *r, const mlp_case *c, float *y_out);
void mlp_run_free(mlp_run *r);

/* splitmix64 stream, for anything else that needs reproducible randomness */
uint64_t mlp_rand_next(uint64_t *state);
float mlp_rand_uniform(uint64_t *state); /* in [-1, 1) */

#endif
