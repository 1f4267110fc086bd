/* The tuner's candidate spaces: for each strategy, where a search starts and which values it
 * tries around the best point found (tuning/README.md, "Adding a strategy's space").
 *
 * This table is the only place that knows a strategy's parameters by name; the tuner checks
 * every name against the strategy's own param_names when it starts (a name the strategy no
 * longer has is reported and left out), prunes every candidate through the strategy's
 * configure() before building anything, and skips strategies that have no space here.
 *
 * Seeds are whole parameter sets, most promising first, each tried for the batches in its
 * range: they carry the combinations that single-axis moves cannot reach (a work-group shape
 * and the tile that matches it). Axes are then walked one at a time from the best point,
 * values most promising first. Keep both modest: a search should measure tens of candidates
 * per strategy and batch, not hundreds. The seeds below come from the sweeps of
 * bench/scripts/sweep*.txt and the generic database; when a strategy's parameters change,
 * change its entry here (the tuner says at start-up which names no longer exist). */
#include "tuner.h"

#include <limits.h>

#define END TUNE_END
#define ANY_B 1, LONG_MAX

const tune_space tune_spaces[] = {
    {
        .strategy = "stream",
        .b_lo = 1,
        .b_hi = 64,
        .rows_param = "bt",
        .rows_scale = 1,
        .seeds =
            {
                {1, 8, "wgs=256 kl=16 ti=32 bt=1 vw=4 xc=512"},
                {1, 8, "wgs=128 kl=16 ti=16 bt=1 vw=4 xc=512"},
                {1, 8, "wgs=256 kl=32 ti=16 bt=1 vw=4 xc=1024"},
                {1, 8, "wgs=256 kl=8 ti=64 bt=1 vw=4 xc=4096"},
                {1, 8, "wgs=512 kl=32 ti=32 bt=1 vw=4 xc=2048"},
                {1, 8, "wgs=128 kl=32 ti=8 bt=1 vw=4 xc=1024"},
                /* 512 threads with a 256-thread plan's work a thread: half the work-groups
                 * and partial sums (H200 f32/f16 B=1 2.5-3% faster; thirteenth session) */
                {1, 1, "wgs=512 kl=16 ti=64 bt=1 vw=4 xc=4096"},
                /* 1024 threads, 112 work-groups of 128 units: the H200's f16 B=1 winner
                 * (fourteenth session); fewer slices, so the reduction's groups halved */
                {1, 1, "wgs=1024 kl=16 ti=128 bt=1 vw=8 xc=2048 rg=8"},
                /* the same with every thread busy in phase 2 (1024 x 8 f16 values is twice
                 * H = 4096), and 128 slices of 112 units */
                {1, 1, "wgs=1024 kl=16 ti=128 bt=1 vw=8 xc=2048 rg=8 rs=2 pu=4"},
                {1, 1, "wgs=1024 kl=64 ti=112 bt=1 vw=8 xc=2048 rg=8 rs=2 pu=4"},
                {2, 8, "wgs=256 kl=16 ti=32 bt=4 vw=4 xc=512"},
                /* B=2-16: fewer, wider slices (ti=64) halve the partial sums, which grow
                 * with B (448 slices x B x H floats at ti=32) */
                {2, 2, "wgs=256 kl=16 ti=64 bt=2 vw=4 xc=512"},
                {3, 4, "wgs=256 kl=16 ti=64 bt=4 vw=4 xc=512"},
                {5, 8, "wgs=256 kl=16 ti=64 bt=8 vw=4 xc=512"},
                {9, 16, "wgs=512 kl=32 ti=64 bt=16 vw=4 xc=512"},
                {9, 64, "wgs=256 kl=16 ti=32 bt=8 vw=4 xc=256"},
                {9, 64, "wgs=256 kl=16 ti=32 bt=16 vw=4 xc=512"},
                {9, 64, "wgs=256 kl=32 ti=16 bt=16 vw=4 xc=512"},
                {9, 64, "wgs=512 kl=32 ti=32 bt=16 vw=4 xc=256"},
                {65, LONG_MAX, "wgs=256 kl=16 ti=32 bt=16 vw=4 xc=256"},
                /* the block formats' loads a step ahead (other formats map pb to 0); fewer
                 * rows a thread, since the next step's words are held in registers */
                {1, 1, "wgs=256 kl=32 ti=64 bt=1 xc=1024 pb=1"},
                {1, 1, "wgs=256 kl=32 ti=32 bt=1 xc=1024 pb=1"},
                {1, 1, "wgs=256 kl=16 ti=32 bt=1 xc=4096 pb=1"},
                {1, 1, "wgs=128 kl=16 ti=16 bt=1 xc=4096 pb=1"},
                /* the int8 plans' B=1 shape with bf16 partial sums (other plans map ps to 0) */
                {1, 1, "wgs=256 kl=16 ti=32 bt=1 xc=4096 ps=1"},
                /* one launch a forward: the split reduction in the kernel, which the int8
                 * plans' ps=1 excludes (a walk from their seeds never reaches it). NVIDIA only
                 * (skipped elsewhere); it won every int8 cell of GPT-2 at B=1 (1.50-1.58x,
                 * forty-third session), where launches, not bytes, set the time */
                {1, 1, "wgs=256 kl=16 ti=32 bt=1 xc=1024 fr=1 ps=0"},
                {1, 1, "wgs=256 kl=32 ti=32 bt=1 xc=1024 fr=1 ps=0"},
            },
        .axes =
            {
                {"bt", {1, 2, 4, 8, 16, 32, END}},
                {"kl", {16, 32, 8, 64, 4, END}},
                /* 112 and 56: I = 14336 in 128 or 256 slices, one or two for each of most of
                 * the H100's and H200's 132 compute units */
                {"ti", {32, 16, 64, 8, 128, 112, 56, END}},
                {"wgs", {256, 128, 512, 64, 1024, END}},
                {"xc", {512, 1024, 256, 2048, 4096, 128, END}},
                {"vw", {4, 2, 1, END}},
                {"xv", {4, 1, END}},
                {"rg", {16, 8, 32, END}},
                {"pb", {0, 1, END}},
                /* phase 2's first loads before phase 1's end (rows of down^T; the block
                 * formats take any n > 0 as their first block row). Last: it paid only for
                 * some int8 plans (bench/PERFLOG.md, twelfth session) */
                {"dl", {0, 1, 8, END}},
                /* the int8 plans' partial sums in bf16 (other plans map ps to 0) */
                {"ps", {0, 1, END}},
                /* phase 2 in row groups, rows of down^T loaded together (fp32 and 16-bit
                 * formats; the others map both to 1) */
                {"rs", {1, 2, 4, END}},
                {"pu", {1, 4, 8, END}},
                /* the weights' loads as ld.global.nc.L1::no_allocate (NVIDIA; elsewhere the
                 * candidate is skipped as not supported) */
                {"na", {0, 1, 2, END}},
                /* the block formats' exact plans with several batch rows: inputs in registers
                 * across rows (other plans map rb to 0) */
                {"rb", {0, 1, END}},
                /* several batch rows: the last tile's rows past the batch skipped */
                {"sk", {0, 1, END}},
                /* the split reduction in the stream kernel (NVIDIA; elsewhere skipped as not
                 * supported): one launch a forward instead of two, which pays where launches,
                 * not bytes, set the time (GPT-2's decode; bench/PERFLOG.md, forty-third
                 * session) */
                {"fr", {0, 1, END}},
                /* phase 1's first steps asked into L2 before x is staged (NVIDIA; elsewhere
                 * skipped as not supported): fp32 at B=1 1.02x with 2 steps on the H200, the
                 * block formats with int8 1.05-1.17x slower (forty-sixth session) */
                {"xp", {0, 2, 1, END}},
            },
    },
    {
        .strategy = "tiled",
        .b_lo = 33,
        .b_hi = LONG_MAX,
        .seeds =
            {
                {ANY_B, "mt=64 nt=64 kt=16 tm=4 tn=4 dmt=64 dnt=64 dkt=16 dtm=4 dtn=4"},
                {129, LONG_MAX, "mt=128 nt=64 kt=8 tm=8 tn=4 dmt=128 dnt=128 dkt=8 dtm=8 dtn=8"},
                {129, LONG_MAX, "mt=64 nt=128 kt=8 tm=4 tn=8 dmt=64 dnt=128 dkt=8 dtm=4 dtn=8"},
                {129, LONG_MAX, "mt=128 nt=64 kt=16 tm=8 tn=4 dmt=128 dnt=64 dkt=16 dtm=8 dtn=4"},
                {1, 128, "mt=16 nt=64 kt=16 tm=2 tn=4 dmt=16 dnt=64 dkt=16 dtm=2 dtn=4"},
                {1, 128, "mt=32 nt=64 kt=16 tm=4 tn=4 dmt=32 dnt=64 dkt=16 dtm=4 dtn=4"},
            },
        .axes =
            {
                {"mt", {64, 128, 32, 16, END}},
                {"nt", {64, 128, 32, END}},
                {"kt", {16, 8, 32, END}},
                {"tm", {4, 8, 2, END}},
                {"tn", {4, 8, 2, END}},
                {"dmt", {64, 128, 32, 16, END}},
                {"dnt", {64, 128, 32, END}},
                {"dkt", {16, 8, 32, END}},
                {"dtm", {4, 8, 2, END}},
                {"dtn", {4, 8, 2, END}},
            },
    },
    {
        /* NVIDIA sm_80+ only: configure() reports the strategy missing elsewhere, and the
         * tuner then skips it. emu stays 0: the emulation exists for tests, not for speed. */
        .strategy = "mma",
        .b_lo = 16,
        .b_hi = LONG_MAX,
        .seeds =
            {
                {1, 16, "mt=16 nt=64 kt=32 wm=1 wn=4 dmt=16 dnt=64 dkt=32 dwm=1 dwn=4 splits=4"},
                {1, 16, "mt=16 nt=32 kt=32 wm=1 wn=2 dmt=16 dnt=32 dkt=32 dwm=1 dwn=2 splits=2"},
                {1, 16, "mt=16 nt=128 kt=32 wm=1 wn=4 dmt=16 dnt=128 dkt=32 dwm=1 dwn=4 splits=8"},
                {9, 64, "mt=32 nt=64 kt=32 wm=1 wn=4 dmt=32 dnt=64 dkt=32 dwm=1 dwn=4 splits=4"},
                {33, 512, "mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=2"},
                {17, 256, "mt=64 nt=112 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=4"},
                {33, 512, "mt=64 nt=128 kt=32 wm=2 wn=4 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=2"},
                {129, LONG_MAX,
                 "mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=64 dkt=32 dwm=4 dwn=2 splits=1"},
                {129, LONG_MAX,
                 "mt=128 nt=128 kt=16 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1"},
                {129, LONG_MAX,
                 "mt=128 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 order=1"},
                {33, 512,
                 "mt=64 nt=128 kt=32 wm=2 wn=4 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=2 order=1"},
                {513, LONG_MAX,
                 "mt=64 nt=128 kt=32 wm=2 wn=4 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=1"},
                {513, LONG_MAX,
                 "mt=128 nt=128 kt=32 wm=4 wn=4 dmt=128 dnt=128 dkt=32 dwm=4 dwn=4 splits=1"},
                /* fp32 with fp16 pairs (hp=1; formats without it map hp to 0): the H200's
                 * B=64 and B=256 winners (twenty-fourth session, 1.22x and 1.35x over the
                 * 3xTF32 tiles) */
                {33, 128,
                 "mt=64 nt=128 kt=16 wm=1 wn=8 dmt=32 dnt=128 dkt=32 dwm=2 dwn=2 splits=4 na=1 hp=1"},
                {129, 512,
                 "mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 na=2 hp=1"},
                /* Q8_0/Q4_0 B=256's winner on an H100 (iw=1; other formats map iw to 0) */
                {129, LONG_MAX,
                 "mt=64 nt=64 kt=32 wm=1 wn=4 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=2 iw=1"},
                /* the affine formats with integer zero points (FMLP_IZ): their B=64 tile and
                 * their B=256 one (Q4_0's on an H200), winners on an H200 and an H100 */
                {33, 128,
                 "mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=16 iw=1"},
                {129, 2048,
                 "mt=64 nt=64 kt=32 wm=2 wn=2 dmt=128 dnt=64 dkt=32 dwm=2 dwn=2 splits=2 iw=1"},
                /* weights one f16 each in hp (f16, bf16, iw's fields; twenty-fifth session,
                 * H200): q4_0/affine at B=256 and affine_q3 at 4096 (mt=128 nt=64), f16/bf16 at
                 * 256 (down tile 64x128x16), q4_0 at 64, affine_q3 at 128 */
                {129, LONG_MAX,
                 "mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 iw=1 hp=1"},
                {129, 512,
                 "mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 na=2 hp=1"},
                {33, 128,
                 "mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=8 iw=1 hp=1"},
                {65, 256,
                 "mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=16 dwm=4 dwn=2 splits=4 iw=1 na=2 hp=1"},
                /* the block formats with f16 x (thirtieth session, H200, Llama-3-8B): q4_0 at
                 * B = 65-128 (down's sums flushed once a 32-weight block), q4_0 and affine_q2/q4
                 * at 129-512, and the 16-bit-x tile that also won on Qwen2.5-7B and Gemma-2B */
                {65, 128,
                 "mt=128 nt=112 kt=16 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4 iw=1 na=2 hp=1"},
                {129, 512,
                 "mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 iw=1 hp=1 se=0"},
                {129, LONG_MAX,
                 "mt=128 nt=112 kt=16 wm=4 wn=2 dmt=64 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 iw=1 hp=1"},
                /* the block formats with f16 x and fw=1 (thirty-first session, H200): q4_0's
                 * B = 65-128 tile, the winner from B = 65 to 1024 for all six on Llama-3-8B and
                 * at 256 on Qwen2.5-7B (1.05-1.15x over the thirtieth session's tiles) */
                {65, LONG_MAX,
                 "mt=128 nt=112 kt=16 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 iw=1 na=2 hp=1 fw=1"},
                /* thirty-ninth session, H200 (bench/results/2026-11-29-h200-s39-*), tiles the
                 * coordinate search did not reach from the seeds above: the plain MLP's 128 x 112
                 * gate/up tile (Llama-3-8B ReLU, every format and fp32 at 256-512, 1.01-1.24x); the
                 * 128 x 64 tiles with four splits of down (Qwen2.5-7B's block formats at 256-384,
                 * 1.12-1.24x: Llama-3-8B's affine_q3 tile and s38-e's affine_q2 tune); a 64 x 32
                 * tile with one split (the 70B shard's block formats at 80-128, 1.04-1.10x) and the
                 * same with kt=64 (its f16 at 128, 1.25x) */
                {129, 512,
                 "mt=128 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4 iw=1 na=0 hp=1 se=0"},
                {129, 512,
                 "mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4 iw=1 na=2 hp=1 se=1"},
                {129, 512,
                 "mt=128 nt=64 kt=32 wm=4 wn=4 dmt=128 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 iw=1 na=1 hp=1 se=1"},
                {65, 128,
                 "mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=1 iw=1 na=1 hp=1 se=0"},
                {65, 128,
                 "mt=64 nt=32 kt=64 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=1 na=1 hp=1 se=0"},
            },
        .axes =
            {
                /* first: GGML/affine fields straight into the mma (1.07-1.13x on an H100); a
                 * budget that ends early has tried it on the incumbent. Other formats map it
                 * to 0, which costs them nothing (the tuner measures a candidate once). */
                {"iw", {0, 1, END}},
                /* fp32 weights: products from fp16 pairs (half the tensor-core instructions;
                 * 1.10-1.31x at B = 128, 1024 and 4096 on an H200's shipped tiles, 0.93x at
                 * 256: twenty-fourth session); f16, bf16 and iw's fields as one f16 each
                 * (twenty-fifth). Formats without it map it to 0. */
                {"hp", {0, 1, END}},
                /* the block formats' scales folded into gate/up's fp16 pairs (hp with iw; other
                 * plans map it to 0): with f16 x 1.02-1.09x on 128x112 kt=16 gate/up tiles, but
                 * 0.88-0.91x on 64x112 kt=32 ones and 0.85-0.92x with fp32 x (a third product a
                 * step), H200, thirty-first session */
                {"fw", {0, 1, END}},
                /* the affine formats' gate/up weights through a ring of ca k-tiles filled by
                 * cp.async (kt=32, or 16 but for affine_q3; other plans map it to 0): on the
                 * shipped tiles, H200, forty-eighth session, exact affine_q3 1.02-1.05x on
                 * Gemma-2B at 321-512, the 70B shard at 65-96 and Gemma's tile on Llama-3-8B at
                 * 193-256, 0.7-1.0x on Llama-3-8B's own tiles at 64-512 (s48-c, -e, -f; kt=32).
                 * Early in the order: s48-d's 45-60 s tunes, with it last, never reached it. */
                {"ca", {0, 2, 3, 4, END}},
                {"splits", {1, 2, 4, 8, 16, END}},
                {"mt", {16, 32, 64, 128, END}},
                /* 112 and 56: Llama-3's I = 14336 = 2^11 x 7 in 128 or 256 column tiles, one
                 * or two whole work-groups per SM on 132 SMs (64 and 128: 1.7 per SM) */
                {"nt", {64, 128, 32, 256, 112, 56, END}},
                {"kt", {32, 16, 64, END}},
                {"wm", {1, 2, 4, END}},
                {"wn", {4, 2, 8, END}},
                {"dmt", {16, 32, 64, 128, END}},
                {"dnt", {64, 128, 32, 256, END}},
                {"dkt", {32, 16, 64, END}},
                {"dwm", {1, 2, 4, END}},
                {"dwn", {4, 2, 8, END}},
                /* one fragment's k-tile sum at a time: no spills in large tiles (the plain
                 * MLP's 128 x 128 gate/up tile spilled 704 bytes with order=0 and took 1.9x
                 * as long on an H100) */
                {"order", {0, 1, END}},
                {"dorder", {0, 1, END}},
                /* the weights' loads past L1 (1), and L2 evict-first (2), as the stream
                 * kernel's na (twenty-first session) */
                {"na", {0, 1, 2, END}},
                /* hp's flush scales read early (1) or at the flush (0): 0.90-1.03x either way
                 * by tile and format (twenty-sixth session); plans without hp map it to 0 */
                {"se", {1, 0, END}},
            },
    },
    {
        /* NVIDIA sm_80+ only, like mma: weights streamed straight into tensor-core fragments
         * for small batches (8 * fb batch rows per work-group). */
        .strategy = "mmav",
        .b_lo = 1,
        .b_hi = 64,
        .rows_param = "fb", /* 8 batch rows per n8 tile */
        .rows_scale = 8,
        .seeds =
            {
                {1, 32, "wg=4 kw=4 fm=1 fb=2 ku=2 dwg=8 dkw=8 dfb=2 dku=1 splits=4"},
                {1, 8, "wg=4 kw=4 fm=1 fb=1 ku=2 dwg=8 dkw=8 dfb=1 dku=1 splits=4"},
                {1, 32, "wg=8 kw=8 fm=1 fb=2 ku=2 dwg=8 dkw=8 dfb=2 dku=4 splits=2"},
                {1, 32, "wg=4 kw=4 fm=1 fb=2 ku=2 dwg=4 dkw=4 dfb=2 dku=2 splits=8"},
                /* 32 batch rows (fb=4), the H200's and the H100's B = 17-32 winners (twenty-
                 * third session): fp32 with two k-chunks a step (its down kernel's 32 rows in
                 * 4 warps: 8 warps of them need 64 KB of local memory, more than NVIDIA's 48),
                 * and the block formats' fields (iw=1), found for affine_q3; for other shapes
                 * 8 splits of I (Gemma-2B's down kernel filled the card with them) */
                {17, 64, "wg=2 kw=2 fm=2 fb=4 ku=2 dwg=4 dkw=4 dfb=4 dku=2 dpf=1 splits=4 na=2"},
                {17, 64, "wg=4 kw=2 fm=2 fb=4 ku=1 dwg=4 dkw=4 dfb=4 dku=4 splits=4 iw=1"},
                {17, 64, "wg=4 kw=2 fm=2 fb=4 ku=1 dwg=4 dkw=4 dfb=4 dku=2 splits=8 iw=1"},
                /* the block formats' fields straight into the mma (iw=1 needs dku 2 or 4);
                 * other formats map iw to 0 */
                {1, 32, "wg=4 kw=4 fm=1 fb=2 ku=2 dwg=8 dkw=8 dfb=2 dku=2 splits=4 iw=1"},
                {1, 32, "wg=8 kw=8 fm=1 fb=2 ku=1 dwg=8 dkw=8 dfb=2 dku=4 splits=2 iw=1"},
                /* q4_0 and q8_0 B=16's winners on an H200: more rows a warp share x's loads
                 * and splits (and, for the affine formats, the mma against ones) */
                {9, 32, "wg=4 kw=4 fm=4 fb=2 ku=2 dwg=8 dkw=8 dfb=2 dku=2 splits=4 iw=1"},
                {9, 32, "wg=8 kw=4 fm=2 fb=2 ku=1 dwg=8 dkw=8 dfb=2 dku=4 dpf=1 splits=2 iw=1"},
                /* Q4_0 and affine_q4 (g32): whole blocks a lane (wl=1, ku 4); the H200's
                 * q4_0 winner at B=4-32 (other formats map wl to 0) */
                {1, 32, "wg=4 kw=4 fm=2 fb=2 ku=4 dwg=8 dkw=8 dfb=2 dku=2 splits=4 iw=1 wl=1"},
                {1, 32, "wg=4 kw=2 fm=2 fb=2 ku=4 dwg=8 dkw=8 dfb=2 dku=2 splits=4 iw=1 wl=1"},
                /* fp32/16-bit weights in fp16 pairs (hp=1; other formats map hp to 0): the
                 * H200's fp32 B=9-16 and B=17-32 tiles and f16's B=9-16 one with it */
                {9, 16, "wg=2 kw=2 fm=1 fb=2 ku=1 dwg=8 dkw=8 dfb=2 dku=2 dpf=1 splits=4 hp=1"},
                {17, 64, "wg=2 kw=2 fm=2 fb=4 ku=2 dwg=4 dkw=4 dfb=4 dku=2 dpf=1 splits=4 na=2 hp=1"},
                {1, 32, "wg=4 kw=4 fm=4 fb=2 ku=2 dwg=8 dkw=8 dfb=2 dku=4 splits=4 hp=1"},
            },
        .axes =
            {
                {"iw", {0, 1, END}},
                {"wl", {0, 1, END}},
                /* products from fp16 pairs (half the tensor-core instructions) in gate/up
                 * (hp: fp32, f16, bf16, and the block formats with iw=1) and down (dhp: fp32,
                 * f16, bf16; plans with odd dku refuse it); the others map them to 0 */
                {"hp", {0, 1, END}},
                {"dhp", {0, 1, END}},
                {"splits", {4, 8, 2, 16, END}},
                {"dku", {1, 2, 4, END}},
                {"kw", {4, 2, 8, END}},
                {"dkw", {8, 4, 2, END}},
                {"ku", {2, 1, 4, END}},
                {"wg", {4, 8, 2, END}},
                /* rows per warp: x's loads and splits shared by more weights */
                {"fm", {1, 2, 4, END}},
                {"dwg", {8, 4, 16, END}},
                {"fb", {1, 2, 4, END}},
                {"dfb", {1, 2, 4, END}},
                /* loads a step ahead: fp32 B=4-8 3% faster on an H100, q4_0 B=16 15% slower */
                {"pf", {0, 1, END}},
                {"dpf", {0, 1, END}},
                {"na", {0, 1, 2, END}},
            },
    },
    {
        /* NVIDIA sm_80+ only, and only plans with integer dot products (the others' configure
         * refuses every candidate): integer tensor cores, 8 * fb batch rows a warp. */
        .strategy = "mmaq",
        .b_lo = 2,
        .b_hi = LONG_MAX,
        .rows_param = "fb",
        .rows_scale = 8,
        .seeds =
            {
                /* the H200's winners (q4_0 at B=16, 32, 64), with loads a step ahead */
                {9, 16, "wg=2 kw=2 fb=2 ku=4 pf=1 dwg=8 dfb=2 dku=2 splits=8"},
                {17, 32, "wg=2 kw=2 fb=4 ku=2 pf=1 dwg=8 dfb=2 dku=4 splits=4"},
                {33, 128, "wg=4 kw=2 fb=4 ku=2 pf=1 dwg=2 dfb=2 dku=2 splits=16"},
                {9, 16, "wg=8 kw=4 fb=2 ku=4 pf=1 dwg=2 dfb=2 dku=4 splits=16"},
                /* the first H200 runs' winners: B=4 and B=64 (q4_0), B=16 (affine_q3) */
                {2, 8, "wg=2 fb=1 ku=8 dwg=2 dfb=1 dku=4 splits=16"},
                {33, 128, "wg=4 fb=4 ku=2 dwg=2 dfb=4 dku=2 splits=16"},
                {9, 32, "wg=2 fb=2 ku=2 dwg=2 dfb=2 dku=2 splits=8"},
                /* warps sharing a tile's runs: four times the warps in flight */
                {2, 16, "wg=8 kw=4 fb=1 ku=4 dwg=2 dfb=1 dku=4 splits=16"},
                {2, 32, "wg=8 kw=4 fb=2 ku=4 dwg=2 dfb=2 dku=4 splits=16"},
                {2, 16, "wg=8 kw=8 fb=1 ku=2 dwg=2 dfb=1 dku=4 splits=16"},
                {33, 128, "wg=8 kw=2 fb=4 ku=2 dwg=2 dfb=4 dku=2 splits=16"},
                /* large batches: a row tile's batch tiles together (bo=1), so that the
                 * weights come from the last-level cache after their first read */
                {65, 4096, "wg=4 kw=2 fb=4 ku=2 dwg=4 dfb=4 dku=2 splits=4 bo=1"},
                {65, 4096, "wg=4 kw=1 fb=8 ku=1 dwg=4 dfb=8 dku=1 splits=2 bo=1"},
                {65, 4096, "wg=4 kw=2 fb=4 ku=2 dwg=4 dfb=4 dku=2 splits=4 bo=0"},
            },
        .axes =
            {
                {"pf", {1, 0, END}},
                {"kw", {4, 2, 8, 1, END}},
                {"ku", {4, 8, 2, END}},
                {"dku", {4, 8, 2, END}},
                {"splits", {4, 8, 2, 16, 1, END}},
                {"wg", {4, 8, 2, END}},
                {"dwg", {4, 8, 2, END}},
                {"fb", {1, 2, 4, 8, END}},
                {"dfb", {1, 2, 4, 8, END}},
                {"bo", {1, 0, END}},
                /* L2 prefetches steps ahead (not with pf=1): 1.11-1.13x for q4_0 and q8_0 at
                 * B=64 on an H200, slower for the affine formats there and for every format
                 * at B=16 and B >= 128 (nineteenth session) */
                {"pl", {0, 2, 1, 4, END}},
                {"na", {0, 1, 2, END}},
            },
    },
    {.strategy = NULL},
};
