/* Small host-side utilities: growable strings, hashing, file reading, names. */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void strbuf_reserve(fmlp_strbuf *sb, size_t extra)
{
    if (sb->failed) return;
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap) return;
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap < need) cap *= 2;
    char *p = realloc(sb->data, cap);
    if (!p) {
        sb->failed = true;
        return;
    }
    sb->data = p;
    sb->cap = cap;
}

void fmlp_strbuf_appendn(fmlp_strbuf *sb, const char *text, size_t n)
{
    strbuf_reserve(sb, n);
    if (sb->failed) return;
    memcpy(sb->data + sb->len, text, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void fmlp_strbuf_append(fmlp_strbuf *sb, const char *text)
{
    fmlp_strbuf_appendn(sb, text, strlen(text));
}

void fmlp_strbuf_printf(fmlp_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        sb->failed = true;
        return;
    }
    strbuf_reserve(sb, (size_t)n);
    if (sb->failed) return;
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

void fmlp_strbuf_free(fmlp_strbuf *sb)
{
    free(sb->data);
    memset(sb, 0, sizeof *sb);
}

uint64_t fmlp_hash64(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    if (h == 0) h = 1469598103934665603ull;
    for (size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

char *fmlp_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

int fmlp_strcasestr_contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0) return 1;
    for (; *hay; ++hay) {
        size_t i = 0;
        while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
            ++i;
        if (i == n) return 1;
    }
    return 0;
}

size_t fmlp_dtype_size(fmlp_dtype t)
{
    switch (t) {
    case FMLP_DTYPE_F32: return 4;
    case FMLP_DTYPE_F16:
    case FMLP_DTYPE_BF16: return 2;
    default: return 0;
    }
}

const char *fmlp_dtype_name(fmlp_dtype t)
{
    static const char *const names[] = {"f32", "f16", "bf16", "q8_0", "q4_0",
                                        "affine_q2", "affine_q3", "affine_q4", "affine_q8"};
    return (unsigned)t < sizeof names / sizeof *names ? names[t] : "?";
}

const char *fmlp_activation_name(fmlp_activation a)
{
    static const char *const names[] = {"relu", "gelu_erf", "gelu_tanh", "silu", "relu2"};
    return (unsigned)a < sizeof names / sizeof *names ? names[a] : "?";
}

fmlp_status fmlp_read_file(const char *path, char **out, size_t *len)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) return FMLP_ERROR_IO;
    fmlp_status st = FMLP_ERROR_IO;
    char *buf = NULL;
    if (fseek(f, 0, SEEK_END) != 0) goto fail;
    long n = ftell(f);
    if (n < 0 || fseek(f, 0, SEEK_SET) != 0) goto fail;
    buf = malloc((size_t)n + 1);
    if (!buf) {
        st = FMLP_ERROR_OUT_OF_HOST_MEMORY;
        goto fail;
    }
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) goto fail;
    buf[n] = '\0';
    fclose(f);
    *out = buf;
    if (len) *len = (size_t)n;
    return FMLP_SUCCESS;
fail:
    free(buf);
    fclose(f);
    return st;
}

int fmlp_version(const char **text)
{
    if (text) *text = FMLP_VERSION_STRING;
    return FMLP_VERSION;
}
