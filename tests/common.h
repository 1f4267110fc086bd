/* Shared test helpers: the device every test uses, and checking one MLP case end to end. */
#ifndef FLASHMLP_TESTS_COMMON_H
#define FLASHMLP_TESTS_COMMON_H

#include "flashmlp/flashmlp.h"
#include "mlp_case.h"

#include <criterion/criterion.h>

/* fp32 tolerance on ||y - ref|| / ||ref||; every format's is mlp_tolerance() (mlp_case.h says
 * why each value). */
#define TOL_F32 MLP_TOL_F32

typedef struct test_env {
    fmlp_context *ctx;
    cl_command_queue queue;
} test_env;

/* The default device (PoCL on CI, any device FLASHMLP_DEVICE names); asserts on failure. */
void env_open(test_env *e);
void env_close(test_env *e);

/* The device's NVIDIA compute capability (86 for sm_86), 0 for any other device. */
int nvidia_sm(const fmlp_device_info *info);
/* The same for the environment's device (asserting that its information can be read). */
int env_nvidia_sm(const test_env *e);

/* A fresh seed for every call: tests draw new random inputs on every run. Where the
 * environment sets FLASHMLP_TEST_SEED, that seed instead (to replay a failure's draw). */
uint64_t fresh_seed(void);

fmlp_plan_desc make_desc(size_t h, size_t i, fmlp_mlp_kind kind, fmlp_activation act,
                         unsigned biases);

#include "fake_device.h" /* fake_device() */

/* Run desc at `batch` (plan max_batch = batch) with the given overrides, check every output
 * element was written and the error is within tol. Returns the measured error. */
double check_case(test_env *e, fmlp_plan_desc desc, size_t batch, const char *overrides,
                  double tol);
/* desc with the given overrides must be refused here as lacking what they ask for (an NVIDIA-only
 * parameter elsewhere): FMLP_ERROR_EXTENSION_MISSING, and no plan. */
void expect_refused(test_env *e, fmlp_plan_desc desc, const char *overrides);
/* The same after adding zero_shift to every affine block's zero point (0: none), asserting that
 * the packed weights' int_zeros (every zero point a small integer: the FMLP_IZ kernels run) is
 * int_zeros where that is 0 or 1. */
double check_case_zeros(test_env *e, fmlp_plan_desc desc, size_t batch, const char *overrides,
                        double tol, float zero_shift, int int_zeros);
/* Run r on c's first `batch` rows (c->batch = batch), check every output element was written
 * and the error is within tol (a failure names seed, c's draw, and the plan's choice). Returns
 * the measured error. */
double check_run(mlp_run *r, mlp_case *c, size_t batch, double tol, uint64_t seed);

/* Each test process ends with a leak check when built with AddressSanitizer (Criterion's
 * workers exit without LeakSanitizer's own check); a no-op otherwise. Every suite names it:
 * TestSuite(name, .fini = leak_check). */
void leak_check(void);

/* Remove a folder and everything below it (test scratch folders). */
void remove_tree(const char *dir);

/* Read a whole float buffer back. */
void read_floats(cl_command_queue q, cl_mem m, size_t n, float *out);
cl_mem make_buffer(test_env *e, size_t bytes, const void *init);

/* desc.accumulate checked for one plan (H=64, I=96, B=3, gated SiLU with every bias): y from a
 * plan with accumulate, on y holding a random residual r, against r + y0 from the same plan
 * without it, sharing its weights (bit for bit with fp32 y; within the format's tolerance of
 * the reference with 16-bit y); alone, the plan with accumulate only, against r + the
 * reference (Oclgrind). */
typedef struct acc_case {
    fmlp_dtype act, weights;
    fmlp_precision precision;
    const char *overrides;
    int alone;
} acc_case;
void check_accumulate(test_env *e, const acc_case *k);

#endif
