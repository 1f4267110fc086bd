/* flashmlp-bench: see bench/README.md and `flashmlp-bench --help`. */
#include "bench.h"

int main(int argc, char **argv)
{
    return bench_main(argc, argv, "flashmlp-bench");
}
