/* flashmlp bench: the benchmark program (bench/, flashmlp-bench) inside the command-line tool.
 * Built only with the benchmark (FLASHMLP_BUILD_BENCH and CLBlast): bench/CMakeLists.txt adds
 * this file and defines FLASHMLP_HAVE_BENCH. */
#include "bench.h"
#include "cli.h"

int cmd_bench(int argc, char **argv)
{
    return bench_main(argc, argv, "flashmlp bench");
}
