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
    /* host data, fp32, PyTorch layout; gate and biases NULL where the op has none. In other
     * formats these hold the values the kernels are given: the weights dequantized from
     * gate_q, up_q, down_q, and x rounded to desc.act_dtype; so the reference computes
     * exactly what the kernels should. */
    float *x;      /* [batch, H] */
    float *gate;   /* [I, H] */
    float *up;     /* [I, H] */
    float *down;   /* [H, I] */
    float *b_gate; /* [I] */
    float *b_up;   /* [I] */
    float *b_down; /* [H] */
    /* the same in their storage formats; NULL when that format is F32 */
    void *gate_q, *up_q, *down_q; /* desc.weight_dtype (fmlp_quantize of the fp32 draw) */
    size_t gate_q_bytes, up_q_bytes, down_q_bytes;
    void *x_q;                    /* desc.act_dtype (F16, BF16): [batch, H] packed */
} mlp_case;

/* Allocate and fill with fresh random data from seed: x ~ U(-1, 1), weights and biases
 * ~ U(-1, 1) / sqrt(fan_in), so that every stage has values of order one. When
 * desc.weight_dtype is not F32 each weight matrix is quantized into it (gate_q, up_q, down_q)
 * and replaced by its dequantized values; when desc.act_dtype is F16 or BF16, x is rounded to
 * it (x_q). Biases stay fp32. Returns 0; -1 when out of memory; or the fmlp_status (> 0) of
 * fmlp_quantize when the formats do not fit the shape (a row length H or I that is not a
 * multiple of the block, a group size the format does not take). Nothing is left allocated
 * on failure. */
int mlp_case_init(mlp_case *c, const fmlp_plan_desc *desc, size_t batch, uint64_t seed);
void mlp_case_free(mlp_case *c);

/* Redraw x only (fresh inputs for the same weights), c->batch rows, rounded as above. */
void mlp_case_redraw_x(mlp_case *c, uint64_t seed);
/* After writing c->x [c->batch, H] by hand: round it to desc.act_dtype and refresh x_q. */
void mlp_case_round_x(mlp_case *c);
/* x as the kernels take it (x_q, else x): c->batch * H elements of desc.act_dtype. */
const void *mlp_case_x_data(const mlp_case *c);

/* The weights in the plan's formats (gate_q... where present) for fmlp_weights_create_host. */
fmlp_host_weights mlp_case_host_weights(const mlp_case *c);

/* Bytes per element of an activation dtype (F32 4, F16 and BF16 2), 0 for any other. */
size_t mlp_dtype_size(fmlp_dtype t);

/* The tolerance on mlp_rel_error for a run of desc, for tests, tuner, bench and CLI alike.
 * The kernels accumulate in fp32 against a double reference computed on the same dequantized
 * weights and the same rounded x, so neither the weight format nor the input rounding adds
 * anything: fp32 summation leaves MLP_TOL_F32 (up to ~14k products summed in orders that
 * differ from the reference; measured 1e-7 to 2e-6). What remains is the rounding of y to its
 * storage type, at most the unit roundoff of each element and hence of the norm: 2^-11 for
 * f16 and 2^-8 for bf16 (round to nearest even), added to MLP_TOL_F32. Measured errors sit
 * well below (rounding errors average about a third of the unit roundoff).
 *
 * FMLP_PRECISION_INT8_DOT with a format that has the integer path rounds the kernel's inputs
 * to int8 in runs of 32 (uniform error of up to max|v| / 254 per value, twice: x and the
 * hidden activations), which MLP_TOL_INT8 bounds; measured on random inputs: see
 * bench/PERFLOG.md. */
#define MLP_TOL_F32 1e-5
#define MLP_TOL_INT8 3e-2
double mlp_tolerance(const fmlp_plan_desc *desc);

/* Whether the kernels run desc through integer dot products (FMLP_PRECISION_INT8_DOT with a
 * format that has them: Q8_0, Q4_0, AFFINE_Q2, _Q4, _Q8). */
int mlp_int8_dot(const fmlp_plan_desc *desc);

/* y_row[H] = the MLP of x row `row`, in double precision. */
void mlp_reference_row(const mlp_case *c, size_t row, double *y_row);
/* The same, returning the largest |y_row[j]|: the scale a residual for desc.accumulate is
 * drawn at (the test suite's and flashmlp run's checks of it). */
double mlp_reference_row_max(const mlp_case *c, size_t row, double *y_row);
/* The same, and (where s2 is not NULL) s2[H]: for each output, the squared 2-norm of the terms
 * summed into it (the down bias and the products down * h), the scale of fp32's rounding error
 * in that sum. For random data of either sign it is of the order of the output's square;
 * where the terms cancel, the output is small but its rounding error is not, and s2 keeps the
 * measure below from blowing up. (Cancellation inside gate's or up's sums is not covered: it
 * matters only where I is tiny and down has no bias.) */
void mlp_reference_row_scale(const mlp_case *c, size_t row, double *y_row, double *s2);

/* The error of y, [batch, H], against the reference, over the given rows (all rows when rows
 * is NULL): ||y - ref|| / sqrt(sum over outputs of max(ref^2, s2)), s2 as above. On random
 * data of many outputs that is ||y - ref|| / ||ref|| within about 1.2x (max(z^2, 1) averages
 * 1.48 for a normal z), and it stays well-conditioned where an output cancels its terms (the
 * relative error of one output that nearly cancels its bias measures the cancellation, not the
 * kernel). Returns NAN when any compared y is NaN or infinite. */
double mlp_rel_error(const mlp_case *c, const float *y, const size_t *rows, size_t nrows);

/* The same measure against reference rows computed beforehand: ref [nrows, H] and s2 [nrows,
 * H], row r being mlp_reference_row_scale(c, rows[r]); s2 NULL measures against ||ref|| alone.
 * Lets several results for one input share one reference. */
double mlp_rel_error_ref(const mlp_case *c, const float *y, const size_t *rows, size_t nrows,
                         const double *ref, const double *s2);

/* The activation in double precision, as the kernels define it. */
double mlp_activation(fmlp_activation a, double v);

/* Bit pattern written into outputs before a run; none of it may survive. Outputs in f16 or
 * bf16 are poisoned with MLP_POISON_BITS16 (a NaN in both) on the device, and elements that
 * still hold it come back from mlp_run_forward as MLP_POISON_BITS. */
#define MLP_POISON_BITS 0x7fc0dead
#define MLP_POISON_BITS16 0x7fad
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
 * workspace for max_batch rows (x and y in desc.act_dtype). On failure everything is
 * released. */
fmlp_status mlp_run_setup(mlp_run *r, fmlp_context *ctx, cl_command_queue q, const mlp_case *c,
                          size_t max_batch);
/* Upload x (mlp_case_x_data), poison y on the device, run the forward pass for c->batch rows
 * and read y back into y_out [batch, H], converted to fp32 from desc.act_dtype. Blocking. */
fmlp_status mlp_run_forward(mlp_run *r, const mlp_case *c, float *y_out);
/* The same with x from the caller's buffer at a byte offset (holding c's x already). */
fmlp_status mlp_run_forward_x(mlp_run *r, const mlp_case *c, cl_mem x, size_t x_offset,
                              float *y_out);
/* desc.accumulate's run: x uploaded, y set to a residual (scale times uniform values in
 * [-1, 1) drawn from seed, rounded to y's type), then one forward of plan (a plan with
 * accumulate on r's weights; NULL: r's own) for c->batch rows. residual [batch, H] receives the
 * residual as y held it and y_out what y holds after the call, both as fp32. Blocking. */
fmlp_status mlp_run_forward_residual(mlp_run *r, const fmlp_plan *plan, const mlp_case *c,
                                     float scale, uint64_t seed, float *residual, float *y_out);
void mlp_run_free(mlp_run *r);

/* Print to stderr, as "prog: tuning database skipped: ...", each database file the context
 * could not use (a user overlay file that is damaged or has no device line): the library
 * never prints, and a skipped overlay would otherwise go unnoticed. Returns how many. */
int mlp_warn_skipped_dbs(const fmlp_context *ctx, const char *prog);

/* splitmix64 stream, for anything else that needs reproducible randomness */
uint64_t mlp_rand_next(uint64_t *state);
float mlp_rand_uniform(uint64_t *state); /* in [-1, 1) */

#endif
