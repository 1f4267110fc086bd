/* The benchmark's shapes (the models of issue 3), ops and storage formats, and the byte and
 * FLOP counts that every result is measured against. bench/torch_bench.py keeps a copy of the
 * shape and op tables in step. */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const bench_shape shapes[] = {
    {"llama3-8b", 4096, 14336, "swiglu", 1},
    {"qwen2.5-7b", 3584, 18944, "swiglu", 1},
    {"gemma-2b", 2048, 16384, "geglu_tanh", 1},
    /* GPT-2 uses the tanh GELU ("gelu_new"), BERT the erf one; both have biases */
    {"gpt2", 768, 3072, "gelu_tanh+bias", 1},
    {"bert-base", 768, 3072, "gelu+bias", 0},
    /* Llama-3-70B's MLP (I = 28672) split over 8 devices */
    {"llama3-70b-tp8", 8192, 3584, "swiglu", 1},
};

typedef struct op_name {
    const char *name;
    fmlp_mlp_kind kind;
    fmlp_activation act;
} op_name;

static const op_name ops[] = {
    {"swiglu", FMLP_MLP_GATED, FMLP_ACT_SILU},
    {"geglu", FMLP_MLP_GATED, FMLP_ACT_GELU_ERF},
    {"geglu_tanh", FMLP_MLP_GATED, FMLP_ACT_GELU_TANH},
    {"reglu", FMLP_MLP_GATED, FMLP_ACT_RELU},
    {"relu2glu", FMLP_MLP_GATED, FMLP_ACT_RELU2},
    {"relu", FMLP_MLP_PLAIN, FMLP_ACT_RELU},
    {"relu2", FMLP_MLP_PLAIN, FMLP_ACT_RELU2},
    {"gelu", FMLP_MLP_PLAIN, FMLP_ACT_GELU_ERF},
    {"gelu_tanh", FMLP_MLP_PLAIN, FMLP_ACT_GELU_TANH},
    {"silu", FMLP_MLP_PLAIN, FMLP_ACT_SILU},
};

const bench_shape *bench_shape_at(size_t i)
{
    return i < sizeof shapes / sizeof shapes[0] ? &shapes[i] : NULL;
}

static int parse_size(const char *p, char **end, size_t *out)
{
    if (*p < '0' || *p > '9') return -1;
    unsigned long long v = strtoull(p, end, 10);
    if (v == 0 || v > (1ull << 24)) return -1;
    *out = (size_t)v;
    return 0;
}

int bench_shape_parse(const char *text, bench_shape *out)
{
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; ++i)
        if (strcmp(text, shapes[i].name) == 0) {
            *out = shapes[i];
            return 0;
        }
    if (strncmp(text, "custom:", 7) != 0) return -1;
    char *end = NULL;
    size_t h = 0, n = 0;
    if (parse_size(text + 7, &end, &h) != 0 || (*end != 'x' && *end != 'X')) return -1;
    if (parse_size(end + 1, &end, &n) != 0 || *end) return -1;
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "custom:%zux%zu", h, n);
    out->hidden = h;
    out->intermediate = n;
    out->native_op = "swiglu";
    return 0;
}

int bench_op_parse(const char *text, bench_op *out)
{
    char base[BENCH_NAME];
    snprintf(base, sizeof base, "%s", text);
    int bias = 0;
    char *plus = strchr(base, '+');
    if (plus) {
        if (strcmp(plus, "+bias") != 0) return -1;
        *plus = '\0';
        bias = 1;
    }
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; ++i) {
        if (strcmp(base, ops[i].name) != 0) continue;
        memset(out, 0, sizeof *out);
        snprintf(out->name, sizeof out->name, "%s%s", ops[i].name, bias ? "+bias" : "");
        out->kind = ops[i].kind;
        out->act = ops[i].act;
        if (bias)
            out->biases = FMLP_BIAS_UP | FMLP_BIAS_DOWN |
                          (ops[i].kind == FMLP_MLP_GATED ? FMLP_BIAS_GATE : 0u);
        return 0;
    }
    return -1;
}

void bench_list_shapes(FILE *f)
{
    fprintf(f, "shapes (H x I, the model's own op; * = part of --all):\n");
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; ++i)
        fprintf(f, "  %c %-16s %5zu x %-6zu %s\n", shapes[i].in_all ? '*' : ' ', shapes[i].name,
                shapes[i].hidden, shapes[i].intermediate, shapes[i].native_op);
    fprintf(f, "    custom:HxI       any size, swiglu\n\nops (append +bias for biases on every "
               "projection; 'native' = the shape's own):\n ");
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; ++i)
        fprintf(f, " %s (%s)", ops[i].name, ops[i].kind == FMLP_MLP_GATED ? "gated" : "plain");
    fprintf(f, "\n");
}

void bench_desc(const bench_shape *s, const bench_op *op, fmlp_plan_desc *d)
{
    fmlp_plan_desc_init(d);
    d->hidden = s->hidden;
    d->intermediate = s->intermediate;
    d->kind = op->kind;
    d->activation = op->act;
    d->biases = op->biases;
}

static const char *const dtype_names[] = {"f32",       "f16",       "bf16",
                                          "q8_0",      "q4_0",      "affine_q2",
                                          "affine_q3", "affine_q4", "affine_q8"};

const char *bench_dtype_name(fmlp_dtype t)
{
    return (size_t)t < sizeof dtype_names / sizeof dtype_names[0] ? dtype_names[t] : "?";
}

int bench_dtype_parse(const char *name)
{
    for (size_t i = 0; i < sizeof dtype_names / sizeof dtype_names[0]; ++i)
        if (strcmp(name, dtype_names[i]) == 0) return (int)i;
    return -1;
}

double bench_bytes(const fmlp_plan_desc *d, size_t batch)
{
    const double H = (double)d->hidden, I = (double)d->intermediate;
    /* gate and up are [I, H], down [H, I]: blocks run along each row */
    size_t up = 0, down = 0;
    if (fmlp_weight_bytes(d->weight_dtype, d->group_size, d->intermediate, d->hidden, &up) !=
            FMLP_SUCCESS ||
        fmlp_weight_bytes(d->weight_dtype, d->group_size, d->hidden, d->intermediate, &down) !=
            FMLP_SUCCESS)
        return NAN;
    const double weights = (d->kind == FMLP_MLP_GATED ? 2.0 : 1.0) * (double)up + (double)down;
    double bias = 0;
    if (d->biases & FMLP_BIAS_GATE) bias += I;
    if (d->biases & FMLP_BIAS_UP) bias += I;
    if (d->biases & FMLP_BIAS_DOWN) bias += H;
    const double act = (double)mlp_dtype_size(d->act_dtype);
    return weights + 4.0 * bias + act * 2.0 * (double)batch * H;
}

double bench_flops(const fmlp_plan_desc *d, size_t batch)
{
    const double mats = d->kind == FMLP_MLP_GATED ? 3.0 : 2.0;
    return 2.0 * mats * (double)batch * (double)d->hidden * (double)d->intermediate;
}
