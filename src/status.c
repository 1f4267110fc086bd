/* Status names: FlashMLP's own codes and OpenCL's, in one table each. */
#include "internal.h"

static const struct {
    int code;
    const char *text;
} status_names[] = {
    {FMLP_SUCCESS, "success"},
    {FMLP_ERROR_NULL_POINTER, "a required pointer or handle is NULL"},
    {FMLP_ERROR_INVALID_SIZE, "a size is zero or too large"},
    {FMLP_ERROR_BATCH_TOO_LARGE, "batch exceeds the plan's max_batch"},
    {FMLP_ERROR_BUFFER_TOO_SMALL, "a buffer is smaller than the shape needs"},
    {FMLP_ERROR_INVALID_ENUM, "an enum field holds an unknown value"},
    {FMLP_ERROR_CONTEXT_MISMATCH, "a queue or buffer belongs to another context or device"},
    {FMLP_ERROR_MISSING_WEIGHT, "a weight or bias the plan needs was not given"},
    {FMLP_ERROR_UNEXPECTED_WEIGHT, "a weight or bias was given that the plan does not use"},
    {FMLP_ERROR_INVALID_PARAMETER,
     "a tuning parameter is malformed, unknown, out of range or not valid with the others given"},
    {FMLP_ERROR_INVALID_SELECTOR, "the device selector cannot be parsed"},
    {FMLP_ERROR_MISALIGNED, "a byte offset is not a multiple of the element size"},
    {FMLP_ERROR_WEIGHTS_MISMATCH, "the weights were packed for an incompatible plan"},
    {FMLP_ERROR_ALIASING, "output, input or workspace ranges overlap"},
    {FMLP_ERROR_BATCH_TOO_SMALL, "batch is below the plan's min_batch"},
    {FMLP_ERROR_UNSUPPORTED_DTYPE, "this dtype combination is not supported"},
    {FMLP_ERROR_DEVICE_NOT_FOUND, "no OpenCL device matches the selector"},
    {FMLP_ERROR_EXTENSION_MISSING, "the device lacks a required extension"},
    {FMLP_ERROR_DEVICE_LIMIT, "the shape exceeds a device limit"},
    {FMLP_ERROR_NO_FITTING_KERNEL, "no kernel variant fits the device's limits"},
    {FMLP_ERROR_BUILD_FAILED, "kernel build failed (see the build log)"},
    {FMLP_ERROR_DATABASE_INVALID, "a tuning database is damaged"},
    {FMLP_ERROR_DATABASE_NO_ENTRY, "no tuning database entry matches"},
    {FMLP_ERROR_OUT_OF_HOST_MEMORY, "out of host memory"},
    {FMLP_ERROR_IO, "a file could not be read or written"},
    {FMLP_ERROR_CACHE_INVALID, "a program cache entry is damaged"},
    {FMLP_ERROR_INTERNAL, "internal error"},
};

#define CL_NAME(c) {c, #c}
static const struct {
    int code;
    const char *text;
} cl_names[] = {
    CL_NAME(CL_DEVICE_NOT_FOUND), CL_NAME(CL_DEVICE_NOT_AVAILABLE),
    CL_NAME(CL_COMPILER_NOT_AVAILABLE), CL_NAME(CL_MEM_OBJECT_ALLOCATION_FAILURE),
    CL_NAME(CL_OUT_OF_RESOURCES), CL_NAME(CL_OUT_OF_HOST_MEMORY),
    CL_NAME(CL_PROFILING_INFO_NOT_AVAILABLE), CL_NAME(CL_MEM_COPY_OVERLAP),
    CL_NAME(CL_IMAGE_FORMAT_MISMATCH), CL_NAME(CL_IMAGE_FORMAT_NOT_SUPPORTED),
    CL_NAME(CL_BUILD_PROGRAM_FAILURE), CL_NAME(CL_MAP_FAILURE),
    CL_NAME(CL_MISALIGNED_SUB_BUFFER_OFFSET), CL_NAME(CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST),
    CL_NAME(CL_INVALID_VALUE), CL_NAME(CL_INVALID_DEVICE_TYPE), CL_NAME(CL_INVALID_PLATFORM),
    CL_NAME(CL_INVALID_DEVICE), CL_NAME(CL_INVALID_CONTEXT), CL_NAME(CL_INVALID_QUEUE_PROPERTIES),
    CL_NAME(CL_INVALID_COMMAND_QUEUE), CL_NAME(CL_INVALID_HOST_PTR), CL_NAME(CL_INVALID_MEM_OBJECT),
    CL_NAME(CL_INVALID_IMAGE_FORMAT_DESCRIPTOR), CL_NAME(CL_INVALID_IMAGE_SIZE),
    CL_NAME(CL_INVALID_SAMPLER), CL_NAME(CL_INVALID_BINARY), CL_NAME(CL_INVALID_BUILD_OPTIONS),
    CL_NAME(CL_INVALID_PROGRAM), CL_NAME(CL_INVALID_PROGRAM_EXECUTABLE),
    CL_NAME(CL_INVALID_KERNEL_NAME), CL_NAME(CL_INVALID_KERNEL_DEFINITION),
    CL_NAME(CL_INVALID_KERNEL), CL_NAME(CL_INVALID_ARG_INDEX), CL_NAME(CL_INVALID_ARG_VALUE),
    CL_NAME(CL_INVALID_ARG_SIZE), CL_NAME(CL_INVALID_KERNEL_ARGS),
    CL_NAME(CL_INVALID_WORK_DIMENSION), CL_NAME(CL_INVALID_WORK_GROUP_SIZE),
    CL_NAME(CL_INVALID_WORK_ITEM_SIZE), CL_NAME(CL_INVALID_GLOBAL_OFFSET),
    CL_NAME(CL_INVALID_EVENT_WAIT_LIST), CL_NAME(CL_INVALID_EVENT), CL_NAME(CL_INVALID_OPERATION),
    CL_NAME(CL_INVALID_GL_OBJECT), CL_NAME(CL_INVALID_BUFFER_SIZE), CL_NAME(CL_INVALID_MIP_LEVEL),
    CL_NAME(CL_INVALID_GLOBAL_WORK_SIZE), CL_NAME(CL_INVALID_PROPERTY),
};

const char *fmlp_status_string(fmlp_status status)
{
    for (size_t i = 0; i < sizeof status_names / sizeof *status_names; ++i)
        if (status_names[i].code == (int)status) return status_names[i].text;
    for (size_t i = 0; i < sizeof cl_names / sizeof *cl_names; ++i)
        if (cl_names[i].code == (int)status) return cl_names[i].text;
    return (int)status < 0 ? "unknown OpenCL error" : "unknown FlashMLP status";
}
