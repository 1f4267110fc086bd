/* Program assembly, compilation, and the program caches: in memory per context, and on disk
 * across processes.
 *
 * A program's text is, in this order: device quirk defines, the op and tuning defines given
 * by the caller, then common.cl, then the op's own sources (STYLE.md: source assembly is
 * explicit). The in-memory cache key is a hash of that text and the build options; on a hit
 * the full text is compared too, so a hash collision can never hand out the wrong program.
 *
 * The disk cache (DESIGN.md, tuning/README.md) keeps program binaries in one file per program,
 * named by two independent 64-bit hashes of the key text: the program text, the build
 * options, the platform, device, driver and library version. Each file starts with a header
 * that repeats both hashes and the key length and carries checksums of itself and of the
 * binary, so a truncated, corrupt or foreign file is detected, deleted and rebuilt. Files are
 * written to a temporary name in the same folder and renamed, so readers never see half a
 * file. Cache trouble never fails a plan: an entry that cannot be read or written is simply
 * not used. On PoCL the disk cache is off unless FLASHMLP_CACHE=1 (see disk_cache_serves). */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BUILD_OPTIONS "-cl-std=CL1.2"

/* ------------------------------------------------------------------ statistics */
static atomic_ulong stat_source_builds, stat_disk_hits, stat_disk_writes, stat_disk_rejected,
    stat_ahead_builds;

void fmlp_program_stats_get(fmlp_program_stats *out)
{
    out->source_builds = atomic_load(&stat_source_builds);
    out->disk_hits = atomic_load(&stat_disk_hits);
    out->disk_writes = atomic_load(&stat_disk_writes);
    out->disk_rejected = atomic_load(&stat_disk_rejected);
    out->ahead_builds = atomic_load(&stat_ahead_builds);
}

/* ------------------------------------------------------------------ folders */
static int env_off(const char *v)
{
    return v && (strcmp(v, "0") == 0 || strcasecmp(v, "off") == 0 ||
                 strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0);
}

int fmlp_user_folder(const char *env, const char *leaf, char *buf, size_t size)
{
    const char *v = getenv(env);
    int n;
    if (v && *v) n = snprintf(buf, size, "%s", v);
    else {
        const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
        /* XDG: a relative XDG_CACHE_HOME is invalid and must be ignored */
        if (xdg && xdg[0] == '/') n = snprintf(buf, size, "%s/flashmlp/%s", xdg, leaf);
        else if (home && *home) n = snprintf(buf, size, "%s/.cache/flashmlp/%s", home, leaf);
        else return 0;
    }
    if (n <= 0 || (size_t)n >= size) return 0;
    while (n > 1 && buf[n - 1] == '/') buf[--n] = '\0';
    return 1;
}

int fmlp_program_cache_folder(char *buf, size_t size)
{
    if (env_off(getenv("FLASHMLP_CACHE"))) return 0;
    return fmlp_user_folder("FLASHMLP_CACHE_DIR", "programs", buf, size);
}

/* Whether the disk cache serves this device; FLASHMLP_CACHE=1 (on, yes, true) forces it. */
static int disk_cache_serves(const fmlp_device *dev)
{
    const char *v = getenv("FLASHMLP_CACHE");
    if (v && (strcmp(v, "1") == 0 || strcasecmp(v, "on") == 0 || strcasecmp(v, "yes") == 0 ||
              strcasecmp(v, "true") == 0))
        return 1;
    /* PoCL: asking for CL_PROGRAM_BINARIES compiles every kernel for any work-group size up
     * front (the suite's mma emulation: 12 minutes instead of 2 on 2 cores), and PoCL keeps a
     * compiled-kernel cache of its own ($POCL_CACHE_DIR): storing binaries only costs there. */
    return strcmp(dev->vendor, "pocl") != 0;
}

/* mkdir -p, private to the user. 0 on success. */
static int make_folders(const char *path)
{
    char tmp[1024];
    if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp) return -1;
    for (char *p = tmp + 1; *p; ++p) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(tmp, 0700) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    if (mkdir(tmp, 0700) != 0 && errno != EEXIST) return -1;
    struct stat st;
    return stat(tmp, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* ------------------------------------------------------------------ hashing */
/* MurmurHash64A (Austin Appleby, public domain): the second, independent hash beside
 * fmlp_hash64's FNV-1a. */
static uint64_t murmur64(const void *key, size_t len, uint64_t seed)
{
    const uint64_t m = 0xc6a4a7935bd1e995ull;
    const int r = 47;
    const unsigned char *p = key;
    uint64_t h = seed ^ (len * m);
    for (size_t i = 0; i + 8 <= len; i += 8) {
        uint64_t k;
        memcpy(&k, p + i, 8);
        k *= m;
        k ^= k >> r;
        k *= m;
        h ^= k;
        h *= m;
    }
    const unsigned char *t = p + (len & ~(size_t)7);
    switch (len & 7) {
    case 7: h ^= (uint64_t)t[6] << 48; /* fall through */
    case 6: h ^= (uint64_t)t[5] << 40; /* fall through */
    case 5: h ^= (uint64_t)t[4] << 32; /* fall through */
    case 4: h ^= (uint64_t)t[3] << 24; /* fall through */
    case 3: h ^= (uint64_t)t[2] << 16; /* fall through */
    case 2: h ^= (uint64_t)t[1] << 8;  /* fall through */
    case 1: h ^= (uint64_t)t[0]; h *= m;
    }
    h ^= h >> r;
    h *= m;
    h ^= h >> r;
    return h;
}

/* ------------------------------------------------------------------ entry files */
/* Header, 80 bytes, little-endian:
 *   0 magic "FMLPPROG"   8 format (u32)   12 header bytes (u32)
 *  16 key FNV-1a (u64)  24 key Murmur (u64)  32 key length (u64)
 *  40 binary length (u64)  48 binary checksum, Murmur (u64)
 *  56 notes length (u64)  64 notes checksum (u64)  72 header checksum (u64)
 * then the binary, then the notes: NVIDIA's ptxas register counts from the build log (a
 * program built from a binary has none in its log; plan.c's work-group check needs them),
 * empty elsewhere. Format 1 (no notes) entries are rejected and rebuilt. */
#define ENTRY_MAGIC "FMLPPROG"
#define ENTRY_FORMAT 2u
#define HEADER_BYTES 80
#define CHECK_SEED 0x666c6173686d6c70ull /* "flashmlp" */

typedef fmlp_entry_key entry_key;

static void put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; ++i) p[i] = (unsigned char)(v >> (8 * i));
}
static uint64_t get64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= (uint64_t)p[i] << (8 * i);
    return v;
}
static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; ++i) p[i] = (unsigned char)(v >> (8 * i));
}
static uint32_t get32(const unsigned char *p)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= (uint32_t)p[i] << (8 * i);
    return v;
}

static void make_header(unsigned char *h, const entry_key *k, const unsigned char *bin,
                        size_t n, const char *notes, size_t nn)
{
    memset(h, 0, HEADER_BYTES);
    memcpy(h, ENTRY_MAGIC, 8);
    put32(h + 8, ENTRY_FORMAT);
    put32(h + 12, HEADER_BYTES);
    put64(h + 16, k->fnv);
    put64(h + 24, k->murmur);
    put64(h + 32, k->len);
    put64(h + 40, n);
    put64(h + 48, murmur64(bin, n, CHECK_SEED));
    put64(h + 56, nn);
    put64(h + 64, murmur64(notes ? notes : "", nn, CHECK_SEED));
    put64(h + 72, murmur64(h, 72, CHECK_SEED));
}

/* The binary inside file bytes f[0..n) when they are a sound entry for key k, else NULL; its
 * notes in *notes (*notes_len bytes, not NUL-terminated). */
static const unsigned char *check_entry(const unsigned char *f, size_t n, const entry_key *k,
                                        size_t *bin_len, const char **notes, size_t *notes_len)
{
    if (n < HEADER_BYTES || memcmp(f, ENTRY_MAGIC, 8) != 0) return NULL;
    if (get32(f + 8) != ENTRY_FORMAT || get32(f + 12) != HEADER_BYTES) return NULL;
    if (get64(f + 72) != murmur64(f, 72, CHECK_SEED)) return NULL;
    if (get64(f + 16) != k->fnv || get64(f + 24) != k->murmur || get64(f + 32) != k->len)
        return NULL; /* foreign: another program's entry under this name */
    const uint64_t len = get64(f + 40), nn = get64(f + 56);
    if (len == 0 || len > n - HEADER_BYTES || nn != n - HEADER_BYTES - len)
        return NULL; /* truncated or extended */
    if (get64(f + 48) != murmur64(f + HEADER_BYTES, (size_t)len, CHECK_SEED)) return NULL;
    if (get64(f + 64) != murmur64(f + HEADER_BYTES + len, (size_t)nn, CHECK_SEED)) return NULL;
    *bin_len = (size_t)len;
    *notes = (const char *)f + HEADER_BYTES + len;
    *notes_len = (size_t)nn;
    return f + HEADER_BYTES;
}

/* The key of a key text of len bytes: its two hashes and its length. */
static entry_key text_key(const char *text, size_t len)
{
    entry_key k;
    k.len = len;
    k.fnv = fmlp_hash64(0, text, len);
    k.murmur = murmur64(text, len, 0);
    return k;
}

unsigned char *fmlp_cache_entry_make(const char *key_text, const unsigned char *bin, size_t n,
                                     const char *notes, size_t *len)
{
    const entry_key k = text_key(key_text, strlen(key_text));
    const size_t nn = notes ? strlen(notes) : 0;
    unsigned char *e = malloc(HEADER_BYTES + n + nn);
    if (!e) return NULL;
    memcpy(e + HEADER_BYTES, bin, n);
    if (nn) memcpy(e + HEADER_BYTES + n, notes, nn);
    make_header(e, &k, e + HEADER_BYTES, n, notes, nn);
    *len = HEADER_BYTES + n + nn;
    return e;
}

const unsigned char *fmlp_cache_entry_check(const unsigned char *f, size_t n, const char *key_text,
                                            size_t *bin_len, const char **notes,
                                            size_t *notes_len)
{
    const entry_key k = text_key(key_text, strlen(key_text));
    return check_entry(f, n, &k, bin_len, notes, notes_len);
}

static void entry_path(char *buf, size_t size, const char *folder, const entry_key *k)
{
    snprintf(buf, size, "%s/%016llx%016llx.clbin", folder, (unsigned long long)k->fnv,
             (unsigned long long)k->murmur);
}

/* ------------------------------------------------------------------ building */
/* Each quirk says which device needs it and why. */
static void quirk_defines(const fmlp_device *dev, fmlp_strbuf *sb)
{
    fmlp_strbuf_printf(sb, "#define FMLP_VENDOR_%s 1\n",
                       strcmp(dev->vendor, "nvidia") == 0   ? "NVIDIA"
                       : strcmp(dev->vendor, "amd") == 0    ? "AMD"
                       : strcmp(dev->vendor, "intel") == 0  ? "INTEL"
                       : strcmp(dev->vendor, "pocl") == 0   ? "POCL"
                                                            : "OTHER");
}

#define LOG_MAX ((size_t)1 << 20)

/* Room for n more bytes (and a NUL) at the end of the context's build log, or NULL when the
 * log would pass LOG_MAX or memory runs out; the caller writes them and the terminator. */
static char *log_reserve(fmlp_context *ctx, size_t n)
{
    size_t old = ctx->build_log ? strlen(ctx->build_log) : 0;
    if (old + n > LOG_MAX) return NULL;
    char *log = realloc(ctx->build_log, old + n + 1);
    if (!log) return NULL;
    ctx->build_log = log;
    return log + old;
}

/* The context keeps the log of the last build; with $FLASHMLP_BUILD_OPTIONS set (experiments)
 * the logs of all builds are kept, one after another, up to LOG_MAX. Called without the lock:
 * the log is read from the driver first, then put in place under the lock (builds may run in
 * several threads at once, fmlp_program_get). */
static void set_log(fmlp_context *ctx, cl_program prog)
{
    size_t n = 0;
    char *text = NULL;
    if (clGetProgramBuildInfo(prog, ctx->dev.device, CL_PROGRAM_BUILD_LOG, 0, NULL, &n) ==
            CL_SUCCESS &&
        n > 0 && (text = malloc(n + 1)) != NULL) {
        if (clGetProgramBuildInfo(prog, ctx->dev.device, CL_PROGRAM_BUILD_LOG, n, text, NULL) !=
            CL_SUCCESS)
            n = 0;
        text[n] = '\0';
    }
    pthread_mutex_lock(&ctx->lock);
    if (!ctx->keep_logs) {
        free(ctx->build_log);
        ctx->build_log = NULL;
    }
    if (text) {
        const size_t len = strlen(text);
        char *at = log_reserve(ctx, len);
        if (at) memcpy(at, text, len + 1);
    }
    pthread_mutex_unlock(&ctx->lock);
    free(text);
}

void fmlp_build_log_note(fmlp_context *ctx, const char *text)
{
    pthread_mutex_lock(&ctx->lock);
    size_t n = strlen(text);
    char *at = log_reserve(ctx, n);
    if (at) memcpy(at, text, n + 1);
    pthread_mutex_unlock(&ctx->lock);
}

/* The options every program is built with: the language version, -cl-nv-verbose on NVIDIA,
 * then, for experiments, whatever $FLASHMLP_BUILD_OPTIONS adds (e.g.
 * -cl-nv-maxrregcount=N). They are part of both cache keys. */
void fmlp_build_options_init(fmlp_context *ctx)
{
    const char *extra = getenv("FLASHMLP_BUILD_OPTIONS");
    /* NVIDIA: ptxas's register counts into the build log, where the work-group check finds
     * them (plan.c: the driver's own figure is 256 for every kernel) */
    const char *nv = fmlp_nvidia_sm(&ctx->dev) > 0 && !(extra && strstr(extra, "-cl-nv-verbose"))
                         ? " -cl-nv-verbose" : "";
    int n = snprintf(ctx->build_options, sizeof ctx->build_options, "%s%s%s%s", BUILD_OPTIONS, nv,
                     extra && *extra ? " " : "", extra && *extra ? extra : "");
    ctx->keep_logs = extra && *extra;
    if (n < 0 || (size_t)n >= sizeof ctx->build_options) { /* too long: ignored, not cut */
        snprintf(ctx->build_options, sizeof ctx->build_options, "%s%s", BUILD_OPTIONS, nv);
        ctx->keep_logs = 0;
    }
}

char *fmlp_register_lines(const char *log)
{
    if (!log) return NULL;
    fmlp_strbuf sb = {0};
    for (const char *l = log; *l;) {
        const char *e = strchr(l, '\n');
        const size_t n = e ? (size_t)(e - l) : strlen(l);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line - 1 ? n : sizeof line - 1), l);
        if (strstr(line, "entry function '") || (strstr(line, "Used ") && strstr(line, " registers")))
            fmlp_strbuf_printf(&sb, "%s\n", line);
        l = e ? e + 1 : l + n;
    }
    if (sb.failed || !sb.data) {
        fmlp_strbuf_free(&sb);
        return NULL;
    }
    return sb.data;
}

/* The digits of "N", "N, M" or "N, M, L" at s, multiplied; 0 where there are none. */
static size_t ptx_dims(const char *s)
{
    size_t product = 1;
    int dims = 0;
    for (;;) {
        while (*s == ' ' || *s == '\t') ++s;
        if (*s < '0' || *s > '9') break;
        char *end = NULL;
        unsigned long v = strtoul(s, &end, 10);
        if (v == 0 || v > 65536 || ++dims > 3) return 0;
        product *= v;
        s = end;
        while (*s == ' ' || *s == '\t') ++s;
        if (*s != ',') break;
        ++s;
    }
    return dims && product <= 65536 ? product : 0;
}

char *fmlp_ptx_thread_lines(const char *ptx)
{
    if (!ptx) return NULL;
    fmlp_strbuf sb = {0};
    for (const char *at = strstr(ptx, ".entry"); at; at = strstr(at, ".entry")) {
        at += 6;
        if (*at != ' ' && *at != '\t') continue;
        while (*at == ' ' || *at == '\t') ++at;
        const char *name = at;
        while ((*at >= 'a' && *at <= 'z') || (*at >= 'A' && *at <= 'Z') ||
               (*at >= '0' && *at <= '9') || *at == '_' || *at == '$')
            ++at;
        const size_t len = (size_t)(at - name);
        const char *close = strchr(at, ')'), *body = close ? strchr(close, '{') : NULL;
        if (!len || len > 127 || !body) continue;
        /* between the parameter list and the body: .reqntid or .maxntid, either binds ptxas */
        size_t threads = 0;
        for (const char *d = close; d < body; ++d) {
            if (strncmp(d, ".reqntid", 8) == 0 || strncmp(d, ".maxntid", 8) == 0) {
                threads = ptx_dims(d + 8);
                break;
            }
        }
        if (threads) fmlp_strbuf_printf(&sb, "ptx entry '%.*s' threads %zu\n", (int)len, name, threads);
        at = body;
    }
    if (sb.failed || !sb.data) {
        fmlp_strbuf_free(&sb);
        return NULL;
    }
    return sb.data;
}

/* A program's binary for this device in a new buffer, `before` bytes into it and `after` bytes
 * left free behind it (for a header and notes, or a terminating zero); *len its bytes. NULL
 * where there is none or memory runs out. */
static unsigned char *program_binary(const fmlp_context *ctx, cl_program prog, size_t before,
                                     size_t after, size_t *len)
{
    cl_uint ndev = 0;
    if (clGetProgramInfo(prog, CL_PROGRAM_NUM_DEVICES, sizeof ndev, &ndev, NULL) != CL_SUCCESS ||
        ndev == 0 || ndev > 64)
        return NULL;
    cl_device_id devs[64];
    size_t sizes[64];
    unsigned char *bins[64] = {NULL};
    if (clGetProgramInfo(prog, CL_PROGRAM_DEVICES, sizeof *devs * ndev, devs, NULL) != CL_SUCCESS ||
        clGetProgramInfo(prog, CL_PROGRAM_BINARY_SIZES, sizeof *sizes * ndev, sizes, NULL) !=
            CL_SUCCESS)
        return NULL;
    for (cl_uint i = 0; i < ndev; ++i) {
        if (devs[i] != ctx->dev.device || sizes[i] == 0) continue;
        unsigned char *buf = malloc(before + sizes[i] + after);
        if (!buf) return NULL;
        /* the query fills every non-NULL pointer: only ours gets a buffer */
        bins[i] = buf + before;
        if (clGetProgramInfo(prog, CL_PROGRAM_BINARIES, sizeof *bins * ndev, bins, NULL) !=
            CL_SUCCESS) {
            free(buf);
            return NULL;
        }
        *len = sizes[i];
        return buf;
    }
    return NULL;
}

/* A program's binary for this device as a string (NVIDIA: its PTX); NULL if none. */
static char *program_binary_text(const fmlp_context *ctx, cl_program prog)
{
    size_t n = 0;
    char *text = (char *)program_binary(ctx, prog, 0, 1, &n);
    if (text) text[n] = '\0';
    return text;
}

/* A built program's notes for the work-group check (plan.c), NVIDIA only: the register lines
 * of its build log (fmlp_register_lines); where the log has none, because the driver took the
 * program from its own compute cache and ptxas did not run, the thread counts its PTX binds
 * ptxas to (fmlp_ptx_thread_lines). */
static char *program_register_lines(const fmlp_context *ctx, cl_program prog)
{
    size_t n = 0;
    if (fmlp_nvidia_sm(&ctx->dev) <= 0) return NULL;
    char *lines = NULL;
    if (clGetProgramBuildInfo(prog, ctx->dev.device, CL_PROGRAM_BUILD_LOG, 0, NULL, &n) ==
            CL_SUCCESS &&
        n >= 2) {
        char *log = malloc(n + 1);
        if (!log) return NULL;
        if (clGetProgramBuildInfo(prog, ctx->dev.device, CL_PROGRAM_BUILD_LOG, n, log, NULL) ==
            CL_SUCCESS) {
            log[n] = '\0';
            lines = fmlp_register_lines(log);
        }
        free(log);
    }
    if (!lines || !strstr(lines, " registers")) {
        free(lines);
        char *ptx = program_binary_text(ctx, prog);
        lines = fmlp_ptx_thread_lines(ptx);
        free(ptx);
    }
    return lines;
}

const char *fmlp_program_registers(fmlp_context *ctx, cl_program prog)
{
    const char *r = NULL;
    pthread_mutex_lock(&ctx->lock);
    for (int i = 0; i < ctx->nprograms; ++i)
        if (ctx->programs[i].program == prog) r = ctx->programs[i].registers;
    pthread_mutex_unlock(&ctx->lock);
    return r; /* the cache keeps it until the context goes */
}

/* FLASHMLP_DUMP_DIR (for kernel developers): every program built from source is written there
 * as <the two hashes of its text>.cl (text_key; the text ends with its build options, so they
 * are in the name too), its build options in a first comment line, then the text as compiled:
 * a file any OpenCL C compiler takes as it is (bench/scripts/ptx_check.sh compiles them for
 * NVIDIA's PTX with clang). Written to a temporary name and renamed; trouble (a folder
 * that cannot be made, a full disk) leaves nothing behind and never fails the build. Programs
 * served from a cache are not built, so not written: FLASHMLP_CACHE=0 or an empty
 * FLASHMLP_CACHE_DIR dumps every program of a plan. */
static int write_file(const char *path, const void *a, size_t an, const void *b, size_t bn);

static void dump_text(const fmlp_context *ctx, const char *text)
{
    const char *folder = getenv("FLASHMLP_DUMP_DIR");
    if (!folder || !*folder || make_folders(folder) != 0) return;
    const size_t tn = strlen(text);
    char path[1200], head[600];
    const int hn = snprintf(head, sizeof head, "// build options: %s\n", ctx->build_options);
    if (hn < 0 || (size_t)hn >= sizeof head) return;
    const entry_key k = text_key(text, tn);
    if (snprintf(path, sizeof path, "%s/%016llx%016llx.cl", folder, (unsigned long long)k.fnv,
                 (unsigned long long)k.murmur) >= (int)sizeof path)
        return;
    write_file(path, head, (size_t)hn, text, tn);
}

static fmlp_status build(fmlp_context *ctx, const char *text, cl_program *out)
{
    cl_int err = CL_SUCCESS;
    const char *srcs[] = {text};
    atomic_fetch_add(&stat_source_builds, 1);
    dump_text(ctx, text);
    cl_program prog = clCreateProgramWithSource(ctx->cl_ctx, 1, srcs, NULL, &err);
    if (!prog) return (fmlp_status)(err ? err : CL_OUT_OF_HOST_MEMORY);
    err = clBuildProgram(prog, 1, &ctx->dev.device, ctx->build_options, NULL, NULL);
    set_log(ctx, prog);
    if (err != CL_SUCCESS) {
        clReleaseProgram(prog);
        return err == CL_BUILD_PROGRAM_FAILURE ? FMLP_ERROR_BUILD_FAILED : (fmlp_status)err;
    }
    *out = prog;
    return FMLP_SUCCESS;
}

/* The key text: everything that decides what the compiled binary is. */
static void disk_key(const fmlp_context *ctx, const char *text, entry_key *k)
{
    const fmlp_device *d = &ctx->dev;
    fmlp_strbuf sb = {0};
    fmlp_strbuf_printf(&sb,
                       "flashmlp %s\nplatform %s\nplatform version %s\ndevice %s\n"
                       "device version %s\ndriver %s\noptions %s\n",
                       FMLP_VERSION_STRING, d->platform_name, d->platform_version, d->name,
                       d->cl_version, d->driver, ctx->build_options);
    fmlp_strbuf_append(&sb, text);
    if (sb.failed) memset(k, 0, sizeof *k);
    else *k = text_key(sb.data, sb.len);
    fmlp_strbuf_free(&sb);
}

/* Load the entry for k from folder; NULL when absent. A damaged or unloadable entry is
 * deleted (counted as rejected). */
static cl_program disk_load(fmlp_context *ctx, const char *folder, const entry_key *k,
                            char **registers)
{
    char path[1200];
    entry_path(path, sizeof path, folder, k);
    char *f = NULL;
    size_t n = 0;
    cl_program prog = NULL;
    if (fmlp_read_file(path, &f, &n) != FMLP_SUCCESS) return NULL; /* a miss */
    size_t len = 0, nn = 0;
    const char *notes = NULL;
    const unsigned char *bin = check_entry((const unsigned char *)f, n, k, &len, &notes, &nn);
    if (!bin) goto reject;
    cl_int err = CL_SUCCESS, status = CL_SUCCESS;
    prog = clCreateProgramWithBinary(ctx->cl_ctx, 1, &ctx->dev.device, &len, &bin, &status, &err);
    if (!prog || err != CL_SUCCESS || status != CL_SUCCESS) goto reject;
    err = clBuildProgram(prog, 1, &ctx->dev.device, ctx->build_options, NULL, NULL);
    set_log(ctx, prog);
    if (err != CL_SUCCESS) goto reject;
    *registers = NULL;
    if (nn && (*registers = malloc(nn + 1))) {
        memcpy(*registers, notes, nn);
        (*registers)[nn] = '\0';
    }
    free(f);
    atomic_fetch_add(&stat_disk_hits, 1);
    return prog;
reject:
    if (prog) clReleaseProgram(prog);
    free(f);
    unlink(path);
    atomic_fetch_add(&stat_disk_rejected, 1);
    return NULL;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* path's contents a then b (bn may be 0), written to a temporary name in the same folder and
 * renamed, so readers never see half a file. 0 on success; a failure leaves nothing behind. */
static int write_file(const char *path, const void *a, size_t an, const void *b, size_t bn)
{
    char tmp[1300];
    if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path) >= (int)sizeof tmp) return -1;
    const int fd = mkstemp(tmp);
    if (fd < 0) return -1;
    const int ok = write_all(fd, a, an) == 0 && (bn == 0 || write_all(fd, b, bn) == 0);
    if (close(fd) == 0 && ok && rename(tmp, path) == 0) return 0;
    unlink(tmp);
    return -1;
}

/* Store prog's binary for this device under k. Failures leave nothing behind. */
static void disk_store(fmlp_context *ctx, const char *folder, const entry_key *k, cl_program prog,
                       const char *registers)
{
    const size_t nn = registers ? strlen(registers) : 0;
    unsigned char *mine = NULL;
    size_t mine_len = 0;
    char path[1200];
    if (!(mine = program_binary(ctx, prog, HEADER_BYTES, nn, &mine_len))) return;
    if (nn) memcpy(mine + HEADER_BYTES + mine_len, registers, nn);
    make_header(mine, k, mine + HEADER_BYTES, mine_len, registers, nn);
    entry_path(path, sizeof path, folder, k);
    if (make_folders(folder) == 0 &&
        write_file(path, mine, HEADER_BYTES + mine_len + nn, NULL, 0) == 0)
        atomic_fetch_add(&stat_disk_writes, 1);
    free(mine);
}

/* Under ctx->lock: the cached program of this key and text into *out (a new reference), 1; or
 * 0 when there is none. */
static int take_cached(fmlp_context *ctx, uint64_t key, const char *text, cl_program *out)
{
    for (int i = 0; i < ctx->nprograms; ++i)
        if (ctx->programs[i].key == key && strcmp(ctx->programs[i].text, text) == 0) {
            clRetainProgram(ctx->programs[i].program);
            *out = ctx->programs[i].program;
            return 1;
        }
    return 0;
}

/* Under ctx->lock: the disk key a prebuild noted for this key and text into *dk, the note
 * removed, 1; or 0 when there is none. */
static int take_on_disk(fmlp_context *ctx, uint64_t key, const char *text, entry_key *dk)
{
    for (fmlp_on_disk **at = &ctx->on_disk; *at; at = &(*at)->next)
        if ((*at)->key == key && strcmp((*at)->text, text) == 0) {
            fmlp_on_disk *n = *at;
            *at = n->next;
            *dk = n->disk;
            free(n->text);
            free(n);
            ctx->n_on_disk--;
            return 1;
        }
    return 0;
}

/* Under ctx->lock: note that the program of this key and text (whose ownership moves here)
 * is held by the disk cache under dk. At most 64 notes: past that the text is freed, and the
 * get that follows hashes it again. */
static void note_on_disk(fmlp_context *ctx, uint64_t key, char *text, const entry_key *dk)
{
    fmlp_on_disk *n = ctx->n_on_disk < 64 ? malloc(sizeof *n) : NULL;
    if (!n) {
        free(text);
        return;
    }
    *n = (fmlp_on_disk){key, text, *dk, ctx->on_disk};
    ctx->on_disk = n;
    ctx->n_on_disk++;
}

fmlp_status fmlp_program_text(const fmlp_device *dev, const char *defines,
                              const char *const *files, int nfiles, fmlp_strbuf *sb)
{
    quirk_defines(dev, sb);
    fmlp_strbuf_append(sb, defines);
    const char *common = fmlp_source_get("common.cl");
    if (!common) return FMLP_ERROR_IO;
    fmlp_strbuf_append(sb, "#line 1 \"common.cl\"\n");
    fmlp_strbuf_append(sb, common);
    for (int i = 0; i < nfiles; ++i) {
        const char *src = fmlp_source_get(files[i]);
        if (!src) return FMLP_ERROR_IO;
        fmlp_strbuf_printf(sb, "\n#line 1 \"%s\"\n", files[i]);
        fmlp_strbuf_append(sb, src);
    }
    return sb->failed ? FMLP_ERROR_OUT_OF_HOST_MEMORY : FMLP_SUCCESS;
}

/* fmlp_program_get; with `ahead` set (fmlp_program_prebuild), a program whose binary the disk
 * cache holds is left alone (*out stays NULL): loading binaries in several threads is slower
 * than one after another (bench/results/2026-11-28-h200-s32-b). */
static fmlp_status program_get(fmlp_context *ctx, const char *defines, const char *const *files,
                               int nfiles, cl_program *out, int ahead)
{
    *out = NULL;
    fmlp_strbuf sb = {0};
    fmlp_status tst = fmlp_program_text(&ctx->dev, defines, files, nfiles, &sb);
    if (tst != FMLP_SUCCESS) {
        fmlp_strbuf_free(&sb);
        return tst;
    }
    fmlp_strbuf_printf(&sb, "\n// options: %s\n", ctx->build_options);
    if (sb.failed) {
        fmlp_strbuf_free(&sb);
        return FMLP_ERROR_OUT_OF_HOST_MEMORY;
    }
    uint64_t key = fmlp_hash64(0, sb.data, sb.len);

    /* A cached program is taken first (the disk key, a hash of the whole text, only on a
     * miss, and not again after a prebuild found the program on disk and noted its key). Then
     * under the lock again: cached by now, or being built by another thread (waited for), or
     * this thread claims it (in ctx->building) and builds it without the lock, so that
     * different programs build at once (plan.c: prebuild). */
    entry_key dk = {0, 0, 0};
    pthread_mutex_lock(&ctx->lock);
    if (take_cached(ctx, key, sb.data, out)) {
        pthread_mutex_unlock(&ctx->lock);
        fmlp_strbuf_free(&sb);
        return FMLP_SUCCESS;
    }
    const int noted = take_on_disk(ctx, key, sb.data, &dk);
    pthread_mutex_unlock(&ctx->lock);
    char folder[1024];
    int use_disk = disk_cache_serves(&ctx->dev) && fmlp_program_cache_folder(folder, sizeof folder);
    if (use_disk) {
        if (!noted) disk_key(ctx, sb.data, &dk);
        use_disk = dk.len != 0;
    }
    if (ahead && use_disk) {
        char path[1200];
        entry_path(path, sizeof path, folder, &dk);
        if (access(path, R_OK) == 0) {
            pthread_mutex_lock(&ctx->lock);
            note_on_disk(ctx, key, sb.data, &dk);
            pthread_mutex_unlock(&ctx->lock);
            return FMLP_SUCCESS;
        }
    }

    fmlp_status st = FMLP_SUCCESS;
    fmlp_building mine = {key, sb.data, NULL};
    pthread_mutex_lock(&ctx->lock);
    for (;;) {
        if (take_cached(ctx, key, sb.data, out)) {
            pthread_mutex_unlock(&ctx->lock);
            fmlp_strbuf_free(&sb);
            return FMLP_SUCCESS;
        }
        const fmlp_building *b = ctx->building;
        while (b && !(b->key == key && strcmp(b->text, sb.data) == 0)) b = b->next;
        if (!b) break;
        pthread_cond_wait(&ctx->built, &ctx->lock); /* then look again: it may have failed */
    }
    mine.next = ctx->building;
    ctx->building = &mine;
    pthread_mutex_unlock(&ctx->lock);

    cl_program prog = NULL;
    char *registers = NULL;
    if (use_disk) prog = disk_load(ctx, folder, &dk, &registers);
    if (!prog && ahead) atomic_fetch_add(&stat_ahead_builds, 1);
    if (!prog && (st = build(ctx, sb.data, &prog)) == FMLP_SUCCESS) {
        registers = program_register_lines(ctx, prog);
        if (use_disk) disk_store(ctx, folder, &dk, prog, registers);
    }

    pthread_mutex_lock(&ctx->lock);
    fmlp_building **at = &ctx->building;
    while (*at != &mine) at = &(*at)->next;
    *at = mine.next;
    if (st == FMLP_SUCCESS && ctx->nprograms == ctx->capprograms) {
        int cap = ctx->capprograms ? ctx->capprograms * 2 : 8;
        fmlp_cached_program *p = realloc(ctx->programs, sizeof *p * (size_t)cap);
        if (p) {
            ctx->programs = p;
            ctx->capprograms = cap;
        } else {
            st = FMLP_ERROR_OUT_OF_HOST_MEMORY;
        }
    }
    if (st == FMLP_SUCCESS) {
        fmlp_cached_program *slot = &ctx->programs[ctx->nprograms];
        slot->key = key;
        slot->text = sb.data; /* ownership moves to the cache */
        slot->program = prog;
        slot->registers = registers;
        sb.data = NULL;
        ctx->nprograms++;
        clRetainProgram(prog);
        *out = prog;
    }
    pthread_cond_broadcast(&ctx->built);
    pthread_mutex_unlock(&ctx->lock);
    if (st != FMLP_SUCCESS) {
        if (prog) clReleaseProgram(prog);
        free(registers);
    }
    fmlp_strbuf_free(&sb);
    return st;
}

fmlp_status fmlp_program_get(fmlp_context *ctx, const char *defines, const char *const *files,
                             int nfiles, cl_program *out)
{
    return program_get(ctx, defines, files, nfiles, out, 0);
}

void fmlp_program_prebuild(fmlp_context *ctx, const char *defines, const char *const *files,
                           int nfiles)
{
    cl_program prog = NULL;
    if (program_get(ctx, defines, files, nfiles, &prog, 1) == FMLP_SUCCESS && prog)
        clReleaseProgram(prog);
}
