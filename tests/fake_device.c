/* fake_device (fake_device.h). */
#include "fake_device.h"

#include "internal.h"

#include <stdio.h>
#include <string.h>

void fake_device(struct fmlp_device *dev, const char *vendor, const char *arch, const char *name,
                 unsigned compute_units, size_t max_wg, size_t local_mem)
{
    memset(dev, 0, sizeof *dev);
    snprintf(dev->vendor, sizeof dev->vendor, "%s", vendor);
    snprintf(dev->arch, sizeof dev->arch, "%s", arch);
    snprintf(dev->name, sizeof dev->name, "%s", name);
    dev->info.compute_units = compute_units;
    dev->info.max_work_group_size = max_wg;
    dev->max_wg_dims[0] = dev->max_wg_dims[1] = max_wg;
    dev->max_wg_dims[2] = max_wg < 1024 ? max_wg : 1024;
    dev->info.local_mem_size = local_mem;
    dev->info.max_alloc_size = 1ull << 32;
    dev->base_align_bits = 1024; /* the OpenCL minimum for full-profile devices (long16) */
}
