// mmav's gate/up kernel with its warps specialized (ws > 0: SWS ring slots; the 32- and 16-bit
// formats, kw=1, no pf, no pl, H a multiple of 4; host-checked).
//
// mlp_mmav.cl's kernel has each warp load a step of its weights, wait for them, then compute
// on them (the ninth and sixteenth sessions' knock-outs on an H200: 142 us with both, 129.5
// without the mma, 85 without the weight loads), and its registers keep about 430 threads a
// compute unit, too few loads in flight for the copy bandwidth. Here a work-group has SWARPS
// compute warps and as many loader warps. Loader warp SWARPS + c loads exactly the weight
// registers that compute warp c takes into its mma, a step at a time, and hands them over
// through a ring of SWS slots in local memory, each lane's values to the same lane of c (so
// the ring's accesses are conflict-free 16- or 8-byte stores and loads). Slots change hands
// through named barriers (PTX bar.arrive / bar.sync with an id and the work-group's thread
// count; id 0 stays OpenCL's barrier): FULL(slot) = 1 + slot, EMPTY(slot) = 1 + SWS + slot.
// A loader keeps two steps' loads in flight (the next step's issued before it stores this one,
// waiting for its slot to empty), and holds no accumulators; compute warps read a slot half a
// chunk at a time, so that few of a step's weights are live in their registers at once. (The
// first form, one step in flight and the whole step read at once, took 239-261 us for fp32 at
// B=16 against the shipped kernel's 200: bench/results/2026-11-27-h200-s19-ws.)
//
// Emulated (FMLP_MMA_EMULATE), every warp runs both halves of every step between work-group
// barriers, the loaders computing results that they drop: the emulated mma needs every warp
// of the work-group at its barriers. Same results, one slot used.

#if SWS > 0
#if !FMLP_W_ELEMENTWISE || SKW != 1 || SPF || SPL > 0 || (FMLP_H % 4) || SWS > 7
#error "ws > 0 is for the 32- and 16-bit formats, kw=1, no pf or pl, H a multiple of 4, ws <= 7"
#endif
#define WS_THREADS (2 * SWARPS * 32)
#define WS_N (SKU * NP * SFM * 4) // raw vectors a lane hands over a step
#define WS_IDX(c, p, i, r, q) ((((c) * NP + (p)) * SFM + (i)) * 4 + (r) * 2 + (q))
#if !FMLP_MMA_EMULATE
#define WS_ARRIVE(id) asm volatile("bar.arrive %0, %1;" ::"r"(id), "r"(WS_THREADS) : "memory")
#define WS_SYNC(id) asm volatile("bar.sync %0, %1;" ::"r"(id), "r"(WS_THREADS) : "memory")
#endif

__kernel __attribute__((reqd_work_group_size(WS_THREADS, 1, 1)))
void fmlp_mmav_gateup(__global const A_T *restrict x, const ulong x_off,
                      __global const W_T *restrict gate,
                      __global const W_T *restrict up,
                      __global const float *restrict b_gate,
                      __global const float *restrict b_up,
                      __global float *restrict h, const ulong h_off,
                      const int batch)
{
#if FMLP_MMA_EMULATE
    __local uint emu[2 * SWARPS * 6 * 32];
#endif
    __local VWRAW_T ring[SWS * SWARPS * WS_N * 32];
    x += x_off;
    h += h_off;
    const int lid = (int)get_local_id(0), warp = lid / 32, lane = lid % 32;
    const int g = lane >> 2, t = lane & 3;
    const int cw = warp % SWARPS, loader = warp >= SWARPS;
    const int n0 = ((int)get_group_id(0) * SWARPS + cw) * 16 * SFM;
    const int b0 = (int)get_group_id(1) * 8 * SFB;
    const int nsteps = (FMLP_H + 32 * SKU - 1) / (32 * SKU);
    // this warp's part of slot s: WS_N vectors of 32 lanes
#define WS_SLOT(s) (ring + ((s) * SWARPS + cw) * WS_N * 32 + lane)

    // rows past I are clamped onto valid memory; their results are dropped
    fmlp_wrow wrow[NP][SFM][2];
#pragma unroll
    for (int i = 0; i < SFM; ++i)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            const int row = min(n0 + i * 16 + g + 8 * r, FMLP_I - 1);
#if FMLP_GATED
            wrow[0][i][r] = FMLP_ROW(gate, row);
            wrow[1][i][r] = FMLP_ROW(up, row);
#else
            wrow[0][i][r] = FMLP_ROW(up, row);
#endif
        }
    // a step's weights: lane (g, t)'s eight values of each 32-wide chunk of its rows
#define WS_LOAD(w, kc)                                                                       \
    do {                                                                                     \
        for (int c_ = 0; c_ < SKU; ++c_)                                                     \
            for (int p_ = 0; p_ < NP; ++p_)                                                  \
                for (int i_ = 0; i_ < SFM; ++i_)                                             \
                    for (int r_ = 0; r_ < 2; ++r_)                                           \
                        for (int q_ = 0; q_ < 2; ++q_)                                       \
                            (w)[WS_IDX(c_, p_, i_, r_, q_)] = FMLP_LDW_H(                    \
                                wrow[p_][i_][r_], (kc) + 32 * c_ + V_KQ(q_), FMLP_H);        \
    } while (0)

    // step s's weights w into its slot, once its compute warps have taken step s - SWS
#define WS_PUT(w, s)                                                                         \
    do {                                                                                     \
        const int slot_ = (s) % SWS;                                                         \
        if ((s) >= SWS) WS_SYNC(1 + SWS + slot_);                                            \
        __local VWRAW_T *d_ = WS_SLOT(slot_);                                                \
        for (int n_ = 0; n_ < WS_N; ++n_) d_[n_ * 32] = (w)[n_];                             \
        WS_ARRIVE(1 + slot_);                                                                \
    } while (0)

#if !FMLP_MMA_EMULATE
    if (loader) {
        // two steps' loads in flight: step s + 1's are issued before step s is stored (which
        // waits for step s's loads and, from the (SWS + 1)-th step, for its slot to empty)
        VWRAW_T wa[WS_N], wb[WS_N];
        WS_LOAD(wa, 0);
        for (int s = 0; s < nsteps; s += 2) {
            if (s + 1 < nsteps) WS_LOAD(wb, (s + 1) * 32 * SKU);
            WS_PUT(wa, s);
            if (s + 1 >= nsteps) break;
            if (s + 2 < nsteps) WS_LOAD(wa, (s + 2) * 32 * SKU);
            WS_PUT(wb, s + 1);
        }
        return;
    }
#endif

    __global const A_T *xrow[SFB];
    int xok[SFB];
#pragma unroll
    for (int j = 0; j < SFB; ++j) {
        const int b = b0 + j * 8 + g;
        xok[j] = b < batch;
        xrow[j] = x + (size_t)min(b, batch - 1) * FMLP_H;
    }
    float acc[NP][SFM][SFB][4], tile[NP][SFM][SFB][4];
#pragma unroll
    for (int p = 0; p < NP; ++p)
#pragma unroll
        for (int i = 0; i < SFM; ++i)
#pragma unroll
            for (int j = 0; j < SFB; ++j)
#pragma unroll
                for (int r = 0; r < 4; ++r) acc[p][i][j][r] = tile[p][i][j][r] = 0.0f;

    for (int s = 0; s < nsteps; ++s) {
        const int kc = s * 32 * SKU;
        float4 xv[SKU][SFB][2];
#pragma unroll
        for (int c = 0; c < SKU; ++c)
#pragma unroll
            for (int j = 0; j < SFB; ++j) {
                const int k = kc + c * 32;
                xv[c][j][0] = xok[j] ? fmlp_ldx4(xrow[j], k + V_KQ(0), FMLP_H) : (float4)(0.0f);
                xv[c][j][1] = xok[j] ? fmlp_ldx4(xrow[j], k + V_KQ(1), FMLP_H) : (float4)(0.0f);
            }
#if FMLP_MMA_EMULATE
        if (loader) {
            VWRAW_T w[WS_N];
            WS_LOAD(w, kc);
            __local VWRAW_T *d = WS_SLOT(0);
            for (int n = 0; n < WS_N; ++n) d[n * 32] = w[n];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        __local const VWRAW_T *src = WS_SLOT(0);
#else
        const int slot = s % SWS;
        WS_SYNC(1 + slot); // the loader has filled it
        __local const VWRAW_T *src = WS_SLOT(slot);
#endif
        // the slot read a half-chunk at a time (the four-weight vectors of k8 steps 2q and
        // 2q + 1), so that few of the step's weights are live at once
#pragma unroll
        for (int c = 0; c < SKU; ++c)
#pragma unroll
            for (int q = 0; q < 2; ++q) {
                float4 wd[NP][SFM][2];
#pragma unroll
                for (int p = 0; p < NP; ++p)
#pragma unroll
                    for (int i = 0; i < SFM; ++i)
#pragma unroll
                        for (int r = 0; r < 2; ++r)
                            wd[p][i][r] = VWDEC(src[WS_IDX(c, p, i, r, q) * 32]);
#pragma unroll
                for (int kk = 0; kk < 2; ++kk) {
                    uint bb[SFB][2], bs[SFB][2];
#pragma unroll
                    for (int j = 0; j < SFB; ++j) {
                        fmlp_split(ELEM4(xv[c][j][q], 2 * kk), &bb[j][0], &bs[j][0]);
                        fmlp_split(ELEM4(xv[c][j][q], 2 * kk + 1), &bb[j][1], &bs[j][1]);
                    }
#pragma unroll
                    for (int p = 0; p < NP; ++p)
#pragma unroll
                        for (int i = 0; i < SFM; ++i) {
                            uint ab[4], as[4];
                            fmlp_split(ELEM4(wd[p][i][0], 2 * kk), &ab[0], &as[0]);
                            fmlp_split(ELEM4(wd[p][i][1], 2 * kk), &ab[1], &as[1]);
                            fmlp_split(ELEM4(wd[p][i][0], 2 * kk + 1), &ab[2], &as[2]);
                            fmlp_split(ELEM4(wd[p][i][1], 2 * kk + 1), &ab[3], &as[3]);
#pragma unroll
                            for (int j = 0; j < SFB; ++j)
                                MMA3_WA(tile[p][i][j], ab, as, bb[j], bs[j]);
                        }
                }
            }
#if FMLP_MMA_EMULATE
        barrier(CLK_LOCAL_MEM_FENCE);
#else
        if (s + SWS < nsteps) WS_ARRIVE(1 + SWS + slot); // the loader may refill it
#endif
#pragma unroll
        for (int p = 0; p < NP; ++p)
#pragma unroll
            for (int i = 0; i < SFM; ++i)
#pragma unroll
                for (int j = 0; j < SFB; ++j) FLUSH(acc[p][i][j], tile[p][i][j]);
    }
#undef WS_SLOT
#undef WS_LOAD
#undef WS_PUT
#if FMLP_MMA_EMULATE
    if (loader) return;
#endif

    // lane (g, t): rows g and g + 8 of the m16 tile (units of I), batch columns 2t and 2t + 1
#pragma unroll
    for (int i = 0; i < SFM; ++i)
#pragma unroll
        for (int j = 0; j < SFB; ++j)
#pragma unroll
            for (int r = 0; r < 4; ++r) {
                const int n = n0 + i * 16 + g + 8 * (r >> 1);
                const int b = b0 + j * 8 + 2 * t + (r & 1);
                if (b < batch && n < FMLP_I) {
                    h[(size_t)b * FMLP_I + n] = fmlp_hidden_biased(
                        acc[0][i][j][r], acc[FMLP_GATED][i][j][r], b_gate, b_up, n);
                }
            }
}
#endif // SWS > 0
