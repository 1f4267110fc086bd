/* flashmlp: list devices and run the Llama-3-8B-shaped MLP (see `flashmlp --help`). */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int cli_fail(const char *what, fmlp_status st)
{
    fprintf(stderr, "flashmlp: %s: %s (%d)\n", what, fmlp_status_string(st), (int)st);
    return 1;
}

int cli_parse_list(const char *text, size_t *out, int max)
{
    int n = 0;
    const char *p = text;
    while (*p) {
        char *end = NULL;
        errno = 0;
        unsigned long long v = strtoull(p, &end, 10);
        if (end == p || errno || v == 0 || n == max || (*end && *end != ',')) return -1;
        out[n++] = (size_t)v;
        p = *end ? end + 1 : end;
        if (*end == ',' && !*p) return -1;
    }
    return n ? n : -1;
}

/* fmlp_dtype and fmlp_activation names, in enum order */
static const char *const dtype_names[] = {"f32",       "f16",       "bf16",      "q8_0",     "q4_0",
                                          "affine_q2", "affine_q3", "affine_q4", "affine_q8"};
static const char *const activation_names[] = {"relu", "gelu_erf", "gelu_tanh", "silu", "relu2"};
#define NNAMES(a) ((int)(sizeof(a) / sizeof *(a)))

static int find_name(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; ++i)
        if (strcmp(name, names[i]) == 0) return i;
    return -1;
}

int cli_parse_dtype(const char *name) { return find_name(dtype_names, NNAMES(dtype_names), name); }

const char *cli_dtype_name(int dtype)
{
    return dtype >= 0 && dtype < NNAMES(dtype_names) ? dtype_names[dtype] : "?";
}

int cli_parse_precision(const char *name)
{
    if (strcmp(name, "exact") == 0) return FMLP_PRECISION_EXACT;
    if (strcmp(name, "int8") == 0) return FMLP_PRECISION_INT8_DOT;
    return -1;
}

int cli_parse_activation(const char *name)
{
    return find_name(activation_names, NNAMES(activation_names), name);
}

const char *cli_activation_name(int activation)
{
    return activation >= 0 && activation < NNAMES(activation_names) ? activation_names[activation]
                                                                     : "?";
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: flashmlp <command> [options]\n"
            "\n"
            "FlashMLP %s: fused transformer MLP blocks on OpenCL devices.\n"
            "\n"
            "commands:\n"
            "  devices   list OpenCL platforms and devices, with the identity used for tuning\n"
            "  run       run a Llama-3-8B-shaped SwiGLU MLP on the default device and check it\n"
            "  bench     FlashMLP beside the CLBlast chain and the unfused chain, against the\n"
            "            device's measured floors (flashmlp-bench)\n"
            "  tune      measure this device and write its tuning database (flashmlp-tune)\n"
            "\n"
            "`flashmlp <command> --help` describes each command's options.\n"
            "The device is chosen by --device, else $FLASHMLP_DEVICE, else the first GPU,\n"
            "else the first device (a CPU through PoCL).\n",
            FMLP_VERSION_STRING);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("flashmlp %s\n", FMLP_VERSION_STRING);
        return 0;
    }
    if (strcmp(cmd, "devices") == 0) return cmd_devices(argc - 1, argv + 1);
    if (strcmp(cmd, "run") == 0) return cmd_run(argc - 1, argv + 1);
    if (strcmp(cmd, "bench") == 0) {
#ifdef FLASHMLP_HAVE_BENCH
        return cmd_bench(argc - 1, argv + 1);
#else
        fprintf(stderr, "flashmlp: this build has no benchmark (it needs CLBlast and "
                        "-DFLASHMLP_BUILD_BENCH=ON)\n");
        return 2;
#endif
    }
    if (strcmp(cmd, "tune") == 0) {
#ifdef FLASHMLP_HAVE_TUNER
        return cmd_tune(argc - 1, argv + 1);
#else
        fprintf(stderr, "flashmlp: this build has no tuner (-DFLASHMLP_BUILD_TUNER=ON)\n");
        return 2;
#endif
    }
    fprintf(stderr, "flashmlp: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return 2;
}
