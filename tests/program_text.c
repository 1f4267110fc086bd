/* program_text: the text of the program that a plan would build on a device this machine need
 * not have, for tests/native_ptx.sh, which compiles NVIDIA's texts with clang. Plans that use
 * an NVIDIA-only parameter (the stream kernel's fr, na, dp, xp) are refused on PoCL before
 * any text exists, so `flashmlp run` cannot dump them there.
 *
 *   program_text VENDOR ARCH H I WEIGHTS PRECISION "strategy=... key=value ..." [iz]
 *
 * A gated SiLU MLP with fp32 x and no biases; WEIGHTS a format name (f32, q4_0, ...), the
 * affine formats in groups of 32; PRECISION exact or int8; iz: the FMLP_IZ build too. The
 * device (fake_device.h) has an H200's limits as OpenCL states them: 132 compute units,
 * work-groups of 1024, 48 KB of local memory. Writes the text to stdout; exit status 0, 1 when
 * the plan is refused (its status on stderr), 2 for bad usage. */
#include "fake_device.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: program_text VENDOR ARCH H I WEIGHTS exact|int8 PARAMS [iz]\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc != 8 && argc != 9) return usage();
    fmlp_device dev;
    fake_device(&dev, argv[1], argv[2], "program_text's device", 132, 1024, 48 * 1024);

    fmlp_plan_desc d;
    fmlp_plan_desc_init(&d);
    d.hidden = strtoul(argv[3], NULL, 10);
    d.intermediate = strtoul(argv[4], NULL, 10);
    int wt = -1;
    for (int t = FMLP_DTYPE_F32; t <= FMLP_DTYPE_AFFINE_Q8; ++t)
        if (strcmp(argv[5], fmlp_dtype_name((fmlp_dtype)t)) == 0) wt = t;
    if (!d.hidden || !d.intermediate || wt < 0) return usage();
    d.weight_dtype = (fmlp_dtype)wt;
    d.group_size = wt >= FMLP_DTYPE_AFFINE_Q2 ? 32 : 0;
    if (strcmp(argv[6], "int8") == 0) d.precision = FMLP_PRECISION_INT8_DOT;
    else if (strcmp(argv[6], "exact") != 0) return usage();
    const int iz = argc == 9 && strcmp(argv[8], "iz") == 0;
    if (argc == 9 && !iz) return usage();

    fmlp_strbuf sb = {0};
    const fmlp_status st = fmlp_variant_program_text(&d, &dev, argv[7], iz, &sb);
    if (st != FMLP_SUCCESS) {
        fprintf(stderr, "program_text: %s: %s\n", argv[7], fmlp_status_string(st));
        fmlp_strbuf_free(&sb);
        return 1;
    }
    fwrite(sb.data, 1, sb.len, stdout);
    fmlp_strbuf_free(&sb);
    return 0;
}
