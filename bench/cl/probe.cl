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
