/* The table of kernel strategies, and launching a chain of kernels as one command. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

const fmlp_strategy *const fmlp_strategies[] = {&fmlp_strategy_stream, &fmlp_strategy_tiled,
                                                &fmlp_strategy_mma, &fmlp_strategy_mmav,
                                                &fmlp_strategy_mmaq, &fmlp_strategy_unfused, NULL};

_Thread_local fmlp_profile_sink *fmlp_profile;

const fmlp_strategy *fmlp_strategy_find(const char *name)
{
    for (const fmlp_strategy *const *s = fmlp_strategies; *s; ++s)
        if (strcmp((*s)->name, name) == 0) return *s;
    return NULL;
}

int fmlp_strategy_knows(const fmlp_strategy *s, const char *key)
{
    for (const char *const *k = s->param_names; *k; ++k)
        if (strcmp(*k, key) == 0) return 1;
    return 0;
}

fmlp_status fmlp_load_hint_check(const fmlp_device *dev, long na)
{
    if (na < 0 || na > 2) return FMLP_ERROR_INVALID_PARAMETER;
    if (na && fmlp_nvidia_sm(dev) < (na == 2 ? 80 : 70)) return FMLP_ERROR_EXTENSION_MISSING;
    return FMLP_SUCCESS;
}

cl_int fmlp_seq_begin(fmlp_seq *s, cl_command_queue q, cl_uint nwait, const cl_event *wait,
                      cl_event *event)
{
    memset(s, 0, sizeof *s);
    cl_command_queue_properties props = 0;
    cl_int err = clGetCommandQueueInfo(q, CL_QUEUE_PROPERTIES, sizeof props, &props, NULL);
    if (err != CL_SUCCESS) return err;
    s->q = q;
    s->out_of_order = (props & CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE) != 0;
    s->nwait = nwait;
    s->wait = wait;
    s->event = event;
    return CL_SUCCESS;
}

cl_int fmlp_seq_launch(fmlp_seq *s, cl_kernel k, cl_uint dims, const size_t *global,
                       const size_t *local, int last)
{
    cl_uint nwait = s->nwait;
    const cl_event *wait = s->wait;
    if (s->prev) {
        nwait = 1;
        wait = &s->prev;
    }
    cl_event *all = NULL;
    if (s->extra) { /* the wait list and one more */
        if (!(all = malloc(sizeof *all * (nwait + 1)))) return CL_OUT_OF_HOST_MEMORY;
        if (nwait) memcpy(all, wait, sizeof *all * nwait);
        all[nwait++] = s->extra;
        wait = all;
    }
    cl_event ev = NULL, mine = NULL;
    cl_event *evp = last ? s->event : (s->out_of_order ? &ev : NULL);
    fmlp_profile_sink *prof = fmlp_profile;
    if ((prof || s->keep) && !evp) evp = &mine;
    cl_int err = clEnqueueNDRangeKernel(s->q, k, dims, NULL, global, local, nwait, wait, evp);
    free(all);
    s->extra = NULL;
    if (err != CL_SUCCESS) return err;
    if (s->keep) {
        clRetainEvent(*evp);
        *s->keep = *evp;
        s->keep = NULL;
    }
    if (prof && prof->count < FMLP_PROFILE_MAX) {
        cl_event e = *evp;
        clRetainEvent(e);
        prof->events[prof->count] = e;
        prof->kernels[prof->count++] = k;
    }
    if (mine) clReleaseEvent(mine);
    /* after the first launch the caller's wait list is honoured through queue order or prev */
    s->nwait = 0;
    s->wait = NULL;
    if (s->prev) clReleaseEvent(s->prev);
    s->prev = ev;
    return CL_SUCCESS;
}

void fmlp_seq_end(fmlp_seq *s)
{
    if (s->prev) clReleaseEvent(s->prev);
    s->prev = NULL;
}

/* re outputs per work-group (default 32) by rg groups of splits (default 8), halved (groups
 * first) until the work-group fits the device */
static void reduce_shape(const fmlp_device *dev, const fmlp_params *p, size_t *e, size_t *g)
{
    size_t most = fmlp_device_max_wg_1d(dev);
    *e = (size_t)fmlp_params_get(p, "re", 32);
    *g = (size_t)fmlp_params_get(p, "rg", 8);
    while (*e * *g > most) {
        if (*g > 1) *g /= 2;
        else *e /= 2;
    }
}

void fmlp_reduce_defines(const fmlp_device *dev, const fmlp_params *p, fmlp_strbuf *sb)
{
    size_t e, g;
    reduce_shape(dev, p, &e, &g);
    fmlp_strbuf_printf(sb, "#define RED_E %zu\n#define RED_G %zu\n", e, g);
}

cl_int fmlp_reduce_launch(fmlp_seq *seq, cl_kernel k, const fmlp_plan *plan,
                          const fmlp_params *p, size_t batch, int last)
{
    size_t e, g;
    reduce_shape(&plan->ctx->dev, p, &e, &g);
    size_t local = e * g, global = fmlp_ceil_div(batch * plan->desc.hidden, e) * local;
    return fmlp_seq_launch(seq, k, 1, &global, &local, last);
}

cl_int fmlp_set_reduce_args(cl_kernel r, const fmlp_io *io, const fmlp_weights *w, cl_ulong p_off)
{
    cl_int err = 0;
    err |= FMLP_ARG(r, 0, io->workspace);
    err |= FMLP_ARG(r, 1, p_off);
    err |= FMLP_ARG(r, 2, w->b_down);
    err |= FMLP_ARG(r, 3, io->y);
    return err ? CL_INVALID_ARG_VALUE : CL_SUCCESS;
}

cl_int fmlp_set_gateup_args(cl_kernel k, const fmlp_io *io, const fmlp_weights *w, cl_mem h_buf,
                            cl_ulong h_off, size_t batch)
{
    cl_ulong x_off = io->x_elem;
    cl_int nb = (cl_int)batch;
    cl_int err = 0;
    err |= FMLP_ARG(k, 0, io->x);
    err |= FMLP_ARG(k, 1, x_off);
    err |= FMLP_ARG(k, 2, w->gate);
    err |= FMLP_ARG(k, 3, w->up);
    err |= FMLP_ARG(k, 4, w->b_gate);
    err |= FMLP_ARG(k, 5, w->b_up);
    err |= FMLP_ARG(k, 6, h_buf);
    err |= FMLP_ARG(k, 7, h_off);
    err |= FMLP_ARG(k, 8, nb);
    return err ? CL_INVALID_ARG_VALUE : CL_SUCCESS;
}
