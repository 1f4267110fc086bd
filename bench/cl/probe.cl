// The read probe (bench/read_probe.c): how long one kernel takes to read a given number of
// bytes once, and what splitting that read in two costs, as two kernels or as one kernel with
// a device-wide wait between its halves. These are the floors of the designs that stream an
// MLP's weights in one or two passes; flashmlp-bench's floor is the bandwidth of a far larger
// read.

// PROBE_LD (NVIDIA only, flashmlp-readprobe --load): the float4 loads as one PTX ld.global.v4
// with the cache qualifiers of that number; without it, plain OpenCL loads.
#if defined(PROBE_LD) && PROBE_LD > 0
#if PROBE_LD == 1
#define PROBE_Q ".nc"
#elif PROBE_LD == 2
#define PROBE_Q ".nc.L1::no_allocate"
#elif PROBE_LD == 3
#define PROBE_Q ".L2::256B"
#elif PROBE_LD == 4
#define PROBE_Q ".nc.L1::no_allocate.L2::256B"
#elif PROBE_LD == 5
#define PROBE_Q ".nc.L2::256B"
#elif PROBE_LD == 6
#define PROBE_Q ".L2::128B"
#elif PROBE_LD == 7
#define PROBE_Q ".L1::no_allocate"
#elif PROBE_LD == 8
#define PROBE_Q ".cs"
#elif PROBE_LD == 9
#define PROBE_Q ".lu"
#else
#error "unknown PROBE_LD"
#endif
inline float4 probe_load(__global const float4 *p) {
    float x, y, z, w;
    asm("ld.global" PROBE_Q ".v4.f32 {%0, %1, %2, %3}, [%4];"
        : "=f"(x), "=f"(y), "=f"(z), "=f"(w)
        : "l"(p));
    return (float4)(x, y, z, w);
}
#define PLOAD(p) probe_load(p)
#else
#define PLOAD(p) (*(p))
#endif

// Sum of a[off .. off + n), float4s, grid-stride (consecutive work-items, consecutive float4s).
inline float4 sum_range(__global const float4 *a, const ulong off, const ulong n) {
    const size_t gs = get_global_size(0), id = get_global_id(0);
    float4 s0 = (float4)(0.0f), s1 = (float4)(0.0f);
    size_t i = id;
    for (; i + gs < n; i += 2 * gs) {
        s0 += PLOAD(&a[off + i]);
        s1 += PLOAD(&a[off + i + gs]);
    }
    if (i < n) s0 += PLOAD(&a[off + i]);
    return s0 + s1;
}

__kernel void read_range(__global const float4 *a, const ulong off, const ulong n,
                         __global float *out) {
    const float4 s = sum_range(a, off, n);
    out[get_global_id(0)] = s.x + s.y + s.z + s.w;
}

// Every work-group waits here until all have arrived: bar[0] counts arrivals, the last one
// sets it back to zero and advances the generation bar[1], which the others watch. The wait
// is bounded (spins): a grid larger than the device holds at once would otherwise never end;
// a run that gave up is flagged in bar[2].
inline void grid_wait(__global volatile uint *bar, const uint groups) {
    barrier(CLK_GLOBAL_MEM_FENCE | CLK_LOCAL_MEM_FENCE);
    if (get_local_id(0) == 0) {
        const uint gen = bar[1];
        mem_fence(CLK_GLOBAL_MEM_FENCE);
        if (atomic_inc(&bar[0]) == groups - 1) {
            atomic_xchg(&bar[0], 0u);
            mem_fence(CLK_GLOBAL_MEM_FENCE);
            atomic_inc(&bar[1]);
        } else {
            uint spins = 0;
            while (bar[1] == gen) {
                if (++spins == (1u << 26)) {
                    bar[2] = 1u;
                    break;
                }
            }
        }
        mem_fence(CLK_GLOBAL_MEM_FENCE);
    }
    barrier(CLK_GLOBAL_MEM_FENCE | CLK_LOCAL_MEM_FENCE);
}

// The same read in two parts of n1 and n2 float4s, with the device-wide wait between them.
__kernel void read_wait(__global const float4 *a, const ulong off, const ulong n1,
                        const ulong n2, __global float *out, __global volatile uint *bar) {
    float4 s = sum_range(a, off, n1);
    grid_wait(bar, (uint)(get_num_groups(0)));
    s += sum_range(a, off + n1, n2);
    out[get_global_id(0)] = s.x + s.y + s.z + s.w;
}

// Rows (built with RKL, RU, RPT): a matrix of rows of rowlen float4s read as the stream
// kernel's gate/up phase reads its weights. A work-group of 256 threads is RKL lanes along a
// row by 256 / RKL row groups, each thread taking RPT rows 256 / RKL apart and RU consecutive
// float4s of each a step (RKL * RU * 16 contiguous bytes of a row per step). Rows past the
// matrix are clamped onto its last row and not counted.
#ifdef RKL
#define RNRG (256 / RKL)
__kernel __attribute__((reqd_work_group_size(256, 1, 1)))
void read_rows(__global const float4 *a, const ulong off, const uint rows, const uint rowlen,
               __global float *out) {
    const uint lid = get_local_id(0), lane = lid % RKL, rg = lid / RKL;
    const uint base = get_group_id(0) * RNRG * RPT + rg;
    float4 s = (float4)(0.0f);
    for (uint k = lane * RU; k < rowlen; k += RKL * RU) {
        float4 w[RPT][RU];
#pragma unroll
        for (int j = 0; j < RPT; ++j)
#pragma unroll
            for (int u = 0; u < RU; ++u)
                w[j][u] = PLOAD(&a[off + (size_t)min(base + j * RNRG, rows - 1) * rowlen + k + u]);
#pragma unroll
        for (int j = 0; j < RPT; ++j)
#pragma unroll
            for (int u = 0; u < RU; ++u)
                if (base + j * RNRG < rows) s += w[j][u];
    }
    out[get_global_id(0)] = s.x + s.y + s.z + s.w;
}
#endif

// The tail forms (built with TAIL_W, TAIL_H, TAIL_RED; flashmlp-readprobe --tails): the read of
// one kernel over TAIL_W-thread work-groups, after which every work-group hands on a vector of
// TAIL_H floats, as the stream kernel's slices hand on their partial y at B = 1. The vector's
// values are 1, so the sum over the work-groups is their count (checked by the host).
// read_parts stores it as one row of partial sums, which reduce_parts adds up in a second
// launch (the shipped form: slices, then reduce.cl). read_red adds it into acc with float
// reductions (TAIL_RED 1: one PTX red.global.add.f32 a value on NVIDIA, else a compare-and-swap
// loop; TAIL_RED 4: one red.global.add.v4.f32 a float4, sm_90 and PTX 8.1), then counts its
// work-group done; the last one to count moves acc into y, zeroing acc and the count for the
// next launch. No work-group waits for another.
#ifdef TAIL_W
inline float tail_one(const float4 s) { return s.x >= 0.0f ? 1.0f : 0.0f; } // after the read

__kernel __attribute__((reqd_work_group_size(TAIL_W, 1, 1)))
void read_parts(__global const float4 *a, const ulong off, const ulong n, __global float *out,
                __global float4 *parts) {
    const float4 s = sum_range(a, off, n);
    out[get_global_id(0)] = s.x + s.y + s.z + s.w;
    const float v = tail_one(s);
    __global float4 *row = parts + (size_t)get_group_id(0) * (TAIL_H / 4);
    for (int c = get_local_id(0); c < TAIL_H / 4; c += TAIL_W) row[c] = (float4)(v);
}

// y's float4 c (of TAIL_H / 4) = the sum of the groups' rows; a work-group of 256 threads is 16
// float4 columns by 16 parts of the rows, the parts added in a fixed order in local memory.
__kernel __attribute__((reqd_work_group_size(256, 1, 1)))
void reduce_parts(__global const float4 *parts, const uint groups, __global float4 *y) {
    __local float4 red[256];
    const int lid = get_local_id(0), col = get_group_id(0) * 16 + lid % 16, part = lid / 16;
    float4 s0 = (float4)(0.0f), s1 = (float4)(0.0f);
    uint g = part;
    for (; g + 16 < groups; g += 32) {
        s0 += parts[(size_t)g * (TAIL_H / 4) + col];
        s1 += parts[(size_t)(g + 16) * (TAIL_H / 4) + col];
    }
    if (g < groups) s0 += parts[(size_t)g * (TAIL_H / 4) + col];
    red[lid] = s0 + s1;
    barrier(CLK_LOCAL_MEM_FENCE);
    if (part == 0) {
        float4 t = red[lid];
        for (int q = 1; q < 16; ++q) t += red[q * 16 + lid];
        y[col] = t;
    }
}

#if defined(PROBE_NVIDIA)
inline void tail_fence(void) { asm volatile("membar.gl;" ::: "memory"); }
#else
inline void tail_fence(void) { mem_fence(CLK_GLOBAL_MEM_FENCE); }
#endif

inline void tail_red4(__global float *p, const float4 v) {
#if TAIL_RED == 4
    asm volatile("red.global.add.v4.f32 [%0], {%1, %2, %3, %4};"
                 :: "l"(p), "f"(v.x), "f"(v.y), "f"(v.z), "f"(v.w) : "memory");
#elif defined(PROBE_NVIDIA)
    asm volatile("red.global.add.f32 [%0], %1;" :: "l"(p), "f"(v.x) : "memory");
    asm volatile("red.global.add.f32 [%0], %1;" :: "l"(p + 1), "f"(v.y) : "memory");
    asm volatile("red.global.add.f32 [%0], %1;" :: "l"(p + 2), "f"(v.z) : "memory");
    asm volatile("red.global.add.f32 [%0], %1;" :: "l"(p + 3), "f"(v.w) : "memory");
#else
    const float e[4] = {v.x, v.y, v.z, v.w};
    for (int k = 0; k < 4; ++k) {
        volatile __global uint *q = (volatile __global uint *)(p + k);
        uint old = *q, seen;
        while ((seen = atomic_cmpxchg(q, old, as_uint(as_float(old) + e[k]))) != old) old = seen;
    }
#endif
}

__kernel __attribute__((reqd_work_group_size(TAIL_W, 1, 1)))
void read_red(__global const float4 *a, const ulong off, const ulong n, __global float *out,
              __global float *acc, __global volatile uint *ctr, __global float *y) {
    __local int last;
    const float4 s = sum_range(a, off, n);
    const int lid = get_local_id(0);
    out[get_global_id(0)] = s.x + s.y + s.z + s.w;
    const float v = tail_one(s);
    for (int c = lid; c < TAIL_H / 4; c += TAIL_W) tail_red4(acc + 4 * c, (float4)(v));
    tail_fence(); // this thread's additions, before the count
    barrier(CLK_GLOBAL_MEM_FENCE | CLK_LOCAL_MEM_FENCE);
    if (lid == 0) last = atomic_inc(ctr) == get_num_groups(0) - 1;
    barrier(CLK_LOCAL_MEM_FENCE);
    if (!last) return; // the same for the whole work-group
    tail_fence();
    for (int c = lid; c < TAIL_H; c += TAIL_W)
        y[c] = atomic_xchg((volatile __global float *)acc + c, 0.0f);
    if (lid == 0) atomic_xchg(ctr, 0u);
}
#endif
