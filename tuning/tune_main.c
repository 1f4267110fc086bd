/* flashmlp-tune: the tuner program (tuner.c; `flashmlp-tune --help`). */
#include "tuner.h"

int main(int argc, char **argv) { return fmlp_tune_main(argc, argv); }
