/* What CL_KERNEL_WORK_GROUP_SIZE an OpenCL driver reports for small kernels with and without
 * reqd_work_group_size, local memory and barriers (thirteenth session: NVIDIA's driver allowed
 * a 32-register kernel only 256 work-items). Build: cc wgsize.c -lOpenCL -o wgsize */
#define CL_TARGET_OPENCL_VERSION 120
#include <CL/cl.h>
#include <stdio.h>

static const char *src =
    "__kernel __attribute__((reqd_work_group_size(1024,1,1))) void r1024(__global float *o)\n"
    "{ o[get_global_id(0)] = 1.0f; }\n"
    "__kernel void plain(__global float *o) { o[get_global_id(0)] = 1.0f; }\n"
    "__kernel __attribute__((reqd_work_group_size(1024,1,1))) void r1024_local(__global float *o)\n"
    "{ __local float s[4096]; s[get_local_id(0)] = o[get_global_id(0)];\n"
    "  barrier(CLK_LOCAL_MEM_FENCE); o[get_global_id(0)] = s[1023 - get_local_id(0)] + 0.0f * o[0]; }\n"
    "__kernel __attribute__((reqd_work_group_size(512,1,1))) void r512_local(__global float *o)\n"
    "{ __local float s[4096]; s[get_local_id(0)] = o[get_global_id(0)];\n"
    "  barrier(CLK_LOCAL_MEM_FENCE); o[get_global_id(0)] = s[511 - get_local_id(0)]; }\n"
    "__kernel void plain_local(__global float *o)\n"
    "{ __local float s[1024]; s[get_local_id(0)] = o[get_global_id(0)];\n"
    "  barrier(CLK_LOCAL_MEM_FENCE); o[get_global_id(0)] = s[get_local_size(0) - 1 - get_local_id(0)]; }\n";

int main(void)
{
    cl_platform_id plat[8];
    cl_uint np = 0;
    clGetPlatformIDs(8, plat, &np);
    for (cl_uint p = 0; p < np; ++p) {
        cl_device_id dev;
        if (clGetDeviceIDs(plat[p], CL_DEVICE_TYPE_ALL, 1, &dev, NULL) != CL_SUCCESS) continue;
        char name[256] = "";
        clGetDeviceInfo(dev, CL_DEVICE_NAME, sizeof name, name, NULL);
        cl_int err = 0;
        cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
        cl_program prog = clCreateProgramWithSource(ctx, 1, &src, NULL, &err);
        const char *opts[] = {"-cl-std=CL1.2", "-cl-std=CL1.2 -cl-nv-verbose"};
        for (int o = 0; o < 2; ++o) {
            err = clBuildProgram(prog, 1, &dev, opts[o], NULL, NULL);
            if (err) {
                printf("%s: build with \"%s\": error %d\n", name, opts[o], err);
                continue;
            }
            const char *ks[] = {"r1024", "plain", "r1024_local", "r512_local", "plain_local"};
            for (int k = 0; k < 5; ++k) {
                cl_kernel kern = clCreateKernel(prog, ks[k], &err);
                size_t wg = 0, cwg[3] = {0, 0, 0};
                cl_ulong lm = 0, pm = 0;
                clGetKernelWorkGroupInfo(kern, dev, CL_KERNEL_WORK_GROUP_SIZE, sizeof wg, &wg, NULL);
                clGetKernelWorkGroupInfo(kern, dev, CL_KERNEL_COMPILE_WORK_GROUP_SIZE, sizeof cwg, cwg, NULL);
                clGetKernelWorkGroupInfo(kern, dev, CL_KERNEL_LOCAL_MEM_SIZE, sizeof lm, &lm, NULL);
                clGetKernelWorkGroupInfo(kern, dev, CL_KERNEL_PRIVATE_MEM_SIZE, sizeof pm, &pm, NULL);
                /* then launched with the compiled size (1024 where none), its outputs checked */
                const size_t local = cwg[0] ? cwg[0] : 1024, global = 4 * local;
                float host[4096];
                for (size_t i = 0; i < global; ++i) host[i] = (float)i;
                cl_command_queue q = clCreateCommandQueue(ctx, dev, 0, &err);
                cl_mem buf = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR,
                                            sizeof(float) * global, host, &err);
                clSetKernelArg(kern, 0, sizeof buf, &buf);
                cl_int lerr = clEnqueueNDRangeKernel(q, kern, 1, NULL, &global, &local, 0, NULL, NULL);
                cl_int ferr = clFinish(q);
                clEnqueueReadBuffer(q, buf, CL_TRUE, 0, sizeof(float) * global, host, 0, NULL, NULL);
                int ok = 1;
                for (size_t i = 0; i < global; ++i) {
                    const size_t g = i / local, l = i % local;
                    const float want = k < 2 ? 1.0f : (float)(g * local + (local - 1 - l));
                    if (host[i] != want) ok = 0;
                }
                printf("%s [%s] %s: work-group size %zu, compiled %zu, local %llu, private %llu; "
                       "launched with %zu: enqueue %d, finish %d, outputs %s\n",
                       name, opts[o], ks[k], wg, cwg[0], (unsigned long long)lm,
                       (unsigned long long)pm, local, lerr, ferr, ok ? "right" : "WRONG");
                clReleaseMemObject(buf);
                clReleaseCommandQueue(q);
                clReleaseKernel(kern);
            }
        }
        clReleaseProgram(prog);
        clReleaseContext(ctx);
    }
    return 0;
}
