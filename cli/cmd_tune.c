/* flashmlp tune: runs the tuner, flashmlp-tune, from the folder this program is in (else from
 * PATH). The tuner links the library's internal objects, which this program cannot see, so
 * it is a program of its own; tuning/CMakeLists.txt adds this file. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int cmd_tune(int argc, char **argv)
{
    (void)argc;
    char path[4096];
    char *args0 = argv[0];
    argv[0] = "flashmlp-tune";
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 32);
    if (n > 0) {
        path[n] = '\0';
        char *slash = strrchr(path, '/');
        if (slash) {
            strcpy(slash + 1, "flashmlp-tune");
            execv(path, argv);
        }
    }
    execvp("flashmlp-tune", argv);
    fprintf(stderr, "flashmlp tune: cannot run flashmlp-tune (%s); it is built beside flashmlp\n",
            strerror(errno));
    argv[0] = args0;
    return 127;
}
