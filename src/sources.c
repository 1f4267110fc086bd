/* The kernel sources and shipped tuning databases, embedded at build time by
 * cmake/embed.cmake, or read from the source tree when the build was configured with
 * FLASHMLP_EMBED_KERNELS=OFF (kernel work without rebuilding the library). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct fmlp_embedded_file {
    const char *name;
    const char *path; /* in the source tree */
    const char *text; /* NULL when not embedded */
} fmlp_embedded_file;

extern const fmlp_embedded_file fmlp_embedded_files[]; /* generated, NULL-terminated */

static pthread_mutex_t read_lock = PTHREAD_MUTEX_INITIALIZER;
static char *read_texts[64];

const char *fmlp_source_get(const char *name)
{
    for (int i = 0; fmlp_embedded_files[i].name; ++i) {
        const fmlp_embedded_file *f = &fmlp_embedded_files[i];
        if (strcmp(f->name, name) != 0) continue;
        if (f->text) return f->text;
        if (i >= 64) return NULL;
        pthread_mutex_lock(&read_lock);
        if (!read_texts[i]) fmlp_read_file(f->path, &read_texts[i], NULL);
        const char *t = read_texts[i];
        pthread_mutex_unlock(&read_lock);
        return t;
    }
    return NULL;
}

int fmlp_source_list(const char *suffix, const char **names, int max)
{
    int n = 0;
    size_t ls = strlen(suffix);
    for (int i = 0; fmlp_embedded_files[i].name; ++i) {
        const char *nm = fmlp_embedded_files[i].name;
        size_t l = strlen(nm);
        if (l >= ls && strcmp(nm + l - ls, suffix) == 0 && n < max) names[n++] = nm;
    }
    return n;
}
