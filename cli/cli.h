/* The flashmlp command-line program: shared declarations of its subcommands. */
#ifndef FLASHMLP_CLI_H
#define FLASHMLP_CLI_H

#include "flashmlp/flashmlp.h"

int cmd_devices(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_bench(int argc, char **argv); /* only with FLASHMLP_HAVE_BENCH (cmd_bench.c) */
int cmd_tune(int argc, char **argv);  /* only with FLASHMLP_HAVE_TUNER (cmd_tune.c) */

/* Wall-clock seconds from a monotonic clock. */
double cli_now(void);
/* Print "flashmlp: <what>: <status text> (<code>)" to stderr; returns 1 for exit codes. */
int cli_fail(const char *what, fmlp_status st);
/* Parse "1,16,256" into at most max sizes; returns the count, or -1 when malformed. */
int cli_parse_list(const char *text, size_t *out, int max);
/* Parse a dtype name ("f32", "q4_0", ...): its fmlp_dtype, or -1 when unknown. */
int cli_parse_dtype(const char *name);
/* The name of an fmlp_dtype ("?" when out of range). */
const char *cli_dtype_name(int dtype);
/* Parse a precision name ("exact", "int8"); -1 when unknown. */
int cli_parse_precision(const char *name);
/* Parse an activation name ("silu", "gelu_erf", ...); -1 when unknown. */
int cli_parse_activation(const char *name);
/* The name of an fmlp_activation ("?" when out of range). */
const char *cli_activation_name(int activation);

#endif
