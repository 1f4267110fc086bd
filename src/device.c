/* Device identity: the normalized vendor and architecture that tuning lookups key on. */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* Vendor extension queries, defined here so that any OpenCL header works. */
#define FMLP_CL_DEVICE_COMPUTE_CAPABILITY_MAJOR_NV 0x4000
#define FMLP_CL_DEVICE_COMPUTE_CAPABILITY_MINOR_NV 0x4001
#define FMLP_CL_DEVICE_GFXIP_MAJOR_AMD 0x404A
#define FMLP_CL_DEVICE_GFXIP_MINOR_AMD 0x404B
#define FMLP_CL_DEVICE_IP_VERSION_INTEL 0x4250

static void get_string(cl_device_id d, cl_device_info what, char *buf, size_t n)
{
    buf[0] = '\0';
    if (clGetDeviceInfo(d, what, n, buf, NULL) != CL_SUCCESS) buf[0] = '\0';
    buf[n - 1] = '\0';
    /* Drivers pad some strings with trailing spaces. */
    size_t len = strlen(buf);
    while (len && isspace((unsigned char)buf[len - 1])) buf[--len] = '\0';
}

static int has_extension(const char *exts, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = exts; (p = strstr(p, name)) != NULL; p += n)
        if ((p == exts || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return 1;
    return 0;
}

static const char *normalize_vendor(const char *vendor, const char *platform)
{
    if (fmlp_strcasestr_contains(platform, "oclgrind")) return "oclgrind";
    if (fmlp_strcasestr_contains(platform, "portable computing language")) return "pocl";
    if (fmlp_strcasestr_contains(vendor, "nvidia")) return "nvidia";
    if (fmlp_strcasestr_contains(vendor, "advanced micro devices") ||
        fmlp_strcasestr_contains(vendor, "amd"))
        return "amd";
    if (fmlp_strcasestr_contains(vendor, "intel")) return "intel";
    if (fmlp_strcasestr_contains(vendor, "arm")) return "arm";
    if (fmlp_strcasestr_contains(vendor, "qualcomm")) return "qualcomm";
    if (fmlp_strcasestr_contains(vendor, "apple")) return "apple";
    return "other";
}

static void query_arch(fmlp_device *d, const char *exts)
{
    const char *v = d->vendor;
    d->arch[0] = '\0';
    if (strcmp(v, "nvidia") == 0 && has_extension(exts, "cl_nv_device_attribute_query")) {
        cl_uint major = 0, minor = 0;
        if (clGetDeviceInfo(d->device, FMLP_CL_DEVICE_COMPUTE_CAPABILITY_MAJOR_NV, sizeof major,
                            &major, NULL) == CL_SUCCESS &&
            clGetDeviceInfo(d->device, FMLP_CL_DEVICE_COMPUTE_CAPABILITY_MINOR_NV, sizeof minor,
                            &minor, NULL) == CL_SUCCESS)
            snprintf(d->arch, sizeof d->arch, "sm_%u%u", major, minor);
    } else if (strcmp(v, "amd") == 0) {
        /* ROCm reports the gfx target as the device name ("gfx1100", possibly with features). */
        if (strncmp(d->name, "gfx", 3) == 0) {
            size_t n = strcspn(d->name, ": ");
            snprintf(d->arch, sizeof d->arch, "%.*s", (int)n, d->name);
        }
    } else if (strcmp(v, "intel") == 0 && has_extension(exts, "cl_intel_device_attribute_query")) {
        cl_uint ip = 0;
        if (clGetDeviceInfo(d->device, FMLP_CL_DEVICE_IP_VERSION_INTEL, sizeof ip, &ip, NULL) ==
            CL_SUCCESS)
            snprintf(d->arch, sizeof d->arch, "ip_%u.%u.%u", ip >> 22, (ip >> 14) & 0xff,
                     ip & 0x3fff);
    } else if (strcmp(v, "pocl") == 0) {
        /* PoCL's device version ends with its host string, e.g.
         * "... HSTR: pthread-x86_64-pc-linux-gnu-skylake-avx512": keep the CPU part. */
        const char *h = strstr(d->cl_version, "HSTR: ");
        if (h) {
            h += 6;
            const char *g = strstr(h, "-gnu-");
            snprintf(d->arch, sizeof d->arch, "%s", g ? g + 5 : h);
        }
    }
}

fmlp_status fmlp_device_query(cl_device_id dev, fmlp_device *d)
{
    memset(d, 0, sizeof *d);
    d->device = dev;
    cl_int err = clGetDeviceInfo(dev, CL_DEVICE_PLATFORM, sizeof d->platform, &d->platform, NULL);
    if (err != CL_SUCCESS) return (fmlp_status)err;
    char vendor[128], exts[8192];
    if (clGetPlatformInfo(d->platform, CL_PLATFORM_NAME, sizeof d->platform_name,
                          d->platform_name, NULL) != CL_SUCCESS)
        d->platform_name[0] = '\0';
    d->platform_name[sizeof d->platform_name - 1] = '\0';
    if (clGetPlatformInfo(d->platform, CL_PLATFORM_VERSION, sizeof d->platform_version,
                          d->platform_version, NULL) != CL_SUCCESS)
        d->platform_version[0] = '\0';
    d->platform_version[sizeof d->platform_version - 1] = '\0';
    get_string(dev, CL_DEVICE_NAME, d->name, sizeof d->name);
    get_string(dev, CL_DEVICE_VENDOR, vendor, sizeof vendor);
    get_string(dev, CL_DRIVER_VERSION, d->driver, sizeof d->driver);
    get_string(dev, CL_DEVICE_VERSION, d->cl_version, sizeof d->cl_version);
    get_string(dev, CL_DEVICE_EXTENSIONS, exts, sizeof exts);
    snprintf(d->vendor, sizeof d->vendor, "%s", normalize_vendor(vendor, d->platform_name));
    query_arch(d, exts);

    fmlp_device_info *i = &d->info;
    cl_uint cus = 0;
    cl_device_type type = 0;
    cl_ulong local = 0, alloc = 0, global = 0;
    size_t wgs = 0;
    if ((err = clGetDeviceInfo(dev, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof cus, &cus, NULL)) ||
        (err = clGetDeviceInfo(dev, CL_DEVICE_TYPE, sizeof type, &type, NULL)) ||
        (err = clGetDeviceInfo(dev, CL_DEVICE_LOCAL_MEM_SIZE, sizeof local, &local, NULL)) ||
        (err = clGetDeviceInfo(dev, CL_DEVICE_MAX_MEM_ALLOC_SIZE, sizeof alloc, &alloc, NULL)) ||
        (err = clGetDeviceInfo(dev, CL_DEVICE_GLOBAL_MEM_SIZE, sizeof global, &global, NULL)) ||
        (err = clGetDeviceInfo(dev, CL_DEVICE_MAX_WORK_GROUP_SIZE, sizeof wgs, &wgs, NULL)) ||
        (err = clGetDeviceInfo(dev, CL_DEVICE_MAX_WORK_ITEM_SIZES, sizeof d->max_wg_dims,
                               d->max_wg_dims, NULL)) ||
        (err = clGetDeviceInfo(dev, CL_DEVICE_MEM_BASE_ADDR_ALIGN, sizeof d->base_align_bits,
                               &d->base_align_bits, NULL)))
        return (fmlp_status)err;
    i->platform = d->platform_name;
    i->name = d->name;
    i->vendor = d->vendor;
    i->arch = d->arch;
    i->driver = d->driver;
    i->cl_version = d->cl_version;
    i->compute_units = cus;
    i->is_gpu = (type & CL_DEVICE_TYPE_GPU) != 0;
    i->max_work_group_size = wgs;
    i->local_mem_size = (size_t)local;
    i->max_alloc_size = alloc;
    i->global_mem_size = global;
    i->has_fp16 = has_extension(exts, "cl_khr_fp16");
    return FMLP_SUCCESS;
}

int fmlp_nvidia_sm(const fmlp_device *dev)
{
    if (strcmp(dev->vendor, "nvidia") != 0 || strncmp(dev->arch, "sm_", 3) != 0) return 0;
    return atoi(dev->arch + 3);
}

size_t fmlp_device_max_wg_1d(const fmlp_device *dev)
{
    size_t most = dev->info.max_work_group_size;
    return dev->max_wg_dims[0] < most ? dev->max_wg_dims[0] : most;
}
