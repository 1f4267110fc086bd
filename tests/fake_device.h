/* A device described without OpenCL (tests, and tests/program_text.c). */
#ifndef FLASHMLP_TESTS_FAKE_DEVICE_H
#define FLASHMLP_TESTS_FAKE_DEVICE_H

#include <stddef.h>

/* A device described without OpenCL, for lookups and configure() (internal.h's fmlp_device):
 * its vendor, arch and name, compute units, work-group size (every dimension, at most 1024 in
 * the third) and local memory; 4 GiB allocations; every other field zero. */
struct fmlp_device;
void fake_device(struct fmlp_device *dev, const char *vendor, const char *arch, const char *name,
                 unsigned compute_units, size_t max_wg, size_t local_mem);

#endif
