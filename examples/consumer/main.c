/* A program outside the FlashMLP tree: a small SwiGLU MLP on the default device. */
#include <flashmlp/flashmlp.h>
#include <stdio.h>

int main(void)
{
    enum { H = 8, I = 16 };
    static float gate[I * H], up[I * H], down[H * I], x[H], y[H];
    for (int i = 0; i < I * H; ++i) gate[i] = up[i] = down[i] = (float)(i % 7 - 3) / 16.0f;
    for (int i = 0; i < H; ++i) x[i] = (float)i / H;

    fmlp_context *ctx = NULL;
    fmlp_plan *plan = NULL;
    fmlp_weights *w = NULL;
    cl_command_queue q = NULL;
    fmlp_plan_desc desc;
    fmlp_plan_desc_init(&desc); /* gated SiLU (SwiGLU), fp32, max_batch 1 */
    desc.hidden = H;
    desc.intermediate = I;
    fmlp_host_weights hw = {gate, up, down, NULL, NULL, NULL};
    fmlp_status st = fmlp_context_create_default(NULL, &ctx);
    if (!st) st = fmlp_context_create_queue(ctx, &q);
    if (!st) st = fmlp_plan_create(ctx, &desc, &plan);
    if (!st) st = fmlp_weights_create_host(plan, q, &hw, &w);
    cl_mem xb = NULL, yb = NULL;
    if (!st) {
        cl_context cl = fmlp_context_cl_context(ctx);
        xb = clCreateBuffer(cl, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof x, x, NULL);
        yb = clCreateBuffer(cl, CL_MEM_WRITE_ONLY, sizeof y, NULL, NULL);
        st = fmlp_forward(plan, w, q, 1, xb, 0, yb, 0, NULL, 0, NULL, NULL);
    }
    if (!st) st = (fmlp_status)clEnqueueReadBuffer(q, yb, CL_TRUE, 0, sizeof y, y, 0, NULL, NULL);
    if (st) fprintf(stderr, "flashmlp: %s\n", fmlp_status_string(st));
    else printf("FlashMLP %s: y[0] = %.6f, y[%d] = %.6f\n", FMLP_VERSION_STRING, y[0], H - 1, y[H - 1]);
    if (xb) clReleaseMemObject(xb);
    if (yb) clReleaseMemObject(yb);
    if (q) clReleaseCommandQueue(q);
    fmlp_weights_release(w);
    fmlp_plan_release(plan);
    fmlp_context_release(ctx);
    return st ? 1 : 0;
}
