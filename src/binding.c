/* Kernel objects bound to one set of weights, whose arguments are set only when they change.
 *
 * On NVIDIA's OpenCL a launch after any clSetKernelArg on its kernel object costs about 5 us
 * more in a burst than a launch of a kernel object left as it was, whether the values changed
 * or not (bench/PERFLOG.md, forty-fourth session). A forward sets a dozen arguments, and its
 * weights' buffers change from one layer to the next, so every launch paid it. Here each
 * (plan variant, weights, FMLP_IZ build) gets kernel objects of its own, made on its first
 * forward, and every argument a forward sets is compared with the value the object already
 * holds: a decode loop over a model's layers then sets none.
 *
 * The bindings are in one table for the process, so that a plan and weights of different
 * fmlp_context objects (on one cl_context) need no link between their contexts. A binding
 * lives until its plan or its weights are released. It holds a reference to each buffer it
 * was last run with (the comparison by handle is safe only while a handle cannot be reused):
 * so the last x, y and workspace of a (plan, weights) pair stay allocated until a forward of
 * that pair with other buffers, or the release of the plan or of the weights. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define NBUCKETS 256
#define MAX_ARGS 24 /* arguments past this are always set */
#define ARG_BYTES 16

typedef struct {
    unsigned char size; /* 0: not set through the binding yet */
    unsigned char mem;  /* the value is a cl_mem the binding holds a reference to */
    unsigned char val[ARG_BYTES];
} arg_shadow;

struct fmlp_binding {
    struct fmlp_binding *next;
    const fmlp_plan *plan;
    const fmlp_variant *v;
    const fmlp_weights *w;
    int iz;
    cl_kernel k[FMLP_MAX_KERNELS];
    arg_shadow args[FMLP_MAX_KERNELS][MAX_ARGS];
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static fmlp_binding *table[NBUCKETS];

/* the forward on this thread: what it may bind (set by fmlp_forward around the enqueue), and
 * the binding its strategy took, whose kernels fmlp_arg compares against */
static _Thread_local const fmlp_plan *want_plan;
static _Thread_local const fmlp_variant *want_v;
static _Thread_local const fmlp_weights *want_w;
static _Thread_local fmlp_binding *current;

static size_t bucket(const fmlp_variant *v, const fmlp_weights *w, int iz)
{
    uintptr_t h = (uintptr_t)v * 0x9E3779B97F4A7C15u ^ (uintptr_t)w * 0xC2B2AE3D27D4EB4Fu;
    return (size_t)((h >> 17) ^ (h >> 41) ^ (uintptr_t)iz) % NBUCKETS;
}

static void binding_free(fmlp_binding *b)
{
    for (int i = 0; i < FMLP_MAX_KERNELS; ++i) {
        for (int a = 0; a < MAX_ARGS; ++a)
            if (b->args[i][a].mem) {
                cl_mem m;
                memcpy(&m, b->args[i][a].val, sizeof m);
                if (m) clReleaseMemObject(m);
            }
        if (b->k[i]) clReleaseKernel(b->k[i]);
    }
    free(b);
}

/* New kernel objects of the same programs and names as ks (NULL entries stay NULL). */
static fmlp_binding *binding_new(const cl_kernel *ks)
{
    fmlp_binding *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    for (int i = 0; i < FMLP_MAX_KERNELS; ++i) {
        if (!ks[i]) continue;
        cl_program p = NULL;
        char name[128];
        cl_int err = clGetKernelInfo(ks[i], CL_KERNEL_PROGRAM, sizeof p, &p, NULL);
        if (err == CL_SUCCESS)
            err = clGetKernelInfo(ks[i], CL_KERNEL_FUNCTION_NAME, sizeof name, name, NULL);
        if (err == CL_SUCCESS) b->k[i] = clCreateKernel(p, name, &err);
        if (err != CL_SUCCESS || !b->k[i]) {
            binding_free(b);
            return NULL;
        }
    }
    return b;
}

void fmlp_bind_begin(const fmlp_plan *plan, const fmlp_variant *v, const fmlp_weights *w)
{
    want_plan = plan->bind ? plan : NULL;
    want_v = v;
    want_w = w;
    current = NULL;
}

void fmlp_bind_end(void)
{
    want_plan = NULL;
    want_v = NULL;
    want_w = NULL;
    current = NULL;
}

const cl_kernel *fmlp_variant_kernels(const fmlp_variant *v, int iz)
{
    const cl_kernel *own = iz ? v->kernels_iz : v->kernels;
    current = NULL;
    if (!want_plan || want_v != v) return own;
    const size_t h = bucket(v, want_w, iz);
    pthread_mutex_lock(&table_lock);
    fmlp_binding *b = table[h];
    while (b && !(b->v == v && b->w == want_w && b->iz == iz)) b = b->next;
    pthread_mutex_unlock(&table_lock);
    if (!b) {
        /* made outside the table's lock: a binding of this (variant, weights) is made only
         * under the plan's lock, so no other thread makes the same one meanwhile */
        if (!(b = binding_new(own))) return own; /* the variant's own objects serve */
        b->plan = want_plan;
        b->v = v;
        b->w = want_w;
        b->iz = iz;
        pthread_mutex_lock(&table_lock);
        b->next = table[h];
        table[h] = b;
        pthread_mutex_unlock(&table_lock);
    }
    current = b;
    return b->k;
}

static arg_shadow *shadow_of(cl_kernel k, cl_uint i)
{
    if (!current || i >= MAX_ARGS) return NULL;
    for (int j = 0; j < FMLP_MAX_KERNELS; ++j)
        if (current->k[j] == k) return &current->args[j][i];
    return NULL;
}

cl_int fmlp_arg(cl_kernel k, cl_uint i, size_t size, const void *value)
{
    arg_shadow *s = shadow_of(k, i);
    if (!s || size > ARG_BYTES) {
        if (s && s->size) { /* no longer known: the next set of this argument is made */
            if (s->mem) {
                cl_mem m;
                memcpy(&m, s->val, sizeof m);
                if (m) clReleaseMemObject(m);
            }
            memset(s, 0, sizeof *s);
        }
        return clSetKernelArg(k, i, size, value);
    }
    if (s->size == size && !s->mem && !memcmp(s->val, value, size)) return CL_SUCCESS;
    cl_int err = clSetKernelArg(k, i, size, value);
    if (err != CL_SUCCESS) return err;
    if (s->mem) {
        cl_mem m;
        memcpy(&m, s->val, sizeof m);
        if (m) clReleaseMemObject(m);
    }
    s->size = (unsigned char)size;
    s->mem = 0;
    memcpy(s->val, value, size);
    return CL_SUCCESS;
}

cl_int fmlp_arg_mem(cl_kernel k, cl_uint i, const void *mem)
{
    cl_mem m;
    memcpy(&m, mem, sizeof m);
    arg_shadow *s = shadow_of(k, i);
    if (!s) return clSetKernelArg(k, i, sizeof m, &m);
    cl_mem old = NULL;
    if (s->mem) memcpy(&old, s->val, sizeof old);
    if (s->mem && old == m) return CL_SUCCESS; /* held: the handle is still that buffer's */
    cl_int err = clSetKernelArg(k, i, sizeof m, &m);
    if (err != CL_SUCCESS) return err;
    if (m && (err = clRetainMemObject(m)) != CL_SUCCESS) {
        /* not held, so not comparable: forget the argument, the next forward sets it */
        if (old) clReleaseMemObject(old);
        memset(s, 0, sizeof *s);
        return CL_SUCCESS;
    }
    if (old) clReleaseMemObject(old);
    s->size = (unsigned char)sizeof m;
    s->mem = 1;
    memcpy(s->val, &m, sizeof m);
    return CL_SUCCESS;
}

/* Removes and frees the bindings of plan (w NULL) or of w (plan NULL). */
static void unbind(const fmlp_plan *plan, const fmlp_weights *w)
{
    fmlp_binding *gone = NULL;
    pthread_mutex_lock(&table_lock);
    for (int h = 0; h < NBUCKETS; ++h)
        for (fmlp_binding **p = &table[h]; *p;) {
            fmlp_binding *b = *p;
            if ((plan && b->plan == plan) || (w && b->w == w)) {
                *p = b->next;
                b->next = gone;
                gone = b;
            } else {
                p = &b->next;
            }
        }
    pthread_mutex_unlock(&table_lock);
    while (gone) {
        fmlp_binding *b = gone;
        gone = b->next;
        binding_free(b);
    }
}

void fmlp_unbind_plan(const fmlp_plan *plan) { unbind(plan, NULL); }
void fmlp_unbind_weights(const fmlp_weights *w) { unbind(NULL, w); }

size_t fmlp_binding_count(const fmlp_plan *plan, const fmlp_weights *w)
{
    size_t n = 0;
    pthread_mutex_lock(&table_lock);
    for (int h = 0; h < NBUCKETS; ++h)
        for (fmlp_binding *b = table[h]; b; b = b->next)
            n += (!plan || b->plan == plan) && (!w || b->w == w);
    pthread_mutex_unlock(&table_lock);
    return n;
}
