/* flashmlp devices: every OpenCL device, its selector, and the identity FlashMLP tunes for. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(void)
{
    printf("usage: flashmlp devices\n\n"
           "Lists OpenCL platforms and devices. Each device shows the selector that picks it\n"
           "(for --device or FLASHMLP_DEVICE), the normalized vendor and architecture that\n"
           "tuning-database lookups use, its limits, and which tuning databases apply to it.\n"
           "The device marked '*' is the default.\n");
}

int cmd_devices(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            help();
            return 0;
        }
        fprintf(stderr, "flashmlp devices: unknown option '%s'\n", argv[i]);
        return 2;
    }
    cl_uint np = 0;
    if (clGetPlatformIDs(0, NULL, &np) != CL_SUCCESS || np == 0) {
        printf("no OpenCL platforms found (is an ICD installed? e.g. pocl-opencl-icd)\n");
        return 1;
    }
    cl_platform_id plats[32];
    if (np > 32) np = 32;
    clGetPlatformIDs(np, plats, NULL);

    /* the default device, to mark it */
    fmlp_context *def = NULL;
    cl_device_id def_dev = NULL;
    if (fmlp_context_create_default(NULL, &def) == FMLP_SUCCESS)
        def_dev = fmlp_context_cl_device(def);

    for (cl_uint p = 0; p < np; ++p) {
        char pname[256] = "", pver[256] = "";
        clGetPlatformInfo(plats[p], CL_PLATFORM_NAME, sizeof pname, pname, NULL);
        clGetPlatformInfo(plats[p], CL_PLATFORM_VERSION, sizeof pver, pver, NULL);
        printf("platform %u: %s (%s)\n", p, pname, pver);
        cl_uint nd = 0;
        if (clGetDeviceIDs(plats[p], CL_DEVICE_TYPE_ALL, 0, NULL, &nd) != CL_SUCCESS) nd = 0;
        cl_device_id devs[64];
        if (nd > 64) nd = 64;
        if (nd) clGetDeviceIDs(plats[p], CL_DEVICE_TYPE_ALL, nd, devs, NULL);
        for (cl_uint d = 0; d < nd; ++d) {
            char sel[32];
            snprintf(sel, sizeof sel, "%u:%u", p, d);
            fmlp_context *ctx = NULL;
            fmlp_status st = fmlp_context_create_default(sel, &ctx);
            if (st != FMLP_SUCCESS) {
                printf("  [%s] (cannot open: %s)\n", sel, fmlp_status_string(st));
                continue;
            }
            fmlp_device_info in;
            fmlp_context_device_info(ctx, &in);
            printf("%c [%s] %s\n", devs[d] == def_dev ? '*' : ' ', sel, in.name);
            printf("      identity: vendor=%s arch=%s name=\"%s\" cus=%u driver=\"%s\"\n",
                   in.vendor, in.arch[0] ? in.arch : "-", in.name, in.compute_units, in.driver);
            printf("      %s, %s, max work-group %zu, local memory %zu KiB, global %.1f GiB, "
                   "max allocation %.1f GiB, fp16 %s\n",
                   in.is_gpu ? "GPU" : "not a GPU", in.cl_version, in.max_work_group_size,
                   in.local_mem_size / 1024, (double)in.global_mem_size / (1u << 30),
                   (double)in.max_alloc_size / (1u << 30), in.has_fp16 ? "yes" : "no");
            char info[4096];
            if (fmlp_context_tuning_info(ctx, info, sizeof info) == FMLP_SUCCESS) {
                printf("      tuning databases, in lookup order:\n");
                for (char *line = strtok(info, "\n"); line; line = strtok(NULL, "\n"))
                    printf("        %s\n", line);
            }
            fmlp_context_release(ctx);
        }
    }
    fmlp_context_release(def);
    return 0;
}
